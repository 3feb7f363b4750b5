"""docs/reference.md is what the generator writes from the JSON Schemas (regenerate with
``python -m gridrules.pack.docgen docs`` after changing a document's model)."""

from __future__ import annotations

import pathlib
import re

from gridrules.catalogue import MESSAGES
from gridrules.catalogue.notes import DOCUMENTS, FLAG_NOTES, NOTES, READS_NAMES
from gridrules.contract.kinds import WORDED
from gridrules.contract.facts import FLAGS
from gridrules.pack.docgen import reads_names, reference
from gridrules.pack.loader import read_pack

DOCS = pathlib.Path(__file__).resolve().parents[2] / "docs"
CJK = re.compile(r"[\u4e00-\u9fff]")


def _field_rows(text: str) -> list[tuple[str, str, str, list[str]]]:
    """(document, kind of step or '', line, cells) of every field row, by the section it is in
    (the documents' sections: the flags section after them lists flags)."""
    rows, document, kind = [], "", ""
    for line in text.split("\n## 标注\n", 1)[0].splitlines():
        if line.startswith("## "):
            document, kind = line.rsplit("（", 1)[-1].rstrip("）"), ""
        elif line.startswith("### "):
            found = re.search(r"kind: (\w+)", line)
            kind = found.group(1) if found else ""
        elif line.startswith("| `"):
            rows.append((document, kind, line, [c.strip() for c in line.strip().strip("|").split("|")]))
    return rows


def test_the_committed_reference_is_current():
    assert (DOCS / "reference.md").read_text(encoding="utf-8") == reference()


def test_every_field_is_named_and_described_in_chinese():
    rows = _field_rows(reference())
    assert {document for document, *_ in rows} == set(DOCUMENTS)
    for document, _kind, line, cells in rows:
        assert cells[1], (document, line)  # 名称
        assert CJK.search(cells[4]), (document, line)  # 说明


def test_every_note_is_of_a_field_the_reference_shows():
    """A note keyed by a path no document has is a note no row reads (a renamed or moved field)."""
    shown = {(document, cells[0].strip("`"), kind) for document, kind, _line, cells in _field_rows(reference())}
    for document, notes in NOTES.items():
        for key in notes:
            one_kind = re.fullmatch(r"(\w+)\[(\w+)\](\..+)", key)
            path, kind = (f"{one_kind.group(1)}[]{one_kind.group(3)}", one_kind.group(2)) if one_kind else (key, None)
            assert any(d == document and p == path and (kind is None or k == kind) for d, p, k in shown), \
                (document, key)


def test_a_field_of_one_document_is_not_described_by_anothers_note():
    """The decisions say what they give back, not what the inputs ask for: an output's list_item
    is the admitting item, not "可不写"; the record's event is a mapping, not an id."""
    rows = {(document, cells[0].strip("`"), kind): cells[4] for document, kind, _line, cells in _field_rows(reference())}
    assert "可不写" not in rows[("task_decision", "list_item", "")]
    assert "可不写" not in rows[("task_decision", "temporary_approval", "")]
    assert "只能调高" not in rows[("event_decision", "grade", "")]
    assert "编号" not in rows[("lifecycle_record", "event", "")].split("：")[0]
    assert "判定时刻" not in rows[("lifecycle_record", "steps[].at", "dispatched")]
    assert "判定时刻" not in rows[("lifecycle_record", "event.history[].at", "")]
    assert "发起部门" not in rows[("lifecycle_record", "steps[].department", "reported_in")]
    assert "发起部门" not in rows[("lifecycle_record", "ratings[].department", "")]


def _rows_by_path(text: str) -> dict[tuple[str, str, str], list[str]]:
    return {(document, cells[0].strip("`"), kind): cells for document, kind, _line, cells in _field_rows(text)}


def test_a_steps_kind_and_a_revisits_satisfaction_say_they_may_be_given_by_their_words():
    rows = _rows_by_path(reference())
    assert READS_NAMES.lstrip("；") in rows[("lifecycle_record", "steps[].kind", "feedback")][3]
    assert rows[("lifecycle_record", "steps[].kind", "feedback")][4].startswith("反馈：")
    satisfaction = rows[("lifecycle_record", "steps[].satisfaction", "revisit")]
    assert READS_NAMES.lstrip("；") in satisfaction[3] and "`basic` 基本满意" in satisfaction[4]


