"""``gridrules history``, ``gridrules expiring`` and ``gridrules init`` on the command line."""

from __future__ import annotations

import json

from appdocs import CANLIAN, gridrules, write_app
from gridrules.cli.main import main
from gridrules.engine.loading import load_pack
import pytest

pytestmark = pytest.mark.usefixtures("decisions_after_today")  # sessions dated after the machine clock


def run(capsys, args):
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_history_of_a_fresh_copy_is_empty(capsys, pack_copy):
    code, out, _ = run(capsys, ["history", "--pack", str(pack_copy), "--lang", "zh"])
    assert code == 0 and "变更记录（0 条）" in out
    code, out, _ = run(capsys, ["history", "--pack", str(pack_copy), "--lang", "en"])  # a developer's
    assert code == 0 and "history (0 changes)" in out and "current version 1.0.0" in out


def test_history_shows_each_change_with_its_decision(capsys, tmp_path, pack_copy):
    pack = ["--pack", str(pack_copy)]
    app = write_app(tmp_path, CANLIAN | {"subsidy": 0})
    run(capsys, ["admission", "approve", app, *pack, "--session", "2026-5", "--date", "2026-12-18", "--override", "预算下达前先行开展"])
    run(capsys, ["temporary", "approve", *pack, "--town", "longshui", "--ref", "LS-2026-09", "--date", "2026-12-02",
                 "--work", "冬季森林防火巡查", "--activities", "patrol,report", "--to", "2027-02-28", "--hours", "3"])
    code, out, _ = run(capsys, ["history", *pack, "--lang", "zh"])
    assert code == 0 and "变更记录（2 条）" in out
    assert "联席会议2026年第5次会议（2026-12-18）" in out and "变通理由：预算下达前先行开展" in out
    assert "龙水镇专题研究 LS-2026-09（2026-12-02）" in out
    assert f"当前版本 1.2.0，规则包摘要 {load_pack(pack_copy).digest}" in out
    code, out, _ = run(capsys, ["history", *pack, "--target", "L18", "--format", "json"])
    assert [c["target"] for c in json.loads(out)["changes"]] == ["L18"]
    code, out, _ = run(capsys, ["history", *pack, "--target", CANLIAN["id"], "--format", "json"])  # by its application
    assert [c["target"] for c in json.loads(out)["changes"]] == ["L18"]
    code, out, _ = run(capsys, ["history", *pack, "--target", "L01", "--format", "json"])  # listed, never changed
    assert code == 0 and json.loads(out)["changes"] == []
    # a target the pack never held is not answered 'no changes': it is named, with what it may have meant
    code, out, err = run(capsys, ["history", *pack, "--target", "L99", "--lang", "en"])
    assert code == 2 and "--target: unknown list item, application or temporary approval 'L99'" in err


def test_expiring_within_a_window(capsys):
    code, out, _ = run(capsys, ["expiring", "--within", "14d", "--at", "2027-01-20T10:00:00+08:00"])
    assert code == 0 and "TX-2026-11" in out and "in force  11 d" in out
    code, out, _ = run(capsys, ["expiring", "--within", "2w", "--at", "2026-11-20T10:00:00+08:00", "--format", "json"])
    assert code == 0 and json.loads(out)["expiring"] == []
    code, _, err = run(capsys, ["expiring", "--within", "fortnight"])
    assert code == 2 and "--within" in err
    # as people write it: 2周 is 14 days, as 14天; 1个月 from 2027-01-17 runs to 2027-02-17, 31 days
    for window in ("2周", "14天"):
        code, out, _ = run(capsys, ["expiring", "--within", window, "--at", "2027-01-20T10:00:00+08:00", "--format", "json"])
        assert code == 0 and json.loads(out)["within_days"] == 14 and "TX-2026-11" in out
    code, out, _ = run(capsys, ["expiring", "--within", "1个月", "--at", "2027-01-17T10:00:00+08:00", "--format", "json"])
    assert code == 0 and json.loads(out)["within_days"] == 31


def test_init_makes_a_copy_the_workflow_can_write(tmp_path):
    target = tmp_path / "dazu"
    result = gridrules("init", str(target))
    assert result.returncode == 0 and f"--pack {target}" in result.stdout
    assert load_pack(target).digest == load_pack().digest
    assert gridrules("init", str(target)).returncode == 2  # not over an existing pack
    app = write_app(tmp_path, CANLIAN)
    approved = gridrules("admission", "approve", app, "--pack", str(target), "--session", "2026-5", "--date", "2026-11-18")
    assert approved.returncode == 0, approved.stderr
    assert "L18" in load_pack(target).items_by_id


def test_an_amendment_reads_by_names_and_records_only_the_findings_it_brings(capsys, pack_copy):
    """L13 records no 依据, 工作内容 or 培训计划 (blocking for a new application): an amendment of its
    activities brings none of them, so its record says so; its values read by the activities' names,
    each in 「」 (关怀帮扶、跟踪回访 is one activity's name)."""
    pack = ["--pack", str(pack_copy)]
    code, _, err = run(capsys, ["admission", "amend", "L13", "--activities", "visit,care", "--session", "2026-9",
                                "--date", "2026-12-01", "--reason", "不再单独报告", *pack])
    assert code == 0, err
    code, out, _ = run(capsys, ["history", *pack, "--lang", "zh"])
    assert "活动：「入户走访」、「发现报告」、「关怀帮扶、跟踪回访」 → 「入户走访」、「关怀帮扶、跟踪回访」" in out, out
    assert "审查建议同意纳入（无阻断性意见）" in out and "missing." not in out
    code, out, _ = run(capsys, ["history", *pack, "--format", "json"])
    (change,) = json.loads(out)["changes"]
    assert change["review"] == {"recommendation": "approve", "blocking": []}


