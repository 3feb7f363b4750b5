"""Versions and the history file."""

from __future__ import annotations

from datetime import date

import pytest

from appdocs import CANLIAN, FULIAN
from gridrules.contract.application import Application
from gridrules.change.history import HISTORY, bump
from gridrules.engine.loading import load_pack
from gridrules.change.workflow import approve

pytestmark = pytest.mark.usefixtures("decisions_after_today")  # sessions dated after the machine clock


@pytest.mark.parametrize("version, part, after", [("1.0.0", "minor", "1.1.0"), ("1.9.3", "minor", "1.10.0"),
                                                   ("1.9.3", "patch", "1.9.4"), ("2.0.9", "patch", "2.0.10")])
def test_bump(version, part, after):
    assert bump(version, part) == after


def test_the_history_is_appended_to_without_touching_genesis_or_earlier_entries(pack_copy):
    shipped = (pack_copy / HISTORY).read_text(encoding="utf-8")
    genesis = shipped[:shipped.index("changes: []")]
    approve(pack_copy, Application.model_validate(CANLIAN), "2026-5", date(2026, 12, 18))
    first = (pack_copy / HISTORY).read_text(encoding="utf-8")
    assert first.startswith(genesis) and "\nchanges:\n  - seq: 1\n    action: approve\n    target: L18\n" in first
    approve(pack_copy, Application.model_validate(FULIAN), "2026-5", date(2026, 12, 18))
    second = (pack_copy / HISTORY).read_text(encoding="utf-8")
    assert second.startswith(first) and "\n  - seq: 2\n    action: approve\n    target: L19\n" in second
    assert [c.seq for c in load_pack(pack_copy).history.changes] == [1, 2]


def test_the_manifest_keeps_its_comments(pack_copy):
    before = (pack_copy / "pack.yaml").read_text(encoding="utf-8")
    approve(pack_copy, Application.model_validate(CANLIAN), "2026-5", date(2026, 12, 18))
    after = (pack_copy / "pack.yaml").read_text(encoding="utf-8")
    assert after == before.replace("\nversion: 1.0.0\n", "\nversion: 1.1.0\n")
