"""Every command and option has its Chinese help (a command added without it fails here)."""

from __future__ import annotations

import json

import click
import pytest

import shlex
import shutil
from pathlib import Path

from gridrules.catalogue.help import EXAMPLES, chinese_help, examples_of
from gridrules.cli.conventions import commands
from gridrules.cli.main import cli, main


def test_every_command_and_option_has_chinese_help():
    missing = []
    for path, command in commands(cli):
        if chinese_help(path) is None:
            missing.append(path or "gridrules")
        for param in command.params:
            if isinstance(param, click.Option) and not param.hidden:
                keys = [f"{path} {opt}".strip() for opt in param.opts]
                if all(chinese_help(k) is None for k in keys):
                    missing.append(f"{path} {param.opts[-1]}")
    assert missing == []


def test_help_is_chinese_by_default_and_english_with_lang_en(capsys, monkeypatch):
    monkeypatch.setenv("GRIDRULES_LANG", "zh")
    assert main(["route", "--help"]) == 0
    out = capsys.readouterr().out
    assert "用法：" in out and "给事件定级" in out and "选项" in out
    assert main(["route", "--help", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Usage:" in out and "Grade an event" in out
    assert main(["route", "--lang", "zh", "--nope"]) == 2
    assert "没有这个选项「--nope」" in capsys.readouterr().err


def test_click_sentences_end_with_a_chinese_full_stop_in_chinese_only(capsys):
    """click writes its own full stop after a missing argument; in Chinese it is 。"""
    assert main(["check-task", "--lang", "zh"]) == 2
    assert capsys.readouterr().err.rstrip().endswith("错误：缺少参数「FILE|-」。")
    assert main(["check-task", "--lang", "en"]) == 2
    assert capsys.readouterr().err.rstrip().endswith("Error: Missing argument 'FILE|-'.")


def test_a_number_option_given_words_names_the_number_in_chinese(capsys):
    """click fills in its English type name (integer range, float) after its sentence is translated."""
    assert main(["bench", "--n", "abc", "--lang", "zh"]) == 2
    err = capsys.readouterr().err
    assert "「--n」的值不对：「abc」不是有效的整数。" in err and "range" not in err, err
    assert main(["bench", "--n", "abc", "--lang", "en"]) == 2
    assert "'abc' is not a valid integer range." in capsys.readouterr().err


def test_a_group_says_what_each_of_its_commands_does_in_chinese_at_80_columns(capsys, monkeypatch):
    """click cuts a summary that does not fit at a blank; Chinese has none, so a long first paragraph
    came out as「history restart  ...」. Each command's first paragraph is its summary, whole."""
    monkeypatch.setenv("COLUMNS", "80")
    cut, unlisted = [], []
    for path, command in commands(cli):
        if not isinstance(command, click.Group):
            continue
        assert main([*path.split(), "--help", "--lang", "zh"]) == 0
        out = capsys.readouterr().out
        listed = out.split("命令:", 1)[1].split("例：", 1)[0]
        cut += [f"{path} {line.strip()}" for line in listed.splitlines() if line.rstrip().endswith("...")]
        # a group whose help lists its commands by hand (admission) lists them all
        kept = [block.split("\n\n")[0] for block in (chinese_help(path) or "").split("\b\n")[1:]]  # as written
        heads = {line.split()[0] for block in kept for line in block.splitlines() if line.split()}
        if heads & set(command.commands):
            unlisted += [f"{path} {name}" for name in command.commands if name not in heads]
    assert cut == [] and unlisted == []


EXAMPLES_DIR = Path(__file__).resolve().parents[2] / "examples"
# what an example exits with when it is not 0, and why (the others exit 0)
NOT_ZERO = {
    "gridrules history record --reason 更正L05频次笔误 --pack 规则包": 1,  # nothing was edited by hand in this session
    "gridrules history restart --pack 规则包": 1,  # refused: this session's history records decisions
}
# started, they would not return (the service) or need a token only known once issued
NOT_RUN = {"serve", "token revoke"}


def test_every_leaf_command_shows_an_example():
    leaves = {path for path, command in commands(cli) if path and not isinstance(command, click.Group)}
    assert sorted(leaves - {path for path, _ in EXAMPLES}) == []
    assert {path for path, _ in EXAMPLES} <= {path for path, _ in commands(cli)}


def test_the_examples_shown_under_help_work_in_order_as_one_session(capsys, monkeypatch, tmp_path):
    """Every example line of every command's help, run in order from a copy of examples/: each
    works (exit 0, or the exit its note gives), so the help never shows a command that fails."""
    shutil.copytree(EXAMPLES_DIR, tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    for path, line in EXAMPLES:
        args = shlex.split(line)
        assert args[0] == "gridrules" and " ".join(args[1:]).startswith(path), line
        if path in NOT_RUN:
            command, rest = cli, args[1:]
            for word in path.split():
                command, rest = command.commands[word], rest[1:]
            with command.make_context(path, rest) as context:  # its options and arguments parse
                assert context.params
            continue
        code = main(args[1:])
        out = capsys.readouterr()
        assert code == NOT_ZERO.get(line, 0), (line, out.out[-2000:], out.err[-2000:])
    assert (tmp_path / "清单.xlsx").is_file() and (tmp_path / "考核.html").is_file()
    assert main(["history", "verify", "--pack", "规则包"]) == 0
    # the service's configuration the token examples write is JSON, and named so (serve's example reads it)
    configs = {arg for _, line in EXAMPLES for flag, arg in zip(shlex.split(line), shlex.split(line)[1:])
               if flag == "--config"}
    assert configs == {"服务配置.json"}
    assert json.loads((tmp_path / "服务配置.json").read_text(encoding="utf-8"))["tokens"]
    # the registry example adds its one grid and removes none: the pack's own cases still pass
    assert main(["test", "--pack", "规则包"]) == 0, capsys.readouterr().out[-3000:]


def test_the_examples_are_shown_under_the_commands_help(capsys):
    assert main(["admission", "amend", "--help", "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert "例：" in out and examples_of("admission amend")[0] in out
    assert main(["check-task", "--help", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Examples:" in out and "  gridrules check-task examples/走访任务.yaml --at 2026-12-01" in out
    assert main(["temporary", "--help", "--lang", "zh"]) == 0  # a group: its subcommands' examples
    out = capsys.readouterr().out
    assert all(line in out for line in examples_of("temporary approve") + examples_of("temporary withdraw"))


@pytest.mark.parametrize("lang, default", [("zh", "[默认：gridrules-serve.json]"), ("en", "[default: gridrules-serve.json]")])
def test_serve_shows_the_configuration_file_it_reads_by_default(capsys, lang, default):
    assert main(["serve", "--help", "--lang", lang]) == 0
    out = "".join(capsys.readouterr().out.split())  # as wrapped: no blank inside the words
    assert default.replace(" ", "") in out
