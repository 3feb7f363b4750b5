"""Bad tasks and events are refused before the engine sees them, naming the field."""

from __future__ import annotations

import pytest

from gridrules.catalogue import set_language
from gridrules.errors import InputError
from gridrules.decide.inputs import validate_event, validate_task
from gridrules.pack.yamlsrc import parse_yaml

TASK = {"id": "T-1", "title": "走访", "department": "minzheng", "activities": ["visit"], "start": "2026-12-01"}
EVENT = {"id": "E-1", "type": "MD02", "reported_at": "2026-11-25T09:30:00+08:00", "grid": "tangxiang-heping-01"}


def refused(fn, data, pack):
    with pytest.raises(InputError) as caught:
        fn(data, pack)
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize(
    "change, expected",
    [
        ({"department": "minzhen"}, "department: unknown department 'minzhen' (did you mean 'minzheng'?)"),
        ({"activities": ["vist"]}, "activities[0]: unknown activity 'vist' (did you mean 'visit'?)"),
        ({"activities": []}, "activities: List should have at least 1 item"),
        ({"activities": ["visit", "visit"]}, "activities lists an activity twice"),
        ({"assignee": "volunteer"}, "assignee: unknown role 'volunteer'"),
        ({"list_item": "L99"}, "list_item: unknown list item 'L99'"),
        ({"town": "tangxiang", "issued_by": "town"}, "department must be the town id"),
        ({"issued_by": "town"}, "town is required when issued_by is town"),
        ({"issued_by": "province"}, "issued_by: unknown issuer kind 'province'; expected one of: department, town"),
        ({"end": "2026-11-30"}, "end (2026-11-30) is before start (2026-12-01)"),
        ({"start": "2026-13-01"}, "start: '2026-13-01' is not a real calendar date"),
        ({"start": 20261201}, "start: expected a date written YYYY-MM-DD"),
        ({"hours_per_month": "3"}, "hours_per_month: Input should be a valid number"),
        ({"hours_per_month": -1}, "hours_per_month: Input should be greater than or equal to 0"),
        ({"status": "sent"}, "status: unknown task status 'sent'; expected one of: proposed, assigned"),
        ({"titel": "x"}, "titel: unknown field 'titel' (did you mean 'title'?)"),
        ({"id": ""}, "id: String should have at least 1 character"),
        # blanks only: nothing to tell one task from another, or what it is
        ({"id": "   "}, "id: write some text (not only blanks) without line breaks, tabs or other control characters"),
        ({"title": " \u3000 "}, "title: write more than blanks"),
    ],
)
def test_bad_task_fields_are_named(pack, change, expected):
    problems = refused(validate_task, {**TASK, **change}, pack)
    assert any(expected in p for p in problems), problems


def test_missing_required_task_field(pack):
    problems = refused(validate_task, {k: v for k, v in TASK.items() if k != "start"}, pack)
    assert problems == ["start: missing required field"]


def test_a_task_must_be_a_mapping(pack):
    assert refused(validate_task, ["visit"], pack) == ["a task is a mapping of fields, not a list"]


@pytest.mark.parametrize(
    "change, expected",
    [
        ({"type": "MD20"}, "type: unknown event type 'MD20' (did you mean"),
        ({"reported_at": "2026-11-25T09:30:00"}, "has no UTC offset"),
        ({"reported_at": "2026-11-25"}, "expected a date and time with UTC offset"),
        ({"people_involved": -2}, "people_involved: Input should be greater than or equal to 0"),
        ({"reporters": 0}, "reporters: Input should be greater than or equal to 1"),
        ({"life_threat": "true"}, "life_threat: Input should be a valid boolean"),
        ({"people_involved": 2.5}, "people_involved: Input should be a valid integer"),
        ({"grade": "critical"}, "grade: unknown grade 'critical'"),
        ({"assigned_to": "villige"}, "assigned_to: unknown level 'villige'"),
        ({"spans": "grid"}, "spans: unknown spans value 'grid' (did you mean 'grids'?)"),
        ({"community": "tangxiang-beiguan"}, "community: grid 'tangxiang-heping-01' belongs to community 'tangxiang-heping', not 'tangxiang-beiguan'"),
        ({"town": "longgang"}, "town: grid 'tangxiang-heping-01' is in town 'tangxiang', not 'longgang'"),
        ({"grid": "x-01", "community": "longgang-wuxing", "town": "tangxiang"}, "community 'longgang-wuxing' is in town 'longgang'"),
        ({"history": [{"level": "grid", "outcome": "unresolved", "at": "2026-11-25T08:00:00+08:00"}]}, "history[0].at (2026-11-25T08:00:00+08:00) is before the report"),
        ({"history": [{"level": "grid", "outcome": "lost", "at": "2026-11-25T10:00:00+08:00"}]}, "history[0].outcome: unknown outcome 'lost'; expected one of: unresolved, overdue, resolved"),
        ({"history": [{"level": "gird", "outcome": "unresolved", "at": "2026-11-25T10:00:00+08:00"}]}, "history[0].level: unknown level 'gird' (did you mean 'grid'?)"),
    ],
)
def test_bad_event_fields_are_named(pack, change, expected):
    problems = refused(validate_event, {**EVENT, **change}, pack)
    assert any(expected in p for p in problems), problems


