"""A real ``gridrules serve`` on 127.0.0.1 probed at its edges: every GET operation its own /openapi.json
lists, called with query values a client's developer might send by mistake -- integers at and past 2⁶³,
negative numbers, floats where integers go, dates out of range or unreal, empty, very long, NUL and other
control characters, bytes that are not UTF-8, parameters repeated or unknown.  Whatever is sent, the
answer is never a 5xx: a refusal is the service's error document (``error``, ``message``, ``problems``),
in Chinese as asked, and a 422 names a parameter that was sent.

Each operation's parameters are taken one at a time (the operation without one, too): the one under test
gets the hostile values, and the others are left out or, now and then, hostile as well -- a value that
breaks only when the rest of the request is good (``after_seq=2⁶³`` alone) is then not hidden behind
another parameter's 422.  An integer parameter is also sent each of ``INTEGERS`` alone, every run.
Bounded: ``EXAMPLES`` drawn requests per backend, shared out among the parameters, and at most ``BUDGET``
seconds; loopback only; on the SQLite log and, when a PostgreSQL server answers
(``GRIDRULES_TEST_POSTGRES``), on a PostgreSQL log.
"""

from __future__ import annotations

import re
import time
from urllib.parse import quote, quote_from_bytes, unquote_to_bytes

import httpx
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from logstores import BACKENDS, log_url

from appdocs import CANLIAN
from conftest import write_pack_copy
from servicekit import TASK, bearer, serve, stop, write_config

EXAMPLES = 200  # requests per backend, over every GET operation
BUDGET = 120.0  # seconds per backend: past it the remaining examples send nothing
MOST_QUERY = 32_000  # bytes of query: far past what a proxy passes (~8 KB), under httpx's 64 KB URL
ERROR_KEYS = {"error", "message", "problems"}
CHINESE = re.compile(r"[\u4e00-\u9fff]")  # asked in Chinese: a message with none is pydantic's English, or a library's

# integers at and past the 64 bits of a store's seq (SQLite's INTEGER, PostgreSQL's BIGINT), past the
# digits Python reads, and integers as a client's language writes other numbers
INTEGERS = ["9223372036854775807", "9223372036854775808", "-9223372036854775809", "18446744073709551616",
            "1" + "0" * 30, "9" * 5000, "-1", "0", "1.5", "1e3", "+5", "0x10", "1_000", "１２", ""]
# moments and dates a hand-written client gets wrong: year 0, 24:00, a day the month lacks, the ends of
# the years a decision reads (UTC 1900-8999), offsets no place has, a '+' a URL reads as a space
MOMENTS = ["0000-01-01", "0001-01-01", "9999-12-31", "9999-12-31T24:00", "9999-12-31T24:00+08:00",
           "9999-12-31T23:59:59+14:00", "1900-01-01T00:00+14:00", "8999-12-31T23:59:59-12:00", "2026-02-30",
           "2026-02-29", "2026-13-01", "2026-12-01T09:00+24:00", "2026-12-01T09:00 08:00", "2026-12-01T09:00",
           "2026年2月30日", "２０２６年１２月１日", "12/1/2026", "-2026-12-01", "+12026-12-01", "2026-W49-1",
           "2026-12-01T09:00:00.12345678901234567890+08:00", "1e400", "NaN", "P1D", "14d", "9999w", "0d", "-5d"]
WORDS = ["", " ", "　", "true", "false", "null", "[]", "{}", "items", "negative", "pending", "tangxiang", "棠香街道",
         "L13", CANLIAN["id"]]
TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)  # any character, NUL and controls too
NUMBERS = st.one_of(st.sampled_from(INTEGERS), st.integers(-(2**70), 2**70).map(str),
                    st.floats(allow_nan=True, allow_infinity=True).map(repr))
ANYTHING = st.one_of(NUMBERS, st.sampled_from(MOMENTS), st.sampled_from(WORDS), TEXT,
                     st.integers(100, 1000).map(lambda n: "字" * n))
NOT_UTF8 = st.binary(min_size=1, max_size=12)  # mostly not UTF-8: %D5%F2 is 镇 in GBK
NAMES = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=12)


def declares_integer(schema: dict) -> bool:
    """Whether a parameter's schema (``{"anyOf": [{"type": "integer", …}, {"type": "null"}]}``) takes an integer."""
    return schema.get("type") == "integer" or any(declares_integer(s) for s in schema.get("anyOf", []))


