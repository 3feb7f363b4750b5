"""A decided application's review over HTTP is the one its decision was taken on, labelled so; a
waiting one's is reviewed live."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from appdocs import CANLIAN
from gridrules.service.app import create_app
from servicekit import bearer, write_config

pytestmark = pytest.mark.usefixtures("decisions_after_today")


def test_an_approved_applications_review_is_the_one_at_its_decision(tmp_path, pack_copy):
    config = tmp_path / "serve.json"
    secrets = write_config(config)
    client = TestClient(create_app(str(pack_copy), config), raise_server_exceptions=False)
    dept, sec = bearer(secrets["department:canlian"]), bearer(secrets["secretariat"])
    assert client.post("/v1/applications", json=CANLIAN, headers=dept).status_code == 201
    path = f"/v1/applications/{CANLIAN['id']}/review"
    live = client.get(path, headers=sec).json()
    assert live["recommendation"] == "approve" and "at_decision" not in live
    r = client.post(f"/v1/applications/{CANLIAN['id']}/approve", json={"session": "2026-5", "date": "2026-12-18"},
                    headers=sec)
    assert r.status_code == 201 and r.json()["target"] == "L18"
    for who in (sec, dept):
        kept = client.get(path, headers=who).json()
        # reviewed now, against the pack it changed, it would be found to duplicate L18 itself
        assert kept["recommendation"] == "approve" and kept["next_code"] == "L18"
        assert not [f for f in kept["findings"] if f["severity"] == "blocking"]
        assert kept["pack"]["version"] == "1.0.0" and kept["review_date"] == "2026-12-18"
        assert kept["at_decision"] == {"status": "approved", "decided_at": kept["at_decision"]["decided_at"],
                                       "decision": r.json()["change"]["decision"], "pack_version": "1.0.0"}
