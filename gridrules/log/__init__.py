"""The decision log: an append-only, hash-chained record of what was decided, on which rules.

One small storage interface (``store.LogStore``) with two implementations: SQLite
(stdlib ``sqlite3``, WAL; the default, a file next to the pack) and PostgreSQL
(``psycopg`` 3).  ``open_log(url)`` picks one from a URL.
"""

from .open import open_log
from .records import Entry, Record

__all__ = ["Entry", "Record", "open_log"]
