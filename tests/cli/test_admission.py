"""``gridrules admission`` on the command line, and the whole path the issue asks for.

new application -> review -> approve -> a matching task admitted -> amend ->
withdraw -> the task no longer admitted, on a copy of the bundled pack.
"""

from __future__ import annotations

import json
import pathlib

import yaml

from appdocs import CANLIAN, TASK_DAY, gridrules, snapshot, write_app
from gridrules.cli.main import main
import pytest

pytestmark = pytest.mark.usefixtures("decisions_after_today")  # sessions dated after the machine clock

EXAMPLES = pathlib.Path(__file__).resolve().parents[2] / "examples"
TASK = {"id": "T-9", "title": "残疾人需求入户核查", "department": "canlian", "activities": ["visit", "report"],
        "start": "2027-03-10"}


def run(capsys, args):
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def fill_form(path: pathlib.Path) -> None:
    """What a clerk does: fill the blank form's fields in the file (comments stay)."""
    text = path.read_text(encoding="utf-8")
    values = {k: v for k, v in CANLIAN.items() if k not in ("id", "applicant")}
    for key, value in values.items():
        if key == "training":
            text = text.replace("training:\n  owner:\n  plan:\n",
                                f"training:\n  owner: {value['owner']}\n  plan: {value['plan']}\n")
        elif isinstance(value, list):
            text = text.replace(f"\n{key}: []\n", f"\n{key}: [{', '.join(value)}]\n")
        else:
            text = text.replace(f"\n{key}:\n", f"\n{key}: {value}\n")
    path.write_text(text, encoding="utf-8")


def check(capsys, pack, task_file, at):
    code, out, _ = run(capsys, ["check-task", task_file, "--pack", pack, "--at", at, "--format", "json"])
    decision = json.loads(out)
    return code, decision["verdict"], decision["list_item"]


def test_the_whole_path_from_application_to_withdrawal(capsys, tmp_path, pack_copy):
    pack = str(pack_copy)
    form = tmp_path / "application.yaml"
    task = write_app(tmp_path, TASK, "task.json")

    assert run(capsys, ["admission", "new", str(form), "--pack", pack, "--id", CANLIAN["id"], "--applicant", "canlian"])[0] == 0
    code, out, _ = run(capsys, ["admission", "review", str(form), "--pack", pack, "--at", "2026-11-25T10:00:00+08:00"])
    assert code == 1 and "recommendation: return it to be completed (incomplete)" in out

    fill_form(form)
    code, out, _ = run(capsys, ["admission", "review", str(form), "--pack", pack, "--at", "2026-11-25T10:00:00+08:00"])
    assert code == 0, out
    assert "include it in the list (approve)" in out and "would be coded L18 if approved" in out and "listed work 54 hours/grid/month (items in force and temporary items 52, this item 2; limit 120)" in out
    assert check(capsys, pack, task, TASK_DAY) == (1, "needs_application", None)

    code, out, _ = run(capsys, ["admission", "approve", str(form), "--pack", pack, "--session", "2026-5", "--date", "2026-12-18",
                                "--lang", "zh"])
    assert code == 0 and "已纳入清单：L18" in out and "规则包版本 1.0.0 → 1.1.0" in out
    assert check(capsys, pack, task, TASK_DAY) == (0, "admitted", "L18")

    code, out, _ = run(capsys, ["admission", "amend", "L18", "--pack", pack, "--session", "2027-2", "--date", "2027-04-20",
                                "--hours", "3", "--subsidy", "60", "--end", "2029-12-31"])
    assert code == 0 and "hours_per_month: 2 → 3" in out and "effective.to: — → 2029-12-31" in out
    assert check(capsys, pack, task, "2027-05-10T09:00:00+08:00") == (0, "admitted", "L18")

    code, out, _ = run(capsys, ["admission", "withdraw", "L18", "--pack", pack, "--session", "2027-4", "--date", "2027-09-30",
                                "--effective", "2027-10-15", "--reason", "并入省级统一数据更新", "--lang", "zh"])
    assert code == 0 and "已撤销 L18" in out and "自 2027-10-15 起开始的工作不再准入" in out
    # withdrawn from 2027-10-15: its last day is 2027-10-14; work starting then or later is not covered
    starting = write_app(tmp_path, TASK | {"start": "2027-10-15"}, "starting.json")
    assert check(capsys, pack, starting, "2027-10-08T09:00:00+08:00") == (1, "needs_application", None)
    assert check(capsys, pack, starting, "2027-09-29T09:00:00+08:00") == (0, "admitted", "L18")  # not yet decided
    assert check(capsys, pack, task, "2027-10-20T09:00:00+08:00") == (0, "admitted", "L18")  # started 2027-03-10
    ending = write_app(tmp_path, TASK | {"end": "2027-10-15"}, "ending.json")
    assert check(capsys, pack, ending, "2027-10-20T09:00:00+08:00") == (1, "needs_application", None)

    code, out, _ = run(capsys, ["history", "--pack", pack, "--format", "json"])
    changes = json.loads(out)["changes"]
    assert [(c["action"], c["target"], c["decision"]["session"]) for c in changes] == [
        ("approve", "L18", "2026-5"), ("amend", "L18", "2027-2"), ("withdraw", "L18", "2027-4")]
    assert json.loads(out)["pack"]["version"] == "1.3.0"


