"""Rules the engine cannot compile are refused by ``validate`` (or split by the compiler).

durable_rules 2.0.28 hangs forever in ``createRuleset`` once 513 distinct conditions
fan out from one node (an ``in:`` of 600 values, an ``any:`` of 520 branches, or two
rules of 300 values in one ruleset), fails every decision with error 303 at 512, and
refuses a rule whose pattern holds 16 ``$and``/``$or`` in all, nested or side by side (error 113).  Every test that
makes rulesets runs in a subprocess with a timeout: a regression would hang, not fail.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from gridrules.change.history import record_hand_edit

from gridrules import load_pack
from gridrules.cli.main import main
from gridrules.engine.capacity import MAX_JOINERS, MAX_TESTS, joiners
from gridrules.errors import PackError
from gridrules.pack.yamlsrc import MAX_DEPTH

from packedits import position

OVERSIGHT = "admission/oversight.yaml"


def _add_rule(pack_dir, when: str, rule_id: str = "oversight.wide") -> tuple[str, int, int]:
    path = pack_dir / OVERSIGHT
    rule = f"  - id: {rule_id}\n    when: {when}\n    flag: over_capacity\n    text: 测试\n    basis: 测试\n\n"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("rules:\n", "rules:\n" + rule, 1), encoding="utf-8")
    line, col = position(path.read_text(encoding="utf-8"), f"id: {rule_id}\n    when: ", len(f"id: {rule_id}\n    when: "))
    return str(path), line, col


def _refused(pack_dir, capsys) -> list[str]:
    with pytest.raises(PackError) as caught:
        load_pack(pack_dir)
    assert main(["validate", str(pack_dir)]) == 2
    assert "Traceback" not in capsys.readouterr().err
    return [str(p) for p in caught.value.problems]


def test_an_in_list_of_600_values_is_refused_at_the_rule(pack_copy, capsys):
    path, line, col = _add_rule(pack_copy, "{hours_per_month: {in: [%s]}}" % ", ".join(str(n) for n in range(600)))
    assert _refused(pack_copy, capsys) == [
        f"{path}:{line}:{col}: oversight.wide.when: the condition makes 600 distinct tests (an in: list counts one "
        f"per value); the engine takes at most {MAX_TESTS} per rule: split the rule"]


def test_an_any_of_520_branches_is_refused_at_the_rule(pack_copy, capsys):
    branches = ", ".join(f"{{hours_per_month: {n}}}" for n in range(520))
    path, line, col = _add_rule(pack_copy, f"{{any: [{branches}]}}")
    problems = _refused(pack_copy, capsys)
    assert problems == [f"{path}:{line}:{col}: oversight.wide.when: the condition makes 520 distinct tests (an in: "
                        f"list counts one per value); the engine takes at most {MAX_TESTS} per rule: split the rule"]


def _nested(depth: int) -> str:
    cond = "{hours_per_month: {gt: 1}}"
    for n in range(depth):
        other = f"{{hours_per_month: {{gt: {n}}}}}" if n % 2 else f"{{hours_per_month: {n + 2}}}"
        cond = f"{{{'all' if n % 2 else 'any'}: [{cond}, {other}]}}"
    return cond


def test_a_condition_nested_20_deep_is_refused_at_the_rule(pack_copy, capsys):
    path, line, col = _add_rule(pack_copy, _nested(20))
    problems = [p for p in _refused(pack_copy, capsys) if "joins" in p]  # (and too many $or paths)
    assert problems == [f"{path}:{line}:{col}: oversight.wide.when: the condition (or one branch of its any) joins "
                        f"tests with all/any 20 times (not: pushed down, in:, includes and other list tests "
                        f"included); the engine takes at most {MAX_JOINERS} per rule: split it into rules or "
                        f"flatten it"]


def _side_by_side(branches: int) -> str:
    """An any: of ``branches`` two-test all:s -- shallow, but one joiner a branch."""
    return "{any: [%s]}" % ", ".join(f"{{all: [{{hours_per_month: {{gt: {n}}}}}, {{hours_per_month: {{lt: {n + 2}}}}}]}}"
                                     for n in range(0, 2 * branches, 2))


def test_a_branch_of_too_many_joiners_is_refused_however_shallow(pack_copy, capsys):
    """An all: of 16 two-way any:s nests two levels but joins 17 times: the engine refused it at
    load (error 113, an internal error) while validate passed it."""
    pairs = ", ".join(f"{{any: [{{hours_per_month: {n}}}, {{hours_per_month: {{gt: {n + 500}}}}}]}}" for n in range(16))
    path, line, col = _add_rule(pack_copy, f"{{all: [{pairs}]}}")
    problems = [p for p in _refused(pack_copy, capsys) if "joins" in p]
    assert len(problems) == 1 and problems[0].startswith(f"{path}:{line}:{col}: ") and " 17 times " in problems[0]


def test_a_condition_nested_200_deep_is_refused_where_it_passes_the_file_depth(pack_copy, capsys):
    path, line, _ = _add_rule(pack_copy, _nested(200))
    problems = _refused(pack_copy, capsys)
    assert problems and all(p.startswith(f"{path}:{line}:") for p in problems)
    assert any(p.endswith(f"nested more than {MAX_DEPTH} levels deep") for p in problems)


# --- what the engine takes: decided in a subprocess, each with a timeout -----------------------

_DECIDE = r"""
import sys
from datetime import datetime, timedelta, timezone
from gridrules import Checker, load_pack
checker = Checker(load_pack(sys.argv[1]))
task = {"id": "T", "title": "x", "department": "minzheng", "activities": ["visit"], "start": "2026-12-01",
        "hours_per_month": float(sys.argv[2])}
