"""``gridrules test``: run a folder of decision cases against a pack, as a CI step.

The same case files pytest runs (``gridrules.cases``), reported per file and per
case, with every failure as a diff of what the case expected and what was
decided.  ``require_tests`` also fails a pack whose rules are not all exercised:
a rule counts as tested when some case's decision names it among its reasons
(Kyverno's and OPA's ``--require-tests``, per rule of the pack).

Renderings: ``text`` for people, ``as_json`` for systems, ``junit`` (JUnit XML:
a testsuite per case file, a testcase per case, a ``failure`` holding the diff;
with ``require_tests``, one more testsuite with a testcase per rule).
"""

from __future__ import annotations

import json
import os
import pathlib
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from gridrules.catalogue import t
from gridrules.cases.coverage import ItemGap, how_to_add, item_gaps
from gridrules.cases.ruleids import DERIVED_RULES, rules_of  # noqa: F401 (DERIVED_RULES: the runner's, as tests read it)
from gridrules.cases.suite import Case, Difference, Outcome, load_cases, run_case
from gridrules.decide.checker import Checker


@dataclass
class FileResult:
    file: str  # as given (for locations)
    name: str  # relative to the folder that was run
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.passed]

    @property
    def seconds(self) -> float:
        return sum(o.seconds for o in self.outcomes)


@dataclass
class TestRun:
    root: str
    pack: dict
    files: list[FileResult]
    untested: list[str] | None = None  # None: --require-tests was not asked for
    rules: list[str] = field(default_factory=list)
    items: list[ItemGap] = field(default_factory=list)  # the list items among the untested rules
    how_to_add: list[str] = field(default_factory=list)  # where a case for them goes and what one looks like

    @property
    def outcomes(self) -> list[Outcome]:
        return [o for f in self.files for o in f.outcomes]

    def counts(self) -> dict[str, int]:
        outcomes = self.outcomes
        failed = sum(1 for o in outcomes if not o.passed)
        return {"cases": len(outcomes), "passed": len(outcomes) - failed, "failed": failed}

    def exit_code(self) -> int:
        """0 every case passed (and every rule is tested, when required); 1 otherwise."""
        return 1 if self.counts()["failed"] or self.untested else 0


def run_cases(checker: Checker, path: str | os.PathLike, require_tests: bool = False) -> TestRun:
    """Run every case under ``path`` (a file or folder); malformed case files raise InputError."""
    cases = load_cases(path, checker)
    root = pathlib.Path(path)
    base = root if root.is_dir() else root.parent
    files: dict[str, FileResult] = {}
    for case in cases:
        result = files.get(case.file)
        if result is None:
            name = os.path.relpath(case.file, base)
            result = files[case.file] = FileResult(case.file, pathlib.PurePath(name).as_posix())
        result.outcomes.append(run_case(checker, case))
    info = checker.pack.info
    run = TestRun(str(path), {"name": info.name, "version": info.version, "digest": info.digest}, list(files.values()))
    if require_tests:
        run.rules = rules_of(checker)
        fired = {rule for o in run.outcomes for rule in o.fired}
        run.untested = [r for r in run.rules if r not in fired]
        run.items = item_gaps(checker, run.untested)
        run.how_to_add = how_to_add(checker.pack, run.items, cases, str(path)) if run.items else []
    return run


# --- text ------------------------------------------------------------------------------


