"""``gridrules export`` on the command line."""

from __future__ import annotations

import openpyxl

from gridrules.cli.main import main


def run(capsys, args):
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_export_items_as_a_workbook(capsys, tmp_path):
    path = tmp_path / "清单.xlsx"
    code, _, err = run(capsys, ["export", "items", "--xlsx", str(path), "--at", "2026-06-01", "--lang", "zh"])
    assert code == 0 and err == f"已导出 网格化服务管理工作清单（准入清单）：17 行 → {path}\n"
    code, _, err = run(capsys, ["export", "items", "--xlsx", str(path), "--at", "2026-06-01", "--lang", "en"])
    assert err == f"exported admission list: 17 row(s) → {path}\n"  # the catalogue's words, not a Chinese literal
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "网格化服务管理工作清单（准入清单）（截至 2026-06-01：有效及待生效；已记变更 0 条）" and rows[1][0] == "编号" and rows[2][0] == "L01"


def test_export_needs_exactly_one_target(capsys, tmp_path):
    code, _, err = run(capsys, ["export", "duties", "--lang", "zh"])  # neither: asked where to write, not "only one"
    assert code == 2 and "请给出写到哪个文件：--xlsx 文件（Excel 工作簿）或 --csv 文件" in err and "只能给一个" not in err
    code, _, err = run(capsys, ["export", "duties", "--xlsx", str(tmp_path / "a.xlsx"), "--csv", str(tmp_path / "a.csv"),
                                "--lang", "zh"])
    assert code == 2 and "--xlsx 文件 和 --csv 文件 只能给一个" in err
    code, _, err = run(capsys, ["export", "duties", "--csv", str(tmp_path / "a.csv"), "--at", "2026-13-01"])
    assert code == 2 and "--at" in err and not (tmp_path / "a.csv").exists()


def test_at_may_be_a_moment_with_its_offset(capsys, tmp_path):
    code, _, err = run(capsys, ["export", "temporary", "--csv", str(tmp_path / "t.csv"),
                                "--at", "2026-07-01T09:00:00+08:00"])
    assert code == 0 and "1 row(s)" in err and "LS-2026-06" in (tmp_path / "t.csv").read_text(encoding="utf-8-sig")


def test_a_target_in_a_missing_folder_is_refused_naming_it(capsys, tmp_path):
    target = tmp_path / "no-such-folder" / "清单.csv"
    code, out, err = run(capsys, ["export", "items", "--csv", str(target)])
    assert code == 2 and "Traceback" not in err and out == ""
    assert str(target) in err and "cannot write" in err and "nothing was written" in err  # GRIDRULES_LANG=en
    assert not list(tmp_path.rglob("*"))  # nothing left behind, not even a temporary file
