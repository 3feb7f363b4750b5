"""What ``gridrules lint`` reports: checks with stable codes, and their findings.

Every check has a code that never changes meaning (``GR101``), a short name
(``item-negative-activity``), a severity and a one-line summary.  A finding is
one occurrence: the check, a message (from the catalogue: Chinese, or English under
``--lang en``; naming the pack's own ids and names, for the district staff who edit the pack) and the ``path:line:col`` it is about,
plus related places (e.g. the item that wins over a shadowed one).

Severities, highest first: ``error`` (the pack contradicts the policy or cannot
decide some input), ``warning`` (it decides, but something is very likely not
what its authors meant), ``info`` (worth knowing; nothing to fix).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from gridrules.catalogue import t
from gridrules.errors import Location

SEVERITIES = ("error", "warning", "info")
RANK = {name: i for i, name in enumerate(reversed(SEVERITIES))}  # info 0, warning 1, error 2


@dataclass(frozen=True)
class Check:
    code: str
    name: str
    severity: str

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:  # pragma: no cover - a programming error
            raise ValueError(self.severity)

    @property
    def summary(self) -> str:
        """One line: what the check finds (the catalogue's ``check.<code>``, in the current language)."""
        return t("check." + self.code)


@dataclass(frozen=True)
class Finding:
    check: Check
    message: str
    location: Location
    relpath: str | None = None  # the pack file, relative to the pack's folder
    subject: str | None = None  # the id the finding is about (L02, MD02, whistle.routine, …)
    related: tuple[tuple[str, Location], ...] = ()  # (what, where)

    @property
    def severity(self) -> str:
        return self.check.severity

    def sort_key(self) -> tuple:
        return (self.location, self.check.code, self.message)

    def __str__(self) -> str:
        return f"{self.location}: {t('lint.severity.' + self.severity)} {self.check.code} {self.check.name}: {self.message}"

    def as_dict(self) -> dict:
        loc = self.location
        return {
            "code": self.check.code,
            "name": self.check.name,
            "severity": self.severity,
            "message": self.message,
            "path": loc.path,
            "file": self.relpath,
            "line": loc.line or None,
            "col": loc.col or None,
            "subject": self.subject,
            "related": [
                {"what": what, "path": where.path, "line": where.line or None, "col": where.col or None}
                for what, where in self.related
            ],
        }


@dataclass
class LintReport:
    """Everything one run of the linter found, in file and line order."""

    checks: tuple[Check, ...]
    findings: list[Finding] = field(default_factory=list)
    on: date | None = None  # the day the pack was judged on
    pack: dict | None = None  # name, version, digest, root; None when the pack did not load
    loaded: bool = True
    root: str | None = None  # the pack's folder as shown in locations
    hidden: int = 0  # findings left out by ``narrowed``

    def __post_init__(self) -> None:
        self.findings.sort(key=Finding.sort_key)

    def narrowed(self, min_severity: str = "info", ignore: frozenset[str] = frozenset()) -> "LintReport":
        """The report without findings below ``min_severity`` or of the ``ignore``d codes.

        A report of a pack that did not load keeps every finding: there is nothing else to show."""
        if not self.loaded:
            return self
        kept = [f for f in self.findings if RANK[f.severity] >= RANK[min_severity] and f.check.code not in ignore]
        return LintReport(self.checks, kept, self.on, self.pack, self.loaded, self.root,
                          self.hidden + len(self.findings) - len(kept))

    def counts(self) -> dict[str, int]:
        seen = Counter(f.severity for f in self.findings)
        return {s: seen.get(s, 0) for s in SEVERITIES}

    def reaches(self, fail_on: str) -> bool:
        """Whether some finding is at least as severe as ``fail_on``."""
        return any(RANK[f.severity] >= RANK[fail_on] for f in self.findings)

    def exit_code(self, fail_on: str = "error") -> int:
        """0 nothing reaches ``fail_on``; 1 something does; 2 the pack could not be loaded."""
        if not self.loaded:
            return 2
        return 1 if self.reaches(fail_on) else 0

    def by_code(self, code: str) -> list[Finding]:
        return [f for f in self.findings if f.check.code == code]
