"""What the log keeps of an input: no free text as written, everything decided on kept."""

from __future__ import annotations

import hashlib
import hmac
from types import SimpleNamespace

import pytest

from gridrules.contract.documents import FREE_TEXT_FIELDS
from gridrules.log.minimise import entry, free_text_policy, minimise
from gridrules.pack.model.manifest import DecisionLogPolicy

EVENT = {"id": "EV1", "type": "MD02", "reported_at": "2026-11-25T09:30:00+08:00", "grid": "g-01",
         "description": "张三（身份证 500225…）与邻居李四因漏水争吵",
         "history": [{"level": "grid", "outcome": "unresolved", "at": "2026-11-25T15:00:00+08:00",
                      "note": "李四电话 139…"}, {"level": "community", "outcome": "unresolved",
                                                  "at": "2026-11-25T16:00:00+08:00"}]}
KEY = bytes(range(32))
TASK = {"id": "T1", "title": "走访王五家", "description": "王五 住 3 栋", "department": "minzheng",
        "activities": ["visit"], "start": "2026-12-01"}


def test_the_bundled_pack_drops_personal_text_and_hashes_titles(pack):
    dropped, hashed = free_text_policy(pack)
    assert hashed == {"task.title"}
    assert dropped == set(FREE_TEXT_FIELDS) - {"task.title"}
    task = minimise("task", TASK, dropped, hashed, KEY)
    assert task["title"] == "hmac-sha256:" + hmac.new(KEY, "走访王五家".encode(), hashlib.sha256).hexdigest()
    assert "description" not in task
    assert {k: v for k, v in task.items() if k != "title"} == {
        k: v for k, v in TASK.items() if k not in ("title", "description")}
    event = minimise("event", EVENT, dropped, hashed, KEY)
    assert "description" not in event and all("note" not in h for h in event["history"])
    assert event["history"][1] == EVENT["history"][1] and event["grid"] == "g-01"
    assert "note" in EVENT["history"][0]  # the caller's document is left as it was


def test_with_no_policy_every_free_text_field_is_dropped():
    silent = SimpleNamespace(manifest=SimpleNamespace(decision_log=None))
    dropped, hashed = free_text_policy(silent)  # type: ignore[arg-type]
    assert (dropped, hashed) == (frozenset(FREE_TEXT_FIELDS), frozenset())
    task = minimise("task", TASK, dropped, hashed, KEY)
    assert "title" not in task and "description" not in task


def test_an_entry_carries_the_decision_its_moment_and_the_pack_digest(pack):
    made = entry("task", TASK, {"task": "T1", "verdict": "admitted", "at": "2026-12-01T09:00:00+08:00"}, pack,
                 "dispatch", KEY)
    assert (made.kind, made.at, made.role, made.digest) == ("task", "2026-12-01T09:00:00+08:00", "dispatch",
                                                            pack.digest)
    assert "王五" not in str(made.input)


@pytest.mark.parametrize("policy, message", [
    ({"drop": ["task.description", "event.description", "event.history[].note"]}, "task.title"),
    ({"drop": list(FREE_TEXT_FIELDS) + ["task.department"]}, "not a free-text field"),
    ({"drop": list(FREE_TEXT_FIELDS), "hash": ["task.title"]}, "listed twice"),
])
def test_the_pack_must_say_for_every_free_text_field_and_only_those(policy, message):
    with pytest.raises(ValueError, match=message):
        DecisionLogPolicy.model_validate(policy)


def test_what_screening_found_in_unlogged_text_is_logged_with_the_word_lists_digest(pack):
    task = {"id": "T2", "title": "入户督促安装反诈APP并截图上报安装率", "description": "住户王五", "department": "gongan",
            "activities": ["visit"], "start": "2026-12-01"}
    made = entry("task", task, {"task": "T2", "verdict": "admitted", "at": "2026-12-01T09:00:00+08:00"}, pack, "cli", KEY)
    assert made.input["screening"] == {"words": [{"code": "F07", "word": "截图"}, {"code": "F07", "word": "安装率"}],
                                       "list": pack.screening.digest}
    assert "截图上报" not in str(made.input) and "王五" not in str(made) and "screening" not in made.decision
    # nothing found is logged as well: replay then knows the text was screened with that list
    clean = entry("task", {**task, "title": "入户核实"}, {"verdict": "admitted", "at": "2026-12-01T09:00:00+08:00"},
                  pack, "cli", KEY)
    assert clean.input["screening"] == {"words": [], "list": pack.screening.digest}
    # an event, or a refused task, has no screening
    assert "screening" not in entry("event", {"id": "E"}, {"at": "2026-12-01T09:00:00+08:00"}, pack, "cli", KEY).input


def test_a_hashed_title_cannot_be_tested_without_the_logs_key_but_equal_titles_match(pack):
    """Under one log's key the same title gives the same digest (an auditor can group them);
    a plain SHA-256 of a guessed title finds nothing, and another log's key gives another digest."""
    dropped, hashed = free_text_policy(pack)
    one, same = (minimise("task", TASK, dropped, hashed, KEY)["title"] for _ in range(2))
    other = minimise("task", {**TASK, "title": "走访赵六家"}, dropped, hashed, KEY)["title"]
    elsewhere = minimise("task", TASK, dropped, hashed, bytes(32))["title"]
    assert one == same != other and one != elsewhere
    assert hashlib.sha256("走访王五家".encode()).hexdigest() not in one
