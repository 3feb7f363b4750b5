"""The library entry point: threads, batches, and time handling."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone

import pytest

from gridrules import Checker, InputError
from gridrules.bench import sample_events as random_events
from gridrules.bench import sample_tasks as random_tasks

CST = timezone(timedelta(hours=8))
AT = datetime(2026, 11, 25, 10, 0, tzinfo=CST)


@pytest.fixture(scope="module")
def checker(pack):
    return Checker(pack)


def test_ten_thousand_tasks_in_a_batch_decide_as_one_by_one(checker, pack):
    tasks = random_tasks(pack, 10_000)
    batch = [d.model_dump(mode="json") for d in checker.check_tasks(tasks, at=AT)]
    single = [checker.check_task(t, at=AT).model_dump(mode="json") for t in tasks]
    assert batch == single
    assert {d["verdict"] for d in batch} == {"admitted", "temporary", "needs_application", "forbidden"}


def test_ten_thousand_events_in_a_batch_decide_as_one_by_one(checker, pack):
    events = random_events(pack, 10_000)
    batch = [d.model_dump(mode="json") for d in checker.route_events(events)]
    single = [checker.route_event(e).model_dump(mode="json") for e in events]
    assert batch == single
    assert {d["level"] for d in batch} == {"grid", "community", "town", "district"}


def test_a_bad_item_in_a_batch_does_not_stop_the_rest(checker, pack):
    tasks = random_tasks(pack, 3)
    tasks.insert(1, {"id": "bad"})
    results = list(checker.check_tasks(tasks, at=AT))
    assert isinstance(results[1], InputError)
    assert [type(r).__name__ for r in results] == ["TaskDecision", "InputError", "TaskDecision", "TaskDecision"]


def test_a_shared_checker_decides_as_one_per_thread(pack):
    tasks = random_tasks(pack, 2_000, seed=3)
    events = random_events(pack, 2_000, seed=4)
    shared = Checker(pack)
    alone = Checker(pack)
    expected = [alone.check_task(t, at=AT).model_dump(mode="json") for t in tasks]
    expected_events = [alone.route_event(e).model_dump(mode="json") for e in events]
    results: dict[int, list] = {}

    def work(k: int) -> None:
        out = []
        for t, e in zip(tasks, events):
            out.append(shared.check_task(t, at=AT).model_dump(mode="json"))
            out.append(shared.route_event(e).model_dump(mode="json"))
        results[k] = out

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    interleaved = [x for pair in zip(expected, expected_events) for x in pair]
    for k in range(4):
        assert results[k] == interleaved


def test_default_at_is_now_for_tasks_and_reported_at_for_events(checker):
    task = {"id": "T", "title": "x", "department": "minzheng", "activities": ["visit"], "start": "2026-12-01"}
    before = datetime.now(CST)
    decision = checker.check_task(task)
    assert before <= decision.at <= datetime.now(CST)
    event = {"id": "E", "type": "MD02", "reported_at": "2026-11-25T09:30:00+00:00", "grid": "tangxiang-heping-01"}
    routed = checker.route_event(event)
    assert routed.at.isoformat() == "2026-11-25T09:30:00+00:00"


def test_checkers_of_one_pack_share_rulesets_but_not_answers(pack):
    one, other = Checker(pack), Checker(pack)
    assert one.engine.rulesets is other.engine.rulesets
    assert one.engine is not other.engine


def test_a_lint_run_leaves_another_checkers_answer_cache_alone(pack):
    """Lint explores every situation (facts that never repeat) through its own Checker
    in the same process; the production Checker must go on remembering its answers."""
    from gridrules.lint.explore import explore

    production = Checker(pack)
    explore(pack)
    event = {"id": "E", "type": "MD02", "reported_at": "2026-11-25T09:30:00+08:00", "grid": "tangxiang-heping-01"}
    production.route_event(event)
    asked = production.engine.stats["asked"]
    production.route_event(event)  # the same facts again: every stage answered from memory
    assert production.engine.stats["asked"] == asked


def test_at_must_carry_an_offset(checker):
    task = {"id": "T", "title": "x", "department": "minzheng", "activities": ["visit"], "start": "2026-12-01"}
    with pytest.raises(InputError, match="UTC offset"):
        checker.check_task(task, at=datetime(2026, 11, 25, 10, 0))


def test_json_dump_is_the_contract_document(checker):
    task = {"id": "T", "title": "x", "department": "minzheng", "activities": ["visit", "report"], "start": "2026-12-01"}
    doc = checker.check_task(task, at=AT).model_dump(mode="json")
    assert list(doc)[:10] == ["task", "verdict", "list_item", "duty", "temporary_approval", "valid_until",
                              "responsible_level", "flags", "reasons", "pack"]
    assert doc["pack"]["digest"] == checker.pack.digest
    assert all(set(r) == {"rule", "text", "basis"} for r in doc["reasons"])


# A batch left halfway must not lock a shared Checker.  Run in a subprocess with a
# timeout: a deadlock there would otherwise hang the suite (and, since rulesets are
# shared per pack version, every later test of this process).
_ABANDONED_BATCHES = r"""
import sys, threading
from datetime import datetime, timedelta, timezone
from gridrules import Checker, load_pack
from gridrules.bench import sample_events, sample_tasks

