"""gridrules against the no-engine baseline and a zen-engine graph: one run, same inputs.

    python benchmarks/compare.py [--pack DIR] [--n N] [--rounds R] [--probes N]
                                 [--format text|json] [--seed S] [--compile-timeout SECONDS]

Measures, on the SAME inputs in one process -- DISTINCT random inputs by default
(``gridrules.bench.random_inputs``: every field drawn at random, ``at`` over two
years, ~3 % malformed), and beside them, labelled "repeated", the cache-friendly mix
(``gridrules.bench.sample_tasks`` / ``sample_events``: one moment, few values):

  (a) gridrules: ``Checker.check_task`` and ``Checker.route_event``, one call per decision;
  (b) the plain-Python baseline (``benchmarks/baseline.py``): tasks and events;
  (c) zen-engine (``benchmarks/zen_routing.py``): events (routing) only.

Every implementation starts from the raw input dict and validates it with
``gridrules.inputs`` (the same code for all three), so the figures are whole
decisions.  Also shown, for scale: that validation alone, and one bare zen
``evaluate`` on a prepared context (the graph without our pre/post-processing).

A reference line, ``durable_rules.bare``: the C-core calls gridrules' decisions of
the same inputs make with its answer cache off, replayed alone (no caches, no
validation, no texts): what the bare engine's classification costs.

Each implementation runs ``--rounds`` times, each round over fresh inputs of the
same distribution (shared by all implementations), in rotating order;
decisions/s is the median round (wall clock; CPU time beside it), p50/p99 are over
every timed call.  Then the
answers are CHECKED: every decision field of the contract, for every timed
input and for ``--probes`` extra inputs (untimed; the sample inputs varied to
reach edge cases: other ``--at`` moments, end dates, named items, given grades,
late-December and UTC reports, unregistered grids).  Every disagreement is
listed with its input and each answer; the exit code is 1 if there is any, 2 if
an implementation could not be built (e.g. the pack does not compile), else 0.

The machine is shared and noisy: compare the ratios within one run, not
absolute figures across runs.
"""

from __future__ import annotations

import argparse
import faulthandler
import gc
import json
import os
import platform
import random
import statistics
import sys
import time
from datetime import date, datetime, timedelta, timezone
from importlib import metadata
from pathlib import Path
from typing import Any, Callable

sys.path.append(str(Path(__file__).resolve().parent.parent))  # after site-packages: an installed gridrules wins over the source tree

from gridrules.bench import BENCH_AT, cpu_model, engine_calls, sample_events, sample_tasks  # noqa: E402
from gridrules.bench.random_inputs import random_events, random_tasks  # noqa: E402
from gridrules.engine.adapter import replay_bare  # noqa: E402
from gridrules.decide.inputs import validate_event, validate_task  # noqa: E402
from gridrules.errors import InputError  # noqa: E402
from gridrules.pack.loader import load_pack  # noqa: E402

from benchmarks.baseline import Baseline  # noqa: E402

TASK_FIELDS = ("verdict", "list_item", "duty", "temporary_approval", "valid_until", "responsible_level", "flags")
EVENT_FIELDS = ("grade", "level", "handler", "departments", "direct_report", "whistle", "deadlines", "escalated", "flags")
BEIJING = timezone(timedelta(hours=8))


# --- answers in one shape --------------------------------------------------------------


