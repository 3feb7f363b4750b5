"""Lifecycle records against the pack: codes, the ratings' town, escalation one level up, ids."""

from __future__ import annotations

import pytest

from assessdocs import AT
from gridrules import Checker, InputError
from gridrules.assess.periods import parse_period
from gridrules.assess.run import assess_records
from gridrules.decide.records import validate_record

EVENT = {"id": "E-1", "type": "AQ03", "reported_at": "2026-11-25T09:30:00+08:00", "grid": "tangxiang-heping-01"}


@pytest.fixture(scope="module")
def checker(pack):
    return Checker(pack)


def fields(checker, record) -> list[str]:
    with pytest.raises(InputError) as info:
        checker.judge_record(record, AT)
    return [str(p) for p in info.value.problems]


def test_unknown_codes_are_named_with_a_did_you_mean(checker):
    found = fields(checker, {"event": EVENT | {"type": "AQ33"}, "steps": [
        {"at": "2026-11-25T10:00:00+08:00", "kind": "whistle", "departments": ["zhujain"]},
        {"at": "2026-11-25T10:00:00+08:00", "kind": "dispatched", "level": "twn"}]})
    assert "event.type: unknown event type 'AQ33' (did you mean 'AQ03'?)" in found
    assert "steps[0].departments[0]: unknown department 'zhujain' (did you mean 'zhujian'?)" in found
    assert "steps[1].level: unknown level 'twn' (did you mean 'town'?)" in found


def test_a_rating_from_another_town(checker):
    found = fields(checker, {"event": EVENT, "steps": [
        {"at": "2026-11-25T10:00:00+08:00", "kind": "whistle", "departments": ["zhujian"]}],
        "ratings": [{"town": "longgang", "department": "zhujian", "score": 3}]})
    assert found == ["ratings[0].town: 'longgang' is not the event's town ('tangxiang')"]


def test_escalation_must_go_exactly_one_level_up(checker):
    found = fields(checker, {"event": EVENT, "steps": [
        {"at": "2026-11-25T10:00:00+08:00", "kind": "escalated", "level": "town", "reason": "unresolved"}]})
    assert found == ["steps[0].level: escalated to 'town', but the level current then is 'town' "
                     "(exactly one level above it)"]


def test_a_second_record_of_the_same_event_is_bad_and_counted(checker):
    record = {"event": EVENT, "steps": [{"at": "2026-11-25T11:00:00+08:00", "kind": "resolved"}]}
    run = assess_records(checker, [("a:1", record), ("a:2", record)], parse_period("2026-11"), AT)
    assert run.tally.errors == 1 and run.tally.in_period == 1
    (error,) = run.errors
    assert error.source == "a:2" and error.problems[0].field == "event.id"


def test_a_second_record_of_the_same_event_says_its_other_problems_too(checker):
    record = {"event": EVENT, "steps": [{"at": "2026-11-25T11:00:00+08:00", "kind": "resolved"}]}
    again = {"event": EVENT | {"type": "MD99"}, "steps": [{"at": "x", "kind": "resolved"}]}
    run = assess_records(checker, [("a:1", record), ("a:2", again)], parse_period("2026-11"), AT)
    assert run.tally.errors == 1 and run.tally.in_period == 1
    (error,) = run.errors
    assert sorted(p.field for p in error.problems) == ["event.id", "event.type", "steps[0].at"]


def test_a_digest_mismatch_is_flagged_not_refused(checker):
    record = {"event": EVENT, "digest": "sha256:" + "0" * 64,
              "steps": [{"at": "2026-11-25T11:00:00+08:00", "kind": "resolved"}]}
    assert checker.judge_record(record, AT).digest_mismatch
    run = assess_records(checker, [("a:1", record)], parse_period("2026-11"), AT)
    assert run.tally.digest_mismatch == 1 and run.tally.errors == 0


