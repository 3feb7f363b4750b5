"""``gridrules assess`` given files it cannot score -- a file with no record, YAML records -- and the
units it lists whatever the records hold (every registered community; each town's scoring only of the
departments it summoned)."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import yaml

from assessdocs import month_case, records_jsonl
from clirun import run

AT = "2026-12-20T10:00:00+08:00"
ASSESS = ["--period", "2026-11", "--at", AT]
NO_RECORD = " 里没有一条记录（文件是空的，或只有空行）"


def test_a_records_file_with_no_record_gives_no_scorecard_naming_the_file(capsys, monkeypatch, tmp_path):
    """An empty export or the wrong file (no byte, or blank lines only) is the mistake "every record bad"
    is: no scorecard of nothing -- stderr names the file, stdout is empty, nothing written, exit 2 -- on
    every path (one process, workers, stdin)."""
    blank, empty = tmp_path / "blank.jsonl", tmp_path / "empty.jsonl"
    blank.write_text("\n  \n\n", "utf-8")
    empty.write_bytes(b"")
    html, xlsx = tmp_path / "a.html", tmp_path / "a.xlsx"
    for files in ([blank], [empty], [blank, empty]):
        for how in ([], ["--workers", "2"], ["--format", "json"]):
            code, out, err = run(capsys, monkeypatch, ["assess", *map(str, files), *ASSESS, "--lang", "zh",
                                                       "--html", str(html), "--xlsx", str(xlsx), *how])
            assert code == 2 and out == "" and "Traceback" not in err, (files, how)
            for path in files:  # each named, once
                assert err.count(f"{path}{NO_RECORD}") == 1, err
            assert not html.exists() and not xlsx.exists()
    code, out, err = run(capsys, monkeypatch, ["assess", "-", *ASSESS, "--lang", "zh"], stdin="\n")
    assert code == 2 and out == "" and f"<stdin>{NO_RECORD}" in err


def test_one_of_several_files_with_no_record_is_said_and_the_rest_are_scored(capsys, monkeypatch, tmp_path):
    """Several files where one holds no record: a warning naming it (stderr, and the summary every output
    says: JSON records.empty_files, the text's 记录 line), the scores those of the other files alone."""
    good, blank = tmp_path / "good.jsonl", tmp_path / "blank.jsonl"
    good.write_text(records_jsonl(month_case()["records"][:4]), "utf-8")
    blank.write_text("\n\n", "utf-8")
    code, alone, _ = run(capsys, monkeypatch, ["assess", str(good), *ASSESS, "--format", "json"])
    assert code == 0
    for how in ([], ["--workers", "2"]):
        code, out, err = run(capsys, monkeypatch, ["assess", str(blank), str(good), *ASSESS, "--format", "json",
                                                   "--lang", "zh", *how])
        assert code == 0 and err.count(f"注意：{blank}{NO_RECORD}，考核只按其余文件计") == 1, err
        doc, expected = json.loads(out), json.loads(alone)
        assert doc["records"]["empty_files"] == [str(blank)] and expected["records"]["empty_files"] == []
        assert doc["levels"] == expected["levels"] and doc["records"]["read"] == 4
    code, out, _ = run(capsys, monkeypatch, ["assess", str(good), str(blank), *ASSESS, "--lang", "zh"])
    assert code == 0 and f"记录 4 条：本期 4 条，有误 0 条，{blank} 里没有一条记录（未计入）" in out.splitlines()[1]


def _yaml_records(tmp_path):
    """The month's first three records as a YAML list and as ---separated documents (route --record's form)."""
    records = month_case()["records"][:3]
    listed, documents = tmp_path / "list.yaml", tmp_path / "docs.yml"
    listed.write_text("# 三条记录\n" + yaml.safe_dump(records, allow_unicode=True), "utf-8")
    documents.write_text(yaml.safe_dump_all(records, allow_unicode=True, explicit_start=True), "utf-8")
    return records, listed, documents


def test_yaml_records_are_refused_once_a_file_saying_how_to_convert(capsys, monkeypatch, tmp_path):
    """YAML records (a list, or documents after ---) are named as YAML once for the file -- not "not
    JSON" on every line -- with a command that converts them; the converted file is assessed as the same
    records given as JSON Lines are."""
    records, listed, documents = _yaml_records(tmp_path)
    lines = tmp_path / "r.jsonl"
    lines.write_text(records_jsonl(records), "utf-8")
    for how in ([], ["--workers", "2"]):
        code, out, err = run(capsys, monkeypatch, ["assess", str(lines), str(listed), str(documents), *ASSESS,
                                                   "--lang", "zh", *how])
        assert code == 2 and out == "" and "Traceback" not in err
        for path in (listed, documents):
            assert err.count(f"{path}: 这是 YAML 格式的记录") == 1, err
        assert "JSON" not in err.replace("JSON Lines", "").replace("json.dumps", "").replace("一行 JSON", "")
        assert f"{lines}" not in err
    code, expected, _ = run(capsys, monkeypatch, ["assess", str(lines), *ASSESS, "--format", "json"])
    assert code == 0
    for path in (listed, documents):
        code, _, err = run(capsys, monkeypatch, ["assess", str(path), *ASSESS, "--lang", "zh"])
        (command,) = re.findall(r"例如：(python -c .*)$", err.strip())
        converted = path.with_suffix(".jsonl")
        subprocess.run(command.replace("python", f'"{sys.executable}"', 1), shell=True, check=True, cwd=tmp_path)
        code, out, err = run(capsys, monkeypatch, ["assess", str(converted), *ASSESS, "--format", "json"])
        assert code == 0 and err == ""
        assert json.loads(out)["levels"] == json.loads(expected)["levels"]


def test_a_json_array_or_a_csv_table_is_refused_once_a_file_before_anything_is_done(capsys, monkeypatch, tmp_path):
    """Records exported as one JSON array (over many lines, or on one) or as a CSV table (UTF-8 with a byte
    order mark, or GBK as Excel saves "CSV" on a Chinese system) are no JSON Lines: each file refused once,
    saying assess reads one record a line -- not "not JSON" on every line (437 of them for 16 records), nor
    "save it as UTF-8" for the GBK table, which only led to that -- exit 2, nothing written."""
    records = month_case()["records"][:3]
    lines = tmp_path / "r.jsonl"
    lines.write_text(records_jsonl(records), "utf-8")
    array, one_line = tmp_path / "导出.json", tmp_path / "one.json"
    array.write_text(json.dumps(records, ensure_ascii=False, indent=2), "utf-8")
    one_line.write_text(json.dumps(records, ensure_ascii=False) + "\n", "utf-8")
    header = "事件编号,事件类型,上报时间,网格,反馈时间,办结时间"
    row = "E-1,邻里纠纷,2026/11/3 9:30,和平社区01网格,2026/11/3 10:30,2026/11/4 9:00"
    bom, gbk = tmp_path / "bom.csv", tmp_path / "gbk.csv"
    bom.write_bytes(b"\xef\xbb\xbf" + f"{header}\r\n{row}\r\n".encode())
    gbk.write_bytes(f"{header}\r\n{row}\r\n".encode("gbk"))
    html, xlsx = tmp_path / "a.html", tmp_path / "a.xlsx"
    for how in ([], ["--workers", "2"]):
        code, out, err = run(capsys, monkeypatch, ["assess", str(lines), str(array), str(one_line), str(bom), str(gbk),
                                                   *ASSESS, "--lang", "zh", "--html", str(html), "--xlsx", str(xlsx),
                                                   *how])
        assert code == 2 and out == "" and "Traceback" not in err
        assert not html.exists() and not xlsx.exists()
        for path in (array, one_line):
            assert err.count(f"{path}: 这是写成一个 JSON 数组（[ … ]）的记录，assess 只读 JSON Lines（每行一条记录") == 1, err
        for path in (bom, gbk):
            assert err.count(f"{path}: 这是 CSV 表格（第一行是表头「{header}」），assess 只读 JSON Lines（每行一条记录") == 1
        assert "不是有效的 JSON" not in err and "GBK" not in err and "映射" not in err and f"{lines}:" not in err
        assert len(err.strip().splitlines()) == 5, err  # the title, then one line a file
    code, expected, _ = run(capsys, monkeypatch, ["assess", str(lines), *ASSESS, "--format", "json"])
    for path in (array, one_line):  # the command given converts the array into records assessed as the lines are
        code, _, err = run(capsys, monkeypatch, ["assess", str(path), *ASSESS, "--lang", "zh"])
        (command,) = re.findall(r"例如：(python -c .*)$", err.strip())
        subprocess.run(command.replace("python", f'"{sys.executable}"', 1), shell=True, check=True, cwd=tmp_path)
        code, out, err = run(capsys, monkeypatch, ["assess", str(path.with_suffix(".jsonl")), *ASSESS, "--format", "json"])
        assert code == 0 and err == "" and json.loads(out)["levels"] == json.loads(expected)["levels"]
    named = tmp_path / "array.jsonl"  # an array in a file named .jsonl: converted beside it, not over it
    named.write_text(json.dumps(records, ensure_ascii=False), "utf-8")
    code, _, err = run(capsys, monkeypatch, ["assess", str(named), *ASSESS, "--lang", "zh"])
    (command,) = re.findall(r"例如：(python -c .*)$", err.strip())
    assert command.endswith(f"> {tmp_path / 'array-lines.jsonl'}")
    subprocess.run(command.replace("python", f'"{sys.executable}"', 1), shell=True, check=True, cwd=tmp_path)
    assert len((tmp_path / "array-lines.jsonl").read_text("utf-8").splitlines()) == 3


def test_json_lines_that_begin_with_a_stray_line_are_not_taken_for_yaml(capsys, monkeypatch, tmp_path):
    """Only a file whose first line (not blank, not a comment) is YAML's is refused as YAML: JSON Lines with
    a comment or a broken first line are read as ever, that line bad, the rest scored."""
    good = records_jsonl(month_case()["records"][:2])
    for first in ("# 导出于 2026-12-01\n", "{\"event\": \n", "-1\n", "Error: export cut short\n", "- 导出\n"):
        path = tmp_path / "r.jsonl"
        path.write_text(first + good, "utf-8")
        code, out, err = run(capsys, monkeypatch, ["assess", str(path), *ASSESS, "--format", "json", "--lang", "zh"])
        assert code == 2 and "YAML" not in err and json.loads(out)["records"]["in_period"] == 2, first


def test_every_registered_community_is_listed_those_without_events_saying_so(capsys, monkeypatch, tmp_path):
    """Communities are scored (policy §7: 72-hour feedback 50, resolved within 30, satisfaction 20); as
    for towns, every registered one is listed -- the five sample communities of §1 -- those with no event
    counted in the period with no score, on no list, no advice, 本期无计入的事件 beside it in the tables,
    the workbook and the HTML report."""
    record = {"event": {"id": "EV-C1", "type": "MD02", "reported_at": "2026-11-25T09:30:00+08:00",
                        "grid": "tangxiang-heping-01"},
              "steps": [{"at": "2026-11-25T10:00:00+08:00", "kind": "feedback"},
                        {"at": "2026-11-25T11:00:00+08:00", "kind": "resolved"}]}
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps(record) + "\n", "utf-8")
    code, out, _ = run(capsys, monkeypatch, ["assess", str(path), *ASSESS, "--format", "json"])
    assert code == 0
    communities = {u["unit"]: u for u in json.loads(out)["levels"]["community"]}
    assert sorted(communities) == ["baoding-shengji", "longgang-wuxing", "longshui-shuangqiao", "tangxiang-beiguan",
                                   "tangxiang-heping"]
    heping = communities.pop("tangxiang-heping")
    # MD02 routed at community level: feedback 1/1 on time, resolved within the community 1/1 (no revisit)
    assert (heping["events"], heping["score_shown"], heping["no_events"]) == (1, "100.0", False)
    for unit in communities.values():
        assert unit["no_events"] and (unit["events"], unit["cases"], unit["score"], unit["list"]) == (0, 0, None, None)
        assert not unit["budget_cut_advised"] and all(f["share"] is None for f in unit["figures"])
    html, xlsx = tmp_path / "r.html", tmp_path / "r.xlsx"
    code, out, _ = run(capsys, monkeypatch, ["assess", str(path), *ASSESS, "--lang", "zh", "--html", str(html),
                                             "--xlsx", str(xlsx)])
    (row,) = [line for line in out.splitlines() if line.startswith("圣迹村")]
    assert re.search(r"\s—\s+本期无计入的事件\s", row)
    assert re.search(r">圣迹村</td>(<td[^>]*>[^<]*</td>)*<td></td><td>本期无计入的事件</td>", html.read_text("utf-8"))
    from openpyxl import load_workbook

    sheet = load_workbook(xlsx)["村(社区)"]
    header = [c.value for c in sheet[1]]
    (cells,) = [dict(zip(header, (c.value for c in r))) for r in sheet.iter_rows() if r[1].value == "baoding-shengji"]
    assert (cells["单位"], cells["事件"], cells["得分"], cells["说明"]) == ("圣迹村", 0, None, "本期无计入的事件")


