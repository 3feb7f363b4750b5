"""gridrules command line: one small module per command."""
