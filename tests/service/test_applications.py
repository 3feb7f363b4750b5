"""The folder of applications: a new one appears whole or not at all, even when its writer is killed."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from datetime import date, timezone

from appdocs import CANLIAN, DECIDED, FULIAN, PYTHON
from gridrules.change import workflow
from gridrules.contract.application import Application
from gridrules.engine.loading import load_pack
from gridrules.pack.crashpoints import CRASHED
from gridrules.service.applications import ApplicationStore, Conflict

SUBMIT = ("import json, sys\n"
          "from gridrules.service.applications import ApplicationStore\n"
          "ApplicationStore(sys.argv[1]).submit(json.loads(sys.argv[2]), 'canlian')\n")


@pytest.mark.parametrize("point", ["temp-written", "application-staged"])
def test_a_submission_killed_while_writing_leaves_no_application_and_the_id_free(tmp_path, point):
    root = tmp_path / "applications"
    killed = subprocess.run([*PYTHON, "-c", SUBMIT, str(root), json.dumps(CANLIAN)], capture_output=True, text=True,
                            env={**os.environ, "GRIDRULES_FAULT": point}, timeout=120)
    assert killed.returncode == CRASHED, killed.stderr
    left = [p.name for p in (root / "pending").iterdir()]
    assert len(left) == 1 and left[0].startswith(".") and f"{CANLIAN['id']}.json." in left[0], left  # the writer's hidden file
    store = ApplicationStore(root)
    assert list((root / "pending").iterdir()) == []  # removed: its writer will never finish it
    assert not (root / "pending" / f"{CANLIAN['id']}.json").exists()
    assert store.get(CANLIAN["id"]) is None and store.all() == []
    again = store.submit(CANLIAN, "canlian")  # the id is not stuck
    assert store.get(CANLIAN["id"]) == again and store.all() == [again]


def test_a_running_writers_files_are_left_to_it(tmp_path):
    """Another worker's staging or temporary file, this instant, is its own: a new store does not touch it."""
    pending = tmp_path / "pending"
    pending.mkdir()
    mine = os.getpid()
    names = [f".{CANLIAN['id']}.json.{mine}.1.staged", f".{CANLIAN['id']}.json.{mine}.gridrules-tmp", ".keep"]
    for name in names:
        (pending / name).write_text("{}")
    ApplicationStore(tmp_path)
    assert sorted(p.name for p in pending.iterdir()) == sorted(names)


def test_a_waiting_application_is_never_replaced_and_no_staging_file_is_left(tmp_path):
    store = ApplicationStore(tmp_path)
    first = store.submit(CANLIAN, "canlian")
    with pytest.raises(Conflict, match="waiting already"):
        store.submit(CANLIAN | {"item": "另一个名称"}, "canlian")
    assert store.get(CANLIAN["id"]) == first
    assert sorted(p.name for p in (tmp_path / "pending").iterdir()) == [f"{CANLIAN['id']}.json"]


def test_an_application_left_in_both_folders_by_a_killed_decision_reads_as_decided(tmp_path):
    store = ApplicationStore(tmp_path)
    record = store.submit(CANLIAN, "canlian")
    done = store.decided(record, "rejected", {"change": {}}, timezone.utc)
    (tmp_path / "pending" / f"{CANLIAN['id']}.json").write_text(json.dumps(record))  # as if killed before the unlink
    assert store.get(CANLIAN["id"]) == done and store.all() == [done]


def test_a_waiting_application_whose_decision_the_pack_records_is_filed_with_it(tmp_path, pack_copy):
    """Its writer was killed between the pack and the folder, or the meeting's decision was taken on the
    command line: read with the pack, the application is filed as the pack records it (approved, rejected)
    with that decision's outcome; read without the pack, or undecided, it waits."""
    store = ApplicationStore(tmp_path / "applications")
    for doc in (CANLIAN, FULIAN):
        store.submit(doc, doc["applicant"])
    on = date.fromisoformat(DECIDED)
    approved = workflow.approve(pack_copy, Application.model_validate(CANLIAN), "2026-5", on)
    rejected = workflow.reject(pack_copy, Application.model_validate(FULIAN), "2026-5", on, "另行研究")
    assert store.get(CANLIAN["id"])["status"] == "pending"  # without the pack: as the folder holds it
    pack = load_pack(pack_copy)
    filed = store.get(CANLIAN["id"], pack)
    assert (filed["status"], filed["outcome"]["settled"], filed["outcome"]["target"]) == ("approved", True, "L18")
    assert (filed["outcome"]["change"]["seq"], filed["outcome"]["previous_digest"], filed["outcome"]["digest"]) == (
        1, approved.previous_digest, approved.digest)  # the digest the approval made, not the pack's now
    assert not (tmp_path / "applications" / "pending" / f"{CANLIAN['id']}.json").exists()
    assert sorted((r["id"], r["status"]) for r in store.all(pack=pack)) == [(CANLIAN["id"], "approved"),
                                                                           (FULIAN["id"], "rejected")]
    assert store.get(FULIAN["id"])["outcome"]["digest"] == rejected.digest == pack.digest
    other = dict(CANLIAN, id="APP-2026-099", item="另一项工作")
    store.submit(other, "canlian")
    assert store.get(other["id"], pack)["status"] == "pending"  # the pack records nothing on it


def test_submitted_and_decided_at_are_in_the_packs_offset(tmp_path, pack_copy):
    """``submitted_at`` and ``decided_at`` are written in the pack's offset (pack.yaml's utc_offset,
    +08:00), as every other moment the service answers -- not in UTC; with no pack, UTC."""
    pack = load_pack(pack_copy)
    store = ApplicationStore(tmp_path / "applications")
    record = store.submit(CANLIAN, "canlian", pack)
    assert record["submitted_at"].endswith("+08:00")
    done = store.decided(record, "approved", {"written": True}, pack.tz)
    assert done["decided_at"].endswith("+08:00") and store.get(CANLIAN["id"])["decided_at"] == done["decided_at"]
    assert store.submit(FULIAN, "fulian")["submitted_at"].endswith("+00:00")
