"""``gridrules temporary`` on the command line."""

from __future__ import annotations

import json
import re

from appdocs import snapshot
from gridrules.cli.main import main
import pytest

pytestmark = pytest.mark.usefixtures("decisions_after_today")  # sessions dated after the machine clock

APPROVE = ["temporary", "approve", "--town", "tangxiang", "--ref", "TX-2026-12", "--date", "2026-12-01",
           "--work", "春节前独居老人安全走访", "--activities", "visit,care", "--to", "2027-02-28", "--hours", "2"]


def run(capsys, args):
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_approve_list_and_withdraw(capsys, pack_copy):
    pack = ["--pack", str(pack_copy)]
    code, out, _ = run(capsys, APPROVE + pack + ["--lang", "zh"])
    assert code == 0 and "已记录棠香街道专题研究批复 TX-2026-12" in out and "2026-12-01 至 2027-02-28" in out
    code, out, _ = run(capsys, ["temporary", "list", *pack, "--at", "2026-12-10T10:00:00+08:00", "--format", "json"])
    assert code == 0 and [(a["ref"], a["status"]) for a in json.loads(out)["approvals"]] == [
        ("TX-2026-11", "in_force"), ("TX-2026-12", "in_force")]
    code, out, _ = run(capsys, ["temporary", "list", *pack, "--at", "2026-12-10T10:00:00+08:00", "--town", "longshui"])
    assert code == 0 and "(none)" in out
    code, out, _ = run(capsys, ["temporary", "withdraw", "TX-2026-12", *pack, "--date", "2026-12-15", "--lang", "zh"])
    assert code == 0 and "已撤销临时事项批复 TX-2026-12，自 2026-12-15 起" in out
    code, out, _ = run(capsys, ["temporary", "list", *pack, "--at", "2026-12-16T10:00:00+08:00", "--all", "--lang", "zh"])
    assert "临时事项批复（2026-12-16，3 项）" in out
    assert re.search(r"TX-2026-12 .* 2026-12-01 至 2026-12-14 +2 +已撤销", out)  # withdrawn from 12-15: its last day 12-14


def test_refusals_exit_1_and_change_nothing(capsys, pack_copy):
    before = snapshot(pack_copy)
    too_long = [a if a != "2027-02-28" else "2027-03-01" for a in APPROVE]
    code, out, _ = run(capsys, too_long + ["--pack", str(pack_copy), "--lang", "zh"])
    assert code == 1 and "共 91 日，超过最长 90 日" in out and "未写入（规则包没有改动）：TX-2026-12 不能记录：临时事项 2026-12-01 至 2027-03-01 共 91 日" in out and "too_long\n" not in out
    forbidden = [a if a != "visit,care" else "visit,sign_liability" for a in APPROVE]
    code, out, _ = run(capsys, forbidden + ["--pack", str(pack_copy), "--format", "json"])
    assert code == 1 and [f["id"] for f in json.loads(out)["findings"]] == ["negative.F06"]
    assert snapshot(pack_copy) == before


def test_a_refusal_lists_its_findings_in_words_for_the_towns_clerk_and_by_id_in_english_and_json(capsys, pack_copy):
    """A town's clerk reads why in words (admission/review.yaml's temporary texts), not as too_long or
    negative.F06; --lang en and JSON keep the ids for developers and programs."""
    refused = [a if a not in ("2027-02-28", "visit,care") else {"2027-02-28": "2027-03-01",
                                                                 "visit,care": "visit,sign_liability"}[a] for a in APPROVE]
    code, out, _ = run(capsys, refused + ["--pack", str(pack_copy), "--lang", "zh"])
    lines = out.splitlines()
    assert code == 1 and lines[0] == "阻断性意见（2）：", out
    # review.yaml temporary.negative_activity and too_long, filled in (负面清单 F06; 91 days, both ends counted)
    assert re.match(r"  ✗ \[阻断·不予纳入·不可变通\] 「[^」]+」属于负面清单 F06", lines[1]), out
    assert any(re.match(r"  ✗ \[阻断·不予纳入·不可变通\] 临时事项 2026-12-01 至 2027-03-01 共 91 日", x) for x in lines), out
    assert "too_long" not in out and "negative.F06" not in out
    code, out, _ = run(capsys, refused + ["--pack", str(pack_copy), "--lang", "en"])
    assert code == 1 and "] too_long  " in out and "] negative.F06  " in out, out
    code, out, _ = run(capsys, refused + ["--pack", str(pack_copy), "--format", "json", "--lang", "zh"])
    assert code == 1 and [f["id"] for f in json.loads(out)["findings"]] == ["negative.F06", "too_long"]


def test_bad_input_exits_2(capsys, pack_copy):
    bad = [a if a != "tangxiang" else "tangxian" for a in APPROVE]
    code, _, err = run(capsys, bad + ["--pack", str(pack_copy)])
    assert code == 2 and "did you mean 'tangxiang'" in err


