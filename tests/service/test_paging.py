"""Pulling a page at a time: the decision log by seq (after_seq, limit; on SQLite and PostgreSQL),
its window refused when since is after until, the applications by status."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from logstores import BACKENDS, log_url

from gridrules.service import decisionlog
from gridrules.service.app import create_app
from appdocs import CANLIAN
from servicekit import TASK, bearer, write_config

pytestmark = pytest.mark.usefixtures("decisions_after_today")

ZH = {"Accept-Language": "zh-CN"}
NDJSON = "application/x-ndjson"


@pytest.fixture(params=BACKENDS)
def logged(request, tmp_path, pack_copy):
    config = tmp_path / "serve.json"
    secrets = write_config(config)
    with TestClient(create_app(str(pack_copy), config, log_url(request.param, tmp_path))) as client:
        yield client, (lambda role: bearer(secrets[role]))


def test_the_log_is_pulled_incrementally_by_seq(logged):
    """after_seq is exclusive, limit bounds a page; pulling page after page from the last seq received
    gets every record once, in order; a page shorter than limit is the end for now, and a record
    decided later is the next pull's first."""
    client, as_ = logged
    body = "".join(json.dumps(TASK | {"id": f"T-{i}"}) + "\n" for i in range(7))
    r = client.post("/v1/tasks/check-batch", content=body, headers=as_("dispatch") | {"content-type": NDJSON})
    assert r.status_code == 200
    auditor = as_("auditor")

    def page(**params) -> list[dict]:
        r = client.get("/v1/log/export", params=params, headers=auditor)
        assert r.status_code == 200, r.text
        return [json.loads(x) for x in r.text.splitlines()]

    assert [r["seq"] for r in page(after_seq=2, limit=3)] == [3, 4, 5]
    pulled, last, pages = [], 0, 0
    while True:
        got = page(after_seq=last, limit=3)
        pages += 1
        pulled += got
        if len(got) < 3:
            break
        last = got[-1]["seq"]
    assert [r["seq"] for r in pulled] == list(range(1, 8)) and pages == 3
    assert [r["input"]["id"] for r in pulled] == [f"T-{i}" for i in range(7)]
    assert page(after_seq=7) == []
    client.post("/v1/tasks/check", json=TASK | {"id": "T-later"}, headers=as_("dispatch"))
    assert [(r["seq"], r["input"]["id"]) for r in page(after_seq=7)] == [(8, "T-later")]
    assert [r["seq"] for r in page(limit=2)] == [1, 2]  # from the start
    assert [r["seq"] for r in page(after_seq=3, until="2999-01-01", limit=2)] == [4, 5]  # with a window


def test_an_after_seq_past_a_64_bit_seq_is_refused_naming_it_on_either_store(logged):
    """A seq is a signed 64-bit integer in both stores: 2⁶³ - 1 is the last a record could have (an empty page
    after it), 2⁶³ and beyond are refused naming after_seq and the bound. Before, SQLite could not bind
    2⁶³ and the export answered 500."""
    client, as_ = logged
    assert client.post("/v1/tasks/check", json=TASK, headers=as_("dispatch")).status_code == 200
    auditor = as_("auditor") | ZH
    last = 2**63 - 1
    r = client.get("/v1/log/export", params={"after_seq": last}, headers=auditor)
    assert (r.status_code, r.text) == (200, "")
    for beyond in (last + 1, 10**30):
        r = client.get("/v1/log/export", params={"after_seq": beyond}, headers=auditor)
        assert r.status_code == 422, r.text
        assert [(p["field"], p["message"]) for p in r.json()["problems"]] == [("after_seq", f"不能大于 {last}")]
    r = client.get("/v1/log/export", params={"after_seq": "9" * 5000}, headers=auditor)  # past what Python reads
    assert r.status_code == 422, r.text
    assert [(p["field"], p["message"]) for p in r.json()["problems"]] == [("after_seq", "应为整数，这个数位数太多，读不出来")]


def test_paging_is_bounded_and_a_reversed_window_is_refused(served):
    client, as_ = served
    auditor = as_("auditor") | ZH
    EXPORT_MOST = decisionlog.EXPORT_MOST  # noqa: N806 - the module's
    for params, field in (({"limit": EXPORT_MOST + 1}, "limit"), ({"limit": 0}, "limit"),
                          ({"after_seq": -1}, "after_seq"), ({"after_seq": "x"}, "after_seq")):
        r = client.get("/v1/log/export", params=params, headers=auditor)
        assert r.status_code == 422 and [p["field"] for p in r.json()["problems"]] == [field], (params, r.text)
    assert client.get("/v1/log/export", params={"limit": EXPORT_MOST}, headers=auditor).status_code == 200
    doc = client.get("/openapi.json").json()["paths"]["/v1/log/export"]["get"]
    limit = next(p for p in doc["parameters"] if p["name"] == "limit")["schema"]
    bounds = next(s for s in limit["anyOf"] if s.get("type") == "integer")
    assert (limit.get("default"), bounds["minimum"], bounds["maximum"]) == (None, 1, EXPORT_MOST)
    assert "after_seq" in doc["description"]
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")  # says the same numbers
    assert f"at most {EXPORT_MOST:,}; without it, every record from there on" in readme


def test_a_window_whose_since_is_after_its_until_is_refused_naming_both(served):
    """Not an empty 200, which would read as 'nothing was decided then'; the same moment twice is an
    empty window, answered as one."""
    client, as_ = served
    auditor = as_("auditor") | ZH
    r = client.get("/v1/log/export", params={"since": "2026-12-02", "until": "2026-12-01"}, headers=auditor)
    assert r.status_code == 422, r.text
    [problem] = r.json()["problems"]
    assert "since" in problem["message"] and "until" in problem["message"]
    assert "2026-12-02" in problem["message"] and "2026-12-01" in problem["message"]
    same = client.get("/v1/log/export", params={"since": "2026-12-01", "until": "2026-12-01"}, headers=auditor)
    assert same.status_code == 200 and same.text == ""  # an empty window, not a reversed one


def test_applications_are_listed_by_status(served):
    """?status= is one of the statuses an application is filed with (pending, approved, rejected)."""
    client, as_ = served
    sec = as_("secretariat")
    ids = []
    for n in range(3):
        app = CANLIAN | {"id": f"APP-2027-10{n}"}
        assert client.post("/v1/applications", json=app, headers=as_("department:canlian")).status_code == 201
        ids.append(app["id"])
    r = client.post(f"/v1/applications/{ids[0]}/reject", json={"session": "2026-6", "date": "2026-11-20"}, headers=sec)
    assert r.status_code == 201, r.text

    def listed(**params) -> list[str]:
        r = client.get("/v1/applications", params=params, headers=sec)
        assert r.status_code == 200, r.text
        return sorted(a["id"] for a in r.json()["applications"])

    assert listed() == sorted(ids)
    assert listed(status="pending") == ids[1:]
    assert listed(status="rejected") == ids[:1]
    assert listed(status="approved") == []
    r = client.get("/v1/applications", params={"status": "waiting"}, headers=sec | ZH)
    assert r.status_code == 422 and [p["field"] for p in r.json()["problems"]] == ["status"]
    assert "pending" in r.json()["problems"][0]["message"]
