"""How the service reads a request before deciding it: its size, a batch's lines (split as the
command line splits them) and bytes (one line that is not UTF-8 spoils only itself), its query
(a parameter the endpoint does not read, or one given twice that takes one value, is refused)."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from gridrules.decide.checker import Checker
from gridrules.service.app import create_app
from servicekit import TASK, bearer, write_config

pytestmark = pytest.mark.usefixtures("decisions_after_today")

NDJSON = {"content-type": "application/x-ndjson"}
ZH = {"Accept-Language": "zh-CN"}


@pytest.fixture
def served(tmp_path, pack_copy):
    config = tmp_path / "serve.json"
    secrets = write_config(config)
    return TestClient(create_app(str(pack_copy), config), raise_server_exceptions=False), secrets, pack_copy


def batch(client, secrets, body: bytes, headers=None):
    headers = bearer(secrets["dispatch"]) | NDJSON | (headers or {})
    r = client.post("/v1/tasks/check-batch", content=body, headers=headers)
    assert r.status_code == 200, r.text
    return [json.loads(x) for x in r.content.split(b"\n") if x]


def test_limits_on_size_and_batch_length(tmp_path, pack_copy):
    config = tmp_path / "serve.json"
    secrets = write_config(config, limits={"max_body_bytes": 2048, "max_batch_lines": 3})
    client = TestClient(create_app(str(pack_copy), config))
    h = bearer(secrets["dispatch"])
    r = client.post("/v1/tasks/check", json=TASK | {"description": "长" * 2000}, headers=h)
    assert r.status_code == 413 and r.json()["error"] == "too_large"
    lines = "\n".join(json.dumps(TASK | {"id": f"T-{i}"}) for i in range(4))
    r = client.post("/v1/tasks/check-batch", content=lines, headers=h | {"content-type": "application/x-ndjson"})
    assert r.status_code == 413 and r.json()["error"] == "batch_too_long"


def test_a_batch_splits_on_newlines_only_as_the_command_line_does(served):
    client, secrets, pack_copy = served
    # characters str.splitlines() also breaks at, each raw inside a title (JSON allows them there)
    titles = ["独居老人\u2028走访摸排", "独居老人走访摸排", "独居老人\u2029走访\x85摸排\x1c\x1d\x1e\v\f"]
    tasks = [TASK | {"id": f"T-{n}", "title": title} for n, title in enumerate(titles, start=1)]
    lines = [json.dumps(task, ensure_ascii=False) for task in tasks]
    lines[1] = json.dumps(tasks[1] | {"assignee": "nobody"}, ensure_ascii=False)  # a bad line, to see its number
    body = (lines[0] + "\r\n" + lines[1] + "\n" + lines[2] + "\r\n").encode("utf-8")  # a trailing \r is dropped
    answers = batch(client, secrets, body)
    assert len(answers) == 3
    checker = Checker(pack_copy)
    assert answers[0]["task"] == "T-1" and answers[0]["verdict"] == checker.check_task(tasks[0]).verdict
    assert answers[1]["line"] == 2 and [p["field"] for p in answers[1]["problems"]] == ["assignee"]
    assert answers[2]["task"] == "T-3" and answers[2]["verdict"] == checker.check_task(tasks[2]).verdict


def test_a_batch_nested_past_pythons_stack_is_answered_line_by_line(served):
    """A batch line of 100,000 nested brackets is its own line's problem (nesting past 64 levels, at its
    column), as a file's is; before, the check for a batch sent as one JSON array ran out of stack: 500."""
    client, secrets, _ = served
    deep = b"[" * 100_000 + b"]" * 100_000
    for body in (deep, deep + b"\n" + json.dumps(TASK).encode()):
        answers = batch(client, secrets, body, ZH)
        assert answers[0]["line"] == 1 and answers[0]["error"] == "invalid_input"
        assert "嵌套超过 64 层" in answers[0]["problems"][0]["message"]
    assert answers[1]["task"] == TASK["id"]  # the other line decided


