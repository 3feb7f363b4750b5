"""``gridrules admission review --impact URL``: the review with what approving the application would
have changed in the logged decisions (the replay with the pack as approval would write it), on SQLite
and PostgreSQL."""

from __future__ import annotations

import json

import pytest
from appdocs import CANLIAN, snapshot, write_app
from clirun import run
from logstores import BACKENDS, log_url

REVIEWED = "2026-12-01T09:00:00+08:00"
# work the 区残联 application covers (visit, collect_info, report), in its validity (from 2027-03-01):
# without an item it needs an application
CANLIAN_TASK = {"title": "残疾人需求入户核查", "department": "canlian", "assignee": "full_time",
                "activities": ["visit", "collect_info", "report"], "start": "2027-03-01", "end": "2027-12-31",
                "hours_per_month": 2, "town": "tangxiang"}
# work L13 admits already: approving the application changes nothing for it
L13_TASK = {"title": "走访", "department": "minzheng", "assignee": "full_time", "activities": ["visit", "report", "care"],
            "start": "2026-06-01", "end": "2026-12-31", "hours_per_month": 3}


@pytest.fixture(params=BACKENDS)
def url(request, tmp_path):
    return log_url(request.param, tmp_path)


def log_tasks(capsys, monkeypatch, tmp_path, url, tasks: list[dict], at: str) -> None:
    path = tmp_path / "tasks.jsonl"
    path.write_text("\n".join(json.dumps(t, ensure_ascii=False) for t in tasks), encoding="utf-8")
    code, _, err = run(capsys, monkeypatch, ["check-task", str(path), "--batch", "--log", url, "--at", at])
    assert code in (0, 1), err


def logged(capsys, monkeypatch, tmp_path, url) -> None:
    """May: one 区残联 task; November: three more and two L13 tasks."""
    log_tasks(capsys, monkeypatch, tmp_path, url, [{**CANLIAN_TASK, "id": "C-MAY"}], "2026-05-20T10:00:00+08:00")
    log_tasks(capsys, monkeypatch, tmp_path, url,
              [{**CANLIAN_TASK, "id": f"C{i}"} for i in range(3)] + [{**L13_TASK, "id": f"T{i}"} for i in range(2)],
              "2026-11-20T10:00:00+08:00")


def test_the_review_says_what_approval_would_have_changed(capsys, monkeypatch, tmp_path, url, pack_copy):
    logged(capsys, monkeypatch, tmp_path, url)
    app = write_app(tmp_path, CANLIAN)
    before = snapshot(pack_copy)
    code, out, err = run(capsys, monkeypatch, ["admission", "review", app, "--pack", str(pack_copy), "--at", REVIEWED,
                                               "--impact", url, "--since", "2026-11-01",  # a date: 00:00 there
                                               "--format", "json"])
    assert code == 0, err  # the review recommends approval: nothing blocks it
    report = json.loads(out)
    assert report["recommendation"] == "approve" and report["next_code"] == "L18"
    impact = report["impact"]
    assert impact["approved_as"] == "L18" and impact["refused"] is None
    assert impact["since"] == "2026-11-01T00:00:00+08:00" and impact["until"] is None
    replay = impact["replay"]
    # the May task is outside the window; the L13 tasks stay admitted under L13
    assert (replay["replayed"], replay["unchanged"], replay["changed"]) == (5, 2, 3)
    [change] = replay["transitions"]
    assert (change["kind"], change["from"], change["to"], change["count"]) == (
        "task", "needs_application", "admitted(L18)", 3)
    assert change["by"] == {"department": {"canlian": 3}, "item": {"L18": 3}, "town": {"tangxiang": 3}}
    assert [e["id"] for e in change["examples"]] == ["C0", "C1", "C2"]
    assert snapshot(pack_copy) == before  # the candidate is a copy: the pack is untouched

    code, out, _ = run(capsys, monkeypatch, ["admission", "review", app, "--pack", str(pack_copy), "--at", REVIEWED,
                                             "--impact", url, "--lang", "zh"])
    assert code == 0
    assert "影响分析：若按 L18 纳入清单" in out and "重放 6 项决定" in out and "4 项改变" in out
    assert "任务结论 需申请 → 准入（L18）：4 项" in out and "按部门：canlian 4" in out


def test_an_application_no_decision_could_approve_is_not_replayed(capsys, monkeypatch, tmp_path, url, pack_copy):
    logged(capsys, monkeypatch, tmp_path, url)
    app = write_app(tmp_path, {**CANLIAN, "activities": ["visit", "fly_drones"]})  # an activity the pack lacks
    code, out, _ = run(capsys, monkeypatch, ["admission", "review", app, "--pack", str(pack_copy), "--at", REVIEWED,
                                             "--impact", url, "--format", "json"])
    report = json.loads(out)
    assert code == 1 and report["recommendation"] == "incomplete"
    assert report["impact"]["replay"] is None and report["impact"]["approved_as"] is None
    assert "no decision can override" in report["impact"]["refused"]
    code, out, _ = run(capsys, monkeypatch, ["admission", "review", app, "--pack", str(pack_copy), "--at", REVIEWED,
                                             "--impact", url, "--lang", "zh"])
    assert code == 1 and "未重放决定日志" in out


def test_a_window_without_a_log_or_a_bad_log_is_bad_input(capsys, monkeypatch, tmp_path):
    app = write_app(tmp_path, CANLIAN)
    code, _, err = run(capsys, monkeypatch, ["admission", "review", app, "--since", "2026-11-01T00:00:00+08:00"])
    assert code == 2 and "since" in err and "--impact" in err
    code, _, err = run(capsys, monkeypatch, ["admission", "review", app, "--impact", "ftp://example/log"])
    assert code == 2 and "log" in err and "Traceback" not in err
    code, _, err = run(capsys, monkeypatch, ["admission", "review", app, "--impact", str(tmp_path / "l.sqlite"),
                                             "--until", "yesterday"])
    assert code == 2 and "until" in err


def test_a_log_that_is_not_there_is_refused_not_created(capsys, monkeypatch, tmp_path, pack_copy):
    app = write_app(tmp_path, CANLIAN)
    missing = tmp_path / "nothere.sqlite"
    code, out, err = run(capsys, monkeypatch, ["admission", "review", app, "--pack", str(pack_copy),
                                               "--impact", str(missing), "--lang", "zh"])
    assert code == 2 and out == "" and f"决定日志 {missing} 不存在" in err
    assert not missing.exists()