def test_an_unregistered_grid_is_accepted(pack):
    event = validate_event({**EVENT, "grid": "tangxiang-heping-09"}, pack)
    assert event.grid == "tangxiang-heping-09"


def test_every_problem_is_reported_together(pack):
    problems = refused(validate_task, {**TASK, "department": "x", "activities": ["a", "b"], "assignee": "y"}, pack)
    assert len(problems) == 4


def test_problems_in_a_file_carry_line_and_column(pack):
    doc, _ = parse_yaml("id: T-1\ntitle: x\ndepartment: minzhen\nactivities: [visit]\nstart: 2026-12-01\n", "task.yaml")
    with pytest.raises(InputError) as caught:
        validate_task(doc.data, pack, doc=doc)
    assert str(caught.value.problems[0]) == "task.yaml:3:13: department: unknown department 'minzhen' (did you mean 'minzheng'?)"


# --- outside issuers and reporters' roles (policy §8) ---------------------------------------------


@pytest.mark.parametrize(
    "department, expected",
    [
        ("external:", "department: an external issuer needs its name after 'external:'"),
        ("external:   ", "department: an external issuer needs its name after 'external:'"),
        ("external: 税务局", "without leading or trailing blanks"),
        ("external:gongan", "department: 'gongan' is a department of the pack: write its name ('区公安局'), "
                            "not external:gongan (external: is for bodies outside the pack)"),
        ("external:区公安局", "department: '区公安局' is a department of the pack: write its name ('区公安局')"),
        ("external:棠香街道", "department: '棠香街道' is a town of the pack, not an outside body"),
        # a short name the pack reads as one of its own (as ``department: 民政局`` is read)
        ("external:民政局", "department: '民政局' is a department of the pack: write its name ('区民政局')"),
        ("external:卫健委", "department: '卫健委' is a department of the pack: write its name ('区卫生健康委')"),
        ("external:棠香", "department: '棠香' is a town of the pack, not an outside body"),
        ("External:税务局", "department: unknown department 'External:税务局'"),
    ],
)
def test_a_bad_outside_issuer_is_refused_naming_the_field(pack, department, expected):
    problems = refused(validate_task, {**TASK, "department": department}, pack)
    assert any(expected in p for p in problems), problems


@pytest.mark.parametrize(
    "department, expected",
    [
        ("external:", "外部单位须在「external:」之后写明单位名称"),
        ("external: 税务局", "首尾不得有空格"),
        # the department's name, not its id: a clerk writes names everywhere else
        ("external:区公安局", "「区公安局」是规则包内的部门：请写部门名称「区公安局」，不要写 external:区公安局"
                             "（external: 只用于规则包之外的单位）"),
        ("external:卫健委", "「卫健委」是规则包内的部门：请写部门名称「区卫生健康委」"),
        ("external:棠香街道", "「棠香街道」是规则包内的镇街，不是外部单位"),
    ],
)
def test_a_bad_outside_issuer_is_refused_in_chinese_by_default(pack, department, expected):
    set_language("zh")
    try:
        problems = refused(validate_task, {**TASK, "department": department}, pack)
    finally:
        set_language(None)
    assert any(expected in p for p in problems), problems


