"""The folder of applications: a new one appears whole or not at all, even when its writer is killed; a
decision on one (``decide``, the service's and the pages' alike) is taken under the folder's lock and is
decided now, found recorded already, or refused."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from datetime import date, timezone

from appdocs import CANLIAN, DECIDED, FULIAN, PYTHON, snapshot
from gridrules.catalogue import t
from gridrules.catalogue.fields import field_label
from gridrules.change import workflow
from gridrules.change.appform import differing
from gridrules.change.store import locked
from gridrules.contract.application import Application
from gridrules.engine.loading import load_pack
from gridrules.errors import InputError, NotFound, PackBusy, Problem, Refused
from gridrules.pack.crashpoints import CRASHED
from gridrules.pack.layout import ITEMS
from gridrules.service.applications import ApplicationStore, Conflict, Submitted

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
    again = store.submit(CANLIAN, "canlian").record  # the id is not stuck
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
    first = store.submit(CANLIAN, "canlian").record
    with pytest.raises(Conflict, match="waiting already"):
        store.submit(CANLIAN | {"item": "另一个名称"}, "canlian")
    assert store.get(CANLIAN["id"]) == first
    assert sorted(p.name for p in (tmp_path / "pending").iterdir()) == [f"{CANLIAN['id']}.json"]


def test_the_same_application_sent_again_is_the_one_filed_and_another_under_its_id_is_refused(tmp_path, pack_copy):
    """A submission sent again (a retry after a timeout, a form sent back) is found filed, nothing written;
    another application under that id -- waiting or decided -- is refused, naming the fields that differ
    (in the pack's form's words) and that it needs an id of its own."""
    pack = load_pack(pack_copy)
    store = ApplicationStore(tmp_path)
    first = store.submit(CANLIAN, "canlian", pack)
    assert first.written
    before = snapshot(tmp_path)
    again = store.submit(json.loads(json.dumps(CANLIAN)), "canlian", pack)
    assert (again.written, again.record) == (False, first.record) and snapshot(tmp_path) == before
    other = CANLIAN | {"content": "另一项工作", "frequency": "每月"}
    with pytest.raises(Conflict) as refused:
        store.submit(other, "canlian", pack)
    assert str(refused.value) == t("http.app_waiting", app=CANLIAN["id"]) + differing(
        Application.model_validate(CANLIAN), Application.model_validate(other), pack)
    assert "content" in str(refused.value) and "frequency" in str(refused.value) and "item" not in str(refused.value)
    assert snapshot(tmp_path) == before
    done = store.decided(first.record, "rejected", {"change": {}}, timezone.utc)
    assert store.submit(CANLIAN, "canlian", pack) == Submitted(done, written=False)  # decided: found as it stands
    with pytest.raises(Conflict, match="decided already"):
        store.submit(other, "canlian", pack)


def test_an_application_left_in_both_folders_by_a_killed_decision_reads_as_decided(tmp_path):
    store = ApplicationStore(tmp_path)
    record = store.submit(CANLIAN, "canlian").record
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
    record = store.submit(CANLIAN, "canlian", pack).record
    assert record["submitted_at"].endswith("+08:00")
    done = store.decided(record, "approved", {"written": True}, pack.tz)
    assert done["decided_at"].endswith("+08:00") and store.get(CANLIAN["id"])["decided_at"] == done["decided_at"]
    assert store.submit(FULIAN, "fulian").record["submitted_at"].endswith("+00:00")


def _held(store: ApplicationStore) -> bool:
    """Whether the folder's lock is held (by this thread or any other), as another decision would find it."""
    try:
        with locked(store.root, timeout=0.05):
            return False
    except PackBusy:
        return True


