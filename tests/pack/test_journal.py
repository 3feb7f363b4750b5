"""The rollback journal: an unfinished change is read as not made, and undone by the next writer."""

from __future__ import annotations

import json

import pytest

from appdocs import snapshot
from gridrules.pack import journal
from gridrules.errors import PackError
from gridrules.pack.loader import pack_files
from gridrules.engine.loading import load_pack


def leave_unfinished_change(root):
    """What a writer killed after replacing items.yaml leaves: journal, one new file, pack.yaml old."""
    folder = root / journal.JOURNAL_DIR
    folder.mkdir()
    items = root / "admission/items.yaml"
    (folder / "0.bak").write_bytes(items.read_bytes())
    (folder / "1.bak").write_bytes((root / "pack.yaml").read_bytes())
    manifest = {"pid": 1, "files": [{"path": "admission/items.yaml", "backup": "0.bak"},
                                    {"path": "history.yaml", "backup": None},
                                    {"path": "pack.yaml", "backup": "1.bak"}]}
    (folder / journal.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    items.write_text(items.read_text(encoding="utf-8").replace("name: 出租房屋登记与动态核查", "name: 改了一半"), encoding="utf-8")
    (root / "history.yaml").write_text("changes: []\n", encoding="utf-8")
    (root / "admission/.items.yaml.123.gridrules-tmp").write_bytes(b"half")


def test_readers_see_the_pack_as_it_was_before_an_unfinished_change(pack, pack_copy):
    leave_unfinished_change(pack_copy)
    loaded = load_pack(pack_copy)
    assert loaded.digest == pack.digest
    assert loaded.items_by_id["L02"].name == "出租房屋登记与动态核查"


def test_recovery_restores_every_file_byte_for_byte(pack_copy):
    before = snapshot(pack_copy)
    leave_unfinished_change(pack_copy)
    assert snapshot(pack_copy) != before
    assert journal.recover(pack_copy) is True
    assert snapshot(pack_copy) == before  # history.yaml (new) removed, debris and temp file gone
    assert journal.recover(pack_copy) is False


def test_a_journal_without_manifest_is_debris_of_a_finished_change(pack_copy):
    (pack_copy / journal.JOURNAL_DIR).mkdir()
    (pack_copy / journal.JOURNAL_DIR / "0.bak").write_bytes(b"old")
    files = dict(pack_files(pack_copy))
    assert journal.recover(pack_copy) is False
    assert not (pack_copy / journal.JOURNAL_DIR).exists()
    assert dict(pack_files(pack_copy)) == files


def test_a_read_that_overlaps_a_change_is_read_again(pack_copy):
    manifest = pack_copy / "pack.yaml"
    calls = []

    def read():
        calls.append(1)
        files = pack_files(pack_copy)
        if len(calls) == 1:  # a writer finishes a change while we read
            manifest.write_text(manifest.read_text(encoding="utf-8").replace("version: 1.0.0", "version: 1.1.0"), encoding="utf-8")
        return files

    files = dict(journal.stable_read(pack_copy, read))
    assert len(calls) == 2
    assert b"version: 1.1.0" in files["pack.yaml"]


def test_a_pack_that_never_stops_changing_is_an_error(pack_copy, monkeypatch):
    monkeypatch.setattr(journal, "READ_ATTEMPTS", 3)
    monkeypatch.setattr(journal.time, "sleep", lambda s: None)
    manifest = pack_copy / "pack.yaml"

    def read():
        manifest.write_bytes(manifest.read_bytes() + b"# touched\n")
        return pack_files(pack_copy)

    with pytest.raises(PackError, match="kept changing"):
        journal.stable_read(pack_copy, read)
