"""The rule pack: strict YAML, file models, JSON Schemas, layout, cross-references, the loaded Pack."""
