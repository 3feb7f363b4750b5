"""``gridrules init DIR``: copy the bundled pack into a folder a deployment can change."""

from __future__ import annotations

import click

from gridrules.change.store import copy_bundled


@click.command("init")
@click.argument("target", metavar="DIR")
def init(target: str) -> int:
    """Copy the bundled rule pack into DIR (a new or empty folder) to use with --pack DIR."""
    root, count = copy_bundled(target)
    click.echo(f"已把默认规则包复制到 {root}（{count} 个文件）。")
    click.echo(f"之后每条命令都加 --pack {root}，例如：gridrules admission review 申请.yaml --pack {root}")
    return 0


COMMANDS = [init]
