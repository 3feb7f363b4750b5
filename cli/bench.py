"""``gridrules bench``: decisions per second, latency, load time and memory, with conditions."""

from __future__ import annotations

import click

from gridrules.bench import run

from .common import emit_json, format_option, pack_option


def _row(name: str, x: dict) -> str:
    return f"  {name:14}{x['per_second']:>12,}{x['p50_ms']:>10.3f}{x['p90_ms']:>10.3f}{x['p99_ms']:>10.3f}"


def _render(r: dict) -> str:
    c = r["conditions"]
    s, b, e, rep, ref = r["single"], r["batch"], r["engine"], r["repeated"], r["reference"]
    size = c["pack_size"]
    lines = [
        f"gridrules {c['gridrules']} bench — {c['pack']['name']} {c['pack']['version']} ({c['pack']['digest'][:19]}…)",
        f"machine: {c['cpu']}, {c['cores']} cores; Python {c['python']}; durable_rules {c['durable_rules']}",
        f"pack: {size['items']} items, {size['temporary_approvals']} approvals, {size['event_types']} event types, "
        f"{size['towns']} towns, {size['grids']} grids; {c['rules']['distinct']} rules "
        f"({c['rules']['compiled']} compiled in {c['rules']['rulesets']} rulesets)",
        f"inputs: {c['n']:,} {c['inputs']} tasks and events per phase (every field random, seed {c['seed']}); "
        f"answer cache {c['answer_cache']:,} per ruleset",
        "",
        f"load + compile: {r['load_compile_s']['total']:.3f} s (load {r['load_compile_s']['load']:.3f}, "
        f"compile {r['load_compile_s']['compile']:.3f}; CPU time {r['load_compile_s']['cpu']:.3f} s)",
        "",
        f"{'':16}{'per second':>12}{'p50 ms':>10}{'p90 ms':>10}{'p99 ms':>10}",
        "distinct inputs",
        *[_row(name, s[name]) for name in ("check_task", "route_event", "mixed")],
        f"  {'check_tasks':14}{b['check_tasks']['per_second']:>12,}   (batch)",
        f"  {'route_events':14}{b['route_events']['per_second']:>12,}   (batch)",
        "repeated inputs (one moment, few values; what a cache-friendly stream sees)",
        *[_row(name, rep[name]) for name in ("check_task", "route_event")],
        "reference: bare durable_rules classifying the distinct inputs (no caches, validation or texts)",
        *[f"  {name:14}{ref[name]['per_second']:>12,}   ({ref[name]['engine_calls'] / ref[name]['decisions']:.2f} calls each)"
          for name in ("check_task", "route_event")],
        "",
        f"answer cache (distinct single calls): {r['answer_cache']['hit_rate']:.0%} of engine questions already answered",
        f"engine (cache off): {e['engine_calls_per_decision']} durable_rules calls per decision; "
        f"{e['decision_us_no_cache']} µs per decision, of which bare durable_rules {e['bare_engine_us']} µs; "
        f"our overhead {e['overhead_us']} µs = {e['overhead_ratio']}× the bare calls; the same calls through "
        f"durable_rules' Host API would take {e['host_api_us']} µs (our overhead = {e['overhead_vs_host_api']}× that)",
        f"memory: peak RSS {r['memory_mb']['peak_rss']} MB",
    ]
    if "memory_run" in r:
        m = r["memory_run"]
        lines.append(f"memory over {m['decisions']:,} distinct decisions: {m['rss_before_mb']} → {m['rss_after_mb']} MB "
                     f"(drift {m['drift_mb']:+} MB)")
    return "\n".join(lines)


@click.command("bench")
@pack_option
@click.option("--n", "n", type=click.IntRange(100, 10_000_000), default=20_000, show_default=True,
              help="Tasks and events each.")
@click.option("--seed", type=int, default=7, show_default=True)
@click.option("--memory-run", type=click.IntRange(0, 100_000_000), default=0,
              help="Also measure RSS drift over this many decisions (e.g. 1000000).")
@format_option()
def bench(pack_dir: str | None, n: int, seed: int, memory_run: int, fmt: str) -> int:
    """Measure check_task and route_event on distinct random inputs, beside repeated ones (one process, one core)."""
    progress = None if fmt == "json" else (lambda msg: click.echo(msg, err=True))
    result = run(pack_dir, n=n, seed=seed, memory_run=memory_run, progress=progress)
    if fmt == "json":
        emit_json(result)
    else:
        click.echo(_render(result))
    return 0


COMMANDS = [bench]
