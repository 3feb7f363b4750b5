"""The condition language: parsing against a stage, translation, negation, rendering."""

from __future__ import annotations

import itertools

import pytest

from gridrules.lang.durable import to_durable
from gridrules.lang.parse import parse as parse_condition
from gridrules.lang.render import render
from gridrules.lang.tree import Always, Not
from gridrules.engine.adapter import Engine
from gridrules.contract.facts import STAGES


def parse(raw, stage, pack):
    tree, issues = parse_condition(raw, STAGES[stage], pack)
    assert issues == [], issues
    return tree


def problems(raw, stage, pack):
    tree, issues = parse_condition(raw, STAGES[stage], pack)
    assert tree is None
    return [(i.message, i.hint) for i in issues]


def test_levels_and_grades_compare_by_rank(pack):
    tree = parse({"grade": {"gte": "significant"}}, "leveling", pack)
    assert to_durable(tree, "leveling") == {"$gte": {"grade": 1}}
    assert render(tree, pack) == "事件等级≥较大"


def test_mapping_of_several_fields_means_all(pack):
    tree = parse({"status": "assigned", "channel": "direct"}, "oversight", pack)
    assert to_durable(tree, "oversight") == {"$and": [{"status": "assigned"}, {"channel": "direct"}]}


def test_field_and_parameter_operands(pack):
    tree = parse({"assigned_to": {"exists": True, "lt": {"field": "level"}}}, "dispatch", pack)
    assert to_durable(tree, "dispatch") == {"$and": [{"$gte": {"assigned_to": 0}}, {"$lt": {"assigned_to": {"$m": "level"}}}]}
    tree = parse({"workload_after": {"gt": {"param": "capacity_hours_per_grid_month"}}}, "oversight", pack)
    assert to_durable(tree, "oversight") == {"$gt": {"workload_after": 120}}


@pytest.mark.parametrize(
    "raw, stage, message",
    [
        ({"reporter": 5}, "grading", "unknown field 'reporter' for grading rules"),
        ({"grade": 1}, "grading", "unknown field 'grade' for grading rules"),  # grade is decided in grading
        ({"grade": {"gte": "big"}}, "leveling", "unknown grade 'big'"),
        ({"life_threat": "yes"}, "grading", "'life_threat' is true or false, not 'yes'"),
        ({"spans": "grid"}, "grading", "unknown spans 'grid'"),
        ({"spans": {"in": "grids"}}, "grading", "'in' takes a list"),
        ({"reporters": {"exists": True}}, "grading", "operator 'exists' does not apply to number field"),
        ({"type": "MD99"}, "grading", "unknown event_type 'MD99'"),
        ({"workload_after": {"gt": {"param": "capacity"}}}, "oversight", "unknown parameter 'capacity'"),
        ({"level": {"gt": {"field": "spans"}}}, "dispatch", "cannot compare level field 'level' with enum field 'spans'"),
        ({"all": []}, "grading", "'all' takes a non-empty list"),
        ({"all": [{"reporters": 1}], "reporters": 2}, "grading", "must stand alone"),
        ("sometimes", "grading", "a condition is 'always' or a non-empty mapping"),
    ],
)
def test_mistakes_are_named(pack, raw, stage, message):
    found = problems(raw, stage, pack)
    assert any(message in m for m, _ in found), found


@pytest.mark.parametrize("raw, stage, message", [
    ({"life_threat": "yes"}, "grading", "「life_threat」只能是 true 或 false，而不是「yes」"),
    ({"reporters": "many"}, "grading", "「reporters」是数字，而不是「many」"),
    ({"reporters": True}, "grading", "「reporters」是数字，而不是「true」"),  # as YAML writes it, not True
    ({"grade": {"gte": "big"}}, "leveling", "「big」"),
    ({"type": 5}, "grading", "「type」的值是编号，而不是「5」"),
])
def test_a_literals_value_is_quoted_in_chinese_quotes(pack, raw, stage, message):
    """The cond.* messages quoted a literal through repr() in both languages ('yes'); in Chinese a value
    is quoted in 「」 as the rest of the catalogue does (English keeps 'yes', above)."""
    from gridrules.catalogue import set_language

    set_language("zh")
    try:
        found = problems(raw, stage, pack)
    finally:
        set_language(None)
    assert any(message in m for m, _ in found), found
    assert not any("'" in m for m, _ in found), found


def test_did_you_mean(pack):
    assert problems({"reportors": 5}, "grading", pack) == [
        ("unknown field 'reportors' for grading rules", "reporters")]


# --- negation agrees with evaluation, over every combination of a few facts -------

