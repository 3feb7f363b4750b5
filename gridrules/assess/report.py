"""The assessment as one JSON document (``--format json``), and the words its
tables share (the xlsx and HTML writers and the text rendering read them)."""

from __future__ import annotations

import json
from itertools import chain, islice
from typing import Any, Callable

from typing import Iterable

from gridrules.assess.count import asked_for
from gridrules.assess.run import AssessmentRun, RecordError
from gridrules.assess.score import UnitScore
from gridrules.catalogue import t
from gridrules.errors import InputError, Problem, suggest
from gridrules.pack.names import entries, resolve
from gridrules.assess.spill import Lazy
from gridrules.assess.tally import FIRST_NAMED, Placed
from gridrules.pack.model.assessment import Scored
from gridrules.pack.pack import Pack

# what --explain may name as a level (``town``, ``town:tangxiang``)
LEVELS = ("department", "town", "community", "department_town", "grid")


# the levels' tables in the order they are shown: the district's pooling of the departments, then
# each town's scoring of the departments it summoned (shown, deciding no list), then towns and communities
SHOWN_LEVELS = ("department", "department_town", "town", "community")
DECIDING = {"department": True, "department_town": False, "town": True, "community": True}


def late_whistles(pack: Pack, unit: UnitScore) -> str:
    """Why a unit is on the black list whatever its score: its whistles of the kinds that list
    counts (应急哨) answered late, in the pack's words ("" when it has none)."""
    model = pack.assessment
    if not unit.late_emergency or model is None:
        return ""
    names = {w.id: w.name for w in pack.whistle_kinds}
    kinds = t("words.list_sep").join(names.get(k, k) for k in model.black.late_whistle_kinds)
    return t("assess.late_whistles", kinds=kinds, n=unit.late_emergency)


def listed_unit(pack: Pack, u: UnitScore) -> str:
    """A unit on a list: its name and level, its score, and a late whistle when that is what lists it."""
    late = late_whistles(pack, u)
    return t("screen.assess.listed_unit", name=u.name, level=level_name(pack, u.level),
             score=u.score_shown + (t("screen.assess.listed_because", why=late) if late else ""))


def list_names(pack: Pack) -> dict[str, str]:
    """red/black in the pack's words (红榜/黑榜)."""
    model = pack.assessment
    if model is None:
        return {which: t(f"report.list.{which}") for which in ("red", "black")}
    return {"red": model.red.name, "black": model.black.name}


def order_said(pack: Pack, say: Callable[..., str] = t, headed: bool = True) -> str:
    """How the lists, the advice and the tables are ordered, in the pack's names of the lists: said by the
    text, the workbook's 说明 sheet, the HTML report and the dashboard alike (``say``: ``chinese`` for the
    pages, Chinese whatever the process speaks); ``headed``: after 排序： (the sheet's row is headed so)."""
    names = list_names(pack)
    said = say("screen.assess.order", red=names["red"], black=names["black"])
    return say("screen.assess.order_line", order=said) if headed else said


LISTED_ERRORS = 1000  # bad records (and task lines) the workbook and the HTML report list, each kind; the rest counted


def listed_errors(errors: list[RecordError]) -> tuple[list[tuple[str, str, str]], int]:
    """The first LISTED_ERRORS bad records (or task lines) of ``errors`` as (place, event id, problems) --
    the words stderr and the dashboard say them in (``RecordError.parts``) -- and how many more there are."""
    shown = []
    for error in islice(errors, LISTED_ERRORS):
        where, said = error.parts()
        shown.append((where, error.event or "", said))
    return shown, len(errors) - len(shown)


