"""Instructions an assessed record costs, old code against new: a count the machine's load cannot move.

    python benchmarks/assess_instructions.py /tmp/i20-20k.jsonl --base 6c50add [--n 5000] [--warm 15000]

``assess_ab.py`` measures records per CPU-second, which swing with the neighbours' load;
Valgrind's count of the instructions executed does not.  The file's first N records are the
measured ones, its next WARM records warm the Checker first (a province's run meets its facts
again and again: a cold Checker would measure first meetings).  For each side (``old``: the base
revision, installed as ``ab_speed.py`` installs it; ``new``: the installed code) a child process
loads the bundled pack and runs ``assess_files`` (what ``gridrules assess`` runs: the id pass,
reading, strict JSON, validating, judging, counting, scoring) for the year 2026 at
2026-12-31T00:00+08:00 on the warm-up records, then -- in the counted run -- on the measured
ones.  Each side runs twice under ``valgrind --tool=cachegrind --cache-sim=no``, with and without
the measured records; the difference over N is one record's instructions.  Prints both sides and
new/old.  Needs ``valgrind`` (``apt-get install valgrind``); a few minutes a count.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
AT = "2026-12-31T00:00:00+08:00"


def child(warm: str, measured: str | None) -> None:
    """Assess ``warm``, then ``measured`` if given (run under Valgrind)."""
    from datetime import datetime

    from gridrules import Checker, load_pack
    from gridrules.assess import parse_period
    from gridrules.assess.parallel import assess_files

    checker = Checker(load_pack())
    period, at = parse_period("2026"), datetime.fromisoformat(AT)
    for path in (warm, measured):
        if path is not None:
            assess_files(checker, None, [path], period, at)


def count(pythonpath: str | None, warm: str, measured: str | None) -> int:
    from decision_instructions import instructions  # type: ignore[import-not-found]

    return instructions(pythonpath, __file__, "--child", warm, *([measured] if measured else []))


def slices(path: str, n: int, warm: int, folder: str) -> tuple[str, str, int]:
    """(the warm-up file, the measured file, how many lines it has): cut from ``path``."""
    with open(path, "rb") as handle:
        measured = [handle.readline() for _ in range(n)]
        warming = [handle.readline() for _ in range(warm)]
    measured = [line for line in measured if line]
    names = os.path.join(folder, "warm.jsonl"), os.path.join(folder, "measured.jsonl")
    for name, lines in zip(names, (warming, measured)):
        with open(name, "wb") as handle:
            handle.writelines(line for line in lines if line)
    return names[0], names[1], len(measured)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", help="a JSON Lines file of records (benchmarks/province_records.py)")
    parser.add_argument("--base", help="the old revision (git rev)")
    parser.add_argument("--n", type=int, default=5000, help="records measured (the file's first)")
    parser.add_argument("--warm", type=int, default=15000, help="records assessed first (the next ones)")
    parser.add_argument("--child", nargs="+", metavar="FILE", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1] if len(args.child) > 1 else None)
        return 0
    if not args.base or not args.path:
        parser.error("a records file and --base are required")
    sys.path.insert(0, str(HERE))
    from ab_speed import install_base  # type: ignore[import-not-found]
    from decision_instructions import require_valgrind  # type: ignore[import-not-found]

    require_valgrind()
    old = str(install_base(args.base, HERE.parent))
    with tempfile.TemporaryDirectory(prefix="gridrules-ir-") as folder:
        warm, measured, n = slices(args.path, args.n, args.warm, folder)
        print(f"instructions per assessed record, {n} records after {args.warm} others "
              f"(old = {args.base}, new = installed)")
        sides = {}
        for name, pythonpath in (("old", old), ("new", None)):
            sides[name] = (count(pythonpath, warm, measured) - count(pythonpath, warm, None)) // n
            print(f"  {name}: {sides[name]:,}")
        print(f"  new/old: {sides['new'] / sides['old']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
