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
