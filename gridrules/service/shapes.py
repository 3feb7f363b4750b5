"""What the service's JSON answers hold, declared for /openapi.json so that a generated client gets types.

The endpoints build their answers as the commands' ``--format json`` does (``answer(dict)``); these
models describe those bodies as they are -- they change none.  ``ANSWERS`` names, for each operation,
the model of each of its answers (``docs`` puts them into the document), and a test validates real
answers against them.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from gridrules.contract.application import Application
from gridrules.contract.documents import PackRef  # as a decision names its pack
from gridrules.contract.review import ApplicationReview
from gridrules.pack.model.history import Change
from gridrules.pack.sections import SECTIONS

from .applications import STATUSES


class _Answer(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Health(_Answer):
    """``/healthz``: 200 ready, 503 while the decision log cannot be written (a load balancer stops sending)
    or while a worker has no configuration it could take (started when the file on disk was refused)."""

    status: Literal["ok", "log_unavailable", "config_refused"]
    log: Literal["off", "ok", "unavailable"] = Field(description="The decision log: off (--log off), ok, unavailable.")
    config: Literal["ok", "refused"] = Field(description="The configuration file on disk: ok, or refused (a version "
                                                         "saved with a mistake: the last good one serves on; why, "
                                                         "only on the server's stderr).")
    config_refused_since: str | None = Field(description="When the first refused version was seen (ISO 8601); "
                                                         "null when the file is taken.")
    digest: str | None = Field(description="The pack in use.")
    worker: int = Field(description="The worker process that answered (its pid).")
    pack_problem: str | None = Field(description="Null when the pack on disk loaded. When it did not (the last "
                                                 "one that did serves meanwhile): why, to a caller with a valid "
                                                 "token (any role); without one, a fixed sentence saying only "
                                                 "that it did not (the reason names the server's files).")


class Alive(_Answer):
    """``/livez``: the process answers."""

    status: Literal["alive"]
    worker: int


class PackInfo(_Answer):
    """``/v1/pack``: the pack in use."""

    name: str
    version: str
    digest: str = Field(pattern=r"^sha256:[0-9a-f]{64}$")
    title: str


# ``/v1/lists``: each section asked (``?section=``) as ``gridrules show SECTION --format json`` lists it
Lists = create_model(  # type: ignore[call-overload]
    "Lists", __base__=_Answer, __doc__="The pack's lists on a day: the sections asked for, each a list of rows.",
    pack=(PackRef, ...), at=(str, Field(description="The moment listed (ISO 8601, with offset).")),
    **{name: (list[dict[str, Any]] | None, Field(None, description=f"The {name} section, when asked for."))
       for name in SECTIONS})


class History(_Answer):
    """``/v1/history``: every change to the pack (or to ``target``), oldest first."""

    pack: PackRef
    changes: list[Change]


class Lapsing(_Answer):
    """An item or temporary approval whose last day falls within the window."""

    kind: Literal["item", "temporary"]
    code: str
    name: str
    responsible: list[str] = Field(description="The item's owners, or the approval's unit.")
    starts: str = Field(description="Its first day (YYYY-MM-DD).")
    ends: str = Field(description="Its last day (YYYY-MM-DD).")
    days_left: int


class Expiring(_Answer):
    """``/v1/expiring``: what lapses within ``within`` of ``at``."""

    at: str
    within_days: int
    pack: PackRef
    expiring: list[Lapsing]


class Temporary(_Answer):
    """``/v1/temporary``: the temporary approvals in force or about to start (or all), each with its status."""

    at: str
    pack: PackRef
    approvals: list[dict[str, Any]] = Field(description="Each approval as temporary.yaml holds it, with status.")


class Written(_Answer):
    """A decision's outcome (``Outcome.as_dict``): 201 recorded now; 200 ``written`` false, this very
    decision recorded already (sent again), with the history entry that records it."""

    written: bool
    action: str
    target: str = Field(description="What it changed: an approval's new item code, the item, the reference.")
    version: str
    previous_version: str
    digest: str
    previous_digest: str
    change: dict[str, Any] = Field(description="The history entry that records it.")
    review: ApplicationReview | None = Field(description="The application's review it was taken on, if any.")
    notes: list[str]
    settled: bool | None = Field(None, description="Filed with a decision the pack already recorded.")


class Actor(_Answer):
    """Who filed, corrected or withdrew an application: the token's role and id."""

    role: str = Field(description="department:<id>, or secretariat (a paper application it entered).")
    token: str = Field(description="The token's id (tok-...), as the decision log names it.")


