"""The sharded assessment gives the single-process answer: in-process, local workers, a Dask LocalCluster."""

from __future__ import annotations

import json
from html import escape

import pytest
from assessdocs import AT, OTHER_DIGEST, extended_late, month_case, records_jsonl

from gridrules import Checker, InputError, load_pack
from gridrules.assess import assess_records, parse_period
from gridrules.assess import parallel
from gridrules.assess.html import page
from gridrules.assess.report import as_dict
from gridrules.assess.repeats import id_digest, repeated_ids
from gridrules.assess.stream import read_shard, split
from gridrules.assess.xlsx import workbook
from gridrules.catalogue import t
from gridrules.cli import assess_text
from gridrules.cli.docio import read_lines
from gridrules.errors import Location

EXPLAIN = ["tangxiang", "zhujian"]


@pytest.fixture(scope="module")
def pack():
    return load_pack()


# the records routed by a pack with another digest, as (file, index in it): six, the first five named
# in record order, among them a held one (its id repeated) judged last
OTHER_PACK = [(0, 1), (0, 2), (0, 6), (1, 0), (1, 4), (1, 5)]
# the records given a 延期 recorded after their closure limit had passed (not applied): the period's
# six are counted, the first five named in record order (a held one among them); X1's, of December, is not
LATE_EXTENDED = [(0, 0), (0, 2), (0, 3), (0, 5), (0, 7), (1, 0), (1, 6)]


def _inputs(tmp_path):
    """The hand-computed month in two files; the second also repeats an id of the first (an
    error), and a bad line and a blank one sit between records; last, a good record under the id of
    the case's bad one (B1): an id already seen, in a bad record, so bad too.  Six records carry
    another pack's digest (``OTHER_PACK``: flagged, still counted)."""
    records = month_case()["records"]
    assert records[-1]["event"]["id"] == "B1"
    first, second = records[:9], records[9:]
    for file, index in OTHER_PACK:
        (first, second)[file][index]["digest"] = OTHER_DIGEST
    for file, index in LATE_EXTENDED:
        part = (first, second)[file]
        part[index] = extended_late(part[index])
    again = dict(first[2], event=dict(first[2]["event"]))
    again["steps"] = [dict(again["steps"][0], at="x"), *again["steps"][1:]]  # said beside its id, already seen
    mended = dict(first[0], event=dict(first[0]["event"], id="B1"))
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_text(records_jsonl(first[:4]) + "{not json\n\n" + records_jsonl(first[4:]), "utf-8")
    b.write_text(records_jsonl(second[:3] + [again] + second[3:] + [mended]), "utf-8")
    return [str(a), str(b)]


def _tasks():
    """The case's two tasks, then T-TX-2 again with a decision that disagrees (a line under a task
    id already given: bad, the task counted once)."""
    tasks = month_case()["tasks"]
    assert tasks[1]["id"] == "T-TX-2"
    lines = tasks + [{"task": tasks[1], "decision": {"flags": []}}]
    return [(f"d.jsonl:{n}", task, json.dumps(task, ensure_ascii=False)) for n, task in enumerate(lines, 1)]


def _read(paths):
    return [(line.source, line.error if line.error is not None else line.data, line.text)
            for path in paths for line in read_lines(path)]


def _reference(pack, paths):
    """What one process gives reading the files whole, as ``assess`` read them before sharding."""
    run = assess_records(Checker(pack), _read(paths), parse_period("2026-11"), AT, _tasks(), explain=EXPLAIN)
    return _report(run, pack)


def _sharded(pack, paths, **how):
    run = parallel.assess_files(Checker(pack), None, paths, parse_period("2026-11"), AT, _tasks(), explain=EXPLAIN,
                                **how)
    return _report(run, pack)