def troubles(run: AssessmentRun, pack: Pack) -> list[str]:
    """What the input held that the scores leave out, each as the text summary says it (every output
    says them in these words: the text, the workbook's 说明 sheet, the HTML report, the dashboard): the
    records files that held no record, the towns' task lines refused (``--decisions``), the records
    routed by a pack of another digest, the
    period's records with a 延期 recorded after its limit had passed, those with a whistle blown at a
    level that blows none (these three counted, the first named by their events); the communities and
    grids the registry does not hold (counted apart, the first named with their records and a
    did-you-mean); and, without the towns' task decisions, the indicator they give, left out of every
    town's score; none when the input held none."""
    tally = run.tally
    found = ([t("screen.assess.empty_files", files=t("screen.joiner").join(run.empty_files))]
             if run.empty_files else [])
    found += [t("screen.assess.task_errors", n=len(run.task_errors), town=pack.tree.word("town"))] if run.task_errors else []
    if tally.earlier:
        found.append(t("screen.assess.earlier", versions=t("screen.joiner").join(
            t("screen.assess.earlier_one", version=version, n=n) for version, n in sorted(tally.earlier.items()))))
    found += _counted("screen.assess.mismatch", tally.digest_mismatch, tally.mismatched)
    found += _counted("screen.assess.late_extension", tally.late_extension, tally.late_extended)
    found += _counted("screen.assess.unscored_whistles", tally.unscored_whistle, tally.unscored)
    found += unregistered_said(run, pack)
    left_out = without_decisions(run, pack)
    return found + ([left_out] if left_out else [])


def unregistered_said(run: AssessmentRun, pack: Pack) -> list[str]:
    """The communities, then the grids, the registry does not hold, a sentence each level: how many and
    their records, why they are apart, and the first FIRST_NAMED by most records, each with its records and
    the registered unit it may be a slip for ("等" when there are more)."""
    words = pack.tree.words()
    out = []
    for level in ("community", "grid"):
        units = [u for u in run.unregistered(pack) if u.level == level]
        if not units:
            continue
        named = t("screen.joiner").join(
            t("screen.assess.unregistered_unit", unit=u.unit, n=u.records) if u.meant is None
            else t("screen.assess.unregistered_meant", unit=u.unit, n=u.records, meant=u.meant.shown)
            for u in units[:FIRST_NAMED])
        if len(units) > FIRST_NAMED:
            named = t("screen.assess.mismatch_more", events=named)
        out.append(t("screen.assess.unregistered", level=words[level], n=len(units),
                     records=sum(u.records for u in units),
                     why=t(f"screen.assess.unregistered_why.{level}", **words), units=named))
    return out


def without_decisions(run: AssessmentRun, pack: Pack) -> str:
    """Without the towns' task decisions (``--decisions``), the indicator they give (违规派单), as the pack
    names it, left out of every town's score (policy §7: the score is over the indicators with cases);
    "" when they were given or the towns are scored on no such indicator."""
    model = pack.assessment
    if run.decisions_given or model is None:
        return ""
    found = next((i for i in model.levels.town.indicators if i.id == "no_unauthorized_assignment"), None)
    return "" if found is None else t("screen.assess.no_decisions", town=pack.tree.word("town"), indicator=found.name)


def troubles_after(run: AssessmentRun, pack: Pack) -> str:
    """``troubles`` as a summary's sentence goes on with them ("，规则包摘要不符 2 条（H02、Z1）"; "" for none)."""
    return "".join(t("screen.assess.sep") + said for said in troubles(run, pack))


def after_at_said(run: AssessmentRun) -> str:
    """The period's good records reported after the moment judged (left out), as a summary's sentence goes
    on with them ("" for none): one sentence for the text, the HTML report and the dashboard."""
    return t("screen.assess.after_at", n=run.tally.after_at) if run.tally.after_at else ""


def counts_said(run: AssessmentRun, pack: Pack) -> str:
    """The records read, in the period and bad, then those reported after the moment judged and what
    else the scores leave out: the text's summary line, which the dashboard says too."""
    tally = run.tally
    return (t("screen.assess.records", records=tally.records, in_period=tally.in_period, errors=tally.errors)
            + after_at_said(run) + troubles_after(run, pack))


def _counted(key: str, n: int, named: list[Placed]) -> list[str]:
    """How many records are of a kind, naming the first by their event ids ("等" when there are more);
    nothing when none is."""
    if not n:
        return []
    events = t("screen.joiner").join(event for _, _, event in named)
    if n > len(named):
        events = t("screen.assess.mismatch_more", events=events)
    return [t(key, n=n, events=events)]


