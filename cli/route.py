"""``gridrules route FILE|-``: who handles this event, by when?"""

from __future__ import annotations

from datetime import datetime

import click

from gridrules.catalogue import t
from gridrules import Checker
from gridrules.catalogue.humane import duration_words
from gridrules.contract.documents import EventDecision
from gridrules.contract.judgement import EventJudgement
from gridrules.assess.repeats import event_id
from gridrules.contract.lifecycle import LifecycleRecord
from gridrules.decide.inputs import validate_event
from gridrules.decide.lifecycle import late_extension_notes
from gridrules.decide.records import validate_record
from gridrules.engine.loading import load_pack
from gridrules.errors import InputError, Problem
from gridrules.pack.pack import Pack

from gridrules.decide import labels
from .common import at_option, format_option, pack_option, parse_at, warn_if_edited
from .docio import Noted, decide_command
from .log import log_option, opened_log


def exit_code(decision: EventDecision) -> int:
    return 1 if "unauthorized_assignment" in decision.flags else 0


def _when(moment) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def render(decision: EventDecision, pack: Pack, progress: str = "") -> str:
    """The decision in words; ``progress``: where a record's event stands, said before the next steps
    and the reasons."""
    etype = pack.event_types[decision.type]
    grade = pack.grades[pack.grade_rank[decision.grade]].name
    level = pack.levels[pack.level_rank[decision.level]].name
    h = decision.handler
    handler = t("dec.event.handler_unit", name=h.name, unit=h.unit) if h.unit else t("dec.event.no_unit", level=level)
    joiner = t("dec.joiner")
    owners = joiner.join(pack.departments[d].name for d in decision.departments)
    close_by = decision.deadlines.close_by.strftime("%z")
    lines = [
        t("dec.event.head", event=decision.event, name=etype.name, type=decision.type),
        t("dec.event.grade", grade=grade, level=level) + (t("dec.event.escalated") if decision.escalated else ""),
        t("dec.event.handler", handler=handler),
        t("dec.event.departments", departments=owners),
        t("dec.event.deadlines", respond=_when(decision.deadlines.respond_by), close=_when(decision.deadlines.close_by),
          feedback=_when(decision.deadlines.feedback_by), offset=f"{close_by[:3]}:{close_by[3:]}"),
    ]
    if decision.direct_report:
        lines.append(t("dec.event.direct", levels=joiner.join(pack.levels[pack.level_rank[x]].name
                                                              for x in decision.direct_report)))
    if decision.whistle:
        w = decision.whistle
        blower = pack.grids.get(w.blown_by)  # the reporting grid, by its name when registered
        lines.append(t("dec.event.whistle", kind=w.kind, by=blower[0].name if blower is not None else w.blown_by,
                       departments=joiner.join(pack.departments[d].name for d in w.departments),
                       within=duration_words(w.report_within)))
    lines.append(t("dec.flags", flags=labels.flags(decision.flags, pack.flag_names())))
    lines.append(t("dec.risk", risk=pack.risk_levels[decision.risk].name)
                 + (t("dec.aside", text=decision.safeguard) if decision.safeguard else ""))
    if progress:
        lines.append(progress)
    if decision.next_steps:
        lines.append(t("dec.task.next"))
        lines.extend(f"  · {s}" for s in decision.next_steps)
    lines.append(t("dec.basis"))
    lines.extend(t("dec.reason", text=r.text, source=t("dec.reason_source", basis=r.basis, rule=r.rule)) for r in decision.reasons)
    lines.append(t("dec.pack", name=decision.pack.name, version=decision.pack.version, digest=decision.pack.digest))
    return "\n".join(lines)


def _state(done, due, verdict: str) -> str:
    """One deadline of the record as it stands: done on time or late, not done and late or still due."""
    if verdict == "excluded":
        return t("dec.record.excluded")
    if done is not None:
        return t("dec.record.on_time" if verdict == "on_time" else "dec.record.late_done", done=_when(done), due=_when(due))
    return t("dec.record.late" if verdict == "late" else "dec.record.pending", due=_when(due))


