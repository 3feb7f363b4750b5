"""``gridrules lint``: analysis across a whole rule pack, before it goes live.

One module per family of checks, each with stable codes (see ``CHECKS``):

* GR001 -- the pack does not load (each problem the loader found);
* GR002 ``integrity`` -- files changed outside the workflow (what ``validate`` refuses);
* GR003, GR004 ``sessions`` -- a numbered session dated in another year; an item giving a session
  another date than the history (what ``validate`` refuses);
* GR1xx ``items``, ``overlap`` -- the admission list;
* GR2xx ``events`` -- event types;
* GR3xx ``temporary`` -- temporary approvals;
* GR4xx ``workload`` -- departments and the listed workload;
* GR5xx ``rules`` -- written rules that never fire or never decide;
* GR6xx ``assessment`` -- the two-way assessment's lists and budget advice;
* GR7xx ``registry`` -- grids off their kind's households range or 1+3+N staffing;
* GR8xx ``structure`` -- levels, unit kinds, bodies, and items outside their body's unit.

``lint_pack`` judges a loaded pack on a day; ``lint_path`` loads one first and
turns load problems into GR001 findings, so every output format can carry them.
Rendering: text and JSON in ``render``, SARIF 2.1.0 in ``sarif``.
"""

from __future__ import annotations

import os
from datetime import date, datetime

from gridrules.catalogue import english, t
from gridrules.catalogue.fields import field_label
from gridrules.errors import Location, PackError, Problem
from gridrules.pack.loader import bundled_root
from gridrules.engine.loading import load_pack
from gridrules.pack.pack import Pack
from gridrules.lint import assessment
from gridrules.lint import events
from gridrules.lint import integrity
from gridrules.lint import items
from gridrules.lint import overlap
from gridrules.lint import registry
from gridrules.lint import rules
from gridrules.lint import sessions
from gridrules.lint import structure
from gridrules.lint import temporary
from gridrules.lint import workload
from gridrules.lint.context import LintContext
from gridrules.lint.findings import SEVERITIES, Check, Finding, LintReport

PACK_INVALID = Check("GR001", "pack-invalid", "error")

FAMILIES = (integrity, sessions, items, overlap, events, temporary, workload, rules, assessment, registry, structure)
CHECKS: tuple[Check, ...] = (PACK_INVALID,) + tuple(c for family in FAMILIES for c in family.CHECKS)

__all__ = ["CHECKS", "SEVERITIES", "Check", "Finding", "LintReport", "lint_pack", "lint_path"]


def today(pack: Pack | None = None) -> date:
    return datetime.now(pack.tz if pack is not None else None).date()


def lint_pack(pack: Pack, on: date | None = None) -> LintReport:
    """Every finding of every check on a loaded pack, judged on ``on`` (default: today, pack time)."""
    ctx = LintContext(pack, on or today(pack))
    found: list[Finding] = []
    for family in FAMILIES:
        found.extend(family.run(ctx))
    info = pack.info
    return LintReport(CHECKS, found, ctx.on,
                      {"name": info.name, "version": info.version, "digest": info.digest}, root=pack.root)


def lint_path(path: str | os.PathLike | None = None, on: date | None = None) -> LintReport:
    """Load the pack at ``path`` (None: the bundled pack) and lint it; load problems become GR001."""
    try:
        pack = load_pack(path)
    except PackError as exc:
        nowhere = Location(os.fspath(path) if path is not None else "<bundled pack>")
        found = [Finding(PACK_INVALID, _text(p), p.location or nowhere) for p in exc.problems]
        shown = str(bundled_root()) if path is None else os.fspath(path)
        return LintReport(CHECKS, found, on, None, loaded=False, root=shown)
    return lint_pack(pack, on)


def _text(problem: Problem) -> str:
    """A load problem without its location (the finding carries it): ``field: message (did you mean …)``."""
    text = problem.message + (t("problem.hint", hint=problem.hint if english() else problem.hint_shown or problem.hint)
                              if problem.hint else "")
    return f"{field_label(problem.field, problem.pack_file)}: {text}" if problem.field else text