def test_an_approval_without_its_hours_is_bad_input_naming_the_option(capsys, pack_copy):
    """Temporary approvals carry their hours (they count towards the town's capacity): left out, the
    approval is refused at --hours and nothing is written."""
    before = snapshot(pack_copy)
    without = APPROVE[:-2]
    assert APPROVE[-2:] == ["--hours", "2"]
    code, _, err = run(capsys, without + ["--pack", str(pack_copy), "--lang", "zh"])
    assert code == 2 and "--hours" in err and "须写明它增加的工作量（小时/网格/月）" in err
    assert snapshot(pack_copy) == before


def test_hours_written_with_their_unit_are_told_the_number_to_write(capsys, pack_copy):
    """A new district's clerk writes --hours 4小时: the option says hours already, so the number alone."""
    before = snapshot(pack_copy)
    code, _, err = run(capsys, APPROVE[:-1] + ["4小时", "--pack", str(pack_copy), "--lang", "zh"])
    assert code == 2 and "  --hours: 「4小时」不是数字：只写数字 4，不写「小时」（单位由这一项规定）" in err, err
    assert snapshot(pack_copy) == before


@pytest.mark.parametrize("hours, read", [("1e1", None), ("1_0", None), ("infinity", None), ("２．５", 2.5)])
def test_hours_are_read_as_a_plain_decimal(capsys, pack_copy, hours, read):
    """float() had read 1e1 and 1_0 as 10 hours and written them; a clerk's full-width ２．５ is 2.5."""
    before = snapshot(pack_copy)
    code, out, err = run(capsys, APPROVE[:-1] + [hours, "--pack", str(pack_copy), "--lang", "zh", "--format", "json"])
    if read is None:
        assert code == 2 and f"  --hours: 「{hours}」不是数字" in err and snapshot(pack_copy) == before, err
    else:
        assert code == 0 and "TX-2026-12" in out, err
        code, out, _ = run(capsys, ["temporary", "list", "--pack", str(pack_copy), "--at", "2026-12-10T10:00:00+08:00",
                                    "--format", "json"])
        assert [a["hours_per_month"] for a in json.loads(out)["approvals"] if a["ref"] == "TX-2026-12"] == [read]


def test_an_approval_withdrawn_before_its_first_day_is_shown_as_never_run(capsys, pack_copy):
    """Its last day in force would be the day before it began (12-14 for a start on 12-15): it never ran."""
    pack = ["--pack", str(pack_copy), "--lang", "zh"]
    approve = ["temporary", "approve", "--unit", "棠香", "--ref", "TX-2026-31", "--date", "2026-12-01", "--work", "冬季巡查",
               "--activities", "巡查巡逻", "--from", "2026-12-15", "--to", "2026-12-31", "--hours", "1"]
    assert run(capsys, approve + pack)[0] == 0
    assert run(capsys, ["temporary", "withdraw", "TX-2026-31", "--date", "2026-12-01", *pack])[0] == 0
    for command in (["temporary", "list", "--all"], ["show", "temporary", "--all"]):
        code, out, _ = run(capsys, command + pack + ["--at", "2026-12-02T10:00:00+08:00"])
        assert code == 0 and "开始（2026-12-15）前已撤销，未施行" in out and "2026-12-15 至 2026-12-14" not in out


def test_expiring_calls_an_approval_not_yet_begun_as_temporary_list_does(capsys, pack_copy):
    pack = ["--pack", str(pack_copy), "--lang", "zh"]
    approve = ["temporary", "approve", "--unit", "棠香", "--ref", "TX-2026-31", "--date", "2026-12-01", "--work", "冬季巡查",
               "--activities", "巡查巡逻", "--from", "2026-12-15", "--to", "2026-12-31", "--hours", "1"]
    assert run(capsys, approve + pack)[0] == 0
    code, out, _ = run(capsys, ["expiring", "--within", "40d", "--at", "2026-12-02T10:00:00+08:00", *pack])
    assert code == 0 and re.search(r"TX-2026-31 .* 2026-12-15 至 2026-12-31 +未开始", out)
    code, out, _ = run(capsys, ["temporary", "list", "--at", "2026-12-02T10:00:00+08:00", *pack])
    assert re.search(r"TX-2026-31 .* 2026-12-15 至 2026-12-31 +1 +未开始", out)


def test_the_same_work_recorded_again_under_another_ref_is_recorded_with_a_note_on_stderr(capsys, pack_copy):
    """As 棠香's clerk: TX-2026-30, then TX-2026-32 with the same work and activities over overlapping
    dates -- recorded (exit 0) and told on stderr which approval it repeats; JSON on stdout unchanged
    but for its notes."""
    pack = ["--pack", str(pack_copy)]
    first = [a if a != "TX-2026-12" else "TX-2026-30" for a in APPROVE]
    code, _, err = run(capsys, first + pack + ["--lang", "zh"])
    assert code == 0 and err == ""
    second = [a if a not in ("TX-2026-12", "tangxiang") else {"TX-2026-12": "TX-2026-32", "tangxiang": "棠香"}[a]
              for a in APPROVE]
    code, out, err = run(capsys, second + pack + ["--lang", "zh"])
    assert code == 0 and "已记录棠香街道专题研究批复 TX-2026-32" in out
    assert "TX-2026-32 与棠香街道有效的批复 TX-2026-30（2026-12-01 至 2027-02-28）工作和活动相同、日期重叠" in err, err
    third = [a if a != "TX-2026-12" else "TX-2026-33" for a in APPROVE]
    code, out, err = run(capsys, third + pack + ["--format", "json", "--lang", "en"])
    assert code == 0 and len(json.loads(out)["notes"]) == 2 and err.count("note: TX-2026-33 has the same work") == 2


