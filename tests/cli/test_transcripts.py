"""What each kind of user does, as the documentation shows it, run in Chinese at 80 columns.

Every command here is quoted from the docs (README's quick start for a department clerk,
docs/secretaries.md, docs/dispatchers.md, docs/operators.md, docs/packs.md): a test fails when the docs and the commands part.
The expected words are the bundled pack's data (organization/, admission/items.yaml) and the
tool's catalogue, checked by hand against them."""

from __future__ import annotations

import json
import pathlib
import re
import shlex
import shutil
import subprocess
import time

import pytest

from clirun import run
from gridrules.cli.columns import width

ROOT = pathlib.Path(__file__).resolve().parents[2]
DOCS = {"clerk": ROOT / "README.md", "secretary": ROOT / "docs" / "secretaries.md",
        "dispatcher": ROOT / "docs" / "dispatchers.md", "operator": ROOT / "docs" / "operators.md",
        "district": ROOT / "docs" / "packs.md"}


@pytest.fixture
def chinese_80(monkeypatch):
    monkeypatch.setenv("GRIDRULES_LANG", "zh")
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.chdir(ROOT)


def shown(user: str) -> list[str]:
    """The gridrules commands in the ```sh blocks of the user's document."""
    text = DOCS[user].read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", text, flags=re.S)
    return [line.strip() for block in blocks for line in block.splitlines()
            if line.strip().startswith(("gridrules ", "sqlite3 "))]


def do(capsys, monkeypatch, user: str, command: str, pack: pathlib.Path | None = None):
    assert command in shown(user), f"not in {DOCS[user].name}: {command}"
    args = shlex.split(command)[1:]
    if pack is not None:
        args = [str(pack) if a == "规则包" else a for a in args]
    return run(capsys, monkeypatch, args)


def test_a_clerk_checks_a_task_written_with_names(capsys, monkeypatch, chinese_80, tmp_path):
    code, out, err = do(capsys, monkeypatch, "clerk", "gridrules check-task examples/走访任务.yaml --at 2026-12-01")
    assert code == 0 and err == ""
    assert "结论：准入：可以交给网格员（清单事项 L13「" in out
    assert "承担层级：网格（由网格员在网格承担）" in out
    assert "按名称识别：部门（department）「区民政局」→ minzheng" in out
    code, out, _ = do(capsys, monkeypatch, "clerk", "gridrules show departments 民政")
    assert code == 0 and "minzheng  区民政局" in out and "（1）" in out
    code, out, _ = do(capsys, monkeypatch, "clerk", "gridrules show activities")
    assert "visit" in out and "入户走访" in out and "负面清单 F01：不得交给网格员" in out
    # a mistyped name: the field in Chinese with its id, the line and column, a did-you-mean by name
    bad = tmp_path / "任务.yaml"
    bad.write_text((ROOT / "examples" / "走访任务.yaml").read_text(encoding="utf-8").replace("区民政局", "区民证局"),
                   encoding="utf-8")
    code, out, err = run(capsys, monkeypatch, ["check-task", str(bad), "--at", "2026-12-01"])
    assert code == 2 and out == ""
    assert f"{bad}:4:13: 部门（department）: 找不到部门「区民证局」（是否指 区民政局（minzheng）？）" in err
    assert "gridrules: 输入有误：" in err and "Traceback" not in err
    code, out, _ = run(capsys, monkeypatch, ["check-task", "--help"])
    assert code == 0 and "判断一项任务能否交给网格员" in out and "用法：" in out


