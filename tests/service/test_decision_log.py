"""The service logs every decision before answering it; auditors read the log.

In-process on both backends, and a real ``gridrules serve`` (two workers) killed with
SIGKILL in the middle of requests: every answered decision is in the log, which verifies.
"""

from __future__ import annotations

import json
import os
import signal
import threading
import time

import httpx
import pytest
from fastapi.testclient import TestClient
from logstores import BACKENDS, Forwarder, end_sessions, log_url, through

from gridrules.log import open_log
from gridrules.service.app import create_app
from servicekit import EVENT, TASK, bearer, serve, write_config
from servicekit import stop as stop_server


def test_each_answered_decision_is_logged_with_the_callers_role(logged):
    client, secrets, url = logged
    task = {**TASK, "description": "独居老人孙八，住 7 栋"}
    one = client.post("/v1/tasks/check", json=task, headers=bearer(secrets["department:minzheng"]))
    two = client.post("/v1/events/route", json=EVENT, headers=bearer(secrets["dispatch"]))
    lines = "\n".join(json.dumps({**TASK, "id": f"T-{i}"}) for i in range(600)) + "\n{\"id\": 1}\n"
    many = client.post("/v1/tasks/check-batch", content=lines, headers={**bearer(secrets["dispatch"]),
                                                                        "Content-Type": "application/x-ndjson"})
    assert one.status_code == two.status_code == many.status_code == 200
    answered = [one.json(), two.json()] + [json.loads(x) for x in many.text.splitlines()][:600]
    with open_log(url) as log:
        records = list(log.records())
        assert log.verify() == (602, None)
    assert [json.loads(r.decision) for r in records] == answered
    assert [r.role for r in records[:3]] == ["department:minzheng", "dispatch", "dispatch"]  # who asked, not only its kind
    assert [r.kind for r in records[:3]] == ["task", "event", "task"]
    assert "孙八" not in records[0].input and "description" not in json.loads(records[0].input)


def test_auditors_read_the_head_verify_and_export_others_may_not(logged):
    client, secrets, _url = logged
    client.post("/v1/events/route", json=EVENT, headers=bearer(secrets["dispatch"]))
    auditor = bearer(secrets["auditor"])
    head = client.get("/v1/log/head", headers=auditor).json()
    assert head["seq"] == 1 and len(head["hash"]) == 64
    assert client.get("/v1/log/verify", headers=auditor).json() == {"valid": True, "records": 1, "broken": None}
    exported = [json.loads(x) for x in client.get("/v1/log/export", headers=auditor).text.splitlines()]
    assert [r["hash"] for r in exported] == [head["hash"]]
    assert client.get("/v1/log/head", headers=bearer(secrets["dispatch"])).status_code == 403
    assert client.get("/v1/log/export?since=yesterday", headers=auditor).status_code == 422


def test_an_unencoded_plus_in_the_export_window_is_refused_saying_to_write_it_as_percent_2b(logged):
    """?since=2026-03-02T09:00:00+08:00 written into a URL as it is: the + arrives as a space."""
    client, secrets, _url = logged
    auditor = bearer(secrets["auditor"]) | {"Accept-Language": "zh"}
    for name in ("since", "until", "logged_since"):
        r = client.get(f"/v1/log/export?{name}=2026-03-02T09:00:00+08:00", headers=auditor)
        assert r.status_code == 422
        problem, = r.json()["problems"]
        assert problem["field"] == name
        assert "2026-03-02T09:00:00+08:00" in problem["message"] and "%2B" in problem["message"]
    encoded = client.get("/v1/log/export?since=2026-03-02T09:00:00%2B08:00", headers=auditor)
    assert encoded.status_code == 200