def _report(run, pack):
    """The JSON document, and under ``said`` what the text, the HTML report and the workbook's 说明
    sheet say (the records named from the workers among it)."""
    about = workbook(run, pack)[t("report.sheet.about")]
    said = {"text": assess_text.render(run, pack, EXPLAIN), "html": page(run, pack),
            "about": [list(row) for row in about.iter_rows(values_only=True)]}
    return as_dict(run, pack, EXPLAIN) | {"said": said}


def test_shards_cover_every_line_once_with_its_number(tmp_path):
    path = tmp_path / "r.jsonl"
    path.write_text("".join(f'{{"n": {i}}}\n' + ("\n" if i % 7 == 0 else "") for i in range(300)), "utf-8")
    whole = [(src, data) for shard in split([str(path)], 1) for _, src, data, _ in read_shard(shard)]
    for parts in (2, 5, 13, 1000):
        shards = split([str(path)], parts)
        assert len(shards) > 1
        assert [(src, data) for shard in shards for _, src, data, _ in read_shard(shard)] == whole
    assert whole[8] == (f"{path}:11", {"n": 8})  # the blank lines after n=0 and n=7 still count as lines


def test_repeated_ids_are_found_across_files(tmp_path):
    paths = _inputs(tmp_path)
    repeated = repeated_ids(split(paths, 3))
    assert repeated == {id_digest(month_case()["records"][2]["event"]["id"]), id_digest("B1")}


def test_sharded_in_process_and_local_workers_match_one_process(pack, tmp_path, monkeypatch):
    paths = _inputs(tmp_path)
    reference = _reference(pack, paths)
    # the bad line, the repeated id, the case's own bad record (B1) and the good one after it under B1
    assert reference["records"]["errors"] == 4
    seen = [e["event"] for e in reference["errors"] if any("already seen" in p["message"] for p in e["problems"])]
    assert seen == [month_case()["records"][2]["event"]["id"], "B1"]
    (again,) = [e for e in reference["errors"] if e["record"] == f"{paths[1]}:4"]
    assert [p["field"] for p in again["problems"]] == ["event.id", "steps[0].at"]
    # the towns' tasks, read in this process whatever the path: T-TX-2 given again is one bad line,
    # the town's 无违规派单 1 of 2 (T-TX-1 under its approval, T-TX-2 unauthorized: policy §7)
    assert [e["record"] for e in reference["errors"] if e["record"].startswith("d.jsonl")] == ["d.jsonl:3"]
    town = next(u for u in reference["levels"]["town"] if u["unit"] == "tangxiang")
    assert [(f["numerator"], f["denominator"]) for f in town["figures"]
            if f["indicator"] == "no_unauthorized_assignment"] == [(1, 2)]
    # a.jsonl: 4 records, the bad line (5), a blank one (6), then first[4:] from line 7; b.jsonl: 3 records,
    # the repeated one (4), then second[3:] from line 5
    records = month_case()["records"]
    assert reference["records"]["digest_mismatch"] == 6
    assert reference["records"]["digest_mismatch_named"] == [
        {"record": f"{paths[0]}:2", "event": records[1]["event"]["id"]},
        {"record": f"{paths[0]}:3", "event": records[2]["event"]["id"]},  # held back, judged last
        {"record": f"{paths[0]}:9", "event": records[6]["event"]["id"]},
        {"record": f"{paths[1]}:1", "event": records[9]["event"]["id"]},
        {"record": f"{paths[1]}:6", "event": records[13]["event"]["id"]}]
    # the period's records with a late 延期: H01, H03 (held back), H04, H06, H08 named, H10 counted;
    # X1 (b.jsonl:8) is of December
    assert records[15]["event"]["id"] == "X1"
    assert reference["records"]["late_extension"] == 6
    assert reference["records"]["late_extension_named"] == [
        {"record": f"{paths[0]}:1", "event": "H01"}, {"record": f"{paths[0]}:3", "event": "H03"},
        {"record": f"{paths[0]}:4", "event": "H04"}, {"record": f"{paths[0]}:8", "event": "H06"},
        {"record": f"{paths[0]}:10", "event": "H08"}]
    # every output says them, and the bad task line, in the text's words (six of another digest: 等)
    said = [t("screen.assess.task_errors", n=1, town="town"),
            t("screen.assess.mismatch", n=6, events=t("screen.assess.mismatch_more", events=t("screen.joiner").join(
                records[i]["event"]["id"] for i in (1, 2, 6, 9, 13)))),
            t("screen.assess.late_extension", n=6, events=t("screen.assess.mismatch_more", events=t(
                "screen.joiner").join(("H01", "H03", "H04", "H06", "H08"))))]
    after = "".join(t("screen.assess.sep") + words for words in said)
    assert reference["said"]["text"].splitlines()[1].endswith(after)
    assert escape(after + t("report.end")) in reference["said"]["html"]
    assert [row[:2] for row in reference["said"]["about"] if row[0] == t("report.about.noted")] == [
        [t("report.about.noted"), words] for words in said]
    monkeypatch.setattr(parallel, "SHARD_BYTES", 2000)  # many shards, repeated id in another one
    assert _sharded(pack, paths) == reference
    assert _sharded(pack, paths, workers=2) == reference


