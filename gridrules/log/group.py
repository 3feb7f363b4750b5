"""Group commit: decisions from many concurrent requests, one transaction and one sync.

A request hands its entries to ``GroupCommit.append`` and waits; one committer thread
takes everything waiting and appends it in one transaction, then wakes each request,
which only then answers.  Under load many decisions share one sync; alone, a request
waits for its own commit only (no timer: nothing is held back waiting for company).
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import Future

from gridrules.catalogue import t
from gridrules.errors import LogUnavailable

from .keys import Claim, Kept
from .records import Entry, Record
from .store import LogStore


# how long an append's failure says the log is unavailable without asking it again: a full disk
# fails only on writing, which a probe does not do; after this a probe decides (so a service taken
# out of a load balancer for it, and sent nothing more, is let back once the log answers)
FAILURE_HELD_SECONDS = 10.0


class GroupCommit:
    def __init__(self, store: LogStore) -> None:
        self.store = store
        self._failed: tuple[float, str] | None = None  # the last append's failure (when, why), until one succeeds
        self._waiting: list[tuple[list[Entry], Claim | None, Future[list[Record] | Kept]]] = []
        self._cond = threading.Condition()
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="decision-log", daemon=True)
        self._thread.start()

    def append(self, entries: list[Entry], claim: Claim | None = None) -> list[Record] | Kept:
        """Append ``entries`` (in one transaction with whatever else is waiting), keeping ``claim`` with
        them (``LogStore.append_keyed``: what its key holds already, if it does, and nothing appended);
        returns once durable, or raises what the store raised -- then nothing of this group is in the log."""
        done: Future[list[Record] | Kept] = Future()
        with self._cond:
            if self._closed:
                raise RuntimeError(t("log.closed"))
            self._waiting.append((entries, claim, done))
            self._cond.notify()
        return done.result()

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._waiting and not self._closed:
                    self._cond.wait()
                if not self._waiting:
                    return
                group, self._waiting = self._waiting, []
            try:
                results = self.store.append_keyed([(entries, claim) for entries, claim, _ in group])
            except BaseException as exc:  # noqa: BLE001 - handed to every waiting request
                if isinstance(exc, LogUnavailable):
                    self._failed = (time.monotonic(), str(exc))
                for _, _, done in group:
                    done.set_exception(exc)
                continue
            self._failed = None
            for (_, _, done), result in zip(group, results):
                done.set_result(result)

    def unavailable(self) -> str | None:
        """Why the log cannot be written now (the database's own words: for the server's log, never a
        client's answer), or None: an append's failure in the last ``FAILURE_HELD_SECONDS``, else a probe."""
        failed = self._failed
        if failed is not None and time.monotonic() - failed[0] < FAILURE_HELD_SECONDS:
            return failed[1]
        try:
            self.store.probe()
        except LogUnavailable as exc:
            return str(exc)
        return None

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify()
        self._thread.join()
        self.store.close()
