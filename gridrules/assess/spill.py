"""What an assessment keeps until its end, kept on disk: the bad records' errors and the
records held back for their repeated ids.

Both grow with the records (0.7 % and 0.2 % of a province's year: ~1.4 MB per 100k records
held in memory), so each shard's list is written to an unnamed temporary file as it arrives
(pickled, one list per shard) and only its offset is kept.  Reading them back shard by
shard, in the shards' order, gives them in record order: a shard is a byte range and the
shards are cut in file order, and within a shard the list is in line order.  Memory: one
shard's list at a time, and an offset per shard.
"""

from __future__ import annotations

import heapq
import pickle
import tempfile
from typing import IO, Any, Callable, Generic, Iterator, TypeVar

T = TypeVar("T")


class Runs(Generic[T]):
    """Lists of items put under an ordinal (a shard's place) and read back in ordinal order."""

    def __init__(self, spill_dir: str | None = None):
        self._file: IO[bytes] | None = None
        self._spill_dir = spill_dir
        self._where: dict[int, int] = {}  # ordinal -> byte offset of its pickled list
        self._count = 0

    def put(self, ordinal: int, items: list[T]) -> None:
        if not items:
            return
        if self._file is None:
            self._file = tempfile.TemporaryFile(prefix="gridrules-assess-", dir=self._spill_dir)
        self._file.seek(0, 2)
        self._where[ordinal] = self._file.tell()
        pickle.dump(items, self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self._count += len(items)

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[T]:
        for ordinal in sorted(self._where):
            assert self._file is not None
            self._file.seek(self._where[ordinal])  # each list from its own offset (readers may interleave)
            yield from pickle.load(self._file)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


class Lazy(list):
    """Items made afresh each time they are iterated, without holding them: a ``list`` to
    ``json`` (whose encoder then writes them one by one) and to code asking ``len`` or truth."""

    def __init__(self, items: Callable[[], Iterator[Any]], length: int):
        super().__init__()
        self._items = items
        self._length = length

    def __iter__(self) -> Iterator[Any]:
        return self._items()

    def __len__(self) -> int:
        return self._length

    def __bool__(self) -> bool:
        return self._length > 0

    def __add__(self, other: Any) -> list:
        return [*self, *other]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, list) and list(iter(self)) == list(other)


def merged(runs: list[Any], key: Callable[[Any], Any]) -> Lazy:
    """Sorted runs (``Runs`` or lists) as one sorted ``Lazy`` list, merged as it is read."""
    return Lazy(lambda: heapq.merge(*runs, key=key), sum(len(run) for run in runs))