CONDITIONS = [
    {"reporters": {"gte": 5}},
    {"spans": {"in": ["grids", "towns"]}},
    {"assigned_powers": {"excludes": "enforce"}},
    {"assigned_powers": {"includes": ["enforce", "direct_report"]}},
    {"any": [{"life_threat": True}, {"people_involved": {"lt": 3}}]},
    {"all": [{"last_level": {"exists": True}}, {"last_level": {"ne": "district"}}]},
    {"not": {"needs_enforcement": True}},
]
FACTS = [
    dict(stage="grading", reporters=r, spans=s, assigned_powers=p, assigned_powers__n=len(p),
         life_threat=lt, people_involved=pi, last_level=ll, needs_enforcement=ne)
    for r, s, p, lt, pi, ll, ne in itertools.product(
        (4, 5), ("none", "grids", "towns"), ([], ["enforce"], ["visit"]), (False, True), (2, 3), (-1, 1, 3), (False, True))
]


def test_condition_and_its_negation_partition_every_fact(pack):
    rules = {}
    for i, raw in enumerate(CONDITIONS):
        tree = parse(raw, "grading", pack)
        rules[f"c{i}.yes"] = {"all": [{"m": to_durable(tree, "grading")}]}
        rules[f"c{i}.no"] = {"all": [{"m": to_durable(Not(tree), "grading")}]}
    engine = Engine({"neg": rules}, namespace="negation")
    for fact in FACTS:
        fired = set(engine.fire("neg", fact))
        for i in range(len(CONDITIONS)):
            assert (f"c{i}.yes" in fired) != (f"c{i}.no" in fired), (CONDITIONS[i], fact)


def test_always_and_never(pack):
    engine = Engine({"a": {"yes": {"all": [{"m": to_durable(Always(), "grading")}]},
                           "no": {"all": [{"m": to_durable(Not(Always()), "grading")}]}}},
                    namespace="always")
    assert engine.fire("a", {"stage": "grading"}) == ["yes"]


def test_render_reads_as_chinese(pack):
    tree = parse({"any": [{"reporters": {"gte": 5}}, {"life_threat": True}]}, "grading", pack)
    assert render(tree, pack) == "反映人数≥5或生命财产现实威胁"


@pytest.mark.parametrize(
    "raw, stage, expected",
    [
        ({"grade_given": {"exists": True}}, "grading", "上报等级已填写"),
        ({"grade_given": {"exists": False}}, "grading", "上报等级未填写"),
        ({"needs_enforcement": False}, "grading", "无需要执法"),
        ({"life_threat": {"ne": False}}, "grading", "生命财产现实威胁"),
        ({"spans": {"in": ["grids", "towns"]}}, "grading", "跨单元属于grids、towns"),
        ({"spans": {"not_in": ["none"]}}, "grading", "跨单元不属于none"),
        ({"assigned_powers": {"includes": ["enforce", "direct_report"]}}, "grading", "指派层级的权限包含enforce、direct_report"),
        ({"assigned_powers": {"excludes": "enforce"}}, "grading", "指派层级的权限不包含enforce"),
        ({"grade": {"in": ["significant", "major"]}}, "leveling", "事件等级属于较大、重大"),
        ({"assigned_to": {"lt": {"field": "level"}}}, "dispatch", "指派层级<处置层级"),
        ({"workload_after": {"gt": {"param": "capacity_hours_per_grid_month"}}}, "oversight", "派单后每网格每月工作量>120"),
        ({"people_involved": {"lte": 2.5}, "reporters": {"ne": 1}}, "grading", "涉及人数≤2.5且反映人数≠1"),
        ({"not": {"any": [{"reporters": {"gte": 5}}, {"recurrences_30d": {"gt": 2}}]}}, "grading",
         "并非（反映人数≥5或30日内重复次数>2）"),
        ("always", "grading", "总是"),
    ],
)
def test_every_form_of_condition_reads_as_the_pack_words_it(pack, raw, stage, expected):
    assert render(parse(raw, stage, pack), pack) == expected


def test_generated_tests_and_never_read_too(pack):
    from gridrules.contract.facts import TASK_FIELDS
    from gridrules.lang.tree import Test

    activities = TASK_FIELDS["activities"]
    assert render(Test(activities, "all_in", ("visit", "report")), pack) == "活动全部属于visit、report"
    assert render(Test(activities, "any_not_in", ("visit",)), pack) == "活动有不属于visit"
    assert render(Test(TASK_FIELDS["at"], "gte", 20261201), pack) == "判定日期≥20261201"
    assert render(Not(Always()), pack) == "并非（总是）"
    assert render(Always(False), pack) == "从不"


def test_the_words_are_the_packs(pack_copy):
    from gridrules.pack.loader import load_pack

    path = pack_copy / "language.yaml"
    text = path.read_text(encoding="utf-8")
    for old, new in (("  any: 或", "  any: \" or \""), ("    reporters: 反映人数", "    reporters: 反映群众人数"),
                     ('gte: "{field}≥{value}"', 'gte: "{field}不少于{value}"')):
        assert old in text
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    changed = load_pack(pack_copy)
    tree = parse({"any": [{"reporters": {"gte": 5}}, {"life_threat": True}]}, "grading", changed)
    assert render(tree, changed) == "反映群众人数不少于5 or 生命财产现实威胁"
