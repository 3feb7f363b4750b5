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
                reads = t("assess.reads" if name == "records" else "doc.reads.lines")  # what this field reads
                assert (problem.field, problem.message) == (name, t(key, reads=reads))
            else:
                raise AssertionError(f"{key} given as {name}: refused")


def test_an_upload_with_no_record_is_refused_naming_it_and_yaml_records_once():
    """A records file chosen that holds no record (empty, blank lines only) is refused naming the file, as
    ``gridrules assess`` refuses it (the page answers 422 with it); none chosen is asked for.  YAML records
    are named as YAML once, at the field, not "not JSON" line by line."""
    from gridrules.catalogue import t

    for data in (b"", b"\n \n", b"\xef\xbb\xbf\n"):
        try:
            _lines((data, "导出.jsonl"), "records", True)
        except InputError as exc:
            (problem,) = exc.problems
            assert (problem.field, problem.message) == ("records", t("assess.no_records", file="导出.jsonl"))
        else:
            raise AssertionError(f"{data!r}: refused")
    try:
        _lines((b"", ""), "records", True)
    except InputError as exc:
        assert [p.message for p in exc.problems] == [t("page.records_file")]
    else:
        raise AssertionError("none chosen: asked for")
    try:
        _lines(("- event: {id: EV-1}\n  steps: []\n- event: {id: EV-2}\n".encode(), "r.yaml"), "records", True)
    except InputError as exc:
        (problem,) = exc.problems
        assert problem.field == "records" and problem.message.startswith(t("assess.yaml_records", convert="")[:20])
    else:
        raise AssertionError("YAML records: refused")


def test_an_upload_of_a_json_array_or_a_csv_table_is_refused_once_at_its_field():
    """Records exported as one JSON array or as a CSV table (UTF-8, or GBK) are refused once, at the
    upload's field, saying assess reads one record a line (422), as ``gridrules assess`` refuses them --
    not "not JSON" on every line."""
    from gridrules.catalogue import t

    header = "事件编号,事件类型,上报时间"
    for data, key in ((b'[\n  {"event": {"id": "EV-1"}},\n  {"event": {"id": "EV-2"}}\n]\n', "assess.array_records"),
                      (b'\xef\xbb\xbf[{"event": {"id": "EV-1"}}]', "assess.array_records"),
                      (f"{header}\r\nE-1,邻里纠纷,2026/11/3 9:30\r\n".encode("gbk"), "assess.table_records"),
                      (f"\ufeff{header}\nE-1,邻里纠纷,2026/11/3 9:30\n".encode(), "assess.table_records")):
        try:
            _lines((data, "导出"), "records", True)
        except InputError as exc:
            (problem,) = exc.problems
            assert problem.field == "records" and problem.message.startswith(t(key, convert="", header=header)[:12])
            assert "JSON Lines" in problem.message
        else:
            raise AssertionError(f"{data!r}: refused")


def test_uploaded_records_saved_as_utf16_without_a_byte_order_mark_are_said_to_be_utf16():
    """Some Windows tools save UTF-16 with no byte order mark: refused once at the upload's field, said to be
    UTF-16 with how to save it as UTF-8 -- not "not JSON" on every line."""
    from gridrules.catalogue import t

    lines = '{"event": {"id": "EV-1", "type": "MD02"}, "steps": []}\n{"event": {"id": "EV-2"}, "steps": []}\n'
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            _lines((lines.encode(encoding), "记录.jsonl"), "records", True)
        except InputError as exc:
            (problem,) = exc.problems
            assert problem.field == "records" and problem.message == t("doc.saved_as", encoding="UTF-16")
        else:
            raise AssertionError(f"{encoding}: refused")