def values_for(schema: dict) -> st.SearchStrategy[bytes]:
    """What a client sends for a parameter by mistake: for an integer, mostly integers at and past its
    bounds; for anything, anything; one in ten, bytes that are not UTF-8."""
    likely = st.one_of(*[st.sampled_from(INTEGERS)] * 3, NUMBERS, ANYTHING) if declares_integer(schema) else ANYTHING
    return st.one_of(*[likely.map(str.encode)] * 9, NOT_UTF8)


@st.composite
def queries(draw, params: dict[str, dict], hostile: str | None) -> tuple[bytes, set[str]]:
    """A query string, %-escaped as a URL carries it, and the names it holds: ``hostile`` once (one time in
    eight twice), one time in eight another parameter of the operation too, and one in eight (always when
    there is no ``hostile``) a parameter it does not have."""
    pairs = [(hostile.encode(), draw(values_for(params[hostile])))] if hostile is not None else []
    others = [name for name in params if name != hostile]
    if hostile is not None and draw(st.integers(0, 7)) == 0:
        pairs.append((hostile.encode(), draw(values_for(params[hostile]))))
    if others and draw(st.integers(0, 7)) == 0:
        other = draw(st.sampled_from(others))
        pairs.append((other.encode(), draw(values_for(params[other]))))
    if hostile is None or draw(st.integers(0, 7)) == 0:
        pairs.append((draw(NAMES).encode("utf-8"), draw(values_for({}))))
    escaped: list[bytes] = []
    for name, value in draw(st.permutations(pairs)):
        pair = quote_from_bytes(name, safe="").encode() + b"=" + quote_from_bytes(value, safe="").encode()
        if sum(map(len, escaped)) + len(pair) > MOST_QUERY:
            break
        escaped.append(pair)
    sent = {unquote_to_bytes(pair.partition(b"=")[0]).decode("utf-8", "replace") for pair in escaped}
    return b"&".join(escaped), sent


def edges(operation: tuple, hostile: str | None):
    """Hypothesis's ``example`` for each of ``INTEGERS`` as the integer parameter ``hostile`` alone: the few
    values that overflow a store are sent every run, not only when the draw comes to them (a handful of
    draws from a strategy seldom reach a given value of it).  No examples for other parameters."""
    path, params, in_path = operation
    if hostile is None or in_path or not declares_integer(params[hostile]):
        return lambda test: test
    def decorate(test):
        for value in INTEGERS:
            query = f"{hostile}={quote(value, safe='')}".encode()
            test = example(asked=(path, query, {hostile}))(test)
        return test
    return decorate


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
    tokens, its GET operations (path, query parameters' schemas, path parameters)."""
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
                operations.append((path, {p["name"]: p.get("schema", {}) for p in params if p["in"] == "query"},
                                   [p["name"] for p in params if p["in"] == "path"]))
        yield base, secrets, operations
    finally:
        stop(process)


def test_no_query_a_client_may_send_makes_a_server_error(served):
    base, secrets, operations = served
    export = next(params for path, params, _ in operations if path == "/v1/log/export")
    assert len(operations) >= 10 and {name for name, schema in export.items() if declares_integer(schema)} == \
        {"after_seq", "limit"}
    # each operation with each of its parameters under test, and with none (a path's own, an unknown one);
    # an integer's three shares of the examples (its hostile values are the most, and the most dangerous)
    targets = [(op, name) for op in operations for name in [None, *op[1]]]
    weights = [3 if name is not None and declares_integer(op[1][name]) else 1 for op, name in targets]
    deadline = time.monotonic() + BUDGET

    @st.composite
    def requests(draw, operation, hostile):
        path, params, in_path = operation
        for name in in_path:  # the application the server holds, or anything at all in its place
            value = draw(st.sampled_from([CANLIAN["id"]]) | TEXT.filter(lambda s: s not in ("", ".", "..")))
            path = path.replace("{" + name + "}", quote(value, safe=""))
        query, names = draw(queries(params, hostile))
        return path, query, names | set(in_path)

    with httpx.Client(base_url=base, timeout=30) as client:
        for (operation, hostile), weight in zip(targets, weights):

            @given(asked=requests(operation, hostile))
            @edges(operation, hostile)
            @settings(max_examples=max(1, EXAMPLES * weight // sum(weights)), deadline=None,
                      suppress_health_check=list(HealthCheck))
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
                    assert ERROR_KEYS <= set(body) and CHINESE.search(body["message"]), said
                    assert all(CHINESE.search(p["message"]) for p in body["problems"]), said  # the catalogue's words
                    if r.status_code == 422:  # each problem names what was sent, or the path's part
                        sent = names | {"Content-Type"}  # section[0]: the first of the sections sent
                        assert body["problems"] and all(p["field"] in sent or str(p["field"]).split("[")[0] in sent
                                                        for p in body["problems"]), said

            property_()
