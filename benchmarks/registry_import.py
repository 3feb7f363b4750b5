"""Time and memory of the registry spreadsheet commands on a 50,000-grid ledger (SYNTHETIC).

    python benchmarks/registry_import.py [--grids 50000] [--seed 1] [--work DIR]

Writes a random registry table over the bundled pack's 27 towns -- ~grids/5
communities with invented names (made from parts, distinct), 12-digit grid codes,
kinds drawn 70 % 城市网格 / 15 % 农村网格 / 10 % 微网格 (each under a city grid of
its community) / 5 % 专属网格, households mostly inside the kind's range (~8 %
outside), 1+3+N staffing recorded for ~60 % of grids (~10 % of those missing a
role) -- as xlsx and as csv, then runs each step in a fresh process and reports
its wall time and peak resident memory (``wait4``'s ``ru_maxrss``):

* ``read``: only read the table's cells: csv, xlsx as gridrules reads it
  (python-calamine), the xlsx as a ledger kept in Excel often is (``styled``: every
  cell bordered, a percentage elsewhere in the workbook, whose cells the reader
  looks for), and xlsx with openpyxl's read-only mode (the alternative);
* ``plan``: read the table and compute the diff against the bundled pack's
  9-grid registry (what ``gridrules import registry FILE`` does), csv, xlsx and styled xlsx;
* ``apply``: the same, then write it (validated whole, atomic, history entry);
* ``load``: load the resulting 50,000-grid pack (what every command pays): the
  denominator of the ratios;
* ``reimport``: the same xlsx again against that pack (no change, nothing written);
* ``export``: ``gridrules export registry --xlsx`` of that pack;
* ``lint``: the GR7xx registry checks over it.

It is NOT a real ledger of any place.  Deterministic for a seed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

PARTS = list("和平安康宁福兴民乐新华光明龙凤双桥柏林石马金山玉泉桂花东西南北中")
STEPS = ("read-csv", "read-xlsx", "read-styled", "read-openpyxl", "plan-csv", "plan-xlsx", "plan-styled", "apply",
         "load", "reimport", "export", "lint")


def ledger_rows(grids: int, seed: int) -> list[list]:
    """The synthetic table: one row per grid (the registry headers of the bundled pack)."""
    from gridrules.engine.loading import load_pack

    pack = load_pack()
    towns = list(pack.towns.values())
    rnd = random.Random(seed)
    names: set[tuple[str, str]] = set()
    rows: list[list] = []
    code = 500111000000
    while len(rows) < grids:
        town = rnd.choice(towns)
        name = "".join(rnd.sample(PARTS, 3)) + rnd.choice(("社区", "村"))
        if (town.id, name) in names:
            continue
        names.add((town.id, name))
        city = None
        for n in range(rnd.randint(3, 7)):
            code += 1
            kind = rnd.choices(["城市网格", "农村网格", "微网格", "专属网格"], [70, 15, 10, 5])[0]
            if kind == "微网格" and city is None:
                kind = "城市网格"
            low, high = {"城市网格": (300, 500), "微网格": (50, 80)}.get(kind, (100, 2000))
            households = rnd.randint(low, high) if rnd.random() > 0.08 else rnd.randint(high + 1, high * 2)
            staff: list[str | None] = [None] * 4
            if rnd.random() < 0.6:
                staff = ["张" + rnd.choice(PARTS), "李" + rnd.choice(PARTS), "王" + rnd.choice(PARTS), "赵" + rnd.choice(PARTS)]
                if rnd.random() < 0.1:
                    staff[rnd.randrange(4)] = None
            rows.append([town.name, name, None, f"{name}{n + 1:02d}{'微' if kind == '微网格' else ''}网格", str(code), kind,
                         households, city if kind == "微网格" else None, *staff])
            if kind == "城市网格":
                city = str(code)
            if len(rows) == grids:
                break
    return rows


LEDGERS = {"csv": "ledger.csv", "xlsx": "ledger.xlsx", "styled": "ledger-styled.xlsx"}


def styled_copy(source: Path, target: Path) -> None:
    """``source`` as a ledger kept in Excel often is: every cell bordered (each with its style, ``s="…"``), and a
    percentage somewhere in the workbook (another sheet's 占比: the styles are the workbook's), here a percent
    style no cell of the ledger uses."""
    import re
    import zipfile

    with zipfile.ZipFile(source) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    styles = members["xl/styles.xml"].decode()
    borders = int(re.search(r'<borders count="([0-9]+)"', styles).group(1))
    xfs = int(re.search(r'<cellXfs count="([0-9]+)"', styles).group(1))
    thin = "".join(f'<{side} style="thin"><color auto="1" /></{side}>' for side in ("left", "right", "top", "bottom"))
    styles = styles.replace(f'<borders count="{borders}">', f'<borders count="{borders + 1}">').replace(
        "</borders>", f"<border>{thin}<diagonal /></border></borders>")
    styles = styles.replace(f'<cellXfs count="{xfs}">', f'<cellXfs count="{xfs + 2}">').replace(
        "</cellXfs>", f'<xf numFmtId="0" fontId="0" fillId="0" borderId="{borders}" applyBorder="1" xfId="0" />'
        '<xf numFmtId="9" fontId="0" fillId="0" borderId="0" applyNumberFormat="1" xfId="0" /></cellXfs>')
    members["xl/styles.xml"] = styles.encode()
    sheet = next(n for n in members if n.startswith("xl/worksheets/sheet"))
    members[sheet] = re.sub(rb'<c r="([A-Z]+[0-9]+)"(?![^>]*\bs=)', rb'<c r="\1" s="%d"' % xfs, members[sheet])
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def step(name: str, work: Path) -> dict:
    """One step, in this process (run by ``measure`` in a fresh one)."""
    from gridrules.engine.loading import load_pack
    from gridrules.lint.context import LintContext
    from gridrules.lint import registry as registry_lint
    from gridrules.tables.published import registry as export_registry
    from gridrules.tables.registry import apply_import, plan_import, read_registry_table
    from gridrules.tables.writer import write_table

    pack_dir = work / ("pack" if name.startswith("plan") else "big")  # big: a copy the apply step fills
    start = time.perf_counter()
    out: dict = {}
    if name in ("read-csv", "read-xlsx", "read-styled"):
        from gridrules.tables.sheet import _grid

        path = work / LEDGERS[name[5:]]
        out = {"rows": len(_grid(path, None)[0])}
    elif name == "read-openpyxl":
        import openpyxl

        book = openpyxl.load_workbook(work / "ledger.xlsx", read_only=True, data_only=True)
        out = {"rows": sum(1 for _ in book.worksheets[0].iter_rows(values_only=True))}
        book.close()
    elif name.startswith("plan"):
        pack = load_pack(pack_dir)
        path = work / LEDGERS[name[5:]]
        plan = plan_import(pack, read_registry_table(pack, path), path.name)
        out = plan.counts()
    elif name == "apply":
        plan, version = apply_import(pack_dir, work / "ledger.csv")
        out = plan.counts() | {"version": version}
    elif name == "load":
        out = {"grids": len(load_pack(pack_dir).grids)}
    elif name == "reimport":
        plan, version = apply_import(pack_dir, work / "ledger.xlsx")
        out = plan.counts() | {"version": version}
    elif name == "export":
        table = export_registry(load_pack(pack_dir), date(2026, 12, 1))
        write_table(work / "export.xlsx", table.sheet, table.title, table.headers, table.rows, "xlsx")
        out = {"rows": len(table.rows)}
    elif name == "lint":
        pack = load_pack(pack_dir)
        found = list(registry_lint.run(LintContext(pack, date(2026, 12, 1))))
        out = {"findings": len(found)}
    out["seconds"] = time.perf_counter() - start
    return out


def measure(name: str, work: Path) -> dict:
    proc = subprocess.Popen([sys.executable, __file__, "--step", name, "--work", str(work)],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    text = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    if status != 0:
        raise SystemExit(f"step {name} failed ({status})")
    result = json.loads(text)
    result["peak_mb"] = usage.ru_maxrss / 1024  # kilobytes on Linux
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--grids", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--step", choices=STEPS, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        print(json.dumps(step(args.step, args.work)))
        return 0
    from gridrules.change.store import copy_bundled
    from gridrules.tables.published import registry_headers
    from gridrules.tables.writer import write_table
    from gridrules.engine.loading import load_pack

    work = args.work or Path(tempfile.mkdtemp(prefix="gridrules-registry-"))
    for sub in ("pack", "big"):
        shutil.rmtree(work / sub, ignore_errors=True)
    copy_bundled(work / "pack")
    rows = ledger_rows(args.grids, args.seed)
    headers = registry_headers(load_pack())
    for kind in ("csv", "xlsx"):
        write_table(work / f"ledger.{kind}", "登记表", "合成登记表（基准测试用，非真实数据）", headers, rows, kind)
    styled_copy(work / "ledger.xlsx", work / LEDGERS["styled"])
    results = {}
    for name in STEPS:
        if name == "apply":
            shutil.copytree(work / "pack", work / "big")
        results[name] = measure(name, work)
    base = results["load"]["seconds"]
    sizes = {k: (work / f"ledger.{k}").stat().st_size / 1e6 for k in ("csv", "xlsx")}
    print(f"registry of {args.grids:,} grids (seed {args.seed}); ledger.csv {sizes['csv']:.1f} MB, "
          f"ledger.xlsx {sizes['xlsx']:.1f} MB; work folder {work}")
    print(f"{'step':<10} {'seconds':>8} {'× load':>7} {'peak MB':>8}  result")
    for name, r in results.items():
        detail = {k: v for k, v in r.items() if k not in ("seconds", "peak_mb")}
        print(f"{name:<10} {r['seconds']:>8.2f} {r['seconds'] / base:>7.2f} {r['peak_mb']:>8.0f}  {detail}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
