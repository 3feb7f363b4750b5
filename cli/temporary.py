"""``gridrules temporary``: temporary approvals (临时事项) by the bodies that give them (a town's 专题研究)."""

from __future__ import annotations

from datetime import datetime

import click

from gridrules.catalogue import t

from gridrules.engine.loading import load_pack
from gridrules.change.temporary import (TemporaryRequest, approval_name, approve_temporary, list_approvals,
                                       period_said, status_said, withdraw_temporary)

from gridrules.pack.names import named, named_list
from gridrules.pack.params import CAPACITY

from .common import at_option, emit_json, format_option, pack_option, parse_at
from .table import render
from .writing import amount, approval_hours, codes, day, ref, report_change


@click.group("temporary")
def temporary() -> None:
    """Temporary approvals by the bodies that give them (a town's 专题研究): record, withdraw, list."""


@temporary.command("approve")
@click.option("--unit", "--town", "unit", required=True, help="The unit (id) whose body decided (a town for its 专题研究).")
@click.option("--ref", "reference", required=True, help="The decision's reference, e.g. TX-2026-12.")
@click.option("--date", "decided", required=True, metavar="YYYY-MM-DD", help="Date of the decision.")
@click.option("--work", required=True, help="The phased work, in Chinese.")
@click.option("--activities", required=True, metavar="A,B", help="The grid activities it admits.")
@click.option("--effective", "--from", "valid_from", default=None, metavar="YYYY-MM-DD",
              help="When it takes effect: its first day (default: the decision's date).")
@click.option("--to", "--end", "valid_to", required=True, metavar="YYYY-MM-DD", help="Last day (end date).")
@click.option("--hours", default=None, metavar="HOURS", help="Workload it adds, hours per grid per month.")
@click.option("--note", default=None, help="A note kept with the approval.")
@click.option("--override", default=None, metavar="REASON",
              help="The body decided despite its town's workload going over capacity: why (recorded in the history).")
@pack_option
@format_option()
def approve(unit, reference, decided, work, activities, valid_from, valid_to, hours, note, override, pack_dir,
            fmt) -> int:
    """Record a body's temporary approval (negative list, maximum length and capacity enforced; exit 1 if refused)."""
    decided_on = day(decided, "--date")
    pack = load_pack(pack_dir)
    if unit not in pack.tree.units:  # a town may be named by its Chinese name
        unit = named(pack, "town", unit, "--unit")
    request = TemporaryRequest(
        unit=unit, ref=ref(reference, "--ref"), decided_on=decided_on, work=work,
        activities=named_list(pack, "activity", codes(activities) or [], "--activities"),
        valid_from=day(valid_from, "--effective") or decided_on,
        valid_to=day(valid_to, "--to"), hours_per_month=None if hours is None else amount(hours, "--hours"), note=note,
    )
    return report_change(
        lambda: approve_temporary(pack_dir, request, override=override), fmt, pack_dir,
        lambda outcome: t("screen.temporary.recorded", approval=approval_name(pack, unit), ref=reference, work=work,
                          start=request.valid_from, end=request.valid_to))  # findings in words (writing.with_ids)


@temporary.command("withdraw")
@click.argument("reference", metavar="REF")
@click.option("--date", "on", required=True, metavar="YYYY-MM-DD",
              help="Date of the decision to withdraw it (never in the future).")
@click.option("--effective", default=None, metavar="YYYY-MM-DD",
              help="From when work starting then is no longer admitted (default: the decision's date).")
@click.option("--decision", "decision_ref", default=None, metavar="REF",
              help="Reference of the decision to withdraw it (default: the approval's own).")
@click.option("--reason", default=None)
@pack_option
@format_option()
def withdraw(reference, on, effective, decision_ref, reason, pack_dir, fmt) -> int:
    """Withdraw a temporary approval from a date (its last day is the day before)."""
    return report_change(
        lambda: withdraw_temporary(pack_dir, reference, day(on, "--date"), reason,
                                   ref(decision_ref, "--decision") if decision_ref else None,
                                   effective=day(effective, "--effective")), fmt, pack_dir,
        lambda outcome: t("screen.temporary.withdrawn", ref=reference,
                          effective=day(effective, "--effective") or day(on, "--date")))


@temporary.command("list")
@click.option("--unit", "--town", "town", default=None, help="Only this unit's approvals.")
@click.option("--all", "include_all", is_flag=True, help="Include expired, withdrawn and not yet decided ones.")
@pack_option
@format_option()
@at_option("List as of this moment (default: now).")
def list_cmd(town, include_all, pack_dir, fmt, at) -> int:
    """Temporary approvals in force or about to start (or all of them)."""
    pack = load_pack(pack_dir)
    moment = parse_at(at, pack.tz) or datetime.now(pack.tz)
    on = moment.astimezone(pack.tz).date()
    town = named(pack, "town", town, "--town") if town else None
    found = list_approvals(pack, on, town, include_all)
    # a town deciding new work sees what its grids carry that day: the list's items and its approvals (policy §8)
    load = (pack.listed_hours(on, town=town), pack.parameter(CAPACITY)) if town in pack.towns else None
    if fmt == "json":
        emit_json({
            "at": moment.isoformat(),
            "pack": {"name": pack.info.name, "version": pack.info.version, "digest": pack.info.digest},
            "approvals": [a.model_dump(mode="json", by_alias=True) | {"status": s} for a, s in found],
        } | ({"listed": {"town": town, "hours": load[0], "capacity": load[1]}} if load else {}))
        return 0
    rows = [[a.ref, pack.tree.name_of(a.unit), str(a.decided_on), a.work,
             t("words.list_sep").join(pack.activity_name(x) for x in a.activities),
             period_said(pack, a, on), approval_hours(a), status_said(a, s, on)]
            for a, s in found]
    click.echo(t("screen.temporary.title", on=on, count=len(rows)))
    click.echo(render(["批复编号", "单位", "决定日期", "工作", "活动", "起止", "工时", "状态"], rows) if rows
               else t("table.none"))
    if load:
        hours, limit = load
        click.echo("\n" + t("screen.temporary.load", town=pack.tree.name_of(town), on=on, hours=f"{hours:g}",
                            limit="—" if limit is None else f"{limit:g}",
                            over=t("screen.temporary.over") if limit is not None and hours > limit else ""))
    return 0


COMMANDS = [temporary]
