"""The service's own words: Chinese by default, English when the request asks
(``Accept-Language: en``); the JSON keeps its ids and codes either way.  A real
``gridrules serve`` (two workers, started with ``--lang zh`` while the tests' environment
says en: the server's language reaches every worker)."""

from __future__ import annotations

import httpx
import pytest

from appdocs import CANLIAN
from gridrules.service.config import Limits
from gridrules.service.requests import asked_language
from servicekit import TASK, bearer, serve, stop, write_config
from wording import english_runs, is_chinese

EN = {"Accept-Language": "en-US,en;q=0.9"}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from conftest import write_pack_copy

    root = tmp_path_factory.mktemp("served")
    pack = write_pack_copy(root / "pack")
    config = root / "serve.json"
    secrets = write_config(config, limits=Limits(max_batch_lines=2, max_body_bytes=2048))
    process, base = serve(pack, config, "--lang", "zh", "--log", "off", workers=2)
    try:
        yield base, secrets
    finally:
        stop(process)


def call(method: str, url: str, **kwargs) -> httpx.Response:
    with httpx.Client(timeout=30) as client:  # a new connection each time: either worker answers
        return client.request(method, url, **kwargs)


def chinese(body: dict) -> list[str]:
    """The body's human texts (message and each problem's), each checked to be Chinese."""
    texts = [body["message"]] + [p["message"] for p in body.get("problems", [])]
    for text in texts:
        assert is_chinese(text), (text, english_runs(text))
    return texts


def test_refusals_are_chinese_and_keep_their_codes(server):
    base, secrets = server
    r = call("POST", f"{base}/v1/tasks/check", json=TASK)
    assert r.status_code == 401 and r.json()["error"] == "unauthorized"
    assert r.json()["roles_needed"] == ["dispatch", "department", "town"]
    assert "缺少访问令牌" in chinese(r.json())[0]
    r = call("POST", f"{base}/v1/tasks/check", json=TASK, headers=bearer(secrets["auditor"]))
    assert r.status_code == 403 and "auditor（审计）无权调用本接口" in chinese(r.json())[0]
    r = call("POST", f"{base}/v1/tasks/check", content="id: T", headers=bearer(secrets["dispatch"]) | {
        "Content-Type": "text/yaml"})
    assert r.status_code == 415 and r.json()["error"] == "unsupported_media_type"
    assert "请求体须为 application/json" in chinese(r.json())[0]
    r = call("POST", f"{base}/v1/tasks/check", content="x" * 4096, headers=bearer(secrets["dispatch"]) | {
        "Content-Type": "application/json"})
    assert r.status_code == 413 and "请求体超过上限（2048 字节）" in chinese(r.json())[0]
    r = call("POST", f"{base}/v1/tasks/check-batch", content="{}\n{}\n{}\n", headers=bearer(secrets["dispatch"]) | {
        "Content-Type": "application/x-ndjson"})
    assert r.status_code == 413 and r.json()["error"] == "batch_too_long"
    assert "一批最多 2 行，本批 3 行" in chinese(r.json())[0]
    r = call("GET", f"{base}/v1/nothing-here", headers=bearer(secrets["dispatch"]))
    assert r.status_code == 404 and r.json()["error"] == "not_found" and chinese(r.json())