def test_a_towns_scoring_lists_only_the_departments_it_summoned(capsys, monkeypatch, tmp_path):
    """Policy §7: towns score the departments they summoned; owners never summoned are not scored. The
    district's pooling lists every department (those not summoned: no events), but a town's scoring is
    not padded with departments it never summoned -- nor with towns that summoned nothing.  AQ03 is
    handled by the town and is significant, so a whistle is blown (§6); a whistle recorded at a level
    that blows none is not scored at all (tests/assess/test_unscored_whistles.py)."""
    record = {"event": {"id": "EV-W1", "type": "AQ03", "reported_at": "2026-11-16T09:00:00+08:00",
                        "grid": "tangxiang-heping-01"},
              "steps": [{"at": "2026-11-16T09:30:00+08:00", "kind": "whistle", "departments": ["zhujian"]},
                        {"at": "2026-11-16T10:00:00+08:00", "kind": "reported_in", "department": "zhujian"},
                        {"at": "2026-11-16T11:00:00+08:00", "kind": "feedback"},
                        {"at": "2026-11-17T11:00:00+08:00", "kind": "resolved"}]}
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps(record) + "\n", "utf-8")
    code, out, err = run(capsys, monkeypatch, ["assess", str(path), *ASSESS, "--format", "json"])
    assert code == 0, err
    levels = json.loads(out)["levels"]
    assert [u["unit"] for u in levels["department_town"]] == ["zhujian@tangxiang"]
    assert len(levels["department"]) == 22
    assert [u["unit"] for u in levels["department"] if not u["no_events"]] == ["zhujian"]


