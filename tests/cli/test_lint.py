"""``gridrules lint``: exit codes, and the text, JSON and SARIF 2.1.0 outputs."""

from __future__ import annotations

import json

from gridrules.cli.main import main
from packedits import apply_edit, position


def run(capsys, *args):
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def _plant_negative_activity(pack_copy):
    apply_edit(pack_copy, {"file": "admission/items.yaml", "replace": "    activities: [report, assist]",
                           "with": "    activities: [report, assist, treat]"})
    text = (pack_copy / "admission/items.yaml").read_text(encoding="utf-8")
    return position(text, "treat]")


def test_bundled_pack_lints_without_errors(capsys):
    code, out, _ = run(capsys, "lint", "--lang", "zh", "--at", "2026-11-25")
    assert code == 0
    assert out.startswith("gridrules lint：dazu-grid ")
    assert "判定日 2026-11-25" in out
    assert "\nadmission/items.yaml（" in out  # grouped by file
    assert ": 警告 GR106 item-shadowed: " in out
    assert out.rstrip().endswith("合计：0 个错误，7 个警告，8 条提示")  # the README's warnings; GR105 ×7, GR303
    code, out, _ = run(capsys, "lint", "--at", "2026-11-25")  # the developers' English around the findings
    assert out.startswith("gridrules lint: dazu-grid ") and "judged on 2026-11-25" in out
    assert out.rstrip().endswith("total: 0 error(s), 7 warning(s), 8 info")


def test_fail_on_decides_the_exit_code(capsys):
    assert run(capsys, "lint", "--at", "2026-11-25", "--fail-on", "warning")[0] == 1
    assert run(capsys, "lint", "--at", "2026-11-25", "--fail-on", "info")[0] == 1
    assert run(capsys, "lint", "--at", "2026-11-25", "--fail-on", "error")[0] == 0


def test_an_error_exits_1_with_its_location(capsys, pack_copy):
    line, col = _plant_negative_activity(pack_copy)
    code, out, _ = run(capsys, "lint", str(pack_copy), "--at", "2026-11-25", "--lang", "zh")
    assert code == 1
    assert (f"{pack_copy}/admission/items.yaml:{line}:{col}: 错误 GR101 item-negative-activity: "
            "清单事项 L17「公共卫生事件报告，协助排查」的活动 专业诊疗与判断（treat） 在负面清单上（F10") in out


def test_unloadable_pack_exits_2_and_still_reports(capsys, pack_copy):
    (pack_copy / "risk.yaml").write_text("basis: x\nlevels: []\ndefault: low\n", encoding="utf-8")
    code, out, _ = run(capsys, "lint", str(pack_copy), "--format", "json")
    assert code == 2
    doc = json.loads(out)
    assert doc["loaded"] is False and doc["pack"] is None
    assert doc["findings"][0]["code"] == "GR001" and doc["findings"][0]["line"] == 2


def test_json_lists_findings_and_checks(capsys):
    code, out, _ = run(capsys, "lint", "--format", "json", "--at", "2026-11-25", "--lang", "zh")
    assert code == 0
    doc = json.loads(out)
    assert doc["summary"] == {"error": 0, "warning": 7, "info": 8}
    assert doc["judged_on"] == "2026-11-25"
    shadowed = next(f for f in doc["findings"] if f["code"] == "GR106")
    assert shadowed["file"] == "admission/items.yaml" and shadowed["subject"] == "L02"
    assert shadowed["line"] and shadowed["col"] and shadowed["related"][0]["what"] == "清单事项 L01"
    assert {c["code"] for c in doc["checks"]} >= {"GR001", "GR101", "GR201", "GR501", "GR502"}


def test_sarif_has_the_fields_code_scanning_requires(capsys, pack_copy, monkeypatch):
    line, col = _plant_negative_activity(pack_copy)
    monkeypatch.chdir(pack_copy.parent)  # paths inside the working directory are written relative to it
    code, out, _ = run(capsys, "lint", "pack", "--format", "sarif", "--at", "2026-11-25", "--lang", "zh")
    assert code == 1
    log = json.loads(out)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    (sarif_run,) = log["runs"]
    driver = sarif_run["tool"]["driver"]
    assert driver["name"] == "gridrules lint" and driver["version"]
    rules = driver["rules"]
    for rule in rules:
        assert rule["id"] and rule["shortDescription"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    levels = {r["id"]: r["defaultConfiguration"]["level"] for r in rules}
    assert levels["GR101"] == "error" and levels["GR106"] == "warning" and levels["GR105"] == "note"
    result = next(r for r in sarif_run["results"] if r["ruleId"] == "GR101")
    assert rules[result["ruleIndex"]]["id"] == "GR101"
    assert result["level"] == "error" and "（treat）" in result["message"]["text"]
    assert rules[result["ruleIndex"]]["shortDescription"]["text"] == "清单事项含负面清单上的活动：任何审批都不能把它交给网格员"
    physical = result["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"] == {"uri": "pack/admission/items.yaml", "uriBaseId": "%SRCROOT%"}
    assert physical["region"] == {"startLine": line, "startColumn": col}
    assert sarif_run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == pack_copy.parent.as_uri() + "/"
    assert sarif_run["invocations"] == [{"executionSuccessful": True}]
    # every result names a rule the driver lists, at its index
    for r in sarif_run["results"]:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"] and r["message"]["text"]


def test_at_accepts_a_moment_with_offset_and_refuses_nonsense(capsys):
    assert run(capsys, "lint", "--at", "2026-11-25T23:30:00+08:00")[0] == 0
    code, _, err = run(capsys, "lint", "--at", "yesterday")
    assert code == 2 and "--at" in err


def test_min_severity_and_ignore_leave_findings_out_of_the_output_and_the_exit_code(capsys):
    code, out, _ = run(capsys, "lint", "--at", "2026-11-25", "--min-severity", "warning", "--fail-on", "info")
    assert code == 1  # warnings still shown, and reach info
    assert " info " not in out and " warning GR106 " in out
    assert "total: 0 error(s), 7 warning(s), 0 info\n8 more left out by --min-severity / --ignore" in out
    # every warning's code ignored (two ways of writing them): nothing reaches --fail-on warning
    code, out, _ = run(capsys, "lint", "--at", "2026-11-25", "--fail-on", "warning",
                       "--ignore", "GR106,gr103", "--ignore", "GR401,GR403", "--format", "json")
    found = json.loads(out)
    assert code == 0
    assert found["summary"] == {"error": 0, "warning": 0, "info": 8} and found["hidden"] == 7
    assert {f["code"] for f in found["findings"]} == {"GR105", "GR303"}


def test_ignoring_an_unknown_code_is_a_usage_error(capsys):
    code, _, err = run(capsys, "lint", "--ignore", "GR011")
    assert code == 2
    assert "no check has the code 'GR011' (did you mean 'GR101'?)" in err  # two digits swapped
    code, _, err = run(capsys, "lint", "--ignore", "GR10")
    # a digit short of nine codes (GR101-GR109): no one of them is what was meant, none is suggested
    assert code == 2 and "no check has the code 'GR10'" in err and "did you mean" not in err
