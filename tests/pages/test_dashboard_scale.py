"""统计看板's assessment at a province's size, in a real browser: ~4,100 communities are listed town by
town, each town's folded, under the lowest-scoring ones; the workbook download keeps every one.

The pack is a copy of the bundled one whose registry gains 4,100 communities spread over its towns
(one grid each); each community has one event in 2026-11, resolved with the resident satisfied, or,
in every 150th community, dissatisfied (回访不满意): those score lowest (the satisfaction indicator,
policy §7), so the lowest listed must all be among them.
"""

from __future__ import annotations

import io
import json
import pathlib

import pytest

from gridrules import load_pack
from pagekit import Served, browser, shots, visit  # noqa: F401 - fixtures
from conftest import write_pack_copy

expect = pytest.importorskip("playwright.sync_api", reason="playwright is not installed").expect

COMMUNITIES = 4100
BAD_EVERY = 150
WORST = 20  # the page's: the lowest scores it shows above the folded towns


class Province:
    def __init__(self, root: pathlib.Path):
        self.pack = write_pack_copy(root / "source")
        towns = list(load_pack(self.pack).towns.items())
        self.towns: dict[str, list[str]] = {}  # town name -> its new communities' names
        self.bad: set[str] = set()
        lines, records = [], []
        for n in range(COMMUNITIES):
            town, about = towns[n % len(towns)]
            cid, name = f"{town}-p{n:04d}", f"{about.name}第{n:04d}社区"
            self.towns.setdefault(about.name, []).append(name)
            lines.append(f"  - id: {cid}\n    name: {name}\n    town: {town}\n    grids:\n"
                         f"      - {{id: {cid}-01, name: {name}01网格, kind: urban}}\n")
            satisfaction = "satisfied"
            if n % BAD_EVERY == 0:
                satisfaction = "dissatisfied"
                self.bad.add(name)
            day = 2 + n % 20
            records.append({"event": {"id": f"P{n:05d}", "type": "MD02", "grid": f"{cid}-01",
                                      "reported_at": f"2026-11-{day:02d}T09:00:00+08:00"},
                            "steps": [{"at": f"2026-11-{day:02d}T10:00:00+08:00", "kind": "feedback"},
                                      {"at": f"2026-11-{day:02d}T11:00:00+08:00", "kind": "resolved"},
                                      {"at": f"2026-11-{day + 1:02d}T09:00:00+08:00", "kind": "revisit",
                                       "satisfaction": satisfaction}]})
        registry = self.pack / "organization" / "registry.yaml"
        registry.write_text(registry.read_text(encoding="utf-8") + "".join(lines), encoding="utf-8")
        self.records = root / "province.jsonl"
        self.records.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


@pytest.fixture(scope="module")
def province(tmp_path_factory) -> Province:
    return Province(tmp_path_factory.mktemp("province"))


@pytest.fixture(scope="module")
def served(tmp_path_factory, province):
    server = Served(tmp_path_factory.mktemp("served"), source=province.pack)
    try:
        yield server
    finally:
        server.stop()


def _fill(page, records: pathlib.Path) -> None:
    page.goto("/ui/dashboard")
    page.get_by_label("考核期").fill("2026-11")
    page.get_by_label("判定时点").fill("2026-12-20T10:00")
    page.get_by_label("事件全过程记录").set_input_files(str(records))


def test_a_provinces_communities_are_folded_by_town_under_the_lowest(visit, province):
    district = visit("auditor")
    page = district.page
    _fill(page, province.records)
    with page.expect_response(lambda r: r.request.method == "POST" and r.url.endswith("/dashboard/assess")) as answer:
        page.get_by_role("button", name="考核", exact=True).click()
    assert answer.value.status == 200
    # no table of every community: the lowest, then one folded group per town
    expect(page.locator("#scores-community")).to_have_count(0)
    worst = page.locator("#worst-community tbody tr")
    expect(worst).to_have_count(WORST)
    assert {name.strip() for name in worst.locator("th").all_inner_texts()} <= province.bad
    groups = page.locator("#towns-community details.town")
    expect(groups).to_have_count(len(province.towns))
    # folded: no town's rows are shown until it is opened
    assert page.locator("#towns-community details.town[open]").count() == 0
    town, names = next(iter(province.towns.items()))
    group = groups.filter(has=page.locator("summary", has_text=f"{town}："))
    expect(group.locator("tbody tr").first).to_be_hidden()
    group.locator("summary").click()
    rows = group.locator("tbody tr th")
    expect(rows.first).to_be_visible()
    shown = set(rows.all_inner_texts())
    assert set(names) <= shown and len(shown) - len(names) <= 2  # the bundled pack's own communities of the town too
    district.shot("province")


def test_the_workbook_download_keeps_every_community(visit, province):
    openpyxl = pytest.importorskip("openpyxl")
    district = visit("auditor")
    page = district.page
    _fill(page, province.records)
    with page.expect_download() as download:
        page.get_by_role("button", name="下载工作簿").click()
    book = openpyxl.load_workbook(io.BytesIO(pathlib.Path(download.value.path()).read_bytes()), read_only=True)
    cells = {cell for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for cell in row}
    every = {name for group in province.towns.values() for name in group}
    assert every <= cells  # each community's row (its id and name, then its figures), the folded ones too
