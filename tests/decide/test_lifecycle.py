"""Judgements are built without validation (``documents.build``): each must still be a valid document."""

from __future__ import annotations

import pathlib

import pytest
import yaml

from gridrules import Checker
from gridrules.contract.judgement import EventJudgement

CASES = pathlib.Path(__file__).parent.parent.parent / "rules" / "cases" / "records" / "judgements.yaml"
VALID = [c for c in yaml.safe_load(CASES.read_text("utf-8"))["cases"] if "error" not in c["expect"]]


@pytest.fixture(scope="module")
def checker(pack):
    return Checker(pack)


@pytest.mark.parametrize("final", [True, False])
@pytest.mark.parametrize("case", VALID, ids=[c["name"] for c in VALID])
def test_built_judgement_is_a_valid_document(checker, case, final):
    judged = checker.judge_record(case["input"], case["at"], final=final)
    document = judged.model_dump(mode="json")
    assert EventJudgement.model_validate(document).model_dump(mode="json") == document


def test_counting_skips_only_the_final_routing(checker):
    case = next(c for c in VALID if c["input"]["event"]["id"] == "EV-R05")
    final, counted = (checker.judge_record(case["input"], case["at"], final=f) for f in (True, False))
    strip = lambda j: {k: v for k, v in j.model_dump(mode="json").items() if k != "decision"}  # noqa: E731
    assert strip(final) == strip(counted)
    assert counted.decision.deadlines == final.decision.deadlines  # renewed at the escalation either way


# 延期 recorded at, just before and just after the closure limit (11-30 09:30): only one made by the
# limit moves it, for counting (assess) and for the final routing (route --record) alike
@pytest.mark.parametrize("final", [True, False])
@pytest.mark.parametrize("extended_at, close_by, closed", [
    ("2026-11-30T09:29:00+08:00", "2026-12-04T18:00:00+08:00", "on_time"),
    ("2026-11-30T09:30:00+08:00", "2026-12-04T18:00:00+08:00", "on_time"),
    ("2026-11-30T09:31:00+08:00", "2026-11-30T09:30:00+08:00", "late"),
])
def test_an_extension_counts_only_when_made_by_the_limit(checker, final, extended_at, close_by, closed):
    record = {"event": {"id": "EV-X1", "type": "MD02", "reported_at": "2026-11-25T09:30:00+08:00",
                        "grid": "tangxiang-heping-01"},
              "steps": [{"at": "2026-11-25T10:00:00+08:00", "kind": "responded", "unit": "tangxiang-heping-01"},
                        {"at": "2026-11-25T11:00:00+08:00", "kind": "feedback"},
                        {"at": extended_at, "kind": "extended", "until": "2026-12-04T18:00:00+08:00",
                         "approved_by": "棠香街道"},
                        {"at": "2026-12-03T10:00:00+08:00", "kind": "resolved"}]}
    judged = checker.judge_record(record, "2026-12-20T10:00:00+08:00", final=final).model_dump(mode="json")
    assert (judged["segments"][0]["close_by"], judged["closed"]) == (close_by, closed)
    if final:  # counting carries the segment's routing as made at its start
        assert judged["decision"]["deadlines"]["close_by"] == close_by