def test_a_record_may_name_its_town_departments_and_levels_in_chinese(checker):
    by_id = {"event": EVENT | {"town": "tangxiang"}, "steps": [
        {"at": "2026-11-25T10:00:00+08:00", "kind": "whistle", "departments": ["zhujian"]},
        {"at": "2026-11-25T10:30:00+08:00", "kind": "reported_in", "department": "zhujian"},
        {"at": "2026-11-25T11:00:00+08:00", "kind": "resolved"}],
        "ratings": [{"town": "tangxiang", "department": "zhujian", "score": 4}]}
    by_name = {"event": EVENT | {"town": "棠香街道"}, "steps": [
        {"at": "2026-11-25T10:00:00+08:00", "kind": "whistle", "departments": ["区住房城乡建委"]},
        {"at": "2026-11-25T10:30:00+08:00", "kind": "reported_in", "department": "住房城乡建委"},  # a short form
        {"at": "2026-11-25T11:00:00+08:00", "kind": "resolved"}],
        "ratings": [{"town": "棠香", "department": "区住房城乡建委", "score": 4}]}
    assert (checker.judge_record(by_name, AT).model_dump(mode="json")
            == checker.judge_record(by_id, AT).model_dump(mode="json"))
    assert by_name["steps"][0]["departments"] == ["区住房城乡建委"]  # the caller's record is not changed


def test_a_steps_unit_may_be_named_as_the_officer_knows_it(checker):
    # a town's officer knows 棠香街道 and 大足区, not the registry's codes: a dispatched or responded step's
    # unit is read by name like the event's town, and judged as the code would be (policy §7: a response
    # counts only from the current handler, so a unit read wrongly would make the response late)
    steps = [("2026-11-25T10:00:00+08:00", "dispatched", "tangxiang", "棠香街道"),
             ("2026-11-25T10:30:00+08:00", "responded", "tangxiang", "棠香"),
             ("2026-11-26T10:00:00+08:00", "escalated", None, None),
             ("2026-11-26T10:30:00+08:00", "responded", "dazu", "大足区")]

    def record(named: bool) -> dict:
        written = []
        for at, kind, unit, name in steps:
            step = {"at": at, "kind": kind}
            if kind == "dispatched":
                step["level"] = "town"
            if kind == "escalated":
                step |= {"level": "district", "reason": "unresolved"}
            if unit is not None:
                step["unit"] = name if named else unit
            written.append(step)
        return {"event": EVENT, "steps": written}

    by_id, by_name = checker.judge_record(record(False), AT), checker.judge_record(record(True), AT)
    assert by_name.model_dump(mode="json") == by_id.model_dump(mode="json")
    assert [s["responded"] for s in by_id.model_dump(mode="json")["segments"]] == ["on_time", "on_time"]
    found = fields(checker, {"event": EVENT, "steps": [
        {"at": "2026-11-25T10:30:00+08:00", "kind": "responded", "unit": "棠乡街道"}]})
    assert found == ["steps[0].unit: unknown unit '棠乡街道' (did you mean 'tangxiang'?)"]


def test_a_records_problems_in_chinese_name_the_field_and_the_units_as_the_pack_does(checker, monkeypatch):
    monkeypatch.setenv("GRIDRULES_LANG", "zh")
    found = fields(checker, {"event": EVENT, "steps": [
        {"at": "2026-11-25T10:00:00+08:00", "kind": "reported_in", "department": "zhujian"}],
        "ratings": [{"town": "longgang", "department": "zhujian", "score": 3}]})
    assert "部门（steps[0].department）: 部门「区住房城乡建委（zhujian）」没有被吹哨召集过（之前没有哪次吹哨点到它）" in found
    assert "部门（ratings[0].department）: 部门「区住房城乡建委（zhujian）」没有为这个事件被召集过，不能评价" in found
    assert "镇街（ratings[0].town）: 镇街「龙岗街道（longgang）」不是事件所在的镇街（棠香街道（tangxiang））" in found
    found = fields(checker, {"event": EVENT, "steps": [
        {"at": "2026-11-25T10:00:00+08:00", "kind": "escalated", "level": "town", "reason": "unresolved"}]})
    assert found == ["层级（steps[0].level）: 上报到「镇街（town）」，但当时的层级是「镇街（town）」（只能逐级上报到紧邻的上一级）"]  # AQ03 is handled by the town
    record = {"event": EVENT, "steps": [{"at": "2026-11-25T11:00:00+08:00", "kind": "resolved"}]}
    run = assess_records(checker, [("a:1", record), ("a:2", record)], parse_period("2026-11"), AT)
    (error,) = run.errors
    assert "在前面的记录里已出现过" in str(error) and "E-1" in str(error)
    with pytest.raises(InputError, match="不是考核期"):
        parse_period("2026-13")


def _reached(doc, path):
    """The values ``path`` reaches from the root of ``doc`` (``"*"``: each item of a list), one
    path at a time: the reading ``ids_only`` must agree with (it walks all paths at once)."""
    values = [doc]
    for step in path:
        found = []
        for value in values:
            if step == "*":
                found.extend(value if isinstance(value, list) else [])
            elif isinstance(value, dict) and value.get(step) is not None:
                found.append(value[step])
        values = found
    return values


