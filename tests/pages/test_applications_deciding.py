"""A decision on an application's page takes the application folder's lock, as the service's does:
one being recorded at the same moment (by the API, another worker, another page) is waited for."""

from __future__ import annotations

import html
import json
import pathlib
import re
import threading
from contextlib import contextmanager
from datetime import date
from typing import Iterator

from fastapi.testclient import TestClient

from appdocs import CANLIAN, DECIDED, FULIAN, snapshot
from gridrules.catalogue import t
from gridrules.change import workflow
from gridrules.contract.application import Application
from gridrules.engine.loading import load_pack
from gridrules.pages.app import create_app
from servicekit import write_config


def log_in(web: TestClient, token: str) -> None:
    """Log the client in with a role's token, as the login page does."""
    login = re.search(r'name="csrf" value="([^"]+)"', web.get("/ui/login").text).group(1)
    assert web.post("/ui/login", data={"csrf": login, "token": token}, follow_redirects=False).status_code == 303


@contextmanager
def secretariat_on(tmp_path: pathlib.Path, pack: pathlib.Path, doc: dict) -> Iterator[tuple[TestClient, str, str]]:
    """The pages over ``pack`` with application ``doc`` submitted and the secretariat logged in: the
    client, the application's page and the CSRF value of its forms."""
    config = tmp_path / "serve.json"
    secrets = write_config(config)
    page = f"/ui/applications/{doc['id']}"
    with TestClient(create_app(str(pack), config, "off")) as web:
        web.app.state.service.applications.submit(doc, doc["applicant"])
        log_in(web, secrets["secretariat"])
        yield web, page, re.search(r'name="csrf" value="([^"]+)"', web.get(page).text).group(1)


def test_a_decision_on_the_page_waits_for_one_being_recorded_then_finds_it_decided(tmp_path, pack_copy):
    with secretariat_on(tmp_path, pack_copy, CANLIAN) as (web, page, csrf):
        apps = web.app.state.service.applications
        answers = {}

        def approve() -> None:
            answers["approve"] = web.post(f"{page}/approve", follow_redirects=False,
                                          data={"csrf": csrf, "session": "2026-5", "date": DECIDED})

        with apps.deciding():  # a rejection is being recorded elsewhere
            approving = threading.Thread(target=approve)
            approving.start()
            approving.join(1.0)
            assert approving.is_alive(), "the page decided while another decision held the application"
            outcome = workflow.reject(pack_copy, Application.model_validate(CANLIAN), "2026-5",
                                      date.fromisoformat(DECIDED), "另行研究")
            apps.decided(apps.get(CANLIAN["id"]), "rejected", outcome.as_dict(), load_pack(pack_copy).tz)
        approving.join(60)
        answer = answers["approve"]
        # another decision than the one recorded: the library's refusal, naming the decision that stands
        assert answer.status_code == 409 and t("refuse.decided_once", app=CANLIAN["id"], action=t("action.reject"),
                                               session="2026年第5次会议", date=DECIDED) in answer.text
    assert [c.action for c in load_pack(pack_copy).history.changes] == ["reject"]


def test_a_rejection_sent_again_is_shown_as_recorded_and_an_approval_after_it_refused(tmp_path, pack_copy):
    """The rejection's form sent a second time (a double click, or again after its answer was lost) is the
    decision recorded already, as the command and the API answer it: the page says where it is recorded and
    nothing is written twice; an approval sent after it is another decision, refused in the library's words."""
    with secretariat_on(tmp_path, pack_copy, FULIAN) as (web, page, csrf):
        sent = {"csrf": csrf, "session": "2026-5", "date": DECIDED, "reason": "另行研究"}
        assert web.post(f"{page}/reject", data=sent, follow_redirects=False).status_code == 303
        again = web.post(f"{page}/reject", data=sent, follow_redirects=False)
        rejected = load_pack(pack_copy).history.changes[-1]
        assert again.status_code == 200, again.text
        assert t("page.rejection_recorded", decision="联席会议2026年第5次会议（2026-11-18）", action=t("action.reject"),
                 seq=rejected.seq, version=rejected.version) in again.text
        assert 'id="refused"' not in again.text
        approved = web.post(f"{page}/approve", data=sent | {"session": "2026-6"}, follow_redirects=False)
        assert approved.status_code == 409 and t("refuse.decided_once", app=FULIAN["id"], action=t("action.reject"),
                                                 session="2026年第5次会议", date=DECIDED) in approved.text
    assert [c.action for c in load_pack(pack_copy).history.changes if c.application == FULIAN["id"]] == ["reject"]