def test_a_line_that_is_not_utf8_spoils_only_itself(served):
    client, secrets, _ = served
    good = [json.dumps(TASK | {"id": f"T-{n}"}, ensure_ascii=False).encode("utf-8") for n in (1, 3)]
    answers = batch(client, secrets, good[0] + b"\n\xff\xfe\n" + good[1] + b"\n", ZH)
    assert [a.get("task") for a in answers] == ["T-1", None, "T-3"]
    bad = answers[1]
    assert set(bad) == {"line", "error", "problems"} and bad["line"] == 2 and bad["error"] == "invalid_input"
    (problem,) = bad["problems"]
    assert problem["message"] == "不是 UTF-8 文本（第 1 个字节）" and problem["field"] is None
    # a single document has no other lines to decide: it is refused whole, as before
    r = client.post("/v1/tasks/check", content=b'{"id": "\xff"}', headers=bearer(secrets["dispatch"]) | ZH |
                    {"content-type": "application/json"})
    assert r.status_code == 400 and r.json()["error"] == "not_utf8" and "UTF-8" in r.json()["message"]


def test_a_query_parameter_the_endpoint_does_not_read_is_refused_naming_it(served):
    client, secrets, _ = served
    dispatch, auditor = bearer(secrets["dispatch"]), bearer(secrets["auditor"])
    # a misspelt ``at`` would otherwise be decided at the present moment, without a word
    r = client.post("/v1/tasks/check?date=2026-12-01", json=TASK, headers=dispatch | ZH)
    assert r.status_code == 422
    (problem,) = r.json()["problems"]
    # the did-you-mean said in the message as the command line says it, and given to a program in hint
    assert problem["field"] == "date" and problem["message"] == "这个接口没有参数「date」（可用的参数：at）（是否指 at？）"
    assert problem["hint"] == "at"
    r = client.post("/v1/tasks/check?a=1&at=2026-12-01T09:00:00%2B08:00", json=TASK, headers=dispatch)
    assert r.status_code == 422 and [p["field"] for p in r.json()["problems"]] == ["a"]
    r = client.post("/v1/tsks/check?x=1", json=TASK, headers=dispatch)
    assert r.status_code == 404  # no such endpoint: said as such, not as a parameter
    # the parameters an endpoint does read are taken as before, a list's repeated ones included
    assert client.post("/v1/tasks/check?at=2026-12-01T09:00:00%2B08:00", json=TASK, headers=dispatch).status_code == 200
    assert client.get("/v1/lists?section=items&section=negative", headers=auditor).status_code == 200
    r = client.get("/v1/pack?section=items", headers=auditor | ZH)
    assert r.status_code == 422 and r.json()["problems"][0]["message"] == "这个接口不接受查询参数，而请求带有「section」"


def test_a_query_parameter_given_twice_is_refused_unless_it_takes_a_list(served):
    client, secrets, _ = served
    dispatch = bearer(secrets["dispatch"])
    # which ``at`` was meant?  FastAPI would take the last one, and decide the task in 2020
    r = client.post("/v1/tasks/check?at=2026-11-25T10:00:00%2B08:00&at=2020-01-01", json=TASK, headers=dispatch | ZH)
    assert r.status_code == 422 and r.json()["error"] == "invalid_input"
    (problem,) = r.json()["problems"]
    assert problem["field"] == "at" and problem["message"] == "参数「at」只能给一次，本请求给了 2 次"
    r = client.post("/v1/tasks/check-batch?at=2026-12-01&at=2026-12-01&at=2026-12-02", content=json.dumps(TASK),
                    headers=dispatch | NDJSON)
    assert r.status_code == 422 and [p["field"] for p in r.json()["problems"]] == ["at"]
    assert "3 times" in r.json()["problems"][0]["message"]
    r = client.get("/v1/expiring?within=2w&within=14d&bogus=1", headers=bearer(secrets["auditor"]))
    assert r.status_code == 422 and [p["field"] for p in r.json()["problems"]] == ["bogus", "within"]
    # a parameter that takes a list takes every value given
    r = client.get("/v1/lists?section=items&section=negative", headers=bearer(secrets["auditor"]))
    assert r.status_code == 200 and {"items", "negative"} <= set(r.json())
    r = client.post("/v1/tasks/check?at=2026-11-25T10:00:00%2B08:00", json=TASK, headers=dispatch)
    assert r.status_code == 200


