"""Departments' applications, kept by the service until the secretariat decides.

A folder (``applications`` beside the configuration file, or as configured)
holding ``pending/<id>.json`` while an application waits and
``decided/<id>.json`` (the application with the decision's outcome) after.
Each file is validated before it is written and written atomically (a new one
is linked into place whole, never created empty first: ``_claim``); an id
is a reference (letters, digits, '.', '_', '-'), so a path never leaves the folder.  The hidden
file a writer killed mid-write leaves is removed when the folder is next opened (``_sweep``).
An application sent again under its id with the same content (``change.appform.differing``: a
client retrying after a timeout, a form sent back) is the one filed, not written again; another
application under a taken id is refused, naming the fields that differ.

补正 (the 清单式准入's return for correction): while an application waits, the department that
filed it may replace it under its number (``correct``: the review is redone on the new content;
each earlier version is kept in ``versions``, with when it was filed, and ``corrected_at`` says
when it was last corrected) or withdraw it (``withdraw``: filed as ``withdrawn``, never decided).
Once decided it cannot be either (``Conflict``); another department's number neither.  Both run
under the folder's lock (``deciding``), so a decision never reads one version and files another.

Who filed it: each record says who entered it (``submitted_by``: the token's role and id), each kept
version who filed it (``filed_by``), and a correction or withdrawal who made it (``corrected_by``,
``withdrawn_by``).  The secretariat, which enters a department's paper application for it, may correct
its own transcription or record the department's paper withdrawal -- only of an application the
secretariat entered (``submitted_by`` a secretariat's), and never to another department (a wrong
department is withdrawn and entered again).  One the department entered itself, or one filed before
``submitted_by`` was recorded (nobody can tell who typed it), is the department's alone (``Conflict``,
naming it).  The department may correct its own application however it was entered.

A decision (``decide``, the one way the service's route and the pages' form take the
joint meeting's approval or rejection) holds an exclusive lock on the folder
(``deciding``) from reading the application's state to filing it as decided,
around the pack's change: two decisions on one application at once queue, and
the second finds it decided.
An application still waiting whose decision the pack records -- its writer killed
after the pack was written, or the decision taken on the command line -- is filed
with that decision when it is next read with the pack (``settle``).
"""

from __future__ import annotations

import json
import os
import re
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone, tzinfo
from pathlib import Path
from typing import Any, Callable, Iterator, Literal

from gridrules.catalogue import t
from gridrules.change.appform import differing, differing_fields, validate_application
from gridrules.change.history import differences
from gridrules.change.outcome import Outcome
from gridrules.change.store import locked
from gridrules.change.workflow import recorded
from gridrules.contract.application import Application
from gridrules.errors import GridRulesError, InputError, NotFound, Problem, RecordedOtherwise
from gridrules.pack import crashpoints
from gridrules.pack.journal import TMP_MARK, fsync_dir, write_durably
from gridrules.pack.pack import Pack

from .tokens import Principal

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
PENDING, DECIDED = "pending", "decided"
FILED_AS = {"approve": "approved", "reject": "rejected"}  # the status a decision files an application with
WITHDRAWN = "withdrawn"  # withdrawn by its department before any decision (filed with the decided, never decided)
STATUSES = (PENDING, *FILED_AS.values(), WITHDRAWN)  # every status an application is filed with
STAGED = ".staged"  # a new application being written, under its hidden name (never read as one)
TRANSCRIBER = "secretariat"  # the role that enters a department's paper application, and may correct its own entry


def actor(who: Principal) -> dict[str, str]:
    """Who filed, corrected or withdrew an application, as the record keeps it: the token's role (as the
    decision log names it: ``department:canlian``, ``secretariat``) and the token's id."""
    return {"role": who.name, "token": who.token_id}


def entered_by_transcriber(record: dict) -> bool:
    """Did the secretariat enter this application (a paper one)?  False for one its department entered, and for
    one filed before ``submitted_by`` was recorded: nobody can tell who typed it."""
    return (record.get("submitted_by") or {}).get("role") == TRANSCRIBER


