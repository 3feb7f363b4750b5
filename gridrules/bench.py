"""``gridrules bench``: how fast the checker decides, measured, with its conditions.

Inputs are a representative mix generated from the pack's own vocabulary
(every verdict, level, whistle kind and most flags occur), deterministic for a
seed.  Measured in one process, one core:

* load and compile: reading and validating the pack, compiling it, creating the
  durable_rules rulesets (a fresh engine, not the shared one);
* single: one library call per decision, each timed (p50/p90/p99);
* batch: ``check_tasks``/``route_events`` over the whole list;
* bare engine: the same durable_rules calls the decisions made (recorded with
  the answer cache off), replayed straight into durable_rules' C core -- so
  "our overhead" is everything else a decision costs;
* memory: peak RSS, and optionally RSS drift over a long run.

Machines here are shared and noisy: compare ratios within one run.
"""

from __future__ import annotations

import gc
import os
import platform
import random
import resource
import time
from datetime import datetime, timedelta, timezone
from importlib import metadata
from typing import Any, Callable

from gridrules.decide.checker import Checker
from gridrules.engine.loading import load_pack
from gridrules.pack.pack import Pack
from gridrules.engine.adapter import replay_bare, replay_through_host

BEIJING = timezone(timedelta(hours=8))
BENCH_AT = datetime(2026, 11, 25, 10, 0, tzinfo=BEIJING)


# --- a representative mix ------------------------------------------------------------


def sample_tasks(pack: Pack, n: int, seed: int = 7) -> list[dict]:
    """Tasks over the pack's vocabulary: departments and towns, listed work and work no
    item covers, forbidden activities, every role, named items and approvals (known and
    unknown, right and wrong town), workloads on both sides of the capacity."""
    rng = random.Random(seed)
    activities = sorted(pack.ids("activity"))
    grid_acts = sorted(pack.activities)
    departments = sorted(pack.departments)
    towns = sorted(pack.towns)
    towns_with_approvals = sorted({a.town for a in pack.approvals}) or towns
    refs = [a.ref for a in pack.approvals] + ["XX-0000-00"]
    items = sorted(pack.items_by_id)
    out = []
    for i in range(n):
        by_town = rng.random() < 0.2
        town = rng.choice(towns_with_approvals if rng.random() < 0.6 else towns)
        acts = rng.sample(grid_acts if rng.random() < 0.85 else activities, rng.randint(1, 3))
        task: dict[str, Any] = {
            "id": f"T-{i}",
            "title": "t",
            "department": town if by_town else rng.choice(departments),
            "activities": acts,
            "start": f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "assignee": rng.choice(["full_time", "full_time", "part_time", "grid_leader", "grid_instructor"]),
            "status": rng.choice(["proposed", "assigned"]),
            "channel": rng.choice(["unified_dispatch", "direct"]),
        }
        if by_town:
            task |= {"issued_by": "town", "town": town}
        elif pack.items and rng.random() < 0.4:
            # listed work: one of an item's owners asking for some of its activities
            item = rng.choice(pack.items)
            task |= {"department": rng.choice(item.owners),
                     "activities": rng.sample(item.activities, rng.randint(1, len(item.activities)))}
        if by_town and pack.approvals and rng.random() < 0.4:
            # a town's phased work under one of its 专题研究 approvals (mostly within it)
            approval = rng.choice(pack.approvals)
            span = max(0, (approval.to - approval.from_).days)
            start = approval.from_ + timedelta(days=rng.randint(0, span))
            task |= {"department": approval.town, "town": approval.town, "temporary_approval": approval.ref,
                     "activities": rng.sample(approval.activities, rng.randint(1, len(approval.activities))),
                     "start": start.isoformat()}
        elif rng.random() < 0.3:
            task["temporary_approval"] = rng.choice(refs)
        if rng.random() < 0.2 and items:
            task["list_item"] = rng.choice(items)
        if rng.random() < 0.4:
            task["hours_per_month"] = rng.choice([0, 3, 68, 69, 100])
        out.append(task)
    return out