def _all_ids_path_by_path(pack, doc, fields) -> bool:
    from gridrules.pack.names import OPEN_KINDS, entries
    for path, kind in fields:
        known = {e.id for e in entries(pack, kind)}
        shape = OPEN_KINDS.get(kind)
        for value in _reached(doc, path):
            if isinstance(value, str) and value not in known and not (shape and shape.match(value)):
                return False
    return True


def test_ids_only_agrees_with_reading_each_path_from_the_root(pack):
    """A record is taken as ids (no names read) exactly when every string its fields hold is an
    id, whatever the fields hold instead: names, nulls, numbers, lists where a value goes."""
    import copy
    import random

    from assessdocs import month_case
    from gridrules.decide.inputs import ids_only
    from gridrules.decide.records import RECORD_FIELDS
    from gridrules.pack.names import EVENT_FIELDS

    rnd = random.Random(20)
    swaps = [None, "区住建委", "zhujian", "town", "tangxiang", "not an id", 7, [], {}, ["zhujian", None], {"level": "乡镇"}]
    records = month_case()["records"]
    answers = set()
    for _ in range(400):
        doc = copy.deepcopy(rnd.choice(records))
        for _ in range(rnd.randint(0, 3)):  # replace a value somewhere inside
            holder = doc
            while True:
                keys = list(holder) if isinstance(holder, dict) else list(range(len(holder)))
                if not keys:
                    break
                key = rnd.choice(keys)
                if isinstance(holder[key], (dict, list)) and holder[key] and rnd.random() < 0.7:
                    holder = holder[key]
                    continue
                holder[key] = rnd.choice(swaps)
                break
        for fields, part in ((RECORD_FIELDS, doc), (EVENT_FIELDS, doc.get("event"))):
            expected = _all_ids_path_by_path(pack, part, fields)
            assert ids_only(pack, part, fields) == expected, (part, fields)
            answers.add(expected)
    assert answers == {True, False}  # both answers were met


def test_the_written_out_check_answers_as_the_walk_for_raw_and_parsed_documents(pack):
    """``ids_only`` runs the tree written out as one function (``_compiled``); it answers as
    the walk (``_all_ids``) it was made from: raw records with values swapped anywhere, and
    parsed records and events (models: handed to the walk)."""
    import copy
    import random

    from assessdocs import month_case
    from gridrules.contract.lifecycle import LifecycleRecord
    from gridrules.decide.inputs import _all_ids, _compiled, _tree
    from gridrules.decide.records import RECORD_FIELDS
    from gridrules.pack.names import EVENT_FIELDS

    rnd = random.Random(21)
    swaps = [None, "区住建委", "zhujian", "district", "tangxiang", "not an id", 7, 2.5, True, [], {},
             ["zhujian", None, 3], {"level": "乡镇"}, [{"level": "district"}], [["zhujian"]]]
    records = month_case()["records"]
    parsed = [LifecycleRecord.model_validate(r) for r in records[:20]]
    # models holding a name where an id goes (model_copy does not validate): the walk says no
    parsed += [p.model_copy(update={"event": p.event.model_copy(update={"town": "棠香街道"})}) for p in parsed[:5]]
    answers = set()
    for fields in (RECORD_FIELDS, EVENT_FIELDS):
        tree = _tree(pack, fields)
        check = _compiled(tree)
        for doc in parsed + [p.event for p in parsed]:
            expected = _all_ids(doc, tree)
            assert check(doc) == expected
            answers.add(("parsed", expected))
        for _ in range(400):
            doc = copy.deepcopy(rnd.choice(records))
            for _ in range(rnd.randint(0, 4)):
                holder = doc
                while isinstance(holder, (dict, list)) and holder:
                    key = rnd.choice(list(holder) if isinstance(holder, dict) else range(len(holder)))
                    if isinstance(holder[key], (dict, list)) and holder[key] and rnd.random() < 0.7:
                        holder = holder[key]
                        continue
                    holder[key] = copy.deepcopy(rnd.choice(swaps))
                    break
            for part in (doc, doc.get("event"), doc.get("steps"), "text", None):
                expected = _all_ids(part, tree)
                assert check(part) == expected, (part, fields)
                answers.add(expected)
    assert answers == {True, False, ("parsed", True), ("parsed", False)}