decision = checker.check_task(task, at=datetime(2026, 11, 25, 10, tzinfo=timezone(timedelta(hours=8))))
print(sorted(name for name in checker.compiled.stages["oversight"]))
print(sorted(r.rule for r in decision.reasons if r.rule.startswith("oversight.wide")))
"""


def _decide(pack_dir, hours: float) -> list[str]:
    # -P: the installed gridrules, never the source tree in the working folder (CI installs for real)
    done = subprocess.run([sys.executable, "-P", "-c", _DECIDE, str(pack_dir), str(hours)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()


def test_rules_of_many_values_together_are_split_into_rulesets_the_engine_compiles(pack_copy):
    """Two rules of 300 values each: 600 distinct tests in one ruleset hung createRuleset."""
    _add_rule(pack_copy, "{hours_per_month: {in: [%s]}}" % ", ".join(str(n) for n in range(1000, 1300)), "oversight.wide1")
    _add_rule(pack_copy, "{hours_per_month: {in: [%s]}}" % ", ".join(str(n) for n in range(2000, 2300)), "oversight.wide2")
    record_hand_edit(pack_copy, "引擎上限测试")  # edited by hand: validate says so until it is recorded
    assert main(["validate", str(pack_copy)]) == 0
    stages, fired = _decide(pack_copy, 2100)
    assert stages == "['admission.oversight', 'admission.oversight.2']"
    assert fired == "['oversight.wide2']"


def test_a_rule_at_the_limits_compiles_and_decides(pack_copy):
    _add_rule(pack_copy, "{hours_per_month: {in: [%s]}}" % ", ".join(str(n) for n in range(1000, 1000 + MAX_TESTS)),
              "oversight.wide1")
    deep = _nested(MAX_JOINERS)
    assert joiners(json.loads("{}")) == 0
    _add_rule(pack_copy, deep, "oversight.wide2")
    record_hand_edit(pack_copy, "引擎上限测试")  # edited by hand: validate says so until it is recorded
    assert main(["validate", str(pack_copy)]) == 0
    assert _decide(pack_copy, 1000 + MAX_TESTS - 1)[1] == "['oversight.wide1', 'oversight.wide2']"


def test_a_wide_any_is_given_to_the_engine_in_parts_and_fires_as_one_rule(pack_copy):
    """An any: of 40 two-test all:s joins 41 times, past what one engine rule takes: it is given
    to the engine as several rules of one name, and fires as the pack's one rule in every part."""
    _add_rule(pack_copy, _side_by_side(40))
    record_hand_edit(pack_copy, "引擎上限测试")  # edited by hand: validate says so until it is recorded
    assert main(["validate", str(pack_copy)]) == 0
    for hours in (1, 41, 79):  # in the first, a middle and the last branch
        assert _decide(pack_copy, hours)[1] == "['oversight.wide']"
    assert _decide(pack_copy, 80)[1] == "[]"  # past every branch
