"""One test per durable_rules trap the adapter relies on avoiding (docs/durable_rules.md)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading

import pytest

from gridrules.lang.durable import to_durable
from gridrules.lang import tree
from gridrules.decide.facts import task_fact
from gridrules.engine.adapter import SID, Engine
from gridrules.errors import EngineError, InputError
from gridrules.contract.facts import EVENT_FIELDS, TASK_FIELDS
from gridrules.decide.inputs import validate_event, validate_task

RULES = {
    "big": {"all": [{"m": {"$gt": {"n": 100}}}]},
    "either": {"all": [{"m": {"$or": [{"a": 1}, {"b": 1}]}}]},
}


@pytest.fixture
def engine():
    return Engine({"t": RULES}, namespace="test")


def test_fires_every_matching_rule_in_definition_order(engine):
    assert engine.fire("t", {"n": 101, "a": 1, "b": 0}) == ["big", "either"]
    assert engine.fire("t", {"n": 1, "a": 0, "b": 0}) == []


def test_an_or_with_several_true_branches_is_reported_once(engine):
    # durable_rules itself fires "either" twice here (once per branch); we report it once
    assert engine.fire("t", {"n": 0, "a": 1, "b": 1}) == ["either"]


def test_facts_are_retracted_after_each_decision(engine):
    for i in range(100):
        engine.fire("t", {"n": i, "a": 1, "b": 0})
    assert engine.facts_held("t") == []


def test_identical_facts_get_unique_ids(engine):
    # content-hashed default ids collided at fact 46,010 in durable_rules.md's measurement
    for _ in range(50_000):
        assert engine.fire("t", {"n": 101, "a": 0, "b": 0}) == ["big"]


def test_no_background_threads_are_started():
    before = threading.active_count()
    Engine({"t2": RULES}, namespace="threads")
    assert threading.active_count() == before


def test_the_sid_is_fixed_and_plain():
    assert SID.isalnum()


def test_engine_errors_are_raised_as_ours(engine):
    # the C core refuses a fact with more than ~252 leaf properties
    wide = Engine({"w": {"all300": {"all": [{"m": {"$and": [{f"k{i}": i} for i in range(300)]}}]}}}, namespace="wide300")
    with pytest.raises(EngineError, match="refused a fact"):
        wide.fire("w", {f"k{i}": i for i in range(300)})
    assert engine.fire("t", {"n": 101, "a": 0, "b": 0}) == ["big"]  # others still usable afterwards


def test_only_the_fields_a_ruleset_reads_are_sent(engine):
    assert engine._fields["t"] == ("a", "b", "n")
    # extra fields never reach the engine; a missing one is our error, not a KeyError
    assert engine.fire("t", {"n": 101, "a": 0, "b": 0, "other": "x" * 100}) == ["big"]
    with pytest.raises(EngineError, match="lacks the field 'b'"):
        engine.fire("t", {"n": 1, "a": 0})


def test_strings_compared_with_numbers_is_a_real_trap_we_never_reach(engine, pack):
    # the trap: in durable_rules "99" > 100 holds
    assert engine.fire("t", {"n": "99", "a": 0, "b": 0}) == ["big"]
    # our inputs never let a string stand in for a number
    event = {"id": "E", "type": "MD02", "reported_at": "2026-11-25T09:30:00+08:00",
             "grid": "tangxiang-heping-01", "people_involved": "99"}
    with pytest.raises(InputError, match="people_involved: Input should be a valid integer"):
        validate_event(event, pack)


@pytest.mark.parametrize("key", ["$s", "sid", "$i", "$m"])
def test_reserved_keys_are_refused(pack, key):
    task = {"id": "T", "title": "x", "department": "minzheng", "activities": ["visit"],
            "start": "2026-12-01", key: 1}
    with pytest.raises(InputError, match="unknown field"):
        validate_task(task, pack)


def test_facts_hold_only_our_fields(pack):
    task = validate_task({"id": "T", "title": "x", "department": "minzheng", "activities": ["visit"],
                          "start": "2026-12-01"}, pack)
    from datetime import date

    fact = task_fact(task, date(2026, 11, 25))
    assert set(fact) == set(TASK_FIELDS) | {"stage", "activities__n"}
    assert not any(k.startswith("$") or k in ("id", "sid") for k in fact)


def test_every_element_of_an_empty_list_is_vacuously_true():
    # durable_rules' $iall does not match an empty list; the compiler adds a count test
    # for lists that may be empty (a level's powers), not for a task's activities
    field = tree.Test(EVENT_FIELDS["assigned_powers"], "excludes", ("enforce",))
    engine = Engine({"e": {"r": {"all": [{"m": to_durable(field, "grading")}]}}}, namespace="empty")
    assert engine.fire("e", {"assigned_powers": [], "assigned_powers__n": 0}) == ["r"]
    assert engine.fire("e", {"assigned_powers": ["visit"], "assigned_powers__n": 1}) == ["r"]
    assert engine.fire("e", {"assigned_powers": ["enforce"], "assigned_powers__n": 1}) == []
    assert "$or" not in str(to_durable(tree.Test(TASK_FIELDS["activities"], "all_in", ("visit",)), "admission"))


def test_a_wide_fan_out_compiles_in_bounded_time():
    """More than 512 distinct conditions under one node hangs durable_rules forever;
    the compiler splits partitions.  Run in a subprocess so a hang cannot hang the suite."""
    script = textwrap.dedent(
        """
        from gridrules.engine.capacity import MAX_RULES_PER_RULESET
        from gridrules.engine.adapter import Engine
        rules = {f"r{i}": {"all": [{"m": {"$and": [{"department": "d"}, {"start": i}]}}]}
                 for i in range(MAX_RULES_PER_RULESET)}
        engine = Engine({"wide": rules}, namespace="wide")
        assert engine.fire("wide", {"department": "d", "start": 7}) == ["r7"]
        print("ok")
        """
    )
    done = subprocess.run([sys.executable, "-P", "-c", script], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "ok", done.stderr



def test_a_sporadic_refusal_to_create_a_ruleset_is_retried(monkeypatch):
    """durable_rules sometimes refuses a ruleset in a fresh process (error 102) that it
    accepts on the next try; the adapter retries, and gives up with our error."""
    import gridrules.engine.adapter as adapter

    real = adapter._core.create_ruleset
    calls = []

    def flaky(name, text):
        calls.append(name)
        if len(calls) == 1:
            raise adapter._core.error("Could not create ruleset, error code: 102")
        return real(name, text)

    monkeypatch.setattr(adapter._core, "create_ruleset", flaky)
    engine = Engine({"t": RULES}, namespace="flaky")
    assert engine.stats["create_retries"] == 1
    assert engine.fire("t", {"n": 101, "a": 0, "b": 0}) == ["big"]

    def refuses(name, text):
        raise adapter._core.error("Could not create ruleset, error code: 102")

    monkeypatch.setattr(adapter._core, "create_ruleset", refuses)
    monkeypatch.setattr(adapter.time, "sleep", lambda seconds: None)  # the last attempts wait a second
    with pytest.raises(EngineError, match="refused ruleset t 5 times"):
        Engine({"t": RULES}, namespace="refused")


# --- remembered answers -------------------------------------------------------------
TYPED = {
    "flag": {"all": [{"m": {"a": 1}}]},
    "big": {"all": [{"m": {"$gt": {"n": 100}}}]},
    "has_x": {"all": [{"m": {"$iany": {"tags": {"$i": "x"}}}}]},
}
LOOKALIKES = [  # equal (or hash-equal) in Python, not necessarily to the engine
    {"a": 1, "n": 99, "tags": ["x"]},
    {"a": True, "n": 99, "tags": ["x"]},
    {"a": 1.0, "n": 99.0, "tags": ["y"]},
    {"a": 1, "n": "99", "tags": ["x"]},
    {"a": 0, "n": 101, "tags": []},
    {"a": False, "n": 101, "tags": ["x", "y"]},
]


def test_remembered_answers_are_the_engines_answers_for_lookalike_values():
    scalars = {k: v for k, v in TYPED.items() if k != "has_x"}  # keys without a list
    rulesets = {"r": TYPED, "s": scalars}
    remembering = Engine(rulesets, namespace="remember")
    asking = Engine(rulesets, namespace="ask", cache_size=0)
    for _ in range(3):  # the second and third rounds are answered from memory
        for fact in LOOKALIKES:
            for ruleset in rulesets:
                assert remembering.fire(ruleset, fact) == asking.fire(ruleset, fact), (ruleset, fact)
    assert remembering.stats["remembered"] == 2 * 2 * len(LOOKALIKES)
    assert asking.stats["remembered"] == 0 and asking.stats["asked"] == 3 * 2 * len(LOOKALIKES)


def test_a_ruleset_whose_facts_rarely_repeat_stops_being_remembered(monkeypatch):
    from gridrules.engine import adapter as engine_module

    monkeypatch.setattr(engine_module, "PROBE", 20)
    # n compared with another field: every value is its own answer class
    e = Engine({"r": {**TYPED, "above": {"all": [{"m": {"$gt": {"n": {"$m": "a"}}}}]}}}, namespace="rare")
    for n in range(40):
        e.fire("r", {"a": 0, "n": n, "tags": []})
    assert "r" not in e._answers and e.stats["asked"] == 40
    e.fire("r", {"a": 0, "n": 0, "tags": []})  # a repeat, now asked again
    assert e.stats["asked"] == 41


def test_forgetting_keeps_remembering():
    e = Engine({"r": TYPED}, namespace="forget")
    fact = {"a": 1, "n": 1, "tags": []}
    e.fire("r", fact)
    e.forget()
    e.fire("r", fact)
    e.fire("r", fact)
    assert e.stats == {"asked": 2, "remembered": 1, "create_retries": 0}


def test_remembered_answers_are_bounded_per_ruleset_and_in_all():
    e = Engine({"r": TYPED, "s": TYPED}, namespace="bounded", cache_size=50, total_size=80)
    for n in range(300):  # distinct exact values; n > 100 and n <= 100 are two answer classes
        for name in ("r", "s"):
            e.fire(name, {"a": n % 3, "n": n, "tags": ["x"] if n % 2 else []})
        assert all(len(t) <= 50 for t in e._answers.values()) and sum(map(len, e._answers.values())) <= 80
    assert e._held == sum(map(len, e._answers.values()))


def test_a_new_pack_version_registers_only_the_rulesets_it_changed(pack_copy):
    """A process reloading after every change leaked every ruleset of every version
    (about 2.8 MB a reload, and the core's handles run out at 131,072)."""
    from gridrules import Checker
    from gridrules.engine.loading import load_pack

    before = Checker(load_pack(pack_copy)).engine.rulesets.handles
    items = pack_copy / "admission/items.yaml"
    items.write_text(items.read_text(encoding="utf-8").replace("hours_per_month: 3\n", "hours_per_month: 4\n", 1),
                     encoding="utf-8")
    after = Checker(load_pack(pack_copy)).engine.rulesets.handles
    changed = sorted(name for name in after if after[name] != before.get(name))
    assert len(changed) < len(after) // 4 and len(after) > 10
    assert set(after) == set(before)


def test_rulesets_made_on_use_are_registered_when_first_asked_and_answer_alike():
    """The core keeps about a megabyte a ruleset whatever its size, so a caller asking few of a
    large pack's rulesets (lint) registers each only when it is first asked."""
    from gridrules.engine.adapter import Rulesets

    rules = {"t": RULES, "u": {"small": {"all": [{"m": {"$lt": {"n": 0}}}]}}}
    lazy = Engine(Rulesets(rules, "on-use", on_use=True))
    assert lazy.rulesets.handles == {}
    assert lazy.fire("t", {"n": 101, "a": 1, "b": 0}) == Engine(rules, "eager").fire("t", {"n": 101, "a": 1, "b": 0})
    assert set(lazy.rulesets.handles) == {"t"}
    assert lazy.fire("u", {"n": -1}) == ["small"] and set(lazy.rulesets.handles) == {"t", "u"}


def test_a_ruleset_made_on_use_that_the_core_refuses_is_our_error_when_asked(monkeypatch):
    import gridrules.engine.adapter as adapter

    def refuses(name, text):
        raise adapter._core.error("Could not create ruleset, error code: 102")

    lazy = Engine(adapter.Rulesets({"t": RULES}, "refused-later", on_use=True))  # nothing registered yet
    monkeypatch.setattr(adapter._core, "create_ruleset", refuses)
    monkeypatch.setattr(adapter.time, "sleep", lambda seconds: None)
    with pytest.raises(EngineError, match="refused ruleset t 5 times"):
        lazy.fire("t", {"n": 1, "a": 0, "b": 0})