KINDS = ("dispatched, direct_report, whistle, reported_in, responded, feedback, escalated, extended, returned, "
         "resolved, revisit, reopened")  # the step kinds of the contract (lifecycle record), in its order


@pytest.mark.parametrize("step, expected", [
    ({"kind": "fedback"}, f"steps[0].kind: unknown step kind 'fedback'; expected one of: {KINDS} (did you mean 'feedback'?)"),
    ({"kind": 5}, f"steps[0].kind: unknown step kind '5'; expected one of: {KINDS}"),
    ({}, "steps[0].kind: missing required field (it tells the kind)"),
])
def test_a_steps_kind_missing_or_unknown_is_named_at_the_kind(checker, step, expected):
    found = fields(checker, {"event": EVENT, "steps": [{"at": "2026-11-25T10:00:00+08:00", **step}]})
    assert found == [expected]


# the step kinds and 回访 results by their Chinese words (the contract's notes on a record's steps,
# docs/reference.md: 派单、直报、吹哨…; 满意、基本满意、不满意), in the contract's order
WORDS = ("派单（dispatched）、直报（direct_report）、吹哨（whistle）、报到（reported_in）、响应（responded）、反馈（feedback）、"
         "逐级上报（escalated）、延期（extended）、退哨（returned）、办结（resolved）、回访（revisit）、复发（reopened）")
RESULTS = "满意（satisfied）、基本满意（basic）、不满意（dissatisfied）"


def test_a_steps_unknown_kind_in_chinese(checker, monkeypatch):
    """The choices by word and code, and a did-you-mean: for a mistyped code and a mistyped word alike."""
    monkeypatch.setenv("GRIDRULES_LANG", "zh")
    found = fields(checker, {"event": EVENT, "steps": [{"at": "2026-11-25T10:00:00+08:00", "kind": "fedback"}]})
    assert found == [f"步骤类型（steps[0].kind）: 没有「fedback」这一步骤类型，应为以下之一：{WORDS}（是否指 反馈（feedback）？）"]
    found = fields(checker, {"event": EVENT, "steps": [{"at": "2026-11-25T10:00:00+08:00", "kind": "反溃"}]})
    assert found == [f"步骤类型（steps[0].kind）: 没有「反溃」这一步骤类型，应为以下之一：{WORDS}（是否指 反馈（feedback）？）"]
    found = fields(checker, {"event": EVENT, "steps": [{"at": "2026-11-25T10:00:00+08:00"}]})
    assert found == ["步骤类型（steps[0].kind）: 缺少必填字段（据此区分种类）"]


def test_a_revisits_unknown_satisfaction_in_chinese(checker, monkeypatch):
    monkeypatch.setenv("GRIDRULES_LANG", "zh")
    found = fields(checker, {"event": EVENT, "steps": [
        {"at": "2026-11-25T10:00:00+08:00", "kind": "resolved"},
        {"at": "2026-11-26T10:00:00+08:00", "kind": "revisit", "satisfaction": "很满意"}]})
    assert found == [f"满意度（steps[1].satisfaction）: 没有「很满意」这一回访满意度，应为以下之一：{RESULTS}（是否指 满意（satisfied）？）"]
    found = fields(checker, {"event": EVENT, "steps": [
        {"at": "2026-11-25T10:00:00+08:00", "kind": "resolved"},
        {"at": "2026-11-26T10:00:00+08:00", "kind": "回访", "satisfaction": "happy"}]})  # the kind read, the result not
    assert found == [f"满意度（steps[1].satisfaction）: 没有「happy」这一回访满意度，应为以下之一：{RESULTS}"]


def test_a_steps_kind_and_a_revisits_satisfaction_may_be_given_by_their_chinese_words(checker):
    """反馈 is feedback, 回访 revisit, 基本满意 basic (which assessment.yaml counts as satisfied): the
    record is judged as the one written in codes, and keeps the codes."""
    steps = [("feedback", "反馈"), ("resolved", "办结"), ("revisit", "回访")]
    by_code = {"event": EVENT, "steps": [{"at": f"2026-11-25T1{i}:00:00+08:00", "kind": code}
                                         for i, (code, _) in enumerate(steps)]}
    by_word = {"event": EVENT, "steps": [{"at": f"2026-11-25T1{i}:00:00+08:00", "kind": word}
                                         for i, (_, word) in enumerate(steps)]}
    by_code["steps"][2]["satisfaction"], by_word["steps"][2]["satisfaction"] = "basic", "基本满意"
    judged = checker.judge_record(by_word, AT)
    assert judged.model_dump(mode="json") == checker.judge_record(by_code, AT).model_dump(mode="json")
    assert judged.satisfaction == "basic" and judged.satisfied is True
    assert by_word["steps"][0]["kind"] == "反馈"  # the caller's record is not changed
    record = validate_record(by_word, checker.pack)
    assert [s.kind for s in record.steps] == ["feedback", "resolved", "revisit"]
    assert record.steps[2].satisfaction == "basic"


