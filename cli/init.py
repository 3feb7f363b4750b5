"""``gridrules init DIR [--template dazu|minimal]``: start a pack folder a deployment can change."""

from __future__ import annotations

import click

from gridrules.change.store import TEMPLATES, copy_bundled

WHAT = {"dazu": "默认规则包（大足区）", "minimal": "规则包骨架"}


@click.command("init")
@click.argument("target", metavar="DIR")
@click.option("--template", type=click.Choice(TEMPLATES), default="dazu", show_default=True,
              help="dazu: a copy of the bundled pack and its cases; minimal: a small commented skeleton "
                   "(two levels of bodies, a few units, one item, one event type, its cases) to grow.")
def init(target: str, template: str) -> int:
    """Start a rule pack in DIR (a new or empty folder) to use with --pack DIR."""
    root, count = copy_bundled(target, template)
    click.echo(f"已把{WHAT[template]}复制到 {root}（{count} 个文件）。")
    click.echo(f"之后每条命令都加 --pack {root}，例如：gridrules admission review 申请.yaml --pack {root}")
    return 0


COMMANDS = [init]
