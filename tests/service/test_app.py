"""The service in process (FastAPI's TestClient): roles, decisions, batches, the workflow, swaps, hardening."""

from __future__ import annotations

import json
import time
from datetime import datetime

import pytest
from fastapi.testclient import TestClient

from appdocs import CANLIAN, TASK_DAY
from gridrules.catalogue import MESSAGES
from gridrules.decide.checker import Checker
from gridrules.service.app import create_app
from gridrules.service.config import load_config, save_config
from gridrules.service.tokens import revoke
from servicekit import CANLIAN_TASK, EVENT, TASK, bearer, write_config

pytestmark = pytest.mark.usefixtures("decisions_after_today")  # sessions dated after the machine clock

DIGEST = "x-gridrules-pack-digest"


@pytest.fixture
def served(tmp_path, pack_copy):
    config = tmp_path / "serve.json"
    secrets = write_config(config)
    client = TestClient(create_app(str(pack_copy), config), raise_server_exceptions=False)
    return client, secrets, config, pack_copy


def as_(secrets, role):
    return bearer(secrets[role])


def test_no_token_is_401_and_a_role_that_may_not_call_is_403_in_chinese(served):
    client, secrets, *_ = served
    zh = {"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8"}  # the tests' server speaks English (conftest)
    r = client.post("/v1/tasks/check", json=TASK, headers=zh)
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    assert "缺少访问令牌" in r.json()["message"] and "dispatch（派单系统）" in r.json()["message"]
    r = client.post("/v1/tasks/check", json=TASK, headers=bearer("grs_not-a-token") | zh)
    assert r.status_code == 401 and "无效或已吊销" in r.json()["message"]
    r = client.post("/v1/tasks/check", json=TASK, headers=as_(secrets, "auditor") | zh)
    assert r.status_code == 403 and "auditor（审计）无权调用" in r.json()["message"]
    r = client.post("/v1/tasks/check", json=TASK, headers=as_(secrets, "auditor"))
    assert "auditor may not call this endpoint" in r.json()["message"]
    assert r.json()["roles_needed"] == ["dispatch", "department", "town"]
    r = client.post("/v1/applications/APP-1/approve", json={"session": "2026-5", "date": "2026-12-18"},
                    headers=as_(secrets, "dispatch"))
    assert r.status_code == 403 and "secretariat" in r.json()["message"]
    for path in ("/v1/applications", "/v1/temporary", "/v1/items/L01/withdraw"):  # no anonymous write
        assert client.post(path, json={}).status_code == 401


def test_a_revoked_token_is_refused_from_the_next_request(served):
    client, secrets, config, _ = served
    assert client.get("/v1/pack", headers=as_(secrets, "auditor")).status_code == 200
    cfg = load_config(config)
    auditor = next(t.id for t in cfg.tokens if t.role == "auditor")
    save_config(config, revoke(cfg, auditor))
    assert client.get("/v1/pack", headers=as_(secrets, "auditor")).status_code == 401
    assert secrets["auditor"] not in config.read_text()  # only digests are stored


def test_decisions_are_the_librarys_and_name_their_digest(served, pack):
    client, secrets, _, pack_copy = served
    checker = Checker(pack_copy)
    r = client.post("/v1/tasks/check", json=TASK, params={"at": "2026-11-25T10:00:00+08:00"},
                    headers=as_(secrets, "dispatch"))
    assert r.status_code == 200
    expected = checker.check_task(TASK, at=datetime.fromisoformat("2026-11-25T10:00:00+08:00"))
    assert r.json() == expected.model_dump(mode="json")
    assert r.headers[DIGEST] == r.json()["pack"]["digest"] == pack.info.digest  # the copy is the bundled pack
    r = client.post("/v1/events/route", json=EVENT, headers=as_(secrets, "department:minzheng"))
    assert r.status_code == 200 and r.json() == checker.route_event(EVENT).model_dump(mode="json")
    assert r.headers[DIGEST] == r.json()["pack"]["digest"]


def test_a_task_may_say_its_status_and_channel_in_words(served):
    """/v1/tasks/check reads 已派 and 直接派发 as the library does (the codes in the answer); a word that
    names nothing is 422 at its field, with the code meant."""
    client, secrets, _, pack_copy = served
    at = {"at": "2026-11-25T10:00:00+08:00"}
    r = client.post("/v1/tasks/check", json=TASK | {"status": "已派", "channel": "直接派发"}, params=at,
                    headers=as_(secrets, "dispatch"))
    expected = Checker(pack_copy).check_task(TASK | {"status": "assigned", "channel": "direct"},
                                             at=datetime.fromisoformat(at["at"]))
    assert r.status_code == 200 and r.json() == expected.model_dump(mode="json")
    assert "bypassed_unified_dispatch" in r.json()["flags"]
    r = client.post("/v1/tasks/check", json=TASK | {"status": "已派发"}, headers=as_(secrets, "dispatch"))
    assert r.status_code == 422
    assert [(p["field"], p["hint"]) for p in r.json()["problems"]] == [("status", "assigned")]


