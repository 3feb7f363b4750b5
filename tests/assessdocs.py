"""The bundled hand-computed assessment case (rules/cases/assessment/2026-11.yaml) as test data."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import yaml

CASE = Path(__file__).parent.parent / "rules" / "cases" / "assessment" / "2026-11.yaml"
AT = datetime.fromisoformat("2026-12-20T10:00:00+08:00")


def month_case() -> dict:
    """The case's input: period, records (dicts) and tasks."""
    return yaml.safe_load(CASE.read_text("utf-8"))["cases"][0]["input"]


def records_jsonl(records: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