def test_an_outside_body_is_taken_as_an_issuer(pack):
    assert validate_task({**TASK, "department": "external:税务局"}, pack).department == "external:税务局"
    # a body of the same kind elsewhere is outside: the city's bureau is not the district's 区公安局
    assert validate_task({**TASK, "department": "external:市公安局"}, pack).department == "external:市公安局"


def test_an_outside_issuer_in_a_file_is_refused_with_its_line(pack):
    doc, _ = parse_yaml("id: T-1\ntitle: x\ndepartment: 'external:'\nactivities: [visit]\nstart: 2026-12-01\n", "task.yaml")
    with pytest.raises(InputError) as caught:
        validate_task(doc.data, pack, doc=doc)
    assert str(caught.value.problems[0]).startswith("task.yaml:3:13: department: an external issuer needs its name")


def test_an_unknown_department_is_told_how_to_be_given_as_an_outside_body(pack):
    """A tax bureau's clerk writes the bureau's name as the department: refused (nothing is
    decided on a guess), and told how to give it as a body outside the pack, after the
    did-you-mean."""
    doc, _ = parse_yaml("id: T-1\ntitle: x\ndepartment: 区税务局\nactivities: [visit]\nstart: 2026-12-01\n", "task.yaml")
    with pytest.raises(InputError) as caught:
        validate_task(doc.data, pack, doc=doc)
    (problem,) = caught.value.problems
    assert str(problem).startswith("task.yaml:3:13: department: unknown department '区税务局'"), str(problem)
    assert str(problem).endswith("; an issuer outside the departments registered in the district is given as external:区税务局 "
                                 "(judged as one with no list items)"), str(problem)
    assert problem.as_dict()["message"].endswith("given as external:区税务局 (judged as one with no list items)")
    # what it says to write is taken: judged, not refused
    assert validate_task({**TASK, "department": "external:区税务局"}, pack).department == "external:区税务局"
    # a prefix in the wrong case is written as the one that is read
    (wrong_case,) = refused(validate_task, {**TASK, "department": "External:税务局"}, pack)
    assert wrong_case.endswith("given as external:税务局 (judged as one with no list items)"), wrong_case


def test_only_a_departments_unknown_issuer_is_pointed_outside(pack):
    """A town's task names a town (no outside body issues as a town); a short form of several
    departments names the pack's own; an id-shaped value is a mistyped id; other fields are not
    issuers."""
    town_task = {**TASK, "issued_by": "town", "department": "某某镇", "town": "某某镇"}
    assert not any("external:" in p for p in refused(validate_task, town_task, pack))
    several = refused(validate_task, {**TASK, "department": "管理"}, pack)
    assert several and "may mean several" in several[0] and not any("external:" in p for p in several), several
    (mistyped,) = refused(validate_task, {**TASK, "department": "minzhen"}, pack)
    assert mistyped == "department: unknown department 'minzhen' (did you mean 'minzheng'?)", mistyped
    role = refused(validate_task, {**TASK, "assignee": "税务专管员"}, pack)
    assert role and not any("external:" in p for p in role), role


def test_a_slip_for_a_departments_name_is_only_suggested_not_pointed_outside(pack):
    """区民证局 is 区民政局 mistyped and 农委 how people shorten 区农业农村委: each is suggested, and
    not also offered as a body outside the district (which would judge a real department's task as
    an outsider's); 区税务局 resembles no department closely and keeps both."""
    (slip,) = refused(validate_task, {**TASK, "department": "区民证局"}, pack)
    assert "(did you mean 'minzheng'?)" in slip and "external:" not in slip, slip
    (short,) = refused(validate_task, {**TASK, "department": "农委"}, pack)
    assert "(did you mean 'nongye'?)" in short and "external:" not in short, short
    (outside,) = refused(validate_task, {**TASK, "department": "区税务局"}, pack)
    assert "external:区税务局" in outside, outside


def test_a_departments_usual_abbreviation_is_read_as_it(pack):
    """卫健委 is how people write 区卫生健康委 (its characters in order, first and last kept)."""
    task = validate_task({**TASK, "department": "卫健委"}, pack)
    assert task.department == "weijian"


