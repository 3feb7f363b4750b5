"""``gridrules init DIR [--template dazu|minimal]``: start a pack folder a deployment can change."""

from __future__ import annotations

import click

from gridrules.catalogue import t
from gridrules.change.store import TEMPLATES, copy_bundled
from gridrules.pack.loader import read_pack


@click.command("init")
@click.argument("target", metavar="DIR")
@click.option("--template", type=click.Choice(TEMPLATES), default="dazu", show_default=True,
              help="dazu: a copy of the bundled pack and its cases; minimal: a small commented skeleton "
                   "(two levels of bodies, a few units, one item, one event type, its cases) to grow.")
def init(target: str, template: str) -> int:
    """Start a rule pack in DIR (a new or empty folder) to use with --pack DIR."""
    root, count = copy_bundled(target, template)
    # the pack names itself (its pack.yaml title), read back as every command will read it
    click.echo(t("screen.init.copied", title=read_pack(root).manifest.title, root=root, count=count))
    click.echo(t("screen.init.next", root=root))
    return 0


COMMANDS = [init]
