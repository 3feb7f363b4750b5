"""gridrules replay: logged decisions re-decided with a candidate pack, at their moments."""

from __future__ import annotations

import json

import pytest
from clirun import run
from logstores import BACKENDS, log_url

TASK = {"title": "走访", "department": "minzheng", "assignee": "full_time", "activities": ["visit", "report", "care"],
        "start": "2026-06-01", "end": "2026-12-31", "hours_per_month": 3}
EVENT = {"id": "EV-1", "type": "MD02", "reported_at": "2026-05-25T09:30:00+08:00", "grid": "tangxiang-heping-01"}


@pytest.fixture(params=BACKENDS)
def url(request, tmp_path):
    return log_url(request.param, tmp_path)


def withdraw(pack_dir, item: str, on: str) -> None:
    """The joint meeting withdraws ``item`` on ``on`` (a candidate change, dated after the log)."""
    path = pack_dir / "admission" / "items.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index(f"  - id: {item}\n")
    line_end = text.index("\n", text.index("    approval:", start))
    path.write_text(text[:line_end + 1] + f"    withdrawal: {{session: 2026-9, date: {on}}}\n" + text[line_end + 1:],
                    encoding="utf-8")


def logged(capsys, monkeypatch, tmp_path, url) -> None:
    tasks = tmp_path / "tasks.jsonl"
    tasks.write_text("\n".join(json.dumps({**TASK, "id": f"T{i}"}) for i in range(12)), encoding="utf-8")
    assert run(capsys, monkeypatch, ["check-task", str(tasks), "--batch", "--log", url,
                                     "--at", "2026-05-20T10:00:00+08:00"])[0] == 0
    event = tmp_path / "event.json"
    event.write_text(json.dumps(EVENT), encoding="utf-8")
    # routed at a fixed moment, not the machine's clock: a replay re-decides it at that moment
    assert run(capsys, monkeypatch, ["route", str(event), "--log", url, "--at", "2026-05-25T10:00:00+08:00"])[0] == 0


def test_a_withdrawal_decided_later_counts_as_in_effect_then(capsys, monkeypatch, tmp_path, url, pack_copy):
    logged(capsys, monkeypatch, tmp_path, url)
    # L13 (走访 独居老人) admits these tasks; withdrawn in November, after the May decisions
    withdraw(pack_copy, "L13", "2026-11-20")
    code, out, err = run(capsys, monkeypatch, ["replay", "--log", url, "--pack", str(pack_copy), "--format", "json"])
    assert code == 1, err
    result = json.loads(out)
    assert result["replayed"] == 13 and result["changed"] == 12 and result["unchanged"] == 1
    [change] = result["transitions"]
    # the same work is also covered by L06 (its activities include visit, report and care)
    assert (change["kind"], change["from"], change["to"], change["count"]) == ("task", "admitted(L13)",
                                                                               "admitted(L06)", 12)
    assert change["by"]["department"] == {"minzheng": 12} and change["by"]["item"] == {"L13": 12}
    assert [e["id"] for e in change["examples"]] == ["T0", "T1", "T2", "T3", "T4"]
    code, out, _ = run(capsys, monkeypatch, ["replay", "--log", url, "--pack", str(pack_copy), "--lang", "zh"])
    assert "任务结论 准入（L13） → 准入（L06）：12 项" in out  # in words, as the decisions say them


def test_nothing_changes_with_the_same_pack_and_the_window_is_kept(capsys, monkeypatch, tmp_path, url, pack_copy):
    logged(capsys, monkeypatch, tmp_path, url)
    code, out, _ = run(capsys, monkeypatch, ["replay", "--log", url, "--pack", str(pack_copy), "--lang", "zh"])
    assert code == 0 and "重放 13 项决定" in out and "13 项不变" in out
    withdraw(pack_copy, "L13", "2026-11-20")
    code, out, _ = run(capsys, monkeypatch, ["replay", "--log", url, "--pack", str(pack_copy), "--format", "json",
                                             "--since", "2026-05-21T00:00:00+08:00"])
    assert code == 0 and json.loads(out)["replayed"] == 1  # only the event, reported on 25 May
    # a date is 00:00 of that day at the pack's offset, as --at reads one
    by_date = run(capsys, monkeypatch, ["replay", "--log", url, "--pack", str(pack_copy), "--format", "json",
                                        "--since", "2026-05-21"])
    assert by_date[0] == 0 and by_date[1] == out


