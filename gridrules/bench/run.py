"""``gridrules bench``: how fast the checker decides, measured, with its conditions.

Inputs are DISTINCT by default (``random_inputs``: every field drawn at random, ids,
dates over two years, the moment ``at``, counts, history; ~3 % malformed, refused
as a caller's bad input would be), so the answer caches earn only what the rules
let them share.  Measured in one process, one core:

* load and compile: reading and validating the pack, compiling it, creating the
  durable_rules rulesets (a fresh engine, not the shared one);
* single: one library call per decision, each timed (p50/p90/p99), distinct inputs;
* repeated: the same calls on the repeated-input mix (``samples``: one moment, few
  values), labelled as such -- what a cache-friendly stream would see;
* batch: ``check_tasks``/``route_events`` over distinct inputs;
* reference: the bare durable_rules classification of the same distinct inputs --
  the C-core calls those decisions make with the answer cache off, replayed alone
  (no caches, no validation, no texts);
* engine: those decisions with the cache off against the bare calls ("our overhead");
* memory: peak RSS, and optionally RSS drift over a long run of distinct decisions.

Machines here are shared and noisy: compare ratios within one run.
"""

from __future__ import annotations

import gc
import os
import platform
import random
import resource
import time
from contextlib import contextmanager
from datetime import datetime
from functools import partial
from importlib import metadata
from typing import Any, Callable, Iterator

from gridrules import catalogue
from gridrules.bench.random_inputs import random_events, random_tasks
from gridrules.bench.samples import BEIJING, BENCH_AT, sample_events, sample_tasks
from gridrules.decide.checker import Checker
from gridrules.engine.adapter import replay_bare, replay_through_host
from gridrules.engine.loading import load_pack
from gridrules.errors import InputError
from gridrules.pack.pack import Pack


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


def _quiet(decide: Callable[..., Any], doc: Any, at: datetime | None) -> Any:
    """One decision; a malformed input's ``InputError`` is its answer (as for a caller)."""
    try:
        return decide(doc, at=at)
    except InputError as exc:
        return exc


def _timed_each(decide: Callable[..., Any], items: list[tuple[Any, datetime | None]]) -> dict[str, Any]:
    samples = []
    clock = time.perf_counter
    start = clock()
    for doc, at in items:
        t0 = clock()
        _quiet(decide, doc, at)
        samples.append(clock() - t0)
    total = clock() - start
    return {"decisions": len(items), "per_second": round(len(items) / total), **_percentiles(samples)}


def _timed_stream(batches: list[Callable[[], Iterator[Any]]]) -> dict[str, Any]:
    """Batches consumed as a caller streams them (each decision used, then dropped)."""
    start = time.perf_counter()
    count = 0
    for stream in batches:
        for _decision in stream():
            count += 1
    total = time.perf_counter() - start
    return {"decisions": count, "per_second": round(count / total)}


@contextmanager
def engine_calls(checker: Checker) -> Iterator[list[tuple[int, str]]]:
    """With the answer cache off, the durable_rules calls the checker's decisions make,
    as ``(ruleset handle, fact JSON)``: what the bare C core is asked to classify."""
    engine = checker.engine
    recorded: list[tuple[int, str]] = []
    original_ask = engine._ask

    def recording_ask(ruleset: str, body: str) -> list[str]:
        recorded.append((engine.rulesets.handle(ruleset), body))
        return original_ask(ruleset, body)

    saved_cache = engine.cache_size
    engine.cache_size = 0
    engine._ask = recording_ask  # type: ignore[method-assign]
    try:
        yield recorded
    finally:
        engine._ask = original_ask  # type: ignore[method-assign]
        engine.cache_size = saved_cache


def _bare_replay(checker: Checker, tasks: list, events: list) -> dict[str, Any]:
    """Time the decisions with the answer cache off, then the same durable_rules calls alone."""
    engine = checker.engine
    with engine_calls(checker) as recorded:
        start = time.perf_counter()
        for t, at in tasks:
            _quiet(checker.check_task, t, at)
        for e, at in events:
            _quiet(checker.route_event, e, at)
        decided = time.perf_counter() - start
    # replay: the same assert / action drain / retract, nothing else
    bare = replay_bare(recorded)
    names = {handle: name for name, handle in engine.rulesets.handles.items()}  # every ruleset asked is registered
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


def _reference(checker: Checker, kind: str, items: list[tuple[Any, datetime | None]]) -> dict[str, Any]:
    """The bare durable_rules classification of ``items``: the C-core calls their
    decisions make with the answer cache off, replayed alone."""
    decide = checker.check_task if kind == "tasks" else checker.route_event
    with engine_calls(checker) as recorded:
        for doc, at in items:
            _quiet(decide, doc, at)
    seconds = replay_bare(recorded)
    return {"decisions": len(items), "engine_calls": len(recorded), "per_second": round(len(items) / seconds)}


