"""One wording for one thing on the pages and the command line: a change in the history, an approval's
or an item's status, what lapses, the review's next code and workload -- each one catalogue entry
both read (policy §4: the joint meeting 审定s an item; a temporary approval is valid -- 有效 -- until its
end date), served in-process."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from types import SimpleNamespace

import pytest

from appdocs import CANLIAN, write_app
from gridrules.cli.main import main

pytestmark = pytest.mark.usefixtures("decisions_after_today")  # sessions dated after the machine clock


def _pages_as(root, role: str, tmp_path, *paths: str) -> list[str]:
    """The pages at ``paths`` over the pack at ``root``, as ``role`` sees them (served in-process)."""
    from fastapi.testclient import TestClient

    from gridrules.pages.app import create_app
    from servicekit import write_config

    config = tmp_path / "serve.json"
    secrets = write_config(config)
    with TestClient(create_app(str(root), config, "off")) as web:
        login = re.search(r'name="csrf" value="([^"]+)"', web.get("/ui/login").text).group(1)
        web.post("/ui/login", data={"csrf": login, "token": secrets[role]}, follow_redirects=False)
        return [web.get(path).text for path in paths]


def _cli(capsys, *args: str) -> str:
    code = main([*args, "--lang", "zh"])
    out = capsys.readouterr().out
    assert code == 0, out
    return out


def _today_in(root) -> date:
    from gridrules.engine.loading import load_pack

    return datetime.now(load_pack(root).tz).date()


def _approve_for_ten_days(root, today: date) -> None:
    """棠香街道's approval TX-W-1 from today for ten days (both counted): in force, lapsing soon."""
    from gridrules.change.temporary import TemporaryRequest, approve_temporary

    approve_temporary(root, TemporaryRequest(unit="tangxiang", ref="TX-W-1", decided_on=today, work="冬季走访",
                                             activities=["visit"], valid_from=today,
                                             valid_to=today + timedelta(days=9), hours_per_month=1))


def test_the_history_names_a_change_as_the_history_command_does(capsys, pack_copy, tmp_path):
    """The page said 批准纳入清单 and 批准临时事项 where `gridrules history` says 审定纳入 and 临时事项批复:
    the joint meeting 审定s (the seed study's 联席会议审定); now both read action.*."""
    pack = ["--pack", str(pack_copy)]
    assert main(["admission", "approve", write_app(tmp_path, CANLIAN), *pack, "--session", "2026-5",
                 "--date", "2026-12-18"]) == 0
    assert main(["temporary", "approve", *pack, "--town", "longshui", "--ref", "LS-2026-09", "--date", "2026-12-02",
                 "--work", "冬季森林防火巡查", "--activities", "patrol,report", "--to", "2027-02-28", "--hours", "3"]) == 0
    capsys.readouterr()
    said = _cli(capsys, "history", *pack)
    [shown] = _pages_as(pack_copy, "secretariat", tmp_path, "/ui/history")
    for word, target in (("审定纳入", "L18"), ("临时事项批复", "LS-2026-09")):
        assert re.search(rf"{word}\s+{target}", said), said
        assert f"<strong>{word}</strong> {target}" in shown
    for old in ("批准纳入清单", "批准临时事项"):
        assert old not in shown


def test_an_approvals_and_an_items_status_read_as_on_the_command_line(capsys, pack_copy, tmp_path):
    """在用 on the pages, 有效 on the command line: a temporary approval in force is 有效 on the 镇街临时事项
    page, on 即将到期 (where it is a 临时事项, not a 镇街临时事项: a county's body decides some) and in
    `temporary list` and `expiring`; an item in force is 有效 on its page too."""
    today = _today_in(pack_copy)
    _approve_for_ten_days(pack_copy, today)
    pack, at = ["--pack", str(pack_copy)], f"{today.isoformat()}T12:00:00+08:00"
    listed = _cli(capsys, "temporary", "list", *pack, "--at", at)
    lapsing = _cli(capsys, "expiring", "--within", "30", *pack, "--at", at)
    assert re.search(r"TX-W-1 .* 有效", listed) and re.search(r"临时事项 +TX-W-1 .* 有效", lapsing), (listed, lapsing)
    temporary, expiring, item = _pages_as(pack_copy, "secretariat", tmp_path, "/ui/temporary", "/ui/expiring?days=30",
                                          "/ui/items/L01")
    row = re.search(r"<tr>\s*<td>TX-W-1</td>.*?</tr>", temporary, re.S).group(0)
    assert '<span class="status in_force">有效</span>' in row
    row = re.search(r"<tr><td>[^<]*</td>\s*<td>TX-W-1</td>.*?</tr>", expiring, re.S).group(0)
    assert row.startswith("<tr><td>临时事项</td>") and "<td>有效</td>" in row
    assert '<span class="status in_force">有效</span>' in item
    assert "<dt>审定纳入</dt>" in item and "<dt>批准</dt>" not in item  # the decision that listed it: history's words
    for page in (temporary, expiring, item):
        assert "在用</" not in page and "镇街临时事项</td>" not in page