def _show(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def diff_lines(outcome: Outcome) -> list[str]:
    """A failure as a diff: each field with what the case expected (-) and what was decided (+)."""
    if outcome.crashed is not None:
        return [t("dec.cases.crashed", error=outcome.crashed)]
    lines = []
    for d in outcome.diffs:
        line = outcome.case.locate_expect(d.field).line
        lines.extend(_diff(d, t("dec.cases.line", line=line) if line else ""))
    return lines


def _diff(d: Difference, where: str) -> list[str]:
    ids = t("dec.joiner").join
    if d.kind == "refused":
        return [t("dec.cases.refused", error=d.actual)]
    if d.kind == "wrong_error":
        return [t("dec.cases.wrong_error", where=where), t("dec.cases.expected_has", value=_show(d.expected)),
                t("dec.cases.actual", value=d.actual)]
    if d.kind == "not_refused":
        return [t("dec.cases.not_refused", where=where, expected=d.expected)]
    if d.kind == "rules":
        return [t("dec.cases.rules_missing", where=where, rules=ids(d.detail)),
                t("dec.cases.expected_has", value=ids(map(str, d.expected))),
                t("dec.cases.actual", value=ids(d.actual) or t("dec.cases.none"))]
    if d.kind == "not_rules":
        return [t("dec.cases.not_rules", where=where, rules=ids(d.detail)),
                t("dec.cases.expected_lacks", value=ids(map(str, d.expected))), t("dec.cases.actual", value=ids(d.actual))]
    if d.kind == "flags":
        missing, extra = d.detail
        said = t("dec.cases.said_joiner").join(filter(None, [
            t("dec.cases.flags_missing", flags=ids(missing)) if missing else "",
            t("dec.cases.flags_extra", flags=ids(extra)) if extra else ""]))
        return [t("dec.cases.flags", where=where, said=said), t("dec.cases.expected", value=_show(d.expected)),
                t("dec.cases.actual", value=_show(d.actual))]
    actual = _show(d.actual) if d.has_actual else t("dec.cases.absent")
    return [f"{d.field}{where}", t("dec.cases.expected", value=_show(d.expected)), t("dec.cases.actual", value=actual)]


def text(run: TestRun) -> str:
    counts = run.counts()
    lines = [t("dec.cases.head", name=run.pack["name"], version=run.pack["version"], n=counts["cases"], root=run.root)]
    for result in run.files:
        lines.append("")
        n = len(result.outcomes)
        lines.append(t("dec.cases.file", name=result.name, passed=n - len(result.failed), n=n))
        for outcome in result.outcomes:
            if outcome.passed:
                lines.append(f"  ✓ {outcome.case.name}")
                continue
            lines.append(t("dec.cases.failed", name=outcome.case.name, location=outcome.case.location))
            lines.extend(f"      {line}" for line in diff_lines(outcome))
    if run.untested is not None:
        lines.append("")
        if run.untested:
            lines.append(t("dec.cases.untested", n=len(run.untested), total=len(run.rules)))
            lines.extend(f"  ✗ {rule}" for rule in run.untested)
            if run.items:  # a list item (one just approved): which, and how a case for it is written
                lines.append("")
                lines.extend(t("dec.cases.item_untested", code=g.item, name=g.name, rules=t("dec.joiner").join(g.rules))
                             for g in run.items)
                lines.extend(run.how_to_add)
        else:
            lines.append(t("dec.cases.all_tested", total=len(run.rules)))
    lines.append("")
    lines.append(t("dec.cases.total", passed=counts["passed"], failed=counts["failed"], n=counts["cases"]))
    return "\n".join(lines)


# --- JSON ------------------------------------------------------------------------------------


def _diff_json(d: Difference) -> dict:
    return {"field": d.field, "expected": d.expected, "actual": d.actual if d.has_actual else None,
            "present": d.has_actual, "note": d.note or None, "text": str(d)}


def as_json(run: TestRun) -> dict:
    return {
        "pack": run.pack,
        "path": run.root,
        "summary": run.counts(),
        "files": [
            {
                "file": result.name,
                "cases": [
                    {
                        "name": o.case.name,
                        "location": str(o.case.location),
                        "passed": o.passed,
                        "differences": [_diff_json(d) for d in o.diffs],
                        "error": o.crashed,
                        "fired": o.fired,
                    }
                    for o in result.outcomes
                ],
            }
            for result in run.files
        ],
        "require_tests": None if run.untested is None else {"rules": len(run.rules), "untested": run.untested},
    }


# --- JUnit XML ----------------------------------------------------------------------------------


def _testcase(parent: ET.Element, case: Case, outcome: Outcome, classname: str) -> None:
    loc = case.location
    element = ET.SubElement(parent, "testcase", name=case.name, classname=classname,
                            file=case.file, line=str(loc.line), time=f"{outcome.seconds:.6f}")
    if outcome.crashed is not None:
        ET.SubElement(element, "error", message=outcome.crashed, type="PackError").text = outcome.crashed
    elif not outcome.passed:
        body = "\n".join([str(loc), *diff_lines(outcome)])
        message = t("dec.cases.said_joiner").join(outcome.differences)
        ET.SubElement(element, "failure", message=message, type="DecisionMismatch").text = body


def junit(run: TestRun) -> str:
    counts = run.counts()
    untested = run.untested or []
    suites = ET.Element("testsuites", name="gridrules test",
                        tests=str(counts["cases"] + (len(run.rules) if run.untested is not None else 0)),
                        failures=str(sum(1 for o in run.outcomes if o.diffs and o.crashed is None) + len(untested)),
                        errors=str(sum(1 for o in run.outcomes if o.crashed is not None)),
                        time=f"{sum(r.seconds for r in run.files):.6f}")
    stamp = time.strftime("%Y-%m-%dT%H:%M:%S")
    for result in run.files:
        crashed = sum(1 for o in result.outcomes if o.crashed is not None)
        suite = ET.SubElement(suites, "testsuite", name=result.name, tests=str(len(result.outcomes)),
                              failures=str(len(result.failed) - crashed), errors=str(crashed), skipped="0",
                              time=f"{result.seconds:.6f}", timestamp=stamp)
        classname = result.name.rsplit(".", 1)[0].replace("/", ".")
        for outcome in result.outcomes:
            _testcase(suite, outcome.case, outcome, classname)
    if run.untested is not None:
        suite = ET.SubElement(suites, "testsuite", name="require-tests", tests=str(len(run.rules)),
                              failures=str(len(untested)), errors="0", skipped="0", time="0", timestamp=stamp)
        for rule in run.rules:
            element = ET.SubElement(suite, "testcase", name=rule, classname="require-tests", time="0")
            if rule in untested:
                said = t("dec.cases.rule_untested", rule=rule)
                ET.SubElement(element, "failure", message=said, type="Untested").text = said
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
