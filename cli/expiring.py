"""``gridrules expiring --within 14d``: list items and temporary approvals about to lapse."""

from __future__ import annotations

from datetime import datetime

import click

from gridrules.catalogue import t

from gridrules.change.expiring import expiring, parse_window
from gridrules.engine.loading import load_pack

from .common import at_option, emit_json, format_option, pack_option, parse_at
from .table import render

@click.command("expiring")
@click.option("--within", default="14d", show_default=True, metavar="N[d|w]",
              help="The window: days (14d, 14天), weeks (2w, 2周) or calendar months from the day (1个月).")
@pack_option
@format_option()
@at_option("Count from this moment (default: now).")
def expiring_cmd(within: str, pack_dir: str | None, fmt: str, at: str | None) -> int:
    """List items and towns' approvals in force whose last day falls within the window."""
    pack = load_pack(pack_dir)
    moment = parse_at(at, pack.tz) or datetime.now(pack.tz)
    on = moment.astimezone(pack.tz).date()
    days = parse_window(within, on)  # a month's days depend on the day it counts from
    found = expiring(pack, on, days)
    if fmt == "json":
        emit_json({
            "at": moment.isoformat(), "within_days": days,
            "pack": {"name": pack.info.name, "version": pack.info.version, "digest": pack.info.digest},
            "expiring": [x.as_dict() for x in found],
        })
        return 0
    rows = []
    for x in found:
        who = t("words.list_sep").join(pack.departments[o].name if o in pack.departments else pack.towns[o].name
                                       for o in x.responsible)
        rows.append([t(f"screen.expiring.kind.{x.kind}"), x.code, x.name, who,
                     t("screen.show.from_to", start=x.starts, end=x.ends), t(f"status.{x.state(on)}"),
                     t("screen.expiring.days_left", days=x.days_left)])
    click.echo(t("screen.expiring.title", on=on, days=days, count=len(rows)))
    click.echo(render(["类别", "编号", "名称", "负责", "起止", "状态", "剩余"], rows) if rows else t("table.none"))
    return 0


COMMANDS = [expiring_cmd]
