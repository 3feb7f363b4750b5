"""Importing the registry: export → import is no change, a ledger's change shown then written
with --apply (validated, with a history entry), bad rows refused whole with their places."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from gridrules.catalogue import set_language
from gridrules.engine.loading import load_pack
from gridrules.errors import ReadOnlyPack
from gridrules.pack import layout
from gridrules.tables.published import registry as registry_export
from gridrules.tables.registry import apply_import, plan_import, read_registry_table
from gridrules.tables.sheet import SheetError
from gridrules.tables.writer import write_table
from sheets import csv_file, messy_registry


@pytest.fixture(autouse=True)
def chinese():
    """The district's spreadsheets and what is said about them, in Chinese (as a clerk reads them)."""
    set_language("zh")
    yield
    set_language(None)

AT = datetime(2026, 12, 1, 9, 0, tzinfo=timezone(timedelta(hours=8)))
HEADER = "镇街,村(社区),网格名称,网格编码,网格类型,户数,上级网格"


def plan(pack, path, replace=False):
    return plan_import(pack, read_registry_table(pack, path), path.name, replace)


def export_to(pack, path, kind):
    table = registry_export(pack, date(2026, 12, 1))
    write_table(path, table.sheet, table.title, table.headers, table.rows, kind)
    return path


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_export_then_import_gives_the_same_pack(pack_copy, tmp_path, kind):
    pack = load_pack(pack_copy)
    path = export_to(pack, tmp_path / f"registry.{kind}", kind)
    found = plan(pack, path, replace=True)
    assert found.empty and found.counts() == {"added": 0, "changed": 0, "removed": 0}
    before = (pack_copy / layout.REGISTRY).read_bytes()
    history = (pack_copy / layout.HISTORY).read_bytes()  # the genesis entry only
    _, version = apply_import(pack_copy, path, replace=False, recorded_at=AT)
    assert version is None  # nothing changed: nothing written, no history
    assert (pack_copy / layout.REGISTRY).read_bytes() == before
    assert (pack_copy / layout.HISTORY).read_bytes() == history


def test_a_micro_grids_parent_may_be_named_as_the_table_shows_grids(pack_copy, tmp_path):
    """上级网格 by the grid's name (the table names grids by name); by the name of another micro-grid
    row of the same table too; a name no grid has is refused, naming both ways to write it."""
    rows = [["棠香街道", "和平社区", "和平社区01网格", "tangxiang-heping-01", "城市网格", 420, None, None, None, None, None],
            ["棠香街道", "和平社区", "和平社区01-1微网格", "tangxiang-heping-01-1", "微网格", 66, None, None, None, None,
             "和平社区01网格"],
            ["棠香街道", "和平社区", "和平社区01-2微网格", "tangxiang-heping-01-2", "微网格", 60, None, None, None, None,
             "和平社区01-1微网格"]]
    apply_import(pack_copy, messy_registry(tmp_path / "in.xlsx", rows), recorded_at=AT)
    pack = load_pack(pack_copy)
    assert pack.grids["tangxiang-heping-01-1"][0].parent == "tangxiang-heping-01"
    assert pack.grids["tangxiang-heping-01-2"][0].parent == "tangxiang-heping-01-1"


def test_an_exported_registry_with_every_field_reads_back_the_same(pack_copy, tmp_path):
    rows = [["棠香街道", "和平社区", "和平社区01网格", "tangxiang-heping-01", "城市网格", "４２０", "张三", "李四、钱七", "王五", "赵六", None],
            ["棠香街道", "和平社区", "和平社区01-1微网格", "tangxiang-heping-01-1", "微网格", 66, None, None, None, None,
             "tangxiang-heping-01"]]
    apply_import(pack_copy, messy_registry(tmp_path / "in.xlsx", rows), recorded_at=AT)
    pack = load_pack(pack_copy)
    grid, community = pack.grids["tangxiang-heping-01"]
    assert grid.households == 420 and community.id == "tangxiang-heping"
    assert grid.staff == {"leader": ["张三"], "full_time": ["李四", "钱七"], "part_time": ["王五"], "instructor": ["赵六"]}
    assert pack.grids["tangxiang-heping-01-1"][0].parent == "tangxiang-heping-01"
    for kind in ("xlsx", "csv"):
        again = plan(pack, export_to(pack, tmp_path / f"out.{kind}", kind), replace=True)
        assert again.empty, again.as_dict()


