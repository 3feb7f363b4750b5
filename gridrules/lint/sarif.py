"""A lint report as SARIF 2.1.0, the format code-scanning tools (GitHub, GitLab, IDEs) read.

One run; the driver lists every check as a rule (``id`` = the stable code,
``name``, ``shortDescription``, ``defaultConfiguration.level``); each finding is
a result with ``ruleId``/``ruleIndex``, ``level``, ``message.text`` and one
physical location (``artifactLocation.uri`` + ``region.startLine/startColumn``),
plus related locations (e.g. the item that wins over a shadowed one).

Paths inside the working directory are written relative to it, against the
base id ``%SRCROOT%`` (so ``gridrules lint rules`` run at a repository's root
gives repository-relative paths, as code scanning expects); others as absolute
``file://`` URIs.  Columns count Unicode code points (``columnKind``), as the
YAML positions do.
"""

from __future__ import annotations

from pathlib import Path

from gridrules.errors import Location
from gridrules.lint.findings import LintReport

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
VERSION = "2.1.0"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SRCROOT = "%SRCROOT%"


def artifact(path: str) -> dict:
    p = Path(path)
    if not p.is_absolute():
        return {"uri": p.as_posix(), "uriBaseId": SRCROOT}
    try:
        return {"uri": p.relative_to(Path.cwd()).as_posix(), "uriBaseId": SRCROOT}
    except ValueError:
        return {"uri": p.as_uri()}


def physical(location: Location) -> dict:
    out: dict = {"artifactLocation": artifact(location.path)}
    if location.line:
        out["region"] = {"startLine": location.line, "startColumn": max(location.col, 1)}
    return out


def sarif(report: LintReport, tool_version: str) -> dict:
    index = {check.code: i for i, check in enumerate(report.checks)}
    rules = [
        {
            "id": check.code,
            "name": check.name,
            "shortDescription": {"text": check.summary},
            "defaultConfiguration": {"level": LEVEL[check.severity]},
        }
        for check in report.checks
    ]
    results = []
    for finding in report.findings:
        result = {
            "ruleId": finding.check.code,
            "ruleIndex": index[finding.check.code],
            "level": LEVEL[finding.severity],
            "message": {"text": finding.message},
            "locations": [{"physicalLocation": physical(finding.location)}],
        }
        if finding.related:
            result["relatedLocations"] = [
                {"id": i, "physicalLocation": physical(where), "message": {"text": what}}
                for i, (what, where) in enumerate(finding.related, start=1)
            ]
        results.append(result)
    run = {
        "tool": {"driver": {"name": "gridrules lint", "version": tool_version, "rules": rules}},
        "originalUriBaseIds": {SRCROOT: {"uri": Path.cwd().as_uri() + "/"}},
        "columnKind": "unicodeCodePoints",
        "invocations": [{"executionSuccessful": report.loaded}],
        "results": results,
    }
    if report.pack is not None:
        run["properties"] = {"pack": report.pack, "judgedOn": report.on.isoformat() if report.on else None}
    return {"$schema": SCHEMA, "version": VERSION, "runs": [run]}
