"""``gridrules import registry|items`` on the command line: a diff first, ``--apply`` to write."""

from __future__ import annotations

import json
import pathlib

from gridrules.cli.main import main
from gridrules.engine.loading import load_pack
from sheets import csv_file, items_csv, messy_registry

EXAMPLE_APPLICATION = pathlib.Path(__file__).resolve().parents[2] / "examples" / "application.yaml"


def run(capsys, args):
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_registry_import_shows_the_diff_then_applies_it_once(capsys, tmp_path, pack_copy):
    path = messy_registry(tmp_path / "棠香.xlsx", [
        ["棠香街道", "和平社区", "和平社区01网格", "tangxiang-heping-01", "城市网格", "４２０", "张三", "李四", "王五", "赵六", None],
        ["棠香街道", "绿荫社区", "绿荫社区01网格", "tangxiang-lvyin-01", "城市网格", 350, None, None, None, None, None],
    ])
    pack = ["--pack", str(pack_copy)]
    before = load_pack(pack_copy).digest
    code, out, err = run(capsys, ["import", "registry", str(path), *pack, "--lang", "zh"])
    assert code == 0 and "新增 2、变更 1、删除 5 个单位" in out
    assert "+ 村(社区) 绿荫社区（tangxiang-lvyin）（编码由名称拼音生成，请核对）" in out
    assert "户数：— → 420" in out and "--apply" in err
    assert load_pack(pack_copy).digest == before
    code, out, err = run(capsys, ["import", "registry", str(path), *pack, "--apply", "--format", "json"])
    assert code == 0 and json.loads(out)["written"] is True and json.loads(out)["version"] == "1.1.0"
    code, out, _ = run(capsys, ["history", *pack, "--lang", "zh"])
    assert "导入登记表" in out and "登记台账 棠香.xlsx" in out and "新增 2、变更 1、删除 5 个单位" in out
    code, out, err = run(capsys, ["import", "registry", str(path), *pack, "--apply", "--lang", "zh"])
    assert code == 0 and "新增 0、变更 0、删除 0" in out and "没有变化，未写入" in err
    code, out, _ = run(capsys, ["lint", str(pack_copy)])
    assert "GR701" not in out and "GR702" not in out  # 420 households, full 1+3+N


def test_a_bad_registry_row_exits_2_with_its_place(capsys, tmp_path, pack_copy):
    path = csv_file(tmp_path / "r.csv", ["镇街,村(社区),网格名称,网格编码", "火星镇,和平社区,x,x-1"])
    code, out, err = run(capsys, ["import", "registry", str(path), "--pack", str(pack_copy), "--apply", "--lang", "zh"])
    assert code == 2 and out == ""
    assert "表格有不合格之处，未写入任何内容" in err and "r.csv!A2: 镇街: 不认识的镇街「火星镇」" in err
    assert "Traceback" not in err
    code, out, err = run(capsys, ["import", "registry", str(path), "--pack", str(pack_copy), "--apply", "--lang", "en"])
    assert code == 2 and "invalid spreadsheet: nothing was written" in err
    assert "r.csv!A2: 镇街: unknown town '火星镇'" in err  # the sheet's own headers stay as the district wrote them


def test_applying_to_the_bundled_pack_is_refused(capsys, tmp_path):
    path = csv_file(tmp_path / "r.csv", ["镇街,村(社区),网格名称,网格编码", "棠香街道,和平社区,x,x-1"])
    code, _, err = run(capsys, ["import", "registry", str(path), "--apply"])
    assert code == 2 and "gridrules init" in err


