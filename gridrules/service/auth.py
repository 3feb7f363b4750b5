"""Who is calling: the bearer token's principal, and the role an endpoint needs.

401 when there is no valid token, 403 when the token's role may not call the
endpoint; both answer in the catalogue's words (Chinese unless the request or the server asks
for English) and name the role needed.  No endpoint that
writes or decides is open without a token.
"""

from __future__ import annotations

from fastapi import Request

from gridrules.catalogue import english, t
from gridrules.pack.names import describe
from gridrules.pack.pack import Pack

from .tokens import Principal, verify

DECIDERS = ("dispatch", "department", "town")
READERS = ("dispatch", "department", "secretariat", "town", "auditor")


class Denied(Exception):
    """A request without a valid token (401) or with one whose role may not call (403)."""

    def __init__(self, status: int, message: str, needed: tuple[str, ...]):
        super().__init__(message)
        self.status = status
        self.message = message
        self.needed = needed

    @property
    def error(self) -> str:
        """The error document's code (``answers``: the document, with ``roles_needed``)."""
        return "unauthorized" if self.status == 401 else "forbidden"


def needed_text(roles: tuple[str, ...]) -> str:
    return t("words.list_sep").join(t(f"http.role.{r}") for r in roles)


def bearer(request: Request) -> Principal | None:
    """The principal of the request's bearer token, or None (no token, one not valid, or two: which one
    speaks for the request would be a guess)."""
    if len(request.headers.getlist("authorization")) > 1:
        return None
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return verify(request.app.state.service.config(), token.strip())
    return None


def principal_of(request: Request, roles: tuple[str, ...]) -> Principal:
    header = request.headers.get("authorization", "")
    principal = bearer(request)
    if principal is None:
        twice = len(request.headers.getlist("authorization")) > 1
        why = t("http.no_token") if not header else t("http.two_tokens") if twice else t("http.bad_token")
        raise Denied(401, t("http.unauthorized", why=why, roles=needed_text(roles)), roles)
    if principal.role not in roles:
        who = role_words(principal, request.app.state.service.live.snapshot.pack)
        raise Denied(403, t("http.forbidden", who=who, roles=needed_text(roles)), roles)
    return principal


def role_words(principal: Principal, pack: Pack) -> str:
    """A token's role as a person reads it, in Chinese with what it stands for: its department's or
    town's name from ``pack`` (town:tangxiang（棠香街道）), a plain role's words (auditor（审计）); the
    role alone in English, or when the pack names no such unit."""
    if english():
        return principal.name
    if principal.scope is None:
        return t(f"http.role.{principal.role}")
    unit = pack.towns.get(principal.scope) if principal.role == "town" else pack.departments.get(principal.scope)
    return principal.name if unit is None else t("http.role_named", role=principal.name, name=unit.name)


def forbid_other(principal: Principal, role: str, scope: str | None, what: str, thing: str, pack: Pack) -> None:
    """A scoped role acts only for its own department or town; ``what`` it would do (see, record
    or withdraw) to which ``thing`` (applications, temporary approvals): keys of the catalogue's
    ``http.what.*`` and ``http.thing.*``; each unit named from ``pack``."""
    if principal.role == role and principal.scope != scope:
        raise Denied(403, t("http.own_only", who=role_words(principal, pack), what=t(f"http.what.{what}"),
                            unit=t(f"http.unit.{role}"), thing=t(f"http.thing.{thing}"),
                            scope=describe(pack, role, scope) if scope else t("http.unset"),
                            needed=f"{role}:{scope or '<id>'}"), (role,))
