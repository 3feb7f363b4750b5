"""Progress of a long run on stderr: records done, rate, errors so far (at most every few seconds)."""

from __future__ import annotations

import time

import click

from gridrules.catalogue import t

EVERY = 2.0  # seconds between progress lines


class Progress:
    def __init__(self, what: str, quiet: bool = False):
        self.what = what
        self.quiet = quiet
        self.started = self.shown = time.monotonic()
        self.records = self.errors = 0
        self.lines = 0  # progress lines shown: a run short enough to show none ends silently too

    def __call__(self, records: int, errors: int) -> None:
        self.records, self.errors = records, errors
        now = time.monotonic()
        if now - self.shown >= EVERY:
            self.shown = now
            self._line(now)

    def done(self, records: int, errors: int) -> None:
        """The last line, of the run's own counts (``records``, ``errors``: its tally's, which the summary
        says too) -- not of the last line's, which a record held back and judged last is missing from."""
        self.records, self.errors = records, errors
        if self.lines:
            self._line(time.monotonic(), final=True)

    def _line(self, now: float, final: bool = False) -> None:
        if self.quiet:
            return
        self.lines += 1
        rate = self.records / max(now - self.started, 1e-9)
        head = t("assess.progress_done") if final else t("assess.progress_running")
        click.echo(t("assess.progress", what=self.what, head=head, records=self.records, rate=rate,
                     errors=self.errors, seconds=now - self.started), err=True)
