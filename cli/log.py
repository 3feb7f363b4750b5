"""``gridrules log verify|backup|head|export|prune``: read and keep the decision log."""

from __future__ import annotations

import json
import sys

from contextlib import contextmanager
from datetime import tzinfo
from typing import Iterator

import click

from gridrules.catalogue import t
from gridrules.contract.base import moment_option
from gridrules.errors import InputError, Problem
from gridrules.log import open_log
from gridrules.log.export import EXPORT_MOST, exported, page
from gridrules.log.sqlite import SqliteLog
from gridrules.log.store import LogStore
from gridrules.pack.loader import read_pack

LOG_HELP = "The decision log: sqlite:///RELATIVE/PATH or sqlite:////ABSOLUTE/PATH (or just the path) or postgresql://USER@HOST/DB."


def not_blank(_ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A log option given but empty (an unset ``$LOG_URL``) is refused naming it: never "no log", never
    another log, never SQLite's private temporary database."""
    if value is not None and not value.strip():
        raise InputError(Problem(t("log.blank"), field=param.opts[0]))
    return value


def log_url_option(required: bool = True, name: str = "--log"):
    return click.option(name, "url", required=required, metavar="URL", help=LOG_HELP, callback=not_blank)


log_option = click.option("--log", "log_url", metavar="URL", callback=not_blank,
                          help="Append each decision to this decision log before printing it. " + LOG_HELP)


@contextmanager
def opened_log(url: str | None) -> Iterator[LogStore | None]:
    """The log decisions are appended to (created when new), or None: no --log."""
    if url is None:
        yield None
        return
    with open_log(url) as log:
        yield log


@click.group("log")
def log_group() -> None:
    """The decision log: an append-only, hash-chained record of every decision logged."""


@log_group.command("verify")
@log_url_option()
def verify(url: str) -> int:
    """Check every record's hash and its link to the one before.

    Exit 0 when the chain holds, 1 naming the first edited, deleted, inserted or
    reordered record.
    """
    return verified(url, "cmd.log.intact")


def verified(url: str, intact: str, **words: str) -> int:
    """Verify the log at ``url`` and say so: exit 0 in ``intact``'s words, 1 naming the first broken record."""
    with open_log(url, read_only=True) as log:
        count, broken = log.verify()
        head = log.head()
    if broken is not None:
        click.echo(t("cmd.log.broken", seq=broken.seq, reason=broken.reason, count=count))
        return 1
    click.echo(t(intact, count=count, hash=head.hash, seq=head.seq, **words))
    return 0


@log_group.command("backup")
@log_url_option()
@click.argument("target", metavar="FILE", type=click.Path(dir_okay=False))
def backup(url: str, target: str) -> int:
    """Copy an SQLite decision log, its key included, into the new FILE (readable by its owner only) while
    the service goes on writing it, then verify the copy's chain.

    Exit 0 when the copy is intact, 1 when its chain does not verify; 2 when FILE exists or the log is on
    PostgreSQL (back that up with pg_dump).
    """
    with open_log(url, read_only=True) as log:
        if not isinstance(log, SqliteLog):
            said = t("log.backup_postgres", tool="pg_dump", command="gridrules log backup")
            raise InputError(Problem(said, field="--log"))
        try:
            log.backup(target)
        except FileExistsError:
            raise InputError(Problem(t("log.backup_exists", path=target), field="FILE")) from None
    return verified(target, "cmd.log.backed_up", path=target)


@log_group.command("head")
@log_url_option()
def head(url: str) -> int:
    """Print the latest record's hash (to publish: a later cut or rewrite then shows)."""
    with open_log(url, read_only=True) as log:
        latest = log.head()
    click.echo(json.dumps({"seq": latest.seq, "hash": latest.hash, "records": latest.records}))
    return 0


def district_time(pack_dir: str | None) -> tzinfo:
    """The offset a bare date is read in: the district's of the pack the log's decisions were made with
    (``--pack``; without it the bundled pack's, as every other command reads a date)."""
    return read_pack(pack_dir).tz


log_pack_option = click.option("--pack", "pack_dir", type=click.Path(exists=True, file_okay=False, path_type=str),
                               help="The pack the decisions were made with: a date means 00:00 that day in its "
                                    "district's time (default: the bundled pack's).")


@log_group.command("export")
@log_url_option()
@click.option("--since", help="Only records whose decision's moment (their `at`: a task's --at or when it was checked, "
                              "an event's reported_at) is at or after this one (ISO 8601, or a date: 2026-12-01, 2026年12月1日).")
@click.option("--until", help="Only records whose decision's moment (their `at`) is before this one (ISO 8601, or a date).")
@click.option("--logged-since", "logged_since",
              help="Only records written to the log at or after this moment (their `logged_at`; a record written "
                   "before records carried it, by its `at`) (ISO 8601, or a date).")
@click.option("--logged-until", "logged_until",
              help="Only records written to the log before this moment (their `logged_at`; one without it, by its "
                   "`at`) (ISO 8601, or a date).")
@click.option("--after-seq", "after_seq", type=int, metavar="SEQ",
              help="Only the records after this seq (exclusive): the last seq of the page before.")
@click.option("--limit", type=int, metavar="N",
              help=f"At most this many records (at most {EXPORT_MOST:,}; without it, every record from --after-seq on).")
@log_pack_option
def export(url: str, since: str | None, until: str | None, logged_since: str | None, logged_until: str | None,
           after_seq: int | None, limit: int | None, pack_dir: str | None) -> int:
    """Write the records as JSON Lines to stdout, in chain order (paged by seq as /v1/log/export is)."""
    asked = page(since, until, after_seq, limit, district_time(pack_dir), logged_since, logged_until)
    with open_log(url, read_only=True) as log:
        sys.stdout.writelines(exported(log, asked))
    return 0


@log_group.command("prune")
@log_url_option()
@click.option("--before", required=True,
              help="Remove the records written to the log before this moment (their `logged_at`, not the moment "
                   "they were decided as of; a record written before records carried it, by its `at`) "
                   "(ISO 8601, or a date: 2026-12-01, 2026年12月1日).")
@log_pack_option
def prune(url: str, before: str, pack_dir: str | None) -> int:
    """Remove old records for retention; the chain stays verifiable from a kept checkpoint.

    Refused (exit 1) when the chain does not verify: pruning must not hide a break.
    """
    moment = moment_option(before, "before", district_time(pack_dir))
    assert moment is not None
    with open_log(url) as log:
        count, broken = log.verify()
        if broken is not None:
            click.echo(t("cmd.log.prune_refused", seq=broken.seq, reason=broken.reason), err=True)
            return 1
        removed = log.prune(moment.isoformat())
    click.echo(t("cmd.log.pruned", n=removed) if removed else t("cmd.log.pruned_none", before=before))
    return 0


COMMANDS = [log_group]
