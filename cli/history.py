"""``gridrules history``: every change to the pack, with the decision behind it."""

from __future__ import annotations

import click

from gridrules.catalogue import t

from gridrules.change import history as changelog
from gridrules.engine.loading import load_pack
from gridrules.errors import Refused
from gridrules.pack.model.history import Change
from gridrules.pack.pack import Pack

from .common import emit_json, format_option, pack_option
from .table import render
from .writing import field_words, shown, words_of


def decision_text(pack: Pack, change: Change) -> str:
    d = change.decision
    if d is None:
        return "手工修改（事后记录）"
    if d.by == "ledger":
        return f"登记台账 {d.source}（{d.date}）"
    if d.by == "department" and d.department is not None:
        return f"{pack.issuer_name(d.department)}记录（{d.date}）"
    words = changelog.decision_words(pack, d)
    return words if words is not None else f"{d.by} {d.session or d.reference}（{d.date}）"


def details(change: Change) -> str:
    parts = []
    if change.name:
        parts.append(f"「{change.name}」")
    if change.application and change.application != change.target:
        parts.append(f"申请 {change.application}")
    for f in change.fields:
        parts.append(f"{field_words(f.field)}{shown(f.before)} → {shown(f.after)}")
    if change.review is not None:
        blocking = "、".join(change.review.blocking) or "无阻断意见"
        parts.append(f"审查{words_of('review.recommendation', change.review.recommendation)}（{blocking}）")
    if change.override:
        parts.append(f"变通理由：{change.override}")
    if change.units is not None:
        u = change.units
        parts.append(f"新增 {u.added}、变更 {u.changed}、删除 {u.removed} 个单位")
    if change.reason:
        parts.append(f"理由：{change.reason}")
    return "；".join(parts)


@click.group("history", invoke_without_command=True)
@click.option("--target", default=None, metavar="CODE", help="Only changes to this item, application or approval.")
@pack_option
@format_option()
@click.pass_context
def history(ctx: click.Context, target: str | None, pack_dir: str | None, fmt: str) -> int:
    """Show every change to the pack, oldest first, with the decision behind it.

    `history verify` checks the hash chain; `history record --reason …` records a hand edit."""
    if ctx.invoked_subcommand is not None:
        return 0
    pack = load_pack(pack_dir)
    changes = [c for c in pack.history.changes
               if target is None or target in (c.target, c.application)]
    if fmt == "json":
        emit_json({
            "pack": {"name": pack.info.name, "version": pack.info.version, "digest": pack.info.digest},
            "changes": [c.model_dump(mode="json") for c in changes],
        })
        return 0
    rows = [[str(c.seq), f"{c.recorded_at:%Y-%m-%d %H:%M}", words_of("action", c.action), c.target,
             decision_text(pack, c), f"{c.previous_version} → {c.version}", details(c)] for c in changes]
    click.echo(f"{pack.manifest.title} 变更记录（{len(rows)} 条）")
    click.echo(render(["序号", "记录时间", "变更", "对象", "决定", "版本", "说明"], rows) if rows else t("table.none"))
    click.echo(f"当前版本 {pack.info.version}，摘要 {pack.info.digest}")
    return 0


@history.command("verify")
@pack_option
@format_option()
def verify(pack_dir: str | None, fmt: str) -> int:
    """Check the history's hash chain and that the files are the ones it records last (exit 1 if not)."""
    pack = load_pack(pack_dir)
    problems = changelog.verify(pack)
    state = pack.integrity
    if fmt == "json":
        emit_json({"intact": not problems, "problems": problems, "changes": len(pack.history.changes),
                   "content_digest": state.content_digest if state else None,
                   "recorded": state.recorded if state else None})
    elif problems:
        click.echo(f"变更记录核验未通过（{len(problems)} 处）：")
        for problem in problems:
            click.echo(f"  {problem}")
    else:
        click.echo(f"变更记录完整：创始记录之后 {len(pack.history.changes)} 条变更，"
                   f"内容摘要 {state.content_digest if state else ''} 与最后一条记录一致")
    return 1 if problems else 0


@history.command("record")
@click.option("--reason", required=True, help="Why the pack was edited by hand (recorded with the edit).")
@pack_option
@format_option()
def record(reason: str, pack_dir: str | None, fmt: str) -> int:
    """Record the files changed outside the workflow as a deliberate hand edit."""
    try:
        entry = changelog.record_hand_edit(pack_dir, reason)
    except Refused as refused:
        click.echo(f"未写入（规则包没有改动）：{refused.message}", err=fmt == "json")
        return 1
    if fmt == "json":
        emit_json({"written": True, "change": entry})
    else:
        files = "、".join(f"{rel}{'（删除）' if h is None else ''}" for rel, h in entry.get("files", {}).items())
        click.echo(f"已记录手工修改（变更记录第 {entry['seq']} 条，版本 {entry['previous_version']} → {entry['version']}）：{files}")
    return 0


COMMANDS = [history]