def test_pages_that_settle_an_application_wait_for_the_lock_off_the_event_loop(tmp_path, pack_copy):
    """The list and an application's page file a decision the pack records but the folder does not yet
    (``settle``), under the folder's lock; while another decision holds it, the server answers others."""
    config = tmp_path / "serve.json"
    secrets = write_config(config)
    with TestClient(create_app(str(pack_copy), config, "off")) as web:
        apps = web.app.state.service.applications
        for doc, by in ((FULIAN, "fulian"), (CANLIAN, "canlian")):
            apps.submit(doc, by)
            workflow.reject(pack_copy, Application.model_validate(doc), "2026-5", date.fromisoformat(DECIDED), "另行研究")
        web.app.state.service.live.current()  # the pack records the rejections; the folder still says waiting
        log_in(web, secrets["secretariat"])
        answers: dict = {}

        def get(name: str, path: str) -> threading.Thread:
            thread = threading.Thread(target=lambda: answers.__setitem__(name, web.get(path)))
            thread.start()
            return thread

        # the application's page first (the list would settle both)
        for page in (f"/ui/applications/{CANLIAN['id']}", "/ui/applications"):
            answers.clear()
            with apps.deciding():  # another decision is being recorded
                waiting = get("page", page)
                waiting.join(1.0)
                assert waiting.is_alive(), "the page settled the application without the folder's lock"
                alive = get("health", "/healthz")
                alive.join(30)
                assert not alive.is_alive() and answers["health"].status_code == 200, \
                    f"{page} held the event loop while it waited for the lock"
            waiting.join(60)
            assert answers["page"].status_code == 200 and "不予纳入" in answers["page"].text
        assert [apps.get(doc["id"])["status"] for doc in (CANLIAN, FULIAN)] == ["rejected", "rejected"]


def test_a_refused_decision_is_shown_again_in_its_own_form_only(tmp_path, pack_copy):
    """What was written into the approval form comes back in it, with its problem; the rejection form
    beside it is as it first showed (today's date), not filled with the refused values."""
    with secretariat_on(tmp_path, pack_copy, CANLIAN) as (web, page, csrf):
        first = web.get(page).text
        today = re.search(r'id="r-date" name="date" type="date" required value="([^"]*)"', first).group(1)
        for sent, other in (("approve", "r"), ("reject", "")):
            answer = web.post(f"{page}/{sent}", data={"csrf": csrf, "session": "第六次", "date": "2026-11-18"})
            assert answer.status_code == 422  # the form's bad input, as the API answers it (409: a conflict)
            shown = answer.text
            approve_form, reject_form = (re.search(f'<form[^>]*/{name}".*?</form>', shown, re.S).group(0)
                                         for name in ("approve", "reject"))
            sent_form, other_form = (approve_form, reject_form) if sent == "approve" else (reject_form, approve_form)
            assert 'value="第六次"' in sent_form and 'role="alert"' in sent_form
            assert "第六次" not in other_form and 'role="alert"' not in other_form
            assert f'value="{today}"' in other_form and 'value="2026-11-18"' not in other_form


def test_the_table_lists_the_newest_submission_first_whatever_offset_it_was_written_in(tmp_path, pack_copy):
    """An application submitted before this version kept ``submitted_at`` in UTC, a new one in the pack's
    offset: the table orders them by the moment, not by the text (2026-11-20T20:00:00+00:00, 04:00 on the
    21st in +08:00, is newer than 2026-11-21T02:00:00+08:00 though it sorts before it as text)."""
    config = tmp_path / "serve.json"
    secrets = write_config(config)
    with TestClient(create_app(str(pack_copy), config, "off")) as web:
        apps = web.app.state.service.applications
        for app, at in ((CANLIAN, "2026-11-21T02:00:00+08:00"), (FULIAN, "2026-11-20T20:00:00+00:00")):
            record = apps.submit(app, app["applicant"]).record | {"submitted_at": at}
            (apps.root / "pending" / f"{app['id']}.json").write_text(json.dumps(record), encoding="utf-8")
        log_in(web, secrets["secretariat"])
        table = web.get("/ui/applications").text
    assert table.index(FULIAN["id"]) < table.index(CANLIAN["id"])