def _escalated(reason):
    """A record of an event routed to its town, escalated one level up (to the district) for ``reason``."""
    return {"event": EVENT, "steps": [{"at": "2026-11-25T10:00:00+08:00", "kind": "escalated", "level": "district",
                                       "reason": reason}]}


def test_an_escalations_reason_may_be_given_by_its_chinese_word(checker):
    """超时未办结 is overdue, 本级无法解决 unresolved (the reference's note on an escalation's reason):
    the record is judged as the one in codes -- an escalation for overdue is late for the level it left,
    one for unresolved before that level's deadline is not (contract.md) -- and keeps the codes."""
    for code, word in (("overdue", "超时未办结"), ("unresolved", "本级无法解决")):
        judged = checker.judge_record(_escalated(word), AT)
        assert judged.model_dump(mode="json") == checker.judge_record(_escalated(code), AT).model_dump(mode="json")
        assert validate_record(_escalated(word), checker.pack).steps[0].reason == code
    town = checker.judge_record(_escalated("超时未办结"), AT).segments[0]
    assert (town.end, town.closed) == ("escalated_overdue", "late")
    town = checker.judge_record(_escalated("本级无法解决"), AT).segments[0]
    assert (town.end, town.closed) == ("escalated_unresolved", "excluded")


def test_a_returned_steps_reason_is_its_own_text_not_a_code(checker):
    """A 退哨's reason is free text: written as an escalation's word, it is kept as written."""
    record = validate_record({"event": EVENT, "steps": [
        {"at": "2026-11-25T10:00:00+08:00", "kind": "whistle", "departments": ["zhujian"]},
        {"at": "2026-11-25T11:00:00+08:00", "kind": "退哨", "department": "zhujian", "reason": "本级无法解决"}]},
        checker.pack)
    assert (record.steps[1].kind, record.steps[1].reason) == ("returned", "本级无法解决")


def test_an_escalations_unknown_reason_in_chinese(checker, monkeypatch):
    monkeypatch.setenv("GRIDRULES_LANG", "zh")
    reasons = "本级无法解决（unresolved）、超时未办结（overdue）"
    assert fields(checker, _escalated("超期未办结")) == [
        f"理由（steps[0].reason）: 没有「超期未办结」这一上报原因，应为以下之一：{reasons}（是否指 超时未办结（overdue）？）"]
    assert fields(checker, _escalated("超期")) == [f"理由（steps[0].reason）: 没有「超期」这一上报原因，应为以下之一：{reasons}"]
    # part of one word only, yet 未办结 may mean either reason, and they are judged apart (overdue is
    # late for the level it left, unresolved excluded): a code's word is read only when written whole
    assert fields(checker, _escalated("未办结")) == [
        f"理由（steps[0].reason）: 没有「未办结」这一上报原因，应为以下之一：{reasons}（是否指 超时未办结（overdue）？）"]
    monkeypatch.setenv("GRIDRULES_LANG", "en")
    assert fields(checker, _escalated("late")) == [
        "steps[0].reason: unknown escalation reason 'late'; expected one of: unresolved, overdue"]


def test_a_record_in_codes_reads_no_words(checker, monkeypatch):
    """The words are read only for a record the model refuses: one in codes (a province's millions)
    costs what it cost before they were read at all."""
    def no_reading(*_args):
        raise AssertionError("a record in codes had its words read")

    monkeypatch.setattr("gridrules.decide.inputs.resolve", no_reading)  # the words reader's
    monkeypatch.setattr("gridrules.pack.names.resolve", no_reading)
    record = {"event": EVENT, "steps": [{"at": "2026-11-25T10:00:00+08:00", "kind": "resolved"},
                                        {"at": "2026-11-26T10:00:00+08:00", "kind": "revisit", "satisfaction": "satisfied"}]}
    assert validate_record(record, checker.pack).steps[1].satisfaction == "satisfied"


