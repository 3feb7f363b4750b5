"""Hostile but possible input through the CLI: every document is decided or refused with
exit 2 and a located message (never a traceback, never exit 3), and in ``--batch`` every
line is answered, on its own line number, in one shape."""

from __future__ import annotations

import io
import json

import pytest

from gridrules.cli.main import main

from packedits import position

AT = "2026-11-25T10:00:00+08:00"
TASK = {"id": "T-1", "title": "走访", "department": "minzheng", "activities": ["visit", "report"], "start": "2026-12-01"}
EVENT = {"id": "E-1", "type": "MD02", "reported_at": "2026-11-25T09:30:00+08:00", "grid": "tangxiang-heping-01"}
ERROR_KEYS = {"line", "error", "problems"}
PROBLEM_KEYS = {"path", "line", "col", "field", "message", "hint"}


def run(capsys, monkeypatch, args, stdin: bytes | None = None):
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    code = main(args)
    out = capsys.readouterr()
    assert "unexpected error" not in out.err and "Traceback" not in out.err
    return code, out.out, out.err


def write(tmp_path, name, text, raw: bytes | None = None):
    path = tmp_path / name
    if raw is not None:
        path.write_bytes(raw)
    else:
        path.write_text(text, encoding="utf-8")
    return str(path)


def batch(capsys, monkeypatch, tmp_path, command, lines, *extra):
    path = write(tmp_path, "in.jsonl", "\n".join(lines) + "\n")
    code, out, _ = run(capsys, monkeypatch, [command, path, "--batch", "--format", "json", *extra])
    return code, [json.loads(line) for line in out.splitlines()], path


@pytest.mark.parametrize("moment", ["9999-12-31T23:59:59+08:00", "0001-01-01T00:00:00+14:00",
                                    "9999-12-31T23:59:59-12:00", "0001-01-01T00:00:00Z"])
def test_extreme_moments_are_refused_as_input_and_the_batch_goes_on(capsys, monkeypatch, tmp_path, moment):
    lines = [json.dumps(EVENT | {"reported_at": moment}), json.dumps(EVENT | {"id": "E-2"})]
    code, rows, path = batch(capsys, monkeypatch, tmp_path, "route", lines)
    assert code == 2 and len(rows) == 2 and rows[1]["event"] == "E-2"
    assert rows[0]["problems"][0]["field"] == "reported_at"
    assert "outside the years gridrules decides (1900 to 8999, UTC)" in rows[0]["problems"][0]["message"]
    code, _, err = run(capsys, monkeypatch, ["route", write(tmp_path, "e.json", json.dumps(EVENT | {"reported_at": moment}))])
    assert code == 2 and "reported_at" in err
    history = [{"level": "grid", "outcome": "unresolved", "at": moment}]
    code, _, err = run(capsys, monkeypatch, ["route", write(tmp_path, "h.json", json.dumps(EVENT | {"history": history}))])
    assert code == 2 and "history[0].at" in err


@pytest.mark.parametrize("command, doc", [("route", EVENT), ("check-task", TASK)])
@pytest.mark.parametrize("moment", ["9999-12-31T23:59:59+08:00", "0001-01-01T00:00:00+14:00", "2026-11-25T10:00:00-00:60"])
def test_extreme_or_impossible_at_is_an_input_error(capsys, monkeypatch, tmp_path, command, doc, moment):
    code, _, err = run(capsys, monkeypatch, [command, write(tmp_path, "d.json", json.dumps(doc)), "--at", moment])
    assert code == 2 and "--at:" in err


def test_the_last_and_first_supported_years_are_decided(capsys, monkeypatch, tmp_path):
    lines = [json.dumps(EVENT | {"reported_at": "8999-12-31T23:59:59-12:00"}),
             json.dumps(EVENT | {"id": "E-2", "reported_at": "1900-01-01T13:59:59+14:00"}),
             json.dumps(EVENT | {"id": "E-3", "reported_at": "1900-01-01T00:00:00+00:00"})]
    code, rows, _ = batch(capsys, monkeypatch, tmp_path, "route", lines)
    assert [r.get("event") for r in rows] == [None, None, "E-3"]  # the first two fall outside as UTC instants
    assert code == 2
    code, rows, _ = batch(capsys, monkeypatch, tmp_path, "check-task", [json.dumps(TASK | {"start": "9999-12-31"})],
                          "--at", "8999-12-31T23:00:00+00:00")
    assert code == 0 and rows[0]["verdict"] == "admitted"  # L13 has no end


@pytest.mark.parametrize("offset", ["-00:60", "+24:00", "+08:75", "+99:00"])
def test_impossible_offsets_are_refused(capsys, monkeypatch, tmp_path, offset):
    code, _, err = run(capsys, monkeypatch,
                       ["route", write(tmp_path, "e.json", json.dumps(EVENT | {"reported_at": "2026-11-25T09:30:00" + offset}))])
    assert code == 2 and "reported_at" in err and "UTC offset" in err


