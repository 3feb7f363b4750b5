"""One broken copy of the bundled pack per kind of problem, each as a data file.

Each file in ``broken_packs/`` says how to break a copy of the pack and which
messages must come out.  The expected position is computed from the edited text
itself (the line and column where ``at`` first appears), not from the loader.
"""

from __future__ import annotations

import pathlib

import pytest
import yaml

from gridrules.errors import PackError
from gridrules.engine.loading import load_pack

CASES = sorted((pathlib.Path(__file__).parent / "broken_packs").glob("*.yaml"))


def apply_edit(root: pathlib.Path, edit: dict) -> None:
    path = root / edit["file"]
    if edit.get("delete"):
        path.unlink()
        return
    if "create" in edit:
        path.write_text(edit["create"], encoding="utf-8")
        return
    text = path.read_text(encoding="utf-8")
    assert edit["replace"] in text, f"fixture is stale: {edit['replace']!r} not in {edit['file']}"
    path.write_text(text.replace(edit["replace"], edit["with"], edit.get("count", -1)), encoding="utf-8")


def position(text: str, needle: str, offset: int = 0) -> tuple[int, int]:
    index = text.index(needle) + offset
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, col


@pytest.mark.parametrize("case_file", CASES, ids=[c.stem for c in CASES])
def test_broken_pack_is_refused_with_located_messages(case_file, pack_copy):
    case = yaml.safe_load(case_file.read_text(encoding="utf-8"))
    for edit in case["edits"]:
        apply_edit(pack_copy, edit)
    with pytest.raises(PackError) as caught:
        load_pack(pack_copy)
    rendered = [str(p) for p in caught.value.problems]
    for want in case["expect"]:
        prefix = f"{pack_copy}/{want['file']}"
        if "at" in want:
            text = (pack_copy / want["file"]).read_text(encoding="utf-8")
            line, col = position(text, want["at"], want.get("offset", 0))
            prefix += f":{line}:{col}"
        expected = f"{prefix}: {want['message']}"
        assert any(p.startswith(expected) for p in rendered), (
            f"{case['description']}: expected a problem starting with\n  {expected}\ngot:\n  "
            + "\n  ".join(rendered)
        )


def test_every_kind_of_problem_has_a_fixture():
    assert len(CASES) >= 20
