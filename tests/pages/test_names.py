"""The forms' names: every choice a form offers is the pack's Chinese name, and comes back as its id."""

from __future__ import annotations

import pytest

from gridrules.catalogue import set_language, t
from gridrules.errors import InputError
from gridrules.pages.names import Names


@pytest.fixture(scope="module")
def names(pack):
    return Names(pack)


def test_names_come_back_as_the_pack_s_ids(names):
    assert names["department"].resolve("区民政局", "department") == "minzheng"
    assert names["activity"].resolve_all(["入户走访", "发现报告", " "], "activities") == ["visit", "report"]
    assert names["town"].resolve("棠香街道", "town") == "tangxiang"
    assert names["type"].resolve("邻里纠纷", "type") == "MD02"
    assert names["grid"].resolve("和平社区01网格（棠香街道和平社区）", "grid") == "tangxiang-heping-01"
    assert names["duty"].resolve("入户走访，收集社情民意，及时反映并妥善处理群众利益诉求", "duty") == "D03"
    assert names["activity"].resolve("visit", "activities") == "visit"  # an id is accepted too


def test_a_name_the_pack_lacks_is_named_with_its_field_and_a_guess(names):
    with pytest.raises(InputError) as caught:
        names["activity"].resolve("入户走方", "activities")  # (a unique short form, 入户走, names 入户走访)
    problem = caught.value.problems[0]
    assert problem.field == "activities"
    assert problem.message == t("page.unknown_name", text="入户走方", kind=t("kind.activity"),
                                hint=t("page.did_you_mean", name="入户走访"))
    with pytest.raises(InputError) as caught:  # a short form of several names: the library lists them
        names["town"].resolve("街道", "town")
    assert caught.value.problems[0].field == "town" and "tangxiang" in caught.value.problems[0].message
    assert names["activity"].resolve("入户走", "activities") == "visit"


def test_a_clerk_reads_the_problem_in_chinese(names):
    set_language("zh")
    try:
        with pytest.raises(InputError) as caught:
            names["activity"].resolve("入户走方", "activities")
    finally:
        set_language(None)
    assert caught.value.problems[0].message == "「入户走方」不是规则包中的活动（是不是「入户走访」？）"


def test_every_name_is_unique_within_its_kind(names, pack):
    for kind, table in names.tables.items():
        shown = [c.name for c in table.choices]
        assert len(shown) == len(set(shown)), kind
    assert len(names["grid"].choices) == len(pack.grids)
    negative = {c.id for c in names["activity"].choices if c.group == "负面清单"}
    assert negative == {e.activity for e in pack.negative if e.activity}  # offered, so the answer can say why not