def run(pack_dir: str | None = None, n: int = 20_000, seed: int = 7, memory_run: int = 0,
        progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Run the benchmark; the result's keys are stable (see README)."""
    say = progress or (lambda _msg: None)
    gc.collect()
    rss_start = _rss_mb()
    t0, cpu0 = time.perf_counter(), time.process_time()
    pack = load_pack(pack_dir)
    t1 = time.perf_counter()
    checker = Checker(pack, share_engine=False)
    t2, cpu2 = time.perf_counter(), time.process_time()
    say(catalogue.t("cmd.bench.loaded", pack=pack.info.name, version=pack.info.version, load=f"{t1 - t0:.3f}",
                    compile=f"{t2 - t1:.3f}"))

    # Each phase gets its own distinct inputs: a phase run on inputs an earlier phase
    # already decided would find every answer remembered.
    def inputs(offset: int, count: int = n) -> tuple[list, list]:
        return random_tasks(pack, count, seed + offset), random_events(pack, count, seed + offset + 1)

    warm_tasks, warm_events = inputs(100, min(2000, n))
    for t, at in warm_tasks:  # warm up: caches, calendar, allocator
        _quiet(checker.check_task, t, at)
    for e, at in warm_events:
        _quiet(checker.route_event, e, at)
    tasks, events = inputs(0)
    result: dict[str, Any] = {
        "conditions": conditions(pack, checker) | {"n": n, "seed": seed, "answer_cache": checker.engine.cache_size,
                                                   "inputs": "distinct",
                                                   "date": datetime.now(BEIJING).isoformat(timespec="seconds")},
        "load_compile_s": {"load": round(t1 - t0, 4), "compile": round(t2 - t1, 4), "total": round(t2 - t0, 4),
                           "cpu": round(cpu2 - cpu0, 4)},  # CPU time of the total: steadier on a shared machine
    }
    say(catalogue.t("cmd.bench.phase_single"))
    before = dict(checker.engine.stats)
    result["single"] = {"check_task": _timed_each(checker.check_task, tasks),
                        "route_event": _timed_each(checker.route_event, events)}
    mix_tasks, mix_events = inputs(10)
    mixed = [("t", *t) for t in mix_tasks] + [("e", *e) for e in mix_events]
    random.Random(seed).shuffle(mixed)
    result["single"]["mixed"] = _timed_each(
        lambda x, at: checker.check_task(x[1], at=x[2]) if x[0] == "t" else checker.route_event(x[1], at=x[2]),
        [(x, None) for x in mixed])
    stats = checker.engine.stats
    asked, remembered = stats["asked"] - before["asked"], stats["remembered"] - before["remembered"]
    result["answer_cache"] = {"asked": asked, "remembered": remembered,
                              "hit_rate": round(remembered / max(1, asked + remembered), 3)}
    say(catalogue.t("cmd.bench.phase_batch"))
    batch_tasks, batch_events = inputs(20)
    by_moment: dict[datetime, list] = {}
    for t, at in batch_tasks:  # the batch API takes one moment per call (a malformed one refuses the call)
        if at.tzinfo is not None:
            by_moment.setdefault(at, []).append(t)
    result["batch"] = {
        "check_tasks": _timed_stream([partial(checker.check_tasks, xs, at=at) for at, xs in by_moment.items()]),
        "route_events": _timed_stream([partial(checker.route_events, [e for e, _ in batch_events])]),
    }
    say(catalogue.t("cmd.bench.phase_repeated"))
    result["repeated"] = {
        "check_task": _timed_each(checker.check_task, [(t, BENCH_AT) for t in sample_tasks(pack, n, seed + 40)]),
        "route_event": _timed_each(checker.route_event, [(e, None) for e in sample_events(pack, n, seed + 41)]),
    }
    say(catalogue.t("cmd.bench.phase_bare"))
    sample = min(n, 5000)
    result["reference"] = {"check_task": _reference(checker, "tasks", tasks[:sample]),
                           "route_event": _reference(checker, "events", events[:sample])}
    bare_tasks, bare_events = inputs(30, sample)
    result["engine"] = _bare_replay(checker, bare_tasks, bare_events)
    if memory_run:
        say(catalogue.t("cmd.bench.phase_memory", decisions=f"{memory_run:,}"))
        result["memory_run"] = _memory_run(checker, pack, memory_run, seed)
    result["memory_mb"] = {"start_rss": round(rss_start, 1), "end_rss": round(_rss_mb(), 1), "peak_rss": round(_peak_mb(), 1)}
    return result


def _memory_run(checker: Checker, pack: Pack, total: int, seed: int) -> dict[str, Any]:
    """RSS before and after ``total`` decisions on distinct inputs, after a warm-up as
    long as the run (at most 100,000), so the bounded caches fill and turn over as they
    would in service."""
    chunk = 10_000
    counter = iter(range(10**9))

    def decide(count: int) -> None:
        while count > 0:
            k = next(counter)
            for (t, t_at), (e, e_at) in zip(random_tasks(pack, chunk // 2, seed + 1000 + k),
                                            random_events(pack, chunk // 2, seed + 5000 + k)):
                _quiet(checker.check_task, t, t_at)
                _quiet(checker.route_event, e, e_at)
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