def test_a_secretary_reviews_approves_amends_and_withdraws(capsys, monkeypatch, chinese_80, tmp_path):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    pack = tmp_path / "规则包"

    def step(command: str):
        return do(capsys, monkeypatch, "secretary", command)

    assert step("gridrules init 规则包")[0] == 0
    code, out, _ = step("gridrules validate --pack 规则包")
    assert code == 0 and out.startswith("规则包有效：dazu-grid 1.0.0")
    code, out, err = step("gridrules admission new 申请.yaml --id APP-2027-003 --applicant 残联 --pack 规则包")
    assert code == 0 and "applicant: canlian" in (tmp_path / "申请.yaml").read_text(encoding="utf-8")
    # the department fills the form in (as examples/application.yaml is) and hands it over
    filled = (ROOT / "examples" / "application.yaml").read_text(encoding="utf-8").replace("APP-2026-017", "APP-2027-003")
    (tmp_path / "申请.yaml").write_text(filled, encoding="utf-8")
    code, out, _ = step("gridrules admission review 申请.yaml --at 2026-11-20 --pack 规则包")
    assert code == 0 and "审查建议：建议同意纳入" in out and "如审定纳入，编号将为 L18" in out
    code, out, _ = step("gridrules admission approve 申请.yaml --session 2026-6 --date 2026-11-27 --pack 规则包")
    # the day it takes effect is said (the application's start, examples/application.yaml), not left to a note
    # on stderr given only when that day is after today
    assert code == 0 and "已纳入清单：L18「残疾人基本服务状况和需求信息入户核查」，联席会议2026年第6次会议（2026-11-27）决定，" \
                         "自 2027-03-01 起施行" in out
    code, out, _ = step("gridrules admission amend L18 --session 2026-7 --date 2026-11-28 --effective 2027-05-01 --hours 3 --subsidy 60 --pack 规则包")
    assert code == 0 and "每网格每月工作量（小时）：2 → 3" in out and "工作补贴（元/网格/月）：40 → 60" in out
    assert "hours_per_month" not in out
    code, out, _ = step("gridrules admission withdraw L18 --session 2026-8 --date 2026-11-28 --effective 2027-10-01 --pack 规则包")
    assert code == 0 and "联席会议2026年第8次会议（2026-11-28）决定" in out and "自 2027-10-01 起开始的工作不再准入" in out
    code, out, _ = step("gridrules temporary approve --town 棠香 --ref TX-2026-12 --date 2026-11-27 --work 春节前独居老人安全走访 "
                        "--activities 走访,关怀帮扶 --from 2026-12-05 --to 2027-02-28 --hours 2 --pack 规则包")
    assert code == 0 and "已记录棠香街道专题研究批复 TX-2026-12" in out
    code, out, _ = step("gridrules temporary list --pack 规则包 --at 2026-12-10")
    assert "TX-2026-12" in out and "有效" in out
    code, out, _ = step("gridrules history --pack 规则包")
    assert code == 0
    assert not re.search(r"APP-20[0-9]*\s*$", out, flags=re.M)  # an id is never cut at a line's end
    assert all(width(line) <= 80 for line in out.splitlines() if "sha256:" not in line)
    code, out, _ = run(capsys, monkeypatch, ["history", "--pack", str(pack), "--wide"])
    assert "联席会议2026年第6次会议（2026-11-27）" in out and "审查建议同意纳入" in out
    assert step("gridrules history verify --pack 规则包")[0] == 0
    code, out, _ = step("gridrules expiring --within 60d --at 2027-09-01 --pack 规则包")
    assert code == 0 and "L18" in out and "2027-09-30" in out  # withdrawn from 10-01: its last day is the day before
    assert pack.is_dir()



