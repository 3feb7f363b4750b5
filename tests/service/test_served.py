"""A real ``gridrules serve`` with two worker processes on 127.0.0.1, talked to over HTTP."""

from __future__ import annotations

import json
import os
import time

import httpx
import jsonschema
import pytest

from appdocs import CANLIAN, TASK_DAY
from gridrules.decide.checker import Checker
from servicekit import CANLIAN_TASK, EVENT, TASK, bearer, serve, stop, write_config

DIGEST = "x-gridrules-pack-digest"


@pytest.fixture
def server(tmp_path, pack_copy):
    config = tmp_path / "serve.json"
    secrets = write_config(config)
    process, base = serve(pack_copy, config, workers=2)
    try:
        yield base, secrets, pack_copy
    finally:
        stop(process)


def fresh(method: str, url: str, **kwargs) -> httpx.Response:
    """A request on a new connection: the kernel hands it to either worker."""
    with httpx.Client(timeout=30) as client:
        return client.request(method, url, **kwargs)


def test_two_workers_decide_like_the_library_and_converge_after_a_write(server):
    base, secrets, pack_copy = server
    checker = Checker(pack_copy)
    workers = set()
    for _ in range(200):
        workers.add(fresh("GET", f"{base}/healthz").json()["worker"])
        if len(workers) == 2:
            break
    assert len(workers) == 2, "both worker processes answer"

    r = fresh("POST", f"{base}/v1/events/route", json=EVENT, headers=bearer(secrets["dispatch"]))
    assert r.status_code == 200 and r.json() == checker.route_event(EVENT).model_dump(mode="json")
    assert r.headers[DIGEST] == checker.pack.info.digest
    lines = "\n".join(json.dumps(TASK | {"id": f"T-{i}"}) for i in range(50)) + "\n{bad\n"
    r = fresh("POST", f"{base}/v1/tasks/check-batch", content=lines.encode(), params={"at": TASK_DAY},
              headers=bearer(secrets["dispatch"]) | {"content-type": "application/x-ndjson"})
    answers = [json.loads(x) for x in r.text.splitlines()]
    assert len(answers) == 51 and [a.get("task") for a in answers[:50]] == [f"T-{i}" for i in range(50)]
    assert answers[50]["line"] == 51 and answers[50]["error"] == "invalid_input"

    assert fresh("POST", f"{base}/v1/applications", json=CANLIAN,
                 headers=bearer(secrets["department:canlian"])).status_code == 201
    with httpx.Client(base_url=base, timeout=30) as writer:  # the writer keeps its connection (its worker)
        r = writer.post(f"/v1/applications/{CANLIAN['id']}/approve", json={"session": "2026-5", "date": "2026-11-18"},
                        headers=bearer(secrets["secretariat"]))
        assert r.status_code == 201, r.text
        written_at, new_digest = time.monotonic(), r.json()["digest"]
        mine = writer.post("/v1/tasks/check", json=CANLIAN_TASK, params={"at": TASK_DAY},
                           headers=bearer(secrets["dispatch"]))
        assert (mine.json()["verdict"], mine.headers[DIGEST]) == ("admitted", new_digest)  # read-your-writes
    seen = {}
    while time.monotonic() - written_at < 1.0 and len(seen) < 2:
        r = fresh("GET", f"{base}/healthz")
        seen[r.json()["worker"]] = r.json()["digest"]
    assert len(seen) == 2 and set(seen.values()) == {new_digest}, "every worker converged within a second"
    r = fresh("POST", f"{base}/v1/tasks/check", json=CANLIAN_TASK, params={"at": TASK_DAY},
              headers=bearer(secrets["town:tangxiang"]))
    assert r.status_code == 403 and "town:tangxiang" in r.json()["message"]


def test_no_anonymous_write_and_errors_without_a_traceback(server):
    base, secrets, _ = server
    assert fresh("POST", f"{base}/v1/items/L01/withdraw", json={"session": "1", "date": "2027-01-01"}).status_code == 401
    r = fresh("POST", f"{base}/v1/tasks/check", content=b"\xff\xfe", headers=bearer(secrets["dispatch"]) |
              {"content-type": "application/json"})
    assert r.status_code == 400 and "Traceback" not in r.text
    assert os.environ.get("GRIDRULES_SERVE_CONFIG") is None  # the server's settings stayed in its own process


