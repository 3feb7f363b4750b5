"""Every command and option has its Chinese help (a command added without it fails here)."""

from __future__ import annotations

import click

from gridrules.catalogue.help import chinese_help
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
    assert "没有这个选项 '--nope'" in capsys.readouterr().err


def test_click_sentences_end_with_a_chinese_full_stop_in_chinese_only(capsys):
    """click writes its own full stop after a missing argument; in Chinese it is 。"""
    assert main(["check-task", "--lang", "zh"]) == 2
    assert capsys.readouterr().err.rstrip().endswith("错误：缺少参数 'FILE|-'。")
    assert main(["check-task", "--lang", "en"]) == 2
    assert capsys.readouterr().err.rstrip().endswith("Error: Missing argument 'FILE|-'.")


def test_a_number_option_given_words_names_the_number_in_chinese(capsys):
    """click fills in its English type name (integer range, float) after its sentence is translated."""
    assert main(["bench", "--n", "abc", "--lang", "zh"]) == 2
    err = capsys.readouterr().err
    assert "'abc' 不是有效的整数。" in err and "range" not in err, err
    assert main(["bench", "--n", "abc", "--lang", "en"]) == 2
    assert "'abc' is not a valid integer range." in capsys.readouterr().err