def test_bad_requests_are_4xx_naming_the_field(served):
    client, secrets, *_ = served
    h = as_(secrets, "dispatch")
    r = client.post("/v1/tasks/check", json=TASK | {"department": "minzhen"}, headers=h)
    assert r.status_code == 422
    assert [(p["field"], p["hint"]) for p in r.json()["problems"]] == [("department", "minzheng")]
    # a list item's id with its digits swapped: the one meant, in hint and said in the message (not L17)
    r = client.post("/v1/tasks/check", json=TASK | {"list_item": "L31"}, headers=h)
    assert r.status_code == 422 and [(p["field"], p["hint"]) for p in r.json()["problems"]] == [("list_item", "L13")]
    assert "L13" in r.json()["problems"][0]["message"] and "L17" not in r.text
    r = client.post("/v1/tasks/check", content=b'{"id": 1,', headers=h | {"content-type": "application/json"})
    assert r.status_code == 400 and r.json()["error"] == "not_json"
    # JSON as far as a value gridrules does not read: named by its field, the column in the message
    r = client.post("/v1/tasks/check", content=b'{"id": "T", "hours_per_month": NaN}',
                    headers=h | {"content-type": "application/json"})
    assert r.status_code == 400 and r.json()["error"] == "not_json"
    assert r.json()["problems"][0]["field"] == "hours_per_month" and "column 32" in r.json()["message"]
    r = client.post("/v1/tasks/check", content=b"id=1", headers=h | {"content-type": "application/x-www-form-urlencoded"})
    assert r.status_code == 415
    r = client.post("/v1/tasks/check", params={"at": "yesterday"}, json=TASK, headers=h)
    assert r.status_code == 422 and r.json()["problems"][0]["field"] == "at"
    r = client.get("/v1/nothing-here", headers=h)
    assert r.status_code == 404 and r.json()["error"] == "not_found"


