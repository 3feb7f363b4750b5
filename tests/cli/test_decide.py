"""check-task and route on the command line: outputs, exit codes, batches, bad input."""

from __future__ import annotations

import json

import pytest

from gridrules.catalogue.decisions import DECISIONS

from clirun import run
from gridrules import Checker

AT = "2026-11-25T10:00:00+08:00"
TASK = {"id": "T-1", "title": "走访", "department": "minzheng", "activities": ["visit", "report"], "start": "2026-12-01"}
EVENT = {"id": "E-1", "type": "MD02", "reported_at": "2026-11-25T09:30:00+08:00", "grid": "tangxiang-heping-01",
         "history": [{"level": "grid", "outcome": "unresolved", "at": "2026-11-25T15:00:00+08:00"}]}


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_check_task_text_explains_the_verdict(capsys, monkeypatch, tmp_path):
    code, out, _ = run(capsys, monkeypatch, ["check-task", write(tmp_path, "t.json", json.dumps(TASK)), "--at", AT, "--lang", "zh"])
    assert code == 0
    assert "结论：准入：可以交给网格员（清单事项 L13「困难群众、独居老人、留守儿童走访及救助需求报告」" in out
    assert "item.L13" in out and "规则包：dazu-grid" in out


def test_check_task_text_before_a_pending_item_does_not_tell_to_apply(capsys, monkeypatch, tmp_path):
    """L13 is approved (2024-12-20) and in effect from 2025-01-01: checked on 2024-12-22, a task from
    2024-12-31 waits for it; the verdict line says so, the step says no application is needed, and no
    line tells the clerk to apply (review 9, finding 3)."""
    early = TASK | {"start": "2024-12-31"}
    code, out, _ = run(capsys, monkeypatch, ["check-task", write(tmp_path, "t.json", json.dumps(early)),
                                            "--at", "2024-12-22T10:00:00+08:00", "--lang", "zh"])
    assert code == 1
    assert "结论：待生效：现在不能交给网格员，所属清单事项生效后即可派单（见下一步）" in out
    assert "L13「困难群众、独居老人、留守儿童走访及救助需求报告」已审定，2025-01-01 起生效（待生效）" in out
    assert "申请纳入" not in out and "需申请" not in out and "不在网格化服务管理工作清单内" not in out


def test_check_task_json_is_the_library_document(capsys, monkeypatch, pack):
    code, out, _ = run(capsys, monkeypatch, ["check-task", "-", "--format", "json", "--at", AT], stdin=json.dumps(TASK))
    assert code == 0
    from datetime import datetime

    expected = Checker(pack).check_task(TASK, at=datetime.fromisoformat(AT)).model_dump(mode="json")
    assert json.loads(out) == expected


@pytest.mark.parametrize(
    "change, code, verdict",
    [
        ({}, 0, "admitted"),
        ({"activities": ["enforce"]}, 1, "forbidden"),
        ({"department": "shengtai"}, 1, "needs_application"),
        ({"department": "tangxiang", "issued_by": "town", "town": "tangxiang", "temporary_approval": "TX-2026-11",
          "activities": ["visit"]}, 0, "temporary"),
    ],
)
def test_check_task_exit_codes(capsys, monkeypatch, change, code, verdict):
    got, out, _ = run(capsys, monkeypatch, ["check-task", "-", "--format", "json", "--at", AT], stdin=json.dumps(TASK | change))
    assert (got, json.loads(out)["verdict"]) == (code, verdict)


def test_check_task_bad_yaml_file_names_line_and_field(capsys, monkeypatch, tmp_path):
    path = write(tmp_path, "t.yaml", "id: T-1\ntitle: x\ndepartment: minzheng\nactivities: [visit, enforse]\nstart: 2026-12-01\n")
    code, out, err = run(capsys, monkeypatch, ["check-task", path, "--at", AT])
    assert code == 2 and out == ""
    assert f"{path}:4:21: activities[1]: unknown activity 'enforse' (did you mean 'enforce'?)" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "stdin, fragment",
    [
        ("", "empty document"),
        ("- just\n- a list\n", "a task is a mapping"),
        ("{id: T, id: U}", "duplicate key 'id'"),
        ("{: [", "YAML syntax"),
        ('{"id": "T", "title": "x", "department": "minzheng", "activities": ["visit"], "start": "2026-12-01", "$s": 1}', "unknown field '$s'"),
    ],
)
def test_check_task_never_tracebacks_on_bad_input(capsys, monkeypatch, stdin, fragment):
    code, _, err = run(capsys, monkeypatch, ["check-task", "-", "--at", AT], stdin=stdin)
    assert code == 2 and fragment in err and "Traceback" not in err


