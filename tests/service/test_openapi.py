"""/openapi.json as a system that is not written in Python reads it: how to authenticate (a bearer
scheme, so a generated client sends the token), what each NDJSON answer's line holds (declared as
NDJSON only), every $ref resolving, and its summaries in the tool's language (Chinese first)."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from servicekit import TASK, bearer

ZH, EN = {"Accept-Language": "zh-CN"}, {"Accept-Language": "en"}
NDJSON = "application/x-ndjson"
BATCHES = {"/v1/tasks/check-batch": "TaskDecision", "/v1/events/route-batch": "EventDecision"}


def refs(node) -> list[str]:
    if isinstance(node, dict):
        return ([node["$ref"]] if isinstance(node.get("$ref"), str) else []) + [r for v in node.values() for r in refs(v)]
    if isinstance(node, list):
        return [r for v in node for r in refs(v)]
    return []


def test_the_openapi_document_says_how_to_authenticate_and_is_well_formed(served):
    """A generated client sends the token only if the document declares it: a bearer scheme, required by
    every operation but /healthz and /livez (which need none); every $ref resolves; every schema is JSON Schema."""
    client, _ = served
    doc = client.get("/openapi.json").json()
    assert doc["openapi"].startswith("3.1") and doc["info"]["title"] and doc["info"]["version"]
    schemes = doc["components"]["securitySchemes"]
    assert [(s["type"], s["scheme"]) for s in schemes.values()] == [("http", "bearer")]
    [name] = schemes
    for path, operations in doc["paths"].items():
        for method, operation in operations.items():
            assert method in {"get", "post", "put", "patch", "delete", "head"} and operation["responses"], (method, path)
            if path in ("/healthz", "/livez"):  # a load balancer's checks: no token
                assert "security" not in operation
            else:
                assert operation["security"] == [{name: []}], (method, path)
            for status, response in operation["responses"].items():
                assert status.isdigit() and response["description"], (method, path, status)
    schemas = doc["components"]["schemas"]
    for ref in refs(doc):
        assert ref.startswith("#/components/schemas/") and ref.rsplit("/", 1)[1] in schemas, ref
    for schema in schemas.values():
        Draft202012Validator.check_schema(schema)  # raises, naming what is wrong
    # the enforcement is what it was: the token is still read and judged by the service
    assert client.get("/v1/lists").status_code == 401


def test_an_event_decision_declares_its_next_steps_and_the_answer_carries_them(served):
    """A dispatch system generating its client from the document learns an event's next steps exist
    (required, a list of Chinese sentences) and finds them in /v1/events/route's answer."""
    client, as_ = served
    schema = client.get("/openapi.json").json()["components"]["schemas"]["EventDecision"]
    assert "next_steps" in schema["required"] and schema["properties"]["next_steps"]["items"] == {"type": "string"}
    event = {"id": "E", "type": "MD02", "reported_at": "2026-11-25T09:30:00+08:00", "grid": "tangxiang-heping-01"}
    answer = client.post("/v1/events/route", json=event, headers=as_("dispatch")).json()
    # MD02 is handled in the grid: 24 h to respond, 3 working days to close (Thu 26, Fri 27, Mon 30)
    assert answer["next_steps"][0] == "由和平社区01网格（网格）在 2026-11-26 09:30 前响应，2026-11-30 09:30 前办结。"