def test_a_ledger_change_is_shown_and_written_only_with_apply(pack_copy, tmp_path):
    path = messy_registry(tmp_path / "tangxiang.xlsx", [
        ["棠香街道", "和平社区 ", "和平社区01网格", "tangxiang-heping-01", "城市网格", "４２０ ", "张三", "李四", "王五", "赵六", None],
        ["棠香街道", "绿荫社区", "绿荫社区01网格", "tangxiang-lvyin-01", "城市网格", 350, None, None, None, None, None],
    ])
    pack = load_pack(pack_copy)
    found = plan(pack, path)
    assert found.towns == ["tangxiang"]
    assert [(u.kind, u.id, u.derived) for u in found.added] == [
        ("community", "tangxiang-lvyin", True), ("grid", "tangxiang-lvyin-01", False)]
    assert [(u.id, [f for f, _, _ in u.fields]) for u in found.changed] == [
        ("tangxiang-heping-01", ["households", "staff"])]
    # the file is the ledger for 棠香街道 only: its units the file lacks go, other towns' stay
    assert sorted(u.id for u in found.removed) == [
        "tangxiang-beiguan", "tangxiang-beiguan-01", "tangxiang-beiguan-02", "tangxiang-heping-02", "tangxiang-heping-03"]
    assert load_pack(pack_copy).digest == pack.digest  # planning writes nothing

    found, version = apply_import(pack_copy, path, recorded_at=AT)
    assert version == "1.1.0"
    after = load_pack(pack_copy)
    assert "longgang-wuxing-01" in after.grids and "tangxiang-beiguan-01" not in after.grids
    entry = after.history.changes[-1]
    assert entry.action == "import_registry" and entry.decision.by == "ledger"
    assert entry.decision.source == "tangxiang.xlsx" and entry.previous_digest == pack.digest
    assert entry.units is not None and (entry.units.added, entry.units.changed, entry.units.removed) == (2, 1, 5)

    # the same file again changes nothing and records nothing
    digest = after.digest
    _, version = apply_import(pack_copy, path, recorded_at=AT)
    assert version is None and load_pack(pack_copy).digest == digest
    assert len(load_pack(pack_copy).history.changes) == 1


def test_replace_removes_the_towns_the_file_does_not_cover(pack_copy, tmp_path):
    path = csv_file(tmp_path / "r.csv", [HEADER, "棠香街道,和平社区,和平社区01网格,tangxiang-heping-01,城市网格,,"])
    pack = load_pack(pack_copy)
    assert "longgang-wuxing" not in {u.id for u in plan(pack, path).removed}
    replaced = plan(pack, path, replace=True)
    assert {"longgang-wuxing", "baoding-shengji"} <= {u.id for u in replaced.removed}
    assert replaced.sample is False  # the whole registry is now the ledger


def test_a_grid_moved_to_another_towns_community_leaves_its_old_one(pack_copy, tmp_path):
    path = csv_file(tmp_path / "move.csv", [HEADER, "棠香街道,和平社区,五星社区01网格,longgang-wuxing-01,城市网格,,"])
    found = plan(load_pack(pack_copy), path)
    moved = next(u for u in found.changed if u.id == "longgang-wuxing-01")
    assert ("community", "longgang-wuxing", "tangxiang-heping") in moved.fields
    apply_import(pack_copy, path, recorded_at=AT)  # the pack loads: the grid is in one community only
    grids = load_pack(pack_copy).grids
    assert grids["longgang-wuxing-01"][1].id == "tangxiang-heping" and "longgang-wuxing-02" in grids


def test_a_column_the_file_lacks_keeps_the_packs_values(pack_copy, tmp_path):
    csv = csv_file(tmp_path / "a.csv", ["镇街,村(社区),网格名称,网格编码,户数",
                                        "龙岗街道,五星社区,五星社区01网格,longgang-wuxing-01,400",
                                        "龙岗街道,五星社区,五星社区02网格,longgang-wuxing-02,"])
    apply_import(pack_copy, csv, recorded_at=AT)
    grids = load_pack(pack_copy).grids
    assert grids["longgang-wuxing-01"][0].kind == "urban"  # no 网格类型 column: kept
    assert grids["longgang-wuxing-01"][0].households == 400