def test_a_decision_dated_in_the_future_or_effective_before_it_exits_2(capsys, tmp_path, pack_copy):
    pack = str(pack_copy)  # today reads 2029-12-31 here (decisions_after_today)
    for args in (["withdraw", "L01", "--date", "2030-01-02"],
                 ["amend", "L01", "--date", "2030-01-02", "--hours", "3"],
                 ["withdraw", "L01", "--date", "2029-06-01", "--effective", "2029-05-31"]):
        code, _, err = run(capsys, ["admission", *args, "--pack", pack, "--session", "2029-3"])
        assert code == 2 and ("--date" in err or "--effective" in err), err
    code, out, _ = run(capsys, ["admission", "amend", "L01", "--date", "2029-06-01", "--effective", "2029-07-01",
                                "--hours", "7", "--pack", pack, "--session", "2029-3", "--format", "json"])
    assert code == 0 and json.loads(out)["change"]["decision"]["effective"] == "2029-07-01"
    # an amendment may not take effect before the item's last change does
    code, out, _ = run(capsys, ["admission", "amend", "L01", "--date", "2029-06-02", "--effective", "2029-06-15",
                                "--hours", "8", "--pack", pack, "--session", "2029-4"])
    assert code == 1 and "not written" in out and "2029-07-01" in out  # the tests run with --lang en


def test_review_json_and_exit_codes(capsys, tmp_path, pack_copy):
    good = str(EXAMPLES / "application.yaml")
    code, out, _ = run(capsys, ["admission", "review", good, "--format", "json", "--at", "2026-11-25T10:00:00+08:00"])
    report = json.loads(out)
    assert code == 0 and report["recommendation"] == "approve" and report["next_code"] == "L18"
    bad = write_app(tmp_path, CANLIAN | {"activities": ["visit", "enforce"]})
    code, out, _ = run(capsys, ["admission", "review", bad, "--format", "json", "--at", "2026-11-25T10:00:00+08:00"])
    assert code == 1 and [f["id"] for f in json.loads(out)["findings"]] == ["negative.F01"]


def test_a_malformed_application_exits_2_with_its_line(capsys, tmp_path):
    path = tmp_path / "app.yaml"
    path.write_text("id: APP-1\nitem: 走访\nhours_per_month: 三小时\n", encoding="utf-8")
    code, out, err = run(capsys, ["admission", "review", str(path)])
    assert code == 2 and out == ""
    assert f"{path}:3:18: hours_per_month: Input should be a valid number" in err


def test_a_refused_approval_exits_1_and_changes_nothing(capsys, tmp_path, pack_copy):
    before = snapshot(pack_copy)
    app = write_app(tmp_path, CANLIAN | {"subsidy": 0})
    code, out, _ = run(capsys, ["admission", "approve", app, "--pack", str(pack_copy), "--session", "2026-5",
                                "--date", "2026-12-18", "--format", "json"])
    result = json.loads(out)
    assert code == 1 and result["written"] is False and [f["id"] for f in result["findings"]] == ["subsidy"]
    assert snapshot(pack_copy) == before
    code, out, _ = run(capsys, ["admission", "approve", app, "--pack", str(pack_copy), "--session", "2026-5",
                                "--date", "2026-12-18", "--override", "预算下达前先行开展", "--lang", "zh"])
    assert code == 0 and "已纳入清单：L18" in out


def test_writing_to_the_bundled_pack_is_refused_with_the_way_out(capsys):
    code, _, err = run(capsys, ["admission", "approve", str(EXAMPLES / "application.yaml"), "--session", "2026-5",
                                "--date", "2026-12-18"])
    assert code == 2 and "the bundled rule pack cannot be changed" in err and "gridrules init DIR" in err


