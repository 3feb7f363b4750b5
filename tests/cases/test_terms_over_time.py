"""Terms over time (policy §8) on an item the workflow commands approved, amended and withdrew
(tests/termspack.py: L18 on a copy of the bundled pack): its decision cases, and the pack's whole
suite with every rule exercised -- oversight.training_pending among them, which no item of the
bundled list can fire (the policy's 17 were all trained before they took effect)."""

from __future__ import annotations

from gridrules import Checker
from gridrules.cases.run import run_cases


def test_the_terms_cases_pass_and_fire_the_items_rules(terms_root, terms_pack):
    run = run_cases(Checker(terms_pack), terms_root / "cases" / "terms")
    assert run.outcomes and run.counts()["failed"] == 0, [o.case.name for o in run.failed]
    fired = {rule for o in run.outcomes for rule in o.fired}
    assert {"item.L18", "relay.L18", "oversight.training_pending"} <= fired


def test_the_copy_passes_require_tests(terms_root, terms_pack):
    run = run_cases(Checker(terms_pack), terms_root / "cases", require_tests=True)
    assert run.counts()["failed"] == 0 and run.untested == [], (run.untested, [o.case.name for o in run.failed])


def test_the_history_is_the_commands_own(terms_pack):
    changes = terms_pack.history.changes
    assert [(c.action, c.target, c.decision.session, str(c.decision.date)) for c in changes] == [
        ("approve", "L18", "2026-5", "2026-11-26"), ("amend", "L18", "2026-6", "2026-11-27"),
        ("withdraw", "L18", "2026-7", "2026-11-28")]
