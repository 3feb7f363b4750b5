"""pydantic's errors in the catalogue's words (``catalogue.validation``)."""

from __future__ import annotations

import pytest

from gridrules.catalogue import set_language
from gridrules.decide.inputs import validate_task
from gridrules.errors import InputError

TASK = {"id": "T", "title": "走访", "department": "minzheng", "activities": ["visit"], "start": "2026-12-01"}


@pytest.fixture
def chinese():
    set_language("zh")
    yield
    set_language(None)


def test_a_bound_is_written_as_people_write_it(pack, chinese):
    """hours_per_month is a float field with ge=0: its bound is 0.0 to pydantic, 0 to a clerk."""
    with pytest.raises(InputError) as caught:
        validate_task(TASK | {"hours_per_month": -3}, pack)
    assert [p.message for p in caught.value.problems] == ["不能小于 0"]


@pytest.mark.parametrize("field, given, said", [
    # a list written as one text: the list it reads as, not "[a, b]"
    ("activities", "入户走访，发现报告", "应为列表：写成 [入户走访, 发现报告]"),
    ("activities", "入户走访", "应为列表：写成 [入户走访]"),
    # a number written with its unit (the field says it): the number alone
    ("hours_per_month", "8小时", "应为数字：只写数字 8，不写「小时」（单位由这一项规定）"),
    ("hours_per_month", "１２ 小时", "应为数字：只写数字 12，不写「小时」（单位由这一项规定）"),
])
def test_a_value_written_as_a_clerk_writes_it_is_answered_with_what_to_write(pack, chinese, field, given, said):
    with pytest.raises(InputError) as caught:
        validate_task(TASK | {field: given}, pack)
    assert [(p.field, p.message) for p in caught.value.problems] == [(field, said)]


def test_an_integer_too_long_to_read_is_said_in_the_catalogues_words(chinese):
    """Past Python's 4,300 digits pydantic reads no int (``int_parsing_size``): said as an integer's problem,
    not in pydantic's English (before: "Unable to parse input string as an integer, exceeded maximum size",
    the answer of ``/v1/log/export?after_seq=`` with 5,000 nines)."""
    from pydantic import TypeAdapter, ValidationError

    from gridrules.catalogue.validation import error_message

    with pytest.raises(ValidationError) as caught:
        TypeAdapter(int).validate_python("9" * 5000)
    [err] = caught.value.errors()
    assert error_message(err, err["msg"]) == "应为整数，这个数位数太多，读不出来"
