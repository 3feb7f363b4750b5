"""GR701/GR702 judge only what the registry records, against the ranges and roles of levels.yaml."""

from __future__ import annotations

from datetime import date

import pytest

from gridrules.lint import lint_path

GRID = "{id: tangxiang-heping-01, name: 和平社区01网格, kind: urban}"
FULL = "staff: {leader: [甲], full_time: [乙], part_time: [丙], instructor: [丁]}"


def codes_for(pack_copy, grid: str) -> list[str]:
    path = pack_copy / "organization/registry.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(GRID, grid), encoding="utf-8")
    report = lint_path(pack_copy, date(2026, 12, 1))
    assert report.loaded
    return [f.check.code for f in report.findings if f.subject == "tangxiang-heping-01"]


@pytest.mark.parametrize("grid, expected", [
    ("{id: tangxiang-heping-01, name: x, kind: urban, households: 300}", []),  # the range's ends are inside
    ("{id: tangxiang-heping-01, name: x, kind: urban, households: 500}", []),
    ("{id: tangxiang-heping-01, name: x, kind: urban, households: 299}", ["GR701"]),
    ("{id: tangxiang-heping-01, name: x, kind: micro, households: 81}", ["GR701"]),
    ("{id: tangxiang-heping-01, name: x, kind: micro, households: 50}", []),
    ("{id: tangxiang-heping-01, name: x, kind: rural, households: 2000}", []),  # 农村网格 has no range
    ("{id: tangxiang-heping-01, name: x, households: 2000}", []),  # no kind, no range
    ("{id: tangxiang-heping-01, name: x, kind: urban, " + FULL + "}", []),
    ("{id: tangxiang-heping-01, name: x, kind: urban, staff: {leader: [甲]}}", ["GR702"]),
    ("{id: tangxiang-heping-01, name: x, kind: urban, staff: {leader: [甲], full_time: [乙], part_time: [丙], instructor: []}}",
     ["GR702"]),
])
def test_registry_checks(pack_copy, grid, expected):
    assert codes_for(pack_copy, grid) == expected


@pytest.mark.parametrize("full_time, expected", [
    ("[乙、戊]", []),  # one entry naming two people: two, as the registry import reads the cell
    ("[乙, 戊]", []),
    ("[李　明]", ["GR702"]),  # one person aligned with a full-width space, not two
])
def test_staffing_counts_people_as_the_import_reads_them(pack_copy, full_time, expected):
    levels = pack_copy / "organization/levels.yaml"
    text = levels.read_text(encoding="utf-8")
    assert "column: 专职, min: 1}" in text
    levels.write_text(text.replace("column: 专职, min: 1}", "column: 专职, min: 2}"), encoding="utf-8")
    grid = "{id: tangxiang-heping-01, name: x, kind: urban, staff: {leader: [甲], full_time: " + full_time + \
        ", part_time: [丙], instructor: [丁]}}"
    assert codes_for(pack_copy, grid) == expected
