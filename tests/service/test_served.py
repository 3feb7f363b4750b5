"""A real ``gridrules serve`` with two worker processes on 127.0.0.1, talked to over HTTP."""

from __future__ import annotations

import json
import os
import time

import httpx
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
