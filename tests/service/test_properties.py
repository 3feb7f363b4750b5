"""Property-based tests of the API from its own /openapi.json (schemathesis): no input makes a 500.

Each operation is called with a token of a role that may call it, so the
generated bodies reach the code that validates, decides and writes (on a writable
copy of the pack); bounded by ``max_examples`` per operation.  Bodies generated
from the schema alone are nearly all refused (unknown codes: 422), so a second
property feeds tasks and events sampled from the pack's vocabulary
(``gridrules.bench``) and checks the service decides them as the library does.
"""

from __future__ import annotations

import atexit
import json
import pathlib
import tempfile
from datetime import datetime, timedelta, timezone

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import write_pack_copy
from gridrules.bench import sample_events, sample_tasks
from gridrules.service.app import create_app
from servicekit import bearer, write_config

EXAMPLES = 25  # per operation: ~19 operations, a few hundred requests


@schemathesis.serializer("application/x-ndjson")
def ndjson(_ctx, value) -> bytes:
    """A generated document as a batch: the document, a line that is not JSON, the document again."""
    line = json.dumps(value, ensure_ascii=False)
    return f"{line}\n{{not json\n{line}\n".encode("utf-8")


# the app is built once per session, before collection needs its operations
_FOLDER = tempfile.TemporaryDirectory(prefix="gridrules-properties-")
atexit.register(_FOLDER.cleanup)
_ROOT = pathlib.Path(_FOLDER.name)
SECRETS = write_config(_ROOT / "serve.json")
APP = create_app(str(write_pack_copy(_ROOT / "pack")), _ROOT / "serve.json")
SCHEMA = schemathesis.openapi.from_asgi("/openapi.json", APP)
OPERATIONS = {op.label: op for op in (result.ok() for result in SCHEMA.get_all_operations())}


def role_for(method: str, path: str) -> str:
    """A role that may call the operation (the service's own table is what is under test)."""
    if path.startswith("/v1/applications"):
        if method == "POST" and path == "/v1/applications":
            return "department:canlian"
        return "secretariat"
    if path.startswith("/v1/items"):
        return "secretariat"
    if path.startswith("/v1/temporary") and method == "POST":
        return "town:tangxiang"
    if path.startswith(("/v1/tasks", "/v1/events")):
        return "dispatch"
    return "auditor"


@pytest.mark.parametrize("label", sorted(OPERATIONS))
def test_no_input_makes_a_server_error(label):
    operation = OPERATIONS[label]

    @given(case=operation.as_strategy())
    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
    def property_(case):
        response = case.call(headers=bearer(SECRETS[role_for(case.method, case.path)]))
        assert response.status_code < 500, (case.method, case.path, response.status_code, response.text[:500])
        assert "Traceback" not in response.text

    property_()


# Generated from the pack's vocabulary rather than the schema: these reach the decisions.
MOMENT = st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2028, 12, 31),
                      timezones=st.just(timezone(timedelta(hours=8))))


@given(seed=st.integers(0, 2**31), at=MOMENT)
@settings(max_examples=60, deadline=None)
def test_the_service_decides_sampled_tasks_and_events_as_the_library_does(seed, at):
    client = TestClient(APP)
    checker = APP.state.service.live.current().checker  # the pack the service decides with now
    pack = checker.pack
    task, event = sample_tasks(pack, 1, seed)[0], sample_events(pack, 1, seed)[0]
    r = client.post("/v1/tasks/check", json=task, params={"at": at.isoformat()}, headers=bearer(SECRETS["dispatch"]))
    assert r.status_code == 200 and r.json() == checker.check_task(task, at=at).model_dump(mode="json")
    r = client.post("/v1/events/route", json=event, headers=bearer(SECRETS["dispatch"]))
    assert r.status_code == 200 and r.json() == checker.route_event(event).model_dump(mode="json")