def test_a_secretary_exports_edits_and_imports_the_list(capsys, monkeypatch, chinese_80, tmp_path):
    """docs/secretaries.md section 7: what an import proposes and refuses, run on the bundled pack's copy.
    Expected values: L13 has 4 hours and 80 元, L02 4 hours (admission/items.yaml); L01 is row 3 under the
    title and the header, so L02 is row 4 and L13 row 15; 工作量 is the 7th column (G)."""
    import openpyxl

    monkeypatch.chdir(tmp_path)

    def step(command: str):
        return do(capsys, monkeypatch, "secretary", command)

    assert step("gridrules init 规则包")[0] == 0
    code, _, err = step("gridrules export items --xlsx 清单.xlsx --at 2026-12-01 --pack 规则包")
    assert code == 0 and "清单.xlsx" in err
    code, _, _ = step("gridrules export temporary --xlsx 临时事项.xlsx --at 2026-12-10 --pack 规则包")
    assert code == 0
    book = openpyxl.load_workbook("清单.xlsx")
    sheet = book.active
    assert sheet is not None
    assert str(sheet["A1"].value).endswith("（截至 2026-12-01：有效及待生效；已记变更 0 条）")
    code, out, _ = step("gridrules import items 清单.xlsx --pack 规则包")
    assert code == 0 and "与清单一致 17，修订 0，新增 0" in out  # policy §4's 17 items, as exported
    headers = [c.value for c in sheet[2]]
    assert headers[6:8] == ["工作量（小时/网格/月）", "补贴（元/网格/月）"]  # the units of the numbers to type
    headers = [h.split("（", 1)[0] for h in headers]  # the columns as the secretary names them
    col = {h: i + 1 for i, h in enumerate(headers)}
    assert sheet.cell(15, 1).value == "L13" and sheet.cell(4, 1).value == "L02"
    sheet.cell(15, col["工作量"]).value = 3  # amend L13: 4 hours -> 3
    new = {"事项名称": "残疾人辅助器具需求入户登记", "职责": "D03", "责任部门": "区残联", "工作内容": "入户登记辅助器具需求并上报",
           "依据": "《残疾人保障法》第十条", "频次": "每季度", "工作量": 1, "补贴": 20, "培训": "区残联",
           "培训计划": "登记前集中培训半天", "有效期": "2027-06-01 至 长期", "活动": "入户走访、发现报告", "风险": "低",
           "类别": "民生需求项目"}
    sheet.append([new.get(h) for h in headers])  # a new row, filled like the exported ones
    sheet.delete_rows(16)  # L14's row
    book.save("清单.xlsx")
    code, out, err = step("gridrules import items 清单.xlsx --out 申请 --pack 规则包")
    assert code == 0, out + err
    assert "工作量：4 → 3" in out and "gridrules admission amend L13 --hours 3 --session SESSION" in out
    assert "新增事项申请 APP-20261201-" in out and "审查建议：建议同意纳入" in out
    assert "清单中有、表中没有的事项：反诈及防范非法集资宣传（L14）" in out  # a deleted row withdraws nothing
    assert len(list((tmp_path / "申请").glob("APP-20261201-*.yaml"))) == 1
    # a change recorded after the export: the row that differs from L13 is refused, nothing is reviewed
    code, _, _ = run(capsys, monkeypatch, ["admission", "amend", "L13", "--session", "2026-9", "--date", "2026-11-30",
                                           "--hours", "5", "--pack", "规则包"])
    assert code == 0
    code, out, err = step("gridrules import items 清单.xlsx --pack 规则包")
    assert code == 2 and out == ""
    assert "网格化服务管理工作清单（准入清单）!A15: 编号: 这张表导出时已记变更 0 条，之后事项 L13 又有变更（变更记录第 1 条，" in err
    # a blank where the list always has a value is refused at its cell (export again first: the table is stale)
    assert step("gridrules export items --xlsx 清单.xlsx --at 2026-12-01 --pack 规则包")[0] == 0
    book = openpyxl.load_workbook("清单.xlsx")
    sheet = book.active
    assert sheet is not None
    sheet.cell(4, col["工作量"]).value = None
    book.save("清单.xlsx")
    code, out, err = step("gridrules import items 清单.xlsx --pack 规则包")
    assert code == 2 and "网格化服务管理工作清单（准入清单）!G4: 工作量: 清单事项 L02 的「工作量」不能留空：" in err

def test_a_dispatcher_routes_by_name_and_reads_json(capsys, monkeypatch, chinese_80):
    code, out, _ = do(capsys, monkeypatch, "dispatcher", "gridrules route examples/燃气事件.yaml")
    assert code == 0
    # the grid that blows the whistle by its name, as the event gave it (网格吹哨)
    assert "吹哨：应急哨（和平社区01网格吹哨）→ 区住房城乡建委 须在 30分钟内报到" in out and "PT30M" not in out
    assert "按名称识别：事件类型（type）「燃气泄漏」→ AQ03；网格（grid）「和平社区01网格」→ tangxiang-heping-01" in out
    code, out, _ = do(capsys, monkeypatch, "dispatcher", "gridrules route examples/event.yaml --format json")
    decision = json.loads(out)
    assert (decision["type"], decision["level"], decision["whistle"]) == ("MD02", "community", None)
    code, out, _ = do(capsys, monkeypatch, "dispatcher", "gridrules show types 燃气")
    assert "AQ03" in out and "燃气泄漏" in out
    code, out, _ = do(capsys, monkeypatch, "dispatcher", "gridrules show grids 和平")
    assert "网格（3）" in out and "tangxiang-heping-03" in out


def shown_outputs(user: str) -> list[tuple[str, str]]:
    """(command, output) for each ``<!-- output: COMMAND -->`` block of the user's document."""
    text = DOCS[user].read_text(encoding="utf-8")
    return re.findall(r"<!-- output: (gridrules [^\n]*?) -->\n```\n(.*?)```", text, flags=re.S)


def test_the_readmes_decisions_are_what_the_commands_print(capsys, monkeypatch, chinese_80):
    """README's task and event decisions, word for word as check-task and route print them (the digest
    cut short there: it names the pack's version, which every change moves); the event's 下一步 among them."""
    outputs = shown_outputs("clerk")
    assert [command for command, _ in outputs] == ["gridrules check-task examples/task.yaml",
                                                    "gridrules route examples/event.yaml"]
    for command, block in outputs:
        code, out, err = run(capsys, monkeypatch, shlex.split(command)[1:])
        assert code == 0 and err == ""
        assert re.sub(r"sha256:[0-9a-f]{64}", "sha256:…", out) == block, command
    assert "下一步：\n  · 由和平社区（村(社区)）在 2026-11-26 15:00 前响应" in outputs[1][1]