def test_a_decision_dated_as_people_write_a_date_is_recorded_on_that_day(tmp_path, pack_copy):
    """决定日期 written 2026年11月18日 or 2026/11/18 (outside the browser's date picker) is read as the command
    line and the other forms read it, not refused for not being YYYY-MM-DD; a date that is none is the
    form's bad input beside its field, 422."""
    for doc, sent, written in ((CANLIAN, "approve", "2026年11月18日"), (FULIAN, "reject", "2026/11/18")):
        with secretariat_on(tmp_path / doc["id"], pack_copy, doc) as (web, page, csrf):
            answer = web.post(f"{page}/{sent}", follow_redirects=False,
                              data={"csrf": csrf, "session": "2026-5", "date": written, "reason": "另行研究"})
            assert answer.status_code == 303, answer.text
            bad = web.post(f"{page}/{sent}", data={"csrf": csrf, "session": "2026-5", "date": "十一月"})
            assert bad.status_code == 422 and t("page.not_date", text="十一月") in html.unescape(bad.text)
        change = load_pack(pack_copy).history.changes[-1]
        assert (change.application, change.decision.date.isoformat()) == (doc["id"], DECIDED)


def test_the_same_application_sent_again_is_shown_as_filed_and_another_under_its_id_refused(tmp_path, pack_copy):
    """The form sent a second time with the same content (after a timeout, or back and send again) is the
    application filed: 200, saying so, with its address, nothing written; another application under the
    number is a conflict (409) at the number, naming what differs; a form's bad input is 422."""
    config = tmp_path / "serve.json"
    secrets = write_config(config)
    with TestClient(create_app(str(pack_copy), config, "off")) as web:
        log_in(web, secrets["department:canlian"])
        csrf = re.search(r'name="csrf" value="([^"]+)"', web.get("/ui/applications/new").text).group(1)
        sent = {"csrf": csrf, "id": "APP-CL-001", "item": CANLIAN["item"], "content": CANLIAN["content"],
                "hours_per_month": "2", "activities": ["入户走访", "发现报告"]}
        assert web.post("/ui/applications/new", data=sent, follow_redirects=False).status_code == 303
        folder = web.app.state.service.applications.root
        before = snapshot(folder)
        again = web.post("/ui/applications/new", data=sent | {"hours_per_month": "2.0"}, follow_redirects=False)
        assert again.status_code == 200, again.text
        assert t("page.application_filed") in again.text and 'href="/ui/applications/APP-CL-001"' in again.text
        assert 'class="field invalid"' not in again.text and snapshot(folder) == before
        other = web.post("/ui/applications/new", data=sent | {"content": "另一项工作"}, follow_redirects=False)
        assert other.status_code == 409 and t("page.application_taken_differs", fields="工作内容") in html.unescape(other.text)
        assert re.search(r'class="field invalid">\s*<label for="f-id"', other.text)  # at the number
        assert snapshot(folder) == before
        bad = web.post("/ui/applications/new", data=sent | {"id": "APP-CL-002", "hours_per_month": "两"})
        assert bad.status_code == 422


def test_a_refused_decisions_dates_come_back_in_iso_and_what_is_no_date_as_typed(tmp_path, pack_copy):
    """决定日期 written 2026/11/30 (outside the browser's date picker) is read; sent back with another
    problem it is shown in ISO, the only value a date input shows; 施行日期 that is no date is shown as
    typed, in a text field (a date input would empty it), its error beside it."""
    with secretariat_on(tmp_path, pack_copy, CANLIAN) as (web, page, csrf):
        approved = web.post(f"{page}/approve", data={"csrf": csrf, "session": "2026-5", "date": "2026/11/30",
                                                      "effective": "下个月"})
        rejected = web.post(f"{page}/reject", data={"csrf": csrf, "session": "第六次", "date": "2026年11月30日"})
    assert approved.status_code == rejected.status_code == 422
    assert re.search(r'id="f-date" name="date" type="date" value="2026-11-30"', approved.text), approved.text
    assert re.search(r'id="f-effective" name="effective" type="text" value="下个月"', approved.text)
    assert t("page.not_date", text="下个月") in html.unescape(approved.text)
    assert re.search(r'id="r-date" name="date" type="date" required value="2026-11-30"', rejected.text)


def test_the_approval_form_says_the_day_the_item_takes_effect_before_it_is_recorded(tmp_path, pack_copy):
    """Left blank, 施行日期 is the application's start (CANLIAN's 2027-03-01), or the decision's day when that
    start has passed (workflow.approval_effective): the form said only 按申请的开始日期, so the secretary
    confirmed without seeing the day."""
    with secretariat_on(tmp_path, pack_copy, CANLIAN) as (web, page, _):
        shown = html.unescape(web.get(page).text)
        assert "不填则自申请的开始日期 2027-03-01 起施行；开始日期早于决定日期的，自决定日期起施行" in shown
