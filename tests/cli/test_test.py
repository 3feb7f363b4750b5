"""``gridrules test``: the bundled cases pass; a broken expectation fails with a readable diff
(the runner must fail on a broken test); --require-tests; text, JSON and JUnit XML."""

from __future__ import annotations

import json
import re
import pathlib
import shutil
import xml.etree.ElementTree as ET

import pytest

from gridrules import Checker
from gridrules.cli.main import main
from gridrules.pack.loader import bundled_root
from gridrules.cases.run import rules_of

CASES = pathlib.Path(str(bundled_root().joinpath("cases")))


def run(capsys, *args):
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def _broken_case_file(tmp_path: pathlib.Path) -> pathlib.Path:
    """A copy of the admitted-task cases in which the first case expects the wrong verdict and flags."""
    text = (CASES / "tasks/admitted.yaml").read_text(encoding="utf-8")
    first = "      verdict: admitted\n      list_item: L13\n"
    assert first in text
    text = text.replace(first, "      verdict: forbidden\n      list_item: L13\n", 1)
    text = text.replace("      flags: []\n", "      flags: [over_capacity]\n", 1)
    target = tmp_path / "admitted.yaml"
    target.write_text(text, encoding="utf-8")
    return target


def test_bundled_cases_pass(capsys):
    code, out, _ = run(capsys, "test", "--lang", "zh")
    assert code == 0
    assert "✗" not in out
    assert "tasks/every_item.yaml（8/8 通过）" in out
    assert out.rstrip().splitlines()[-1].endswith("0 失败（共 312 个用例）")


def test_bundled_cases_exercise_every_rule_but_the_training_of_an_untrained_item(capsys, pack):
    """The bundled list is the policy's (§4, §8): its 17 items were all trained on 2024-12-31, before
    they took effect, so no task admitted under one is training_pending, and no bundled case can fire
    oversight.training_pending.  Every other rule fires in a bundled case."""
    code, out, _ = run(capsys, "test", "--require-tests", "--format", "json")
    assert code == 1
    assert json.loads(out)["require_tests"] == {"rules": len(rules_of(Checker(pack))),
                                                "untested": ["oversight.training_pending"]}


def test_every_rule_is_exercised_with_the_terms_example(capsys, terms_root, terms_pack):
    """On the copy where the meeting approved, amended and withdrew L18 (tests/termspack.py; untrained),
    the bundled cases and the example's (tests/terms/cases) fire every rule: what CI's .ci/run checks."""
    code, out, _ = run(capsys, "test", "--require-tests", "--lang", "zh", "--pack", str(terms_root))
    assert code == 0
    assert f"--require-tests：全部 {len(rules_of(Checker(terms_pack)))} 条规则都至少在一个用例中触发。" in out


def test_a_wrong_expectation_fails_with_a_readable_diff(capsys, tmp_path):
    broken = _broken_case_file(tmp_path)
    code, out, _ = run(capsys, "test", str(broken), "--lang", "zh")
    assert code == 1
    lines = out.splitlines()
    start = lines.index("  ✗ 民政局派独居老人走访，清单L13准入  〔" + f"{broken}:4:5〕")
    text = broken.read_text(encoding="utf-8")
    verdict_line = text[: text.index("verdict: forbidden")].count("\n") + 1
    flags_line = text[: text.index("flags: [over_capacity]")].count("\n") + 1
    assert lines[start + 1: start + 7] == [
        f"      verdict（第 {verdict_line} 行）",
        '        - 期望 "forbidden"',
        '        + 实际 "admitted"',
        f"      flags（第 {flags_line} 行）：缺少 over_capacity",
        '        - 期望 ["over_capacity"]',
        "        + 实际 []",
    ]
    assert "  ✓ 公安局只派入户走访，L01与L02并列按编号取L01" in lines  # the other cases still run
    assert lines[-1] == "合计：9 通过，1 失败（共 10 个用例）"


