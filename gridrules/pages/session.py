"""Who is looking at a page: the service's token, kept in a cookie, and the CSRF check on every form.

A clerk logs in with the token the operator issued (``gridrules token issue``);
the cookie holds that token (HttpOnly, SameSite=Strict, Secure over https) and
every request checks it against the configuration again, so a revoked token
logs its holder out at once and any worker serves any request.

Every form that writes carries a CSRF value derived from the token (an HMAC:
nothing to store, the same in every worker) and is refused without it; the
login form, before any token, uses a random value in a cookie and the same
value in the form (double submit).  SameSite=Strict keeps the cookie off
cross-site requests besides.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Mapping

from fastapi import Request
from fastapi.responses import RedirectResponse, Response

from gridrules.catalogue import chinese, t
from gridrules.catalogue.pages import chinese_words
from gridrules.pack.pack import Pack
from gridrules.service.decide import EVENT_DECIDERS, TASK_DECIDERS
from gridrules.service.requests import unreadable_query
from gridrules.service.tokens import Principal, verify

from .names import names_of, worded

COOKIE = "gridrules_session"
LOGIN_COOKIE = "gridrules_login"
CSRF_FIELD = "csrf"
CSRF_HEADER = "x-csrf-token"
PREFIX = "/ui"


class LoginNeeded(Exception):
    """No valid token in the cookie: the page sends the visitor to the login form."""

    def __init__(self, next_path: str):
        super().__init__(next_path)
        self.next_path = next_path


class NotAllowed(Exception):
    """The visitor's role may not see this page or do this."""

    status = 403

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NoSuchPage(NotAllowed):
    """What the address names (a list item, an application) does not exist: 404, saying so."""

    status = 404


class BadAddress(NotAllowed):
    """The address's query cannot be read (a parameter not UTF-8: a URL made on a GBK system): 422,
    naming the parameter."""

    status = 422


def readable_query(request: Request) -> None:
    """A dependency of every page: a logged-in visitor's address whose query parameter is not UTF-8 is
    answered naming it (as the API's ``known_query`` does), not read as the '\ufffd' text Starlette
    makes of it; a visitor not logged in is sent to log in first, as for any page."""
    problems = unreadable_query(request.scope.get("query_string", b""))
    if problems and viewer_of(request) is not None:
        raise BadAddress(t("words.sentence_sep").join(p.message for p in problems))


class BadForm(Exception):
    """A write without its CSRF value (or with another session's)."""


@dataclass(frozen=True)
class Viewer:
    """The visitor of a page: the token's principal, and the CSRF value its forms carry."""

    principal: Principal
    csrf: str

    @property
    def role(self) -> str:
        return self.principal.role

    @property
    def scope(self) -> str | None:
        return self.principal.scope

    def may(self, *roles: str) -> bool:
        return self.principal.role in roles


# what the pages call each role (catalogue/pages.py), in Chinese whatever the process speaks; a town's in
# the pack's word for its towns (names.worded: 乡镇(街道)指挥中心 in a county that says so)
ROLE_WORDS = chinese_words("page.role.")


def who_words(who: Viewer, pack: Pack | None) -> str:
    """The visitor's role as the pages name it, with its department's or town's name (职能部门：区民政局)."""
    words = worded(ROLE_WORDS, pack).get(who.role, who.role)
    if who.scope and pack is not None:
        kind = "department" if who.role == "department" else "town"
        words = chinese("page.role_of", role=words, unit=names_of(pack).name(kind, who.scope))
    return words


def csrf_of(token: str) -> str:
    return hmac.new(token.encode("utf-8"), b"gridrules pages csrf", hashlib.sha256).hexdigest()


def viewer_of(request: Request) -> Viewer | None:
    token = request.cookies.get(COOKIE, "")
    principal = verify(request.app.state.service.config(), token) if token else None
    return None if principal is None else Viewer(principal, csrf_of(token))


def viewer(request: Request) -> Viewer:
    """A dependency: the logged-in visitor (else the login form, then back here)."""
    found = viewer_of(request)
    if found is None:
        raise LoginNeeded(request.url.path)
    return found


# who may open each page: one declaration, read by each page's guard (``needs(*PAGES[path])``), the
# menu and every link a page shows (``may``), so no role is shown a link that leads to a refusal
READERS = ("dispatch", "department", "secretariat", "town", "auditor")
PAGES: dict[str, tuple[str, ...]] = {
    "/check": TASK_DECIDERS, "/route": EVENT_DECIDERS,
    "/applications": ("department", "secretariat", "auditor"),
    "/applications/new": ("department", "secretariat"),  # a secretariat enters a paper application for its department
    "/items": READERS, "/history": ("department", "secretariat", "auditor"),
    "/expiring": ("department", "secretariat", "town", "auditor"), "/temporary": ("town", "secretariat", "auditor"),
    "/dashboard": ("secretariat", "auditor"),
}


def may(who: Viewer | None, path: str) -> bool:
    """May ``who`` open the page at ``path`` (``/history``, ``/items/L13``: the declared page it is under)?"""
    page = max((p for p in PAGES if path == p or path.startswith(p + "/")), key=len, default=None)
    return who is not None and page is not None and who.role in PAGES[page]


def needs(*roles: str):
    """A dependency: the visitor, if their role is one of ``roles``."""

    def dependency(request: Request) -> Viewer:
        found = viewer(request)
        if found.role not in roles:
            pack = request.app.state.service.live.snapshot.pack
            raise NotAllowed(t("page.not_for_role", name=who_words(found, pack),
                               roles=chinese("words.list_sep").join(worded(ROLE_WORDS, pack).get(r, r) for r in roles)))
        return found

    return dependency


def check_csrf(request: Request, form: Mapping[str, object], who: Viewer) -> None:
    """Refuse a write whose form (or header, for the pages' scripts) lacks this session's CSRF value."""
    sent = str(form.get(CSRF_FIELD) or request.headers.get(CSRF_HEADER) or "")
    if not hmac.compare_digest(sent.encode("utf-8"), who.csrf.encode("utf-8")):
        raise BadForm()


def _secure(request: Request) -> bool:
    return request.url.scheme == "https"


def login_form_value(request: Request) -> tuple[str, bool]:
    """The login form's CSRF value, and whether its cookie must be set (a first visit)."""
    value = request.cookies.get(LOGIN_COOKIE, "")
    if len(value) == 43:
        return value, False
    return secrets.token_urlsafe(32), True


def set_login_cookie(response: Response, request: Request, value: str) -> None:
    response.set_cookie(LOGIN_COOKIE, value, httponly=True, samesite="strict", secure=_secure(request), path=PREFIX)


def check_login_form(request: Request, sent: str) -> None:
    value = request.cookies.get(LOGIN_COOKIE, "")
    if not value or not hmac.compare_digest(sent.encode("utf-8"), value.encode("utf-8")):
        raise BadForm()


def log_in(request: Request, token: str, next_path: str) -> Response | None:
    """Redirect to ``next_path`` with the session cookie set, or None for a token the service does not know."""
    if verify(request.app.state.service.config(), token) is None:
        return None
    target = next_path if next_path.startswith(PREFIX + "/") or next_path == PREFIX else PREFIX + "/"
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(COOKIE, token, httponly=True, samesite="strict", secure=_secure(request), path=PREFIX)
    response.delete_cookie(LOGIN_COOKIE, path=PREFIX)
    return response


def log_out() -> Response:
    response = RedirectResponse(PREFIX + "/login", status_code=303)
    response.delete_cookie(COOKIE, path=PREFIX)
    return response
