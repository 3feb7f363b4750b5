"""``gridrules history``: every change to the pack, with the decision behind it."""

from __future__ import annotations

import json

import click

from gridrules.catalogue import english, t

from gridrules.change import genesis, history as changelog
from gridrules.engine.loading import load_pack
from gridrules.errors import InputError, Problem, Refused
from gridrules.pack.model.history import Change
from gridrules.pack.pack import Pack

from .common import emit_json, format_option, pack_option
from .table import render
from .writing import field_words, shown, words_of


def decision_text(pack: Pack, change: Change) -> str:
    d = change.decision
    if d is None:
        return t("cmd.history.hand_edit")
    if d.by == "ledger":
        return t("cmd.history.ledger", source=d.source, date=d.date)
    if d.by == "department" and d.department is not None:
        return t("cmd.history.department", department=pack.issuer_name(d.department), date=d.date)
    words = changelog.decision_words(pack, d)
    return words if words is not None else t("cmd.history.decision", by=d.by, ref=d.session or d.reference, date=d.date)


def details(pack: Pack, change: Change) -> str:
    parts = []
    if change.name:
        parts.append(f"「{change.name}」")
    if change.application and change.application != change.target:
        parts.append(t("cmd.history.application", application=change.application))
    for f in change.fields:
        if english():  # for developers: the values as the pack holds them
            parts.append(f"{field_words(f.field)}{shown(f.before)} → {shown(f.after)}")
        else:
            before, after = (changelog.value_words(pack, f.field, v) for v in (f.before, f.after))
            parts.append(f"{field_words(f.field)}{before or '—'} → {after or '—'}")
    if change.review is not None:
        found = change.review.blocking
        blocking = ((t("words.list_sep").join(found) if english() else t("cmd.history.blocking", n=len(found)))
                    if found else t("cmd.history.no_blocking"))
        parts.append(t("cmd.history.review", recommendation=words_of("review.recommendation", change.review.recommendation),
                       blocking=blocking))
    if change.override:
        parts.append(t("cmd.history.override", override=change.override))
    if change.units is not None:
        u = change.units
        parts.append(t("cmd.history.units", added=u.added, changed=u.changed, removed=u.removed))
    if change.reason:
        parts.append(t("cmd.history.reason", reason=change.reason))
    return t("cmd.history.joiner").join(parts)


@click.group("history", invoke_without_command=True)
@click.option("--target", default=None, metavar="CODE", help="Only changes to this item, application or approval.")
@click.option("--digest", default=None, metavar="DIGEST",
              help="A decision's pack.digest: say which recorded version of the pack it names (exit 1 if none).")
@pack_option
@format_option()
@click.pass_context
def history(ctx: click.Context, target: str | None, digest: str | None, pack_dir: str | None, fmt: str) -> int:
    """Show every change to the pack, oldest first, with the decision behind it.

    `history verify` checks the hash chain; `history head` prints the head to publish; `history record --reason …`
    records a hand edit; `history restart` starts the history again from the pack as it is, before it goes live."""
    if ctx.invoked_subcommand is not None:
        return 0
    pack = load_pack(pack_dir)
    if digest is not None:
        return _named_by(pack, digest.strip(), fmt)
    changes = changelog.changes_to(pack, target)
    if fmt == "json":
        emit_json({
            "pack": {"name": pack.info.name, "version": pack.info.version, "digest": pack.info.digest},
            "changes": [c.model_dump(mode="json") for c in changes],
        })
        return 0
    rows = [[str(c.seq), f"{c.recorded_at:%Y-%m-%d %H:%M}", words_of("action", c.action), c.target,
             decision_text(pack, c), f"{c.previous_version} → {c.version}", details(pack, c)] for c in changes]
    click.echo(t("cmd.history.title", title=pack.manifest.title, n=len(rows)))
    click.echo(render(["序号", "记录时间", "变更", "对象", "决定", "版本", "说明"], rows) if rows else t("table.none"))
    click.echo(t("cmd.history.current", version=pack.info.version, digest=pack.info.digest))
    return 0


