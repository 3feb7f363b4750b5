"""Options and output shared by the commands that record decisions in a pack."""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Callable, overload

import click

from gridrules.catalogue import MESSAGES, english, t
from gridrules.catalogue.fields import field_name
from gridrules.catalogue.humane import session_id, session_words, written_number
from gridrules.catalogue.validation import not_a_number
from gridrules.errors import GridRulesError, InputError, Problem
from gridrules.contract.base import parse_date
from gridrules.change.review import ApplicationReview, Finding, Workload, workload_where
from gridrules.pack.pack import Pack
from gridrules.change.outcome import Outcome
from gridrules.errors import Refused
from gridrules.change.yamledit import inline
from gridrules.engine.loading import load_pack

from .common import emit_json
from .table import fit

_REF = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")



def words_of(kind: str, value: str) -> str:
    """A review's recommendation, a finding's severity or outcome, a change's action, in the
    catalogue's words (``review.recommendation.approve`` …); an unknown value as it is."""
    key = f"{kind}.{value}"
    return t(key) if key in MESSAGES else value


def field_words(field: str) -> str:
    """A changed field as a person reads it, with its separator: 工作补贴（元/网格/月）：, not
    subsidy (which ``--lang en`` keeps, with ': ')."""
    if english():
        return f"{field}: "
    return (field_name(field.replace("training_", "training.")) or field) + "："


def shown(value) -> str:
    """A field's value as a person reads it: — for nothing, YAML-like for lists and mappings."""
    return "—" if value is None else inline(value)


@overload
def day(value: str, option: str) -> date: ...
@overload
def day(value: None, option: str) -> None: ...
@overload
def day(value: str | None, option: str) -> date | None: ...


def day(value: str | None, option: str) -> date | None:
    """An option's day: 2026-12-01, or as people write one (2026/12/1, 2026年12月1日)."""
    if value is None:
        return None
    try:
        return parse_date(value)  # the one reading of a date: ISO first, then as people write one
    except ValueError as exc:
        raise InputError(Problem(str(exc), field=option)) from None


def approval_hours(approval: Any) -> str:
    """A temporary approval's workload (hours per grid per month, what it adds to its town's listed
    total), or — when it records none."""
    return "—" if approval.hours_per_month is None else f"{approval.hours_per_month:g}"


def amount(value: str, option: str) -> float:
    """An option's number (元, hours): 60, 60.5, ６０ (``written_number``, as the pages read a form's);
    InputError naming the option otherwise (1e3, 1_000, infinity)."""
    try:
        return float(written_number(value))
    except ValueError:
        raise InputError(Problem(not_a_number(value), field=option)) from None


def session(value: str, option: str = "--session", pack_dir: str | None = None) -> str:
    """A body's session: 2026-9, also written 2026年第9次会议.  Anything else (第2次, 2026年9月) is refused
    with the form and an example: the latest numbered session of the pack in ``pack_dir`` (None: the
    bundled one), else this year's first."""
    read = session_id(value)
    if _REF.match(read) and len(read) <= 64:
        return read
    example = _session_example(pack_dir)
    raise InputError(Problem(t("cli.not_session", value=value, example=example, words=session_words(example)),
                             field=option))


_NUMBERED = re.compile(r"^[0-9]{4}-[0-9]{1,3}$")


def _session_example(pack_dir: str | None) -> str:
    """The pack's latest numbered session (by its date), or ``<this year>-1`` when it has none (or does not load)."""
    from gridrules.pack.loader import read_pack
    from gridrules.pack.sessions import held

    try:
        known = [h for h in held(read_pack(pack_dir)) if _NUMBERED.match(h.session)]
    except (GridRulesError, OSError):  # a pack that does not load gives no example of its own
        known = []
    if known:
        return max(known, key=lambda h: (h.date, int(h.session.split("-")[1]))).session
    return f"{date.today().year}-1"


def ref(value: str, option: str) -> str:
    if not _REF.match(value) or len(value) > 64:
        raise InputError(Problem(t("pyd.pattern.ref", pydantic=t("cli.not_ref", value=value)), field=option))
    return value


def codes(value: str | None) -> list[str] | None:
    """``visit,report`` (or spaces, or 、) -> ["visit", "report"]."""
    if value is None:
        return None
    return [part for part in re.split(r"[,\s、，]+", value) if part]


def effective_option(func):
    return click.option("--effective", default=None, metavar="YYYY-MM-DD",
                        help="When it takes effect (default: the decision's date).")(func)


def decision_options(func):
    func = click.option("--date", "on", required=True, metavar="YYYY-MM-DD",
                        help="Date of the decision (the session's; never in the future).")(func)
    return click.option("--session", required=True, metavar="S", help="The joint meeting's session, e.g. 2026-5.")(func)


