"""The access log and the request's id (gridrules/service/access.py).

Before it, ``gridrules serve`` logged nothing of the requests it answered (uvicorn's access log was off
and nothing took its place), and a 500 told the client that the details were in the server's log with
nothing to find them by there."""

from __future__ import annotations

import json
import logging

import httpx
from fastapi.testclient import TestClient

from gridrules.service.access import ACCESS_FIELDS
from gridrules.service.app import create_app
from servicekit import TASK, bearer, serve, stop, write_config


def test_every_answer_names_its_request_and_a_proxys_id_is_kept(tmp_path, pack_copy):
    config = tmp_path / "serve.json"
    secrets = write_config(config)
    client = TestClient(create_app(str(pack_copy), config, "off"))
    mine = client.get("/livez").headers["x-request-id"]
    assert len(mine) == 32 and mine != client.get("/livez").headers["x-request-id"]  # a new one each time
    # nginx's $request_id (32 hex digits), or any plain token, is the request's id: its log and ours agree
    r = client.post("/v1/tasks/check", json=TASK, headers=bearer(secrets["dispatch"]) | {"X-Request-Id": "nginx-42.a_b"})
    assert r.status_code == 200 and r.headers["x-request-id"] == "nginx-42.a_b"
    for odd in ("two words", "x" * 129, "名字".encode(), "a\tb", ""):  # not a plain token: a log line must not be forged by it
        said = client.get("/v1/pack", headers={"X-Request-Id": odd}).headers["x-request-id"]
        assert len(said) == 32 and said not in ("two words", "a\tb")
    assert client.get("/v1/pack").status_code == 401  # a refusal is named too
    assert "x-request-id" in client.get("/v1/pack").headers


def test_a_500_is_found_in_the_servers_log_by_the_id_on_its_answer(tmp_path, pack_copy, caplog, monkeypatch):
    config = tmp_path / "serve.json"
    secrets = write_config(config)
    client = TestClient(create_app(str(pack_copy), config, "off"), raise_server_exceptions=False)
    snap = client.app.state.service.live.current()

    def broken(*_a, **_k):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(snap.checker, "check_task", broken)
    with caplog.at_level(logging.WARNING, logger="gridrules.service"):
        r = client.post("/v1/tasks/check", json=TASK, headers=bearer(secrets["dispatch"]))
    assert r.status_code == 500 and "secret internals" not in r.text
    rid = r.headers["x-request-id"]
    found = [rec for rec in caplog.records if rid in rec.getMessage()]
    assert len(found) == 1 and found[0].exc_info and "secret internals" in str(found[0].exc_info[1])


def test_a_real_service_writes_one_json_line_per_request_on_stderr(tmp_path, pack_copy):
    """What an operator reads (journalctl -u gridrules): one JSON object a line, the fields in their
    order, the id the client was given; never the query (where a date or a name may be) nor a token."""
    config = tmp_path / "serve.json"
    secrets = write_config(config)
    process, base = serve(pack_copy, config, "--log", "off", access_log=True)
    try:
        r = httpx.post(f"{base}/v1/tasks/check", json=TASK, params={"at": "2026-12-01T10:00:00+08:00"},
                       headers=bearer(secrets["dispatch"]) | {"X-Request-Id": "from-nginx-1"}, timeout=30)
        assert r.status_code == 200 and r.headers["x-request-id"] == "from-nginx-1"
        refused = httpx.get(f"{base}/v1/pack", timeout=30)
        assert refused.status_code == 401
    finally:
        stop(process)
    err = process.stderr.read()
    lines = [json.loads(line) for line in err.splitlines() if line.startswith("{")]
    assert all(list(line) == list(ACCESS_FIELDS) for line in lines), err
    decided = next(line for line in lines if line["request_id"] == "from-nginx-1")
    assert (decided["method"], decided["path"], decided["status"], decided["client"]) == (
        "POST", "/v1/tasks/check", 200, "127.0.0.1")
    assert decided["bytes"] == len(r.content) and decided["ms"] > 0
    assert isinstance(decided["worker"], int) and decided["at"].endswith("+00:00")
    assert any(line["request_id"] == refused.headers["x-request-id"] and line["status"] == 401 for line in lines)
    assert secrets["dispatch"] not in err and "2026-12-01T10" not in err


def test_no_access_log_writes_no_line_and_still_names_the_request(tmp_path, pack_copy):
    config = tmp_path / "serve.json"
    write_config(config)
    process, base = serve(pack_copy, config, "--log", "off")  # servicekit's default: --no-access-log
    try:
        assert len(httpx.get(f"{base}/livez", timeout=30).headers["x-request-id"]) == 32
    finally:
        stop(process)
    assert not [line for line in process.stderr.read().splitlines() if line.startswith("{")]
