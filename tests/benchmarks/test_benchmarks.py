"""benchmarks/: the province-scale pack generator, the no-engine baseline, the zen-engine graph.

* The generated province pack loads (``load_pack``) and compiles into a Checker
  within a time limit -- in a subprocess with a timeout, because durable_rules
  can hang forever while compiling (durable_rules.md, trap 4) --, has the
  promised sizes, and decides a few hundred generated tasks and events.
* The baseline and (when zen-engine is installed) the zen graph decide exactly
  as gridrules does on a few hundred generated inputs of the bundled pack,
  including edge-case variations; and the comparison's check does catch a
  wrong answer.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml

from gridrules import Checker, load_pack
from gridrules.bench import BENCH_AT, sample_events, sample_tasks
from gridrules.pack.loader import bundled_root, pack_files

ROOT = Path(__file__).resolve().parents[2]
sys.path.append(str(ROOT))  # for `benchmarks`; an installed gridrules must win over the source tree

from benchmarks import baseline, compare, province_pack  # noqa: E402

try:
    import zen  # noqa: F401

    from benchmarks.zen_routing import ZenRouting
    ZEN = None
except ImportError as exc:  # CI installs only .[test]
    ZEN = f"zen-engine is not installed ({exc}); pip install '.[bench]' to run the zen-engine comparison"

COMPILE_TIMEOUT_S = 120  # loading takes 9-20 s on the shared 2-core machine; a hanging compile must not hang the suite
MINIMUM = {"towns": 1000, "communities": 4000, "grids": 20000, "departments": 40, "items": 2000,
           "temporary_approvals": 500, "event_types": 200}


@pytest.fixture(scope="module")
def province(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("province")
    province_pack.write_pack(out, seed=3)
    return out


def _load_and_compile(pack_dir: Path) -> dict:
    script = textwrap.dedent(
        """
        import json, sys, time
        from gridrules import Checker, load_pack
        t0 = time.perf_counter()
        pack = load_pack(sys.argv[1])
        t1 = time.perf_counter()
        out = {"load_s": round(t1 - t0, 2), "sizes": {
            "towns": len(pack.towns), "communities": len(pack.communities), "grids": len(pack.grids),
            "departments": len(pack.departments), "items": len(pack.items),
            "temporary_approvals": len(pack.approvals), "event_types": len(pack.event_types)}}
        try:
            checker = Checker(pack, share_engine=False)
            out["compile_s"] = round(time.perf_counter() - t1, 2)
            out["rules"] = checker.compiled.rule_count()
            out["decided"] = checker.route_event({"id": "E", "type": "MD02", "grid": "tangxiang-heping-01",
                                                  "reported_at": "2026-11-25T09:30:00+08:00"}).level
        except Exception as exc:
            out["compile_error"] = f"{type(exc).__name__}: {exc}"
            print(json.dumps(out))
            sys.exit(0)
        # and it decides: a few hundred generated tasks and events, none refused by the engine
        from gridrules.bench import BENCH_AT, sample_events, sample_tasks
        failures = []
        for task in sample_tasks(pack, 300, seed=5):
            try:
                checker.check_task(task, at=BENCH_AT)
            except Exception as exc:
                failures.append((task, f"{type(exc).__name__}: {exc}"))
        for event in sample_events(pack, 300, seed=6):
            try:
                checker.route_event(event)
            except Exception as exc:
                failures.append((event, f"{type(exc).__name__}: {exc}"))
        out["decision_failures"] = len(failures)
        out["first_failure"] = failures[0] if failures else None
        print(json.dumps(out, ensure_ascii=False))
        """
    )
    try:
        done = subprocess.run([sys.executable, "-P", "-c", script, str(pack_dir)], capture_output=True, text=True,
                              timeout=COMPILE_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        pytest.fail(f"loading and compiling the province pack did not finish in {COMPILE_TIMEOUT_S} s "
                    "(durable_rules hangs when a node fans out to more than 512 conditions)")
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_province_pack_loads_and_compiles_within_the_time_limit(province):
    found = _load_and_compile(province)
    for name, least in MINIMUM.items():
        assert found["sizes"][name] >= least, (name, found["sizes"])
    assert "compile_error" not in found, (
        f"the generated province pack loads ({found['load_s']} s) but does not compile: {found['compile_error']}")
    assert found["decided"] == "grid"
    assert found["decision_failures"] == 0, (
        f"{found['decision_failures']} of 600 generated decisions failed; the first: {found['first_failure']}")


def test_province_pack_is_synthetic_deterministic_and_keeps_the_policy(province, tmp_path):
    bundled = dict(pack_files(bundled_root()))
    for rel, data in bundled.items():
        if rel not in province_pack.GENERATED:
            assert (province / rel).read_bytes() == data, f"{rel} should be the bundled file, unchanged"
    for rel in province_pack.GENERATED:
        head = (province / rel).read_text(encoding="utf-8")[:600]
        assert "SYNTHETIC" in head and "合成" in head, f"{rel} does not say it is generated synthetic data"
    # the same seed gives the same pack; another seed another one
    again = tmp_path / "again"
    province_pack.write_pack(again, seed=3)
    other = tmp_path / "other"
    province_pack.write_pack(other, seed=4)
    for rel in province_pack.GENERATED:
        assert (again / rel).read_bytes() == (province / rel).read_bytes(), rel
    assert (other / "organization/registry.yaml").read_bytes() != (province / "organization/registry.yaml").read_bytes()
    # approvals: at most 90 days (both ends counted), inside 2026, towns that exist (the bundled two run into 2027)
    approvals = yaml.safe_load((province / "admission/temporary.yaml").read_text(encoding="utf-8"))["approvals"]
    towns = {t["id"] for t in yaml.safe_load((province / "organization/units.yaml").read_text(encoding="utf-8"))["towns"]}
    for a in approvals[2:]:
        first, last = date.fromisoformat(str(a["from"])), date.fromisoformat(str(a["to"]))
        assert first.year == last.year == 2026 and (last - first) + timedelta(days=1) <= timedelta(days=90), a
        assert a["unit"] in towns, a
    # items: 1-3 owners, 1-4 grid activities, and a few departments owning many
    items = yaml.safe_load((province / "admission/items.yaml").read_text(encoding="utf-8"))["items"]
    generated = [i for i in items if len(i["id"]) == 5]
    assert len(generated) >= 2000
    assert all(1 <= len(i["owners"]) <= 3 and 1 <= len(i["activities"]) <= 4 for i in generated)
    owned: dict[str, int] = {}
    for i in items:
        for o in i["owners"]:
            owned[o] = owned.get(o, 0) + 1
    assert max(owned.values()) >= 300, "the skew should make some department's partition large"


# --- the three implementations decide alike (bundled pack) ---------------------------------------


@pytest.fixture(scope="module")
def bundled():
    pack = load_pack()
    return pack, Checker(pack)


def _inputs(pack):
    tasks = [(t, BENCH_AT) for t in sample_tasks(pack, 200, seed=21)] + compare.probe_tasks(pack, 200, seed=22)
    events = [(e, None) for e in sample_events(pack, 200, seed=23)] + compare.probe_events(pack, 200, seed=24)
    return tasks, events


def test_baseline_decides_like_gridrules(bundled):
    pack, checker = bundled
    tasks, events = _inputs(pack)
    verdicts = set()
    for task, at in tasks:
        ours = compare.fields_of(checker.check_task(task, at=at), compare.TASK_FIELDS)
        theirs = compare.fields_of(baseline.decide_task(pack, task, at), compare.TASK_FIELDS)
        assert theirs == ours, (task, at)
        verdicts.add(ours["verdict"])
    assert verdicts == {"admitted", "temporary", "needs_application", "forbidden"}
    levels = set()
    for event, at in events:
        ours = compare.fields_of(checker.route_event(event, at=at), compare.EVENT_FIELDS)
        theirs = compare.fields_of(baseline.route_event(pack, event, at), compare.EVENT_FIELDS)
        assert theirs == ours, (event, at)
        levels.add(ours["level"])
    assert levels == {"grid", "community", "town", "district"}


@pytest.mark.skipif(ZEN is not None, reason=ZEN or "")
def test_zen_graph_routes_like_gridrules(bundled):
    pack, checker = bundled
    router = ZenRouting(pack)
    _, events = _inputs(pack)
    whistles = set()
    for event, at in events:
        ours = compare.fields_of(checker.route_event(event, at=at), compare.EVENT_FIELDS)
        theirs = compare.fields_of(router.route_event(event, at), compare.EVENT_FIELDS)
        assert theirs == ours, (event, at)
        whistles.add((ours["whistle"] or {}).get("kind"))
    assert whistles == {None, "应急哨", "执法哨", "日常哨"}


def test_the_comparison_reports_a_wrong_answer(monkeypatch):
    class WrongBaseline(baseline.Baseline):
        def route_event(self, raw, at=None):
            answer = super().route_event(raw, at)
            if answer["type"] == "MD02":
                answer = dict(answer, grade="urgent")
            return answer

    monkeypatch.setattr(compare, "Baseline", WrongBaseline)
    result, code = compare.compare(None, n=60, rounds=1, probes=60, seed=7, compile_timeout=60, say=lambda _m: None)
    assert code == 1
    assert result["disagreements"] and all(d["kind"] == "events" and d["input"]["type"] == "MD02"
                                           for d in result["disagreements"])
    assert all(d["answers"]["baseline"]["grade"] == "urgent" for d in result["disagreements"])


def test_compare_runs_from_the_command_line():
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "compare.py"), "--n", "150", "--rounds", "1",
                           "--probes", "150", "--format", "json"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    result = json.loads(done.stdout)
    assert result["checked"]["disagreements"] == 0
    # the distinct and the repeated inputs of the first round, then the probes
    assert result["checked"]["tasks"] == 450 and result["checked"]["events"] == 450
    for label in ("distinct", "repeated"):
        for key in ("gridrules.check_task", "gridrules.route_event", "baseline.decide_task", "baseline.route_event",
                    "durable_rules.bare.check_task", "durable_rules.bare.route_event"):
            assert result["timings"][label][key]["per_second"] > 0 and result["timings"][label][key]["per_cpu_second"] > 0
        assert result["ratios"][label]["gridrules_routing_vs_bare_durable_rules"] > 0
    # distinct inputs include malformed ones, refused alike by every implementation
    assert result["timings"]["distinct"]["gridrules.check_task"]["errors"] > 0
    assert result["timings"]["repeated"]["gridrules.check_task"]["errors"] == 0
    assert {"cpu", "cores", "python", "versions", "pack", "pack_size"} <= set(result["conditions"])
    if ZEN is None:  # zen-engine installed
        assert result["ratios"]["distinct"]["gridrules_routing_vs_zen"] > 0


def test_gc_pauses_runs_with_and_without_freeze():
    for extra in ([], ["--freeze"]):
        done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "gc_pauses.py"), "--rounds", "2", "--n", "200",
                               "--format", "json", *extra], capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr[-2000:]
        result = json.loads(done.stdout)
        assert result["freeze"] == bool(extra) and len(result["us_per_event"]) == 2
        assert all(us > 0 for us in result["us_per_event"])


@pytest.mark.parametrize("kind", ["tasks", "events"])
def test_the_instruction_count_childs_decide_what_they_are_asked(kind):
    """What ``decision_instructions.py`` runs under Valgrind decides (the counting itself needs
    valgrind and minutes: run by hand, figures in RESULTS.md)."""
    done = subprocess.run([sys.executable, "-P", str(ROOT / "benchmarks" / "decision_instructions.py"),
                           "--child", kind, "20"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    refused = subprocess.run([sys.executable, "-P", str(ROOT / "benchmarks" / "decision_instructions.py"), "--child",
                              "nothing", "1"], capture_output=True, text=True, timeout=300)
    assert refused.returncode != 0


def test_the_assess_instruction_count_child_assesses_what_it_is_given(tmp_path):
    """What ``assess_instructions.py`` runs under Valgrind assesses both files it is given, and
    cuts the measured records from the front of the file (the counting itself needs valgrind
    and minutes: run by hand, figures in RESULTS.md)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import assess_instructions
    finally:
        sys.path.pop(0)
    source = tmp_path / "records.jsonl"
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "province_records.py"), "--records", "60",
                           "--seed", "3", "--out", str(source)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    lines = source.read_bytes().splitlines(keepends=True)
    warm, measured, n = assess_instructions.slices(str(source), 20, 30, str(tmp_path))
    assert n == 20 and Path(measured).read_bytes() == b"".join(lines[:20])
    assert Path(warm).read_bytes() == b"".join(lines[20:50])
    ran = subprocess.run([sys.executable, "-P", str(ROOT / "benchmarks" / "assess_instructions.py"), "--child",
                          warm, measured], capture_output=True, text=True, timeout=300)
    assert ran.returncode == 0, ran.stderr[-2000:]
    missing = subprocess.run([sys.executable, "-P", str(ROOT / "benchmarks" / "assess_instructions.py"), "--child",
                              str(tmp_path / "absent.jsonl")], capture_output=True, text=True, timeout=300)
    assert missing.returncode != 0
