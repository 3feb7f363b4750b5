"""The public API: what ``import gridrules`` gives a caller."""

from __future__ import annotations

import dataclasses
import pathlib
from datetime import datetime, timedelta, timezone

import pytest

import gridrules
from gridrules import Checker, GridRulesError, Pack, PackError, TaskDecision, TaskInput, load_pack

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
