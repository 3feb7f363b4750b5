"""Review rev10c: what an assessment says about units it cannot judge as the district's.

1. A community code the registry does not hold (a slip: ``tangxiang-hepign`` for ``tangxiang-heping``,
   和平社区; or one not yet registered) is counted apart: never scored, never on the 红黑榜 or in the
   budget advice (the district's circulated judgements of its registered units), and named in every
   summary with its records and a did-you-mean.  Its records still name a registered town: they are
   that town's events (policy §7, "the events in the town"), so the town's score keeps them.
2. A department's district-wide events are its towns' scorings of it plus the events that name no
   town: how many is said beside the pooled figures.
3. Without the towns' task decisions (``--decisions``), 无违规派单率 has no case in any town's score:
   every output says so.
"""

from __future__ import annotations

import json
from html import escape

from openpyxl import load_workbook

from assessdocs import records_jsonl
from clirun import run
from gridrules.catalogue import t

AT = "2026-12-20T10:00:00+08:00"
SLIP = "tangxiang-hepign"  # 和平社区 is tangxiang-heping (棠香街道)
NEW_GRID = "tangxiang-heping-09"  # not in the registry (its community has grids 01-03)


def _typo(i: int, feedback: bool = True) -> dict:
    """typo.jsonl's record (rev10c): an unregistered grid naming a slip of 和平社区's code and 龙石镇, a
    CG07 handled in the community; ``feedback``: fed back in time (else never: late at the check)."""
    steps = ([{"at": "2026-11-28T10:15:00+08:00", "kind": "feedback"}] if feedback else []) + [
        {"at": "2026-12-01T07:39:00+08:00", "kind": "resolved"},
        {"at": "2026-12-03T00:20:00+08:00", "kind": "revisit", "satisfaction": "basic"}]
    return {"event": {"id": f"TYPO-{i}", "type": "CG07", "reported_at": "2026-11-27T17:09:00+08:00",
                      "grid": NEW_GRID, "community": SLIP, "town": "longshi", "life_threat": False,
                      "people_involved": 1, "reporters": 1}, "steps": steps}


def _no_town(id_: str, grid: str) -> dict:
    """An AQ02 whistled to 区应急管理局 (yingji); from an unregistered grid naming no community or town,
    its town is not known."""
    return {"event": {"id": id_, "type": "AQ02", "reported_at": "2026-11-22T15:39:00+08:00", "grid": grid,
                      "people_involved": 11, "reporters": 1},
            "steps": [{"at": "2026-11-22T15:43:00+08:00", "kind": "whistle", "departments": ["yingji"]},
                      {"at": "2026-11-23T09:14:00+08:00", "kind": "reported_in", "department": "yingji"},
                      {"at": "2026-11-24T14:28:00+08:00", "kind": "responded", "unit": "dazu"},
                      {"at": "2026-11-25T18:44:00+08:00", "kind": "feedback"},
                      {"at": "2026-11-27T08:49:00+08:00", "kind": "resolved"}]}


def _assess(capsys, monkeypatch, records: list[dict], *options: str) -> tuple[int, str, str]:
    return run(capsys, monkeypatch, ["assess", "-", "--period", "2026-11", "--at", AT, *options],
               stdin=records_jsonl(records))


def test_a_slip_of_a_community_code_is_on_no_list_and_its_town_keeps_its_events(capsys, monkeypatch):
    code, out, err = _assess(capsys, monkeypatch, [_typo(i) for i in range(12)], "--format", "json")
    assert code == 0
    doc = json.loads(out)
    # 12 cases, every figure met: the slip's 100.0 put it on the 红榜 before; now it is scored nowhere
    assert SLIP not in [u["unit"] for u in doc["levels"]["community"]]
    assert [(u["level"], u["unit"]) for u in doc["red"]] == [("town", "longshi")]
    heping = {u["unit"]: u for u in doc["levels"]["community"]}["tangxiang-heping"]
    assert heping["no_events"]  # the real 和平社区 has none: the records named another code
    town = {u["unit"]: u for u in doc["levels"]["town"]}["longshi"]
    assert (town["events"], town["cases"]) == (12, 12)  # 龙石镇's events, whatever community they name
    assert doc["records"]["unregistered"] == [
        {"level": "community", "unit": SLIP, "records": 12,
         "did_you_mean": {"unit": "tangxiang-heping", "name": "和平社区"}},
        {"level": "grid", "unit": NEW_GRID, "records": 12,
         "did_you_mean": {"unit": "tangxiang-heping-03", "name": "和平社区03网格"}}]