def test_a_query_parameter_that_is_not_utf8_is_refused_naming_it(served):
    """A URL made on a GBK system (镇 as %D5%F2, not UTF-8's %E9%95%87): the parameter is named, with
    what it reads as in GBK -- it was judged as the replacement text Starlette reads, '\ufffd\ufffd'
    (an unknown town, a history never held) -- and one with its name unreadable is said as such."""
    client, secrets, _ = served
    secretariat = bearer(secrets["secretariat"]) | ZH
    gbk = "".join(f"%{b:02X}" for b in "镇".encode("gbk"))
    for path, name in (("/v1/temporary", "town"), ("/v1/history", "target"), ("/v1/lists", "at")):
        r = client.get(f"{path}?{name}={gbk}", headers=secretariat)
        assert r.status_code == 422, r.text
        (problem,) = r.json()["problems"]
        assert problem["field"] == name and problem["message"] == (
            f"网址中参数「{name}」的值不是 UTF-8 编码，读不出来（按 GBK 读是「镇」，看来是 GBK 编码）：网址中的中文要按 UTF-8 编码后再写入")
    r = client.get(f"/v1/temporary?{gbk}=1", headers=secretariat)
    assert r.status_code == 422 and r.json()["problems"][0]["field"] is None
    assert r.json()["problems"][0]["message"].startswith("网址中有一个参数的名称不是 UTF-8 编码")
    r = client.get("/v1/temporary?town=%FF", headers=secretariat)  # no GBK either: nothing guessed
    assert r.json()["problems"][0]["message"] == "网址中参数「town」的值不是 UTF-8 编码，读不出来：网址中的中文要按 UTF-8 编码后再写入"
    assert client.get("/v1/temporary?town=%E9%95%87", headers=secretariat).status_code == 422  # UTF-8: read, judged
    assert client.get("/v1/temporary?town=%E9%BE%99%E6%B0%B4%E9%95%87", headers=secretariat).status_code == 200
    assert client.get(f"/v1/temporary?town={gbk}").status_code == 401  # without a token: 401 first


# --- the bodies of the writing endpoints: read as strictly as a decision's --------------------

TEMPORARY = {"ref": "TX-2026-12", "decided_on": "2026-12-01", "work": "春节前独居老人安全走访",
             "activities": ["visit", "care"], "valid_to": "2027-02-28", "hours_per_month": 2}


def test_a_writing_endpoints_body_is_read_as_strictly_as_a_decisions(served):
    """Approvals, amendments, withdrawals and temporary approvals write the pack: a key given twice is
    not settled by taking the last (nothing decided on a guess), a number is not read from a string,
    a body is JSON in UTF-8 -- as /v1/tasks/check answers, in the service's own words."""
    client, secrets, pack_copy = served
    town, sec = bearer(secrets["town:tangxiang"]), bearer(secrets["secretariat"])
    history = (pack_copy / "history.yaml").read_text(encoding="utf-8")

    def post(path, body: bytes, who=town, media="application/json"):
        return client.post(path, content=body, headers=who | {"content-type": media})

    twice = json.dumps(TEMPORARY, ensure_ascii=False)[:-1].encode() + ', "ref": "TX-2026-13"}'.encode()
    r = post("/v1/temporary", twice)
    assert r.status_code == 400 and r.json()["error"] == "not_json" and r.json()["problems"][0]["field"] == "ref", r.text
    r = post("/v1/items/L13/withdraw", b'{"session": "2026-5", "date": "2026-12-01", "date": "2026-11-29"}', sec)
    assert r.status_code == 400 and r.json()["problems"][0]["field"] == "date", r.text
    r = post("/v1/items/L13/amend", json.dumps({"session": "2026-5", "date": "2026-12-01",
                                               "changes": {"hours_per_month": "3"}}).encode(), sec)
    assert r.status_code == 422 and [p["field"] for p in r.json()["problems"]] == ["changes.hours_per_month"], r.text
    r = post("/v1/temporary", json.dumps(TEMPORARY | {"hours_per_month": "3"}).encode())
    assert r.status_code == 422 and [p["field"] for p in r.json()["problems"]] == ["hours_per_month"], r.text
    r = post("/v1/temporary", json.dumps(TEMPORARY | {"activities": ["visit", 7]}).encode())
    assert r.status_code == 422 and [p["field"] for p in r.json()["problems"]] == ["activities[1]"], r.text
    r = post("/v1/temporary", "你好".encode("gbk"))
    assert r.status_code == 400 and r.json()["error"] == "not_utf8", r.text
    for body in (b"", b"NaN", b"[1]", b'{"ref": '):
        r = post("/v1/temporary", body)
        assert r.status_code in (400, 422) and r.json()["error"] in ("not_json", "invalid_input"), (body, r.text)
        assert "There was an error" not in r.text
    r = post("/v1/temporary", b"[1]")
    assert r.status_code == 422 and "a request's body is a mapping of fields" in r.json()["problems"][0]["message"]
    r = post("/v1/temporary", json.dumps(TEMPORARY).encode(), media="application/x-ndjson")  # one object, not a batch
    assert r.status_code == 415, r.text
    assert (pack_copy / "history.yaml").read_text(encoding="utf-8") == history  # nothing written
    r = post("/v1/temporary", json.dumps(TEMPORARY, ensure_ascii=False).encode())  # and a good one still is
    assert r.status_code == 201, r.text


