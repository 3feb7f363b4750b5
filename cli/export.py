"""``gridrules export KIND --xlsx FILE | --csv FILE``: a published list as a district prints it."""

from __future__ import annotations

from datetime import datetime

import click

from gridrules.catalogue import t
from gridrules.engine.loading import load_pack
from gridrules.errors import InputError, Problem
from gridrules.tables.published import EXPORTS
from gridrules.tables.writer import write_table

from .common import pack_option, parse_day


@click.command("export")
@click.argument("kind", type=click.Choice(sorted(EXPORTS)))
@click.option("--xlsx", "xlsx", default=None, metavar="FILE", help="Write an Excel workbook.")
@click.option("--csv", "csv_file", default=None, metavar="FILE", help="Write a csv file (UTF-8, opens in Excel).")
@click.option("--at", "at", default=None, metavar="DAY", help="The day (or moment) the list is in force on (default: today).")
@pack_option
def export(kind: str, xlsx: str | None, csv_file: str | None, at: str | None, pack_dir: str | None) -> int:
    """Export the admission list (items), temporary approvals, the negative list, duties, event
    types or the registry, with Chinese headers, as in force on --at."""
    if (xlsx is None) == (csv_file is None):  # where to write is asked for, once
        raise InputError(Problem(t("cli.one_export" if xlsx is not None else "cli.no_export"), field="--xlsx/--csv"))
    pack = load_pack(pack_dir)
    on = parse_day(at) or datetime.now(pack.tz).date()
    table = EXPORTS[kind](pack, on)
    target = xlsx if xlsx is not None else csv_file
    assert target is not None
    write_table(target, table.sheet, table.title, table.headers, table.rows, "xlsx" if xlsx is not None else "csv")
    click.echo(t("screen.export.written", title=t(f"title.{table.sheet}"), rows=len(table.rows), file=target), err=True)
    return 0


COMMANDS = (export,)
