"""``Checker``: the library entry point dispatch systems call for every task and event.

Loading and compiling a pack is the expensive step and happens once, before or
in the constructor; ``check_task`` and ``route_event`` are then cheap and safe to call
from several threads (the engine adapter serialises its own calls).
"""

from __future__ import annotations

import os
from datetime import date, datetime
from typing import Any, Iterable, Iterator

from gridrules.decide.admission import Admission
from gridrules.engine.compiler import CompiledPack
from gridrules.engine.loading import compiled, load_pack
from gridrules.contract.base import moment_option
from gridrules.contract.documents import EventDecision, EventInput, PackRef, TaskDecision, TaskInput, build
from gridrules.engine.adapter import Engine, Rulesets, shared
from gridrules.errors import InputError
from gridrules.engine.gcpause import collector_paused
from gridrules.decide.inputs import validate_event, validate_task
from gridrules.decide.lifecycle import Lifecycle
from gridrules.decide.records import validate_record
from gridrules.contract.judgement import EventJudgement
from gridrules.pack.pack import Pack
from gridrules.decide.routing import Routing
from gridrules.decide.workdays import WorkingCalendar


Moment = datetime | date | str  # an aware datetime, an ISO date-time with offset, or a date (00:00 local)


class Checker:
    """Decides tasks and events against one loaded pack."""

    def __init__(self, pack: Pack | str | os.PathLike, share_engine: bool = True, on_use: bool = False):
        """``pack``: a loaded Pack, or the folder of one (loaded and validated here).  ``on_use``:
        register each ruleset in the engine when a decision first asks it, not now (for a caller
        that asks few of a large pack's rulesets; see ``engine.adapter.Rulesets``)."""
        if not isinstance(pack, Pack):
            pack = load_pack(pack)
        self.pack = pack
        self.compiled: CompiledPack = compiled(pack)
        with collector_paused():  # creating rulesets allocates much and frees little (gcpause.py)
            namespace = pack.digest[7:19]
            # the compiled rulesets are shared per pack version (durable_rules never
            # frees them); the answer cache is this Checker's own
            rulesets = (shared(pack.digest, self.compiled.rulesets, namespace, on_use) if share_engine
                        else Rulesets(self.compiled.rulesets, namespace, on_use=on_use))  # fresh: benchmarks time creating them
            self.engine = Engine(rulesets)
        self.calendar = WorkingCalendar(pack.calendars, pack.tz)
        ref = build(PackRef, name=pack.info.name, version=pack.info.version, digest=pack.info.digest)
        self.admission = Admission(pack, self.compiled, self.engine, ref)
        self.routing = Routing(pack, self.compiled, self.engine, self.calendar, ref)
        self.lifecycle = Lifecycle(pack, self.routing)

    def _moment(self, at: Moment | None) -> datetime | None:
        """``at`` as an aware datetime: one given with its offset, or a date's 00:00 in the pack's offset."""
        return moment_option(at, "at", self.pack.tz)

    def read_task(self, task: Any) -> TaskInput:
        """The ``TaskInput`` of a task document (a dict), read as ``check_task`` reads it: names by the
        pack (民政局 for ``minzheng``), each problem an ``InputError`` naming its field in the tool's words.
        (``TaskInput(...)`` itself takes ids only and raises pydantic's ``ValidationError``.)"""
        return validate_task(task, self.pack)

    def read_event(self, event: Any) -> EventInput:
        """The ``EventInput`` of an event document, read as ``route_event`` reads it (see ``read_task``)."""
        return validate_event(event, self.pack)

    def check_task(self, task: dict | TaskInput, at: Moment | None = None) -> TaskDecision:
        """May this work go to grid workers?  ``at`` defaults to now (the pack's local time)."""
        moment = self._moment(at) or datetime.now(self.pack.tz)
        return self.admission.decide(validate_task(task, self.pack), moment)

    def route_event(self, event: dict | EventInput, at: Moment | None = None) -> EventDecision:
        """Who handles this event, by when?  ``at`` defaults to the event's ``reported_at``."""
        return self.routing.decide(validate_event(event, self.pack), self._moment(at))

    def judge_record(self, record: Any, at: Moment | None = None, source: str | None = None,
                     final: bool = True) -> EventJudgement:
        """Judge an event's lifecycle record (the district policy, section 7) at ``at`` (default now); ``source``
        (``file:line``) is named by its problems; ``final=False`` skips routing the record as it
        stands at ``at`` (what counting does not need: ``decision`` is then the last segment's)."""
        moment = self._moment(at) or datetime.now(self.pack.tz)
        return self.lifecycle.judge(validate_record(record, self.pack, source=source), moment, final)

    def route_record(self, record: Any, at: Moment | None = None) -> EventDecision:
        """Route an event from its record: escalations renew its deadlines, a met deadline is not past."""
        return self.judge_record(record, at).decision

    def check_tasks(self, tasks: Iterable[Any], at: Moment | None = None) -> Iterator[TaskDecision | InputError]:
        """Decide many tasks, streaming; a bad one yields its ``InputError`` and the rest are still decided."""
        moment = self._moment(at) or datetime.now(self.pack.tz)
        yield from self._batch(tasks, validate_task, lambda task: self.admission.decide(task, moment))

    def route_events(self, events: Iterable[Any], at: Moment | None = None) -> Iterator[EventDecision | InputError]:
        """Route many events, streaming; a bad one yields its ``InputError``."""
        moment = self._moment(at)
        yield from self._batch(events, validate_event, lambda event: self.routing.decide(event, moment))

    def _batch(self, items: Iterable[Any], validate, decide) -> Iterator[Any]:
        """Decide item by item, yielding each decision as it is made (kept decisions would
        only feed the cyclic garbage collector).  Each decision takes the engine lock for
        itself and gives it back before its result is yielded: a batch read halfway, left
        unfinished or resumed on another thread never holds the lock between items, so it
        cannot shut out the Checker's other callers."""
        for item in items:
            try:
                result = decide(validate(item, self.pack))
            except InputError as exc:
                result = exc
            yield result
