"""In-place YAML edits: only the edited lines change, and the text always holds what was meant."""

from __future__ import annotations

import difflib

import pytest

from gridrules.change.yamledit import Editor, new_document, scalar
from gridrules.errors import EditError
from gridrules.pack.yamlsrc import parse_yaml

ITEMS = """\
# 清单（注释要留着）
items:
  - id: L01
    name: 甲
    owners: [gongan]   # 牵头部门
    effective: {from: 2025-01-01}
    approval: {session: 2024-4, date: 2024-12-20}
    basis: 默认

  - id: L02
    name: 乙
    owners: [gongan, zhujian]
    effective: {from: 2025-01-01}
    approval: {session: 2024-4, date: 2024-12-20}
    basis: 默认
# 文件末尾的注释
"""


def changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line[:1] in "+-"]


def data(text: str):
    doc, problems = parse_yaml(text, "t.yaml")
    assert not problems
    return doc.data


def test_appending_an_item_adds_a_block_in_the_neighbours_style():
    editor = Editor(ITEMS, "items.yaml")
    editor.append(("items",), {"id": "L03", "name": "丙", "owners": ["minzheng"], "effective": {"from": "2027-01-01"}})
    out = editor.result()
    assert out.startswith(ITEMS.split("# 文件末尾")[0])  # everything before stays byte for byte
    assert "  - id: L03\n    name: 丙\n    owners: [minzheng]\n    effective: {from: 2027-01-01}\n" in out
    assert "    basis: 默认\n\n  - id: L03" in out  # a blank line between items, as the file has
    assert out.endswith("# 文件末尾的注释\n")
    assert data(out)["items"][2]["id"] == "L03"


def test_setting_a_value_changes_only_its_line_and_keeps_the_comment():
    editor = Editor(ITEMS, "items.yaml")
    editor.set(("items", 0, "owners"), ["gongan", "sifa"])
    out = editor.result()
    assert changed_lines(ITEMS, out) == ["-     owners: [gongan]   # 牵头部门", "+     owners: [gongan, sifa]   # 牵头部门"]


def test_inserting_a_key_after_another():
    editor = Editor(ITEMS, "items.yaml")
    editor.insert(("items", 1), "withdrawal", {"session": "2027-1", "date": "2027-03-01"}, after="approval")
    out = editor.result()
    assert changed_lines(ITEMS, out) == ["+     withdrawal: {session: 2027-1, date: 2027-03-01}"]
    assert list(data(out)["items"][1]) == ["id", "name", "owners", "effective", "approval", "withdrawal", "basis"]


def test_a_key_added_to_a_flow_mapping_rewrites_that_mapping_only():
    editor = Editor(ITEMS, "items.yaml")
    editor.insert(("items", 0, "effective"), "to", "2027-12-31")
    out = editor.result()
    assert changed_lines(ITEMS, out) == ["-     effective: {from: 2025-01-01}", "+     effective: {from: 2025-01-01, to: 2027-12-31}"]


def test_removing_a_key():
    editor = Editor(ITEMS, "items.yaml")
    editor.remove(("items", 0), "basis")
    assert changed_lines(ITEMS, editor.result()) == ["-     basis: 默认"]


def test_appending_to_an_empty_flow_sequence_makes_a_block():
    editor = Editor("# 批复\napprovals: []\n", "t.yaml")
    editor.append(("approvals",), {"ref": "X-1", "activities": ["visit"]})
    assert editor.result() == "# 批复\napprovals:\n  - ref: X-1\n    activities: [visit]\n"


def test_appending_to_a_sequence_without_blank_lines_adds_none():
    text = "approvals:\n  - ref: A\n    to: 2026-01-01\n  - ref: B\n    to: 2026-02-01\n"
    editor = Editor(text, "t.yaml")
    editor.append(("approvals",), {"ref": "C", "to": "2026-03-01"})
    assert editor.result() == text + "  - ref: C\n    to: 2026-03-01\n"


def test_a_long_mapping_is_written_as_a_block():
    editor = Editor(ITEMS, "items.yaml")
    plan = "每年核查开始前由区残联组织一次集中培训，讲解核查表和系统填报，核查期间设专人答疑。"
    editor.insert(("items", 0), "training", {"owner": "canlian", "plan": plan}, after="owners")
    out = editor.result()
    assert f"    training:\n      owner: canlian\n      plan: {plan}\n" in out


@pytest.mark.parametrize(
    "value",
    ["2024", "yes", "1e5", "a: b", "# x", "[x]", "L18", "sha256:abc", "多行\n文本\n", "  lead", "null", "", "01",
     "it's", 'say "hi"', "2026-12-20", "2026-11-25T10:00:00+08:00"],
)
def test_any_text_reads_back_as_the_same_text(value):
    for text in (f"k: {scalar(value, flow=False)}\n", f"k: [{scalar(value)}]\n"):
        got = data(text)["k"]
        assert (got if isinstance(got, str) else got[0]) == value, text


