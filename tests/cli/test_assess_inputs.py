"""``gridrules assess`` given files it cannot score -- a file with no record, YAML records -- and the
units it lists whatever the records hold (every registered community; each town's scoring only of the
departments it summoned)."""

from __future__ import annotations

import json
import re

from clirun import run

AT = "2026-12-20T10:00:00+08:00"
ASSESS = ["--period", "2026-11", "--at", AT]


def test_every_registered_community_is_listed_those_without_events_saying_so(capsys, monkeypatch, tmp_path):
    """Communities are scored (policy §7: 72-hour feedback 50, resolved within 30, satisfaction 20); as
    for towns, every registered one is listed -- the five sample communities of §1 -- those with no event
    counted in the period with no score, on no list, no advice, 本期无计入的事件 beside it in the tables,
    the workbook and the HTML report."""
    record = {"event": {"id": "EV-C1", "type": "MD02", "reported_at": "2026-11-25T09:30:00+08:00",
                        "grid": "tangxiang-heping-01"},
              "steps": [{"at": "2026-11-25T10:00:00+08:00", "kind": "feedback"},
                        {"at": "2026-11-25T11:00:00+08:00", "kind": "resolved"}]}
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps(record) + "\n", "utf-8")
    code, out, _ = run(capsys, monkeypatch, ["assess", str(path), *ASSESS, "--format", "json"])
    assert code == 0
    communities = {u["unit"]: u for u in json.loads(out)["levels"]["community"]}
    assert sorted(communities) == ["baoding-shengji", "longgang-wuxing", "longshui-shuangqiao", "tangxiang-beiguan",
                                   "tangxiang-heping"]
    heping = communities.pop("tangxiang-heping")
    # MD02 routed at community level: feedback 1/1 on time, resolved within the community 1/1 (no revisit)
    assert (heping["events"], heping["score_shown"], heping["no_events"]) == (1, "100.0", False)
    for unit in communities.values():
        assert unit["no_events"] and (unit["events"], unit["cases"], unit["score"], unit["list"]) == (0, 0, None, None)
        assert not unit["budget_cut_advised"] and all(f["share"] is None for f in unit["figures"])
    html, xlsx = tmp_path / "r.html", tmp_path / "r.xlsx"
    code, out, _ = run(capsys, monkeypatch, ["assess", str(path), *ASSESS, "--lang", "zh", "--html", str(html),
                                             "--xlsx", str(xlsx)])
    (row,) = [line for line in out.splitlines() if line.startswith("圣迹村")]
    assert re.search(r"\s—\s+本期无计入的事件\s", row)
    assert re.search(r">圣迹村</td>(<td[^>]*>[^<]*</td>)*<td></td><td>本期无计入的事件</td>", html.read_text("utf-8"))
    from openpyxl import load_workbook

    sheet = load_workbook(xlsx)["村(社区)"]
    header = [c.value for c in sheet[1]]
    (cells,) = [dict(zip(header, (c.value for c in r))) for r in sheet.iter_rows() if r[0].value == "baoding-shengji"]
    assert (cells["单位"], cells["事件"], cells["得分"], cells["说明"]) == ("圣迹村", 0, None, "本期无计入的事件")


def test_a_towns_scoring_lists_only_the_departments_it_summoned(capsys, monkeypatch, tmp_path):
    """Policy §7: towns score the departments they summoned; owners never summoned are not scored. The
    district's pooling lists every department (those not summoned: no events), but a town's scoring is
    not padded with departments it never summoned -- nor with towns that summoned nothing."""
    record = {"event": {"id": "EV-W1", "type": "MD02", "reported_at": "2026-11-16T09:00:00+08:00",
                        "grid": "tangxiang-heping-01"},
              "steps": [{"at": "2026-11-16T09:30:00+08:00", "kind": "whistle", "departments": ["zhujian"]},
                        {"at": "2026-11-16T10:00:00+08:00", "kind": "reported_in", "department": "zhujian"},
                        {"at": "2026-11-16T11:00:00+08:00", "kind": "feedback"},
                        {"at": "2026-11-17T11:00:00+08:00", "kind": "resolved"}]}
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps(record) + "\n", "utf-8")
    code, out, err = run(capsys, monkeypatch, ["assess", str(path), *ASSESS, "--format", "json"])
    assert code == 0, err
    levels = json.loads(out)["levels"]
    assert [u["unit"] for u in levels["department_town"]] == ["zhujian@tangxiang"]
    assert len(levels["department"]) == 22
    assert [u["unit"] for u in levels["department"] if not u["no_events"]] == ["zhujian"]