def test_a_date_in_the_export_window_is_read_in_the_served_packs_district_time(tmp_path, pack_copy):
    """A real server: ``?since=2026-10-01`` is 00:00 that day in the pack's district (+08:00, as
    ``gridrules log export --pack`` reads it), so a decision at 03:00 there -- 2026-09-30 19:00 UTC,
    before a UTC midnight -- is in it; ``?until=`` the same day leaves it out; a moment with its
    offset is read as given; a word that is no date is still refused naming its parameter."""
    config = tmp_path / "serve.json"
    secrets = write_config(config)
    process, base = serve(pack_copy, config, "--log", log_url("sqlite", tmp_path))
    try:
        with httpx.Client(base_url=base, timeout=30) as http:
            decided = http.post("/v1/tasks/check", json=TASK, params={"at": "2026-10-01T03:00:00+08:00"},
                                headers=bearer(secrets["dispatch"]))
            assert decided.status_code == 200, decided.text
            auditor = bearer(secrets["auditor"])

            def exported(**window: str) -> list[str]:
                r = http.get("/v1/log/export", params=window, headers=auditor)
                assert r.status_code == 200, r.text
                return [json.loads(line)["at"] for line in r.text.splitlines()]

            assert exported(since="2026-10-01") == ["2026-10-01T03:00:00+08:00"]
            assert exported(since="2026-10-02") == []
            assert exported(until="2026-10-01") == []
            assert exported(since="2026-09-30", until="2026-10-01") == []
            assert exported(since="2026-10-01T00:00:00+00:00") == []  # a full moment: UTC midnight is 08:00 there
            # a date as people write one, as every other command and the pages read it: the same 00:00 there
            assert exported(since="2026年10月1日") == ["2026-10-01T03:00:00+08:00"]
            assert exported(since="2026/10/2") == [] and exported(until="2026年10月1日") == []
            refused = http.get("/v1/log/export", params={"since": "yesterday"}, headers=auditor)
            assert refused.status_code == 422 and refused.json()["problems"][0]["field"] == "since"
    finally:
        stop_server(process)


@pytest.mark.parametrize("backend", BACKENDS)
def test_sigkill_mid_request_loses_no_answered_decision(backend, tmp_path, pack_copy):
    url = log_url(backend, tmp_path)
    config = tmp_path / "serve.json"
    secrets = write_config(config)
    process, base = serve(pack_copy, config, "--log", url, workers=2, own_group=True)
    answered: list[str] = []
    stop = threading.Event()

    def client(n: int) -> None:
        headers = bearer(secrets["dispatch"])
        i = 0
        with httpx.Client(timeout=10) as http:
            while not stop.is_set():
                i += 1
                try:
                    r = http.post(f"{base}/v1/tasks/check", json={**TASK, "id": f"K{n}-{i}"}, headers=headers)
                except httpx.TransportError:
                    continue
                if r.status_code == 200:
                    answered.append(r.json()["task"])

    try:
        threads = [threading.Thread(target=client, args=(n,)) for n in range(6)]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 60
        while len(answered) < 300 and time.monotonic() < deadline:
            time.sleep(0.05)
        os.killpg(process.pid, signal.SIGKILL)  # the supervisor and both workers, mid-request
        process.wait(timeout=10)
        time.sleep(0.5)
        stop.set()
        for thread in threads:
            thread.join(timeout=20)
    finally:
        stop.set()
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
    assert len(answered) >= 300
    with open_log(url) as log:
        count, broken = log.verify()
        logged = {json.loads(r.input)["id"] for r in log.records()}
    assert broken is None and count >= len(answered)
    assert set(answered) <= logged


def _own_postgres_url() -> tuple[str, str]:
    """A fresh schema, and a URL whose sessions carry a name of their own (to be found and ended)."""
    import uuid

    from logstores import postgres_url
    name = "gridrules-test-" + uuid.uuid4().hex[:12]
    return f"{postgres_url()}&application_name={name}", name


def test_a_served_log_on_postgresql_survives_the_server_dropping_its_connection(tmp_path, pack_copy):
    url, name = _own_postgres_url()
    config = tmp_path / "serve.json"
    secrets = write_config(config)
    process, base = serve(pack_copy, config, "--log", url, own_group=True)
    try:
        headers = bearer(secrets["dispatch"])
        with httpx.Client(timeout=10) as http:
            first = http.post(f"{base}/v1/tasks/check", json={**TASK, "id": "P-1"}, headers=headers)
            assert end_sessions(url, name=name) >= 1
            second = http.post(f"{base}/v1/tasks/check", json={**TASK, "id": "P-2"}, headers=headers)
            head = http.get(f"{base}/v1/log/head", headers=bearer(secrets["auditor"]))
        assert first.status_code == second.status_code == head.status_code == 200
        assert head.json()["seq"] == 2
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
    with open_log(url) as log:
        assert log.verify() == (2, None)
        assert [json.loads(r.input)["id"] for r in log.records()] == ["P-1", "P-2"]