def test_the_ndjson_answers_are_declared_as_ndjson_with_each_lines_schema(served):
    """The batches answer a decision or an error line per line; the log's export one record per line;
    none of them answers application/json, so none is declared so."""
    client, as_ = served
    doc = client.get("/openapi.json").json()
    schemas = doc["components"]["schemas"]
    for path, decision in BATCHES.items():
        ok = doc["paths"][path]["post"]["responses"]["200"]["content"]
        assert list(ok) == [NDJSON]
        assert ok[NDJSON]["schema"] == {"oneOf": [{"$ref": f"#/components/schemas/{decision}"},
                                                  {"$ref": "#/components/schemas/BatchErrorLine"}]}
    assert set(schemas["BatchErrorLine"]["required"]) == {"line", "error", "problems"}
    ok = doc["paths"]["/v1/log/export"]["get"]["responses"]["200"]["content"]
    assert ok == {NDJSON: {"schema": {"oneOf": [{"$ref": "#/components/schemas/LogRecord"},
                                                {"$ref": "#/components/schemas/ExportStopped"}]}}}
    assert set(schemas["ExportStopped"]["required"]) == {"error", "message", "after_seq"}
    assert {"logged_at", "token", "at"} <= set(schemas["LogRecord"]["properties"])
    # the schemas describe what is answered: a batch's lines and an exported record validate against them
    body = json.dumps(TASK) + "\n" + json.dumps(TASK | {"assignee": "nobody"}) + "\n"
    r = client.post("/v1/tasks/check-batch", content=body, headers=as_("dispatch") | {"content-type": NDJSON})
    assert r.status_code == 200 and r.headers["content-type"].startswith(NDJSON)
    lines = [json.loads(x) for x in r.text.splitlines()]
    defs = json.loads(json.dumps(schemas).replace("#/components/schemas/", "#/$defs/"))

    def wrong(model: str, value: dict) -> list[str]:
        return [e.message for e in Draft202012Validator({"$defs": defs, "$ref": f"#/$defs/{model}"}).iter_errors(value)]

    assert [wrong(model, line) for line, model in zip(lines, ("TaskDecision", "BatchErrorLine"))] == [[], []]
    assert wrong("BatchErrorLine", lines[0]) and wrong("TaskDecision", lines[1])  # the two shapes are told apart
    r = client.get("/v1/log/export", headers=as_("auditor"))
    assert r.status_code == 200 and r.headers["content-type"].startswith(NDJSON)
    exported = [json.loads(line) for line in r.text.splitlines()]
    assert len(exported) == 1 and wrong("LogRecord", exported[0]) == []


def test_the_summaries_are_the_catalogues_in_the_requests_language(served):
    """Chinese first, as the tool speaks (English when a request asks for it): every operation's
    summary and the bearer scheme's description come from the catalogue in both languages."""
    client, _ = served
    zh, en = client.get("/openapi.json", headers=ZH).json(), client.get("/openapi.json", headers=EN).json()
    assert zh["paths"]["/v1/tasks/check"]["post"]["summary"] == "这项工作能否交给网格员？（任务准入核验）"
    assert en["paths"]["/v1/tasks/check"]["post"]["summary"] == "May this work go to grid workers?"
    assert "Authorization: Bearer" in zh["info"]["description"] and "令牌" in zh["info"]["description"]
    assert "令牌" in next(iter(zh["components"]["securitySchemes"].values()))["description"]
    for path, operations in zh["paths"].items():
        for method, operation in operations.items():
            said = operation["summary"]
            assert any("\u4e00" <= c <= "\u9fff" for c in said), (method, path, said)  # not left in English
            assert en["paths"][path][method]["summary"] != said, (method, path)


def test_every_parameters_description_is_the_catalogues_in_the_requests_language(served):
    """Each query and path parameter (since, until, after_seq, limit, status, at, app_id, …) is described as
    the summaries are: Chinese first, English when asked, from the catalogue (``api.?<name>``) -- before,
    the parameters were described in English in a Chinese document, and the path parameters not at all."""
    from gridrules.log.export import EXPORT_MOST
    client, _ = served
    zh, en = client.get("/openapi.json", headers=ZH).json(), client.get("/openapi.json", headers=EN).json()
    seen = set()
    for path, operations in zh["paths"].items():
        for method, operation in operations.items():
            english = {p["name"]: p for p in en["paths"][path][method].get("parameters", [])}
            for parameter in operation.get("parameters", []):
                said, name = parameter.get("description") or "", parameter["name"]
                assert any("\u4e00" <= c <= "\u9fff" for c in said), (method, path, name, said)
                assert english[name]["description"] and english[name]["description"] != said, (method, path, name)
                seen.add(name)
    assert {"since", "until", "after_seq", "limit", "status", "at", "all", "app_id"} <= seen
    export = {p["name"]: p["description"] for p in zh["paths"]["/v1/log/export"]["get"]["parameters"]}
    assert f"{EXPORT_MOST:,}" in export["limit"] and "不含它" in export["after_seq"]
    assert "此刻及以后" in export["since"] and "此刻以前" in export["until"]
