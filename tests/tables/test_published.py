"""The published lists: the headers a district prints, the rows in force on the day."""

from __future__ import annotations

from datetime import date

import openpyxl

from gridrules.tables import words
from gridrules.tables.published import EXPORTS, items, temporary
from gridrules.tables.writer import write_table
import pytest

pytestmark = pytest.mark.usefixtures("decisions_after_today")  # sessions dated after the machine clock


def test_the_admission_list_has_the_district_headers(pack):
    table = items(pack, date(2026, 6, 1))
    # as the issue lists them, then the activities (which a re-import needs)
    # a number column says its unit, as the pack names the field (工作量（小时/网格/月）): a clerk knows what to type
    assert list(table.headers[:11]) == ["编号", "事项名称", "职责", "责任部门", "工作内容", "频次", "工作量（小时/网格/月）",
                                        "补贴（元/网格/月）", "培训", "审定", "有效期"]
    # then what a new row needs to be a whole application (依据, 培训计划, 类别), after the list's own columns
    assert list(table.headers[11:]) == ["活动", "风险", "依据", "培训计划", "类别"]
    l02 = next(r for r in table.rows if r[0] == "L02")
    assert l02[3] == "区公安局、区住房城乡建委"  # lead first, by name
    assert l02[6] == 4 and l02[7] == 80
    assert l02[9] == "联席会议2024年第4次会议（2024-12-20）" and l02[10] == "2025-01-01 至 长期"
    assert str(l02[2]).startswith("D02 ")


def test_only_what_is_in_force_on_the_day(pack):
    assert items(pack, date(2024, 12, 19)).rows == []  # the default list was approved on 2024-12-20
    default = [f"L{n:02d}" for n in range(1, 18)]  # the policy's list (§4): L01–L17, and nothing else
    assert [r[0] for r in items(pack, date(2024, 12, 20)).rows] == default  # listed ahead of its start
    assert [r[0] for r in items(pack, date(2026, 6, 1)).rows] == default


def test_an_item_is_listed_by_its_terms_on_the_day_and_not_after_its_withdrawal(pack, terms_pack):
    # L18 (tests/termspack.py): decided 2026-11-26 from 2026-12-01 (patrol, report; 2 hours, 40 元), amended
    # from 2026-12-10 (adds publicize; 3 hours, 60 元), withdrawn from 2026-12-20 (its last day 2026-12-19)
    def l18(on):
        return [r for r in items(terms_pack, on).rows if r[0] == "L18"]
    assert l18(date(2026, 11, 25)) == []
    [first] = l18(date(2026, 12, 1))
    assert (first[6], first[7], first[10]) == (2, 40, "2026-12-01 至 2026-12-19")
    [amended] = l18(date(2026, 12, 12))
    assert (amended[6], amended[7]) == (3, 60)
    # 审定 says from when the amendment applies: listed on 12-01 (2 hours, 40 元) it names the meeting that set
    # 3 hours and 60 元 -- as if those were the terms shown -- unless its day is said
    assert first[9] == ("联席会议2026年第5次会议（2026-11-26）、联席会议2026年第6次会议（2026-11-27）修订，"
                        "2026-12-10 起施行")
    assert l18(date(2026, 12, 20)) == []
    assert [r[0] for r in temporary(pack, date(2026, 7, 1)).rows] == ["LS-2026-06"]
    assert [r[0] for r in temporary(pack, date(2026, 12, 1)).rows] == ["TX-2026-11"]


def test_every_list_writes_as_a_workbook_with_its_title_above_the_header(pack, tmp_path):
    for kind, export in EXPORTS.items():
        table = export(pack, date(2026, 12, 1))
        path = tmp_path / f"{kind}.xlsx"
        write_table(path, table.sheet, table.title, table.headers, table.rows, "xlsx")
        sheet = openpyxl.load_workbook(path).active
        assert sheet is not None and sheet.title == words.TITLES["events" if kind == "types" else kind]
        values = [list(r) for r in sheet.iter_rows(values_only=True)]
        assert values[0][0] == table.title and tuple(values[1]) == tuple(table.headers)
        assert len(values) == 2 + len(table.rows) and len(table.rows) > 0


