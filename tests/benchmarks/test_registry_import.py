"""The registry benchmark's synthetic ledger is one the import accepts whole, and its lint findings are real."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.append(str(ROOT))  # for `benchmarks`; an installed gridrules must win over the source tree

from benchmarks.registry_import import ledger_rows  # noqa: E402
from gridrules.engine.loading import load_pack  # noqa: E402
from gridrules.lint import registry as registry_lint  # noqa: E402
from gridrules.lint.context import LintContext  # noqa: E402
from gridrules.tables.published import registry_headers  # noqa: E402
from gridrules.tables.registry import apply_import, plan_import, read_registry_table  # noqa: E402
from gridrules.tables.writer import write_table  # noqa: E402


def test_the_synthetic_ledger_imports_and_lints(pack_copy, tmp_path):
    rows = ledger_rows(400, seed=3)
    assert len(rows) == 400 and len({r[4] for r in rows}) == 400  # distinct grid codes
    assert rows == ledger_rows(400, seed=3)  # deterministic for a seed
    path = tmp_path / "ledger.xlsx"
    pack = load_pack(pack_copy)
    write_table(path, "登记表", "synthetic", registry_headers(pack), rows, "xlsx")
    plan = plan_import(pack, read_registry_table(pack, path), path.name)
    communities = {(r[0], r[1]) for r in rows}
    assert plan.counts()["added"] == 400 + len(communities)
    _, version = apply_import(pack_copy, path)
    assert version == "1.1.0"
    found = list(registry_lint.run(LintContext(load_pack(pack_copy), date(2026, 12, 1))))
    # ~8 % of grids off their range (农村/专属 have none), ~6 % recorded staffing missing a role
    assert 0 < sum(f.check.code == "GR701" for f in found) < 60
    assert 0 < sum(f.check.code == "GR702" for f in found) < 60