AT = datetime(2026, 11, 25, 10, tzinfo=timezone(timedelta(hours=8)))
pack = load_pack()
checker = Checker(pack)
tasks, events = sample_tasks(pack, 5, seed=1), sample_events(pack, 5, seed=2)
kept = []

def start_and_leave():  # reads one decision of each batch, keeps the generators, ends
    g, h = checker.check_tasks(tasks, at=AT), checker.route_events(events)
    kept.append((next(g), g))
    kept.append((next(h), h))

def run(target):
    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(20)
    if thread.is_alive():
        print("HANG", target.__name__)
        sys.stdout.flush()
        import os; os._exit(1)

run(start_and_leave)
answers = []
run(lambda: answers.append(checker.check_task(tasks[1], at=AT)))        # another thread, same Checker
run(lambda: answers.append(checker.route_event(events[1])))
run(lambda: answers.append(next(kept[0][1])))                            # the batch resumed elsewhere
run(lambda: answers.append(next(kept[1][1])))
run(lambda: answers.extend(kept[0][1]))                                   # and finished on a third thread
alone = Checker(pack, share_engine=False)
assert answers[0] == answers[2] == alone.check_task(tasks[1], at=AT), "same decision"
assert answers[1] == answers[3] == alone.route_event(events[1])
assert answers[4:] == [alone.check_task(t, at=AT) for t in tasks[2:]]
print("OK")
"""


def test_a_half_read_abandoned_or_thread_hopping_batch_never_locks_out_other_callers():
    import subprocess
    import sys

    # -P: the installed gridrules, never the source tree in the working folder (CI installs for real)
    done = subprocess.run([sys.executable, "-P", "-c", _ABANDONED_BATCHES], capture_output=True, text=True, timeout=240)
    assert done.stdout.strip().splitlines()[-1:] == ["OK"], done.stdout + done.stderr


@pytest.mark.parametrize("hours", [1e-05, 5e-324, 0.00001234, 9999.99999])
def test_hours_of_any_size_reach_the_engine_as_a_number_it_reads(checker, hours):
    """Python writes 0.00001 as 1e-05, which durable_rules refused (error 204): found by
    tests/decide/test_properties.py."""
    task = {"id": "T", "title": "x", "issued_by": "town", "town": "baoding", "department": "baoding",
            "activities": ["assist"], "start": "2000-01-01", "hours_per_month": hours}
    # in 2000 no item was in force: the workload is the task's hours alone
    decision = checker.check_task(task, at=datetime(2000, 1, 1, tzinfo=timezone.utc))
    assert decision.verdict == "needs_application"


def test_the_library_reads_a_task_loaded_by_pyyaml_and_one_written_the_chinese_way(checker):
    """Two routes to one date: PyYAML (a caller's own loading) turns ``start: 2026-12-01`` into a ``date``,
    while ``2026年12月1日`` stays a string -- both the same task, decided alike, as the ISO string is."""
    import yaml

    text = ("id: T-1\ntitle: 走访\ndepartment: 区民政局\nassignee: 专职网格员\nactivities: [入户走访]\n"
            "start: {start}\nend: {end}\n")
    at = datetime(2026, 12, 1, 10, tzinfo=timezone(timedelta(hours=8)))
    loaded = yaml.safe_load(text.format(start="2026-12-01", end="2026-12-31"))
    assert type(loaded["start"]).__name__ == "date"
    written = yaml.safe_load(text.format(start="2026年12月1日", end="２０２６年１２月３１日"))
    assert isinstance(written["start"], str)
    iso = loaded | {"start": "2026-12-01", "end": "2026-12-31"}
    expected = checker.check_task(iso, at=at)
    assert expected.verdict == "admitted"  # L13 covers visits from 2026-12-01 (rules/admission/items.yaml)
    assert checker.check_task(loaded, at=at) == expected == checker.check_task(written, at=at)
    assert checker.check_task(iso, at="2026年12月1日 10:00+08:00") == expected


@pytest.mark.parametrize("module", ["gridrules.decide.admission", "gridrules.decide.routing"])
def test_decisions_are_not_built_by_a_call_of_sixteen_keywords_or_more(module):
    """On CPython 3.11 a call passing 16 or more keywords costs ~2.5x a dict display of the same
    fields (benchmarks/RESULTS.md, the ablation map of issue 16): ~10,000 instructions a decision.
    A task and an event decision have 17 fields, so they are built from a display (``construct``)."""
    import ast
    import importlib
    import inspect

    tree = ast.parse(inspect.getsource(importlib.import_module(module)))
    wide = [(node.lineno, len(node.keywords)) for node in ast.walk(tree)
            if isinstance(node, ast.Call) and len(node.keywords) >= 16]
    assert wide == []