def test_the_readmes_command_table_names_every_command():
    """README's table under "## Commands" names every command and subcommand the CLI has."""
    from gridrules.cli.conventions import commands
    from gridrules.cli.main import cli

    table = DOCS["clerk"].read_text(encoding="utf-8").split("\n## Commands\n\n", 1)[1].split("\n\n", 1)[0]
    spans = [re.sub(r"[\[\]]", " ", span.replace("\\|", "|")).split()
             for row in table.splitlines() for span in re.findall(r"`([^`]*)`", row.split(" | ")[0])]
    said = [[set(word.split("|")) for word in span[1:]] for span in spans if span[:1] == ["gridrules"]]
    missing = [path for path, _ in commands(cli) if path and not any(
        path.split()[0] in words[0] and all(any(name in w for w in words[1:]) for name in path.split()[1:])
        for words in said if words)]
    assert missing == []


@pytest.mark.parametrize("args", [
    ["show"], ["show", "items", "--all", "--at", "2026-12-01"], ["show", "negative"], ["show", "events"],
    ["show", "roles"], ["show", "grids"], ["temporary", "list", "--all", "--at", "2026-12-01"], ["history"],
    ["expiring", "--within", "400d", "--at", "2026-12-01"],
])
def test_tables_fit_80_columns_and_never_break_an_id(capsys, monkeypatch, chinese_80, pack, args):
    code, out, _ = run(capsys, monkeypatch, args)
    assert code == 0
    lines = [line for line in out.splitlines() if "sha256:" not in line]
    assert all(width(line) <= 80 for line in lines), max(lines, key=width)
    ids = [i.id for i in pack.items] + list(pack.departments) + [a.ref for a in pack.approvals] + list(pack.event_types)
    text = "\n".join(lines)
    for found in ids:  # an id in the output stands whole on one line
        if found in out:
            assert found in text


def test_wide_keeps_one_line_per_row(capsys, monkeypatch, chinese_80):
    code, out, _ = run(capsys, monkeypatch, ["show", "items", "--wide", "--at", "2026-12-01"])
    rows = [line for line in out.splitlines() if re.match(r"^L[0-9]{2} ", line)]
    assert code == 0 and len(rows) == 17 and max(width(r) for r in rows) > 80


def test_a_review_with_findings_fits_80_columns_and_never_breaks_an_id(capsys, monkeypatch, chinese_80, tmp_path):
    """A review whose findings are long (a negative-list activity, the workload over its limit):
    wrapped under their marks at 80 columns, each id whole; ``--wide`` keeps one line each.  A secretary
    reads the findings in words; the ids (negative.F01, capacity) are the developers' (--lang en)."""
    app = tmp_path / "申请.yaml"
    app.write_text((ROOT / "examples" / "application.yaml").read_text(encoding="utf-8")
                   .replace("activities: [visit, collect_info, report]", "activities: [visit, report, enforce]")
                   .replace("hours_per_month: 2", "hours_per_month: 90"), encoding="utf-8")
    args = ["admission", "review", str(app), "--at", "2026-11-20"]
    code, out, _ = run(capsys, monkeypatch, args)
    assert code == 1
    lines = out.splitlines()
    assert all(width(line) <= 80 for line in lines), max(lines, key=width)
    for found in ("APP-2026-017", "L18", "sha256:"):
        assert any(found in line for line in lines), found
    assert "negative.F01" not in out and "capacity" not in out
    assert re.search(r"^      依据：负面清单 F01$", out, flags=re.M)  # the basis under its finding
    assert max(width(line) for line in lines) > 70  # the room is used, not wasted
    code, wide, _ = run(capsys, monkeypatch, [*args, "--wide"])
    assert any(width(line) > 80 and "负面清单 F01" in line and "任何审批都不能交给网格员" in line
               for line in wide.splitlines())
    code, out, _ = run(capsys, monkeypatch, [*args, "--lang", "en"])
    lines = out.splitlines()
    assert code == 1 and all(width(line) <= 80 for line in lines), max(lines, key=width)
    for found in ("negative.F01", "capacity"):
        assert any(found in line for line in lines), found


