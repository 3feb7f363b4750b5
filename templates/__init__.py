"""Pack templates for ``gridrules init --template``: minimal, a commented skeleton (data only)."""
