"""A whistle recorded at a level that blows none (policy §6: only when the handling level is town
or district and the matter needs a department) has no limit to judge its 报到 by -- §7 re-routes
the limit "at the level current at that moment" -- so it is not scored: the departments it names
are not scored on the event (报到, closure, feedback), and no town scores them for an event it
never handled.  Review finding F4 (MD03, routed to the community, whistles to zhujian and gongan)."""

from __future__ import annotations

import json

from assessdocs import records_jsonl
from clirun import run
from gridrules.catalogue import t

AT = "2026-12-20T10:00:00+08:00"
GRID = "tangxiang-heping-01"


def _record(id_, type_, department):
    return {"event": {"id": id_, "type": type_, "reported_at": "2026-11-02T09:00:00+08:00", "grid": GRID},
            "steps": [{"at": "2026-11-02T09:30:00+08:00", "kind": "whistle", "departments": [department]},
                      {"at": "2026-11-03T15:00:00+08:00", "kind": "reported_in", "department": department},
                      {"at": "2026-11-03T16:00:00+08:00", "kind": "feedback"},
                      {"at": "2026-11-05T08:00:00+08:00", "kind": "resolved"}]}


def _assessed(capsys, monkeypatch, records):
    code, out, err = run(capsys, monkeypatch, ["assess", "-", "--period", "2026-11", "--at", AT, "--format", "json"],
                         stdin=records_jsonl(records))
    assert code == 0 and err == ""
    return json.loads(out)


def test_a_whistle_where_the_level_blows_none_scores_no_department(capsys, monkeypatch):
    doc = _assessed(capsys, monkeypatch, [_record("Q1", "MD03", "zhujian"), _record("Q2", "MD03", "gongan")])
    assert [u["unit"] for u in doc["levels"]["department"] if not u["no_events"]] == []
    assert doc["levels"]["department_town"] == []
    assert doc["budget_advice"] == [] and doc["black"] == []
    # the community still answers for its feedback: both on time (11-03 16:00 <= 11-05 09:00)
    community = {u["unit"]: u for u in doc["levels"]["community"]}["tangxiang-heping"]
    figures = {f["indicator"]: (f["numerator"], f["denominator"]) for f in community["figures"]}
    assert figures["feedback"] == (2, 2)


def test_the_same_whistle_at_town_level_is_scored(capsys, monkeypatch):
    # AQ03 (significant, town): 日常哨 09:30, due 11-03 09:30 (the grade's 24 h); 报到 11-03 15:00 is late
    doc = _assessed(capsys, monkeypatch, [_record("Q3", "AQ03", "zhujian")])
    departments = {u["unit"]: u for u in doc["levels"]["department"] if not u["no_events"]}
    figures = {f["indicator"]: (f["numerator"], f["denominator"]) for f in departments["zhujian"]["figures"]}
    assert figures["reported_in"] == (0, 1)
    assert [u["unit"] for u in doc["levels"]["department_town"]] == ["zhujian@tangxiang"]


def test_every_report_counts_and_names_the_records_whose_whistle_is_unscored(capsys, monkeypatch, tmp_path):
    # Q1 whistles at the community (MD03: no whistle there, policy §6), Q3 at the town (AQ03: scored)
    both = [_record("Q1", "MD03", "zhujian"), _record("Q3", "AQ03", "zhujian")]
    records = records_jsonl(both)
    doc = _assessed(capsys, monkeypatch, both)
    assert doc["records"]["unscored_whistles"] == 1
    assert doc["records"]["unscored_whistles_named"] == [{"record": "<stdin>:1", "event": "Q1"}]
    said = t("screen.assess.unscored_whistles", n=1, events="Q1")
    code, out, err = run(capsys, monkeypatch, ["assess", "-", "--period", "2026-11", "--at", AT], stdin=records)
    assert code == 0 and said in out  # the text's summary line, in the catalogue's words
    page = tmp_path / "report.html"
    code, out, err = run(capsys, monkeypatch, ["assess", "-", "--period", "2026-11", "--at", AT, "--html", str(page)],
                         stdin=records)
    assert code == 0 and said in page.read_text(encoding="utf-8")