def test_deep_nesting_big_numbers_and_broken_text_are_refused_line_by_line(capsys, monkeypatch, tmp_path):
    lines = ["[" * 1000 + "]" * 1000, '{"people_involved": ' + "9" * 5000 + "}", '{"id": "E\\ud83d"}',
             json.dumps(EVENT | {"id": "E-4"})]
    code, rows, path = batch(capsys, monkeypatch, tmp_path, "route", lines)
    assert code == 2 and [r.get("event") for r in rows] == [None, None, None, "E-4"]
    assert [r["problems"][0]["message"] for r in rows[:3]] == [
        "nested more than 64 levels deep", "a number of 5000 digits is longer than gridrules reads (4300)",
        "a \\u escape of half a surrogate pair is not a character"]


@pytest.mark.parametrize("text, message", [
    ("[" * 1000 + "]" * 1000, "nested more than 64 levels deep"),
    ("[" * 100000, "YAML syntax"),
    ('{"people_involved": ' + "9" * 5000 + "}", "a number of 5000 digits is longer than gridrules reads (4300)"),
    ('{"id": "E\\udc00"}', "half a surrogate pair"),
])
def test_one_hostile_file_is_an_input_error(capsys, monkeypatch, tmp_path, text, message):
    code, _, err = run(capsys, monkeypatch, ["route", write(tmp_path, "e.json", text)])
    assert code == 2 and message in err


def test_non_utf8_stdin_is_an_input_error(capsys, monkeypatch):
    code, _, err = run(capsys, monkeypatch, ["route", "-"], stdin=b'{"id": "E\xff\xfe"}')
    assert code == 2 and "<stdin>:1:10: not UTF-8 text (byte 10)" in err  # placed at its line and column


def test_a_task_file_saved_as_gbk_is_placed_and_told_how_to_save_it(capsys, monkeypatch, tmp_path):
    """Notepad on a Chinese Windows saves "ANSI", i.e. GBK: the clerk is told so, at the first Chinese
    character, not only "not UTF-8 (byte 16)"; a batch saved so, once for the file, not at every line."""
    path = tmp_path / "task.yaml"
    path.write_bytes("id: T-1\ntitle: 走访\ndepartment: 民政局\n".encode("gbk"))
    code, _, err = run(capsys, monkeypatch, ["check-task", str(path), "--lang", "zh"])
    assert code == 2 and f"{path}:2:8: 文件不是 UTF-8 编码（看来是 GBK 编码）：请用记事本“另存为”并选择 UTF-8" in err
    batch = tmp_path / "tasks.jsonl"
    batch.write_bytes('{"id": "T-1", "title": "走访"}\n'.encode("gbk"))
    code, out, err = run(capsys, monkeypatch, ["check-task", str(batch), "--batch", "--format", "json"])
    assert code == 2 and out == "" and f"{batch}: the file is not UTF-8 (it looks GBK-encoded)" in err
    mixed = tmp_path / "mixed.jsonl"  # UTF-8 lines and one pasted in as GBK: that line refused, the others decided
    mixed.write_bytes('{"id": "T-1", "title": "走访"}\n'.encode("gbk")
                      + (json.dumps(TASK | {"title": "独居老人冬季走访"}, ensure_ascii=False) + "\n").encode())
    code, out, _ = run(capsys, monkeypatch, ["check-task", str(mixed), "--batch", "--format", "json"])
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 2 and "it reads as GBK" in rows[0]["problems"][0]["message"] and rows[1]["verdict"], rows
    batch = b'{"id": "E\xff"}\n' + json.dumps(EVENT).encode() + b"\n"
    code, out, _ = run(capsys, monkeypatch, ["route", "-", "--batch", "--format", "json"], stdin=batch)
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 2 and rows[0]["problems"][0]["message"] == "not UTF-8 text (byte 10)" and rows[1]["event"] == "E-1"
    assert rows[0]["problems"][0]["path"] == "<stdin>" and rows[0]["problems"][0]["line"] == 1


def test_surrogate_pair_escapes_are_accepted_in_a_file_on_stdin_and_in_a_batch(capsys, monkeypatch, tmp_path):
    doc = json.dumps(EVENT | {"id": "E-\U0001F600", "description": "群众反映 \U0001F600"})  # json.dumps escapes as pairs
    assert "\\ud83d\\ude00" in doc
    code, out, _ = run(capsys, monkeypatch, ["route", write(tmp_path, "e.json", doc), "--format", "json"])
    assert code == 0 and json.loads(out)["event"] == "E-\U0001F600"
    code, out, _ = run(capsys, monkeypatch, ["route", "-", "--format", "json"], stdin=doc.encode())
    assert code == 0 and json.loads(out)["event"] == "E-\U0001F600"
    code, rows, _ = batch(capsys, monkeypatch, tmp_path, "route", [doc])
    assert code == 0 and rows[0]["event"] == "E-\U0001F600"


