"""Decisions on a waiting application over HTTP: two at once queue, and the second finds it decided."""

from __future__ import annotations

import threading

import pytest
from fastapi.testclient import TestClient

from appdocs import CANLIAN
from gridrules.change import workflow
from gridrules.engine.loading import load_pack
from gridrules.service.app import create_app
from gridrules.service.applications import ApplicationStore
from servicekit import bearer, write_config

pytestmark = pytest.mark.usefixtures("decisions_after_today")


def test_an_approval_racing_a_rejection_finds_the_application_decided(tmp_path, pack_copy, monkeypatch):
    """The rejection has written the pack and not yet filed the application as decided when the
    approval arrives (the interleaving injected at that seam): the approval waits, then gets 409."""
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

    def watched_get(self, app_id):
        if threading.current_thread().name == "approving":
            approval_read.set()
        return real_get(self, app_id)

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
    assert answers["approve"].json()["message"] == f"application {CANLIAN['id']} was decided already (rejected)"
    assert [c.action for c in load_pack(pack_copy).history.changes] == ["reject"]
    assert client.get(base, headers=sec).json()["status"] == "rejected"
