"""Which event ids may occur in more than one record, found in bounded memory.

A first, cheap pass finds every record's ``event.id`` in the line's text (no parsing, no
judging) and appends a 16-byte BLAKE2b digest of it to one of ``BUCKETS`` spill files chosen
by the digest's first byte (16 bytes per record on disk).  Each bucket is then read alone,
sorted, and the digests that occur twice or more are kept.  Memory: one bucket's digests
(about 57 bytes x records / 256 while it is sorted: 0.2 MB per million records) plus the
repeated digests themselves.  The answer is a superset: every string-valued ``id`` of a
line counts (not only the event's), a line the strict reader refuses still gives its ids,
and (with odds near 2^-128 x n^2) two ids may share a digest -- every record whose id is in
the answer is then judged again in record order against the exact ids seen, so the final
verdicts are exact.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from hashlib import blake2b
from itertools import chain, islice
from typing import Any, Iterable, Iterator

from gridrules.assess.stream import Shard, line_blocks
from gridrules.errors import InputError
from gridrules.pack.jsonline import leading_string, loads_one_key_each

BUCKETS = 256
DIGEST = 16
IN_MEMORY = 65_536  # digests sorted in memory without spilling (~4.5 MB at most)


def id_digest(event_id: str) -> bytes:
    return blake2b(event_id.encode("utf-8", "surrogatepass"), digest_size=DIGEST).digest()


def event_id(data: Any) -> str | None:
    event = data.get("event") if isinstance(data, dict) else None
    found = event.get("id") if isinstance(event, dict) else None
    return found if isinstance(found, str) else None


def spelled_event_id(text: str) -> str | None:
    """The event id a line spells that the strict reader refuses (``parse_json_line``: not JSON, cut
    off, a NaN, a key twice), read without guessing: the whole line as Python reads JSON when it is
    JSON with no key twice, else its ``event.id`` as far as the line is JSON (``leading_string``: a
    line cut off after its event's id has one; a key on the way given twice, none)."""
    try:
        return event_id(loads_one_key_each(text))
    except (ValueError, RecursionError):
        return leading_string(text, ("event", "id"))


def line_event_id(data: Any, text: str | None) -> str | None:
    """The event id of a record read from a line (``data``: its document, or the InputError of a line
    the strict reader refused; ``text``: the line, when the record was read from one): the record's,
    else the one its line spells (``spelled_event_id``).  A bad record's id counts as seen as a good
    one's does -- its later records are bad -- and names its error; the first pass finds it too."""
    if not isinstance(data, InputError):
        return event_id(data)
    return spelled_event_id(text) if text else None


# ``"id": "<text>"`` anywhere in a line.  In JSON without a backslash every quote delimits a
# string, so this finds every string-valued ``id`` key, the event's among them, spelled as
# its value's UTF-8 bytes.  A line with a backslash (an escape could spell the key or the
# id otherwise) is parsed instead.
_ID = re.compile(rb'"id"\s*:\s*"([^"\\]*)"')
# the same in a block of lines: ``\s`` less the newline, a newline never inside the id, so no
# match spans two lines and a block's matches are its lines' matches, in order
_ID_IN_LINES = re.compile(rb'"id"[ \t\r\f\v]*:[ \t\r\f\v]*"([^"\\\n]*)"')


def _digests(shard: Shard) -> Iterable[bytes]:
    """The digests of the event ids of the shard's lines, and of any other ``id`` values
    (the answer may be a superset: see the module's note).  A block of lines without a
    backslash is searched at once (one search a block, not one a line: 1.3 µs a record
    instead of 2.1); a block with one, line by line."""
    for block in line_blocks(shard):
        if b"\\" not in block:
            for raw in _ID_IN_LINES.findall(block):
                yield blake2b(raw, digest_size=DIGEST).digest()
            continue
        for chunk in block.split(b"\n"):
            if b"\\" not in chunk:
                for raw in _ID.findall(chunk):
                    yield blake2b(raw, digest_size=DIGEST).digest()
                continue
            try:
                text = chunk.decode("utf-8-sig").removesuffix("\r")
            except UnicodeDecodeError:  # not UTF-8: no id (the judging pass reports a bad line)
                continue
            try:  # a line read strictly has this id; one refused, the one it spells or none (spelled_event_id)
                found = event_id(json.loads(text))
            except (ValueError, RecursionError):
                found = leading_string(text, ("event", "id"))
            if found is not None:
                yield id_digest(found)


def _twice(digests: list[bytes]) -> Iterable[bytes]:
    digests.sort()
    return (a for a, b in zip(digests, digests[1:]) if a == b)


def repeated_ids(shards: Iterable[Shard], spill_dir: str | None = None, in_memory: int = IN_MEMORY) -> set[bytes]:
    """The digests of the event ids found in two or more records of ``shards``: sorted in
    memory while there are at most ``in_memory`` of them, else spilled to the buckets."""
    found = _digests_of(shards)
    first = list(islice(found, in_memory + 1))
    if len(first) <= in_memory:  # a small input: 256 spill files cost more than the sort
        return set(_twice(first))
    repeated: set[bytes] = set()
    with tempfile.TemporaryDirectory(prefix="gridrules-ids-", dir=spill_dir) as folder:
        names = [os.path.join(folder, f"{b:03d}") for b in range(BUCKETS)]
        files = [open(name, "wb") for name in names]
        try:
            for digest in chain(first, found):
                files[digest[0]].write(digest)
        finally:
            for handle in files:
                handle.close()
        del first
        for name in names:
            with open(name, "rb") as bucket:
                data = bucket.read()
            digests = [data[i:i + DIGEST] for i in range(0, len(data), DIGEST)]
            del data
            repeated.update(_twice(digests))
    return repeated


def _digests_of(shards: Iterable[Shard]) -> Iterator[bytes]:
    for shard in shards:
        yield from _digests(shard)
