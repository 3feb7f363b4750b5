"""The id pass finds every event id as the strict reader reads it, from the line's text."""

from __future__ import annotations

import json

from gridrules.assess.repeats import _digests, event_id, id_digest, repeated_ids
from gridrules.assess.stream import split
from gridrules.pack.jsonline import parse_json_line

LINES = [
    '{"event": {"id": "E1", "type": "MD02"}, "steps": []}',
    '{"event":{"type":"MD02","id":"E2"},"steps":[]}',  # compact, id last
    '{"event" : { "id"\t:  "E3" } }',  # spaces and a tab around the colon
    '{"event": {"id": "\\u0045\\u0034"}}',  # E4, escaped
    '{"event": {"\\u0069d": "E5"}}',  # the key escaped
    '{"event": {"id": "E6\\"quoted\\""}, "note": "a \\\\ backslash"}',
    '{"event": {"id": "事件七", "description": "说明 \\"id\\": \\"E1\\""}}',  # an "id" inside a string
    '{"steps": [{"id": "S1"}], "event": {"id": "E8"}}',  # another id before the event's
    '{"event": {"id": 9}}',  # not a string: no event id
    '{"event": {"id": "E10"',  # not JSON
    '',
]


def test_every_event_id_is_found_with_its_exact_digest(tmp_path):
    path = tmp_path / "r.jsonl"
    path.write_text("\n".join(LINES) + "\n", "utf-8")
    found = set(_digests(split([str(path)], 1)[0]))
    exact = set()
    for line in LINES:
        try:
            ident = event_id(parse_json_line(line))
        except ValueError:
            continue
        if ident is not None:
            exact.add(id_digest(ident))
    assert len(exact) == 8
    assert exact <= found  # a superset: every event id, with the digest the judging pass computes
    assert id_digest("S1") in found  # ... and other ids besides (harmless: only held back and judged exactly)


def test_a_repeat_spelled_differently_is_still_a_repeat(tmp_path):
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps({"event": {"id": "事件"}}, ensure_ascii=False) + "\n"
                    + json.dumps({"event": {"id": "事件"}}) + "\n", "utf-8")  # raw UTF-8, then \\u escapes
    assert repeated_ids(split([str(path)], 2)) == {id_digest("事件")}


def test_spilled_to_buckets_or_sorted_in_memory_the_same_ids(tmp_path):
    path = tmp_path / "r.jsonl"
    ids = [f"E{i % 37}" if i % 5 == 0 else f"U{i}" for i in range(400)]  # E0..E36 repeat, U… do not
    path.write_text("".join(json.dumps({"event": {"id": i}}) + "\n" for i in ids), "utf-8")
    expected = {id_digest(f"E{k}") for k in range(37) if sum(1 for i in ids if i == f"E{k}") > 1}
    assert len(expected) == 37
    for limit in (0, 1, 399, 400, 10_000):  # below the input's 400 ids it spills to the 256 buckets
        assert repeated_ids(split([str(path)], 3), in_memory=limit) == expected, limit


def _line_by_line(shard) -> list[bytes]:
    """The digests as the pass found them line by line (every line searched alone)."""
    from hashlib import blake2b

    from gridrules.assess.repeats import _ID, DIGEST
    from gridrules.assess.stream import raw_lines
    out = []
    for _, chunk in raw_lines(shard):
        if b"\\" not in chunk:
            out.extend(blake2b(raw, digest_size=DIGEST).digest() for raw in _ID.findall(chunk))
            continue
        try:
            found = event_id(json.loads(chunk))
        except ValueError:
            continue
        if found is not None:
            out.append(id_digest(found))
    return out


def test_blocks_of_lines_give_the_digests_of_their_lines_in_order(tmp_path, monkeypatch):
    """Lines whose ids the block search could run across (an id cut by the line's end, a key's
    colon on the next line, carriage returns, form feeds), in blocks of a few bytes to many
    lines, with and without a backslash among them."""
    import gridrules.assess.stream as stream
    tricky = ['{"event": {"id": "A1', '"}, "id": "A2"}', '{"event": {"id"', ': "A3"}}', '{"id":\r"A4"}\r',
              '{"id" :\f\x0b "A5"}', '"id": "', 'A6"', '{"event": {"id": "A7"}}']
    for lines in (tricky, tricky + LINES, LINES + tricky):
        path = tmp_path / "r.jsonl"
        path.write_text("\n".join(lines * 3), "utf-8")  # the last line without its newline
        for chunk in (1, 7, 40, 1 << 20):
            monkeypatch.setattr(stream, "CHUNK", chunk)
            for parts in (1, 3):
                for shard in split([str(path)], parts):
                    assert list(_digests(shard)) == _line_by_line(shard), (chunk, parts)
