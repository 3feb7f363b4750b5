"""The tool's own words: one message catalogue, Chinese by default, English for developers.

Every generic message gridrules writes for a person (input errors, refusals, command help,
table headings, history field names) is looked up here by key: ``t("input.missing",
field=...)``.  The pack's own texts (reasons, findings, the district's sentences) are not:
they stay as the pack wrote them.  JSON documents carry ids and codes, never these words.

The language is ``zh`` unless set: ``set_language("en")`` (the command line's ``--lang en``)
or the environment variable ``GRIDRULES_LANG``.  It is a context variable, so a thread or an
asyncio task may speak another language than its neighbours.
"""

from __future__ import annotations

import os
from contextvars import ContextVar

from .messages import MESSAGES
from .running import RUNNING
from .commands import COMMANDS
from .screens import SCREENS
from .decisions import DECISIONS
from .pages import PAGES
from .plain import PLAIN_MESSAGES
from .sheets import SHEETS
from .reports import REPORTS
from .api import API

MESSAGES.update(RUNNING)  # the running tool's words: the service, changes, sheets, the log (catalogue/running.py)
MESSAGES.update(COMMANDS)  # history, log and token commands' own lines (catalogue/commands.py)
MESSAGES.update(SCREENS)  # show, admission, assess text and import on screen (catalogue/screens.py)
MESSAGES.update(DECISIONS)  # check-task, route, replay, test and the decision labels (catalogue/decisions.py)
MESSAGES.update(PAGES)  # the web pages' messages: a form's problems, refusals, error pages (catalogue/pages.py)
MESSAGES.update(PLAIN_MESSAGES)  # plain words for what libraries say in English or notation (catalogue/plain.py)
MESSAGES.update(SHEETS)  # the spreadsheet readers' refusals and notices (catalogue/sheets.py)
MESSAGES.update(REPORTS)  # the assessment's workbook and HTML report (catalogue/reports.py)
MESSAGES.update(API)  # the HTTP API's description: its summaries, how to authenticate (catalogue/api.py)

LANGS = ("zh", "en")
DEFAULT = "zh"
ENV = "GRIDRULES_LANG"

_chosen: ContextVar[str | None] = ContextVar("gridrules_language", default=None)


def language() -> str:
    """The language messages are written in now: set, else ``$GRIDRULES_LANG``, else zh."""
    chosen = _chosen.get()
    if chosen is not None:
        return chosen
    env = os.environ.get(ENV, "").strip().lower()
    return env if env in LANGS else DEFAULT


def set_language(lang: str | None) -> None:
    """Speak ``lang`` from now on in this context (None: back to the environment's default)."""
    if lang is not None and lang not in LANGS:
        raise ValueError(f"language must be one of {', '.join(LANGS)}, not {lang!r}")
    _chosen.set(lang)


def t(key: str, **values: object) -> str:
    """The message ``key`` in the current language, its ``{placeholders}`` filled in."""
    zh, en = MESSAGES[key]
    template = en if language() == "en" else zh
    return template.format(**values) if values else template


def chinese(key: str, **values: object) -> str:
    """The message ``key`` in Chinese whatever the language, filled in: the web pages' own words (the
    pages are Chinese, as their templates are written)."""
    zh = MESSAGES[key][0]
    return zh.format(**values) if values else zh


def english() -> bool:
    return language() == "en"


__all__ = ["LANGS", "MESSAGES", "chinese", "english", "language", "set_language", "t"]
