"""One error hierarchy for gridrules.

``GridRulesError`` is the root.  Two families sit below it, as in rule-engine:

* ``PackError`` -- the rule pack is wrong (found when it is loaded); every
  problem carries the file and ``line:col`` it was found at.
* ``InputError`` -- a task, event or application is wrong; every problem names
  the field (and, for a file, the line).

``EngineError`` means durable_rules itself failed on input we had already
validated; it is a bug or an engine limit, never the caller's fault.

``ChangeError`` -- a change to a pack was not made, and nothing was written:
``Refused`` (the change is not allowed as asked), ``ReadOnlyPack`` (the folder
may not be changed), ``PackBusy`` (another writer held the lock too long) and
``EditError`` (a YAML file could not be edited in place).

The command line has one boundary that turns the first two into exit code 2.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace
from typing import Any, Callable

from gridrules.catalogue import MESSAGES, english, t
from gridrules.catalogue.fields import field_label
from gridrules.catalogue.syntax import os_reason
from gridrules.catalogue.validation import error_message, tags_of


@dataclass(frozen=True, order=True)
class Location:
    """A place in a file: 1-based line and column, as editors count them."""

    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line and self.col:
            return f"{self.path}:{self.line}:{self.col}"
        if self.line:
            return f"{self.path}:{self.line}"
        return self.path


@dataclass(frozen=True)
class Problem:
    """One thing wrong, where it is, and (when we can guess) what was meant.

    For a library caller: ``field`` is the field's path (``activities[1]``), ``hint`` the id that was
    probably meant (for a program), ``said()`` the sentence to show a person (the message with its
    did-you-mean and note), ``as_dict()`` the problem as JSON answers carry it; ``message`` alone
    lacks the did-you-mean."""

    message: str
    location: Location | None = None
    field: str = ""
    hint: str | None = None  # an id or a code (JSON carries it as it is)
    hint_shown: str | None = None  # the hint as a person reads it (区民政局（minzheng）), when it has a name
    pack_file: str = ""  # the pack file (relative) the field is in: named by the pack's words, not the contract's
    note: str = ""  # said after the did-you-mean (what else the value may be meant as)
    hint_said: bool = False  # the message itself says what was meant (本接口写成 decided_on): no did-you-mean after it
    differs: tuple[Any, Any] | None = None  # a conflict's field: its value recorded and the value sent (as JSON holds them)
    as_sent: bool = False  # ``field`` is a name as a request gave it (a query parameter): never read as an option's

    def __str__(self) -> str:
        parts = []
        if self.location is not None:
            parts.append(str(self.location))
        if self.field:
            parts.append(field_label(self.field, self.pack_file))
        parts.append(self.said())
        return ": ".join(parts)

    def said(self) -> str:
        """What is wrong as a person reads it: the message, the did-you-mean by name (区民政局（minzheng）;
        its id in English), then the note -- on the command line and in a JSON document's ``message`` alike."""
        text = self.message
        if self.hint and not self.hint_said:
            text = text + t("problem.hint", hint=self.hint if english() else (self.hint_shown or self.hint))
        return text + self.note

    def as_dict(self) -> dict:
        loc = self.location
        return {
            "path": (loc.path or None) if loc else None,  # "" -- a request's body -- is no file
            "line": (loc.line or None) if loc else None,  # 0: not known (null, as for no location)
            "col": (loc.col or None) if loc else None,
            "field": self.field or None,
            "message": self.said(),  # a system shows its clerk the message: the did-you-mean with it
            "hint": self.hint,  # what was probably meant, as an id or code, for a program
        } | ({"recorded": self.differs[0], "sent": self.differs[1]} if self.differs is not None else {})


def said_once(problems: list[Problem], where: Location) -> list[str]:
    """Each problem as said once its place ``where`` (a file's line) has been named: one on that line
    by its column alone (第55列 …; by nothing more when it has none), one elsewhere by its whole place."""
    out = []
    for problem in problems:
        loc = problem.location
        if loc is None or loc.path != where.path or loc.line != where.line:
            out.append(str(problem))
            continue
        text = str(replace(problem, location=None))
        out.append(t("problem.at_column", col=loc.col, problem=text) if loc.col else text)
    return out


class FieldValueError(ValueError):
    """Raised by a model's validator about one of its fields (``path``, relative to the
    model), so the problem points at that field's own line, not at the whole document."""

    def __init__(self, path: tuple, message: str):
        super().__init__(message)
        self.path = path


