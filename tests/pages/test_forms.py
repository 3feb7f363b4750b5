"""Reading a form's values as clerks write them (no browser: the form's fields as a mapping)."""

from __future__ import annotations

from datetime import timedelta, timezone

import pytest
from starlette.datastructures import FormData

from gridrules.errors import InputError
from gridrules.pages.forms import Form, refilled

CST = timezone(timedelta(hours=8))


@pytest.mark.parametrize("written", ["2026-12-05", "2026/12/5", "2026.12.05", "2026年12月5日", " 2026 年 12 月 05 日 "])
def test_a_date_is_read_as_people_write_it(written):
    assert Form(FormData({"start": written})).day("start") == "2026-12-05"


@pytest.mark.parametrize("written", ["2026-02-30", "12/05/2026", "2026-12", "明天"])
def test_what_is_no_date_is_refused_at_its_field(written):
    with pytest.raises(InputError) as caught:
        Form(FormData({"start": written})).day("start")
    assert [p.field for p in caught.value.problems] == ["start"] and written.strip() in str(caught.value)


@pytest.mark.parametrize("written", ["2026-12-05T09:30", "2026/12/5 9:30", "2026年12月5日 09:30",
                                     # as an input method types it: full-width digits, dash, colon and space
                                     "２０２６－１２－０５　０９：３０", "２０２６年１２月５日　９：３０", "2026-12-05T09:30　"])
def test_a_moment_is_read_in_the_packs_zone(written):
    assert Form(FormData({"at": written})).moment("at", CST) == "2026-12-05T09:30:00+08:00"


def test_a_moment_with_its_offset_keeps_it():
    assert Form(FormData({"at": "2026-12-05T09:30+00:00"})).moment("at", CST) == "2026-12-05T09:30:00+00:00"


@pytest.mark.parametrize("written", ["2026/11/30", "2026年11月30日", "２０２６年１１月３０日", "2026-11-30"])
def test_a_date_the_form_reads_is_shown_again_in_iso_in_its_date_field(written):
    assert refilled("date", written) == ("date", "2026-11-30")  # the only value a date input shows


@pytest.mark.parametrize("written", ["2026年13月1日", "2026-02-30", "下周一"])
def test_a_date_the_form_cannot_read_is_shown_again_as_typed_in_a_text_field(written):
    assert refilled("date", written) == ("text", written)  # a date input would show it empty


def test_other_fields_and_blank_dates_are_shown_again_as_sent():
    assert refilled("text", "2026/11/30") == ("text", "2026/11/30")
    assert refilled("date", "") == ("date", "")