def test_a_slip_in_a_departments_name_without_its_bracket_is_not_pointed_outside(pack):
    """区城市管里局 is 区城市管理局(综合行政执法) written without its bracket, one character slipped
    (里 for 理): the department, not a body outside the district -- though difflib's ratio over the
    whole name (0.5) calls them far apart."""
    (slip,) = refused(validate_task, {**TASK, "department": "区城市管里局"}, pack)
    assert "(did you mean 'chengguan'?)" in slip and "external:" not in slip, slip


def test_the_outside_hint_is_in_chinese_by_default(pack):
    set_language("zh")
    try:
        (problem,) = refused(validate_task, {**TASK, "department": "区税务局"}, pack)
    finally:
        set_language(None)
    assert problem.endswith("；若发起单位在本区登记的部门之外，写 external:区税务局（按没有清单事项的单位判定）"), problem


def test_the_outside_hint_says_the_packs_own_word_for_its_top_unit():
    """examples/county's top unit is a 县 (organization/units.yaml: kind county, named 县): not 本区."""
    from examplepacks import COUNTY
    from gridrules.engine.loading import load_pack

    set_language("zh")
    try:
        (problem,) = refused(validate_task, {**TASK, "department": "县消防大队"}, load_pack(COUNTY))
    finally:
        set_language(None)
    assert problem.endswith("；若发起单位在本县登记的部门之外，写 external:县消防大队（按没有清单事项的单位判定）"), problem


def test_a_reporter_role_that_is_not_a_role_is_refused(pack):
    found = refused(validate_event, {**EVENT, "reporter_role": "leader"}, pack)
    assert len(found) == 1 and found[0].startswith("reporter_role: unknown role 'leader'"), found
    problems = refused(validate_event, {**EVENT, "direct_report_claimed": "yes"}, pack)
    assert any("direct_report_claimed: Input should be a valid boolean" in p for p in problems), problems


# --- documents naming everything by id skip the name reading ------------------------------

def _named_variants(pack, doc: dict, fields) -> list[dict]:
    """``doc`` with one named field at a time given otherwise: by the entry's Chinese name,
    by a value that names nothing, by a value that is not text."""
    from gridrules.pack.names import entries

    out = []
    for (step, *rest), kind in fields:
        if rest or not isinstance(doc.get(step), str):
            continue
        known = entries(pack, kind)
        name = next((e.name for e in known if e.id == doc[step]), None)
        for value in (name, doc[step] + "x", 7):
            if value is not None:
                out.append({**doc, step: value})
    return out


def test_ids_only_holds_exactly_when_reading_names_would_change_and_find_nothing(pack):
    """The fast path (``ids_only``: no copy, no reading) is taken for a document only when
    ``read_names`` would give back an equal document and read nothing -- over random
    distinct tasks and events, and each with one field named, misnamed or mistyped."""
    import copy

    from gridrules.bench.random_inputs import random_events, random_tasks
    from gridrules.decide.inputs import ids_only
    from gridrules.pack.names import EVENT_FIELDS, read_names, task_fields

    docs = [(doc, task_fields(doc)) for doc, _ in random_tasks(pack, 150, 5)]
    docs += [(doc, EVENT_FIELDS) for doc, _ in random_events(pack, 150, 5)]
    docs += [(variant, fields) for doc, fields in docs[:40] + docs[150:190]
             for variant in _named_variants(pack, doc, fields)]
    fast = slow = 0
    for doc, fields in docs:
        before = copy.deepcopy(doc)
        out, read = read_names(pack, doc, fields)
        assert doc == before  # reading works on a copy
        if ids_only(pack, doc, fields):
            fast += 1
            assert read == [] and out == doc, doc
        else:
            slow += 1
            assert read or out != doc or not isinstance(doc, dict), doc
    assert fast > 200 and slow > 50  # both paths were exercised


