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
    # the one not applied is named: the third step, its moment and until, and the limit it came after
    late = [{"step": 2, "at": extended_at, "until": "2026-12-04T18:00:00+08:00",
             "close_by": "2026-11-30T09:30:00+08:00"}] if closed == "late" else []
    assert judged["late_extensions"] == late


def test_each_extension_not_applied_is_named_with_the_limit_it_came_after(checker):
    # MD02 reported Wed 11-25 09:30: close_by 11-30 09:30 (Thu 26 1, Fri 27 2, Mon 30 3).  A 延期 on
    # 11-27 moves it to 12-01 18:00; one recorded at 12-02 (after that limit) and one at 12-03 move
    # nothing: both named, each with the limit then in force (12-01 18:00, the first one's until)
    record = {"event": {"id": "EV-X2", "type": "MD02", "reported_at": "2026-11-25T09:30:00+08:00",
                        "grid": "tangxiang-heping-01"},
              "steps": [{"at": "2026-11-27T10:00:00+08:00", "kind": "extended", "until": "2026-12-01T18:00:00+08:00",
                         "approved_by": "棠香街道"},
                        {"at": "2026-12-02T10:00:00+08:00", "kind": "extended", "until": "2026-12-09T18:00:00+08:00",
                         "approved_by": "棠香街道"},
                        {"at": "2026-12-03T10:00:00+08:00", "kind": "extended", "until": "2026-12-10T18:00:00+08:00",
                         "approved_by": "棠香街道"},
                        {"at": "2026-12-08T10:00:00+08:00", "kind": "resolved"}]}
    for final in (True, False):
        judged = checker.judge_record(record, "2026-12-20T10:00:00+08:00", final=final).model_dump(mode="json")
        assert judged["segments"][0]["close_by"] == "2026-12-01T18:00:00+08:00" and judged["closed"] == "late"
        assert judged["late_extensions"] == [
            {"step": 1, "at": "2026-12-02T10:00:00+08:00", "until": "2026-12-09T18:00:00+08:00",
             "close_by": "2026-12-01T18:00:00+08:00"},
            {"step": 2, "at": "2026-12-03T10:00:00+08:00", "until": "2026-12-10T18:00:00+08:00",
             "close_by": "2026-12-01T18:00:00+08:00"}]
    # a check before the late ones knows nothing of them
    early = checker.judge_record(record, "2026-12-02T09:00:00+08:00")
    assert early.late_extensions == []


def test_a_whistle_where_the_level_blows_none_is_noted_at_its_step_and_not_judged(checker, pack):
    # MD03 is routed to the community (general): no whistle there (policy §6), so the whistle step
    # has no 报到 limit; route --record notes it at its step, as it notes a 延期 not applied
    from gridrules.decide.lifecycle import late_extension_notes

    record = {"event": {"id": "EV-X3", "type": "MD03", "reported_at": "2026-11-02T09:00:00+08:00",
                        "grid": "tangxiang-heping-01"},
              "steps": [{"at": "2026-11-02T09:30:00+08:00", "kind": "whistle", "departments": ["zhujian"]},
                        {"at": "2026-11-03T15:00:00+08:00", "kind": "reported_in", "department": "zhujian"},
                        {"at": "2026-11-05T08:00:00+08:00", "kind": "resolved"}]}
    judgement = checker.judge_record(record, "2026-12-20T10:00:00+08:00")
    assert judgement.whistles == []
    assert [(w.step, w.level, w.departments) for w in judgement.unscored_whistles] == [(0, "community", ["zhujian"])]
    notes = late_extension_notes(judgement, pack)
    assert [n.field for n in notes] == ["steps[0]"] and "zhujian" in notes[0].message
