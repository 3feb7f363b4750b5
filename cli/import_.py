"""``gridrules import registry|items FILE``: a district's spreadsheet read into the pack.

``import registry`` shows the change to the registry as a diff and writes it only
with ``--apply``; ``import items`` turns a table of new or amended items into
reviewed applications (nothing is written into the pack).
"""

from __future__ import annotations

from datetime import date, datetime

import click

from gridrules.catalogue import t
from gridrules.engine.loading import load_pack
from gridrules.errors import InputError, Problem
from gridrules.tables.itemsheet import absent_items, read_items, read_items_table, write_applications
from gridrules.tables.published import as_of
from gridrules.tables.sheet import Place, Table
from gridrules.tables.registry import apply_import, plan_import, read_registry_table

from .common import at_option, emit_json, format_option, pack_option, parse_at
from .import_text import render_items, render_plan
from .writing import ref

@click.group("import")
def import_group() -> None:
    """Read a district's spreadsheet (xlsx or csv): `items` reviews new and amended list items without changing
    the pack (new items may be written as applications); `registry` writes communities and grids into the pack
    (with --apply)."""


@import_group.command("registry")
@click.argument("path", metavar="FILE")
@click.option("--sheet", default=None, help="The workbook's sheet (default: the first).")
@click.option("--replace", is_flag=True, help="The file is the whole registry: remove units of towns it does not cover.")
@click.option("--apply", "apply_", is_flag=True, help="Write the change into the pack (otherwise only show it).")
@pack_option
@format_option()
def registry(path: str, sheet: str | None, replace: bool, apply_: bool, pack_dir: str | None, fmt: str) -> int:
    """Import communities and grids (镇街, 村(社区), 网格名称, 网格编码, …) from FILE into the pack (with --apply).

    Without --apply the change is only shown.  Exit 0; 2 when a row is bad (each
    one named as sheet!G15; nothing is written)."""
    version = None
    if apply_:
        plan, version = apply_import(pack_dir, path, replace=replace, sheet=sheet)
    else:
        pack = load_pack(pack_dir)
        plan = plan_import(pack, read_registry_table(pack, path, sheet), click.format_filename(path), replace)
    if fmt == "json":
        emit_json(plan.as_dict() | {"written": version is not None, "version": version})
        return 0
    click.echo(render_plan(plan, load_pack(pack_dir)))
    if version is not None:
        click.echo(t("screen.import.written", version=version), err=True)
    elif apply_:
        click.echo(t("screen.import.unchanged"), err=True)
    elif not plan.empty:
        click.echo(t("screen.import.dry_run"), err=True)
    return 0


@import_group.command("items")
@click.argument("path", metavar="FILE")
@click.option("--sheet", default=None, help="The workbook's sheet (default: the first).")
@click.option("--out", "out_dir", default=None, type=click.Path(file_okay=False), metavar="DIR",
              help="Write each new item's application here (for `gridrules admission approve`).")
@click.option("--id-prefix", default=None, metavar="PREFIX",
              help="New applications are PREFIX-ROW (default: APP-<date of the review>).")
@pack_option
@format_option()
@at_option("The day of the review (default: the day a published table's title says it lists, else now).")
def items(path: str, sheet: str | None, out_dir: str | None, id_prefix: str | None, pack_dir: str | None,
          fmt: str, at: str | None) -> int:
    """Review a table of new or amended list items (the published list's headers); the pack is not
    changed, --out writes applications.

    Nothing is written into the pack: new items become applications, amended
    ones the `admission amend` command that records the meeting's decision.
    Exit 0 when every row is unchanged or recommended for approval, 1 otherwise,
    2 when a row is malformed."""
    pack = load_pack(pack_dir)
    moment = parse_at(at, pack.tz)
    table = read_items_table(path, sheet, pack)
    on = _review_day(table, moment.astimezone(pack.tz).date() if moment else None, datetime.now(pack.tz).date())
    prefix = ref(id_prefix, "--id-prefix") if id_prefix else f"APP-{on:%Y%m%d}"
    exported = as_of(table.above)
    rows = read_items(pack, table, on, prefix, exported.changes if exported else None)
    # an exported list whose rows were deleted: deleting a row withdraws nothing, so say which are gone
    # (a table a clerk made lists only what it asks for: nothing is missing from it)
    # (an item approved after the export is not in it: newer than the table, not deleted from it)
    absent, later = absent_items(pack, on, rows, exported.changes) if exported is not None else ([], [])
    written = write_applications(out_dir, rows) if out_dir else []
    if fmt == "json":
        emit_json({"rows": [r.as_dict(pack_dir) for r in rows], "absent": absent, "approved_since": later,
                   "written": written})
    else:
        click.echo(render_items(rows, pack, pack_dir, absent, later))
        for file in written:
            click.echo(t("screen.import.app_written", file=file), err=True)
    return 0 if all(r.review is None or r.review.recommendation == "approve" or (r.kind == "amend" and not r.new_blocking)
                    for r in rows) else 1


def _review_day(table: Table, given: date | None, today: date) -> date:
    """The day a table is compared with the list on: the day its title says it was published as of
    (the list then, not today's: what changed between would read as the clerk's amendments), unless
    ``--at`` says another -- then refused, naming the title; a table without such a title: ``--at``
    or today."""
    exported = as_of(table.above)
    if exported is None:
        return given or today
    if given is not None and given != exported.day:
        raise InputError(Problem(t("sheet.as_of_differs", day=exported.day, at=given), Place(table.sheet, exported.row, 1),
                                 "--at"))
    return exported.day


COMMANDS = (import_group,)
