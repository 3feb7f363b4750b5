"""The words around a decision (catalogue/decisions.py): check-task, route, replay and test speak
English under --lang en -- every Chinese character left in their text output is the pack's own
(a reason, a name, a case's name) or the input's -- and Chinese by default."""

from __future__ import annotations

import json
import pathlib
import re

import yaml

from clirun import run
from gridrules.catalogue import MESSAGES
from gridrules.catalogue.decisions import DECISIONS
from gridrules.contract.facts import EVENT_FLAGS, TASK_FLAGS, VERDICTS
from gridrules.decide import labels
from gridrules.pack.loader import bundled_root

RULES = pathlib.Path(str(bundled_root()))
EXAMPLES = pathlib.Path(__file__).parents[2] / "examples"
AT = "2026-11-25T10:00:00+08:00"
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def own_texts(*documents) -> list[str]:
    """Every string the pack (or the given inputs and decisions) wrote, longest first."""
    found = set(_strings(list(documents)))
    for path in RULES.rglob("*.yaml"):
        found |= set(_strings(yaml.safe_load(path.read_text(encoding="utf-8"))))
    return sorted((s for s in found if CJK.search(s)), key=len, reverse=True)


def tool_cjk(out: str, *documents) -> list[str]:
    """The Chinese left in ``out`` once the pack's and the documents' own texts are taken out."""
    for text in own_texts(*documents):
        out = out.replace(text, " ")
    return [line for line in out.splitlines() if CJK.search(line)]


def test_every_verdict_and_contract_flag_has_words_in_both_languages():
    assert set(labels.FLAGS) == set(TASK_FLAGS) | set(EVENT_FLAGS)
    assert set(labels.VERDICT_SHORT) == set(VERDICTS)
    assert all(MESSAGES[k] == v for k, v in DECISIONS.items())  # merged, not overridden
    for key, (zh, en) in DECISIONS.items():
        assert CJK.search(zh) or zh == en or key.endswith(".joiner"), key
        assert not CJK.search(en) or key == "dec.cases.failed", key


def test_check_task_in_english(capsys, monkeypatch):
    task = yaml.safe_load((EXAMPLES / "task.yaml").read_text(encoding="utf-8"))
    code, out, _ = run(capsys, monkeypatch, ["check-task", str(EXAMPLES / "task.yaml"), "--at", AT, "--lang", "en"])
    _, decision, _ = run(capsys, monkeypatch, ["check-task", str(EXAMPLES / "task.yaml"), "--at", AT, "--format", "json"])
    assert code == 0 and "verdict: admitted: may go to grid workers (list item L13" in out
    assert "funding follows the work: subsidy 80 yuan per grid per month" in out and "basis:" in out
    assert tool_cjk(out, task, json.loads(decision)) == []
    _, chinese, _ = run(capsys, monkeypatch, ["check-task", str(EXAMPLES / "task.yaml"), "--at", AT, "--lang", "zh"])
    assert "结论：准入：可以交给网格员（清单事项 L13" in chinese and "费随事转：补贴 80 元/网格/月" in chinese


def test_check_task_batch_line_and_forbidden_words_in_english(capsys, monkeypatch, tmp_path):
    task = yaml.safe_load((EXAMPLES / "task.yaml").read_text(encoding="utf-8"))
    forbidden = task | {"id": "T-X", "activities": ["visit", "enforce"]}
    path = tmp_path / "t.jsonl"
    path.write_text(json.dumps(forbidden, ensure_ascii=False, default=str), encoding="utf-8")
    code, out, _ = run(capsys, monkeypatch, ["check-task", str(path), "--batch", "--at", AT, "--lang", "en"])
    assert out.split("\t")[:2] == ["T-X", "forbidden"] and not CJK.search(out)
    _, chinese, _ = run(capsys, monkeypatch, ["check-task", str(path), "--batch", "--at", AT, "--lang", "zh"])
    assert chinese.split("\t")[:2] == ["T-X", "禁止"]


def test_route_in_english(capsys, monkeypatch):
    event = yaml.safe_load((EXAMPLES / "event.yaml").read_text(encoding="utf-8"))
    code, out, _ = run(capsys, monkeypatch, ["route", str(EXAMPLES / "event.yaml"), "--lang", "en"])
    _, decision, _ = run(capsys, monkeypatch, ["route", str(EXAMPLES / "event.yaml"), "--format", "json"])
    assert code == 0 and out.startswith(f"event {event['id']}") and "deadlines: respond by" in out
    assert tool_cjk(out, event, json.loads(decision)) == []


def test_test_in_english_and_its_diff(capsys, monkeypatch, tmp_path):
    cases = RULES / "cases/tasks/admitted.yaml"
    text = cases.read_text(encoding="utf-8").replace("      verdict: admitted\n      list_item: L13\n",
                                                      "      verdict: forbidden\n      list_item: L13\n", 1)
    broken = tmp_path / "broken.yaml"
    broken.write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, monkeypatch, ["test", str(broken), "--lang", "en"])
    assert code == 1 and "- expected \"forbidden\"" in out and "+ actual \"admitted\"" in out
    assert re.search(r"total: \d+ passed, 1 failed \(\d+ cases\)", out)
    assert tool_cjk(out, yaml.safe_load(text)) == []
    code, out, _ = run(capsys, monkeypatch, ["test", "--require-tests", "--lang", "en"])
    assert code == 1 and "--require-tests: 1/" in out and tool_cjk(out) == []  # see tests/cli/test_test.py


def test_replay_in_english(capsys, monkeypatch, tmp_path, pack_copy):
    url = f"sqlite:///{tmp_path / 'log.db'}"
    task = yaml.safe_load((EXAMPLES / "task.yaml").read_text(encoding="utf-8"))
    assert run(capsys, monkeypatch, ["check-task", str(EXAMPLES / "task.yaml"), "--at", AT, "--log", url])[0] == 0
    items = pack_copy / "admission/items.yaml"
    assert "L13" in items.read_text(encoding="utf-8")
    code, out, _ = run(capsys, monkeypatch, ["replay", "--log", url, "--pack", str(pack_copy), "--lang", "en"])
    assert code == 0 and out.startswith("replayed 1 decisions") and "1 unchanged, 0 changed" in out
    assert "disguised-dispatch screening: 1 tasks logged" in out and tool_cjk(out, task) == []
    code, out, _ = run(capsys, monkeypatch, ["replay", "--log", url, "--pack", str(pack_copy), "--lang", "zh"])
    assert out.startswith("重放 1 项决定") and "1 项不变，0 项改变" in out