def test_a_task_by_ids_is_validated_without_a_copy_and_one_by_names_from_a_copy(pack):
    from gridrules.decide.inputs import Inputs
    from gridrules.pack.names import task_fields

    by_ids = dict(TASK, town="tangxiang", issued_by="town", department="tangxiang")
    assert Inputs(None, None).names(pack, by_ids, task_fields(by_ids)) is by_ids
    by_names = dict(by_ids, town="棠香街道", department="棠香街道")
    read = Inputs(None, None).names(pack, by_names, task_fields(by_names))
    assert read == by_ids and by_names["town"] == "棠香街道"  # the caller's document is untouched
    assert validate_task(by_names, pack) == validate_task(by_ids, pack)


@pytest.mark.parametrize("lang, value, expected", [
    ("en", "yes", "facts.micro_grid_on_site: expected true or false, got 'yes'"),
    # in Chinese a value is quoted in 「」 as the catalogue's other messages do, not through repr ('yes')
    ("zh", "yes", "facts.micro_grid_on_site: 应填 true（是）或 false（否），而不是「yes」"),
    ("zh", 1, "facts.micro_grid_on_site: 应填 true（是）或 false（否），而不是「1」"),
])
def test_a_packs_own_fact_of_the_wrong_kind_is_refused_in_the_language_asked(lang, value, expected):
    from examplepacks import COUNTY
    from gridrules.engine.loading import load_pack

    county = load_pack(COUNTY)
    event = {"id": "E-1", "type": next(iter(county.event_types)), "reported_at": "2026-11-25T09:30:00+08:00",
             "grid": next(iter(county.grids)), "facts": {"micro_grid_on_site": value}}
    set_language(lang)
    try:
        problems = refused(validate_event, event, county)
    finally:
        set_language(None)
    assert problems == [expected]


def test_a_grid_in_another_town_is_named_as_the_pack_names_its_units(pack, monkeypatch):
    monkeypatch.setenv("GRIDRULES_LANG", "zh")
    problems = refused(validate_event, {**EVENT, "town": "龙水镇"}, pack)
    assert problems == ["镇街（town）: 网格「和平社区01网格（tangxiang-heping-01，和平社区）」在镇街「棠香街道（tangxiang）」，"
                        "不是「龙水镇（longshui）」"]
    problems = refused(validate_event, {**EVENT, "town": "nope"}, pack)  # unknown: said once, not also as the wrong town
    assert len(problems) == 1 and "nope" in problems[0]


def test_a_tasks_list_item_and_approval_may_be_given_by_name(pack):
    """A clerk writes the item or the town's approval as it is called, no code to memorise. A
    reference the pack lacks stays the engine's to decide (批复不存在, as before); a name that fits
    nothing is refused with what it may mean, once."""
    assert validate_task({**TASK, "list_item": "困难群众、独居老人、留守儿童走访及救助需求报告"}, pack).list_item == "L13"
    town_task = {**TASK, "department": "tangxiang", "issued_by": "town", "town": "tangxiang"}
    for given in ("冬季燃气安全入户宣传", "燃气", "TX-2026-11"):
        assert validate_task({**town_task, "temporary_approval": given}, pack).temporary_approval == "TX-2026-11"
    assert validate_task({**town_task, "temporary_approval": "TX-2026-99"}, pack).temporary_approval == "TX-2026-99"
    # one of the pack's references written otherwise is no reference it lacks: refused, with the one meant
    for otherwise in ("tx-2026-11", "TX-2026-011"):
        assert refused(validate_task, {**town_task, "temporary_approval": otherwise}, pack) == [
            f"temporary_approval: unknown temporary approval '{otherwise}' (did you mean 'TX-2026-11'?)"]
    assert refused(validate_task, {**town_task, "temporary_approval": "燃气安全宣传"}, pack) == [
        "temporary_approval: unknown temporary approval '燃气安全宣传' (did you mean 'TX-2026-11'?)"]
    assert refused(validate_task, {**TASK, "list_item": "困难群众走访"}, pack) == [
        "list_item: unknown list item '困难群众走访' (did you mean 'L13'?)"]
    # a coded id is suggested only as a slip of its digits (errors.coded_slip): L09 is L99 with one digit
    # changed, the only list item so (L01-L17); L85 could be L05 or L15, so neither is suggested
    assert refused(validate_task, {**TASK, "list_item": "L99"}, pack) == [
        "list_item: unknown list item 'L99' (did you mean 'L09'?)"]
    assert refused(validate_task, {**TASK, "list_item": "L85"}, pack) == ["list_item: unknown list item 'L85'"]


