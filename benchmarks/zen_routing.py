"""The routing policy as a GoRules zen-engine decision graph (JDM), built from a Pack.

    python benchmarks/zen_routing.py [--pack DIR] [--dump FILE]   # write the graph's JSON

``ZenRouting(pack).route_event(event_dict, at=None)`` decides the same fields as
``gridrules`` and ``benchmarks/baseline.py`` (grade, level, handler, departments,
direct_report, whistle, deadlines, escalated, flags).  Requires ``zen-engine``
(``pip install 'gridrules[bench]'``).

The graph (``build_graph``) is generated FROM the loaded pack, so the three
implementations decide the same policy:

    input
      -> 事件分类 (decision table, first hit): one row per event type -> its default
         grade and level (as ranks) and owning departments
      -> 分级规则 (decision table, collect): one row per grading rule of the pack; the
         row's condition is the rule's ``when`` translated to a zen expression, its
         outputs the grade the rule gives (type default, given, a fixed grade, or N
         steps above the default) and its flag
      -> 等级 (expression): grade = the highest any fired row gives
      -> 层级规则 (decision table, collect): the leveling rules (levels, deadlines):
         the level each gives (a fixed level, the type default, or N above the last
         history entry) and, for deadline rules, the three limits
      -> 层级 (expression): level = highest; the level without history; the deadlines
         (earliest of the fired deadline rules); calendar gap; handler registered?
      -> 派单规则 (decision table, collect): the dispatch and review rules (direct
         report, whistles, flags)
      -> 结果 (expression): the strongest whistle (the pack's order of whistle kinds)
         and its report time = min(kind limit, response time), direct report, flags
      -> output

What stays plain Python, around the graph (not rule-engine concerns):

* before: input validation (gridrules.inputs, the same as the other two), the
  registry lookups (which town the grid is in; whether the handling unit at each
  level is registered), and the working-day calendar: for each working-day limit
  the pack's deadline rules use (3, 7, 15), the seconds from the report to the
  end of that many working days and whether the count crossed a year the calendar
  does not cover.  The graph picks among these by grade; times go in as seconds
  after the report (as gridrules' facts hold them).
* after: turning ranks back into ids, offsets into ISO timestamps in the event's
  own offset, the handler's unit and name (baseline's registry lookup), the
  report time as an ISO duration, and ordering flags as the contract lists them.

The rule *conditions* are translated generically (``translate``): the pack's
condition language (eq ne gt gte lt lte in not_in exists includes excludes,
``{field: ...}`` and ``{param: ...}`` operands, all/any/not, ``always``) maps onto
zen's expression language; the rules' effects are mapped by kind.  Zen is called
the way its documentation recommends for speed: a ``ZenEngine`` with a loader
returning a pre-compiled ``ZenDecisionContent``.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from gridrules.decide.inputs import validate_event
from gridrules.errors import InputError, Problem
from gridrules.pack.layout import RULE_FILES
from gridrules.pack.pack import Pack

try:  # run as a script (python benchmarks/zen_routing.py) or imported as benchmarks.zen_routing
    from .baseline import EVENT_FLAGS, Baseline, iso_duration
except ImportError:  # pragma: no cover
    sys.path.append(str(Path(__file__).resolve().parent.parent))  # after site-packages: an installed gridrules wins over the source tree
    from benchmarks.baseline import EVENT_FLAGS, Baseline, iso_duration

# What kind of value each event fact field holds in the zen context (our encoding,
# the same as gridrules' facts: ranks for levels and grades with -1 for missing,
# "" for a missing id, seconds after the report for times).
LEVEL_FIELDS = {"type_level", "last_level", "assigned_to", "level", "level_before_history"}
GRADE_FIELDS = {"type_grade", "grade_given", "grade"}
NUMBER_FIELDS = {"people_involved", "reporters", "recurrences_30d", "at", "respond_by", "close_by", "feedback_by"}
BOOL_FIELDS = {"life_threat", "needs_enforcement", "calendar_incomplete", "handler_registered"}
STRING_FIELDS = {"type", "spans", "last_outcome", "town"}
LIST_FIELDS = {"assigned_powers"}
OPS = {"eq": "==", "ne": "!=", "gt": ">", "gte": ">=", "lt": "<", "lte": "<="}


class TranslationError(ValueError):
    pass


def _literal(pack: Pack, field: str, value: Any) -> str:
    if field in LEVEL_FIELDS:
        if value not in pack.level_rank:
            raise TranslationError(f"{field}: unknown level {value!r}")
        return str(pack.level_rank[value])
    if field in GRADE_FIELDS:
        if value not in pack.grade_rank:
            raise TranslationError(f"{field}: unknown grade {value!r}")
        return str(pack.grade_rank[value])
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return json.dumps(value, ensure_ascii=False)


def _operand(pack: Pack, field: str, value: Any) -> str:
    if isinstance(value, dict) and set(value) == {"field"}:
        return value["field"]
    if isinstance(value, dict) and set(value) == {"param"}:
        return repr(pack.params[value["param"]])
    return _literal(pack, field, value)


def _test(pack: Pack, field: str, test: Any) -> str:
    known = LEVEL_FIELDS | GRADE_FIELDS | NUMBER_FIELDS | BOOL_FIELDS | STRING_FIELDS | LIST_FIELDS
    if field not in known:
        raise TranslationError(f"unknown event fact field {field!r}")
    if not isinstance(test, dict):
        test = {"eq": test}
    parts = []
    for op, value in test.items():
        if op in OPS:
            parts.append(f"{field} {OPS[op]} {_operand(pack, field, value)}")
        elif op in ("in", "not_in"):
            values = value if isinstance(value, list) else [value]
            listed = "[" + ", ".join(_literal(pack, field, v) for v in values) + "]"
            parts.append(f"({field} in {listed})" if op == "in" else f"not ({field} in {listed})")
        elif op == "exists":
            missing = "-1" if field in LEVEL_FIELDS | GRADE_FIELDS else '""'
            parts.append(f"{field} {'!=' if value else '=='} {missing}")
        elif op in ("includes", "excludes"):
            values = value if isinstance(value, list) else [value]
            listed = "[" + ", ".join(json.dumps(v) for v in values) + "]"
            parts.append(f"{'some' if op == 'includes' else 'none'}({field}, # in {listed})")
        else:
            raise TranslationError(f"operator {op!r} is not translated")
    return " and ".join(f"({p})" for p in parts)


def translate(pack: Pack, when: Any) -> str:
    """A pack rule's ``when`` as a zen boolean expression."""
    if when == "always":
        return "true"
    if not isinstance(when, dict) or not when:
        raise TranslationError(f"cannot translate condition {when!r}")
    if set(when) == {"all"}:
        return " and ".join(f"({translate(pack, c)})" for c in when["all"])
    if set(when) == {"any"}:
        return " or ".join(f"({translate(pack, c)})" for c in when["any"])
    if set(when) == {"not"}:
        return f"not ({translate(pack, when['not'])})"
    return " and ".join(f"({_test(pack, field, test)})" for field, test in when.items())


