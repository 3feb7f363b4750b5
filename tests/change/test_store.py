"""Writing into a pack: the lock, validation before writing, atomic multi-file changes.

The process tests run the real command line in separate processes: two
approvals at the same moment, and writers ended at each named crash point of a
change (``gridrules.pack.crashpoints``), each passage of each point.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
from datetime import date, datetime

import pytest

from appdocs import CANLIAN, DECIDED, FULIAN, PYTHON, gridrules, snapshot, write_app
from gridrules.change import history as changelog
from gridrules.change.workflow import approve
from gridrules.cli.main import main
from gridrules.contract.application import Application
from gridrules.pack import crashpoints, journal
from gridrules.errors import GridRulesError, PackBusy, PackError, ReadOnlyPack
from gridrules.pack.loader import bundled_root
from gridrules.engine.loading import load_pack
from gridrules.change.store import (
    FAULT_ENV, PAUSE, change_pack, copy_bundled, locked, writable_root,
)

pytestmark = pytest.mark.usefixtures("decisions_after_today")  # sessions dated after the machine clock


def test_the_bundled_pack_is_never_written():
    with pytest.raises(ReadOnlyPack, match="gridrules init DIR"):
        writable_root(None)
    with pytest.raises(ReadOnlyPack, match="bundled with gridrules"):
        writable_root(str(bundled_root()))


def test_a_writer_waits_for_the_lock_and_gives_up_clearly(pack_copy):
    with locked(pack_copy):
        started = time.monotonic()
        with pytest.raises(PackBusy, match="another gridrules command"):
            change_pack(pack_copy, lambda draft: None, timeout=0.3)
        assert time.monotonic() - started >= 0.3
    outcome, written = change_pack(pack_copy, lambda draft: "free again", timeout=0.3)
    assert (outcome, written) == ("free again", None)


def test_the_whole_resulting_pack_is_validated_before_anything_is_written(pack_copy):
    before = snapshot(pack_copy)

    def propose(draft):
        draft.put("pack.yaml", draft.text("pack.yaml").replace("version: 1.0.0", "version: 1.1.0"))
        draft.put("admission/items.yaml", draft.text("admission/items.yaml").replace("owners: [tuiyi]", "owners: [tuiy]"))

    with pytest.raises(PackError, match=r"\(proposed change\)/admission/items.yaml:\d+:\d+: L16.owners\[0\]: unknown department 'tuiy'"):
        change_pack(pack_copy, propose)
    assert snapshot(pack_copy) == before


def test_a_change_replaces_files_and_leaves_no_debris(pack_copy, pack):
    def propose(draft):
        draft.put("risk.yaml", draft.text("risk.yaml") + "# reviewed\n")
        changelog.record(draft, "record", "dazu-grid", None, datetime.now(draft.pack.tz), reason="测试")

    _, written = change_pack(pack_copy, propose, hand_edits=True)
    assert written.changed == ["history.yaml", "pack.yaml", "risk.yaml"]
    assert written.previous_digest == pack.digest and written.digest == load_pack(pack_copy).digest != pack.digest
    assert not list(pack_copy.rglob(".*"))  # no journal, no temporary files, no lock file


def bump_and_log(draft):
    draft.put("risk.yaml", draft.text("risk.yaml") + "# reviewed\n")
    changelog.record(draft, "record", "dazu-grid", None, datetime.now(draft.pack.tz), reason="测试")


def test_a_change_that_drops_the_history_is_refused(pack_copy):
    before = snapshot(pack_copy)

    def propose(draft):
        draft.put("pack.yaml", draft.text("pack.yaml").replace("version: 1.0.0", "version: 1.0.1"))
        draft.put("history.yaml", "changes: []\n")  # the genesis gone

    with pytest.raises(GridRulesError, match="history entry does not record it"):
        change_pack(pack_copy, propose)
    assert snapshot(pack_copy) == before


def test_a_write_that_fails_half_way_is_put_back_at_once(pack_copy, monkeypatch):
    before = snapshot(pack_copy)
    real = journal.write_durably
    calls = []

    def failing(path, data):
        calls.append(path.name)
        if path.name == "risk.yaml" and calls.count("risk.yaml") == 1:  # after history.yaml: the disk is full
            raise OSError(28, "No space left on device")
        real(path, data)

    monkeypatch.setattr(journal, "write_durably", failing)
    with pytest.raises(GridRulesError, match="No space left on device.*the pack is as it was"):
        change_pack(pack_copy, bump_and_log, hand_edits=True)
    assert "history.yaml" in calls  # one file had really been replaced
    assert snapshot(pack_copy) == before


def test_every_change_rewrites_the_manifest(pack_copy):
    before = snapshot(pack_copy)
    with pytest.raises(GridRulesError, match="must rewrite pack.yaml"):
        change_pack(pack_copy, lambda draft: draft.put("history.yaml", "changes: []\n"))
    assert snapshot(pack_copy) == before


def test_init_copies_the_bundled_pack(tmp_path, pack):
    root, count = copy_bundled(tmp_path / "deploy")
    assert load_pack(root).digest == pack.digest
    assert (root / "cases").is_dir() and count > len(list(root.glob("*/*.yaml")))
    with pytest.raises(Exception, match="not an empty folder"):
        copy_bundled(root)


# --- separate processes ----------------------------------------------------------------------------


def approve_args(pack_dir, app_path):
    return ["admission", "approve", app_path, "--pack", str(pack_dir), "--session", "2026-5", "--date", DECIDED,
            "--format", "json"]


def test_two_approvals_at_the_same_moment_both_land(pack_copy, tmp_path):
    """Each writer holds the lock for a second after reading; without the lock both would take L18."""
    apps = [write_app(tmp_path, CANLIAN), write_app(tmp_path, FULIAN)]
    start = time.time() + 1.5  # both processes are ready by then
    driver = ("import sys, time; from gridrules.cli.main import main; "
              "t = float(sys.argv[1]); time.sleep(max(0, t - time.time())); sys.exit(main(sys.argv[2:]))")
    env = {FAULT_ENV: PAUSE}
    procs = [subprocess.Popen([*PYTHON, "-c", driver, str(start), *approve_args(pack_copy, app)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env={**os.environ, **env}) for app in apps]
    results = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], results
    finished = load_pack(pack_copy)
    new = {i.approval.application: i.id for i in finished.items if i.approval.application}
    assert new.keys() == {CANLIAN["id"], FULIAN["id"]}
    assert sorted(new.values()) == ["L18", "L19"]
    changes = finished.history.changes
    assert [(c.seq, c.previous_version, c.version) for c in changes] == [(1, "1.0.0", "1.1.0"), (2, "1.1.0", "1.2.0")]
    assert {c.application for c in changes} == {CANLIAN["id"], FULIAN["id"]}
    assert finished.manifest.version == "1.2.0"
    # the second writer changed the pack the first one left, not the one it would have read without the lock
    first, second = sorted((json.loads(out) for out, _ in results), key=lambda o: o["change"]["seq"])
    assert second["previous_digest"] == first["digest"] == changes[1].previous_digest


# Every passage of every crash point in an approval, in order.  The first approval writes three
# files: admission/items.yaml, history.yaml (holding its genesis entry) and pack.yaml, each saved
# in the journal first; every file is written through a temporary file.
APPROVAL_PASSAGES = [
    "locked",
    "journal-opened",
    "temp-written:1", "backup-written:1",  # admission/items.yaml's backup
    "temp-written:2", "backup-written:2",  # history.yaml's backup
    "temp-written:3", "backup-written:3",  # pack.yaml's backup
    "temp-written:4",  # journal.json
    "journal-written",
    "temp-written:5", "file-replaced:1",  # admission/items.yaml
    "temp-written:6", "file-replaced:2",  # history.yaml
    "temp-written:7", "file-replaced:3",  # pack.yaml, last
    "files-replaced",
    "committed",
]
MADE = APPROVAL_PASSAGES.index("committed")  # from here on the change is made


def test_the_crash_test_covers_every_passage_of_every_point(pack_copy, tmp_path, monkeypatch, capsys):
    reached: list[str] = []
    monkeypatch.setattr(crashpoints, "reach", reached.append)
    assert main(approve_args(pack_copy, write_app(tmp_path, CANLIAN))) == 0
    passages = [f"{point}:{reached[:n + 1].count(point)}" for n, point in enumerate(reached)]
    expected = [p if ":" in p else f"{p}:1" for p in APPROVAL_PASSAGES]
    assert passages == expected


def test_a_crash_point_ends_the_process_only_where_named(monkeypatch):
    ended: list[int] = []
    monkeypatch.setattr(crashpoints.os, "_exit", ended.append)
    monkeypatch.setattr(crashpoints, "_passages", crashpoints.Counter())
    monkeypatch.delenv(FAULT_ENV, raising=False)
    crashpoints.reach("locked")
    monkeypatch.setenv(FAULT_ENV, "journal-written")
    crashpoints.reach("locked")
    assert ended == []
    monkeypatch.setenv(FAULT_ENV, "file-replaced:2")
    crashpoints.reach("file-replaced")
    assert ended == []
    crashpoints.reach("file-replaced")
    assert ended == [crashpoints.CRASHED]


def contents(root, *, hidden: bool = True) -> dict[str, bytes | None]:
    """Every file and folder under ``root`` (dot-files too unless ``hidden`` is false), the
    moment a history entry was recorded aside (what differs between two runs: the moment, and
    the entry's own hash, which covers it)."""
    out: dict[str, bytes | None] = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if not hidden and any(part.startswith(".") for part in rel.split("/")):
            continue
        out[rel] = None if path.is_dir() else re.sub(rb"(recorded_at|    hash): .*", rb"\1: ~", path.read_bytes())
    return out


@pytest.fixture(scope="module")
def approved(tmp_path_factory) -> dict[str, bytes | None]:
    """The pack after the approval the crash tests interrupt, made without a crash."""
    from conftest import write_pack_copy

    folder = tmp_path_factory.mktemp("approved")
    root = write_pack_copy(folder / "pack")
    done = gridrules(*approve_args(root, write_app(folder, CANLIAN)))
    assert done.returncode == 0, done.stderr
    return contents(root)


def next_approval(root) -> None:
    """The next write, in this process (quicker than another command line)."""
    approve(root, Application.model_validate(FULIAN), "2026-5", date.fromisoformat(DECIDED))


@pytest.mark.parametrize("passage", APPROVAL_PASSAGES)
def test_a_writer_ended_at_any_crash_point_leaves_the_old_pack_or_the_new(passage, pack_copy, tmp_path, pack, approved):
    before = contents(pack_copy)
    crashed = gridrules(*approve_args(pack_copy, write_app(tmp_path, CANLIAN)), env={FAULT_ENV: passage})
    assert crashed.returncode == crashpoints.CRASHED, crashed.stderr
    made = APPROVAL_PASSAGES.index(passage) >= MADE
    if passage in ("file-replaced:1", "file-replaced:2"):
        # the folder really is half-changed on disk: some new files, pack.yaml still the old one
        assert contents(pack_copy, hidden=False) not in (before, approved)
        assert (pack_copy / "pack.yaml").read_bytes().count(b"version: 1.0.0") == 1
    # any reader sees either the previous pack or the finished change, never a mix
    loaded = load_pack(pack_copy)
    if made:
        assert loaded.manifest.version == "1.1.0" and "L18" in loaded.items_by_id
        assert contents(pack_copy, hidden=False) == approved
    else:
        assert loaded.digest == pack.digest
    # putting back (or tidying up) leaves exactly one of the two packs, nothing torn: seen on a copy
    restored = shutil.copytree(pack_copy, tmp_path / "restored", symlinks=True)
    with locked(restored):
        journal.recover(restored)
    assert contents(restored) == (approved if made else before)
    # ... which the next writer does first, then makes its own change
    next_approval(pack_copy)
    final = load_pack(pack_copy)
    assert [c.application for c in final.history.changes] == ([CANLIAN["id"]] if made else []) + [FULIAN["id"]]
    assert not list(pack_copy.rglob(".*"))


@pytest.mark.parametrize("passage", ["temp-written:1", "temp-written:2"])
def test_a_writer_ended_while_putting_back_a_crashed_change_leaves_the_old_pack(passage, pack_copy, tmp_path, pack):
    """Putting back is itself a write that can be interrupted: the next writer starts it again."""
    before = contents(pack_copy)
    first = gridrules(*approve_args(pack_copy, write_app(tmp_path, CANLIAN)), env={FAULT_ENV: "files-replaced"})
    assert first.returncode == crashpoints.CRASHED, first.stderr
    # the second writer puts back the journal's files (each through a temporary file) before
    # its own change, and is ended part way: the first one, then the second one, is put back
    second = gridrules(*approve_args(pack_copy, write_app(tmp_path, FULIAN)), env={FAULT_ENV: passage})
    assert second.returncode == crashpoints.CRASHED, second.stderr
    assert (pack_copy / journal.JOURNAL_DIR / journal.MANIFEST).exists()  # still unfinished
    assert load_pack(pack_copy).digest == pack.digest
    with locked(pack_copy):
        assert journal.recover(pack_copy) is True
    assert contents(pack_copy) == before
    next_approval(pack_copy)
    assert [c.application for c in load_pack(pack_copy).history.changes] == [FULIAN["id"]]


def test_validate_says_a_change_was_interrupted(pack_copy, tmp_path, pack):
    killed = gridrules(*approve_args(pack_copy, write_app(tmp_path, CANLIAN)), env={FAULT_ENV: "file-replaced:1"})
    assert killed.returncode == crashpoints.CRASHED
    checked = gridrules("validate", str(pack_copy))
    assert checked.returncode == 0, checked.stderr
    assert pack.digest in checked.stdout  # the pack before the change
    assert "a change to this pack was interrupted" in checked.stderr
    quiet = gridrules("validate")
    assert "interrupted" not in quiet.stderr


def test_the_pack_folder_is_synced_after_the_journal_folder_is_made_and_before_any_file_moves(pack_copy, monkeypatch):
    events = []
    synced, reached = journal.fsync_dir, crashpoints.reach
    monkeypatch.setattr(journal, "fsync_dir", lambda path: (events.append(("fsync", path)), synced(path))[1])
    monkeypatch.setattr(crashpoints, "reach", lambda point: (events.append(("at", point)), reached(point))[1])
    next_approval(pack_copy)
    opened = events.index(("at", "journal-opened"))
    assert events[opened - 1] == ("fsync", pack_copy)
    assert opened < events.index(("at", "file-replaced"))
