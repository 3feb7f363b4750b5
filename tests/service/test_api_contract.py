"""What a client generated from /openapi.json relies on, asked of a real ``gridrules serve``: every error
it answers carries a declared code with its declared status (one declaration: the ErrorDocument's enum,
each operation's responses, the README's table); a conflict with what is recorded is told from the
policy's refusal and names each differing field with both values; every JSON answer has its schema."""

from __future__ import annotations

import json
import pathlib

import httpx
import jsonschema
import pytest

from appdocs import CANLIAN
from servicekit import EVENT, TASK, bearer, serve, stop, write_config

ROOT = pathlib.Path(__file__).resolve().parents[2]
ZH = {"Accept-Language": "zh-CN"}
JSON_TYPE = {"content-type": "application/json"}
NDJSON_TYPE = {"content-type": "application/x-ndjson"}
# a temporary approval of 棠香 (2026-12-01 to 2027-02-28: 90 days, the policy's longest; policy.md: temporary items)
TEMPORARY = {"ref": "TX-2026-12", "decided_on": "2026-12-01", "work": "春节前独居老人安全走访",
             "activities": ["visit", "care"], "valid_to": "2027-02-28", "hours_per_month": 2}
GBK_TASK = json.dumps(TASK | {"title": "独居老人走访摸排"}, ensure_ascii=False).encode("gbk")


@pytest.fixture
def server(tmp_path, pack_copy):
    config = tmp_path / "serve.json"
    secrets = write_config(config, limits={"max_batch_lines": 3})
    process, base = serve(pack_copy, config, "--log", f"sqlite:///{tmp_path / 'log.sqlite'}")
    try:
        with httpx.Client(base_url=base, timeout=30) as client:
            yield client, (lambda role: bearer(secrets[role]))
    finally:
        stop(process)


def _openapi(client: httpx.Client) -> dict:
    doc = client.get("/openapi.json").json()
    return doc


def _validator(doc: dict, ref: str) -> jsonschema.Draft202012Validator:
    """A validator of the component ``ref`` (``#/components/schemas/X``), its $refs resolved in ``doc``."""
    return jsonschema.Draft202012Validator({"$ref": ref, "components": doc["components"]})


def _ref(doc: dict, method: str, path: str, status: int) -> str:
    return doc["paths"][path][method]["responses"][str(status)]["content"]["application/json"]["schema"]["$ref"]


def test_every_error_the_service_answers_is_a_declared_code_with_its_status(server):
    """A walk over the service's error answers: each is an ErrorDocument whose ``error`` is one of the
    declared codes (the schema's enum), answered with the code's declared status, and declared by its
    operation (but for a path or method that has none); the README's table is the declaration's."""
    from gridrules.service.answers import ERROR_CODES, codes_table  # the declaration (here: what the old code lacked)

    client, as_ = server
    doc = _openapi(client)
    enum = doc["components"]["schemas"]["ErrorDocument"]["properties"]["error"].get("enum")
    assert enum == [code for code, found in ERROR_CODES.items() if found.status is not None]
    document = _validator(doc, "#/components/schemas/ErrorDocument")
    dispatch, town, dept, sec = as_("dispatch"), as_("town:tangxiang"), as_("department:canlian"), as_("secretariat")
    asked = [  # (method, path, the operation's path in the document or None, request arguments)
        ("post", "/v1/tasks/check", None, {"json": TASK}),  # no token
        ("post", "/v1/tasks/check", "/v1/tasks/check", {"json": TASK, "headers": as_("auditor")}),
        ("get", "/v1/nothing", None, {"headers": dispatch}),
        ("delete", "/v1/pack", None, {"headers": dispatch}),
        ("post", "/v1/tasks/check", "/v1/tasks/check", {"content": b"{x", "headers": dispatch | JSON_TYPE}),
        ("post", "/v1/tasks/check", "/v1/tasks/check", {"content": GBK_TASK, "headers": dispatch | JSON_TYPE}),
        ("post", "/v1/tasks/check", "/v1/tasks/check", {"content": b"{}", "headers": dispatch | {"content-type": "text/plain"}}),
        ("post", "/v1/tasks/check-batch", "/v1/tasks/check-batch",
         {"content": b"{}\n{}\n{}\n{}\n", "headers": dispatch | NDJSON_TYPE}),
        ("post", "/v1/tasks/check", "/v1/tasks/check", {"content": b" " * (5 * 1024 * 1024), "headers": dispatch | JSON_TYPE}),
        ("post", "/v1/tasks/check", "/v1/tasks/check", {"json": TASK | {"assignee": "nobody"}, "headers": dispatch}),
        ("get", "/v1/applications/{app_id}", "/v1/applications/{app_id}", {"headers": sec}),
        ("get", "/v1/history?target=" + "x" * 20_000, "/v1/history", {"headers": dispatch}),
        ("post", "/v1/temporary", "/v1/temporary", {"json": TEMPORARY, "headers": town}),
        ("post", "/v1/temporary", "/v1/temporary", {"json": TEMPORARY | {"valid_to": "2027-02-27"}, "headers": town}),
        ("post", "/v1/temporary", "/v1/temporary",
         {"json": TEMPORARY | {"ref": "TX-2026-13", "valid_to": "2027-03-01"}, "headers": town}),
        ("post", "/v1/applications", "/v1/applications", {"json": CANLIAN, "headers": dept}),
        ("post", "/v1/applications", "/v1/applications", {"json": CANLIAN | {"frequency": "每月"}, "headers": dept}),
    ]
    seen = set()
    for method, path, declared, kwargs in asked:
        url = path.replace("{app_id}", "APP-NONE")
        r = client.request(method.upper(), url, **kwargs)
        if r.status_code < 400:
            continue  # a write the next request conflicts with
        body = r.json()
        document.validate(body)
        code = body["error"]
        assert ERROR_CODES[code].status == r.status_code, (code, r.status_code, r.text)
        if declared is not None:
            assert str(r.status_code) in doc["paths"][declared][method]["responses"], (declared, r.status_code)
        seen.add(code)
    assert {"unauthorized", "forbidden", "not_found", "method_not_allowed", "not_json", "not_utf8",
            "unsupported_media_type", "batch_too_long", "too_large", "uri_too_long", "invalid_input", "refused",
            "conflict"} <= seen, seen
    for where in ("README.md", "docs/dispatchers.md"):
        assert codes_table() in (ROOT / where).read_text(encoding="utf-8"), f"{where}: the table of error codes"


