"""A problem names an option as the user typed it.

An option may have several spellings (``temporary approve --unit`` or ``--town``,
``--to`` or ``--end``); the code that finds a problem knows only one of them.  Before
a problem is shown, a field that is a spelling of an option the user gave is
replaced by the spelling the user typed (``as_typed``).
"""

from __future__ import annotations

from dataclasses import replace

import click

from gridrules.errors import Problem


def invoked(group: click.Command, args: list[str]) -> click.Command:
    """The command ``args`` run (the deepest subcommand named)."""
    command = group
    for arg in args:
        if arg == "--":
            break
        if isinstance(command, click.Group) and arg in command.commands:
            command = command.commands[arg]
    return command


def spellings_typed(command: click.Command, args: list[str]) -> dict[str, str]:
    """Every spelling of an option the user gave under another spelling -> the spelling typed."""
    out: dict[str, str] = {}
    for param in command.params:
        names = [*param.opts, *param.secondary_opts] if isinstance(param, click.Option) else []
        if len(names) < 2:
            continue
        typed = None
        for arg in args:
            if arg == "--":
                break
            for name in names:
                if arg == name or arg.startswith(f"{name}="):
                    typed = name  # the last one given is the one click kept
        if typed is not None:
            out.update({name: typed for name in names if name != typed})
    return out


def as_typed(problems: list[Problem], group: click.Command, args: list[str]) -> list[Problem]:
    """``problems`` with each option field named as the user typed it."""
    typed = spellings_typed(invoked(group, args), args)
    return [replace(p, field=typed[p.field]) if p.field in typed else p for p in problems]
