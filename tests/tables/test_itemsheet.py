"""A secretary's table of items: exported unchanged reads back as no change; a new row is an
application reviewed as ``admission review`` reviews it; an amended row is reviewed as ``amend`` does."""

from __future__ import annotations

from datetime import date

import pytest

from gridrules.catalogue import set_language
from gridrules.change.review import review_application
from gridrules.tables.itemsheet import read_items, read_items_table, write_applications
from gridrules.tables.published import items as items_export
from gridrules.tables import words
from gridrules.tables.sheet import SheetError
from gridrules.tables.writer import write_table
from gridrules.change.appform import validate_application
from sheets import as_excel_saves, csv_file, items_csv
import pathlib

import yaml


@pytest.fixture(autouse=True)
def chinese():
    """The district's spreadsheets and what is said about them, in Chinese (as a clerk reads them)."""
    set_language("zh")
    yield
    set_language(None)

ON = date(2026, 6, 1)
HEADER = "编号,事项名称,职责,责任部门,工作内容,频次,工作量,补贴,培训,有效期,活动"


def read(pack, path):
    return read_items(pack, read_items_table(path), ON, "APP-T")


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_the_exported_list_reads_back_unchanged(pack, tmp_path, kind):
    table = items_export(pack, ON)
    path = tmp_path / f"items.{kind}"
    write_table(path, table.sheet, table.title, table.headers, table.rows, kind)
    rows = read(pack, path)
    assert [(r.kind, r.target) for r in rows] == [("unchanged", r[0]) for r in table.rows]
    assert len(rows) == len([i for i in pack.items if i.approval.date <= ON])


def test_a_new_row_is_the_application_admission_review_reviews(pack, tmp_path):
    path = items_csv(pack, tmp_path / "new.csv", [
        HEADER, ",电动自行车充电点巡查,D07 网格员职责,区消防救援支队,巡查楼道和充电点,每周,３,60,区消防救援支队：岗前培训,"
                "2026-09-01,巡查巡逻、发现报告"])
    (row,) = read(pack, path)
    assert row.kind == "new" and row.target == "APP-T-2" and row.application is not None
    app = row.application
    assert (app.applicant, app.duty, app.activities, app.hours_per_month) == ("xiaofang", "D07", ["patrol", "report"], 3)
    assert app.training is not None and (app.training.owner, app.training.plan) == ("xiaofang", "岗前培训")
    assert row.review == review_application(pack, app, ON)
    (written,) = write_applications(tmp_path / "apps", [row])
    assert validate_application(yaml.safe_load(open(written, encoding="utf-8"))) == app


def test_a_new_row_may_give_its_basis_and_categories(pack, tmp_path):
    category = pack.admission_policy.categories[0]
    path = items_csv(pack, tmp_path / "new.csv", ["事项名称,责任部门,依据,类别", f"垃圾分类督导,chengguan,《条例》第十条,{category}"])
    (row,) = read(pack, path)
    assert row.application is not None
    assert (row.application.basis, row.application.categories) == ("《条例》第十条", [category])
    assert row.application.applicant == "chengguan"  # a department by id as well as by name
    assert row.review is not None and "missing.basis" not in {f.id for f in row.review.findings}


def test_an_amended_row_lists_its_changes_and_the_command_to_record_them(pack, tmp_path):
    path = items_csv(pack, tmp_path / "amend.csv", [HEADER, "L02,出租房屋登记与动态核查,D02,区公安局、区住房城乡建委,,每月,5,100,区公安局,"
                                             "2025-01-01 至 2027-12-31,信息采集核实、入户走访、发现报告"])
    (row,) = read(pack, path)
    assert row.kind == "amend" and row.target == "L02"
    assert row.changes == {"hours_per_month": (4, 5), "subsidy": (80, 100), "end": (None, date(2027, 12, 31))}
    assert row.amend_command() == ("gridrules admission amend L02 --hours 5 --subsidy 100 --end '2027-12-31' "
                                   "--session SESSION --date YYYY-MM-DD")
    assert row.review is not None and row.new_blocking == []


def test_an_amended_number_is_held_to_the_applications_bounds(pack, tmp_path):
    path = items_csv(pack, tmp_path / "neg.csv", [HEADER, "L02,出租房屋登记与动态核查,D02,区公安局、区住房城乡建委,,每月,5,-5,区公安局,"
                                           "2025-01-01 至 长期,信息采集核实、入户走访、发现报告"])
    with pytest.raises(SheetError) as caught:  # a subsidy is at least 0 (the application's own bound)
        read(pack, path)
    assert "neg.csv!H2: 补贴: 「-5」不在 0 到 1000000 之间" in str(caught.value)


def test_a_row_may_not_change_what_an_amendment_cannot(pack, tmp_path):
    path = items_csv(pack, tmp_path / "fixed.csv", ["编号,事项名称,职责,有效期,工作量",
                                             "L02,出租房屋登记,D03,2025-02-01 至 长期,5"])
    with pytest.raises(SheetError) as caught:
        read(pack, path)
    lines = str(caught.value).splitlines()
    assert [line.split(": ")[0] for line in lines] == ["fixed.csv!B2", "fixed.csv!C2", "fixed.csv!D2"]
    assert all("清单事项 L02 的「" in line and "」不能修订" in line for line in lines)
    assert ["事项名称", "职责", "有效期"] == [line.split("「")[1].split("」")[0] for line in lines]