def test_the_writing_endpoints_bodies_are_documented(served):
    client, *_ = served
    doc = client.get("/openapi.json").json()
    for path, model in (("/v1/applications/{app_id}/approve", "Approval"), ("/v1/items/{code}/amend", "Amendment"),
                        ("/v1/temporary", "TemporaryDecision"), ("/v1/temporary/{ref}/withdraw", "Withdrawal")):
        body = doc["paths"][path]["post"]["requestBody"]["content"]["application/json"]["schema"]
        assert body == {"$ref": f"#/components/schemas/{model}"}
        assert "session" in doc["components"]["schemas"][model]["properties"] or model.startswith(("Temporary", "With"))


def test_without_a_valid_token_the_answer_is_401_whatever_the_query(served):
    """A caller without a token learns nothing of an endpoint's parameters: 401 first."""
    client, secrets, _ = served
    for headers in ({}, bearer("grs_not-a-token")):
        r = client.get("/v1/lists", params={"x": "1"}, headers=headers)
        assert r.status_code == 401, r.text
        r = client.post("/v1/tasks/check", json=TASK, params={"at": ["1", "2"]}, headers=headers)
        assert r.status_code == 401, r.text
    r = client.get("/v1/lists", params={"x": "1"}, headers=bearer(secrets["auditor"]))
    assert r.status_code == 422 and r.json()["problems"][0]["field"] == "x"  # with one: named


def test_a_token_of_another_role_is_answered_403_whatever_the_query(served):
    """Auth, then role, then parameters: a dispatch system's token on the auditors' export learns that it may
    not call it, not which parameters it has (before: 422 naming them); an auditor's is then told."""
    client, secrets, _ = served
    dispatch, auditor = bearer(secrets["dispatch"]) | ZH, bearer(secrets["auditor"]) | ZH
    for params in ({"foo": "1"}, {"limit": ["1", "2"]}, {"since": "2026-12-01", "x": "\u00e9"}):
        r = client.get("/v1/log/export", params=params, headers=dispatch)
        assert r.status_code == 403 and r.json()["roles_needed"] == ["auditor", "secretariat"], (params, r.text)
    r = client.get("/v1/log/export", params=b"since=%D5%F2", headers=dispatch)  # not UTF-8 either
    assert r.status_code == 403, r.text
    r = client.get("/v1/log/export", params={"foo": "1"}, headers=auditor)
    assert r.status_code == 422 and [p["field"] for p in r.json()["problems"]] == ["foo"]


def test_a_scoped_token_is_told_the_input_is_not_its_own_before_its_at_is_read(served):
    """A town's token sending a department's task with a bad ?at= is refused as not its own (403), and an
    event sent to the task check is named as an event (422 without ``at``): the order is auth, scope, then
    parameters (before: both were told about ``at`` first)."""
    client, secrets, _ = served
    town = bearer(secrets["town:tangxiang"]) | ZH
    r = client.post("/v1/tasks/check", json=TASK, params={"at": "明天"}, headers=town)
    assert r.status_code == 403 and r.json()["roles_needed"] == ["town"], r.text
    event = {"id": "EV-1", "type": "MD02", "reported_at": "2026-11-25T09:30:00+08:00", "grid": "tangxiang-heping-01"}
    r = client.post("/v1/tasks/check", json=event, params={"at": "明天"}, headers=bearer(secrets["dispatch"]) | ZH)
    assert r.status_code == 422 and "at" not in [p["field"] for p in r.json()["problems"]], r.text
    assert "/v1/events/route" in r.text
    r = client.post("/v1/tasks/check", json=TASK, params={"at": "明天"}, headers=bearer(secrets["dispatch"]) | ZH)
    assert r.status_code == 422 and [p["field"] for p in r.json()["problems"]] == ["at"]  # its own: then at


