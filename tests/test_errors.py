"""errors.suggest, the did-you-mean every refusal gives: a coded id (a letter prefix and digits:
L13, item.L13, MD02) is answered with the id a person plausibly meant by a slip of its digits, or
with nothing -- never with the id closest as a string.  The ids are the bundled pack's: the list's
items L01-L17 (policy §4, admission/items.yaml), the event type MD02, the department minzheng."""

from __future__ import annotations

import pytest

from gridrules.errors import suggest


@pytest.fixture(scope="module")
def ids(pack):
    return {"item": list(pack.items_by_id), "rule": [f"item.{code}" for code in pack.items_by_id],
            "type": list(pack.event_types), "department": list(pack.departments)}


@pytest.mark.parametrize("kind, given, meant", [
    ("rule", "item.L31", "item.L13"),  # two digits swapped (difflib said item.L17: as close a string)
    ("item", "L31", "L13"),
    ("type", "MD20", "MD02"),
    ("item", "L6", "L06"),  # the same number
    ("item", "l13", "L13"),  # the prefix in another case
    ("item", "L40", "L04"),  # swapped too (difflib offered L14)
    ("item", "L99", "L09"),  # one digit changed, and only one id so
    ("item", "L177", "L17"),  # one digit added
    ("rule", "itme.L13", "item.L13"),  # a prefix written wrong: no coded id of its own, closeness decides
    ("department", "minzhen", "minzheng"),  # not coded: closeness, as before
])
def test_a_coded_id_is_answered_with_the_id_its_digits_slipped_from(ids, kind, given, meant):
    assert suggest(given, ids[kind]) == meant


@pytest.mark.parametrize("kind, given", [
    ("item", "L85"),  # one digit changed: L05 or L15, a guess either way (difflib offered L15)
    ("rule", "item.L131"),  # one dropped: item.L11 or item.L13
    ("item", "L18"),  # one digit changed: L08, or L10-L17 (difflib offered L17)
    ("item", "L55"),  # nothing a slip away (difflib offered L15)
    ("rule", "item.L77"),  # nor here (difflib offered item.L07 and item.L17 alike)
])
def test_a_coded_id_no_slip_explains_gets_no_suggestion(ids, kind, given):
    assert suggest(given, ids[kind]) is None


def test_a_coded_id_of_any_length_is_answered(ids):
    """A hostile id of thousands of digits gets no suggestion, not an error (int() refuses over 4,300 digits)."""
    assert suggest("L" + "9" * 5000, ids["item"]) is None
