"""The unit tree: kinds lowest first, any depth, walks up and down; the old two-level form read as a tree."""

from __future__ import annotations

from examplepacks import CITY

from gridrules.engine.loading import load_pack


def test_the_bundled_tree_is_the_district_and_its_towns(pack):
    tree = pack.tree
    assert [k.id for k in tree.kinds] == ["grid", "community", "town", "district"]
    assert tree.roots == ("dazu",) and pack.district.handler_name == "大足区综治中心"
    assert len(pack.towns) == 27 and pack.towns["tangxiang"].handler_name == "棠香街道基层治理指挥中心"
    assert [u.id for u in tree.ancestors("tangxiang")] == ["tangxiang", "dazu"]
    assert tree.towns_within("dazu") == frozenset(pack.towns) and tree.towns_within("tangxiang") == {"tangxiang"}
    assert tree.spans() == ("none", "grids", "communities", "towns")


def test_a_city_tree_has_five_kinds_and_kinds_follow_depth():
    pack = load_pack(CITY)
    tree = pack.tree
    assert [k.id for k in tree.kinds] == ["grid", "community", "town", "county", "city"]
    # kinds left out in the file are one below the parent's
    assert tree.units["baisha"].kind == "county" and tree.units["hekou"].kind == "town"
    assert set(pack.towns) == {"baishazhen", "hekou", "qingshanjd", "songlin"}
    assert [u.id for u in tree.ancestors("hekou")] == ["hekou", "baisha", "shicity"]
    assert tree.towns_within("qingshan") == {"qingshanjd", "songlin"}
    assert tree.within("songlin", "qingshan") and not tree.within("songlin", "baisha")
    assert tree.units["qingshan"].handler_name == "青山区社会治理中心"  # the kind's handler_name, filled
    assert tree.spans() == ("none", "grids", "communities", "towns", "counties")


OLD_FORM = """\
district:
  id: dazu
  name: 大足区
  handler_name: 大足区综治中心
town_handler_name: "{name}基层治理指挥中心"
towns:
"""


def test_the_old_district_and_towns_form_still_loads_as_the_same_tree(pack, pack_copy):
    towns = "".join(f"  - {{id: {t.id}, name: {t.name}}}\n" for t in pack.towns.values())
    (pack_copy / "organization" / "units.yaml").write_text(OLD_FORM + towns, encoding="utf-8")
    old = load_pack(pack_copy)
    assert old.tree.old_form and not pack.tree.old_form
    assert [(k.id, k.spans, k.handler_name) for k in old.tree.kinds] == [
        (k.id, k.spans, k.handler_name) for k in pack.tree.kinds]
    assert {u: (x.kind, x.parent, x.handler_name) for u, x in old.tree.units.items()} == {
        u: (x.kind, x.parent, x.handler_name) for u, x in pack.tree.units.items()}
