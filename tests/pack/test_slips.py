"""A slip of the pen in a name: the banded edit distance agrees with the plain one, and the
spellings a slip is measured against are the name and the parts it is written short by."""

from __future__ import annotations

import random

import pytest

from gridrules.pack.slips import closest_slip, edits_within, spellings


def _levenshtein(a: str, b: str) -> int:
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        new = [i]
        for j, cb in enumerate(b, 1):
            new.append(min(row[j] + 1, new[j - 1] + 1, row[j - 1] + (ca != cb)))
        row = new
    return row[-1]


def test_the_banded_distance_is_the_plain_one_within_its_bound():
    draw = random.Random(7)
    for _ in range(3000):
        a = "".join(draw.choice("燃气泄漏隐患ab") for _ in range(draw.randint(0, 9)))
        b = "".join(draw.choice("燃气泄漏隐患ab") for _ in range(draw.randint(0, 9)))
        most = draw.randint(0, 3)
        plain = _levenshtein(a, b)
        assert edits_within(a, b, most) == (plain if plain <= most else None), (a, b, most)


def test_spellings_are_the_name_its_unbracketed_form_and_its_parts_long_enough_for_a_slip():
    assert spellings("消防隐患(通道堵塞、电动车入户充电)") == (
        "消防隐患(通道堵塞、电动车入户充电)", "消防隐患", "通道堵塞", "电动车入户充电")
    assert spellings("燃气泄漏、燃气隐患") == ("燃气泄漏、燃气隐患", "燃气泄漏", "燃气隐患")
    assert spellings("区民政局") == ("区民政局",)
    assert spellings("网格") == ()  # too short to allow a slip: one character of two is another word


@pytest.mark.parametrize("given, expected", [
    ("燃起泄漏", "gas"), ("燃气隐惠", "gas"), ("天气很好", None), ("燃气", None),
    ("邻里纠分", "neighbours"), ("燃气泄漏", None),  # no slip: the name itself is read, not suggested
])
def test_the_closest_slip_is_one_edit_in_four_characters(given, expected):
    named = [("gas", spellings("燃气泄漏、燃气隐患")), ("neighbours", spellings("邻里纠纷"))]
    assert closest_slip(given, named) == expected
