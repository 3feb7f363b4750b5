"""``gridrules assess RECORDS… --period 2026-Q4``: the two-way assessment (双向考核)."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import sys
import tempfile
import urllib.request
from contextlib import ExitStack
from itertools import chain
from datetime import datetime
from typing import Any, Iterator

import click

from gridrules import Checker
from gridrules.assess import parse_period
from gridrules.assess.parallel import assess_files
from gridrules.assess.report import as_dict, explain_ids, unseen_explained, write_json
from gridrules.assess.run import AssessmentRun
from gridrules.engine.loading import load_pack
from gridrules.catalogue import english, t
from gridrules.catalogue.syntax import os_reason
from gridrules.errors import InputError, Problem, line_and_column
from gridrules.pack.yamlsrc import not_text

from . import assess_text
from .progress import Progress
from .common import at_option, format_option, output_files, pack_option, parse_at
from .docio import read_lines


URL_TIMEOUT = 30  # seconds to fetch RECORDS or --decisions from a URL
RECORDS, DECISIONS = "RECORDS", "--decisions"  # the argument a URL was given as, naming it when it cannot be read


def _fetch(url: str, given_as: str) -> str:
    """The text at an http(s) URL (records, or the towns' task decisions, kept by another system)."""
    try:
        with urllib.request.urlopen(url, timeout=URL_TIMEOUT) as answer:
            data = answer.read()
        return data.decode("utf-8")
    except (OSError, UnicodeDecodeError, ValueError, http.client.HTTPException) as exc:
        reason = str(exc) if english() and not isinstance(exc, UnicodeDecodeError) else _why(exc, given_as)
        raise InputError(Problem(t("assess.cannot_fetch", url=url, reason=reason), field=given_as)) from None


def _why(exc: Exception, given_as: str = DECISIONS) -> str:
    """Why a URL could not be read, as a person reads it (not urllib's text); ``given_as``: what it
    was given as (records, or --decisions), which says what is read instead of a workbook."""
    import socket
    import ssl
    import urllib.error

    if isinstance(exc, UnicodeDecodeError):
        kind = not_text(exc.object, t("assess.reads" if given_as == RECORDS else "doc.reads.lines"))  # a workbook or a PDF: named as a whole, not at a byte
        if kind is not None:
            return kind
        line, byte = line_and_column(exc.object, exc.start)
        return t("fetch.not_utf8", line=line, byte=byte)
    if isinstance(exc, urllib.error.HTTPError):
        code = exc.code
        if code == 404:
            return t("fetch.http_404")
        return t("fetch.http_denied" if code in (401, 403) else "fetch.http_server" if code >= 500 else "fetch.http",
                 code=code)
    cause = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(cause, ssl.SSLError):  # before OSError: its errno is OpenSSL's, not the system's
        return t("fetch.tls")
    if isinstance(cause, socket.gaierror):
        return t("fetch.no_host")
    if isinstance(cause, TimeoutError):
        return t("fetch.timeout", seconds=URL_TIMEOUT)
    if isinstance(cause, OSError) and cause.errno is not None:
        return os_reason(cause)
    if isinstance(cause, (OSError, http.client.HTTPException)):  # the answer cut short, the connection closed
        return t("fetch.broken")
    return t("fetch.bad_address") if isinstance(cause, ValueError) else str(cause)


def _lines(paths: tuple[str, ...]) -> Iterator[tuple[str, Any, str]]:
    for path in paths:
        text = _fetch(path, DECISIONS) if path.startswith(("http://", "https://")) else None
        for line in read_lines(path, text):
            yield line.source, line.error if line.error is not None else line.data, line.text


def _spooled(stack: ExitStack, paths: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """Files to shard: stdin (-) and URLs are first copied, as they come, to temporary files."""
    files, shown = [], []
    for path in paths:
        if path == "-" or path.startswith(("http://", "https://")):
            spool = stack.enter_context(tempfile.NamedTemporaryFile(prefix="gridrules-records-", suffix=".jsonl"))
            stream = getattr(sys.stdin, "buffer", None)
            if path == "-" and stream is not None:
                shutil.copyfileobj(stream, spool)
            elif path == "-":
                spool.write(sys.stdin.read().encode("utf-8", "surrogateescape"))
            else:
                spool.write(_fetch(path, RECORDS).encode("utf-8", "surrogateescape"))
            spool.flush()
            files.append(spool.name)
            shown.append("<stdin>" if path == "-" else path)
        else:
            files.append(os.path.abspath(path))  # workers elsewhere (a Dask cluster) open it; records keep the name given
            shown.append(path)
    return files, shown


@click.command("assess")
@click.argument("records", nargs=-1, required=True, metavar="RECORDS…")
@click.option("--period", required=True, metavar="PERIOD", help="2026 (a year), 2026-Q4 (a quarter) or 2026-11 (a month); also 2026年, 2026年第四季度, 2026年11月.")
@pack_option
@format_option()
@at_option("The moment of the check (default: now): deadlines not yet passed then are pending.")
@click.option("--decisions", "decisions", multiple=True, metavar="FILE|URL",
              help="Towns' tasks for the 违规派单 indicator (no_unauthorized_assignment): a file or an http(s) "
                   "URL of JSON Lines, each line a task as check-task reads it (judged here, at --at), or "
                   '{"task": TASK, "decision": DECISION} (the decision\'s flags taken as given, e.g. check-task '
                   "--format json's answer for that task; check-task's answer alone is refused). Only tasks with "
                   "issued_by town, status assigned and a start in PERIOD count, one each for its town: "
                   "flagged unauthorized_assignment or not. A task id counts once: a later line under it is bad "
                   "(whether its decision agrees or not).")
@click.option("--explain", "explain", multiple=True, metavar="UNIT", help="List the events behind each figure of UNIT.")
@click.option("--xlsx", "xlsx", default=None, metavar="FILE", help="Also write a workbook: a sheet per level, the 红黑榜 apart, each bad record listed.")
@click.option("--html", "html", default=None, metavar="FILE", help="Also write a self-contained HTML report with charts (each bad record listed).")
@click.option("--workers", type=click.IntRange(1, 256), default=1, show_default=True,
              help="Local worker processes, each judging its share of the records with its own Checker.")
@click.option("--scheduler", default=None, metavar="tcp://HOST:PORT",
              help="Run on a Dask distributed cluster instead (the records and pack on a path every worker reads).")
@click.option("--quiet", is_flag=True, help="No progress lines on stderr.")
def assess(records: tuple[str, ...], period: str, pack_dir: str | None, fmt: str, at: str | None,
           decisions: tuple[str, ...], explain: tuple[str, ...], xlsx: str | None, html: str | None,
           workers: int, scheduler: str | None, quiet: bool) -> int:
    """Judge lifecycle records (JSON Lines files, or - for stdin) and score departments, towns and
    communities for PERIOD: every indicator with numerator and denominator, scores, 红榜/黑榜 and
    budget advice (policy in the pack's assessment.yaml).

    Exit 0, or 2 when any record (or task) was bad: each gets an error line on stderr, the rest
    are still assessed.  When every record read was bad, nothing is assessed: stderr says so, then
    the errors; no scorecard on stdout, no --xlsx or --html.  So too when no file holds a record
    (empty, or blank lines only): stderr names each file; one such file among others is a warning,
    the others are assessed.  A file that holds no text (a workbook, a PDF), YAML records, records
    written as one JSON array, or a CSV table (convert them to JSON Lines: the message says how), is
    refused as a whole before any record is read.  Records stream in bounded memory; --workers N or --scheduler spread
    them over processes or a Dask cluster with the same result.
    """
    output_files(**{"--xlsx": xlsx, "--html": html})  # before any work: not found after the whole run
    span = parse_period(period)
    pack = load_pack(pack_dir)
    moment = parse_at(at, pack.tz) or datetime.now(pack.tz)
    explain = explain_ids(pack, explain)  # ids, names or short forms -> ids
    progress = Progress(t("assess.what"), quiet)
    with ExitStack() as stack:
        files, shown = _spooled(stack, records)
        where = os.path.abspath(pack_dir) if pack_dir else None  # as every worker will open it
        tasks = _lines(decisions) if decisions else None  # none given: the indicator they give is said left out
        run = assess_files(Checker(pack), where, files, span, moment, tasks, explain, workers=workers,
                           scheduler=scheduler, progress=progress, shown=shown)
    progress.done(run.tally.records, run.tally.errors)  # the counts the summary says: one count, one place
    for name in run.empty_files:  # the others were assessed; said in the summary too
        click.echo("gridrules: " + t("assess.no_records_here", file=name), err=True)
    if run.counted_nothing():  # a scorecard of nothing looks like a result: none is printed or written
        click.echo("gridrules: " + t("assess.none_counted", n=run.tally.records), err=True)
        _say_errors(run, fmt)
        return 2
    unseen_explained(run, pack, explain)  # before anything is written
    if xlsx:
        from gridrules.assess.xlsx import write_xlsx
        write_xlsx(run, pack, xlsx)
    if html:
        from gridrules.assess.html import write_html
        write_html(run, pack, html)
    if fmt == "json":
        write_json(as_dict(run, pack, list(explain), stream=True), lambda text: click.echo(text, nl=False))
    else:
        click.echo(assess_text.render(run, pack, list(explain)))
    _say_errors(run, fmt)
    return run.exit_code()


def _say_errors(run: AssessmentRun, fmt: str) -> None:
    """The bad records and task lines on stderr, a line each: JSON under --format json, else readable."""
    for error in chain(run.errors, run.task_errors):
        click.echo(json.dumps({"error": "invalid_record", **error.as_dict()}, ensure_ascii=False) if fmt == "json"
                   else str(error), err=True)


COMMANDS = [assess]