def test_a_conflict_with_what_is_recorded_names_each_differing_field_with_both_values(server):
    """409 ``conflict`` (not the policy's ``refused``): a temporary approval sent again under its reference
    with another last day, an approval of an application by another meeting, an application resubmitted
    with other content -- each differing field a problem, named as the request names it, with the
    value recorded and the value sent.  The policy's refusal (longer than 90 days) stays ``refused``."""
    client, as_ = server
    town, dept, sec = as_("town:tangxiang") | ZH, as_("department:canlian"), as_("secretariat") | ZH
    assert client.post("/v1/temporary", json=TEMPORARY, headers=town).status_code == 201
    r = client.post("/v1/temporary", json=TEMPORARY | {"valid_to": "2027-02-27"}, headers=town)
    assert (r.status_code, r.json()["error"], r.json()["written"]) == (409, "conflict", False), r.text
    assert [(p["field"], p["recorded"], p["sent"]) for p in r.json()["problems"]] == [
        ("valid_to", "2027-02-28", "2027-02-27")]
    assert "截止日期（valid_to）" in r.json()["message"]
    r = client.post("/v1/temporary", json=TEMPORARY | {"ref": "TX-2026-13", "valid_to": "2027-03-01"}, headers=town)
    assert (r.status_code, r.json()["error"]) == (409, "refused"), r.text  # 91 days: the policy's refusal

    assert client.post("/v1/applications", json=CANLIAN, headers=dept).status_code == 201
    r = client.post("/v1/applications", json=CANLIAN | {"frequency": "每月", "hours_per_month": 3}, headers=dept)
    assert (r.status_code, r.json()["error"]) == (409, "conflict"), r.text
    assert [(p["field"], p["recorded"], p["sent"]) for p in r.json()["problems"]] == [
        ("frequency", CANLIAN["frequency"], "每月"), ("hours_per_month", 2, 3)]

    path = f"/v1/applications/{CANLIAN['id']}/approve"
    assert client.post(path, json={"session": "2026-5", "date": "2026-11-18"}, headers=sec).status_code == 201
    r = client.post(path, json={"session": "2026-6", "date": "2026-11-18"}, headers=sec)
    assert (r.status_code, r.json()["error"]) == (409, "conflict"), r.text
    assert [(p["field"], p["recorded"], p["sent"]) for p in r.json()["problems"]] == [("session", "2026-5", "2026-6")]
    assert "会议届次（session）" in r.json()["message"]


def test_a_body_that_is_not_utf8_is_told_its_byte_and_gbk_as_a_batch_line_is(server):
    """GBK bytes sent without saying so (no charset: UTF-8, JSON's own) as a single request and as a batch's
    line: one explanation for both -- the byte, that it reads as GBK, how to save it as UTF-8 -- the single
    request's problem at the body's line and column.  (Declared ``charset=gbk``, they are read as GBK:
    test_served_edges.)"""
    client, as_ = server
    headers = as_("dispatch") | ZH
    r = client.post("/v1/tasks/check", content=GBK_TASK, headers=headers | JSON_TYPE)
    assert (r.status_code, r.json()["error"]) == (400, "not_utf8"), r.text
    (problem,) = r.json()["problems"]
    first = GBK_TASK.index("独".encode("gbk"))
    assert (problem["field"], problem["line"], problem["col"]) == ("body", 1, first + 1)
    assert f"第 {first + 1} 个字节" in problem["message"] and "GBK" in problem["message"]
    assert problem["message"] in r.json()["message"]
    r = client.post("/v1/tasks/check-batch", content=GBK_TASK + b"\n", headers=headers | NDJSON_TYPE)
    (line,) = [json.loads(x) for x in r.text.splitlines()]
    assert line["problems"][0]["message"] == problem["message"]