def test_hours_taking_the_town_past_capacity_are_refused_unless_the_town_gives_its_reason(capsys, pack_copy):
    """The review's example: 龙水 recording 150 h (a typo of 150 for 15, or a real decision). The list
    totals 52 h for every town and LS-2026-06 ended 2026-08-29: 52 + 150 = 202 > 120 (policy §4, §8).
    Refused as the joint meeting's approval of such an item is (exit 1, nothing written, how to go on
    said); with --override the reason is recorded in the history."""
    pack = ["--pack", str(pack_copy)]
    longshui = ["temporary", "approve", "--unit", "龙水", "--ref", "LS-2026-12", "--date", "2026-12-01", "--work",
                "冬季巡查", "--activities", "patrol,report", "--to", "2027-01-31", "--hours", "150", *pack]
    before = snapshot(pack_copy)
    code, out, _ = run(capsys, longshui + ["--lang", "zh"])
    assert code == 1 and snapshot(pack_copy) == before
    assert "记录后龙水镇 2026-12-01 起每个网格每月的清单工作量为 202 小时" in out and "超过上限 120 小时" in out
    assert "（理由写在 --override 之后）" in out
    code, out, _ = run(capsys, longshui + ["--format", "json"])
    assert code == 1 and [(f["id"], f["field"]) for f in json.loads(out)["findings"]] == [("capacity", "hours_per_month")]
    code, out, _ = run(capsys, longshui + ["--override", "专题研究决定临时抽调", "--format", "json"])
    assert code == 0 and json.loads(out)["change"]["override"] == "专题研究决定临时抽调"


def test_withdrawing_an_approval_that_has_ended_or_does_not_exist_is_bad_input(capsys, pack_copy):
    pack = ["--pack", str(pack_copy), "--lang", "zh"]
    before = snapshot(pack_copy)
    code, _, err = run(capsys, ["temporary", "withdraw", "LS-2026-06", "--date", "2026-12-01", *pack])
    assert code == 2 and "LS-2026-06 已于 2026-08-29 到期" in err and "没有可撤销的" in err, err
    code, _, err = run(capsys, ["temporary", "withdraw", "TX-2026-99", "--date", "2026-12-01", *pack])
    assert code == 2 and "批复编号（REF）: 找不到临时事项批复「TX-2026-99」" in err, err
    assert snapshot(pack_copy) == before


def test_a_town_close_to_none_lists_the_towns_of_a_small_pack(capsys, tmp_path):
    """--town 石们 in a pack of two towns: no did-you-mean fits, so the two are listed (name and id)."""
    from examplepacks import MINIMAL, copy_of

    pack = copy_of(MINIMAL, tmp_path / "minimal")
    bad = [a if a != "tangxiang" else "石们" for a in APPROVE]
    code, _, err = run(capsys, bad + ["--pack", str(pack), "--lang", "zh"])
    assert code == 2 and "--town: 找不到镇街「石们」（可写：东城街道（dongcheng）、西河镇（xihe））" in err


def test_a_towns_list_says_each_approvals_hours_and_the_towns_listed_workload(capsys, pack_copy):
    """The officer deciding new work sees what the town's grids carry (policy §8): the 17 items' 52 hours,
    TX-2026-11's 2 and TX-2026-12's 2, against the 120-hour capacity; each approval with its hours."""
    pack = ["--pack", str(pack_copy)]
    assert run(capsys, APPROVE + pack)[0] == 0
    at = ["--at", "2026-12-10T10:00:00+08:00"]
    code, out, _ = run(capsys, ["temporary", "list", *pack, *at, "--town", "棠香", "--lang", "zh"])
    assert code == 0 and re.search(r"TX-2026-12 .* 2026-12-01 至 2027-02-28 +2 +有效", out), out
    assert "棠香街道 2026-12-10 每个网格每月的清单工作量（清单事项和有效的临时事项）：56 小时，上限 120 小时。" in out
    code, out, _ = run(capsys, ["temporary", "list", *pack, *at, "--town", "tangxiang", "--format", "json"])
    assert json.loads(out)["listed"] == {"town": "tangxiang", "hours": 56.0, "capacity": 120.0}
    code, out, _ = run(capsys, ["temporary", "list", *pack, *at, "--town", "longshui", "--lang", "zh"])
    assert "龙水镇 2026-12-10 每个网格每月的清单工作量（清单事项和有效的临时事项）：52 小时" in out  # LS-2026-06 ended
    code, out, _ = run(capsys, ["show", "temporary", *pack, *at, "--lang", "zh"])
    assert re.search(r"TX-2026-12 .* 2026-12-01 至 2027-02-28 +2$", out, re.M), out