def with_ids(ids: bool | None) -> bool:
    """Whether a review or a refusal on screen shows the findings' and the recommendation's ids: as told,
    else only for the developers (``--lang en``); a secretary reads the Chinese words alone, and JSON
    always carries the ids."""
    return english() if ids is None else ids


def finding_lines(findings: list[Finding], ids: bool | None = None) -> list[str]:
    """Each finding: its mark, weight, id (only ``with_ids``: not on a screen for clerks) and message,
    then its basis, wrapped to the terminal."""
    ids = with_ids(ids)
    lines = []
    for f in findings:
        mark = "✗" if f.severity == "blocking" else "!"
        weight = words_of("review.severity", f.severity) + (f"·{words_of('review.outcome', f.outcome)}" if f.outcome else "")
        if f.severity == "blocking" and not f.overridable:
            weight += t("review.not_overridable")
        lines += fit(f"{mark} [{weight}] {f.id}  {f.message}" if ids else f"{mark} [{weight}] {f.message}", "  ", "      ")
        lines += fit(t("review.basis", basis=f.basis), "      ", "      ")
    return lines or ["  " + t("table.none")]


def workload_line(pack: Pack, w: Workload) -> str:
    """The review's workload: where it is counted and what the listed figure holds (over_capacity's words)."""
    capacity = "—" if w.capacity is None else f"{w.capacity:g}"
    return t("review.workload", where=workload_where(pack, w.town), listed=f"{w.listed:g}", added=f"{w.added:g}",
             after=f"{w.after:g}", capacity=capacity)


def render_review(review: ApplicationReview, pack: Pack, ids: bool | None = None) -> str:
    """The review as ``admission review`` shows it; the recommendation's and findings' ids only
    ``with_ids`` (not on a screen for clerks: ``admission review`` in Chinese, ``import items``)."""
    ids = with_ids(ids)
    departments = pack.departments
    applicant = review.applicant or "—"
    if review.applicant is not None and review.applicant in departments:
        applicant = departments[review.applicant].name
    recommendation = words_of("review.recommendation", review.recommendation)
    lines = [
        *fit(t("review.application", app=review.application, item=review.item_name or t("review.no_item_name"),
               applicant=applicant)),
        *fit(t("review.recommends" if ids else "review.recommends_plain", words=recommendation,
               recommendation=review.recommendation, summary=review.summary), "", "  "),
        t("review.findings", count=len(review.findings)),
        *finding_lines(review.findings, ids),
        *fit(workload_line(pack, review.workload)),
        t("review.next_code", code=review.next_code or "—"),
        *fit(t("review.footer", day=review.review_date, name=review.pack.name, version=review.pack.version,
               digest=review.pack.digest), "", "  "),
    ]
    return "\n".join(lines)


def render_outcome(outcome: Outcome, headline: str) -> str:
    lines = [headline]
    if not outcome.written:
        lines.append(t("screen.outcome.repeated", seq=outcome.change["seq"]))
        return "\n".join(lines)
    if outcome.override_unused:
        lines.append(t("screen.outcome.override_unused"))
    lines.append(t("screen.outcome.version", before=outcome.previous_version, after=outcome.version,
                   seq=outcome.change["seq"]))
    lines.append(t("screen.outcome.digest", before=outcome.previous_digest, after=outcome.digest))
    return "\n".join(lines)


def report_refusal(refused: Refused, fmt: str, pack: Pack, ids: bool | None = None) -> int:
    """A refused change: say why (the pack is unchanged) and exit 1; its findings' ids only ``with_ids``
    (not on a screen for clerks; JSON keeps them)."""
    message = refused.message + (t("refuse.override_cli") if refused.overridable else "")  # how to override here
    if fmt == "json":
        emit_json({
            "written": False,
            "refused": message,
            "findings": [f.model_dump(mode="json") for f in refused.findings],
            "review": refused.review.model_dump(mode="json") if refused.review else None,
        })
        return 1
    if refused.review is not None:
        click.echo(render_review(refused.review, pack, ids))
    elif refused.findings:
        click.echo(t("screen.refused_findings", count=len(refused.findings)))
        click.echo("\n".join(finding_lines(refused.findings, ids)))
    click.echo(t("refuse.unchanged", message=message))
    return 1


def report_change(change: Callable[[], Outcome], fmt: str, pack_dir: str | None,
                  headline: Callable[[Outcome], str], ids: bool | None = None) -> int:
    """Make a change to the pack and report it: its JSON, or its headline over the outcome; a
    refusal explained (exit 1, the pack loaded only to explain it; ``ids`` as ``report_refusal``'s)."""
    try:
        outcome = change()
    except Refused as refused:
        return report_refusal(refused, fmt, load_pack(pack_dir), ids)
    if fmt == "json":
        emit_json(outcome.as_dict())
    else:
        click.echo(render_outcome(outcome, headline(outcome)))
    for note in outcome.notes:  # recorded all the same: what to look at, beside the answer
        click.echo(note, err=True)
    return 0