def test_conflicts_of_applications_and_the_workflow_name_their_field_in_chinese(server):
    base, secrets = server
    dept = bearer(secrets["department:canlian"])
    r = call("POST", f"{base}/v1/applications", json=CANLIAN | {"applicant": "minzheng"}, headers=dept)
    assert r.status_code == 422 and r.json()["error"] == "invalid_input"
    assert [p["field"] for p in r.json()["problems"]] == ["applicant"]
    assert "申请部门须是提交申请的部门「canlian」" in chinese(r.json())[1]
    assert call("POST", f"{base}/v1/applications", json=CANLIAN, headers=dept).status_code == 201
    r = call("POST", f"{base}/v1/applications", json=CANLIAN | {"frequency": "每月"}, headers=dept)
    assert r.status_code == 409 and r.json()["error"] == "conflict"
    assert chinese(r.json()) == ["申请 APP-2026-017 已提交，正在等待决定"
                                 "（已提交的申请与此次不同：频次（frequency）；新的申请请使用新的编号）",
                                 '已记录的是 "每年集中核查一次"，此次是 "每月"']  # the field's problem: both values
    secretariat = bearer(secrets["secretariat"])
    r = call("POST", f"{base}/v1/items/L01/amend", json={"session": "2026-9", "date": "2026-11-20", "changes": {}},
             headers=secretariat)
    assert r.status_code == 422 and r.json()["problems"][0]["field"] == "changes"
    assert "没有要修订的内容" in chinese(r.json())[1]
    r = call("POST", f"{base}/v1/items/L01/amend", json={"session": "2026-9", "date": "2026-11-20", "changes": {
        "end": "2027-12-31", "no_end": True}}, headers=secretariat)
    assert r.status_code == 422 and r.json()["problems"][0]["field"] == "changes.no_end"
    assert "end 和 no_end 只能给一个" in chinese(r.json())[1]
    r = call("GET", f"{base}/v1/applications/APP-404", headers=secretariat)
    assert r.status_code == 404 and chinese(r.json()) == ["找不到要处理的对象", "没有申请「APP-404」"]
    assert [p["field"] for p in r.json()["problems"]] == ["app_id"]  # the path's parameter, as an item's code is named


def test_a_write_missing_a_field_naming_an_unknown_one_or_not_json_is_told_in_chinese(server):
    base, secrets = server
    secretariat = bearer(secrets["secretariat"])
    r = call("POST", f"{base}/v1/items/L01/withdraw", json={"session": "2026-9", "bogus": 1}, headers=secretariat)
    assert r.status_code == 422 and r.json()["error"] == "invalid_input"
    problems = {p["field"]: p["message"] for p in r.json()["problems"]}  # named as the request names them
    assert problems == {"date": "缺少必填字段", "bogus": "没有这个字段：bogus"} and chinese(r.json())
    r = call("POST", f"{base}/v1/items/L01/withdraw", content='{"session":', headers=secretariat | {
        "Content-Type": "application/json"})
    assert r.status_code == 400 and r.json()["error"] == "not_json"  # as every other endpoint answers it
    assert "不是有效的 JSON" in chinese(r.json())[0]


def test_a_request_may_ask_for_english(server):
    base, secrets = server
    r = call("POST", f"{base}/v1/tasks/check", json=TASK, headers=EN)
    assert r.status_code == 401 and r.json()["message"].startswith("no access token: send it in the Authorization")
    dept = bearer(secrets["department:canlian"]) | EN
    r = call("POST", f"{base}/v1/applications", json=CANLIAN | {"id": "APP-EN", "applicant": "minzheng"}, headers=dept)
    assert r.status_code == 422 and r.json()["message"] == "invalid input"
    assert r.json()["problems"][0]["message"] == "must be the submitting department 'canlian'"
    r = call("POST", f"{base}/v1/tasks/check-batch", content="{}\n{}\n{}\n", headers=bearer(secrets["dispatch"]) | EN | {
        "Content-Type": "application/x-ndjson"})
    assert r.json()["message"] == "a batch has at most 2 lines, this one has 3: send it in parts"
    # the next request without the header is Chinese again: the language was the request's only
    r = call("POST", f"{base}/v1/tasks/check", json=TASK)
    assert "缺少访问令牌" in r.json()["message"]


@pytest.mark.parametrize("header, lang", [
    ("en", "en"), ("en-US,en;q=0.9", "en"), ("zh-CN,zh;q=0.9,en;q=0.8", "zh"), ("fr, en;q=0.5", "en"),
    ("en;q=0.3, zh;q=0.7", "zh"), ("fr-FR", None), ("en;q=0", None), ("*", None), ("", None),
])
def test_accept_language_picks_ours(header, lang):
    assert asked_language(header) == lang
