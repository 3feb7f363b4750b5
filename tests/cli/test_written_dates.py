"""Dates as clerks write them in the files they write by hand (contract/base.py ``parse_date``,
``parse_datetime``): 2026年12月1日 in a task file, 2026年12月1日 9时30分+08:00 in an event file or a
record, ``--at 2026年12月1日``, each deciding exactly as its ISO form does; 12/1/2026, whose order
cannot be told, refused at its path:line:col, naming the field and showing the forms read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clirun import run

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TASK = (EXAMPLES / "走访任务.yaml").read_text(encoding="utf-8")  # start: 2026-12-01, end: 2026-12-31
EVENT = (EXAMPLES / "event.yaml").read_text(encoding="utf-8")
RECORD = (EXAMPLES / "record.yaml").read_text(encoding="utf-8")
AT = "2026-12-01T10:00:00+08:00"


def _write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _decided(capsys, monkeypatch, args: list[str]) -> tuple[int, dict]:
    code, out, err = run(capsys, monkeypatch, [*args, "--format", "json"])
    assert code in (0, 1), err
    return code, json.loads(out)


@pytest.mark.parametrize("start, end", [
    ("2026年12月1日", "2026年12月31日"), ("２０２６年１２月１日", "２０２６年１２月３１日"),
    ("2026/12/1", "2026/12/31"), ("2026年12月01日", "2026.12.31"),
])
def test_a_task_with_chinese_dates_is_decided_as_with_iso_dates(capsys, monkeypatch, tmp_path, start, end):
    assert "start: 2026-12-01\n" in TASK and "end: 2026-12-31\n" in TASK
    iso = _write(tmp_path, "iso.yaml", TASK)
    written = _write(tmp_path, "written.yaml", TASK.replace("start: 2026-12-01", f"start: {start}")
                     .replace("end: 2026-12-31", f"end: {end}"))
    expected = _decided(capsys, monkeypatch, ["check-task", iso, "--at", AT])
    assert expected[1]["verdict"] == "admitted"  # L13 covers the visit from 2026-12-01 (rules/admission/items.yaml)
    assert _decided(capsys, monkeypatch, ["check-task", written, "--at", AT]) == expected


@pytest.mark.parametrize("at, iso", [
    ("2026年12月1日", "2026-12-01"), ("２０２６年１２月１日", "2026-12-01"),
    ("2026年12月1日 10时+08:00", AT), ("2026年12月1日 10:00+08:00", AT),
])
def test_at_written_the_chinese_way_is_the_iso_moment(capsys, monkeypatch, at, iso):
    task = str(EXAMPLES / "走访任务.yaml")
    assert (_decided(capsys, monkeypatch, ["check-task", task, "--at", at])
            == _decided(capsys, monkeypatch, ["check-task", task, "--at", iso]))


def test_an_event_reported_the_chinese_way_is_routed_as_the_iso_form(capsys, monkeypatch, tmp_path):
    assert "reported_at: 2026-11-25T09:30:00+08:00\n" in EVENT
    iso = _write(tmp_path, "iso.yaml", EVENT)
    written = _write(tmp_path, "written.yaml", EVENT.replace(
        "reported_at: 2026-11-25T09:30:00+08:00", "reported_at: 2026年11月25日 9时30分+08:00").replace(
        "at: 2026-11-25T15:00:00+08:00", "at: ２０２６年１１月２５日　１５：００＋０８：００"))
    at = "2026-11-26T09:00:00+08:00"
    expected = _decided(capsys, monkeypatch, ["route", iso, "--at", at])
    # 一般事件 72 小时内反馈 (rules/events/deadlines.yaml): from the report at 2026-11-25 09:30
    assert expected[1]["deadlines"]["feedback_by"] == "2026-11-28T09:30:00+08:00"
    assert _decided(capsys, monkeypatch, ["route", written, "--at", at]) == expected


def test_a_record_with_chinese_moments_is_read_as_the_iso_form(capsys, monkeypatch, tmp_path):
    assert "{at: 2026-11-24T10:00:00+08:00, kind: feedback}" in RECORD
    iso = _write(tmp_path, "iso.yaml", RECORD)
    written = _write(tmp_path, "written.yaml", RECORD.replace(
        "{at: 2026-11-24T10:00:00+08:00, kind: feedback}", "{at: 2026年11月24日 10:00+08:00, kind: feedback}"))
    at = "2026-12-20T10:00+08:00"
    assert (_decided(capsys, monkeypatch, ["route", "--record", written, "--at", at])
            == _decided(capsys, monkeypatch, ["route", "--record", iso, "--at", at]))


@pytest.mark.parametrize("written", ["12/1/2026", "1/12", "12月1日"])
def test_a_task_date_whose_order_cannot_be_told_is_refused_at_its_place(capsys, monkeypatch, tmp_path, written):
    path = _write(tmp_path, "t.yaml", TASK.replace("start: 2026-12-01", f"start: {written}"))
    line = TASK.splitlines().index("start: 2026-12-01") + 1
    code, out, err = run(capsys, monkeypatch, ["check-task", path, "--at", AT, "--lang", "zh"])
    assert code == 2 and out == "" and "Traceback" not in err
    assert (f"{path}:{line}:8: 开始日期（start）: 「{written}」看不出哪是年、月、日（或没有写年），不作猜测："
            "请写成 2026-12-01 或 2026年12月1日") in err


def test_an_event_moment_whose_order_cannot_be_told_or_without_offset_is_refused(capsys, monkeypatch, tmp_path):
    line = EVENT.splitlines().index("reported_at: 2026-11-25T09:30:00+08:00") + 1
    for written, said in [("11/25/2026 9:30", "「11/25/2026 9:30」看不出哪是年、月、日"),
                          ("2026年11月25日 9:30", "「2026年11月25日 9:30」没有时区：请写成如 2026年11月25日 9:30+08:00")]:
        path = _write(tmp_path, "e.yaml", EVENT.replace("reported_at: 2026-11-25T09:30:00+08:00",
                                                        f"reported_at: {written}"))
        code, _, err = run(capsys, monkeypatch, ["route", path, "--lang", "zh"])
        assert code == 2 and "Traceback" not in err
        assert f"{path}:{line}:14: " in err and "（reported_at）: " + said in err, err


def test_at_whose_order_cannot_be_told_is_refused_naming_the_option(capsys, monkeypatch):
    code, out, err = run(capsys, monkeypatch, ["check-task", str(EXAMPLES / "走访任务.yaml"), "--at", "12/1/2026",
                                               "--lang", "zh"])
    assert code == 2 and out == ""
    assert "--at: 「12/1/2026」看不出哪是年、月、日" in err
