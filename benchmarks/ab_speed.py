"""Old vs new speed in ONE run: a base revision against the installed code, interleaved.

    python benchmarks/ab_speed.py --base ac3ecd4 [--n 4000] [--rounds 15] [--seed 11]

The base revision is exported with ``git archive`` and installed with
``pip install --no-deps --target /tmp/gridrules-<sha12>`` (kept: later runs reuse
it).  Two worker subprocesses -- ``old`` with that folder first on PYTHONPATH,
``new`` with the code installed in this interpreter -- each load the bundled pack
once, then work strictly alternately (one works while the other waits on its
pipe).  In a round both workers generate the same seeded distinct inputs with
``random_inputs.py`` (a fresh seed each round, so nothing was decided before),
then, measure by measure, old and new back to back (who goes first flips every
round), time ``check_task`` over N distinct tasks, ``route_event`` over N
distinct events, and the same single task and event decided N times ("repeated
input": what the answer caches make of it).  A warm-up round is not counted.
Each measure also compares a digest of the two sides' decisions (without
``pack``): a refactor must give the same answers.

Prints per-round decisions/s, the median per side and the new/old ratio of the
medians, with the median of the rounds' own (paired) ratios in wall-clock and
in CPU time -- the steadier figures on a shared, noisy machine.
Workers import only ``gridrules.load_pack``, ``gridrules.Checker`` and
``random_inputs`` (by path).  Exit 0; 1 when the two sides decided differently.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
MEASURES = ("tasks", "events", "task_repeated", "event_repeated")
LABELS = {"tasks": "tasks (distinct)", "events": "events (distinct)",
          "task_repeated": "tasks (repeated input)", "event_repeated": "events (repeated input)"}


# --- the worker -------------------------------------------------------------------------


def worker() -> None:
    """Reads one JSON command a line from stdin and answers one JSON line on stdout:
    {"prepare": seed, "n": N} generates the round's inputs; {"measure": name} times one measure."""
    import gc
    import importlib.util

    spec = importlib.util.spec_from_file_location("random_inputs", HERE.parent / "gridrules" / "bench" / "random_inputs.py")
    random_inputs = importlib.util.module_from_spec(spec)
    sys.modules["random_inputs"] = random_inputs  # its dataclass looks itself up there
    spec.loader.exec_module(random_inputs)

    import gridrules
    from gridrules import Checker, load_pack

    started = time.perf_counter()
    pack = load_pack()
    checker = Checker(pack)
    hello = {"gridrules": gridrules.__file__, "version": getattr(gridrules, "__version__", "?"),
             "load_s": round(time.perf_counter() - started, 3)}
    print(json.dumps(hello), flush=True)

    def digest(decisions) -> str:
        h = hashlib.sha256()
        for d in decisions:
            doc = d.model_dump(mode="json")
            doc.pop("pack", None)
            h.update(json.dumps(doc, ensure_ascii=False).encode())
        return h.hexdigest()[:16]

    work: dict = {}
    for command in sys.stdin:
        cmd = json.loads(command)
        if "prepare" in cmd:  # the round's inputs: generated, not timed
            n, seed = cmd["n"], cmd["prepare"]
            tasks = random_inputs.random_tasks(pack, n, seed, invalid=0.0)
            events = random_inputs.random_events(pack, n, seed, invalid=0.0)
            work = {"tasks": (checker.check_task, tasks), "events": (checker.route_event, events),
                    "task_repeated": (checker.check_task, [tasks[0]] * n),
                    "event_repeated": (checker.route_event, [events[0]] * n)}
            print(json.dumps({"ok": True}), flush=True)
            continue
        decide, items = work[cmd["measure"]]
        out: list = []
        append = out.append
        gc.collect()
        w0, c0 = time.perf_counter(), time.process_time()
        for doc, at in items:
            append(decide(doc, at))
        wall, cpu = time.perf_counter() - w0, time.process_time() - c0
        print(json.dumps({"wall": len(items) / wall, "cpu": len(items) / max(cpu, 1e-9),
                          "digest": digest(out if "repeated" not in cmd["measure"] else out[:1])}), flush=True)


# --- the parent --------------------------------------------------------------------------


def install_base(rev: str, repo: Path) -> Path:
    """The base revision installed into /tmp/gridrules-<sha12> (cached by commit)."""
    sha = subprocess.run(["git", "-C", str(repo), "rev-parse", "--verify", f"{rev}^{{commit}}"],
                         check=True, capture_output=True, text=True).stdout.strip()
    target = Path(tempfile.gettempdir()) / f"gridrules-{sha[:12]}"
    if (target / ".complete").exists():
        return target
    work = Path(tempfile.mkdtemp(prefix=f"gridrules-{sha[:12]}-"))
    src, into = work / "src", work / "target"
    src.mkdir()
    archive = subprocess.run(["git", "-C", str(repo), "archive", "--format=tar", sha],
                             check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(src)], input=archive, check=True)
    print(f"installing {rev} ({sha[:12]}) into {target} …", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(into), str(src)],
                   check=True)
    (into / ".complete").write_text(sha + "\n")
    if target.exists():  # an unfinished earlier attempt
        shutil.rmtree(target)
    into.rename(target)
    shutil.rmtree(work, ignore_errors=True)
    return target


