"""Hostile-but-legal pack sizes: memory and time of validate, lint and approve.

    python benchmarks/pack_scale.py [--items 10000] [--registry-mb 50] [--owners spread,one]
        [--approvals 3] [--seed 1] [--against OTHER_PYTHON] [--limit-mb 3000] [--timeout 900]

Writes into a temporary folder copies of the bundled pack made large with
SYNTHETIC data (every generated file says so in a comment), seeded:

* ``items``: the admission list grown to ``--items`` items, copies of the bundled
  items' shapes with new codes, names and owners -- ``spread`` over the bundled
  departments, or ``one``: all owned by one department (the worst case for
  overlaps and per-department workload totals);
* ``registry``: the grid registry grown to about ``--registry-mb`` MB of
  communities and grids in the bundled towns.

and measures, each command in a fresh process (``os.wait4`` gives the child's
peak RSS and CPU time): ``gridrules validate`` and ``gridrules lint`` on each,
and ``gridrules admission approve`` on the large list: the first approval (it
writes the history's genesis), then ``--approvals`` more (the steady state).
``--against`` runs every command also with another interpreter that has another
gridrules installed (e.g. a venv of an older commit), alternating with this one on
its own copy of the same pack: before/after in one run.  Its commands get an
address-space limit (``--limit-mb``) and every command a ``--timeout``, so an old
version that needs gigabytes fails instead of starving a shared machine.
CPU time is the figure to compare on a loaded machine; the wall time is given beside it.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from gridrules.pack.loader import bundled_root, pack_files

MARK = "# 合成数据（基准测试用，非真实清单/台账）: SYNTHETIC data for benchmarks, not a real list or registry.\n"


def copy_bundled(root: Path) -> None:
    for rel, data in pack_files(bundled_root()):
        if rel == "history.yaml":
            continue  # the pack is changed by hand here: its history starts at the first approval
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def grow_items(root: Path, total: int, one_owner: bool, seed: int = 1) -> None:
    path = root / "admission/items.yaml"
    text = path.read_text(encoding="utf-8")
    blocks = re.findall(r"(?ms)^  - id: L\d+\n.*?(?=^  - id: |\Z)", text)
    rng = random.Random(seed)
    owners = sorted({o for b in blocks for o in re.findall(r"owners: \[([^\]]*)\]", b)[0].split(", ")})
    extra = []
    for n in range(len(blocks) + 1, total + 1):
        block = rng.choice(blocks).rstrip("\n") + "\n"
        block = re.sub(r"id: L\d+", f"id: L{n:02d}", block, count=1)
        block = re.sub(r"name: (.*)", lambda m: f"name: {m.group(1)}（合成{n}）", block, count=1)
        owner = owners[0] if one_owner else rng.choice(owners)
        block = re.sub(r"owners: \[[^\]]*\]", f"owners: [{owner}]", block, count=1)
        block = re.sub(r"training: \{owner: \w+\}", f"training: {{owner: {owner}}}", block, count=1)
        extra.append(block)
    path.write_text(text.rstrip("\n") + "\n\n" + MARK + "\n".join(extra), encoding="utf-8")


def grow_registry(root: Path, megabytes: float) -> None:
    path = root / "organization/registry.yaml"
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\n" + MARK
    towns = re.findall(r"^\s+town: (\S+)", text, re.M)
    lines, size, n = [], len(text.encode()), 0
    while size < megabytes * 1024 * 1024:
        n += 1
        town = towns[n % len(towns)]
        block = [f"  - id: syn-{n:06d}", f"    name: 合成{n}社区", f"    town: {town}", "    grids:"]
        block += [f"      - {{id: syn-{n:06d}-{g:02d}, name: 合成{n}社区{g:02d}网格, kind: urban}}" for g in range(1, 7)]
        chunk = "\n".join(block) + "\n"
        lines.append(chunk)
        size += len(chunk.encode())
    path.write_text(text + "".join(lines), encoding="utf-8")


def measured(python: str, *args: str, limit_mb: int | None = None, timeout: float = 900) -> dict:
    """Exit code, wall and CPU seconds, peak RSS (MB) and the output's tail of one command
    in a fresh process."""
    def limit() -> None:
        if limit_mb:
            resource.setrlimit(resource.RLIMIT_AS, (limit_mb * 1024 * 1024, limit_mb * 1024 * 1024))

    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        child = subprocess.Popen([python, "-P", "-m", "gridrules.cli.main", *args], stdout=out, stderr=err,
                                 preexec_fn=limit, cwd=tempfile.gettempdir())
        timer = threading.Timer(timeout, child.kill)
        timer.start()
        _, status, usage = os.wait4(child.pid, 0)
        timer.cancel()
        wall = time.perf_counter() - start
        err.seek(0)
        out.seek(0)
        tail = (err.read() or out.read()).decode("utf-8", "replace")[-300:]
    code = os.waitstatus_to_exitcode(status)
    return {"exit": code, "wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "peak": usage.ru_maxrss / 1024,
            "tail": tail, "killed": code < 0 or (limit_mb is not None and "MemoryError" in tail)}


APPLICATION = {
    "id": "APP-SCALE-{n}", "applicant": "canlian", "item": "残疾人需求入户核查（合成{n}）", "duty": "D03",
    "activities": ["visit", "collect_info", "report"], "frequency": "每季度", "hours_per_month": 0.5,
    "subsidy": 40, "training": {"owner": "canlian", "plan": "岗前培训"}, "start": "2027-03-01",
    "content": "入户核查残疾人基本服务状况和需求", "basis": "残疾人保障法", "categories": [],
}


def approve(python: str, root: Path, n: int, folder: Path, **limits) -> dict:
    app = {k: (v.format(n=n) if isinstance(v, str) else v) for k, v in APPLICATION.items()}
    path = folder / f"app-{n}.json"
    path.write_text(json.dumps(app, ensure_ascii=False), encoding="utf-8")
    return measured(python, "admission", "approve", str(path), "--pack", str(root), "--session", "2026-5",
                    "--date", "2026-11-20", "--override", "基准测试", "--format", "json", **limits)


def _row(label: str, runs: dict[str, dict]) -> str:
    def cell(run: dict) -> str:
        if run["exit"] == 2:  # bad input: the figure would time a refusal, not the command
            raise SystemExit(f"{label}: refused as bad input: {run['tail']}")
        if run["killed"]:
            return f"stopped (exit {run['exit']}) at {run['cpu']:.1f} s CPU, {run['peak']:,.0f} MB"
        return f"{run['cpu']:.1f} / {run['wall']:.1f} / {run['peak']:,.0f} (exit {run['exit']})"
    cells = [cell(runs[name]) for name in runs]
    if len(runs) == 2:
        this, other = runs["this"], runs["against"]
        if not this["killed"] and not other["killed"]:
            cells.append(f"CPU {other['cpu'] / this['cpu']:.1f}x, RSS {other['peak'] / this['peak']:.1f}x")
        else:
            cells.append("")
    return f"| {label} | " + " | ".join(cells) + " |"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--registry-mb", type=float, default=50.0)
    parser.add_argument("--owners", default="spread,one", help="which item packs: spread, one or both")
    parser.add_argument("--approvals", type=int, default=3, help="approvals after the first (the steady state)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", choices=["items", "registry"], default=None)
    parser.add_argument("--against", default=None, help="another python with another gridrules installed")
    parser.add_argument("--limit-mb", type=int, default=3000, help="address-space limit of --against's commands")
    parser.add_argument("--timeout", type=float, default=900, help="seconds before a command is killed")
    args = parser.parse_args(argv)
    pythons = {"this": (sys.executable, {"timeout": args.timeout})}
    if args.against:
        pythons["against"] = (args.against, {"timeout": args.timeout, "limit_mb": args.limit_mb})
    header = "| run | " + " | ".join(f"{name}: CPU s / wall s / peak RSS MB" for name in pythons)
    print(header + (" | against / this |" if args.against else " |"))
    print("|---" * (len(pythons) + 1 + bool(args.against)) + "|", flush=True)

    def each(label: str, run) -> None:
        runs = {}
        for name, (python, limits) in pythons.items():
            runs[name] = run(name, python, limits)
        print(_row(label, runs), flush=True)

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if args.only in (None, "items"):
            for owners in args.owners.split(","):
                label = f"{args.items:,} items, " + ("one department owns all" if owners == "one" else "spread over departments")
                roots = {}
                for name in pythons:
                    roots[name] = folder / f"items-{owners}-{name}"
                    copy_bundled(roots[name])
                    grow_items(roots[name], args.items, owners == "one", args.seed)
                each(f"validate, {label}", lambda name, py, lim: measured(py, "validate", str(roots[name]), **lim))
                each(f"lint, {label}", lambda name, py, lim: measured(py, "lint", str(roots[name]), **lim))
                each(f"approve #1 (writes the genesis), {label}",
                     lambda name, py, lim: approve(py, roots[name], 1, folder, **lim))
                for n in range(2, args.approvals + 2):
                    each(f"approve #{n}, {label}", lambda name, py, lim: approve(py, roots[name], n, folder, **lim))
        if args.only in (None, "registry"):
            roots = {}
            for name in pythons:
                roots[name] = folder / f"registry-{name}"
                copy_bundled(roots[name])
                grow_registry(roots[name], args.registry_mb)
            size = (roots["this"] / "organization/registry.yaml").stat().st_size / 1024 / 1024
            each(f"validate, registry {size:.0f} MB", lambda name, py, lim: measured(py, "validate", str(roots[name]), **lim))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
