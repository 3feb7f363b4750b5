"""A lint report as text for people (grouped by file) and as a JSON document for systems."""

from __future__ import annotations

import os
from itertools import groupby

from gridrules.catalogue import t
from gridrules.lint.findings import SEVERITIES, LintReport


def _counted(counts: dict[str, int], every: bool = True) -> str:
    return t("lint.sep").join(t(f"lint.count.{s}", n=counts[s]) for s in SEVERITIES if every or counts[s])


def summary(report: LintReport) -> str:
    return _counted(report.counts())


def _file_of(report: LintReport, path: str) -> str:
    """A finding's file as shown in a group heading: relative to the pack when it is inside it."""
    root = report.root
    if root and path.startswith(root.rstrip("/") + "/"):
        return os.path.relpath(path, root)
    return path


def text(report: LintReport) -> str:
    lines = []
    if report.loaded:
        pack = report.pack or {}
        lines.append(t("lint.heading", name=pack.get("name"), version=pack.get("version"), root=report.root, on=report.on))
    else:
        lines.append(t("lint.not_loaded", root=report.root, count=len(report.findings)))
    for path, group in groupby(report.findings, key=lambda f: f.location.path):
        found = list(group)
        counts = {s: sum(1 for f in found if f.severity == s) for s in SEVERITIES}
        lines.append("")
        lines.append(t("lint.file", file=_file_of(report, path), counts=_counted(counts, every=False)))
        for finding in found:
            lines.append(f"  {finding}")
            for what, where in finding.related:
                lines.append("      " + t("lint.see", what=what, where=where))
    lines.append("")
    lines.append(t("lint.total", summary=summary(report)) if report.findings else t("lint.nothing"))
    if report.hidden:
        lines.append(t("lint.hidden", n=report.hidden))
    return "\n".join(lines)


def as_json(report: LintReport) -> dict:
    return {
        "pack": report.pack,
        "root": report.root,
        "loaded": report.loaded,
        "judged_on": report.on.isoformat() if report.on else None,
        "summary": report.counts(),
        "hidden": report.hidden,
        "findings": [f.as_dict() for f in report.findings],
        "checks": [{"code": c.code, "name": c.name, "severity": c.severity, "summary": c.summary}
                   for c in report.checks],
    }
