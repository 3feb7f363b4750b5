"""The Idempotency-Key header: a dispatch system's retry is answered its first answer and logged once.

In process on both backends, and a real ``gridrules serve`` with two workers, restarted between a
request and its retry.
"""

from __future__ import annotations

import json
import threading

import httpx
import pytest
from fastapi.testclient import TestClient
from logstores import BACKENDS, log_url

from gridrules.catalogue import t
from gridrules.log import open_log
from gridrules.service.app import create_app
from gridrules.service.decide import CHUNK
from servicekit import EVENT, TASK, bearer, serve, stop, write_config

NDJSON = {"Content-Type": "application/x-ndjson"}


def records(url: str) -> list[dict]:
    with open_log(url) as log:
        assert log.verify()[1] is None
        return [r.as_dict() for r in log.records()]


def with_key(secret: str, key: str) -> dict[str, str]:
    return {**bearer(secret), "Idempotency-Key": key}


def test_a_retry_with_the_same_key_is_answered_the_first_answer_and_logged_once(logged):
    client, secrets, url = logged
    headers = with_key(secrets["dispatch"], "5f0c7a8e-retry-1")
    # no ?at=: the task is decided as of the moment it is received, so a second decision would differ
    first = client.post("/v1/tasks/check", json=TASK, headers=headers)
    again = client.post("/v1/tasks/check", json=TASK, headers=headers)
    event = client.post("/v1/events/route", json=EVENT, headers=with_key(secrets["dispatch"], "ev-1"))
    event_again = client.post("/v1/events/route", json=EVENT, headers=with_key(secrets["dispatch"], "ev-1"))
    assert first.status_code == again.status_code == event.status_code == event_again.status_code == 200
    assert again.content == first.content and event_again.content == event.content
    assert again.headers["Idempotent-Replayed"] == "true" and "Idempotent-Replayed" not in first.headers
    assert again.headers["X-Gridrules-Pack-Digest"] == first.headers["X-Gridrules-Pack-Digest"]
    assert [r["input"]["id"] for r in records(url)] == [TASK["id"], EVENT["id"]]


def test_without_a_key_each_request_is_logged_as_before(logged):
    client, secrets, url = logged
    for _ in range(2):
        assert client.post("/v1/events/route", json=EVENT, headers=bearer(secrets["dispatch"])).status_code == 200
    assert len(records(url)) == 2


def test_the_same_key_with_another_request_is_a_conflict_naming_the_key(logged):
    client, secrets, url = logged
    headers = with_key(secrets["dispatch"], "k-7")
    assert client.post("/v1/tasks/check", json=TASK, headers=headers).status_code == 200
    for other in (dict(json={**TASK, "hours_per_month": 4}),  # another body
                  dict(json=TASK, params={"at": "2026-12-01"}),  # another moment
                  dict(url="/v1/events/route", json=EVENT)):  # another endpoint
        refused = client.post(other.pop("url", "/v1/tasks/check"), headers={**headers, "Accept-Language": "zh"},
                              **other)
        assert refused.status_code == 409, refused.text
        body = refused.json()
        assert body["error"] == "conflict" and body["written"] is False
        assert "幂等键" in body["message"] and "「k-7」" in body["message"]
        assert [p["field"] for p in body["problems"]] == ["Idempotency-Key"]
    # the body as JSON holds it: its keys in another order are the same request
    reordered = dict(reversed(list(TASK.items())))
    assert client.post("/v1/tasks/check", json=reordered, headers=headers).status_code == 200
    assert len(records(url)) == 1


def test_keys_are_each_tokens_own(logged):
    client, secrets, url = logged
    one = client.post("/v1/tasks/check", json=TASK, headers=with_key(secrets["dispatch"], "shared"))
    two = client.post("/v1/tasks/check", json=TASK, headers=with_key(secrets["department:minzheng"], "shared"))
    assert one.status_code == two.status_code == 200 and "Idempotent-Replayed" not in two.headers
    assert [r["role"] for r in records(url)] == ["dispatch", "department:minzheng"]


@pytest.mark.parametrize("key", ["", "   ", "有中文", "a b", 'a"b', "a\\b", "x" * 256])
def test_a_key_that_is_not_1_to_255_visible_ascii_characters_is_refused_naming_the_header(served, key):
    client, as_ = served
    sent = key.encode("utf-8")  # a header's bytes, as a client sends UTF-8
    answer = client.post("/v1/tasks/check", json=TASK, headers={**as_("dispatch"), "Idempotency-Key": sent,
                                                                "Accept-Language": "zh"})
    assert answer.status_code == 422, answer.text
    problem, = answer.json()["problems"]
    assert problem["field"] == "Idempotency-Key" and "幂等键" in problem["message"] and "255" in problem["message"]