def test_a_towns_task_written_without_issued_by_is_told_how_to_be_given_as_a_towns(pack):
    """A town clerk writes the town as the department and forgets issued_by: the hint is how to give a
    town's task, not the way to name a body outside the pack (棠香街道 is the pack's own town)."""
    (problem,) = refused(validate_task, {**TASK, "department": "棠香街道"}, pack)
    assert problem.endswith("; tangxiang is a town: a town's own task is given with issued_by: town and town: 棠香街道")
    assert "external:" not in problem
    assert validate_task({**TASK, "department": "棠香街道", "issued_by": "town", "town": "棠香街道"}, pack).town == "tangxiang"


# a task's status and channel by the tool's words (catalogue/codes.py; the reference's notes say them:
# `proposed` 拟派，`assigned` 已派; `unified_dispatch` 统一派单，`direct` 直接派发), in the contract's order
STATUS_WORDS = "拟派（proposed）、已派（assigned）"
CHANNEL_WORDS = "统一派单（unified_dispatch）、直接派发（direct）"


def test_a_tasks_status_and_channel_may_be_given_by_the_tools_words(pack):
    """已派 is assigned, 直接派发 direct: the task is decided as the one written in codes (contract.md:
    assigned and direct is bypassed_unified_dispatch; assigned and forbidden, unauthorized_assignment)
    and the codes are what is kept; the caller's task is not changed."""
    from datetime import datetime

    from gridrules import Checker

    checker, at = Checker(pack), datetime.fromisoformat("2026-11-25T10:00:00+08:00")
    by_word = TASK | {"status": "已派", "channel": "直接派发"}
    decided = checker.check_task(by_word, at=at)
    assert decided.model_dump(mode="json") == \
        checker.check_task(TASK | {"status": "assigned", "channel": "direct"}, at=at).model_dump(mode="json")
    assert "bypassed_unified_dispatch" in decided.flags
    assert by_word["status"] == "已派" and by_word["channel"] == "直接派发"
    task = validate_task(by_word, pack)
    assert (task.status, task.channel) == ("assigned", "direct")
    proposed = validate_task(TASK | {"status": "拟派", "channel": "统一派单"}, pack)
    assert (proposed.status, proposed.channel) == ("proposed", "unified_dispatch")
    forbidden = checker.check_task(TASK | {"activities": ["enforce"], "status": "已派"}, at=at)
    assert forbidden.verdict == "forbidden" and "unauthorized_assignment" in forbidden.flags


def test_a_tasks_unknown_status_or_channel_in_chinese(pack):
    """A word that names no code: every choice by word and code, and the word meant when one is near
    (已派发 is 已派's first two characters); no bare list of English codes."""
    set_language("zh")
    try:
        found = refused(validate_task, TASK | {"status": "已派发", "channel": "微信群"}, pack)
    finally:
        set_language(None)
    assert sorted(found) == sorted([
        f"状态（status）: 没有「已派发」这一任务状态，应为以下之一：{STATUS_WORDS}（是否指 已派（assigned）？）",
        f"派单渠道（channel）: 没有「微信群」这一派单渠道，应为以下之一：{CHANNEL_WORDS}"])


def test_a_towns_task_may_say_it_is_a_towns_by_the_tools_word(pack):
    """A town's officer writes issued_by: 镇街 (and 部门 for a department's): read as the code, the
    department then read as the town it names (contract.md: department is the town id when issued_by
    is town), decided as in codes; a word that names neither lists both by word and code."""
    from datetime import datetime

    from gridrules import Checker

    checker, at = Checker(pack), datetime.fromisoformat("2026-12-03T10:00:00+08:00")
    town = {"id": "T-TX", "title": "冬季燃气安全入户宣传", "department": "棠香街道", "town": "棠香",
            "activities": ["入户走访", "政策宣传"], "temporary_approval": "TX-2026-11", "start": "2026-12-05"}
    by_word = checker.check_task(town | {"issued_by": "镇街"}, at=at)
    assert by_word.verdict == "temporary" and by_word.temporary_approval == "TX-2026-11"  # policy §4: its own town's
    assert by_word.model_dump(mode="json") == checker.check_task(town | {"issued_by": "town"}, at=at).model_dump(mode="json")
    assert validate_task(TASK | {"issued_by": "部门"}, pack).issued_by == "department"
    set_language("zh")
    try:
        found = refused(validate_task, town | {"issued_by": "镇政府"}, pack)
    finally:
        set_language(None)
    # 镇政府 is an everyday word for a town (catalogue's SAID): suggested, never read as the code
    assert "发起方（issued_by）: 没有「镇政府」这一发起方，应为以下之一：部门（department）、镇街（town）（是否指 镇街（town）？）" in found


