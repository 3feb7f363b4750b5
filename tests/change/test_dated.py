"""A change's two dates: decided never in the future (on the real clock here), in effect never before."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from appdocs import CANLIAN, snapshot
from gridrules.change.dated import effective_date, follows
from gridrules.change.temporary import TemporaryRequest, approve_temporary, withdraw_temporary
from gridrules.change.workflow import amend, approve, reject, withdraw
from gridrules.contract.application import Application
from gridrules.engine.loading import load_pack
from gridrules.errors import InputError, Refused

TOMORROW = date.today() + timedelta(days=2)  # after today in any time zone


def test_every_change_dated_in_the_future_is_bad_input_and_writes_nothing(pack_copy):
    before = snapshot(pack_copy)
    app = Application.model_validate(CANLIAN)
    request = TemporaryRequest(unit="tangxiang", ref="TX-9", decided_on=TOMORROW, work="走访",
                               activities=["visit"], valid_from=TOMORROW, valid_to=TOMORROW)
    for change in (lambda: approve(pack_copy, app, "9", TOMORROW), lambda: reject(pack_copy, app, "9", TOMORROW),
                   lambda: amend(pack_copy, "L01", {"hours_per_month": 7}, "9", TOMORROW),
                   lambda: withdraw(pack_copy, "L01", "9", TOMORROW),
                   lambda: approve_temporary(pack_copy, request),
                   lambda: withdraw_temporary(pack_copy, "TX-2026-11", TOMORROW)):
        with pytest.raises(InputError, match="in the future") as caught:
            change()
        assert caught.value.problems[0].field == "--date"
    assert snapshot(pack_copy) == before


def test_a_change_recorded_later_may_carry_its_decisions_date(pack_copy):
    # recorded_at says when the record was made: a decision of that day or before is not in the future
    recorded = datetime.now().astimezone() + timedelta(days=30)
    withdraw(pack_copy, "L01", "9", TOMORROW, recorded_at=recorded)
    assert load_pack(pack_copy).items_by_id["L01"].withdrawal.date == TOMORROW


def test_effective_before_the_decision_is_bad_input(pack):
    with pytest.raises(InputError, match="before it was decided") as caught:
        effective_date(pack, date(2026, 6, 2), date(2026, 6, 1))
    assert caught.value.problems[0].field == "--effective"
    assert effective_date(pack, date(2026, 6, 2), None) == date(2026, 6, 2)
    assert effective_date(pack, date(2026, 6, 2), date(2026, 7, 1)) == date(2026, 7, 1)


def test_a_change_cannot_come_before_the_last_one(terms_pack):
    l18 = terms_pack.items_by_id["L18"].in_force  # its last change: decided 2026-11-28, in effect 2026-12-20
    with pytest.raises(Refused, match="decided on 2026-11-28"):
        follows("L18", l18, date(2026, 11, 27), date(2026, 12, 25))
    with pytest.raises(Refused, match="takes effect on 2026-12-20"):
        follows("L18", l18, date(2026, 11, 29), date(2026, 12, 19))
    follows("L18", l18, date(2026, 11, 29), date(2026, 12, 20))


def test_an_amendment_removing_the_end_writes_end_null(pack_copy):
    amend(pack_copy, "L01", {"end": date(2029, 12, 31)}, "2026-8", date(2026, 11, 1))
    amend(pack_copy, "L01", {"end": None}, "2026-9", date(2026, 11, 2), effective=date(2026, 12, 1))
    text = (pack_copy / "admission" / "items.yaml").read_text(encoding="utf-8")
    assert "terms: {end: null}" in text
    pack = load_pack(pack_copy)
    versions = pack.item_versions["L01"]
    assert [v.effective.to for v in versions] == [None, date(2029, 12, 31), None]
    l01 = pack.items_by_id["L01"]
    assert pack.item_terms(l01, date(2026, 11, 30), date(2026, 11, 30)).effective.to == date(2029, 12, 31)
    assert pack.item_terms(l01, date(2026, 11, 30), date(2026, 12, 1)).effective.to is None
