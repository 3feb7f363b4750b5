"""``gridrules check-task FILE|-``: may this work go to grid workers?"""

from __future__ import annotations

import click

from gridrules import Checker
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
    lines = [f"任务 {decision.task}" + (f"  {title}" if title else "")]
    verdict = labels.verdict_words(decision.verdict, decision.flags)
    if decision.verdict == "admitted" and decision.list_item is not None:  # an admitted task names its item
        item = pack.items_by_id[decision.list_item]
        until = f"有效期至 {decision.valid_until}" if decision.valid_until else "长期有效"
        verdict += f"（清单事项 {item.id}「{item.name}」，职责 {decision.duty}，{until}）"
    elif decision.verdict == "temporary":
        approval = pack.approvals_by_ref[decision.temporary_approval or ""]
        verdict += f"（{approval_name(pack, approval.unit)} {approval.ref}，有效期至 {decision.valid_until}）"
    lines.append(f"结论：{verdict}")
    level = pack.levels[pack.level_rank[decision.responsible_level]].name
    lines.append(f"承担层级：{level}（{labels.level_meaning(decision.verdict, decision.flags, level)}）")
    if decision.verdict == "admitted":
        subsidy = "未列" if not decision.subsidy else f"{decision.subsidy:g} 元/网格/月"
        owner = pack.issuer_name(decision.training_owner) if decision.training_owner else "未列"
        lines.append(f"费随事转：补贴 {subsidy}；培训 {owner}；责任部门 "
                     + "、".join(pack.issuer_name(d) for d in decision.accountable))
    if decision.risk:
        lines.append(f"风险：{pack.risk_levels[decision.risk].name}" + (f"（{decision.safeguard}）" if decision.safeguard else ""))
    lines.append(f"标注：{labels.flags(decision.flags, pack.flag_names())}")
    lines.append("依据：")
    lines.extend(f"  · {r.text}〔{r.basis}；{r.rule}〕" for r in decision.reasons)
    if decision.next_steps:
        lines.append("下一步：")
        lines.extend(f"  · {s}" for s in decision.next_steps)
    lines.append(f"规则包：{decision.pack.name} {decision.pack.version} {decision.pack.digest}")
    return "\n".join(lines)


def render_line(decision: TaskDecision) -> str:
    admitted_by = decision.list_item or decision.temporary_approval or "—"
    return f"{decision.task}\t{labels.VERDICT_SHORT[decision.verdict]}\t{admitted_by}\t{','.join(decision.flags) or '-'}"


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
                              lambda decision, raw: render(decision, pack, raw.get("title")), render_line, exit_code,
                              log, "task")

COMMANDS = [check_task]
