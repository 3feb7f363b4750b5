"""A JSON line read strictly, and what it refuses placed at its field and column."""

import pytest

from gridrules.errors import Location, Problem
from gridrules.pack.jsonline import JSONLineError, line_problem, parse_json_line, placed_on_line, refusal
from gridrules.pack.yamlevents import MAX_DIGITS


@pytest.mark.parametrize(
    "line, fragment",
    [
        ('{"a": 1, "a": 2}', "duplicate key 'a'"),
        ('{"a": NaN}', "NaN is not a number"),
        ('{"a": Infinity}', "Infinity is not a number"),
        ('{"a": ', "not valid JSON"),
    ],
)
def test_json_lines_are_strict(line, fragment):
    with pytest.raises(ValueError, match=fragment.replace("(", r"\(")):
        parse_json_line(line)


@pytest.mark.parametrize(
    "line, fragment",
    [
        ('{"b": 0, "a": 1, "c": {"a": 2}, "c": 3, "a": 4}', "duplicate key 'c'"),  # the first repeated, in order
        ("[" * 65 + "]" * 65, "nested more than 64 levels deep"),
        ('{"a": ' + "[" * 64 + "]" * 64 + "}", "nested more than 64 levels deep"),
        ('{"a": "\\ud800"}', "half a surrogate pair"),
        ('{"\\udc00": 1}', "half a surrogate pair"),
    ],
)
def test_json_lines_refuse_deep_nesting_and_half_surrogates(line, fragment):
    with pytest.raises(ValueError, match=fragment):
        parse_json_line(line)


def test_json_lines_just_inside_the_limits_are_read():
    deepest = parse_json_line('{"a": ' + "[" * 63 + "]" * 63 + "}")["a"]  # a list 63 deep
    for _ in range(62):
        (deepest,) = deepest
    assert deepest == []
    assert parse_json_line("[" * 64 + "]" * 64) is not None
    brackets = '{"a": "' + "[{" * 40 + '", "b": "\\\\ud800"}'  # brackets, and an escaped backslash, in strings
    assert parse_json_line(brackets) == {"a": "[{" * 40, "b": "\\ud800"}


def test_json_numbers_past_the_digits_python_reads_are_refused_with_their_length():
    """A line of at most MAX_DIGITS characters is read without the number hook (it can hold no
    longer number); the limit is the same on both sides of that length."""
    longest = "9" * MAX_DIGITS
    assert parse_json_line(f'{{"n": {longest}}}')["n"] == int(longest)
    assert parse_json_line(f"[-{'9' * (MAX_DIGITS - 3)}]") == [-int("9" * (MAX_DIGITS - 3))]  # a line of MAX_DIGITS
    for line in (f"[{'9' * (MAX_DIGITS + 1)}]", f'{{"n": -{"1" * (MAX_DIGITS + 1)}}}'):
        with pytest.raises(ValueError, match=f"{MAX_DIGITS + 1 if '-' not in line else MAX_DIGITS + 2} digits"):
            parse_json_line(line)
    assert parse_json_line('{"a": 1, "b": -2, "c": 3.5, "d": [0, 10]}') == {"a": 1, "b": -2, "c": 3.5, "d": [0, 10]}


@pytest.mark.parametrize("line, col, field, fragment", [
    # {"id": "T-1", "hours_per_month": |NaN}: 33 characters before it
    ('{"id": "T-1", "hours_per_month": NaN}', 34, "hours_per_month", "NaN is not a number"),
    ('{"id": "T-1", "id": "T-2"}', 15, "id", "duplicate key 'id'"),  # the second key
    ('{"activities": ["a", -Infinity]}', 22, "activities[1]", "-Infinity is not a number"),
    ('{"a": {"b": 1, "b": 2}, "a": 3}', 16, "a.b", "duplicate key 'b'"),  # the first in reading order
    ('{"n": ' + "9" * (MAX_DIGITS + 1) + "}", 7, "n", f"{MAX_DIGITS + 1} digits"),
    ('{"steps": [{"note": "\\ud800"}]}', 21, "steps[0].note", "half a surrogate pair"),
    ('{"ok": 1, "\\udc00": 1}', 11, "", "half a surrogate pair"),  # a key: named by where it is, not by itself
    # the 64th bracket is 64 levels deep: 6 characters, then 63 brackets, before it
    ('{"a": ' + "[" * 64 + "]" * 64 + "}", 70, "a" + "[0]" * 63, "nested more than 64 levels deep"),
])
def test_a_refusal_names_its_field_and_column(line, col, field, fragment):
    with pytest.raises(JSONLineError) as refused:
        parse_json_line(line)
    assert (refused.value.col, refused.value.field) == (col, field)
    assert fragment in refused.value.reason
    problem = line_problem(refused.value, "tasks.jsonl", 7)
    assert (problem.location, problem.field) == (Location("tasks.jsonl", 7, col), field)
    assert problem.message == refused.value.reason  # JSON, but not what gridrules reads: no "not valid JSON"
    over_http = refused.value.problem()  # no file: the column is said in the message
    assert over_http.location is None and over_http.field == field and f"column {col}" in over_http.message


def test_a_line_that_stops_being_json_first_is_placed_by_the_decoder():
    assert refusal('{"a" 1, "b": NaN}') is None  # the ':' is missing before NaN is reached
    with pytest.raises(JSONLineError) as refused:
        parse_json_line('{"a" 1, "b": NaN}')
    assert (refused.value.col, refused.value.field) == (6, "")


def test_what_the_hooks_accept_the_placing_reader_accepts():
    for line in ('{"a": "\\ud83d\\ude00", "b": [1, -2.5e3, true, false, null, {}], "c": {"d": []}}',
                 "[" * 64 + "]" * 64, ' { "x" : [ 1 , 2 ] } '):
        parse_json_line(line)
        assert refusal(line) is None


LINE = '  {"town": "nope", "history": [{"level": "grid"}]}'  # the document starts at column 3


@pytest.mark.parametrize("field, col", [
    ("town", LINE.index('"nope"') + 1),  # present: its value's column
    ("history[0].level", LINE.index('"grid"') + 1),
    ("history[0].at", LINE.index('{"level"') + 1),  # missing from the entry: the entry that should hold it
    ("grid", 3),  # missing from the line: the line's document, as Document.locate places it
    ("", 0),  # about no field: left at the line (no column)
])
def test_a_later_refusal_is_placed_at_its_field_or_the_nearest_value_holding_it(field, col):
    where = Location("ev.jsonl", 4)
    [placed] = placed_on_line([Problem("wrong", where, field)], LINE, parse_json_line(LINE), where)
    assert (placed.location.line, placed.location.col) == (4, col)