def test_a_moment_whose_plus_arrived_as_a_space_is_told_to_send_it_as_2b(server):
    """``?at=2026-12-01T09:00:00+08:00`` written into a URL unencoded: the + reads as a space; said so."""
    client, as_ = server
    r = client.post("/v1/events/route?at=2026-12-01T09:00:00+08:00", json=EVENT, headers=as_("dispatch") | ZH)
    assert r.status_code == 422, r.text
    (problem,) = r.json()["problems"]
    assert problem["field"] == "at" and "%2B" in problem["message"] and "2026-12-01T09:00:00%2B08:00" in problem["message"]
    r = client.get("/v1/lists?at=2026-12-01T09:00:00+08:00", headers=as_("auditor"))
    assert r.status_code == 422 and "%2B" in r.json()["problems"][0]["message"]
    r = client.get("/v1/lists?at=2026-12-01T09:00:00 and more", headers=as_("auditor"))  # not a + gone astray
    assert r.status_code == 422 and "%2B" not in r.json()["problems"][0]["message"]


def test_the_media_type_and_a_json_array_batch_are_named_once(server):
    """415 names Content-Type on a single endpoint as on a batch's; a JSON array posted to a batch
    endpoint is told once that NDJSON is one object a line, not refused line by line."""
    client, as_ = server
    for path in ("/v1/tasks/check", "/v1/tasks/check-batch"):
        r = client.post(path, content=b"{}", headers=as_("dispatch") | {"content-type": "text/plain"})
        assert r.status_code == 415 and [p["field"] for p in r.json()["problems"]] == ["Content-Type"], r.text
    array = json.dumps([TASK, TASK | {"id": "T-2"}], ensure_ascii=False).encode()
    r = client.post("/v1/tasks/check-batch", content=array, headers=as_("dispatch") | NDJSON_TYPE | ZH)
    assert (r.status_code, r.json()["error"]) == (422, "invalid_input"), r.text
    (problem,) = r.json()["problems"]
    assert problem["field"] == "body" and "NDJSON" in problem["message"] and "每行一个 JSON 对象" in problem["message"]


def test_every_answer_has_a_schema_and_real_answers_validate_against_it(server):
    """No operation's documented 2xx, 4xx or 5xx answer has an empty schema (or none); the answers of a
    few endpoints, as a real server gives them, validate against the schemas their operation declares."""
    client, as_ = server
    doc = _openapi(client)
    empty = [(method, path, status) for path, operations in doc["paths"].items()
             for method, operation in operations.items() for status, response in operation["responses"].items()
             if status[0] in "245" and not all(c.get("schema") for c in (response.get("content") or {None: {}}).values())]
    assert empty == []
    town, dept, sec, auditor = as_("town:tangxiang"), as_("department:canlian"), as_("secretariat"), as_("auditor")
    answers = [
        ("get", "/healthz", client.get("/healthz")),
        ("get", "/v1/pack", client.get("/v1/pack", headers=auditor)),
        ("get", "/v1/lists", client.get("/v1/lists?section=items&section=towns", headers=auditor)),
        ("get", "/v1/history", client.get("/v1/history", headers=auditor)),
        ("get", "/v1/expiring", client.get("/v1/expiring?within=60d&at=2026-12-01", headers=auditor)),
        ("post", "/v1/temporary", client.post("/v1/temporary", json=TEMPORARY, headers=town)),
        ("post", "/v1/temporary", client.post("/v1/temporary", json=TEMPORARY, headers=town)),  # written false
        ("get", "/v1/temporary", client.get("/v1/temporary", headers=town)),
        ("post", "/v1/applications", client.post("/v1/applications", json=CANLIAN, headers=dept)),
        ("post", "/v1/applications", client.post("/v1/applications", json=CANLIAN, headers=dept)),
        ("get", "/v1/applications/{app_id}/review", client.get(f"/v1/applications/{CANLIAN['id']}/review", headers=sec)),
        ("get", "/v1/applications", client.get("/v1/applications", headers=sec)),
        ("get", "/v1/log/head", client.get("/v1/log/head", headers=auditor)),
        ("get", "/v1/log/verify", client.get("/v1/log/verify", headers=auditor)),
    ]
    statuses = []
    for method, path, r in answers:
        assert r.status_code < 300, (path, r.text)
        _validator(doc, _ref(doc, method, path, r.status_code)).validate(r.json())
        statuses.append(r.status_code)
    assert statuses[5:7] == [201, 200] and statuses[8:10] == [201, 200]