def test_health_checks_may_ask_with_head_and_a_wrong_method_is_told_the_right_ones(server):
    base, secrets, _ = server
    head = fresh("HEAD", f"{base}/healthz")
    assert head.status_code == 200 and head.content == b"" and head.headers[DIGEST]  # headers alone
    wrong = fresh("DELETE", f"{base}/healthz")
    assert wrong.status_code == 405 and "GET" in wrong.headers["allow"].replace(" ", "").split(",")
    assert wrong.json()["error"] == "method_not_allowed"


def test_the_openapi_document_describes_the_error_document_every_route_answers_with(tmp_path, pack_copy):
    """/openapi.json of a real server: every route's 422 (and each other error it declares) is the
    tool's error document -- error, message, problems each naming its field -- not FastAPI's
    {"detail": [{"loc", "msg", "type"}]}; and the errors the server actually answers validate against it."""
    config = tmp_path / "serve.json"
    secrets = write_config(config)
    process, base = serve(pack_copy, config, "--log", "off")
    try:
        with httpx.Client(base_url=base, timeout=30) as http:
            spec = http.get("/openapi.json").json()
            dispatch, auditor = bearer(secrets["dispatch"]), bearer(secrets["auditor"])
            answers = {
                "invalid": http.post("/v1/tasks/check", json={"id": "T-1"}, headers=dispatch),
                "unknown query": http.get("/v1/lists", params={"sectoin": "items"}, headers=auditor),
                "forbidden": http.post("/v1/tasks/check", json=TASK, headers=auditor),
                "unauthorized": http.get("/v1/lists"),
                "not found": http.get("/v1/applications/APP-2099-1", headers=bearer(secrets["secretariat"])),
                "not json": http.post("/v1/tasks/check", content=b"{", headers=dispatch | {"content-type": "application/json"}),
            }
    finally:
        stop(process)
    schemas = spec["components"]["schemas"]
    assert not {"HTTPValidationError", "ValidationError"} & set(schemas)
    error = schemas["ErrorDocument"]
    assert list(error["properties"])[:3] == ["error", "message", "problems"]
    assert set(error["required"]) == {"error", "message", "problems"}
    assert error["properties"]["problems"]["items"] == {"$ref": "#/components/schemas/ProblemDocument"}
    assert {"field", "message", "line", "col", "hint"} <= set(schemas["ProblemDocument"]["properties"])
    declared = {}
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            statuses = operation["responses"]
            declared[(method, path)] = {s for s in statuses if int(s) >= 400}
            for status in declared[(method, path)] - ({"503"} if path == "/healthz" else set()):  # its own body
                assert statuses[status]["content"]["application/json"]["schema"] == {
                    "$ref": "#/components/schemas/ErrorDocument"}, (method, path, status)
            if path.startswith("/v1/"):
                assert {"401", "403", "422", "500"} <= declared[(method, path)], (method, path)
            if method == "post":
                assert {"400", "413", "415"} <= declared[(method, path)], (method, path)
            if "{" in path:
                assert "404" in declared[(method, path)], (method, path)
    assert {"409", "503"} <= declared[("post", "/v1/applications/{app_id}/approve")]
    assert "503" in declared[("post", "/v1/tasks/check")] and "503" in declared[("get", "/v1/log/export")]

    validator = jsonschema.Draft202012Validator({"$ref": "#/components/schemas/ErrorDocument",
                                                 "components": spec["components"]})
    expected = {"invalid": 422, "unknown query": 422, "forbidden": 403, "unauthorized": 401, "not found": 404,
                "not json": 400}
    for name, answered in answers.items():
        assert answered.status_code == expected[name], (name, answered.text)
        assert list(validator.iter_errors(answered.json())) == [], (name, answered.text)
    assert answers["invalid"].json()["problems"][0]["field"]
    assert not validator.is_valid({"detail": [{"loc": ["body", "id"], "msg": "x", "type": "missing"}]})