def render_progress(judgement: EventJudgement, pack: Pack) -> str:
    """Where the record's event stands at the check (its judgement, policy §7): the current handler's
    response, the feedback to the resident, the closure, each whistle's answers and the 回访 -- what a
    town's command centre follows.  What is still to do is the decision's next steps (``event_steps``)."""
    j, decision, joiner = judgement, judgement.decision, t("dec.joiner")
    now = j.segments[-1]
    lines = [t("dec.record.head", at=_when(j.at)),
             t("dec.record.line", what=t("dec.record.responded", unit=decision.handler.name or now.unit),
               state=_state(now.responded_at, now.respond_by, now.responded)),
             t("dec.record.line", what=t("dec.record.feedback"), state=_state(j.feedback_at, j.feedback_by, j.feedback)),
             t("dec.record.line", what=t("dec.record.closed"), state=_state(j.resolved_at, now.close_by, now.closed))]
    for w in j.whistles:
        answers = []
        for a in w.answers:
            name = pack.departments[a.department].name if a.department in pack.departments else a.department
            answer = t(f"dec.record.answer.{a.answer}", department=name, at=_when(a.at) if a.at else "")
            answers.append(answer + (t("dec.record.answer.late", due=_when(w.report_by)) if a.judgement == "late" else ""))
        lines.append(t("dec.record.whistle", kind=w.kind_name, at=_when(w.at), answers=joiner.join(answers)))
    satisfaction = t(f"record.satisfaction.{j.satisfaction}") if j.satisfaction else t("dec.record.no_revisit")
    lines.append(t("dec.record.revisit", state=satisfaction))
    return "\n".join(lines)


def render_line(decision: EventDecision, pack: Pack) -> str:
    """One decision of a batch as a line: the event, its grade and level in the pack's words, who
    handles it, the close-by moment and the flags in words."""
    grade = pack.grades[pack.grade_rank[decision.grade]].name
    level = pack.levels[pack.level_rank[decision.level]].name
    shown = labels.flags(decision.flags, pack.flag_names()) if decision.flags else "-"
    return (f"{decision.event}\t{grade}\t{level}\t{decision.handler.name or '?'}\t"
            f"{decision.deadlines.close_by.isoformat()}\t{shown}")


@click.command("route")
@click.argument("path", metavar="FILE|-")
@pack_option
@format_option()
@at_option("The moment of the check (default: the event's reported_at).")
@click.option("--batch", is_flag=True, help="Read JSON Lines: one event per line, one decision per line.")
@click.option("--record", is_flag=True,
              help="FILE holds an event's lifecycle record (--at defaults to now): escalations renew the "
                   "deadlines from their step, and a deadline already met is not past.")
@log_option
def route(path: str, pack_dir: str | None, fmt: str, at: str | None, batch: bool, record: bool,
          log_url: str | None) -> int:
    """Grade an event and decide its level, handler, departments, whistle, deadlines and next steps.

    Exit 0 when decided, 1 when the decision flags unauthorized_assignment,
    2 for bad input (in a batch: the worst of all lines).
    """
    pack = load_pack(pack_dir)
    moment = parse_at(at, pack.tz)
    warn_if_edited(pack)
    checker = Checker(pack)
    if record:
        if log_url is not None:
            raise InputError(Problem(t("cli.log_no_record"), field="log"))
        when = moment or datetime.now(pack.tz)
        last: list[EventJudgement] = []  # the one record's judgement, for its text (JSON: the decision alone)

        def judged(rec: LifecycleRecord) -> Noted:  # the decision, and each 延期 it did not apply, noted
            judgement = checker.lifecycle.judge(rec, when)
            last[:] = [judgement]
            return Noted(judgement.decision, late_extension_notes(judgement, pack))

        def text(decision: EventDecision, _raw) -> str:
            return render(decision, pack, render_progress(last[0], pack))

        return decide_command(path, fmt, batch, pack, validate_record, judged, text, lambda d: render_line(d, pack),
                              exit_code, "record", id_of=event_id)
    with opened_log(log_url) as log:
        return decide_command(path, fmt, batch, pack, validate_event,
                              lambda event: checker.route_event(event, at=moment),
                              lambda decision, _raw: render(decision, pack), lambda d: render_line(d, pack), exit_code,
                              "event", log, "event")

COMMANDS = [route]