# the reference's name of each document WORDED names (contract.kinds)
REFERENCE_OF = {"task": "task", "event": "event", "record": "lifecycle_record"}


def test_every_field_read_by_the_tools_words_says_so_with_each_codes_word():
    """The reference says of each field the readers take by the tool's words (contract.kinds' WORDED:
    已派, 直接派发, 超时未办结, 满意) that it may be, and its note lists every code with the very word the
    reader reads (the catalogue's); a step's reason is one only on an escalation (a 退哨's is free text)."""
    rows = _rows_by_path(reference())
    for field in WORDED:
        document = REFERENCE_OF[field.document]
        path = "".join("[]" if step == "*" else f".{step}" for step in field.path).lstrip(".")
        found = {kind: cells for (d, p, kind), cells in rows.items() if d == document and p == path}
        assert found, (document, path)
        for kind, cells in found.items():
            if field.on is not None and kind != field.on[1]:
                assert READS_NAMES.lstrip("；") not in cells[3], (document, path, kind)
                continue
            assert READS_NAMES.lstrip("；") in cells[3], (document, path, kind)
            if field.kind != "step":  # (a step's kind: its own row's note opens with its word, below)
                for code in field.codes:
                    assert f"`{code}` {MESSAGES[field.word_key(code)][0]}" in cells[4], (document, path, code)
            else:
                assert cells[4].startswith(MESSAGES[field.word_key(kind)][0]), (kind, cells[4])
    assert "（写编号或名称均可）" not in rows[("lifecycle_record", "steps[].reason", "returned")][4]


def test_a_field_says_it_may_be_given_by_name_exactly_when_it_is_read_as_one():
    for (document, path, kind), cells in _rows_by_path(reference()).items():
        read = reads_names(document, path, kind or None) or reads_names(document, f"{path}[]", kind or None)
        assert (READS_NAMES.lstrip("；") in cells[3]) == read, (document, path, cells[3])


def test_spans_are_ids_only_and_the_records_units_may_be_names():
    rows = _rows_by_path(reference())
    spans = rows[("event", "spans", "")]
    assert "名称" not in spans[3] and "不能写名称" in spans[4]
    for value in read_pack().ids("spans"):
        assert f"`{value}`" in spans[4]
    for kind in ("dispatched", "responded"):  # 棠香街道 for tangxiang, as the event's town (pack/names.py)
        assert READS_NAMES.lstrip("；") in rows[("lifecycle_record", "steps[].unit", kind)][3]


def test_the_department_says_what_its_longest_value_is_made_of():
    department = _rows_by_path(reference())[("task", "department", "")]
    assert "209" not in department[3] and "`external:`" in department[3] and "最多 200 字符" in department[3]


def test_an_event_type_is_not_exemplified_by_a_list_item():
    assert "L13" not in " ".join(_rows_by_path(reference())[("event", "type", "")])


def _flag_rows(text: str) -> dict[str, list[list[str]]]:
    """Per decision heading of the flags section, its rows' cells."""
    section = text.split("\n## 标注\n", 1)[1]
    out: dict[str, list[list[str]]] = {}
    heading = ""
    for line in section.splitlines():
        if line.startswith("### "):
            heading = line
            out[heading] = []
        elif line.startswith("| `"):
            out[heading].append([c.strip() for c in line.strip().strip("|").split("|")])
    return out


def test_the_flags_section_lists_every_flag_a_decision_may_carry_with_its_chinese_meaning():
    pack = read_pack()
    sections = list(_flag_rows(reference(pack)).items())
    assert [h for h, _ in sections] == ["### 任务准入结论（check-task 的输出）（task_decision）的标注",
                                        "### 事件分派结论（route 的输出）（event_decision）的标注"]
    for (_heading, rows), decision in zip(sections, ("task", "event")):
        assert [r[0].strip("`") for r in rows] == list(pack.flags_of(decision))  # in the order decisions list them
        for flag, name, meaning in rows:
            assert CJK.search(name) and CJK.search(meaning), (decision, flag)