def test_bad_at_option(capsys, monkeypatch):
    code, _, err = run(capsys, monkeypatch, ["check-task", "-", "--at", "tomorrow"], stdin=json.dumps(TASK))
    assert code == 2 and "--at" in err


def test_missing_file(capsys, monkeypatch, tmp_path):
    code, _, err = run(capsys, monkeypatch, ["check-task", str(tmp_path / "none.yaml")])
    assert code == 2 and "cannot read" in err


def test_check_task_batch_decides_every_good_line(capsys, monkeypatch, tmp_path):
    lines = [json.dumps(TASK), "{not json", json.dumps(TASK | {"id": "T-2", "activities": ["quota"]}), "",
             json.dumps(TASK | {"id": "T-3", "department": "minzhen"})]
    code, out, _ = run(capsys, monkeypatch, ["check-task", write(tmp_path, "t.jsonl", "\n".join(lines)),
                                             "--batch", "--format", "json", "--at", AT])
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 2  # the worst line
    assert [r.get("verdict") or r["error"] for r in rows] == ["admitted", "invalid_input", "forbidden", "invalid_input"]
    assert rows[1]["line"] == 2 and rows[3]["line"] == 5
    # the bad JSON is placed where the parser stopped (line 2, column 2: "n" is not a quoted key)
    (bad,) = rows[1]["problems"]
    assert (bad["line"], bad["col"]) == (2, 2) and "column" not in bad["message"]
    assert rows[1]["error"] == "invalid_input"  # the code a single request's answer carries too (HTTP 422)
    assert rows[3]["problems"][0]["field"] == "department"
    assert rows[3]["problems"][0]["hint"] == "minzheng"


def test_check_task_batch_text_is_one_line_each(capsys, monkeypatch, tmp_path):
    lines = [json.dumps(TASK), json.dumps(TASK | {"id": "T-2", "department": "shengtai"})]
    code, out, _ = run(capsys, monkeypatch, ["check-task", write(tmp_path, "t.jsonl", "\n".join(lines)), "--batch", "--at", AT, "--lang", "zh"])
    assert code == 1
    assert out.splitlines() == ["T-1\t准入\tL13\t-", "T-2\t需申请\t—\t未纳入清单"]  # flags in words, as the verdict


def test_route_text_names_handler_deadline_and_reasons(capsys, monkeypatch, tmp_path):
    code, out, _ = run(capsys, monkeypatch, ["route", write(tmp_path, "e.json", json.dumps(EVENT)), "--lang", "zh"])
    assert code == 0
    assert "处置单位：和平社区（tangxiang-heping）" in out
    assert "办结 2026-11-30 15:00" in out  # renewed from the escalating entry (policy §6; the contract's example)
    assert "标注：逐级上报（本级无法解决）" in out


def test_route_exit_1_on_unauthorized_assignment(capsys, monkeypatch):
    code, out, _ = run(capsys, monkeypatch, ["route", "-", "--format", "json"], stdin=json.dumps(EVENT | {"assigned_to": "grid"}))
    assert code == 1 and "unauthorized_assignment" in json.loads(out)["flags"]


def test_route_at_makes_a_late_check(capsys, monkeypatch):
    code, out, _ = run(capsys, monkeypatch, ["route", "-", "--format", "json", "--at", "2026-12-01T09:30:00+08:00"],
                       stdin=json.dumps(EVENT))
    assert code == 0 and "past_deadline" in json.loads(out)["flags"]


def test_route_batch(capsys, monkeypatch, tmp_path):
    lines = [json.dumps(EVENT), json.dumps(EVENT | {"id": "E-2", "reported_at": "2026-11-25T09:30:00"}),
             json.dumps(EVENT | {"id": "E-3", "assigned_to": "grid"})]
    code, out, _ = run(capsys, monkeypatch, ["route", write(tmp_path, "e.jsonl", "\n".join(lines)), "--batch", "--format", "json"])
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 2
    assert rows[0]["level"] == "community" and rows[1]["error"] == "invalid_input" and rows[2]["flags"]
    assert "no UTC offset" in rows[1]["problems"][0]["message"]
    code, out, _ = run(capsys, monkeypatch, ["route", write(tmp_path, "e1.jsonl", lines[2]), "--batch", "--lang", "zh"])
    event, grade, level, handler, _close_by, flags = out.strip().split("\t")  # in the pack's words, not its ids
    assert (code, event, grade, level) == (1, "E-3", "一般", "村(社区)") and handler != "?"  # 1: assigned to the grid
    assert flags == "、".join(DECISIONS[f"dec.flag.{f}"][0] for f in rows[2]["flags"]) and flags.isascii() is False