def test_a_temporary_approval_the_path_names_that_does_not_exist_is_404(served):
    client, secrets, _ = served
    r = client.post("/v1/temporary/TX-NOPE/withdraw", json={"date": "2026-12-01"}, headers=bearer(secrets["town:tangxiang"]))
    assert r.status_code == 404 and r.json()["error"] == "not_found" and r.json()["problems"][0]["field"] == "ref", r.text


def test_an_answer_lists_at_most_a_hundred_problems(served):
    client, secrets, _ = served
    body = {"id": "T-1", "title": "走访", "department": "minzheng", "activities": ["visit"], "start": "2026-12-01"}
    body |= {f"x{i}": i for i in range(5000)}
    r = client.post("/v1/tasks/check", json=body, headers=bearer(secrets["dispatch"]))
    problems = r.json()["problems"]
    assert r.status_code == 422 and len(problems) == 101 and len(r.content) < 40_000, len(r.content)
    assert problems[-1]["message"] == "4900 more problems not listed: correct those above first"


def test_blank_or_control_text_is_not_written_into_the_pack(served):
    """A temporary approval's work of blanks, or with a NUL in it, a withdrawal's reason of blanks, an
    application's content with a control character: 422 naming the field, nothing written or filed."""
    client, secrets, pack_copy = served
    town = bearer(secrets["town:tangxiang"])
    history = (pack_copy / "history.yaml").read_text(encoding="utf-8")
    for work in ("   ", "走\u0000访"):
        r = client.post("/v1/temporary", json=TEMPORARY | {"work": work}, headers=town)
        assert r.status_code == 422 and [p["field"] for p in r.json()["problems"]] == ["work"], r.text
    r = client.post("/v1/temporary/TX-2026-11/withdraw", json={"date": "2026-12-01", "reason": "   "}, headers=town)
    assert r.status_code == 422 and [p["field"] for p in r.json()["problems"]] == ["reason"], r.text
    assert (pack_copy / "history.yaml").read_text(encoding="utf-8") == history
    from appdocs import CANLIAN

    r = client.post("/v1/applications", json=CANLIAN | {"content": "核\u0000查"}, headers=bearer(secrets["department:canlian"]))
    assert r.status_code == 422 and "content" in [p["field"] for p in r.json()["problems"]], r.text


def test_the_history_of_a_target_the_pack_never_held_is_404(served):
    client, secrets, _ = served
    auditor = bearer(secrets["auditor"])
    assert client.get("/v1/history", params={"target": "L01"}, headers=auditor).json()["changes"] == []  # never changed
    r = client.get("/v1/history", params={"target": "../../etc"}, headers=auditor)
    assert r.status_code == 404 and r.json()["problems"][0]["field"] == "target", r.text
    r = client.get("/v1/history", params={"target": "L99"}, headers=auditor)
    assert r.status_code == 404 and r.json()["problems"][0]["hint"] == "L09", r.text


def test_a_pretty_printed_body_that_is_not_json_is_placed_by_line_and_column(served):
    client, secrets, _ = served
    body = '{\n  "id": "T-1",\n  "title": "走访"\n  "department": "minzheng"\n}'  # no comma after line 3: found where line 4's key starts
    r = client.post("/v1/tasks/check", content=body.encode(), headers=bearer(secrets["dispatch"]) |
                    {"content-type": "application/json"})
    (problem,) = r.json()["problems"]
    assert r.status_code == 400 and (problem["path"], problem["line"], problem["col"]) == (None, 4, 3), r.text
    assert "line 4, column 3" in problem["message"]
    one_line = client.post("/v1/tasks/check", content=b'{"id": "T-1" "x": 1}', headers=bearer(secrets["dispatch"]) |
                           {"content-type": "application/json"})
    assert (one_line.json()["problems"][0]["line"], one_line.json()["problems"][0]["col"]) == (1, 14), one_line.text
    nan = client.post("/v1/tasks/check", content=b'{\n"id": "T-1",\n"hours_per_month": NaN}',
                      headers=bearer(secrets["dispatch"]) | {"content-type": "application/json"})
    assert nan.status_code == 400 and nan.json()["problems"][0]["line"] == 3, nan.text