def test_every_contract_flag_has_a_meaning_and_no_other():
    assert {d: set(notes) for d, notes in FLAG_NOTES.items()} == {d: set(flags) for d, flags in FLAGS.items()}


def test_a_packs_own_flags_are_listed_with_its_names():
    county = read_pack(pathlib.Path(__file__).resolve().parents[2] / "examples" / "county")
    rows = [r for rows in _flag_rows(reference(county)).values() for r in rows]
    assert ["`micro_grid_response`", "微网格应急响应"] in [r[:2] for r in rows]


def test_the_flags_fields_point_at_the_flags_section():
    text = reference()
    assert "README 的标注表" not in text and "\n## 标注\n" in text
    rows = _rows_by_path(text)
    for document in ("task_decision", "event_decision"):
        assert "“标注”一节" in rows[(document, "flags", "")][4]


def test_the_committed_pack_reference_is_current():
    """docs/pack-reference.md, the fields of each pack file, is what the generator writes from the schemas."""
    from gridrules.pack.docgen import pack_reference

    assert (DOCS / "pack-reference.md").read_text(encoding="utf-8") == pack_reference()


def test_the_pack_reference_has_every_pack_file_in_the_guides_order():
    """Every file a pack holds has its section, the files a district fills first in the order
    docs/packs.md fills them, and a field the tool names in its messages is named so here."""
    from gridrules.pack.docgen import PACK_ORDER, pack_reference
    from gridrules.pack.layout import FILE_KINDS

    text = pack_reference()
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    shown = [name for line in headings for name in re.findall(r"`([^`]+)`", line)]
    patterns = [kind.pattern for kind in FILE_KINDS]
    assert set(PACK_ORDER) <= set(patterns)
    assert sorted(shown) == sorted("calendar/年份.yaml" if p.startswith("calendar/") else p for p in patterns)
    firsts = [re.findall(r"`([^`]+)`", line)[0] for line in headings]
    assert firsts.index("organization/units.yaml") < firsts.index("admission/items.yaml") \
        < firsts.index("events/types.yaml") < firsts.index("calendar/年份.yaml")
    assert "| `items[].subsidy` | 工作补贴（元/网格/月） | " in text
    assert "| `communities[].town` | 所在镇街 | 必填 | " in text


def test_every_pack_field_has_a_chinese_name():
    """A secretary reading the pack reference (and a problem naming its field) gets every field's
    Chinese name: the message files' keys, language.yaml's, the history's chain included."""
    from gridrules.pack.docgen import pack_reference

    unnamed = [line for line in pack_reference().splitlines()
               if line.startswith("| `") and line.split("|")[2].strip() in ("", "—")]
    assert unnamed == []


def test_a_message_files_keys_are_named_by_their_own_place():
    """One key in two places of a file is named for each (a form's prompt of a duty is not its option of one)."""
    from gridrules.catalogue.packfields import pack_field_name

    assert pack_field_name("admission/form.yaml", "prompts.duty") == "对应职责的填写提示"
    assert pack_field_name("admission/form.yaml", "options.duty") == "职责选项的写法"
    assert pack_field_name("language.yaml", "conditions.operators.not_in") == "不属于"
    assert pack_field_name("language.yaml", "fields.event.grid_kind") == "事件事实字段的名称"
    assert pack_field_name("language.yaml", "flags.task[0].id") == "编号"


def test_every_part_with_fields_has_its_section_in_the_pack_reference():
    """A part whose fields the pack reference promises (映射（字段见下）) has its section: history's
    changes[].review (the review a decision was taken on) and an amendment's terms.training were dropped,
    their optional schemas made afresh and taken for parts already shown once a freed one's id came again."""
    from gridrules.pack.docgen import pack_reference

    text = pack_reference()
    sections = set(re.findall(r"^### `([^`]+)`", text, re.M))
    assert {"changes[].review", "items[].amendments[].terms.training"} <= sections
    assert "| `changes[].review.recommendation` | 审查建议 | 必填 | 取值：`approve`、`reject`、`incomplete` |" in text
    assert "| `changes[].review.blocking` | 阻断性意见 |  | 列表，每项：文字 |" in text
