"""Lines ``assess`` cannot read as records (cut off, not JSON, JSON gridrules refuses) and the event ids
they spell: each named by its id when the id can be read without guessing, that id counted as seen (a
later record with it is bad, naming the line that had it first, as the README says: "a record whose event
id an earlier record had, good or bad, is bad too") -- alike on one process, shards, local workers and a
Dask cluster; a cut-off line said at its end."""

from __future__ import annotations

import json

import pytest
from assessdocs import AT, month_case, records_jsonl

from gridrules import Checker, load_pack
from gridrules.assess import assess_records, parallel, parse_period
from gridrules.assess.report import as_dict
from gridrules.catalogue import t
from gridrules.cli.docio import read_lines
from gridrules.pack.jsonline import JSONLineError, leading_string, parse_json_line


@pytest.fixture(scope="module")
def pack():
    return load_pack()


def _cut(record: dict, before: str) -> str:
    """The record's line cut off just before ``before`` (as an export or a copy cut short leaves it)."""
    line = json.dumps(record, ensure_ascii=False)
    return line[:line.index(before)]


def _inputs(tmp_path):
    """a.jsonl: H01; H02 cut off inside its last string (its event whole before the cut); H03; H04 with a
    NaN (JSON the strict reader refuses); a line broken before its event's id (``,,``), which spells
    H05 only past the break.  b.jsonl: H02 again, H06 without its type (a bad record that is JSON), H06
    again, H04 again, H05."""
    records = month_case()["records"]
    h = {r["event"]["id"]: r for r in records}
    nan = json.dumps(h["H04"], ensure_ascii=False).replace('"grid":', '"people_involved": NaN, "grid":', 1)
    assert "NaN" in nan and nan.index('"id": "H04"') < nan.index("NaN")
    broken = '{"event": {"type": "MD02",, "id": "H05"}, "steps": []}'
    untyped = dict(h["H06"], event={k: v for k, v in h["H06"]["event"].items() if k != "type"})
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    cut = _cut(h["H02"], 'isfied"}]}')
    assert cut.endswith('"sat')
    a.write_text(records_jsonl([h["H01"]]) + cut + "\n" + records_jsonl([h["H03"]]) + nan + "\n" + broken + "\n",
                 "utf-8")
    b.write_text(records_jsonl([h["H02"], untyped, h["H06"], h["H04"], h["H05"]]), "utf-8")
    return [str(a), str(b)], cut


def _read(paths):
    return [(line.source, line.error if line.error is not None else line.data, line.text)
            for path in paths for line in read_lines(path)]


def test_a_bad_lines_readable_id_names_it_and_counts_as_seen_on_every_path(pack, tmp_path, monkeypatch):
    paths, cut = _inputs(tmp_path)
    a, b = paths
    run = assess_records(Checker(pack), _read(paths), parse_period("2026-11"), AT)
    said = [(e.source, e.event, str(e)) for e in run.errors]
    assert [(source, event) for source, event, _ in said] == [
        (f"{a}:2", "H02"), (f"{a}:4", "H04"), (f"{a}:5", None),  # the id read past a break is no id
        (f"{b}:1", "H02"), (f"{b}:2", "H06"), (f"{b}:3", "H06"), (f"{b}:4", "H04")]
    # each repeat names the line that had the id first: a cut-off line, a NaN one and a bad record alike
    for source, first in ((f"{b}:1", f"{a}:2"), (f"{b}:3", f"{b}:2"), (f"{b}:4", f"{a}:4")):
        (line,) = [words for s, _, words in said if s == source]
        assert f"{source}:18（" in line or f"{source}:18(" in line
        assert t("assess.seen", event=line.split("（")[1].split("）")[0], where=first) in line, line
    # the cut-off line: at its end (just past its last character), its open string's start said
    (line,) = [words for s, _, words in said if s == f"{a}:2"]
    assert line.startswith(f"{a}:2:{len(cut) + 1}（H02）: ")
    assert t("json.cut_off_in_string", col=cut.rindex('"') + 1) in line
    # H01, H03 and H05 counted: H05's earlier line spelled no id before it broke
    assert (run.tally.records, run.tally.errors) == (10, 7)
    reference = json.dumps(as_dict(run, pack, ()), sort_keys=True)
    monkeypatch.setattr(parallel, "SHARD_BYTES", 300)  # the first of each id in another shard than its repeat
    for how in ({}, {"workers": 2}):
        sharded = parallel.assess_files(Checker(pack), None, paths, parse_period("2026-11"), AT, **how)
        assert json.dumps(as_dict(sharded, pack, ()), sort_keys=True) == reference, how
        assert [str(e) for e in sharded.errors] == [words for _, _, words in said]
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None, worker_dashboard_address=None) as cluster:
        got = parallel.assess_files(Checker(pack), None, paths, parse_period("2026-11"), AT,
                                    scheduler=cluster.scheduler_address)
    assert json.dumps(as_dict(got, pack, ()), sort_keys=True) == reference
    assert [str(e) for e in got.errors] == [words for _, _, words in said]


def test_a_file_given_twice_says_so_at_its_repeated_lines(pack):
    """The same line read twice (the same file given twice) is said as such, not as "seen at itself"."""
    record = month_case()["records"][0]
    line = json.dumps(record, ensure_ascii=False)
    run = assess_records(Checker(pack), [("r.jsonl:1", record, line), ("r.jsonl:1", record, line)],
                         parse_period("2026-11"), AT)
    (error,) = run.errors
    assert t("assess.seen_here", event="H01") in str(error) and "r.jsonl:1）" not in str(error)


def test_a_cut_off_line_is_said_at_its_end():
    """A line that stops before its JSON ends: at the column past its last character, whatever JSON expected
    there; one that ends inside a string: there too, naming where the string starts.  Other errors, and a
    text over several lines (a pretty-printed request body), as the decoder says them."""
    def refused(text):
        with pytest.raises(JSONLineError) as caught:
            parse_json_line(text)
        return caught.value.col, caught.value.reason

    assert refused('{"a": 1, ') == (9, t("json.cut_off"))  # what was "expecting a key" at column 10
    assert refused('{"a": [1, 2') == (12, t("json.cut_off"))
    assert refused('{"a": "bc') == (10, t("json.cut_off_in_string", col=7))
    assert refused('{"a": 1}}')[1] != t("json.cut_off")  # extra data: not at the end
    assert refused('{"a" 1}')[1] != t("json.cut_off")
    assert refused('{"a": "b\\"')[0] == 7  # an escaped closing quote: a string not closed, not a cut
    assert refused('{\n"a": 1,\n')[1] != t("json.cut_off")


def test_an_id_is_read_from_a_broken_line_only_as_far_as_the_line_is_json():
    keys = ("event", "id")
    assert leading_string('{"event": {"type": "MD02", "id": "E1", "grid": "x", "st', keys) == "E1"
    assert leading_string('{"steps": [{"id": "S1"}], "event": {"id": "E1"}, "x": tru', keys) == "E1"
    assert leading_string('{"event": {"id": "E', keys) is None  # cut inside the id
    assert leading_string('{"event": {"type": "MD02",, "id": "E1"}}', keys) is None  # broken before it
    assert leading_string('{"event": {"id": "E1", "id": "E2"', keys) is None  # which one: a guess
    assert leading_string('{"event": {"id": "E1"}, "event": {', keys) is None
    assert leading_string('{"event": {"id": 7, "x', keys) is None  # no string
    assert leading_string('[{"event": {"id": "E1"}}', keys) is None