def test_an_item_not_in_force_is_named_as_gridrules_show_names_it(pack, tmp_path):
    """An item's page said 未在用 for one lapsed or not yet in force; `gridrules show --all` says 已到期,
    待生效 or 未生效: the page now says the same (pack.sections.item_status, status.*)."""
    from gridrules.catalogue import chinese
    from gridrules.pack.sections import item_status

    l01 = pack.items_by_id["L01"]  # in force from 2025-01-01, no end (policy §4)
    assert item_status(l01, pack.item_in_force(l01, date(2026, 1, 1)), date(2026, 1, 1)) == "in_force"
    assert item_status(l01, pack.item_in_force(l01, date(2024, 12, 21)), date(2024, 12, 21)) == "pending"
    assert item_status(l01, pack.item_in_force(l01, date(2024, 12, 1)), date(2024, 12, 1)) == "not_yet"
    assert [chinese(f"status.{s}") for s in ("in_force", "pending", "expired", "withdrawn", "not_yet")] == [
        "有效", "待生效", "已到期", "已撤销", "未生效"]


def test_the_review_on_the_page_says_the_next_code_and_the_workload_in_the_command_lines_words(pack):
    """The page said 批准后编号 L18 where `admission review` says 审定后编号：L18, and worded the workload
    its own way: the fragment now reads review.next_code and review.workload, and names a finding's weight
    and basis as the command line does (阻断, 依据：)."""
    from gridrules.catalogue import chinese
    from gridrules.change.review import review_application, workload_where
    from gridrules.contract.application import Application
    from gridrules.pages.applications import RECOMMENDATION_WORDS
    from gridrules.pages.render import ENV

    found = review_application(pack, Application.model_validate({**CANLIAN, "subsidy": 0}), date(2026, 11, 25))
    shown = ENV.get_template("review_fragment.html").render(
        review=found, problems=[], labels={}, recommendation_words=RECOMMENDATION_WORDS,
        who=SimpleNamespace(role="secretariat"), where_of=lambda town: workload_where(pack, town))
    # the default list totals 52 hours of 120; CANLIAN adds 2 and would be L18 (policy §4)
    assert chinese("review.next_code", code="L18") == "如审定纳入，编号将为 L18" and "如审定纳入，编号将为 L18" in shown
    assert chinese("review.workload", where=workload_where(pack, found.workload.town), listed="52", added="2",
                   after="54", capacity="120") in shown
    assert "<strong>阻断·退回补正</strong>" in shown and "依据：权随责走、费随事转" in shown  # no_subsidy (review.yaml)
    assert "批准后编号" not in shown


def test_an_applications_status_and_outcome_read_as_the_history_command_says_the_decision(capsys, tmp_path,
                                                                                       pack_copy):
    """The application's page said 已批准 / 批准，纳入清单 and 未批准 / 未予批准 where `gridrules history` says
    审定纳入 and 不予纳入 (the joint meeting 审定s, the seed's 联席会议审定): its status, the decision's notice
    and the list's status column now read action.*, and its forms are named by the same words."""
    from fastapi.testclient import TestClient

    from appdocs import DECIDED, FULIAN
    from gridrules.pages.app import create_app
    from servicekit import write_config

    config = tmp_path / "serve.json"
    secrets = write_config(config)
    shown = {}
    with TestClient(create_app(str(pack_copy), config, "off")) as web:
        login = re.search(r'name="csrf" value="([^"]+)"', web.get("/ui/login").text).group(1)
        web.post("/ui/login", data={"csrf": login, "token": secrets["secretariat"]}, follow_redirects=False)
        for doc, action in ((CANLIAN, "approve"), (FULIAN, "reject")):
            web.app.state.service.applications.submit(doc, doc["applicant"])
            page = f"/ui/applications/{doc['id']}"
            csrf = re.search(r'name="csrf" value="([^"]+)"', web.get(page).text).group(1)
            if action == "approve":
                before = web.get(page).text
                assert '<h3 id="approve-title">审定纳入</h3>' in before and '<h3 id="reject-title">不予纳入</h3>' in before
                assert ">记录审定纳入</button>" in before and ">记录不予纳入</button>" in before
            sent = web.post(f"{page}/{action}", data={"csrf": csrf, "session": "2026-5", "date": DECIDED},
                            follow_redirects=False)
            assert sent.status_code == 303, sent.text
            shown[action] = (web.get(page).text, web.get("/ui/applications").text)
    said = _cli(capsys, "history", "--pack", str(pack_copy))
    assert re.search(r"审定纳入\s+L18", said) and re.search(rf"不予纳入\s+{FULIAN['id']}", said), said
    meeting = "联席会议2026年第5次会议（2026-11-18）"
    for action, words, outcome in (("approve", "审定纳入", f"{meeting}审定纳入，编号L18。"),
                                   ("reject", "不予纳入", f"{meeting}不予纳入。")):
        page, listed = shown[action]
        assert f'id="status">{words}</span>' in page, page
        notice = re.search(r'<div class="notice" role="status" id="outcome">(.*?)</div>', page, re.S).group(1)
        assert outcome in re.sub(r"\s+", "", notice), notice
        assert f'">{words}</span>' in listed
        for old in ("批准", "未予批准"):
            assert old not in notice and f">{old}<" not in listed
