"""A client that goes away in the middle of sending its request: the server notes it in one
line and goes on; its log shows no traceback (there is no bug to report).  A body the server
refuses as too large while it arrives is no client going away: the server answered it."""

from __future__ import annotations

import socket
import time
from contextlib import contextmanager
from typing import Iterator

import httpx

from servicekit import TASK, bearer, serve, stop, write_config

LIMIT = 2048  # max_body_bytes of the server here: small, so that a body just over it is quick to send


@contextmanager
def serving(tmp_path, pack_copy) -> Iterator[tuple[int, dict[str, str], list[str]]]:
    """A real ``gridrules serve`` (port, tokens); its log (stderr) is in the list once it has stopped."""
    config = tmp_path / "serve.json"
    secrets = write_config(config, limits={"max_body_bytes": LIMIT})
    process, base = serve(pack_copy, config)
    log: list[str] = []
    try:
        yield int(base.rsplit(":", 1)[1]), secrets, log
    finally:
        stop(process)
        log.append(process.stderr.read() if process.stderr else "")


def test_a_client_gone_mid_upload_leaves_no_traceback_and_the_server_answers_on(tmp_path, pack_copy):
    with serving(tmp_path, pack_copy) as (port, secrets, log):
        for path, media in (("/v1/tasks/check", "application/json"), ("/v1/tasks/check-batch", "application/x-ndjson")):
            with socket.create_connection(("127.0.0.1", port)) as s:
                s.sendall((f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {media}\r\n"
                           f"Authorization: Bearer {secrets['dispatch']}\r\nContent-Length: {LIMIT}\r\n\r\n").encode()
                          + b'{"id": "T-1", "title": ')
                time.sleep(0.3)  # the server is reading the body when the client goes
        time.sleep(0.5)
        answer = httpx.post(f"http://127.0.0.1:{port}/v1/tasks/check", json=TASK, headers=bearer(secrets["dispatch"]),
                            timeout=30)
        assert answer.status_code == 200
    (text,) = log
    assert "Traceback" not in text and "Exception in ASGI application" not in text, text
    assert text.count("went away") == 2, text


def test_a_chunked_body_over_the_limit_is_refused_and_logged_as_no_disconnect(tmp_path, pack_copy):
    """No Content-Length to refuse it by: the body is counted as it arrives, and answered 413 once
    it passes the limit -- which the server did, so its log says no client went away, and no traceback."""
    def chunks() -> Iterator[bytes]:
        yield b'{"id": "T-1", "title": "'
        for _ in range(LIMIT // 256 + 1):
            yield b"x" * 256
        yield b'"}'

    with serving(tmp_path, pack_copy) as (port, secrets, log):
        base = f"http://127.0.0.1:{port}"
        for path, role in (("/v1/tasks/check", "dispatch"), ("/v1/tasks/check-batch", "dispatch"),
                           ("/v1/items/L01/withdraw", "secretariat")):  # the last: a body FastAPI parses
            media = "application/x-ndjson" if path.endswith("batch") else "application/json"
            r = httpx.post(base + path, content=chunks(), timeout=30,
                           headers=bearer(secrets[role]) | {"Content-Type": media})
            assert r.status_code == 413 and r.json()["error"] == "too_large", (path, r.text)
            assert "content-length" not in {k.lower() for k in r.request.headers}  # chunked, as it was meant
        assert httpx.post(base + "/v1/tasks/check", json=TASK, headers=bearer(secrets["dispatch"]),
                          timeout=30).status_code == 200
    (text,) = log
    assert "Traceback" not in text and "Exception in ASGI application" not in text, text
    assert "went away" not in text and "unexpected error" not in text, text