def test_junit_has_a_suite_per_file_and_the_diff_in_the_failure(capsys, tmp_path):
    broken = _broken_case_file(tmp_path)
    shutil.copy(CASES / "tasks/unlisted.yaml", tmp_path / "unlisted.yaml")
    code, out, _ = run(capsys, "test", str(tmp_path), "--format", "junit", "--lang", "zh")
    assert code == 1
    root = ET.fromstring(out)
    assert root.tag == "testsuites" and root.get("tests") == "12" and root.get("failures") == "1"
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert set(suites) == {"admitted.yaml", "unlisted.yaml"}
    assert suites["admitted.yaml"].get("failures") == "1" and suites["unlisted.yaml"].get("failures") == "0"
    (failed,) = [c for c in root.iter("testcase") if c.find("failure") is not None]
    assert failed.get("name") == "民政局派独居老人走访，清单L13准入" and failed.get("file") == str(broken)
    failure = failed.find("failure")
    assert 'verdict: 期望 "forbidden"，实际 "admitted"；flags: 缺少 over_capacity' in failure.get("message")
    assert '  - 期望 "forbidden"\n  + 实际 "admitted"' in failure.text


def test_json_carries_expected_and_actual(capsys, tmp_path):
    broken = _broken_case_file(tmp_path)
    code, out, _ = run(capsys, "test", str(broken), "--format", "json")
    assert code == 1
    doc = json.loads(out)
    assert doc["summary"] == {"cases": 10, "passed": 9, "failed": 1}
    case = next(c for c in doc["files"][0]["cases"] if not c["passed"])
    assert {"field": "verdict", "expected": "forbidden", "actual": "admitted"}.items() <= case["differences"][0].items()
    assert case["fired"] == ["item.L13"]


def test_require_tests_names_the_untested_rules(capsys):
    code, out, _ = run(capsys, "test", str(CASES / "tasks/admitted.yaml"), "--require-tests")
    assert code == 1  # every case passes, but most rules are not exercised by this one file
    assert "✗" in out and "  ✗ whistle.routine" in out and "  ✗ negative.F01" in out
    assert "  ✗ item.L13" not in out  # admitted.yaml admits by L13
    code, out, _ = run(capsys, "test", str(CASES / "tasks/admitted.yaml"), "--require-tests", "--format", "junit")
    suite = next(s for s in ET.fromstring(out).findall("testsuite") if s.get("name") == "require-tests")
    untested = {c.get("name") for c in suite.findall("testcase") if c.find("failure") is not None}
    assert "whistle.routine" in untested and "item.L13" not in untested


def test_default_path_is_the_packs_own_cases(capsys, pack_copy):
    (pack_copy / "cases").mkdir()
    shutil.copy(CASES / "tasks/unlisted.yaml", pack_copy / "cases" / "unlisted.yaml")
    code, out, _ = run(capsys, "test", "--pack", str(pack_copy), "--lang", "zh")
    assert code == 0
    assert "合计：2 通过，0 失败（共 2 个用例）" in out


def test_malformed_case_file_or_unloadable_pack_exits_2(capsys, tmp_path, pack_copy):
    bad = tmp_path / "bad.yaml"
    bad.write_text("kind: task\ncases:\n  - name: x\n    input: {}\n    expect: {verdit: admitted}\n", encoding="utf-8")
    code, _, err = run(capsys, "test", str(bad))
    assert code == 2 and "'verdit' is not a field of a task decision" in err
    (pack_copy / "risk.yaml").write_text("basis: x\n", encoding="utf-8")
    code, _, err = run(capsys, "test", str(CASES), "--pack", str(pack_copy))
    assert code == 2 and "risk.yaml" in err


def test_a_pack_that_cannot_decide_a_case_fails_it_as_an_error(capsys, pack_copy):
    # no deadline rule for significant events: routing refuses such an event
    deadlines = pack_copy / "events/deadlines.yaml"
    deadlines.write_text(deadlines.read_text(encoding="utf-8").replace(
        "when: {grade: significant}", "when: {grade: significant, life_threat: true}"), encoding="utf-8")
    code, out, _ = run(capsys, "test", str(CASES / "events/dispatch.yaml"), "--pack", str(pack_copy), "--format", "junit")
    assert code == 1
    errors = [c.find("error") for c in ET.fromstring(out).iter("testcase") if c.find("error") is not None]
    assert errors and "no deadline rule holds for grade significant" in errors[0].get("message")
    # a pack author reads it in Chinese too, with the file and line of the deadline rules
    code, out, _ = run(capsys, "test", str(CASES / "events/dispatch.yaml"), "--pack", str(pack_copy), "--format", "junit",
                       "--lang", "zh")
    errors = [c.find("error") for c in ET.fromstring(out).iter("testcase") if c.find("error") is not None]
    assert code == 1 and "没有一条时限规则适用于等级「significant」" in errors[0].get("message")
    assert "deadlines.yaml:" in errors[0].get("message")


