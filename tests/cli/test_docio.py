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
