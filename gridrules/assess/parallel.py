"""The assessment in bounded memory, on one process, local worker processes or a Dask cluster.

Records are read from files cut into byte-range shards (``stream``).  A cheap first pass
finds the event ids that occur in more than one record (``repeats``).  Each shard is then
judged where it runs -- in this process, a local worker process, or a Dask worker -- by a
Checker that worker loads once, and comes back as a ``Tally`` of integer counts, its bad
records, and the records whose id is repeated, held back unjudged.  Tallies are added
(``Tally.merge``: exact, in any order); the held records are judged last here, in record
order, against the exact event ids seen, so the verdicts, counts and errors are those of
one process reading every record in order.  The errors and held records wait on disk
(``spill``), so memory here grows with the units, the repeated ids (16 bytes each) and
(``--explain``) the explained events -- not with the records.
"""

from __future__ import annotations

import os
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice
from typing import Any, Callable, Iterable, Iterator

from gridrules.assess.periods import Period, parse_period
from gridrules.assess.repeats import id_digest, line_event_id, repeated_ids
from gridrules.assess.run import AssessmentRun, Lines, RecordError, counter_for, finish, judge_one, moment
from gridrules.assess.spill import Runs, merged
from gridrules.assess.stream import Shard, read_shard, split
from gridrules.assess.tally import Tally
from gridrules.catalogue import t
from gridrules.decide.checker import Checker
from gridrules.errors import InputError, Problem
from gridrules.engine.loading import load_pack

SHARD_BYTES = 16 << 20  # a shard is at most about this big, so progress comes often
SHARDS_PER_WORKER = 4  # at least this many shards per worker, so a slow one does not hold the rest back
HELD_BATCH = 1000  # the held records' errors are spilled this many at a time
SCHEDULER_TIMEOUT = 30  # seconds to connect to a Dask scheduler (--scheduler)

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
    held: list[tuple[int, int, str, Any, str]] = field(default_factory=list)  # (file, line, source, data, text)


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
    period, at = parse_period(job.period), moment(checker, datetime.fromisoformat(job.at))
    out = ShardResult(Tally())
    for number, source, data, text in read_shard(shard):
        if repeated:
            found = line_event_id(data, text)  # a bad line's too: a later record with its id is bad
            if found is not None and id_digest(found) in repeated:
                out.held.append((shard.index, number, source, data, text))
                continue
        error = judge_one(checker, counter, out.tally, source, data, period, at, None, text, (shard.index, number))
        if error is not None:
            error.at = (shard.index, number)
            out.errors.append(error)
    return out


def _local(job: Job, shards: list[Shard], repeated: frozenset[bytes], workers: int,
           checker: Checker) -> Iterator[tuple[int, ShardResult]]:
    """(the shard's place, its result), as shards finish."""
    if workers <= 1:
        for ordinal, shard in enumerate(shards):
            yield ordinal, judge_shard(job, shard, repeated, checker)
        return
    waiting = iter(enumerate(shards))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        # a few shards in flight per worker: finished results are merged and dropped, not kept
        def submit(count: int) -> dict:
            return {pool.submit(judge_shard, job, shard, repeated): ordinal for ordinal, shard in islice(waiting, count)}

        running = submit(2 * workers)
        while running:
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            finished = [(running.pop(future), future) for future in done]
            running.update(submit(len(done)))
            for ordinal, future in finished:
                yield ordinal, future.result()


def _dask(job: Job, shards: list[Shard], repeated: frozenset[bytes], scheduler: str) -> Iterator[tuple[int, ShardResult]]:
    from distributed import Client
    from distributed import as_completed as dask_completed

    try:
        client = Client(scheduler, timeout=f"{SCHEDULER_TIMEOUT}s")
    except (ValueError, TypeError):  # dask's English: missing port number, unknown address scheme …
        raise InputError(Problem(t("assess.scheduler_bad", address=scheduler), field="--scheduler")) from None
    except OSError:  # refused, no such host, timed out: dask tries until SCHEDULER_TIMEOUT, then says only that
        raise InputError(Problem(t("assess.scheduler_down", address=scheduler, seconds=SCHEDULER_TIMEOUT),
                                 field="--scheduler")) from None
    with client:
        (shared,) = client.scatter([repeated], broadcast=True)  # one object (a bare set would be scattered item by item)
        futures = {client.submit(judge_shard, job, shard, shared, pure=False): ordinal
                   for ordinal, shard in enumerate(shards)}
        for future in dask_completed(list(futures)):
            result = future.result()
            ordinal = futures.pop(future)
            future.release()
            yield ordinal, result


def assess_files(checker: Checker, pack_dir: str | None, paths: list[str], period: Period, at: datetime,
                 tasks: Lines | None = None, explain: Iterable[str] = (), workers: int = 1,
                 scheduler: str | None = None, progress: Progress | None = None,
                 shown: list[str] | None = None, spill_dir: str | None = None) -> AssessmentRun:
    """Assess the JSON Lines files ``paths`` (``checker`` holds the pack at ``pack_dir``).  Files that hold
    no record (empty, or blank lines only) are named in the run's ``empty_files``; when every file is such,
    there is nothing to assess: refused (``InputError``, each file named), no scorecard."""
    explain = tuple(explain)
    counter = counter_for(checker, explain)
    at = moment(checker, at)
    size = sum(os.path.getsize(p) for p in paths if os.path.exists(p))
    parts = max(workers * SHARDS_PER_WORKER if workers > 1 or scheduler else 1, -(-size // SHARD_BYTES))
    shards = split(paths, parts, shown)
    repeated = frozenset(repeated_ids(shards, spill_dir))
    job = Job(pack_dir, period.label, at.isoformat(), explain)
    results = _dask(job, shards, repeated, scheduler) if scheduler else _local(job, shards, repeated, workers, checker)
    tally = Tally()
    errors: Runs[RecordError] = Runs(spill_dir)  # on disk until the end: they grow with the records
    held: Runs[tuple[int, int, str, Any, str]] = Runs(spill_dir)
    read = [0] * len(paths)  # records per file (a file with none: the wrong file, an empty export)
    for ordinal, result in results:
        read[shards[ordinal].index] += result.tally.records + len(result.held)
        tally.merge(result.tally)
        errors.put(ordinal, result.errors)
        held.put(ordinal, result.held)
        if progress is not None:
            progress(tally.records + len(held), tally.errors)
    empty = [(shown[index] if shown else path) for index, path in enumerate(paths) if not read[index]]
    if empty and len(empty) == len(paths):  # no record at all: a scorecard of nothing would look like a result
        held.close()
        raise InputError([Problem(t("assess.no_records", file=name)) for name in empty])
    seen: dict[str, str] = {}
    late: Runs[RecordError] = Runs(spill_dir)  # the held records' errors, in record order
    batch: list[RecordError] = []
    for index, number, source, data, text in held:  # in record order: shard by shard, line by line
        error = judge_one(checker, counter, tally, source, data, period, at, seen, text, (index, number))
        if error is not None:
            error.at = (index, number)
            batch.append(error)
            if len(batch) >= HELD_BATCH:
                late.put(len(late), batch)
                batch = []
    late.put(len(late), batch)
    held.close()
    if progress is not None:  # the held records judged: their errors counted too
        progress(tally.records, tally.errors)
    run = finish(checker, tally, merged([errors, late], key=_at), period, at, tasks, explain)
    run.empty_files = empty
    return run


def _at(error: RecordError) -> tuple[int, int]:
    return error.at
