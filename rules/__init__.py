"""The default rule pack: Dazu District grid governance policy (data only)."""
