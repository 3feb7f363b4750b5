"""A problem in an answer names the field it is about; a place in a file it has none over HTTP
(``path``, ``line`` and ``col`` are null), whichever endpoint found it."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from appdocs import CANLIAN
from gridrules.service.app import create_app
from servicekit import TASK, bearer, write_config

pytestmark = pytest.mark.usefixtures("decisions_after_today")


def test_a_problem_over_http_has_no_place_in_a_file(tmp_path, pack_copy):
    config = tmp_path / "serve.json"
    secrets = write_config(config)
    client = TestClient(create_app(str(pack_copy), config), raise_server_exceptions=False)
    town = {"ref": "TX-2026-12", "decided_on": "2026-12-01", "work": "春节前独居老人安全走访",
            "activities": ["visit", "nothing"], "valid_to": "2027-02-28"}
    for path, body, role in (("/v1/tasks/check", TASK | {"assignee": "nobody"}, "dispatch"),
                             ("/v1/applications", CANLIAN | {"activities": ["visit", 7], "surprise": 1},
                              "department:canlian"),
                             ("/v1/temporary", town, "town:tangxiang")):
        r = client.post(path, json=body, headers=bearer(secrets[role]))
        assert r.status_code == 422, (path, r.text)
        problems = r.json()["problems"]
        assert problems and all(p["field"] for p in problems), (path, problems)
        assert [(p["path"], p["line"], p["col"]) for p in problems] == [(None, None, None)] * len(problems), path
