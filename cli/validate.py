"""``gridrules validate [PACK]``: load a pack through all three layers, then compile it."""

from __future__ import annotations

from pathlib import Path

import click

from gridrules.pack import journal
from gridrules.errors import PackError
from gridrules.change import history as changelog
from gridrules.engine.loading import load_pack

from .common import emit_json, format_option


@click.command("validate")
@click.argument("pack_dir", required=False, type=click.Path(file_okay=False, path_type=str))
@format_option()
def validate(pack_dir: str | None, fmt: str) -> int:
    """Check a rule pack: YAML, JSON Schema, models, cross-references, and that it compiles.

    Exit 0 when the pack is valid, 2 when it is not; every problem is listed
    as path:line:col: field: message.
    """
    try:
        pack = load_pack(pack_dir)
    except PackError as exc:
        if fmt == "json":
            emit_json({"valid": False, "problems": [p.as_dict() for p in exc.problems]})
        else:
            click.echo(f"invalid rule pack: {len(exc.problems)} problem(s)", err=True)
            for problem in exc.problems:
                click.echo(str(problem))
        return 2
    state = pack.integrity
    outside = changelog.verify(pack) if state is not None and state.tracked else []
    if outside and state is not None:
        if fmt == "json":
            emit_json({"valid": False, "problems": [{"message": p} for p in outside]})
        else:
            click.echo(f"pack changed outside the workflow: {len(outside)} problem(s)", err=True)
            for line in outside:
                drift = any(line.startswith(f"{rel}: ") for rel in (*state.changed, *state.added, *state.removed))
                click.echo(f"{pack.root}/{line}" if drift else f"{pack.root}/history.yaml: {line}")
            click.echo("a deliberate edit is recorded with `gridrules history record --reason …`; "
                       "`gridrules history verify` checks the whole history", err=True)
        return 2
    info = pack.info
    interrupted = pack_dir is not None and journal.read_manifest(Path(pack_dir)) is not None
    if interrupted:
        click.echo("note: a change to this pack was interrupted; what is shown is the pack before it "
                   "(the next admission/temporary command restores the files on disk)", err=True)
    if fmt == "json":
        emit_json({"valid": True, "pack": {"name": info.name, "version": info.version, "digest": info.digest},
                   "root": pack.root, "interrupted_change": interrupted})
    else:
        click.echo(f"ok: {info.name} {info.version} ({pack.root})")
        click.echo(f"digest {info.digest}")
        click.echo(
            f"{len(pack.items)} list items, {len(pack.approvals)} temporary approvals, "
            f"{len(pack.event_types)} event types, {len(pack.towns)} towns, "
            f"{len(pack.departments)} departments, calendar {', '.join(map(str, sorted(pack.calendars))) or 'none'}"
        )
    return 0


COMMANDS = [validate]
