"""Names wherever ids go: by id, by name, by a unique short form; did-you-mean over names and
ids; ambiguous short forms listed.  Expected ids are the bundled pack's (organization/, powers/,
events/)."""

from __future__ import annotations

import re

import pytest

from gridrules import Checker
from gridrules.catalogue import set_language
from gridrules.errors import InputError
from gridrules.pack.names import entries, resolve


@pytest.fixture(autouse=True)
def chinese():
    set_language("zh")
    yield
    set_language(None)


@pytest.mark.parametrize("kind, given, expected", [
    ("department", "minzheng", "minzheng"),
    ("department", "区民政局", "minzheng"),
    ("department", "民政局", "minzheng"),
    ("town", "棠香街道", "tangxiang"),
    ("town", "棠香", "tangxiang"),
    ("level", "区", "district"),
    ("level", "村(社区)", "community"),
    ("grade", "重大", "major"),
    ("type", "燃气泄漏", "AQ03"),
    ("role", "兼职网格员", "part_time"),
    ("activity", "走访", "visit"),
    ("grid", "和平社区01网格", "tangxiang-heping-01"),
    ("community", "和平社区", "tangxiang-heping"),
    # a short form leaving out a bracketed part, as people write it (实有人口(含流动人口)采集核实)
    ("item", "实有人口采集核实", "L01"),
    ("item", "实有人口采集", "L01"),
])
def test_a_name_or_short_form_reads_as_its_id(pack, kind, given, expected):
    assert resolve(pack, kind, given).id == expected


@pytest.mark.parametrize("kind, given, hint", [
    ("type", "md02", "MD02"),
    ("type", "MD2", "MD02"),
    ("department", "民证局", "minzheng"),
    ("department", "minzhen", "minzheng"),
])
def test_unknown_names_get_a_did_you_mean_over_names_and_ids(pack, kind, given, hint):
    found = resolve(pack, kind, given)
    assert found.id is None and found.hint is not None and found.hint.id == hint


@pytest.mark.parametrize("kind, given, hint", [
    ("item", "L31", "L13"),  # digits swapped (difflib's closeness said L17)
    ("type", "MD20", "MD02"),
    ("item", "L85", None),  # L05 or L15: a guess, not a suggestion (difflib said L15)
])
def test_a_coded_id_is_suggested_only_as_a_slip_of_its_digits(pack, kind, given, hint):
    """The list's items are L01-L17 (policy §4); MD02 is an event type (events/types.yaml)."""
    found = resolve(pack, kind, given)
    assert found.id is None and (found.hint.id if found.hint else None) == hint


def test_no_far_fetched_suggestion(pack):
    found = resolve(pack, "department", "tongji")  # 统计局 is not a department of the pack; yingji is not it
    assert found.id is None and found.hint is None


@pytest.mark.parametrize("kind, given, expected", [
    ("grid", "和平社区０１网格", "tangxiang-heping-01"),  # full-width digits, as an input method types them
    ("level", "村（社区）", "community"),  # full-width brackets for the pack's 村(社区)
    ("item", "实有人口（含流动人口）采集核实", "L01"),
])
def test_full_width_forms_read_as_the_plain_name(pack, kind, given, expected):
    assert resolve(pack, kind, given).id == expected


def test_a_full_width_short_form_that_fits_several_lists_them_by_the_packs_names(pack):
    found = resolve(pack, "level", "（社区）")  # 村(社区) only: one
    assert found.id == "community"
    found = resolve(pack, "grid", "和平社区０")
    assert found.id is None and "和平社区01网格（tangxiang-heping-01" in found.message
    found = resolve(pack, "grid", "和平社区０２网络")  # a slip of the last character: suggested by its plain form
    assert found.id is None and found.hint is not None and found.hint.id == "tangxiang-heping-02"


def test_an_ambiguous_short_form_lists_the_candidates(pack):
    found = resolve(pack, "grid", "和平社区0")
    assert found.id is None
    assert "和平社区01网格（tangxiang-heping-01" in found.message and "和平社区02网格" in found.message


