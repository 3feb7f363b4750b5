"""Pages from templates: one Jinja2 environment over the package's templates, and what every page shows.

The templates and the stylesheet ship inside the package (package-data), so the
pages need no network and no build step.  Every page gets the visitor, the
menu their role may use, the CSRF value for its forms and the pack it read.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, select_autoescape

from gridrules.catalogue import chinese, t
from gridrules.catalogue.humane import session_words
from gridrules.decide.clock import parse_duration
from gridrules.pack.pack import Pack
from gridrules.service.answers import retry_after
from gridrules.service.live import Snapshot

from .forms import refilled
from .names import Choice, names_of, unit_words
from .problems import EXAMPLES
from .session import CSRF_FIELD, PREFIX, Viewer, may, who_words

# (path, words, what it is for): the menu, each entry shown only to the roles that may use it (``session.PAGES``);
# the words are the catalogue's (page.menu.*, page.menu_about.*), in Chinese whatever the process speaks,
# a kind of unit in the pack's own word ({town}临时事项: names.worded)
MENU = tuple((path, chinese(f"page.menu.{path[1:]}"), chinese(f"page.menu_about.{path[1:]}"))
             for path in ("/check", "/route", "/applications", "/items", "/history", "/expiring", "/temporary",
                          "/dashboard"))

BEIJING_WORDS = chinese("page.zone")


def beijing(value: datetime | str | None, tz: timezone) -> str:
    """A moment as the district reads it: in the pack's zone, to the minute."""
    if value is None:
        return "—"
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M")


def after(moment: datetime, iso: str) -> datetime:
    return moment + parse_duration(iso)


ENV = Environment(loader=PackageLoader("gridrules.pages", "templates"),
                  autoescape=select_autoescape(["html", "svg"]), trim_blocks=True, lstrip_blocks=True)


def groupby_kept(choices: list[Choice]) -> list[tuple[str | None, list[Choice]]]:
    """Choices grouped by their group, in the order the groups first appear."""
    groups: dict[str | None, list[Choice]] = {}
    for c in choices:
        groups.setdefault(c.group, []).append(c)
    return list(groups.items())


ENV.filters["groupby_kept"] = groupby_kept


def reason_basis(reason: Any) -> str:
    """A reason's policy basis in words (〔负面清单 F08 · 清单式准入〕): what a clerk reads after the reason.
    The rule's id (``admission.unlisted_department``) is not in that text; the page shows it apart
    (``rule_id``, ``rule_ids``), for those who trace the decision in the log."""
    return chinese("dec.reason_basis", basis=reason.basis)


def rule_id(reason: Any) -> str:
    """A reason's rule id, labelled (规则编号 item.L13)."""
    return chinese("dec.rule_id", rule=reason.rule)


def rule_ids(reasons: Any) -> str:
    """The reasons' rule ids in one line, numbered as the reasons are (规则编号（…）：1. item.L13；2. …)."""
    return chinese("dec.rule_ids", rules=chinese("words.list_sep").join(
        chinese("dec.rule_ids_item", n=n, rule=r.rule) for n, r in enumerate(reasons, 1)))


def number(value: Any) -> str:
    """A number as people write it: 4, not 4.0; 2.5 stays (the CLI's ``:g``)."""
    return f"{value:g}" if isinstance(value, (int, float)) and not isinstance(value, bool) else str(value)


ENV.filters["number"] = number
ENV.filters["session_words"] = session_words  # 2026-6 as people say it: 2026年第6次会议
# the form macros (imported without the page's context) use them
ENV.globals |= {"reason_basis": reason_basis, "rule_id": rule_id, "rule_ids": rule_ids}
# a catalogue message the command line writes too (review.next_code …), in Chinese on the pages: one entry
# for both, so their wording cannot drift apart
ENV.globals["words"] = chinese
ENV.globals["refilled"] = refilled  # a date field shown again: in ISO, or as typed in a text field


def attachment(name: str, fallback: str) -> dict[str, str]:
    """The header that offers a download named in Chinese (工作清单-2026-12-02.xlsx): ``filename*`` in
    UTF-8 (RFC 6266, RFC 8187), and an ASCII ``filename`` for a client that reads no other."""
    return {"Content-Disposition": f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"}


def menu_for(who: Viewer | None, pack: Pack | None = None) -> list[tuple[str, str, str]]:
    if who is None:
        return []
    kinds = unit_words(pack)
    return [(PREFIX + path, words.format(**kinds), purpose) for path, words, purpose in MENU if may(who, path)]


def page(request: Request, template: str, who: Viewer | None, snap: Snapshot | None = None, status: int = 200,
         **context: Any) -> HTMLResponse:
    """Render ``template`` with what every page shows; a 503 (the log or the pack unavailable) says when
    to try again as the API's does (``Retry-After``)."""
    tz = snap.pack.tz if snap is not None else timezone(timedelta(hours=8))
    pack = snap.pack if snap is not None else None
    base = {
        "request": request, "who": who, "menu": menu_for(who, pack), "prefix": PREFIX, "csrf_field": CSRF_FIELD,
        "csrf": who.csrf if who else "", "who_words": who_words(who, snap.pack if snap is not None else None) if who else "",
        "pack": snap.pack if snap is not None else None, "names": names_of(snap.pack) if snap is not None else None,
        "beijing": lambda v: beijing(v, tz), "zone_words": BEIJING_WORDS, "today": datetime.now(tz).date(),
        "path": request.url.path, "examples": EXAMPLES, "may": lambda path: may(who, path),
        "unit_words": unit_words(pack),  # 镇街, 村(社区), 网格 as the pack calls them (乡镇(街道) in a county)
    }
    html = ENV.get_template(template).render(base | context)
    return HTMLResponse(html, status_code=status, headers={"Cache-Control": "no-store", **retry_after(status)})


def refused_page(message: str) -> str:
    """The page a form is answered with when the service refuses it before any page ran (an upload
    over the limit): no visitor is known then, so the page names no one and offers the way back."""
    return ENV.get_template("refused.html").render(
        prefix=PREFIX, who=None, menu=[], pack=None, path="", message=message, back=True)
