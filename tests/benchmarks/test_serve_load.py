"""``benchmarks/serve_load.py`` runs end to end on a tiny load (its figures are not asserted)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "serve_load.py"


def test_the_load_benchmark_runs_against_real_servers_and_reports_every_cell():
    run = subprocess.run([sys.executable, str(SCRIPT), "--requests", "20", "--batch", "30", "--batches", "1",
                          "--rounds", "1", "--format", "json"], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    (result,) = json.loads(run.stdout)
    for workers in ("1", "2"):
        singles = result["workers"][workers]["single"]
        assert [s["clients"] for s in singles] == [1, 8, 32]
        assert all(s["requests"] == 20 and set(s["statuses"]) <= {"200", "422"} for s in singles)
        batch = result["workers"][workers]["batch"]
        # the servers' CPU is read from /proc in clock ticks (10 ms): 30 decisions may take less than one
        assert batch["decisions"] == 30 and batch["cpu_ratio_to_library"] >= 0