def test_line_separators_inside_strings_do_not_split_records(capsys, monkeypatch, tmp_path):
    lines = [json.dumps(EVENT | {"id": f"E-{n}", "description": f"甲{sep}乙"}, ensure_ascii=False)
             for n, sep in enumerate(["\u2028", "\u2029", "\u0085", "\x0c"])]
    lines.append(json.dumps(EVENT | {"id": "E-bad", "town": "nowhere"}))
    code, rows, _ = batch(capsys, monkeypatch, tmp_path, "route", lines)
    assert [r.get("event") for r in rows] == ["E-0", "E-1", "E-2", "E-3", None]
    assert rows[4]["line"] == 5 and rows[4]["problems"][0]["line"] == 5
    assert code == 2


def test_every_batch_error_line_has_one_shape(capsys, monkeypatch, tmp_path):
    lines = ["{not json", json.dumps(EVENT | {"town": "nowhere"}), "[" * 100 + "]" * 100, json.dumps(["a list"]),
             json.dumps(EVENT | {"history": [{"level": "grid", "outcome": "unresolved", "at": "2026-11-25T08:00:00+08:00"}]})]
    code, rows, path = batch(capsys, monkeypatch, tmp_path, "route", lines)
    assert code == 2 and len(rows) == 5
    for number, row in enumerate(rows, start=1):
        assert set(row) == ERROR_KEYS and row["line"] == number and row["error"] == "invalid_input"
        for problem in row["problems"]:
            assert set(problem) == PROBLEM_KEYS
            assert problem["path"] == path and problem["line"] == number
            assert problem["col"] is None or problem["col"] >= 1
    assert rows[0]["problems"][0]["col"] == 2  # the JSON syntax error's column
    assert rows[1]["problems"][0]["col"] == lines[1].index('"nowhere"') + 1  # the field's value on the line
    assert rows[4]["problems"][0]["field"] == "history[0].at"
    assert rows[4]["problems"][0]["col"] == lines[4].index('"2026-11-25T08:00') + 1


@pytest.mark.parametrize("command, text, needle, field", [
    ("check-task", "id: T\ntitle: x\ndepartment: minzheng\nactivities: [visit]\nstart: 2026-12-01\nend: 2026-11-01\n",
     "2026-11-01", "end"),
    ("check-task", "id: T\ntitle: x\ndepartment: tangxiang\nactivities: [visit]\nstart: 2026-12-01\nissued_by: town\n",
     "town\n", "issued_by"),
    ("check-task", "id: T\ntitle: x\ndepartment: minzheng\nactivities: [visit, report, visit]\nstart: 2026-12-01\n",
     "visit]", "activities[2]"),
    ("route", "id: E\ntype: MD02\nreported_at: 2026-11-25T09:30:00+08:00\ngrid: tangxiang-heping-01\nhistory:\n"
     "  - {level: grid, outcome: unresolved, at: 2026-11-25T15:00:00+08:00}\n"
     "  - {level: grid, outcome: unresolved, at: 2026-11-25T14:00:00+08:00}\n", "2026-11-25T14", "history[1].at"),
])
def test_two_field_errors_point_at_the_fields_own_line(capsys, monkeypatch, tmp_path, command, text, needle, field):
    code, _, err = run(capsys, monkeypatch, [command, write(tmp_path, "d.yaml", text), "--at", AT])
    line, col = position(text, needle)
    assert code == 2 and f"d.yaml:{line}:{col}: {field}: " in err


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
def test_an_empty_case_file_is_refused_plainly(capsys, monkeypatch, tmp_path, text):
    path = write(tmp_path, "empty.yaml", text)
    code, _, err = run(capsys, monkeypatch, ["test", path])
    assert code == 2 and f"{path}:1:1: empty case file: it needs 'kind:' and 'cases:'" in err


def test_an_empty_case_file_in_a_pack_is_refused_plainly(capsys, monkeypatch, tmp_path, pack_copy):
    (pack_copy / "cases").mkdir(exist_ok=True)
    (pack_copy / "cases" / "empty.yaml").write_text("", encoding="utf-8")
    code, _, err = run(capsys, monkeypatch, ["test", "--pack", str(pack_copy)])
    assert code == 2 and "empty.yaml:1:1: empty case file" in err


@pytest.mark.parametrize("args, where, reason", [
    (["admission", "new", "{tmp}/missing/form.yaml", "--id", "APP-1", "--applicant", "canlian"], "{tmp}/missing/form.yaml",
     "文件不存在"),
    (["init", "{tmp}/a-file/pack"], "{tmp}/a-file/pack", "路径中有不是文件夹的部分"),
])
def test_a_place_the_system_will_not_write_is_named_with_its_reason_not_as_a_bug(capsys, monkeypatch, tmp_path,
                                                                               args, where, reason):
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    args = [a.replace("{tmp}", str(tmp_path)) for a in args] + ["--lang", "zh"]
    code = main(args)
    err = capsys.readouterr().err
    assert code == 2 and "意外错误" not in err and "Errno" not in err
    assert err.startswith(f"gridrules: 无法读写 {where.replace('{tmp}', str(tmp_path))}") and f"（{reason}）" in err