def test_a_case_missing_a_field_or_with_an_unknown_one_is_said_in_chinese(capsys, tmp_path):
    broken = tmp_path / "c.yaml"
    broken.write_text(
        "kind: task\n"
        "cases:\n"
        "  - name: 甲\n"
        "    at: 2026-11-25T10:00:00+08:00\n"
        "    input: {id: T-1, title: 走访, department: minzheng, activities: [visit], start: 2026-12-01}\n"
        "  - nam: 乙\n"
        "    name: 乙\n"
        "    at: 2026-11-25T10:00:00+08:00\n"
        "    input: {id: T-2, title: 走访, department: minzheng, activities: [visit], start: 2026-12-01}\n"
        "    expect: {verdict: admitted}\n", encoding="utf-8")
    code, _, err = run(capsys, "test", str(broken), "--lang", "zh")
    assert code == 2
    assert "cases[0].expect: 缺少必填字段" in err, err
    assert "cases[1].nam: 没有这个字段" in err, err
    assert "Field required" not in err and "Extra inputs" not in err


def test_an_expected_field_s_typo_gets_a_did_you_mean(capsys, tmp_path):
    text = (CASES / "tasks/admitted.yaml").read_text(encoding="utf-8").replace("list_item: L13", "list_itme: L13", 1)
    (tmp_path / "admitted.yaml").write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "test", str(tmp_path / "admitted.yaml"), "--lang", "zh")
    assert code == 2 and out == ""
    assert f"{tmp_path / 'admitted.yaml'}:14:7: cases[0].expect: 「list_itme」不是任务判定的字段（是否指 list_item？）" in err


def test_a_refused_input_is_said_as_check_task_says_it(capsys, tmp_path):
    """At the field's line in the case file, the field by its label, with the did-you-mean check-task gives."""
    text = (CASES / "tasks/admitted.yaml").read_text(encoding="utf-8").replace("department: minzheng",
                                                                              "department: minzhen", 1)
    case = tmp_path / "admitted.yaml"
    case.write_text(text, encoding="utf-8")
    task = tmp_path / "task.yaml"
    task.write_text("id: T-014\ntitle: 独居老人走访摸排\ndepartment: minzhen\nactivities: [visit, report]\n"
                    "start: 2026-12-01\n", encoding="utf-8")
    code, _, err = run(capsys, "check-task", str(task), "--at", "2026-11-25", "--lang", "zh")
    said = "部门（department）: 找不到部门「minzhen」（是否指 区民政局（minzheng）？）"
    assert code == 2 and f"{task}:3:13: {said}" in err
    code, out, _ = run(capsys, "test", str(case), "--lang", "zh")
    assert code == 1
    assert f"      输入被拒绝：{case}:9:19: {said}" in out.splitlines()