def test_an_unregistered_community_below_the_line_gets_no_black_list_or_budget_advice(capsys, monkeypatch):
    # never fed back: feedback 0/3 (50), resolved in the community 3/3 (30), satisfied 3/3 (20): 50.0,
    # below the black list's 70 with 3 cases and the budget's 80 -- were it a registered community.  龙石镇
    # keeps the events: feedback 0/3 (20), not beyond the town 3/3 (15), satisfied 3/3 (15), no case of
    # town-handled closure or of 违规派单: 30/50 = 60.0, on the black list and advised a cut itself
    code, out, err = _assess(capsys, monkeypatch, [_typo(i, feedback=False) for i in range(3)], "--format", "json")
    doc = json.loads(out)
    assert code == 0
    assert [(u["unit"], u["score"]) for u in doc["black"]] == [("longshi", "60.0")]
    assert [u["unit"] for u in doc["budget_advice"]] == ["longshi"]
    assert sorted(u["unit"] for u in doc["levels"]["community"]) == sorted(
        ["tangxiang-heping", "tangxiang-beiguan", "longgang-wuxing", "longshui-shuangqiao", "baoding-shengji"])


def test_every_output_names_the_unregistered_units_with_their_records_and_the_code_meant(capsys, monkeypatch,
                                                                                      tmp_path):
    book, page = tmp_path / "a.xlsx", tmp_path / "a.html"
    code, out, err = _assess(capsys, monkeypatch, [_typo(i) for i in range(12)], "--xlsx", str(book),
                             "--html", str(page))
    assert code == 0
    meant = "tangxiang-hepign 12 (did you mean 和平社区（tangxiang-heping，棠香街道）?)"
    said = t("screen.assess.unregistered", level="community", n=1, records=12,
             why=t("screen.assess.unregistered_why.community", town="town", community="community", grid="grid"),
             units=meant)
    summary = out.splitlines()[1]
    assert said in summary and meant in summary
    assert SLIP not in "\n".join(out.splitlines()[2:]).split("[grid")[0]  # in no scored table, on no list
    assert said in page.read_text(encoding="utf-8")
    notes = [row[1] for row in load_workbook(book)["about"].iter_rows(values_only=True) if row[0] == "note"]
    assert said in notes


def test_the_first_five_unregistered_are_named_most_records_first(capsys, monkeypatch):
    grids = [f"nowhere-x{i:02d}" for i in range(7)]
    records = [_no_town(f"N{i}-{k}", grid) for i, grid in enumerate(grids) for k in range(i + 1)]
    code, out, err = _assess(capsys, monkeypatch, records)
    assert code == 0
    units = "、".join(f"nowhere-x{i:02d} {i + 1}" for i in (6, 5, 4, 3, 2))
    assert t("screen.assess.unregistered", level="grid", n=7, records=28,
             why=t("screen.assess.unregistered_why.grid", town="town", community="community", grid="grid"),
             units=t("screen.assess.mismatch_more", events=units.replace("、", t("screen.joiner")))) in out


def test_unregistered_units_are_the_same_on_one_process_and_on_workers(capsys, monkeypatch, tmp_path):
    records = [_typo(i) for i in range(12)] + [_no_town(f"N{i}", "nowhere-x01") for i in range(5)]
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text(records_jsonl(records[::2]), encoding="utf-8")
    second.write_text(records_jsonl(records[1::2]), encoding="utf-8")
    docs = []
    for workers in ("1", "2"):
        code, out, err = run(capsys, monkeypatch, ["assess", str(first), str(second), "--period", "2026-11",
                                                   "--at", AT, "--format", "json", "--workers", workers, "--quiet"])
        assert code == 0
        docs.append(json.loads(out))
    assert docs[0] == docs[1]
    # the communities, then the grids, most records first
    assert [(u["unit"], u["records"]) for u in docs[0]["records"]["unregistered"]] == [
        (SLIP, 12), (NEW_GRID, 12), ("nowhere-x01", 5)]


