"""The running tool's words (catalogue/running.py): Chinese by default in each area -- changes
to a pack, the decision log, the cases runner, the command line's refusals -- each naming its
field; English under --lang en, as the developers' tests read it."""

from __future__ import annotations

import re
from datetime import date

import pytest

from clirun import run
from gridrules.catalogue import MESSAGES, set_language, t
from gridrules.catalogue.commands import COMMANDS
from gridrules.catalogue.decisions import DECISIONS
from gridrules.catalogue.running import RUNNING
from gridrules.catalogue.screens import SCREENS
from gridrules.cases.suite import load_cases
from gridrules.change.dated import effective_date
from gridrules.change.expiring import parse_window
from gridrules.change.store import writable_root
from gridrules.change.temporary import TemporaryRequest, check_request
from gridrules.errors import ChangeError, InputError, PackError
from gridrules.log.open import open_log
from wording import english_runs, is_chinese


@pytest.fixture
def chinese():
    set_language("zh")
    yield
    set_language(None)


@pytest.mark.parametrize("module, keys", [("running.py", RUNNING), ("commands.py", COMMANDS), ("screens.py", SCREENS),
                                         ("decisions.py", DECISIONS)])
def test_no_key_is_also_another_module_s(module, keys):
    """RUNNING and COMMANDS are merged last (catalogue/__init__.py): a key one shared with another
    module would silently replace that module's words."""
    import pathlib

    import gridrules.catalogue as catalogue

    others: set[str] = set()
    for path in pathlib.Path(catalogue.__file__).parent.glob("*.py"):
        if path.name != module:
            others |= set(re.findall(r'^\s*"([^"\n]+)":\s*\(', path.read_text(encoding="utf-8"), re.M))
    assert "input.missing" in others and not set(keys) & others


@pytest.mark.parametrize("key", sorted(RUNNING))
def test_every_chinese_side_is_chinese(key):
    zh, en = MESSAGES[key]
    assert (zh, en) == RUNNING[key]  # merged, and not overridden by another module's key
    bare = re.sub(r"\{[a-z_]+\}", " ", zh)
    assert not english_runs(bare), (key, english_runs(bare))
    assert re.search(r"[\u4e00-\u9fff]", zh) or not re.search(r"[a-z]{3}", bare), key


def refused(call) -> list:
    with pytest.raises(InputError) as caught:
        call()
    return caught.value.problems


def test_changes_to_a_pack_are_refused_in_chinese_naming_the_option(pack, chinese):
    [future] = refused(lambda: effective_date(pack, date(2999, 1, 1), None))
    assert future.field == "--date" and "决定作出后才能记录" in future.message and is_chinese(future.message)
    [early] = refused(lambda: effective_date(pack, date(2026, 1, 10), date(2026, 1, 1), None))
    assert early.field == "--effective" and is_chinese(early.message)
    [window] = refused(lambda: parse_window("soon", date(2026, 12, 2)))
    assert window.field == "--within" and "不是时间窗" in window.message
    problems = refused(lambda: check_request(pack, TemporaryRequest(
        unit="nowhere", ref="X-1", decided_on=date(2026, 11, 1), work="走访", activities=["visit", "visit"],
        valid_from=date(2026, 12, 1), valid_to=date(2026, 11, 1), hours_per_month=2)))
    assert {p.field for p in problems} == {"--unit", "--activities", "--to"}
    assert all(is_chinese(p.message) for p in problems), [p.message for p in problems]
    with pytest.raises(ChangeError) as caught:
        writable_root(None)
    assert "随 gridrules 安装的规则包不能改动" in str(caught.value) and is_chinese(str(caught.value))
    with pytest.raises(PackError) as bad:
        writable_root("/nonexistent/pack")
    assert is_chinese(bad.value.problems[0].message)


def test_the_log_and_the_cases_runner_speak_chinese(tmp_path, chinese):
    [url] = refused(lambda: open_log("ftp://example/log"))
    assert url.field == "log" and "决定日志地址" in url.message and is_chinese(url.message)
    [none] = refused(lambda: load_cases(tmp_path))
    assert "没有找到用例文件" in none.message and none.location is not None
    (tmp_path / "empty.yaml").write_text("# nothing yet\n", encoding="utf-8")
    [empty] = refused(lambda: load_cases(tmp_path))
    assert str(empty.location) == f"{tmp_path / 'empty.yaml'}:1:1" and is_chinese(empty.message)
    assert t("log.break_hash") == "它的内容与哈希不符（被改动过）"