def test_reject_and_bad_options(capsys, tmp_path, pack_copy):
    app = write_app(tmp_path, CANLIAN)
    code, out, _ = run(capsys, ["admission", "reject", app, "--pack", str(pack_copy), "--session", "2026-5",
                                "--date", "2026-12-18", "--reason", "与省级工作重复", "--lang", "zh"])
    assert code == 0 and "不予纳入申请 APP-2026-017" in out and "1.0.0 → 1.0.1" in out
    code, _, err = run(capsys, ["admission", "withdraw", "L01", "--pack", str(pack_copy), "--session", "2026 5",
                                "--date", "2026-12-18"])
    assert code == 2 and "--session" in err
    code, _, err = run(capsys, ["admission", "withdraw", "L01", "--pack", str(pack_copy), "--session", "2026-5",
                                "--date", "2026-02-30"])
    assert code == 2 and "--date" in err and "not a real calendar date" in err
    code, _, err = run(capsys, ["admission", "amend", "L1", "--pack", str(pack_copy), "--session", "2026-5",
                                "--date", "2026-12-18", "--hours", "3"])
    assert code == 2 and "unknown list item 'L1'" in err


def test_new_writes_to_stdout_and_will_not_overwrite(capsys, tmp_path):
    code, out, _ = run(capsys, ["admission", "new", "--id", "APP-9"])
    assert code == 0 and yaml.safe_load(out)["id"] == "APP-9"
    path = tmp_path / "a.yaml"
    path.write_text("keep", encoding="utf-8")
    code, _, err = run(capsys, ["admission", "new", str(path)])
    assert code == 2 and "--force" in err and path.read_text(encoding="utf-8") == "keep"


def test_the_installed_command_runs_in_its_own_process(tmp_path, pack_copy):
    result = gridrules("admission", "review", str(EXAMPLES / "application.yaml"), "--pack", str(pack_copy),
                       "--at", "2026-11-25T10:00:00+08:00", "--format", "json")
    assert result.returncode == 0 and json.loads(result.stdout)["recommendation"] == "approve"


def test_the_example_is_a_complete_application(capsys):
    code, out, _ = run(capsys, ["admission", "review", str(EXAMPLES / "application.yaml"), "--at", "2026-11-25T10:00:00+08:00"])
    assert code == 0 and "findings (0):" in out, out


def test_a_refused_amendment_shows_the_findings_it_brings_not_an_applications_review(capsys, pack_copy):
    """A subsidy of 0 for L13's 4 hours is the one blocking finding the amendment brings; the item's
    own missing 依据 and 工作内容 are not the amendment's, and an amendment is no new application
    (it had been shown as '申请 L13 … 审定后编号：L18')."""
    before = snapshot(pack_copy)
    code, out, _ = run(capsys, ["admission", "amend", "L13", "--subsidy", "0", "--session", "2026-9",
                                "--date", "2026-12-01", "--pack", str(pack_copy), "--lang", "zh"])
    assert code == 1 and snapshot(pack_copy) == before
    assert out.startswith("阻断性意见（1）：\n") and "没有做到费随事转" in out  # no_subsidy (review.yaml)
    for said in ("申请 L13", "编号将为", "missing.basis", "missing.content", "subsidy"):
        assert said not in out, out
    code, out, _ = run(capsys, ["admission", "amend", "L13", "--subsidy", "0", "--session", "2026-9",
                                "--date", "2026-12-01", "--pack", str(pack_copy), "--format", "json"])
    assert code == 1 and [f["id"] for f in json.loads(out)["findings"]] == ["subsidy"]


def test_a_secretary_reads_the_review_and_the_refusal_in_words_a_developer_with_ids(capsys, tmp_path, pack_copy):
    """`admission review` and a refused `admission approve` wrote the findings' ids inside the Chinese
    (✗ [阻断·退回补正] missing.basis  申请未写明「依据」, 建议不予纳入（reject）): a secretary reads the
    words alone; --lang en and JSON keep the ids.  CANLIAN without 依据 and with no subsidy for 2 hours:
    missing.basis and subsidy, both blocking (review.yaml)."""
    app = write_app(tmp_path, {k: v for k, v in CANLIAN.items() if k != "basis"} | {"subsidy": 0})
    pack = ["--pack", str(pack_copy)]
    code, reviewed, _ = run(capsys, ["admission", "review", app, *pack, "--lang", "zh"])
    assert code == 1 and "申请未写明「依据」" in reviewed and "没有做到费随事转" in reviewed
    code, refused, _ = run(capsys, ["admission", "approve", app, *pack, "--session", "2026-5", "--date", "2026-12-18",
                                    "--lang", "zh"])
    assert code == 1 and "申请未写明「依据」" in refused and "不能批准" in refused
    for out in (reviewed, refused):
        assert "审查建议：建议退回补正 —— " in out, out
        for said in ("missing.basis", "subsidy", "（incomplete）"):
            assert said not in out, out
    code, out, _ = run(capsys, ["admission", "review", app, *pack, "--lang", "en"])
    assert code == 1 and "missing.basis  申请未写明「依据」" in out and "(incomplete)" in out
    code, out, _ = run(capsys, ["admission", "review", app, *pack, "--lang", "zh", "--format", "json"])
    assert code == 1 and [f["id"] for f in json.loads(out)["findings"]] == ["missing.basis", "subsidy"]


