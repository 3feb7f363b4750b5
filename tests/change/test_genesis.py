"""The genesis entry: written for a pack with no changes (the maintainers' ``python -m gridrules.change.genesis``),
and ``restart`` (``gridrules history restart``): a district's pack before it goes live starts its history again,
its recorded hand edits folded in -- never once the history records a decision."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from appdocs import snapshot
from examplepacks import MINIMAL, copy_of
from gridrules.change.genesis import Restarted, restart, write_genesis
from gridrules.change.history import record_hand_edit
from gridrules.change.temporary import TemporaryRequest, approve_temporary
from gridrules.engine.loading import load_pack
from gridrules.errors import ChangeError, Refused


def _edit(root, old: str, new: str) -> None:
    units = root / "organization" / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_hand_edits_before_going_live_fold_into_a_new_first_version(tmp_path):
    root = copy_of(MINIMAL, tmp_path / "pack")
    _edit(root, "东城街道", "东城镇")
    record_hand_edit(root, "本县的单位")
    _edit(root, "西河镇", "西河乡")
    record_hand_edit(root, "本县的单位（二）")
    _edit(root, "东城镇", "东城街道")  # and one more, not recorded
    before = load_pack(root)
    assert [c.version for c in before.history.changes] == ["0.1.1", "0.1.2"] and not before.integrity.intact

    done = restart(root)
    after = load_pack(root)
    assert after.history.changes == [] and after.integrity.intact
    assert after.history.genesis.version == after.manifest.version == "0.1.2"
    assert done == Restarted("0.1.2", 2, after.integrity.content_digest)
    assert "东城街道" in (root / "organization" / "units.yaml").read_text(encoding="utf-8")  # the files as they are


def test_the_maintainers_genesis_still_refuses_a_history_with_changes(tmp_path):
    root = copy_of(MINIMAL, tmp_path / "pack")
    _edit(root, "东城街道", "东城镇")
    record_hand_edit(root, "本县的单位")
    before = snapshot(root)
    with pytest.raises(ChangeError) as refused:
        write_genesis(root)
    assert not isinstance(refused.value, Refused) and snapshot(root) == before


def test_a_recorded_decision_is_never_erased(tmp_path):
    root = copy_of(MINIMAL, tmp_path / "pack")
    _edit(root, "东城街道", "东城镇")
    record_hand_edit(root, "本县的单位")
    first = date.today() - timedelta(days=10)
    approve_temporary(root, TemporaryRequest(unit="xihe", ref="XH-1", decided_on=first, work="冬季森林防火巡查",
                                             activities=["patrol"], valid_from=first, valid_to=first + timedelta(days=30),
                                             hours_per_month=2))
    before = snapshot(root)
    with pytest.raises(Refused) as refused:
        restart(root)
    assert refused.value.message == (
        "the history cannot start again: it records 1 decisions (the first is entry 2, temporary approval XH-1); "
        "a decision once recorded is never erased -- record later hand edits with gridrules history record --reason …")
    assert snapshot(root) == before


def test_a_history_edited_by_hand_is_not_started_again(tmp_path):
    # an edited chain cannot say that it held hand edits only (a decision's entry may have been removed)
    root = copy_of(MINIMAL, tmp_path / "pack")
    _edit(root, "东城街道", "东城镇")
    record_hand_edit(root, "本县的单位")
    _edit(root, "西河镇", "西河乡")
    record_hand_edit(root, "本县的单位（二）")
    history = root / "history.yaml"
    history.write_text(history.read_text(encoding="utf-8").replace("reason: 本县的单位\n", "reason: 改过\n"), encoding="utf-8")
    before = snapshot(root)
    with pytest.raises(ChangeError) as refused:
        restart(root)
    assert "history.yaml" in str(refused.value) and not isinstance(refused.value, Refused)
    assert snapshot(root) == before
