"""``gridrules assess`` and ``gridrules route --record`` end to end, through main()."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import yaml

from assessdocs import month_case, records_jsonl
from clirun import run

AT = "2026-12-20T10:00:00+08:00"


def _files(tmp_path):
    case = month_case()
    records, tasks = tmp_path / "records.jsonl", tmp_path / "tasks.jsonl"
    records.write_text(records_jsonl(case["records"]), "utf-8")
    tasks.write_text(records_jsonl(case["tasks"]), "utf-8")
    return str(records), str(tasks)


def test_json_figures_lists_and_one_error_line_per_bad_record(capsys, monkeypatch, tmp_path):
    records, tasks = _files(tmp_path)
    code, out, err = run(capsys, monkeypatch, ["assess", records, "--period", "2026-11", "--at", AT,
                                               "--decisions", tasks, "--format", "json"])
    assert code == 2  # one bad record; everything else still assessed
    doc = json.loads(out)
    assert doc["records"] == {"read": 17, "in_period": 15, "after_at": 0, "errors": 1, "empty_files": [], "digest_mismatch": 0, "digest_earlier": {},
                              "digest_mismatch_named": [], "late_extension": 0,
                              "late_extension_named": [], "unscored_whistles": 0,
                              "unscored_whistles_named": [], "pending": 1, "unregistered": []}
    assert doc["decisions_given"] is True
    town = next(u for u in doc["levels"]["town"] if u["unit"] == "tangxiang")
    assert town["score_shown"] == "78.1" and town["budget_cut_advised"] is True
    figures = {f["indicator"]: (f["numerator"], f["denominator"]) for f in town["figures"]}
    assert figures["no_unauthorized_assignment"] == (1, 2)
    assert [u["unit"] for u in doc["red"]] == ["tangxiang-heping"]
    errors = [json.loads(line) for line in err.splitlines()]
    assert len(errors) == 1
    assert errors[0]["record"] == f"{records}:17" and errors[0]["event"] == "B1"
    assert errors[0]["problems"][0]["field"] == "steps[0].department"


def test_the_text_counts_the_bad_task_lines_stderr_and_the_json_give(capsys, monkeypatch, tmp_path):
    # the month's tasks, then T-TX-2 again (a task id already given: a bad line, counted once): beside
    # the bad record (B1), one bad line of --decisions, said on stderr, in the JSON's errors and, counted,
    # in the text's summary
    case = month_case()
    records, tasks = tmp_path / "records.jsonl", tmp_path / "tasks.jsonl"
    records.write_text(records_jsonl(case["records"]), "utf-8")
    tasks.write_text(records_jsonl(case["tasks"] + [case["tasks"][1]]), "utf-8")
    args = ["assess", str(records), "--period", "2026-11", "--at", AT, "--decisions", str(tasks)]
    code, out, err = run(capsys, monkeypatch, [*args, "--lang", "zh"])
    assert code == 2 and len(err.splitlines()) == 2 and err.splitlines()[1].startswith(f"{tasks}:3")
    assert out.splitlines()[1] == "记录 17 条：本期 15 条，有误 1 条，镇街派单记录有误 1 条（未计入）"
    code, out, _ = run(capsys, monkeypatch, [*args, "--format", "json"])
    assert [e["record"] for e in json.loads(out)["errors"]] == [f"{records}:17", f"{tasks}:3"]


def test_text_tables_and_explain_from_stdin(capsys, monkeypatch):
    good = [r for r in month_case()["records"] if r["event"]["id"] != "B1"]
    code, out, err = run(capsys, monkeypatch, ["assess", "-", "--period", "2026-11", "--at", AT,
                                               "--explain", "zhujian", "--lang", "zh"], stdin=records_jsonl(good))
    assert code == 0 and err == ""
    assert "【职能部门】" in out and "2/3 66.7%▼" in out  # numerator/denominator share, below its bar
    assert "黑榜：" in out and "区住房城乡建委（职能部门，59.7）" in out
    # 区应急管理局 is listed for its 应急哨 answered late (E1), whatever its score: the list says so
    assert "区应急管理局（职能部门，" in out and "，应急哨报到超时 1 次）" in out
    # the explained unit and its indicators by their names, not department:zhujian and reported_in,
    # each in the words of what counts for and against it; its ratings by score (4 and 2, by 棠香街道)
    assert "区住房城乡建委（zhujian）\n" in out and "报到及时率：按时报到 2（Z1、Z3）；超时或未报到 1（Z2）" in out
    assert "镇街评分：Z1 4 分、Z2 2 分" in out
    # each town's scoring of the departments it summoned, apart from the district's pooling
    assert "【镇街对部门评分" in out and "区住房城乡建委（棠香街道评）" in out
    assert "2 次评分均 3.0 分 50.0%" in out  # ratings 4 and 2: mean 3, share (3 − 1) / 4


def test_xlsx_and_html_written(capsys, monkeypatch, tmp_path):
    records, _ = _files(tmp_path)
    code, _, _ = run(capsys, monkeypatch, ["assess", records, "--period", "2026-Q4", "--at", AT,
                                           "--xlsx", str(tmp_path / "a.xlsx"), "--html", str(tmp_path / "a.html")])
    assert code == 2
    assert (tmp_path / "a.xlsx").stat().st_size > 0 and "<svg" in (tmp_path / "a.html").read_text("utf-8")


def test_a_workbook_in_a_missing_folder_is_refused_naming_it(capsys, monkeypatch, tmp_path):
    records, _ = _files(tmp_path)
    target = tmp_path / "no-such-folder" / "a.xlsx"
    code, _, err = run(capsys, monkeypatch, ["assess", records, "--period", "2026-Q4", "--at", AT,
                                             "--xlsx", str(target)])
    # said at the option, the folder named as what is missing (before any work: not "cannot write … no such file")
    assert code == 2 and "Traceback" not in err and f"--xlsx: the folder {target.parent} does not exist" in err
    assert not target.parent.exists()


def test_bad_period_is_bad_input(capsys, monkeypatch, tmp_path):
    records, _ = _files(tmp_path)
    code, out, err = run(capsys, monkeypatch, ["assess", records, "--period", "2026-13"])
    assert code == 2 and out == "" and "--period" in err and "Traceback" not in err


def test_a_line_that_is_not_json_is_one_error(capsys, monkeypatch):
    good = json.dumps(month_case()["records"][0], ensure_ascii=False)
    code, out, err = run(capsys, monkeypatch, ["assess", "-", "--period", "2026-11", "--at", AT, "--format", "json"],
                         stdin=good + "\n{not json\n")
    assert code == 2
    assert json.loads(out)["records"]["in_period"] == 1
    assert json.loads(err.splitlines()[0])["record"] == "<stdin>:2"


def test_route_record_is_not_late_for_what_falls_after_the_resolution(capsys, monkeypatch, tmp_path):
    record = {"event": {"id": "EV-1", "type": "MD02", "reported_at": "2026-11-25T09:30:00+08:00",
                        "grid": "tangxiang-heping-01"},
              "steps": [{"at": "2026-11-25T11:00:00+08:00", "kind": "resolved"},
                        {"at": "2026-11-25T12:00:00+08:00", "kind": "feedback"}]}
    path = tmp_path / "r.json"
    path.write_text(json.dumps(record), "utf-8")
    code, out, _ = run(capsys, monkeypatch, ["route", "--record", str(path), "--at", AT, "--format", "json"])
    assert code == 0 and json.loads(out)["flags"] == []
    # the same event routed plainly and checked as late is past all three deadlines
    event = tmp_path / "e.json"
    event.write_text(json.dumps(record["event"]), "utf-8")
    code, out, _ = run(capsys, monkeypatch, ["route", str(event), "--at", AT, "--format", "json"])
    assert [r["rule"] for r in json.loads(out)["reasons"]][-3:] == ["review.past_respond", "review.past_close",
                                                                   "review.past_feedback"]


FOLLOWED = """\
event: {id: EV-F1, type: 燃气隐患, reported_at: 2026-11-25T09:30:00+08:00, grid: 和平社区01网格}
steps:
  - {at: 2026-11-25T10:00:00+08:00, kind: 派单, level: 镇街, unit: 棠香街道}
  - {at: 2026-11-25T10:05:00+08:00, kind: 吹哨, departments: [住房城乡建委, 区公安局]}
  - {at: 2026-11-25T11:00:00+08:00, kind: 退哨, department: 住房城乡建委, reason: 不属本部门职责}
  - {at: 2026-11-25T12:00:00+08:00, kind: 响应, unit: 棠香街道}
