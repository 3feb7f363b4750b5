"""A decision on an application's page takes the application folder's lock, as the service's does:
one being recorded at the same moment (by the API, another worker, another page) is waited for."""

from __future__ import annotations

import re
import threading
from datetime import date

from fastapi.testclient import TestClient

from appdocs import CANLIAN, DECIDED
from gridrules.catalogue import t
from gridrules.change import workflow
from gridrules.contract.application import Application
from gridrules.engine.loading import load_pack
from gridrules.pages.app import create_app
from servicekit import write_config


def test_a_decision_on_the_page_waits_for_one_being_recorded_then_finds_it_decided(tmp_path, pack_copy):
    config = tmp_path / "serve.json"
    secrets = write_config(config)
    page = f"/ui/applications/{CANLIAN['id']}"
    with TestClient(create_app(str(pack_copy), config, "off")) as web:
        apps = web.app.state.service.applications
        apps.submit(CANLIAN, "canlian")
        login = re.search(r'name="csrf" value="([^"]+)"', web.get("/ui/login").text).group(1)
        assert web.post("/ui/login", data={"csrf": login, "token": secrets["secretariat"]},
                        follow_redirects=False).status_code == 303
        csrf = re.search(r'name="csrf" value="([^"]+)"', web.get(page).text).group(1)
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
            apps.decided(apps.get(CANLIAN["id"]), "rejected", outcome.as_dict())
        approving.join(60)
        answer = answers["approve"]
        assert answer.status_code == 409 and t("page.already_decided", status="未批准") in answer.text
    assert [c.action for c in load_pack(pack_copy).history.changes] == ["reject"]
