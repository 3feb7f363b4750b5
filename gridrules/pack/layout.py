"""The shape of a rule pack on disk: which files it has and what each one holds.

Like OpenFisca, a file's path is its identity: ``admission/items.yaml`` is the
admission list wherever the pack lives.  Python knows these paths and their
models; the pack supplies everything inside them.  Each path is named once
here (``ITEMS``); every other module uses the name.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass

from pydantic import BaseModel

from gridrules.contract.facts import STAGES

from gridrules.pack.model.assessment import AssessmentFile
from gridrules.pack.model.bodies import BodiesFile
from gridrules.pack.model.calendar import CalendarFile
from gridrules.pack.model.events import DispatchFile, EventTypesFile, GradingFile
from gridrules.pack.model.form import ApplicationFormFile
from gridrules.pack.model.history import HistoryFile
from gridrules.pack.model.language import LanguageFile
from gridrules.pack.model.lists import (
    AdmissionPolicyFile,
    AdmissionTextsFile,
    DutiesFile,
    ItemsFile,
    RiskFile,
    TemporaryFile,
)
from gridrules.pack.model.manifest import PackManifest
from gridrules.pack.model.organization import DepartmentsFile, LevelsFile, RegistryFile, UnitsFile
from gridrules.pack.model.powers import ActivitiesFile, NegativeListFile, RolesFile
from gridrules.pack.model.review import ReviewTextsFile
from gridrules.pack.model.rules import RulesFile


@dataclass(frozen=True)
class FileKind:
    """One kind of pack file: where it lives, its model and its JSON Schema."""

    pattern: str
    model: type[BaseModel]
    schema: str
    required: bool = True

    def matches(self, relpath: str) -> bool:
        return fnmatch.fnmatchcase(relpath, self.pattern)


# Every file of a pack, named once.  Rule files are declared with their stages
# (``contract.facts.STAGES``, in firing order) and only named here.
MANIFEST = "pack.yaml"
LAST = MANIFEST  # a change writes it last (change.store): a reader notices a finished change by it (decide.live)
LANGUAGE = "language.yaml"
LEVELS = "organization/levels.yaml"
UNITS = "organization/units.yaml"
REGISTRY = "organization/registry.yaml"
DEPARTMENTS = "organization/departments.yaml"
ACTIVITIES = "powers/activities.yaml"
ROLES = "powers/roles.yaml"
NEGATIVE_LIST = "powers/negative_list.yaml"
DUTIES = "responsibilities/duties.yaml"
ADMISSION_POLICY = "admission/policy.yaml"
BODIES = "admission/bodies.yaml"
ITEMS = "admission/items.yaml"
TEMPORARY = "admission/temporary.yaml"
ADMISSION_TEXTS = "admission/rules.yaml"
(OVERSIGHT_RULES,) = STAGES["oversight"].files
REVIEW_TEXTS = "admission/review.yaml"
APPLICATION_FORM = "admission/form.yaml"
RISK = "risk.yaml"
EVENT_TYPES = "events/types.yaml"
(GRADING_RULES,) = STAGES["grading"].files
LEVEL_RULES, DEADLINE_RULES, EVENT_REVIEW_RULES = STAGES["leveling"].files
DISPATCH_RULES = STAGES["dispatch"].files[0]
CALENDAR_DIR = "calendar"
CALENDARS = f"{CALENDAR_DIR}/[0-9][0-9][0-9][0-9].yaml"
HISTORY = "history.yaml"
ASSESSMENT = "assessment.yaml"

FILE_KINDS: tuple[FileKind, ...] = (
    FileKind(MANIFEST, PackManifest, "pack"),
    FileKind(LANGUAGE, LanguageFile, "language"),
    FileKind(LEVELS, LevelsFile, "levels"),
    FileKind(UNITS, UnitsFile, "units"),
    FileKind(REGISTRY, RegistryFile, "registry"),
    FileKind(DEPARTMENTS, DepartmentsFile, "departments"),
    FileKind(ACTIVITIES, ActivitiesFile, "activities"),
    FileKind(ROLES, RolesFile, "roles"),
    FileKind(NEGATIVE_LIST, NegativeListFile, "negative_list"),
    FileKind(DUTIES, DutiesFile, "duties"),
    FileKind(ADMISSION_POLICY, AdmissionPolicyFile, "admission_policy"),
    FileKind(BODIES, BodiesFile, "bodies"),
    FileKind(ITEMS, ItemsFile, "items"),
    FileKind(TEMPORARY, TemporaryFile, "temporary"),
    FileKind(ADMISSION_TEXTS, AdmissionTextsFile, "admission_texts"),
    FileKind(OVERSIGHT_RULES, RulesFile, "rules"),
    FileKind(REVIEW_TEXTS, ReviewTextsFile, "review_texts"),
    FileKind(APPLICATION_FORM, ApplicationFormFile, "application_form"),
    FileKind(RISK, RiskFile, "risk"),
    FileKind(EVENT_TYPES, EventTypesFile, "event_types"),
    FileKind(GRADING_RULES, GradingFile, "grading"),
    FileKind(LEVEL_RULES, RulesFile, "rules"),
    FileKind(DEADLINE_RULES, RulesFile, "rules"),
    FileKind(DISPATCH_RULES, DispatchFile, "dispatch"),
    FileKind(EVENT_REVIEW_RULES, RulesFile, "rules"),
    FileKind(CALENDARS, CalendarFile, "calendar", required=False),
    FileKind(HISTORY, HistoryFile, "history", required=False),
    # optional: a pack without it decides tasks and events, and `gridrules assess` says what is missing
    FileKind(ASSESSMENT, AssessmentFile, "assessment", required=False),
)

# Decision cases ship beside the policy but are not policy: they are not part of
# the digest and are not validated as pack files (``gridrules test`` reads them).
CASES_DIR = "cases"


def stages_of(relpath: str) -> tuple[str, ...]:
    """The stages whose written rules ``relpath`` may hold (none: not a rules file)."""
    return tuple(s.name for s in STAGES.values() if relpath in s.files)


# Files holding written rules, in the order of FILE_KINDS (derived from STAGES).
RULE_FILES: tuple[str, ...] = tuple(k.pattern for k in FILE_KINDS if stages_of(k.pattern))


def is_calendar(relpath: str) -> bool:
    return relpath.startswith(CALENDAR_DIR + "/")


def kind_of(relpath: str) -> FileKind | None:
    for kind in FILE_KINDS:
        if kind.matches(relpath):
            return kind
    return None


def schema_kinds() -> dict[str, type[BaseModel]]:
    """Schema name -> model, one entry per distinct schema."""
    out: dict[str, type[BaseModel]] = {}
    for kind in FILE_KINDS:
        out.setdefault(kind.schema, kind.model)
    return out
