"""The write pages read as their forms say: what they answer when nothing is written (the form's bad
input 422, a refusal that conflicts with what is recorded 409 -- as the API answers them -- on the
镇街临时事项 and item pages as on the applications page), a field cleared on the item's form, and the
note after a temporary approval like one in force."""

from __future__ import annotations

import html
import re
from datetime import datetime, timedelta, timezone

import pytest
from fastapi.testclient import TestClient

from gridrules.catalogue import t
from gridrules.pages.app import create_app
from servicekit import write_config

BEIJING = timezone(timedelta(hours=8))


@pytest.fixture
def logged_in(tmp_path, pack_copy):
    config = tmp_path / "serve.json"
    secrets = write_config(config)

    def as_(role: str) -> tuple[TestClient, str]:
        web = TestClient(create_app(str(pack_copy), config, "off"))
        value = re.search(r'name="csrf" value="([^"]+)"', web.get("/ui/login").text).group(1)
        assert web.post("/ui/login", data={"csrf": value, "token": secrets[role]}, follow_redirects=False).status_code == 303
        return web, value

    return as_


def _csrf(web: TestClient, path: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', web.get(path).text).group(1)


def _approval(csrf: str, **changed: str) -> dict[str, object]:
    today = datetime.now(BEIJING).date()
    return {"csrf": csrf, "ref": "TX-2026-40", "decided_on": today.isoformat(), "work": "冬季走访",
            "activities": ["入户走访"], "valid_from": (today + timedelta(days=1)).isoformat(),
            "valid_to": (today + timedelta(days=20)).isoformat(), "hours_per_month": "2"} | changed


def test_a_temporary_approvals_bad_input_is_422_and_its_refusal_409(logged_in):
    web, _ = logged_in("town:tangxiang")
    csrf = _csrf(web, "/ui/temporary")
    bad = web.post("/ui/temporary", data=_approval(csrf, decided_on="下周一"), follow_redirects=False)
    assert bad.status_code == 422, bad.text
    today = datetime.now(BEIJING).date()
    too_long = web.post("/ui/temporary", data=_approval(csrf, valid_to=(today + timedelta(days=200)).isoformat()),
                        follow_redirects=False)
    assert too_long.status_code == 409, too_long.text  # the review's finding: longer than the pack allows
    assert web.post("/ui/temporary", data=_approval(csrf), follow_redirects=False).status_code == 303


def test_a_withdrawal_or_an_amendment_with_a_bad_date_is_422(logged_in):
    web, _ = logged_in("town:tangxiang")
    csrf = _csrf(web, "/ui/temporary")
    bad = web.post("/ui/temporary/TX-2026-11/withdraw", data={"csrf": csrf, "date": "昨天", "reason": "提前结束"},
                   follow_redirects=False)
    assert bad.status_code == 422, bad.text
    web, _ = logged_in("secretariat")
    csrf = _csrf(web, "/ui/items/L13")
    bad = web.post("/ui/items/L13/amend", data={"csrf": csrf, "session": "2026年第9次会议", "date": "昨天",
                                                 "subsidy_per_grid": "90"}, follow_redirects=False)
    assert bad.status_code == 422, bad.text


def test_an_approval_repeating_one_in_force_is_noted_after_it_is_recorded(logged_in):
    """The same work and activities as an approval of the town in force over its dates: recorded (two
    phases of like work may be meant), and the page after it names the other, as the command line does."""
    web, _ = logged_in("town:tangxiang")
    csrf = _csrf(web, "/ui/temporary")
    first = web.post("/ui/temporary", data=_approval(csrf), follow_redirects=True)
    assert first.status_code == 200 and 'id="like-1"' not in first.text
    again = web.post("/ui/temporary", data=_approval(csrf, ref="TX-2026-41"), follow_redirects=True)
    assert again.status_code == 200 and "已记录临时事项 TX-2026-41" in again.text
    like = re.search(r'<div class="notice warn" role="status" id="like-1">([^<]+)</div>', again.text)
    assert like is not None and "TX-2026-40" in like.group(1), again.text
    other = web.post("/ui/temporary", data=_approval(csrf, ref="TX-2026-42", work="冬季巡查"), follow_redirects=True)
    assert 'id="like-1"' not in other.text


def _amend_form(csrf: str, **fields: str) -> dict[str, object]:
    """The item form as the page sends it (L13 as it stands, filled in) with ``fields`` changed."""
    base = {"csrf": csrf, "hours_per_month": "2", "subsidy": "80", "frequency": "每季度", "session": "2026年第9次会议",
            "date": datetime.now(BEIJING).date().isoformat(), "shown": ["hours_per_month",
                                                                        "subsidy", "frequency"]}
    return base | fields


def test_a_cleared_subsidy_is_no_subsidy_and_cleared_hours_are_refused(logged_in, pack_copy):
    """As a blank 补贴 in the items sheet: the page's cleared 工作补贴 records no subsidy (it read as
    'unchanged': 没有任何修改); a cleared 工作量 or 频次 is refused at its field, an item cannot be
    without them."""
    from gridrules.engine.loading import load_pack

    web, _ = logged_in("secretariat")
    csrf = _csrf(web, "/ui/items/L13")
    item = load_pack(str(pack_copy)).items_by_id["L13"]
    form = _amend_form(csrf, hours_per_month=f"{item.hours_per_month:g}", subsidy=f"{item.subsidy:g}",
                       frequency=item.frequency)
    for field in ("hours_per_month", "frequency"):
        cleared = web.post("/ui/items/L13/amend", data=form | {field: ""}, follow_redirects=False)
        assert cleared.status_code == 422 and f'id="{field}-error"' in cleared.text, cleared.text
    unpaid = web.post("/ui/items/L13/amend", data=form | {"subsidy": ""}, follow_redirects=False)
    assert unpaid.status_code == 409 and "0 元" in unpaid.text  # the review's 费随事转 finding: it reads 0
    done = web.post("/ui/items/L13/amend", data=form | {"subsidy": "", "override": "区财政统筹，不另付补贴"},
                    follow_redirects=False)
    assert done.status_code == 303, done.text
    assert load_pack(str(pack_copy)).item_versions["L13"][-1].subsidy == 0  # the terms the amendment left


def _input(page: str, id_: str) -> tuple[str, str]:
    """The type and value of the page's input ``id_``."""
    tag = re.search(rf'<input id="{id_}"[^>]*>', page)
    assert tag is not None, f"no input {id_}"
    return re.search(r'type="([^"]*)"', tag.group(0)).group(1), re.search(r'value="([^"]*)"', tag.group(0)).group(1)


# each page with a date field, a refused form sent to it: a date as people write it (2026/11/30,
# 2026年12月1日) in one field, one that is no date in another; (the page, the role, the form, the fields'
# input ids and what each must show again)
REFUSED_DATES = [
    ("/ui/check", "department:minzheng", {"title": "", "start": "2026/11/30", "end": "2026年13月1日"},
     {"f-start": ("date", "2026-11-30"), "f-end": ("text", "2026年13月1日")}),
    ("/ui/applications/new", "department:minzheng", {"id": "APP-MZ-9", "item": "高龄老人走访", "start": "2026/11/30",
                                                      "end": "明年"},
     {"f-start": ("date", "2026-11-30"), "f-end": ("text", "明年")}),
    ("/ui/temporary", "town:tangxiang", {"ref": "TX-2026-40", "decided_on": "2026年12月1日", "valid_from": "2026/12/2",
                                         "valid_to": "下月底", "work": "冬季走访", "activities": ["入户走访"]},
     {"f-decided_on": ("date", "2026-12-01"), "f-valid_from": ("date", "2026-12-02"), "f-valid_to": ("text", "下月底")}),
    ("/ui/temporary/TX-2026-11/withdraw", "town:tangxiang", {"date": "2026/11/30", "effective": "下周", "reason": "提前结束"},
     {"w-date-1-TX-2026-11": ("date", "2026-11-30"), "w-effective-2-TX-2026-11": ("text", "下周"),
      "w-reason-3-TX-2026-11": ("text", "提前结束")}),
    ("/ui/items/L13/amend", "secretariat", {"end": "2027/12/31", "date": "2026年11月30日", "effective": "十二月",
                                            "session": "2026年第9次会议", "subsidy": "90"},
     {"f-end": ("date", "2027-12-31"), "f-date": ("date", "2026-11-30"), "f-effective": ("text", "十二月")}),
    ("/ui/items/L13/withdraw", "secretariat", {"session": "2026年第9次会议", "date": "2026/11/30", "effective": "下周"},
     {"w-date": ("date", "2026-11-30"), "w-effective": ("text", "下周")}),
]


@pytest.mark.parametrize("path, role, sent, shown", REFUSED_DATES, ids=[c[0] for c in REFUSED_DATES])
def test_a_refused_forms_dates_come_back_in_iso_and_what_is_no_date_as_typed(logged_in, path, role, sent, shown):
    """A browser without a date picker (or a clerk pasting) sends 2026/11/30 as typed; the form reads it,
    and when the form is refused for something else it comes back in ISO, the only value a date input
    shows (Chromium shows 2026/11/30 as an empty field). A date it cannot read comes back as typed, in a
    text field beside its error -- a date input would empty it."""
    web, _ = logged_in(role)
    refused = web.post(path, data={"csrf": _csrf(web, "/ui/")} | sent, follow_redirects=False)
    assert refused.status_code == 422, refused.text
    for id_, expected in shown.items():
        assert _input(refused.text, id_) == expected, id_
    unread = next(value for kind, value in shown.values() if kind == "text" and value != "提前结束")
    assert t("page.not_date", text=unread) in html.unescape(refused.text)  # and its error names it


def test_an_items_decision_dated_as_people_write_a_date_is_recorded_on_that_day(logged_in, pack_copy):
    """决定日期 and 施行日期 on the item's forms written 2026年11月30日 or 2026/11/30 are read as the
    application's and the temporary approvals' forms read them, not refused for not being YYYY-MM-DD."""
    from gridrules.engine.loading import load_pack

    web, _ = logged_in("secretariat")
    csrf = _csrf(web, "/ui/items/L13")
    amended = web.post("/ui/items/L13/amend", data=_amend_form(csrf, subsidy="90", date="2026年11月30日",
                                                                 effective="2026/12/1"), follow_redirects=False)
    assert amended.status_code == 303, amended.text
    decision = load_pack(str(pack_copy)).history.changes[-1].decision
    assert (decision.date.isoformat(), decision.effective.isoformat()) == ("2026-11-30", "2026-12-01")
    withdrawn = web.post("/ui/items/L13/withdraw", data={"csrf": csrf, "session": "2026年第10次会议",
                                                         "date": "2026/12/1", "reason": "并入 L12"},
                         follow_redirects=False)
    assert withdrawn.status_code == 303, withdrawn.text
    assert load_pack(str(pack_copy)).history.changes[-1].decision.date.isoformat() == "2026-12-01"
