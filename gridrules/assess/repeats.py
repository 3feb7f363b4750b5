"""Which event ids may occur in more than one record, found in bounded memory.

A first, cheap pass reads every record's ``event.id`` (plain JSON parsing, no judging),
and appends a 16-byte BLAKE2b digest of it to one of ``BUCKETS`` spill files chosen by the
digest's first byte (16 bytes per record on disk).  Each bucket is then read alone, sorted,
and the digests that occur twice or more are kept.  Memory: one bucket's digests (about
57 bytes x records / 256 while it is sorted: 0.2 MB per million records) plus the
repeated digests themselves.  The answer is a superset: a line that plain JSON reads but
the strict reader refuses still gives its id, and (with odds near 2^-128 x n^2) two ids may
share a digest -- every record whose id is in the answer is then judged again in record
order against the exact ids seen, so the final verdicts are exact.
"""

from __future__ import annotations

import json
import os
import tempfile
from hashlib import blake2b
from typing import Any, Iterable

from gridrules.assess.stream import Shard, raw_lines

BUCKETS = 256
DIGEST = 16


def id_digest(event_id: str) -> bytes:
    return blake2b(event_id.encode("utf-8", "surrogatepass"), digest_size=DIGEST).digest()


def event_id(data: Any) -> str | None:
    event = data.get("event") if isinstance(data, dict) else None
    found = event.get("id") if isinstance(event, dict) else None
    return found if isinstance(found, str) else None


def _ids(shard: Shard) -> Iterable[str]:
    for _, chunk in raw_lines(shard):
        try:
            found = event_id(json.loads(chunk))
        except ValueError:  # not JSON, not UTF-8, blank: no id (the judging pass reports a bad line)
            continue
        if found is not None:
            yield found


def repeated_ids(shards: Iterable[Shard], spill_dir: str | None = None) -> set[bytes]:
    """The digests of the event ids found in two or more records of ``shards``."""
    repeated: set[bytes] = set()
    with tempfile.TemporaryDirectory(prefix="gridrules-ids-", dir=spill_dir) as folder:
        names = [os.path.join(folder, f"{b:03d}") for b in range(BUCKETS)]
        files = [open(name, "wb") for name in names]
        try:
            for shard in shards:
                for found in _ids(shard):
                    digest = id_digest(found)
                    files[digest[0]].write(digest)
        finally:
            for handle in files:
                handle.close()
        for name in names:
            with open(name, "rb") as bucket:
                data = bucket.read()
            digests = sorted(data[i:i + DIGEST] for i in range(0, len(data), DIGEST))
            del data
            repeated.update(a for a, b in zip(digests, digests[1:]) if a == b)
    return repeated