def test_decisions_echo_the_resolved_ids(pack):
    checker = Checker(pack)
    decision = checker.route_event({"id": "E", "type": "燃气泄漏", "reported_at": "2026-11-25T09:30:00+08:00",
                                    "grid": "和平社区01网格", "grade": "重大", "assigned_to": "区"})
    assert (decision.type, decision.grade, decision.level) == ("AQ03", "major", "district")
    task = checker.check_task({"id": "T", "title": "走访", "department": "民政局", "assignee": "专职网格员",
                               "activities": ["入户走访", "发现报告"], "start": "2026-12-01"}, at="2026-12-01")
    assert (task.verdict, task.list_item) == ("admitted", "L13")


def test_the_library_takes_at_as_a_date_or_an_iso_string(pack):
    checker = Checker(pack)
    task = {"id": "T", "title": "走访", "department": "minzheng", "activities": ["visit"], "start": "2026-12-01"}
    assert checker.check_task(task, at="2026-12-01").at.isoformat() == "2026-12-01T00:00:00+08:00"
    assert checker.check_task(task, at="2026-12-01T09:00:00+00:00").at.isoformat() == "2026-12-01T09:00:00+00:00"
    with pytest.raises(InputError, match="没有时区"):
        checker.check_task(task, at="2026-12-01T09:00:00")


def test_a_chinese_name_shortened_or_misnamed_by_its_kind_is_suggested_by_its_place(pack):
    """农委: the characters of 区农业农村委 in order (two: too few to be read as it); 龙水街道: the
    place 龙水 (a 镇), not the closer-spelt 龙岗街道."""
    assert resolve(pack, "department", "农委").hint.id == "nongye"
    assert resolve(pack, "town", "龙水街道").hint.id == "longshui"
    assert resolve(pack, "department", "区民证局").hint.id == "minzheng"


@pytest.mark.parametrize("given, parts", [("入户走访、发现报告", "入户走访, 发现报告"), ("走访，报告", "走访, 报告"),
                                          ("visit,report", "visit, report")])
def test_several_activities_written_as_one_are_told_apart_not_given_a_did_you_mean(pack, given, parts):
    """A did-you-mean for the first (入户走访) would have the clerk drop the others."""
    found = resolve(pack, "activity", given)
    assert found.id is None and found.hint is None and f"[{parts}]" in found.message


def test_a_name_holding_a_separator_is_still_read_whole(pack):
    assert resolve(pack, "activity", "关怀帮扶、跟踪回访").id == "care"
    assert resolve(pack, "activity", "入户走访、不存在").hint is not None  # not every part names one: a did-you-mean


@pytest.mark.parametrize("kind, given, hint", [
    # events/types.yaml AQ03 燃气泄漏、燃气隐患: a slip in its first part (起 for 气), as in its second (露 for 漏)
    ("type", "燃起泄漏", "AQ03"),
    ("type", "燃气泄露", "AQ03"),
    ("type", "电梯困仁", "AQ08"),  # 特种设备隐患(电梯困人): a slip in its bracketed part
    ("department", "区城市管里局", "chengguan"),  # 区城市管理局(综合行政执法), written without its bracket
    ("item", "出租房屋登计与动态核查", "L02"),  # 出租房屋登记与动态核查
])
def test_a_one_character_slip_in_a_short_name_or_in_a_part_of_one_is_suggested(pack, kind, given, hint):
    """difflib's ratio over the whole name (燃起泄漏 against 燃气泄漏、燃气隐患: 0.46) fell under its cutoff."""
    found = resolve(pack, kind, given)
    assert found.id is None and found.hint is not None and found.hint.id == hint


_WRITTEN_SHORT = re.compile(r"[()（）、，,；;]")
KINDS = ("department", "town", "community", "grid", "activity", "role", "level", "grade", "type", "risk", "item")


def test_every_one_character_slip_of_a_name_of_the_pack_gets_a_did_you_mean(pack):
    """Each name of the bundled pack (and each part of one written with 、 or brackets) of four
    characters or more, with one character changed: a did-you-mean, and the name's own when no other
    name of its kind is as near (和平社区0某网格 is as near 01 as 02; 协助某查 is suggested by its place,
    the first two characters)."""
    none, wrong = [], []
    for kind in KINDS:
        found = entries(pack, kind)
        spelt = {e.id: {e.name, *(p for p in _WRITTEN_SHORT.split(e.name) if p)} for e in found}
        for entry in found:
            for spelling in (s for s in spelt[entry.id] if len(s) >= 4):
                for at in range(len(spelling)):
                    given = spelling[:at] + "某" + spelling[at + 1:]
                    got = resolve(pack, kind, given)
                    if got.id is not None:
                        continue
                    if got.hint is None:
                        none.append((kind, given))
                    elif got.hint.id != entry.id and spelling in (e.name for e in found) and not any(
                            len(s) == len(given) and sum(a != b for a, b in zip(s, given)) == 1
                            for other, written in spelt.items() if other != entry.id for s in written):
                        wrong.append((kind, given, got.hint.id))
    assert not none and not wrong, (none, wrong)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("given", ["天气很好", "今天开会", "会议记录", "拍照留痕", "填写表格", "微信群打卡", "人口普查"])
