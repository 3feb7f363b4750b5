"""Measure durable_rules' compile limits that engine/compiler.py keeps clear of.

Each trial creates one ruleset in a fresh subprocess with a timeout (a trial past a
limit hangs forever in createRuleset), asserts one fact and prints what happened:

    python benchmarks/engine_limits.py            # about a minute; hangs cost --timeout each

Measured on durable_rules 2.0.28 (the figures in compiler.py's docstring):
an ``$or`` of N distinct equalities: ok to 511, error 303 on assert at 512, hang from 513;
two rules of 300 distinct values in one ruleset: hang (two of 300 same values: ok);
``$and``/``$or`` nested N deep: ok to 15, error 113 from 16;
``$and``/``$or`` side by side, N in all (an ``$and`` of N-1 two-way ``$or``s): ok to 15, error
113 from 16 -- the limit is their number, not their depth;
``$iany`` over an ``$or`` of N values: ok at 500, error 106 at 513.
"""

from __future__ import annotations

import argparse
import subprocess
import sys

_CHILD = r'''
import json, sys, durable_rules_engine as c
kind, n = sys.argv[1], int(sys.argv[2])
def nested(n):
    cond = {"f": "v0"}
    for i in range(n):
        cond = {"$and": [cond, {"$neq": {"f": "w%d" % i}}]}
    return cond
rules = {
    "or": lambda: {"r": {"$or": [{"f": f"v{i}"} for i in range(n)]}},
    "two_rules": lambda: {f"r{j}": {"$or": [{"f": f"v{j}_{i}"} for i in range(n)]} for j in range(2)},
    "nested": lambda: {"r": nested(n)},
    "side_by_side": lambda: {"r": {"$and": [{"$or": [{"f": "v0"}, {"f": f"x{i}"}]} for i in range(n - 1)]}},
    "iany": lambda: {"r": {"$iany": {"g": {"$or": [{"$i": f"v{i}"} for i in range(n)]}}}},
}[kind]()
h = c.create_ruleset("t", json.dumps({name: {"all": [{"m": m}]} for name, m in rules.items()}))
try:
    print("ok", c.assert_fact(h, json.dumps({"f": "v0", "g": ["v0"], "id": 1, "sid": "0"}))[0])
except c.error as e:
    print("error on assert:", e)
'''

TRIALS = {"or": [511, 512, 513], "two_rules": [255, 300], "nested": [15, 16], "side_by_side": [15, 16],
          "iany": [500, 513]}


def trial(kind: str, n: int, timeout: float) -> str:
    try:
        done = subprocess.run([sys.executable, "-c", _CHILD, kind, str(n)], capture_output=True, text=True,
                              timeout=timeout)
    except subprocess.TimeoutExpired:
        return f"hang (no answer in {timeout:g} s)"
    lines = (done.stdout + done.stderr).strip().splitlines()
    return lines[-1] if lines else f"exit {done.returncode}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=10.0)
    args = parser.parse_args()
    for kind, sizes in TRIALS.items():
        for n in sizes:
            print(f"{kind:10} {n:5}  {trial(kind, n, args.timeout)}", flush=True)


if __name__ == "__main__":
    main()
