"""Files saved as Windows Notepad saves them on a Chinese system -- GBK ("ANSI") or UTF-16 with its
byte order mark ("Unicode"), or UTF-16 without one as some other Windows tools save it -- said to be so, with how to save them as UTF-8, exit 2, for every file
read as input (``yamlsrc.utf8_text`` and ``saved_as``): a task, an event, a record, a batch, an
application, a pack file, a case file.  Bytes that are no GBK text (a binary file, UTF-8 with one
line pasted in from elsewhere) are not called GBK."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clirun import run

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
GBK_SAID = "文件不是 UTF-8 编码（看来是 GBK 编码）：请用记事本“另存为”并选择 UTF-8"
UTF16_SAID = "文件不是 UTF-8 编码（看来是 UTF-16 编码）：请用记事本“另存为”并选择 UTF-8"


def _saved(tmp_path: Path, name: str, text: str, encoding: str) -> str:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))  # "utf-16" writes its byte order mark first, as Notepad does
    return str(path)


def _refused(capsys, monkeypatch, args: list[str]) -> str:
    code, out, err = run(capsys, monkeypatch, [*args, "--lang", "zh"])
    assert code == 2 and out == "" and "Traceback" not in err, (code, out, err)
    return err


def test_a_task_file_saved_as_gbk_is_said_to_be_gbk(capsys, monkeypatch, tmp_path):
    text = (EXAMPLES / "走访任务.yaml").read_text(encoding="utf-8")
    assert text.startswith("# 区民政局")  # its first character that is not ASCII: line 1, column 3
    path = _saved(tmp_path, "走访任务.yaml", text, "gbk")
    err = _refused(capsys, monkeypatch, ["check-task", path])
    assert f"{path}:1:3: {GBK_SAID}" in err
    code, _, err = run(capsys, monkeypatch, ["check-task", path, "--lang", "en"])
    assert code == 2 and "it looks GBK-encoded" in err and "Save As" in err


def test_an_event_file_saved_as_utf16_is_said_to_be_utf16(capsys, monkeypatch, tmp_path):
    path = _saved(tmp_path, "event.yaml", (EXAMPLES / "event.yaml").read_text(encoding="utf-8"), "utf-16")
    assert Path(path).read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")
    assert f"{path}:1:1: {UTF16_SAID}" in _refused(capsys, monkeypatch, ["route", path])


def test_a_record_and_an_application_saved_as_gbk(capsys, monkeypatch, tmp_path):
    record = _saved(tmp_path, "record.yaml", (EXAMPLES / "record.yaml").read_text(encoding="utf-8"), "gbk")
    assert GBK_SAID in _refused(capsys, monkeypatch, ["route", "--record", record])
    application = _saved(tmp_path, "申请.yaml", (EXAMPLES / "application.yaml").read_text(encoding="utf-8"), "gbk")
    assert f"{application}:" in (err := _refused(capsys, monkeypatch, ["admission", "review", application]))
    assert GBK_SAID in err


def test_a_batch_saved_as_gbk_is_refused_once_not_on_every_line(capsys, monkeypatch, tmp_path):
    task = {"id": "T-1", "title": "走访", "department": "区民政局", "activities": ["入户走访"], "start": "2026-12-01"}
    lines = "".join(json.dumps({**task, "id": f"T-{n}"}, ensure_ascii=False) + "\n" for n in range(5))
    path = _saved(tmp_path, "tasks.jsonl", lines, "gbk")
    err = _refused(capsys, monkeypatch, ["check-task", path, "--batch"])
    assert err.count(GBK_SAID) == 1 and f"{path}: {GBK_SAID}" in err


def test_a_pack_file_saved_as_gbk_is_said_to_be_gbk(capsys, monkeypatch, pack_copy):
    items = pack_copy / "admission" / "items.yaml"
    items.write_bytes(items.read_text(encoding="utf-8").encode("gbk"))
    code, out, err = run(capsys, monkeypatch, ["validate", str(pack_copy), "--lang", "zh"])
    assert code == 2 and "Traceback" not in err
    assert f"{items}:" in out and GBK_SAID in out


def test_a_case_file_saved_as_gbk_is_said_to_be_gbk(capsys, monkeypatch, tmp_path):
    case = EXAMPLES.parent / "rules" / "cases" / "events" / "deadlines.yaml"
    folder = tmp_path / "cases"
    folder.mkdir()
    (folder / case.name).write_bytes(case.read_text(encoding="utf-8").encode("gbk"))
    code, out, err = run(capsys, monkeypatch, ["test", str(folder), "--lang", "zh"])
    assert code == 2 and "Traceback" not in err
    assert GBK_SAID in out + err


@pytest.mark.parametrize("data", [
    # UTF-8 with one line pasted in as GBK: the whole reads as GBK too (网格任务's UTF-8 bytes are GBK pairs)
    "# 网格任务\n".encode("utf-8") + "# 备注\n".encode("gbk") + b"id: T-1\n",
    b"\x00\x01\x02\x81\x40\xff\x00\x10" * 8,  # a binary file
])
def test_bytes_that_are_no_gbk_text_are_not_called_gbk(capsys, monkeypatch, tmp_path, data):
    path = tmp_path / "t.yaml"
    path.write_bytes(data)
    err = _refused(capsys, monkeypatch, ["check-task", str(path)])
    assert "不是 UTF-8 文本（第" in err and "文件不是 UTF-8 编码（看来是" not in err


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_a_task_and_a_batch_saved_as_utf16_without_a_byte_order_mark_are_said_to_be_utf16(capsys, monkeypatch,
                                                                                         tmp_path, encoding):
    """Some Windows tools save UTF-16 with no byte order mark: said so for the whole file, not "not UTF-8"
    at a byte, nor a control character U+0000 (YAML), nor "not JSON" on every line (JSON Lines)."""
    task = _saved(tmp_path, "task.yaml", (EXAMPLES / "task.yaml").read_text(encoding="utf-8"), encoding)
    assert f"{task}: {UTF16_SAID}" in _refused(capsys, monkeypatch, ["check-task", task])
    plain = _saved(tmp_path, "plain.yaml", "id: T-1\ntitle: visit\ndepartment: minzheng\nstart: 2026-12-01\n", encoding)
    assert f"{plain}: {UTF16_SAID}" in _refused(capsys, monkeypatch, ["check-task", plain])  # reads as UTF-8 with zeros
    lines = "".join(json.dumps({"id": f"T-{n}", "title": "走访", "department": "minzheng", "activities": ["visit"],
                                "start": "2026-12-01"}, ensure_ascii=False) + "\n" for n in range(5))
    batch = _saved(tmp_path, "tasks.jsonl", lines, encoding)
    err = _refused(capsys, monkeypatch, ["check-task", batch, "--batch"])
    assert err.count(UTF16_SAID) == 1 and f"{batch}: {UTF16_SAID}" in err
