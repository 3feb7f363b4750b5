"""A real ``gridrules serve`` on 127.0.0.1 at the edges ``test_served_bounds`` left: a parameter sent empty, the
order in which a request's faults are told, a body in the charset its Content-Type declares (GBK from a
dispatch system on a Chinese office machine), an address far too long, and headers a client sends twice.
Loopback only; one server for the module."""

from __future__ import annotations

import json
import re
import socket
from urllib.parse import urlsplit

import httpx
import pytest

from appdocs import CANLIAN
from conftest import write_pack_copy
from gridrules.service.answers import MOST_TARGET, NDJSON
from servicekit import EVENT, TASK, bearer, serve, stop, write_config

CHINESE = re.compile(r"[\u4e00-\u9fff]")
ZH = {"Accept-Language": "zh-CN"}
# the contract's example task as a dispatch system on a Chinese Windows machine writes it: its title and its
# issuing department (by name: 区民政局 is minzheng, as the rule pack names it) in Chinese
CHINESE_TASK = TASK | {"title": "独居老人走访摸排（春节前）", "department": "区民政局"}


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """A real server on a copy of the bundled pack (its SQLite log beside it) holding one waiting
    application: a client on its base URL, and the header of a token of each role."""
    root = tmp_path_factory.mktemp("edges")
    pack, config = write_pack_copy(root / "pack"), root / "serve.json"
    secrets = write_config(config)
    process, base = serve(pack, config)
    try:
        with httpx.Client(base_url=base, timeout=30) as client:
            assert client.post("/v1/applications", json=CANLIAN,
                               headers=bearer(secrets["department:canlian"])).status_code == 201
            yield client, (lambda role: bearer(secrets[role]) | ZH)
    finally:
        stop(process)


def refused(r: httpx.Response, status: int, error: str, field: str) -> list[dict]:
    """The service's error document, with ``status`` and ``error``, its problems naming ``field``, in Chinese."""
    assert r.status_code == status and r.headers["content-type"].startswith("application/json"), (r.status_code, r.text)
    body = r.json()
    assert body["error"] == error and CHINESE.search(body["message"]), body
    assert body["problems"] and field in {p["field"] for p in body["problems"]}, body
    assert all(CHINESE.search(p["message"]) for p in body["problems"]), body
    return body["problems"]


def role_for(path: str) -> str:
    return "secretariat" if path.startswith("/v1/applications") else "auditor"


def good_body(path: str) -> dict:
    """A body the deciding endpoint at ``path`` reads (none for the others)."""
    document = EVENT if "/events/" in path else TASK
    if path.endswith("-batch"):
        return {"content": json.dumps(document).encode(), "headers": {"Content-Type": NDJSON}}
    return {"json": document} if path.startswith(("/v1/tasks", "/v1/events")) else {}


