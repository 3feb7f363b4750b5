"""A temporary approval's withdrawal is judged as its record is: a withdrawal whose own dates contradict
themselves (a decision after today, an effect before the decision) is answered 422 at its field before
whose approval it is (403), on a real ``gridrules serve`` and its real clock."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import httpx

from appdocs import snapshot
from servicekit import bearer, serve, stop, write_config

BEIJING = timezone(timedelta(hours=8))  # the bundled pack's district time (pack.yaml)


def test_a_withdrawal_that_contradicts_itself_is_answered_422_before_its_scope_403(tmp_path, pack_copy):
    """TX-2026-11 is 棠香's (rules/admission/temporary.yaml, decided 2026-11-10): 龙岗's token withdrawing it with a
    decision dated after today, or an effect before its decision, is told that (422, date / effective),
    as 棠香's own token is; before, it was told only that the approval is another town's (403).  A
    well-formed withdrawal of it is still another town's: 403.  Nothing is written."""
    config = tmp_path / "serve.json"
    secrets = write_config(config)
    before = snapshot(pack_copy)
    today = datetime.now(BEIJING).date()
    process, base = serve(pack_copy, config, "--log", "off")
    try:
        with httpx.Client(base_url=base, timeout=60) as http:
            def withdraw(role: str, body: dict) -> httpx.Response:
                return http.post("/v1/temporary/TX-2026-11/withdraw", json=body, headers=bearer(secrets[role]))

            future = {"date": (today + timedelta(days=30)).isoformat()}
            backwards = {"date": today.isoformat(), "effective": (today - timedelta(days=1)).isoformat()}
            for body, field in ((future, "date"), (backwards, "effective")):
                for role in ("town:longgang", "town:tangxiang"):  # another town's token, and its own
                    r = withdraw(role, body)
                    assert r.status_code == 422, (role, r.text)
                    assert [p["field"] for p in r.json()["problems"]] == [field], r.text
            r = withdraw("town:longgang", {"date": today.isoformat()})
            assert r.status_code == 403 and r.json()["error"] == "forbidden", r.text
    finally:
        stop(process)
    assert snapshot(pack_copy) == before