def _named_by(pack: Pack, digest: str, fmt: str) -> int:
    """``history --digest``: which recorded version of the pack a decision's digest names."""
    found = changelog.decided_under(pack, digest)
    if fmt == "json":
        emit_json({"digest": digest, "found": found is not None,
                   "after_change": found[0] if found else None, "version": found[1] if found else None,
                   "until_change": found[2].seq if found and found[2] is not None else None})
        return 0 if found else 1
    if found is None:
        click.echo(t("cmd.history.digest_unknown", digest=digest))
        return 1
    seq, version, ended = found
    since = t("cmd.history.since_change", seq=seq) if seq else t("cmd.history.since_genesis")
    if ended is None:
        click.echo(t("cmd.history.digest_now", digest=digest, version=version, since=since))
    else:
        click.echo(t("cmd.history.digest_then", digest=digest, version=version, since=since, next=ended.seq,
                     until=f"{ended.recorded_at:%Y-%m-%d %H:%M}"))
    return 0


@history.command("verify")
@click.option("--head", "published", default=None, metavar="HASH",
              help="A head published earlier (`history head`): it must be one of the entries' hashes.")
@pack_option
@format_option()
def verify(published: str | None, pack_dir: str | None, fmt: str) -> int:
    """Check the history's hash chain and that the files are the ones it records last (exit 1 if not)."""
    pack = load_pack(pack_dir)
    problems = changelog.verify(pack, published)
    state = pack.integrity
    if fmt == "json":
        emit_json({"intact": not problems, "problems": problems, "changes": len(pack.history.changes),
                   "content_digest": state.content_digest if state else None,
                   "recorded": state.recorded if state else None,
                   "head": changelog.head(pack)})
    elif problems:
        click.echo(t("cmd.history.verify_failed", n=len(problems)))
        for problem in problems:
            click.echo(f"  {problem}")
    else:
        click.echo(t("cmd.history.verified", n=len(pack.history.changes), digest=state.content_digest if state else ""))
    return 1 if problems else 0


@history.command("head")
@pack_option
def head(pack_dir: str | None) -> int:
    """Print the newest history entry's hash (to publish: a later rewrite of the history then shows)."""
    pack = load_pack(pack_dir)
    latest = changelog.head(pack)
    if latest is None:
        raise InputError(Problem(t("chain.no_genesis"), field="history.yaml"))
    click.echo(json.dumps(latest, ensure_ascii=False))
    return 0


@history.command("record")
@click.option("--reason", required=True, help="Why the pack was edited by hand (recorded with the edit).")
@pack_option
@format_option()
def record(reason: str, pack_dir: str | None, fmt: str) -> int:
    """Record the files changed outside the workflow as a deliberate hand edit."""
    try:
        entry = changelog.record_hand_edit(pack_dir, reason)
    except Refused as refused:
        click.echo(t("refuse.unchanged", message=refused.message), err=fmt == "json")
        return 1
    if fmt == "json":
        emit_json({"written": True, "change": entry})
    else:
        files = "、".join(f"{rel}{t('cmd.history.deleted') if h is None else ''}" for rel, h in entry.get("files", {}).items())
        click.echo(t("cmd.history.recorded", seq=entry["seq"], before=entry["previous_version"], after=entry["version"],
                     files=files))
    return 0


@history.command("restart")
@pack_option
@format_option()
def restart(pack_dir: str | None, fmt: str) -> int:
    """Start the history again from the pack as it is (its first version): only while it records hand edits
    alone, before the pack goes live; a recorded decision is never erased (exit 1)."""
    try:
        done = genesis.restart(pack_dir)
    except Refused as refused:
        click.echo(t("refuse.unchanged", message=refused.message), err=True)
        return 1
    if fmt == "json":
        emit_json({"written": True, "version": done.version, "folded": done.folded, "content_digest": done.digest})
    else:
        click.echo(t("cmd.history.restarted", version=done.version, n=done.folded, digest=done.digest))
    return 0


COMMANDS = [history]