def test_the_command_line_s_own_refusals(capsys, monkeypatch):
    monkeypatch.setenv("GRIDRULES_LANG", "zh")
    code, _, err = run(capsys, monkeypatch, ["export", "items"])
    assert code == 2 and "请给出写到哪个文件：--xlsx 文件（Excel 工作簿）或 --csv 文件" in err
    code, _, err = run(capsys, monkeypatch, ["admission", "review", "examples/application.yaml", "--since", "2026-01-01"])
    assert code == 2 and "请给出 --impact 地址" in err and "Traceback" not in err


def test_english_for_developers_keeps_today_s_words(pack):
    set_language("en")
    try:
        [future] = refused(lambda: effective_date(pack, date(2999, 1, 1), None))
        assert future.message.startswith("the decision's date 2999-01-01 is in the future")
        assert t("http.not_applicant", department="minzheng") == "must be the submitting department 'minzheng'"
    finally:
        set_language(None)


def test_a_number_written_otherwise_is_told_alike_wherever_it_is_written(pack, tmp_path, chinese):
    """An option's (--hours), a form's and a spreadsheet cell's number: one message, each naming its field; a cell's
    also says what to type (an option's help and a form's label say it beside the field, a cell has none)."""
    from starlette.datastructures import FormData

    from gridrules.cli.writing import amount
    from gridrules.pages.forms import Form
    from gridrules.tables.itemsheet import read_items, read_items_table
    from gridrules.tables.sheet import SheetError
    from sheets import items_csv

    [option] = refused(lambda: amount("三", "--hours"))
    [form] = refused(lambda: Form(FormData({"hours": "三"})).number("hours"))
    path = items_csv(pack, tmp_path / "n.csv", ["编号,事项名称,工作量", "L02,出租房屋登记与动态核查,三"])
    with pytest.raises(SheetError) as caught:
        read_items(pack, read_items_table(path), date(2026, 6, 1), "APP-T")
    [cell] = caught.value.problems
    assert [(p.field, p.message) for p in (option, form, cell)] == [
        ("--hours", "「三」不是数字"), ("hours", "「三」不是数字"),
        ("工作量", "「三」不是数字：请只写数字，如 6 或 4.5（单位见表头，不写在格里）")]  # a cell also says what to type


@pytest.mark.parametrize("written, more", [(w, "") for w in ("1e3", "1E1", "1_000", "infinity", "inf", "nan", "0x10",
                                                              "1,000", "٣")]
                         + [("60元", "：只写数字 60，不写「元」（单位由这一项规定）")])  # with its unit: the number
def test_a_number_only_float_takes_is_refused_alike_by_an_option_and_a_form(written, more, chinese):
    """float() reads 1e3, 1_000 and infinity, and digits of other scripts; a clerk writes none of
    them (as a spreadsheet cell is read): refused with input.not_number, naming the field (and the number
    alone to write when it was written with its unit)."""
    from starlette.datastructures import FormData

    from gridrules.cli.writing import amount
    from gridrules.pages.forms import Form

    [option] = refused(lambda: amount(written, "--subsidy"))
    [form] = refused(lambda: Form(FormData({"subsidy": written})).number("subsidy"))
    assert [(p.field, p.message) for p in (option, form)] == [
        ("--subsidy", f"「{written}」不是数字{more}"), ("subsidy", f"「{written}」不是数字{more}")]


@pytest.mark.parametrize("written, value", [("60", 60.0), ("60.5", 60.5), (".5", 0.5), (" 60 ", 60.0),
                                            ("６０．５", 60.5), ("－２", -2.0), ("+3", 3.0)])
def test_a_plain_decimal_is_read_alike_by_an_option_and_a_form_full_width_as_ascii(written, value):
    from starlette.datastructures import FormData

    from gridrules.cli.writing import amount
    from gridrules.pages.forms import Form

    assert amount(written, "--subsidy") == Form(FormData({"subsidy": written})).number("subsidy") == value
