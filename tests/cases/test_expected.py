"""A case's expectations are checked against the pack before any case runs: a rule, flag, verdict,
level, department … the pack (or the contract) does not hold makes the case file a bad input file
(exit 2, each at its path:line:col with a did-you-mean), not a vacuous pass nor an engine failure.

The bundled ids the did-you-means name are the pack's (admission/items.yaml: L06, L13; the
contract's flags and verdicts: spec/contract.md; organization/: minzheng 区民政局, district)."""

from __future__ import annotations

import pathlib

import pytest

from gridrules import Checker
from gridrules.cases.suite import load_cases
from gridrules.catalogue import set_language
from gridrules.cli.main import main
from gridrules.errors import InputError
from gridrules.pack.loader import bundled_root

CASES = pathlib.Path(str(bundled_root().joinpath("cases")))
ADMITTED = (CASES / "tasks" / "admitted.yaml").read_text(encoding="utf-8")


@pytest.fixture
def chinese():
    set_language("zh")
    yield
    set_language(None)


def _edited(tmp_path: pathlib.Path, *edits: tuple[str, str]) -> pathlib.Path:
    """admitted.yaml with each (old, new) replaced in its first case."""
    text = ADMITTED
    for old, new in edits:
        assert old in text
        text = text.replace(old, new, 1)
    target = tmp_path / "admitted.yaml"
    target.write_text(text, encoding="utf-8")
    return target


def _at(path: pathlib.Path, written: str) -> str:
    """``path:line:col`` of ``written`` (its first occurrence) in the file."""
    text = path.read_text(encoding="utf-8")
    offset = text.index(written)
    line = text.count("\n", 0, offset) + 1
    return f"{path}:{line}:{offset - text.rfind(chr(10), 0, offset)}"


def _test(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["test", *args, "--lang", "zh"])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_a_typo_in_not_rules_is_refused_not_passed(capsys, tmp_path):
    """The review's case: not_rules: [item.L6, itme.L13, item.l13] passed 10/10, checking nothing."""
    broken = _edited(tmp_path, ("not_rules: [item.L06]", "not_rules: [item.L6, itme.L13, item.l13]"))
    code, out, err = _test(capsys, str(broken))
    assert code == 2 and out == ""  # no case ran
    assert f"{_at(broken, 'item.L6')}: cases[0].expect.not_rules[0]: 「item.L6」不是规则包中的规则" in err
    assert "「item.L6」不是规则包中的规则（判定依据不会写出它）（是否指 item.L06？）" in err
    assert f"{_at(broken, 'itme.L13')}: cases[0].expect.not_rules[1]: 「itme.L13」" in err
    assert "「itme.L13」不是规则包中的规则（判定依据不会写出它）（是否指 item.L13？）" in err
    assert "「item.l13」不是规则包中的规则（判定依据不会写出它）（是否指 item.L13？）" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("word, code", [("准入", "admitted"), ("需申请", "needs_application"), ("禁止", "forbidden")])
def test_a_verdict_written_as_the_text_shows_it_is_told_its_code(capsys, tmp_path, word, code):
    """A new district's case writes the verdict as check-task's text says it (结论：准入): the code to write is
    named, not only listed among the four."""
    broken = _edited(tmp_path, ("verdict: admitted", f"verdict: {word}"))
    code_, out, err = _test(capsys, str(broken))
    assert code_ == 2 and out == ""
    path, line, col = _at(broken, f"verdict: {word}").rsplit(":", 2)
    assert (f"{path}:{line}:{int(col) + len('verdict: ')}: 结论（cases[0].expect.verdict）: 「{word}」是 {code} 的中文说法："
            f"判定中写的是 {code}，用例也须这样写") in err


def test_typos_once_shown_as_engine_failures_are_all_refused_together(capsys, tmp_path):
    broken = _edited(tmp_path, ("rules: [item.L13]", "rules: [item.L31]"), ("verdict: admitted", "verdict: admited"),
                     ("flags: []", "flags: [over_capacty]"))
    code, out, err = _test(capsys, str(broken))
    assert code == 2 and out == ""
    assert f"{_at(broken, 'item.L31')}: cases[0].expect.rules[0]: 「item.L31」不是规则包中的规则" in err
    # L31 is L13 with its digits swapped; difflib, by closeness of strings, said item.L17
    assert "「item.L31」不是规则包中的规则（判定依据不会写出它）（是否指 item.L13？）" in err and "item.L17" not in err
    assert "判定依据中缺少" not in err + out
    assert (f"{_at(broken, 'admited')}: 结论（cases[0].expect.verdict）: 「admited」不是这一项可取的值"
            "（可取 admitted、temporary、needs_application、forbidden）（是否指 admitted？）") in err
    assert (f"{_at(broken, 'over_capacty')}: 标注（cases[0].expect.flags[0]）: 「over_capacty」不是任务判定的标注"
            in err and "（是否指 over_capacity？）" in err)


