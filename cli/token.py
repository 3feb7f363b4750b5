"""``gridrules token issue|list|revoke``: the service's bearer tokens (stored hashed)."""

from __future__ import annotations

from datetime import datetime

import click

from gridrules.catalogue import t

from gridrules.engine.loading import load_pack
from gridrules.pack.loader import read_pack
from gridrules.pack.pack import Pack
from gridrules.service import tokens
from gridrules.service.config import DEFAULT_PATH, load_config, update_config

from .common import emit_json, format_option, pack_option
from .table import render


def config_option(func):
    return click.option("--config", "config_path", default=DEFAULT_PATH, type=click.Path(dir_okay=False),
                        show_default=True, help="The service's configuration file.")(func)


@click.group("token")
def token() -> None:
    """Tokens for `gridrules serve`: one per caller, each with a role.

    \b
    roles: dispatch            decide tasks and events
           department:<id>     decide; submit and read its own applications
           secretariat         review; approve, reject, amend, withdraw
           town:<id>           decide its own tasks; its own temporary approvals
           auditor             read
    """


@token.command("issue")
@click.option("--role", required=True,
              help="dispatch, secretariat, auditor, department:<id> or town:<id> (the id or the name: department:民政局).")
@click.option("--note", default=None, help="Who holds it (kept with the token).")
@config_option
@pack_option
def issue(role: str, note: str | None, config_path: str, pack_dir: str | None) -> int:
    """Issue a token and print it once (only its SHA-256 is kept); ids are checked against the pack."""
    pack = load_pack(pack_dir)  # slow: before the lock, so another token command waits only for the write
    record, secret = update_config(config_path, lambda config: _issued(*tokens.issue(config, role, note, pack)))
    click.echo(secret)
    click.echo(t("cmd.token.issued", id=record.id, role=_role_shown(record.role, pack), path=config_path), err=True)
    return 0


def _role_shown(role: str, pack: Pack) -> str:
    """A role with the name of its department or town (town:tangxiang（棠香街道）); one the pack no longer
    holds as given."""
    kind, _, scope = role.partition(":")
    units = pack.departments if kind == "department" else pack.towns
    return t("cmd.token.role_named", role=role, name=units[scope].name) if scope in units else role


def _issued(config, record, secret):
    return config, (record, secret)


@token.command("list")
@config_option
@pack_option
@format_option()
def list_cmd(config_path: str, pack_dir: str | None, fmt: str) -> int:
    """The tokens issued (ids, fingerprints, roles, dates; never the tokens themselves), revoked ones too,
    with when they were revoked; roles with their names in the pack."""
    records = load_config(config_path).tokens
    if fmt == "json":
        emit_json([r.model_dump(mode="json", exclude={"sha256"}) | {"fingerprint": tokens.fingerprint(r.sha256)}
                   for r in records])
        return 0
    pack = read_pack(pack_dir) if any(":" in r.role for r in records) else None  # names only: not compiled
    rows = [[r.id, tokens.fingerprint(r.sha256), _role_shown(r.role, pack) if pack is not None else r.role,
             r.issued_at, _as_issued(r) or "", r.note or ""] for r in records]
    click.echo(render(["编号", "指纹", "角色", "签发时间", "吊销时间", "备注"], rows) if rows else t("table.none"))
    return 0


def _as_issued(record) -> str | None:
    """When ``record`` was revoked (kept in UTC: ``token revoke`` reads no pack), shown at the offset it was
    issued at (the district's time), so that the two moments of one row read alike."""
    if not record.revoked_at:
        return None
    try:
        zone = datetime.fromisoformat(record.issued_at).tzinfo
        return datetime.fromisoformat(record.revoked_at).astimezone(zone).isoformat(timespec="seconds")
    except (TypeError, ValueError):  # written by hand: shown as written
        return record.revoked_at


@token.command("revoke")
@click.argument("token", metavar="TOKEN")
@config_option
def revoke(token: str, config_path: str) -> int:
    """Revoke a token, named by its id or given itself (a leaked one); a running service refuses it from
    its next request.  It stays listed, as revoked, with the moment: the decision log's records name
    their token's id.  A token given itself is never repeated, only its fingerprint."""
    record = update_config(config_path, lambda config: _revoked(config, token))
    if record.revoked:  # revoked before: its first moment kept
        click.echo(t("cmd.token.revoked_before", id=record.id, at=record.revoked_at), err=True)
    else:
        click.echo(t("cmd.token.revoked", id=record.id), err=True)
    return 0


def _revoked(config, given: str):
    record = tokens.find(config, given)
    return tokens.revoke(config, record.id), record


COMMANDS = [token]
