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


def expected_place(root: pathlib.Path, want: dict) -> str:
    """Where a fixture says a problem is: ``root/file``, with ``:line:col`` of the first
    ``at`` in the edited file (plus ``offset``) when it gives one."""
    place = f"{root}/{want['file']}"
    if "at" in want:
        text = (root / want["file"]).read_text(encoding="utf-8")
        line, col = position(text, want["at"], want.get("offset", 0))
        place += f":{line}:{col}"
    return place
