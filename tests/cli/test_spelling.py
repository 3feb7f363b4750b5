"""A problem names an option as the user typed it, whichever of its spellings that was."""

from __future__ import annotations

import pytest

from gridrules.cli.main import cli, main
from gridrules.cli.spelling import invoked, spellings_typed

APPROVE = ["temporary", "approve", "--ref", "TX-2026-12", "--date", "2026-12-01", "--work", "走访", "--activities", "visit"]


@pytest.mark.parametrize("option", ["--town", "--unit"])
def test_an_unknown_town_is_named_by_the_option_typed(capsys, pack_copy, option):
    code = main([*APPROVE, option, "nope", "--to", "2027-02-28", "--pack", str(pack_copy)])
    err = capsys.readouterr().err
    assert code == 2 and f"{option}: " in err and "nope" in err
    other = "--unit" if option == "--town" else "--town"
    assert f"{other}:" not in err


@pytest.mark.parametrize("option", ["--to", "--end"])
def test_an_end_before_the_start_is_named_by_the_option_typed(capsys, pack_copy, option):
    code = main([*APPROVE, "--town", "tangxiang", f"{option}=2026-11-01", "--pack", str(pack_copy)])
    err = capsys.readouterr().err
    assert code == 2 and f"  {option}: " in err


def test_list_names_the_unit_option_as_typed(capsys, pack_copy):
    assert main(["temporary", "list", "--unit", "nope", "--pack", str(pack_copy)]) == 2
    assert "--unit: " in capsys.readouterr().err


def test_only_the_options_given_under_another_spelling_are_renamed():
    args = ["--lang", "en", "temporary", "approve", "--town", "x", "--from", "2026-01-01", "--note", "list"]
    command = invoked(cli, args)
    assert command.name == "approve"
    assert spellings_typed(command, args) == {"--unit": "--town", "--effective": "--from"}