def test_every_bad_row_is_refused_with_its_place_and_nothing_is_written(pack_copy, tmp_path):
    path = csv_file(tmp_path / "bad.csv", [
        HEADER,
        "棠香街道,和平社区,和平社区01网格,tangxiang-heping-01,城市网格,三百,",
        "",
        "棠香,和平社区,和平社区09网格,TX 09,乡村网格,10,",
        "棠香街道,和平社区,和平社区02网格,tangxiang-heping-01,,,",
        "棠香街道,,无名网格,x-1,,,",
        "棠香街道,和平社区,和平社区04网格,tangxiang-heping-04,微网格,60,nowhere",
        "龙岗街道,和平社区,和平社区05网格,tangxiang-heping-05,,,",
    ])
    before = load_pack(pack_copy).digest
    with pytest.raises(SheetError) as caught:
        apply_import(pack_copy, path, recorded_at=AT)
    lines = str(caught.value).splitlines()
    assert lines == [
        "bad.csv!F2: 户数: 「三百」不是非负整数：请只写数字，如 420",
        "bad.csv!A4: 镇街: 不认识的镇街「棠香」：请写镇街名称，`gridrules show towns` 列出全部（是否指 棠香街道？）",
        "bad.csv!D4: 网格编码: 网格编码「TX 09」只能由小写字母、数字、- 和 _ 组成，且以字母或数字开头",
        "bad.csv!E4: 网格类型: 不认识的网格类型「乡村网格」（可用：城市网格、农村网格、专属网格、微网格）",
        "bad.csv!D5: 网格编码: 网格编码「tangxiang-heping-01」重复（第 2 行已用）",
        "bad.csv!B6: 村(社区): 必填，不能为空",
        "bad.csv!G7: 上级网格: 上级网格「nowhere」不在本表，也不在登记表中（写网格名称或网格编码；同名的网格不止一个时写编码）",
    ] + lines[7:]
    # 和平社区 under 龙岗街道 is a new community there (names are matched within a town), not an error
    assert len(lines) == 7
    assert load_pack(pack_copy).digest == before


def test_a_community_id_given_twice_for_two_names_is_refused(pack_copy, tmp_path):
    path = csv_file(tmp_path / "r.csv", ["镇街,村(社区),村(社区)编码,网格名称,网格编码",
                                         "棠香街道,和平社区,tangxiang-heping,a,a-1",
                                         "棠香街道,幸福社区,tangxiang-heping,b,b-1"])
    with pytest.raises(SheetError, match=r"r.csv!C3: 村\(社区\)编码: .*两个名称"):
        plan(load_pack(pack_copy), path)


def test_the_bundled_pack_is_never_written(tmp_path, pack):
    path = export_to(pack, tmp_path / "r.csv", "csv")
    with pytest.raises(ReadOnlyPack):
        apply_import(None, path)


def test_a_space_inside_a_staff_name_keeps_it_one_person(pack_copy, tmp_path):
    path = csv_file(tmp_path / "s.csv", ["镇街,村(社区),网格名称,网格编码,网格长,专职",
                                         "棠香街道,和平社区,和平社区01网格,tangxiang-heping-01,李　明,欧阳 娜、张三"])
    apply_import(pack_copy, path, recorded_at=AT)
    staff = load_pack(pack_copy).grids["tangxiang-heping-01"][0].staff
    assert staff is not None and staff["leader"] == ["李明"] and staff["full_time"] == ["欧阳娜", "张三"]


def test_a_space_that_may_separate_two_people_is_refused(pack_copy, tmp_path):
    path = csv_file(tmp_path / "s.csv", ["镇街,村(社区),网格名称,网格编码,专职",
                                         "棠香街道,和平社区,和平社区01网格,tangxiang-heping-01,张三 李四"])
    with pytest.raises(SheetError) as caught:
        plan(load_pack(pack_copy), path)
    assert str(caught.value).startswith("s.csv!E2: 专职: 「张三 李四」中的空格分不清是隔开两个人还是名字里的空格")


STAFFED = {"leader": ["张三"], "full_time": ["李四"], "part_time": ["王五"], "instructor": ["赵六"]}


