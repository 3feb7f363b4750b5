"""Who is calling: the bearer token's principal, and the role an endpoint needs.

401 when there is no valid token, 403 when the token's role may not call the
endpoint; both answer in the catalogue's words (Chinese unless the request or the server asks
for English) and name the role needed.  No endpoint that
writes or decides is open without a token.
"""

from __future__ import annotations

from fastapi import Request

from gridrules.catalogue import t

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
    """The principal of the request's bearer token, or None (no token, or one not valid)."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return verify(request.app.state.service.config(), token.strip())
    return None


def principal_of(request: Request, roles: tuple[str, ...]) -> Principal:
    header = request.headers.get("authorization", "")
    principal = bearer(request)
    if principal is None:
        why = t("http.no_token") if not header else t("http.bad_token")
        raise Denied(401, t("http.unauthorized", why=why, roles=needed_text(roles)), roles)
    if principal.role not in roles:
        raise Denied(403, t("http.forbidden", who=principal.name, roles=needed_text(roles)), roles)
    return principal


def forbid_other(principal: Principal, role: str, scope: str | None, what: str) -> None:
    """A scoped role acts only for its own department or town; ``what`` it would do: see,
    record or withdraw (a key of the catalogue's ``http.what.*``)."""
    if principal.role == role and principal.scope != scope:
        raise Denied(403, t("http.own_only", who=principal.name, what=t(f"http.what.{what}"), unit=t(f"http.unit.{role}"),
                            scope=scope or t("http.unset"), needed=f"{role}:{scope or '<id>'}"), (role,))
