"""Case files are listed and read as a pack's files are: a link or a special file is refused, never followed."""

from __future__ import annotations

import os

import pytest

from gridrules.cases.suite import load_cases
from gridrules.cli.main import main
from gridrules.errors import InputError, PackError

CASE = "kind: event\ncases:\n  - name: 外部用例\n    input: {}\n    expect: {error: x}\n"


@pytest.fixture
def cases(tmp_path):
    folder = tmp_path / "cases" / "tasks"
    folder.mkdir(parents=True)
    outside = tmp_path / "out"
    outside.mkdir()
    (outside / "ext.yaml").write_text(CASE, encoding="utf-8")
    return tmp_path / "cases", outside / "ext.yaml"


def test_a_linked_case_file_is_refused_at_its_path(cases):
    root, outside = cases
    (root / "tasks" / "zz_ext.yaml").symlink_to(outside)
    with pytest.raises(PackError) as caught:
        load_cases(root)
    assert f"{root}/tasks/zz_ext.yaml: a symbolic link" in str(caught.value)


def test_a_linked_folder_of_cases_is_refused(cases):
    root, outside = cases
    (root / "more").symlink_to(outside.parent)
    with pytest.raises(PackError, match="more: a symbolic link"):
        load_cases(root)


def test_a_fifo_among_the_cases_is_refused_not_skipped(cases):
    root, _ = cases
    (root / "tasks" / "ok.yaml").write_text(CASE, encoding="utf-8")
    os.mkfifo(root / "tasks" / "pipe.yaml")
    with pytest.raises(PackError, match="pipe.yaml: a FIFO"):
        load_cases(root)


def test_gridrules_test_refuses_a_pack_whose_cases_hold_a_link(capsys, tmp_path):
    pack = tmp_path / "pack"
    assert main(["init", str(pack)]) == 0
    (pack / "cases" / "evil.yaml").symlink_to("/etc/passwd")
    capsys.readouterr()
    assert main(["test", "--pack", str(pack)]) == 2
    err = capsys.readouterr()
    assert f"{pack}/cases/evil.yaml: a symbolic link" in err.out + err.err
    assert "root:" not in err.out + err.err


@pytest.mark.parametrize("line, said", [
    ("       activities: [visit, report]", "第 10 行比第 9 行的键「department」多缩进了 1 格"),
    ("     activities: [visit, report]", "第 10 行比第 9 行的键「department」少缩进了 1 格"),
])
def test_a_case_file_indented_wrongly_is_told_so_at_its_line(tmp_path, line, said):
    """A bundled case file with one line of its input one space off: the indentation is named
    (YAML itself says a "键: 值" is not allowed there, or a key is missing)."""
    from importlib import resources

    from gridrules.catalogue import set_language

    text = resources.files("gridrules.rules").joinpath("cases/tasks/admitted.yaml").read_text("utf-8")
    lines = text.splitlines()
    assert lines[9] == "      activities: [visit, report]"  # the fixture's own line 10
    lines[9] = line
    folder = tmp_path / "tasks"
    folder.mkdir()
    (folder / "admitted.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    set_language("zh")
    try:
        with pytest.raises(InputError) as refused:
            load_cases(tmp_path)
    finally:
        set_language(None)
    [problem] = refused.value.problems
    assert str(problem).startswith(f"{folder / 'admitted.yaml'}:10:") and said in problem.message, str(problem)