def test_a_decision_is_taken_once_found_recorded_when_sent_again_and_another_refused(tmp_path, pack_copy):
    """On a waiting application the library records the decision and the application is filed with its
    outcome (decided); the same decision sent again is asked ``once`` and found recorded (the entry that
    records it, nothing written, the filing kept); another meeting's decision is refused in the library's
    words, naming what differs, and nothing is written.  The application is read and the decision taken
    under the folder's lock."""
    store = ApplicationStore(tmp_path / "applications")
    store.submit(CANLIAN, "canlian")
    tz = load_pack(pack_copy).tz
    asked: list[tuple[bool, bool]] = []

    def read() -> dict:
        record = store.get(CANLIAN["id"])
        assert record is not None
        return record

    def approval(session: str):
        def record_decision(app: Application, once: bool) -> workflow.Outcome:
            asked.append((once, _held(store)))
            return workflow.approve(pack_copy, app, session, date.fromisoformat(DECIDED), once=once)
        return record_decision

    first = store.decide(read, "approved", tz, approval("2026-5"))
    assert (first.result, first.refusal) == ("decided", None) and first.outcome.written
    assert (first.record["status"], first.record["outcome"]["target"]) == ("approved", "L18")
    assert store.get(CANLIAN["id"]) == first.record
    written = load_pack(pack_copy)
    assert written.digest == first.outcome.digest

    again = store.decide(read, "approved", tz, approval("2026-5"))
    assert (again.result, again.outcome.written, again.refusal) == ("recorded", False, None)
    assert again.outcome.change == first.outcome.change and again.record == first.record  # filed once

    other = store.decide(read, "approved", tz, approval("2026-6"))
    assert (other.result, other.outcome) == ("refused", None) and isinstance(other.refusal, Refused)
    assert other.refusal.message == (t("refuse.already_listed", app=CANLIAN["id"], item="L18")
                                     + t("refuse.differs", fields=field_label("session", ITEMS)))
    assert other.record == first.record and store.get(CANLIAN["id"]) == first.record

    assert asked == [(False, True), (True, True), (True, True)]  # once on a decided one; always under the lock
    assert load_pack(pack_copy).digest == written.digest and \
        [c.action for c in load_pack(pack_copy).history.changes] == ["approve"]
    assert not _held(store)


def test_a_waiting_application_the_pack_records_is_found_recorded_and_filed(tmp_path, pack_copy):
    """Its writer killed between the pack and the folder: the decision sent again finds it recorded in the
    pack (written false, not ``once``: the folder says waiting) and the application is filed with it."""
    store = ApplicationStore(tmp_path / "applications")
    store.submit(FULIAN, "fulian")
    on = date.fromisoformat(DECIDED)
    first = workflow.reject(pack_copy, Application.model_validate(FULIAN), "2026-5", on, "另行研究")
    asked: list[bool] = []

    def rejection(app: Application, once: bool) -> workflow.Outcome:
        asked.append(once)
        return workflow.reject(pack_copy, app, "2026-5", on, "另行研究", once=once)

    found = store.decide(lambda: store.get(FULIAN["id"]), "rejected", timezone.utc, rejection)
    assert (found.result, asked) == ("recorded", [False])
    assert found.outcome.change == first.change and found.outcome.digest == first.digest
    assert (found.record["status"], found.record["outcome"]["written"]) == ("rejected", False)
    assert store.get(FULIAN["id"]) == found.record
    assert not (tmp_path / "applications" / "pending" / f"{FULIAN['id']}.json").exists()


def test_a_refused_decision_leaves_the_application_waiting_and_the_readers_own_error_passes(tmp_path):
    """What the library refuses (here the decision's own bad input) is handed back, nothing filed: the
    application waits.  What ``read`` raises (the caller's not-found) is raised, the lock let go."""
    store = ApplicationStore(tmp_path / "applications")
    waiting = store.submit(CANLIAN, "canlian").record
    bad = InputError(Problem("a decision dated after today", field="date"))

    def refused(_app: Application, _once: bool) -> workflow.Outcome:
        raise bad

    result = store.decide(lambda: store.get(CANLIAN["id"]), "approved", timezone.utc, refused)
    assert (result.result, result.outcome, result.refusal, result.record) == ("refused", None, bad, waiting)
    assert store.get(CANLIAN["id"]) == waiting

    def missing() -> dict:
        raise NotFound(Problem("no application APP-0", field="app_id"))

    with pytest.raises(NotFound):
        store.decide(missing, "approved", timezone.utc, refused)
    assert not _held(store)


def test_an_application_id_in_the_path_that_is_no_id_is_422_naming_app_id(served):
    """As the path parameter is named (its 404 says app_id, an item's code and an approval's ref are named
    so too), not the body's ``id`` a client would look for in what it sent."""
    client, as_ = served
    secretariat = as_("secretariat") | {"Accept-Language": "zh-CN"}
    decision = {"session": "2026-6", "date": "2026-11-20"}
    for answer in (client.get("/v1/applications/a%20b", headers=secretariat),
                   client.get("/v1/applications/:/review", headers=secretariat),
                   client.post("/v1/applications/.../approve", json=decision, headers=secretariat),
                   client.post("/v1/applications/:/withdraw", json={}, headers=as_("department:canlian") | {"Accept-Language": "zh-CN"})):
        assert answer.status_code == 422, answer.text
        [problem] = answer.json()["problems"]
        assert problem["field"] == "app_id" and "不是申请编号" in problem["message"], answer.text