def staffed(pack_copy, tmp_path):
    """The pack with 和平社区01网格 staffed in full and its 420 households recorded."""
    rows = [["棠香街道", "和平社区", "和平社区01网格", "tangxiang-heping-01", "城市网格", 420, "张三", "李四", "王五", "赵六", None]]
    apply_import(pack_copy, messy_registry(tmp_path / "full.xlsx", rows), recorded_at=AT)
    pack = load_pack(pack_copy)
    grid = pack.grids["tangxiang-heping-01"][0]
    assert (grid.households, grid.staff) == (420, STAFFED)
    return pack


def test_a_staffing_column_may_be_headed_by_its_roles_name_and_a_count_by_its_unit(pack_copy, tmp_path):
    # 专职网格员 is the role's own name in levels.yaml; 户数（户） is 户数 with its unit
    pack = staffed(pack_copy, tmp_path)
    path = csv_file(tmp_path / "r.csv", ["镇街,村(社区),网格名称,网格编码,户数（户）,专职网格员",
                                         "棠香街道,和平社区,和平社区01网格,tangxiang-heping-01,410,陈静"])
    (changed,) = plan(pack, path).changed
    after = {"leader": ["张三"], "full_time": ["陈静"], "part_time": ["王五"], "instructor": ["赵六"]}
    assert changed.fields == (("households", 420, 410), ("staff", STAFFED, after))


def test_a_role_whose_column_the_table_lacks_keeps_its_people(pack_copy, tmp_path):
    staffed(pack_copy, tmp_path)
    path = csv_file(tmp_path / "r.csv", ["镇街,村(社区),网格名称,网格编码,网格长",
                                         "棠香街道,和平社区,和平社区01网格,tangxiang-heping-01,王强"])
    apply_import(pack_copy, path, recorded_at=AT)
    grid = load_pack(pack_copy).grids["tangxiang-heping-01"][0]
    assert grid.households == 420  # no 户数 column: kept
    assert grid.staff == {"leader": ["王强"], "full_time": ["李四"], "part_time": ["王五"], "instructor": ["赵六"]}


@pytest.mark.parametrize("header, col", [("专职人员", "E"), ("住户数", "E")])
def test_a_header_it_does_not_know_is_refused_naming_it(pack_copy, tmp_path, header, col):
    path = csv_file(tmp_path / "r.csv", [f"镇街,村(社区),网格名称,网格编码,{header},序号,备注",
                                         "龙岗街道,五星社区,五星社区01网格,longgang-wuxing-01,陈静,1,"])
    before = load_pack(pack_copy).digest
    with pytest.raises(SheetError) as caught:
        apply_import(pack_copy, path, recorded_at=AT)
    (line,) = str(caught.value).splitlines()  # 序号 and 备注 are left out by design
    assert line.startswith(f"r.csv!{col}1: 不认识的表头「{header}」：这一列不会被读取；请改为认识的表头之一（镇街、村(社区)、网格名称")
    assert load_pack(pack_copy).digest == before


def test_a_header_given_twice_is_refused(pack_copy, tmp_path):
    path = csv_file(tmp_path / "r.csv", ["镇街,村(社区),网格名称,网格编码,户数,户数（户）",
                                         "龙岗街道,五星社区,五星社区01网格,longgang-wuxing-01,400,410"])
    with pytest.raises(SheetError, match=r"r.csv!F1: 表头「户数（户）」重复（E 列已有）"):
        plan(load_pack(pack_copy), path)