def test_a_log_that_cannot_be_written_answers_503_and_decides_nothing(tmp_path, pack_copy):
    url, name = _own_postgres_url()
    secrets = write_config(tmp_path / "serve.json")
    with TestClient(create_app(str(pack_copy), tmp_path / "serve.json", url)) as client:
        store = client.app.state.service.log.store
        store.url = "postgresql://gridrules:gridrules@127.0.0.1:9/none"  # the database is gone: nothing listens
        end_sessions(url, name=name)
        refused = client.post("/v1/tasks/check", json=TASK, headers=bearer(secrets["dispatch"]))
        assert refused.status_code == 503 and refused.json()["error"] == "log_unavailable"
        assert "decision log" in refused.json()["message"] and "verdict" not in refused.text
        store.url = url  # back
        assert client.post("/v1/tasks/check", json=TASK, headers=bearer(secrets["dispatch"])).status_code == 200
    with open_log(url) as log:
        assert log.verify() == (1, None)


def _batch(n: int) -> str:
    return "\n".join(json.dumps({**TASK, "id": f"T-{i}"}) for i in range(n)) + "\n"


NDJSON_HEADERS = {"Content-Type": "application/x-ndjson"}


def test_a_batch_whose_first_chunk_cannot_be_logged_answers_503_as_a_single_request(tmp_path, pack_copy,
                                                                                      monkeypatch):
    """The log held by another writer past the timeout (SQLite's write lock): nothing was sent yet, so the
    whole batch gets the single request's answer, and nothing of it is in the log."""
    import sqlite3

    from gridrules.log.store import LogStore
    monkeypatch.setattr(LogStore, "lock_seconds", 0.5)
    path = tmp_path / "decisions.sqlite"
    secrets = write_config(tmp_path / "serve.json")
    with TestClient(create_app(str(pack_copy), tmp_path / "serve.json", f"sqlite:///{path}")) as client:
        holder = sqlite3.connect(path, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            many = client.post("/v1/tasks/check-batch", content=_batch(3),
                               headers={**bearer(secrets["dispatch"]), **NDJSON_HEADERS})
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        assert many.status_code == 503 and many.json()["error"] == "log_unavailable"
        assert "verdict" not in many.text
    with open_log(f"sqlite:///{path}") as log:
        assert log.verify() == (0, None)


def test_a_later_chunk_that_cannot_be_logged_says_log_unavailable_on_each_of_its_lines(logged, monkeypatch):
    """The status is sent with the first chunk; a later chunk the log refuses is answered line by line
    with ``log_unavailable`` and the retry message -- never a decision, never ``internal_error``."""
    from gridrules.catalogue import t
    from gridrules.errors import LogUnavailable
    from gridrules.service.decide import CHUNK
    client, secrets, url = logged
    store = client.app.state.service.log.store
    appended, real = [], store.append_keyed

    def append(groups):
        if appended:  # the second chunk's commit: the log is gone
            raise LogUnavailable(t("log.unavailable", error="disk full"))
        appended.append(len(groups))
        return real(groups)

    monkeypatch.setattr(store, "append_keyed", append)
    lines = _batch(CHUNK + 2).splitlines()
    lines.insert(CHUNK + 1, '{"id": 1}')  # a bad line in the second chunk keeps its own error
    many = client.post("/v1/tasks/check-batch", content="\n".join(lines) + "\n",
                       headers={**bearer(secrets["dispatch"]), **NDJSON_HEADERS})
    assert many.status_code == 200
    answers = [json.loads(x) for x in many.text.splitlines()]
    assert len(answers) == CHUNK + 3 and all("verdict" in a for a in answers[:CHUNK])
    second = answers[CHUNK:]
    assert [a.get("error") for a in second] == ["log_unavailable", "invalid_input", "log_unavailable"]
    assert [a["line"] for a in second] == [CHUNK + 1, CHUNK + 2, CHUNK + 3]
    assert "disk full" not in second[0]["problems"][0]["message"]  # the cause is the server's to read
    assert second[0]["problems"][0]["message"] == t("http.log_unavailable")
    with open_log(url) as log:
        assert log.verify() == (CHUNK, None)  # the refused chunk's decisions were neither logged nor answered


def test_a_postgresql_log_going_down_is_said_by_healthz_and_a_503_with_retry_after_and_no_address(tmp_path,
                                                                                                   pack_copy):
    """The review's case on a real PostgreSQL and a real server: the database stops answering (the relay
    to it goes down: the port refuses, as a stopped PostgreSQL's does).  /healthz says so with 503 (a load
    balancer's reading), /livez that the process is alive; a decision gets 503 ``log_unavailable`` with
    Retry-After and a message without the database's address, which goes to the server's stderr; the
    startup line names the log without its password.  Back up, the service decides again."""
    from urllib.parse import urlsplit

    from logstores import postgres_url
    url = postgres_url()
    target = urlsplit(url)
    relay = Forwarder(target.hostname or "127.0.0.1", target.port or 5432)
    proxied = through(url, relay.port)
    config = tmp_path / "serve.json"
    secrets = write_config(config)
    process, base = serve(pack_copy, config, "--log", proxied)
    headers = bearer(secrets["dispatch"])
    try:
        started = process.stderr.readline()
        assert f"decision log postgresql://{target.username}@127.0.0.1:{relay.port}/" in started, started
        assert f":{target.password}@" not in started
        with httpx.Client(base_url=base, timeout=60) as http:
            assert http.post("/v1/tasks/check", json={**TASK, "id": "P-1"}, headers=headers).status_code == 200
            assert http.get("/healthz").json()["log"] == "ok"
            relay.stop()
            health = http.get("/healthz")
            assert health.status_code == 503 and health.json()["status"] == "log_unavailable"
            assert health.json()["log"] == "unavailable" and health.headers["Retry-After"].isdigit()
            assert http.head("/healthz").status_code == 503
            assert http.get("/livez").status_code == 200
            refused = http.post("/v1/tasks/check", json={**TASK, "id": "P-2"}, headers=headers)
            assert refused.status_code == 503 and refused.json()["error"] == "log_unavailable"
            assert int(refused.headers["Retry-After"]) > 0
            assert str(relay.port) not in refused.text and "127.0.0.1" not in refused.text
            assert "verdict" not in refused.text
            relay.start()
            deadline = time.monotonic() + 30  # a failed append is believed for a few seconds, then probed
            while http.get("/healthz").status_code != 200:
                assert time.monotonic() < deadline, "healthz did not say the log was back"
                time.sleep(0.5)
            assert http.post("/v1/tasks/check", json={**TASK, "id": "P-3"}, headers=headers).status_code == 200
    finally:
        stop_server(process)
        relay.stop()
    said = process.stderr.read()
    assert str(relay.port) in said  # the cause, with the database's address, is the server's to read
    with open_log(url) as log:
        assert log.verify() == (2, None)
        assert [json.loads(r.input)["id"] for r in log.records()] == ["P-1", "P-3"]


def test_a_postgresql_host_gone_silent_gets_503_within_the_connect_timeout_and_healthz_does_not_wait_behind_it(
        tmp_path, pack_copy):
    """A real server whose PostgreSQL host goes silent (the relay cuts its connections and takes new ones
    without answering, as a host that drops packets): the decision's reconnect gives up after the connect
    timeout (503 log_unavailable; before, psycopg's 130 s), and /healthz, asked while that append holds
    the log's write lock, answers 503 within its probe's bound instead of waiting behind it.  The host back,
    the service decides again."""
    from urllib.parse import urlsplit

    from logstores import postgres_url

    from gridrules.log import postgres
    from gridrules.log.store import LogStore
    connect_seconds = getattr(postgres, "CONNECT_SECONDS", 5)  # (getattr: so that the old code fails by waiting)
    probe_seconds = getattr(LogStore, "probe_seconds", 2)
    url = postgres_url()
    target = urlsplit(url)
    relay = Forwarder(target.hostname or "127.0.0.1", target.port or 5432)
    config = tmp_path / "serve.json"
    secrets = write_config(config)
    process, base = serve(pack_copy, config, "--log", through(url, relay.port))
    headers = bearer(secrets["dispatch"])
    decided: list = []
    try:
        with httpx.Client(base_url=base, timeout=connect_seconds + 15) as http:
            assert http.post("/v1/tasks/check", json={**TASK, "id": "S-1"}, headers=headers).status_code == 200
            relay.silence()

            def decide() -> None:
                began = time.monotonic()
                decided.append(http.post("/v1/tasks/check", json={**TASK, "id": "S-2"}, headers=headers))
                decided.append(time.monotonic() - began)

            deciding = threading.Thread(target=decide, daemon=True)
            deciding.start()
            time.sleep(0.5)  # the append is connecting, holding the log's write lock
            began = time.monotonic()
            health = http.get("/healthz")
            assert time.monotonic() - began < probe_seconds + 2
            assert health.status_code == 503 and health.json()["log"] == "unavailable"
            deciding.join(connect_seconds + 20)
            refused, took = decided
            assert refused.status_code == 503 and refused.json()["error"] == "log_unavailable"
            assert took < connect_seconds + 3
            relay.resume()
            deadline = time.monotonic() + 30
            while http.get("/healthz").status_code != 200:
                assert time.monotonic() < deadline, "healthz did not say the log was back"
                time.sleep(0.5)
            assert http.post("/v1/tasks/check", json={**TASK, "id": "S-3"}, headers=headers).status_code == 200
    finally:
        stop_server(process)
        relay.stop()
    with open_log(url) as log:
        assert log.verify() == (2, None)
        assert [json.loads(r.input)["id"] for r in log.records()] == ["S-1", "S-3"]


def test_a_sqlite_log_held_by_another_writer_is_said_by_healthz_until_it_is_free(tmp_path, pack_copy, monkeypatch):
    """SQLite (real, in process): the log's write lock held past the timeout by another writer.  /healthz
    answers 503 from its probe, a decision 503 with Retry-After; the lock released, both answer again."""
    import sqlite3

    from gridrules.log import group
    from gridrules.log.store import LogStore
    monkeypatch.setattr(LogStore, "lock_seconds", 0.5)
    monkeypatch.setattr(group, "FAILURE_HELD_SECONDS", 0.0, raising=False)  # each health check probes
    path = tmp_path / "decisions.sqlite"
    secrets = write_config(tmp_path / "serve.json")
    with TestClient(create_app(str(pack_copy), tmp_path / "serve.json", f"sqlite:///{path}")) as client:
        assert client.get("/healthz").status_code == 200
        holder = sqlite3.connect(path, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            health = client.get("/healthz")
            refused = client.post("/v1/tasks/check", json=TASK, headers=bearer(secrets["dispatch"]))
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        assert health.status_code == 503 and health.json()["log"] == "unavailable"
        assert refused.status_code == 503 and refused.headers["Retry-After"].isdigit()
        assert str(path) not in refused.text
        assert client.get("/healthz").json() | {"digest": None, "worker": None} == {
            "status": "ok", "log": "ok", "config": "ok", "config_refused_since": None, "digest": None, "worker": None,
            "pack_problem": None}
        assert client.post("/v1/tasks/check", json=TASK, headers=bearer(secrets["dispatch"])).status_code == 200
    with open_log(f"sqlite:///{path}") as log:
        assert log.verify() == (1, None)


def test_each_record_names_the_asking_tokens_id_and_a_revoked_token_stays_listed_and_is_refused(
        tmp_path, pack_copy, capsys):
    """The review's case on a real server: two dispatch tokens (an old one and its replacement) are told
    apart in the log by their ids, as ``token list`` shows them (never the token); revoking the old one
    keeps it listed, revoked, with the moment, and the running service refuses it at once."""
    from gridrules.cli.main import main
    from gridrules.service.config import load_config

    config = tmp_path / "serve.json"
    secrets = write_config(config)
    old_id = next(r.id for r in load_config(config).tokens if r.role == "dispatch")
    capsys.readouterr()
    assert main(["token", "issue", "--role", "dispatch", "--config", str(config)]) == 0
    new_secret = capsys.readouterr().out.strip()
    new_id = next(r.id for r in load_config(config).tokens if r.role == "dispatch" and r.id != old_id)
    process, base = serve(pack_copy, config, "--log", f"sqlite:///{tmp_path / 'decisions.sqlite'}")
    try:
        with httpx.Client(base_url=base, timeout=60) as http:
            for tag, secret in (("OLD", secrets["dispatch"]), ("NEW", new_secret)):
                assert http.post("/v1/tasks/check", json={**TASK, "id": tag}, headers=bearer(secret)).status_code == 200
            assert main(["token", "revoke", old_id, "--config", str(config)]) == 0
            refused = http.post("/v1/tasks/check", json={**TASK, "id": "AFTER"}, headers=bearer(secrets["dispatch"]))
            assert refused.status_code == 401
            exported = [json.loads(x) for x in
                        http.get("/v1/log/export", headers=bearer(secrets["auditor"])).text.splitlines()]
    finally:
        stop_server(process)
    assert [(r["input"]["id"], r["role"], r["token"]) for r in exported] == [("OLD", "dispatch", old_id),
                                                                            ("NEW", "dispatch", new_id)]
    assert secrets["dispatch"] not in json.dumps(exported) and new_secret not in json.dumps(exported)
    capsys.readouterr()
    assert main(["token", "list", "--config", str(config), "--format", "json"]) == 0
    listed = {t["id"]: t for t in json.loads(capsys.readouterr().out)}
    assert listed[old_id]["revoked_at"] is not None and listed[new_id]["revoked_at"] is None
    assert main(["token", "list", "--config", str(config)]) == 0
    table = capsys.readouterr().out
    assert old_id in table and listed[old_id]["revoked_at"] in table


def test_an_export_with_the_logs_postgresql_down_is_a_503_and_one_cut_mid_stream_ends_with_a_stopped_line(
        tmp_path, pack_copy):
    """The review's case on a real server and a real PostgreSQL (reached through a relay the test takes
    down: the port refuses, as a stopped PostgreSQL's does).  Down before the export: 503
    ``log_unavailable`` with Retry-After, as a decision's (before, 200 and a stream cut with a traceback),
    and a read's message that fits a read (``/v1/log/head`` too); down part way, once the status is sent:
    the stream ends with one ``stopped`` line in the catalogue's words, naming the last seq sent, and no
    traceback on the server's stderr."""
    from urllib.parse import urlsplit

    from logstores import postgres_url

    from gridrules.catalogue import t
    from gridrules.log.records import Entry
    url = postgres_url()
    many = 20_000  # far more than one fetch of the server's cursor (2,000) and than the sockets' buffers hold
    padding = "x" * 1000
    with open_log(url) as log:
        log.append([Entry("task", "2026-03-02T09:00:00+08:00", "dispatch", "sha256:" + "a" * 64,
                          {"id": f"T{n}", "note": padding}, {"task": f"T{n}"}) for n in range(many)])
    target = urlsplit(url)
    relay = Forwarder(target.hostname or "127.0.0.1", target.port or 5432)
    config = tmp_path / "serve.json"
    secrets = write_config(config)
    process, base = serve(pack_copy, config, "--log", through(url, relay.port))
    auditor = bearer(secrets["auditor"])
    try:
        with httpx.Client(base_url=base, timeout=60) as http:
            with http.stream("GET", "/v1/log/export", headers=auditor) as streamed:
                assert streamed.status_code == 200
                lines = streamed.iter_lines()
                first = json.loads(next(lines))
                relay.stop()
                rest = [json.loads(line) for line in lines if line]
            assert first["seq"] == 1
            *records, last = rest
            assert len(records) + 1 < many and all("seq" in r and "stopped" not in r for r in records)
            sent = records[-1]["seq"] if records else first["seq"]
            assert last == {"stopped": True, "error": "log_unavailable", "after_seq": sent,
                            "message": t("log.export_stopped", seq=sent)}
            for path in ("/v1/log/export", "/v1/log/head"):
                down = http.get(path, headers=auditor)
                assert down.status_code == 503 and down.json()["error"] == "log_unavailable", (path, down.text)
                assert int(down.headers["Retry-After"]) > 0
                assert down.json()["message"] == t("http.log_unreadable")  # not "this decision was not logged"
    finally:
        stop_server(process)
        relay.stop()
    said = process.stderr.read()
    assert "Traceback" not in said and f"after seq {sent}" in said


def test_serve_with_its_postgresql_log_unreachable_at_startup_says_so_not_bad_input(tmp_path, pack_copy):
    """A PostgreSQL log nothing answers for (a port with nothing listening): ``gridrules serve`` does not
    start, exit 2, saying the log's database does not answer -- not "invalid input"; a server that answers
    and refuses (no such database) is still the URL's mistake, named ``log``."""
    import subprocess

    from appdocs import COMMAND
    from logstores import postgres_base
    from servicekit import free_port

    from gridrules.catalogue import t as said_as
    config = tmp_path / "serve.json"
    write_config(config)
    nothing = f"postgresql://gridrules:secret@127.0.0.1:{free_port()}/gridrules"

    def start(url: str) -> subprocess.CompletedProcess:
        return subprocess.run([*COMMAND, "serve", "--pack", str(pack_copy), "--config", str(config), "--log", url,
                               "--port", str(free_port())], capture_output=True, text=True, timeout=60)

    down = start(nothing)
    assert down.returncode == 2 and "invalid input" not in down.stderr, down.stderr
    assert down.stderr.startswith("gridrules: " + said_as("serve.log_unreachable", why="")), down.stderr
    assert "Connection refused" in down.stderr
    assert "secret" not in down.stderr  # the password is never shown
    from urllib.parse import urlsplit, urlunsplit
    parts = urlsplit(postgres_base())
    wrong = start(urlunsplit(parts._replace(path="/no_such_database_here")))
    assert wrong.returncode == 2 and "invalid input" in wrong.stderr and "log" in wrong.stderr, wrong.stderr
