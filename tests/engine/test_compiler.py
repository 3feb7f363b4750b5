"""Snapshots of the compiler's output: the durable_rules rulesets a pack compiles to.

The compiler is a pure function (pack -> plain dicts); these tests pin what it produces
for the bundled pack and for a small pack that holds every kind of compiled rule
(negative list, role powers, list items owned by one and by two departments, temporary
approvals, and a stage with more written rules than one ruleset may hold).

A snapshot is ``tests/engine/snapshots/<name>.json``: the rulesets by name (sorted), each
ruleset's rules in definition order (the order they fire: kept, not sorted), as
pretty JSON.  On a mismatch the test shows a unified diff.  After a deliberate change
to the compiler, rewrite the snapshots, read the diff (``git diff tests/engine/snapshots``)
against the policy, and commit them with the change:

    GRIDRULES_UPDATE_SNAPSHOTS=1 pytest tests/engine/test_compiler.py
"""

from __future__ import annotations

import difflib
import json
import os
import pathlib
import sys

import pytest
import yaml

from conftest import write_pack_copy
from gridrules.engine.capacity import MAX_RULES_PER_RULESET
from gridrules.engine.compiler import compile_pack
from gridrules.pack.loader import load_pack

SNAPSHOTS = pathlib.Path(__file__).parent / "snapshots"
UPDATE = "GRIDRULES_UPDATE_SNAPSHOTS"


def render(rulesets: dict[str, dict]) -> str:
    ordered = {name: rulesets[name] for name in sorted(rulesets)}
    return json.dumps(ordered, ensure_ascii=False, indent=2) + "\n"


def assert_snapshot(name: str, rulesets: dict[str, dict]) -> None:
    path = SNAPSHOTS / f"{name}.json"
    actual = render(rulesets)
    if os.environ.get(UPDATE):
        path.parent.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    if not path.exists():
        pytest.fail(f"no snapshot {path.name}: write it with {UPDATE}=1 and check it by eye")
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = difflib.unified_diff(expected.splitlines(keepends=True), actual.splitlines(keepends=True),
                                    f"tests/engine/snapshots/{path.name} (stored)", "compiled now")
        pytest.fail("the compiled rulesets differ from the snapshot; if the change is meant, rewrite the "
                    f"snapshots with {UPDATE}=1 and review the diff\n" + "".join(diff), pytrace=False)


def test_the_bundled_pack_compiles_to_its_snapshot(pack):
    assert_snapshot("bundled", compile_pack(pack).rulesets)


# --- a small pack holding every kind of rule ------------------------------------------------

EXTRA_GRADES = MAX_RULES_PER_RULESET  # with the pack's own grading rules: two rulesets


def _edit(root: pathlib.Path, rel: str, change) -> None:
    path = root / rel
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _few_negatives(data: dict) -> None:
    # two forbidden activities; entries without an activity (conclusions) stay and compile to nothing
    data["entries"] = [e for e in data["entries"] if not e.get("activity") or e["code"] in ("F01", "F02")]


def _few_items(data: dict) -> None:
    # L01: one owner, all towns, open-ended; L02: two owners (compiled once per owner), two
    # towns, an end date, withdrawn
    data["items"] = [i for i in data["items"] if i["id"] in ("L01", "L02")]
    limited = data["items"][1]
    limited["towns"] = ["tangxiang", "longshui"]
    limited["effective"]["to"] = "2026-12-31"
    limited["withdrawal"] = {"session": "2026-3", "date": "2026-09-01"}


def _one_withdrawn(data: dict) -> None:
    data["approvals"][1]["withdrawn_on"] = "2026-07-15"


def _many_grades(data: dict) -> None:
    data["rules"] += [
        {"id": f"grade.people_{n}", "when": {"people_involved": {"gte": 100 + n}}, "grade": "urgent",
         "text": "涉及人数众多，按紧急事件处置。", "basis": "测试规则"}
        for n in range(EXTRA_GRADES)
    ]


@pytest.fixture(scope="module")
def small_pack(tmp_path_factory):
    root = write_pack_copy(tmp_path_factory.mktemp("small") / "pack")
    _edit(root, "powers/negative_list.yaml", _few_negatives)
    _edit(root, "admission/items.yaml", _few_items)
    _edit(root, "admission/temporary.yaml", _one_withdrawn)
    _edit(root, "events/grading.yaml", _many_grades)
    return load_pack(root)


def test_the_small_pack_holds_every_kind_of_rule(small_pack):
    compiled = compile_pack(small_pack)
    kinds = {rule.kind for rule in compiled.rules.values()}
    assert kinds == {"negative", "role", "item", "relay", "temporary", "temporary_wrong_town", "temporary_expired",
                     "temporary_not_in_force", "temporary_unknown", "written"}
    assert compiled.stages["grading"] == ["routing.grading", "routing.grading.2"]
    assert {"admission.items.gongan", "admission.items.zhujian"} <= compiled.rulesets.keys()


def test_the_small_pack_compiles_to_its_snapshot(small_pack):
    assert_snapshot("small", compile_pack(small_pack).rulesets)


def test_a_mismatch_shows_a_diff(tmp_path, monkeypatch):
    monkeypatch.setattr(sys.modules[__name__], "SNAPSHOTS", tmp_path)
    monkeypatch.delenv(UPDATE, raising=False)
    (tmp_path / "x.json").write_text(render({"r": {"a": {"all": [{"m": {"n": 1}}]}}}), encoding="utf-8")
    with pytest.raises(pytest.fail.Exception) as failed:
        assert_snapshot("x", {"r": {"a": {"all": [{"m": {"n": 2}}]}}})
    assert '-            "n": 1' in str(failed.value) and '+            "n": 2' in str(failed.value)