class Conflict(Exception):
    """The application exists already, or was decided already: ``problems``, the fields that differ
    (each with its value filed and the one sent); ``fields``, their names (for a page to word them);
    ``state``: ``waiting``, ``decided`` or ``other`` (another department's number)."""

    def __init__(self, message: str, problems: list[Problem] | None = None, fields: list[str] | None = None,
                 state: str = "waiting"):
        super().__init__(message)
        self.problems = problems or []
        self.fields = fields or []
        self.state = state


@dataclass(frozen=True)
class Submitted:
    """What became of a submission (``ApplicationStore.submit``): ``record`` filed now (``written``), or
    the very application found filed already under its id (sent again: not ``written``, nothing written)."""

    record: dict
    written: bool = True


@dataclass(frozen=True)
class Decided:
    """What became of a decision on an application (``ApplicationStore.decide``).

    ``record`` is the application as it stands after it: filed as decided, or as it was when the decision
    was refused.  ``outcome`` is the library's answer when it recorded the decision, now (``written``) or
    before (the same decision sent again: not ``written``); ``refusal``, the library's error when it
    wrote nothing (its words name what differs from the decision recorded)."""

    record: dict
    outcome: Outcome | None = None
    refusal: GridRulesError | None = None

    @property
    def result(self) -> Literal["decided", "recorded", "refused"]:
        """``decided`` (recorded now), ``recorded`` (found recorded already) or ``refused`` (nothing written)."""
        if self.outcome is None:
            return "refused"
        return "decided" if self.outcome.written else "recorded"


def _encoded(record: dict) -> bytes:
    return json.dumps(record, ensure_ascii=False, indent=2).encode("utf-8")