class Version(_Answer):
    """A version of an application that a correction (补正) replaced."""

    filed_at: str = Field(description="When this version was filed (submitted, or the correction that made it).")
    filed_by: Actor | None = Field(None, description="Who filed this version (absent: filed before it was recorded).")
    application: Application


class ApplicationRecord(_Answer):
    """An application as filed: waiting (pending), decided with its outcome, or withdrawn by its department."""

    id: str
    applicant: str
    status: Literal[STATUSES]  # type: ignore[valid-type]
    submitted_at: str
    submitted_by: Actor | None = Field(None, description="Who entered it: its department, or the secretariat "
                                                         "(a paper application); absent: filed before it was recorded.")
    application: Application
    corrected_at: str | None = Field(None, description="When it was last corrected (补正).")
    corrected_by: Actor | None = Field(None, description="Who last corrected it: its department, or the secretariat "
                                                         "(its own entry of a paper application).")
    versions: list[Version] | None = Field(None, description="The versions corrections replaced, oldest first.")
    withdrawn_at: str | None = None
    withdrawn_by: Actor | None = Field(None, description="Who withdrew it: its department, or the secretariat "
                                                         "recording the department's paper withdrawal.")
    decided_at: str | None = None
    outcome: Written | None = None


class Submitted(ApplicationRecord):
    """``POST /v1/applications``: 201 filed now; 200 ``written`` false, this very application filed already."""

    written: bool


class Applications(_Answer):
    applications: list[ApplicationRecord]


class AtDecision(_Answer):
    status: str | None
    decided_at: str | None
    decision: dict[str, Any] | None
    pack_version: str | None


class Review(ApplicationReview):
    """An application's review; a decided one's is the review its decision was taken on (``at_decision``)."""

    at_decision: AtDecision | None = None


class LogHead(_Answer):
    seq: int
    hash: str
    records: int


class Break(_Answer):
    seq: int
    reason: str


class LogVerify(_Answer):
    valid: bool
    records: int
    broken: Break | None


DECISION_ANSWERS: dict[int, type[BaseModel]] = {200: Written, 201: Written}
# each operation's JSON answers by status: (method, path) -> {status: model}
ANSWERS: dict[tuple[str, str], dict[int, type[BaseModel]]] = {
    ("get", "/healthz"): {200: Health, 503: Health},
    ("get", "/livez"): {200: Alive},
    ("get", "/v1/pack"): {200: PackInfo},
    ("get", "/v1/lists"): {200: Lists},
    ("get", "/v1/history"): {200: History},
    ("get", "/v1/expiring"): {200: Expiring},
    ("post", "/v1/applications"): {200: Submitted, 201: Submitted},
    ("put", "/v1/applications/{app_id}"): {200: Submitted},
    ("post", "/v1/applications/{app_id}/withdraw"): {200: Submitted},
    ("get", "/v1/applications"): {200: Applications},
    ("get", "/v1/applications/{app_id}"): {200: ApplicationRecord},
    ("get", "/v1/applications/{app_id}/review"): {200: Review},
    ("post", "/v1/applications/{app_id}/approve"): DECISION_ANSWERS,
    ("post", "/v1/applications/{app_id}/reject"): DECISION_ANSWERS,
    ("post", "/v1/items/{code}/amend"): DECISION_ANSWERS,
    ("post", "/v1/items/{code}/withdraw"): DECISION_ANSWERS,
    ("post", "/v1/temporary"): DECISION_ANSWERS,
    ("get", "/v1/temporary"): {200: Temporary},
    ("post", "/v1/temporary/{ref}/withdraw"): DECISION_ANSWERS,
    ("get", "/v1/log/head"): {200: LogHead},
    ("get", "/v1/log/verify"): {200: LogVerify},
}