def test_items_import_reviews_and_writes_applications_only(capsys, tmp_path, pack_copy):
    path = csv_file(tmp_path / "items.csv", [
        "编号,事项名称,职责,责任部门,工作内容,频次,工作量,补贴,培训,有效期,活动",
        ",电动自行车充电点巡查,D07,区消防救援支队,巡查楼道,每周,3,60,区消防救援支队：岗前培训,2026-09-01,巡查巡逻、发现报告",
        "L02,出租房屋登记与动态核查,D02,区公安局、区住房城乡建委,,每月,5,80,区公安局,2025-01-01 至 长期,信息采集核实、入户走访、发现报告",
    ])
    before = load_pack(pack_copy).digest
    code, out, err = run(capsys, ["import", "items", str(path), "--pack", str(pack_copy), "--out", str(tmp_path / "apps"),
                                  "--id-prefix", "APP-2026-X", "--at", "2026-06-01T09:00:00+08:00", "--lang", "zh"])
    assert "第 2 行 新增事项申请 APP-2026-X-2" in out and "第 3 行 修订 出租房屋登记与动态核查（L02）" in out
    # the command records the decision on the pack read (copied as shown, it must not reach the bundled one)
    assert f"gridrules admission amend L02 --hours 5 --session SESSION --date YYYY-MM-DD --pack {pack_copy}" in out
    assert code == 1  # the new item duplicates L08: the review recommends rejection
    assert load_pack(pack_copy).digest == before  # a review writes nothing into the pack
    app = tmp_path / "apps" / "APP-2026-X-2.yaml"
    code, out, _ = run(capsys, ["admission", "review", str(app), "--pack", str(pack_copy),
                                "--at", "2026-06-01T09:00:00+08:00"])
    assert "application APP-2026-X-2 (电动自行车充电点巡查)" in out


def test_the_registry_screen_names_towns_fields_and_roles_as_the_clerks_do(capsys, tmp_path, pack_copy):
    path = messy_registry(tmp_path / "棠香.xlsx", [
        ["棠香街道", "和平社区", "和平社区01网格", "tangxiang-heping-01", "微网格", 66, "张三", "李四、王五", None, None, None]])
    code, out, _ = run(capsys, ["import", "registry", str(path), "--pack", str(pack_copy), "--lang", "zh"])
    assert code == 0
    assert out.splitlines()[0] == f"{path}：1 行，涉及镇街 棠香街道（tangxiang）"
    changed = out[out.index("  ~ 网格 和平社区01网格（tangxiang-heping-01）"):].splitlines()[1:5]
    assert changed == ["      网格类型：城市网格 → 微网格", "      户数：— → 66", "      网格长：— → 张三", "      专职：— → 李四、王五"]
    assert "households" not in out and "staff" not in out and "leader" not in out


def test_an_amendment_is_reviewed_as_the_amended_item(capsys, tmp_path, pack_copy):
    # L13 records no 工作内容, 依据 or training plan: an amendment of its workload does not make them missing
    path = items_csv(load_pack(pack_copy), tmp_path / "l13.csv", ["编号,事项名称,工作量", "L13,,3"])
    code, out, _ = run(capsys, ["import", "items", str(path), "--pack", str(pack_copy), "--at", "2026-06-01",
                                "--lang", "zh"])
    assert code == 0
    lines = out.splitlines()
    assert lines[:4] == ["第 2 行 修订 困难群众、独居老人、留守儿童走访及救助需求报告（L13）", "  工作量：4 → 3",
                         "修订带来的审查意见（0）：", "  （无）"]
    assert "修订新增的阻断性意见：无" in lines
    for said in ("missing.", "hours_per_month", "incomplete", "建议退回补正", "如审定纳入，编号将为 L18", "overlap."):
        assert said not in out


def test_a_new_item_review_on_the_import_screen_shows_no_ids(capsys, tmp_path, pack_copy):
    path = items_csv(load_pack(pack_copy), tmp_path / "new.csv", ["事项名称,责任部门,风险", "垃圾分类督导,chengguan,低"])
    code, out, _ = run(capsys, ["import", "items", str(path), "--pack", str(pack_copy), "--at", "2026-06-01",
                                "--lang", "zh"])
    assert code == 1 and "审查建议：建议退回补正 —— " in out and "（incomplete）" not in out
    assert "✗ [阻断·退回补正] 申请未写明「依据」。" in out and "missing.basis" not in out