def test_a_dask_local_cluster_gives_the_same_json(pack, tmp_path, monkeypatch):
    distributed = pytest.importorskip("distributed")
    paths = _inputs(tmp_path)
    reference = _reference(pack, paths)
    monkeypatch.setattr(parallel, "SHARD_BYTES", 2000)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None, worker_dashboard_address=None) as cluster:
        got = _sharded(pack, paths, scheduler=cluster.scheduler_address)
        bad = _all_bad(tmp_path)
        nothing = parallel.assess_files(Checker(pack), None, bad, parse_period("2026-11"), AT,
                                        scheduler=cluster.scheduler_address)
    whole = assess_records(Checker(pack), _read(bad), parse_period("2026-11"), AT)
    assert nothing.counted_nothing() and [str(e) for e in nothing.errors] == [str(e) for e in whole.errors]
    assert json.dumps(got, sort_keys=True) == json.dumps(reference, sort_keys=True)
    # the named records travel back from the workers too (the reference's are checked above)
    assert (got["records"]["digest_mismatch"], got["records"]["late_extension"]) == (6, 6)
    assert len(got["records"]["late_extension_named"]) == 5


def test_a_file_that_cannot_be_read_is_named(tmp_path):
    from gridrules.errors import InputError, Location

    for path in (tmp_path / "missing.jsonl", tmp_path):
        with pytest.raises(InputError, match="cannot read") as caught:
            split([str(path)], 2)
        assert caught.value.problems[0].location == Location(str(path))


def _all_bad(tmp_path):
    """A file of records every one bad: typo'd keys, a line that is not JSON, an id given twice."""
    good = month_case()["records"][0]
    lines = [{"evnet": good["event"], "steps": good["steps"]}, {"event": good["event"], "step": good["steps"]}]
    path = tmp_path / "typos.jsonl"
    path.write_text(records_jsonl(lines) + "{not json\n" + records_jsonl(lines[1:]), "utf-8")
    return [str(path)]


def test_records_all_bad_count_nothing_on_every_path(pack, tmp_path, monkeypatch):
    """Every record bad: the run counts nothing (no scorecard is shown for it), in one process, sharded
    and with local workers alike, with the same errors."""
    paths = _all_bad(tmp_path)
    whole = assess_records(Checker(pack), _read(paths), parse_period("2026-11"), AT)
    assert whole.counted_nothing() and whole.tally.records == 4
    monkeypatch.setattr(parallel, "SHARD_BYTES", 200)
    for how in ({}, {"workers": 2}):
        run = parallel.assess_files(Checker(pack), None, paths, parse_period("2026-11"), AT, **how)
        assert run.counted_nothing() and [str(e) for e in run.errors] == [str(e) for e in whole.errors]
    assert not assess_records(Checker(pack), _read(paths) + [("good", month_case()["records"][1])],
                              parse_period("2026-11"), AT).counted_nothing()