def level_name(pack: Pack, level: str, sheet: bool = False) -> str:
    """A level as the pack names it (assessment.yaml: 职能部门, 镇街, 村(社区), its grids); each
    town's scoring of the departments it summoned is the tool's own table, in the catalogue's words
    (``sheet``: the short form a workbook's sheet takes)."""
    model = pack.assessment
    if model is not None and level == "grid":
        return model.grids.name
    if model is not None and level in Scored.model_fields:
        return getattr(model.levels, level).name
    return t(f"screen.assess.level_sheet.{level}" if sheet else f"screen.assess.level.{level}", town=pack.tree.word("town"))


def as_dict(run: AssessmentRun, pack: Pack, explain: list[str] | None = None, stream: bool = False) -> dict:
    """``stream``: the errors as a ``Lazy`` list, made as ``write_json`` writes them (a large
    run's errors wait on disk: see ``spill``); else a plain list."""
    model = pack.assessment
    assert model is not None
    tally = run.tally
    out: dict[str, Any] = {
        "period": run.period.label,
        "at": run.at.isoformat(),
        "pack": run.pack,
        "records": {"read": tally.records, "in_period": tally.in_period, "after_at": tally.after_at,
                    "errors": tally.errors,
                    # the records files given that held no record (the others were assessed)
                    "empty_files": list(run.empty_files),
                    # records routed by a pack this one's history does not record (another pack)
                    "digest_mismatch": tally.digest_mismatch,
                    # records routed by an earlier version of this pack, by version
                    "digest_earlier": dict(sorted(tally.earlier.items())),
                    # the first of them in record order (at most FIRST_NAMED), to find them by
                    "digest_mismatch_named": _named(tally.mismatched),
                    # the period's records with a 延期 recorded after its limit had passed (not
                    # applied), and the first of them, likewise
                    "late_extension": tally.late_extension,
                    "late_extension_named": _named(tally.late_extended),
                    # the period's records with a whistle blown at a level that blows none (policy §6:
                    # its departments not scored on it), and the first of them, likewise
                    "unscored_whistles": tally.unscored_whistle,
                    "unscored_whistles_named": _named(tally.unscored),
                    "pending": sum(c.pending for (lv, _), c in tally.units.items() if lv == "district"),
                    # the communities and grids the records name that the registry does not hold: counted
                    # apart (never scored, listed or advised on), each with its records and a did-you-mean
                    "unregistered": [u.as_dict() for u in run.unregistered(pack)]},
        # the towns' task decisions were given (--decisions): without them 无违规派单 is in no town's score
        "decisions_given": run.decisions_given,
        "levels": {level: [u.as_dict() for u in rows] for level, rows in run.scores.items()},
        "grids": run.grids(pack),
        # each list in its order (red: highest score first; black and the advice: lowest first), with each
        # unit's rank in its level (equal exact scores, equal ranks: 1, 2, 2, 4)
        "red": [{"rank": rank, "level": u.level, "unit": u.unit, "name": u.name, "score": u.score_shown}
                for rank, u in run.ranked("red")],
        "black": [{"rank": rank, "level": u.level, "unit": u.unit, "name": u.name, "score": u.score_shown,
                   "late_emergency_whistles": u.late_emergency} for rank, u in run.ranked("black")],
        "budget_advice": [{"rank": rank, "level": u.level, "unit": u.unit, "name": u.name, "score": u.score_shown,
                           "text": model.budget.text} for rank, u in run.ranked("budget")],
        "trend": trend(run),
        "errors": Lazy(lambda: (e.as_dict() for e in chain(run.errors, run.task_errors)),
                       len(run.errors) + len(run.task_errors)),
    }
    if not stream:
        out["errors"] = list(out["errors"])
    if explain:
        out["explain"] = explained(run, explain)
    return out


