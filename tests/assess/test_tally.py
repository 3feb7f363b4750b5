"""Partial tallies merge exactly: any split of the records gives the whole run's counts and scores."""

from __future__ import annotations

import random

import pytest

from assessdocs import AT, month_case
from gridrules import Checker
from gridrules.assess.count import Counter
from gridrules.assess.periods import parse_period
from gridrules.assess.run import assess_records
from gridrules.assess.score import scores
from gridrules.assess.tally import Tally
from gridrules.contract.judgement import judgement_fields


@pytest.fixture(scope="module")
def checker(pack):
    return Checker(pack)


def _tally(checker, records) -> Tally:
    period = parse_period("2026-11")
    return assess_records(checker, [(f"r{i}", r) for i, r in enumerate(records)], period, AT).tally


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_any_split_merges_to_the_whole(checker, seed):
    records = month_case()["records"]
    whole = _tally(checker, records)
    shuffled = records[:]
    random.Random(seed).shuffle(shuffled)
    cut = sorted(random.Random(seed).sample(range(1, len(shuffled)), 3))
    parts = [shuffled[a:b] for a, b in zip([0, *cut], [*cut, len(shuffled)])]
    merged = Tally()
    for part in parts:
        merged.merge(_tally(checker, part))
    assert merged.as_dict() == whole.as_dict()
    as_scores = lambda t: {lv: [(u.unit, u.score, u.lists) for u in rows] for lv, rows in scores(checker.pack, t).items()}  # noqa: E731
    assert as_scores(merged) == as_scores(whole)


def test_counts_are_integers(checker):
    whole = _tally(checker, month_case()["records"]).as_dict()
    for unit in whole["units"].values():
        assert all(isinstance(n, int) for pair in unit["figures"].values() for n in pair)


def test_a_pending_event_enters_no_figure(checker):
    judged = checker.judge_record(next(r for r in month_case()["records"] if r["event"]["id"] == "P1"), AT)
    assert judged.pending
    tally = Tally()
    Counter(checker.pack).count(tally, judgement_fields(judged))
    community = tally.units[("community", "tangxiang-heping")]
    assert (community.events, community.pending, community.cases, community.figures) == (1, 1, 0, {})


def test_records_reported_after_the_check_merge_like_the_rest(checker):
    records = month_case()["records"]
    later = dict(records[0], event=dict(records[0]["event"], id="LATER", reported_at="2026-11-30T09:00:00+08:00"),
                 steps=[])
    period, at = parse_period("2026-11"), "2026-11-29T10:00:00+08:00"
    whole = assess_records(checker, [(f"r{i}", r) for i, r in enumerate(records + [later])], period, at).tally
    merged = Tally()
    for part in (records[:5] + [later], records[5:]):
        merged.merge(assess_records(checker, [(f"r{i}", r) for i, r in enumerate(part)], period, at).tally)
    assert merged.as_dict() == whole.as_dict()
    assert whole.after_at == 2  # P1 (11-30 09:00) and LATER; X1 (12-01) belongs to another period


@pytest.mark.parametrize("add, count, named", [("mismatch", "digest_mismatch", "mismatched"),
                                               ("extended_late", "late_extension", "late_extended")])
def test_the_records_named_are_the_first_in_record_order_however_split(add, count, named):
    # eight records of another pack's digest (or with a 延期 not applied) in two files, in record order;
    # five are named: file 0's four and file 1's first, whatever part counted them and in whatever order
    # (a held record comes last)
    records = [((f, n), f"f{f}.jsonl:{n}", f"EV-{f}{n}") for f in (0, 1) for n in (1, 2, 3, 4)]
    splits = [[records], [records[4:], records[2:4], records[:2][::-1]], [records[1:], records[:1]]]
    for split in splits:
        for parts in (split, split[::-1]):
            merged = Tally()
            for part in parts:
                tally = Tally()
                for record in part:
                    getattr(tally, add)(record)
                merged.merge(tally)
            assert getattr(merged, count) == 8
            assert [event for _, _, event in getattr(merged, named)] == ["EV-01", "EV-02", "EV-03", "EV-04", "EV-11"]
