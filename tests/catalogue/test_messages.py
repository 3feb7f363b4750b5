"""The message catalogue: both languages of every key, the same placeholders; pydantic's
English turned into Chinese naming the field in Chinese and by its id."""

from __future__ import annotations

import string
import re

import pytest

from gridrules.catalogue import MESSAGES, set_language, t
from gridrules.catalogue.humane import duration_words, session_words
from gridrules.decide.inputs import validate_task
from gridrules.errors import InputError


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_both_languages_take_the_same_placeholders(key):
    zh, en = MESSAGES[key]
    assert zh and en
    if "{pydantic}" in en:  # English keeps pydantic's own message
        return
    assert _fields(zh) == _fields(en), key


@pytest.fixture
def chinese():
    set_language("zh")
    yield
    set_language(None)


def problems(pack, raw):
    with pytest.raises(InputError) as caught:
        validate_task(raw, pack)
    return [str(p) for p in caught.value.problems]


TASK = {"id": "T", "title": "走访", "department": "minzheng", "activities": ["visit"], "start": "2026-12-01"}


def test_pydantic_messages_are_chinese_and_name_the_field(pack, chinese):
    found = problems(pack, TASK | {"issued_by": 3, "hours_per_month": "many", "start": "2026-13-01"} | {"title": ""})
    assert "发起方（issued_by）: 没有「3」这一发起方，应为以下之一：部门（department）、镇街（town）" in found
    assert "每网格每月工作量（小时）（hours_per_month）: 应为数字" in found
    assert "开始日期（start）: 「2026-13-01」不是真实存在的日期" in found
    assert any(p.startswith("标题（title）: 至少要 1 个字符") for p in found)
    missing = problems(pack, {k: v for k, v in TASK.items() if k != "start"})
    assert missing == ["开始日期（start）: 缺少必填字段"]
    assert problems(pack, TASK | {"urgent": True}) == ["urgent: 没有这个字段：urgent"]


def test_a_yes_or_no_field_written_in_chinese_is_told_what_to_write(pack, chinese):
    """life_threat: 是 is refused (a string is never taken for another type, contract.md); the message
    must not read as if 是 were what it wants."""
    from gridrules.decide.inputs import validate_event

    event = {"id": "E", "type": "AQ03", "reported_at": "2026-12-02T09:30:00+08:00", "grid": "tangxiang-heping-01",
             "life_threat": "是"}
    with pytest.raises(InputError) as caught:
        validate_event(event, pack)
    assert [str(p) for p in caught.value.problems] == [
        "生命财产现实威胁（life_threat）: 应写 true 或 false（表示是或否；不能写成「是」「否」）"]


def test_english_for_developers(pack):
    set_language("en")
    try:
        assert problems(pack, TASK | {"department": "minzhen"}) == [
            "department: unknown department 'minzhen' (did you mean 'minzheng'?)"]
        assert t("input.missing") == "missing required field"
    finally:
        set_language(None)


def test_durations_and_sessions_the_chinese_way(chinese):
    assert duration_words("PT30M") == "30分钟"
    assert duration_words("PT1H30M") == "1小时30分钟"
    assert duration_words("P2D") == "2天"
    assert duration_words("soon") == "soon"
    assert session_words("2027-1") == "2027年第1次会议"
    assert session_words("2026-12") == "2026年第12次会议"
    # and read back, as a secretary may write it on a page
    from gridrules.catalogue.humane import session_id

    assert [session_id(w) for w in ("2027年第1次会议", "2027年第1次", "２０２６年第１２次会议", " 2026年6次 ", "2026-6", "第6次")] == [
        "2027-1", "2027-1", "2026-12", "2026-6", "2026-6", "第6次"]
    # a system padding its numbers names the same session (a retry with 2026-09 is the decision of 2026-9)
    assert [session_id(w) for w in ("2026-09", "2026-010", "2026-10", "2026-0")] == ["2026-9", "2026-10", "2026-10",
                                                                                     "2026-0"]
    assert session_words("临时会议") == "临时会议"


def test_what_is_in_force_is_said_有效_as_its_status_never_在用():
    """Beside the status word 有效 (status.in_force: an item's, an approval's; policy §4's 有效期) the
    catalogue and the pages said 在用 for the same thing (在用事项, 在用的批复, 在用清单事项): now 有效.
    The one 在用 left is the lists page's date picker, 在用日期, naming a day, not anything's status."""
    import pathlib
    import re

    from gridrules.catalogue import MESSAGES, chinese

    said = {key: zh for key, (zh, _en) in MESSAGES.items() if re.search("在用(?!户)", zh)}
    assert said == {}
    # where the figure is counted and what it holds, in the words of the review's over_capacity (review9 #11)
    assert chinese("review.workload", where="棠香街道", listed="52", added="2", after="54", capacity="120") == \
        "工作量：棠香街道清单工作量每网格每月 54 小时（有效事项与临时事项 52 小时，本事项 2 小时；上限 120 小时）"
    assert chinese("check.GR402").startswith("有效清单事项")
    import gridrules.pages

    templates = pathlib.Path(gridrules.pages.__file__).parent / "templates"
    shown = {page.name: re.findall("在用..", page.read_text(encoding="utf-8")) for page in templates.glob("*.html")}
    assert {name: found for name, found in shown.items() if found} == {"lists.html": ["在用日期"]}, shown


def test_no_generic_sentence_names_one_districts_institutions():
    """The catalogue speaks to every pack's users: a 县's secretary, or a pack whose work list is kept by a
    领导小组, is not told of 本区, 区级部门, 大足区综治中心 or a 联席会议 (the pack's own words come from the
    pack: UnitTree.top_word, bodies.yaml).  The --help examples, documented as run against the bundled
    pack, are not in MESSAGES."""
    from gridrules.catalogue import MESSAGES, notes

    one_district = re.compile("大足|棠香|区级|联席会议|本区")
    said = [(key, zh) for key, (zh, _) in MESSAGES.items() if one_district.search(zh)]
    said += [(f"notes.{name}.{field}", text) for name, by_field in notes.NOTES.items()
             for field, text in by_field.items() if one_district.search(text)]
    said += [(f"notes.PATTERNS[{pattern}]", text) for pattern, text in notes.PATTERNS.items()
             if one_district.search(text)]
    assert said == []
