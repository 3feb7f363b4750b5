"""A client that goes away in the middle of sending its request: the server notes it in one
line and goes on; its log shows no traceback (there is no bug to report)."""

from __future__ import annotations

import socket
import subprocess
import time

import httpx

from appdocs import COMMAND
from servicekit import TASK, bearer, free_port, stop, wait_until_up, write_config


def test_a_client_gone_mid_upload_leaves_no_traceback_and_the_server_answers_on(tmp_path, pack_copy):
    config = tmp_path / "serve.json"
    secrets = write_config(config)
    port = free_port()
    process = subprocess.Popen([*COMMAND, "serve", "--pack", str(pack_copy), "--config", str(config),
                                "--host", "127.0.0.1", "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, process)
        for path, media in (("/v1/tasks/check", "application/json"), ("/v1/tasks/check-batch", "application/x-ndjson")):
            with socket.create_connection(("127.0.0.1", port)) as s:
                s.sendall((f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {media}\r\n"
                           f"Authorization: Bearer {secrets['dispatch']}\r\nContent-Length: 100000\r\n\r\n").encode()
                          + b'{"id": "T-1", "title": ')
                time.sleep(0.3)  # the server is reading the body when the client goes
        time.sleep(0.5)
        answer = httpx.post(f"{base}/v1/tasks/check", json=TASK, headers=bearer(secrets["dispatch"]), timeout=30)
        assert answer.status_code == 200
    finally:
        stop(process)
    log = process.stderr.read()
    assert "Traceback" not in log and "Exception in ASGI application" not in log, log
    assert log.count("went away") == 2, log
