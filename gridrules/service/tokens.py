"""Roles and bearer tokens: who may call what.

Roles (the issue's words): ``dispatch`` decides; ``department:<id>`` checks the tasks it
issues, routes events, and submits and reads its own applications; ``secretariat`` reviews and records the
joint meeting's decisions; ``town:<id>`` decides its own tasks, routes the events in its
town (``scopes``) and records its own temporary approvals; ``auditor`` reads.  A token is 256 random bits shown once
when issued; the configuration keeps only its SHA-256 (a digest of a random
secret needs no slow hash), and a presented token is compared with every stored
digest in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timezone

from gridrules.catalogue import t
from gridrules.errors import InputError, Problem
from gridrules.pack.names import named
from gridrules.pack.pack import Pack

from .config import ServiceConfig, TokenRecord

PREFIX = "grs_"
PLAIN_ROLES = ("dispatch", "secretariat", "auditor")
SCOPED_ROLES = ("department", "town")
_ROLE = re.compile(r"^(dispatch|secretariat|auditor|(department|town):[a-z][a-z0-9_]{0,31})$")


@dataclass(frozen=True)
class Principal:
    """The caller a valid token names."""

    token_id: str
    role: str  # dispatch | department | secretariat | town | auditor
    scope: str | None = None  # the department's or town's id

    @property
    def name(self) -> str:
        return self.role if self.scope is None else f"{self.role}:{self.scope}"


def parse_role(text: str, pack: Pack | None = None) -> tuple[str, str | None]:
    """``department:minzheng`` -> ("department", "minzheng"); the id must exist in ``pack`` when given."""
    if not _ROLE.match(text):
        raise InputError(Problem(t("token.not_role", value=text), field="--role"))
    kind, _, scope = text.partition(":")
    if pack is not None and scope:
        table = pack.departments if kind == "department" else pack.towns
        if scope not in table:
            raise InputError(Problem(t("token.unknown_scope", what=t(f"kind.{kind}"), scope=scope, pack=pack.info.name),
                                     field="--role"))
    return kind, scope or None


def by_id(role: str, pack: Pack | None) -> str:
    """``role`` with its department or town read by name as ``check-task`` reads one
    (``department:民政局`` -> ``department:minzheng``); unknown or several: bad input naming ``--role``."""
    kind, colon, scope = role.partition(":")
    if pack is None or not colon or kind not in SCOPED_ROLES or not scope.strip():
        return role
    return f"{kind}:{named(pack, kind, scope.strip(), '--role')}"


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue(config: ServiceConfig, role: str, note: str | None = None,
          pack: Pack | None = None) -> tuple[ServiceConfig, TokenRecord, str]:
    """A new token for ``role`` (its department or town by id or by name): the updated configuration,
    its record (the role by id), and the token (shown once)."""
    role = by_id(role, pack)
    parse_role(role, pack)
    token = PREFIX + secrets.token_urlsafe(32)
    known = {t.id for t in config.tokens}
    token_id = f"tok-{secrets.token_hex(4)}"
    while token_id in known:
        token_id = f"tok-{secrets.token_hex(4)}"
    zone = pack.tz if pack is not None else timezone.utc  # in the district's time: the pack's
    record = TokenRecord(id=token_id, role=role, sha256=digest(token),
                         issued_at=datetime.now(zone).isoformat(timespec="seconds"), note=note)
    return config.model_copy(update={"tokens": [*config.tokens, record]}), record, token


TOKEN_ID = re.compile(r"^tok-[0-9a-f]{1,16}$")  # a token's id as issued (or a slip of one): shown back as given
FINGERPRINT_CHARS = 12  # of the stored SHA-256's hex: tells tokens apart, reveals nothing of one


def fingerprint(sha256: str) -> str:
    """A token's short fingerprint, from its stored digest (``token list``; a leaked token's is the first
    characters of its SHA-256: ``printf %s grs_… | sha256sum``)."""
    return sha256[:FINGERPRINT_CHARS]


def find(config: ServiceConfig, given: str) -> TokenRecord:
    """The record ``given`` names: a token's id, or the token itself (hashed as it is stored, and compared
    in constant time: an admin holding a leaked token need not work out its id).  None found: bad input
    that never repeats a token -- only its fingerprint."""
    record = next((r for r in config.tokens if r.id == given), None)
    if record is None and not TOKEN_ID.match(given):
        wanted = digest(given).encode("ascii")
        for candidate in config.tokens:
            if hmac.compare_digest(wanted, candidate.sha256.encode("ascii")):
                record = candidate
    if record is None:
        message = (t("token.none", token=given) if TOKEN_ID.match(given)
                   else t("token.none_secret", fingerprint=fingerprint(digest(given))))
        raise InputError(Problem(message, field="TOKEN"))
    return record


def revoke(config: ServiceConfig, given: str) -> ServiceConfig:
    """``config`` with the token ``given`` names (its id, or the token: ``find``) marked revoked now (UTC),
    kept in the list so that its id, which the decision log's records name, still says whose it was.  One
    revoked already keeps its first moment."""
    token_id = find(config, given).id
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    return config.model_copy(update={"tokens": [
        t.model_copy(update={"revoked_at": now}) if t.id == token_id and not t.revoked else t
        for t in config.tokens]})


def active(config: ServiceConfig) -> list[TokenRecord]:
    """The tokens a request may present: issued and not revoked."""
    return [r for r in config.tokens if not r.revoked]


def verify(config: ServiceConfig, presented: str) -> Principal | None:
    """The principal of a presented token, or None; every stored digest is compared, in constant time."""
    wanted = digest(presented).encode("ascii")
    found: TokenRecord | None = None
    for record in config.tokens:
        if hmac.compare_digest(wanted, record.sha256.encode("ascii")):
            found = record
    if found is None or found.revoked:  # a revoked token is listed, never accepted
        return None
    kind, scope = parse_role(found.role)
    return Principal(found.id, kind, scope)
