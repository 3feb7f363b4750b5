"""An uploaded records file is read line by line as a batch is: split at newlines only, and a
line gridrules does not read answered at its field."""

from gridrules.errors import InputError
from gridrules.pages.dashboard import _records


def test_records_split_at_newlines_only_and_refusals_name_their_field():
    text = '{"note": "甲\u2028乙"}\r\n\n{"event": {"hours": NaN}}\n{"a" 1}\n'
    read = _records(text)
    assert [source for source, *_ in read] == ["records:1", "records:3", "records:4"]
    assert read[0][1] == {"note": "甲\u2028乙"}  # U+2028 inside a string is not a line's end
    refused, broken = read[1][1], read[2][1]
    assert isinstance(refused, InputError) and refused.problems[0].field == "event.hours"
    assert "column 21" in refused.problems[0].message
    assert isinstance(broken, InputError) and broken.problems[0].field == "line"  # not JSON: no field to name
