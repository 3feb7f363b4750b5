"""``gridrules replay --log URL --pack CANDIDATE``: what would a change have changed?"""

from __future__ import annotations

import json

import click

from gridrules.engine.loading import load_pack
from gridrules.log import open_log
from gridrules.log.open import window
from gridrules.contract.replay import ReplayReport
from gridrules.log.replay import replay

from .log import LOG_HELP

DIMENSION_NAMES = {"department": "部门", "item": "清单事项", "town": "镇街", "type": "事件类型"}


def render(result: ReplayReport) -> str:
    lines = [f"重放 {result.replayed} 项决定（候选规则包 {result.candidate_digest}）：{result.unchanged} 项不变，"
             f"{result.changed} 项改变"]
    for t in result.transitions:
        what = "任务结论" if t.kind == "task" else "事件层级"
        lines.append(f"{what} {t.from_} → {t.to}：{t.count} 项")
        for name, counts in t.by.items():
            top = "，".join(f"{k} {v}" for k, v in list(counts.items())[:10])
            lines.append(f"  按{DIMENSION_NAMES.get(name, name)}：{top}")
        for example in t.examples:
            reason = f"（{example.reasons[0]}）" if example.reasons else ""
            lines.append(f"  例：第 {example.seq} 条 {example.id or '—'} {example.at}{reason}")
    return "\n".join(lines)


@click.command("replay")
@click.option("--log", "url", required=True, metavar="URL", help=LOG_HELP)
@click.option("--pack", "candidate", required=True, type=click.Path(exists=True, file_okay=False),
              help="The candidate pack folder to re-decide with.")
@click.option("--base", "base_dir", type=click.Path(exists=True, file_okay=False),
              help="The pack the log was decided with (default: the bundled pack): the candidate's list "
                   "changes against it count as in effect before every logged moment.")
@click.option("--since", help="Only decisions made at or after this moment (ISO 8601).")
@click.option("--until", help="Only decisions made before this moment (ISO 8601).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def replay_command(url: str, candidate: str, base_dir: str | None, since: str | None, until: str | None,
                   fmt: str) -> int:
    """Re-decide every logged input at its moment with CANDIDATE; report verdict and level changes.

    Exit 0 when nothing would change, 1 when something would.
    """
    start, end = window(since, until)
    base = load_pack(base_dir)
    with open_log(url) as log:
        result = replay(log, candidate, base, start, end)
    if fmt == "json":
        click.echo(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(render(result.report()))
    if base.digest not in result.logged_digests and result.replayed:
        click.echo(f"注意：日志中的决定所用规则包摘要与 --base（{base.digest}）不同", err=True)
    return 0 if result.replayed == result.unchanged else 1


COMMANDS = [replay_command]