def test_a_decisions_digest_is_found_among_the_versions_the_history_records(capsys, terms_root):
    # a decision carries the pack digest (history.yaml included), `history verify` the content digest
    # (history.yaml left out): the two differ, and a decision's digest had to be matched by hand
    def run(*args):
        code = main([*args, "--pack", str(terms_root), "--lang", "zh"])
        return code, capsys.readouterr().out

    task = terms_root.parent / "task.json"
    task.write_text(json.dumps({"id": "T1", "title": "入户走访", "department": "minzheng", "issued_by": "department",
                                "activities": ["visit"], "start": "2026-12-10"}, ensure_ascii=False), encoding="utf-8")
    code, out = run("check-task", str(task), "--format", "json", "--at", "2026-12-09T10:00:00+08:00")
    decided = json.loads(out)["pack"]["digest"]
    code, out = run("history", "--digest", decided)
    assert code == 0 and "是当前的规则包：版本 1.3.0（第 3 条变更之后）" in out  # L18 approved, amended, withdrawn
    changes = load_pack(terms_root).history.changes
    code, out = run("history", "--digest", changes[0].previous_digest)
    assert code == 0 and "是版本 1.0.0 的规则包（创始记录），第 1 条变更" in out
    code, out = run("history", "--digest", changes[2].previous_digest)
    assert code == 0 and "是版本 1.2.0 的规则包（第 2 条变更之后），第 3 条变更" in out
    code, out = run("history", "verify")
    content = out.split("内容摘要 ")[1].split()[0]
    assert content != decided
    code, out = run("history", "--digest", content)
    assert code == 1 and "不是本规则包变更记录中的任何版本" in out
    code, out = run("history", "--digest", decided, "--format", "json")
    assert json.loads(out) == {"digest": decided, "found": True, "after_change": 3, "version": "1.3.0",
                               "until_change": None}


def test_a_town_merged_away_is_shown_by_its_recorded_id(capsys, tmp_path):
    # 撤乡并镇: xihe made a temporary approval (run out since), then merged into dongcheng; the history,
    # the list of approvals and `show temporary --all` name it by the id recorded, and do not fail
    from datetime import date, timedelta

    from examplepacks import MINIMAL, copy_of

    root = copy_of(MINIMAL, tmp_path / "minimal")
    pack = ["--pack", str(root)]
    first, last = date.today() - timedelta(days=40), date.today() - timedelta(days=20)
    code, _, err = run(capsys, ["temporary", "approve", *pack, "--unit", "xihe", "--ref", "XH-1", "--date", str(first),
                                "--work", "冬季森林防火巡查", "--activities", "patrol", "--to", str(last), "--hours", "2"])
    assert code == 0, err
    code, before, _ = run(capsys, ["history", *pack, "--lang", "zh"])
    assert f"西河镇专题研究 XH-1（{first}）" in before
    units = root / "organization" / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8").replace("      - {id: xihe, name: 西河镇}\n", ""), encoding="utf-8")
    registry = root / "organization" / "registry.yaml"
    registry.write_text(registry.read_text(encoding="utf-8").replace("town: xihe", "town: dongcheng"), encoding="utf-8")
    code, _, err = run(capsys, ["history", "record", *pack, "--reason", "西河镇并入东城街道", "--lang", "zh"])
    assert code == 0, err
    code, _, err = run(capsys, ["validate", *pack, "--lang", "zh"])
    assert code == 0, err
    code, out, err = run(capsys, ["history", *pack, "--lang", "zh"])
    assert code == 0 and f"xihe专题研究 XH-1（{first}）" in out, err
    for args in (["temporary", "list", "--all"], ["show", "temporary", "--all"]):
        code, out, err = run(capsys, [*args, *pack, "--lang", "zh"])
        assert code == 0 and "XH-1" in out and "xihe" in out, (args, err)


def test_history_restart_before_going_live_and_refused_after_a_decision(capsys, tmp_path):
    from datetime import date, timedelta

    from examplepacks import MINIMAL, copy_of

    root = copy_of(MINIMAL, tmp_path / "minimal")
    pack = ["--pack", str(root)]
    units = root / "organization" / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8").replace("西河镇", "西河乡"), encoding="utf-8")
    assert run(capsys, ["history", "record", *pack, "--reason", "本县的单位"])[0] == 0
    code, out, err = run(capsys, ["history", "restart", *pack, "--lang", "zh"])
    assert code == 0, err
    assert out.startswith("变更记录已重新开始：规则包 0.1.1 以现在的内容为第一版（创始记录），此前 1 条手工修改记录并入其中")
    code, out, _ = run(capsys, ["history", *pack, "--lang", "zh"])
    assert "变更记录（0 条）" in out
    assert run(capsys, ["history", "verify", *pack])[0] == 0
    first = date.today() - timedelta(days=10)
    code, _, err = run(capsys, ["temporary", "approve", *pack, "--unit", "xihe", "--ref", "XH-1", "--date", str(first),
                                "--work", "冬季森林防火巡查", "--activities", "patrol", "--to", str(first + timedelta(days=30)),
                                "--hours", "2"])
    assert code == 0, err
    code, out, err = run(capsys, ["history", "restart", *pack, "--lang", "zh"])
    assert code == 1 and out == ""
    assert "变更记录不能重新开始：其中已有 1 条决定的记录（最早的是第 1 条，临时事项批复 XH-1）" in err
    assert "决定一经记录就不能抹去" in err
