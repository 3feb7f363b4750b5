"""The rollback journal: an unfinished change is read as not made, and undone by the next writer."""

from __future__ import annotations

import json

import pytest

from appdocs import snapshot
from gridrules.pack import journal
from gridrules.errors import OutputError, PackError
from gridrules.pack.loader import pack_files
from gridrules.engine.loading import load_pack

pytestmark = pytest.mark.usefixtures("decisions_after_today")  # sessions dated after the machine clock


def leave_unfinished_change(root):
    """What a writer killed after replacing items.yaml leaves: journal, one new file, pack.yaml old."""
    folder = root / journal.JOURNAL_DIR
    folder.mkdir()
    items = root / "admission/items.yaml"
    (folder / "0.bak").write_bytes(items.read_bytes())
    (folder / "1.bak").write_bytes((root / "pack.yaml").read_bytes())
    (folder / "2.bak").write_bytes((root / "history.yaml").read_bytes())
    new_items = items.read_text(encoding="utf-8").replace("name: 出租房屋登记与动态核查", "name: 改了一半").encode()
    new_history = b"changes: []\n"
    manifest = {"pid": 1, "files": [
        {"path": "admission/items.yaml", "backup": "0.bak", "after": journal.fingerprint(new_items)},
        {"path": "history.yaml", "backup": "2.bak", "after": journal.fingerprint(new_history)},
        {"path": "pack.yaml", "backup": "1.bak", "after": journal.fingerprint(b"version: 9.9.9\n")}]}
    (folder / journal.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    items.write_bytes(new_items)
    (root / "history.yaml").write_bytes(new_history)
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
    assert snapshot(pack_copy) == before  # history.yaml put back, debris and temp file gone
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


def _journal(root, files) -> None:
    folder = root / journal.JOURNAL_DIR
    folder.mkdir()
    (folder / journal.MANIFEST).write_text(json.dumps({"pid": 1, "files": files}), encoding="utf-8")


@pytest.mark.parametrize("entry, says", [
    ({"path": "../victim.yaml", "backup": None, "after": None}, "'../victim.yaml' is not a file of this pack"),
    ({"path": "/tmp/victim.yaml", "backup": None, "after": None}, "is not a file of this pack"),
    ({"path": "admission/items.yaml", "backup": "../../secret.yaml", "after": None}, "is not a file of the journal folder"),
    ({"path": "admission/items.yaml", "backup": None}, "not an entry gridrules writes"),
    ({"path": "admission/items.yaml", "backup": None, "after": "x"}, "'after' must be the sha256"),
])
def test_a_crafted_journal_is_refused_and_nothing_outside_the_pack_is_touched(pack_copy, tmp_path, entry, says):
    victim = tmp_path / "victim.yaml"
    victim.write_text("mine\n", encoding="utf-8")
    (tmp_path / "secret.yaml").write_text("secret: 42\n", encoding="utf-8")
    _journal(pack_copy, [entry])
    for attempt in (lambda: journal.recover(pack_copy), lambda: load_pack(pack_copy)):
        with pytest.raises(PackError) as refused:
            attempt()
        assert says in str(refused.value) and "42" not in str(refused.value)
    assert victim.read_text(encoding="utf-8") == "mine\n"


def test_a_crafted_journals_path_is_quoted_in_chinese_quotes(pack_copy):
    """journal.not_pack_file quoted the path through repr() in Chinese too ('../victim.yaml')."""
    from gridrules.catalogue import set_language

    _journal(pack_copy, [{"path": "../victim.yaml", "backup": None, "after": None}])
    set_language("zh")
    try:
        with pytest.raises(PackError) as refused:
            journal.recover(pack_copy)
    finally:
        set_language(None)
    assert "「../victim.yaml」不是本规则包的文件" in str(refused.value)


def test_a_journal_folder_that_is_a_link_is_refused_and_its_target_kept(pack_copy, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("keep", encoding="utf-8")
    (pack_copy / journal.JOURNAL_DIR).symlink_to(elsewhere)
    with pytest.raises(PackError, match="not a plain folder"):
        journal.recover(pack_copy)
    assert (elsewhere / "keep.txt").read_text(encoding="utf-8") == "keep"


def test_hand_edits_after_an_interrupted_change_are_refused_not_hidden_or_undone(pack_copy):
    leave_unfinished_change(pack_copy)
    items = pack_copy / "admission/items.yaml"
    items.write_text(items.read_text(encoding="utf-8").replace("改了一半", "手工修改"), encoding="utf-8")
    edited = snapshot(pack_copy)
    for attempt in (lambda: journal.recover(pack_copy), lambda: load_pack(pack_copy)):
        with pytest.raises(PackError) as refused:
            attempt()
        assert "a change to this pack was interrupted, and admission/items.yaml changed by hand since" in str(refused.value)
    assert snapshot(pack_copy) == edited  # nothing undone


def test_a_file_the_interrupted_change_made_and_removed_by_hand_is_an_edit(pack_copy):
    leave_unfinished_change(pack_copy)
    (pack_copy / "pack.yaml").unlink()  # had its old contents saved: gone is not what the writer left
    with pytest.raises(PackError, match="pack.yaml changed by hand since"):
        journal.recover(pack_copy)


def test_an_output_that_cannot_replace_its_target_leaves_nothing_behind(tmp_path):
    """The one writer of whole files: a failed replace (a folder where the file should go)
    is an OutputError naming the user's path, and no temporary file is left beside it."""
    target = tmp_path / "report.xlsx"
    target.mkdir()
    with pytest.raises(OutputError) as caught:
        journal.write_output(target, b"data")
    assert caught.value.path == str(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.xlsx"]
    assert list(target.iterdir()) == []


def test_an_output_is_written_whole_with_the_permissions_of_a_new_file(tmp_path):
    import os

    mask = os.umask(0)
    os.umask(mask)
    journal.write_output(tmp_path / "a.csv", b"x,y\r\n")
    assert (tmp_path / "a.csv").read_bytes() == b"x,y\r\n"
    assert (tmp_path / "a.csv").stat().st_mode & 0o777 == 0o666 & ~mask
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv"]