def test_json_and_junit_say_the_differences_in_chinese(capsys, tmp_path):
    """--format json / junit under zh: each difference's text (and a rule left untested) in Chinese."""
    task = "{id: T-1, title: 走访, department: minzheng, activities: [visit, report], start: 2026-12-01}"
    refused = "{id: T-2, title: 走访, department: nosuch, activities: [visit], start: 2026-12-01}"
    cases = [("甲", task, "{verdict: forbidden, flags: [over_capacity], rules: [item.L01], not_rules: [item.L13]}"),
             ("乙", refused, "{verdict: admitted}"),
             ("丙", refused, "{error: 完全不同的原因}"),
             ("丁", task, "{error: 不认识}")]
    (tmp_path / "c.yaml").write_text("kind: task\ncases:\n" + "".join(
        f"  - name: {name}\n    at: 2026-11-25T10:00:00+08:00\n    input: {given}\n    expect: {expect}\n"
        for name, given, expect in cases), encoding="utf-8")
    code, out, _ = run(capsys, "test", str(tmp_path / "c.yaml"), "--format", "json", "--lang", "zh")
    assert code == 1
    said = [d["text"] for c in json.loads(out)["files"][0]["cases"] for d in c["differences"]]
    assert 'verdict: 期望 "forbidden"，实际 "admitted"' in said, said
    assert "flags: 缺少 over_capacity（期望 [\"over_capacity\"]，实际 []）" in said, said
    assert "rules: 判定依据中缺少 item.L01（实际依据：item.L13）" in said, said
    assert "not_rules: 不应出现在判定依据中，却出现了 item.L13" in said, said
    assert any(s.startswith("error: 输入被拒绝：") for s in said), said
    assert any(s.startswith("error: 期望拒绝原因包含 \"完全不同的原因\"，实际为：") for s in said), said
    assert "error: 期望输入被拒绝（不认识），实际却作出了判定" in said, said
    for text in said:
        assert not re.search(r"[A-Za-z]+ [A-Za-z]+ [A-Za-z]+", text), text
    code, out, _ = run(capsys, "test", str(tmp_path / "c.yaml"), "--format", "junit", "--require-tests", "--lang", "zh")
    suite = next(s for s in ET.fromstring(out).findall("testsuite") if s.get("name") == "require-tests")
    message = next(c.find("failure").get("message") for c in suite.findall("testcase") if c.get("name") == "item.L02")
    assert message == "规则 item.L02 没有任何用例使其触发（出现在判定依据中）。"


APPROVE_L18 = ["admission", "approve", str(pathlib.Path(__file__).resolve().parents[2] / "examples/application.yaml"),
               "--session", "2026-9", "--date", "2026-12-01"]


@pytest.fixture
def pack_with_cases(pack_copy):
    """A copy of the bundled pack with its decision cases (``pack_copy`` holds its policy files only)."""
    shutil.copytree(CASES, pack_copy / "cases")
    return pack_copy


def _case_blocks(out: str) -> dict[str, tuple[str, str]]:
    """What the failure says to add: for each rule, the case file named and the case's lines (as
    written in the file, up to the next heading or blank line)."""
    blocks, lines = {}, out.splitlines()
    for i, line in enumerate(lines):
        found = re.match(r"为 (\S+) 在 (\S+) 的 cases: 下加一例", line)
        if found:
            body = []
            for after in lines[i + 1:]:
                if not after.startswith("  "):
                    break
                body.append(after)
            blocks[found.group(1)] = (found.group(2), "\n".join(body))
    return blocks


def test_an_approved_item_without_cases_is_named_and_the_case_shown_for_it_makes_require_tests_pass(
        capsys, pack_with_cases, decisions_after_today):
    """The joint meeting approves L18 (examples/application.yaml: 区残联's 残疾人基本服务状况和需求信息入户核查):
    the approval's answer says test --require-tests will ask for its cases and where they go; the
    failure names the item by code and name and shows a case per rule it brings; those cases,
    added as shown, make --require-tests pass (the task of its lead owner naming the item, and a
    town relaying it, are admitted under it: policy §4 and §8)."""
    pack_copy = pack_with_cases
    pack = ["--pack", str(pack_copy), "--lang", "zh"]
    code, out, err = run(capsys, *APPROVE_L18, *pack, "--format", "json")
    assert code == 0 and json.loads(out)["written"] is True
    admitted, relay = pack_copy / "cases/tasks/admitted.yaml", pack_copy / "cases/tasks/relay.yaml"
    assert "gridrules test --require-tests 会因此失败" in err, err
    assert f"item.L18 写在 {admitted}" in err and f"relay.L18 写在 {relay}" in err, err

    code, out, _ = run(capsys, "test", *pack, "--require-tests")
    assert code == 1 and "  清单事项 L18「残疾人基本服务状况和需求信息入户核查」没有用例：item.L18、relay.L18" in out, out
    blocks = _case_blocks(out)
    assert {rule: file for rule, (file, _) in blocks.items()} == {"item.L18": str(admitted), "relay.L18": str(relay)}
    assert "department: canlian" in blocks["item.L18"][1] and "issued_by: town" in blocks["relay.L18"][1]
    for file, body in blocks.values():
        with open(file, "a", encoding="utf-8") as written:
            written.write("\n" + body + "\n")
    code, out, _ = run(capsys, "test", *pack, "--require-tests")
    assert code == 0 and "全部" in out and "L18" not in out.split("--require-tests")[-1], out


