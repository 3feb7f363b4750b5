"""A negative list longer than one ruleset holds: the common admission rules are chunked.

Before, a pack with 29+ negative-list activities passed ``validate`` and then every
``check-task`` failed (the common rules had to fit one ruleset of 30)."""

from __future__ import annotations

import pathlib
from datetime import datetime, timedelta, timezone

import pytest

from gridrules.change.history import record_hand_edit

from gridrules import Checker, load_pack
from gridrules.errors import PackError
from gridrules.cases.run import run_cases
from gridrules.cli.main import main
from gridrules.engine.capacity import MAX_RULES_PER_RULESET
from gridrules.pack.layout import NEGATIVE_LIST
from gridrules.pack.loader import bundled_root

EXTRA = 30  # with the bundled nine, more negative-list activities than one ruleset holds
AT = datetime(2026, 11, 25, 10, tzinfo=timezone(timedelta(hours=8)))


def _lengthen(pack_dir: pathlib.Path) -> None:
    path = pack_dir / NEGATIVE_LIST
    text = path.read_text(encoding="utf-8")
    extra = "".join(
        f"  - code: F{60 + n}\n"
        f"    activity: forbidden_{n}\n"
        f"    activity_name: 禁止活动{n}\n"
        f"    forbidden: 测试用的禁止活动{n}\n"
        f"    basis: 测试\n"
        for n in range(EXTRA)
    )
    path.write_text(text.replace("entries:\n", "entries:\n" + extra, 1), encoding="utf-8")


def test_a_long_negative_list_validates_compiles_in_chunks_and_decides(pack_copy):
    _lengthen(pack_copy)
    assert main(["validate", str(pack_copy)]) == 2  # edited by hand: validate says so until it is recorded
    record_hand_edit(pack_copy, "负面清单扩展测试")
    assert main(["validate", str(pack_copy)]) == 0
    checker = Checker(load_pack(pack_copy))
    common = checker.compiled.common
    assert len(common) >= 2 and common[0] == "admission.common" and common[1] == "admission.common.2"
    assert all(len(checker.compiled.rulesets[name]) <= MAX_RULES_PER_RULESET for name in common)

    # an added activity in the first chunk and a bundled one in the last: both forbid, both are reasons
    decision = checker.check_task({"id": "T-N", "title": "测试", "department": "chengguan",
                                   "activities": ["patrol", "forbidden_0", "enforce"], "start": "2026-12-01"}, AT)
    assert decision.verdict == "forbidden"
    assert decision.flags == ["forbidden_activity"]
    assert {"negative.F60", "negative.F01"} <= {r.rule for r in decision.reasons}
    assert checker.compiled.rules["negative.F60"] is not None
    chunk_of = {rule: name for name in common for rule in checker.compiled.rulesets[name]}
    assert chunk_of["negative.F60"] != chunk_of["negative.F01"]


def test_a_long_negative_list_decides_every_bundled_task_case_as_expected(pack_copy):
    _lengthen(pack_copy)
    run = run_cases(Checker(pack_copy), pathlib.Path(str(bundled_root().joinpath("cases", "tasks"))))
    failed = [(o.case, o.differences) for o in run.outcomes if not o.passed]
    assert run.outcomes and not failed


def test_a_rule_the_engine_cannot_hold_is_refused_at_load_with_its_location(pack_copy):
    """61 alternatives of one rule (the engine's match limit is about 64): the compiler
    refuses it with the rule's path:line:col, as a PackError, and so does validate."""
    path = pack_copy / "admission/oversight.yaml"
    branches = ", ".join(f"{{hours_per_month: {{gt: {n}}}}}" for n in range(61))
    rule = (f"  - id: oversight.too_wide\n    when: {{any: [{branches}]}}\n    flag: over_capacity\n"
            f"    text: 测试\n    basis: 测试\n\n")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("rules:\n", "rules:\n" + rule, 1), encoding="utf-8")
    with pytest.raises(PackError) as caught:
        load_pack(pack_copy)
    line = path.read_text(encoding="utf-8").index("when: {any")
    line_no = path.read_text(encoding="utf-8")[:line].count("\n") + 1
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:{line_no}:11: oversight.too_wide.when: the condition can match through 61 alternatives ($or paths); "
        "the engine takes at most 60 per rule: split the rule"]
    assert main(["validate", str(pack_copy)]) == 2


WIDE = 450  # more activities than one rule may test (the engine hangs creating a ruleset from ~513)


def _widen(pack_dir: pathlib.Path) -> None:
    """Add activities no role holds: every role's generated rule then tests all of them."""
    path = pack_dir / "powers" / "activities.yaml"
    extra = "".join(f"  - id: extra_{n}\n    name: 增补活动{n}\n" for n in range(WIDE))
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("activities:\n", "activities:\n" + extra, 1), encoding="utf-8")


def test_a_generated_rule_the_engine_cannot_hold_is_refused_at_its_list_entry(pack_copy):
    """A role lacking hundreds of activities would make a rule that hangs durable_rules when
    its ruleset is created: loading refuses it, pointing at the role, before any engine exists."""
    _widen(pack_copy)  # not recorded in the history: loading only warns of that, compiling refuses
    with pytest.raises(PackError) as refused:
        load_pack(pack_copy)
    messages = [str(p) for p in refused.value.problems]
    assert any("roles.yaml:" in m and "role.full_time" in m and "distinct tests" in m for m in messages), messages
    assert main(["validate", str(pack_copy)]) == 2
