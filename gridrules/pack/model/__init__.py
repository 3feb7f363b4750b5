"""Pydantic models of the pack's files, one module per folder of the pack."""