def test_check_task_reads_a_status_and_channel_written_in_words(capsys, monkeypatch, tmp_path):
    """A clerk's file says 已派 and 直接派发: decided as assigned and direct (contract.md: assigned and
    direct is bypassed_unified_dispatch), the JSON keeps no word; the text says what each was read as."""
    text = ("id: T-1\ntitle: 走访\ndepartment: minzheng\nactivities: [visit, report]\nstart: 2026-12-01\n"
            "status: 已派\nchannel: 直接派发\n")
    path = write(tmp_path, "t.yaml", text)
    code, out, _ = run(capsys, monkeypatch, ["check-task", path, "--format", "json", "--at", AT])
    _, coded, _ = run(capsys, monkeypatch, ["check-task", "-", "--format", "json", "--at", AT],
                      stdin=json.dumps(TASK | {"status": "assigned", "channel": "direct"}))
    assert code == 0 and json.loads(out) == json.loads(coded)
    assert "bypassed_unified_dispatch" in json.loads(out)["flags"]
    code, out, _ = run(capsys, monkeypatch, ["check-task", path, "--at", AT, "--lang", "zh"])
    assert code == 0 and "状态（status）「已派」→ assigned" in out and "派单渠道（channel）「直接派发」→ direct" in out


def test_check_task_names_a_status_word_that_names_nothing_at_its_line(capsys, monkeypatch, tmp_path):
    path = write(tmp_path, "t.yaml", "id: T-1\ntitle: 走访\ndepartment: minzheng\nactivities: [visit]\n"
                                     "start: 2026-12-01\nstatus: 已派发\n")
    code, out, err = run(capsys, monkeypatch, ["check-task", path, "--at", AT, "--lang", "zh"])
    assert code == 2 and out == "" and "Traceback" not in err
    assert (f"{path}:6:9: 状态（status）: 没有「已派发」这一任务状态，应为以下之一：拟派（proposed）、已派（assigned）"
            "（是否指 已派（assigned）？）") in err


def test_check_task_batch_reads_words_line_by_line(capsys, monkeypatch, tmp_path):
    lines = [json.dumps(TASK | {"status": "已派", "channel": "直接派发"}, ensure_ascii=False),
             json.dumps(TASK | {"id": "T-2", "status": "已派发"}, ensure_ascii=False)]
    code, out, _ = run(capsys, monkeypatch, ["check-task", write(tmp_path, "t.jsonl", "\n".join(lines)),
                                             "--batch", "--format", "json", "--at", AT])
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 2
    assert rows[0]["verdict"] == "admitted" and "bypassed_unified_dispatch" in rows[0]["flags"]
    assert rows[1]["error"] == "invalid_input" and rows[1]["line"] == 2
    assert [(p["field"], p["hint"]) for p in rows[1]["problems"]] == [("status", "assigned")]


def test_route_reads_a_history_outcome_written_in_words_and_names_one_that_names_nothing(capsys, monkeypatch,
                                                                                       tmp_path):
    """A clerk's event file says 本级无法解决 in its history: routed as unresolved (the JSON as for the code,
    contract.md's example: escalated to community); 无法解决 names no outcome: exit 2 at its line and
    column, with the word meant."""
    head = ("id: E-1\ntype: MD02\nreported_at: 2026-11-25T09:30:00+08:00\ngrid: tangxiang-heping-01\nhistory:\n"
            "  - level: grid\n    at: 2026-11-25T15:00:00+08:00\n    outcome: ")
    path = write(tmp_path, "e.yaml", head + "本级无法解决\n")
    code, out, _ = run(capsys, monkeypatch, ["route", path, "--format", "json", "--at", AT])
    _, coded, _ = run(capsys, monkeypatch, ["route", "-", "--format", "json", "--at", AT], stdin=json.dumps(EVENT))
    assert code == 0 and json.loads(out) == json.loads(coded)
    assert json.loads(out)["level"] == "community" and json.loads(out)["flags"] == ["escalated_unresolved"]
    path = write(tmp_path, "bad.yaml", head + "无法解决\n")
    code, out, err = run(capsys, monkeypatch, ["route", path, "--at", AT, "--lang", "zh"])
    assert code == 2 and out == "" and "Traceback" not in err
    assert (f"{path}:8:14: 结果（history[0].outcome）: 没有「无法解决」这一处置结果，应为以下之一："
            "本级无法解决（unresolved）、超时未办结（overdue）、已办结（resolved）（是否指 本级无法解决（unresolved）？）") in err