def test_an_empty_or_blank_parameter_is_named_on_every_endpoint(served):
    client, as_ = served
    operations = client.get("/openapi.json").json()["paths"]
    asked = 0
    for path, methods in operations.items():
        for method, operation in methods.items():
            names = [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"]
            url = path.replace("{app_id}", CANLIAN["id"])
            role = "dispatch" if method == "post" else role_for(path)
            for name in names:
                for value in ("", "%20", "%E3%80%80"):  # nothing, a space, a full-width space
                    body = good_body(path)
                    headers = as_(role) | body.pop("headers", {})
                    r = client.request(method, f"{url}?{name}={value}", headers=headers, **body)
                    problems = refused(r, 422, "invalid_input", name)
                    assert len(problems) == 1 and f"「{name}」" in problems[0]["message"], (path, name, problems)
                    asked += 1
    assert asked >= 3 * 20  # every query parameter of every operation (/v1/history's target among them)


def test_history_of_an_empty_target_is_a_bad_parameter_not_a_missing_item(served):
    client, as_ = served
    refused(client.get("/v1/history?target=", headers=as_("auditor")), 422, "invalid_input", "target")
    # a target that names nothing is still 404, naming the parameter
    r = client.get("/v1/history?target=L999", headers=as_("auditor"))
    assert r.status_code == 404 and r.json()["problems"][0]["field"] == "target"


def test_a_review_checks_its_parameters_before_looking_the_application_up(served):
    client, as_ = served
    for app_id in ("NO-SUCH-APP", CANLIAN["id"]):
        r = client.get(f"/v1/applications/{app_id}/review?at=2026-02-30", headers=as_("secretariat"))
        refused(r, 422, "invalid_input", "at")
    # its parameters good: what the path names, then whose it is
    assert client.get("/v1/applications/NO-SUCH-APP/review?at=2027-03-01",
                      headers=as_("secretariat")).status_code == 404
    assert client.get(f"/v1/applications/{CANLIAN['id']}/review?at=2027-03-01",
                      headers=as_("department:minzheng")).status_code == 403


@pytest.mark.parametrize("method, path, role", [
    ("post", "/v1/applications/NO-SUCH-APP/approve", "secretariat"),
    ("post", "/v1/applications/NO-SUCH-APP/reject", "secretariat"),
    ("put", "/v1/applications/NO-SUCH-APP", "department:canlian"),
    ("post", "/v1/items/L999/amend", "secretariat"),
    ("post", "/v1/items/L999/withdraw", "secretariat"),
    ("post", "/v1/temporary/NO-SUCH-REF/withdraw", "secretariat"),
])
def test_an_id_that_names_nothing_is_told_after_the_bad_body(served, method, path, role):
    client, as_ = served
    refused(client.request(method, path, headers=as_(role), json={"sesion": "2026-6"}), 422, "invalid_input", "sesion")


def test_a_decision_not_the_callers_is_refused_before_its_query_is_judged(served):
    """Token, role, scope, then parameters (the README's order): a department's token sending another
    department's task is told so (403), not about its misspelt ?date=, an empty ?at= or a bad Idempotency-Key."""
    client, as_ = served
    for query in ("date=2026-12-01", "at=", "at=1&at=2"):
        r = client.post(f"/v1/tasks/check?{query}", headers=as_("department:canlian"), json=TASK)
        assert r.status_code == 403 and r.json()["error"] == "forbidden", (query, r.text)
    for key in ([("Idempotency-Key", "a key")], [("Idempotency-Key", "k-1"), ("Idempotency-Key", "k-2")]):
        headers = [*as_("department:canlian").items(), *key]
        r = client.post("/v1/tasks/check", headers=headers, json=TASK)
        assert r.status_code == 403 and r.json()["error"] == "forbidden", (key, r.text)
    refused(client.post("/v1/tasks/check?date=2026-12-01", headers=as_("department:minzheng"), json=TASK),
            422, "invalid_input", "date")


def test_a_gbk_body_is_read_in_the_charset_it_declares(served):
    """The same task sent in UTF-8 and then in GBK under one Idempotency-Key: the second is the first's
    answer again, so it was read as the very same task -- its Chinese title included, to the character."""
    client, as_ = served
    key = {"Idempotency-Key": "edges-gbk-1"}
    first = client.post("/v1/tasks/check", headers=as_("dispatch") | key | {"Content-Type": "application/json"},
                        content=json.dumps(CHINESE_TASK, ensure_ascii=False).encode("utf-8"))
    assert first.status_code == 200 and first.json()["verdict"] == "admitted", first.text
    for charset in ("gbk", "GB18030", '"gb2312"'):
        r = client.post("/v1/tasks/check", content=json.dumps(CHINESE_TASK, ensure_ascii=False).encode("gbk"),
                        headers=as_("dispatch") | key | {"Content-Type": f"application/json; charset={charset}"})
        assert r.status_code == 200 and r.headers.get("Idempotent-Replayed") == "true", (charset, r.text)
        assert r.json() == first.json()
    # one character more in the title: another request under the key (it was not read as garbage alike)
    other = CHINESE_TASK | {"title": CHINESE_TASK["title"] + "。"}
    r = client.post("/v1/tasks/check", content=json.dumps(other, ensure_ascii=False).encode("gbk"),
                    headers=as_("dispatch") | key | {"Content-Type": "application/json; charset=gbk"})
    refused(r, 409, "conflict", "Idempotency-Key")


def test_a_batch_is_read_in_its_declared_charset_too(served):
    client, as_ = served
    lines = [json.dumps(CHINESE_TASK | {"id": f"T-GBK-{n}"}, ensure_ascii=False) for n in (1, 2)]
    for charset in ("gb18030", "utf-16"):
        r = client.post("/v1/tasks/check-batch", content="\n".join(lines).encode(charset),
                        headers=as_("dispatch") | {"Content-Type": f"application/x-ndjson; charset={charset}"})
        answers = [json.loads(line) for line in r.text.splitlines()]
        assert r.status_code == 200 and [a.get("task") for a in answers] == ["T-GBK-1", "T-GBK-2"], r.text
        assert all(a["verdict"] == "admitted" for a in answers), r.text


def test_a_body_not_in_its_declared_charset_is_told_so(served):
    client, as_ = served
    r = client.post("/v1/tasks/check", content=b'{"id": "T-1", "title": "\x80\xff"}',
                    headers=as_("dispatch") | {"Content-Type": "application/json; charset=gbk"})
    problems = refused(r, 400, "not_utf8", "body")
    assert "gbk" in problems[0]["message"] and problems[0]["col"] == 25  # the byte \x80, after 24 of ASCII


@pytest.mark.parametrize("charset", ["klingon", "base64", "rot13", ""])
def test_an_unknown_charset_is_refused_naming_it(served, charset):
    """Before the token is looked at, as a body of another media type is (415): never read as UTF-8."""
    client, as_ = served
    for headers in (as_("dispatch"), ZH):
        r = client.post("/v1/tasks/check", content=json.dumps(TASK).encode(),
                        headers=headers | {"Content-Type": f"application/json; charset={charset}"})
        problems = refused(r, 415, "unsupported_media_type", "Content-Type")
        assert f"「{charset}」" in problems[0]["message"]


def raw_request(base: str, target: bytes) -> tuple[int, bytes, bytes]:
    """A GET of ``target`` sent as bytes (httpx refuses a URL over 64 KB): its status, headers and body."""
    host = urlsplit(base)
    with socket.create_connection((host.hostname, host.port), timeout=30) as sock:
        sock.sendall(b"GET " + target + b" HTTP/1.1\r\nHost: x\r\nAccept-Language: zh-CN\r\nConnection: close\r\n\r\n")
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split(b" ")[1]), head, body