def test_a_batch_answers_every_line_in_order_and_a_bad_line_with_an_error_line(served):
    client, secrets, _, pack_copy = served
    checker = Checker(pack_copy)
    good = [TASK | {"id": "T-1"}, TASK | {"id": "T-3", "activities": ["visit"]}]
    body = "\n".join([json.dumps(good[0]), "{not json", "", json.dumps(TASK | {"assignee": "nobody"}),
                      json.dumps(good[1]), '{"id": "T-4", "id": "T-5"}', '{"id": "T-6"}'])
    at = "2026-12-05T09:00:00+08:00"
    r = client.post("/v1/tasks/check-batch", params={"at": at}, content=body.encode(),
                    headers=as_(secrets, "dispatch") | {"content-type": "application/x-ndjson"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/x-ndjson")
    lines = [json.loads(x) for x in r.text.splitlines()]
    assert len(lines) == 6
    when = datetime.fromisoformat(at)
    assert lines[0] == checker.check_task(good[0], at=when).model_dump(mode="json")
    # each problem at its line of the body and its column (no file: path null), as the command line places them
    assert lines[1]["line"] == 2 and lines[1]["error"] == "invalid_input"
    assert [(p["path"], p["line"], p["col"], p["field"]) for p in lines[1]["problems"]] == [(None, 2, 2, None)]
    assert lines[2]["line"] == 4
    nobody = json.dumps(TASK | {"assignee": "nobody"}).index('"nobody"') + 1  # the value's column
    assert [(p["path"], p["line"], p["col"], p["field"]) for p in lines[2]["problems"]] == [(None, 4, nobody, "assignee")]
    assert lines[3] == checker.check_task(good[1], at=when).model_dump(mode="json")
    duplicate = lines[4]["problems"][0]  # the second "id", 15 characters in
    assert lines[4]["line"] == 6 and (duplicate["line"], duplicate["col"], duplicate["field"]) == (6, 15, "id")
    missing = lines[5]["problems"]  # fields the line lacks: at the line's document, as the command line places them
    assert missing and {(p["line"], p["col"]) for p in missing} == {(7, 1)} and all(p["field"] for p in missing)
    assert r.headers[DIGEST] == lines[0]["pack"]["digest"]
    events = "\n".join(json.dumps(EVENT | {"id": f"E-{i}"}) for i in range(3))
    r = client.post("/v1/events/route-batch", content=events,
                    headers=as_(secrets, "dispatch") | {"content-type": "application/x-ndjson"})
    assert [json.loads(x)["event"] for x in r.text.splitlines()] == ["E-0", "E-1", "E-2"]


def test_a_body_of_another_kind_is_named_with_the_endpoint_that_reads_it(served):
    """An event POSTed to the task check (or a task to routing) is named for what it is and the endpoint
    to send it to, 422, as the command line names it and its command (contract/kinds.py) -- not refused
    field by field, nor, for a town, as a task that is not its own (403); a batch's line likewise, the
    batch endpoint named; a lifecycle record, which only the command line judges, is told so."""
    client, secrets, *_ = served
    zh = {"Accept-Language": "zh-CN"}
    for role in ("dispatch", "town:tangxiang"):
        h = as_(secrets, role) | zh
        r = client.post("/v1/tasks/check", json=EVENT, headers=h)
        assert r.status_code == 422, r.text
        assert [p["message"] for p in r.json()["problems"]] == [
            "这是一份事件（有 id、type、reported_at、grid），不是任务：事件请提交到 POST /v1/events/route 分流"]
        r = client.post("/v1/events/route", json=TASK, headers=h)
        assert r.status_code == 422 and [p["message"] for p in r.json()["problems"]] == [
            "这是一份任务（有 id、title、department、activities），不是事件：任务请提交到 POST /v1/tasks/check 核查"]
    r = client.post("/v1/events/route", json={"event": EVENT, "steps": []}, headers=as_(secrets, "dispatch") | zh)
    assert r.status_code == 422 and r.json()["problems"][0]["message"].endswith(
        "不是事件：处置记录请用命令 gridrules route --record 判定，本服务没有判定它的接口")
    h = as_(secrets, "dispatch") | zh | {"content-type": "application/x-ndjson"}
    r = client.post("/v1/tasks/check-batch", content=f"{json.dumps(TASK)}\n{json.dumps(EVENT)}\n", headers=h)
    first, second = (json.loads(x) for x in r.text.splitlines())
    assert r.status_code == 200 and first["verdict"] == "admitted"  # the others decided
    assert (second["line"], second["error"]) == (2, "invalid_input") and [p["message"] for p in second["problems"]] == [
        "这是一份事件（有 id、type、reported_at、grid），不是任务：事件请提交到 POST /v1/events/route-batch 分流"]
    r = client.post("/v1/events/route-batch", content=json.dumps(TASK), headers=h)
    assert json.loads(r.text)["problems"][0]["message"].endswith("任务请提交到 POST /v1/tasks/check-batch 核查")


def test_a_town_decides_only_its_own_tasks(served):
    client, secrets, *_ = served
    own = TASK | {"issued_by": "town", "department": "tangxiang", "town": "tangxiang"}
    assert client.post("/v1/tasks/check", json=own, headers=as_(secrets, "town:tangxiang")).status_code == 200
    r = client.post("/v1/tasks/check", json=own, headers=as_(secrets, "town:longgang"))
    assert r.status_code == 403 and "town: longgang" in r.json()["message"]
    assert client.post("/v1/tasks/check", json=TASK, headers=as_(secrets, "town:tangxiang")).status_code == 403
    r = client.post("/v1/tasks/check-batch", content=json.dumps(TASK) + "\n" + json.dumps(own),
                    headers=as_(secrets, "town:tangxiang") | {"content-type": "application/x-ndjson"})
    first, second = (json.loads(x) for x in r.text.splitlines())
    assert first["error"] == "forbidden" and first["line"] == 1 and second["task"] == own["id"]
    assert client.post("/v1/events/route", json=EVENT, headers=as_(secrets, "town:longgang")).status_code == 403


def check(client, secrets, task=CANLIAN_TASK, at=TASK_DAY):
    r = client.post("/v1/tasks/check", json=task, params={"at": at}, headers=as_(secrets, "dispatch"))
    assert r.status_code == 200, r.text
    return r.json()["verdict"], r.json()["list_item"], r.headers[DIGEST]


def test_the_workflow_from_application_to_withdrawal_with_read_your_writes(served):
    client, secrets, _, pack_copy = served
    dept, sec = as_(secrets, "department:canlian"), as_(secrets, "secretariat")
    r = client.post("/v1/applications", json=CANLIAN | {"applicant": "minzheng"}, headers=dept)
    assert r.status_code == 422 and r.json()["problems"][0]["field"] == "applicant"
    r = client.post("/v1/applications", json=CANLIAN, headers=dept)
    assert r.status_code == 201 and r.json()["status"] == "pending" and r.json()["written"] is True
    again = client.post("/v1/applications", json=CANLIAN, headers=dept)  # a retry: the one filed, as a decision's is
    assert again.status_code == 200 and again.json() == r.json() | {"written": False}
    other = client.post("/v1/applications", json=CANLIAN | {"frequency": "每月"}, headers=dept)
    assert other.status_code == 409 and "frequency" in other.json()["message"]  # another one: a new id
    assert client.get(f"/v1/applications/{CANLIAN['id']}", headers=as_(secrets, "department:minzheng")).status_code == 403
    assert [a["id"] for a in client.get("/v1/applications", headers=as_(secrets, "department:minzheng")).json()[
        "applications"]] == []
    r = client.get(f"/v1/applications/{CANLIAN['id']}/review", params={"at": "2026-11-25T10:00:00+08:00"}, headers=sec)
    assert r.status_code == 200 and r.json()["recommendation"] == "approve" and r.json()["next_code"] == "L18"
    before = check(client, secrets)
    assert before[:2] == ("needs_application", None)

    r = client.post(f"/v1/applications/{CANLIAN['id']}/approve", json={"session": "2026-5", "date": "2026-12-18"},
                    headers=sec)
    assert r.status_code == 201 and r.json()["version"] == "1.1.0" and r.json()["target"] == "L18"
    assert r.headers[DIGEST] == r.json()["digest"] != before[2]
    assert check(client, secrets) == ("admitted", "L18", r.json()["digest"])  # read-your-writes
    assert client.get(f"/v1/applications/{CANLIAN['id']}", headers=dept).json()["status"] == "approved"
    again = client.post(f"/v1/applications/{CANLIAN['id']}/approve", json={"session": "2026-5", "date": "2026-12-18"},
                        headers=sec)  # the same approval sent again: as the command answers it
    assert (again.status_code, again.json()["written"], again.json()["target"]) == (200, False, "L18")
    assert client.post(f"/v1/applications/{CANLIAN['id']}/approve", json={"session": "2026-6", "date": "2026-12-20"},
                       headers=sec).status_code == 409

    r = client.post("/v1/items/L18/amend", headers=sec, json={"session": "2027-2", "date": "2027-04-20",
                                                              "changes": {"hours_per_month": 3, "end": "2029-12-31"}})
    assert r.status_code == 201 and r.json()["version"] == "1.2.0"
    again = client.post("/v1/items/L18/amend", headers=sec, json={"session": "2027-2", "date": "2027-04-20",
                                                                  "changes": {"hours_per_month": 3, "end": "2029-12-31"}})
    assert (again.status_code, again.json()["written"], again.json()["version"]) == (200, False, "1.2.0")  # sent again
    r = client.post("/v1/items/L18/withdraw", headers=sec,
                    json={"session": "2027-4", "date": "2027-09-30", "effective": "2027-10-01", "reason": "并入省级统一数据更新"})
    assert r.status_code == 201 and r.json()["change"]["decision"]["effective"] == "2027-10-01"
    # the task started on 2027-03-10, before the withdrawal takes effect: still covered; one starting on
    # 2027-10-01 is not
    assert check(client, secrets, at="2027-10-08T09:00:00+08:00")[:2] == ("admitted", "L18")
    assert check(client, secrets, CANLIAN_TASK | {"start": "2027-10-01"}, "2027-10-08T09:00:00+08:00")[:2] == (
        "needs_application", None)
    # an item the pack does not hold is not found (as an unknown application is), named as the path names it
    r = client.post("/v1/items/L99/withdraw", headers=sec, json={"session": "2027-4", "date": "2027-09-30"})
    assert r.status_code == 404 and r.json()["error"] == "not_found"
    assert [p["field"] for p in r.json()["problems"]] == ["code"] and "L99" in r.json()["problems"][0]["message"]
    history = client.get("/v1/history", headers=as_(secrets, "auditor")).json()
    assert [(c["action"], c["target"]) for c in history["changes"]] == [
        ("approve", "L18"), ("amend", "L18"), ("withdraw", "L18")]
    assert history["pack"]["version"] == "1.3.0"


def test_a_refused_decision_is_409_and_writes_nothing(served):
    client, secrets, _, pack_copy = served
    from appdocs import snapshot as files
    before = files(pack_copy)
    assert client.post("/v1/applications", json=CANLIAN | {"subsidy": 0},
                       headers=as_(secrets, "department:canlian")).status_code == 201
    r = client.post(f"/v1/applications/{CANLIAN['id']}/approve", json={"session": "2026-5", "date": "2026-12-18"},
                    headers=as_(secrets, "secretariat"))
    assert r.status_code == 409 and r.json()["written"] is False and r.json()["findings"]
    assert r.json()["message"].endswith("give the reason (in the request's override field)")  # not the CLI's --override
    assert r.json()["problems"] == []  # every error body has the same keys (and this one its findings)
    assert files(pack_copy) == before


def test_temporary_approvals_belong_to_their_town(served):
    client, secrets, *_ = served
    town = as_(secrets, "town:tangxiang")
    body = {"ref": "TX-2026-12", "decided_on": "2026-12-01", "work": "春节前独居老人安全走访",
            "activities": ["visit", "care"], "valid_to": "2027-02-28", "hours_per_month": 2}
    assert client.post("/v1/temporary", json=body | {"town": "longgang"}, headers=town).status_code == 403
    r = client.post("/v1/temporary", json=body | {"valid_from": "2027-03-01"}, headers=town)  # ends before it starts
    assert r.status_code == 422 and "valid_to" in [p["field"] for p in r.json()["problems"]]  # not the CLI's --to
    r = client.post("/v1/temporary", json=body | {"decided_on": "2099-12-01"}, headers=town)  # a future decision
    # ...whose default start (the decision's date, 2099-12-01) is after valid_to too: both said at once
    assert r.status_code == 422 and [p["field"] for p in r.json()["problems"]] == ["decided_on", "valid_to"]  # not --date
    r = client.post("/v1/temporary", json=body | {"activities": ["入户走访", "走访了"]}, headers=town)
    assert r.status_code == 422 and [p["field"] for p in r.json()["problems"]] == ["activities[1]"]
    r = client.post("/v1/temporary", json=body | {"activities": ["入户走访", "care"]}, headers=town)  # names or ids
    assert r.status_code == 201 and r.json()["target"] == "TX-2026-12"
    again = client.post("/v1/temporary", json=body | {"activities": ["入户走访", "care"]}, headers=town)
    assert (again.status_code, again.json()["written"], again.json()["digest"]) == (200, False, r.json()["digest"])
    r = client.post("/v1/temporary/TX-2026-12/withdraw", json={"date": "2027-01-15"},
                    headers=as_(secrets, "town:longgang"))
    assert r.status_code == 403
    listed = client.get("/v1/temporary", params={"all": True}, headers=as_(secrets, "town:longgang")).json()
    assert {a["unit"] for a in listed["approvals"]} <= {"longgang"}
    listed = client.get("/v1/temporary", params={"all": True}, headers=as_(secrets, "auditor")).json()
    assert "TX-2026-12" in {a["ref"] for a in listed["approvals"]}
    assert client.post("/v1/temporary/TX-2026-12/withdraw", json={"date": "2027-01-15"}, headers=town).status_code == 201


def test_lists_and_expiring_read_the_pack(served, pack):
    client, secrets, *_ = served
    h = as_(secrets, "auditor")
    r = client.get("/v1/lists", params={"section": ["items", "events"], "at": "2026-11-25T10:00:00+08:00"}, headers=h)
    assert r.status_code == 200 and set(r.json()) == {"pack", "at", "items", "events"}
    assert len(r.json()["events"]) == len(pack.event_types)
    assert client.get("/v1/lists", params={"section": "nonsense"}, headers=h).status_code == 422
    # the negative list with what its screening reads for every entry, as `gridrules show negative` has it
    # (rules/powers/negative_list.yaml's top level; before: not answered at all)
    r = client.get("/v1/lists", params={"section": "negative"}, headers=h)
    assert r.status_code == 200 and set(r.json()) == {"pack", "at", "negative", "screening_negations",
                                                      "screening_negation_exceptions"}
    assert r.json()["screening_negations"][:3] == ["不", "不得", "不准"] and len(r.json()["screening_negations"]) == 21
    assert r.json()["screening_negation_exceptions"] == ["无不", "莫不", "难免收", "难免交", "未免收", "减免收", "减免交"]
    r = client.get("/v1/expiring", params={"within": "2w"}, headers=h)
    assert r.status_code == 200 and r.json()["within_days"] == 14
    assert client.get("/v1/expiring", params={"within": "99999999w"}, headers=h).status_code == 422
    r = client.get("/v1/expiring", params={"within": "abc"}, headers=h)
    assert r.status_code == 422 and [p["field"] for p in r.json()["problems"]] == ["within"]  # the request's name
    # as the command line reads it: 14天 and 2周 are 14 days; 1个月 from 2026-12-02 runs to 2027-01-02, 31 days
    for window, days in (("14天", 14), ("2周", 14), ("1个月", 31)):
        r = client.get("/v1/expiring", params={"within": window, "at": "2026-12-02T10:00:00+08:00"}, headers=h)
        assert r.status_code == 200 and r.json()["within_days"] == days, r.text


def test_two_workers_converge_and_a_request_in_flight_keeps_its_pack(tmp_path, pack_copy):
    config = tmp_path / "serve.json"
    secrets = write_config(config)
    one, two = (TestClient(create_app(str(pack_copy), config)) for _ in range(2))  # two workers, one folder
    old = two.app.state.service.live.current()  # what a request already running on worker two holds
    assert one.post("/v1/applications", json=CANLIAN, headers=as_(secrets, "department:canlian")).status_code == 201
    r = one.post(f"/v1/applications/{CANLIAN['id']}/approve", json={"session": "2026-5", "date": "2026-12-18"},
                 headers=as_(secrets, "secretariat"))
    new_digest = r.json()["digest"]
    assert check(two, secrets) == ("admitted", "L18", new_digest)  # the other worker's next request
    assert old.digest != new_digest
    assert old.checker.check_task(CANLIAN_TASK, at=datetime.fromisoformat(TASK_DAY)).verdict == \
        "needs_application"  # the old snapshot still decides as before


def test_a_pack_published_by_copying_its_files_in_is_served_whole_without_a_restart(capsys, monkeypatch, tmp_path):
    """docs/operators.md, "发布新版本的规则包": a real service, its pack's next version copied in file by file
    (as git pull writes it), pack.yaml first.  The service read the mix and kept deciding with it (a digest of
    no published version) until it was restarted; its watcher now reads the folder again once the rest has
    arrived.  Expected: the digest of the new version as it is on disk (``load_pack``)."""
    import shutil
    import time

    import httpx

    from gridrules.engine.loading import load_pack
    from servicekit import serve, stop
    from packedits import published

    served_dir, new, changed = published(capsys, monkeypatch, tmp_path)
    config = tmp_path / "serve.json"
    write_config(config)
    process, base = serve(served_dir, config, "--log", "off")
    try:
        old = httpx.get(f"{base}/healthz", timeout=30).json()["digest"]
        shutil.copy(new / "pack.yaml", served_dir / "pack.yaml")
        time.sleep(1.5)  # the watcher (twice a second) has read the mix
        for rel in changed[1:]:
            shutil.copy(new / rel, served_dir / rel)
        want, seen, deadline = load_pack(new).info.digest, old, time.monotonic() + 20
        while seen != want and time.monotonic() < deadline:
            time.sleep(0.25)
            seen = httpx.get(f"{base}/healthz", timeout=30).json()["digest"]
        assert seen == want != old
    finally:
        stop(process)


def test_no_traceback_in_any_response(served, monkeypatch):
    client, secrets, *_ = served
    snap = client.app.state.service.live.current()

    def broken(*_a, **_k):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(snap.checker, "check_task", broken)
    r = client.post("/v1/tasks/check", json=TASK, headers=as_(secrets, "dispatch"))
    assert r.status_code == 500 and r.json()["error"] == "internal_error"
    assert "secret internals" not in r.text and "Traceback" not in r.text and "RuntimeError" not in r.text


def test_openapi_31_and_a_docs_page_that_needs_no_network(served):
    client, *_ = served
    doc = client.get("/openapi.json").json()
    assert doc["openapi"].startswith("3.1")
    assert {"TaskInput", "EventInput", "Application", "TaskDecision", "EventDecision"} <= set(doc["components"]["schemas"])
    page = client.get("/docs").text
    assert "openapi.json" in page and "http://" not in page and "https://" not in page and "<script src" not in page


def test_cors_is_off_unless_configured(tmp_path, pack_copy):
    config = tmp_path / "serve.json"
    secrets = write_config(config)
    preflight = {"Origin": "https://dispatch.example", "Access-Control-Request-Method": "POST"}
    off = TestClient(create_app(str(pack_copy), config))
    assert "access-control-allow-origin" not in off.options("/v1/tasks/check", headers=preflight).headers
    save_config(config, load_config(config).model_copy(update={"cors_origins": ["https://dispatch.example"]}))
    on = TestClient(create_app(str(pack_copy), config))
    r = on.options("/v1/tasks/check", headers=preflight)
    assert r.headers["access-control-allow-origin"] == "https://dispatch.example"
    assert secrets


def test_cors_origins_changed_while_serving_apply_from_the_next_request(tmp_path, pack_copy):
    """Like the limits and the tokens, the origins are read from the configuration as it is now."""
    config = tmp_path / "serve.json"
    write_config(config)
    client = TestClient(create_app(str(pack_copy), config))
    preflight = {"Origin": "https://dispatch.example", "Access-Control-Request-Method": "POST"}
    assert "access-control-allow-origin" not in client.options("/v1/tasks/check", headers=preflight).headers
    save_config(config, load_config(config).model_copy(update={"cors_origins": ["https://dispatch.example"]}))
    r = client.options("/v1/tasks/check", headers=preflight)
    assert r.status_code == 200 and r.headers["access-control-allow-origin"] == "https://dispatch.example"
    other = client.options("/v1/tasks/check", headers=preflight | {"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in other.headers
    save_config(config, load_config(config).model_copy(update={"cors_origins": []}))
    assert "access-control-allow-origin" not in client.options("/v1/tasks/check", headers=preflight).headers


def test_the_applications_folder_changed_while_serving_applies_from_the_next_request(tmp_path, pack_copy):
    """docs/operators.md, section 3: every key of the configuration applies from the next request, the
    applications' folder too (it needed a restart: the service kept filing into the folder it started with)."""
    config = tmp_path / "serve.json"
    secrets = write_config(config)
    client = TestClient(create_app(str(pack_copy), config))
    dept = bearer(secrets["department:canlian"])
    save_config(config, load_config(config).model_copy(update={"applications": "申请"}))
    r = client.post("/v1/applications", json=CANLIAN, headers=dept)
    assert r.status_code == 201, r.text
    assert [p.name for p in (tmp_path / "申请").rglob("*.json")] == [f"{CANLIAN['id']}.json"]
    assert not list((tmp_path / "applications").rglob("*.json"))
    listed = client.get("/v1/applications", headers=bearer(secrets["secretariat"])).json()
    assert [a["id"] for a in listed["applications"]] == [CANLIAN["id"]]


def test_cors_allows_every_method_the_api_answers(tmp_path, pack_copy):
    """A web front-end on another origin corrects an application with PUT (补正): its preflight was
    refused while the allowed methods were a list of GET and POST kept beside the routes."""
    config = tmp_path / "serve.json"
    write_config(config, cors_origins=["https://dispatch.example"])
    client = TestClient(create_app(str(pack_copy), config))
    preflight = {"Origin": "https://dispatch.example", "Access-Control-Request-Method": "PUT"}
    r = client.options("/v1/applications/APP-2026-017", headers=preflight)
    assert r.status_code == 200 and "PUT" in r.headers["access-control-allow-methods"].split(", ")


def test_an_error_that_used_the_pack_names_its_digest_too(served, pack):
    client, secrets, *_ = served
    r = client.post("/v1/tasks/check", json=TASK | {"department": "minzhen"}, headers=as_(secrets, "dispatch"))
    assert r.status_code == 422 and r.headers[DIGEST] == pack.info.digest
    assert DIGEST not in client.post("/v1/tasks/check", json=TASK).headers  # refused before any pack was read


def test_an_idle_worker_loads_a_change_made_elsewhere_without_a_request(tmp_path, pack_copy):
    from gridrules.change import workflow
    from gridrules.change.appform import validate_application

    config = tmp_path / "serve.json"
    write_config(config)
    with TestClient(create_app(str(pack_copy), config)) as client:  # runs the app's lifespan (its watcher)
        live = client.app.state.service.live
        before = live.snapshot.digest
        outcome = workflow.approve(str(pack_copy), validate_application(CANLIAN), "2026-5",
                                   datetime.fromisoformat("2026-12-18").date())  # as `gridrules admission approve` would
        # the watcher looks every WATCH_SECONDS; loading the new pack takes what it takes on a busy
        # machine, so the wait is generous: what is tested is that no request was needed
        deadline = time.monotonic() + 20.0
        while live.snapshot.digest == before and time.monotonic() < deadline:
            time.sleep(0.05)
        assert live.snapshot.digest == outcome.digest != before  # no request was needed


def test_bodies_fastapi_parses_are_limited_too(tmp_path, pack_copy):
    config = tmp_path / "serve.json"
    secrets = write_config(config, limits={"max_body_bytes": 2048})
    client = TestClient(create_app(str(pack_copy), config))
    h = as_(secrets, "secretariat")
    body = {"session": "2027-4", "date": "2027-09-30", "reason": "长" * 1000}
    assert client.post("/v1/items/L01/withdraw", json=body, headers=h).status_code == 413
    r = client.post("/v1/items/L01/withdraw", content=json.dumps(body | {"reason": "x"}),
                    headers=h | {"content-type": "text/plain"})
    assert r.status_code == 415 and r.json()["error"] == "unsupported_media_type"

    def chunks():
        yield b'{"session": "2027-4", "date": "2027-09-30", "reason": "'
        for _ in range(10):
            yield b"x" * 500  # no Content-Length: counted as it arrives
        yield b'"}'

    r = client.post("/v1/items/L01/withdraw", content=chunks(), headers=h | {"content-type": "application/json"})
    assert r.status_code == 413


def test_a_batch_that_breaks_inside_still_answers_every_line(served, monkeypatch):
    client, secrets, *_ = served
    snap = client.app.state.service.live.current()
    real = snap.checker.check_tasks

    def breaks_on_the_second_chunk(items, at=None):
        if len(items) < 3:
            raise RuntimeError("engine gone")
        yield from real(items, at=at)

    monkeypatch.setattr(snap.checker, "check_tasks", breaks_on_the_second_chunk)
    monkeypatch.setattr("gridrules.service.decide.CHUNK", 3)
    body = "\n".join(json.dumps(TASK | {"id": f"T-{i}"}) for i in range(5))
    r = client.post("/v1/tasks/check-batch", content=body,
                    headers=as_(secrets, "dispatch") | {"content-type": "application/x-ndjson"})
    lines = [json.loads(x) for x in r.text.splitlines()]
    assert [x.get("task") for x in lines[:3]] == ["T-0", "T-1", "T-2"]
    assert [(x["line"], x["error"]) for x in lines[3:]] == [(4, "internal_error"), (5, "internal_error")]
    assert "engine gone" not in r.text


def test_an_anonymous_body_is_not_even_read(served):
    client, *_ = served
    for path in ("/v1/tasks/check", "/v1/applications"):
        r = client.post(path, content=b"{not json", headers={"content-type": "application/json"})
        assert r.status_code == 401, path  # not 400: who calls is asked first


def test_the_secretariat_records_a_county_bodys_temporary_inclusion_not_a_towns(tmp_path):
    """A county's 紧急临时纳入决定 (examples/county: its body gives them, at most 30 days) is
    recorded over HTTP by the secretariat's token; a town's 专题研究 stays the town's own."""
    from examplepacks import COUNTY, copy_of
    from gridrules import load_pack

    pack_dir = copy_of(COUNTY, tmp_path / "county")
    config = tmp_path / "serve.json"
    secrets = write_config(config)
    client = TestClient(create_app(str(pack_dir), config), raise_server_exceptions=False)
    secretariat = as_(secrets, "secretariat")
    body = {"unit": "shili", "ref": "SL-2027-01", "decided_on": "2026-12-01", "work": "寒潮期间独居老人每日探访",
            "activities": ["visit", "report"], "valid_to": "2026-12-30", "hours_per_month": 3}
    too_long = client.post("/v1/temporary", json=body | {"valid_to": "2027-01-15"}, headers=secretariat)
    assert too_long.status_code == 409  # 46 days: over the body's own 30
    r = client.post("/v1/temporary", json=body, headers=secretariat)
    assert r.status_code == 201 and r.json()["target"] == "SL-2027-01"
    assert [a.unit for a in load_pack(pack_dir).approvals if a.ref == "SL-2027-01"] == ["shili"]
    town = client.post("/v1/temporary", json=body | {"unit": "dongcheng", "ref": "DC-2026-12"}, headers=secretariat)
    assert town.status_code == 403 and town.json()["roles_needed"] == ["town"]
    assert "town:dongcheng" in town.json()["message"]
    unnamed = client.post("/v1/temporary", json={k: v for k, v in body.items() if k != "unit"}, headers=secretariat)
    assert unnamed.status_code == 422 and unnamed.json()["problems"][0]["field"] == "unit"
    mixed = client.post("/v1/temporary", json=body | {"town": "dongcheng"}, headers=secretariat)
    assert mixed.status_code == 422 and mixed.json()["problems"][0]["field"] == "unit"
    withdrawn = client.post("/v1/temporary/SL-2027-01/withdraw", json={"date": "2026-12-10"}, headers=secretariat)
    assert withdrawn.status_code == 201
    assert client.post("/v1/temporary", json=body, headers=as_(secrets, "dispatch")).status_code == 403



def test_a_byte_order_mark_at_a_bodys_start_is_no_character_as_in_a_file(served):
    """Windows tools (Notepad, Excel's "CSV UTF-8") start a file with one; the command line skips it."""
    client, secrets, _, pack_copy = served
    h = as_(secrets, "dispatch")
    bom = b"\xef\xbb\xbf"
    r = client.post("/v1/tasks/check", content=bom + json.dumps(TASK).encode(),
                    headers=h | {"content-type": "application/json"})
    assert r.status_code == 200 and r.json()["task"] == TASK["id"]
    body = bom + "\n".join(json.dumps(TASK | {"id": f"T-{n}"}) for n in range(2)).encode()
    r = client.post("/v1/tasks/check-batch", content=body, headers=h | {"content-type": "application/x-ndjson"})
    assert [json.loads(x).get("task") for x in r.text.splitlines()] == ["T-0", "T-1"]
    r = client.post("/v1/tasks/check-batch", content=json.dumps(TASK).encode() + b"\n" + bom + b"{}",
                    headers=h | {"content-type": "application/x-ndjson"})  # one anywhere else is refused
    assert json.loads(r.text.splitlines()[1])["error"] == "invalid_input"


def test_an_approval_giving_a_recorded_session_another_date_is_422_naming_session(served):
    """The service records through the change library: a session keeps the date the history records."""
    client, secrets, _, _ = served
    dept, sec = as_(secrets, "department:canlian"), as_(secrets, "secretariat")
    assert client.post("/v1/applications", json=CANLIAN, headers=dept).status_code == 201
    assert client.post("/v1/items/L01/amend", headers=sec, json={
        "session": "2026-8", "date": "2026-12-10", "changes": {"hours_per_month": 3}}).status_code == 201
    r = client.post(f"/v1/applications/{CANLIAN['id']}/approve", json={"session": "2026-8", "date": "2026-12-15"},
                    headers=sec)
    assert r.status_code == 422 and r.json()["problems"][0]["field"] == "session"
    assert "2026-12-10" in r.json()["problems"][0]["message"]


def test_healthz_tells_why_the_pack_did_not_load_only_to_a_caller_with_a_token(served):
    client, secrets, _config, pack_dir = served
    assert client.get("/healthz").json()["pack_problem"] is None
    last = pack_dir / "pack.yaml"
    last.write_text(last.read_text(encoding="utf-8") + "\nname: [broken\n", encoding="utf-8")
    anyone = client.get("/healthz")
    assert anyone.status_code == 200  # the last good pack serves on
    hidden = anyone.json()["pack_problem"]
    assert hidden == MESSAGES["http.pack_problem_hidden"][1]  # the tests' server speaks English (conftest)
    assert str(pack_dir) not in anyone.text and "pack.yaml" not in anyone.text
    with_token = client.get("/healthz", headers=as_(secrets, "auditor")).json()["pack_problem"]
    assert "pack.yaml" in with_token and with_token != hidden
    revoked = client.get("/healthz", headers={"Authorization": "Bearer not-a-token"}).json()["pack_problem"]
    assert revoked == hidden
