"""The public API: what ``import gridrules`` gives a caller."""

from __future__ import annotations

import dataclasses
import json
import pathlib
from datetime import datetime, timedelta, timezone

import pytest

import gridrules
from gridrules import Checker, GridRulesError, InputError, Pack, PackError, TaskDecision, TaskInput, load_pack

AT = datetime(2026, 11, 25, 10, tzinfo=timezone(timedelta(hours=8)))
# rules/cases/tasks/forbidden.yaml, T-001: enforcement is on the negative list (F01)
TASK = {"id": "T-001", "title": "占道经营罚款处罚", "department": "chengguan",
        "activities": ["patrol", "enforce"], "start": "2026-12-01"}


def test_every_name_in_all_is_importable():
    for name in gridrules.__all__:
        assert hasattr(gridrules, name), name
    for name in ("Checker", "load_pack", "Pack", "TaskInput", "EventInput", "TaskDecision", "EventDecision",
                 "Reason", "PackRef", "Problem", "Location", "PackError", "InputError", "EngineError",
                 "Refused", "ReadOnlyPack", "PackBusy", "EditError", "__version__"):
        assert name in gridrules.__all__, name


def test_every_error_is_a_gridrules_error():
    for name in ("PackError", "InputError", "EngineError", "ChangeError", "Refused", "ReadOnlyPack", "PackBusy",
                 "EditError"):
        assert issubclass(getattr(gridrules, name), GridRulesError), name


@pytest.mark.parametrize("as_path", [str, pathlib.Path])
def test_checker_accepts_a_path_and_decides_as_with_a_pack(pack_copy, as_path):
    by_path = Checker(as_path(pack_copy))
    assert isinstance(by_path.pack, Pack)
    decision = by_path.check_task(TASK, AT)
    assert isinstance(decision, TaskDecision)
    # 罚款 in the title is one of F05's screening words (policy §8): flagged, the verdict its own
    assert decision.verdict == "forbidden" and decision.flags == ["forbidden_activity", "suspected_negative"]
    by_pack = Checker(load_pack(pack_copy)).check_task(TaskInput.model_validate(TASK), AT)
    assert decision == by_pack


def test_checker_given_a_folder_that_is_no_pack_raises_pack_error(tmp_path):
    with pytest.raises(PackError, match="not a folder holding a rule pack"):
        Checker(tmp_path / "missing")


def test_a_loaded_pack_is_read_only(pack):
    with pytest.raises(dataclasses.FrozenInstanceError):
        pack.digest = "sha256:0"  # type: ignore[misc]
    with pytest.raises(TypeError):
        pack.items_by_id["X"] = None  # type: ignore[index]
    with pytest.raises(TypeError):
        pack.files["x.yaml"] = None  # type: ignore[index]
    with pytest.raises(AttributeError):
        pack.items.append(None)  # type: ignore[attr-defined]


def test_a_loaded_pack_is_complete_every_written_rule_parsed_and_located(pack):
    written = [r for stage in ("oversight", "grading", "leveling", "dispatch") for r in pack.rules_of(stage)]
    assert written and set(pack.conditions) == {r.id for r in written}
    for rule in written:
        source = pack.rule_sources[rule.id]
        assert pack.files[source.relpath].rules[source.path[1]].id == rule.id


def test_the_pack_indexes_are_exactly_its_declared_fields(pack):
    from gridrules.pack.indexes import indexes as _indexes

    derived = {f.name for f in dataclasses.fields(Pack) if not f.init}
    assert set(_indexes(pack.files)) == derived


# --- the library as a dispatch system's engineer meets it (review 10b) -----------------------------------

def test_the_library_surface_is_exported_and_documented():
    """Reloading, the flags' and verdicts' codes, the language and the two errors a caller must tell
    apart (try later, or fix the input) are importable from ``gridrules``; logging and replay from
    ``gridrules.log``'s ``__all__`` (review 10b, findings 1, 2, 5 and 7)."""
    import gridrules.log
    from gridrules.contract.facts import EVENT_FLAGS, TASK_FLAGS

    for name in ("LivePack", "Snapshot", "set_language", "Verdict", "VERDICTS", "TASK_FLAGS", "EVENT_FLAGS",
                 "LogUnavailable", "OutputError"):
        assert name in gridrules.__all__, name
    for name in ("LogUnavailable", "OutputError"):
        assert issubclass(getattr(gridrules, name), GridRulesError) and name in (gridrules.__doc__ or ""), name
    assert {"open_log", "log_decision", "replay", "LogStore", "Replay"} <= set(gridrules.log.__all__)
    assert (gridrules.TASK_FLAGS, gridrules.EVENT_FLAGS) == (TASK_FLAGS, EVENT_FLAGS)
    # the verdicts: one declaration, the Literal the decision's field is typed by
    assert gridrules.VERDICTS == ("admitted", "temporary", "needs_application", "forbidden")
    assert TaskDecision.model_fields["verdict"].annotation is gridrules.Verdict


def test_a_decision_logged_by_the_library_keeps_free_text_as_the_pack_says(pack, tmp_path):
    """``log_decision`` logs as the service does: the pack's decision_log (rules/pack.yaml) drops a task's
    description and hashes its title; the pack's digest and the caller's role are kept; replay reads it."""
    from gridrules.log import log_decision, open_log, replay

    checker = Checker(pack)
    task = TASK | {"title": "走访王五家", "description": "王五，3 栋 2 单元"}
    decision = checker.check_task(task, AT)
    with open_log(str(tmp_path / "decisions.sqlite")) as log:
        record = log_decision(log, pack, task, decision, role="dispatch-worker")
        assert (record.kind, record.role, record.digest) == ("task", "dispatch-worker", pack.digest)
        logged = json.loads(record.input)
        assert "description" not in logged and logged["title"].startswith("hmac-sha256:")
        assert "王五" not in record.input and json.loads(record.decision) == decision.model_dump(mode="json")
        assert log.verify() == (1, None)
        assert replay(log, pack.root, pack).as_dict()["unchanged"] == 1


