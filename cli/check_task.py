"""``gridrules check-task FILE|-``: may this work go to grid workers?"""

from __future__ import annotations

import click

from gridrules import Checker
from gridrules.catalogue import t
from gridrules.change.temporary import approval_name
from gridrules.contract.documents import TaskDecision
from gridrules.decide.inputs import validate_task
from gridrules.engine.loading import load_pack
from gridrules.pack.pack import Pack

from gridrules.decide import labels
from .common import at_option, format_option, pack_option, parse_at, warn_if_edited
from .docio import decide_command
from .log import log_option, opened_log


def exit_code(decision: TaskDecision) -> int:
    return 0 if decision.verdict in ("admitted", "temporary") else 1


def render(decision: TaskDecision, pack: Pack, title: str | None = None) -> str:
    lines = [t("dec.task.head", task=decision.task) + (f"  {title}" if title else "")]
    verdict = labels.verdict_words(decision.verdict, decision.flags, rules=[r.rule for r in decision.reasons])
    if decision.verdict == "admitted" and decision.list_item is not None:  # an admitted task names its item
        item = pack.items_by_id[decision.list_item]
        until = t("dec.task.valid_until", date=decision.valid_until) if decision.valid_until else t("dec.task.no_end")
        verdict += t("dec.task.item", item=item.id, name=item.name, duty=decision.duty, until=until)
    elif decision.verdict == "temporary":
        approval = pack.approvals_by_ref[decision.temporary_approval or ""]
        verdict += t("dec.task.approval", name=approval_name(pack, approval.unit), ref=approval.ref,
                     until=decision.valid_until)
    lines.append(t("dec.task.verdict", verdict=verdict))
    level = pack.levels[pack.level_rank[decision.responsible_level]].name
    lines.append(t("dec.task.level", level=level, meaning=labels.level_meaning(decision.verdict, decision.flags, level)))
    if decision.verdict == "admitted":
        subsidy = t("dec.task.not_listed") if not decision.subsidy else t("dec.task.subsidy", amount=f"{decision.subsidy:g}")
        owner = pack.issuer_name(decision.training_owner) if decision.training_owner else t("dec.task.not_listed")
        lines.append(t("dec.task.funding", subsidy=subsidy, owner=owner,
                       departments=t("dec.joiner").join(pack.issuer_name(d) for d in decision.accountable)))
    if decision.risk:
        lines.append(t("dec.risk", risk=pack.risk_levels[decision.risk].name)
                     + (t("dec.aside", text=decision.safeguard) if decision.safeguard else ""))
    lines.append(t("dec.flags", flags=labels.flags(decision.flags, pack.flag_names())))
    lines.append(t("dec.basis"))
    lines.extend(t("dec.reason", text=r.text, source=t("dec.reason_source", basis=r.basis, rule=r.rule)) for r in decision.reasons)
    if decision.next_steps:
        lines.append(t("dec.task.next"))
        lines.extend(f"  · {s}" for s in decision.next_steps)
    lines.append(t("dec.pack", name=decision.pack.name, version=decision.pack.version, digest=decision.pack.digest))
    return "\n".join(lines)


def render_line(decision: TaskDecision, pack: Pack) -> str:
    """One decision of a batch as a line: the task, its verdict, what admits it and its flags, in words."""
    admitted_by = decision.list_item or decision.temporary_approval or "—"
    shown = labels.flags(decision.flags, pack.flag_names()) if decision.flags else "-"
    return f"{decision.task}\t{labels.verdict_short(decision.verdict)}\t{admitted_by}\t{shown}"


@click.command("check-task")
@click.argument("path", metavar="FILE|-")
@pack_option
@format_option()
@at_option("The moment of the check (default: now).")
@click.option("--batch", is_flag=True, help="Read JSON Lines: one task per line, one decision per line.")
@log_option
def check_task(path: str, pack_dir: str | None, fmt: str, at: str | None, batch: bool, log_url: str | None) -> int:
    """Decide whether a task may go to grid workers.

    Exit 0 when admitted or temporary, 1 otherwise, 2 for bad input (in a
    batch: the worst of all lines).
    """
    pack = load_pack(pack_dir)
    moment = parse_at(at, pack.tz)
    warn_if_edited(pack)
    checker = Checker(pack)
    with opened_log(log_url) as log:
        return decide_command(path, fmt, batch, pack, validate_task, lambda task: checker.check_task(task, at=moment),
                              lambda decision, raw: render(decision, pack, raw.get("title")), lambda d: render_line(d, pack), exit_code,
                              "task", log, "task")

COMMANDS = [check_task]