def test_a_file_that_holds_no_text_is_refused_before_any_record_is_read(tmp_path, monkeypatch):
    """A workbook (.xlsx, .xls) or a PDF is told by its first bytes, once a file, and named for what it
    is; every such file at once, beside a file that cannot be read, before a shard is cut."""
    book, old, pdf = tmp_path / "清单.xlsx", tmp_path / "清单.xls", tmp_path / "r.pdf"
    book.write_bytes(b"PK\x03\x04" + b"\0" * 40)
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 40)
    pdf.write_bytes(b"%PDF-1.7\n")
    good = tmp_path / "good.jsonl"
    good.write_text('{"n": 1}\n', "utf-8")
    missing = tmp_path / "missing.jsonl"
    paths = [str(good), str(book), str(old), str(pdf), str(missing)]
    with pytest.raises(InputError) as caught:
        split(paths, 4)
    said = {p.location.path: p.message for p in caught.value.problems}
    assert set(said) == {str(book), str(old), str(pdf), str(missing)}
    reads = t("assess.reads")  # each says what assess reads instead
    assert said[str(book)] == t("doc.zip_file", reads=reads) and said[str(old)] == t("doc.ole_file", reads=reads)
    assert said[str(pdf)] == t("doc.pdf_file", reads=reads) and "cannot read" in said[str(missing)]


def test_errors_and_held_records_wait_on_disk_not_in_memory(tmp_path, pack, monkeypatch):
    """What the run keeps while it reads does not grow with the bad and repeated records it
    has met: at every progress step at most about one shard's errors and held records live
    (the rest are spilled), and they come back complete and in record order."""
    import gc

    from gridrules.assess.run import RecordError

    lines = []
    for i in range(3000):
        lines.append("{not json\n" if i % 3 else json.dumps({"event": {"id": "again"}, "marker": i}) + "\n")
    path = tmp_path / "bad.jsonl"
    path.write_text("".join(lines), "utf-8")
    monkeypatch.setattr(parallel, "SHARD_BYTES", 1500)  # ~100 lines a shard: ~40 shards
    live: list[tuple[int, int]] = []

    def progress(_done, _errors):
        gc.collect()
        objects = gc.get_objects()
        live.append((sum(1 for o in objects if isinstance(o, RecordError)),
                     sum(1 for o in objects if isinstance(o, dict) and "marker" in o)))

    run = parallel.assess_files(Checker(pack), None, [str(path)], parse_period("2026-11"), AT, progress=progress)
    assert len(live) > 30
    assert max(n for n, _ in live) <= 120 and max(n for _, n in live) <= 60  # one shard's worth, not 2,000 / 1,000
    errors = list(run.errors)
    assert len(errors) == len(run.errors) == 3000 == run.tally.errors
    assert [e.at[1] for e in errors] == list(range(1, 3001))  # every line's error, in line order
    assert [e.event for e in errors[::3]] == ["again"] * 1000  # the held ones (bad records too), in their places


def test_a_byte_order_mark_at_the_start_of_a_file_is_no_character(tmp_path):
    """Windows tools save UTF-8 with a BOM: the first record is read, its columns counted after
    the BOM; a BOM anywhere else is still a bad line, said in Chinese."""
    path = tmp_path / "r.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + '{"n": 0}\n{"n": 1}\n\xef\xbb\xbf{"n": 2}\n'.encode("utf-8"))
    for parts in (1, 2, 3):
        found = [(src, data) for shard in split([str(path)], parts) for _, src, data, _ in read_shard(shard)]
        assert found[:2] == [(f"{path}:1", {"n": 0}), (f"{path}:2", {"n": 1})]
        assert isinstance(found[2][1], InputError)
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b"\xef\xbb\xbf" + b'{"n": }\n')
    (shard,) = split([str(bad)], 1)
    (_, _, error, _), = read_shard(shard)
    assert error.problems[0].location == Location(str(bad), 1, 7)  # '}' is the line's 7th character

