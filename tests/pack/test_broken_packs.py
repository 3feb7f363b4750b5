"""One broken copy of the bundled pack per kind of problem, each as a data file.

Each file in ``broken_packs/`` says how to break a copy of the pack and which
messages must come out.  The expected position is computed from the edited text
itself (the line and column where ``at`` first appears), not from the loader.
"""

from __future__ import annotations

import pathlib

import pytest
import yaml

from packedits import apply_edit, expected_place

from gridrules.errors import PackError
from gridrules.engine.loading import load_pack

CASES = sorted((pathlib.Path(__file__).parent / "broken_packs").glob("*.yaml"))


@pytest.mark.parametrize("case_file", CASES, ids=[c.stem for c in CASES])
def test_broken_pack_is_refused_with_located_messages(case_file, pack_copy):
    case = yaml.safe_load(case_file.read_text(encoding="utf-8"))
    for edit in case["edits"]:
        apply_edit(pack_copy, edit)
    with pytest.raises(PackError) as caught:
        load_pack(pack_copy)
    rendered = [str(p) for p in caught.value.problems]
    for want in case["expect"]:
        expected = f"{expected_place(pack_copy, want)}: {want['message']}"
        assert any(p.startswith(expected) for p in rendered), (
            f"{case['description']}: expected a problem starting with\n  {expected}\ngot:\n  "
            + "\n  ".join(rendered)
        )


def test_every_kind_of_problem_has_a_fixture():
    assert len(CASES) >= 20