def test_an_item_both_ways_withdrawn_leaves_the_task_unlisted(capsys, monkeypatch, tmp_path, url, pack_copy):
    logged(capsys, monkeypatch, tmp_path, url)
    withdraw(pack_copy, "L13", "2026-11-20")
    withdraw(pack_copy, "L06", "2026-11-20")
    code, out, err = run(capsys, monkeypatch, ["replay", "--log", url, "--pack", str(pack_copy), "--format", "json"])
    assert code == 1, err
    [change] = json.loads(out)["transitions"]
    assert change["from"] == "admitted(L13)" and not change["to"].startswith("admitted")
    assert change["count"] == 12


def test_replay_says_what_screening_it_cannot_redo(capsys, monkeypatch, tmp_path, url, pack_copy):
    """The title is hashed and the description dropped in the log, so a candidate with another word
    list cannot screen them again: replay counts those tasks instead of guessing."""
    tasks = tmp_path / "tasks.jsonl"
    tasks.write_text("\n".join(json.dumps({**TASK, "id": f"T{i}", "title": "走访后截图上报" if i < 2 else "走访"})
                               for i in range(5)), encoding="utf-8")
    assert run(capsys, monkeypatch, ["check-task", str(tasks), "--batch", "--log", url,
                                     "--at", "2026-05-20T10:00:00+08:00"])[0] == 0
    code, out, _ = run(capsys, monkeypatch, ["replay", "--log", url, "--pack", str(pack_copy), "--format", "json"])
    assert json.loads(out)["screening"] == {"logged": 5, "with_words": 2, "not_recomputable": 0}
    path = pack_copy / "powers/negative_list.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("[截图, 报数, 安装率]", "[截图, 报数, 安装率, 打卡]"),
                    encoding="utf-8")
    code, out, _ = run(capsys, monkeypatch, ["replay", "--log", url, "--pack", str(pack_copy), "--lang", "zh"])
    assert "5 项所用的用语清单与候选规则包不同" in out and "2 项发现负面清单用语" in out


def test_a_changed_negation_list_is_screening_replay_cannot_redo(capsys, monkeypatch, tmp_path, url, pack_copy):
    """The negations decide which words count (无需截图 is none), so a candidate reading other negations
    cannot say the logged words still hold: every screened task is counted as not recomputable."""
    tasks = tmp_path / "tasks.jsonl"
    tasks.write_text("\n".join(json.dumps({**TASK, "id": f"T{i}", "title": ["走访后截图上报", "走访，无需截图上报", "走访"][i]})
                               for i in range(3)), encoding="utf-8")
    assert run(capsys, monkeypatch, ["check-task", str(tasks), "--batch", "--log", url,
                                     "--at", "2026-05-20T10:00:00+08:00"])[0] == 0
    code, out, _ = run(capsys, monkeypatch, ["replay", "--log", url, "--pack", str(pack_copy), "--format", "json"])
    assert json.loads(out)["screening"] == {"logged": 3, "with_words": 1, "not_recomputable": 0}
    path = pack_copy / "powers/negative_list.yaml"
    text = path.read_text(encoding="utf-8")
    assert " 无需, " in text
    path.write_text(text.replace(" 无需, ", " "), encoding="utf-8")
    code, out, _ = run(capsys, monkeypatch, ["replay", "--log", url, "--pack", str(pack_copy), "--format", "json"])
    assert json.loads(out)["screening"] == {"logged": 3, "with_words": 1, "not_recomputable": 3}


def test_an_amendment_decided_later_counts_as_in_effect_from_the_items_first_day(capsys, monkeypatch, tmp_path, url,
                                                                                 pack_copy):
    logged(capsys, monkeypatch, tmp_path, url)
    # L13 loses "care" by a decision of November, in effect from December: replayed as the rule in May
    path = pack_copy / "admission" / "items.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - id: L13\n")
    line_end = text.index("\n", text.index("    approval:", start))
    amendment = ("    amendments:\n      - {session: 2026-9, date: 2026-11-20, effective: 2026-12-01, "
                 "terms: {activities: [visit, report]}}\n")
    path.write_text(text[:line_end + 1] + amendment + text[line_end + 1:], encoding="utf-8")
    code, out, _ = run(capsys, monkeypatch, ["replay", "--log", url, "--pack", str(pack_copy), "--format", "json"])
    [change] = json.loads(out)["transitions"]
    assert code == 1 and (change["from"], change["to"], change["count"]) == ("admitted(L13)", "admitted(L06)", 12)