def test_an_exported_registry_with_its_town_merged_down_reads_the_same_and_a_grids_cell_merged_is_refused(pack, tmp_path):
    """A clerk writes each town once over its rows (merged): read into each row, no change; merging
    two grids' 户数 would give the first grid's count to the second: refused at the range."""
    import openpyxl

    path = export_to(pack, tmp_path / "登记表.xlsx", "xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert sheet is not None
    header = next(r for r in range(1, 6) if sheet.cell(r, 1).value == "镇街")
    columns = {sheet.cell(header, c).value: c for c in range(1, sheet.max_column + 1)}
    town, households = columns["镇街"], columns["户数（户）"]
    first = header + 1
    last = max(r for r in range(first, sheet.max_row + 1) if sheet.cell(r, town).value == sheet.cell(first, town).value)
    assert last > first + 1  # the export lists the first town over several rows
    for r in range(first + 1, last + 1):
        sheet.cell(r, town).value = None
    sheet.merge_cells(start_row=first, start_column=town, end_row=last, end_column=town)
    book.save(path)
    assert plan(pack, path, replace=True).empty
    sheet.merge_cells(start_row=first, start_column=households, end_row=first + 1, end_column=households)
    book.save(path)
    with pytest.raises(SheetError) as refused:
        read_registry_table(pack, path)
    [problem] = refused.value.problems
    letter = openpyxl.utils.get_column_letter(households)
    assert f"{letter}{first}:{letter}{first + 1} 是合并的单元格" in problem.message


def test_households_typed_with_thousands_grouped_are_read_and_a_comma_that_may_be_a_decimal_is_not(pack_copy, tmp_path):
    """户数 typed as text with its thousands grouped, the English or the Chinese way (1,320; １，３２０ in full-width): that
    number.  A comma not every three digits (1,32) says no one number: refused at the cell with what to type."""
    path = csv_file(tmp_path / "h.csv", [HEADER,
                                         '棠香街道,和平社区,和平社区01网格,tangxiang-heping-01,农村网格,"1,320",',
                                         "棠香街道,和平社区,和平社区02网格,tangxiang-heping-02,农村网格,１，３２０,"])
    apply_import(pack_copy, path, recorded_at=AT)
    grids = load_pack(pack_copy).grids
    assert grids["tangxiang-heping-01"][0].households == grids["tangxiang-heping-02"][0].households == 1320
    path = csv_file(tmp_path / "b.csv", [HEADER, '棠香街道,和平社区,和平社区01网格,tangxiang-heping-01,农村网格,"1,32",'])
    with pytest.raises(SheetError) as caught:
        plan(load_pack(pack_copy), path)
    assert str(caught.value) == ("b.csv!F2: 户数: 「1,32」中的逗号不是千位分隔符（千位分隔符每三位一个，如 1,320），看不出是哪个数："
                                 "请不加逗号写出要的数，如 132")


def test_a_number_where_a_name_is_written_is_refused_saying_a_name_is_expected(pack_copy, tmp_path):
    """A phone number in 网格长, a grid's code typed into 网格名称, a community's into 村(社区): each was read as a name
    (the grid named 500111001, a new community 123 with an id derived from it).  Refused at the cell, saying what
    the column takes and where a number goes; a name holding digits (和平社区01网格) is a name."""
    path = csv_file(tmp_path / "n.csv", ["镇街,村(社区),网格名称,网格编码,网格长,专职",
                                         "棠香街道,和平社区,和平社区01网格,tangxiang-heping-01,13800138000,李四",
                                         "棠香街道,和平社区,500111001,tangxiang-heping-02,张三,李四、3",
                                         "棠香街道,123,和平社区03网格,tangxiang-x-03,,"])
    with pytest.raises(SheetError) as caught:
        plan(load_pack(pack_copy), path)
    assert str(caught.value).splitlines() == [
        "n.csv!E2: 网格长: 「13800138000」是数字，不是姓名：这一栏写人员的姓名（几个人用“、”隔开）；电话、工号等请写在「备注」列",
        "n.csv!C3: 网格名称: 「500111001」是数字，不是名称：这一栏写名称；编码请写在「网格编码」列",
        "n.csv!F3: 专职: 「3」是数字，不是姓名：这一栏写人员的姓名（几个人用“、”隔开）；电话、工号等请写在「备注」列",
        "n.csv!B4: 村(社区): 「123」是数字，不是名称：这一栏写名称；编码请写在「村(社区)编码」列"]


def test_a_code_excel_saved_in_scientific_notation_is_said_lost_not_misspelt(pack_copy, tmp_path):
    """A csv export opened in Excel and saved: a 12-digit 网格编码 shown as 5.00111E+11 is saved so, its last digits
    gone.  It was refused as a code with a wrong character; it is said for what it is, and how to type it again."""
    path = csv_file(tmp_path / "e.csv", ["镇街,村(社区),村(社区)编码,网格名称,网格编码",
                                         "棠香街道,和平社区,5.00111E+11,和平社区01网格,5.00111E+11"])
    with pytest.raises(SheetError) as caught:
        plan(load_pack(pack_copy), path)
    said = ("「5.00111E+11」是 Excel 把长数字显示成的科学计数法，保存时编码的后几位已经丢了：请把这一列的单元格格式设为“文本”，"
            "重新输入完整的编码（或改用导出的 xlsx 文件）")
    assert str(caught.value).splitlines() == [f"e.csv!C2: 村(社区)编码: {said}", f"e.csv!E2: 网格编码: {said}"]