def test_a_malformed_row_is_refused_with_its_place(pack, tmp_path):
    path = items_csv(pack, tmp_path / "bad.csv", [HEADER, "L99,x,D02,区公安局,,每月,五,,,2026-01-01,飞行",
                                           ",y,职责二,区火星局,,,,,,2026-13-01,"])
    with pytest.raises(SheetError) as caught:
        read(pack, path)
    text = str(caught.value)
    for expected in ["bad.csv!A2: 编号: 清单中没有事项「L99」", "bad.csv!G2: 工作量: 「五」不是数字",
                     "bad.csv!K2: 活动: 不认识的活动「飞行」", "bad.csv!C3: 职责: 不认识的职责「职责二」",
                     "bad.csv!D3: 责任部门: 不认识的部门「区火星局」", "bad.csv!J3: 有效期: 「2026-13-01」不是真实存在的日期"]:
        assert expected in text



def test_every_problem_of_every_row_is_reported_at_once(pack, tmp_path, monkeypatch):
    """A clerk fixing a table learns all that is wrong with it in one go: a cell that cannot be read, an
    unknown 编号, a change an amendment cannot make, a blank the list always fills, a new item's own
    fault -- in one row or in several -- and nothing is reviewed when the table is refused."""
    from gridrules.tables import itemsheet

    reviewed: list = []
    monkeypatch.setattr(itemsheet, "review_application", lambda *a: reviewed.append(a))
    monkeypatch.setattr(itemsheet, "review", lambda *a: reviewed.append(a))
    path = items_csv(pack, tmp_path / "all.csv", ["编号,事项名称,职责,工作量,有效期",
                                           "L99,x,,,",                                # 编号 unknown: no item to check against
                                           "L02,出租房屋登记,D02,五,2025-01-01 至 长期",  # a name changed and a cell unreadable
                                           "L03,标准地址与实有单位核采,D02,,2025-01-01 至 长期",  # a blank workload
                                           ",新事项,D07,3,2027-03-01 至 2027-01-01",   # a new item ending before it starts
                                           ",垃圾分类督导,D07,3,2027-03-01 至 长期"])  # sound: reviewed were the table not refused
    with pytest.raises(SheetError) as caught:
        read(pack, path)
    assert [str(p.location) for p in caught.value.problems] == [
        "all.csv!A2", "all.csv!B3", "all.csv!D3", "all.csv!D4", "all.csv!E5"]
    text = str(caught.value)
    for expected in ["清单中没有事项「L99」", "清单事项 L02 的「事项名称」不能修订", "「五」不是数字",
                     "清单事项 L03 的「工作量」不能留空", "「2027-03-01 至 2027-01-01」的结束日期早于开始日期"]:
        assert expected in text
    assert reviewed == []



def test_an_item_named_by_two_rows_is_refused_at_the_second(pack, tmp_path):
    """Two rows of L02 are not two amendments (nor an amendment and "unchanged"): the second is refused at
    its 编号, naming the row that has it, as written in full-width letters too."""
    path = items_csv(pack, tmp_path / "twice.csv", ["编号,事项名称,工作量",
                                             "L02,出租房屋登记与动态核查,4", "L03,标准地址与实有单位核采,2",
                                             "Ｌ０２,出租房屋登记与动态核查,5", "L02,出租房屋登记与动态核查,6"])
    with pytest.raises(SheetError) as caught:
        read(pack, path)
    assert str(caught.value).splitlines() == [
        f"twice.csv!A{row}: 编号: 清单事项 L02 已在第 2 行：一个事项只写一行（本行若是别的事项，请改正编号）" for row in (4, 5)]


def test_a_new_item_is_named_as_no_listed_item_and_no_other_new_row(pack, tmp_path):
    """A new row named as L02 (a copied row, or an amendment without its 编号) or as a new row above would
    be a second item of that name: the review compares the work, not the name, so it is refused here."""
    path = items_csv(pack, tmp_path / "names.csv", ["编号,事项名称,责任部门",
                                             ",出租房屋登记与动态核查 ,区公安局", ",垃圾分类督导,chengguan",
                                             ",垃圾分类督导,chengguan", ",垃圾分类宣传,chengguan"])
    with pytest.raises(SheetError) as caught:
        read(pack, path)
    assert str(caught.value).splitlines() == [
        "names.csv!B2: 事项名称: 清单上已有事项「出租房屋登记与动态核查」（L02）：要修订它，请在「编号」栏写 L02；新事项请另取名称"
        "（撤销 L02 后另行申请的，待撤销生效后再导入）",
        "names.csv!B4: 事项名称: 新事项「垃圾分类督导」已在第 3 行：一个事项只写一行"]


@pytest.mark.parametrize("validity, end", [
    ("2025-01-01 至 2027-6-30", date(2027, 6, 30)), ("2025-1-1 至 2027年6月30日", date(2027, 6, 30))])