def test_an_operator_deploys_serves_rotates_a_token_and_backs_up_the_log(capsys, monkeypatch, chinese_80, tmp_path):
    """docs/operators.md, in order: the pack and the token, a real ``gridrules serve`` as the document starts it
    (on a free port), the token rotated, the SQLite log backed up while served, a retried decision found twice."""
    import httpx

    from servicekit import TASK, bearer, free_port, stop, wait_until_up
    from appdocs import COMMAND

    monkeypatch.chdir(tmp_path)

    def step(command: str):
        return do(capsys, monkeypatch, "operator", command)

    assert step("gridrules init 规则包")[0] == 0
    assert step("gridrules validate 规则包")[0] == 0
    code, first, err = step("gridrules token issue --role dispatch --note 区综治派单系统 --config 服务配置.json --pack 规则包")
    assert code == 0 and first.strip().startswith("grs_") and "服务配置.json" in err
    serve = "gridrules serve --pack 规则包 --config 服务配置.json --port 8080 --workers 2"
    assert serve in shown("operator")
    port = free_port()
    args = [str(port) if a == "8080" else a for a in shlex.split(serve)[1:]]
    process = subprocess.Popen([*COMMAND, *args], cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, process)
        health = httpx.get(f"{base}/healthz", timeout=30).json()
        assert set(health) == {"status", "log", "config", "config_refused_since", "digest", "worker", "pack_problem"}
        assert (health["status"], health["log"], health["config"]) == ("ok", "ok", "ok")
        for _ in range(2):  # a retry after a timeout, with the first request's ?at=: logged twice
            r = httpx.post(f"{base}/v1/tasks/check", json=TASK, params={"at": "2026-12-01T10:00:00+08:00"},
                           headers=bearer(first.strip()), timeout=30)
            assert r.status_code == 200, r.text
        # section 5: the log backed up while the service runs, and the copy verified
        code, out, _ = step("gridrules log backup --log decisions.sqlite 备份-2026-12-02.sqlite")
        assert code == 0 and "2 条记录" in out and "核对完好" in out
    finally:
        stop(process)
    # section 4: rotating -- a new token, then the old one revoked
    code, out, _ = step("gridrules token list --config 服务配置.json --pack 规则包")
    old_id = re.search(r"tok-[0-9a-f]{8}", out).group(0)
    code, second, _ = step("gridrules token issue --role dispatch --note 区综治派单系统2027 --config 服务配置.json --pack 规则包")
    assert code == 0 and second.strip() != first.strip()
    revoke = "gridrules token revoke tok-44536623 --config 服务配置.json"
    assert revoke in shown("operator")
    assert run(capsys, monkeypatch, [old_id if a == "tok-44536623" else a for a in shlex.split(revoke)[1:]])[0] == 0
    code, out, _ = step("gridrules token list --config 服务配置.json --pack 规则包")
    # the old one stays listed, revoked (the log's records name it), at the district's time as it was issued
    row = next(line for line in out.splitlines() if line.startswith(old_id))
    assert len(re.findall(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00", row)) == 2, row
    assert "区综治派单系统2027" in "".join(out.split())  # the note, wrapped at 80 columns
    # section 6: the retried decision is found twice: same kind, role, pack digest and input
    export = "gridrules log export --log decisions.sqlite --pack 规则包 > 决定.jsonl"
    assert export in shown("operator")
    code, out, _ = run(capsys, monkeypatch, shlex.split(export.split(" > ")[0])[1:])  # stdout is the file
    records = [json.loads(line) for line in out.splitlines()]
    keys = [json.dumps({k: r[k] for k in ("kind", "role", "token", "digest", "input")}, sort_keys=True) for r in records]
    assert code == 0 and len(records) == 2 and keys[0] == keys[1] and records[0]["seq"] != records[1]["seq"]
    assert records[0]["token"] == old_id  # the token that asked, by its id


def _operator_shell(command: str, cwd: pathlib.Path) -> None:
    """A shell line of docs/operators.md (mkdir, mv, cp, ln), as the operator's shell runs it."""
    assert any(command in block for block in re.findall(r"```sh\n(.*?)```", DOCS["operator"].read_text("utf-8"), re.S))
    subprocess.run(command, shell=True, cwd=cwd, check=True, timeout=60)


def _unit_command(root: pathlib.Path, port: int) -> list[str]:
    """docs/operators.md's systemd unit's ExecStart, with this test's folder for /srv/gridrules."""
    from appdocs import COMMAND

    line = next(line for line in DOCS["operator"].read_text("utf-8").splitlines() if line.startswith("ExecStart="))
    args = shlex.split(line.removeprefix("ExecStart="))
    assert args[0] == "/opt/gridrules/bin/gridrules"
    return [*COMMAND, *[a.replace("/srv/gridrules", str(root)).replace("8080", str(port)) for a in args[1:]]]


def test_an_operator_publishes_a_version_backs_up_restores_and_reads_what_the_service_logs(
        capsys, monkeypatch, chinese_80, tmp_path):
    """docs/operators.md, sections 5, 8, 10 and 11, on the service its systemd unit starts (ExecStart, on a
    free port): the pack behind a link, a new version switched in while serving, the SQLite log backed up
    while served, pruned, restored (its -wal moved away with it) and verified; the access lines on stderr
    name the id each answer carried.  Expected: the new version's digest as validate reports it; the backup's
    records, those answered before it (2), and the restored log holds just those."""
    import httpx

    from servicekit import TASK, bearer, free_port, stop, wait_until_up

    monkeypatch.chdir(tmp_path)

    def step(command: str):
        return do(capsys, monkeypatch, "operator", command)

    first, link = "gridrules init 规则包-1.0.0 && ln -s 规则包-1.0.0 规则包", "规则包-1.0.0"
    assert first in shown("operator")
    assert run(capsys, monkeypatch, shlex.split(first.split(" && ")[0])[1:])[0] == 0
    _operator_shell(first.split(" && ")[1], tmp_path)
    code, token, _ = step("gridrules token issue --role dispatch --note 区综治派单系统 --config 服务配置.json --pack 规则包")
    headers = bearer(token.strip())
    # the next version, made as the secretariat makes it (a temporary approval recorded), in its own folder
    shutil.copytree(tmp_path / link, tmp_path / "规则包-1.1.0")
    assert run(capsys, monkeypatch, ["temporary", "approve", "--unit", "棠香", "--ref", "TX-2026-20", "--date",
                                     "2026-11-30", "--work", "冬季消防安全宣传", "--activities", "政策宣传", "--to",
                                     "2026-12-31", "--hours", "2", "--pack", "规则包-1.1.0"])[0] == 0
    port = free_port()
    base = f"http://127.0.0.1:{port}"

    def started() -> subprocess.Popen:
        process = subprocess.Popen(_unit_command(tmp_path, port), cwd=tmp_path, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE, text=True)
        wait_until_up(base, process)  # one of its two workers (the other may still be loading on a busy machine)
        return process

    def decide(n: int) -> httpx.Response:
        r = httpx.post(f"{base}/v1/tasks/check", json=TASK | {"id": f"T-{n}"}, timeout=30,
                       params={"at": "2026-12-01T10:00:00+08:00"}, headers=headers | {"X-Request-Id": f"nginx-{n}"})
        assert r.status_code == 200 and r.headers["x-request-id"] == f"nginx-{n}", r.text
        return r

    process = started()
    try:
        old = decide(1).headers["x-gridrules-pack-digest"]
        decide(2)
        code, out, _ = step("gridrules log backup --log decisions.sqlite 备份-2026-12-02.sqlite")
        assert code == 0 and "2 条记录" in out and "核对完好" in out
        decide(3)  # after the backup: not in the restored log
        code, out, _ = step("gridrules log prune --log decisions.sqlite --before 2025-01-01")
        assert code == 0  # nothing written before then: the log as it was
        # section 11: the new version checked, then switched in whole
        code, out, _ = step("gridrules validate 规则包-1.1.0")
        new = re.search(r"sha256:[0-9a-f]{64}", out).group(0)
        assert code == 0 and "1.1.0" in out and new != old
        _operator_shell("ln -s 规则包-1.1.0 规则包.新 && mv -T 规则包.新 规则包", tmp_path)
        deadline = time.monotonic() + 20
        while decide(4).headers["x-gridrules-pack-digest"] != new and time.monotonic() < deadline:
            time.sleep(0.25)
        assert decide(5).json()["pack"] == {"name": "dazu-grid", "version": "1.1.0", "digest": new}
    finally:
        stop(process)  # systemctl stop gridrules
    said = process.stderr.read()
    lines = [json.loads(line) for line in said.splitlines() if line.startswith("{")]
    one = next(line for line in lines if line["request_id"] == "nginx-1")
    assert (one["method"], one["path"], one["status"]) == ("POST", "/v1/tasks/check", 200)
    assert token.strip() not in said
    # section 5: the restore, the service stopped
    assert "systemctl stop gridrules" in shown_lines("operator") and "systemctl start gridrules" in shown_lines("operator")
    _operator_shell("mkdir 坏日志 && mv decisions.sqlite* 坏日志/", tmp_path)
    _operator_shell("cp 备份-2026-12-02.sqlite decisions.sqlite", tmp_path)
    code, out, _ = step("gridrules log verify --log decisions.sqlite")
    assert code == 0 and out.startswith("决定日志完好：2 条记录")
    process = started()  # systemctl start gridrules
    try:
        decide(6)
    finally:
        stop(process)
    code, out, _ = step("gridrules log verify --log decisions.sqlite")
    assert code == 0 and out.startswith("决定日志完好：3 条记录")


def shown_lines(user: str) -> list[str]:
    """Every line of the ```sh blocks of the user's document."""
    text = DOCS[user].read_text(encoding="utf-8")
    return [line.strip() for block in re.findall(r"```sh\n(.*?)```", text, flags=re.S) for line in block.splitlines()]


def test_an_operator_backs_up_and_restores_a_log_on_postgresql(capsys, monkeypatch, chinese_80, tmp_path):
    """docs/operators.md, section 5: pg_dump while the log is there, its tables lost, pg_restore, log verify.
    The guide's database is the district's; here it is the test server's, in a schema of this test's own
    (for the guide's public)."""
    from logstores import postgres_url

    url = postgres_url()
    schema = re.search(r"search_path%3D(\w+)", url).group(1)
    guide = "postgresql://gridrules@127.0.0.1:5432/gridrules"
    tasks = tmp_path / "tasks.jsonl"
    tasks.write_text("\n".join(json.dumps({"id": f"T-{i}", "title": "走访", "department": "minzheng",
                                           "activities": ["visit"], "start": "2026-12-01"}) for i in range(3)),
                     encoding="utf-8")
    assert run(capsys, monkeypatch, ["check-task", str(tasks), "--batch", "--log", url])[0] in (0, 1)

    def shell(command: str) -> None:
        assert command in shown_lines("operator")
        given = command.replace("--schema=public", f"--schema={schema}").replace(guide, url.split("?")[0])
        subprocess.run(given, shell=True, cwd=tmp_path, check=True, timeout=120)

    shell("pg_dump --format=custom --schema=public --file=决定日志.dump postgresql://gridrules@127.0.0.1:5432/gridrules")
    import psycopg
    with psycopg.connect(url.split("?")[0], autocommit=True) as db:
        db.execute(f"DROP SCHEMA {schema} CASCADE")  # the tables lost
    shell("pg_restore --dbname=postgresql://gridrules@127.0.0.1:5432/gridrules 决定日志.dump")
    verify = "gridrules log verify --log postgresql://gridrules@127.0.0.1:5432/gridrules"
    assert verify in shown("operator")
    code, out, _ = run(capsys, monkeypatch, ["log", "verify", "--log", url])
    assert code == 0 and out.startswith("决定日志完好：3 条记录")


def _edit(pack: pathlib.Path, rel: str, *pairs: tuple[str, str]) -> None:
    """A hand edit, as a secretary makes it in her editor: each old text there, replaced."""
    path = pack / rel
    text = path.read_text(encoding="utf-8")
    for old, new in pairs:
        assert old in text, (rel, old)
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


# the skeleton's county and towns (templates/minimal/organization/units.yaml), renamed to 青山区's (docs/packs.md)
QINGSHAN = (("shili", "qingshan"), ("示例县", "青山区"), ("dongcheng", "chengguan"), ("东城街道", "城关街道"),
            ("xihe", "shimen"), ("西河镇", "石门镇"))


def test_a_district_writes_its_own_pack_from_the_skeleton(capsys, monkeypatch, chinese_80, tmp_path):
    """docs/packs.md, every command in its order, on a pack made from `init --template minimal`, with
    the hand edits the guide describes between them. Expected values: the skeleton's towns 东城街道 and
    西河镇, its county shili named in admission/bodies.yaml and its towns in organization/registry.yaml
    (templates/minimal); 石门镇's approval of 90 days, under the skeleton's temporary_max_days of 90."""
    monkeypatch.chdir(tmp_path)
    pack = tmp_path / "青山"
    ran: list[str] = []

    def step(command: str):
        ran.append(command)
        return do(capsys, monkeypatch, "district", command)

    assert step("gridrules init 青山 --template minimal")[0] == 0
    code, out, _ = step("gridrules validate --pack 青山")
    assert code == 0 and out.startswith("规则包有效：")
    code, out, _ = step("gridrules show towns --pack 青山")
    assert code == 0 and "东城街道" in out and "西河镇" in out
    # section 3: the county and towns renamed in units.yaml alone: validate names where they are still used
    _edit(pack, "organization/units.yaml", *QINGSHAN)
    code, out, err = run(capsys, monkeypatch, ["validate", "--pack", "青山"])
    said = out + err  # (the problems on stdout, the summary on stderr)
    assert code == 2 and "Traceback" not in said
    assert re.search(r"admission/bodies\.yaml:\d+:\d+: .*shili", said)
    assert re.search(r"organization/registry\.yaml:\d+:\d+: .*dongcheng", said)
    assert re.search(r"organization/registry\.yaml:\d+:\d+: .*xihe", said)
    _edit(pack, "organization/registry.yaml", QINGSHAN[2], QINGSHAN[4], ("南门社区", "新华社区"), ("nanmen", "xinhua"),
          ("桥头村", "双桥村"), ("qiaotou", "shuangqiao"))
    _edit(pack, "admission/bodies.yaml", ("unit: shili", "unit: qingshan"))
    _edit(pack, "organization/departments.yaml", ("县委政法委", "区委政法委"), ("县司法局", "区司法局"), ("县民政局", "区民政局"))
    _edit(pack, "cases/events/routing.yaml", ("xihe-qiaotou-01", "shimen-shuangqiao-01"), ("桥头村01网格", "双桥村01网格"),
          ("unit: shili", "unit: qingshan"), ("示例县社会治理中心", "青山区社会治理中心"))
    # section 4: the hand edits refused until recorded
    code, out, err = step("gridrules validate --pack 青山")
    assert code == 2 and all(f"organization/{name}.yaml" in out + err for name in ("units", "registry", "departments"))
    code, out, _ = step("gridrules history record --reason 按青山区机构填写单位、网格和部门 --pack 青山")
    assert code == 0 and "0.1.0 → 0.1.1" in out
    code, out, _ = step("gridrules validate --pack 青山")
    assert code == 0 and "0.1.1" in out
    assert step("gridrules history verify --pack 青山")[0] == 0
    code, out, _ = step("gridrules history --pack 青山")
    assert code == 0 and "0.1.1" in out
    code, out, _ = step("gridrules temporary approve --unit 石门镇 --ref SM-2026-3 --date 2026-11-20 --work 冬季森林防火巡查 "
                        "--activities 巡查巡逻,政策宣传 --from 2026-12-01 --to 2027-02-28 --hours 4 --pack 青山")
    assert code == 0 and "SM-2026-3" in out and "SM-2026-3" in (pack / "admission/temporary.yaml").read_text("utf-8")
    # section 5
    code, out, _ = step("gridrules validate --pack 青山")
    assert code == 0
    code, out, _ = step("gridrules lint --pack 青山")
    assert code == 0 and "GR002" not in out
    code, out, _ = step("gridrules test --pack 青山")
    assert code == 0
    assert ran == shown("district")  # every command of the guide, in its order


def test_the_guides_calendar_reminder_and_yaml_mistakes_are_what_validate_and_lint_do(
        capsys, monkeypatch, chinese_80, tmp_path):
    """docs/packs.md: the skeleton's policy reminds of the calendar 60 days before it ends (its calendar
    ends 2026-12-31: 46 days after 2026-11-15, within 60; 77 days after 2026-10-15, not yet); and a
    full-width colon, a tab and a short indent are each refused with the file, line and column (the guide
    quotes no message), and a file saved as GBK is named with its encoding."""
    monkeypatch.chdir(tmp_path)
    guide = DOCS["district"].read_text(encoding="utf-8")
    assert "`calendar_notice_days`（60 日）" in guide
    assert run(capsys, monkeypatch, ["init", "青山", "--template", "minimal"])[0] == 0
    pack = tmp_path / "青山"
    assert "calendar_notice_days: {value: 60," in (pack / "admission" / "policy.yaml").read_text(encoding="utf-8")
    code, out, _ = run(capsys, monkeypatch, ["lint", "--pack", "青山", "--at", "2026-10-15"])
    assert code == 0 and "GR403" not in out
    code, out, _ = run(capsys, monkeypatch, ["lint", "--pack", "青山", "--at", "2026-11-15"])
    assert code == 0 and "GR403" in out and "2027" in out
    for name, rel, old, new, at in (
            ("colon", "organization/departments.yaml", "departments:", "departments：", "organization/departments.yaml:"),
            ("tab", "admission/items.yaml", "    frequency:", "\tfrequency:", "admission/items.yaml:9:"),
            ("indent", "admission/items.yaml", "    frequency:", "   frequency:", "admission/items.yaml:9:")):
        copy = tmp_path / name
        shutil.copytree(pack, copy)
        _edit(copy, rel, (old, new))
        code, out, err = run(capsys, monkeypatch, ["validate", "--pack", name])
        said = out + err
        assert code == 2 and f"{name}/{at}" in said and "YAML" in said and "Traceback" not in said, said
    # saved by Notepad as GBK ("ANSI"): the encoding named
    shutil.copytree(pack, tmp_path / "gbk")
    departments = tmp_path / "gbk" / "organization" / "departments.yaml"
    departments.write_bytes(departments.read_text(encoding="utf-8").encode("gbk"))
    code, out, err = run(capsys, monkeypatch, ["validate", "--pack", "gbk"])
    assert code == 2 and "gbk/organization/departments.yaml:" in out + err and "GBK" in out + err

