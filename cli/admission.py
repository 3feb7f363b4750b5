"""``gridrules admission``: applications to the joint meeting and its decisions on the list."""

from __future__ import annotations

import os
import shlex
import tempfile
from datetime import date, datetime
from pathlib import Path

import click

from gridrules.catalogue import english, t
from gridrules.catalogue.humane import session_words
from gridrules.cases import coverage
from gridrules.change import history as changelog, workflow
from gridrules.change.training import record_training
from gridrules.change.appform import blank_form, default_id, validate_application
from gridrules.change.candidate import approved_copy
from gridrules.contract.application import Application
from gridrules.contract.replay import ReviewImpact
from gridrules.errors import InputError, Problem, Refused
from gridrules.engine.gcpause import collector_paused
from gridrules.engine.loading import compiled, load_pack
from gridrules.change.review import review_application
from gridrules.log import open_log
from gridrules.log.open import window
from gridrules.log.replay import replay
from gridrules.pack.loader import read_pack
from gridrules.pack.pack import Pack

from .common import at_option, emit_json, format_option, pack_option, parse_at
from .docio import read_document
from .log import LOG_HELP, not_blank
from .replay import render as render_replay
from .writing import (amount, codes, day, decision_options, effective_option, field_words, ref, render_outcome, render_review,
                      session as read_session,
                      report_change, report_refusal, shown)


def _decided(outcome: workflow.Outcome, pack_dir: str | None) -> str:
    """The recorded decision in its body's words (bodies.yaml ``decision``)."""
    pack = outcome.pack or load_pack(pack_dir)
    decision = outcome.change.get("decision") or {}
    session = str(decision.get("session", ""))
    return changelog.decision_words(pack, decision) or (t("screen.admission.session", session=session) if english()
                                                        else session_words(session))


def _application(path: str, pack: Pack | None = None) -> Application:
    """The application in ``path``; departments and activities may be written by name (read
    with the pack at ``--pack``)."""
    raw, doc = read_document(path)
    return validate_application(raw, doc=doc, pack=pack)


@click.group("admission")
def admission() -> None:
    """Applications to add work to the admission list, and the joint meeting's decisions.

    \b
    new       write a blank application form to fill in
    review    the secretariat's review: findings and a recommendation
    approve   write the approved item into the pack (next code, provenance, history)
    reject    record a rejection
    amend     change an item (hours, subsidy, activities, owners, end date, training)
    withdraw  end an item from a date
    trained   record that an item's training was delivered
    """


@admission.command("new")
@click.argument("path", metavar="[FILE]", required=False)
@click.option("--id", "app_id", default=None, help="The application's id (default: APP-<date>-<time>).")
@click.option("--applicant", default=None, metavar="DEPT", help="Fill in the applying department.")
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
@pack_option
def new(path: str | None, app_id: str | None, applicant: str | None, force: bool, pack_dir: str | None) -> int:
    """Write a blank application form with Chinese notes (to FILE, or to stdout)."""
    pack = load_pack(pack_dir)
    form = blank_form(pack, ref(app_id, "--id") if app_id else default_id(datetime.now(pack.tz)), applicant)
    if path is None or path == "-":
        click.echo(form, nl=False)
        return 0
    if os.path.exists(path) and not force:
        click.echo("gridrules: " + t("cli.exists", path=path), err=True)
        return 2
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(form)
    # the review command as it must be typed: with the pack the form was written for
    with_pack = f" --pack {shlex.quote(pack_dir)}" if pack_dir else ""
    click.echo(t("screen.admission.form_written", path=shlex.quote(path), pack=with_pack), err=True)
    return 0


def impact(pack_dir: str | None, pack: Pack, app: Application, on: date, url: str, since: str | None,
           until: str | None) -> ReviewImpact:
    """The replay of the log at ``url`` with the pack as it would be with ``app`` approved on ``on``."""
    start, end = window(since, until, pack.tz)
    with open_log(url, read_only=True) as log, tempfile.TemporaryDirectory() as tmp:
        candidate = Path(tmp) / "candidate"
        try:
            outcome = approved_copy(pack_dir, app, on, candidate)
        except Refused as refused:
            return ReviewImpact(since=start, until=end, approved_as=None, refused=refused.message, replay=None)
        result = replay(log, candidate, pack, start, end)
    return ReviewImpact(since=start, until=end, approved_as=outcome.target, refused=None, replay=result.report())


def render_impact(found: ReviewImpact, pack: Pack) -> str:
    bounds = t("screen.impact.bounds_sep").join(t(key, value=value) for key, value in (
        ("screen.impact.since", found.since), ("screen.impact.until", found.until)) if value)
    window_text = t("screen.impact.window", bounds=bounds) if bounds else ""
    if found.replay is None:
        return t("screen.impact.refused", refused=found.refused)
    return t("screen.impact.replayed", code=found.approved_as, window=window_text) + "\n" + render_replay(found.replay, pack)


