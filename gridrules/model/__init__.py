"""Pydantic v2 models of every kind of rule-pack file (the pack's shape, no policy)."""
