"""The words of show, admission, assess --format text and import on screen (catalogue/screens.py):
Chinese by default (tests/cli read it with --lang zh), English under --lang en, where no Chinese
is left but the pack's own texts and the inputs' (names, sentences, its bodies' decisions)."""

from __future__ import annotations

import re

import pytest
import yaml

from appdocs import CANLIAN, write_app
from assessdocs import month_case, records_jsonl
from clirun import run
from gridrules.catalogue import MESSAGES, set_language
from gridrules.change.history import decision_words
from gridrules.catalogue.screens import SCREENS
from gridrules.contract.replay import ReviewImpact
from gridrules.pack.loader import bundled_root, pack_files
from sheets import csv_file, messy_registry

from gridrules.cli.admission import render_impact

AT = "2026-12-20T10:00:00+08:00"
SESSIONS = [("2026-5", "2026-12-18"), ("2027-2", "2027-04-20"), ("2027-4", "2027-09-30"), ("2027-5", "2027-11-30")]
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+")
ITEMS = [
    "编号,事项名称,职责,责任部门,工作内容,频次,工作量,补贴,培训,有效期,活动",
    ",电动自行车充电点巡查,D07,区消防救援支队,巡查楼道,每周,3,60,区消防救援支队：岗前培训,2026-09-01,巡查巡逻、发现报告",
    "L02,出租房屋登记与动态核查,D02,区公安局、区住房城乡建委,,每月,5,80,区公安局,2025-01-01 至 长期,信息采集核实、入户走访、发现报告",
]
REGISTRY = [
    ["棠香街道", "和平社区", "和平社区01网格", "tangxiang-heping-01", "城市网格", "４２０", "张三", "李四", "王五", "赵六", None],
    ["棠香街道", "绿荫社区", "绿荫社区01网格", "tangxiang-lvyin-01", "城市网格", 350, None, None, None, None, None],
]


