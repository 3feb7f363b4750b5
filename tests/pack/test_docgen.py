"""docs/reference.md is what the generator writes from the JSON Schemas (regenerate with
``python -m gridrules.pack.docgen docs`` after changing a document's model)."""

from __future__ import annotations

import pathlib

from gridrules.pack.docgen import reference
from gridrules.pack.jsonschemas import all_schemas

DOCS = pathlib.Path(__file__).resolve().parents[2] / "docs"


def test_the_committed_reference_is_current():
    assert (DOCS / "reference.md").read_text(encoding="utf-8") == reference()


def test_every_field_of_the_inputs_is_described_in_chinese():
    text = reference()
    for name in ("task", "event"):
        for field in all_schemas()[name]["properties"]:
            row = next(line for line in text.splitlines() if line.startswith(f"| `{field}` |"))
            note = row.rstrip(" |").rsplit("|", 1)[-1]
            assert any("\u4e00" <= ch <= "\u9fff" for ch in note), (name, field, row)