def sample_events(pack: Pack, n: int, seed: int = 11) -> list[dict]:
    """Events of every type, registered and unregistered grids, mostly small matters
    with every threshold crossed now and then, history, assignments, and reports
    across the calendar year (and into the uncovered next year)."""
    rng = random.Random(seed)
    grids = sorted(pack.grids)
    some_grids = rng.sample(grids, min(len(grids), 500)) + ["unregistered-01"]
    towns = sorted(pack.towns)
    levels = [lv.id for lv in pack.levels]
    types = sorted(pack.event_types)
    # lower default levels are the common cases: weight grid 8, community 8, town 4, district 1
    by_level = {0: 8, 1: 8, 2: 4}
    type_weights = [by_level.get(pack.level_rank[pack.event_types[t].level], 1) for t in types]
    out = []
    for i in range(n):
        reported = datetime(2026, 1, 1, tzinfo=BEIJING) + timedelta(minutes=rng.randint(0, 525_000))
        event: dict[str, Any] = {
            "id": f"E-{i}",
            "type": rng.choices(types, type_weights)[0],
            "reported_at": reported.isoformat(),
            "grid": rng.choice(some_grids),
            # mostly small matters (网格办小事), every threshold still crossed now and then
            "people_involved": rng.choices([0, 1, 2, 3, 9, 10, 49, 50], [20, 30, 25, 10, 5, 5, 3, 2])[0],
            "reporters": rng.choices([1, 2, 4, 5], [70, 15, 8, 7])[0],
            "recurrences_30d": rng.choices([0, 1, 2, 3], [70, 15, 8, 7])[0],
            "life_threat": rng.random() < 0.03,
            "needs_enforcement": rng.random() < 0.1,
            "spans": rng.choices(["none", "grids", "communities", "towns"], [80, 10, 7, 3])[0],
        }
        if event["grid"] == "unregistered-01":
            event["town"] = rng.choice(towns)
        if rng.random() < 0.3:
            event["history"] = [{"level": rng.choice(levels), "outcome": rng.choice(["unresolved", "overdue", "resolved"]),
                                 "at": (reported + timedelta(hours=2)).isoformat()}]
        if rng.random() < 0.3:
            event["assigned_to"] = rng.choice(levels)
        out.append(event)
    return out


# --- measuring -------------------------------------------------------------------------


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    def at(q: float) -> float:
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1e3  # ms
    return {"p50_ms": round(at(0.50), 4), "p90_ms": round(at(0.90), 4), "p99_ms": round(at(0.99), 4),
            "max_ms": round(ordered[-1] * 1e3, 4)}


def _timed_each(fn: Callable[[Any], Any], items: list) -> dict[str, Any]:
    samples = []
    clock = time.perf_counter
    start = clock()
    for item in items:
        t0 = clock()
        fn(item)
        samples.append(clock() - t0)
    total = clock() - start
    return {"decisions": len(items), "per_second": round(len(items) / total), **_percentiles(samples)}


def _timed_stream(stream: Callable[[list], Any], items: list) -> dict[str, Any]:
    """A batch consumed as a caller streams it (each decision used, then dropped)."""
    start = time.perf_counter()
    count = 0
    for _decision in stream(items):
        count += 1
    total = time.perf_counter() - start
    return {"decisions": count, "per_second": round(count / total)}


def _bare_replay(checker: Checker, tasks: list, events: list) -> dict[str, Any]:
    """Time the decisions with the answer cache off, then the same durable_rules calls alone."""
    engine = checker.engine
    recorded: list[tuple[int, str]] = []
    original_ask = engine._ask

    def recording_ask(ruleset: str, body: str) -> list[str]:
        recorded.append((engine._handles[ruleset], body))
        return original_ask(ruleset, body)

    saved_cache = engine.cache_size
    engine.cache_size = 0
    engine.forget()
    engine._ask = recording_ask  # type: ignore[method-assign]
    try:
        start = time.perf_counter()
        for t in tasks:
            checker.check_task(t, at=BENCH_AT)
        for e in events:
            checker.route_event(e)
        decided = time.perf_counter() - start
    finally:
        engine._ask = original_ask  # type: ignore[method-assign]
        engine.cache_size = saved_cache
    # replay: the same assert / action drain / retract, nothing else
    bare = replay_bare(recorded)
    names = {handle: name for name, handle in engine._handles.items()}
    host = replay_through_host({names[h]: checker.compiled.rulesets[names[h]] for h, _ in recorded},
                               [(names[h], body) for h, body in recorded])
    count = len(tasks) + len(events)
    return {
        "decisions": count,
        "engine_calls": len(recorded),
        "engine_calls_per_decision": round(len(recorded) / count, 2),
        "decision_us_no_cache": round(decided / count * 1e6, 2),
        "bare_engine_us": round(bare / count * 1e6, 2),
        "overhead_us": round((decided - bare) / count * 1e6, 2),
        "overhead_ratio": round((decided - bare) / bare, 2) if bare else None,
        # the same calls through durable_rules' documented Python API (durable.engine.Host,
        # with actions collecting rule names): what a straightforward integration pays
        "host_api_us": round(host / count * 1e6, 2),
        "overhead_vs_host_api": round((decided - bare) / host, 2) if host else None,
    }


def cpu_model() -> str:
    """The processor's model name (Linux /proc/cpuinfo), else what platform says."""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or ""


