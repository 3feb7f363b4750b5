"""Numbers in a table: a number cell as Excel shows it, a number typed as text with its thousands grouped."""

from __future__ import annotations

import math

import pytest

from gridrules.tables.numbers import AmbiguousNumber, cell_number, shown


@pytest.mark.parametrize("value, text", [
    (0.1 + 0.2, "0.3"),  # =0.1+0.2: Excel shows 0.3
    (math.nextafter(6.0, 7), "6"),
    (6.0, "6"), (4.5, "4.5"), (-2.0, "-2"), (0.0, "0"),
    (1e-07, "0.0000001"),  # no exponent: the text is read back as a number people write
    (500111000001.0, "500111000001"),  # a 12-digit grid code typed as a number
    (1.2345678901234568e17, "123456789012346000"),  # Excel keeps 15 digits of it
])
def test_a_number_cell_reads_as_excel_shows_it(value, text):
    assert shown(value) == text


@pytest.mark.parametrize("text, number", [
    ("1,320", 1320), ("1，320", 1320), ("１，３２０", 1320), ("12,345,678", 12345678), ("1,320.5", 1320.5),
    (" 1320 ", 1320), ("６０．５", 60.5), ("-1,000", -1000),
])
def test_thousands_grouped_the_english_or_the_chinese_way_are_read(text, number):
    assert cell_number(text) == number


@pytest.mark.parametrize("text, whole, choices", [
    ("1,32", False, ["132", "1.32"]), ("12,5", False, ["125", "12.5"]), ("1,3200", False, ["13200", "1.3200"]),
    ("1,32", True, ["132"]), ("1.320,5", False, ["1.3205"]), ("1,320,5", False, ["13205"]),
])
def test_a_comma_that_is_no_thousands_separator_for_sure_is_not_guessed(text, whole, choices):
    with pytest.raises(AmbiguousNumber) as caught:
        cell_number(text, whole)
    assert caught.value.choices == choices


@pytest.mark.parametrize("text", ["五", "1,2a", "1e3", "1_000", ","])
def test_no_number_is_no_number(text):
    with pytest.raises(ValueError) as caught:
        cell_number(text)
    assert not isinstance(caught.value, AmbiguousNumber)