def _s(value: str | None) -> str:
    return "null" if value is None else json.dumps(value, ensure_ascii=False)


def _seconds(pack: Pack, duration, table: str = "wd") -> tuple[str, str]:
    """(seconds expression, calendar-gap expression) of a limit; ``table``: the working-day
    offsets counted from the report (``wd``) or from an escalating entry (``wd_esc``)."""
    if duration.clock is not None:
        return repr(int(duration.clock.total_seconds())), "false"
    return f'{table}["{duration.working_days}"]', f'{table}_gap["{duration.working_days}"]'


def _table(node_id: str, name: str, output_path: str, rows: list[dict[str, str]], outputs: list[str]) -> dict:
    return {
        "id": node_id, "type": "decisionTableNode", "name": name,
        "content": {
            "hitPolicy": "collect", "passThrough": True, "outputPath": output_path,
            "inputs": [{"id": f"{node_id}-when", "name": "条件 when"}],
            "outputs": [{"id": f"{node_id}-{o}", "name": o, "field": o} for o in outputs],
            "rules": [{"_id": f"{node_id}-{i}", f"{node_id}-when": row["when"],
                       **{f"{node_id}-{o}": row[o] for o in outputs}} for i, row in enumerate(rows)],
        },
    }


def _expressions(node_id: str, name: str, pairs: list[tuple[str, str]], pass_through: bool = True) -> dict:
    return {"id": node_id, "type": "expressionNode", "name": name,
            "content": {"passThrough": pass_through,
                        "expressions": [{"id": f"{node_id}-{i}", "key": k, "value": v} for i, (k, v) in enumerate(pairs)]}}


def _max_of(array: str, default: str = "-1") -> str:
    return f"(len({array}) > 0 ? max({array}) : {default})"


