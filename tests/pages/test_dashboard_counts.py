"""The dashboard counts each department and event type once, under its pack name, however the
logged inputs named it (the service logs inputs as sent: names, short forms or ids)."""

from __future__ import annotations

from datetime import date

import pytest
from fastapi.testclient import TestClient

from gridrules.pages.app import create_app
from gridrules.pages.dashboard import count_log, log_charts
from gridrules.pages.names import names_of
from servicekit import EVENT, TASK, bearer, write_config

pytestmark = pytest.mark.usefixtures("decisions_after_today")


def test_a_department_and_a_type_named_several_ways_are_counted_once(tmp_path, pack_copy):
    config = tmp_path / "serve.json"
    secrets = write_config(config)
    app = create_app(str(pack_copy), config, f"sqlite:///{tmp_path / 'log.sqlite'}")
    client = TestClient(app)
    dispatch = bearer(secrets["dispatch"])
    for i, named in enumerate(("区民政局", "民政局", "minzheng")):
        r = client.post("/v1/tasks/check", json=TASK | {"id": f"T-{i}", "department": named},
                        params={"at": "2026-12-01T09:00:00+08:00"}, headers=dispatch)
        assert r.status_code == 200, r.text
    r = client.post("/v1/tasks/check", json=TASK | {"id": "T-9", "department": "external:区税务局"},
                    params={"at": "2026-12-01T09:00:00+08:00"}, headers=dispatch)
    assert r.status_code == 200, r.text
    for i, named in enumerate(("燃气泄", "燃气泄漏、燃气隐患", "AQ03")):
        r = client.post("/v1/events/route", json=EVENT | {"id": f"E-{i}", "type": named, "history": []},
                        headers=dispatch)
        assert r.status_code == 200, r.text
    service = app.state.service
    snap = service.live.current()
    counts = count_log(service.log, snap, date(2026, 11, 20), date(2026, 12, 5))
    charts = log_charts(counts, names_of(snap.pack), date(2026, 11, 20), date(2026, 12, 5))
    assert dict(charts["types"]) == {"燃气泄漏、燃气隐患": 3.0}
    assert dict(charts["departments"])["区民政局"] == 3.0
    assert [name for name, _ in charts["departments"]].count("区民政局") == 1
    assert not {"民政局", "minzheng"} & {name for name, _ in charts["departments"]}
    # a body outside the pack by its own name, marked as outside, not as external:区税务局
    assert dict(charts["departments"])["区税务局 (outside the district's registered bodies)"] == 1.0