"""


def test_route_record_says_where_the_event_stands_and_what_is_left_to_do(capsys, monkeypatch, tmp_path):
    # AQ03 is 较大, handled by the town (policy §6): respond within 24 h (11-26 09:30), feedback within 72 h
    # (11-28 09:30), close within 7 working days of Wed 11-25 (Thu 12-04 09:30); 日常哨's 报到 within 24 h
    # (11-26 10:05). At 12-02 10:00: responded in time, no feedback and past its limit, not closed yet,
    # 住建委 sent the whistle back, 公安局 never reported in -- and nothing resolved, so no 回访 yet.
    # What is left to do is the decision's next steps, in the order a fresh routing gives them: AQ03's
    # risk is high (risk.yaml), the whistle is blown (no new one asked), the town closes by 12-04 09:30
    # or reports up to the district; the feedback is late; the town's assessment scores the 回访.
    path = tmp_path / "r.yaml"
    path.write_text(FOLLOWED, "utf-8")
    code, out, _ = run(capsys, monkeypatch, ["route", "--record", str(path), "--at", "2026-12-02T10:00:00+08:00",
                                             "--lang", "zh"])
    assert code == 0
    progress = out[out.index("处置进度"):out.index("依据：")].splitlines()
    assert progress == [
        "处置进度（截至 2026-12-02 10:00）：",
        "  响应（棠香街道基层治理指挥中心）：2026-11-25 12:00 已完成，按时（时限 2026-11-26 09:30）",
        "  反馈群众：未完成，已超过时限 2026-11-28 09:30",
        "  办结：未完成，时限 2026-12-04 09:30",
        "  日常哨（2026-11-25 10:05）：区住房城乡建委 2026-11-25 11:00 退哨、区公安局 未报到（超过时限 2026-11-26 10:05）",
        "  回访：尚未回访",
        "下一步：",
        "  · 高风险：网格员立即上报，不得单独处置。",
        "  · 催 区公安局 立即报到（报到时限 2026-11-26 10:05 已过）。",
        "  · 区住房城乡建委 已退哨：仍需部门处置的，向应当处置的部门重新吹哨。",
        "  · 由棠香街道基层治理指挥中心（镇街）在 2026-12-04 09:30 前办结。",
        "  · 本级无法解决或到期未能办结的，向大足区综治中心（区）上报。",
        "  · 向群众反馈（2026-11-28 09:30 前，已超时，尽快）。",
        "  · 办结后回访群众，记下满意、基本满意或不满意。"]
    # the JSON stays the decision document
    code, out, _ = run(capsys, monkeypatch, ["route", "--record", str(path), "--at", "2026-12-02T10:00:00+08:00",
                                             "--format", "json"])
    assert "处置进度" not in out and json.loads(out)["event"] == "EV-F1"


LATE_EXTENSION = """\
event: {id: EV-L1, type: MD02, reported_at: 2026-11-25T09:30:00+08:00, grid: tangxiang-heping-01}
steps:
  - {at: 2026-11-25T10:00:00+08:00, kind: responded, unit: tangxiang-heping-01}
  - {at: 2026-11-30T09:31:00+08:00, kind: extended, until: 2026-12-04T18:00:00+08:00, approved_by: 棠香街道}
  - {at: 2026-12-03T10:00:00+08:00, kind: resolved}
"""


def test_route_record_says_where_a_late_extension_was_not_applied(capsys, monkeypatch, tmp_path):
    # close_by 11-30 09:30 (MD02: 3 working days from Wed 11-25 09:30); the 延期 of 09:31 (line 4, its
    # step at column 5) came after it: the decision keeps 11-30 09:30, and a note on stderr says why,
    # in text and JSON alike; the JSON on stdout is the decision document, as ever
    path = tmp_path / "r.yaml"
    path.write_text(LATE_EXTENSION, "utf-8")
    note = (f"{path}:4:5: 处置步骤（steps[1]）: 注意：这次延期在 2026-11-30T09:31:00+08:00 才记录，当时的办结时限 "
            "2026-11-30T09:30:00+08:00 已过，不挪动时限：延期至 2026-12-04T18:00:00+08:00 不采纳，办结按原时限判定")
    for fmt in ("text", "json"):
        code, out, err = run(capsys, monkeypatch, ["route", "--record", str(path), "--at", AT, "--format", fmt,
                                                   "--lang", "zh"])
        assert code == 0 and err.splitlines() == [note]
    assert json.loads(out)["deadlines"]["close_by"] == "2026-11-30T09:30:00+08:00"
    # in a batch, at the step's column on its line (line 2: the first is an extension made in time)
    record = yaml.load(LATE_EXTENSION, Loader=yaml.BaseLoader)  # every value a string, the moments as written
    in_time = dict(record, event=dict(record["event"], id="EV-L0"),
                   steps=[dict(record["steps"][1], at="2026-11-30T09:30:00+08:00")])
    line = json.dumps(record, ensure_ascii=False)
    batch = tmp_path / "r.jsonl"
    batch.write_text(json.dumps(in_time, ensure_ascii=False) + "\n" + line + "\n", "utf-8")
    code, out, err = run(capsys, monkeypatch, ["route", "--record", "--batch", str(batch), "--at", AT,
                                               "--format", "json"])
    column = line.index('{"at": "2026-11-30T09:31:00+08:00"') + 1
    assert code == 0 and [json.loads(x)["event"] for x in out.splitlines()] == ["EV-L0", "EV-L1"]
    assert err.splitlines() == [f"{batch}:2:{column}: steps[1]: note: this extension was recorded at "
                                "2026-11-30T09:31:00+08:00, after the closure limit 2026-11-30T09:30:00+08:00 had "
                                "passed, so it moves nothing: until 2026-12-04T18:00:00+08:00 is not applied, the "
                                "closure is judged by the limit it came after"]


def test_route_record_batch_bad_line(capsys, monkeypatch):
    good = json.dumps(month_case()["records"][0], ensure_ascii=False)
    bad = json.dumps({"event": {"id": "x", "type": "MD02", "reported_at": "2026-11-25T09:30:00+08:00",
                                "grid": "tangxiang-heping-01"},
                      "steps": [{"at": "2026-11-25T10:00:00+08:00", "kind": "revisit", "satisfaction": "satisfied"}]})
    code, out, _ = run(capsys, monkeypatch, ["route", "--record", "--batch", "-", "--at", AT, "--format", "json"],
                       stdin=good + "\n" + bad + "\n")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 2 and rows[0]["event"] == "H01"
    assert rows[1]["problems"][0]["field"] == "steps[0].kind"


def test_route_record_batch_bad_line_in_text_says_its_place_once(capsys, monkeypatch, tmp_path):
    """The line and the record's event id once, each problem at its column: not the file and line again."""
    bad = json.dumps({"event": {"id": "B3", "type": "MD99", "reported_at": "2026-11-02T09:00:00",
                                "grid": "tangxiang-heping-01"}, "steps": []})
    batch = tmp_path / "r.jsonl"
    batch.write_text(bad + "\n", "utf-8")
    code, out, _ = run(capsys, monkeypatch, ["route", "--record", "--batch", str(batch), "--at", AT, "--lang", "zh"])
    kind, moment = bad.index('"MD99"') + 1, bad.index('"2026-11-02T09:00:00"') + 1
    (line,) = out.splitlines()
    assert line.startswith(f"第1行（B3） 输入有误：第{kind}列 事件类型（event.type）: 找不到事件类型「MD99」；"
                           f"第{moment}列 上报时间（event.reported_at）: ")
    assert str(batch) not in line and code == 2


