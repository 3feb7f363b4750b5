"""``gridrules.testrun``: which rules --require-tests asks a case for."""

from __future__ import annotations

import pathlib

from gridrules import Checker
from gridrules.pack.loader import bundled_root
from gridrules.cases.run import DERIVED_RULES, rules_of, run_cases

CASES = pathlib.Path(str(bundled_root().joinpath("cases")))


def test_rules_of_a_pack_are_its_compiled_rules_and_the_derived_findings(pack):
    checker = Checker(pack)
    ids = rules_of(checker)
    assert len(ids) == len(set(ids))
    screened = {f"screening.{e.code}" for e in pack.negative if e.screening_words}  # one per screened code
    assert set(ids) == set(checker.compiled.rules) | set(DERIVED_RULES) | screened | {"admission.unlisted_pending"}
    # the bundled items are open-ended: none can end before a task does
    assert "admission.unlisted_ends" not in ids
    # in the pack's order: negative list, roles, items L01…L17, approvals, findings, written rules
    items = [r for r in ids if r.startswith("item.")]
    assert items == [f"item.{i.id}" for i in pack.items]
    assert ids.index("negative.F01") < ids.index("role.part_time") < ids.index("item.L01") < ids.index("grade.type_default")


def test_every_rule_id_a_decision_names_is_a_rule_of_the_pack(pack):
    """If admission grows a new derived finding, --require-tests must know it."""
    checker = Checker(pack)
    run = run_cases(checker, CASES)
    named = {rule for o in run.outcomes for rule in o.fired}
    assert named <= set(rules_of(checker))
    assert set(DERIVED_RULES) <= named


def test_untested_is_none_unless_asked(pack):
    checker = Checker(pack)
    assert run_cases(checker, CASES / "tasks/unlisted.yaml").untested is None
    untested = run_cases(checker, CASES / "tasks/unlisted.yaml", require_tests=True).untested
    assert "admission.unlisted_department" not in untested and "item.L13" in untested
