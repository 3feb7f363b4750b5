"""``gridrules serve``: the library behind HTTP, for dispatch systems, departments, the secretariat and towns.

The service holds no policy: every endpoint calls the function the matching CLI
command calls (``Checker``, ``change.workflow``, ``change.temporary``, the pack's
lists) and answers with the same documents.
"""
