"""A large pack's ``check_task`` rate over the bundled pack's, in ONE process.

    python benchmarks/pack_ratio.py /tmp/province [--rounds 7] [--n 3000]

Both packs are loaded and their Checkers built in this process; each round decides
``n`` fresh distinct random tasks (``gridrules.bench.random_inputs``) with each
Checker, in alternating order, timed in CPU time.  Prints each round's rates and
the median of the rounds' ratios (large / bundled): the issue-12 target is >= 0.5.
"""

import argparse
import statistics
import time

from gridrules import Checker, load_pack
from gridrules.bench import random_inputs as ri



def rate(checker: Checker, items: list) -> float:
    """Tasks decided per CPU second (a malformed task's refusal is its answer)."""
    start = time.process_time()
    for task, at in items:
        try:
            checker.check_task(task, at=at)
        except Exception:
            pass
    return len(items) / (time.process_time() - start)


def main() -> None:
    ap = argparse.ArgumentParser(description="A large pack's check_task rate over the bundled pack's, one process.")
    ap.add_argument("pack", help="the large pack's folder")
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--n", type=int, default=3000)
    args = ap.parse_args()
    packs = {"bundled": load_pack(None), "large": load_pack(args.pack)}
    checkers = {name: Checker(pack, share_engine=False) for name, pack in packs.items()}
    for name, checker in checkers.items():
        rate(checker, ri.random_tasks(packs[name], 2000, 99))  # warm up
    ratios = []
    for r in range(args.rounds):
        rates = {}
        for name in ("bundled", "large") if r % 2 else ("large", "bundled"):
            rates[name] = rate(checkers[name], ri.random_tasks(packs[name], args.n, r))
        ratios.append(rates["large"] / rates["bundled"])
        print(r, {k: round(v) for k, v in rates.items()}, round(ratios[-1], 3), flush=True)
    print("median large/bundled check_task rate (CPU time):", round(statistics.median(ratios), 3))


if __name__ == "__main__":
    main()
