"""Editing a copy of the pack the way a fixture file says (shared by the broken-pack and lint tests); a pack's
next version made by the tool, to publish into a served copy (the live pack's and the service's tests)."""

from __future__ import annotations

import pathlib

from clirun import run
from conftest import write_pack_copy


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


APPROVE = ["temporary", "approve", "--unit", "棠香", "--ref", "TX-2026-20", "--date", "2026-11-30", "--work",
           "冬季消防安全宣传", "--activities", "政策宣传", "--to", "2026-12-31", "--hours", "2"]


def published(capsys, monkeypatch, tmp_path):
    """The pack served (``served``) and its next version (``new``), made by the tool in another copy (the
    secretariat's repository): the files it changed, ``pack.yaml`` first."""
    served, new = write_pack_copy(tmp_path / "served"), write_pack_copy(tmp_path / "new")
    assert run(capsys, monkeypatch, [*APPROVE, "--pack", str(new)])[0] == 0
    changed = sorted((p.relative_to(new).as_posix() for p in new.rglob("*.yaml")
                      if p.read_bytes() != (served / p.relative_to(new)).read_bytes()), key=lambda rel: rel != "pack.yaml")
    assert sorted(changed) == ["admission/temporary.yaml", "history.yaml", "pack.yaml"] and changed[0] == "pack.yaml"
    return served, new, changed