def line_and_column(data: str | bytes, offset: int) -> tuple[int, int]:
    """The 1-based line and column of ``offset`` in ``data`` (text: columns in characters; bytes:
    in bytes), as editors count them."""
    newline = "\n" if isinstance(data, str) else b"\n"
    return data.count(newline, 0, offset) + 1, offset - data.rfind(newline, 0, offset)  # type: ignore[arg-type]


# a list this short is shown whole when a value names none of it and none is close (duty: D12 among D01-D11,
# --town 石们 among three towns); a longer one would bury the message
SHORT_LIST = 12


def suggest(word: str, options) -> str | None:
    """The option closest to ``word`` (a did-you-mean), if any is close.  A coded id (``coded_slip``:
    item.L31, MD20) is answered only with a slip of its digits, or nothing."""
    options = [str(o) for o in options]
    coded = coded_slip(str(word), options)
    if coded is not None:
        return coded or None
    found = difflib.get_close_matches(str(word), options, n=1, cutoff=0.6)
    return found[0] if found else None


# a coded id: a letter prefix (after a rule id's ``item.``) and digits -- L13, item.L13, MD02, D01
_CODED = re.compile(r"((?:[A-Za-z_]+\.)?[A-Za-z]+)([0-9]+)")


def _digit_slips(given: str, option: str) -> int | None:
    """How plausibly the digits ``option`` were meant by ``given`` -- 0: the same number (6, 06), 1: two
    adjacent digits swapped (31, 13), 2: one digit changed (31, 37), 3: one dropped or added (31, 311)
    -- or None when it takes more than that (31 is not 17)."""
    if given.lstrip("0") == option.lstrip("0"):  # (not int(): a hostile 5,000 digits is a ValueError)
        return 0
    if len(given) == len(option):
        differ = [i for i, (a, b) in enumerate(zip(given, option)) if a != b]
        if len(differ) == 2 and differ[1] == differ[0] + 1 and given[differ[0]] == option[differ[1]] \
                and given[differ[1]] == option[differ[0]]:
            return 1
        return 2 if len(differ) == 1 else None
    longer, shorter = (given, option) if len(given) > len(option) else (option, given)
    if len(longer) == len(shorter) + 1 and any(longer[:i] + longer[i + 1:] == shorter for i in range(len(longer))):
        return 3
    return None


def coded_slip(word: str, options) -> str | None:
    """A did-you-mean for a coded id (a letter prefix and digits: item.L31) among the ``options`` of its
    prefix: the one a person plausibly meant by a slip of its digits (``_digit_slips``: L31 for L13, L6
    for L06, L131 for L13), the likeliest kind of slip first; "" when ``word`` is coded like some
    option but no slip, or several alike, explain it (difflib's closeness would answer item.L31 with
    item.L17: a close string, not what was meant); None when ``word`` is no coded id of the options'
    (another rule applies: a name, a prefix written wrong)."""
    given = _CODED.fullmatch(word.strip())
    if given is None:
        return None
    prefix = given.group(1).upper()
    best: dict[int, list[str]] = {}
    coded = False
    for option in options:
        found = _CODED.fullmatch(option)
        if found is None or found.group(1).upper() != prefix:
            continue
        coded = True
        rank = _digit_slips(given.group(2), found.group(2))
        if rank is not None:
            best.setdefault(rank, []).append(option)
    if not coded:
        return None
    for rank in sorted(best):
        return best[rank][0] if len(best[rank]) == 1 else ""
    return ""


@dataclass(frozen=True)
class ModelIssue:
    """One error of a pydantic ``ValidationError``, its path cleaned of pydantic's
    own steps (``function-after[...]``, ``union[...]``) and its message of the
    ``Value error, `` prefix; ``kind`` is pydantic's error type (``missing`` …);
    ``hint``: what was probably meant (an unknown tag's closest one)."""

    path: tuple
    message: str
    kind: str
    hint: str | None = None


# a discriminated union's tag (a step's ``kind``) missing or unknown: pydantic places the error
# at the union's value, not at the tag's own field
_TAG_ERRORS = ("union_tag_invalid", "union_tag_not_found")