def test_a_pack_without_assessment_is_refused_plainly(capsys, monkeypatch, tmp_path, pack_copy):
    (pack_copy / "assessment.yaml").unlink()
    records, _ = _files(tmp_path)
    code, out, err = run(capsys, monkeypatch, ["assess", records, "--period", "2026-11", "--pack", str(pack_copy)])
    assert code == 2 and out == ""
    assert "no assessment.yaml" in err and "Traceback" not in err


def test_decisions_from_a_url(capsys, monkeypatch, tmp_path):
    """A real HTTP server on 127.0.0.1 serves the towns' tasks (bounded: one request, 10 s)."""
    import http.server
    import threading

    tasks = records_jsonl(month_case()["tasks"]).encode("utf-8")

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            self.send_response(200)
            self.send_header("Content-Type", "application/x-ndjson")
            self.end_headers()
            self.wfile.write(tasks)

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    server.timeout = 10
    thread = threading.Thread(target=server.handle_request, daemon=True)
    thread.start()
    try:
        records, _ = _files(tmp_path)
        url = f"http://127.0.0.1:{server.server_port}/tasks.jsonl"
        code, out, _ = run(capsys, monkeypatch, ["assess", records, "--period", "2026-11", "--at", AT,
                                                 "--decisions", url, "--format", "json"])
    finally:
        thread.join(10)
        server.server_close()
    town = next(u for u in json.loads(out)["levels"]["town"] if u["unit"] == "tangxiang")
    assert {f["indicator"]: (f["numerator"], f["denominator"]) for f in town["figures"]}[
        "no_unauthorized_assignment"] == (1, 2)


def test_an_unreachable_url_is_bad_input(capsys, monkeypatch, tmp_path):
    records, _ = _files(tmp_path)
    code, out, err = run(capsys, monkeypatch, ["assess", records, "--period", "2026-11", "--at", AT,
                                               "--decisions", "http://127.0.0.1:9/none.jsonl"])
    assert code == 2 and "--decisions" in err and "Traceback" not in err


def test_workers_give_the_same_json_and_progress_is_quiet_when_asked(capsys, monkeypatch, tmp_path):
    import gridrules.cli.progress as progress

    records, tasks = _files(tmp_path)
    args = ["assess", records, "--period", "2026-11", "--at", AT, "--decisions", tasks, "--format", "json"]
    one = run(capsys, monkeypatch, args)
    monkeypatch.setattr(progress, "EVERY", 0.0)  # a progress line after every shard
    code, out, err = run(capsys, monkeypatch, args + ["--workers", "2"])
    assert (code, json.loads(out)) == (one[0], json.loads(one[1]))
    shown = [line for line in err.splitlines() if line.startswith("assess")]
    assert shown and shown[-1].startswith("assess done: 17 records,") and shown[-1].count("1 errors") == 1
    assert [line for line in err.splitlines() if not line.startswith("assess")] == one[2].splitlines()
    code, out, err = run(capsys, monkeypatch, args + ["--workers", "2", "--quiet"])
    assert (code, out, err) == one


def test_explain_takes_a_units_chinese_name_or_short_form(capsys, monkeypatch):
    from assessdocs import month_case

    good = month_case()["records"]
    by_id = run(capsys, monkeypatch, ["assess", "-", "--period", "2026-11", "--at", AT, "--format", "json",
                                      "--explain", "zhujian", "--explain", "tangxiang"], stdin=records_jsonl(good))
    for names in (["区住房城乡建委", "棠香街道"], ["住房城乡建委", "棠香"]):
        by_name = run(capsys, monkeypatch, ["assess", "-", "--period", "2026-11", "--at", AT, "--format", "json",
                                            "--explain", names[0], "--explain", names[1]], stdin=records_jsonl(good))
        assert by_name[1] == by_id[1] and json.loads(by_id[1])["explain"]
    monkeypatch.setenv("GRIDRULES_LANG", "zh")
    code, _, err = run(capsys, monkeypatch, ["assess", "-", "--period", "2026-11", "--at", AT,
                                             "--explain", "没有这个单位"], stdin=records_jsonl(good))
    assert code == 2 and "--explain" in err and "找不到单位「没有这个单位」" in err
    # an id-shaped word may be a grid the records name without its registration: only when they do
    code, out, err = run(capsys, monkeypatch, ["assess", "-", "--period", "2026-11", "--at", AT,
                                               "--explain", "zhujan"], stdin=records_jsonl(good))
    assert (code, out) == (2, "") and "「zhujan」既不是规则包中的单位，这些记录也没有提到它" in err and "zhujian" in err
    unregistered = [dict(r, event=dict(r["event"], grid="x-07", town="tangxiang")) for r in good]
    code, out, err = run(capsys, monkeypatch, ["assess", "-", "--period", "2026-11", "--at", AT, "--format", "json",
                                               "--explain", "x-07"], stdin=records_jsonl(unregistered))
    assert "--explain" not in err  # (record 17 of this month is bad on purpose)
    assert any(unit.endswith(":x-07") for unit in json.loads(out)["explain"])


def test_progress_and_record_errors_in_chinese(capsys, monkeypatch, tmp_path):
    import gridrules.cli.progress as progress

    records, _ = _files(tmp_path)
    monkeypatch.setattr(progress, "EVERY", 0.0)
    monkeypatch.setenv("GRIDRULES_LANG", "zh")
    code, _, err = run(capsys, monkeypatch, ["assess", records, "--period", "2026-11", "--at", AT, "--workers", "2"])
    lines = err.splitlines()
    done = [line for line in lines if line.startswith("考核完成")]
    assert code == 2 and len(done) == 1 and done[0].startswith("考核完成：17 条记录，") and "有误 1 条" in done[0]
    (bad,) = [line for line in lines if not line.startswith("考核")]  # text output: the error as a readable line
    line = Path(records).read_text("utf-8").splitlines()[16]  # at the department's column (two workers)
    col = line.index('"zhujian"') + 1
    assert bad.startswith(f"{records}:17:{col}（B1）: ")
    assert "steps[0].department" in bad and not bad.isascii()


def test_a_steps_unknown_kind_is_one_chinese_error_at_its_line(capsys, monkeypatch):
    good = json.dumps(month_case()["records"][0], ensure_ascii=False)
    bad = json.dumps({"event": {"id": "Y5", "type": "MD02", "reported_at": "2026-11-02T09:00:00+08:00",
                                "grid": "tangxiang-heping-01"},
                      "steps": [{"at": "2026-11-02T10:00:00+08:00", "kind": "fedback"}]})
    code, _, err = run(capsys, monkeypatch, ["assess", "-", "--period", "2026-11", "--at", AT, "--lang", "zh"],
                       stdin=good + "\n" + bad + "\n")
    assert code == 2
    line = next(line for line in err.splitlines() if "Y5" in line)
    assert line.startswith("<stdin>:2")
    assert "步骤类型（steps[0].kind）: 没有「fedback」这一步骤类型，应为以下之一：派单（dispatched）、" in line
    assert "（是否指 反馈（feedback）？）" in line
    assert "Input tag" not in err


