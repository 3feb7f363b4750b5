"""A lint report as text for people (grouped by file) and as a JSON document for systems."""

from __future__ import annotations

import os
from itertools import groupby

from gridrules.lint.findings import SEVERITIES, LintReport

WORDS = {"error": "个错误", "warning": "个警告", "info": "条提示"}


def summary(report: LintReport) -> str:
    counts = report.counts()
    return "，".join(f"{counts[s]} {WORDS[s]}" for s in SEVERITIES)


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
        lines.append(f"gridrules lint：{pack.get('name')} {pack.get('version')}（{report.root}），判定日 {report.on}")
    else:
        lines.append(f"gridrules lint：规则包无法加载（{report.root}），{len(report.findings)} 个问题")
    for path, group in groupby(report.findings, key=lambda f: f.location.path):
        found = list(group)
        counts = {s: sum(1 for f in found if f.severity == s) for s in SEVERITIES}
        shown = "，".join(f"{n} {WORDS[s]}" for s, n in counts.items() if n)
        lines.append("")
        lines.append(f"{_file_of(report, path)}（{shown}）")
        for finding in found:
            lines.append(f"  {finding}")
            for what, where in finding.related:
                lines.append(f"      参见{what}：{where}")
    lines.append("")
    lines.append(f"合计：{summary(report)}" if report.findings else "合计：没有发现问题")
    if report.hidden:
        lines.append(f"另有 {report.hidden} 条按 --min-severity / --ignore 未列出")
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