@pytest.mark.parametrize("key", ["a", "x" * 255, "0f8fad5b-d9cb-469f-a165-70867728950e", '"quoted-as-the-draft-says"',
                                 "a:b/c+d=e_f.g~h"])
def test_a_key_of_visible_ascii_is_taken(served, key):
    client, as_ = served
    answer = client.post("/v1/tasks/check", json=TASK, headers={**as_("dispatch"), "Idempotency-Key": key})
    assert answer.status_code == 200, answer.text


def test_a_refused_request_keeps_no_key(logged):
    """A request answered with an error logs nothing, so its key is free: the corrected request is decided."""
    client, secrets, url = logged
    headers = with_key(secrets["dispatch"], "fix-me")
    bad = client.post("/v1/tasks/check", json={**TASK, "activities": ["no-such-activity"]}, headers=headers)
    assert bad.status_code == 422
    assert client.post("/v1/tasks/check", json=TASK, headers=headers).status_code == 200
    assert len(records(url)) == 1


def _batch(n: int) -> str:
    return "\n".join(json.dumps({**TASK, "id": f"T-{i}"}) for i in range(n)) + '\n{"id": 1}\n'


def test_a_batch_sent_again_is_answered_as_the_first_time_and_logged_once(logged):
    client, secrets, url = logged
    headers = {**with_key(secrets["dispatch"], "batch-1"), **NDJSON}
    lines = _batch(CHUNK + 3)
    first = client.post("/v1/tasks/check-batch", content=lines, headers=headers)
    again = client.post("/v1/tasks/check-batch", content=lines, headers=headers)
    assert first.status_code == again.status_code == 200
    assert again.text == first.text and len(first.text.splitlines()) == CHUNK + 4
    assert len(records(url)) == CHUNK + 3
    other = client.post("/v1/tasks/check-batch", content=_batch(2), headers=headers)
    assert other.status_code == 409 and other.json()["problems"][0]["field"] == "Idempotency-Key"


