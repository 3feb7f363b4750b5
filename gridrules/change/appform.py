"""Application documents: the blank form a clerk fills in, and reading a filled one.

The form (``gridrules admission new``) is YAML with a Chinese comment above each
field saying what to write and listing the codes the pack knows, so a clerk
needs nothing else open.  Left blank, a field is reported by the review as
missing; only a malformed document (a wrong type, an unknown field) is refused
outright.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from gridrules.contract.application import Application
from gridrules.errors import InputError, Problem
from gridrules.decide.inputs import Inputs, parse_model
from gridrules.pack.pack import Pack
from gridrules.change.review import field_name
from gridrules.change.yamledit import scalar, width
from gridrules.pack.yamlsrc import Document


def validate_application(raw: Any, doc: Document | None = None, source: str | None = None) -> Application:
    """A well-formed application (codes are the review's business, not errors)."""
    found = Inputs(doc, source)
    app = parse_model(Application, raw, found, "application")
    found.raise_if_any()
    return app  # type: ignore[return-value]


def default_id(now: datetime) -> str:
    return f"APP-{now:%Y%m%d-%H%M%S}"


def _wrapped(entries: list[str], lead: str = "") -> list[str]:
    """Comment lines listing ``entries``, never splitting one across lines."""
    lines, current = [], lead
    for entry in entries:
        piece = entry if current in ("", lead) else "、" + entry
        if current not in ("", lead) and width(current + piece) > 76:
            lines.append(current)
            current, piece = "", entry
        current += piece
    lines.append(current)
    return [f"#   {line}" for line in lines]


def blank_form(pack: Pack, app_id: str, applicant: str | None = None) -> str:
    """The form as YAML text, every field empty except ``id`` (and ``applicant`` if given)."""
    if applicant is not None and applicant not in pack.departments:
        from gridrules.lang.parse import suggest

        raise InputError(Problem(f"unknown department '{applicant}'", field="--applicant",
                                 hint=suggest(applicant, pack.departments)))
    name = lambda f: field_name(pack, f)  # noqa: E731
    departments = [f"{d.id} {d.name}" for d in pack.departments.values()]
    duties = [f"{d.id} {d.text}" for d in pack.duties.values()]
    activities = [f"{a.id} {a.name}" for a in pack.activities.values()]
    negative = [f"{e.activity}（{e.code}）" for e in pack.negative if e.activity]
    lines = [
        f"# 申请纳入网格化服务管理工作清单（{pack.manifest.title} {pack.info.version}）",
        "# 由 gridrules admission new 生成。逐项填写后交区综治中心审查：gridrules admission review 本文件",
        "# 留空的项目，审查时列为「未写明」。编号一律填英文编号（如 minzheng、D03、visit）。",
        f"# {name('id')}（不要改动）",
        f"id: {scalar(app_id, flow=False)}",
        "",
        f"# {name('item')}",
        "item:",
        f"# {name('basis')}：法律、法规或政策文件的名称和条款",
        "basis:",
        f"# {name('applicant')}：部门编号，可选：",
        *_wrapped(departments),
        f"applicant:{' ' + applicant if applicant else ''}",
        f"# {name('content')}：网格员具体做什么、对谁做、做到什么程度",
        "content:",
        f"# {name('duty')}：网格员职责编号，可选：",
        *[f"#   {d}" for d in duties],
        "duty:",
        f"# {name('activities')}：活动编号，写成 [visit, report]，可选：",
        *_wrapped(activities),
        *_wrapped(negative, "负面清单上的活动不能申请："),
        "activities: []",
        f"# {name('categories')}：可选：" + "、".join(pack.admission_policy.categories),
        "categories: []",
        f"# {name('frequency')}：如 每月、每季度、发生时",
        "frequency:",
        f"# {name('hours_per_month')}：每个网格每月增加的工作小时数",
        "hours_per_month:",
        f"# {name('subsidy')}：部门支付给每个网格的工作补贴，元/月（费随事转）",
        "subsidy:",
        f"# {name('training')}：培训责任单位填部门编号",
        "training:",
        "  owner:",
        "  plan:",
        f"# {name('start')}：YYYY-MM-DD",
        "start:",
        f"# {name('end')}：定期事项才填，YYYY-MM-DD",
        "end:",
    ]
    return "\n".join(lines) + "\n"