def _named(records: list[Placed]) -> list[dict]:
    return [{"record": source, "event": event} for _, source, event in records]


def write_json(doc: dict, write: Callable[[str], Any]) -> None:
    """``doc`` as ``json.dumps(doc, ensure_ascii=False, indent=2)`` writes it, piece by piece:
    the indenting encoder iterates a ``Lazy`` list, so its items are never all held."""
    pieces: list[str] = []
    for piece in json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(doc):
        pieces.append(piece)
        if len(pieces) >= 4096:
            write("".join(pieces))
            pieces.clear()
    write("".join(pieces) + "\n")


UNIT_KINDS = ("department", "town", "community", "grid")


def explain_ids(pack: Pack, given: Iterable[str]) -> tuple[str, ...]:
    """What ``--explain`` names, as ids: a level (``town``), ``level:id``, or a unit by its id,
    its Chinese name or a unique short form of it (住建委, 棠香街道); a name that fits nothing,
    or units of several kinds, is an error naming ``--explain``."""
    out = []
    for value in given:
        level, colon, rest = value.partition(":")
        if value in LEVELS or value == "district" or (colon and level in LEVELS):
            out.append(value)
            continue
        found = {kind: resolve(pack, kind, value) for kind in UNIT_KINDS}
        ids = {r.id for r in found.values() if r.id is not None and not r.by_name}
        ids = ids or {r.id for r in found.values() if r.id is not None}
        if value == pack.district.id or value in ids:
            out.append(value)
        elif len(ids) == 1:
            out.append(ids.pop())
        elif ids:
            raise InputError(Problem(t("input.ambiguous", value=value, what=t("assess.unit"),
                                       candidates=t("words.list_sep").join(sorted(ids))), field="--explain"))
        else:
            hint = next((r.hint for r in found.values() if r.hint is not None), None)
            raise InputError(Problem(t("input.unknown_ref", what=t("assess.unit"), value=value), field="--explain",
                                     hint=hint.id if hint else None, hint_shown=hint.shown if hint else None))
    return tuple(out)


def unseen_explained(run: AssessmentRun, pack: Pack, explain: Iterable[str]) -> None:
    """Refuse an ``--explain`` id that names no unit of the pack and no unit the records
    mention: ``explain_ids`` takes an id-shaped value as an unregistered grid or community (the
    records may name one), so a typo would otherwise explain nothing, silently."""
    seen = {uid for _, uid in run.tally.units}
    known = seen | {e.id for kind in UNIT_KINDS for e in entries(pack, kind)} | {pack.district.id}
    for value in explain:
        level, colon, rest = value.partition(":")
        uid = rest if colon and level in LEVELS else value
        if value in LEVELS or value == "district" or uid in known:
            continue
        raise InputError(Problem(t("assess.explain_unseen", value=uid), field="--explain", hint=suggest(uid, known)))


def trend(run: AssessmentRun) -> dict:
    """Per month of the period: the district's and each town's on-time counts [numerator, denominator]."""
    out: dict = {}
    for (level, uid, month, indicator), pair in sorted(run.tally.monthly.items()):
        out.setdefault(f"{level}:{uid}", {}).setdefault(indicator, {})[month] = list(pair)
    return {"months": run.period.months(), "units": out}


def explained(run: AssessmentRun, units: list[str]) -> dict:
    """Per asked unit (an id, or level:id) and indicator: the events behind the figure, each with
    whether it counts for the figure (``on_time``); a rating with its ``score``; the towns' tasks
    behind 无违规派单 by their ``task`` id."""
    out: dict = {}
    for (level, uid), figures in sorted(run.tally.explained.items()):
        if asked_for(units, (level, uid)):
            out[f"{level}:{uid}"] = {name: [_entry(name, e, value) for e, value in sorted(events)]
                                     for name, events in sorted(figures.items())}
    return out


def _entry(indicator: str, ref: str, value: bool | int) -> dict:
    if indicator == "rating":
        return {"event": ref, "score": value}
    return {"task" if indicator == "no_unauthorized_assignment" else "event": ref, "on_time": value}
