"""Changing the pack: application review, the admission list, temporary approvals, history, the atomic store."""
