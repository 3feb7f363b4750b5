"""Routing details the decision cases do not pin down: texts, remembered reasons, offsets."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from gridrules import Checker
from gridrules.contract import placeholders
from gridrules.decide import event_texts
from gridrules.decide.clock import iso_duration

EVENT = {"id": "E", "type": "MD02", "grid": "tangxiang-heping-01"}


def test_every_declared_event_placeholder_is_filled_from_declared_inputs():
    assert set(event_texts.FILLERS) == set(placeholders.EVENT)
    assert {i for reads in placeholders.EVENT.values() for i in reads} == set(event_texts.INPUTS)


def test_remembered_reasons_keep_each_events_own_offset(pack):
    checker = Checker(pack)
    late = {"at": datetime(2026, 11, 28, 12, 0, tzinfo=timezone.utc)}
    beijing = checker.route_event(EVENT | {"reported_at": "2026-11-25T09:30:00+08:00"}, **late)
    utc = checker.route_event(EVENT | {"reported_at": "2026-11-25T01:30:00+00:00"}, **late)  # the same instant
    text = {r.rule: r.text for r in beijing.reasons}["review.past_respond"]
    utc_text = {r.rule: r.text for r in utc.reasons}["review.past_respond"]
    assert "2026-11-28 20:00" in text and "2026-11-26 09:30" in text
    assert "2026-11-28 12:00" in utc_text and "2026-11-26 01:30" in utc_text


def test_reasons_fill_every_placeholder(pack):
    checker = Checker(pack)
    decision = checker.route_event(EVENT | {"reported_at": "2026-11-25T09:30:00+08:00", "people_involved": 60,
                                            "needs_enforcement": True, "assigned_to": "grid",
                                            "history": [{"level": "grid", "outcome": "overdue", "at": "2026-11-26T09:30:00+08:00"}]},
                                   at=datetime(2026, 12, 25, 9, 30, tzinfo=timezone(timedelta(hours=8))))
    assert len(decision.reasons) >= 8
    for reason in decision.reasons:
        assert "{" not in reason.text and "{" not in reason.basis, reason


def test_durations(pack):
    assert iso_duration(timedelta(minutes=30)) == "PT30M"
    assert iso_duration(timedelta(hours=24)) == "PT24H"
    assert iso_duration(timedelta(hours=1, minutes=30)) == "PT1H30M"
    words = Checker(pack).routing.clock.in_words  # the pack's words (events/dispatch.yaml duration_words)
    assert words(timedelta(minutes=30)) == "30分钟" and words(timedelta(hours=2)) == "2小时"
    assert words(timedelta(minutes=90)) == "90分钟"


def test_decisions_share_no_list_a_caller_could_change(pack):
    checker = Checker(pack)
    drowning = {"id": "E", "type": "TF01", "grid": "baoding-shengji-01", "reported_at": "2026-12-02T08:15:00+08:00"}
    first, second = checker.route_event(drowning), checker.route_event(drowning | {"id": "E2"})
    assert first.whistle is not None and first.whistle == second.whistle
    first.whistle.departments.append("changed")
    first.departments.append("changed")
    assert "changed" not in second.whistle.departments and "changed" not in second.departments


def test_remembered_answers_and_reasons_follow_what_they_read(pack):
    """Engine answers and reasons are remembered (under the fields a ruleset reads and
    the inputs a text's placeholders declare): one checker deciding everything in turn
    agrees with a fresh checker per event."""
    shared = Checker(pack)
    base = {"id": "E", "grid": "tangxiang-heping-01", "reported_at": "2026-11-25T09:30:00+08:00"}
    histories = [[]] + [[{"level": lv.id, "outcome": outcome, "at": "2026-11-26T09:30:00+08:00"}]
                        for lv in pack.levels for outcome in ("unresolved", "overdue")]
    seen = set()
    for code in pack.event_types:
        for history in histories:
            event = base | {"type": code, "history": history}
            remembered, fresh = shared.route_event(event), Checker(pack).route_event(event)
            assert remembered == fresh, (code, history)
            seen.add((remembered.grade, remembered.level))
    assert len(seen) >= 4  # several grades and levels were decided, not one remembered answer


def test_the_handling_unit_is_the_one_the_level_names(pack, pack_copy):
    """Which unit handles at a level is the pack's data (levels.yaml ``unit``), not the level's id."""
    from gridrules import load_pack

    levels = pack_copy / "organization" / "levels.yaml"
    text = levels.read_text(encoding="utf-8")
    levels.write_text(text.replace("  - id: town\n    unit: town\n", "  - id: town\n    unit: district\n"), encoding="utf-8")
    # the towns' 专题研究 sits at the town level, now the district's kind: no town's approvals stand
    (pack_copy / "admission" / "temporary.yaml").write_text("approvals: []\n", encoding="utf-8")
    changed = load_pack(pack_copy)
    enforcement = EVENT | {"reported_at": "2026-11-25T09:30:00+08:00", "needs_enforcement": True}
    before, after = Checker(pack).route_event(enforcement), Checker(changed).route_event(enforcement)
    assert before.level == after.level == "town"
    assert before.handler.unit == "tangxiang"
    assert after.handler.model_dump() == {"level": "town", "unit": changed.district.id, "name": changed.district.handler_name}


def test_remembered_dispatch_follows_the_moments(pack):
    """What the dispatch stage decides is remembered with the event's grading and leveling,
    under the order of the moments (the check, the deadlines): one checker routing an event
    at moments before, between and after its deadlines agrees with a fresh checker each time."""
    from gridrules.decide.inputs import validate_event

    shared = Checker(pack)
    reported = datetime(2026, 11, 25, 9, 30, tzinfo=timezone(timedelta(hours=8)))
    event = validate_event(EVENT | {"reported_at": reported.isoformat()}, pack)
    flags = set()
    for hours in (0, 1, 2, 6, 24, 48, 24 * 7, 24 * 40, 2, 0):
        at = reported + timedelta(hours=hours)
        remembered = shared.routing.decide(event, at, remember=True)
        assert remembered == Checker(pack).routing.decide(event, at), hours
        flags.add(tuple(remembered.flags))
    assert len(flags) >= 2  # the moments changed what was decided, not only what was remembered
    assert len(next(iter(shared.routing._preludes.values())).dispatched) >= 2


def test_grading_remembered_for_records_gives_what_deciding_afresh_gives(pack):
    """Judging records remembers grading and leveling under the grading fact (their events
    repeat their facts); routing events one by one does not (they rarely repeat).  Both give
    the same decisions, each event routed twice to meet its own remembered fact."""
    from gridrules.bench.random_inputs import random_events
    from gridrules.decide.inputs import validate_event

    plain, remembering = Checker(pack), Checker(pack)
    events = [(validate_event(doc, pack), at) for doc, at in random_events(pack, 300, 8, invalid=0.0)]
    for event, at in events + events:
        at = remembering._moment(at)
        assert remembering.routing.decide(event, at, remember=True) == plain.routing.decide(event, at)
    assert plain.routing._preludes == {}
    assert 0 < len(remembering.routing._preludes) <= len(events)


def test_the_grading_fact_has_every_field_the_contract_declares_once(pack):
    """The fact is made from a tuple of values and ``GRADING_NAMES``: the names are the
    contract's event fields (each once), the stage and the lists' counts, then the pack's own."""
    from gridrules.bench.random_inputs import random_events
    from gridrules.contract.facts import EVENT_FIELDS
    from gridrules.decide.facts import GRADING_NAMES, grading_fact, grading_names, grading_values
    from gridrules.decide.inputs import validate_event

    assert len(set(GRADING_NAMES)) == len(GRADING_NAMES)
    lists = {f"{name}__n" for name, field in EVENT_FIELDS.items() if field.kind == "list"}
    assert set(GRADING_NAMES) == set(EVENT_FIELDS) | lists | {"stage"}
    assert grading_names(pack)[:len(GRADING_NAMES)] == GRADING_NAMES
    from gridrules.errors import InputError

    checked = 0
    for doc, _ in random_events(pack, 80, 9):
        try:
            event = validate_event(doc, pack)
        except InputError:  # the generator's few refused events
            continue
        checked += 1
        fact, values = grading_fact(pack, event), grading_values(pack, event)
        assert tuple(fact) == grading_names(pack) and tuple(fact.values()) == values
        assert fact["type"] == event.type and fact["life_threat"] == event.life_threat
        assert fact["assigned_powers__n"] == len(fact["assigned_powers"])
        assert fact["reporter_powers__n"] == len(fact["reporter_powers"])
    assert checked > 40


def test_an_escalation_reason_says_the_level_moved_from_the_last_entrys_to_the_next(pack):
    """Policy §6 rule 5: the last history entry lifts the level to one above its own, district
    being the top.  A reason that says 按逐级上报 names a move one level up from the last entry's
    level; at the district nothing moves up (review finding F5, E17); and the escalation flag's
    reason names the last entry's level and the level now, not a "from" the history never had
    (E10b: grid -> community -> town, town overdue: town -> district, not grid -> district)."""
    checker = Checker(pack)
    ladder = [level.id for level in pack.levels]
    for kind in ("MD02", "MD03", "TS05", "ZA01"):
        for last in ladder:
            for outcome in ("unresolved", "overdue"):
                decision = checker.route_event(EVENT | {
                    "id": f"E-{kind}-{last}-{outcome}", "type": kind, "reported_at": "2026-11-25T09:30:00+08:00",
                    "history": [{"level": last, "outcome": outcome, "at": "2026-11-26T09:30:00+08:00"}]})
                said = [r for r in decision.reasons if r.rule.startswith("level.escalate_")]
                if last == ladder[-1]:
                    assert said == [], (kind, last, outcome, said)
                else:
                    assert ladder.index(decision.level) >= ladder.index(last) + 1
    e10b = checker.route_event(EVENT | {"id": "E10b", "reported_at": "2026-11-25T09:30:00+08:00", "history": [
        {"level": "grid", "outcome": "unresolved", "at": "2026-11-25T12:00:00+08:00"},
        {"level": "community", "outcome": "unresolved", "at": "2026-11-26T09:30:00+08:00"},
        {"level": "town", "outcome": "overdue", "at": "2026-11-30T09:30:00+08:00"}]})
    texts = {r.rule: r.text for r in e10b.reasons}
    assert e10b.level == "district" and e10b.flags == ["escalated_overdue"]
    assert texts["level.escalate_overdue"] == "镇街未在时限内办结，按逐级上报由区受理并督办。"
    assert texts["review.escalated_overdue"] == "因镇街超时未办结，现由区处置（不计处置经过时为网格）。"
    e17 = checker.route_event(EVENT | {"id": "E17", "type": "TS05", "reporters": 5, "reported_at": "2026-11-25T09:30:00+08:00",
                                       "history": [{"level": "district", "outcome": "overdue", "at": "2026-11-26T09:30:00+08:00"}]})
    assert e17.level == "district" and e17.escalated is False
    assert not any("逐级上报由" in r.text for r in e17.reasons), e17.reasons
    assert {r.rule: r.text for r in e17.reasons}["level.top_not_closed"] == \
        "区处置后尚未办结；区已是最高处置层级，无法再上报，仍由区处置。"
