"""An assessment case (``rules/cases/**.yaml``, ``kind: assessment``) run and condensed.

The case's input holds the period, the records and the towns' tasks inline; what it
expects is compared with ``case_document``: per unit (``level:id``) its counts, each
indicator as ``[numerator, denominator, share shown]``, the score shown (one decimal)
and exact (a fraction, ``1075/18``), its list and budget advice; the lists; the errors.
"""

from __future__ import annotations

from datetime import datetime
from itertools import chain
from typing import Any

from gridrules.assess.periods import parse_period
from gridrules.assess.run import assess_records
from gridrules.assess.score import shown
from gridrules.decide.checker import Checker
from gridrules.catalogue import t
from gridrules.errors import InputError, Problem


def _items(input_: dict, key: str) -> list[tuple[str, Any]]:
    items = input_.get(key, [])
    if not isinstance(items, list):
        raise InputError(Problem(t("assess.a_list"), field=f"input.{key}"))
    return [(f"{key}[{i}]", item) for i, item in enumerate(items)]


def case_document(checker: Checker, input_: dict, at: datetime) -> dict:
    unknown = set(input_) - {"period", "records", "tasks"}
    if unknown or not isinstance(input_.get("period"), str):
        raise InputError(Problem(t("assess.case_input"), field="input"))
    run = assess_records(checker, _items(input_, "records"), parse_period(input_["period"]), at,
                         _items(input_, "tasks") if "tasks" in input_ else None)
    units: dict[str, Any] = {}
    for rows in run.scores.values():
        for u in rows:
            units[f"{u.level}:{u.unit}"] = {
                "events": u.events, "pending": u.pending, "cases": u.cases,
                "figures": {f.indicator: [f.numerator, f.denominator, shown(None if f.share is None else f.share * 100)]
                            for f in u.figures},
                "score": shown(u.score), "score_exact": None if u.score is None else str(u.score),
                "list": u.lists[0] if u.lists else None, "budget_cut": u.budget_cut}
    for g in run.grids(checker.pack):
        units[f"grid:{g['grid']}"] = {"events": g["events"], "pending": g["pending"],
                                      "handled_close": g["handled_close"], "direct_report_urgent": g["direct_report_urgent"]}
    key = lambda u: f"{u.level}:{u.unit}"  # noqa: E731
    return {
        "units": units,
        "red": [key(u) for u in run.listed("red")],
        "black": [key(u) for u in run.listed("black")],
        "budget_cut": [key(u) for u in run.budget_cuts()],
        "records": {"read": run.tally.records, "in_period": run.tally.in_period, "after_at": run.tally.after_at,
                    "errors": run.tally.errors},
        "errors": [str(e) for e in chain(run.errors, run.task_errors)],
    }


CASE_FIELDS = frozenset({"units", "red", "black", "budget_cut", "records", "errors"})
