"""Reading documents and JSON Lines from files and stdin (cli/docio.py): a byte order mark at the
start of a file, as Windows tools write UTF-8, is no character; lines and columns are kept."""

from __future__ import annotations

import io
import json

from clirun import run
from gridrules.cli.docio import read_document, read_lines
from gridrules.errors import Location

BOM = b"\xef\xbb\xbf"
AT = "2026-11-25T10:00:00+08:00"
TASK = {"id": "T-1", "title": "走访", "department": "minzheng", "activities": ["visit", "report"], "start": "2026-12-01"}


def test_json_lines_after_a_byte_order_mark(tmp_path):
    path = tmp_path / "t.jsonl"
    path.write_bytes(BOM + b'{"n": 1}\n{"n": }\n')
    first, second = read_lines(str(path))
    assert (first.number, first.data, first.error) == (1, {"n": 1}, None)
    assert second.error.problems[0].location == Location(str(path), 2, 7)
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(BOM + b'{"n": }\n')
    (line,) = read_lines(str(bad))
    assert line.error.problems[0].location == Location(str(bad), 1, 7)  # counted after the mark, as editors do


def test_a_byte_order_mark_from_a_url_or_stdin(monkeypatch):
    (line,) = read_lines("http://x/t.jsonl", "\ufeff" + '{"n": 1}\n')
    assert line.data == {"n": 1}
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(BOM + b'{"n": 2}'), encoding="utf-8"))
    (line,) = read_lines("-")
    assert line.data == {"n": 2}


