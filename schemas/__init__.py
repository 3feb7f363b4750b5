"""JSON Schemas (draft 2020-12) for pack files and for task, event and decision documents."""
