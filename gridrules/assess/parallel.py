"""The assessment in bounded memory, on one process, local worker processes or a Dask cluster.

Records are read from files cut into byte-range shards (``stream``).  A cheap first pass
finds the event ids that occur in more than one record (``repeats``).  Each shard is then
judged where it runs -- in this process, a local worker process, or a Dask worker -- by a
Checker that worker loads once, and comes back as a ``Tally`` of integer counts, its bad
records, and the records whose id is repeated, held back unjudged.  Tallies are added
(``Tally.merge``: exact, in any order); the held records are judged last here, in record
order, against the exact event ids seen, so the verdicts, counts and errors are those of
one process reading every record in order.  Memory here grows with the units, the errors,
the repeated ids and (``--explain``) the explained events -- not with the records.
"""

from __future__ import annotations

import os
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice
from typing import Any, Callable, Iterable, Iterator

from gridrules.assess.periods import Period, parse_period
from gridrules.assess.repeats import event_id, id_digest, repeated_ids
from gridrules.assess.run import AssessmentRun, RecordError, counter_for, finish, judge_one
from gridrules.assess.stream import Shard, read_shard, split
from gridrules.assess.tally import Tally
from gridrules.decide.checker import Checker
from gridrules.engine.loading import load_pack

SHARD_BYTES = 16 << 20  # a shard is at most about this big, so progress comes often
SHARDS_PER_WORKER = 4  # at least this many shards per worker, so a slow one does not hold the rest back

Progress = Callable[[int, int], None]  # (records done so far, errors so far)


@dataclass(frozen=True)
class Job:
    """What a worker needs besides its shard (all plain data, sent to other processes)."""

    pack_dir: str | None  # None: the bundled pack; a path every worker can read
    period: str
    at: str  # ISO 8601
    explain: tuple[str, ...] = ()


@dataclass
class ShardResult:
    tally: Tally
    errors: list[RecordError] = field(default_factory=list)
    held: list[tuple[int, int, str, Any]] = field(default_factory=list)  # (file, line, source, data)


_CHECKERS: dict[str | None, Checker] = {}


def _checker(pack_dir: str | None) -> Checker:
    """One Checker per worker process and pack, loaded on its first shard."""
    found = _CHECKERS.get(pack_dir)
    if found is None:
        found = _CHECKERS[pack_dir] = Checker(load_pack(pack_dir))
    return found


def judge_shard(job: Job, shard: Shard, repeated: frozenset[bytes], checker: Checker | None = None) -> ShardResult:
    """Judge and count one shard's records (those with a repeated event id are held back);
    ``checker``: this process's, when it has one (a worker loads its own)."""
    checker = checker or _checker(job.pack_dir)
    counter = counter_for(checker, job.explain)
    period, at = parse_period(job.period), datetime.fromisoformat(job.at)
    out = ShardResult(Tally())
    for number, source, data in read_shard(shard):
        if repeated:
            found = event_id(data)
            if found is not None and id_digest(found) in repeated:
                out.held.append((shard.index, number, source, data))
                continue
        error = judge_one(checker, counter, out.tally, source, data, period, at, None)
        if error is not None:
            error.at = (shard.index, number)
            out.errors.append(error)
    return out


def _local(job: Job, shards: list[Shard], repeated: frozenset[bytes], workers: int,
           checker: Checker) -> Iterator[ShardResult]:
    if workers <= 1:
        for shard in shards:
            yield judge_shard(job, shard, repeated, checker)
        return
    waiting = iter(shards)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        # a few shards in flight per worker: finished results are merged and dropped, not kept
        running = {pool.submit(judge_shard, job, shard, repeated) for shard in islice(waiting, 2 * workers)}
        while running:
            done, running = wait(running, return_when=FIRST_COMPLETED)
            running |= {pool.submit(judge_shard, job, shard, repeated) for shard in islice(waiting, len(done))}
            for future in done:
                yield future.result()


def _dask(job: Job, shards: list[Shard], repeated: frozenset[bytes], scheduler: str) -> Iterator[ShardResult]:
    from distributed import Client
    from distributed import as_completed as dask_completed

    with Client(scheduler, timeout="30s") as client:
        (shared,) = client.scatter([repeated], broadcast=True)  # one object (a bare set would be scattered item by item)
        futures = [client.submit(judge_shard, job, shard, shared, pure=False) for shard in shards]
        for future in dask_completed(futures):
            result = future.result()
            future.release()
            yield result


def assess_files(checker: Checker, pack_dir: str | None, paths: list[str], period: Period, at: datetime,
                 tasks: Iterable[tuple[str, Any]] = (), explain: Iterable[str] = (), workers: int = 1,
                 scheduler: str | None = None, progress: Progress | None = None,
                 shown: list[str] | None = None, spill_dir: str | None = None) -> AssessmentRun:
    """Assess the JSON Lines files ``paths`` (``checker`` holds the pack at ``pack_dir``)."""
    explain = tuple(explain)
    counter = counter_for(checker, explain)
    size = sum(os.path.getsize(p) for p in paths if os.path.exists(p))
    parts = max(workers * SHARDS_PER_WORKER if workers > 1 or scheduler else 1, -(-size // SHARD_BYTES))
    shards = split(paths, parts, shown)
    repeated = frozenset(repeated_ids(shards, spill_dir))
    job = Job(pack_dir, period.label, at.isoformat(), explain)
    results = _dask(job, shards, repeated, scheduler) if scheduler else _local(job, shards, repeated, workers, checker)
    tally, errors, held = Tally(), [], []
    for result in results:
        tally.merge(result.tally)
        errors.extend(result.errors)
        held.extend(result.held)
        if progress is not None:
            progress(tally.records + len(held), tally.errors)
    seen: set[str] = set()
    for index, number, source, data in sorted(held, key=lambda h: (h[0], h[1])):
        error = judge_one(checker, counter, tally, source, data, period, at, seen)
        if error is not None:
            error.at = (index, number)
            errors.append(error)
    errors.sort(key=lambda e: e.at)
    return finish(checker, tally, errors, period, at, tasks)