def test_an_output_in_a_folder_that_does_not_exist_is_refused_at_its_option_before_any_work(capsys, monkeypatch,
                                                                                            tmp_path):
    """--xlsx or --html in a folder that does not exist (or naming a folder) is said at its option -- the
    folder missing, not "cannot write …: no such file" -- every such option at once, before anything is
    read or written: the workbook asked for beside it is not left written."""
    good = tmp_path / "r.jsonl"
    good.write_text(records_jsonl(month_case()["records"][:3]), "utf-8")
    missing = tmp_path / "没有这个文件夹"
    xlsx = tmp_path / "a.xlsx"
    code, out, err = run(capsys, monkeypatch, ["assess", str(good), *ASSESS, "--lang", "zh", "--xlsx", str(xlsx),
                                               "--html", str(missing / "r.html")])
    assert code == 2 and out == "" and "Traceback" not in err
    assert f"--html: 文件夹 {missing} 不存在" in err and "无法写入" not in err, err
    assert not xlsx.exists() and not missing.exists()
    code, out, err = run(capsys, monkeypatch, ["assess", str(good), *ASSESS, "--lang", "zh", "--xlsx",
                                               str(missing / "a.xlsx"), "--html", str(tmp_path)])
    assert code == 2 and out == "" and f"--xlsx: 文件夹 {missing} 不存在" in err and f"--html: {tmp_path} 是一个文件夹" in err
    book = tmp_path / "清单.xlsx"  # checked before the records are: not their problem first
    book.write_bytes(b"PK\x03\x04" + b"\0" * 40)
    code, out, err = run(capsys, monkeypatch, ["assess", str(book), *ASSESS, "--lang", "zh", "--xlsx",
                                               str(missing / "a.xlsx")])
    assert code == 2 and f"--xlsx: 文件夹 {missing} 不存在" in err and "Excel" not in err


