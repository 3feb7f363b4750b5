"""Options and helpers shared by the commands (parsing and printing only)."""

from __future__ import annotations

import json
import os
import pathlib
from datetime import date, datetime, tzinfo
from typing import Any, overload

import click

import gridrules
from gridrules.engine.loading import load_pack
from gridrules.contract.base import moment_option, parse_date
from gridrules.catalogue import t
from gridrules.errors import InputError, Problem

FORMATS = ("text", "json")


def pack_option(func):
    return click.option(
        "--pack",
        "pack_dir",
        type=click.Path(file_okay=False, path_type=str),
        default=None,
        help="Rule pack folder (default: the pack bundled with gridrules).",
    )(func)


def one_pack(argument: str | None, option: str | None) -> str | None:
    """``validate PACK`` and ``validate --pack PACK`` are the same; both at once must agree."""
    if (argument is not None and option is not None
            and pathlib.Path(argument).resolve() != pathlib.Path(option).resolve()):
        raise InputError(Problem(t("cli.two_packs", argument=argument, option=option), field="--pack"))
    return option if option is not None else argument


def format_option(choices: tuple[str, ...] = FORMATS):
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=choices[0],
        show_default=True,
        help="text: readable Chinese for people; json: documents for systems.",
    )


def at_option(help_text: str):
    return click.option("--at", "at", default=None, metavar="DATETIME", help=help_text)


@overload
def parse_at(value: str, tz: tzinfo) -> datetime: ...
@overload
def parse_at(value: None, tz: tzinfo) -> None: ...
@overload
def parse_at(value: str | None, tz: tzinfo) -> datetime | None: ...


def parse_at(value: str | None, tz: tzinfo) -> datetime | None:
    """``--at`` as an aware datetime: a date-time with its UTC offset, or a date meaning 00:00
    of that day in the pack's local offset ``tz`` (the same reading as the library's ``at=``)."""
    return moment_option(value, "--at", tz)


def warn_if_edited(pack: Any) -> None:
    """Say on stderr (decisions still go to stdout) when pack files changed outside the workflow."""
    state = pack.integrity
    if state is not None and state.tracked and not state.intact:
        click.echo(t("cli.edited_warning", root=pack.root, drift="; ".join(state.drift()), hint=state.way_forward()),
                   err=True)


def parse_day(value: str | None) -> date | None:
    """``--at`` as a day: YYYY-MM-DD or as people write one (2026年12月1日: ``parse_date``), or a moment
    with its UTC offset (judged on its own calendar day)."""
    if value is None:
        return None
    try:
        return parse_date(value)
    except ValueError:
        return parse_moment_option(value).date()  # InputError (exit 2) when it is neither


def parse_moment_option(value: str) -> datetime:
    found = moment_option(value, "--at")
    assert found is not None
    return found


def emit_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def print_version(ctx: click.Context, _param: Any, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    pack = load_pack()
    click.echo(f"gridrules {gridrules.__version__}")
    click.echo(t("cli.bundled_pack", name=pack.info.name, version=pack.info.version, digest=pack.info.digest))
    ctx.exit(0)


def output_files(**given: str | None) -> None:
    """Files a command is asked to write (``given``: option name -> path; None: not asked), checked before
    any work is done: a folder that does not exist, or a path that is a folder, is refused naming the
    option -- not found, as "cannot write …: no such file", after the whole run.  Every such option at once."""
    problems = []
    for option, path in given.items():
        if path is None or path == "":
            continue
        folder = os.path.dirname(os.path.abspath(path))
        if os.path.isdir(path):
            problems.append(Problem(t("out.is_folder", path=path), field=option))
        elif not os.path.isdir(folder):
            problems.append(Problem(t("out.no_folder", folder=os.path.dirname(path) or folder), field=option))
    if problems:
        raise InputError(problems)