def test_a_rule_list_written_as_one_text_is_refused_not_compared_letter_by_letter(capsys, tmp_path):
    """rules: item.L13 (no brackets) was compared as a list of its letters and failed strangely; not_rules:
    item.L06 could never fail.  Written as one text where a list belongs, it is told to write a list."""
    broken = _edited(tmp_path, ("rules: [item.L13]", "rules: item.L13"), ("not_rules: [item.L06]", "not_rules: item.L06"))
    code, out, err = _test(capsys, str(broken))
    assert code == 2 and out == ""
    assert f"{_at(broken, 'item.L13')}: cases[0].expect.rules: 应为列表：写成 [item.L13]" in err, err
    assert f"{_at(broken, 'item.L06')}: cases[0].expect.not_rules: 应为列表：写成 [item.L06]" in err, err


def _task_case(tmp_path: pathlib.Path, expect: str) -> pathlib.Path:
    target = tmp_path / "task.yaml"
    target.write_text(
        "kind: task\ncases:\n  - name: 一例\n    at: 2026-11-25T10:00:00+08:00\n"
        "    input: {id: T-1, title: 走访, department: minzheng, activities: [visit, report], start: 2026-12-01}\n"
        f"    expect:\n{expect}", encoding="utf-8")
    return target


def _problems(pack, path: pathlib.Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_cases(path, Checker(pack))
    return [str(p) for p in caught.value.problems]


def test_every_field_that_names_a_pack_thing_is_checked(pack, tmp_path, chinese):
    path = _task_case(tmp_path, "      list_item: L31\n      duty: D3\n      responsible_level: gird\n"
                                "      accountable: [minzhen]\n      training_owner: 区民政局\n      risk: hihg\n")
    said = "\n".join(_problems(pack, path))
    assert "「L31」不是规则包中的清单事项" in said
    assert "「D3」不是规则包中的网格员职责（是否指 D03" in said
    assert "「gird」不是规则包中的层级（是否指 grid" in said
    assert "「minzhen」不是规则包中的部门（是否指 minzheng" in said
    # a name where decisions write the id: refused with the id
    assert "「区民政局」是部门的名称：判定中写的是编号 minzheng，用例也须写编号（是否指 minzheng？）" in said
    assert "「hihg」不是规则包中的风险等级（是否指 high" in said


def test_an_event_s_levels_departments_whistle_and_keys(pack, tmp_path, chinese):
    path = tmp_path / "event.yaml"
    path.write_text(
        "kind: event\ncases:\n  - name: 一例\n"
        "    input: {id: EV-1, type: AQ01, reported_at: 2026-12-02T08:15:00+08:00, grid: tangxiang-heping-01}\n"
        "    expect:\n      level: distrct\n      handler: {levle: district}\n      departments: [weijain]\n"
        "      direct_report: [twon]\n      whistle: {kind: 应急啸}\n      flags: [wistle]\n", encoding="utf-8")
    said = "\n".join(_problems(pack, path))
    assert "「distrct」不是规则包中的层级（是否指 district" in said
    assert f"{path}:7:17: cases[0].expect.handler.levle: 判定的这一项没有「levle」（是否指 level？）" in said
    assert "「weijain」不是规则包中的部门（是否指 weijian" in said
    assert "「twon」不是规则包中的层级（是否指 town" in said
    assert "「应急啸」不是规则包中的哨种（是否指 应急哨？）" in said
    assert "「wistle」不是事件判定的标注" in said and "（是否指 whistle？）" in said


def test_a_record_s_judgements_and_its_routing(pack, tmp_path, chinese):
    path = tmp_path / "record.yaml"
    path.write_text(
        "kind: record\ncases:\n  - name: 一例\n    at: 2026-12-20T10:00:00+08:00\n"
        "    input:\n      event: {id: EV-R1, type: MD02, reported_at: 2026-11-25T09:30:00+08:00, grid: tangxiang-heping-01}\n"
        "      steps: [{at: 2026-11-25T11:00:00+08:00, kind: resolved}]\n"
        "    expect:\n      closed: ontime\n      segments: [{level: grid, closed: lat}]\n"
        "      satisfaction: satisfy\n      decision: {flags: [past_deadlin]}\n"
        "      rules: [review.past_clse]\n", encoding="utf-8")
    said = "\n".join(_problems(pack, path))
    assert "「ontime」不是这一项可取的值（可取 on_time、late、pending、excluded）（是否指 on_time？）" in said
    assert "cases[0].expect.segments[0].closed: 「lat」不是这一项可取的值" in said
    assert "「satisfy」不是规则包中的回访满意度（是否指" in said
    assert "「past_deadlin」不是事件判定的标注" in said and "（是否指 past_deadline？）" in said
    assert "「review.past_clse」不是规则包中的规则（判定依据不会写出它）（是否指 review.past_close？）" in said


def test_the_bundled_cases_name_only_what_the_pack_holds(pack):
    load_cases(CASES, Checker(pack))  # raises on a single unknown id