def test_numbers_and_dates_are_written_plain():
    from datetime import date

    assert scalar(4.0) == "4" and scalar(4.5) == "4.5" and scalar(date(2027, 1, 5)) == "2027-01-05"


def test_an_edit_that_would_not_hold_the_intended_data_is_refused():
    editor = Editor(ITEMS, "items.yaml")
    editor.set(("items", 0, "name"), "丁")
    editor.data["items"][0]["name"] = "something else"  # what the text should hold no longer matches
    with pytest.raises(EditError, match="nothing was written"):
        editor.result()


def test_a_missing_key_is_an_error_not_a_guess():
    with pytest.raises(EditError, match="no key 'subsidy'"):
        Editor(ITEMS, "items.yaml").set(("items", 0, "subsidy"), 40)


def test_new_document_has_its_header_and_entries():
    text = new_document("变更记录\nline two", "changes", [{"seq": 1, "decision": {"by": "town", "date": "2026-12-01"}}])
    assert text.startswith("# 变更记录\n# line two\nchanges:\n  - seq: 1\n")
    assert data(text) == {"changes": [{"seq": 1, "decision": {"by": "town", "date": "2026-12-01"}}]}


def test_a_block_value_is_replaced_where_it_stands():
    text = "item:\n  activities:\n    - visit\n    - report\n  # 说明\n  basis: x\n"
    editor = Editor(text, "t.yaml")
    editor.set(("item", "activities"), ["visit", "care"])
    assert editor.result() == "item:\n  activities: [visit, care]\n  # 说明\n  basis: x\n"


def test_inserting_after_a_literal_block():
    text = "item:\n  content: |\n    第一行\n    第二行\n\n  basis: x\n"
    editor = Editor(text, "t.yaml")
    editor.insert(("item",), "subsidy", 20, after="content")
    assert editor.result() == "item:\n  content: |\n    第一行\n    第二行\n  subsidy: 20\n\n  basis: x\n"


# Files whose list ends them, in the shapes a pack holds and some it might: the append that
# reads only the last entry must write what the append that composes the whole file writes.
ENDING_LISTS = [
    ITEMS,
    ITEMS.replace("\n# 文件末尾的注释\n", ""),  # no final newline
    ITEMS.replace("\n\n  - id: L02", "\n  - id: L02"),  # entries not spaced
    "items:\n- id: L01\n  name: 甲\n- id: L02\n  name: 乙\n",  # dashes at the key's column
    "items:\n  - {id: L01, name: 甲}\n  - {id: L02, name: 乙}\n  # 完\n",  # flow entries
    "items:\n  -   id: L01\n      name: 甲\n",  # a wider gap after the dash
    "title: x\nitems:\n  - id: L01\n    content: |\n      第一行\n      第二行\n\n\n# 末尾\n",  # a literal last
    "items:\n  - id: L01\n    content: |+\n      留空行\n\n",  # a literal keeping its blank lines
    "items:\n  - id: L01\n    notes:\n      - id: N1\n      - id: N2\n",  # the last entry has a list
    "items:\n  - id: L01\n    content: >-\n      折叠\n      文本\n# 末尾\n\n",
    "items:\n  - a\n  - b\n",  # scalars
    "items: [{id: L01}]\nmore: x\n",  # not a block list ending the file: the whole file is composed
    "more: x\nitems:\n  # 说明\n\n  - id: L01\n    x: '- y'\n",
]


@pytest.mark.parametrize("text", ENDING_LISTS)
@pytest.mark.parametrize("entry", [{"id": "L09", "name": "新", "owners": ["a"], "content": "两行\n文本\n"},
                                   {"id": "L09"}, "c"])
def test_appending_to_a_list_that_ends_the_file_writes_what_composing_the_file_writes(text, entry, monkeypatch):
    def appended() -> tuple[str, object]:
        editor = Editor(text, "t.yaml")
        try:
            editor.append(("items",), entry)
            return editor.result(), editor.document.data
        except EditError as refused:  # e.g. a last text keeping its blank lines (|+): refused either way
            return "refused", str(refused)

    quick = appended()
    monkeypatch.setattr(Editor, "_append_last", lambda self, path, value: False)
    assert quick == appended()
    if quick[0] != "refused":
        assert data(quick[0]) == quick[1]


def test_the_quick_append_is_taken_on_a_plain_list_and_its_document_finds_positions():
    editor = Editor(ITEMS, "items.yaml")
    assert editor._append_last(("items",), {"id": "L03", "name": "丙"})
    assert editor.result().count("  - id: ") == 3
    assert editor.document.locate(("items", 2, "name")).line == 18
    assert editor.result().splitlines()[17] == "    name: 丙"


def test_a_quick_append_after_another_edit_is_not_taken():
    editor = Editor(ITEMS, "items.yaml")
    editor.set(("items", 0, "name"), "甲甲")
    assert not editor._append_last(("items",), {"id": "L03"})
