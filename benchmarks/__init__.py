"""Benchmarks of gridrules against a plain-Python baseline and a zen-engine graph (see README.md)."""
