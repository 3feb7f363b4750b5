"""Decisions on an application over HTTP: two at once queue, and the second finds it decided; the
same decision sent again is answered as the command answers it (200, written false)."""

from __future__ import annotations

import threading

import httpx
import pytest
from fastapi.testclient import TestClient

from appdocs import CANLIAN, DECIDED
from gridrules.change import workflow
from gridrules.engine.loading import load_pack
from gridrules.pack.crashpoints import CRASHED
from gridrules.service.app import create_app
from gridrules.service.applications import ApplicationStore
from servicekit import bearer, serve, stop, write_config

pytestmark = pytest.mark.usefixtures("decisions_after_today")


def test_an_approval_racing_a_rejection_finds_the_application_decided(tmp_path, pack_copy, monkeypatch):
    """The rejection has written the pack and not yet filed the application as decided when the
    approval arrives (the interleaving injected at that seam): the approval waits, then gets 409 naming
    the rejection (the pack alone would take a later meeting's approval as a reconsideration)."""
    config = tmp_path / "serve.json"
    secrets = write_config(config)
    client = TestClient(create_app(str(pack_copy), config), raise_server_exceptions=False)
    dept, sec = bearer(secrets["department:canlian"]), bearer(secrets["secretariat"])
    assert client.post("/v1/applications", json=CANLIAN, headers=dept).status_code == 201
    recorded, go, approval_read = threading.Event(), threading.Event(), threading.Event()
    real_reject, real_get = workflow.reject, ApplicationStore.get

    def slow_reject(*args, **kwargs):
        outcome = real_reject(*args, **kwargs)
        recorded.set()
        go.wait(20)
        return outcome

    def watched_get(self, app_id, *pack):
        if threading.current_thread().name == "approving":
            approval_read.set()
        return real_get(self, app_id, *pack)

    monkeypatch.setattr(workflow, "reject", slow_reject)
    monkeypatch.setattr(ApplicationStore, "get", watched_get)
    answers: dict[str, object] = {}
    base = f"/v1/applications/{CANLIAN['id']}"

    def post(name, path, body):
        answers[name] = client.post(path, json=body, headers=sec)

    rejecting = threading.Thread(target=post, args=("reject", f"{base}/reject", {"session": "2026-5", "date": "2026-12-18"}))
    rejecting.start()
    assert recorded.wait(30)
    # a later meeting's approval: the pack alone would take it as a reconsideration
    approving = threading.Thread(target=post, name="approving",
                                 args=("approve", f"{base}/approve", {"session": "2026-6", "date": "2026-12-20"}))
    approving.start()
    read_early = approval_read.wait(0.5)
    go.set()
    rejecting.join(30)
    approving.join(30)
    assert not read_early, "the approval read the application while the rejection was being recorded"
    assert answers["reject"].status_code == 201
    assert answers["approve"].status_code == 409
    assert answers["approve"].json()["message"] == (f"application {CANLIAN['id']} was rejected by the meeting 2026年第5次会议 "
                                                    "(2026-12-18): a decided application takes no other decision")
    assert [c.action for c in load_pack(pack_copy).history.changes] == ["reject"]
    assert client.get(base, headers=sec).json()["status"] == "rejected"


def test_an_approval_killed_after_writing_the_pack_is_filed_when_next_read(tmp_path, pack_copy):
    """A real ``gridrules serve`` dies the moment the approval is in the pack, before it files the
    application as decided or answers.  A new server reads the application as the pack records it:
    approved, with that decision's outcome; the same decision sent again (the client never had an
    answer) is answered with the entry that records it -- 200, written false, the item's code -- and
    writes nothing."""
    config = tmp_path / "serve.json"
    secrets = write_config(config)
    dept, sec = bearer(secrets["department:canlian"]), bearer(secrets["secretariat"])
    path, decision = f"/v1/applications/{CANLIAN['id']}", {"session": "2026-5", "date": DECIDED}
    process, base = serve(pack_copy, config, GRIDRULES_FAULT="committed")
    try:
        assert httpx.post(f"{base}/v1/applications", json=CANLIAN, headers=dept, timeout=30).status_code == 201
        with pytest.raises(httpx.TransportError):
            httpx.post(f"{base}{path}/approve", json=decision, headers=sec, timeout=60)
        assert process.wait(timeout=30) == CRASHED
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
    written = load_pack(pack_copy)
    assert written.items_by_id["L18"].approval.application == CANLIAN["id"]
    assert [c.action for c in written.history.changes] == ["approve"]
    assert (tmp_path / "applications" / "pending" / f"{CANLIAN['id']}.json").exists()  # what the kill left

    process, base = serve(pack_copy, config)
    try:
        with httpx.Client(base_url=base, headers=sec, timeout=60) as http:
            listed = http.get("/v1/applications").json()["applications"]
            assert [(r["id"], r["status"]) for r in listed] == [(CANLIAN["id"], "approved")]
            filed = http.get(path).json()
            assert (filed["status"], filed["outcome"]["target"], filed["outcome"]["digest"]) == (
                "approved", "L18", written.digest)
            again = http.post(f"{path}/approve", json=decision)
            assert again.status_code == 200, again.text
            body = again.json()
            assert (body["written"], body["action"], body["target"], body["digest"]) == (False, "approve", "L18",
                                                                                         written.digest)
            assert body["change"]["application"] == CANLIAN["id"]
    finally:
        stop(process)
    assert load_pack(pack_copy).digest == written.digest