def test_an_amended_end_is_read_in_any_form_of_a_day(pack, tmp_path, validity, end):
    path = items_csv(pack, tmp_path / "end.csv", ["编号,事项名称,有效期", f"L02,出租房屋登记与动态核查,{validity}"])
    (row,) = read(pack, path)  # L02 starts 2025-01-01 and has no end
    assert row.kind == "amend" and row.changes == {"end": (None, end)}


def test_a_validity_read_in_part_is_refused_at_its_cell(pack, tmp_path):
    path = items_csv(pack, tmp_path / "v.csv", ["编号,事项名称,有效期", ",新事项,2027-03-01 至 年底"])
    with pytest.raises(SheetError) as caught:
        read(pack, path)
    assert str(caught.value).startswith("v.csv!C2: 有效期: 「2027-03-01 至 年底」不是有效期")


def test_a_header_with_its_unit_is_read_and_an_unknown_one_refused(pack, tmp_path):
    path = items_csv(pack, tmp_path / "u.csv", ["编号,事项名称,工作量（小时/月）,补贴(元)", "L02,出租房屋登记与动态核查,5,80"])
    (row,) = read(pack, path)
    assert row.changes == {"hours_per_month": (4, 5)}  # L02: 4 hours, 80 yuan
    # the unit the tool itself writes a workload in (its reviews, --hours): per grid, per month
    path = items_csv(pack, tmp_path / "g.csv", ["编号,事项名称,工作量（小时/网格/月）", "L02,出租房屋登记与动态核查,6"])
    (row,) = read(pack, path)
    assert row.changes == {"hours_per_month": (4, 6)}
    path = items_csv(pack, tmp_path / "x.csv", ["编号,事项名称,工时", "L02,出租房屋登记与动态核查,5"])
    with pytest.raises(SheetError, match="x.csv!C1: 不认识的表头「工时」"):
        read(pack, path)


@pytest.mark.parametrize("written, more", [("1_000", ""), ("1e3", ""), ("inf", ""), ("nan", ""),
                                           # with its unit: the number alone is what to write
                                           ("80元", "：只写数字 80，不写「元」（单位由这一项规定）")])
def test_a_number_is_written_in_digits_only(pack, tmp_path, written, more):
    path = items_csv(pack, tmp_path / "n.csv", ["编号,事项名称,补贴", f"L02,出租房屋登记与动态核查,{written}"])
    with pytest.raises(SheetError) as caught:
        read(pack, path)
    # with its unit: the number alone; otherwise how a number is written in a cell
    assert str(caught.value) == f"n.csv!C2: 补贴: 「{written}」不是数字" + (more or "：请只写数字，如 6 或 4.5（单位见表头，不写在格里）")


def test_a_number_with_a_decimal_point_or_full_width_digits_is_read(pack, tmp_path):
    path = items_csv(pack, tmp_path / "n.csv", ["编号,事项名称,工作量,补贴", "L02,出租房屋登记与动态核查,4.5,１００"])
    (row,) = read(pack, path)  # L02: 4 hours, 80 yuan
    assert row.changes == {"hours_per_month": (4, 4.5), "subsidy": (80, 100)}


def test_the_exported_list_names_each_items_risk_level(pack):
    table = items_export(pack, ON)
    l02 = next(r for r in table.rows if r[0] == "L02")
    assert l02[list(table.headers).index("风险")] == "低"  # L02's risk: low, which risk.yaml names 低


def test_a_new_rows_risk_is_read_by_the_levels_name(pack, tmp_path):
    path = items_csv(pack, tmp_path / "r.csv", ["事项名称,责任部门,风险", "垃圾分类督导,chengguan,中"])
    (row,) = read(pack, path)
    assert row.application is not None and row.application.risk == "medium"
    assert row.review is not None and "no_risk" not in {f.kind for f in row.review.findings}
    path = items_csv(pack, tmp_path / "none.csv", ["事项名称,责任部门", "垃圾分类督导,chengguan"])
    (row,) = read(pack, path)  # without it, the review says so
    assert row.review is not None and "no_risk" in {f.kind for f in row.review.findings}


def test_a_risk_level_is_one_of_the_packs_and_not_amended(pack, tmp_path):
    path = items_csv(pack, tmp_path / "r.csv", ["编号,事项名称,风险", ",新事项,严重"])
    with pytest.raises(SheetError) as caught:
        read(pack, path)
    assert str(caught.value) == "r.csv!C2: 风险: 不认识的风险等级「严重」（可用：低、中、高）"
    path = items_csv(pack, tmp_path / "a.csv", ["编号,事项名称,风险", "L02,出租房屋登记与动态核查,高"])
    with pytest.raises(SheetError) as caught:  # L02 is low: an amendment cannot change it
        read(pack, path)
    assert str(caught.value).startswith("a.csv!C2: 风险: 清单事项 L02 的「风险」不能修订")


