"""``gridrules assess RECORDS… --period 2026-Q4``: the two-way assessment (双向考核)."""

from __future__ import annotations

import json
import urllib.request
from datetime import datetime
from typing import Any, Iterator

import click

from gridrules import Checker
from gridrules.assess import assess_records, parse_period
from gridrules.assess.report import as_dict
from gridrules.engine.loading import load_pack
from gridrules.errors import InputError, Problem

from . import assess_text
from .common import at_option, emit_json, format_option, pack_option, parse_at
from .docio import read_lines


URL_TIMEOUT = 30  # seconds to fetch --decisions from a URL


def _fetch(url: str) -> str:
    """The text at an http(s) URL (the towns' task decisions kept by another system)."""
    try:
        with urllib.request.urlopen(url, timeout=URL_TIMEOUT) as answer:
            return answer.read().decode("utf-8")
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise InputError(Problem(f"cannot read {url}: {exc}", field="--decisions")) from None


def _lines(paths: tuple[str, ...]) -> Iterator[tuple[str, Any]]:
    for path in paths:
        text = _fetch(path) if path.startswith(("http://", "https://")) else None
        for line in read_lines(path, text):
            yield line.source, line.error if line.error is not None else line.data


@click.command("assess")
@click.argument("records", nargs=-1, required=True, metavar="RECORDS…")
@click.option("--period", required=True, metavar="PERIOD", help="2026 (a year), 2026-Q4 (a quarter) or 2026-11 (a month).")
@pack_option
@format_option()
@at_option("The moment of the check (default: now): deadlines not yet passed then are pending.")
@click.option("--decisions", "decisions", multiple=True, metavar="FILE|URL",
              help="Towns' tasks (a file or an http(s) URL of JSON Lines: a task, or {task, decision}) "
                   "for the unauthorized-assignment indicator.")
@click.option("--explain", "explain", multiple=True, metavar="UNIT", help="List the events behind each figure of UNIT.")
@click.option("--xlsx", "xlsx", default=None, metavar="FILE", help="Also write a workbook: a sheet per level, the 红黑榜 apart.")
@click.option("--html", "html", default=None, metavar="FILE", help="Also write a self-contained HTML report with charts.")
def assess(records: tuple[str, ...], period: str, pack_dir: str | None, fmt: str, at: str | None,
           decisions: tuple[str, ...], explain: tuple[str, ...], xlsx: str | None, html: str | None) -> int:
    """Judge lifecycle records (JSON Lines files, or - for stdin) and score departments, towns and
    communities for PERIOD: every indicator with numerator and denominator, scores, 红榜/黑榜 and
    budget advice (policy in the pack's assessment.yaml).

    Exit 0, or 2 when any record (or task) was bad: each gets an error line on stderr, the rest
    are still assessed.
    """
    span = parse_period(period)
    pack = load_pack(pack_dir)
    moment = parse_at(at) or datetime.now(pack.tz)
    run = assess_records(Checker(pack), _lines(records), span, moment, _lines(decisions), explain)
    if xlsx:
        from gridrules.assess.xlsx import write_xlsx
        write_xlsx(run, pack, xlsx)
    if html:
        from gridrules.assess.html import write_html
        write_html(run, pack, html)
    if fmt == "json":
        emit_json(as_dict(run, pack, list(explain)))
    else:
        click.echo(assess_text.render(run, pack, list(explain)))
    for error in run.errors + run.task_errors:
        click.echo(json.dumps({"error": "invalid record", **error.as_dict()}, ensure_ascii=False), err=True)
    return run.exit_code()


COMMANDS = [assess]