def test_an_exported_list_reads_back_unchanged_on_another_day_and_a_conflicting_at_is_refused(capsys, tmp_path,
                                                                                                 pack_copy):
    """L13 amended to 3 hours from 2027-01-01, the list exported as of 2027-02-01 and imported today
    (2 hours still in force): compared with the list its title names, not today's, nothing reads as
    an amendment (today's comparison proposed 工作量 2 → 3, a change already recorded)."""
    pack = ["--pack", str(pack_copy)]
    code, _, err = run(capsys, ["admission", "amend", "L13", "--hours", "3", "--session", "2026-6", "--date", "2026-11-20",
                                "--effective", "2027-01-01", "--reason", "入户频次增加", *pack])
    assert code == 0, err
    table = tmp_path / "清单.csv"
    assert run(capsys, ["export", "items", "--csv", str(table), "--at", "2027-02-01", *pack])[0] == 0
    assert table.read_text("utf-8-sig").startswith("网格化服务管理工作清单（准入清单）（截至 2027-02-01")
    code, out, _ = run(capsys, ["import", "items", str(table), "--format", "json", *pack])
    rows = json.loads(out)["rows"]
    assert code == 0 and rows and all(r["kind"] == "unchanged" for r in rows), [r for r in rows if r["kind"] != "unchanged"]
    code, out, err = run(capsys, ["import", "items", str(table), "--at", "2026-12-01", *pack])
    assert code == 2 and "清单.csv!A1" in err and "--at 2027-02-01" in err


def test_a_table_exported_before_a_change_to_an_item_does_not_propose_undoing_it(capsys, tmp_path, pack_copy):
    """Exported, then L13 amended the same day (4 → 6 hours): the table still says 4, and reading it
    as the clerk's edit would propose amending L13 back to 4 -- undoing the meeting's decision. The
    title says how many changes were recorded at export; the row is refused, the rest unchanged."""
    pack = ["--pack", str(pack_copy)]
    table = tmp_path / "清单.csv"
    assert run(capsys, ["export", "items", "--csv", str(table), "--at", "2026-12-01", *pack])[0] == 0
    assert "已记变更 0 条" in table.read_text("utf-8-sig").splitlines()[0]
    code, _, err = run(capsys, ["admission", "amend", "L13", "--hours", "6", "--session", "2026-9", "--date", "2026-12-01",
                                "--reason", "入户频次增加", *pack])
    assert code == 0, err
    code, out, err = run(capsys, ["import", "items", str(table), "--lang", "zh", *pack])
    assert code == 2 and "admission amend L13" not in out
    assert "之后事项 L13 又有变更（变更记录第 1 条" in err and "请重新导出清单" in err
    # exported again, the table reads back as no change at all
    assert run(capsys, ["export", "items", "--csv", str(table), "--at", "2026-12-01", *pack])[0] == 0
    code, out, _ = run(capsys, ["import", "items", str(table), "--format", "json", *pack])
    assert code == 0 and all(r["kind"] == "unchanged" for r in json.loads(out)["rows"])


def test_a_row_deleted_from_an_exported_list_is_named_not_taken_for_a_withdrawal(capsys, tmp_path, pack_copy):
    """Deleting L16's row withdraws nothing: the screen says it is missing and how an item is withdrawn;
    a table a clerk made (no published title) lists only what it asks for, so nothing is missing."""
    pack = ["--pack", str(pack_copy)]
    table = tmp_path / "清单.csv"
    assert run(capsys, ["export", "items", "--csv", str(table), "--at", "2026-12-01", *pack])[0] == 0
    lines = table.read_text("utf-8-sig").splitlines()
    kept = [line for line in lines if not line.startswith("L16,")]
    assert len(kept) == len(lines) - 1
    table.write_text("\n".join(kept) + "\n", encoding="utf-8-sig")
    code, out, _ = run(capsys, ["import", "items", str(table), "--format", "json", *pack])
    assert code == 0 and json.loads(out)["absent"] == ["L16"]
    code, out, _ = run(capsys, ["import", "items", str(table), "--lang", "zh", *pack])
    assert "清单中有、表中没有的事项：退役军人信息采集核实（L16）" in out and "admission withdraw" in out
    table.write_text("\n".join(kept[1:]) + "\n", encoding="utf-8-sig")  # without the title: a clerk's own table
    code, out, _ = run(capsys, ["import", "items", str(table), "--format", "json", *pack])
    assert code == 0 and json.loads(out)["absent"] == []