def test_records_saved_as_gbk_are_refused_once_a_file_not_on_every_line(capsys, monkeypatch, tmp_path):
    """JSON Lines records saved by Notepad as GBK ("ANSI"): the file said to be GBK, with how to save it
    as UTF-8, once -- not "not UTF-8 ... GBK" at every line that names a grid in Chinese; exit 2."""
    records = month_case()["records"]  # two of them have Chinese in them
    gbk = tmp_path / "记录.jsonl"
    gbk.write_bytes(records_jsonl(records).encode("gbk"))
    assert not gbk.read_bytes().isascii()
    code, out, err = run(capsys, monkeypatch, ["assess", str(gbk), *ASSESS, "--lang", "zh"])
    assert code == 2 and out == "" and "Traceback" not in err
    assert err.count(f"{gbk}: 文件不是 UTF-8 编码（看来是 GBK 编码）：请用记事本“另存为”并选择 UTF-8") == 1, err
    assert "第 " not in err and len(err.strip().splitlines()) == 2, err


def test_a_decision_log_export_is_refused_once_saying_the_log_holds_no_lifecycles(capsys, monkeypatch, tmp_path):
    """``gridrules log export``'s lines given as records: decisions (what an event was given and what was
    decided then), not lifecycles -- said once for the file, with what assess reads instead, not as a
    record a line missing its event and having seq, kind, ... hash it does not know; exit 2, nothing
    written, on one process and with workers; its keys in another order (``jq -S``) too."""
    log = f"sqlite:///{tmp_path / 'd.sqlite'}"
    event = month_case()["records"][0]["event"]
    path = tmp_path / "event.json"
    path.write_text(json.dumps(event, ensure_ascii=False), "utf-8")
    for _ in range(2):
        code, _, _ = run(capsys, monkeypatch, ["route", str(path), "--log", log])
        assert code in (0, 1)
    code, exported, _ = run(capsys, monkeypatch, ["log", "export", "--log", log])
    assert code == 0 and len(exported.splitlines()) == 2
    export, resorted = tmp_path / "log.jsonl", tmp_path / "sorted.jsonl"
    export.write_text(exported, "utf-8")
    resorted.write_text("".join(json.dumps(json.loads(x), sort_keys=True) + "\n" for x in exported.splitlines()), "utf-8")
    html = tmp_path / "a.html"
    for how in ([], ["--workers", "2"]):
        code, out, err = run(capsys, monkeypatch, ["assess", str(export), str(resorted), *ASSESS, "--lang", "zh",
                                                   "--html", str(html), *how])
        assert code == 2 and out == "" and "Traceback" not in err and not html.exists()
        for name in (export, resorted):
            assert err.count(f"{name}: 这是决定日志的导出（gridrules log export）") == 1, err
        assert "派单系统" in err and "没有这个字段" not in err and f"{export}:1" not in err
        assert len(err.strip().splitlines()) == 3, err  # the title, then one line a file
    # a lifecycle record (whose event has an id and a kind-less top level) is still read as one
    good = tmp_path / "r.jsonl"
    good.write_text(records_jsonl(month_case()["records"][:2]), "utf-8")
    code, _, err = run(capsys, monkeypatch, ["assess", str(good), *ASSESS, "--lang", "zh"])
    assert code == 0 and "决定日志" not in err
