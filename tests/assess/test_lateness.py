"""What the assessment counts late (the district policy, section 7): nothing for a deadline that
falls after the matter's resolution, except feedback -- a 报到 answered late after the resolution
counts as the whistle never answered does, and puts nobody on the 黑榜."""

from __future__ import annotations

import json

from assessdocs import records_jsonl
from clirun import run

AT = "2026-12-20T10:00:00+08:00"
GRID = "baoding-shengji-01"


def _event(id_, type_, reported_at):
    return {"id": id_, "type": type_, "reported_at": reported_at, "grid": GRID}


RECORDS = [
    # significant: 日常哨 09:30, 报到 due 11-03 09:30 (24 h); resolved 11-02 12:00, answered 11-03 10:00
    {"event": _event("W1", "AQ03", "2026-11-02T09:00:00+08:00"),
     "steps": [{"at": "2026-11-02T09:30:00+08:00", "kind": "whistle", "departments": ["zhujian"]},
               {"at": "2026-11-02T10:00:00+08:00", "kind": "feedback"},
               {"at": "2026-11-02T12:00:00+08:00", "kind": "resolved"},
               {"at": "2026-11-03T10:00:00+08:00", "kind": "reported_in", "department": "zhujian"}]},
    # urgent: 应急哨 09:00, due 09:30; resolved 09:20; answered 10:00
    {"event": _event("W2", "TF01", "2026-11-03T09:00:00+08:00"),
     "steps": [{"at": "2026-11-03T09:00:00+08:00", "kind": "whistle", "departments": ["yingji"]},
               {"at": "2026-11-03T09:20:00+08:00", "kind": "resolved"},
               {"at": "2026-11-03T10:00:00+08:00", "kind": "reported_in", "department": "yingji"}]},
    # the same, never answered
    {"event": _event("W3", "TF01", "2026-11-03T09:00:00+08:00"),
     "steps": [{"at": "2026-11-03T09:00:00+08:00", "kind": "whistle", "departments": ["xiaofang"]},
               {"at": "2026-11-03T09:20:00+08:00", "kind": "resolved"}]},
]


def test_a_late_answer_after_the_resolution_counts_as_no_answer(capsys, monkeypatch):
    code, out, err = run(capsys, monkeypatch, ["assess", "-", "--period", "2026-11", "--at", AT, "--format", "json"],
                         stdin=records_jsonl(RECORDS))
    assert code == 0 and err == ""
    doc = json.loads(out)
    departments = {u["unit"]: u for u in doc["levels"]["department"]}
    figures = {unit: {f["indicator"]: (f["numerator"], f["denominator"]) for f in u["figures"]}
               for unit, u in departments.items()}
    # no 报到 is judged for any of the three: each deadline fell after its resolution
    assert {unit: f["reported_in"] for unit, f in figures.items()} == {
        "zhujian": (0, 0), "yingji": (0, 0), "xiaofang": (0, 0)}
    # zhujian: closed 1/1 (3 h), feedback 1/1 (1 h): (30 + 20) / 50 = 100
    assert figures["zhujian"]["closed"] == (1, 1) and figures["zhujian"]["feedback"] == (1, 1)
    assert departments["zhujian"]["score_shown"] == "100.0"
    # yingji and xiaofang alike: closed 1/1, no feedback by 11:00 (urgent: 2 h) 0/1: 30 / 50 = 60
    for unit in ("yingji", "xiaofang"):
        assert figures[unit]["closed"] == (1, 1) and figures[unit]["feedback"] == (0, 1)
        assert departments[unit]["score_shown"] == "60.0"
        assert departments[unit]["late_emergency_whistles"] == 0
    # no 应急哨 answered late, and one case each (< 2): nobody on the 黑榜
    assert doc["black"] == []
