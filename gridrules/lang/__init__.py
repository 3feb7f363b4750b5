"""The condition language of written rules: parse, translate to durable_rules, render in Chinese."""
