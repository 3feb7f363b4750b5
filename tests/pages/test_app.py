"""The pages as installed: templates and assets ship with the package, the app mounts them, and
the service's API still takes JSON only."""

from __future__ import annotations

import html
import re
import subprocess
import sys

import pytest
from fastapi.testclient import TestClient

from gridrules.catalogue import t
from gridrules.pages.app import create_app
from gridrules.pages.render import ENV
from servicekit import write_config


def test_templates_and_assets_ship_in_the_installed_package():
    script = ("import importlib.resources as r; p = r.files('gridrules.pages');"
              "print(sorted(x.name for x in (p / 'templates').iterdir()));"
              "print(sorted(x.name for x in (p / 'static').iterdir()))")
    found = subprocess.run([sys.executable, "-P", "-c", script], capture_output=True, text=True, check=True,
                           cwd="/").stdout.splitlines()
    assert "'base.html'" in found[0] and "'check_answer.html'" in found[0]
    assert found[1] == "['pages.css', 'pages.js']"
    for name in ENV.list_templates():  # every template parses
        ENV.get_template(name)


@pytest.fixture
def client(tmp_path, pack_copy):
    config = tmp_path / "serve.json"
    secrets = write_config(config)
    with TestClient(create_app(str(pack_copy), config, "off")) as client:
        yield client, secrets


def test_static_assets_are_served_and_pages_need_a_login(client):
    web, _ = client
    assert web.get("/ui/static/pages.js").status_code == 200
    answer = web.get("/ui/items", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/ui/login?next=/ui/items"


def test_forms_are_taken_on_the_pages_only(client):
    web, secrets = client
    answer = web.post("/v1/tasks/check", data={"id": "x"}, headers={"Authorization": f"Bearer {secrets['dispatch']}"})
    assert answer.status_code == 415  # the API stays JSON-only


def test_the_login_form_needs_its_own_csrf_value(client):
    web, secrets = client
    answer = web.post("/ui/login", data={"csrf": "x" * 43, "token": secrets["dispatch"]}, follow_redirects=False)
    assert answer.status_code == 403  # no login cookie: a cross-site login attempt
    form = web.get("/ui/login").text
    value = re.search(r'name="csrf" value="([^"]+)"', form).group(1)
    answer = web.post("/ui/login", data={"csrf": value, "token": secrets["dispatch"], "next": "//evil.example/"},
                      follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/ui/"  # never off the site
    cookie = answer.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/ui" in cookie


def test_errors_under_ui_are_pages_and_elsewhere_json(client):
    web, _ = client
    missing = web.get("/ui/no-such-page")
    assert missing.status_code == 404 and t("page.no_page") in missing.text and missing.headers["content-type"].startswith("text/html")
    assert web.get("/v1/no-such-endpoint").json()["error"] == "not_found"


def _logged_in(web: TestClient, token: str) -> None:
    value = re.search(r'name="csrf" value="([^"]+)"', web.get("/ui/login").text).group(1)
    assert web.post("/ui/login", data={"csrf": value, "token": token}, follow_redirects=False).status_code == 303


def test_an_address_whose_parameter_is_not_utf8_is_answered_naming_it(client):
    """A link made on a GBK system (镇 as %D5%F2): the page names the parameter and what it reads as in
    GBK, 422, as the API does; before, the page read '\ufffd\ufffd' (a history of nothing, an empty list,
    a date field's 网址中的参数有误) without a word of why.  Not logged in: to the login form first."""
    web, secrets = client
    gbk = "".join(f"%{b:02X}" for b in "镇".encode("gbk"))
    assert web.get(f"/ui/history?target={gbk}", follow_redirects=False).status_code == 303
    _logged_in(web, secrets["secretariat"])
    for path, name in (("/ui/history", "target"), ("/ui/expiring", "days"), ("/ui/items", "on")):
        answer = web.get(f"{path}?{name}={gbk}")
        assert answer.status_code == 422, answer.text
        assert t("http.query_not_utf8", name=name, gbk=t("http.query_gbk", text="镇")) in html.unescape(answer.text)
    assert web.get("/ui/history?target=L13").status_code == 200


def test_a_check_the_log_cannot_record_is_a_page_in_chinese_saying_so(tmp_path, pack_copy, monkeypatch):
    """A log outage under /ui is the refused page (503), as every other /ui error; the API keeps its JSON.
    The page says when to try again as the API's 503 does: the same Retry-After (before, the page had none)."""
    from gridrules.service.answers import RETRY_AFTER_SECONDS
    from gridrules.catalogue import set_language
    from gridrules.errors import LogUnavailable
    config = tmp_path / "serve.json"
    secrets = write_config(config)
    set_language("zh")
    try:
        with TestClient(create_app(str(pack_copy), config, f"sqlite:///{tmp_path / 'decisions.sqlite'}")) as web:
            store = web.app.state.service.log.store

            def gone(_groups):
                raise LogUnavailable(t("log.unavailable", error="disk I/O error"))

            monkeypatch.setattr(store, "append_keyed", gone)
            _logged_in(web, secrets["department:minzheng"])
            value = re.search(r'name="csrf" value="([^"]+)"', web.get("/ui/check").text).group(1)
            answer = web.post("/ui/check", data={"csrf": value, "id": "T-1", "title": "独居老人走访摸排", "activities": ["入户走访", "发现报告"],
                                                 "start": "2026-12-01", "end": "2026-12-31", "hours_per_month": "3"})
            assert answer.status_code == 503 and answer.headers["content-type"].startswith("text/html")
            assert t("page.log_unavailable") in answer.text and "决定日志暂时无法写入" in answer.text
            assert 'id="verdict"' not in answer.text  # nothing decided is shown unlogged
            api = web.post("/v1/tasks/check", json={"id": "T-1", "title": "走访", "department": "minzheng",
                                                    "activities": ["visit"], "start": "2026-12-01"},
                           headers={"Authorization": f"Bearer {secrets['dispatch']}"})
            assert api.status_code == 503 and api.json()["error"] == "log_unavailable"
            assert answer.headers.get("Retry-After") == api.headers["Retry-After"] == str(RETRY_AFTER_SECONDS)
    finally:
        set_language(None)