def test_a_batch_cut_short_by_the_log_is_completed_by_its_retry(logged, monkeypatch):
    """A later chunk the log refused was answered ``log_unavailable``: sent again under its key, the chunk
    logged the first time is answered as it was, and only the refused one is decided and logged."""
    from gridrules.errors import LogUnavailable
    client, secrets, url = logged
    store = client.app.state.service.log.store
    real, calls = store.append_keyed, []

    def append(groups):
        calls.append(len(groups))
        if len(calls) == 2:  # the second chunk's commit, the first time
            raise LogUnavailable(t("log.unavailable", error="disk full"))
        return real(groups)

    monkeypatch.setattr(store, "append_keyed", append)
    headers = {**with_key(secrets["dispatch"], "batch-2"), **NDJSON}
    lines = _batch(CHUNK + 3)
    first = [json.loads(x) for x in client.post("/v1/tasks/check-batch", content=lines, headers=headers).text.splitlines()]
    assert [a.get("error") for a in first[CHUNK:]] == ["log_unavailable"] * 3 + ["invalid_input"]
    again = [json.loads(x) for x in client.post("/v1/tasks/check-batch", content=lines, headers=headers).text.splitlines()]
    assert again[:CHUNK] == first[:CHUNK]
    assert all("verdict" in a for a in again[CHUNK:CHUNK + 3]) and again[-1]["error"] == "invalid_input"
    assert sorted(r["input"]["id"] for r in records(url)) == sorted(f"T-{i}" for i in range(CHUNK + 3))


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_retry_to_another_worker_after_a_restart_is_answered_the_first_answer(backend, tmp_path, pack_copy):
    """Two worker processes, the service restarted between a request and its retries, and the retries
    sent at once over new connections (so to both workers): one record, one answer."""
    url = log_url(backend, tmp_path)
    config = tmp_path / "serve.json"
    secrets = write_config(config)
    headers = with_key(secrets["dispatch"], "after-restart")
    process, base = serve(pack_copy, config, "--log", url, workers=2)
    try:
        first = httpx.post(f"{base}/v1/tasks/check", json=TASK, headers=headers, timeout=30)
    finally:
        stop(process)
    assert first.status_code == 200
    process, base = serve(pack_copy, config, "--log", url, workers=2)
    answers: list[httpx.Response] = []
    try:
        def retry() -> None:
            answers.append(httpx.post(f"{base}/v1/tasks/check", json=TASK, headers=headers, timeout=30))

        threads = [threading.Thread(target=retry) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        fresh = httpx.post(f"{base}/v1/tasks/check", json=TASK, headers=with_key(secrets["dispatch"], "new"),
                           timeout=30)
    finally:
        stop(process)
    assert [a.status_code for a in answers] == [200] * 8 and fresh.status_code == 200
    assert {a.content for a in answers} == {first.content}
    assert [r["input"]["id"] for r in records(url)] == [TASK["id"], TASK["id"]]  # the first, and the new key's


def test_the_documented_retry_example_runs_as_written(logged):
    """docs/dispatchers.md's curl line under 超时重发 (``$T``: a dispatch token, ``task.json``: the example
    task), sent twice as a client retries: the first answer twice, one record."""
    import pathlib
    import re
    import shlex
    client, secrets, url = logged
    doc = (pathlib.Path(__file__).resolve().parents[2] / "docs" / "dispatchers.md").read_text(encoding="utf-8")
    line, = [x for x in re.findall(r"```sh\n(.*?)```", doc, flags=re.S) if "Idempotency-Key" in x]
    args = shlex.split(line.replace("$T", f"Authorization: Bearer {secrets['dispatch']}"))
    headers = dict(h.split(": ", 1) for flag, h in zip(args, args[1:]) if flag == "-H")
    assert args[args.index("--data") + 1] == "@task.json"
    path = "/" + args[-1].split("/", 1)[1]
    answers = [client.post(path, content=json.dumps(TASK), headers=headers) for _ in range(2)]
    assert [a.status_code for a in answers] == [200, 200] and answers[0].content == answers[1].content
    assert answers[1].headers["Idempotent-Replayed"] == "true" and len(records(url)) == 1


def test_the_openapi_document_declares_the_header_on_each_decision_endpoint_and_its_409(served):
    client, _ = served
    doc = client.get("/openapi.json", headers={"Accept-Language": "zh"}).json()
    for path in ("/v1/tasks/check", "/v1/events/route", "/v1/tasks/check-batch", "/v1/events/route-batch"):
        operation = doc["paths"][path]["post"]
        header, = [p for p in operation["parameters"] if p["name"] == "Idempotency-Key"]
        assert header["in"] == "header" and not header.get("required") and "幂等键" in header["description"]
        assert "409" in operation["responses"] and "Idempotency-Key" in operation["responses"]["409"]["description"]


def test_a_front_end_on_another_origin_may_send_the_key_and_read_that_an_answer_was_replayed(tmp_path, pack_copy):
    config = tmp_path / "serve.json"
    secrets = write_config(config, cors_origins=["https://dispatch.example"])
    client = TestClient(create_app(str(pack_copy), config, f"sqlite:///{tmp_path / 'log.sqlite'}"))
    origin = {"Origin": "https://dispatch.example"}
    preflight = client.options("/v1/tasks/check", headers={**origin, "Access-Control-Request-Method": "POST",
                                                           "Access-Control-Request-Headers": "idempotency-key"})
    assert preflight.status_code == 200, preflight.text
    assert "idempotency-key" in preflight.headers["access-control-allow-headers"].lower()
    answer = client.post("/v1/tasks/check", json=TASK, headers={**origin, **with_key(secrets["dispatch"], "cors")})
    assert "idempotent-replayed" in answer.headers["access-control-expose-headers"].lower()


def test_without_a_decision_log_a_key_is_checked_but_not_kept(tmp_path, pack_copy):
    """--log off: nothing is logged, so nothing can be logged twice; the header is still read and checked."""
    config = tmp_path / "serve.json"
    secrets = write_config(config)
    client = TestClient(create_app(str(pack_copy), config, "off"))
    headers = with_key(secrets["dispatch"], "k")
    assert client.post("/v1/tasks/check", json=TASK, headers=headers).status_code == 200
    assert client.post("/v1/tasks/check", json={**TASK, "id": "T-2"}, headers=headers).status_code == 200
    bad = client.post("/v1/tasks/check", json=TASK, headers={**headers, "Idempotency-Key": "a b"})
    assert bad.status_code == 422 and bad.json()["problems"][0]["field"] == "Idempotency-Key"
