"""Where items and temporary approvals apply: their body, its unit, the towns within."""

from __future__ import annotations

from examplepacks import CITY

from gridrules.engine.loading import load_pack


def test_dazu_items_apply_everywhere_and_belong_to_the_joint_meeting(pack):
    scopes = pack.scopes
    item = pack.items_by_id["L01"]
    assert scopes.item_body(item).id == "joint_meeting" and scopes.item_unit(item) == "dazu"
    assert scopes.item_list(item) == "work_list"
    assert scopes.item_towns(item) is None and not scopes.body_scoped(item)
    approval = pack.approvals_by_ref["TX-2026-11"]
    assert scopes.approval_body(approval).id == "town"
    assert scopes.approval_users(approval) == ({"tangxiang"}, frozenset())  # the town's own, no department
    assert scopes.approval_name("tangxiang") == "棠香街道专题研究批复"


def test_a_county_bodys_items_and_approvals_apply_within_the_county():
    pack = load_pack(CITY)
    scopes = pack.scopes
    bs01 = pack.items_by_id["BS01"]
    assert scopes.item_body(bs01).id == "baisha_body" and scopes.item_unit(bs01) == "baisha"
    assert scopes.item_towns(bs01) == {"baishazhen", "hekou"} and scopes.body_scoped(bs01)
    assert scopes.item_towns(pack.items_by_id["S01"]) is None  # the city's list: everywhere
    towns, departments = scopes.approval_users(pack.approvals_by_ref["BS-LS-2026-01"])
    assert towns == {"baishazhen", "hekou"} and departments == {"bs_mzj", "bs_yjj"}
    # a department applies to the body of its own level: a county department to its county's
    assert [x.id if hasattr(x, "id") else x for x in scopes.body_for("bs_mzj")] == ["baisha_body", "baisha"]
    assert [x.id if hasattr(x, "id") else x for x in scopes.body_for("sfj")] == ["city_body", "shicity"]


def test_the_listed_workload_counts_only_the_items_that_apply_in_a_town():
    pack = load_pack(CITY)
    from datetime import date
    on = date(2026, 3, 2)
    assert pack.listed_hours(on, town="hekou") == 8 + 4      # S01 + BS01
    assert pack.listed_hours(on, town="songlin") == 8 + 3    # S01 + QS01
    assert pack.listed_hours(on) == 12                   # the town that carries the most