def test_an_over_long_address_gets_the_services_error_document(served):
    client, _ = served
    for size in (MOST_TARGET + 1, 300_000):
        status, head, body = raw_request(str(client.base_url), b"/v1/history?target=" + b"x" * size)
        assert status == 414 and b"application/json" in head.lower(), (status, head)
        document = json.loads(body)
        assert document["error"] == "uri_too_long" and CHINESE.search(document["message"])
        assert [p["field"] for p in document["problems"]] == ["query"]
    # just within: the endpoint judges it (a target that names nothing)
    status, _, body = raw_request(str(client.base_url), b"/v1/history?target=" + b"x" * (MOST_TARGET - 100))
    assert status == 401


def test_headers_sent_twice_or_empty(served):
    client, as_ = served
    token = as_("dispatch")["Authorization"]
    twice = [("Authorization", token), ("Idempotency-Key", "k-1"), ("Idempotency-Key", "k-2"), *ZH.items()]
    refused(client.post("/v1/tasks/check", json=TASK, headers=twice), 422, "invalid_input", "Idempotency-Key")
    empty = [("Authorization", token), ("Idempotency-Key", ""), *ZH.items()]
    refused(client.post("/v1/tasks/check", json=TASK, headers=empty), 422, "invalid_input", "Idempotency-Key")
    # two tokens (a proxy's and the client's, say): which one speaks for the request would be a guess
    for other in ("auditor", "dispatch"):
        tokens = [("Authorization", token), ("Authorization", as_(other)["Authorization"]), *ZH.items()]
        r = client.post("/v1/tasks/check", json=TASK, headers=tokens)
        assert r.status_code == 401 and "Authorization" in r.json()["message"], r.text
    for header in ("", "Bearer"):
        r = client.post("/v1/tasks/check", json=TASK, headers={"Authorization": header} | ZH)
        assert r.status_code == 401 and r.json()["error"] == "unauthorized", (header, r.text)


@pytest.mark.parametrize("name", ["--", "--within", "--x-y", "-"])
def test_a_parameter_named_as_an_option_is_named_as_sent(served, name):
    """A query parameter the endpoint does not read, whose name looks like a command-line option: named as the
    request gave it (it was answered with ``field`` null for ``--``, and ``within`` for ``--within``)."""
    client, as_ = served
    for path in ("/v1/log/verify", "/v1/expiring"):
        refused(client.get(f"{path}?{name}=1", headers=as_("auditor")), 422, "invalid_input", name)


def test_a_body_whose_charset_or_media_type_is_said_twice_is_refused(served):
    """Two charsets, or two Content-Type headers: which one the body is in would be a guess (the first was
    taken before, and a part of the service read the last)."""
    client, as_ = served
    body = json.dumps(CHINESE_TASK, ensure_ascii=False).encode("gbk")
    r = client.post("/v1/tasks/check", content=body,
                    headers=as_("dispatch") | {"Content-Type": "application/json; charset=utf-8; charset=gbk"})
    assert "utf-8、gbk" in refused(r, 415, "unsupported_media_type", "Content-Type")[0]["message"]
    for types in (["application/json; charset=gbk", "application/json"], ["text/plain", "application/json"]):
        headers = [*as_("dispatch").items(), *[("Content-Type", media) for media in types]]
        refused(client.post("/v1/tasks/check", content=body, headers=headers), 415, "unsupported_media_type",
                "Content-Type")
