"""Group commit: decisions from many concurrent requests, one transaction and one sync.

A request hands its entries to ``GroupCommit.append`` and waits; one committer thread
takes everything waiting and appends it in one transaction, then wakes each request,
which only then answers.  Under load many decisions share one sync; alone, a request
waits for its own commit only (no timer: nothing is held back waiting for company).
"""

from __future__ import annotations

from gridrules.catalogue import t

import threading
from concurrent.futures import Future

from .records import Entry, Record
from .store import LogStore


class GroupCommit:
    def __init__(self, store: LogStore) -> None:
        self.store = store
        self._waiting: list[tuple[list[Entry], Future[list[Record]]]] = []
        self._cond = threading.Condition()
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="decision-log", daemon=True)
        self._thread.start()

    def append(self, entries: list[Entry]) -> list[Record]:
        """Append ``entries`` (in one transaction with whatever else is waiting); returns once durable,
        or raises what the store raised -- then nothing of this group is in the log."""
        done: Future[list[Record]] = Future()
        with self._cond:
            if self._closed:
                raise RuntimeError(t("log.closed"))
            self._waiting.append((entries, done))
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
                records = self.store.append([e for entries, _ in group for e in entries])
            except BaseException as exc:  # noqa: BLE001 - handed to every waiting request
                for _, done in group:
                    done.set_exception(exc)
                continue
            at = 0
            for entries, done in group:
                done.set_result(records[at:at + len(entries)])
                at += len(entries)

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify()
        self._thread.join()
        self.store.close()
