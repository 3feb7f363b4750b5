"""GR801–GR804: levels without units, kinds no level handles, idle bodies, items outside their body's unit."""

from __future__ import annotations

from datetime import date

from examplepacks import CITY, copy_of

from gridrules.catalogue import set_language
from gridrules.engine.loading import load_pack
from gridrules.lint import lint_pack

ON = date(2026, 3, 2)


def codes(report) -> set[tuple[str, str | None]]:
    return {(f.check.code, f.subject) for f in report.findings if f.check.code.startswith("GR8")}


def test_the_bundled_pack_and_the_city_have_no_structure_findings(pack):
    assert codes(lint_pack(pack, ON)) == set()
    assert codes(lint_pack(load_pack(CITY), ON)) == set()


def test_an_item_reaching_outside_its_bodys_county_is_an_error(tmp_path):
    root = copy_of(CITY, tmp_path / "city")
    items = root / "admission" / "items.yaml"
    text = items.read_text(encoding="utf-8")
    # a Qingshan department made an owner of a Baisha item, and a Qingshan street named in it
    text = text.replace("    owners: [bs_mzj]\n", "    owners: [bs_mzj, qs_mzj]\n").replace(
        "    towns: all\n    effective: {from: 2026-01-01}\n    approval: {session: 2025-5",
        "    towns: [hekou, songlin]\n    effective: {from: 2026-01-01}\n    approval: {session: 2025-5")
    items.write_text(text, encoding="utf-8")
    set_language("zh")  # the findings' Chinese is the point here
    try:
        report = lint_pack(load_pack(root), ON)
    finally:
        set_language(None)
    found = [f for f in report.findings if f.check.code == "GR802"]
    assert {(f.subject, str(f.location).rsplit(":", 2)[0].endswith("items.yaml")) for f in found} == {("BS01", True)}
    assert len(found) == 2
    assert any("青山区民政局（qs_mzj）却属于青山区" in f.message for f in found)
    assert any("适用乡镇(街道) songlin 却不在其内" in f.message for f in found)  # the city's word for its towns


def test_a_level_without_units_a_kind_without_a_level_and_an_idle_body(tmp_path):
    root = copy_of(CITY, tmp_path / "city")
    units = root / "organization" / "units.yaml"  # two kinds above the city that no unit is
    units.write_text(units.read_text(encoding="utf-8").replace(
        "  - {id: city, name: 市}\n", "  - {id: city, name: 市}\n  - {id: region, name: 片区}\n  - {id: province, name: 省}\n"),
        encoding="utf-8")
    levels = root / "organization" / "levels.yaml"  # a level for the province only
    levels.write_text(levels.read_text(encoding="utf-8").replace(
        "  - {id: city, unit: city, name: 市, powers: [enforce]}\n",
        "  - {id: city, unit: city, name: 市, powers: [enforce]}\n  - {id: province, unit: province, name: 省, powers: []}\n"),
        encoding="utf-8")
    bodies = root / "admission" / "bodies.yaml"
    bodies.write_text(bodies.read_text(encoding="utf-8") + (
        "  - id: advisory\n    name: 专家咨询组\n    level: county\n    unit: baisha\n"
        "    decision: \"{body} {session}（{date}）\"\n"), encoding="utf-8")
    report = lint_pack(load_pack(root), ON)
    assert codes(report) == {("GR801", "province"), ("GR803", "region"), ("GR804", "advisory")}
