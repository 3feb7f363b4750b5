"""The decision log: an append-only, hash-chained record of what was decided, on which rules.

One small storage interface (``store.LogStore``) with two implementations: SQLite
(stdlib ``sqlite3``, WAL; the default, a file next to the pack) and PostgreSQL
(``psycopg`` 3).  ``open_log(url)`` picks one from a URL.

The public surface for a library caller (docs/dispatchers.md, "Python 库"): ``open_log``;
``log_decision`` (append a decision as the command line and the service do: free text
dropped or hashed as the pack's ``decision_log:`` says -- never write ``decision.model_dump()``
into a table of your own, which keeps residents' names as written); ``LogStore``'s
``head()``, ``verify()``, ``records()`` and ``close()``; and ``replay`` (decide the logged inputs
again with a candidate pack; ``Replay.as_dict()`` is ``gridrules replay --format json``'s document).
A log that cannot be written or read raises ``gridrules.LogUnavailable`` (try again later); a bad
URL ``InputError`` naming ``log``.  Other modules here are the tool's own.
"""

from .minimise import entry, log_decision
from .open import open_log
from .records import Entry, Record
from .replay import Replay, replay
from .store import LogStore

__all__ = ["Entry", "LogStore", "Record", "Replay", "entry", "log_decision", "open_log", "replay"]