def plain(value: Any) -> Any:
    """Dates and datetimes as ISO text, recursively (how the contract's JSON writes them)."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def fields_of(answer: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    if hasattr(answer, "model_dump"):
        answer = answer.model_dump(mode="json")
    answer = plain(answer)
    return {f: answer[f] for f in fields}


def outcome(fn: Callable[[], Any], fields: tuple[str, ...]) -> dict[str, Any]:
    try:
        return fields_of(fn(), fields)
    except Exception as exc:  # an implementation refusing an input is an answer too
        return {"error": f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"}


# --- timing ------------------------------------------------------------------------------


def percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)

    def at(q: float) -> float:
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1e3

    return {"p50_ms": round(at(0.50), 4), "p99_ms": round(at(0.99), 4)}


def run_timed(jobs: dict[str, tuple[Callable[[Any, Any], Any], list[list]]], rounds: int) -> dict:
    """Time every job ``rounds`` times, each round over that round's own inputs (the
    same for every implementation), rotating the order of the jobs each round.  An
    input is a pair (document, at); a job is called as ``fn(document, at)``.

    Each round draws fresh inputs from the same distribution: replaying the inputs
    of an earlier round would let gridrules answer from memory what it had just
    decided (it remembers engine answers and reasons; the others remember nothing).

    Answers are dropped as a caller would drop them (keeping tens of thousands of
    decisions alive would make the garbage collector's full passes -- and so the
    timings -- depend on which job happened to trigger them); they are checked
    afterwards, untimed.
    """
    clock, cpu = time.perf_counter, time.process_time
    samples: dict[str, list[float]] = {k: [] for k in jobs}
    totals: dict[str, list[float]] = {k: [] for k in jobs}
    cpu_totals: dict[str, list[float]] = {k: [] for k in jobs}
    errors: dict[str, int] = {}
    names = list(jobs)
    for r in range(rounds):
        order = names[r % len(names):] + names[:r % len(names)]
        for name in order:
            fn, per_round = jobs[name]
            items = per_round[r]
            mine = samples[name]
            failed = 0
            gc.collect()
            start, start_cpu = clock(), cpu()
            for doc, at in items:
                t0 = clock()
                try:
                    fn(doc, at)
                except Exception:  # counted here; the check below shows each with its input
                    failed += 1
                mine.append(clock() - t0)
            cpu_totals[name].append((cpu() - start_cpu) / len(items))
            totals[name].append((clock() - start) / len(items))
            errors[name] = failed
    stats = {}
    for name, (_fn, per_round) in jobs.items():
        median = statistics.median(totals[name])  # seconds per decision, the median round
        stats[name] = {"decisions": len(per_round[0]), "per_second": round(1 / median),
                       "per_cpu_second": round(1 / max(1e-9, statistics.median(cpu_totals[name]))),
                       "us_per_decision": round(median * 1e6, 2), **percentiles(samples[name]),
                       "errors": errors[name]}
    return stats


# --- probe inputs: the samples, varied to reach edge cases ----------------------------------


def probe_tasks(pack, n: int, seed: int) -> list[tuple[dict, datetime]]:
    rng = random.Random(seed)
    moments = [datetime(2025, 6, 1, 9, tzinfo=BEIJING), datetime(2026, 5, 25, 9, tzinfo=BEIJING),
               datetime(2026, 11, 12, 9, tzinfo=BEIJING), datetime(2027, 3, 1, 9, tzinfo=BEIJING), BENCH_AT]
    items = sorted(pack.items_by_id)
    towns = sorted(pack.towns)
    out = []
    for task in sample_tasks(pack, n, seed):
        if rng.random() < 0.4:
            start = date.fromisoformat(task["start"])
            task["end"] = (start + timedelta(days=rng.choice([0, 10, 60, 200, 400]))).isoformat()
        if rng.random() < 0.3 and items:
            task["list_item"] = rng.choice(items)
        if rng.random() < 0.3 and task.get("issued_by") != "town":
            task["town"] = rng.choice(towns)
        out.append((task, rng.choice(moments)))
    return out


def probe_events(pack, n: int, seed: int) -> list[tuple[dict, datetime | None]]:
    rng = random.Random(seed)
    grades = [g.id for g in pack.grades]
    communities = sorted(pack.communities)
    out = []
    for event in sample_events(pack, n, seed):
        if rng.random() < 0.2:
            event["grade"] = rng.choice(grades)
        if rng.random() < 0.1:  # deadlines running into a year the calendar does not cover
            event["reported_at"] = f"2026-12-{rng.randint(20, 31)}T{rng.randint(0, 23):02d}:15:00+08:00"
            event.pop("history", None)
        if rng.random() < 0.1:  # the same clock time written in UTC
            event["reported_at"] = event["reported_at"][:19] + "+00:00"
            event.pop("history", None)
        if event["grid"] == "unregistered-01" and rng.random() < 0.3 and communities:
            community = rng.choice(communities)
            event["community"], event["town"] = community, pack.communities[community].town
        if rng.random() < 0.05:
            event["grid"] = "unregistered-02"
            event.pop("town", None)
        at = None
        if rng.random() < 0.3:
            at = datetime.fromisoformat(event["reported_at"]) + timedelta(hours=rng.choice([1, 3, 30, 100, 400]))
        out.append((event, at))
    return out


# --- conditions ------------------------------------------------------------------------------


def _version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def conditions(pack, checker) -> dict[str, Any]:
    out = {
        "cpu": cpu_model(), "cores": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
        "versions": {name: _version(name) for name in ("gridrules", "durable-rules", "zen-engine", "pydantic", "PyYAML")},
        "pack": {"name": pack.info.name, "version": pack.info.version, "digest": pack.info.digest, "root": pack.root},
        "pack_size": {"towns": len(pack.towns), "communities": len(pack.communities), "grids": len(pack.grids),
                      "departments": len(pack.departments), "items": len(pack.items),
                      "temporary_approvals": len(pack.approvals), "event_types": len(pack.event_types)},
        "date": datetime.now(BEIJING).isoformat(timespec="seconds"),
    }
    if checker is not None:
        out["rules"] = {"compiled": checker.compiled.rule_count(), "rulesets": len(checker.compiled.rulesets)}
    return out


# --- the run ------------------------------------------------------------------------------------


def _jobs(pack, checker, recorder, base, zen, round_inputs: list[tuple[list, list]]) -> dict[str, tuple[Callable, list[list]]]:
    """Every timed job over one kind of input (a list of (tasks, events) per round).
    ``recorder``: a second Checker of the pack whose engine calls are recorded for the
    reference line (deciding the inputs with ``checker`` itself would warm its memos)."""
    all_tasks = [t for t, _ in round_inputs]
    all_events = [e for _, e in round_inputs]
    jobs: dict[str, tuple[Callable[[Any, Any], Any], list[list]]] = {}
    if checker is not None:
        jobs["gridrules.check_task"] = (lambda t, at: checker.check_task(t, at=at), all_tasks)
        jobs["gridrules.route_event"] = (lambda e, at: checker.route_event(e, at=at), all_events)
    jobs["baseline.decide_task"] = (base.decide_task, all_tasks)
    jobs["baseline.route_event"] = (base.route_event, all_events)
    jobs["validation_only.task"] = (lambda t, _at: validate_task(t, pack), all_tasks)
    jobs["validation_only.event"] = (lambda e, _at: validate_event(e, pack), all_events)
    if zen is not None:
        jobs["zen.route_event"] = (zen.route_event, all_events)
        contexts = []
        for round_events in all_events:
            valid = []
            for e, at in round_events:
                try:
                    event = validate_event(e, pack)
                except InputError:
                    continue  # a malformed input never reaches the graph
                valid.append((zen.context(event, event.reported_at), None))
            contexts.append(valid)
        jobs["zen.evaluate_only"] = (lambda context, _at: zen.evaluate(context), contexts)
    if recorder is not None:  # the reference: bare durable_rules classifying the same inputs
        for kind, decide, per_round in (("check_task", recorder.check_task, all_tasks),
                                        ("route_event", recorder.route_event, all_events)):
            calls = []
            for items in per_round:
                recorded_round = []
                with engine_calls(recorder) as recorded:
                    for doc, at in items:
                        first = len(recorded)
                        outcome(lambda: decide(doc, at=at), ())
                        recorded_round.append((recorded[first:], None))
                calls.append(recorded_round)
            jobs[f"durable_rules.bare.{kind}"] = (lambda made, _at: replay_bare(made), calls)
    warm = 500
    for fn, per_round in jobs.values():
        for doc, at in per_round[-1][:warm]:
            try:
                fn(doc, at)
            except Exception:
                pass  # counted and shown by the timed runs and the check
    return jobs


def _ratios(stats: dict, measure: str = "per_second") -> dict[str, float | None]:
    def ratio(a: str, b: str) -> float | None:
        if a in stats and b in stats:
            return round(stats[a][measure] / stats[b][measure], 3)
        return None

    return {
        "gridrules_routing_vs_zen": ratio("gridrules.route_event", "zen.route_event"),
        "gridrules_routing_vs_zen_evaluate_only": ratio("gridrules.route_event", "zen.evaluate_only"),
        "gridrules_tasks_vs_baseline": ratio("gridrules.check_task", "baseline.decide_task"),
        "gridrules_routing_vs_baseline": ratio("gridrules.route_event", "baseline.route_event"),
        "zen_routing_vs_baseline": ratio("zen.route_event", "baseline.route_event"),
        "gridrules_routing_vs_bare_durable_rules": ratio("gridrules.route_event", "durable_rules.bare.route_event"),
        "gridrules_tasks_vs_bare_durable_rules": ratio("gridrules.check_task", "durable_rules.bare.check_task"),
    }


def compare(pack_dir: str | None, n: int, rounds: int, probes: int, seed: int, compile_timeout: float,
            say: Callable[[str], None], with_repeated: bool = True) -> tuple[dict[str, Any], int]:
    result: dict[str, Any] = {"setup_s": {}, "errors": {}}
    t0 = time.perf_counter()
    pack = load_pack(pack_dir)
    result["setup_s"]["load_pack"] = round(time.perf_counter() - t0, 3)
    say(f"loaded {pack.info.name} in {result['setup_s']['load_pack']}s")

    checker = recorder = None
    say(f"compiling for gridrules (a watchdog ends the run after {compile_timeout:g}s: durable_rules can hang)")
    faulthandler.dump_traceback_later(compile_timeout, exit=True)
    try:
        from gridrules import Checker

        t0 = time.perf_counter()
        checker = Checker(pack, share_engine=False)
        result["setup_s"]["gridrules_checker"] = round(time.perf_counter() - t0, 3)
        recorder = Checker(pack, share_engine=False)  # its own rulesets: the reference's calls
    except Exception as exc:
        result["errors"]["gridrules"] = f"{type(exc).__name__}: {exc}"
    finally:
        faulthandler.cancel_dump_traceback_later()

    t0 = time.perf_counter()
    base = Baseline(pack)
    result["setup_s"]["baseline"] = round(time.perf_counter() - t0, 3)

    zen = None
    try:
        from benchmarks.zen_routing import ZenRouting

        t0 = time.perf_counter()
        zen = ZenRouting(pack)
        result["setup_s"]["zen_graph"] = round(time.perf_counter() - t0, 3)
    except ImportError as exc:
        result["errors"]["zen"] = f"zen-engine not importable ({exc}); pip install 'gridrules[bench]'"
    result["conditions"] = conditions(pack, checker) | {"n": n, "rounds": rounds, "seed": seed}

    # one input set per round and kind (same distribution, its own seed), shared by all
    # jobs; the first is also what the agreement check below runs on; the last warms up
    distinct = [(random_tasks(pack, n, seed + 1000 * r), random_events(pack, n, seed + 1000 * r + 1))
                for r in range(rounds + 1)]
    repeated = [([(t, BENCH_AT) for t in sample_tasks(pack, n, seed + 1000 * r + 2)],
                 [(e, None) for e in sample_events(pack, n, seed + 1000 * r + 3)]) for r in range(rounds + 1)]
    result["timings"], result["ratios"], result["ratios_cpu"] = {}, {}, {}
    for label, round_inputs in (("distinct", distinct), ("repeated", repeated))[: 2 if with_repeated else 1]:
        say(f"{label} inputs: timing {n:,} inputs per kind x {rounds} rounds …")
        stats = run_timed(_jobs(pack, checker, recorder, base, zen, round_inputs), rounds)
        result["timings"][label] = stats
        result["ratios"][label] = _ratios(stats)
        result["ratios_cpu"][label] = _ratios(stats, "per_cpu_second")
    tasks, events = distinct[0]
    tasks = tasks + repeated[0][0]
    events = events + repeated[0][1]

    # --- checking: every timed input, then the probes ---------------------------------------
    say("checking the answers …")
    disagreements: list[dict[str, Any]] = []
    checked = {"tasks": 0, "events": 0}

    def check(kind: str, item: Any, at: Any, answers_by: dict[str, dict]) -> None:
        checked[kind] += 1
        named = list(answers_by)
        first = answers_by[named[0]]
        if all(answers_by[k] == first for k in named[1:]):
            return
        fields = sorted({f for a in answers_by.values() for f in a
                         if len({json.dumps(b.get(f), sort_keys=True, ensure_ascii=False) for b in answers_by.values()}) > 1})
        disagreements.append({"kind": kind, "input": item, "at": plain(at), "fields": fields,
                              "answers": {k: {f: a.get(f) for f in fields} for k, a in answers_by.items()}})

    def task_answers(t: dict, at: datetime) -> dict[str, dict]:
        out: dict[str, dict] = {}
        if checker is not None:
            out["gridrules"] = outcome(lambda: checker.check_task(t, at=at), TASK_FIELDS)
        out["baseline"] = outcome(lambda: base.decide_task(t, at), TASK_FIELDS)
        return out

    def event_answers(e: dict, at: datetime | None) -> dict[str, dict]:
        out: dict[str, dict] = {}
        if checker is not None:
            out["gridrules"] = outcome(lambda: checker.route_event(e, at=at), EVENT_FIELDS)
        out["baseline"] = outcome(lambda: base.route_event(e, at), EVENT_FIELDS)
        if zen is not None:
            out["zen"] = outcome(lambda: zen.route_event(e, at), EVENT_FIELDS)
        return out

    for t, at in tasks:
        check("tasks", t, at, task_answers(t, at))
    for e, at in events:
        check("events", e, at, event_answers(e, at))
    for t, at in probe_tasks(pack, probes, seed + 100):
        check("tasks", t, at, task_answers(t, at))
    for e, at in probe_events(pack, probes, seed + 101):
        check("events", e, at, event_answers(e, at))
    result["checked"] = {"tasks": checked["tasks"], "events": checked["events"],
                         "implementations": {"tasks": ["gridrules", "baseline"] if checker else ["baseline"],
                                             "events": [k for k, ok in (("gridrules", checker), ("baseline", True), ("zen", zen)) if ok]},
                         "disagreements": len(disagreements)}
    result["disagreements"] = disagreements
    if result["errors"].get("gridrules"):
        code = 2
    elif disagreements:
        code = 1
    else:
        code = 0
    return result, code


# --- output -----------------------------------------------------------------------------------------


def render_text(r: dict[str, Any]) -> str:
    c = r["conditions"]
    lines = ["gridrules vs plain-Python baseline vs zen-engine (one run, same inputs), with bare durable_rules "
             "classifying the same inputs as a reference (durable_rules.bare: engine calls only)", ""]
    lines.append(f"machine   {c['cpu']}, {c['cores']} cores, Python {c['python']}, {c['platform']}")
    lines.append("versions  " + ", ".join(f"{k} {v}" for k, v in c["versions"].items() if v))
    p, s = c["pack"], c["pack_size"]
    lines.append(f"pack      {p['name']} {p['version']} {p['digest'][:19]}… ({p['root']})")
    lines.append("size      " + ", ".join(f"{v:,} {k}" for k, v in s.items())
                 + (f"; {c['rules']['compiled']:,} compiled rules in {c['rules']['rulesets']} rulesets" if "rules" in c else ""))
    lines.append(f"run       n={c['n']:,} inputs per kind, {c['rounds']} rounds, seed {c['seed']}, {c['date']}")
    lines.append("setup     " + ", ".join(f"{k} {v}s" for k, v in r["setup_s"].items()))
    for who, err in r["errors"].items():
        lines.append(f"{'ERROR' if who == 'gridrules' else 'SKIPPED':10}{who}: {err}")
    for label, timings in r["timings"].items():
        lines += ["", f"{label.upper()} INPUTS" + ("" if label == "distinct" else
                                                    " (one moment, few values: what answer caches thrive on)"),
                  f"{'':32}{'decisions/s':>12}{'per CPU s':>11}{'µs/decision':>13}{'p50 ms':>9}{'p99 ms':>9}{'refused':>8}"]
        for name, t in timings.items():
            lines.append(f"{name:32}{t['per_second']:>12,}{t['per_cpu_second']:>11,}{t['us_per_decision']:>13}"
                         f"{t['p50_ms']:>9}{t['p99_ms']:>9}{t['errors']:>8}")
        lines += ["", f"ratios, {label} inputs (decisions/s of the first over the second, wall clock / CPU time)"]
        for name, v in r["ratios"][label].items():
            cpu = r["ratios_cpu"][label][name]
            lines.append(f"  {name:42}{'—' if v is None else v:>8}{'—' if cpu is None else cpu:>8}")
    ch = r["checked"]
    lines += ["", f"checked   {ch['tasks']:,} tasks ({', '.join(ch['implementations']['tasks'])}) and "
                  f"{ch['events']:,} events ({', '.join(ch['implementations']['events'])}): "
                  f"{ch['disagreements']} disagreement(s)"]
    for d in r["disagreements"]:
        lines.append(f"  DISAGREE {d['kind']} at={d['at']} fields={d['fields']}")
        lines.append(f"    input: {json.dumps(d['input'], ensure_ascii=False)}")
        for who, a in d["answers"].items():
            lines.append(f"    {who:10} {json.dumps(a, ensure_ascii=False)}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="gridrules vs a plain-Python baseline vs zen-engine, same inputs.")
    parser.add_argument("--pack", default=None, help="pack folder (default: the bundled pack)")
    parser.add_argument("--n", type=int, default=10_000, help="inputs per kind (default 10,000)")
    parser.add_argument("--rounds", type=int, default=3, help="timed passes over the inputs (default 3)")
    parser.add_argument("--probes", type=int, default=3_000, help="extra, untimed inputs per kind to check (default 3,000)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--compile-timeout", type=float, default=120.0,
                        help="give up (exit) when compiling the pack for gridrules takes longer (default 120 s)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--no-repeated", action="store_true",
                        help="time distinct inputs only (not also the repeated-input mix)")
    args = parser.parse_args(argv)
    say = (lambda msg: print(msg, file=sys.stderr, flush=True))
    result, code = compare(args.pack, args.n, args.rounds, args.probes, args.seed, args.compile_timeout, say,
                           with_repeated=not args.no_repeated)
    if args.format == "json":
        print(json.dumps(result, ensure_ascii=False, indent=2, default=str))
    else:
        print(render_text(result))
    return code


if __name__ == "__main__":
    sys.exit(main())