def _write(path: Path, record: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_durably(path, _encoded(record))


def _claim(path: Path, record: dict) -> None:
    """Put a new application at ``path`` whole or not at all, never replacing one there.

    It is written durably under a hidden staging name of its own, then hard-linked to
    ``path`` -- atomic, and refused (``FileExistsError``) when the name exists -- and the
    staging name removed: a process killed at any point leaves no ``path``, or a whole one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}{STAGED}")
    write_durably(staging, _encoded(record))
    crashpoints.reach("application-staged")
    try:
        os.link(staging, path)
    finally:
        staging.unlink(missing_ok=True)
        fsync_dir(path.parent)


def check_id(app_id: str) -> str:
    if not _ID.match(app_id):
        raise InputError(Problem(t("http.not_app_id", value=app_id[:80]), field="app_id"))  # the path names it
    return app_id


def _writer(name: str) -> int | None:
    """The process that is writing a hidden file of the folder, by its name: ``.<file>.<pid><TMP_MARK>``
    (``write_durably``'s) or ``.<file>.<pid>.<thread>.staged`` (``_claim``'s); None for any other name."""
    if name.endswith(TMP_MARK):
        pid = name[:-len(TMP_MARK)].rsplit(".", 1)[-1]
    elif name.endswith(STAGED):
        pid = name[:-len(STAGED)].split(".")[-2]
    else:
        return None
    return int(pid) if pid.isdigit() else None


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's: running
        return True
    return True


class ApplicationStore:
    """The folder of waiting and decided applications."""

    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)
        self._lock = threading.Lock()  # one writer per process; ids are unique across processes by link()
        self._sweep()

    def _sweep(self) -> None:
        """Remove what writers that died mid-write left (a staging file not yet linked, ``_claim``; a
        temporary file not yet renamed, ``write_durably``): a process that no longer runs will never finish
        its write.  A running one's (another worker's, this instant) stay."""
        for state in (PENDING, DECIDED):
            folder = self.root / state
            for path in folder.glob(".*") if folder.is_dir() else ():
                pid = _writer(path.name)
                if pid is not None and not _running(pid):
                    path.unlink(missing_ok=True)

    def _path(self, state: str, app_id: str) -> Path:
        return self.root / state / f"{check_id(app_id)}.json"

    def submit(self, raw: Any, department: str, pack: Pack | None = None, by: Principal | None = None) -> Submitted:
        """Validate and keep a department's application; the same application sent again (a retry after
        a timeout, a form sent back) is found filed and not written again; another one under a taken id is
        refused (``Conflict``, 409: what differs, and that it needs an id of its own).  With ``pack``,
        its departments and activities may be written by name (kept as their ids).  Its problems name
        their fields and no place in a file (a request body has none: null, as every endpoint's).
        ``submitted_at`` is in the pack's offset (UTC without a pack), as every other moment it answers;
        ``submitted_by`` who entered it (``by``: the department, or the secretariat for a paper application)."""
        app = validate_application(raw, pack=pack)
        if app.applicant != department:
            raise InputError(Problem(t("http.not_applicant", department=department), field="applicant"))
        record = {"id": app.id, "applicant": department, "status": "pending",
                  "submitted_at": datetime.now(pack.tz if pack is not None else timezone.utc).isoformat(timespec="seconds"),
                  "application": app.model_dump(mode="json", exclude_none=True)}
        if by is not None:
            record["submitted_by"] = actor(by)
        with self._lock:
            if not self._path(DECIDED, app.id).exists():
                try:
                    _claim(self._path(PENDING, app.id), record)
                    return Submitted(record)
                except FileExistsError:
                    pass
            return Submitted(self._filed_already(app, pack), written=False)

    def _filed_already(self, app: Application, pack: Pack | None) -> dict:
        """The application filed under ``app``'s id when it is ``app`` sent again (``differing``: the same
        content); another application given that id is refused, naming the fields that differ."""
        found = self._read(app.id)
        filed = self.application(found) if found is not None else None
        differs = differing(filed, app, pack) if filed is not None else ""
        if found is not None and not differs:
            return found
        decided = found is not None and found.get("status") != "pending"
        fields = differing_fields(filed, app) if filed is not None else []
        raise Conflict(t("http.app_decided" if decided else "http.app_waiting", app=app.id) + differs,
                       differences({name: (getattr(filed, name), getattr(app, name)) for name in fields}),
                       fields, "decided" if decided else "waiting")

    def correct(self, raw: Any, by: Principal, pack: Pack | None = None) -> Submitted:
        """补正: replace a waiting application under its id with ``raw`` (validated first, as a submission
        is), keeping the version it replaces in ``versions`` (oldest first, each with the moment it was filed
        and who filed it) and this correction's moment and maker in ``corrected_at`` and ``corrected_by``.
        ``by`` is its department, or the secretariat correcting its own transcription of a paper application
        (``may_change``; never to another department: bad input naming ``applicant``).  The same content
        sent again is the one filed (not ``written``).  Refused (``Conflict``, 409) when ``by`` may not change
        it or it is decided (or withdrawn); ``NotFound`` when none is filed.  Written atomically under the
        folder's lock: a decision reads one version or the other."""
        app = validate_application(raw, pack=pack)
        if by.role != TRANSCRIBER and app.applicant != by.scope:
            raise InputError(Problem(t("http.not_applicant", department=by.scope or ""), field="applicant"))
        with self.deciding():
            record = self._current(app.id, by, pack)
            if app.applicant != record.get("applicant"):  # the secretariat's: a paper one's department is kept
                raise InputError(Problem(t("http.app_keeps_applicant", app=app.id,
                                           department=_unit_name(pack, record.get("applicant"))), field="applicant"))
            filed = self.application(record)
            if not differing_fields(filed, app):
                return Submitted(record, written=False)
            now = datetime.now(pack.tz if pack is not None else timezone.utc).isoformat(timespec="seconds")
            earlier = {"filed_at": record.get("corrected_at") or record.get("submitted_at"),
                       "application": record["application"]}
            filer = record.get("corrected_by") if record.get("corrected_at") else record.get("submitted_by")
            if filer is not None:
                earlier["filed_by"] = filer
            record = record | {"corrected_at": now, "corrected_by": actor(by),
                               "versions": [*record.get("versions", []), earlier],
                               "application": app.model_dump(mode="json", exclude_none=True)}
            with self._lock:
                _write(self._path(PENDING, app.id), record)
        return Submitted(record)

    def withdraw(self, app_id: str, by: Principal, pack: Pack | None = None) -> Submitted:
        """Its department withdraws its waiting application (or the secretariat records the department's
        paper withdrawal of a paper application it entered): filed as ``withdrawn`` (``withdrawn_at``,
        ``withdrawn_by``), never to be decided; withdrawn already, found so (not ``written``).  Refused as
        ``correct`` is."""
        with self.deciding():
            found = self._read(check_id(app_id))
            if found is not None and found.get("status") == WITHDRAWN and may_change(found, by):
                return Submitted(found, written=False)
            record = self._current(app_id, by, pack)
            now = datetime.now(pack.tz if pack is not None else timezone.utc).isoformat(timespec="seconds")
            done = record | {"status": WITHDRAWN, "withdrawn_at": now, "withdrawn_by": actor(by)}
            with self._lock:
                _write(self._path(DECIDED, app_id), done)
                self._path(PENDING, app_id).unlink(missing_ok=True)
        return Submitted(done)

    def _current(self, app_id: str, by: Principal, pack: Pack | None) -> dict:
        """The waiting application ``by`` may change (inside ``deciding``): settled by ``pack`` (a
        decision the pack records files it as decided); refused when not ``by``'s to change (``refusal``),
        decided or withdrawn."""
        record = self._read(check_id(app_id))
        if record is None:
            raise NotFound(Problem(t("http.no_app", app=app_id), field="app_id"))
        refused = refusal(record, by, pack)
        if refused is not None:
            raise refused
        if record.get("status") == "pending" and pack is not None:
            outcome = recorded(pack, app_id)
            if outcome is not None:
                record = self.decided(record, FILED_AS[outcome.action], outcome.as_dict() | {"settled": True}, pack.tz)
        if record.get("status") != "pending":
            key = "http.app_withdrawn" if record.get("status") == WITHDRAWN else "http.app_decided"
            raise Conflict(t(key, app=app_id) + t("http.app_unchangeable"), state="decided")
        return record

    @contextmanager
    def deciding(self) -> Iterator[None]:
        """Hold the folder's exclusive lock (across threads and processes) while a decision is
        checked, recorded in the pack and filed: read the application's state inside it."""
        self.root.mkdir(parents=True, exist_ok=True)
        with locked(self.root):
            yield

    def decide(self, read: Callable[[], dict], status: str, tz: tzinfo,
               record_decision: Callable[[Application, bool], Outcome]) -> Decided:
        """Record the joint meeting's decision on an application in the pack and file it as ``status``
        (approved, rejected; ``decided_at`` in ``tz``), all under the folder's lock (``deciding``): of two
        decisions at once the second finds it decided.  ``read`` is the application as the deciding
        caller may see it, read inside the lock and not settled (it raises the caller's own not-found or
        not-allowed); ``record_decision(application, once)`` is the library's ``approve`` or ``reject``.
        On an application filed as decided it is asked ``once``: the same decision sent again (a retry, a
        double click) is found recorded, any other refused -- an application is decided once here.  A
        waiting application whose decision the pack records already (its writer killed in between) is
        found recorded and filed."""
        with self.deciding():
            record = read()
            if record.get("status") == WITHDRAWN:  # withdrawn by its department: nothing to decide
                return Decided(record, refusal=RecordedOtherwise(t("http.app_withdrawn", app=record["id"])))
            waiting = record.get("status") == "pending"
            try:
                outcome = record_decision(self.application(record), not waiting)
            except GridRulesError as exc:  # nothing was written: nothing to file
                return Decided(record, refusal=exc)
            if waiting:
                record = self.decided(record, status, outcome.as_dict(), tz)
        return Decided(record, outcome)

    def get(self, app_id: str, pack: Pack | None = None) -> dict | None:
        """The application, decided or waiting (None: there is none); with ``pack``, settled by it
        (``settle``: never while this thread holds ``deciding``)."""
        return self.settle(self._read(app_id), pack)

    def settle(self, record: dict | None, pack: Pack | None) -> dict | None:
        """``record``, or, when it waits and ``pack`` records a decision on it, the record filed as
        decided now with that decision's outcome (``settled``: true) -- under the folder's lock, read
        again inside it (a decision being taken right then is waited for and its filing kept)."""
        if record is None or pack is None or record.get("status") != "pending":
            return record
        outcome = recorded(pack, record["id"])
        if outcome is None:
            return record
        with self.deciding():
            current = self._read(record["id"])
            if current is None or current.get("status") != "pending":
                return current
            return self.decided(current, FILED_AS[outcome.action], outcome.as_dict() | {"settled": True}, pack.tz)

    def _read(self, app_id: str) -> dict | None:
        for state in (DECIDED, PENDING):  # decided wins: a decision killed before it removed the waiting file
            try:
                return json.loads(self._path(state, app_id).read_text(encoding="utf-8"))
            except (FileNotFoundError, json.JSONDecodeError):  # absent (or left empty by a version before _claim)
                continue
        return None

    def application(self, record: dict) -> Application:
        return validate_application(record["application"], source=f"stored application {record['id']}")

    def all(self, applicant: str | None = None, pack: Pack | None = None, status: str | None = None) -> list[dict]:
        """Every application (``applicant``'s only, if given), waiting first; with ``pack``, each settled by it;
        with ``status``, only those filed (once settled) with it."""
        out = []
        for state in (PENDING, DECIDED):
            folder = self.root / state
            for path in sorted(folder.glob("*.json")) if folder.is_dir() else ():
                if state == PENDING and (self.root / DECIDED / path.name).exists():
                    continue  # decided: the waiting file is what a killed decision left
                try:
                    record = json.loads(path.read_text(encoding="utf-8"))
                except (FileNotFoundError, json.JSONDecodeError):
                    continue  # being moved or written this instant
                if applicant is None or record.get("applicant") == applicant:
                    out.append(record)
        if pack is not None:
            out = [self.settle(record, pack) or record for record in out]
        return out if status is None else [record for record in out if record.get("status") == status]

    def decided(self, record: dict, status: str, outcome: dict, tz: tzinfo) -> dict:
        """Move a waiting application to ``decided`` with the decision's outcome, ``decided_at`` now in
        ``tz`` (the pack's offset)."""
        done = record | {"status": status, "decided_at": datetime.now(tz).isoformat(timespec="seconds"),
                         "outcome": outcome}
        with self._lock:
            _write(self._path(DECIDED, record["id"]), done)
            self._path(PENDING, record["id"]).unlink(missing_ok=True)
        return done