def build_graph(pack: Pack) -> dict:
    """The routing policy of ``pack`` as a JDM decision graph (plain JSON data)."""
    top_grade = len(pack.grades) - 1
    top_level = len(pack.levels) - 1
    rules = {stage: [] for stage in ("grading", "leveling", "dispatch")}
    for rel in RULE_FILES:
        model = pack.files.get(rel)
        if model is not None and getattr(model, "stage", None) in rules:
            rules[model.stage].extend(model.rules)

    types = {
        "id": "types", "type": "decisionTableNode", "name": "事件分类",
        "content": {
            "hitPolicy": "first", "passThrough": True,
            "inputs": [{"id": "types-type", "name": "事件类型", "field": "type"}],
            "outputs": [{"id": "types-grade", "name": "默认等级", "field": "type_grade"},
                        {"id": "types-level", "name": "默认层级", "field": "type_level"},
                        {"id": "types-owners", "name": "责任部门", "field": "owners"}],
            "rules": [{"_id": f"type-{t.code}", "types-type": json.dumps(t.code),
                       "types-grade": str(pack.grade_rank[t.grade]), "types-level": str(pack.level_rank[t.level]),
                       "types-owners": json.dumps(list(t.owners))} for t in pack.event_types.values()],
        },
    }

    grading_rows = []
    for r in rules["grading"]:
        if r.grade == "type_default":
            grade = "type_grade"
        elif r.grade == "given":
            grade = "(grade_given >= 0 ? grade_given : null)"
        elif r.grade is not None:
            grade = str(pack.grade_rank[r.grade])
        elif r.grade_step is not None:
            grade = f"min([type_grade + {r.grade_step}, {top_grade}])"
        else:
            grade = "null"
        grading_rows.append({"when": translate(pack, r.when), "rule": _s(r.id), "grade": grade, "flag": _s(r.flag)})

    leveling_rows = []
    for r in rules["leveling"]:
        history = "false"
        if r.level == "type_default":
            level = "type_level"
        elif r.level is not None:
            level = str(pack.level_rank[r.level])
        elif r.level_step_from_last is not None:
            level = f"(last_level >= 0 ? min([last_level + {r.level_step_from_last}, {top_level}]) : null)"
            history = "true"
        else:
            level = "null"
        row = {"when": translate(pack, r.when), "rule": _s(r.id), "level": level, "history": history,
               "flag": _s(r.flag), "respond": "null", "close": "null", "feedback": "null", "gap": "false",
               "respond_esc": "null", "close_esc": "null", "gap_esc": "false"}
        if r.deadlines is not None:
            gaps, gaps_esc = [], []
            for part in ("respond", "close", "feedback"):
                seconds, gap = _seconds(pack, getattr(r.deadlines, part))
                row[part] = seconds
                gaps.append(gap)
                if part != "feedback":  # an escalation renews response and closure from its entry
                    seconds, gap = _seconds(pack, getattr(r.deadlines, part), "wd_esc")
                    row[f"{part}_esc"] = seconds
                gaps_esc.append(gap)
            row["gap"] = " or ".join(gaps)
            row["gap_esc"] = " or ".join(gaps_esc)
        leveling_rows.append(row)

    dispatch_rows = [{"when": translate(pack, r.when), "rule": _s(r.id), "whistle": _s(r.whistle),
                      "direct_report": json.dumps(list(r.direct_report or [])), "flag": _s(r.flag)}
                     for r in rules["dispatch"]]

    # strongest whistle first (the pack's order), and each kind's own limit in seconds
    strongest = "null"
    for kind in reversed(pack.whistle_kinds):
        strongest = f'(some(dispatched, #.whistle == "{kind.id}") ? "{kind.id}" : {strongest})'
    within = "(respond_by - shift)"  # the response time, from the report or the escalating entry
    for kind in reversed(pack.whistle_kinds):
        if kind.report_within is not None and kind.report_within.clock is not None:
            limit = int(kind.report_within.clock.total_seconds())
            within = f'(whistle == "{kind.id}" ? min([{limit}, respond_by - shift]) : {within})'

    nodes = [
        {"id": "input", "type": "inputNode", "name": "事件"},
        types,
        _table("grading", "分级规则", "graded", grading_rows, ["rule", "grade", "flag"]),
        _expressions("grade", "等级", [
            ("grade", "max(map(filter(graded, #.grade != null), #.grade))"),
        ]),
        _table("leveling", "层级规则", "leveled", leveling_rows,
               ["rule", "level", "history", "flag", "respond", "close", "feedback", "gap",
                "respond_esc", "close_esc", "gap_esc"]),
        _expressions("level", "层级与时限", [
            ("level", "max(map(filter(leveled, #.level != null), #.level))"),
            ("level_before_history", _max_of("map(filter(leveled, #.level != null and not #.history), #.level)")),
            ("timed", "filter(leveled, #.respond != null)"),
            # raised by the history: response and closure run afresh from the last entry
            ("renewed", "$.level > $.level_before_history"),
            ("shift", "$.renewed ? esc_shift : 0"),
            ("respond_by", "$.renewed ? esc_shift + min(map($.timed, #.respond_esc)) : min(map($.timed, #.respond))"),
            ("close_by", "$.renewed ? esc_shift + min(map($.timed, #.close_esc)) : min(map($.timed, #.close))"),
            ("feedback_by", "min(map($.timed, #.feedback))"),
            ("calendar_incomplete", "$.renewed ? some($.timed, #.gap_esc) : some($.timed, #.gap)"),
            ("handler_registered", "registered[$.level]"),
        ]),
        _table("dispatch", "派单规则", "dispatched", dispatch_rows, ["rule", "whistle", "direct_report", "flag"]),
        _expressions("whistle", "吹哨", [("whistle", strongest)]),
        _expressions("result", "结果", [
            ("grade", "grade"), ("level", "level"), ("owners", "owners"),
            ("respond_by", "respond_by"), ("close_by", "close_by"), ("feedback_by", "feedback_by"),
            ("shift", "shift"), ("whistle", "whistle"),
            ("report_within", f"whistle == null ? null : {within}"),
            ("deciding", "filter(dispatched, #.whistle == null or #.whistle == whistle)"),
            ("direct_report", "flatMap($.deciding, #.direct_report)"),
            ("flags", "map(filter(flatMap([graded, leveled, $.deciding], #), #.flag != null), #.flag)"),
        ], pass_through=False),
        {"id": "output", "type": "outputNode", "name": "决定"},
    ]
    chain = [n["id"] for n in nodes]
    edges = [{"id": f"{a}->{b}", "sourceId": a, "targetId": b, "type": "edge"} for a, b in zip(chain, chain[1:])]
    return {"contentType": "application/vnd.gorules.decision", "nodes": nodes, "edges": edges}


