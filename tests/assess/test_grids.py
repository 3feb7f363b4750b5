"""The grids' listed workload (policy §7: one of a grid's indicators): each grid its own town's listed
total (§8: the items for all towns, those scoped to the town, the town's temporary approvals in force),
on the period's last day -- or on the day of the check while the period runs on -- in the text, the
JSON and the workbook alike.

By hand from the policy: the 17 items total 52 hours and apply in every town (§4); 棠香街道's
TX-2026-11 adds 2 hours from 2026-11-15 to 2027-01-31, 龙水镇's LS-2026-06 ran 2026-06-01 to 08-29
(§4, §8).  So on 2026-11-30 a 棠香 grid carries 54, a 龙岗 or 龙水 grid 52; on 2026-10-31 every grid 52.
"""

from __future__ import annotations

import json

from openpyxl import load_workbook

from assessdocs import records_jsonl
from clirun import run

AT = "2026-12-20T10:00:00+08:00"


def _record(id_: str, day: str, grid: str, **where: str) -> dict:
    reported = f"{day}T09:00:00+08:00"
    return {"event": {"id": id_, "type": "MD02", "reported_at": reported, "grid": grid, **where},
            "steps": [{"at": f"{day}T10:00:00+08:00", "kind": "feedback"},
                      {"at": f"{day}T11:00:00+08:00", "kind": "resolved"}]}


def _records(month: str) -> str:
    return records_jsonl([_record("G1", f"{month}-02", "tangxiang-heping-01"),
                          _record("G2", f"{month}-03", "longgang-wuxing-01"),
                          _record("G3", f"{month}-04", "longshui-shuangqiao-01")])


def _grids(capsys, monkeypatch, *args: str, stdin: str) -> dict:
    code, out, err = run(capsys, monkeypatch, ["assess", "-", *args, "--format", "json"], stdin=stdin)
    assert code == 0, err
    return {g["grid"]: (g["listed_hours"], g["listed_on"]) for g in json.loads(out)["grids"]}


def test_each_grid_carries_its_own_towns_listed_total_at_the_periods_end(capsys, monkeypatch):
    grids = _grids(capsys, monkeypatch, "--period", "2026-11", "--at", AT, stdin=_records("2026-11"))
    assert grids == {"tangxiang-heping-01": (54, "2026-11-30"), "longgang-wuxing-01": (52, "2026-11-30"),
                     "longshui-shuangqiao-01": (52, "2026-11-30")}
    # October: TX-2026-11 had not begun, LS-2026-06 had ended
    grids = _grids(capsys, monkeypatch, "--period", "2026-10", "--at", AT, stdin=_records("2026-10"))
    assert set(grids.values()) == {(52, "2026-10-31")}


def test_the_text_shows_each_grids_figure_and_its_day(capsys, monkeypatch):
    code, out, _ = run(capsys, monkeypatch, ["assess", "-", "--period", "2026-11", "--at", AT, "--lang", "zh", "--quiet"],
                       stdin=_records("2026-11"))
    assert code == 0
    section = out[out.index("【网格"):].split("\n\n")[0].splitlines()
    rows = {line.split()[0]: line.split()[-1] for line in section[3:]}
    assert rows == {"和平社区01网格": "54", "五星社区01网格": "52", "双桥村01网格": "52"}
    assert section[1].endswith("所在镇街清单工作量（小时/月，2026-11-30）")


def test_while_the_period_runs_the_load_is_the_day_of_the_checks(capsys, monkeypatch, pack_copy):
    """龙岗街道 approves 2 hours from 2026-12-01 to 12-30 (decided 2026-11-30): on 12-02 its grids carry
    52 + 2 = 54; at the end of December, the approval over, 52 again.  棠香: 54 throughout (TX-2026-11)."""
    path = pack_copy / "admission/temporary.yaml"
    path.write_text(path.read_text(encoding="utf-8") + (
        "  - ref: LG-2026-12\n    unit: longgang\n    decided_on: 2026-11-30\n    work: 冬季消防安全宣传\n"
        "    activities: [publicize]\n    from: 2026-12-01\n    to: 2026-12-30\n    hours_per_month: 2\n"),
        encoding="utf-8")
    records = records_jsonl([_record("W1", "2026-12-01", "longgang-wuxing-01"),
                             _record("W2", "2026-12-01", "tangxiang-heping-01")])
    args = ["--period", "2026-12", "--pack", str(pack_copy)]
    assert _grids(capsys, monkeypatch, *args, "--at", "2026-12-02T10:00:00+08:00", stdin=records) == {
        "longgang-wuxing-01": (54, "2026-12-02"), "tangxiang-heping-01": (54, "2026-12-02")}
    assert _grids(capsys, monkeypatch, *args, "--at", "2027-01-05T10:00:00+08:00", stdin=records) == {
        "longgang-wuxing-01": (52, "2026-12-31"), "tangxiang-heping-01": (54, "2026-12-31")}


def test_a_grid_the_registry_does_not_hold_has_no_figure(capsys, monkeypatch):
    records = records_jsonl([_record("U1", "2026-11-02", "tangxiang-xinqu-09", community="tangxiang-xinqu",
                                     town="tangxiang")])
    assert _grids(capsys, monkeypatch, "--period", "2026-11", "--at", AT, stdin=records) == {
        "tangxiang-xinqu-09": (None, "2026-11-30")}
    code, out, _ = run(capsys, monkeypatch, ["assess", "-", "--period", "2026-11", "--at", AT, "--lang", "zh", "--quiet"],
                       stdin=records)
    assert out[out.index("【网格"):].split("\n\n")[0].splitlines()[3].split()[-1] == "未登记"


def test_the_workbook_has_the_figure_in_each_grids_row(capsys, monkeypatch, tmp_path):
    path = tmp_path / "a.xlsx"
    code, _, err = run(capsys, monkeypatch, ["assess", "-", "--period", "2026-11", "--at", AT, "--lang", "zh", "--quiet",
                                             "--xlsx", str(path)], stdin=_records("2026-11"))
    assert code == 0, err
    sheet = load_workbook(path)["网格（只计数，不打分）"]
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    assert {r[1]: r[-1] for r in rows[1:]} == {"tangxiang-heping-01": 54, "longgang-wuxing-01": 52,
                                               "longshui-shuangqiao-01": 52}
    assert rows[0][-1] == "所在镇街清单工作量（小时/网格/月，2026-11-30）"
