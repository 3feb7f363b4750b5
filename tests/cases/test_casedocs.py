"""docs/cases.md's examples run: each case file it shows passes on the bundled pack, and the
mistyped one is refused with the very lines the document prints (a test fails when they part)."""

from __future__ import annotations

import pathlib
import re

import pytest

from gridrules.cli.main import main

DOC = pathlib.Path(__file__).resolve().parents[2] / "docs" / "cases.md"
TEXT = DOC.read_text(encoding="utf-8")
YAML = re.findall(r"```yaml\n(.*?)```", TEXT, flags=re.S)
GOOD = [block for block in YAML if not block.startswith("# 写错")]
[BAD] = [block for block in YAML if block.startswith("# 写错")]


def _test(capsys, monkeypatch, tmp_path, text: str) -> tuple[int, str, str]:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "用例.yaml").write_text(text, encoding="utf-8")
    code = main(["test", "用例.yaml", "--lang", "zh"])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_the_document_shows_case_files_of_each_kind_it_describes():
    assert len(GOOD) == 2 and "kind: task" in GOOD[0] and "kind: event" in GOOD[1]
    assert "error: leader" in GOOD[1]


@pytest.mark.parametrize("block", GOOD, ids=["task", "event"])
def test_every_case_file_shown_passes(capsys, monkeypatch, tmp_path, block):
    code, out, err = _test(capsys, monkeypatch, tmp_path, block)
    assert code == 0 and err == "", out + err
    assert "✗" not in out


def test_the_mistyped_case_file_is_refused_as_shown(capsys, monkeypatch, tmp_path):
    shown = re.search(r"```yaml\n# 写错.*?```\s*```text\n(.*?)```", TEXT, flags=re.S)
    assert shown is not None
    code, out, err = _test(capsys, monkeypatch, tmp_path, BAD)
    assert code == 2 and out == ""
    assert err.splitlines() == shown.group(1).splitlines()