def test_a_departments_events_with_no_town_are_said_beside_its_pooled_figures(capsys, monkeypatch, tmp_path):
    # N1, N2: no town known (an unregistered grid, no community or town); N3: 和平社区's registered grid (棠香街道)
    records = [_no_town("N1", "nowhere-x01"), _no_town("N2", "nowhere-x02"), _no_town("N3", "tangxiang-heping-03")]
    code, out, err = _assess(capsys, monkeypatch, records, "--format", "json")
    assert code == 0
    doc = json.loads(out)
    yingji = {u["unit"]: u for u in doc["levels"]["department"]}["yingji"]
    by_towns = [(u["unit"], u["events"]) for u in doc["levels"]["department_town"]]
    assert (yingji["events"], yingji["events_without_town"], by_towns) == (3, 2, [("yingji@tangxiang", 1)])
    assert {u["events_without_town"] for u in doc["levels"]["department"] if u["unit"] != "yingji"} == {0}
    book, page = tmp_path / "a.xlsx", tmp_path / "a.html"
    code, out, err = _assess(capsys, monkeypatch, records, "--xlsx", str(book), "--html", str(page))
    header = t("screen.assess.col.no_town", town="town")
    table = out.split("\n\n")[1].splitlines()
    assert header in table[1]
    row = next(line for line in table if line.startswith("区应急管理局"))
    assert row.split()[1:3] == ["3", "2"]  # events, of which no town
    assert f"<th>{t('report.col.no_town', town='town')}</th>" in page.read_text(encoding="utf-8")
    sheet = load_workbook(book).worksheets[0]
    head = [c.value for c in sheet[1]]
    column = head.index(t("report.col.no_town", town="town"))
    found = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[1] == "yingji")
    assert (found[head.index("events")], found[column]) == (3, 2)


def test_without_the_towns_task_decisions_every_output_says_the_indicator_is_left_out(capsys, monkeypatch,
                                                                                    tmp_path):
    records = [_no_town("N3", "tangxiang-heping-03")]
    said = t("screen.assess.no_decisions", town="town", indicator="无违规派单率")
    book, page = tmp_path / "a.xlsx", tmp_path / "a.html"
    code, out, err = _assess(capsys, monkeypatch, records, "--xlsx", str(book), "--html", str(page))
    assert code == 0 and said in out.splitlines()[1]
    assert escape(said) in page.read_text(encoding="utf-8")
    assert said in [row[1] for row in load_workbook(book)["about"].iter_rows(values_only=True) if row[0] == "note"]
    code, out, err = _assess(capsys, monkeypatch, records, "--format", "json")
    assert json.loads(out)["decisions_given"] is False
    decisions = tmp_path / "tasks.jsonl"
    decisions.write_text("", encoding="utf-8")  # given, holding no task of the period: nothing left unsaid
    code, out, err = _assess(capsys, monkeypatch, records, "--decisions", str(decisions))
    assert code == 0 and said not in out
    code, out, err = _assess(capsys, monkeypatch, records, "--decisions", str(decisions), "--format", "json")
    assert json.loads(out)["decisions_given"] is True


def test_unregistered_units_and_events_with_no_town_are_the_same_on_a_dask_cluster(tmp_path, monkeypatch):
    import pytest

    distributed = pytest.importorskip("distributed")
    from datetime import datetime

    from gridrules import Checker, load_pack
    from gridrules.assess import parallel, parse_period
    from gridrules.assess.report import as_dict

    pack = load_pack(None)
    records = [_typo(i) for i in range(12)] + [_no_town(f"N{i}", "nowhere-x01") for i in range(5)]
    path = tmp_path / "r.jsonl"
    path.write_text(records_jsonl(records), encoding="utf-8")
    at, period = datetime.fromisoformat(AT), parse_period("2026-11")
    one = as_dict(parallel.assess_files(Checker(pack), None, [str(path)], period, at), pack)
    monkeypatch.setattr(parallel, "SHARD_BYTES", 2000)  # several shards
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None, worker_dashboard_address=None) as cluster:
        spread = as_dict(parallel.assess_files(Checker(pack), None, [str(path)], period, at,
                                               scheduler=cluster.scheduler_address), pack)
    assert json.dumps(spread, sort_keys=True) == json.dumps(one, sort_keys=True)
    assert [(u["unit"], u["records"]) for u in one["records"]["unregistered"]] == [
        (SLIP, 12), (NEW_GRID, 12), ("nowhere-x01", 5)]
    assert {u["unit"]: u["events_without_town"] for u in one["levels"]["department"]}["yingji"] == 5
