"""A real ``gridrules serve`` on 127.0.0.1 probed at its edges: every GET operation its own /openapi.json
lists, called with query values a client's developer might send by mistake -- integers at and past 2⁶³,
negative numbers, floats where integers go, dates out of range or unreal, empty, very long, NUL and other
control characters, bytes that are not UTF-8, parameters repeated or unknown.  Whatever is sent, the
answer is never a 5xx: a refusal is the service's error document (``error``, ``message``, ``problems``),
and a 422 names a parameter that was sent.

Bounded: ``EXAMPLES`` requests per backend and at most ``BUDGET`` seconds of them; loopback only; on the
SQLite log and, when a PostgreSQL server answers (``GRIDRULES_TEST_POSTGRES``), on a PostgreSQL log.
"""

from __future__ import annotations

import time
from urllib.parse import quote, quote_from_bytes

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from logstores import BACKENDS, log_url

from appdocs import CANLIAN
from conftest import write_pack_copy
from servicekit import TASK, bearer, serve, stop, write_config

EXAMPLES = 200  # requests per backend, over every GET operation
BUDGET = 120.0  # seconds per backend: past it the remaining examples send nothing
ERROR_KEYS = {"error", "message", "problems"}

# integers where they overflow a store (SQLite's and PostgreSQL's 64 bits), or a parser
EDGES = [2**63 - 1, 2**63, -(2**63), -(2**63) - 1, 2**64, 10**30, -1, 0, 1]
# moments and dates a hand-written client gets wrong: year 0, 24:00, a day the month lacks, the ends of
# the years a decision reads (UTC 1900-8999), offsets no place has, a '+' a URL reads as a space
MOMENTS = ["0000-01-01", "0001-01-01", "9999-12-31", "9999-12-31T24:00", "9999-12-31T24:00+08:00",
           "9999-12-31T23:59:59+14:00", "1900-01-01T00:00+14:00", "8999-12-31T23:59:59-12:00", "2026-02-30",
           "2026-02-29", "2026-13-01", "2026-12-01T09:00+24:00", "2026-12-01T09:00 08:00", "2026-12-01T09:00",
           "2026年2月30日", "２０２６年１２月１日", "12/1/2026", "-2026-12-01", "+12026-12-01", "2026-W49-1",
           "2026-12-01T09:00:00.12345678901234567890+08:00", "1e400", "NaN", "P1D", "14d", "9999w", "0d", "-5d"]
WORDS = ["", " ", "　", "true", "false", "null", "[]", "{}", "0x10", "1_000", "１２", "items", "negative", "pending",
         "tangxiang", "棠香街道", "L13", "APP-2026-017"]
TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)  # any character, NUL and controls too


def _number(value: int | float) -> str:
    return str(value)


VALUES = st.one_of(
    st.sampled_from(EDGES).map(_number),
    st.integers(-(2**70), 2**70).map(_number),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(MOMENTS),
    st.sampled_from(WORDS),
    TEXT,
    st.integers(1000, 20_000).map(lambda n: "9" * n),  # past Python's 4300 digits when read as an int
    st.integers(100, 5000).map(lambda n: "字" * n),
).map(lambda text: text.encode("utf-8"))
NOT_UTF8 = st.binary(min_size=1, max_size=12)  # mostly not UTF-8: %D5%F2 is 镇 in GBK
NAMES = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=12)


@st.composite
def queries(draw, params: list[str]) -> tuple[bytes, set[str]]:
    """A query string (escaped as a URL carries it, or not) and the names it holds: the operation's
    parameters, some given twice, sometimes one it does not have."""
    pairs: list[tuple[bytes, bytes]] = []
    for _ in range(draw(st.integers(0, 4))):
        known = draw(st.sampled_from(params)) if params and draw(st.integers(0, 4)) else None
        name = known.encode() if known is not None else draw(NAMES).encode("utf-8")
        value = draw(NOT_UTF8 if draw(st.integers(0, 9)) == 0 else VALUES)
        pairs.append((name, value))
    escaped = b"&".join(quote_from_bytes(n, safe="").encode() + b"=" + quote_from_bytes(v, safe="").encode()
                        for n, v in pairs)
    return escaped, {n.decode("utf-8", "replace") for n, _ in pairs}


def role_for(path: str) -> str:
    """A role that may call the GET operation at ``path``."""
    if path.startswith("/v1/applications"):
        return "secretariat"
    if path.startswith("/v1/log"):
        return "auditor"
    return "dispatch"


@pytest.fixture(scope="module", params=BACKENDS)
def served(request, tmp_path_factory):
    """A real server on a copy of the bundled pack, its log on the backend, holding one decision and one
    application (so an export and an application's review have something to read): its base URL, the
    tokens, its GET operations."""
    root = tmp_path_factory.mktemp(f"bounds-{request.param}")
    url = log_url(request.param, root)  # skips, saying why, when no PostgreSQL server answers
    pack, config = write_pack_copy(root / "pack"), root / "serve.json"
    secrets = write_config(config)
    process, base = serve(pack, config, "--log", url)
    try:
        with httpx.Client(base_url=base, timeout=30) as client:
            assert client.post("/v1/tasks/check", json=TASK, headers=bearer(secrets["dispatch"])).status_code == 200
            assert client.post("/v1/applications", json=CANLIAN,
                               headers=bearer(secrets["department:canlian"])).status_code == 201
            document = client.get("/openapi.json").json()
        operations = []
        for path, methods in sorted(document["paths"].items()):
            if "get" in methods:
                params = methods["get"].get("parameters", [])
                operations.append((path, [p["name"] for p in params if p["in"] == "query"],
                                   [p["name"] for p in params if p["in"] == "path"]))
        yield base, secrets, operations
    finally:
        stop(process)


def test_no_query_a_client_may_send_makes_a_server_error(served):
    base, secrets, operations = served
    assert len(operations) >= 10 and ("/v1/log/export", ["since", "until", "logged_since", "logged_until",
                                                         "after_seq", "limit"], []) in operations
    deadline = time.monotonic() + BUDGET

    @st.composite
    def requests(draw):
        path, params, in_path = draw(st.sampled_from(operations))
        for name in in_path:  # the application the server holds, or anything at all in its place
            value = draw(st.sampled_from([CANLIAN["id"]]) | TEXT.filter(lambda s: s not in ("", ".", "..")))
            path = path.replace("{" + name + "}", quote(value, safe=""))
        query, names = draw(queries(params))
        return path, query, names | set(in_path)

    with httpx.Client(base_url=base, timeout=30) as client:

        @given(asked=requests())
        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
        def property_(asked):
            if time.monotonic() > deadline:
                return  # the budget spent: the rest send nothing
            path, query, names = asked
            headers = bearer(secrets[role_for(path)]) | {"Accept-Language": "zh-CN"}
            r = client.get(f"{path}?{query.decode('ascii')}" if query else path, headers=headers)
            said = (path, query[:300], r.status_code, r.text[:500])
            assert r.status_code < 500 and "Traceback" not in r.text, said
            if r.status_code >= 400:
                body = r.json()
                assert ERROR_KEYS <= set(body) and body["message"], said
                if r.status_code == 422:  # each problem names what was sent, or the path's part
                    fields = {str(p["field"]).split("[")[0] for p in body["problems"]}
                    assert body["problems"] and fields <= names | {"Content-Type"}, said

        property_()