@admission.command("review")
@click.argument("path", metavar="APP")
@pack_option
@format_option()
@at_option("The day of the review (default: now).")
@click.option("--impact", "url", metavar="URL", callback=not_blank,
              help="Add what approving it would have changed: the decisions in this decision log replayed with "
                   "the pack as it would be with the application approved. " + LOG_HELP)
@click.option("--since", help="With --impact: only decisions made at or after this moment (ISO 8601, or a date).")
@click.option("--until", help="With --impact: only decisions made before this moment (ISO 8601, or a date).")
def review_cmd(path: str, pack_dir: str | None, fmt: str, at: str | None, url: str | None, since: str | None,
               until: str | None) -> int:
    """The secretariat's review of an application.

    With --impact, the logged decisions are re-decided at their moments with the
    application approved (the contract's replay) and the changes are added.

    Exit 0 when the recommendation is approve, 1 for reject or incomplete, 2
    for a malformed application.
    """
    if url is None and (since or until):
        raise InputError(Problem(t("cli.since_needs_impact"),
                                 field="since" if since else "until"))
    pack = load_pack(pack_dir)
    moment = parse_at(at, pack.tz)
    app = _application(path, pack)
    on = (moment or datetime.now(pack.tz)).astimezone(pack.tz).date()
    report = review_application(pack, app, on)
    if url is not None:
        report = report.model_copy(update={"impact": impact(pack_dir, pack, app, on, url, since, until)})
    if fmt == "json":
        emit_json(report.model_dump(mode="json", by_alias=True))
    else:
        click.echo(render_review(report, pack))
        if report.impact is not None:
            click.echo(render_impact(report.impact, pack))
    return 0 if report.recommendation == "approve" else 1


@admission.command("approve")
@click.argument("path", metavar="APP")
@decision_options
@click.option("--effective", default=None, metavar="YYYY-MM-DD",
              help="When the item takes effect (default: the start the application asks for, or the decision's date when that start is earlier).")
@click.option("--override", default=None, metavar="REASON",
              help="The meeting approved despite blocking findings: why (recorded with the item).")
@pack_option
@format_option()
def approve(path: str, session: str, on: str, effective: str | None, override: str | None, pack_dir: str | None,
            fmt: str) -> int:
    """Write the approved application's item into the pack (exit 1 if refused)."""
    with collector_paused():  # the whole command: the list read, edited and read again (gcpause.py)
        return _approve(path, session, on, effective, override, pack_dir, fmt)


def _approve(path: str, session: str, on: str, effective: str | None, override: str | None, pack_dir: str | None,
             fmt: str) -> int:
    # read, not compiled: only names are resolved with it; kept while the change reads the
    # same files again under the lock, which then hands back this Pack (loader.read_files)
    current = read_pack(pack_dir)
    app = _application(path, current)
    try:
        outcome = workflow.approve(pack_dir, app, read_session(session, pack_dir=pack_dir), day(on, "--date"), override,
                                   effective=day(effective, "--effective"))
    except Refused as refused:
        return report_refusal(refused, fmt, current)
    if fmt == "json":
        emit_json(outcome.as_dict())
    else:
        if outcome.review is not None:  # an approval always rests on a review
            click.echo(render_review(outcome.review, outcome.pack or load_pack(pack_dir)))
        click.echo(render_outcome(outcome, t("screen.admission.approved", code=outcome.change["target"], item=app.item,
                                             decision=_decided(outcome, pack_dir),
                                             effective=_effective(outcome, pack_dir))))
        _pending_note(outcome.pack or load_pack(pack_dir), outcome.change["target"])
    if pack_dir is not None:  # on stderr: the answer (JSON too) stays the approval's
        _cases_note(outcome.pack or load_pack(pack_dir), pack_dir, outcome.change["target"])
    return 0


def _effective(outcome: workflow.Outcome, pack_dir: str | None) -> object:
    """The day the approved item takes effect, as the list records it (a retried approval's too)."""
    item = (outcome.pack or load_pack(pack_dir)).items_by_id.get(outcome.change["target"])
    return item.effective.from_ if item is not None else "—"


def _cases_note(pack: Pack, pack_dir: str, code: str) -> None:
    """A pack with decision cases fails ``test --require-tests`` until a case fires the new item's rules: say so."""
    # the compiled rules say which the item brings; a Checker would also register the whole
    # list's rulesets in the engine (~600 MB and 3 s at 10,000 items) to fire none of them
    missing = coverage.missing_for(compiled(pack), code, pack_dir)
    if missing:
        where = t("words.sentence_sep").join(t("admission.case_where", rule=rule, file=file) for rule, file in missing)
        click.echo(t("admission.cases_missing", item=code, where=where), err=True)


def _pending_note(pack: Pack, code: str) -> None:
    """An item taking effect after today is not silent: it is 待生效 until then."""
    today = datetime.now(pack.tz).date()
    item = pack.items_by_id.get(code)
    if item is not None and item.effective.from_ > today:
        click.echo(t("admission.pending", item=code, date=item.effective.from_, today=today), err=True)