def test_a_table_changed_since_is_refused_with_every_other_problem_at_once(capsys, tmp_path, pack_copy):
    """L02 amended after the export (the table's row would undo it) and a cell of L13 that cannot be
    read: both said at once.  L13's amendment takes effect after the day the table lists, so its row
    still reads as the list of that day shows it: the unreadable cell is not taken for a difference."""
    import csv

    pack = ["--pack", str(pack_copy)]
    table = tmp_path / "清单.csv"
    assert run(capsys, ["export", "items", "--csv", str(table), "--at", "2026-12-01", *pack])[0] == 0
    for code, hours, extra in [("L02", "6", []), ("L13", "3", ["--effective", "2027-01-01"])]:
        code_, _, err = run(capsys, ["admission", "amend", code, "--hours", hours, "--session", "2026-9",
                                     "--date", "2026-12-01", "--reason", "入户频次增加", *extra, *pack])
        assert code_ == 0, err
    lines = list(csv.reader(table.read_text("utf-8-sig").splitlines()))
    header = lines[1]
    l13 = next(line for line in lines if line[0] == "L13")
    l13[header.index("工作量（小时/网格/月）")] = "五"
    column = "ABCDEFGHIJKLMNOP"[header.index("工作量（小时/网格/月）")]
    with table.open("w", encoding="utf-8-sig", newline="") as out:
        csv.writer(out).writerows(lines)
    code, out, err = run(capsys, ["import", "items", str(table), "--lang", "zh", *pack])
    assert code == 2 and out == ""
    assert f"清单.csv!{column}{lines.index(l13) + 1}: 工作量: 「五」不是数字" in err
    assert "之后事项 L02 又有变更" in err and "之后事项 L13" not in err


def test_an_exported_list_with_a_required_column_deleted_is_refused_naming_it(capsys, tmp_path, pack_copy):
    """The 活动 column deleted in Excel: every amended row would have read its activities as unchanged
    (「共 19 行：与清单一致 19」); the table is refused at its header, naming the column and the sheet."""
    import openpyxl

    pack = ["--pack", str(pack_copy)]
    table = tmp_path / "清单.xlsx"
    assert run(capsys, ["export", "items", "--xlsx", str(table), "--at", "2026-12-01", *pack])[0] == 0
    book = openpyxl.load_workbook(table)
    sheet = book.active
    header = [cell.value for cell in sheet[2]]  # row 1 is the title
    sheet.delete_cols(header.index("活动") + 1)
    book.save(table)
    code, out, err = run(capsys, ["import", "items", str(table), "--out", str(tmp_path / "apps"), "--lang", "zh", *pack])
    assert code == 2 and out == "" and not (tmp_path / "apps").exists()
    assert f"{sheet.title} 第 2 行: 表头缺少 活动（找到的表头：" in err and "--sheet" not in err


