"""The shape of a rule pack on disk: which files it has and what each one holds.

Like OpenFisca, a file's path is its identity: ``admission/items.yaml`` is the
admission list wherever the pack lives.  Python knows these paths and their
models; the pack supplies everything inside them.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass

from pydantic import BaseModel

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


FILE_KINDS: tuple[FileKind, ...] = (
    FileKind("pack.yaml", PackManifest, "pack"),
    FileKind("language.yaml", LanguageFile, "language"),
    FileKind("organization/levels.yaml", LevelsFile, "levels"),
    FileKind("organization/units.yaml", UnitsFile, "units"),
    FileKind("organization/registry.yaml", RegistryFile, "registry"),
    FileKind("organization/departments.yaml", DepartmentsFile, "departments"),
    FileKind("powers/activities.yaml", ActivitiesFile, "activities"),
    FileKind("powers/roles.yaml", RolesFile, "roles"),
    FileKind("powers/negative_list.yaml", NegativeListFile, "negative_list"),
    FileKind("responsibilities/duties.yaml", DutiesFile, "duties"),
    FileKind("admission/policy.yaml", AdmissionPolicyFile, "admission_policy"),
    FileKind("admission/items.yaml", ItemsFile, "items"),
    FileKind("admission/temporary.yaml", TemporaryFile, "temporary"),
    FileKind("admission/rules.yaml", AdmissionTextsFile, "admission_texts"),
    FileKind("admission/oversight.yaml", RulesFile, "rules"),
    FileKind("admission/review.yaml", ReviewTextsFile, "review_texts"),
    FileKind("admission/form.yaml", ApplicationFormFile, "application_form"),
    FileKind("risk.yaml", RiskFile, "risk"),
    FileKind("events/types.yaml", EventTypesFile, "event_types"),
    FileKind("events/grading.yaml", GradingFile, "grading"),
    FileKind("events/levels.yaml", RulesFile, "rules"),
    FileKind("events/deadlines.yaml", RulesFile, "rules"),
    FileKind("events/dispatch.yaml", DispatchFile, "dispatch"),
    FileKind("events/review.yaml", RulesFile, "rules"),
    FileKind("calendar/[0-9][0-9][0-9][0-9].yaml", CalendarFile, "calendar", required=False),
    FileKind("history.yaml", HistoryFile, "history", required=False),
)

# Decision cases ship beside the policy but are not policy: they are not part of
# the digest and are not validated as pack files (``gridrules test`` reads them).
CASES_DIR = "cases"

# The order rules files are read in is the order their rules fire and are listed.
RULE_FILES: tuple[str, ...] = (
    "events/grading.yaml",
    "events/levels.yaml",
    "events/deadlines.yaml",
    "events/dispatch.yaml",
    "events/review.yaml",
    "admission/oversight.yaml",
)


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