def _town_figure(out, indicator="no_unauthorized_assignment"):
    town = next(u for u in json.loads(out)["levels"]["town"] if u["unit"] == "tangxiang")
    return next((f["numerator"], f["denominator"]) for f in town["figures"] if f["indicator"] == indicator)


def test_decisions_take_a_task_or_a_task_with_its_decision(capsys, monkeypatch, tmp_path):
    records, _ = _files(tmp_path)
    patrol_task, approved_task = (t for t in sorted(month_case()["tasks"], key=lambda t: t["id"], reverse=True))
    assert patrol_task["id"] == "T-TX-2"  # 夜间巡逻: unlisted, no approval, assigned by the town -> 违规派单
    code, answer, _ = run(capsys, monkeypatch, ["check-task", "-", "--at", AT, "--format", "json"],
                          stdin=json.dumps(patrol_task, ensure_ascii=False))
    decisions = tmp_path / "d.jsonl"
    # T-TX-1 decided here (its temporary approval TX-2026-11 covers it: not unauthorized); T-TX-2 with
    # check-task's whole answer beside it: tangxiang has 2 assigned tasks, 1 without 违规派单
    decisions.write_text(records_jsonl([approved_task, {"task": patrol_task, "decision": json.loads(answer)}]), "utf-8")
    args = ["assess", records, "--period", "2026-11", "--at", AT, "--format", "json", "--decisions", str(decisions)]
    code, out, err = run(capsys, monkeypatch, args)
    assert _town_figure(out) == (1, 2) and str(decisions) not in err  # no line refused
    # a pair's flags are taken as given, not decided again
    decisions.write_text(records_jsonl([{"task": approved_task, "decision": {"flags": ["unauthorized_assignment"]}}]),
                         "utf-8")
    code, out, _ = run(capsys, monkeypatch, args)
    assert _town_figure(out) == (0, 1)


def test_a_task_given_again_counts_once_and_the_later_line_is_bad(capsys, monkeypatch, tmp_path):
    """Policy §7: 无违规派单 is over the town's tasks, each one case.  T-TX-1 is under its approval
    TX-2026-11 (not unauthorized), T-TX-2 (夜间巡逻) has nothing admitting it (unauthorized): 1 of 2,
    however often a task is given.  A later line under a task id already given is bad, named at its
    id and naming the line that gave it first -- whatever its shape, and whether its decision agrees
    (README's two shapes of T-TX-2) or not; the first line counts."""
    records, _ = _files(tmp_path)
    approved, patrol = sorted(month_case()["tasks"], key=lambda task: task["id"])
    assert (approved["id"], patrol["id"]) == ("T-TX-1", "T-TX-2")
    lines = [approved, patrol, {"task": patrol, "decision": {"flags": ["unlisted", "unauthorized_assignment"]}},
             {"task": patrol, "decision": {"flags": []}}]
    decisions = tmp_path / "d.jsonl"
    decisions.write_text(records_jsonl(lines), "utf-8")
    text = decisions.read_text("utf-8").splitlines()
    args = ["assess", records, "--period", "2026-11", "--at", AT, "--format", "json", "--explain", "tangxiang",
            "--decisions", str(decisions)]
    code, out, err = run(capsys, monkeypatch, args)
    assert code == 2 and _town_figure(out) == (1, 2)
    assert json.loads(out)["explain"]["town:tangxiang"]["no_unauthorized_assignment"] == [
        {"task": "T-TX-1", "on_time": True}, {"task": "T-TX-2", "on_time": False}]
    refused = [json.loads(x) for x in err.splitlines() if str(decisions) in x]
    assert [x["record"] for x in refused] == [f"{decisions}:3", f"{decisions}:4"]
    for number, line in zip((3, 4), refused):
        (problem,) = line["problems"]  # the task itself is good: only its id is a problem
        column = text[number - 1].index('"T-TX-2"') + 1
        assert (problem["field"], problem["line"], problem["col"]) == ("id", number, column)
        assert f"{decisions}:2" in problem["message"]
    # the same file given twice: still one case a task; its every line bad the second time
    code, out, err = run(capsys, monkeypatch, args + ["--decisions", str(decisions), "--lang", "zh"])
    assert code == 2 and _town_figure(out) == (1, 2)
    refused = [json.loads(x) for x in err.splitlines() if str(decisions) in x]
    assert [x["record"] for x in refused] == [f"{decisions}:{n}" for n in (3, 4, 1, 2, 3, 4)]
    assert refused[2]["problems"][0]["message"] == (
        "任务编号「T-TX-1」前面已给出：这一行本身已读过一次（同一个文件给了两次？），同一任务只计一次，这一行不计")
    assert refused[0]["problems"][0]["message"] == f"任务编号「T-TX-2」前面已给出（{decisions}:2）：同一任务只计一次，这一行不计"


def test_a_task_lines_problems_are_reported_at_once(capsys, monkeypatch, tmp_path):
    """A pair whose task is given again, naming an activity the pack lacks, and without its flags: the three on
    one error line, each at its place (the task's fields within the pair's task)."""
    records, _ = _files(tmp_path)
    task = month_case()["tasks"][0]
    again = json.dumps({"task": task | {"activities": ["nowhere"]}, "decision": {"flag": []}}, ensure_ascii=False)
    decisions = tmp_path / "d.jsonl"
    decisions.write_text(records_jsonl([task]) + again + "\n", "utf-8")
    code, _, err = run(capsys, monkeypatch, ["assess", records, "--period", "2026-11", "--at", AT, "--format", "json",
                                             "--decisions", str(decisions)])
    (line,) = [json.loads(x) for x in err.splitlines() if str(decisions) in x]
    found = {p["field"]: p["col"] for p in line["problems"]}
    assert code == 2 and line["record"] == f"{decisions}:2"
    assert found == {"id": again.index(f'"{task["id"]}"') + 1, "activities[0]": again.index('"nowhere"') + 1,
                     "decision.flags": again.index('{"flag"') + 1}


def test_check_tasks_answer_alone_is_refused_saying_what_a_line_holds(capsys, monkeypatch, tmp_path):
    records, tasks = _files(tmp_path)
    code, answers, _ = run(capsys, monkeypatch, ["check-task", tasks, "--batch", "--at", AT, "--format", "json"])
    decisions = tmp_path / "d.jsonl"
    decisions.write_text(answers, "utf-8")
    code, out, err = run(capsys, monkeypatch, ["assess", records, "--period", "2026-11", "--at", AT, "--lang", "zh",
                                               "--decisions", str(decisions)])
    refused = [line for line in err.splitlines() if str(decisions) in line]
    assert code == 2 and len(refused) == 2  # one line each, naming the line
    assert refused[0].startswith(f"{decisions}:1: 这一行是任务的判定结果（check-task 的输出），其中没有任务本身")
    assert '或 {"task": 任务, "decision": 它的判定结果}' in refused[0]
    assert "没有这个字段" not in err  # not a field-by-field refusal of a task


