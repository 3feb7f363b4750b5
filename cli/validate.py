"""``gridrules validate [PACK]``: load a pack through all three layers, then compile it."""

from __future__ import annotations

from pathlib import Path

import click

from gridrules.pack import journal, sessions
from gridrules.errors import PackError
from gridrules.change import history as changelog
from gridrules.engine.loading import load_pack

from gridrules.catalogue import t

from .common import emit_json, format_option, one_pack, pack_option


@click.command("validate")
@click.argument("pack_arg", metavar="[PACK]", required=False, type=click.Path(file_okay=False, path_type=str))
@pack_option
@format_option()
def validate(pack_arg: str | None, pack_dir: str | None, fmt: str) -> int:
    """Check a rule pack: YAML, JSON Schema, models, cross-references, and that it compiles.

    Exit 0 when the pack is valid, 2 when it is not; every problem is listed
    as path:line:col: field: message.
    """
    pack_dir = one_pack(pack_arg, pack_dir)
    try:
        pack = load_pack(pack_dir)
    except PackError as exc:
        if fmt == "json":
            emit_json({"valid": False, "problems": [p.as_dict() for p in exc.problems]})
        else:
            click.echo(t("validate.invalid", count=len(exc.problems)), err=True)
            for problem in exc.problems:
                click.echo(str(problem))
        return 2
    differing = sessions.problems(pack)  # a session given two dates: the pack decides, but is not valid
    if differing:
        if fmt == "json":
            emit_json({"valid": False, "problems": [p.as_dict() for p in differing]})
        else:
            click.echo(t("validate.invalid", count=len(differing)), err=True)
            for problem in differing:
                click.echo(str(problem))
        return 2
    state = pack.integrity
    outside = changelog.verify(pack) if state is not None and state.tracked else []
    if outside and state is not None:
        if fmt == "json":
            emit_json({"valid": False, "problems": [{"message": p} for p in outside], "hint": changelog.way_forward(pack)})
        else:
            click.echo(t("validate.drift", count=len(outside)), err=True)
            for line in outside:
                drift = any(line.startswith(f"{rel}: ") for rel in (*state.changed, *state.added, *state.removed))
                click.echo(f"{pack.root}/{line}" if drift else f"{pack.root}/history.yaml: {line}")
            click.echo(changelog.way_forward(pack), err=True)
        return 2
    info = pack.info
    interrupted = pack_dir is not None and journal.read_manifest(Path(pack_dir)) is not None
    if interrupted:
        click.echo(t("validate.interrupted"), err=True)
    if fmt == "json":
        emit_json({"valid": True, "pack": {"name": info.name, "version": info.version, "digest": info.digest},
                   "root": pack.root, "interrupted_change": interrupted})
    else:
        click.echo(t("validate.ok", name=info.name, version=info.version, root=pack.root))
        click.echo(t("validate.digest", digest=info.digest))
        click.echo(t("validate.counts", items=len(pack.items), approvals=len(pack.approvals),
                     types=len(pack.event_types), town=pack.tree.word("town"), towns=len(pack.towns), departments=len(pack.departments),
                     calendar=t("words.list_sep").join(map(str, sorted(pack.calendars))) or t("words.none")))
    return 0


COMMANDS = [validate]
