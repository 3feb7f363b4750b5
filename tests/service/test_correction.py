"""补正 over HTTP: the department that filed a waiting application replaces it under its number (the
review redone on the new content, the earlier version kept, the moment of the correction recorded) or
withdraws it; another department's number and a decided application are a 409 ``conflict``."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from appdocs import CANLIAN
from gridrules.service.app import create_app
from servicekit import bearer, write_config

pytestmark = pytest.mark.usefixtures("decisions_after_today")
BASE = f"/v1/applications/{CANLIAN['id']}"
INCOMPLETE = {k: v for k, v in CANLIAN.items() if k not in ("basis", "subsidy")}


@pytest.fixture
def parties(tmp_path, pack_copy):
    config = tmp_path / "serve.json"
    secrets = write_config(config)
    client = TestClient(create_app(str(pack_copy), config), raise_server_exceptions=False)
    return client, bearer(secrets["department:canlian"]), bearer(secrets["department:minzheng"]), \
        bearer(secrets["secretariat"])


def test_a_department_corrects_its_waiting_application_under_its_number(parties):
    client, dept, _other, sec = parties
    assert client.post("/v1/applications", json=INCOMPLETE, headers=dept).status_code == 201
    before = client.get(f"{BASE}/review", headers=sec).json()
    assert before["recommendation"] == "incomplete"  # basis and subsidy not written: returned for correction

    answer = client.put(BASE, json=CANLIAN, headers=dept)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["written"] is True and body["status"] == "pending"
    assert body["application"]["basis"] == CANLIAN["basis"]
    assert [v["application"] for v in body["versions"]] == [INCOMPLETE]  # the version it replaced, kept
    assert body["versions"][0]["filed_at"] == body["submitted_at"] and body["corrected_at"] >= body["submitted_at"]
    assert client.get(f"{BASE}/review", headers=sec).json()["recommendation"] == "approve"  # the review redone
    seen = client.get(BASE, headers=sec).json()
    assert seen["corrected_at"] == body["corrected_at"] and len(seen["versions"]) == 1

    again = client.put(BASE, json=CANLIAN, headers=dept)  # the same correction sent again: nothing written
    assert again.status_code == 200 and again.json()["written"] is False
    assert len(again.json()["versions"]) == 1


def test_a_correction_is_refused_for_another_departments_number_or_a_decided_application(parties):
    client, dept, other, sec = parties
    assert client.put(BASE, json=CANLIAN, headers=dept).status_code == 404  # nothing filed under it yet
    assert client.post("/v1/applications", json=CANLIAN, headers=dept).status_code == 201
    theirs = client.put(BASE, json=CANLIAN | {"applicant": "minzheng"}, headers=other)
    assert theirs.status_code == 409 and theirs.json()["error"] == "conflict"
    moved = client.put(BASE, json=CANLIAN | {"id": "APP-OTHER"}, headers=dept)  # a correction keeps its number
    assert moved.status_code == 422 and moved.json()["problems"][0]["field"] == "id"

    assert client.post(f"{BASE}/approve", json={"session": "2026-5", "date": "2026-12-18"},
                       headers=sec).status_code == 201
    late = client.put(BASE, json=CANLIAN | {"frequency": "每季度"}, headers=dept)
    assert late.status_code == 409 and late.json()["error"] == "conflict"
    assert "can no longer be corrected" in late.json()["message"]
    assert client.post(f"{BASE}/withdraw", json={}, headers=dept).status_code == 409
    assert client.get(BASE, headers=sec).json()["application"]["frequency"] == CANLIAN["frequency"]


def test_a_department_withdraws_its_waiting_application_and_it_is_never_decided(parties):
    client, dept, other, sec = parties
    assert client.post("/v1/applications", json=CANLIAN, headers=dept).status_code == 201
    assert client.post(f"{BASE}/withdraw", json={}, headers=other).status_code == 409
    withdrawn = client.post(f"{BASE}/withdraw", json={}, headers=dept)
    assert withdrawn.status_code == 200 and withdrawn.json()["status"] == "withdrawn"
    assert withdrawn.json()["written"] is True and withdrawn.json()["withdrawn_at"]
    again = client.post(f"{BASE}/withdraw", json={}, headers=dept)
    assert again.status_code == 200 and again.json()["written"] is False
    listed = client.get("/v1/applications?status=withdrawn", headers=sec).json()["applications"]
    assert [a["id"] for a in listed] == [CANLIAN["id"]]
    refused = client.post(f"{BASE}/approve", json={"session": "2026-5", "date": "2026-12-18"}, headers=sec)
    assert refused.status_code == 409 and refused.json()["error"] == "conflict"
    assert client.put(BASE, json=CANLIAN, headers=dept).status_code == 409


# --- the secretariat's own entry of a paper application -------------------------------------------------------------

ZH = {"Accept-Language": "zh-CN,zh;q=0.9"}  # the messages in the words a secretariat reads (the tests' server says en)


def paper(client, secretariat_token: str, doc: dict = CANLIAN) -> dict:
    """``doc`` entered by the secretariat from paper, as the pages' form enters it (the store, with the token's
    principal: the API takes applications from departments only)."""
    from gridrules.service.tokens import verify

    who = verify(client.app.state.service.config(), secretariat_token)
    return client.app.state.service.applications.submit(doc, doc["applicant"], by=who).record


def test_the_secretariat_corrects_the_paper_application_it_entered_and_the_correction_is_its(parties):
    client, dept, _other, sec = parties
    entered = paper(client, sec["Authorization"].removeprefix("Bearer "), INCOMPLETE)
    assert entered["submitted_by"]["role"] == "secretariat"

    answer = client.put(BASE, json=CANLIAN, headers=sec)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["written"] is True and body["application"]["basis"] == CANLIAN["basis"]
    assert body["corrected_by"] == entered["submitted_by"]  # the secretariat's correction, by its token
    assert [(v["filed_by"]["role"], v["application"]) for v in body["versions"]] == [("secretariat", INCOMPLETE)]
    seen = client.get(BASE, headers=dept).json()  # the department reads who corrected it, and when
    assert seen["corrected_by"]["role"] == "secretariat" and seen["corrected_at"] == body["corrected_at"]
    assert client.get(f"{BASE}/review", headers=sec).json()["recommendation"] == "approve"  # the review redone

    # a wrong department is no correction: withdrawn and entered again, said naming applicant; nothing written
    moved = client.put(BASE, json=CANLIAN | {"applicant": "minzheng", "frequency": "每季度"}, headers=sec | ZH)
    assert moved.status_code == 422 and moved.json()["problems"][0]["field"] == "applicant"
    said = moved.json()["problems"][0]["message"]
    assert "撤回" in said and "区残联" in said
    assert client.get(BASE, headers=sec).json()["application"]["frequency"] == CANLIAN["frequency"]

    # the department's own correction of its paper application stays open to it, recorded as its own
    mine = client.put(BASE, json=CANLIAN | {"frequency": "每季度"}, headers=dept)
    assert mine.status_code == 200 and mine.json()["corrected_by"]["role"] == "department:canlian"
    assert [v["filed_by"]["role"] for v in mine.json()["versions"]] == ["secretariat", "secretariat"]


def test_the_secretariat_records_a_paper_withdrawal_of_a_paper_application_it_entered(parties):
    client, _dept, _other, sec = parties
    paper(client, sec["Authorization"].removeprefix("Bearer "))
    withdrawn = client.post(f"{BASE}/withdraw", json={}, headers=sec)
    assert withdrawn.status_code == 200, withdrawn.text
    assert withdrawn.json()["status"] == "withdrawn" and withdrawn.json()["withdrawn_by"]["role"] == "secretariat"
    again = client.post(f"{BASE}/withdraw", json={}, headers=sec)
    assert again.status_code == 200 and again.json()["written"] is False
    late = client.put(BASE, json=CANLIAN | {"frequency": "每季度"}, headers=sec)
    assert late.status_code == 409 and late.json()["error"] == "conflict"


def test_a_departments_own_application_is_its_alone_to_correct_or_withdraw(parties):
    client, dept, _other, sec = parties
    assert client.post("/v1/applications", json=INCOMPLETE, headers=dept).status_code == 201
    assert client.get(BASE, headers=sec).json()["submitted_by"]["role"] == "department:canlian"
    for refused in (client.put(BASE, json=CANLIAN, headers=sec | ZH),
                    client.post(f"{BASE}/withdraw", json={}, headers=sec | ZH)):
        assert refused.status_code == 409 and refused.json()["error"] == "conflict"
        assert "区残联" in refused.json()["message"] and "只有该部门能修改或撤回" in refused.json()["message"]
    kept = client.get(BASE, headers=sec).json()
    assert kept["status"] == "pending" and kept["application"] == INCOMPLETE and "versions" not in kept


def test_an_application_filed_before_its_submitter_was_recorded_is_not_the_secretariats_to_correct(parties):
    client, dept, _other, sec = parties
    client.app.state.service.applications.submit(INCOMPLETE, "canlian")  # as filed before submitted_by: nobody knows
    refused = client.put(BASE, json=CANLIAN, headers=sec | ZH)
    assert refused.status_code == 409 and refused.json()["error"] == "conflict"
    assert "不记录由谁录入" in refused.json()["message"] and "区残联" in refused.json()["message"]
    assert client.put(BASE, json=CANLIAN, headers=dept).status_code == 200  # its department still may