class ZenRouting:
    """Routes events through the zen-engine graph of a pack."""

    KEY = "routing.json"

    def __init__(self, pack: Pack):
        import zen  # zen-engine; imported here so the rest of benchmarks/ works without it

        self.pack = pack
        self.shared = Baseline(pack)  # plain-Python helpers: calendar and registry lookups
        self.graph = build_graph(pack)
        self.content = zen.ZenDecisionContent(json.dumps(self.graph, ensure_ascii=False))
        self.engine = zen.ZenEngine({"loader": self._load})
        self.engine.evaluate(self.KEY, self._probe_context())  # compile and check the graph once
        days = set()
        for rule in pack.rules_of("leveling"):
            if rule.deadlines is not None:
                for part in ("respond", "close", "feedback"):
                    d = getattr(rule.deadlines, part)
                    if d.working_days is not None:
                        days.add(d.working_days)
        self.working_day_limits = sorted(days)
        self.powers = {lv.id: list(lv.powers) for lv in pack.levels}
        self.whistle_kinds = {w.id: w for w in pack.whistle_kinds}

    def _load(self, key: str):
        if key != self.KEY:
            raise KeyError(key)
        return self.content

    def _probe_context(self) -> dict:
        code = next(iter(self.pack.event_types))
        return {"type": code, "grade_given": -1, "life_threat": False, "people_involved": 0, "reporters": 1,
                "recurrences_30d": 0, "spans": "none", "needs_enforcement": False, "last_level": -1,
                "last_outcome": "", "assigned_to": -1, "assigned_powers": [], "town": "", "at": 0,
                "wd": {str(n): 86400.0 * n for n in range(1, 1001)}, "wd_gap": {str(n): False for n in range(1, 1001)},
                "esc_shift": 0, "wd_esc": {str(n): 86400.0 * n for n in range(1, 1001)},
                "wd_esc_gap": {str(n): False for n in range(1, 1001)}, "registered": [True] * len(self.pack.levels)}

    def _registered(self, event) -> list[bool]:
        """Whether the unit that would handle this event at each level is in the registry."""
        pack = self.pack
        registered = pack.grids.get(event.grid)
        community = registered[1] if registered else pack.communities.get(event.community or "")
        town = self.shared.town_of(event)
        have = {"grid": registered is not None, "community": community is not None,
                "town": town in pack.towns, "district": True}
        return [have.get(lv.id, False) for lv in pack.levels]

    def context(self, event, at: datetime) -> dict[str, Any]:
        pack = self.pack
        last = event.history[-1] if event.history else None
        reported = event.reported_at
        wd, gap = {}, {}
        for n in self.working_day_limits:
            moment, incomplete = self.shared.calendar.add_working_days(reported, n)
            wd[str(n)] = (moment - reported).total_seconds()
            gap[str(n)] = incomplete
        # from the last history entry (in the event's offset): an escalation renews from there
        start = last.at.astimezone(reported.tzinfo) if last else reported
        wd_esc, gap_esc = {}, {}
        for n in self.working_day_limits:
            moment, incomplete = self.shared.calendar.add_working_days(start, n)
            wd_esc[str(n)] = (moment - start).total_seconds()
            gap_esc[str(n)] = incomplete
        return {
            "type": event.type,
            "grade_given": pack.grade_rank[event.grade] if event.grade else -1,
            "life_threat": event.life_threat,
            "people_involved": event.people_involved,
            "reporters": event.reporters,
            "recurrences_30d": event.recurrences_30d,
            "spans": event.spans,
            "needs_enforcement": event.needs_enforcement,
            "last_level": pack.level_rank[last.level] if last else -1,
            "last_outcome": last.outcome if last else "",
            "assigned_to": pack.level_rank[event.assigned_to] if event.assigned_to else -1,
            "assigned_powers": self.powers[event.assigned_to] if event.assigned_to else [],
            "town": self.shared.town_of(event) or "",
            "at": (at - reported).total_seconds(),
            "wd": wd,
            "wd_gap": gap,
            "esc_shift": (start - reported).total_seconds(),
            "wd_esc": wd_esc,
            "wd_esc_gap": gap_esc,
            "registered": self._registered(event),
        }

    def evaluate(self, context: dict) -> dict:
        """One zen-engine call (the graph alone)."""
        return self.engine.evaluate(self.KEY, context)["result"]

    def route_event(self, raw: Any, at: datetime | None = None) -> dict[str, Any]:
        pack = self.pack
        event = validate_event(raw, pack)
        if at is not None and at.tzinfo is None:  # the contract: a moment carries its offset
            raise InputError(Problem("must be a datetime with a UTC offset", field="at"))
        at = at or event.reported_at
        out = self.evaluate(self.context(event, at))
        level_id = pack.levels[int(out["level"])].id
        reported = event.reported_at
        flags = set(out.get("flags") or ())  # zen leaves out a key whose value is null
        whistle = None
        if out.get("whistle") is not None:
            kind = self.whistle_kinds[out["whistle"]]
            whistle = {"kind": kind.name, "departments": list(out["owners"]),
                       "report_within": iso_duration(timedelta(seconds=out["report_within"]))}
        direct = set(out.get("direct_report") or ())
        return {
            "event": event.id,
            "type": event.type,
            "grade": pack.grades[int(out["grade"])].id,
            "level": level_id,
            "handler": self.shared.handler(level_id, event),
            "departments": list(out["owners"]),
            "direct_report": [lv.id for lv in pack.levels if lv.id in direct],
            "whistle": whistle,
            "deadlines": {part: reported + timedelta(seconds=out[part])
                          for part in ("respond_by", "close_by", "feedback_by")},
            "escalated": bool(flags & {"escalated_unresolved", "escalated_overdue"}),
            "flags": [f for f in EVENT_FLAGS if f in flags],
        }


def main(argv: list[str] | None = None) -> int:
    from gridrules.pack.loader import load_pack

    parser = argparse.ArgumentParser(description="Write the zen-engine (JDM) graph of a pack's routing policy.")
    parser.add_argument("--pack", default=None, help="pack folder (default: the bundled pack)")
    parser.add_argument("--dump", default="-", help="file to write the JSON to (default: stdout)")
    args = parser.parse_args(argv)
    text = json.dumps(build_graph(load_pack(args.pack)), ensure_ascii=False, indent=2)
    if args.dump == "-":
        print(text)
    else:
        Path(args.dump).write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
