"""GR003: a numbered session dated in another year (2027年第1次 held on 2026-12-30); GR004: an item
giving a session another date than the history (or an item before it) gives.

The session's one home (``pack.sessions``) refuses such a decision when it is recorded;
a pack holding one already (an item written by hand, or a history entry recorded before
the check) loads and decides, so lint warns at the session.  A warning, not an error:
a history entry cannot be corrected afterwards, and lint would otherwise fail for good.
GR004 is an error, what ``validate`` refuses (``pack.sessions.problems``): an item can be put right.
"""

from __future__ import annotations

from typing import Iterator

from gridrules.catalogue import t
from gridrules.catalogue.humane import session_words
from gridrules.lint.context import LintContext
from gridrules.lint.findings import Check, Finding
from gridrules.pack import sessions

YEAR = Check("GR003", "session-year-not-its-date", "warning")
DATES = Check("GR004", "session-dates-differ", "error")

CHECKS = (YEAR, DATES)


def run(ctx: LintContext) -> Iterator[Finding]:
    for known in sessions.misdated(ctx.pack):
        yield ctx.finding(YEAR, t("finding.session_year", session=session_words(known.session), year=known.session[:4],
                                  on=known.date, where=known.where),
                          known.rel, known.path + ("session",), known.session)
    for known, message in sessions.contradictions(ctx.pack):
        yield ctx.finding(DATES, message, known.rel, known.path + ("date",), known.session)