def conditions(pack: Pack, checker: Checker) -> dict[str, Any]:
    return {
        "cpu": cpu_model(),
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "durable_rules": metadata.version("durable-rules"),
        "gridrules": metadata.version("gridrules"),
        "pack": {"name": pack.info.name, "version": pack.info.version, "digest": pack.info.digest},
        "pack_size": {
            "items": len(pack.items), "temporary_approvals": len(pack.approvals),
            "event_types": len(pack.event_types), "towns": len(pack.towns),
            "communities": len(pack.communities), "grids": len(pack.grids),
            "departments": len(pack.departments),
        },
        "rules": {"distinct": len(checker.compiled.rules), "compiled": checker.compiled.rule_count(),
                  "rulesets": len(checker.compiled.rulesets)},
    }


def run(pack_dir: str | None = None, n: int = 20_000, seed: int = 7, memory_run: int = 0,
        progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Run the benchmark; the result's keys are stable (see README)."""
    say = progress or (lambda _msg: None)
    gc.collect()
    rss_start = _rss_mb()
    t0 = time.perf_counter()
    pack = load_pack(pack_dir)
    t1 = time.perf_counter()
    checker = Checker(pack, share_engine=False)
    t2 = time.perf_counter()
    say(f"loaded {pack.info.name} {pack.info.version} in {t1 - t0:.3f}s, compiled in {t2 - t1:.3f}s")
    # Each phase gets its own inputs, drawn from the same distribution: a phase run on
    # inputs an earlier phase already decided would find every answer remembered.
    def inputs(offset: int) -> tuple[list, list]:
        return sample_tasks(pack, n, seed + offset), sample_events(pack, n, seed + offset + 1)

    warm_tasks, warm_events = inputs(100)
    for t in warm_tasks[: min(2000, n)]:  # warm up: caches, calendar, allocator
        checker.check_task(t, at=BENCH_AT)
    for e in warm_events[: min(2000, n)]:
        checker.route_event(e)
    tasks, events = inputs(0)
    result: dict[str, Any] = {
        "conditions": conditions(pack, checker) | {"n": n, "seed": seed, "answer_cache": checker.engine.cache_size,
                                                   "date": datetime.now(BEIJING).isoformat(timespec="seconds")},
        "load_compile_s": {"load": round(t1 - t0, 4), "compile": round(t2 - t1, 4), "total": round(t2 - t0, 4)},
    }
    say("single calls …")
    result["single"] = {
        "check_task": _timed_each(lambda t: checker.check_task(t, at=BENCH_AT), tasks),
        "route_event": _timed_each(checker.route_event, events),
    }
    mix_tasks, mix_events = inputs(10)
    mixed = [("t", t) for t in mix_tasks] + [("e", e) for e in mix_events]
    random.Random(seed).shuffle(mixed)
    result["single"]["mixed"] = _timed_each(
        lambda x: checker.check_task(x[1], at=BENCH_AT) if x[0] == "t" else checker.route_event(x[1]), mixed)
    say("batches …")
    batch_tasks, batch_events = inputs(20)
    result["batch"] = {
        "check_tasks": _timed_stream(lambda xs: checker.check_tasks(xs, at=BENCH_AT), batch_tasks),
        "route_events": _timed_stream(checker.route_events, batch_events),
    }
    stats = dict(checker.engine.stats)
    result["answer_cache"] = {"asked": stats["asked"], "remembered": stats["remembered"],
                              "hit_rate": round(stats["remembered"] / max(1, stats["asked"] + stats["remembered"]), 3)}
    say("bare durable_rules calls …")
    sample = min(n, 5000)
    bare_tasks, bare_events = inputs(30)
    result["engine"] = _bare_replay(checker, bare_tasks[:sample], bare_events[:sample])
    if memory_run:
        say(f"memory over {memory_run:,} decisions …")
        result["memory_run"] = _memory_run(checker, pack, memory_run, seed)
    result["memory_mb"] = {"start_rss": round(rss_start, 1), "end_rss": round(_rss_mb(), 1), "peak_rss": round(_peak_mb(), 1)}
    return result


def _memory_run(checker: Checker, pack: Pack, total: int, seed: int) -> dict[str, Any]:
    """RSS before and after ``total`` decisions on fresh inputs, after a warm-up as long
    as the run (at most 100,000), so the bounded caches fill and turn over as they would
    in service."""
    chunk = 10_000
    counter = iter(range(10**9))

    def decide(count: int) -> None:
        while count > 0:
            k = next(counter)
            for t, e in zip(sample_tasks(pack, chunk // 2, seed + 1000 + k), sample_events(pack, chunk // 2, seed + 5000 + k)):
                checker.check_task(t, at=BENCH_AT)
                checker.route_event(e)
            count -= chunk

    decide(min(total, 100_000))
    gc.collect()
    before = _rss_mb()
    samples = []
    step = max(chunk, total // 10)
    done = 0
    while done < total:
        decide(step)
        done += step
        samples.append(round(_rss_mb(), 1))
    gc.collect()
    after = _rss_mb()
    return {"decisions": done, "rss_before_mb": round(before, 1), "rss_after_mb": round(after, 1),
            "drift_mb": round(after - before, 1), "samples_mb": samples}
