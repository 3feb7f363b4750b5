"""Hostile-but-legal pack sizes: memory of validate and lint, time of an approval.

    python benchmarks/pack_scale.py [--items 10000] [--registry-mb 50] [--one-owner]

Writes into a temporary folder copies of the bundled pack made large with
SYNTHETIC data (every generated file says so in a comment):

* ``items``: the admission list grown to ``--items`` items, copies of the bundled
  items' shapes with new codes, names and owners (``--one-owner``: all owned by
  one department, the worst case for per-department workload totals);
* ``registry``: the grid registry grown to about ``--registry-mb`` MB of
  communities and grids in the bundled towns.

and measures, each in a fresh process (``os.wait4`` gives the child's peak RSS):
``gridrules validate`` and ``gridrules lint`` on each, and ``gridrules admission
approve`` on the large list (after one approval, so the history's genesis
exists: the steady state).  Results print as a table for benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from gridrules.pack.loader import bundled_root, pack_files

MARK = "# 合成数据（基准测试用，非真实清单/台账）: SYNTHETIC data for benchmarks, not a real list or registry.\n"
COMMAND = [sys.executable, "-P", "-m", "gridrules.cli.main"]


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


def measured(*args: str) -> tuple[int, float, float, str]:
    """Exit code, wall seconds, peak RSS (MB) and the output's tail of one command in a fresh process."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        child = subprocess.Popen([*COMMAND, *args], stdout=out, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        err.seek(0)
        out.seek(0)
        tail = (err.read() or out.read()).decode("utf-8", "replace")[-300:]
    return os.waitstatus_to_exitcode(status), wall, usage.ru_maxrss / 1024, tail


APPLICATION = {
    "id": "APP-SCALE-{n}", "applicant": "canlian", "item": "残疾人需求入户核查（合成{n}）", "duty": "D03",
    "activities": ["visit", "collect_info", "report"], "frequency": "每季度", "hours_per_month": 0.5,
    "subsidy": 40, "training": {"owner": "canlian", "plan": "岗前培训"}, "start": "2027-03-01",
    "content": "入户核查残疾人基本服务状况和需求", "basis": "残疾人保障法", "categories": [],
}


def approve(root: Path, n: int, folder: Path) -> tuple[int, float, float, str]:
    app = {k: (v.format(n=n) if isinstance(v, str) else v) for k, v in APPLICATION.items()}
    path = folder / f"app-{n}.json"
    path.write_text(json.dumps(app, ensure_ascii=False), encoding="utf-8")
    return measured("admission", "approve", str(path), "--pack", str(root), "--session", "2026-5",
                    "--date", "2026-12-18", "--override", "基准测试", "--format", "json")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--registry-mb", type=float, default=50.0)
    parser.add_argument("--one-owner", action="store_true")
    parser.add_argument("--only", choices=["items", "registry"], default=None)
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if args.only in (None, "items"):
            items = folder / "items"
            copy_bundled(items)
            grow_items(items, args.items, args.one_owner)
            label = f"{args.items:,} items" + (" (one owner)" if args.one_owner else "")
            rows.append((f"validate, {label}", *measured("validate", str(items))))
            rows.append((f"lint, {label}", *measured("lint", str(items))))
            rows.append((f"approve #1 (writes the genesis), {label}", *approve(items, 1, folder)))
            rows.append((f"approve #2, {label}", *approve(items, 2, folder)))
        if args.only in (None, "registry"):
            registry = folder / "registry"
            copy_bundled(registry)
            grow_registry(registry, args.registry_mb)
            size = (registry / "organization/registry.yaml").stat().st_size / 1024 / 1024
            rows.append((f"validate, registry {size:.0f} MB", *measured("validate", str(registry))))
    print("| run | exit | wall s | peak RSS MB |")
    print("|---|---|---|---|")
    for label, code, wall, peak, tail in rows:
        print(f"| {label} | {code} | {wall:.1f} | {peak:.0f} |")
        if code not in (0, 1):
            print(f"<!-- {label}: {tail.strip()} -->", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