class Worker:
    def __init__(self, name: str, pythonpath: str | None):
        env = dict(os.environ)
        env.pop("PYTHONPATH", None)
        env["PYTHONHASHSEED"] = "0"  # the same string hashes (dict and set layouts) on both sides
        if pythonpath:
            env["PYTHONPATH"] = pythonpath
        self.name = name
        self.proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--worker"],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env,
                                     cwd=tempfile.gettempdir())  # no source tree in the cwd
        self.hello = self._read()

    def _read(self) -> dict:
        line = self.proc.stdout.readline()
        if not line:
            raise SystemExit(f"worker {self.name} died (exit {self.proc.wait()})")
        return json.loads(line)

    def run(self, **cmd) -> dict:
        self.proc.stdin.write(json.dumps(cmd) + "\n")
        self.proc.stdin.flush()
        return self._read()  # the other worker stays idle until this answers

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--base", required=True, help="git revision of the old code (e.g. ac3ecd4)")
    ap.add_argument("--n", type=int, default=4000, help="distinct tasks and events per round (default 4000)")
    ap.add_argument("--rounds", type=int, default=15, help="measured rounds (default 15; plus one warm-up)")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--repo", default=str(HERE.parent), help="git repository holding --base")
    ap.add_argument("--format", choices=("text", "json"), default="text")
    args = ap.parse_args(argv)

    base = install_base(args.base, Path(args.repo))
    sides = {"old": Worker("old", str(base)), "new": Worker("new", None)}
    for name, w in sides.items():
        print(f"{name}: {w.hello['gridrules']} (version {w.hello['version']}, load+compile {w.hello['load_s']} s)")
    if sides["old"].hello["gridrules"] == sides["new"].hello["gridrules"]:
        print("warning: both workers import the same gridrules", file=sys.stderr)

    figures = {s: {m: [] for m in MEASURES} for s in sides}  # decisions/s, wall clock
    cpu = {s: {m: [] for m in MEASURES} for s in sides}  # decisions per CPU second
    differ = 0
    started = time.perf_counter()
    for rnd in range(args.rounds + 1):  # round 0 warms up
        order = ["old", "new"] if rnd % 2 else ["new", "old"]
        for s in order:
            sides[s].run(prepare=args.seed * 1000 + rnd, n=args.n)
        row, same = [], True
        for m in MEASURES:  # measure by measure, old and new back to back: both see the same machine
            results = {s: sides[s].run(measure=m) for s in order}
            same &= results["old"]["digest"] == results["new"]["digest"]
            row.append(f"{m} {results['old']['wall']:,.0f} / {results['new']['wall']:,.0f}")
            if rnd:
                for s in sides:
                    figures[s][m].append(results[s]["wall"])
                    cpu[s][m].append(results[s]["cpu"])
        differ += not same
        if args.format == "text":
            print(f"round {rnd}{' (warm-up)' if rnd == 0 else ''} [{order[0]} first] old / new: "
                  + "  ".join(row) + ("" if same else "  DECISIONS DIFFER"))
    for w in sides.values():
        w.close()

    medians = {s: {m: statistics.median(figures[s][m]) for m in MEASURES} for s in sides}
    ratios = {m: medians["new"][m] / medians["old"][m] for m in MEASURES}
    # the median of each round's own new/old ratio (old and new measured back to back)
    paired = {m: statistics.median(n / o for n, o in zip(figures["new"][m], figures["old"][m])) for m in MEASURES}
    paired_cpu = {m: statistics.median(n / o for n, o in zip(cpu["new"][m], cpu["old"][m])) for m in MEASURES}
    if args.format == "json":
        print(json.dumps({"base": args.base, "n": args.n, "rounds": args.rounds, "figures": figures,
                          "cpu": cpu,
                          "medians": medians, "ratios": ratios, "paired_ratios": paired,
                          "paired_cpu_ratios": paired_cpu, "same_decisions": not differ}, indent=2))
    else:
        print(f"\nmedian decisions/s over {args.rounds} rounds of {args.n:,} (old = {args.base}, new = installed):")
        print(f"  {'':26} {'old':>10} {'new':>10} {'new/old':>8} {'paired':>8} {'cpu':>8}")
        for m in MEASURES:
            print(f"  {LABELS[m]:26} {medians['old'][m]:>10,.0f} {medians['new'][m]:>10,.0f} {ratios[m]:>8.3f}"
                  f" {paired[m]:>8.3f} {paired_cpu[m]:>8.3f}")
        print("  new/old: ratio of the medians; paired: median of the rounds' own ratios (wall clock);"
              " cpu: the same in CPU time")
        print(f"decisions identical in every round: {'yes' if not differ else f'NO ({differ} rounds differ)'}"
              f"  ({time.perf_counter() - started:.0f} s)")
    return 1 if differ else 0


if __name__ == "__main__":
    if sys.argv[1:] == ["--worker"]:
        worker()
    else:
        sys.exit(main())