@pytest.mark.parametrize("option, written", [("--hours", "1e1"), ("--hours", "infinity"), ("--subsidy", "1_000"),
                                             ("--subsidy", "1e3")])
def test_an_amendments_numbers_are_plain_decimals(capsys, pack_copy, option, written):
    """float() had read 1e1 hours and a subsidy of 1_000 元 (or refused infinity only as not finite)."""
    before = snapshot(pack_copy)
    code, _, err = run(capsys, ["admission", "amend", "L13", option, written, "--session", "2026-9",
                                "--date", "2026-12-01", "--pack", str(pack_copy), "--lang", "zh"])
    assert code == 2 and f"  {option}: 「{written}」不是数字" in err and snapshot(pack_copy) == before, err


def test_a_subsidy_may_be_amended_to_none_as_import_items_proposes_it(capsys, pack_copy):
    """import items proposes `--subsidy 'none'` for a cleared 补贴 cell: the command it shows must run.
    No subsidy for L13's 4 hours (policy: 80 元) is the policy's 费随事转 finding, not a field left unwritten
    (review9 #9: 'none' is stated): refused without --override, recorded with one."""
    args = ["admission", "amend", "L13", "--session", "2026-9", "--date", "2026-12-01", "--pack", str(pack_copy)]
    code, out, _ = run(capsys, args + ["--subsidy", "none", "--format", "json"])
    assert code == 1 and [f["id"] for f in json.loads(out)["findings"]] == ["subsidy"]
    code, _, err = run(capsys, args + ["--subsidy", "三十"])
    assert code == 2 and "--subsidy" in err and "三十" in err
    code, _, _ = run(capsys, args + ["--subsidy", "none", "--override", "区财政统一拨付，不另设补贴"])
    from gridrules.engine.loading import load_pack

    assert code == 0 and load_pack(pack_copy).item_versions["L13"][-1].subsidy is None


def test_dates_and_sessions_are_read_as_a_secretary_writes_them(capsys, pack_copy):
    """--date 2026年12月1日 (or 2026/12/1) and --session 2026年第9次会议 read as 2026-12-01 and 2026-9; the
    answer shows the day as the pack records it; a day that is none is still refused."""
    pack = ["--pack", str(pack_copy)]
    code, out, err = run(capsys, ["admission", "amend", "L13", "--hours", "5", "--session", "2026年第9次会议",
                                  "--date", "2026年12月1日", "--effective", "2027/1/1", "--lang", "zh", *pack])
    assert code == 0, err
    assert "联席会议2026年第9次会议（2026-12-01）决定，自 2027-01-01 起施行" in out, out
    code, out, _ = run(capsys, ["history", "--format", "json", *pack])
    (change,) = json.loads(out)["changes"]
    assert (change["decision"]["session"], change["decision"]["date"]) == ("2026-9", "2026-12-01")
    code, _, err = run(capsys, ["admission", "withdraw", "L12", "--session", "2026-9", "--date", "2026/13/1", *pack])
    assert code == 2 and "--date" in err


def test_a_session_not_written_as_one_is_refused_with_its_form_and_the_packs_own_example(capsys, pack_copy):
    """第2次 (no year) was refused as "应为编号" alone; the secretary is told the form, with the pack's own
    latest session as the example: the bundled pack's items were all approved at 2024-4 (2024-12-20)."""
    before = snapshot(pack_copy)
    code, _, err = run(capsys, ["admission", "withdraw", "L04", "--pack", str(pack_copy), "--session", "第2次",
                                "--date", "2026-11-30", "--reason", "试", "--lang", "zh"])
    assert code == 2
    assert "--session: 「第2次」不是会议届次的写法：写成“年份-第几次”，如 2024-4（也可写成 2024年第4次会议）" in err, err
    assert snapshot(pack_copy) == before