def test_an_amendment_is_reviewed_as_the_amended_item_with_only_what_the_change_brings(pack, tmp_path):
    # L13 records no 工作内容 or training plan, and 依据 is not a column of the list: not the amendment's doing
    path = items_csv(pack, tmp_path / "l13.csv", ["编号,事项名称,工作量", "L13,,3"])
    (row,) = read(pack, path)
    assert row.kind == "amend" and row.changes == {"hours_per_month": (4, 3)}
    assert row.review is not None
    assert (row.review.findings, row.review.recommendation, row.review.next_code) == ([], "approve", "L13")
    # an owner it did not have brings its overlaps with that owner's items: those are the amendment's
    path = items_csv(pack, tmp_path / "l13b.csv", ["编号,事项名称,责任部门", "L13,,区民政局、区公安局"])
    (row,) = read(pack, path)
    assert row.review is not None and {f.id for f in row.review.findings} == {"overlap.L01", "overlap.L02"}
    assert row.review.recommendation == "approve" and row.new_blocking == []


def test_a_date_cell_is_a_day(pack, tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    table = items_export(pack, ON)
    sheet.append(list(table.headers))
    l02 = _row_of(table, "L02") | {"有效期": date(2025, 1, 1)}  # Excel's date, not text: L02's own start
    sheet.append([l02[h] for h in words.ITEMS])
    book.save(tmp_path / "d.xlsx")
    (row,) = read(pack, tmp_path / "d.xlsx")
    assert row.kind == "unchanged"


# --- an exported row is a template for a new one (依据, 培训计划, 类别), and reads back unchanged -------------

EXAMPLE = pathlib.Path(__file__).parents[2] / "examples" / "application.yaml"  # 区残联's application, every field stated
DECIDED, LISTED = date(2026, 11, 20), date(2026, 12, 1)


@pytest.fixture
def with_l18(pack_copy):
    """The bundled pack with the example application approved as L18 (from 2027-03-01), and that application."""
    from gridrules.change import workflow
    from gridrules.engine.loading import load_pack

    app = validate_application(yaml.safe_load(EXAMPLE.read_text(encoding="utf-8")))
    workflow.approve(pack_copy, app, "2026-6", DECIDED)
    return load_pack(pack_copy), app


def _row_of(table, code):
    return dict(zip(words.ITEMS, next(r for r in table.rows if r[0] == code)))  # by the columns' own headers


def test_the_exported_list_writes_what_an_application_states(with_l18):
    pack, app = with_l18
    l18 = _row_of(items_export(pack, LISTED), "L18")
    assert app.training is not None and app.categories is not None
    assert (l18["依据"], l18["培训"], l18["培训计划"], l18["类别"]) == (
        app.basis, "区残联", app.training.plan, "、".join(app.categories))
    assert l18["工作内容"] == app.content


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_list_with_basis_plan_and_categories_reads_back_unchanged(with_l18, tmp_path, kind):
    pack, _ = with_l18
    table = items_export(pack, LISTED)
    path = tmp_path / f"items.{kind}"
    write_table(path, table.sheet, table.title, table.headers, table.rows, kind)
    rows = read_items(pack, read_items_table(path), LISTED, "APP-T")
    assert [(r.kind, r.target) for r in rows] == [("unchanged", r[0]) for r in table.rows]
    assert "L18" in [r.target for r in rows]


def test_a_new_row_filled_like_an_exported_row_is_a_complete_application(with_l18, tmp_path):
    pack, app = with_l18
    table = items_export(pack, LISTED)
    row = _row_of(table, "L18")
    row.update({"编号": None, "事项名称": "残疾人辅助器具需求入户登记", "有效期": "2027-06-01 至 长期"})
    path = tmp_path / "new.xlsx"
    write_table(path, table.sheet, table.title, table.headers, [list(row.values())], "xlsx")
    (new,) = read_items(pack, read_items_table(path), LISTED, "APP-T")
    assert new.kind == "new" and new.application is not None and new.review is not None
    read = new.application
    assert read.training is not None and app.training is not None
    assert (read.basis, read.content, read.categories, read.training.owner, read.training.plan) == (
        app.basis, app.content, app.categories, app.training.owner, app.training.plan)
    # every field the pack's application form requires is stated: nothing is reported missing
    assert [f.id for f in new.review.findings if f.kind in ("missing_field", "training_incomplete")] == []


def test_an_older_table_keeps_the_plan_in_its_training_cell(with_l18, tmp_path):
    pack, app = with_l18
    assert app.training is not None
    path = items_csv(pack, tmp_path / "old.csv", ["编号,事项名称,培训", f"L18,{app.item},区残联：{app.training.plan}"],
                     LISTED)
    (row,) = read_items(pack, read_items_table(path), LISTED, "APP-T")
    assert row.kind == "unchanged"  # as export items wrote it before the plan had its column
    path = items_csv(pack, tmp_path / "both.csv", ["编号,事项名称,培训,培训计划", f"L18,{app.item},区残联：另一计划,另一计划"],
                     LISTED)
    with pytest.raises(SheetError) as caught:  # with the column, which of the two is meant is not guessed
        read_items(pack, read_items_table(path), LISTED, "APP-T")
    assert str(caught.value).startswith("both.csv!C2: 培训: 本表有「培训计划」列")


# --- a blank cell means what the export writes there, or is refused ---------------------------------------

@pytest.mark.parametrize("header, col, written", [  # L02 as the district's list has it (4 hours, monthly …)
    ("工作量", "C", "4"), ("频次", "C", "每月"), ("活动", "C", "信息采集核实、入户走访、发现报告"),
    ("责任部门", "C", "区公安局、区住房城乡建委"), ("有效期", "C", "2025-01-01 至 长期")])
def test_a_blank_where_the_list_always_has_a_value_is_refused_at_its_cell(pack, tmp_path, header, col, written):
    path = items_csv(pack, tmp_path / "b.csv", [f"编号,事项名称,{header},补贴", "L02,出租房屋登记与动态核查,,80"])
    with pytest.raises(SheetError) as caught:  # neither "keep 4 hours" nor "no hours": not guessed
        read(pack, path)
    assert str(caught.value) == (f"b.csv!{col}2: {header}: 清单事项 L02 的「{header}」不能留空：清单上总有这一项，导出的表写的是 "
                                 f"{written}；不修订就照写 {written}，要修订就写新的值（空白不当作“不变”，也不当作“删去”）")


def test_a_blank_subsidy_is_no_subsidy_as_the_export_writes_it(pack_copy, tmp_path):
    from gridrules.change import workflow
    from gridrules.engine.loading import load_pack

    copied = load_pack(pack_copy)
    path = items_csv(copied, tmp_path / "s.csv", ["编号,事项名称,工作量,补贴", "L02,出租房屋登记与动态核查,4,"])
    (row,) = read(copied, path)  # L02 pays 80 元: a blank proposes paying none
    assert row.kind == "amend" and row.changes == {"subsidy": (80, None)}
    assert "--subsidy 'none'" in (row.amend_command() or "")
    # an item that pays none is exported with a blank 补贴, which reads back as no change
    workflow.amend(pack_copy, "L13", {"subsidy": None}, "2026-7", date(2026, 11, 20), override="测试：不付补贴")
    pack = load_pack(pack_copy)
    table = items_export(pack, LISTED)
    assert _row_of(table, "L13")["补贴"] is None
    write_table(tmp_path / "l.csv", table.sheet, table.title, table.headers, table.rows, "csv")
    rows = read_items(pack, read_items_table(tmp_path / "l.csv"), LISTED, "APP-T")
    assert [r.kind for r in rows if r.target == "L13"] == ["unchanged"]


# --- a column the table lacks: refused when the item cannot be without it or a row may amend it ---------------

# as docs/secretaries.md and the item model have it: 编号 names the item; 事项名称, 职责, 责任部门, 频次, 工作量,
# 有效期 and 活动 every item has; 补贴 and 培训 a row may amend (without the column every amended row would keep
# them, which nothing says).  审定 is never read; 工作内容, 风险, 依据 and 类别 no row can amend (a new row without
# them is reviewed as with those cells blank); an older table has no 培训计划 (its 培训 cell holds 部门：计划), and
# no 依据 or 类别 either: a table with them is of the current form, whose 培训 cell holds the department alone,
# and lacks 培训计划 only when it was deleted (every plan would read as removed)
REFUSED_MISSING = ["编号", "事项名称", "职责", "责任部门", "频次", "工作量", "补贴", "培训", "有效期", "活动"]
MAY_BE_MISSING = ["审定", "工作内容", "风险", "依据", "类别", "培训计划"]
REFUSED_MISSING_CURRENT = REFUSED_MISSING + ["培训计划"]


def test_every_column_of_the_export_is_either_required_or_may_be_missing():
    from gridrules.tables import words
    from gridrules.tables.itemsheet import REQUIRED, TABLE, required_headers

    assert sorted(REFUSED_MISSING + MAY_BE_MISSING) == sorted(words.ITEMS) == sorted(TABLE)
    assert sorted(REQUIRED) == sorted(REFUSED_MISSING)
    older = [h for h in words.ITEMS if h not in ("依据", "培训计划", "类别")]  # export items before 980c0d4
    assert sorted(required_headers(older)) == sorted(REFUSED_MISSING)
    for current in ("依据", "类别"):
        assert sorted(required_headers([*older, current])) == sorted(REFUSED_MISSING_CURRENT)


def _without(pack, path, header, kind):
    """The list exported as of ON with the column ``header`` deleted, as Excel deletes it."""
    import openpyxl

    table = items_export(pack, ON)
    write_table(path, table.sheet, table.title, table.headers, table.rows, "xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book.active
    sheet.delete_cols(words.ITEMS.index(header) + 1)
    if kind == "xlsx":
        book.save(path)
        return path
    out = path.with_suffix(".csv")
    csv_file(out, [",".join(f'"{v}"' if v is not None else "" for v in row) for row in sheet.iter_rows(values_only=True)])
    return out


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@pytest.mark.parametrize("header", REFUSED_MISSING_CURRENT)
def test_a_table_lacking_a_required_column_is_refused_naming_it_and_the_sheet(pack, tmp_path, header, kind):
    path = _without(pack, tmp_path / "items.xlsx", header, kind)
    with pytest.raises(SheetError) as caught:
        read(pack, path)
    sheet = "网格化服务管理工作清单（准入清单）" if kind == "xlsx" else "items.csv"
    assert str(caught.value).startswith(f"{sheet} 第 2 行: 表头缺少 {header}（找到的表头：")  # row 1 is the title


@pytest.mark.parametrize("header", [h for h in MAY_BE_MISSING if h != "培训计划"])
def test_a_table_may_lack_a_column_no_row_amends(pack, tmp_path, header):
    rows = read(pack, _without(pack, tmp_path / "items.xlsx", header, "xlsx"))
    assert rows and all(r.kind == "unchanged" for r in rows)


def test_the_current_export_without_its_plan_column_is_refused_and_an_older_table_still_read(with_l18, tmp_path):
    """培训计划 deleted from a current export (it has 依据 and 类别) left 培训 holding the department alone, read
    as an older table's 部门：计划: L18's plan read as removed (培训计划：… → 无), an amendment on a guess.  It is
    refused at the header, as any required column; the older table (no 依据, 类别, 培训计划) still reads."""
    pack, app = with_l18
    assert app.training is not None and app.training.plan
    path = _without(pack, tmp_path / "items.xlsx", "培训计划", "csv")
    with pytest.raises(SheetError) as caught:
        read_items(pack, read_items_table(path), LISTED, "APP-T")
    assert str(caught.value).startswith("items.csv 第 2 行: 表头缺少 培训计划（找到的表头：")
    older = [h for h in items_export(pack, LISTED).headers if h not in ("依据", "培训计划", "类别")]
    table = items_export(pack, LISTED)
    rows = [[value for h, value in zip(table.headers, row) if h in older] for row in table.rows]
    for row in rows:  # the older form: the plan in the 培训 cell, after the department
        plan = next(r for r in table.rows if r[0] == row[0])[table.headers.index("培训计划")]
        if plan:
            row[older.index("培训")] = f"{row[older.index('培训')]}：{plan}"
    write_table(tmp_path / "old.csv", table.sheet, table.title, older, rows, "csv")
    read_back = read_items(pack, read_items_table(tmp_path / "old.csv"), LISTED, "APP-T")
    assert [(r.kind, r.target) for r in read_back] == [("unchanged", r[0]) for r in table.rows]


@pytest.mark.parametrize("cells, first", [("C16:C17", "C16"), ("C16:D16", "C16"), ("E3:E4", "E3")])
def test_a_merged_cell_in_the_exported_list_is_refused_naming_its_range(pack, tmp_path, cells, first):
    """A clerk merges two rows' 职责 (or two columns of a row) in the exported workbook: the merge keeps
    only its first cell's value, so it is refused at the range, not read as a change of row 17's duty."""
    import openpyxl

    table = items_export(pack, ON)
    path = tmp_path / "清单.xlsx"
    write_table(path, table.sheet, table.title, table.headers, table.rows, "xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert sheet is not None and sheet["C2"].value == "职责" and sheet["A16"].value == "L14"  # the export's layout
    sheet.merge_cells(cells)
    book.save(path)
    with pytest.raises(SheetError) as refused:
        read(pack, path)
    [problem] = refused.value.problems
    assert str(problem.location).endswith(f"!{first}")
    assert f"{cells} 是合并的单元格" in problem.message and "请取消合并" in problem.message
    assert "不能修订" not in str(refused.value)


def test_departments_are_read_by_the_name_reader_task_files_use(pack, tmp_path):
    """review9 #10: the sheet refused 公安局 and 住建委 (「是否指 区公安局？」) though check-task reads a task's
    公安局 or 民政局 (README): a short form or a body's abbreviation that fits one department reads as it, in
    责任部门 and in 培训; a name that fits none is still refused at its cell, with a did-you-mean."""
    import openpyxl

    table = items_export(pack, ON)
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(table.headers))
    l02 = _row_of(table, "L02")
    assert l02["责任部门"] == "区公安局、区住房城乡建委" and l02["培训"] == "区公安局"
    sheet.append([(l02 | {"责任部门": "公安局，住建委"})[h] for h in words.ITEMS])  # the same two: unchanged
    l13 = _row_of(table, "L13")
    sheet.append([(l13 | {"责任部门": "民政局、公安局", "培训": "民政局"})[h] for h in words.ITEMS])
    book.save(tmp_path / "short.xlsx")
    same, amended = read(pack, tmp_path / "short.xlsx")
    assert same.kind == "unchanged" and same.target == "L02"
    assert amended.kind == "amend" and amended.changes == {"owners": (["minzheng"], ["minzheng", "gongan"])}
    sheet.cell(3, table.headers.index("责任部门") + 1, "公按局")
    book.save(tmp_path / "short.xlsx")
    with pytest.raises(SheetError) as caught:
        read(pack, tmp_path / "short.xlsx")
    assert str(caught.value).startswith("Sheet!D3: 责任部门: 不认识的部门「公按局」：请写部门名称或简称，几个部门用“、”隔开，"
                                        "`gridrules show departments` 列出全部（是否指 区公安局？）")


def test_a_blank_subsidy_or_training_is_reviewed_as_none_not_as_unwritten(pack, tmp_path):
    """review9 #9: a blank 补贴 is 不付补贴 (docs/secretaries.md), yet L02's amendment was reviewed as
    「申请未写明「工作补贴（元/网格/月）」」, as if a field were left out.  Read as the docs read it, the
    amendment pays none for 4 hours of work: the policy's 费随事转 finding (no_subsidy); a blank 培训 and
    培训计划 leave the item without a training department and plan, said as such."""
    path = items_csv(pack, tmp_path / "s.csv", ["编号,事项名称,补贴", "L02,出租房屋登记与动态核查,"])
    (row,) = read(pack, path)
    assert row.review is not None and row.changes == {"subsidy": (80, None)}
    assert [(f.id, f.message) for f in row.review.findings] == [
        ("subsidy", "本事项每网格每月增加 4 小时工作量，工作补贴却为 0 元，没有做到费随事转。")]
    assert row.new_blocking == ["subsidy"]
    path = items_csv(pack, tmp_path / "t.csv", ["编号,事项名称,培训,培训计划", "L02,出租房屋登记与动态核查,,"])
    (row,) = read(pack, path)
    assert row.review is not None and row.changes["training_owner"] == ("gongan", None)
    messages = [f.message for f in row.review.findings]
    assert not any("申请未写明" in m for m in messages)
    assert "没有「培训责任单位」：交办工作的部门须负责对网格员开展业务培训。" in messages


def test_an_excel_date_typed_over_a_validity_says_it_was_read_as_the_start(pack, tmp_path):
    """review9 #12: an Excel date cell (2026-12-31) typed into L02's 有效期 「2025-01-01 至 长期」 was refused as
    「有效期」不能修订 without saying it had been read as the start date; the refusal says so and how to
    write the end."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    table = items_export(pack, ON)
    sheet.append(list(table.headers))
    l02 = _row_of(table, "L02")
    assert l02["有效期"] == "2025-01-01 至 长期"
    sheet.append([(l02 | {"有效期": date(2026, 12, 31)})[h] for h in words.ITEMS])
    book.save(tmp_path / "end.xlsx")
    with pytest.raises(SheetError) as caught:
        read(pack, tmp_path / "end.xlsx")
    assert str(caught.value) == ("Sheet!K2: 有效期: 只写了一个日期，读作有效期的开始日 2026-12-31；清单事项 L02 的开始日 2025-01-01 "
                                 "不能修订。要改结束日期，写作“2025-01-01 至 2026-12-31”（或“2025-01-01 至 长期”）")
    sheet.cell(2, table.headers.index("有效期") + 1, "2025-01-01 — 2026-12-31")  # as the message says, with a dash
    book.save(tmp_path / "end.xlsx")
    (row,) = read(pack, tmp_path / "end.xlsx")
    assert row.changes == {"end": (None, date(2026, 12, 31))}


def edited_export(pack, on, path, edit):
    """The list of ``on`` exported as a workbook to ``path``, then edited as a clerk does in Excel: ``edit(sheet, table)``."""
    import openpyxl

    table = items_export(pack, on)
    write_table(path, table.sheet, table.title, table.headers, table.rows, "xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert sheet is not None
    edit(sheet, table)
    book.save(path)
    return table


def test_a_total_row_under_the_exported_list_is_no_new_application(pack, tmp_path):
    """A clerk's 总计 row summing 工作量 and 补贴 under the list would read as a new item named 总计; refused at it."""
    def total(sheet, table):
        sheet.cell(last, 2, "总计")
        sheet.cell(last, 7, sum(r[6] for r in table.rows))
        sheet.cell(last, 8, sum(r[7] or 0 for r in table.rows))

    path = tmp_path / "items.xlsx"
    last = len(items_export(pack, ON).rows) + 3
    table = edited_export(pack, ON, path, total)
    with pytest.raises(SheetError) as refused:
        read(pack, path)
    (said,) = [str(p) for p in refused.value.problems]
    assert said.startswith(f"{table.sheet}!B{last}: 事项名称: 这一行是「总计」行")


def test_a_line_break_in_a_one_line_column_is_refused_at_its_cell(pack, tmp_path):
    """Alt+Enter in a 频次 cell: an amended row proposed a frequency of two lines (which ``admission amend``
    refuses); in a new row's 事项名称 it was refused at the row, by the field's English name.  Both at the cell."""
    path = items_csv(pack, tmp_path / "nl.csv", [
        HEADER, 'L02,出租房屋登记与动态核查,D02,区公安局、区住房城乡建委,,"每月\n一次",4,80,区公安局,2025-01-01 至 长期,'
                '信息采集核实、入户走访、发现报告',
        ',"电动自行车\n充电点巡查",D07,区消防救援支队,巡查楼道和充电点,每周,3,60,,2026-09-01,巡查巡逻、发现报告'])
    with pytest.raises(SheetError) as caught:
        read(pack, path)
    assert str(caught.value).splitlines() == ["nl.csv!F2: 频次: 不能含换行、Tab 等控制字符",
                                              "nl.csv!B3: 事项名称: 不能含换行、Tab 等控制字符"]


def test_a_new_rows_application_problem_is_at_the_cell_its_field_was_read_from(pack, tmp_path):
    """A plan longer than an application takes was refused at the row, by the field's English name
    (培训计划（training.plan）); at its cell now, 培训计划's or, in an older table, 培训's."""
    long = "岗前培训" * 600
    path = items_csv(pack, tmp_path / "long.csv", [
        HEADER + ",培训计划", f",电动自行车充电点巡查,D07,区消防救援支队,巡查,每周,3,60,区消防救援支队,2026-09-01,巡查巡逻,{long}"])
    older = items_csv(pack, tmp_path / "older.csv", [
        HEADER, f",电动自行车充电点巡查,D07,区消防救援支队,巡查,每周,3,60,区消防救援支队：{long},2026-09-01,巡查巡逻"])
    for table, cell in ((path, "long.csv!L2: 培训计划"), (older, "older.csv!I2: 培训")):
        with pytest.raises(SheetError) as caught:
            read(pack, table)
        assert str(caught.value).splitlines() == [f"{cell}: 最多 2000 个字符"]


def test_a_text_wrapped_with_alt_enter_to_fit_its_cell_is_unchanged(with_l18, tmp_path):
    """A clerk narrowing the exported list wraps L18's 工作内容, 依据 and 培训计划 with Alt+Enter: the first two were
    refused as amended (they cannot be), the plan proposed as an amendment to the same words."""
    def wrap(sheet, table):
        row = 3 + [r[0] for r in table.rows].index("L18")
        for header in ("工作内容", "依据", "培训计划"):
            cell = sheet.cell(row, 1 + list(table.headers).index(header))
            assert isinstance(cell.value, str) and len(cell.value) > 4
            cell.value = cell.value[:4] + "\n" + cell.value[4:]

    pack, _ = with_l18
    path = tmp_path / "items.xlsx"
    edited_export(pack, LISTED, path, wrap)
    rows = read_items(pack, read_items_table(path), LISTED, "APP-T")
    assert [(r.kind, r.target) for r in rows if r.target == "L18"] == [("unchanged", "L18")]


def test_a_formulas_result_is_read_as_its_cell_shows_it(pack, tmp_path):
    """A 工作量 worked out by a formula is saved with binary noise (=0.1+0.2 holds 0.30000000000000004, =6*1.1/1.1
    6.000000000000001); Excel shows 15 significant digits at most, 0.3 and 6.  Read so: the 6 is no amendment
    (it was proposed as 6 → 6), the 0.3 is proposed as 0.3."""
    import math

    def noise(sheet, table):
        sheet.cell(3, 7, math.nextafter(table.rows[0][6], 7))  # 6.000000000000001
        sheet.cell(4, 7, 0.3)

    table = edited_export(pack, ON, tmp_path / "items.xlsx", noise)
    as_excel_saves(tmp_path / "items.xlsx", {"G4": "0.30000000000000004"})  # =0.1+0.2 as Excel saves it
    assert table.rows[0][6] == 6 and table.rows[1][6] != 0.3
    first, second, *rest = read(pack, tmp_path / "items.xlsx")
    assert first.kind == "unchanged"
    assert second.kind == "amend" and second.changes == {"hours_per_month": (table.rows[1][6], 0.3)}
    assert "--hours 0.3 " in (second.amend_command() or "")


def test_a_number_typed_with_its_thousands_grouped_is_read(pack, tmp_path):
    """补贴 typed as 1,320 (or 1，320 on a Chinese keyboard) is 1320; 12,5 may be 12.5 or 125: refused at the cell,
    naming both."""
    path = items_csv(pack, tmp_path / "n.csv", ["编号,事项名称,补贴", 'L02,出租房屋登记与动态核查,"1,320"'])
    (row,) = read(pack, path)
    assert row.changes["subsidy"][1] == 1320
    path = items_csv(pack, tmp_path / "m.csv", ["编号,事项名称,补贴", "L02,出租房屋登记与动态核查,1，320"])
    assert read(pack, path)[0].changes["subsidy"][1] == 1320
    path = items_csv(pack, tmp_path / "b.csv", ["编号,事项名称,工作量", 'L02,出租房屋登记与动态核查,"12,5"'])
    with pytest.raises(SheetError) as caught:
        read(pack, path)
    assert str(caught.value) == ("b.csv!C2: 工作量: 「12,5」中的逗号不是千位分隔符（千位分隔符每三位一个，如 1,320），看不出是哪个数："
                                 "请不加逗号写出要的数，如 125、12.5")


def test_a_hidden_column_nothing_reads_is_no_problem_and_one_read_is(pack, tmp_path):
    """审定 (the meeting's decisions, a wide column) hidden to see the rest: the import was refused as if a column it
    reads were hidden, though none of its cells is read.  A hidden column that is read (补贴) is still refused."""
    def hide(column):
        def edit(sheet, table):
            sheet.column_dimensions["ABCDEFGHIJKLMNOP"[words.ITEMS.index(column)]].hidden = True
        return edit

    edited_export(pack, ON, tmp_path / "a.xlsx", hide("审定"))
    assert all(r.kind == "unchanged" for r in read(pack, tmp_path / "a.xlsx"))
    edited_export(pack, ON, tmp_path / "b.xlsx", hide("补贴"))
    with pytest.raises(SheetError, match="「补贴」列是隐藏的"):
        read(pack, tmp_path / "b.xlsx")