def test_unrelated_words_get_no_did_you_mean(pack, kind, given):
    found = resolve(pack, kind, given)
    assert found.id is None and found.hint is None


@pytest.mark.parametrize("other", ["activity", "role", "grade", "level"])
def test_the_names_of_another_kind_get_no_did_you_mean_as_an_event_type(pack, other):
    """入户走访 (an activity) where an event type is expected: no type is meant."""
    for entry in entries(pack, other):
        found = resolve(pack, "type", entry.name)
        assert found.id is None and found.hint is None, (entry.name, found.hint)


# --- bodies abbreviated as people write them (卫健委 for 区卫生健康委) ---------------------------

# organization/departments.yaml: every department, by the abbreviations clerks write (its characters
# in order, the first and the last kept; with or without the district's 区) or by a short form it holds
ABBREVIATED = [
    ("政法委", "zhengfa"), ("综治中心", "zhengfa"), ("公安局", "gongan"), ("司法局", "sifa"),
    ("民政局", "minzheng"), ("卫健委", "weijian"), ("区卫健委", "weijian"), ("住建委", "zhujian"),
    ("区住建委", "zhujian"), ("城管局", "chengguan"), ("区城管局", "chengguan"), ("应急局", "yingji"),
    ("市监局", "shichang"), ("信访办", "xinfang"), ("人社局", "renshe"), ("生态局", "shengtai"),
    ("规资局", "guihua"), ("区农委", "nongye"), ("农业农村委", "nongye"), ("水利局", "shuili"),
    ("交通局", "jiaotong"), ("退役军人局", "tuiyi"), ("医保局", "yibao"), ("消防支队", "xiaofang"),
    ("金融中心", "jinrong"), ("妇联", "fulian"), ("残联", "canlian"),
]


@pytest.mark.parametrize("given, expected", ABBREVIATED)
def test_every_department_reads_by_the_abbreviation_people_use(pack, given, expected):
    assert resolve(pack, "department", given).id == expected
    assert resolve(pack, "issuer", given).id == expected  # a town's task names its issuer the same way


def test_every_department_of_the_bundled_pack_has_an_abbreviation_here(pack):
    assert {d for _, d in ABBREVIATED} == {e.id for e in entries(pack, "department")}


@pytest.mark.parametrize("given", ["区税务局", "区统计局", "区教委", "区教育局", "税务局", "统计局", "教育局"])
def test_an_outside_body_is_neither_read_as_a_department_nor_suggested_as_an_unrelated_one(pack, given):
    """Only 区 and 局 alike: difflib's 0.5 had suggested 区水利局 for 区教育局 and 区退役军人事务局 for 区税务局."""
    found = resolve(pack, "department", given)
    assert found.id is None and found.hint is None, found.hint


@pytest.mark.parametrize("given, hint", [("农委", "nongye"), ("区建委", "zhujian"), ("民证局", "minzheng")])
def test_too_short_or_not_kept_first_an_abbreviation_stays_a_suggestion(pack, given, hint):
    """农委: two characters; 区建委 keeps 建, not the first character of 住房城乡建委."""
    found = resolve(pack, "department", given)
    assert found.id is None and found.hint is not None and found.hint.id == hint


def test_an_abbreviation_fitting_two_bodies_reads_as_neither(pack_copy):
    from gridrules.engine.loading import load_pack

    path = pack_copy / "organization/departments.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "  - {id: zhujian, name: 区住房城乡建委}\n",
        "  - {id: zhujian, name: 区住房城乡建委}\n  - {id: zhubao, name: 区住房保障委}\n"), encoding="utf-8")
    two = load_pack(pack_copy)
    found = resolve(two, "department", "住房委")  # 住房城乡建委 and 住房保障委 alike
    assert found.id is None
    assert resolve(two, "department", "住建委").id == "zhujian" and resolve(two, "department", "住保委").id == "zhubao"