def test_a_bad_records_problems_are_at_their_fields_columns(capsys, monkeypatch):
    from assessdocs import month_case

    good = month_case()["records"][:1]
    again = json.dumps(good[0], ensure_ascii=False)  # its id again: held back, judged after the others
    broken = '{"event": {"id": "X"}, "steps": [{"kind": "fedback"}, {"kind": "feedback"}]}'
    stdin = records_jsonl(good) + '{"event": 1}\n' + broken + "\n" + again
    code, _, err = run(capsys, monkeypatch, ["assess", "-", "--period", "2026-11", "--at", AT, "--format", "json"],
                       stdin=stdin)
    lines = [json.loads(x) for x in err.splitlines() if x.startswith("{")]
    assert code == 2 and [x["record"] for x in lines] == ["<stdin>:2", "<stdin>:3", "<stdin>:4"]
    (problem,) = lines[0]["problems"]
    assert (problem["path"], problem["line"], problem["col"], problem["field"]) == ("<stdin>", 2, 11, "event")
    # a field's value at its first character; a missing field at the value that lacks it
    placed = {p["field"]: p["col"] for p in lines[1]["problems"]}
    assert placed["steps[0].kind"] == broken.index('"fedback"') + 1 == 43
    assert placed["event.type"] == broken.index('{"id"') + 1 == 11
    assert placed["steps[1].at"] == broken.index('{"kind": "feedback"') + 1 == 55
    repeated = lines[2]["problems"][0]
    assert repeated["field"] == "event.id" and repeated["col"] == again.index('"id": ') + 7


def _serve(answers: dict[str, tuple[int, bytes]]):
    """A server on 127.0.0.1 answering each path with (status, body); stopped by its caller."""
    import http.server
    import threading

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            status, body = answers.get(self.path, (404, b""))
            self.send_response(status)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return server


def test_a_url_that_cannot_be_read_says_why_in_chinese_naming_the_argument(capsys, monkeypatch, tmp_path):
    """Down, 404, not UTF-8: a reason in words, labelled RECORDS or --decisions as given (not Python's text)."""
    import socket

    with socket.socket() as probe:  # a port nothing listens on: the connection is refused
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    server = _serve({"/gbk.jsonl": (200, "{\"说明\": 1}\n".encode("gbk"))})
    base = f"http://127.0.0.1:{server.server_port}"
    records, _ = _files(tmp_path)
    try:
        said = {}
        for name, args in {
            "refused": [f"http://127.0.0.1:{closed}/x.jsonl"],
            "missing": [f"{base}/none.jsonl"],
            "gbk": [f"{base}/gbk.jsonl"],
            "decisions": [records, "--decisions", f"{base}/none.jsonl"],
        }.items():
            code, _, err = run(capsys, monkeypatch, ["assess", *args, "--period", "2026-11", "--at", AT, "--lang", "zh"])
            assert code == 2, err
            said[name] = err
    finally:
        server.shutdown()
        server.server_close()
    assert f"RECORDS: 无法读取 http://127.0.0.1:{closed}/x.jsonl：连接被拒绝" in said["refused"], said["refused"]
    assert "RECORDS: 无法读取" in said["missing"] and "服务器上没有这个文件（HTTP 404）" in said["missing"], said["missing"]
    assert "RECORDS: 无法读取" in said["gbk"] and "第 1 行不是 UTF-8 文本（第 5 个字节）" in said["gbk"], said["gbk"]
    assert "--decisions: 无法读取" in said["decisions"] and "HTTP 404" in said["decisions"], said["decisions"]
    for name, err in said.items():
        assert "Errno" not in err and "Error" not in err and "codec" not in err, err
        assert name == "decisions" or "--decisions" not in err, err


def test_a_scheduler_that_cannot_be_reached_or_is_malformed_is_bad_input(capsys, monkeypatch, tmp_path):
    """Not an unexpected error (exit 3 with dask's English): a reason naming --scheduler, exit 2."""
    import socket

    import gridrules.assess.parallel as parallel

    monkeypatch.setattr(parallel, "SCHEDULER_TIMEOUT", 1, raising=False)  # seconds dask tries to connect
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    records, _ = _files(tmp_path)
    code, _, err = run(capsys, monkeypatch, ["assess", records, "--period", "2026-11", "--at", AT, "--lang", "zh",
                                             "--scheduler", f"tcp://127.0.0.1:{closed}"])
    assert code == 2, err
    assert f"--scheduler: 连不上 Dask 调度器 tcp://127.0.0.1:{closed}（1 秒内没有连上）" in err, err
    code, _, err = run(capsys, monkeypatch, ["assess", records, "--period", "2026-11", "--at", AT, "--lang", "zh",
                                             "--scheduler", "tcp://127.0.0.1"])
    assert code == 2, err
    assert "--scheduler: 地址不对（tcp://127.0.0.1）：应写成 tcp://主机:端口" in err, err
    assert "程序缺陷" not in err and "Error" not in err


def test_a_bad_decisions_lines_problems_are_at_their_fields_columns(capsys, monkeypatch, tmp_path):
    records, _ = _files(tmp_path)
    task = month_case()["tasks"][0]
    alone = json.dumps(task | {"department": "nowhere"}, ensure_ascii=False)
    paired = json.dumps({"decision": {"flags": []}, "task": task | {"assignee": "nobody"}}, ensure_ascii=False)
    decisions = tmp_path / "d.jsonl"
    decisions.write_text(alone + "\n" + paired + "\n", "utf-8")
    code, _, err = run(capsys, monkeypatch, ["assess", records, "--period", "2026-11", "--at", AT, "--format", "json",
                                             "--decisions", str(decisions)])
    found = {(p["line"], p["field"]): p["col"] for x in err.splitlines() if x.startswith("{")
             for p in json.loads(x)["problems"] if p["path"] == str(decisions)}
    assert found[(1, "department")] == alone.index('"nowhere"') + 1
    assert found[(2, "assignee")] == paired.index('"nobody"') + 1  # the task's field, within the pair


def test_several_problems_of_a_record_each_keep_their_column_in_text(capsys, monkeypatch):
    bad = json.dumps({"event": {"id": "X", "type": "MD02", "reported_at": "2026-11-02T09:00:00+08:00",
                                "grid": "tangxiang-heping-01"},
                      "steps": [{"at": "2026-11-02T10:00:00+08:00", "kind": "dispatched", "unit": "唐巷镇 X"}]},
                     ensure_ascii=False)
    code, _, err = run(capsys, monkeypatch, ["assess", "-", "--period", "2026-11", "--at", AT, "--lang", "zh"],
                       stdin=bad + "\n")
    line = next(x for x in err.splitlines() if "（X）" in x)
    level, unit = bad.index('{"at"') + 1, bad.index('"唐巷镇 X"') + 1  # the step lacks its level; the unit names none
    # the record's place said once: at its leftmost problem's line:col, then its id; the next problem by its column
    assert line == (f"<stdin>:1:{level}（X）: 层级（steps[0].level）: 缺少必填字段; 第{unit}列 "
                    "单位（steps[0].unit）: 找不到单位「唐巷镇 X」")
    assert code == 2


def test_a_records_problems_are_said_left_to_right_with_the_place_once(capsys, monkeypatch, tmp_path):
    """Two problems of one record (an unknown type at the event, a time without offset): the file and line
    once, at the leftmost problem's column, whatever order the model found them in."""
    bad = json.dumps({"event": {"id": "B3", "type": "MD99", "reported_at": "2026-11-02T09:00:00",
                                "grid": "tangxiang-heping-01"}, "steps": []})
    path = tmp_path / "bad.jsonl"
    path.write_text(bad + "\n", "utf-8")
    code, _, err = run(capsys, monkeypatch, ["assess", str(path), "--period", "2026-11", "--at", AT, "--lang", "zh"])
    line = next(x for x in err.splitlines() if "（B3）" in x)
    kind, moment = bad.index('"MD99"') + 1, bad.index('"2026-11-02T09:00:00"') + 1
    assert line.startswith(f"{path}:1:{kind}（B3）: 事件类型（event.type）: 找不到事件类型「MD99」; 第{moment}列 上报时间（event.reported_at）: ")
    assert line.count(str(path)) == 1 and code == 2


