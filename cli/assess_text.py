"""The assessment as readable tables (``gridrules assess --format text``), in the catalogue's language."""

from __future__ import annotations

from gridrules.assess.report import (DECIDING, SHOWN_LEVELS, counts_said, explained, level_name, list_names,
                                     listed_unit, order_said)
from gridrules.assess.run import AssessmentRun
from gridrules.assess.score import UnitScore, unit_name
from gridrules.catalogue import MESSAGES, t
from gridrules.pack.pack import Pack

from . import table


def _figure(f) -> str:
    if f.share is None:
        return "—"
    mark = "▼" if f.missed else ""
    return f"{f.counts_shown} {f.as_dict()['share_shown']}%{mark}"


def _level(rows: list[UnitScore], lists: dict[str, str], title: str, deciding: bool, town: str) -> list[str]:
    """A level's table; a level ``deciding`` nothing (each town's scoring of a department) has no
    list or advice columns: the pooled score decides them.  The district's pooling of the departments
    says beside each one's events how many name no ``town`` (in no town's scoring: why those do not sum
    to it)."""
    if not rows:
        return []
    decided = ("lists", "budget") if deciding else ()
    pooled = rows[0].level == "department"
    headers = ([t(f"screen.assess.col.{c}") for c in ("unit", "events")]
               + ([t("screen.assess.col.no_town", town=town)] if pooled else [])
               + [t(f"screen.assess.col.{c}") for c in ("pending", "cases")]
               + [t("screen.assess.indicator", name=f.name, weight=f.weight) for f in rows[0].figures]
               + [t(f"screen.assess.col.{c}") for c in ("score", "why", *decided)])
    body = [[u.name, str(u.events)] + ([str(u.no_town)] if pooled else []) + [str(u.pending), str(u.cases)]
            + [_figure(f) for f in u.figures]
            + [u.score_shown, u.why] + ([t("screen.joiner").join(lists[x] for x in u.lists) or "—",
                                  t("screen.assess.cut") if u.budget_cut else "—"] if deciding else [])
            for u in rows]
    return ["", t("screen.assess.title", title=title), table.render(headers, body, max_width=24)]


def _indicator_names(pack: Pack, level: str) -> dict[str, str]:
    """An explained unit's indicators as the pack names them (a grid's, as the grid table does)."""
    if level == "grid":
        return {kind: t(f"screen.assess.grid.{kind}") for kind in ("handled_close", "direct_report")}
    assert pack.assessment is not None
    scored = getattr(pack.assessment.levels, level, None)
    return {i.id: i.name for i in scored.indicators} if scored is not None else {}


def _words(indicator: str) -> dict[str, str]:
    """What counts for and against an indicator's figure (按时报到 / 超时或未报到), or 达标 / 未达标."""
    key = f"screen.assess.met.{indicator}"
    known = key in MESSAGES
    return {"met": t(key if known else "screen.assess.met"),
            "missed": t(f"screen.assess.missed.{indicator}" if known else "screen.assess.missed")}


def render(run: AssessmentRun, pack: Pack, explain: list[str] | None = None) -> str:
    tally = run.tally
    model = pack.assessment
    assert model is not None
    lists = list_names(pack)
    lines = [t("screen.assess.head", period=run.period.label, at=run.at.strftime("%Y-%m-%d %H:%M"),
               title=run.pack["title"], version=run.pack["version"]),
             counts_said(run, pack),
             t("screen.assess.legend"), order_said(pack)]
    for level in SHOWN_LEVELS:
        lines += _level(run.scores[level], lists, level_name(pack, level), DECIDING[level], pack.tree.word("town"))
    grids = run.grids(pack)
    if grids:
        rows = [[pack.grids[g["grid"]][0].name if g["grid"] in pack.grids else g["grid"], str(g["events"]),
                 str(g["pending"]), "{}/{}".format(*g["handled_close"]), "{}/{}".format(*g["direct_report_urgent"]),
                 t("screen.assess.grid.listed_unknown") if g["listed_hours"] is None else f"{g['listed_hours']:g}"] for g in grids]
        lines += ["", t("screen.assess.title", title=model.grids.name),
                  table.render([t("screen.assess.col.grid"), t("screen.assess.col.found"), t("screen.assess.col.pending"),
                                t("screen.assess.grid.handled_close"), t("screen.assess.grid.direct_report"),
                                t("screen.assess.col.listed_hours", day=run.listed_on(pack).isoformat(), town=pack.tree.word("town"))], rows)]
    for which in ("red", "black"):  # a unit a line, each with its rank in its level
        listed = run.ranked(which)
        lines.append("")
        lines += ([t("screen.assess.list_head", list=lists[which])]
                  + [t("screen.assess.ranked", rank=rank, unit=listed_unit(pack, u)) for rank, u in listed]
                  if listed else [t("screen.assess.list", list=lists[which], names=t("screen.none"))])
    cuts = run.ranked("budget")
    lines.append("")
    lines.append(t("screen.assess.budget") if cuts else t("screen.assess.budget_none"))
    lines += [t("screen.assess.budget_unit", rank=rank, name=u.name, score=u.score_shown, text=model.budget.text)
              for rank, u in cuts]
    details = explained(run, explain) if explain else {}
    if details:
        lines += ["", t("screen.assess.details")]
        for unit, figures in details.items():
            level, _, uid = unit.partition(":")
            lines.append(t("screen.assess.detail_unit", name=unit_name(pack, level, uid), id=uid))
            called = _indicator_names(pack, level)
            order = list(called)  # the pack's order of the indicators
            for indicator, events in sorted(figures.items(),
                                            key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order)):
                name = called.get(indicator, indicator)
                if indicator == "rating":
                    ratings = (t("screen.assess.rating", event=e["event"], score=e["score"]) for e in events)
                    lines.append(t("screen.assess.detail_ratings", name=name, ratings=t("screen.joiner").join(ratings)))
                    continue
                ok = [e.get("event", e.get("task")) for e in events if e["on_time"]]
                late = [e.get("event", e.get("task")) for e in events if not e["on_time"]]
                lines.append(t("screen.assess.detail", name=name, ok=len(ok), ok_events=t("screen.joiner").join(ok) or "—",
                               late=len(late), late_events=t("screen.joiner").join(late) or "—",
                               **_words(indicator)))
    return "\n".join(lines)
