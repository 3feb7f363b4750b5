"""The bundled hand-computed assessment case (rules/cases/assessment/2026-11.yaml) as test data."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import yaml

CASE = Path(__file__).parent.parent / "rules" / "cases" / "assessment" / "2026-11.yaml"
AT = datetime.fromisoformat("2026-12-20T10:00:00+08:00")


def month_case() -> dict:
    """The case's input: period, records (dicts) and tasks."""
    return yaml.safe_load(CASE.read_text("utf-8"))["cases"][0]["input"]


def records_jsonl(records: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


OTHER_DIGEST = "sha256:" + "0" * 64  # a pack's digest, not the bundled pack's


def extended_late(record: dict) -> dict:
    """An MD02 record (the month's H01-H10, X1: 3 working days to close, so by reported + 5 days at
    the latest) given a 延期 ten days after the report and its resolution a day later: late either
    way, as the extension came after the limit."""
    reported = datetime.fromisoformat(record["event"]["reported_at"])
    assert record["event"]["type"] == "MD02"
    at = lambda days: (reported + timedelta(days=days)).isoformat()  # noqa: E731
    return dict(record, steps=[{"at": at(0.05), "kind": "feedback"},
                               {"at": at(10), "kind": "extended", "until": at(20), "approved_by": "棠香街道"},
                               {"at": at(11), "kind": "resolved"}])


# what the scores of ``troubled_month`` leave out, in the words of gridrules assess's text (Chinese)
TROUBLES_ZH = ["镇街派单记录有误 1 条（未计入）", "规则包摘要不符 2 条（H02、Z1）",
               "本期有 1 条记录的延期在办结时限过后才记录、未挪动时限（按原时限判定）（H05）"]


def troubled_month() -> dict:
    """The month with what its scores leave out: H02 and Z1 routed by a pack of another digest
    (flagged, still counted), H05's 延期 recorded on 11-16, after its closure limit (reported Fri 11-06,
    3 working days: 11-11) had passed (not applied), and its tasks with T-TX-2 given again (a bad
    line, the task counted once)."""
    case = month_case()
    records = case["records"]
    for record in records:
        if record["event"]["id"] in ("H02", "Z1"):
            record["digest"] = OTHER_DIGEST
    (h05,) = [i for i, r in enumerate(records) if r["event"]["id"] == "H05"]
    records[h05] = extended_late(records[h05])
    assert case["tasks"][1]["id"] == "T-TX-2"
    case["tasks"] = case["tasks"] + [case["tasks"][1]]
    return case
