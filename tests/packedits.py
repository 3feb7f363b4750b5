"""Editing a copy of the pack the way a fixture file says (shared by the broken-pack and lint tests)."""

from __future__ import annotations

import pathlib



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

