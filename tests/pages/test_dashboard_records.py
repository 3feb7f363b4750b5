"""An uploaded records (or tasks) file is read line by line as ``gridrules assess`` reads its records
and ``--decisions`` (``pack.jsonline.json_lines``): split at newlines only, a line gridrules does not
read answered at its field and column, a line that is not UTF-8 a bad line among good ones."""

from gridrules.errors import InputError
from gridrules.pages.dashboard import _lines


def test_records_split_at_newlines_only_and_refusals_name_their_field():
    data = '{"note": "甲\u2028乙"}\r\n\n{"event": {"hours": NaN}}\n{"a" 1}\n'.encode("utf-8") + b'\xff\n{}\n'
    read = _lines((data, "r.jsonl"), "records", True)
    assert [source for source, *_ in read] == ["r.jsonl:1", "r.jsonl:3", "r.jsonl:4", "r.jsonl:5", "r.jsonl:6"]
    assert read[0][1] == {"note": "甲\u2028乙"}  # U+2028 inside a string is not a line's end
    refused, broken, undecodable = read[1][1], read[2][1], read[3][1]
    assert isinstance(refused, InputError) and refused.problems[0].field == "event.hours"
    assert refused.problems[0].location.col == 21
    assert isinstance(broken, InputError) and broken.problems[0].location.line == 4
    assert isinstance(undecodable, InputError) and read[4][1] == {}


def test_a_missing_records_file_is_named_and_missing_tasks_are_none():
    try:
        _lines((b"", "records"), "records", True)
    except InputError as exc:
        assert exc.problems[0].field == "records"
    else:
        raise AssertionError("no records: refused")
    assert _lines((b"\n", "decisions"), "decisions", False) == []


def test_an_upload_that_holds_no_text_is_refused_whole_at_its_field():
    """A workbook (.xlsx, .xls) or a PDF is told by its first bytes and refused as a whole, at the
    upload's field (records or decisions), not read line by line as text."""
    from gridrules.catalogue import t

    for data, key in ((b"PK\x03\x04\x14\x00\n\xff\xfe\n", "doc.zip_file"),
                      (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\n", "doc.ole_file"), (b"%PDF-1.4\n%\xe2\xe3\n", "doc.pdf_file")):
        for name, needed in (("records", True), ("decisions", False)):
            try:
                _lines((data, "清单"), name, needed)
            except InputError as exc:
                (problem,) = exc.problems
                assert (problem.field, problem.message) == (name, t(key))
            else:
                raise AssertionError(f"{key} given as {name}: refused")
