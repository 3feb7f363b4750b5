"""A candidate pack for ``admission review --impact``: the pack copied, the application approved in the copy."""

from __future__ import annotations

from datetime import date

import pytest
from appdocs import CANLIAN, snapshot

from gridrules.change.candidate import approved_copy
from gridrules.change.appform import validate_application
from gridrules.engine.loading import load_pack
from gridrules.errors import Refused


def test_the_bundled_pack_is_copied_with_the_item_approved(tmp_path):
    outcome = approved_copy(None, validate_application(CANLIAN), date(2026, 12, 1), tmp_path / "c")
    pack = load_pack(tmp_path / "c")
    item = pack.items_by_id["L18"]
    assert outcome.target == "L18" and item.approval.application == "APP-2026-017"
    assert list(item.activities) == ["visit", "collect_info", "report"]
    assert "L18" not in load_pack().items_by_id  # the bundled pack is as it was


def test_an_overridable_finding_is_overridden_in_the_copy_only(tmp_path, pack_copy):
    before = snapshot(pack_copy)
    app = validate_application({k: v for k, v in CANLIAN.items() if k != "subsidy"})  # missing: blocks, overridable
    outcome = approved_copy(pack_copy, app, date(2026, 12, 1), tmp_path / "c")
    assert outcome.review is not None and [(f.kind, f.field) for f in outcome.review.blocking] == [
        ("missing_field", "subsidy")]
    assert load_pack(tmp_path / "c").items_by_id["L18"].approval.override
    assert snapshot(pack_copy) == before


def test_what_no_decision_could_approve_is_refused(tmp_path):
    app = validate_application({**CANLIAN, "activities": ["visit", "fly_drones"]})
    with pytest.raises(Refused, match="no decision can override"):
        approved_copy(None, app, date(2026, 12, 1), tmp_path / "c")
