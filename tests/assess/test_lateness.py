"""What the assessment counts late, and what it counts at all (the district policy, section 7):
nothing is late for a deadline that falls after the matter's resolution, except feedback -- a 报到
answered late after the resolution counts as the whistle never answered does, and puts nobody on
the 黑榜; an event reported after the check (--at) did not exist then and is left out."""

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
    departments = {u["unit"]: u for u in doc["levels"]["department"] if not u["no_events"]}  # the summoned
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


# reported 11-25, after a check at 11-20: the event did not exist at the check
LATER = {"event": _event("F1", "MD02", "2026-11-25T09:00:00+08:00"),
         "steps": [{"at": "2026-11-25T10:00:00+08:00", "kind": "feedback"}]}
BEFORE = "2026-11-20T10:00:00+08:00"


def test_an_event_reported_after_the_check_is_left_out_and_said_so(capsys, monkeypatch):
    args = ["assess", "-", "--period", "2026-11", "--at", BEFORE, "--format", "json"]
    code, out, err = run(capsys, monkeypatch, args, stdin=records_jsonl(RECORDS + [LATER]))
    assert code == 0 and err == ""  # not a bad record
    doc = json.loads(out)
    assert doc["records"] == {"read": 4, "in_period": 3, "after_at": 1, "errors": 0, "empty_files": [], "digest_mismatch": 0, "digest_earlier": {},
                              "digest_mismatch_named": [], "late_extension": 0,
                              "late_extension_named": [], "unscored_whistles": 0,
                              "unscored_whistles_named": [], "pending": 0, "unregistered": []}
    (grid,) = doc["grids"]
    assert grid["events"] == 3 and grid["pending"] == 0  # W1-W3 only: F1 is neither an event nor pending
    # the same records without F1 give the same figures
    code, alone, _ = run(capsys, monkeypatch, args, stdin=records_jsonl(RECORDS))
    strip = lambda d: {k: v for k, v in d.items() if k != "records"}  # noqa: E731
    assert strip(json.loads(alone)) == strip(doc)
    code, out, _ = run(capsys, monkeypatch, args[:-2] + ["--lang", "zh"], stdin=records_jsonl(RECORDS + [LATER]))
    assert "记录 4 条：本期 3 条，有误 0 条，本期另有 1 条在判定时点之后才报告（不计）" in out
    # at the end of the month F1 is an event of the period like the others
    code, out, _ = run(capsys, monkeypatch, ["assess", "-", "--period", "2026-11", "--at", AT, "--format", "json"],
                       stdin=records_jsonl(RECORDS + [LATER]))
    assert json.loads(out)["records"]["in_period"] == 4 and json.loads(out)["records"]["after_at"] == 0


def test_a_bad_record_reported_after_the_check_is_still_bad(capsys, monkeypatch):
    bad = dict(LATER, steps=[{"at": "2026-11-25T10:00:00+08:00", "kind": "fedback"}])
    code, out, _ = run(capsys, monkeypatch, ["assess", "-", "--period", "2026-11", "--at", BEFORE, "--format", "json"],
                       stdin=records_jsonl(RECORDS + [bad]))  # beside good ones: a bad record alone is no scorecard
    assert code == 2 and json.loads(out)["records"]["errors"] == 1 and json.loads(out)["records"]["after_at"] == 0


# urgent TF01 at 09:00, 应急哨 to yingji at 09:10 (30 min: due 09:40), answered 09:50 -- late; at 12:00 the
# event is unresolved with its closure still due: pending
PENDING_LATE = {"event": _event("Q10", "TF01", "2026-11-30T09:00:00+08:00"),
                "steps": [{"at": "2026-11-30T09:10:00+08:00", "kind": "whistle", "departments": ["yingji"]},
                          {"at": "2026-11-30T09:50:00+08:00", "kind": "reported_in", "department": "yingji"},
                          {"at": "2026-11-30T10:00:00+08:00", "kind": "feedback"}]}


def test_a_late_emergency_whistle_puts_its_department_on_the_black_list_while_the_event_is_pending(capsys, monkeypatch):
    # §7: 黑榜 for "any 应急哨 answered late"; a pending event enters no share, but that is no share
    code, out, err = run(capsys, monkeypatch, ["assess", "-", "--period", "2026-11", "--at", "2026-11-30T12:00:00+08:00",
                                               "--format", "json"], stdin=records_jsonl([PENDING_LATE]))
    assert code == 0 and err == ""
    doc = json.loads(out)
    (yingji,) = [u for u in doc["levels"]["department"] if not u["no_events"]]
    assert (yingji["unit"], yingji["pending"], yingji["cases"], yingji["late_emergency_whistles"]) == ("yingji", 1, 0, 1)
    assert [u["unit"] for u in doc["black"]] == ["yingji"]
    # answered in time (09:30), nobody is listed
    in_time = dict(PENDING_LATE, steps=[dict(s, at="2026-11-30T09:30:00+08:00") if s["kind"] == "reported_in" else s
                                        for s in PENDING_LATE["steps"]])
    code, out, _ = run(capsys, monkeypatch, ["assess", "-", "--period", "2026-11", "--at", "2026-11-30T12:00:00+08:00",
                                             "--format", "json"], stdin=records_jsonl([in_time]))
    assert json.loads(out)["black"] == []
