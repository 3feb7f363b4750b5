"""Applications used by the workflow tests, and helpers to write and run them.

The two good applications are plausible district work that the default pack's
list does not cover yet (区残联 and 区妇联 have no item), so the review finds
nothing against them: 52 listed hours plus theirs stay far under 120.
"""

from __future__ import annotations

import hashlib
import json
import os
import pathlib
import subprocess
import sys

CANLIAN = {
    "id": "APP-2026-017",
    "item": "残疾人基本服务状况和需求信息入户核查",
    "applicant": "canlian",
    "basis": "《中华人民共和国残疾人保障法》第十条、第十一条",
    "content": "协助区残联逐户核实持证残疾人的基本服务状况和需求，发现变化及时上报。",
    "duty": "D03",
    "activities": ["visit", "collect_info", "report"],
    "categories": ["民生需求项目"],
    "frequency": "每年集中核查一次",
    "hours_per_month": 2,
    "subsidy": 40,
    "training": {"owner": "canlian", "plan": "核查前集中培训半天，核查期间专人答疑。"},
    "risk": "low",
    "start": "2027-03-01",
}
FULIAN = {
    "id": "APP-2026-018",
    "item": "妇女儿童权益受侵害线索发现报告",
    "applicant": "fulian",
    "basis": "《中华人民共和国妇女权益保障法》第七十二条",
    "content": "走访中发现妇女儿童权益受侵害的线索，及时报告区妇联和属地派出所。",
    "duty": "D08",
    "activities": ["visit", "report"],
    "categories": ["社会治理"],
    "frequency": "发现时报告",
    "hours_per_month": 1,
    "subsidy": 20,
    "training": {"owner": "fulian", "plan": "每年一次专题培训。"},
    "risk": "medium",
    "start": "2027-03-01",
}
# Approvals and tasks are decided on these days.
DECIDED = "2026-11-18"  # a past session: subprocess writers run on the real clock
TASK_DAY = "2027-03-10T09:00:00+08:00"


def write_app(folder: pathlib.Path, app: dict, name: str | None = None) -> str:
    path = folder / (name or f"{app['id']}.json")
    path.write_text(json.dumps(app, ensure_ascii=False), encoding="utf-8")
    return str(path)


def snapshot(root: pathlib.Path) -> dict[str, str]:
    """Every file and folder under ``root`` (dot-files included) with a hash of its bytes."""
    out = {}
    for path in sorted(root.rglob("*")):
        rel = str(path.relative_to(root))
        out[rel] = "dir" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
    return out


# -P: never import gridrules from the working folder (a source checkout is not the installed package)
PYTHON = [sys.executable, "-P"]
COMMAND = [*PYTHON, "-m", "gridrules.cli.main"]


def gridrules(*args: str, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run the command line in a separate process, as a deployment would."""
    return subprocess.run(
        [*COMMAND, *args],
        capture_output=True, text=True, timeout=timeout, env={**os.environ, **(env or {})},
    )