def test_csv_opens_in_excel_as_chinese(pack, tmp_path):
    table = items(pack, date(2026, 6, 1))
    write_table(tmp_path / "i.csv", table.sheet, table.title, table.headers, table.rows, "csv")
    data = (tmp_path / "i.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and "编号,事项名称".encode() in data


def test_a_withdrawn_item_leaves_the_list_from_its_withdrawal(pack_copy):
    from gridrules.change import workflow
    from gridrules.engine.loading import load_pack

    workflow.withdraw(pack_copy, "L14", "2026-5", date(2026, 9, 30))
    pack = load_pack(pack_copy)
    assert "L14" in [r[0] for r in items(pack, date(2026, 9, 29)).rows]
    assert "L14" not in [r[0] for r in items(pack, date(2026, 9, 30)).rows]


def test_a_withdrawn_approval_ends_on_its_last_day_in_force(pack_copy):
    from gridrules.change.temporary import withdraw_temporary
    from gridrules.engine.loading import load_pack

    # TX-2026-11 (棠香, decided 2026-11-10, 2026-11-15 to 2027-01-31), withdrawn by a decision of 2026-11-20
    # taking effect on 2026-12-01: its last day is 2026-11-30 (contract: a withdrawal effective on W ends it on W - 1)
    withdraw_temporary(pack_copy, "TX-2026-11", date(2026, 11, 20), effective=date(2026, 12, 1))
    pack = load_pack(pack_copy)
    headers = list(words.TEMPORARY)
    end, withdrawn = headers.index("结束"), headers.index("撤销日期")

    def tx(on):
        return [r for r in temporary(pack, on).rows if r[0] == "TX-2026-11"]
    [known] = tx(date(2026, 11, 25))
    assert (known[end], known[withdrawn]) == (date(2026, 11, 30), date(2026, 11, 20))
    [before] = tx(date(2026, 11, 18))  # the withdrawal is not decided yet: the approved end, no withdrawal
    assert (before[end], before[withdrawn]) == (date(2027, 1, 31), None)
    assert tx(date(2026, 11, 30)) != [] and tx(date(2026, 12, 1)) == []


def test_an_approval_withdrawn_before_its_first_day_is_not_listed(pack_copy):
    from gridrules.change.temporary import withdraw_temporary
    from gridrules.engine.loading import load_pack

    # LS-2026-06 (decided 2026-05-20, runs 2026-06-01 to 2026-08-29), withdrawn on 2026-05-25 from 2026-05-28:
    # its last day would be 2026-05-27, before its first: it never runs
    withdraw_temporary(pack_copy, "LS-2026-06", date(2026, 5, 25), effective=date(2026, 5, 28))
    pack = load_pack(pack_copy)
    assert [r[0] for r in temporary(pack, date(2026, 5, 24)).rows] == ["LS-2026-06"]
    assert [r[0] for r in temporary(pack, date(2026, 5, 26)).rows] == []


def test_a_tables_title_says_what_it_lists_by_the_status_words_and_an_older_title_still_reads(pack):
    """The title said 在用及已批准待生效 beside the status words 有效 and 待生效 (status.in_force, status.pending)
    that `gridrules show` and the pages use: it says 有效及待生效 now; a table published under the old title
    is still read for its day and the changes then (import's check that nothing was recorded since)."""
    from gridrules.catalogue import chinese
    from gridrules.tables.published import AsOf, as_of

    title = items(pack, date(2026, 12, 1)).title
    assert title.endswith(f"（截至 2026-12-01：{chinese('status.in_force')}及{chinese('status.pending')}；"
                          f"已记变更 {len(pack.history.changes)} 条）"), title
    assert "在用" not in title
    assert as_of([(1, title)]) == AsOf(1, date(2026, 12, 1), len(pack.history.changes))
    old = "网格化服务管理工作清单（准入清单）（截至 2026-11-30：在用及已批准待生效；已记变更 3 条）"
    assert as_of([(1, old)]) == AsOf(1, date(2026, 11, 30), 3)
    assert as_of([(1, "网格化服务管理工作清单（准入清单）（截至 2026-11-30）")]) == AsOf(1, date(2026, 11, 30), None)


def test_the_temporary_approvals_days_are_date_cells(pack, tmp_path):
    """决定日期, 开始, 结束 were written as the text 2026-11-15: Excel filtered and sorted them as text."""
    table = temporary(pack, date(2026, 12, 1))
    write_table(tmp_path / "t.xlsx", table.sheet, table.title, table.headers, table.rows, "xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx").active
    assert sheet is not None
    row = {h: c for h, c in zip(words.TEMPORARY, sheet[3])}
    assert row["批复编号"].value == "TX-2026-11"  # decided 2026-11-10, runs 2026-11-15 to 2027-01-31 (temporary.yaml)
    assert [row[h].value.date() for h in ("决定日期", "开始", "结束")] == [date(2026, 11, 10), date(2026, 11, 15),
                                                                      date(2027, 1, 31)]
    assert all(row[h].is_date for h in ("决定日期", "开始", "结束"))