def may_change(record: dict, by: Principal) -> bool:
    """May ``by`` correct or withdraw the application ``record`` (were it waiting)?  Its department may;
    the secretariat only one it entered itself (``entered_by_transcriber``); nobody else."""
    if by.role == "department":
        return record.get("applicant") == by.scope
    return by.role == TRANSCRIBER and entered_by_transcriber(record)


def _unit_name(pack: Pack | None, department: str | None) -> str:
    unit = pack.departments.get(department or "") if pack is not None else None
    return unit.name if unit is not None else department or ""


def refusal(record: dict, by: Principal, pack: Pack | None, say: Callable[..., str] = t) -> Conflict | None:
    """Why ``by`` may not correct or withdraw ``record`` (``may_change``), saying who may, in ``say``'s words
    (the catalogue's ``t``; the pages' ``chinese``); None: it may."""
    if may_change(record, by):
        return None
    app_id, department = record.get("id", ""), _unit_name(pack, record.get("applicant"))
    if by.role == "department":
        return Conflict(say("http.app_others", app=app_id), state="other")
    key = "http.app_entered_by_department" if record.get("submitted_by") else "http.app_entered_unknown"
    return Conflict(say(key, app=app_id, department=department), state="other")


def review_at_decision(record: dict) -> dict | None:
    """The review a decided application was decided on, as it was kept with the decision's outcome
    (a review now, against the pack the decision changed, would judge it against itself), labelled
    ``at_decision``: the status, when it was filed as decided, the decision (session, date) and the
    pack version it was taken on.  None while the application waits, or once withdrawn (never decided):
    its review is the live one."""
    if record.get("status") in ("pending", WITHDRAWN):
        return None
    outcome = record.get("outcome") or {}
    change = outcome.get("change") or {}
    # kept in full since the outcome carried it; else the pack history's record of it (recommendation, blocking ids)
    kept = outcome.get("review") or {"application": record.get("id"), **(change.get("review") or {})}
    return kept | {"at_decision": {"status": record.get("status"), "decided_at": record.get("decided_at"),
                                   "decision": change.get("decision"), "pack_version": outcome.get("previous_version")}}