def model_issues(exc: Any) -> list[ModelIssue]:
    """The errors of a pydantic ``ValidationError``, each as a ``ModelIssue``."""
    out = []
    for err in exc.errors(include_url=False):
        path = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith(("function-", "union["))))
        ctx = err.get("ctx") or {}
        cause = ctx.get("error")
        if isinstance(cause, FieldValueError):
            path += cause.path
        hint = None
        if err["type"] in _TAG_ERRORS:
            tag_field = str(ctx.get("discriminator", "")).strip("'")
            if tag_field.isidentifier():  # a field's name (a function's discriminator names none)
                path += (tag_field,)
            if "tag" in ctx:
                hint = suggest(ctx["tag"], tags_of(ctx))
        message = err["msg"].removeprefix("Value error, ")
        out.append(ModelIssue(path, error_message(err, message), err["type"], hint))
    return out


def _dotted(path: tuple) -> str:
    return ".".join(str(p) for p in path)


def model_problems(
    exc: Any,
    locate: Callable[[tuple], Location] | None = None,
    describe: Callable[[tuple], str] = _dotted,
) -> list[Problem]:
    """A pydantic ``ValidationError`` as Problems: ``locate`` turns a path into a
    ``Location`` (a document's ``locate``), ``describe`` into the field's name."""
    return [
        Problem(issue.message, locate(issue.path) if locate else None, describe(issue.path), issue.hint)
        for issue in model_issues(exc)
    ]


class GridRulesError(Exception):
    """Root of every error gridrules raises on purpose."""


class ProblemsError(GridRulesError):
    """An error made of one or more located problems, all reported together."""

    title = "problems"  # the heading's key in the catalogue (``heading``)
    code = "problems"  # what JSON answers and a batch's error lines carry as their "error"

    def __init__(self, problems: list[Problem] | Problem | str):
        if isinstance(problems, str):
            problems = [Problem(problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = sorted(
            problems, key=lambda p: (p.location or Location(""), p.field, p.message)
        )
        super().__init__(self.render())

    @property
    def heading(self) -> str:
        """The title in the catalogue's words."""
        key = f"title.{self.title}"
        return t(key) if key in MESSAGES else self.title

    def render(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class PackError(ProblemsError):
    """The rule pack cannot be used: each problem has ``path:line:col``."""

    title = "invalid rule pack"
    code = "invalid_pack"


class InputError(ProblemsError):
    """A task, event or application is malformed: each problem names its field."""

    title = "invalid input"
    code = "invalid_input"


class NotFound(InputError):
    """What a command or request names as the thing to act on (an item's code) does not exist:
    over HTTP a 404, as an unknown application's is."""

    title = "not found"
    code = "not_found"


class EngineError(GridRulesError):
    """durable_rules failed on input that had already passed validation."""


class OutputError(GridRulesError):
    """A file the user asked for could not be written (its folder missing, no permission, the
    disk full); nothing was left in its place."""

    def __init__(self, path: str, exc: OSError):
        super().__init__(t("doc.cannot_write", path=path, reason=os_reason(exc)))
        self.path = path


class LogUnavailable(GridRulesError):
    """The decision log could not be written or read (its database unreachable, its disk full):
    what was being logged was not recorded, so it is not acknowledged either."""


class ChangeError(GridRulesError):
    """A change to a rule pack was not made; nothing was written."""


class Refused(ChangeError):
    """The change is not allowed as asked.

    ``review`` is the application's review (``change.review.ApplicationReview``)
    when one was made; ``findings`` are the blocking findings that refused it (each front end
    lists them: the message names none by its code)."""

    def __init__(self, message: str, review: Any = None, findings: list | None = None, overridable: bool = False):
        super().__init__(message)
        self.message = message
        self.review = review
        self.overridable = overridable  # a decision giving its reason may record it all the same (how: the front end's)
        self.findings = findings if findings is not None else (review.blocking if review else [])


class RecordedOtherwise(Refused):
    """The change contradicts what the pack (or the applications' folder) records: a decision recorded
    otherwise under its reference, an application decided already.  Not the policy refusing it: the
    service answers it as a conflict (409 ``conflict``), each problem a field that differs (``differs``:
    its recorded value and the one sent), when the difference is in fields."""

    def __init__(self, message: str, differences: list[Problem] | None = None):
        super().__init__(message)
        self.differences = differences or []


class ReadOnlyPack(ChangeError):
    """The bundled pack (or another folder gridrules may not change) was asked to change."""


class PackBusy(ChangeError):
    """Another process held the pack's lock for longer than we would wait."""


class EditError(ChangeError):
    """An edit could not be made as asked (a bug or a file gridrules cannot edit in place)."""