def _strings(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for k, v in node.items() for s in _strings(k) + _strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return []


@pytest.fixture(scope="module")
def texts(pack) -> str:
    """Every string of the bundled pack and of the inputs below, and the pack's decisions'
    words ({meeting} in bodies.yaml): the only places Chinese may come from under --lang en."""
    found = [s for rel, data in pack_files(bundled_root()) if rel.endswith((".yaml", ".yml"))
             for s in _strings(yaml.safe_load(data))]
    found += _strings(CANLIAN) + _strings(month_case()) + _strings(REGISTRY) + ITEMS + ["棠香.xlsx"]
    found += [decision_words(pack, {"by": body, "session": session, "date": on}) or ""
              for body in pack.bodies for session, on in SESSIONS]
    return "\n".join(found)


def foreign(out: str, texts: str) -> list[str]:
    """The runs of Chinese in ``out`` that are no part of the pack's or the inputs' texts."""
    return [run_ for run_ in CJK.findall(out) if run_ not in texts]


@pytest.fixture
def english(monkeypatch):
    monkeypatch.setenv("GRIDRULES_LANG", "en")
    monkeypatch.delenv("COLUMNS", raising=False)  # a pipe: cells are not wrapped


@pytest.mark.parametrize("key", sorted(SCREENS))
def test_merged_and_english_side_has_no_chinese(key):
    assert MESSAGES[key] == SCREENS[key]  # not overridden by another module's key
    zh, en = SCREENS[key]
    assert not CJK.search(en), key
    assert sorted(re.findall(r"\{(\w+)\}", zh)) == sorted(re.findall(r"\{(\w+)\}", en)), key


@pytest.mark.parametrize("args", [
    ["show", "--at", AT], ["show", "--all", "--at", AT],
    ["show", "departments", "towns", "communities", "grids", "activities", "levels", "grades", "types"],
    ["show", "grids", "和平"],
])
def test_show_in_english(capsys, monkeypatch, english, texts, args):
    code, out, err = run(capsys, monkeypatch, args)
    assert code == 0 and err == ""
    assert foreign(out, texts) == []
    if "--all" in args:
        assert "listed workload 52 hours per grid per month" in out  # policy §4's total
    if "activities" in args:
        assert "negative list F01: not for grid workers" in out


def test_a_withdrawn_item_is_shown_so_in_english(capsys, monkeypatch, english, terms_root):
    """L18 (tests/termspack.py) is withdrawn from 2026-12-20: ``show --all`` lists it as such."""
    code, out, err = run(capsys, monkeypatch, ["show", "--all", "--at", AT, "--pack", str(terms_root)])
    assert code == 0 and err == "" and "L18 (withdrawn)" in out


def test_admission_in_english(capsys, monkeypatch, english, texts, tmp_path, pack_copy, decisions_after_today):
    pack = ["--pack", str(pack_copy)]
    app = write_app(tmp_path, CANLIAN)
    form = str(tmp_path / "form.yaml")
    code, out, err = run(capsys, monkeypatch, ["admission", "new", form, "--id", "APP-1", *pack])
    assert code == 0 and err.startswith(f"application form written to {form}") and foreign(err, texts) == []
    steps = [
        # a correction: L01 is recorded as trained on 2024-12-31 (a later day would be refused)
        ["admission", "trained", "L01", *pack, "--on", "2024-12-02"],
        ["admission", "approve", app, *pack, "--session", "2026-5", "--date", "2026-12-18"],
        ["admission", "amend", "L18", *pack, "--session", "2027-2", "--date", "2027-04-20", "--hours", "3"],
        ["admission", "withdraw", "L18", *pack, "--session", "2027-4", "--date", "2027-09-30", "--effective", "2027-10-15"],
    ]
    outs = []
    for args in steps:
        code, out, err = run(capsys, monkeypatch, args)
        assert code == 0, err
        assert foreign(out, texts) == [] and foreign(err, texts) == [], (args, out, err)
        outs.append(out)
    assert "training for L01" in outs[0] and "delivered on 2024-12-02" in outs[0]
    outs = outs[1:]
    assert outs[0].splitlines()[-3].startswith('added to the list: L18 "残疾人基本服务状况和需求信息入户核查", decided by ')
    assert "pack version 1.1.0 → 1.2.0 (history entry 2)" in outs[0]
    assert "amended L18: decided by " in outs[1] and "in force from 2027-04-20" in outs[1]
    assert "work starting on 2027-10-15 or later is no longer admitted" in outs[2]
    other = write_app(tmp_path, CANLIAN | {"id": "APP-2026-099"}, "other.json")
    code, out, err = run(capsys, monkeypatch, ["admission", "reject", other, *pack, "--session", "2027-5",
                                               "--date", "2027-11-30"])
    assert code == 0 and "rejected application APP-2026-099" in out and foreign(out, texts) == []


def test_the_impact_lines_in_english(pack):
    set_language("en")
    try:
        refused = render_impact(ReviewImpact(since=None, until=None, approved_as=None, refused="no room", replay=None),
                                pack)
    finally:
        set_language(None)
    assert refused == ("impact: it could not be added even if the approving body approved it (no room); "
                       "the decision log was not replayed.")


def test_assess_text_in_english(capsys, monkeypatch, english, texts):
    good = [r for r in month_case()["records"] if r["event"]["id"] != "B1"]
    code, out, err = run(capsys, monkeypatch, ["assess", "-", "--period", "2026-11", "--at", AT, "--explain", "zhujian"],
                         stdin=records_jsonl(good))
    assert code == 0 and err == ""
    assert foreign(out, texts) == []
    assert "[职能部门]" in out and "budget advice:" in out and "报到及时率: reported in on time 2 (Z1, Z3); late or never 1 (Z2)" in out


def test_import_in_english(capsys, monkeypatch, english, texts, tmp_path, pack_copy):
    path = messy_registry(tmp_path / "棠香.xlsx", REGISTRY)
    for extra in ([], ["--apply"], ["--apply"]):
        code, out, err = run(capsys, monkeypatch, ["import", "registry", str(path), "--pack", str(pack_copy), *extra])
        assert code == 0 and foreign(out.replace(str(tmp_path), ""), texts) == [] and foreign(err, texts) == []
    assert "0 units added, 0 changed, 0 removed" in out and err == "no change: nothing written\n"
    items = csv_file(tmp_path / "items.csv", ITEMS)
    code, out, err = run(capsys, monkeypatch, ["import", "items", str(items), "--pack", str(pack_copy), "--id-prefix",
                                               "APP-2026-X", "--at", "2026-06-01T09:00:00+08:00"])
    assert code == 1  # the new item duplicates L08: rejection recommended
    # the reviews between them are the pack's findings (tests/change); import's own lines:
    own = [line for line in out.splitlines() if line.startswith(("row ", "blocking findings", "once the approving body"))]
    assert len(own) == 4 and foreign("\n".join(own), texts) == []
    assert "row 2 application for a new item APP-2026-X-2" in out and "row 3 amendment 出租房屋登记与动态核查 (L02)" in out
    assert "once the approving body decides, record it with: gridrules admission amend L02 --hours 5" in out