@admission.command("reject")
@click.argument("path", metavar="APP")
@decision_options
@click.option("--reason", default=None, help="Why the meeting rejected it.")
@pack_option
@format_option()
def reject(path: str, session: str, on: str, reason: str | None, pack_dir: str | None, fmt: str) -> int:
    """Record that the joint meeting rejected an application."""
    current = read_pack(pack_dir)  # names only; the change reads these files again: the same Pack
    app = _application(path, current)
    return report_change(
        lambda: workflow.reject(pack_dir, app, read_session(session, pack_dir=pack_dir), day(on, "--date"), reason), fmt, pack_dir,
        lambda outcome: t("screen.admission.rejected", decision=_decided(outcome, pack_dir), app=app.id,
                          item=app.item or ""))


@admission.command("amend")
@click.argument("code", metavar="ITEM")
@decision_options
@effective_option
@click.option("--hours", default=None, metavar="HOURS", help="New workload, hours per grid per month.")
@click.option("--subsidy", default=None, metavar="YUAN|none",
              help="New subsidy, 元 per grid per month ('none': no subsidy).")
@click.option("--activities", default=None, metavar="A,B", help="The item's activities, all of them.")
@click.option("--owners", default=None, metavar="D,E", help="The owning departments, lead first.")
@click.option("--frequency", default=None, help="How often the work is done.")
@click.option("--end", default=None, metavar="YYYY-MM-DD|none", help="Last day of the item ('none': no end).")
@click.option("--training-owner", default=None, metavar="DEPT", help="Department that trains the grid workers.")
@click.option("--training-plan", default=None, help="The training plan.")
@click.option("--towns", default=None, metavar="T,U|all", help="The towns (within its body's unit) it applies in.")
@click.option("--override", default=None, metavar="REASON", help="Approve despite a new blocking finding: why.")
@click.option("--reason", default=None, help="Why the item is amended.")
@pack_option
@format_option()
def amend(code: str, session: str, on: str, effective: str | None, hours, subsidy, activities, owners, frequency, end,
          training_owner, training_plan, towns, override, reason, pack_dir: str | None, fmt: str) -> int:
    """Amend a list item by a decision of the body that keeps its list, from --effective on (work starting
    earlier keeps the old terms)."""
    changes = {
        "hours_per_month": None if hours is None else amount(hours, "--hours"), "activities": codes(activities), "owners": codes(owners),
        "frequency": frequency, "training_owner": training_owner, "training_plan": training_plan,
    }
    changes = {k: v for k, v in changes.items() if v is not None}
    if towns is not None:
        changes["towns"] = "all" if towns.strip().lower() == "all" else codes(towns)
    if end is not None:
        changes["end"] = None if end.lower() == "none" else day(end, "--end")
    if subsidy is not None:  # as import items writes it: a number, or none for no subsidy
        changes["subsidy"] = None if subsidy.strip().lower() == "none" else amount(subsidy, "--subsidy")
    def headline(outcome: workflow.Outcome) -> str:
        fields = t("screen.admission.field_sep").join(
            f"{field_words(c['field'])}{shown(c.get('before'))} → {shown(c.get('after'))}" for c in outcome.change["fields"])
        return t("screen.admission.amended", code=code, decision=_decided(outcome, pack_dir),
                 effective=day(effective, "--effective") or day(on, "--date"), fields=fields)

    return report_change(
        lambda: workflow.amend(pack_dir, code, changes, read_session(session, pack_dir=pack_dir), day(on, "--date"), override,
                               reason, effective=day(effective, "--effective")), fmt, pack_dir, headline)


@admission.command("withdraw")
@click.argument("code", metavar="ITEM")
@decision_options
@effective_option
@click.option("--reason", default=None, help="Why the item is withdrawn.")
@pack_option
@format_option()
def withdraw(code: str, session: str, on: str, effective: str | None, reason: str | None, pack_dir: str | None,
             fmt: str) -> int:
    """Withdraw a list item from --effective (default: the decision's date): work starting then or later
    is not admitted under it; its last day is the day before."""
    return report_change(
        lambda: workflow.withdraw(pack_dir, code, read_session(session, pack_dir=pack_dir), day(on, "--date"), reason,
                                  effective=day(effective, "--effective")), fmt, pack_dir,
        lambda outcome: t("screen.admission.withdrawn", code=code, name=outcome.change.get("name", ""),
                          effective=day(effective, "--effective") or day(on, "--date"),
                          decision=_decided(outcome, pack_dir)))


@admission.command("trained")
@click.argument("code", metavar="ITEM")
@click.option("--on", "on", required=True, metavar="YYYY-MM-DD", help="The day the training was delivered.")
@click.option("--reason", default=None, help="A note on the training (where, who attended).")
@pack_option
@format_option()
def trained(code: str, on: str, reason: str | None, pack_dir: str | None, fmt: str) -> int:
    """Record that an item's training was delivered (tasks starting later are not training_pending)."""
    return report_change(
        lambda: record_training(pack_dir, code, day(on, "--on"), reason), fmt, pack_dir,
        lambda outcome: t("screen.admission.trained", code=code, name=outcome.change.get("name", ""), on=on))


COMMANDS = [admission]
