"""Cross-reference checks of assessment.yaml (part of the third validation layer).

Each indicator is a kind gridrules counts, named once per level, with the level
options its kind reads (``at_level`` for closed, ``within`` for resolved_within)
naming levels of the pack; the black list's whistle kinds are the pack's.
"""

from __future__ import annotations

from typing import Callable

from gridrules.catalogue import t
from gridrules.catalogue.packfiles import noun
from gridrules.contract.lifecycle import SATISFACTION
from gridrules.lang.parse import suggest
from gridrules.pack import layout
from gridrules.pack.model.assessment import INDICATORS, SCORED
from gridrules.pack.pack import Pack

# the option each kind of indicator needs (others must not be given)
_OPTIONS = {"closed": (), "resolved_within": ("within",)}
_ALLOWED = {"closed": ("at_level",), "resolved_within": ("within",)}

Report = Callable[..., None]


def check(pack: Pack, report: Report) -> None:
    model = pack.assessment
    if model is None:
        return
    rel = layout.ASSESSMENT
    for i, value in enumerate(model.satisfied):
        if value not in SATISFACTION:
            report(rel, ("satisfied", i), t("pack.revisit_value", value=value, values=", ".join(SATISFACTION)),
                   suggest(value, SATISFACTION))
    if model.grids.handled_within not in pack.level_rank:
        report(rel, ("grids", "handled_within"), t("pack.unknown", what=noun("level"), value=model.grids.handled_within),
               suggest(model.grids.handled_within, pack.level_rank))
    whistles = {w.id for w in pack.whistle_kinds}
    for i, kind in enumerate(model.black.late_whistle_kinds):
        if kind not in whistles:
            report(rel, ("black", "late_whistle_kinds", i), t("pack.unknown", what=noun("whistle kind"), value=kind), suggest(kind, whistles))
    for name in SCORED:
        level = getattr(model.levels, name)
        base = ("levels", name)
        if level.scope_max_level is not None and level.scope_max_level not in pack.level_rank:
            report(rel, base + ("scope_max_level",), t("pack.unknown", what=noun("level"), value=level.scope_max_level),
                   suggest(level.scope_max_level, pack.level_rank))
        seen: set[str] = set()
        for j, indicator in enumerate(level.indicators):
            path = base + ("indicators", j)
            if indicator.id not in INDICATORS:
                report(rel, path + ("id",), t("pack.unknown_indicator", id=indicator.id, known=", ".join(INDICATORS)), suggest(indicator.id, INDICATORS))
            if indicator.id in seen:
                report(rel, path + ("id",), t("pack.indicator_twice", id=indicator.id, level=name))
            seen.add(indicator.id)
            if indicator.id == "no_unauthorized_assignment" and name != "town":
                report(rel, path + ("id",), t("pack.towns_only"))
            for option in ("at_level", "within"):
                value = getattr(indicator, option)
                if value is None:
                    if option in _OPTIONS.get(indicator.id, ()):
                        report(rel, path, t("pack.indicator_needs", id=indicator.id, option=option))
                    continue
                if option not in _ALLOWED.get(indicator.id, ()):
                    report(rel, path + (option,), t("pack.indicator_takes_no", id=indicator.id, option=option))
                elif value not in pack.level_rank:
                    report(rel, path + (option,), t("pack.unknown", what=noun("level"), value=value), suggest(value, pack.level_rank))
