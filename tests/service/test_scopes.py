"""What a scoped token may have decided over HTTP: a town its own tasks and the events in its town."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from gridrules import load_pack
from gridrules.decide.checker import Checker
from gridrules.log import open_log
from gridrules.log.replay import replay
from gridrules.service.app import create_app
from appdocs import CANLIAN
from servicekit import EVENT, TASK, bearer, write_config

pytestmark = pytest.mark.usefixtures("decisions_after_today")

ZH = {"Accept-Language": "zh-CN"}
NDJSON = {"content-type": "application/x-ndjson"}
# a grid the registry does not hold, in the town the event names (by its Chinese name)
UNREGISTERED = EVENT | {"id": "EV-2", "grid": "longgang-new-09", "town": "龙岗街道"}


@pytest.fixture
def served(tmp_path, pack_copy):
    config = tmp_path / "serve.json"
    secrets = write_config(config)
    client = TestClient(create_app(str(pack_copy), config, log_url=f"sqlite:///{pack_copy.parent / 'log.sqlite'}"),
                        raise_server_exceptions=False)
    return client, (lambda role: bearer(secrets[role])), pack_copy


def test_a_town_routes_the_events_in_its_own_town(served):
    client, as_, pack_copy = served
    r = client.post("/v1/events/route", json=EVENT, headers=as_("town:tangxiang"))
    assert r.status_code == 200 and r.json() == Checker(pack_copy).route_event(EVENT).model_dump(mode="json")
    by_name = EVENT | {"grid": "和平社区01网格", "town": "棠香"}
    assert client.post("/v1/events/route", json=by_name, headers=as_("town:tangxiang")).status_code == 200
    assert client.post("/v1/events/route", json=UNREGISTERED, headers=as_("town:longgang")).status_code == 200


def test_a_town_is_refused_another_towns_event_in_chinese_saying_why(served):
    client, as_, _ = served
    r = client.post("/v1/events/route", json=EVENT, headers=as_("town:longgang") | ZH)
    assert r.status_code == 403 and r.json()["roles_needed"] == ["town"]
    assert set(r.json()) == {"error", "message", "problems", "roles_needed"}  # the shape of every error body, and more
    assert "只能分流本镇街（龙岗街道（longgang））的事件" in r.json()["message"]
    assert "本事件在 棠香街道（tangxiang）" in r.json()["message"]
    r = client.post("/v1/events/route", json=UNREGISTERED, headers=as_("town:tangxiang") | ZH)
    assert r.status_code == 403 and "龙岗街道" in r.json()["message"]
    nowhere = EVENT | {"grid": "somewhere-09"}  # neither a registered grid nor a town: not shown to be its own
    r = client.post("/v1/events/route", json=nowhere, headers=as_("town:tangxiang") | ZH)
    assert r.status_code == 403 and "未写明所在镇街" in r.json()["message"]
    exported = client.get("/v1/log/export", headers=as_("auditor")).text.splitlines()
    assert len(exported) == 0  # nothing refused was decided or logged


def test_a_town_sending_a_malformed_input_is_told_what_is_wrong_not_refused(served):
    """An event without a grid, or a town that is no text, a task naming a town the pack does not
    hold: too malformed to tell whose it is, so validation names the fields (422), not a 403 that
    read a missing grid as 'None'."""
    client, as_, _ = served
    town = as_("town:longgang")
    r = client.post("/v1/events/route", json={"id": "EV-9", "type": "MD02"}, headers=town)
    assert r.status_code == 422 and "grid" in [p["field"] for p in r.json()["problems"]], r.text
    assert "None" not in r.text
    r = client.post("/v1/events/route", json=EVENT | {"town": ["x"]}, headers=town)
    assert r.status_code == 422 and "town" in [p["field"] for p in r.json()["problems"]], r.text
    body = json.dumps({"id": "EV-9", "type": "MD02"})
    (line,) = [json.loads(x) for x in client.post("/v1/events/route-batch", content=body,
                                                  headers=town | NDJSON).text.splitlines()]
    assert line["error"] == "invalid_input" and "None" not in json.dumps(line), line
    task = TASK | {"issued_by": "town", "department": "nope", "town": "nope"}
    r = client.post("/v1/tasks/check", json=task, headers=town)
    assert r.status_code == 422 and "town" in [p["field"] for p in r.json()["problems"]], r.text
    # another town's own task, named properly, is still refused
    other = TASK | {"issued_by": "town", "department": "tangxiang", "town": "tangxiang"}
    assert client.post("/v1/tasks/check", json=other, headers=town).status_code == 403


def test_a_towns_event_batch_answers_another_towns_line_as_forbidden(served):
    client, as_, _ = served
    body = "\n".join(json.dumps(e) for e in (EVENT, UNREGISTERED))
    r = client.post("/v1/events/route-batch", content=body, headers=as_("town:longgang") | NDJSON)
    first, second = (json.loads(x) for x in r.text.splitlines())
    assert first["line"] == 1 and first["error"] == "forbidden" and first["problems"][0]["field"] == "grid"
    assert second["event"] == "EV-2"


def test_a_town_names_itself_in_its_own_task_by_name_or_id(served):
    client, as_, _ = served
    own = TASK | {"issued_by": "town", "department": "棠香街道", "town": "棠香"}
    assert client.post("/v1/tasks/check", json=own, headers=as_("town:tangxiang")).status_code == 200
    assert client.post("/v1/tasks/check", json=own, headers=as_("town:longgang")).status_code == 403


TEMPORARY = {"ref": "TX-2026-12", "decided_on": "2026-12-01", "work": "春节前独居老人安全走访",
             "activities": ["visit", "care"], "valid_to": "2027-02-28", "hours_per_month": 2}


def test_a_temporary_approval_names_its_town_by_name_as_by_id(served):
    client, as_, _ = served
    r = client.post("/v1/temporary", json=TEMPORARY | {"town": "棠香街道"}, headers=as_("town:tangxiang"))
    assert r.status_code == 201 and r.json()["target"] == "TX-2026-12"
    r = client.post("/v1/temporary", json=TEMPORARY | {"ref": "LG-1", "unit": "龙岗街道"}, headers=as_("town:tangxiang"))
    assert r.status_code == 403  # read as longgang: another town's
    r = client.post("/v1/temporary", json=TEMPORARY | {"ref": "LG-1", "unit": "龙岗", "town": "longgang"},
                    headers=as_("town:longgang"))
    assert r.status_code == 201  # a short form and the id name one town
    r = client.post("/v1/temporary", json=TEMPORARY | {"ref": "X-1", "town": "棠乡街道"}, headers=as_("town:tangxiang"))
    assert r.status_code == 422 and [(p["field"], p["hint"]) for p in r.json()["problems"]] == [("town", "tangxiang")]
    listed = client.get("/v1/temporary", params={"town": "棠香", "all": True}, headers=as_("auditor"))
    assert listed.status_code == 200 and "TX-2026-12" in [a["ref"] for a in listed.json()["approvals"]]
    assert {a["unit"] for a in listed.json()["approvals"]} == {"tangxiang"}


def test_a_department_decides_only_the_tasks_it_issues(served):
    client, as_, pack_copy = served
    minzheng = as_("department:minzheng")
    for own in (TASK, TASK | {"department": "民政局"}):
        assert client.post("/v1/tasks/check", json=own, headers=minzheng).status_code == 200
    r = client.post("/v1/tasks/check", json=TASK | {"department": "公安局"}, headers=minzheng | ZH)
    assert r.status_code == 403 and r.json()["roles_needed"] == ["department"]
    assert "只能核验本部门（区民政局（minzheng））发出的任务" in r.json()["message"]
    assert "区公安局" in r.json()["message"]
    town_task = TASK | {"issued_by": "town", "department": "tangxiang", "town": "tangxiang"}
    assert client.post("/v1/tasks/check", json=town_task, headers=minzheng).status_code == 403
    body = "\n".join(json.dumps(x) for x in (TASK | {"department": "gongan"}, TASK))
    r = client.post("/v1/tasks/check-batch", content=body, headers=minzheng | NDJSON)
    first, second = (json.loads(x) for x in r.text.splitlines())
    assert first["error"] == "forbidden" and first["problems"][0]["field"] == "department"
    assert second["task"] == TASK["id"]
    exported = [json.loads(x) for x in client.get("/v1/log/export", headers=as_("auditor")).text.splitlines()]
    # only what was answered is logged, each under the caller's full role: an auditor can tell who asked
    assert [(r["kind"], r["role"]) for r in exported] == [("task", "department:minzheng")] * 3
    assert client.get("/v1/log/verify", headers=as_("auditor")).json()["valid"] is True
    with open_log(f"sqlite:///{pack_copy.parent / 'log.sqlite'}") as log:
        replayed = replay(log, pack_copy, load_pack()).report()
    assert (replayed.replayed, replayed.changed) == (3, 0)  # replay reads the records as before


def test_a_temporary_approval_without_hours_or_starting_before_its_decision_is_422_at_its_fields(served):
    client, as_, _ = served
    without = {k: v for k, v in TEMPORARY.items() if k != "hours_per_month"} | {"ref": "TX-H-1"}
    r = client.post("/v1/temporary", json=without, headers=as_("town:tangxiang"))
    assert r.status_code == 422 and [p["field"] for p in r.json()["problems"]] == ["hours_per_month"]
    r = client.post("/v1/temporary", json=TEMPORARY | {"ref": "TX-H-2", "valid_from": "2026-11-30"},
                    headers=as_("town:tangxiang"))  # decided 2026-12-01
    assert r.status_code == 422 and [p["field"] for p in r.json()["problems"]] == ["valid_from"]


def test_refusals_name_the_units_by_their_names_and_what_may_not_be_done(served):
    """A 403 reads as a sentence: the token's unit by its name beside its role, what it may not act on
    (临时事项批复, 申请), and the unit it was asked about by name and id -- the names the pack gives
    (units.yaml: 棠香街道 tangxiang, 龙岗街道 longgang; departments.yaml: 区民政局 minzheng)."""
    client, as_, _ = served
    body = {"town": "longgang", "ref": "LG-2026-3", "decided_on": "2026-12-01", "work": "春节前独居老人安全走访",
            "activities": ["visit"], "valid_to": "2027-02-28", "hours_per_month": 2}  # well formed: whose it is
    r = client.post("/v1/temporary", json=body, headers=as_("town:tangxiang") | ZH)
    assert r.status_code == 403
    assert r.json()["message"] == ("令牌角色 town:tangxiang（棠香街道）只能记录本镇街的临时事项批复，"
                                   "此处为 龙岗街道（longgang），需要角色 town:longgang。")
    r = client.get("/v1/temporary", params={"town": "龙岗街道"}, headers=as_("town:tangxiang") | ZH)
    assert r.status_code == 403
    assert r.json()["message"] == ("令牌角色 town:tangxiang（棠香街道）只能查看本镇街的临时事项批复，"
                                   "此处为 龙岗街道（longgang），需要角色 town:longgang。")
    r = client.post("/v1/temporary", json=body, headers=as_("secretariat") | ZH)
    assert r.status_code == 403 and r.json()["message"].startswith(
        "镇街 龙岗街道（longgang）的临时事项批复由该镇街专题研究决定，须由它的令牌（town:longgang）记录或撤销")
    r = client.post("/v1/applications", json=CANLIAN, headers=as_("department:canlian"))
    assert r.status_code == 201, r.text
    r = client.get(f"/v1/applications/{CANLIAN['id']}", headers=as_("department:minzheng") | ZH)
    assert r.status_code == 403
    assert r.json()["message"] == ("令牌角色 department:minzheng（区民政局）只能查看本部门的申请，"
                                   "此处为 区残联（canlian），需要角色 department:canlian。")
    r = client.get("/v1/log/head", headers=as_("town:tangxiang") | ZH)
    assert r.status_code == 403 and r.json()["message"].startswith("令牌角色 town:tangxiang（棠香街道）无权调用本接口")
    r = client.post("/v1/tasks/check", json=TASK, headers=as_("auditor") | ZH)
    assert r.status_code == 403 and r.json()["message"].startswith("令牌角色 auditor（审计）无权调用本接口")
    r = client.post("/v1/tasks/check", json=TASK, headers=as_("auditor"))  # English: the role, as the token says it
    assert r.json()["message"].startswith("the token's role auditor may not call this endpoint")


# the review's event: 五星社区01网格 is in 龙岗街道, and the event says 棠香
CONTRADICTING = {"id": "E-9", "type": "AQ03", "reported_at": "2026-12-01T09:30:00+08:00", "grid": "五星社区01网格",
                 "town": "棠香"}


def test_an_input_that_contradicts_itself_is_answered_422_before_its_scope_403(served):
    """A town's token sending an event whose grid is in another town than the one it names is told what
    is wrong with it (as the command line: 镇街（town）: 网格…在镇街「龙岗街道」), not that it is another
    town's; so are the lines of a batch, a town's own task naming another town as issuer, and a
    temporary approval for another town whose dates contradict each other.  Scope still answers 403
    for a well-formed input that is another's."""
    client, as_, _ = served
    tangxiang = as_("town:tangxiang") | ZH
    r = client.post("/v1/events/route", json=CONTRADICTING, headers=tangxiang)
    assert r.status_code == 422, r.text
    [problem] = r.json()["problems"]
    assert problem["field"] == "town" and "龙岗街道" in problem["message"] and "棠香街道" in problem["message"]
    r = client.post("/v1/events/route", json=CONTRADICTING | {"town": "龙岗"}, headers=tangxiang)
    assert r.status_code == 403  # consistent, and another town's
    lines = "\n".join(json.dumps(e) for e in (CONTRADICTING, CONTRADICTING | {"town": "龙岗"}))
    first, second = (json.loads(x) for x in client.post("/v1/events/route-batch", content=lines,
                                                        headers=tangxiang | NDJSON).text.splitlines())
    assert (first["error"], first["problems"][0]["field"]) == ("invalid_input", "town"), first
    assert second["error"] == "forbidden"
    task = TASK | {"issued_by": "town", "department": "longgang", "town": "tangxiang"}  # issued by which town?
    r = client.post("/v1/tasks/check", json=task, headers=as_("town:longgang"))
    assert r.status_code == 422, r.text
    body = TEMPORARY | {"town": "longgang", "ref": "LG-9", "valid_from": "2027-03-01"}  # starts after its end
    r = client.post("/v1/temporary", json=body, headers=tangxiang)
    assert r.status_code == 422 and [p["field"] for p in r.json()["problems"]] == ["valid_to"], r.text
    exported = client.get("/v1/log/export", headers=as_("auditor")).text.splitlines()
    assert exported == []  # nothing refused was decided or logged
