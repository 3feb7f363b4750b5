"""Old vs new assessment speed in ONE run: a base revision against the installed code, interleaved.

    python benchmarks/province_records.py --records 40000 --seed 20 --out /tmp/ab-40k.jsonl
    python benchmarks/assess_ab.py /tmp/ab-40k.jsonl --base b288e02 [--rounds 9] [--explain town_a]

The records file is cut into ``rounds + 1`` slices of distinct records (round 0 warms up and
is not counted).  Two worker subprocesses -- ``old`` importing the base revision (installed
into /tmp by ``ab_speed.install_base``), ``new`` the installed code -- each load the bundled
pack once, then work strictly alternately: in a round each assesses the same slice with
``assess_files`` (what ``gridrules assess`` runs: the id pass, reading, strict parsing,
validating, judging, counting, scoring) in one process, for the year 2026; who goes first
flips every round.  Each side reports records per CPU-second and per wall-second and a
digest of the assessment's JSON document (``assess.report.as_dict``, what ``--format json``
prints): a speed-up must give the same assessment, errors included.  Prints the paired
new/old ratio per round and their median.  Exit 1 when the two sides ever differ.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from ab_speed import install_base  # type: ignore[import-not-found]  # noqa: E402


def worker() -> None:
    """One JSON command a line on stdin, one JSON answer a line on stdout."""
    import gc
    from datetime import datetime

    import gridrules
    from gridrules import Checker, load_pack
    from gridrules.assess import parse_period
    from gridrules.assess.parallel import assess_files
    from gridrules.assess.report import as_dict

    pack = load_pack()
    checker = Checker(pack)
    print(json.dumps({"gridrules": gridrules.__file__, "pack": pack.digest}), flush=True)
    period, at = parse_period("2026"), datetime.fromisoformat("2027-03-01T00:00:00+08:00")
    for line in sys.stdin:
        cmd = json.loads(line)
        gc.collect()
        w0, c0 = time.perf_counter(), time.process_time()
        run = assess_files(checker, None, [cmd["path"]], period, at, explain=cmd["explain"])
        wall, cpu = time.perf_counter() - w0, time.process_time() - c0
        doc = as_dict(run, pack, cmd["explain"])
        doc["pack"].pop("digest")  # the bundled pack's digest moves with any edit of rules/ (shown apart)
        digest = hashlib.sha256(json.dumps(doc, ensure_ascii=False, sort_keys=True).encode()).hexdigest()[:16]
        n = run.tally.records
        print(json.dumps({"records": n, "cpu": n / max(cpu, 1e-9), "wall": n / wall, "digest": digest}), flush=True)


class Side:
    def __init__(self, name: str, pythonpath: str | None):
        env = dict(os.environ)
        env.pop("PYTHONPATH", None)
        env["PYTHONHASHSEED"] = "0"
        if pythonpath:
            env["PYTHONPATH"] = pythonpath
        self.name = name
        self.proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--worker"],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env,
                                     cwd=tempfile.gettempdir())
        self.hello = self._read()

    def _read(self) -> dict:
        line = self.proc.stdout.readline()  # type: ignore[union-attr]
        if not line:
            raise SystemExit(f"worker {self.name} died (exit {self.proc.wait()})")
        return json.loads(line)

    def run(self, **cmd) -> dict:
        self.proc.stdin.write(json.dumps(cmd) + "\n")  # type: ignore[union-attr]
        self.proc.stdin.flush()  # type: ignore[union-attr]
        return self._read()

    def close(self) -> None:
        self.proc.stdin.close()  # type: ignore[union-attr]
        self.proc.wait()


def slices(path: str, parts: int, folder: str) -> list[str]:
    """``path`` cut into ``parts`` files of about equal line counts, in ``folder``."""
    with open(path, "rb") as handle:
        lines = handle.readlines()
    per = len(lines) // parts
    out = []
    for k in range(parts):
        name = os.path.join(folder, f"slice-{k:03d}.jsonl")
        with open(name, "wb") as handle:
            handle.writelines(lines[k * per:(k + 1) * per])
        out.append(name)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("path", help="a JSON Lines file of records (benchmarks/province_records.py)")
    ap.add_argument("--base", required=True, help="git revision of the old code")
    ap.add_argument("--rounds", type=int, default=9, help="measured rounds (plus one warm-up)")
    ap.add_argument("--explain", action="append", default=[], help="units to explain (as --explain)")
    ap.add_argument("--repo", default=str(HERE.parent))
    args = ap.parse_args(argv)

    base = install_base(args.base, Path(args.repo))
    sides = {"old": Side("old", str(base)), "new": Side("new", None)}
    for name, side in sides.items():
        print(f"{name}: {side.hello['gridrules']} (pack {side.hello.get('pack', '?')[:19]}…; the assessments are compared without it)")
    cpu: dict[str, list[float]] = {"old": [], "new": []}
    wall: dict[str, list[float]] = {"old": [], "new": []}
    differ = 0
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="assess-ab-") as folder:
        for rnd, part in enumerate(slices(args.path, args.rounds + 1, folder)):
            order = ["old", "new"] if rnd % 2 else ["new", "old"]
            got = {s: sides[s].run(path=part, explain=args.explain) for s in order}
            same = got["old"]["digest"] == got["new"]["digest"]
            differ += not same
            if rnd:
                for s in sides:
                    cpu[s].append(got[s]["cpu"])
                    wall[s].append(got[s]["wall"])
            print(f"round {rnd}{' (warm-up)' if not rnd else ''} [{order[0]} first] {got['old']['records']:,} records;"
                  f" records/CPU-s old {got['old']['cpu']:,.0f} new {got['new']['cpu']:,.0f}"
                  f" ({got['new']['cpu'] / got['old']['cpu']:.2f}x)" + ("" if same else "  ASSESSMENTS DIFFER"),
                  flush=True)
    for side in sides.values():
        side.close()
    paired_cpu = statistics.median(n / o for n, o in zip(cpu["new"], cpu["old"]))
    paired_wall = statistics.median(n / o for n, o in zip(wall["new"], wall["old"]))
    print(f"\nmedian records per CPU-second over {args.rounds} rounds: old {statistics.median(cpu['old']):,.0f},"
          f" new {statistics.median(cpu['new']):,.0f}; paired new/old: CPU {paired_cpu:.2f}x, wall {paired_wall:.2f}x")
    print(f"assessments identical in every round: {'yes' if not differ else f'NO ({differ} rounds differ)'}"
          f"  ({time.perf_counter() - started:.0f} s; load average {os.getloadavg()[0]:.1f})")
    return 1 if differ else 0


if __name__ == "__main__":
    if sys.argv[1:] == ["--worker"]:
        worker()
    else:
        sys.exit(main())
