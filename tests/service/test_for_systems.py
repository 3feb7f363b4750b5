"""What a dispatch system that is not Python reads from a real ``gridrules serve`` (in Chinese, as its
clerks do): the did-you-mean in the problem's ``message`` as the command line says it, a batch sent
to a single-decision endpoint pointed at the batch endpoint, and the startup line naming the log."""

from __future__ import annotations

import json

import httpx
import pytest

from appdocs import gridrules
from servicekit import EVENT, TASK, bearer, serve, stop, write_config


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from conftest import write_pack_copy

    root = tmp_path_factory.mktemp("systems")
    pack = write_pack_copy(root / "pack")
    config = root / "serve.json"
    secrets = write_config(config)
    process, base = serve(pack, config, "--lang", "zh")  # the default log: decisions.sqlite beside the pack
    started = process.stderr.readline()
    try:
        yield base, secrets, started, root
    finally:
        stop(process)


def post(base: str, path: str, token: str, **kwargs) -> httpx.Response:
    with httpx.Client(timeout=30) as client:
        return client.post(f"{base}{path}", headers=bearer(token) | kwargs.pop("headers", {}), **kwargs)


def test_the_startup_line_names_the_log_it_writes_to(server):
    _base, _secrets, started, root = server
    assert started.startswith("gridrules serve：规则包"), started
    assert f"决定日志 sqlite:///{(root / 'decisions.sqlite').resolve()}" in started, started


def test_a_did_you_mean_is_in_the_message_by_name_as_the_command_line_says_it(server, tmp_path):
    base, secrets, _started, _root = server
    task = {**TASK, "activities": ["纠纷调解", "治安巡逻"], "department": "民证局"}
    r = post(base, "/v1/tasks/check", secrets["dispatch"], json=task)
    assert r.status_code == 422, r.text
    problems = {p["field"]: p for p in r.json()["problems"]}
    # the clerk reads the suggestion by its name (policy: 矛盾纠纷前端调解 is mediate, 巡查巡逻 patrol,
    # 区民政局 minzheng); a program still reads the id in hint
    assert problems["activities[0]"]["message"].startswith("找不到活动「纠纷调解」（是否指 矛盾纠纷前端调解（mediate）？）")
    assert [(f, problems[f]["hint"]) for f in ("activities[0]", "activities[1]", "department")] == [
        ("activities[0]", "mediate"), ("activities[1]", "patrol"), ("department", "minzheng")]
    assert problems["activities[1]"]["message"].startswith("找不到活动「治安巡逻」（是否指 巡查巡逻（patrol）？）")
    assert "（是否指 区民政局（minzheng）？）" in problems["department"]["message"]
    # one wording: the command line says each problem's message exactly so
    (tmp_path / "task.json").write_text(json.dumps(task, ensure_ascii=False), encoding="utf-8")
    said = gridrules("check-task", str(tmp_path / "task.json"), "--lang", "zh")
    assert said.returncode == 2
    for problem in problems.values():
        assert problem["message"] in said.stderr, (problem["message"], said.stderr)


def test_a_batch_sent_to_a_single_decision_endpoint_is_pointed_at_the_batch_endpoint(server):
    base, secrets, _started, _root = server
    lines = "".join(json.dumps({**TASK, "id": f"T-{i}"}) + "\n" for i in range(3))
    r = post(base, "/v1/tasks/check", secrets["dispatch"], content=lines, headers={"Content-Type": "application/json"})
    assert r.status_code == 400 and r.json()["error"] == "not_json"
    assert "/v1/tasks/check-batch" in r.json()["message"] and "NDJSON" in r.json()["message"]
    assert r.json()["problems"][0]["line"] == 2  # where the one document the endpoint reads ended
    r = post(base, "/v1/events/route", secrets["dispatch"], json=[EVENT, EVENT])
    assert r.status_code == 422 and r.json()["error"] == "invalid_input"
    assert "/v1/events/route-batch" in r.json()["problems"][0]["message"]
    r = post(base, "/v1/tasks/check", secrets["dispatch"], json=[TASK])
    assert "/v1/tasks/check-batch" in r.json()["problems"][0]["message"]
    # one broken document is still told what is wrong with it, not sent to the batch endpoint
    r = post(base, "/v1/tasks/check", secrets["dispatch"], content='{"id": "T-1",}',
             headers={"Content-Type": "application/json"})
    assert r.status_code == 400 and "batch" not in r.json()["message"]