@pytest.mark.parametrize("given, hint", [
    ("治安巡逻", "patrol"),  # 巡逻: a word only 巡查巡逻 holds (the review's example)
    ("走访入户", "visit"),  # 入户走访's two words, the other way round
])
def test_an_activity_sharing_a_word_only_one_activity_holds_gets_that_one_as_a_did_you_mean(pack, given, hint):
    found = resolve(pack, "activity", given)
    assert found.id is None and found.hint is not None and found.hint.id == hint


@pytest.mark.parametrize("kind, given", [
    ("activity", "宣传巡逻"),  # 宣传 and 巡逻: words of two activities, so neither is meant
    ("activity", "巡"),  # one character is no word
    ("department", "区税务局"),  # 务局 is in 区退役军人事务局 alone: a body sharing a word is another body
    ("type", "人口普查"),  # 人口 is in 流动人口未登记 alone: an event type's words are many matters
])
def test_a_shared_word_is_no_did_you_mean_where_it_names_several_or_another_thing(pack, kind, given):
    found = resolve(pack, kind, given)
    assert found.id is None and found.hint is None, found.hint


@pytest.mark.parametrize("value, meant", [
    ("区公安局", "gongan"),  # the name
    ("公安局", "gongan"),  # a short form only it fits
    ("卫健委", "weijian"),  # abbreviated as Chinese bodies are (区卫生健康委)
    ("区城管局", "chengguan"),  # the level kept, the brackets left out (区城市管理局(综合行政执法))
    ("局", None),  # too short to be a short form
    ("管理局", None),  # fits several: nothing is guessed
    ("入户走访", None),  # no department's name
])
def test_a_body_meant_is_read_from_the_tables_alone(value, meant):
    """What a pack file's name written where an id belongs stands for, read before the pack is (the loader's
    did-you-mean): as ``resolve`` reads a department's name."""
    from gridrules.pack.names import Entry, body_meant

    bodies = [Entry("gongan", "区公安局"), Entry("weijian", "区卫生健康委"), Entry("chengguan", "区城市管理局(综合行政执法)"),
              Entry("yingji", "区应急管理局"), Entry("zhujian", "区住房城乡建委")]
    found = body_meant(value, bodies, ["网格", "村(社区)", "镇街", "区"])
    assert (found.id if found else None) == meant


def test_a_value_close_to_none_of_a_short_list_lists_them_all(pack):
    """A grade named by a word close to none: the pack's few grades are said, by name and id; the 27
    towns are not (a long list would bury the message)."""
    found = resolve(pack, "grade", "天气很好")
    listed = "、".join(f"{e.name}（{e.id}）" for e in entries(pack, "grade"))
    assert found.hint is None and found.message.endswith(f"（可写：{listed}）")
    assert "可写" not in resolve(pack, "town", "天气很好").message


@pytest.mark.parametrize("given, hint", [
    ("街道", "town"), ("乡镇", "town"), ("镇政府", "town"), ("街道办事处", "town"),  # what a town's office is called
    ("棠香街道", "town"), ("龙水镇", "town"),  # a town of the pack, named where its kind of issuer belongs
    ("委办局", "department"), ("职能部门", "department"), ("区民政局", "department"), ("民政局", "department"),
])
def test_an_issuer_written_in_everyday_words_or_by_a_bodys_name_is_suggested_its_code(pack, given, hint):
    """issued_by: 街道 got only the list of choices, though 镇街 and 部门 are read: now it is asked about 镇街（town）,
    and never read as it (nothing is decided on a guess)."""
    found = resolve(pack, "issued_by", given)
    assert found.id is None and found.hint is not None and found.hint.id == hint, found
    assert resolve(pack, "issued_by", "镇街").id == "town" and resolve(pack, "issued_by", "部门").id == "department"


@pytest.mark.parametrize("given", ["社区", "网格", "街坊", "和平社区"])
def test_an_issuer_naming_neither_kind_gets_no_did_you_mean(pack, given):
    found = resolve(pack, "issued_by", given)
    assert found.id is None and found.hint is None, found