BAD_RECORD = """\
event: {id: EV-B1, type: MD99, reported_at: 2026-11-25T09:30:00+08:00, grid: tangxiang-heping-01}
steps:
  - {at: x, kind: feedback}
  - {at: 2026-11-25T10:00:00+08:00, kind: whistle, departments: [区不存在局]}
"""


def test_a_bad_records_every_problem_is_said_at_once_each_at_its_place(capsys, monkeypatch, tmp_path):
    """An event type the pack lacks, a step time that is none and a department no name of the pack's
    fits: the three at once (not the time alone, then the rest once it is mended), in assess as in
    route --record, each at its field's line and column."""
    path = tmp_path / "r.yaml"
    path.write_text(BAD_RECORD, "utf-8")
    code, out, err = run(capsys, monkeypatch, ["route", "--record", str(path), "--at", AT, "--lang", "zh"])
    assert code == 2 and out == ""
    lines = BAD_RECORD.splitlines()
    assert f"{path}:1:{lines[0].index('MD99') + 1}: 事件类型（event.type）: 找不到事件类型「MD99」" in err
    assert f"{path}:3:5: 时间（steps[0].at）: 应为带时区的日期时间" in err
    assert f"{path}:4:{lines[3].index('区不存在局') + 1}: 部门（steps[1].departments[0]）: 找不到部门「区不存在局」" in err
    assert "应为编号" not in err  # the name named nothing: not also refused as no id
    record = yaml.safe_load(BAD_RECORD)
    record["event"]["reported_at"] = record["event"]["reported_at"].isoformat()
    record["steps"][1]["at"] = record["steps"][1]["at"].isoformat()
    text = json.dumps(record, ensure_ascii=False)
    code, _, err = run(capsys, monkeypatch, ["assess", "-", "--period", "2026-11", "--at", AT, "--format", "json"],
                       stdin=text + "\n")
    (line,) = [json.loads(x) for x in err.splitlines() if x.startswith("{")]
    assert code == 2 and line["record"] == "<stdin>:1" and line["event"] == "EV-B1"
    assert {p["field"]: p["col"] for p in line["problems"]} == {
        "event.type": text.index('"MD99"') + 1, "steps[0].at": text.index('"x"') + 1,
        "steps[1].departments[0]": text.index('"区不存在局"') + 1}


def test_a_record_refused_at_the_json_level_is_named_by_its_event_id(capsys, monkeypatch):
    """NaN and a key twice are refused before the record is read; its error line still names the
    event the line spells (read only to name it)."""
    good = month_case()["records"][0]
    bad = json.dumps(good, ensure_ascii=False).replace('"id": "' + good["event"]["id"] + '"', '"id": "B02"', 1)
    bad = bad[:-1] + ', "note": NaN}'
    code, _, err = run(capsys, monkeypatch, ["assess", "-", "--period", "2026-11", "--at", AT, "--format", "json"],
                       stdin=bad + "\n")
    (line,) = [json.loads(x) for x in err.splitlines() if x.startswith("{")]
    assert code == 2 and line["event"] == "B02" and line["problems"][0]["field"] == "note"


def test_explain_lists_a_towns_tasks_and_a_departments_ratings(capsys, monkeypatch, tmp_path):
    """棠香街道's 无违规派单率 is 1/2 (rules/cases/assessment/2026-11.yaml): T-TX-1 under its 专题研究,
    T-TX-2 with nothing admitting it; 区住房城乡建委 was rated 4 (Z1) and 2 (Z2)."""
    records, tasks = _files(tmp_path)
    code, out, _ = run(capsys, monkeypatch, ["assess", records, "--period", "2026-11", "--at", AT, "--decisions", tasks,
                                             "--format", "json", "--explain", "tangxiang", "--explain", "zhujian"])
    doc = json.loads(out)
    assert doc["explain"]["town:tangxiang"]["no_unauthorized_assignment"] == [
        {"task": "T-TX-1", "on_time": True}, {"task": "T-TX-2", "on_time": False}]
    assert doc["explain"]["department:zhujian"]["rating"] == [{"event": "Z1", "score": 4}, {"event": "Z2", "score": 2}]
    code, out, _ = run(capsys, monkeypatch, ["assess", records, "--period", "2026-11", "--at", AT, "--decisions", tasks,
                                             "--explain", "tangxiang", "--lang", "zh"])
    assert "无违规派单率：合规派单 1（T-TX-1）；违规派单 1（T-TX-2）" in out


def test_an_escalation_that_skips_a_level_is_at_its_levels_column(capsys, monkeypatch, tmp_path):
    # refused while the steps are judged (only routing knows the level MD02 starts at: grid), not while
    # validated: placed at its field's column all the same, in assess and route --record alike
    record = {"event": {"id": "EV-S1", "type": "MD02", "reported_at": "2026-11-25T09:30:00+08:00",
                        "grid": "tangxiang-heping-01"},
              "steps": [{"at": "2026-11-25T10:00:00+08:00", "kind": "escalated", "level": "town",
                         "reason": "unresolved"}]}
    line = json.dumps(record)
    col = line.index('"town"') + 1
    path = tmp_path / "r.jsonl"
    path.write_text(line + "\n", "utf-8")
    code, _, err = run(capsys, monkeypatch, ["assess", str(path), "--period", "2026-11", "--at", AT])
    assert code == 2 and f"{path}:1:{col}（EV-S1）: " in err and "steps[0].level" in err
    code, _, err = run(capsys, monkeypatch, ["assess", str(path), "--period", "2026-11", "--at", AT,
                                             "--format", "json"])
    (problem,) = json.loads(next(x for x in err.splitlines() if x.startswith("{")))["problems"]
    assert (problem["path"], problem["line"], problem["col"], problem["field"]) == (str(path), 1, col,
                                                                                   "steps[0].level")
    code, out, _ = run(capsys, monkeypatch, ["route", "--record", "--batch", str(path), "--at", AT, "--format", "json"])
    (problem,) = json.loads(out)["problems"]
    assert code == 2 and (problem["line"], problem["col"]) == (1, col)
    single = tmp_path / "r.yaml"
    single.write_text("event: {id: EV-S1, type: MD02, reported_at: '2026-11-25T09:30:00+08:00', "
                      "grid: tangxiang-heping-01}\nsteps:\n"
                      "  - {at: '2026-11-25T10:00:00+08:00', kind: escalated, level: town, reason: unresolved}\n",
                      "utf-8")
    code, _, err = run(capsys, monkeypatch, ["route", "--record", str(single), "--at", AT])
    # after '  - {at: ' 9, the quoted moment 27, ', kind: escalated, ' 19 and 'level: ' 7: column 63
    assert code == 2 and f"{single}:3:63: " in err