def test_a_document_after_a_byte_order_mark_keeps_its_positions(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_bytes(BOM + "id: T-1\ntitle: 走访\n".encode("utf-8"))
    data, doc = read_document(str(path))
    assert data == {"id": "T-1", "title": "走访"}
    assert doc.locate(("title",)) == Location(str(path), 2, 8)


def test_check_task_batch_reads_the_first_line_after_a_byte_order_mark(capsys, monkeypatch, tmp_path):
    path = tmp_path / "t.jsonl"
    path.write_bytes(BOM + (json.dumps(TASK) + "\n").encode("utf-8"))
    code, out, _ = run(capsys, monkeypatch, ["check-task", str(path), "--batch", "--format", "json", "--at", AT])
    assert code == 0 and json.loads(out)["verdict"] == "admitted"


def test_a_byte_order_mark_inside_a_file_is_refused_in_chinese(capsys, monkeypatch, tmp_path):
    path = tmp_path / "t.jsonl"
    path.write_bytes((json.dumps(TASK) + "\n").encode("utf-8") + BOM + (json.dumps(TASK) + "\n").encode("utf-8"))
    code, out, _ = run(capsys, monkeypatch, ["check-task", str(path), "--batch", "--format", "json", "--at", AT,
                                             "--lang", "zh"])
    second = json.loads(out.splitlines()[1])
    assert code == 2 and second["line"] == 2
    assert second["problems"][0]["message"] == "不是有效的 JSON：行首有字节顺序标记（BOM），它只能出现在文件开头"


# a document of another kind than the command reads: named for what it is and what reads it
EVENT = {"id": "E-1", "type": "MD02", "reported_at": AT, "grid": "tangxiang-heping-01"}


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_an_event_given_to_the_task_check_is_named_an_event(capsys, monkeypatch, tmp_path):
    path = _write(tmp_path, "e.yaml", "".join(f"{k}: {v}\n" for k, v in EVENT.items()))
    code, out, err = run(capsys, monkeypatch, ["check-task", path, "--lang", "zh"])
    assert code == 2 and not out
    assert f"{path}: 这是一份事件（有 id、type、reported_at、grid），不是任务：事件请用 gridrules route 分流" in err
    assert "缺少必填字段" not in err  # not refused field by field


def test_a_task_given_to_the_router_and_a_record_routed_as_an_event(capsys, monkeypatch, tmp_path):
    task = _write(tmp_path, "t.json", json.dumps(TASK))
    code, _, err = run(capsys, monkeypatch, ["route", task, "--lang", "zh"])
    assert code == 2 and "这是一份任务（有 id、title、department、activities），不是事件：任务请用 gridrules check-task 核查" in err
    record = _write(tmp_path, "r.json", json.dumps({"event": EVENT, "steps": []}))
    code, _, err = run(capsys, monkeypatch, ["route", record, "--lang", "zh"])
    assert code == 2 and "这是一份事件处置记录（有 event、steps），不是事件：处置记录请用 gridrules route --record 判定" in err
    event = _write(tmp_path, "e.json", json.dumps(EVENT))
    code, _, err = run(capsys, monkeypatch, ["route", event, "--record", "--lang", "zh"])
    assert code == 2 and "这是一份事件（有 id、type、reported_at、grid），不是事件处置记录：分流事件请去掉 --record" in err


def test_a_task_with_a_field_missing_is_refused_at_its_field_not_as_another_kind(capsys, monkeypatch, tmp_path):
    path = _write(tmp_path, "t.json", json.dumps({k: v for k, v in TASK.items() if k != "start"} | {"grid": "g"}))
    code, _, err = run(capsys, monkeypatch, ["check-task", path, "--lang", "zh"])
    assert code == 2 and "这是一份" not in err and "start" in err


def test_in_a_batch_a_line_of_another_kind_is_named_and_the_others_decided(capsys, monkeypatch, tmp_path):
    path = _write(tmp_path, "t.jsonl", json.dumps(TASK) + "\n" + json.dumps(EVENT) + "\n")
    code, out, _ = run(capsys, monkeypatch, ["check-task", path, "--batch", "--format", "json", "--at", AT, "--lang", "zh"])
    first, second = (json.loads(line) for line in out.splitlines())
    assert code == 2 and first["verdict"] == "admitted"
    assert second["line"] == 2 and second["problems"][0]["message"].startswith("这是一份事件（有 id、type、reported_at、grid）")


def test_json_lines_without_batch_and_one_document_with_batch(capsys, monkeypatch, tmp_path):
    lines = _write(tmp_path, "t.jsonl", json.dumps(TASK) + "\n" + json.dumps(TASK | {"id": "T-2"}) + "\n")
    code, _, err = run(capsys, monkeypatch, ["check-task", lines, "--lang", "zh"])
    assert code == 2 and f"{lines}: 每行是一个 JSON（JSON Lines）：逐行判定请加 --batch" in err
    doc = _write(tmp_path, "t.yaml", "id: T-1\ntitle: 走访\n")
    code, out, err = run(capsys, monkeypatch, ["check-task", doc, "--batch", "--lang", "zh"])
    assert code == 2 and not out
    assert f"{doc}: 这是一份 YAML/JSON 文档，不是每行一个 JSON（JSON Lines）：判定一份文档请去掉 --batch" in err


def test_a_days_file_with_a_broken_line_given_without_batch_is_told_to_add_it(capsys, monkeypatch, tmp_path):
    # a review: a 10,000-event day with ~1 % broken lines got 「YAML 语法错误：缺少应有的 文档开头 ---」
    good = [json.dumps(TASK | {"id": f"T-{i}"}) for i in range(4)]
    path = _write(tmp_path, "day.jsonl", "\n".join(good[:2] + ['{"id": "T-9", "title": '] + good[2:]) + "\n")
    code, _, err = run(capsys, monkeypatch, ["check-task", path, "--lang", "zh"])
    assert code == 2 and f"{path}: 每行是一个 JSON（JSON Lines）：逐行判定请加 --batch" in err
    mostly_broken = _write(tmp_path, "notes.jsonl", good[0] + "\n不是 JSON\n也不是\n")
    code, _, err = run(capsys, monkeypatch, ["check-task", mostly_broken, "--lang", "zh"])
    assert code == 2 and "--batch" not in err  # not a batch: the YAML reader's own problem


def test_a_batch_whose_first_line_is_broken_is_still_read_line_by_line(capsys, monkeypatch, tmp_path):
    path = _write(tmp_path, "t.jsonl", '{"id": "T-0",\n' + json.dumps(TASK) + "\n")
    code, out, _ = run(capsys, monkeypatch, ["check-task", path, "--batch", "--format", "json", "--at", AT])
    first, second = (json.loads(line) for line in out.splitlines())
    assert code == 2 and first["line"] == 1 and second["verdict"] == "admitted"


def test_a_workbook_or_a_pdf_is_named_not_refused_at_a_byte(capsys, monkeypatch, tmp_path):
    import openpyxl

    book = tmp_path / "清单.xlsx"
    openpyxl.Workbook().save(book)
    for args in (["check-task", str(book)], ["check-task", str(book), "--batch"], ["route", str(book)]):
        code, _, err = run(capsys, monkeypatch, args + ["--lang", "zh"])
        assert code == 2 and f"{book}: 这是 Excel 工作簿（.xlsx）或别的压缩文件，不是文本" in err, err
        assert "UTF-8 文本（第" not in err
        # what this command reads there: one document (YAML or JSON), or under --batch JSON Lines
        reads = "JSON Lines" if "--batch" in args else "YAML 或 JSON 文本"
        assert err.strip().endswith(reads if "--batch" not in args else "写成一行 JSON") and reads in err, err
    pdf = tmp_path / "通知.pdf"
    pdf.write_bytes(b"%PDF-1.7\n\xe2\xe3\xcf\xd3\n")
    code, _, err = run(capsys, monkeypatch, ["check-task", str(pdf), "--lang", "zh"])
    assert code == 2 and f"{pdf}: 这是 PDF 文件，不是文本" in err
    xls = tmp_path / "旧表.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64)
    code, _, err = run(capsys, monkeypatch, ["route", str(xls), "--batch", "--lang", "zh"])
    assert code == 2 and f"{xls}: 这是旧版 Excel 工作簿（.xls）或 Word 文档，不是文本" in err


def test_json_lines_given_to_a_command_without_batch_is_not_told_to_add_it(capsys, monkeypatch, tmp_path):
    """admission review reads one application: JSON Lines there is a YAML error, with no --batch to add."""
    lines = _write(tmp_path, "a.jsonl", '{"id": "APP-1"}\n{"id": "APP-2"}\n')
    code, _, err = run(capsys, monkeypatch, ["admission", "review", lines, "--lang", "zh"])
    assert code == 2 and "--batch" not in err


def test_a_task_whose_list_entry_runs_on_into_the_one_above_is_refused_at_that_line(capsys, monkeypatch, tmp_path):
    path = tmp_path / "task.yaml"
    path.write_text("id: T-1\ntitle: 走访\ndepartment: 区民政局\nassignee: 专职网格员\nactivities:\n  - 入户走访\n"
                    "   - 发现报告\nstart: 2026-12-01\nend: 2026-12-31\n", encoding="utf-8")
    code, out, err = run(capsys, monkeypatch, ["check-task", str(path), "--lang", "zh"])
    assert code == 2 and out == "" and "Traceback" not in err
    assert f"{path}:7:4:" in err and "第 7 行被读作第 6 行的续行，两行合成了一个值「入户走访 - 发现报告」" in err


def test_the_first_bytes_looked_at_are_declared_once():
    """How much of a file is looked at to tell its encoding or kind (``yamlsrc.LOOK``) is one declaration:
    the command line's reader, the records' reader and the dashboard's upload import it."""
    import ast
    import pathlib

    root = pathlib.Path(__file__).resolve().parents[2]
    declared = [str(path.relative_to(root)) for folder in ("gridrules", "cli") for path in (root / folder).rglob("*.py")
                if any(isinstance(node, ast.Assign) and any(isinstance(target, ast.Name) and target.id == "LOOK"
                                                            for target in node.targets)
                       for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))))]
    assert declared == ["gridrules/pack/yamlsrc.py"]
