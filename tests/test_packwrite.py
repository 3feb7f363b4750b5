"""Writing into a pack: the lock, validation before writing, atomic multi-file changes.

The process tests run the real command line in separate processes: two
approvals at the same moment, and writers killed (SIGKILL) at each step of a
change and at random moments.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import time

import pytest

from appdocs import CANLIAN, COMMAND, DECIDED, FULIAN, PYTHON, gridrules, snapshot, write_app
from gridrules.change import journal
from gridrules.errors import GridRulesError, PackBusy, PackError, ReadOnlyPack
from gridrules.pack.loader import bundled_root, pack_files
from gridrules.engine.loading import load_pack
from gridrules.change.store import (
    FAULT_ENV, FAULT_POINTS, PAUSE, change_pack, copy_bundled, locked, writable_root,
)


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
        draft.put("pack.yaml", draft.text("pack.yaml").replace("version: 1.0.0", "version: 1.0.1"))
        draft.put("history.yaml", "changes: []\n")

    _, written = change_pack(pack_copy, propose)
    assert written.changed == ["history.yaml", "pack.yaml"]
    assert written.previous_digest == pack.digest and written.digest == load_pack(pack_copy).digest != pack.digest
    assert not list(pack_copy.rglob(".*"))  # no journal, no temporary files, no lock file


def bump_and_log(draft):
    draft.put("pack.yaml", draft.text("pack.yaml").replace("version: 1.0.0", "version: 1.0.1"))
    draft.put("history.yaml", "changes: []\n")
    draft.put("risk.yaml", draft.text("risk.yaml") + "# reviewed\n")


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
        change_pack(pack_copy, bump_and_log)
    assert "history.yaml" in calls  # one file had really been replaced
    assert snapshot(pack_copy) == before


def test_every_change_rewrites_the_manifest(pack_copy):
    with pytest.raises(GridRulesError, match="must rewrite pack.yaml"):
        change_pack(pack_copy, lambda draft: draft.put("history.yaml", "changes: []\n"))
    assert not (pack_copy / "history.yaml").exists()


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


@pytest.mark.parametrize("point", FAULT_POINTS)
def test_a_writer_killed_mid_change_leaves_a_valid_pack(point, pack_copy, tmp_path, pack):
    app = write_app(tmp_path, CANLIAN)
    before = snapshot(pack_copy)
    killed = gridrules(*approve_args(pack_copy, app), env={FAULT_ENV: point})
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    made = point == "after-commit"
    if point.startswith("after-replace"):
        # the folder really is half-changed on disk: some new files, pack.yaml still the old one
        assert snapshot(pack_copy) != before
        assert (pack_copy / "pack.yaml").read_bytes().count(b"version: 1.0.0") == 1
    # any reader sees either the previous pack or the finished change, never a mix
    loaded = load_pack(pack_copy)
    if made:
        assert loaded.manifest.version == "1.1.0" and "L18" in loaded.items_by_id
    else:
        assert loaded.digest == pack.digest
    # the next writer restores (or tidies up) first, then makes its own change
    with locked(pack_copy):
        journal.recover(pack_copy)
    if not made:
        assert snapshot(pack_copy) == before
    again = gridrules(*approve_args(pack_copy, write_app(tmp_path, FULIAN)))
    assert again.returncode == 0, again.stderr
    final = load_pack(pack_copy)
    assert [c.application for c in final.history.changes] == ([CANLIAN["id"]] if made else []) + [FULIAN["id"]]
    assert not list(pack_copy.rglob(".*"))


def test_writers_killed_at_random_moments_never_leave_a_broken_pack(pack_copy, tmp_path, pack):
    app = write_app(tmp_path, CANLIAN)
    original = pack_files(bundled_root())
    rng = random.Random(5)
    for _ in range(4):
        proc = subprocess.Popen([*COMMAND, *approve_args(pack_copy, app)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 1.6))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        loaded = load_pack(pack_copy)  # always a valid pack: the old one or the finished change
        assert [c.application for c in loaded.history.changes] in ([], [CANLIAN["id"]])
        assert (loaded.digest == pack.digest) == (not loaded.history.changes)
        with locked(pack_copy):
            journal.recover(pack_copy)
        assert load_pack(pack_copy).digest == loaded.digest  # what readers saw is what stays
        for rel, data in original:  # start again from the original pack
            (pack_copy / rel).write_bytes(data)
        (pack_copy / "history.yaml").unlink(missing_ok=True)
        assert load_pack(pack_copy).digest == pack.digest


def test_validate_says_a_change_was_interrupted(pack_copy, tmp_path, pack):
    killed = gridrules(*approve_args(pack_copy, write_app(tmp_path, CANLIAN)), env={FAULT_ENV: "after-replace-1"})
    assert killed.returncode == -signal.SIGKILL
    checked = gridrules("validate", str(pack_copy))
    assert checked.returncode == 0, checked.stderr
    assert pack.digest in checked.stdout  # the pack before the change
    assert "a change to this pack was interrupted" in checked.stderr
    quiet = gridrules("validate")
    assert "interrupted" not in quiet.stderr