def test_records_of_another_pack_are_named_by_their_events(capsys, monkeypatch, tmp_path):
    # seven resolved MD02 records; all but the fourth carry another pack's digest: six flagged, the first
    # five (in record order) named in the text and the JSON, the sixth only counted
    lines = []
    for i in range(7):
        record = {"event": {"id": f"EV-D{i}", "type": "MD02", "reported_at": "2026-11-25T09:30:00+08:00",
                            "grid": "tangxiang-heping-01"},
                  "steps": [{"at": "2026-11-25T10:00:00+08:00", "kind": "resolved"}]}
        if i != 3:
            record["digest"] = "sha256:" + "0" * 64
        lines.append(json.dumps(record))
    path = tmp_path / "r.jsonl"
    path.write_text("\n".join(lines[::-1]) + "\n", "utf-8")  # EV-D6 on line 1 … EV-D0 on line 7
    code, out, _ = run(capsys, monkeypatch, ["assess", str(path), "--period", "2026-11", "--at", AT, "--lang", "zh"])
    assert code == 0 and "，规则包摘要不符 6 条（EV-D6、EV-D5、EV-D4、EV-D2、EV-D1 等）" in out.splitlines()[1]
    code, out, _ = run(capsys, monkeypatch, ["assess", str(path), "--period", "2026-11", "--at", AT,
                                             "--format", "json", "--workers", "2"])
    named = json.loads(out)["records"]["digest_mismatch_named"]
    assert named == [{"record": f"{path}:{n}", "event": f"EV-D{7 - n}"} for n in (1, 2, 3, 5, 6)]
    path.write_text("\n".join(lines[:3]) + "\n", "utf-8")  # all named: no 等
    code, out, _ = run(capsys, monkeypatch, ["assess", str(path), "--period", "2026-11", "--at", AT, "--lang", "zh"])
    assert "，规则包摘要不符 3 条（EV-D0、EV-D1、EV-D2）" in out.splitlines()[1]


def test_records_routed_by_an_earlier_version_of_the_pack_are_counted_by_version_not_as_another_pack(
        capsys, monkeypatch, tmp_path, terms_root):
    # a review: after an approval (a new version, a new digest) a month's records all read 规则包摘要不符, as if
    # another pack had routed them.  The terms pack's history: 1.0.0 (the bundled pack as published) ->
    # 1.1.0 -> 1.2.0 -> 1.3.0 (now); records carrying 1.1.0's digest, the bundled pack's (its 1.0.0) and
    # another pack's
    from gridrules.engine.loading import load_pack as load

    changes = load(terms_root).history.changes
    digests = [changes[1].previous_digest] * 3 + [load(None).digest] * 2 + ["sha256:" + "0" * 64]
    assert changes[1].previous_version == "1.1.0" and changes[0].previous_digest == load(None).digest
    lines = [json.dumps({"event": {"id": f"EV-V{i}", "type": "MD02", "reported_at": "2026-11-25T09:30:00+08:00",
                                   "grid": "tangxiang-heping-01"},
                         "steps": [{"at": "2026-11-25T10:00:00+08:00", "kind": "resolved"}], "digest": digest})
             for i, digest in enumerate(digests)]
    path = tmp_path / "r.jsonl"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    args = ["assess", str(path), "--period", "2026-11", "--at", AT, "--pack", str(terms_root)]
    code, out, _ = run(capsys, monkeypatch, args + ["--lang", "zh"])
    summary = out.splitlines()[1]
    assert code == 0 and "按本规则包较早的版本分流：1.0.0 版 2 条、1.1.0 版 3 条（已按当前版本判定）" in summary
    assert "规则包摘要不符 1 条（EV-V5）" in summary
    code, out, _ = run(capsys, monkeypatch, args + ["--format", "json", "--workers", "2"])
    records = json.loads(out)["records"]
    assert records["digest_earlier"] == {"1.0.0": 2, "1.1.0": 3} and records["digest_mismatch"] == 1
    from datetime import datetime

    from gridrules import Checker
    from gridrules.contract.lifecycle import LifecycleRecord

    lifecycle = Checker(load(terms_root)).lifecycle
    judged = [lifecycle.judge(LifecycleRecord.model_validate_json(line), datetime.fromisoformat(AT)) for line in lines]
    assert [(j.digest_mismatch, j.digest_version) for j in judged[2:]] == [
        (False, "1.1.0"), (False, "1.0.0"), (False, "1.0.0"), (True, None)]


def test_records_with_a_late_extension_are_named_by_their_events(capsys, monkeypatch, tmp_path):
    # seven MD02 records reported Wed 11-25 09:30 (close_by Mon 11-30 09:30) and resolved 12-03; all but
    # the fourth had their 延期 recorded at 11-30 10:00, after the limit (not applied: closed late); the
    # fourth's, of 11-27, moved it.  Six counted, the first five (in record order) named in the text and
    # the JSON, the sixth only counted
    lines = []
    for i in range(7):
        extended = "2026-11-27T10:00:00+08:00" if i == 3 else "2026-11-30T10:00:00+08:00"
        record = {"event": {"id": f"EV-E{i}", "type": "MD02", "reported_at": "2026-11-25T09:30:00+08:00",
                            "grid": "tangxiang-heping-01"},
                  "steps": [{"at": extended, "kind": "extended", "until": "2026-12-04T18:00:00+08:00",
                             "approved_by": "棠香街道"},
                            {"at": "2026-12-03T10:00:00+08:00", "kind": "resolved"}]}
        lines.append(json.dumps(record, ensure_ascii=False))
    path = tmp_path / "r.jsonl"
    path.write_text("\n".join(lines[::-1]) + "\n", "utf-8")  # EV-E6 on line 1 … EV-E0 on line 7
    code, out, _ = run(capsys, monkeypatch, ["assess", str(path), "--period", "2026-11", "--at", AT, "--lang", "zh"])
    assert code == 0 and out.splitlines()[1].endswith(
        "，本期有 6 条记录的延期在办结时限过后才记录、未挪动时限（按原时限判定）（EV-E6、EV-E5、EV-E4、EV-E2、EV-E1 等）"
        "，未提供镇街派单记录（--decisions），无违规派单率未计入各镇街得分")  # no --decisions: said last
    for workers in ("1", "2"):
        code, out, _ = run(capsys, monkeypatch, ["assess", str(path), "--period", "2026-11", "--at", AT,
                                                 "--format", "json", "--workers", workers])
        doc = json.loads(out)
        assert doc["records"]["late_extension"] == 6
        assert doc["records"]["late_extension_named"] == [{"record": f"{path}:{n}", "event": f"EV-E{7 - n}"}
                                                          for n in (1, 2, 3, 5, 6)]
    path.write_text("\n".join(lines[:3]) + "\n", "utf-8")  # all named: no 等
    code, out, _ = run(capsys, monkeypatch, ["assess", str(path), "--period", "2026-11", "--at", AT, "--lang", "zh"])
    assert "，本期有 3 条记录的延期在办结时限过后才记录、未挪动时限（按原时限判定）（EV-E0、EV-E1、EV-E2）" in out.splitlines()[1]