def test_a_registry_workbook_lacking_a_column_names_the_header_row_and_suggests_no_other_sheet(capsys, tmp_path,
                                                                                              pack_copy):
    """One sheet, named Sheet as a new workbook's is, without 网格编码: the header row is named as Excel's user says
    it (not Sheet!1, no cell's name), and --sheet is not suggested (the sheet read is the only one)."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["镇街", "村(社区)", "网格名称", "户数"])
    sheet.append(["棠香街道", "和平社区", "和平社区01网格", 400])
    book.save(tmp_path / "登记表.xlsx")
    code, out, err = run(capsys, ["import", "registry", str(tmp_path / "登记表.xlsx"), "--pack", str(pack_copy),
                                  "--apply", "--lang", "zh"])
    assert code == 2 and out == ""
    assert "Sheet 第 1 行: 表头缺少 网格编码（找到的表头：镇街、村(社区)、网格名称、户数）" in err
    assert "Sheet!1" not in err and "--sheet" not in err


def test_the_registry_screen_names_a_countys_towns_in_its_own_word(capsys, tmp_path):
    # examples/county calls its towns 乡镇(街道) (organization/units.yaml); the screen had said 涉及镇街 whatever
    # the pack calls them (the sheet's own header 镇街 is the registry sheet's, as the district's clerks write it)
    from examplepacks import COUNTY, copy_of

    county = copy_of(COUNTY, tmp_path / "county")
    path = csv_file(tmp_path / "r.csv", ["镇街,村(社区),网格名称,网格编码", "西河镇,桥头村,桥头村02网格,xihe-qiaotou-02"])
    code, out, _ = run(capsys, ["import", "registry", str(path), "--pack", str(county), "--lang", "zh"])
    assert code == 0
    assert out.splitlines()[0] == f"{path}：1 行，涉及乡镇(街道) 西河镇（xihe）"
    assert "镇街" not in out


def test_an_item_approved_after_the_export_is_said_apart_not_taken_for_a_deleted_row(capsys, tmp_path, pack_copy):
    """review9 #1: an xlsx exported on 2026-12-01 (已记变更 0 条), then the joint meeting approves a new item the
    same day.  The table never had it: it is named as approved after the export, not under 「清单中有、表中没有」
    (which tells the secretary that deleting a row withdraws nothing, as if she had deleted it)."""
    import openpyxl

    pack = ["--pack", str(pack_copy)]
    table = tmp_path / "清单.xlsx"
    assert run(capsys, ["export", "items", "--xlsx", str(table), "--at", "2026-12-01", *pack])[0] == 0
    code, _, err = run(capsys, ["admission", "approve", str(EXAMPLE_APPLICATION), "--session", "2026-6",
                                "--date", "2026-12-01", "--effective", "2027-01-01", "--override", "试行", *pack])
    assert code == 0, err
    code, out, _ = run(capsys, ["import", "items", str(table), "--lang", "zh", *pack])
    assert code == 0
    assert "清单中有、表中没有" not in out and "admission withdraw" not in out
    assert "导出之后才审定的事项，表中没有：残疾人基本服务状况和需求信息入户核查（L18）" in out
    code, out, _ = run(capsys, ["import", "items", str(table), "--format", "json", *pack])
    assert json.loads(out)["absent"] == [] and json.loads(out)["approved_since"] == ["L18"]
    # a row the secretary did delete is still named as deleted, beside the later item
    book = openpyxl.load_workbook(table)
    sheet = book.active
    row = next(r[0].row for r in sheet.iter_rows() if r[0].value == "L16")
    sheet.delete_rows(row)
    book.save(table)
    code, out, _ = run(capsys, ["import", "items", str(table), "--format", "json", *pack])
    assert json.loads(out)["absent"] == ["L16"] and json.loads(out)["approved_since"] == ["L18"]


def test_an_amendments_workload_says_where_it_is_counted_and_what_it_holds(capsys, tmp_path, pack_copy):
    """review9 #11: L02 amended from 4 to 3 hours on the list of 2026-12-01 read 「工作量：有效事项 50 + 本事项 3」,
    silently counting 棠香街道's temporary TX-2026-11 (2 hours, 2026-11-15 to 2027-01-31) while the review's own
    over-capacity text names the town and says 有效事项与临时事项.  The policy's list totals 52 hours, L02's 4
    of them: 48 without it, and 棠香街道 carries 2 more -- 50 there, 53 with the amended L02."""
    import openpyxl

    pack = ["--pack", str(pack_copy)]
    table = tmp_path / "清单.xlsx"
    assert run(capsys, ["export", "items", "--xlsx", str(table), "--at", "2026-12-01", *pack])[0] == 0
    book = openpyxl.load_workbook(table)
    sheet = book.active
    header = [cell.value for cell in sheet[2]]
    row = next(r[0].row for r in sheet.iter_rows() if r[0].value == "L02")
    sheet.cell(row, header.index("工作量（小时/网格/月）") + 1, 3)
    book.save(table)
    code, out, _ = run(capsys, ["import", "items", str(table), "--lang", "zh", *pack])
    assert code == 0 and "工作量：4 → 3" in out
    assert "工作量：棠香街道清单工作量每网格每月 53 小时（有效事项与临时事项 50 小时，本事项 3 小时；上限 120 小时）" in out
    assert "有效事项 50 + 本事项 3" not in out


def test_import_help_says_which_subcommand_writes_the_pack(capsys):
    """review9 #13: `gridrules import --help` said 「把区里的表格读入规则包」 though `import items` never writes the
    pack (it reviews, and writes applications with --out): each subcommand's line says what it does."""
    code, out, _ = run(capsys, ["import", "--help", "--lang", "zh"])
    assert code == 0 and "读入规则包" not in out
    said = " ".join(out.split())
    assert "items 只审查清单事项的修订和新增，不改规则包" in said
    assert "registry 把登记表的村(社区)和网格写入规则包（加 --apply 时）" in said
    items_line = said[said.index("items 审查"):said.index("registry 把 FILE")]
    assert "不改规则包" in items_line and "--out 把新事项写成申请" in items_line
    code, out, _ = run(capsys, ["import", "--help", "--lang", "en"])
    assert code == 0 and "into the pack." not in out and "without changing the pack" in " ".join(out.split())