ZH = {"Accept-Language": "zh-CN"}


def _decided_client(tmp_path, pack_copy) -> tuple[TestClient, dict, dict]:
    config = tmp_path / "serve.json"
    secrets = write_config(config)
    client = TestClient(create_app(str(pack_copy), config), raise_server_exceptions=False)
    dept, sec = bearer(secrets["department:canlian"]), bearer(secrets["secretariat"])
    assert client.post("/v1/applications", json=CANLIAN, headers=dept).status_code == 201
    return client, dept, sec


def test_the_same_approval_sent_again_answers_as_the_command_does(tmp_path, pack_copy):
    """A dispatch system retrying an approval after a timeout learns the item's code: 200, written
    false, the entry recorded the first time; the pack is written once.  Another meeting's approval
    of it is refused in Chinese naming what differs; so is a rejection of the approved application."""
    client, _dept, sec = _decided_client(tmp_path, pack_copy)
    path, decision = f"/v1/applications/{CANLIAN['id']}", {"session": "2026-5", "date": DECIDED}
    first = client.post(f"{path}/approve", json=decision, headers=sec)
    assert first.status_code == 201, first.text
    assert first.json()["target"] == "L18"
    after = load_pack(pack_copy).digest
    again = client.post(f"{path}/approve", json=decision, headers=sec)
    assert again.status_code == 200, again.text
    body = again.json()
    assert (body["written"], body["target"], body["digest"], body["change"]) == (
        False, "L18", first.json()["digest"], first.json()["change"])
    assert load_pack(pack_copy).digest == after
    assert client.get(path, headers=sec).json()["status"] == "approved"

    other = client.post(f"{path}/approve", json={"session": "2026-6", "date": "2026-12-20"}, headers=sec | ZH)
    assert other.status_code == 409
    assert other.json()["message"] == (f"申请 {CANLIAN['id']} 已作为 L18 列入清单"
                                        "（已记录的决定与此次不同：会议届次（session）、日期（date））")
    rejected = client.post(f"{path}/reject", json=decision, headers=sec | ZH)
    assert rejected.status_code == 409
    assert rejected.json()["message"] == f"申请 {CANLIAN['id']} 已作为 L18 列入清单：请改为撤销该事项"
    assert load_pack(pack_copy).digest == after


def test_the_same_rejection_sent_again_is_answered_and_another_meeting_is_refused(tmp_path, pack_copy):
    """A rejection sent again: 200, written false, recorded once.  Another meeting's rejection, or its
    approval, of the rejected application: 409 naming the meeting that decided it, in Chinese."""
    client, _dept, sec = _decided_client(tmp_path, pack_copy)
    path, decision = f"/v1/applications/{CANLIAN['id']}", {"session": "2026-5", "date": DECIDED}
    assert client.post(f"{path}/reject", json=decision, headers=sec).status_code == 201
    again = client.post(f"{path}/reject", json=decision, headers=sec)
    assert again.status_code == 200, again.text
    assert (again.json()["written"], again.json()["action"], again.json()["target"]) == (False, "reject", CANLIAN["id"])
    refused = f"申请 {CANLIAN['id']} 已由2026年第5次会议（{DECIDED}）不予纳入：已有决定的申请不再作其他决定"
    for action in ("reject", "approve"):
        later = client.post(f"{path}/{action}", json={"session": "2026-6", "date": "2026-12-20"}, headers=sec | ZH)
        assert later.status_code == 409, later.text
        # a conflict with the decision recorded, not the policy's refusal (README: error codes)
        assert (later.json()["error"], later.json()["message"]) == ("conflict", refused)
    assert [c.action for c in load_pack(pack_copy).history.changes] == ["reject"]
