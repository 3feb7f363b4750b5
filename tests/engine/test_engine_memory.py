"""Rulesets the engine builds the same whatever its memory held before.

durable_rules 2.0.28 reads one byte of a node it never set when an ``$iall``/``$iany``
item test ends in an ``$or``, and refuses the ruleset (error 102) when that byte is 9 or
12.  Which bytes freed memory holds depends on what the process did before: CI once saw
``replay`` refuse a candidate pack five times over in one long test run.  glibc's
``MALLOC_PERTURB_`` fills freed memory with one byte, so these runs put 9 and 12 there
for certain (``lang.durable._items`` keeps such tests out of the engine's reach).
"""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys

import pytest

_BUILD = r"""
from datetime import datetime, timedelta, timezone
from gridrules import Checker, load_pack
checker = Checker(load_pack(None), share_engine=False)
at = datetime(2026, 11, 25, 10, tzinfo=timezone(timedelta(hours=8)))
task = {"id": "T", "title": "走访", "department": "minzheng", "assignee": "full_time",
        "activities": ["visit", "report", "care"], "start": "2026-12-01", "hours_per_month": 3}
event = {"id": "E", "type": "MD02", "reported_at": "2026-11-25T09:30:00+08:00", "grid": "tangxiang-heping-01"}
print(checker.check_task(task, at=at).verdict, checker.route_event(event, at=at).level, checker.engine.rulesets.retries)
"""
_OTHERS = r"""
import sys
from gridrules import Checker, load_pack
print(*(Checker(load_pack(where), share_engine=False).engine.rulesets.retries for where in sys.argv[1:]))
"""
EXAMPLES = pathlib.Path(__file__).parents[2] / "examples"


def _run(script: str, byte: int, *args: str) -> str:
    # -P: the installed gridrules, never the source tree in the working folder
    done = subprocess.run([sys.executable, "-P", "-c", script, *args], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "MALLOC_PERTURB_": str(byte)})
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize("byte", [9, 12])
def test_the_bundled_pack_builds_and_decides_whatever_freed_memory_holds(byte):
    verdict, level, retries = _run(_BUILD, byte).split()
    assert (verdict, retries) == ("admitted", "0") and level  # no ruleset refused, not even once


@pytest.mark.parametrize("byte", [9, 12])
def test_the_example_county_and_city_packs_build_whatever_freed_memory_holds(byte):
    assert _run(_OTHERS, byte, str(EXAMPLES / "county"), str(EXAMPLES / "city")).split() == ["0", "0"]