def test_towns_and_departments_without_events_are_listed_saying_so(capsys, monkeypatch, tmp_path):
    # one resolved MD02 event in 棠香街道's 和平社区01网格: the district's 27 towns and 22 departments
    # (policy §1) are all listed; the 26 other towns and every department (none was summoned) with no
    # event in the period: no score, on no list, no budget advice
    record = {"event": {"id": "EV-T1", "type": "MD02", "reported_at": "2026-11-25T09:30:00+08:00",
                        "grid": "tangxiang-heping-01"},
              "steps": [{"at": "2026-11-25T10:00:00+08:00", "kind": "feedback"},
                        {"at": "2026-11-25T11:00:00+08:00", "kind": "resolved"}]}
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps(record) + "\n", "utf-8")
    answers = []
    for how in ([], ["--workers", "2"]):
        code, out, _ = run(capsys, monkeypatch, ["assess", str(path), "--period", "2026-11", "--at", AT,
                                                 "--format", "json", *how])
        assert code == 0
        answers.append(json.loads(out))
    assert answers[0] == answers[1]
    doc = answers[0]
    towns, departments = doc["levels"]["town"], doc["levels"]["department"]
    assert len(towns) == 27 and len(departments) == 22
    assert [u["unit"] for u in towns if not u["no_events"]] == ["tangxiang"]
    tangxiang = next(u for u in towns if u["unit"] == "tangxiang")
    assert (tangxiang["events"], tangxiang["score_shown"]) == (1, "100.0")  # feedback 1/1, resolved within 1/1
    for unit in [u for u in towns if u["unit"] != "tangxiang"] + departments:
        assert unit["no_events"] and (unit["events"], unit["cases"], unit["score"], unit["list"]) == (0, 0, None, None)
        assert not unit["budget_cut_advised"] and all(f["share"] is None for f in unit["figures"])
    assert (doc["red"], doc["black"], doc["budget_advice"]) == ([], [], [])
    baoding = next(u for u in towns if u["unit"] == "baoding")
    assert baoding["name"] == "宝顶镇"
    html, xlsx = tmp_path / "r.html", tmp_path / "r.xlsx"
    code, out, _ = run(capsys, monkeypatch, ["assess", str(path), "--period", "2026-11", "--at", AT, "--lang", "zh",
                                             "--html", str(html), "--xlsx", str(xlsx)])
    (row,) = [line for line in out.splitlines() if line.startswith("宝顶镇")]
    assert re.search(r"\s—\s+本期无计入的事件\s", row) and "100.0" not in row  # no score (—), the reason beside it
    # its row: the score's cell empty, the reason in the next
    assert re.search(r">宝顶镇</td>(<td[^>]*>[^<]*</td>)*<td></td><td>本期无计入的事件</td>", html.read_text("utf-8"))
    assert "棠香街道 镇街按时办结率" in html.read_text("utf-8")  # the trend's towns are towns with events
    from openpyxl import load_workbook

    sheet = load_workbook(xlsx)["镇街"]
    header = [c.value for c in sheet[1]]
    (cells,) = [dict(zip(header, (c.value for c in r))) for r in sheet.iter_rows() if r[1].value == "baoding"]
    assert (cells["单位"], cells["事件"], cells["得分"], cells["说明"]) == ("宝顶镇", 0, None, "本期无计入的事件")


def _typos() -> str:
    """Two records with typo'd keys (evnet, step) and a line that is not JSON: every one bad."""
    good = month_case()["records"][0]
    typo = {"evnet": good["event"], "steps": good["steps"]}
    other = {"event": dict(good["event"], id="T2"), "step": good["steps"]}
    return records_jsonl([typo, other]) + "{not json\n"


def test_records_all_bad_give_no_scorecard_only_the_errors(capsys, monkeypatch, tmp_path):
    """A scorecard of nothing (every unit "no events", no list) looks like a result: when every record
    read was bad, stdout is empty, no workbook or HTML is written, and stderr says first that none was
    counted, then each bad record -- in one process and with workers alike."""
    path = tmp_path / "typos.jsonl"
    path.write_text(_typos(), "utf-8")
    html, xlsx = tmp_path / "a.html", tmp_path / "a.xlsx"
    for how in ([], ["--workers", "2"], ["--format", "json"]):
        code, out, err = run(capsys, monkeypatch, ["assess", str(path), "--period", "2026-11", "--at", AT,
                                                   "--html", str(html), "--xlsx", str(xlsx), "--lang", "zh", *how])
        lines = err.splitlines()
        assert code == 2 and out == "", how
        assert lines[0] == "gridrules: 读取的 3 条记录全部有误，没有一条计入：不给出考核结果（评分、红黑榜），请改正以下各条后重新考核"
        named = [json.loads(x)["record"] for x in lines[1:]] if "json" in how else [
            x[:len(f"{path}:1")] for x in lines[1:]]
        assert named == [f"{path}:1", f"{path}:2", f"{path}:3"]
        assert not html.exists() and not xlsx.exists()
    # one good record among them: scored as before, the bad ones said after
    good = records_jsonl(month_case()["records"][:1])
    code, out, err = run(capsys, monkeypatch, ["assess", "-", "--period", "2026-11", "--at", AT, "--format", "json"],
                         stdin=_typos() + good)
    assert code == 2 and json.loads(out)["records"]["errors"] == 3 and len(err.splitlines()) == 3


def test_a_workbook_or_a_pdf_is_refused_as_a_whole_naming_what_it_is(capsys, monkeypatch, tmp_path):
    """An exported 清单.xlsx (a zip) or a PDF given as records is no text: refused before any record is
    read, named for what it is (not "not UTF-8 ... GBK?" line by line), every such file at once, on
    every path; no scorecard."""
    from openpyxl import Workbook

    book, pdf, good = tmp_path / "清单.xlsx", tmp_path / "r.pdf", tmp_path / "good.jsonl"
    sheet = Workbook()
    sheet.active.append(["事件编号", "类型"])
    sheet.save(book)
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    good.write_text(records_jsonl(month_case()["records"][:3]), "utf-8")
    for how in ([], ["--workers", "2"]):
        code, out, err = run(capsys, monkeypatch, ["assess", str(good), str(book), str(pdf), "--period", "2026-11",
                                                   "--at", AT, "--lang", "zh", *how])
        assert code == 2 and out == "" and "Traceback" not in err
        assert f"{book}: 这是 Excel 工作簿（.xlsx）" in err and f"{pdf}: 这是 PDF 文件，不是文本" in err
        assert "UTF-8 文本（第" not in err and "GBK" not in err and f"{good}" not in err
        # what assess reads, not "YAML or JSON text" (which it refuses)
        assert err.count("assess 读的是 JSON Lines") == 2 and "YAML 或 JSON 文本" not in err, err
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(book.read_bytes())))
    code, out, err = run(capsys, monkeypatch, ["assess", "-", "--period", "2026-11", "--at", AT])
    assert code == 2 and out == "" and "<stdin>: an Excel workbook (.xlsx)" in err


def test_a_workbook_at_a_url_is_named_for_what_it_is(capsys, monkeypatch, tmp_path):
    server = _serve({"/r.xlsx": (200, b"PK\x03\x04\x14\x00\x06\x00\x08\x00\xff\xfe")})
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/r.xlsx"
        code, out, err = run(capsys, monkeypatch, ["assess", url, "--period", "2026-11", "--at", AT, "--lang", "zh"])
    finally:
        server.shutdown()
    assert code == 2 and out == ""
    assert f"无法读取 {url}：这是 Excel 工作簿（.xlsx）" in err and "字节" not in err  # not at a byte, as text


def test_the_last_progress_line_counts_the_errors_the_summary_does(capsys, monkeypatch, tmp_path):
    """A record whose event id another record has is held back and judged after every shard: its error
    is in the summary (text, JSON records.errors), and so in the last progress line -- a review found
    「考核完成：…有误 96 条」 on stderr beside 97 in the summary."""
    import gridrules.cli.progress as progress

    good = month_case()["records"][:4]
    again = dict(good[1], event=dict(good[1]["event"]))  # the second record's event id again: bad, held
    path = tmp_path / "r.jsonl"
    path.write_text(records_jsonl(good + [again]), "utf-8")
    monkeypatch.setattr(progress, "EVERY", 0.0)  # a progress line after every shard
    for how in ([], ["--workers", "2"]):
        code, out, err = run(capsys, monkeypatch, ["assess", str(path), "--period", "2026-11", "--at", AT,
                                                   "--format", "json", "--lang", "zh", *how])
        assert code == 2 and json.loads(out)["records"]["errors"] == 1 and json.loads(out)["records"]["read"] == 5
        done = [line for line in err.splitlines() if line.startswith("考核完成")]
        assert len(done) == 1 and done[0].startswith("考核完成：5 条记录，") and "有误 1 条" in done[0], err