def test_a_pack_without_cases_hears_nothing_of_them_on_approval(capsys, pack_copy, decisions_after_today):
    code, out, err = run(capsys, *APPROVE_L18, "--pack", str(pack_copy), "--lang", "zh")
    assert code == 0 and "已纳入清单：L18" in out and "require-tests" not in err, err


def test_a_pack_whose_cases_hold_no_item_cases_is_told_to_start_a_file(capsys, pack_with_cases,
                                                                         decisions_after_today):
    """No case file to add to: a new one, with its kind and cases: lines."""
    pack_copy = pack_with_cases
    shutil.rmtree(pack_copy / "cases" / "tasks")
    code, _, err = run(capsys, *APPROVE_L18, "--pack", str(pack_copy), "--lang", "zh")
    new = pack_copy / "cases" / "tasks" / "items.yaml"
    assert code == 0 and f"item.L18 写在 {new}" in err, err
    code, out, _ = run(capsys, "test", "--pack", str(pack_copy), "--lang", "zh", "--require-tests")
    # the pack's first item, as every item lacks its cases now; the relay's case goes in the same new file
    assert code == 1 and f"为 item.L01 新建用例文件 {new}" in out and "\nkind: task\ncases:\n  - name: " in out, out
    assert f"为 relay.L01 在 {new} 的 cases: 下加一例" in out and out.count("kind: task") == 1, out


def test_the_approvals_note_on_cases_registers_no_ruleset_in_the_engine(capsys, pack_with_cases,
                                                                       decisions_after_today, monkeypatch):
    """Which rules the new item brings is the compiler's answer: a Checker for it registered the whole
    list's rulesets in the engine (at 10,000 items ~600 MB and 3 s of an approval's 5)."""
    import gridrules.engine.adapter as adapter

    real, created = adapter._core.create_ruleset, []
    monkeypatch.setattr(adapter._core, "create_ruleset", lambda name, text: created.append(name) or real(name, text))
    code, _, err = run(capsys, *APPROVE_L18, "--pack", str(pack_with_cases), "--lang", "zh")
    assert code == 0 and "item.L18 写在" in err, err
    assert created == []


def test_a_pack_folder_given_as_path_runs_its_own_cases_against_it(capsys, tmp_path):
    # as `lint PACK` and `validate PACK` read it; it had read every file of the pack as a case file (exit 2)
    county = pathlib.Path(__file__).resolve().parents[2] / "examples" / "county"
    code, out, err = run(capsys, "test", str(county), "--lang", "zh")
    assert code == 0, err
    assert re.search(r"合计：(\d+) 通过，0 失败", out)
    code, _, err = run(capsys, "test", str(county), "--pack", str(tmp_path))
    assert code == 2 and "--pack" in err


def test_cases_inside_a_pack_are_run_against_that_pack_unless_pack_says_otherwise(capsys, pack_copy):
    county = pathlib.Path(__file__).resolve().parents[2] / "examples" / "county"
    code, out, err = run(capsys, "test", str(county / "cases" / "tasks"), "--lang", "zh")
    assert code == 0, out + err  # against the bundled pack the county's departments and towns are unknown
    code, _, _ = run(capsys, "test", str(county / "cases" / "tasks"), "--pack", str(pack_copy))
    assert code == 2


def test_a_pack_named_twice_the_same_way_is_one_pack(capsys):
    code, _, err = run(capsys, "validate", str(CASES.parent), "--pack", str(CASES.parent) + "/")
    assert code == 0, err
