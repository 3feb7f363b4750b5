"""Instructions a decision costs, old code against new: a count the machine's load cannot move.

    python benchmarks/decision_instructions.py --base 2c3f0c3 [--n 1500] [--kinds tasks,events]

CPU-time ratios (``ab_speed.py``) swing by ±10 % on a shared machine; Valgrind's count of
the instructions executed does not.  For each side (``old``: the base revision, installed as
``ab_speed.py`` installs it; ``new``: the installed code) and each kind, a child process loads
the bundled pack, decides 1,500 distinct random inputs to warm its caches (seed 7), then the
first N of 1,500 others (seed 3) -- every field drawn at random, ``at`` varied
(``random_inputs.py``, read by path as ``ab_speed.py`` reads it).  It runs twice under
``valgrind --tool=cachegrind --cache-sim=no``, deciding N and deciding none; the difference
over N is one decision's instructions.  Prints both sides and new/old.  Needs ``valgrind``
(``apt-get install valgrind``); about a minute a count.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
WARM, SEED_WARM, SEED = 1500, 7, 3


def child(kind: str, n: int) -> None:
    """Decide ``n`` distinct inputs of ``kind`` after the warm-up (run under Valgrind)."""
    if kind not in ("tasks", "events"):
        raise SystemExit(f"kind must be tasks or events, not {kind!r}")
    spec = importlib.util.spec_from_file_location("random_inputs", HERE.parent / "gridrules" / "bench" / "random_inputs.py")
    random_inputs = importlib.util.module_from_spec(spec)
    sys.modules["random_inputs"] = random_inputs  # its dataclass looks itself up there
    spec.loader.exec_module(random_inputs)
    from gridrules import Checker, load_pack

    pack = load_pack()
    checker = Checker(pack)
    make = random_inputs.random_tasks if kind == "tasks" else random_inputs.random_events
    decide = checker.check_task if kind == "tasks" else checker.route_event
    for doc, at in make(pack, WARM, SEED_WARM, invalid=0.0):
        decide(doc, at)
    for doc, at in make(pack, WARM, SEED, invalid=0.0)[:n]:
        decide(doc, at)


def require_valgrind() -> None:
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt-get install valgrind)")


def instructions(pythonpath: str | None, script: str, *args: str) -> int:
    """The instructions ``python script args`` executes under Valgrind, with ``pythonpath`` (an
    installed base revision) first on the path or none (the installed code); string hashing fixed."""
    env = dict(os.environ, PYTHONHASHSEED="0")
    env.pop("PYTHONPATH", None)
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    done = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
                           sys.executable, script, *args],
                          env=env, capture_output=True, text=True, check=True, cwd=tempfile.gettempdir())
    found = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    if found is None:
        raise SystemExit(f"no instruction count in valgrind's output:\n{done.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def per_decision(pythonpath: str | None, kind: str, n: int) -> int:
    def count(m: int) -> int:
        return instructions(pythonpath, __file__, "--child", kind, str(m))

    return (count(n) - count(0)) // n


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", help="the old revision (git rev)")
    parser.add_argument("--n", type=int, default=1500)
    parser.add_argument("--kinds", default="tasks,events")
    parser.add_argument("--child", nargs=2, metavar=("KIND", "N"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]))
        return 0
    if not args.base:
        parser.error("--base is required")
    require_valgrind()
    sys.path.insert(0, str(HERE))
    from ab_speed import install_base

    old = str(install_base(args.base, HERE.parent))
    n = min(args.n, WARM)
    print(f"instructions per decision, {n} distinct inputs after {WARM} others (old = {args.base}, new = installed)")
    print(f"  {'kind':8} {'old':>10} {'new':>10} {'new/old':>8}")
    for kind in args.kinds.split(","):
        before, after = per_decision(old, kind, n), per_decision(None, kind, n)
        print(f"  {kind:8} {before:10,} {after:10,} {after / before:8.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