def test_a_records_problems_are_reported_at_once(checker):
    """A code the pack lacks (MD99), a name that names nothing and a malformed step time: all three,
    not the time first and the rest once it is mended; a name that named nothing is said so, not
    also refused as no id."""
    found = fields(checker, {"event": EVENT | {"type": "MD99"}, "steps": [
        {"at": "x", "kind": "feedback"},
        {"at": "2026-11-25T10:00:00+08:00", "kind": "whistle", "departments": ["区不存在局"]}]})
    assert found == ["event.type: unknown event type 'MD99'",
                     "steps[0].at: expected a date and time with UTC offset, e.g. 2026-11-25T09:30:00+08:00 "
                     "or '2026年11月25日 9:30+08:00'",
                     "steps[1].departments[0]: unknown department '区不存在局'"]


def test_a_bad_step_leaves_its_events_checks_to_run(checker):
    """The grid tangxiang-heping-01 is in 棠香街道, not 龙岗街道 (rules/organization/registry.yaml): said
    beside the step's bad time."""
    found = fields(checker, {"event": EVENT | {"town": "longgang"}, "steps": [{"at": "x", "kind": "feedback"}]})
    assert found == ["event.town: grid 'tangxiang-heping-01' is in town 'tangxiang', not 'longgang'",
                     "steps[0].at: expected a date and time with UTC offset, e.g. 2026-11-25T09:30:00+08:00 "
                     "or '2026年11月25日 9:30+08:00'"]


def test_a_bad_digest_leaves_every_other_check_to_run(checker):
    """A malformed digest refuses the record; its steps out of order, its rating of a department never
    summoned by another town than the event's are said with it."""
    found = fields(checker, {"event": EVENT, "digest": "md5:1", "steps": [
        {"at": "2026-11-25T11:00:00+08:00", "kind": "resolved"},
        {"at": "2026-11-25T10:00:00+08:00", "kind": "feedback"}],
        "ratings": [{"town": "longgang", "department": "zhujian", "score": 3}]})
    assert found == ["digest: write sha256: and 64 hexadecimal digits (0-9, a-f)",
                     "ratings[0].department: 'zhujian' was never summoned for this event",
                     "ratings[0].town: 'longgang' is not the event's town ('tangxiang')",
                     "steps[1].at: 2026-11-25T10:00:00+08:00 is before steps[0] 2026-11-25T11:00:00+08:00 (1 hour earlier)"]


def test_a_step_out_of_order_is_told_against_the_latest_step_before_it_with_the_gap(checker):
    """A review: clock drift of a few minutes refused a record with no word of the time it came before.
    The step named is the latest before it: steps[2] (09:50) comes before steps[0] (10:00), not
    before steps[1] (09:40), itself out of order.  (The event was reported at 09:30.)"""
    found = fields(checker, {"event": EVENT, "steps": [
        {"at": "2026-11-25T10:00:00+08:00", "kind": "feedback"},
        {"at": "2026-11-25T09:40:00+08:00", "kind": "feedback"},
        {"at": "2026-11-25T09:50:00+08:00", "kind": "resolved"}]})
    assert found == ["steps[1].at: 2026-11-25T09:40:00+08:00 is before steps[0] 2026-11-25T10:00:00+08:00 (20 minutes earlier)",
                     "steps[2].at: 2026-11-25T09:50:00+08:00 is before steps[0] 2026-11-25T10:00:00+08:00 (10 minutes earlier)"]
    early = fields(checker, {"event": EVENT, "steps": [{"at": "2026-11-25T09:27:00+08:00", "kind": "feedback"}]})
    assert early == ["steps[0].at: 2026-11-25T09:27:00+08:00 is before the report 2026-11-25T09:30:00+08:00 (3 minutes earlier)"]


def test_an_unknown_code_is_reported_once(checker):
    """An id-shaped department the pack lacks, in a whistle and a 报到: once each, where it is."""
    found = fields(checker, {"event": EVENT, "steps": [
        {"at": "2026-11-25T10:00:00+08:00", "kind": "whistle", "departments": ["zhujain"]},
        {"at": "2026-11-25T10:30:00+08:00", "kind": "reported_in", "department": "zhujain"}]})
    assert found == ["steps[0].departments[0]: unknown department 'zhujain' (did you mean 'zhujian'?)",
                     "steps[1].department: unknown department 'zhujain' (did you mean 'zhujian'?)"]
