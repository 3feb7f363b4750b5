"""Cross-references of the structure in packs other than the bundled one (the broken copies of
the bundled pack are in broken_packs/): each problem at its path:line:col."""

from __future__ import annotations

import pytest

from datetime import date, timedelta

from examplepacks import CITY, MINIMAL, copy_of
from packedits import position

from gridrules.engine.loading import load_pack
from gridrules.errors import PackError


def problems(root) -> list[str]:
    with pytest.raises(PackError) as caught:
        load_pack(root)
    return [str(p).split(str(root) + "/", 1)[1] for p in caught.value.problems]


def test_a_county_bodys_approval_longer_than_its_own_maximum(tmp_path):
    root = copy_of(CITY, tmp_path / "city")
    path = root / "admission" / "temporary.yaml"
    text = path.read_text(encoding="utf-8").replace("to: 2026-06-30", "to: 2026-07-01")
    path.write_text(text, encoding="utf-8")
    line, col = position(text, "2026-07-01")
    assert problems(root) == [f"admission/temporary.yaml:{line}:{col}: BS-LS-2026-01.to: runs 31 days "
                              "(2026-06-01 to 2026-07-01, both counted), longer than the maximum of 30"]


def test_a_body_at_a_unit_of_another_kind_and_an_item_at_a_unit_without_its_body(tmp_path):
    root = copy_of(CITY, tmp_path / "city")
    bodies = root / "admission" / "bodies.yaml"
    text = bodies.read_text(encoding="utf-8").replace("    level: county\n    unit: qingshan\n", "    level: county\n    unit: songlin\n")
    bodies.write_text(text, encoding="utf-8")
    line, col = position(text, "songlin")
    items = root / "admission" / "items.yaml"
    text = items.read_text(encoding="utf-8").replace("    body: baisha_body\n", "    body: baisha_body\n    unit: hekou\n")
    items.write_text(text, encoding="utf-8")
    item_line, item_col = position(text, "hekou")
    found = problems(root)
    assert f"admission/bodies.yaml:{line}:{col}: qingshan_body.unit: unit 'songlin' is a town, but level county is a county's" in found
    assert any(p.startswith(f"admission/items.yaml:{item_line}:{item_col}: BS01.unit: unit 'hekou' has no baisha_body") for p in found)


def test_history_entries_are_not_held_against_todays_bodies(tmp_path):
    # a body renamed after it decided (qingshan_body -> qingshan_grid_body): the history records the
    # decision as it was taken, and is not checked against today's bodies (nor offered a did-you-mean
    # that would invite editing it -- which breaks its hash chain)
    root = copy_of(CITY, tmp_path / "city")
    from gridrules.change.history import record_hand_edit
    from gridrules.change.workflow import withdraw
    from datetime import date

    withdraw(root, "QS01", "2026-4", date(2026, 4, 1))
    for rel in ("admission/bodies.yaml", "admission/items.yaml"):
        path = root / rel
        path.write_text(path.read_text(encoding="utf-8").replace("qingshan_body", "qingshan_grid_body"), encoding="utf-8")
    record_hand_edit(root, "议事机构更名")
    pack = load_pack(root)
    assert [c.decision.by for c in pack.history.changes if c.action == "withdraw"] == ["qingshan_body"]
    assert pack.integrity.intact

# 撤乡并镇: a town that once made a temporary approval merged into another (xihe into dongcheng)

def _merged(tmp_path, first, last):
    """The minimal template with xihe's approval XH-1 recorded (``first`` .. ``last``), then xihe merged into
    dongcheng by hand: gone from the tree, its community now dongcheng's."""
    from gridrules.change.temporary import TemporaryRequest, approve_temporary

    root = copy_of(MINIMAL, tmp_path / "minimal")
    approve_temporary(root, TemporaryRequest(unit="xihe", ref="XH-1", decided_on=first, work="冬季森林防火巡查",
                                             activities=["patrol"], valid_from=first, valid_to=last, hours_per_month=2))
    units = root / "organization" / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8").replace("      - {id: xihe, name: 西河镇}\n", ""), encoding="utf-8")
    registry = root / "organization" / "registry.yaml"
    registry.write_text(registry.read_text(encoding="utf-8").replace("town: xihe", "town: dongcheng"), encoding="utf-8")
    return root


def test_a_merged_town_stays_in_the_history_that_names_it(tmp_path):
    from gridrules.change.history import record_hand_edit

    today = date.today()
    root = _merged(tmp_path, today - timedelta(days=40), today - timedelta(days=20))  # ran out: a record
    record_hand_edit(root, "西河镇并入东城街道")
    pack = load_pack(root)
    assert pack.integrity.intact and "xihe" not in pack.tree.units
    assert [c.decision.unit for c in pack.history.changes if c.decision] == ["xihe"]
    # a task that cites it, decided as of a day it ran: not for the town that took xihe over, said by its id
    from datetime import datetime, time

    from gridrules import Checker

    task = {"id": "T-1", "title": "森林防火巡查", "department": "dongcheng", "issued_by": "town", "town": "dongcheng",
            "temporary_approval": "XH-1", "activities": ["patrol"], "start": str(today - timedelta(days=30))}
    at = datetime.combine(today - timedelta(days=30), time(10), tzinfo=pack.tz)
    decision = Checker(pack).check_task(task, at=at)
    assert decision.verdict == "needs_application"
    assert any("xihe" in reason.text for reason in decision.reasons)


def test_an_approval_in_force_at_a_town_merged_away_is_refused_at_its_unit(tmp_path):
    today = date.today()
    last = today + timedelta(days=20)
    root = _merged(tmp_path, today - timedelta(days=5), last)
    text = (root / "admission" / "temporary.yaml").read_text(encoding="utf-8")
    line, col = position(text, "unit: xihe")
    assert problems(root) == [
        f"admission/temporary.yaml:{line}:{col + 6}: XH-1.unit: unit 'xihe' is no longer in the unit tree "
        f"(organization/units.yaml) but temporary approval XH-1 runs until {last}: put the unit back, withdraw "
        "the approval (`gridrules temporary withdraw XH-1`) and then remove the unit; or change this unit to the one "
        "that took it over and record that with `gridrules history record --reason …` (leave history.yaml's entries as they are)"]
    # moved to the town that took it over, and recorded: the history keeps the unit that decided
    from gridrules.change.history import record_hand_edit

    (root / "admission" / "temporary.yaml").write_text(text.replace("unit: xihe", "unit: dongcheng"), encoding="utf-8")
    record_hand_edit(root, "西河镇并入东城街道，其临时事项由东城街道承接")
    pack = load_pack(root)
    assert pack.approvals_by_ref["XH-1"].unit == "dongcheng"
    assert [c.decision.unit for c in pack.history.changes if c.decision] == ["xihe"]