def test_a_tasks_unknown_status_in_english_names_the_codes(pack):
    found = refused(validate_task, TASK | {"status": "已派发", "channel": 3}, pack)
    assert sorted(found) == ["channel: unknown dispatch channel '3'; expected one of: unified_dispatch, direct",
                             "status: unknown task status '已派发'; expected one of: proposed, assigned "
                             "(did you mean 'assigned'?)"]


def test_a_task_in_codes_reads_no_words(pack, monkeypatch):
    """The words are read only for a task the model refuses as given: one in codes (a department's
    whole feed) costs what it did before they were read at all -- a name given for an id included."""
    def no_reading(*_args):
        raise AssertionError("a task in codes had its words read")

    monkeypatch.setattr("gridrules.decide.inputs.resolve", no_reading, raising=False)
    monkeypatch.setattr("gridrules.decide.inputs.read_words", no_reading, raising=False)
    task = validate_task(TASK | {"department": "区民政局", "status": "assigned", "channel": "direct"}, pack)
    assert (task.department, task.status, task.channel) == ("minzheng", "assigned", "direct")


# an event's history outcome by the tool's words (catalogue/codes.py; the reference's note says them), in
# the contract's order: unresolved | overdue | resolved (contract.md, the event input)
OUTCOME_WORDS = "本级无法解决（unresolved）、超时未办结（overdue）、已办结（resolved）"


def _history(outcome) -> dict:
    return EVENT | {"history": [{"level": "grid", "outcome": outcome, "at": "2026-11-25T15:00:00+08:00"}]}


@pytest.mark.parametrize("word, code", [("本级无法解决", "unresolved"), ("超时未办结", "overdue"), ("已办结", "resolved")])
def test_an_events_history_outcome_may_be_given_by_the_tools_words(pack, word, code):
    """本级无法解决 is unresolved: the event routes exactly as the one written in codes (contract.md's
    example: a grid's unresolved entry puts it at community, escalated_unresolved), the code is what is
    kept, and the caller's event is not changed."""
    from datetime import datetime

    from gridrules import Checker

    checker, at = Checker(pack), datetime.fromisoformat("2026-11-26T10:00:00+08:00")
    by_word = _history(word)
    decided = checker.route_event(by_word, at=at)
    assert decided.model_dump(mode="json") == checker.route_event(_history(code), at=at).model_dump(mode="json")
    assert by_word["history"][0]["outcome"] == word
    assert validate_event(by_word, pack).history[0].outcome == code
    if code == "unresolved":
        assert decided.level == "community" and decided.flags == ["escalated_unresolved"]


def test_an_events_unknown_history_outcome_is_named_with_the_word_meant(pack):
    """A word that names no outcome is refused at its field, every choice by word and code, and the word
    meant when one is near (无法解决 is part of 本级无法解决); in English, the codes."""
    set_language("zh")
    try:
        found = refused(validate_event, _history("无法解决"), pack)
        unmeant = refused(validate_event, _history("已解决"), pack)
    finally:
        set_language(None)
    assert found == [f"结果（history[0].outcome）: 没有「无法解决」这一处置结果，应为以下之一：{OUTCOME_WORDS}"
                     "（是否指 本级无法解决（unresolved）？）"]
    assert unmeant == [f"结果（history[0].outcome）: 没有「已解决」这一处置结果，应为以下之一：{OUTCOME_WORDS}"]
    assert refused(validate_event, _history("无法解决"), pack) == [
        "history[0].outcome: unknown outcome '无法解决'; expected one of: unresolved, overdue, resolved "
        "(did you mean 'unresolved'?)"]
