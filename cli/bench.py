"""``gridrules bench``: decisions per second, latency, load time and memory, with conditions."""

from __future__ import annotations

import click

from gridrules.bench import run
from gridrules.catalogue import t
from gridrules.engine.loading import load_pack

from .columns import width
from .common import emit_json, format_option, pack_option


LABEL, NUMBER = 16, 10  # the table's columns: a row's name, then each figure (per second is wider)


def _left(text: str, size: int) -> str:
    return text + " " * (size - width(text))


def _right(text: str, size: int) -> str:
    return " " * (size - width(text)) + text


def _row(name: str, x: dict) -> str:
    figures = [_right(f"{x[f'{p}_ms']:.3f}", NUMBER) for p in ("p50", "p90", "p99")]
    return _left(f"  {name}", LABEL) + _right(f"{x['per_second']:,}", NUMBER + 2) + "".join(figures)


def _only(name: str, per_second: int, note: str) -> str:
    """A row with its rate alone, and what it is."""
    return _left(f"  {name}", LABEL) + _right(f"{per_second:,}", NUMBER + 2) + f"   {note}"


def _render(r: dict, town: str) -> str:
    """The report as text, the pack's towns counted in its word for them (``town``: UnitTree.word)."""
    c = r["conditions"]
    s, b, e, rep, ref = r["single"], r["batch"], r["engine"], r["repeated"], r["reference"]
    size, load = c["pack_size"], r["load_compile_s"]
    header = [_right(t("cmd.bench.per_second"), NUMBER + 2),
              *[_right(t("cmd.bench.ms", p=p), NUMBER) for p in ("p50", "p90", "p99")]]
    lines = [
        t("cmd.bench.title", version=c["gridrules"], pack=c["pack"]["name"], pack_version=c["pack"]["version"],
          digest=c["pack"]["digest"][:19]),
        t("cmd.bench.machine", cpu=c["cpu"], cores=c["cores"], python=c["python"], durable_rules=c["durable_rules"]),
        t("cmd.bench.pack", items=size["items"], approvals=size["temporary_approvals"], event_types=size["event_types"],
          town=town, towns=size["towns"], grids=size["grids"], distinct=c["rules"]["distinct"], compiled=c["rules"]["compiled"],
          rulesets=c["rules"]["rulesets"]),
        t("cmd.bench.inputs", n=f"{c['n']:,}", seed=c["seed"], cache=f"{c['answer_cache']:,}"),
        "",
        t("cmd.bench.load", total=f"{load['total']:.3f}", load=f"{load['load']:.3f}", compile=f"{load['compile']:.3f}",
          cpu=f"{load['cpu']:.3f}"),
        "",
        " " * LABEL + "".join(header),
        t("cmd.bench.distinct"),
        *[_row(t("cmd.bench.mixed") if name == "mixed" else name, s[name])
          for name in ("check_task", "route_event", "mixed")],
        *[_only(name, b[name]["per_second"], t("cmd.bench.batch")) for name in ("check_tasks", "route_events")],
        t("cmd.bench.repeated"),
        *[_row(name, rep[name]) for name in ("check_task", "route_event")],
        t("cmd.bench.reference"),
        *[_only(name, ref[name]["per_second"],
                t("cmd.bench.calls_each", calls=f"{ref[name]['engine_calls'] / ref[name]['decisions']:.2f}"))
          for name in ("check_task", "route_event")],
        "",
        t("cmd.bench.cache", rate=f"{r['answer_cache']['hit_rate']:.0%}"),
        t("cmd.bench.engine", calls=e["engine_calls_per_decision"], decision=e["decision_us_no_cache"],
          bare=e["bare_engine_us"], overhead=e["overhead_us"], ratio=e["overhead_ratio"], host=e["host_api_us"],
          vs_host=e["overhead_vs_host_api"]),
        t("cmd.bench.memory", peak=r["memory_mb"]["peak_rss"]),
    ]
    if "memory_run" in r:
        m = r["memory_run"]
        lines.append(t("cmd.bench.memory_run", decisions=f"{m['decisions']:,}", before=m["rss_before_mb"],
                       after=m["rss_after_mb"], drift=f"{m['drift_mb']:+}"))
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
        click.echo(_render(result, load_pack(pack_dir).tree.word("town")))  # the pack read again: after measuring
    return 0


COMMANDS = [bench]
