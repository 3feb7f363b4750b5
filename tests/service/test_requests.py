"""How the service reads a request before deciding it: a batch's lines (split as the command
line splits them), its bytes (one line that is not UTF-8 spoils only itself)."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from gridrules.decide.checker import Checker
from gridrules.service.app import create_app
from servicekit import TASK, bearer, write_config

pytestmark = pytest.mark.usefixtures("decisions_after_today")

NDJSON = {"content-type": "application/x-ndjson"}
ZH = {"Accept-Language": "zh-CN"}


@pytest.fixture
def served(tmp_path, pack_copy):
    config = tmp_path / "serve.json"
    secrets = write_config(config)
    return TestClient(create_app(str(pack_copy), config), raise_server_exceptions=False), secrets, pack_copy


def batch(client, secrets, body: bytes, headers=None):
    r = client.post("/v1/tasks/check-batch", content=body, headers=bearer(secrets["dispatch"]) | NDJSON | (headers or {}))
    assert r.status_code == 200, r.text
    return [json.loads(x) for x in r.content.split(b"\n") if x]


def test_a_batch_splits_on_newlines_only_as_the_command_line_does(served):
    client, secrets, pack_copy = served
    # characters str.splitlines() also breaks at, each raw inside a title (JSON allows them there)
    titles = ["独居老人\u2028走访摸排", "独居老人走访摸排", "独居老人\u2029走访\x85摸排\x1c\x1d\x1e\v\f"]
    tasks = [TASK | {"id": f"T-{n}", "title": title} for n, title in enumerate(titles, start=1)]
    lines = [json.dumps(task, ensure_ascii=False) for task in tasks]
    lines[1] = json.dumps(tasks[1] | {"assignee": "nobody"}, ensure_ascii=False)  # a bad line, to see its number
    body = (lines[0] + "\r\n" + lines[1] + "\n" + lines[2] + "\r\n").encode("utf-8")  # a trailing \r is dropped
    answers = batch(client, secrets, body)
    assert len(answers) == 3
    checker = Checker(pack_copy)
    assert answers[0]["task"] == "T-1" and answers[0]["verdict"] == checker.check_task(tasks[0]).verdict
    assert answers[1]["line"] == 2 and [p["field"] for p in answers[1]["problems"]] == ["assignee"]
    assert answers[2]["task"] == "T-3" and answers[2]["verdict"] == checker.check_task(tasks[2]).verdict


def test_a_line_that_is_not_utf8_spoils_only_itself(served):
    client, secrets, _ = served
    good = [json.dumps(TASK | {"id": f"T-{n}"}, ensure_ascii=False).encode("utf-8") for n in (1, 3)]
    answers = batch(client, secrets, good[0] + b"\n\xff\xfe\n" + good[1] + b"\n", ZH)
    assert [a.get("task") for a in answers] == ["T-1", None, "T-3"]
    bad = answers[1]
    assert set(bad) == {"line", "error", "problems"} and bad["line"] == 2 and bad["error"] == "invalid_input"
    (problem,) = bad["problems"]
    assert problem["message"] == "不是 UTF-8 文本（第 1 个字节）" and problem["field"] is None
    # a single document has no other lines to decide: it is refused whole, as before
    r = client.post("/v1/tasks/check", content=b'{"id": "\xff"}', headers=bearer(secrets["dispatch"]) | ZH |
                    {"content-type": "application/json"})
    assert r.status_code == 400 and r.json()["error"] == "not_utf8" and "UTF-8" in r.json()["message"]