def test_a_live_pack_reloads_outside_the_service(pack_copy):
    """``LivePack`` (the service's reloader, in the library): an edit is picked up on the next
    ``current()``, a broken one keeps the last good pack and says why (review 10b, finding 1)."""
    from gridrules import LivePack

    live = LivePack(pack_copy)
    first = live.current()
    manifest = pack_copy / "pack.yaml"
    text = manifest.read_text(encoding="utf-8")
    assert "\nversion: " in text
    manifest.write_text(text.replace("\nversion: ", "\nversion: 9", 1), encoding="utf-8")
    second = live.current()
    assert second.digest != first.digest and second.pack.info.version.startswith("9")
    manifest.write_text(text.replace("\nversion: ", "\nversion: [", 1), encoding="utf-8")
    assert live.current() is second and live.problem
    assert second.checker.check_task(TASK, AT).verdict == "forbidden"


def test_the_checker_says_a_document_of_the_other_kind_is_one(pack):
    """A task given to route_event gets the one problem the CLI and HTTP give, naming the library's
    method, not ten field errors (review 10b, finding 6)."""
    checker = Checker(pack)
    with pytest.raises(InputError) as refused:
        checker.route_event(TASK)
    assert [p.message for p in refused.value.problems] == [
        "this is a task (it has id, title, department, activities), not an event: check a task with Checker.check_task"]
    event = {"id": "EV-1", "type": "MD02", "reported_at": "2026-11-25T09:30:00+08:00", "grid": "tangxiang-heping-01"}
    with pytest.raises(InputError) as refused:
        checker.check_task(event, AT)
    assert [p.message for p in refused.value.problems] == [
        "this is an event (it has id, type, reported_at, grid), not a task: route an event with Checker.route_event"]


def test_read_task_reads_names_and_refuses_in_the_tools_words(pack):
    """``TaskInput(department="民政局")`` is pydantic's to refuse; ``read_task`` reads the dict as
    check_task does (names by the pack: 民政局 is minzheng, organization/departments.yaml) and refuses
    with an InputError naming the field (review 10b, finding 3)."""
    checker = Checker(pack)
    task = {"id": "T-1", "title": "走访", "department": "民政局", "activities": ["visit"], "start": "2026-12-01"}
    read = checker.read_task(task)
    assert isinstance(read, TaskInput) and read.department == "minzheng"
    assert checker.check_task(read, AT) == checker.check_task(task, AT)
    with pytest.raises(InputError) as refused:
        checker.read_task(task | {"hours_per_month": "x"})
    assert [p.field for p in refused.value.problems] == ["hours_per_month"]
    event = checker.read_event({"id": "EV-1", "type": "MD02", "reported_at": "2026-11-25T09:30:00+08:00",
                                "grid": "tangxiang-heping-01"})
    assert isinstance(event, gridrules.EventInput) and event.type == "MD02"


def test_the_python_library_section_of_the_dispatchers_doc_runs_as_written(tmp_path, monkeypatch):
    """docs/dispatchers.md's "Python 库" blocks, run in order in a folder holding 规则包 (as
    ``gridrules init 规则包`` makes it): a doc and the library cannot part."""
    import re

    from conftest import write_pack_copy

    text = (pathlib.Path(__file__).resolve().parent.parent / "docs" / "dispatchers.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text[text.index("## Python 库"):], flags=re.S)
    assert len(blocks) >= 3
    write_pack_copy(tmp_path / "规则包")
    monkeypatch.chdir(tmp_path)
    names: dict = {}
    for block in blocks:
        exec(compile(block, "docs/dispatchers.md", "exec"), names)
    assert names["decision"].event == "EV-1" and names["record"].role == "dispatch-worker"
    assert names["broken"] is None and names["report"].as_dict()["unchanged"] == 1


def test_a_type_checker_sees_the_verdicts(tmp_path):
    """``TaskDecision.verdict`` is the Literal of the four verdicts to mypy, not ``Any`` (review 10b,
    finding 5): a user's file revealing it, and assigning it to an int, which mypy must refuse."""
    import os
    import subprocess
    import sys

    pytest.importorskip("mypy")
    root = pathlib.Path(__file__).resolve().parent.parent
    user = tmp_path / "user.py"
    user.write_text("from gridrules import Checker, Verdict, load_pack\n"
                    "d = Checker(load_pack()).check_task({})\n"
                    "reveal_type(d.verdict)\n"
                    "ok: Verdict = d.verdict\n"
                    "wrong: int = d.verdict\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "mypy", "--config-file", str(root / "pyproject.toml"),
                           "--cache-dir", str(tmp_path / "cache"), str(user)], cwd=tmp_path, capture_output=True,
                          text=True, env=os.environ | {"MYPYPATH": str(root)}, timeout=300)
    out = done.stdout
    assert ("user.py:3: note: Revealed type is \"Literal['admitted'] | Literal['temporary'] | "
            "Literal['needs_application'] | Literal['forbidden']\"") in out, out
    assert "user.py:5: error: Incompatible types in assignment" in out and "Found 1 error" in out, out
