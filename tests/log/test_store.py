"""The decision log's storage: the same tests on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import json
import subprocess
import sys
import threading

import pytest
from logstores import BACKENDS, log_url, older_log, raw

from gridrules.log import Entry, open_log
from gridrules.log.records import GENESIS, recomputed


@pytest.fixture(params=BACKENDS)
def url(request, tmp_path):
    return log_url(request.param, tmp_path)


def entry(n: int, at: str = "2026-03-02T09:00:00+08:00", kind: str = "task") -> Entry:
    return Entry(kind, at, "dispatch", "sha256:" + "a" * 64, {"id": f"T{n}", "department": "civil"},
                 {"task": f"T{n}", "verdict": "allowed"})


def test_append_chains_each_record_to_the_one_before(url):
    with open_log(url) as log:
        first = log.append([entry(1)])
        more = log.append([entry(2), entry(3)])
        assert [r.seq for r in first + more] == [1, 2, 3]
        assert first[0].prev == GENESIS
        assert more[0].prev == first[0].hash and more[1].prev == more[0].hash
        assert all(recomputed(r) == r.hash for r in first + more)
        head = log.head()
        assert (head.seq, head.hash, head.records) == (3, more[1].hash, 3)
        assert log.verify() == (3, None)


def test_the_chain_continues_after_reopening(url):
    with open_log(url) as log:
        log.append([entry(1), entry(2)])
    with open_log(url) as log:
        log.append([entry(3)])
        assert log.verify() == (3, None)
        assert [json.loads(r.input)["id"] for r in log.records()] == ["T1", "T2", "T3"]


@pytest.mark.parametrize("tamper, found", [
    ("UPDATE decision_log SET decision = '{\"task\":\"T3\",\"verdict\":\"refused\"}' WHERE seq = 3", "edited"),
    ("DELETE FROM decision_log WHERE seq = 3", "deleted"),
])
def test_an_edited_or_deleted_record_is_found(url, tamper, found):
    with open_log(url) as log:
        log.append([entry(n) for n in range(1, 6)])
    raw(url, tamper)
    with open_log(url) as log:
        count, broken = log.verify()
    assert count == 2 and broken is not None and broken.seq == 3 and found in broken.reason


def test_a_deleted_last_record_changes_the_published_head(url):
    with open_log(url) as log:
        log.append([entry(n) for n in range(1, 4)])
        published = log.head().hash
    raw(url, "DELETE FROM decision_log WHERE seq = 3")
    with open_log(url) as log:
        assert log.verify() == (2, None)  # a cut tail is only seen against a published head
        assert log.head().hash != published


def test_an_inserted_record_is_found(url):
    with open_log(url) as log:
        log.append([entry(n) for n in range(1, 4)])
    # move records 2 and 3 one place on and put a forged record, its own hash right, in between
    # (the database keeps one child per record, so the forger cannot reuse record 1's hash)
    raw(url, "UPDATE decision_log SET seq = seq + 100 WHERE seq >= 2")
    raw(url, "UPDATE decision_log SET seq = seq - 99 WHERE seq >= 100")
    from gridrules.log.records import chain
    forged = chain([entry(99)], 2, "f" * 64)[0]
    raw(url, "INSERT INTO decision_log (seq, kind, at, at_utc, role, digest, input, decision, prev, hash)"
             " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (forged.seq, forged.kind, forged.at, "2026-03-02T01:00:00.000000+00:00", forged.role, forged.digest,
         forged.input, forged.decision, forged.prev, forged.hash))
    with open_log(url) as log:
        count, broken = log.verify()
    assert broken is not None and broken.seq == 2 and count == 1 and "previous-hash" in broken.reason


def test_reordered_records_are_found(url):
    with open_log(url) as log:
        log.append([entry(n) for n in range(1, 5)])
    raw(url, "UPDATE decision_log SET seq = -2 WHERE seq = 2")
    raw(url, "UPDATE decision_log SET seq = 2 WHERE seq = 3")
    raw(url, "UPDATE decision_log SET seq = 3 WHERE seq = -2")
    with open_log(url) as log:
        count, broken = log.verify()
    assert count == 1 and broken is not None and broken.seq == 2


def test_the_head_is_never_read_inside_an_open_append(url):
    """An auditor asking for the head while the committer's transaction is open gets the committed
    head: never a record that is then rolled back (a published hash no chain would ever have)."""
    from gridrules.log.records import chain
    got = []
    with open_log(url) as log:
        reader = threading.Thread(target=lambda: got.append(log.head()))
        with pytest.raises(RuntimeError):
            with log._writing():
                log._insert(chain([entry(1)], 1, GENESIS))
                reader.start()
                reader.join(0.5)
                raise RuntimeError("the append fails: rolled back")
        reader.join(10)
        assert got and got[0].seq == 0 and got[0].hash == GENESIS
        assert list(log.records()) == []


def test_the_database_refuses_a_fork(url):
    with open_log(url) as log:
        first = log.append([entry(1)])[0]
        log.append([entry(2)])
    from gridrules.log.records import chain
    fork = chain([entry(3)], 3, first.hash)[0]  # a second child of record 1
    with pytest.raises(Exception):
        raw(url, "INSERT INTO decision_log (seq, kind, at, at_utc, role, digest, input, decision, prev, hash)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (fork.seq, fork.kind, fork.at, "x", fork.role, fork.digest, fork.input, fork.decision, fork.prev,
             fork.hash))


def test_several_writers_append_to_one_chain(url):
    logs = [open_log(url) for _ in range(4)]

    def write(n: int) -> None:
        for i in range(25):
            logs[n].append([entry(1000 * n + i), entry(1000 * n + i + 500)])

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert logs[0].verify() == (200, None)
    assert logs[0].head().seq == 200
    for log in logs:
        log.close()


APPENDER = """
import sys
from gridrules.log import Entry, open_log
url, n = sys.argv[1], int(sys.argv[2])
with open_log(url) as log:
    for i in range(25):
        log.append([Entry("task", "2026-03-02T09:00:00+08:00", "dispatch", "sha256:" + "a" * 64,
                          {"id": f"P{n}-{i}-{j}"}, {"task": f"P{n}-{i}-{j}"}) for j in range(3)])
"""


def test_several_processes_append_to_one_chain(url):
    """Worker processes, each with its own connection, racing: one chain, nothing lost, no fork."""
    workers = [subprocess.Popen([sys.executable, "-P", "-c", APPENDER, url, str(n)], stderr=subprocess.PIPE,
                                text=True) for n in range(4)]
    for worker in workers:
        assert worker.wait(timeout=120) == 0, worker.stderr.read() if worker.stderr else ""
    with open_log(url) as log:
        assert log.verify() == (300, None)
        ids = [json.loads(r.input)["id"] for r in log.records()]
    assert len(set(ids)) == 300
    for n in range(4):  # each worker's records in its own order
        mine = [i for i in ids if i.startswith(f"P{n}-")]
        assert mine == [f"P{n}-{i}-{j}" for i in range(25) for j in range(3)]


def older(*moments: str) -> list[tuple[str, str, str, dict, dict]]:
    """``older_log``'s entries, one a moment, as ``entry`` makes them."""
    return [(e.kind, e.at, e.role, e.input, e.decision) for e in (entry(n, at) for n, at in enumerate(moments, 1))]


def test_prune_keeps_the_rest_verifiable_and_says_so_in_the_chain(url):
    """On records an older version wrote, which do not say when they were logged: pruned by their ``at``."""
    older_log(url, older("2026-01-05T09:00:00+08:00", "2026-01-20T09:00:00+08:00", "2026-02-03T09:00:00+08:00",
                         "2026-01-10T09:00:00+08:00"))
    with open_log(url) as log:
        pruned_head = list(log.records())[1].hash
        # 2026-02-01 in Beijing is 2026-01-31T16:00Z: records 1 and 2 go; 4 (January) stays after 3
        assert log.prune("2026-02-01T00:00:00+08:00") == 2
        kept = list(log.records())
        assert [r.seq for r in kept] == [3, 4, 5]
        assert kept[0].prev == pruned_head
        assert kept[-1].kind == "checkpoint"
        assert json.loads(kept[-1].decision) == {"pruned_through": 2, "pruned_head": pruned_head, "removed": 2}
        assert log.verify() == (3, None)
        assert log.head().records == 3
        assert log.prune("2026-02-01T00:00:00+08:00") == 0
        log.append([entry(6)])
        assert log.verify() == (4, None)


def test_prune_goes_by_when_a_record_was_logged_not_the_moment_it_was_decided_as_of(url):
    """The review's case: a task checked today ``?at=2020-01-01`` is not pruned as 2020's; a record is
    pruned by its ``logged_at``, and a window by ``logged`` selects by it too (an event reported yesterday,
    logged today, is in "logged since today")."""
    from datetime import datetime, timezone
    with open_log(url) as log:
        log.append([entry(1, "2020-01-01T00:00:00+08:00")])
        assert log.prune("2025-01-01T00:00:00+08:00") == 0
        [first] = list(log.records())
        logged = datetime.fromisoformat(first.logged_at)
        assert abs((datetime.now(timezone.utc) - logged).total_seconds()) < 60
        between = datetime.now(timezone.utc).isoformat()
        log.append([entry(2, "2019-06-01T00:00:00+08:00")])  # decided as of an earlier moment, logged later
        assert [r.seq for r in log.records(logged=(between, None))] == [2]
        assert [r.seq for r in log.records(logged=(None, between))] == [1]
        assert [r.seq for r in log.records(since="2020-01-01T00:00:00+08:00")] == [1]  # by ``at``
        assert log.prune(between) == 1
        assert [r.seq for r in log.records()] == [2, 3] and log.verify() == (2, None)


def test_an_older_log_verifies_read_only_and_keeps_verifying_once_written_in_the_new_format(url):
    """A log an older version wrote (no logged_at, no token): read-only it verifies as it is, its records
    saying neither; a writer opening it adds the columns, and new records carry both, hash-chained: an
    older record given a logged_at, or a newer one's token changed, breaks its hash.  A logged window
    takes an older record by its ``at``."""
    hashes = older_log(url, older("2026-01-05T09:00:00+08:00", "2026-01-20T09:00:00+08:00"))
    with open_log(url, read_only=True) as log:
        assert log.verify() == (2, None)
        assert [(r.hash, r.logged_at, r.token) for r in log.records()] == [(h, None, None) for h in hashes]
        assert [r.seq for r in log.records(logged=("2026-01-10T00:00:00+08:00", None))] == [2]
    with open_log(url) as log:
        log.append([Entry("task", "2026-03-02T09:00:00+08:00", "dispatch", "sha256:" + "a" * 64, {"id": "T3"},
                          {"task": "T3"}, token="tok-0123abcd")])
        assert log.verify() == (3, None)
        newest = list(log.records())[-1]
        assert newest.prev == hashes[-1] and newest.token == "tok-0123abcd" and newest.logged_at is not None
        assert newest.as_dict()["token"] == "tok-0123abcd" and newest.as_dict()["logged_at"] == newest.logged_at
    with open_log(url, read_only=True) as log:
        assert log.verify() == (3, None)
    raw(url, "UPDATE decision_log SET token = ? WHERE seq = 3", ("tok-ffffffff",))
    with open_log(url, read_only=True) as log:
        assert log.verify()[1].seq == 3
    raw(url, "UPDATE decision_log SET token = ? WHERE seq = 3", ("tok-0123abcd",))
    raw(url, "UPDATE decision_log SET logged_at = ? WHERE seq = 1", ("2026-01-05T01:00:00.000000+00:00",))
    with open_log(url, read_only=True) as log:
        assert log.verify()[1].seq == 1


def test_a_start_moved_behind_the_stores_back_is_found(url):
    """Deleting the first records and setting the checkpoint to match is not a prune: no checkpoint
    record in the chain attests it."""
    with open_log(url) as log:
        log.append([entry(n) for n in range(1, 6)])
        second = list(log.records())[1]
    raw(url, "DELETE FROM decision_log WHERE seq <= 2")
    raw(url, "INSERT INTO log_checkpoint (id, seq, hash) VALUES (1, ?, ?)", (2, second.hash))
    with open_log(url) as log:
        count, broken = log.verify()
    assert count == 3 and broken is not None and broken.seq == 3
    assert "no checkpoint record" in broken.reason


def test_after_two_prunes_the_latest_checkpoint_record_attests_the_start(url):
    older_log(url, older("2026-01-05T09:00:00+08:00", "2026-02-05T09:00:00+08:00", "2026-03-05T09:00:00+08:00"))
    with open_log(url) as log:
        assert log.prune("2026-02-01T00:00:00+08:00") == 1
        log.append([entry(4, "2026-04-05T09:00:00+08:00")])
        # the first prune's checkpoint record and record 4 (logged now, before 2099) go with everything before
        assert log.prune("2099-01-01T00:00:00+08:00") == 4
        [only] = list(log.records())
        assert only.kind == "checkpoint" and json.loads(only.decision)["pruned_through"] == 5
        assert log.verify() == (1, None)


def test_records_are_chosen_by_their_moment_across_offsets(url):
    with open_log(url) as log:
        log.append([entry(1, "2026-03-01T23:30:00+08:00"), entry(2, "2026-03-01T16:30:00+00:00"),
                    entry(3, "2026-03-02T10:00:00+08:00")])
        window = list(log.records(since="2026-03-01T15:00:00Z", until="2026-03-02T00:00:00+08:00"))
        assert [json.loads(r.input)["id"] for r in window] == ["T1"]
        assert [r.seq for r in log.records(since="2026-03-02T00:00:00+08:00")] == [2, 3]


def test_records_are_paged_by_seq_after_one_and_at_most_a_limit(url):
    """``after_seq`` excludes that record (a page's last: the next page starts after it); ``limit``
    bounds the page; both with a window, on each backend's own SQL."""
    with open_log(url) as log:
        log.append([entry(n, f"2026-03-0{n}T09:00:00+08:00") for n in range(1, 7)])
        assert [r.seq for r in log.records(after_seq=2)] == [3, 4, 5, 6]
        assert [r.seq for r in log.records(limit=2)] == [1, 2]
        assert [r.seq for r in log.records(after_seq=2, limit=3)] == [3, 4, 5]
        assert [r.seq for r in log.records(since="2026-03-02T00:00:00+08:00", after_seq=3, limit=2)] == [4, 5]
        assert [r.seq for r in log.records(until="2026-03-04T00:00:00+08:00", after_seq=1, limit=9)] == [2, 3]
        assert list(log.records(after_seq=6)) == []


# --- a database that goes away and comes back ----------------------------------------------

def _drop_connection(log, url: str | None = None) -> None:
    """The server ends the store's session, as a restart or an idle timeout would."""
    from logstores import end_sessions
    assert end_sessions(url or log.url, pid=log._db.info.backend_pid) == 1


def test_a_connection_dropped_while_idle_is_replaced_before_the_next_append(tmp_path):
    from logstores import postgres_url
    with open_log(postgres_url()) as log:
        log.append([entry(1)])
        _drop_connection(log)
        assert [r.seq for r in log.append([entry(2)])] == [2]  # no error: reconnected at BEGIN
        _drop_connection(log)
        assert log.head().seq == 2  # a read reconnects too
        assert log.verify() == (2, None)


def test_a_log_that_cannot_be_reached_refuses_the_append_then_recovers(tmp_path):
    from gridrules.errors import LogUnavailable
    from logstores import postgres_url
    with open_log(postgres_url()) as log:
        log.append([entry(1)])
        url, log.url = log.url, "postgresql://gridrules:gridrules@127.0.0.1:9/none"  # nothing listens on port 9
        _drop_connection(log, url)
        with pytest.raises(LogUnavailable, match="decision log"):
            log.append([entry(2)])
        with pytest.raises(LogUnavailable):
            log.head()
        with pytest.raises(LogUnavailable):
            log.verify()
        with pytest.raises(LogUnavailable):
            log.prune("2027-01-01T00:00:00+08:00")
        log.url = url  # the server is back
        assert [json.loads(r.decision)["task"] for r in log.append([entry(3)])] == ["T3"]
        assert log.verify() == (2, None)
        assert [json.loads(r.input)["id"] for r in log.records()] == ["T1", "T3"]  # T2 was never written


def test_a_sqlite_log_that_cannot_be_written_refuses_the_append(tmp_path):
    """A full disk or an I/O error is the log being unavailable, not an unexpected failure."""
    from gridrules.errors import LogUnavailable
    path = tmp_path / "decisions.sqlite"
    with open_log(f"sqlite:///{path}") as log:
        log.append([entry(1)])
        log._db.execute("PRAGMA max_page_count = 1")  # what a full disk looks like to SQLite
        with pytest.raises(LogUnavailable):
            log.append([entry(n) for n in range(2, 200)])
        log._db.execute("PRAGMA max_page_count = 1073741823")
        log.append([entry(200)])
        assert log.verify() == (2, None)


def test_a_log_has_one_key_of_its_own_kept_out_of_its_records(url, tmp_path):
    """Made when the log is created, the same for every later opening (every writer hashes
    titles alike), different from another log's, and in no record or export."""
    with open_log(url) as log:
        key = log.key
        log.append([entry(1)])
    with open_log(url) as again:
        assert again.key == key and len(key) == 32
        exported = "\n".join(r.input + r.decision for r in again.records())
    with open_log(f"sqlite:///{tmp_path / 'other.sqlite'}") as other:
        assert other.key != key
    assert key.hex() not in exported


def test_a_postgresql_write_lock_held_too_long_is_an_outage_as_on_sqlite(monkeypatch):
    """Another writer holding the log's advisory lock past ``lock_seconds``: the append gives up
    (LogUnavailable, nothing written), as SQLite's busy timeout does, instead of waiting unbounded."""
    import time

    import psycopg

    from gridrules.errors import LogUnavailable
    from gridrules.log.postgres import LOCK_KEY
    from gridrules.log.store import LogStore
    from logstores import postgres_url
    monkeypatch.setattr(LogStore, "lock_seconds", 0.5)
    url = postgres_url()
    with open_log(url) as log, psycopg.connect(url, autocommit=True) as holder:
        holder.execute("SELECT pg_advisory_lock(%s)", (LOCK_KEY,))
        began = time.monotonic()
        with pytest.raises(LogUnavailable) as caught:
            log.append([entry(1)])
        assert time.monotonic() - began < 10
        assert "\n" not in str(caught.value)
        holder.execute("SELECT pg_advisory_unlock(%s)", (LOCK_KEY,))
        assert [r.seq for r in log.append([entry(2)])] == [1]


def test_the_drivers_words_reach_a_person_on_one_line():
    from gridrules.log.store import first_line
    said = RuntimeError("terminating connection due to administrator command\nCONTEXT:  SQL statement \"x\"\n")
    assert first_line(said) == "terminating connection due to administrator command"
    assert first_line(RuntimeError("")) == "RuntimeError"


def test_a_postgresql_log_locked_past_the_timeout_at_opening_is_unavailable_not_bad_input(monkeypatch):
    import psycopg

    from gridrules.errors import LogUnavailable
    from gridrules.log.postgres import LOCK_KEY
    from gridrules.log.store import LogStore
    from logstores import postgres_url
    monkeypatch.setattr(LogStore, "lock_seconds", 0.5)
    url = postgres_url()
    with psycopg.connect(url, autocommit=True) as holder:
        holder.execute("SELECT pg_advisory_lock(%s)", (LOCK_KEY,))
        with pytest.raises(LogUnavailable):
            open_log(url)


def test_a_probe_waits_for_the_write_lock_only_probe_seconds_while_an_append_waits_lock_seconds(url):
    """Another writer holds the log's write lock (SQLite's BEGIN IMMEDIATE, PostgreSQL's advisory lock):
    the health probe says the log is unavailable after ``probe_seconds`` (before, it waited ``lock_seconds``,
    60 s, as an append does: a load balancer's check timed out instead of reading 503); the lock free, it
    probes ok; an append still waits its ``lock_seconds``."""
    import sqlite3

    import psycopg
    from logstores import within

    from gridrules.errors import LogUnavailable
    from gridrules.log.postgres import LOCK_KEY
    with open_log(url) as log:
        log.probe_seconds = 1.0
        if url.startswith("sqlite:///"):
            holder = sqlite3.connect(url[len("sqlite:///"):], isolation_level=None)
            holder.execute("BEGIN IMMEDIATE")
            release = "ROLLBACK"
        else:
            holder = psycopg.connect(url, autocommit=True)
            holder.execute("SELECT pg_advisory_lock(%s)", (LOCK_KEY,))
            release = f"SELECT pg_advisory_unlock({LOCK_KEY})"

        held = [True]

        def free() -> None:  # once (``within`` frees it when the probe is still waiting)
            if held.pop() if held else False:
                holder.execute(release)
                holder.close()
        try:
            took, raised = within(log.probe, 6, release=free)
            assert isinstance(raised, LogUnavailable), raised
            assert 0.9 < took < 4
            appending = threading.Thread(target=log.append, args=([entry(1)],))
            appending.start()  # waits for the lock (lock_seconds), not given up at the probe's bound
            appending.join(2)
            assert appending.is_alive()
        finally:
            free()
        appending.join(10)
        assert within(log.probe, 6)[1] is None
        assert log.verify() == (1, None)


# --- the logged moment's index: windows by logged_at read through it -------------------------------

LOGGED_INDEX = "decision_log_logged"  # the index of the moment a record was logged


def _has_logged_index(url: str) -> bool:
    if url.startswith("sqlite:///"):
        import sqlite3
        with sqlite3.connect(url[len("sqlite:///"):]) as db:
            return db.execute("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = ?",
                              (LOGGED_INDEX,)).fetchone()[0] == 1
    import psycopg
    with psycopg.connect(url) as db:
        return db.execute("SELECT to_regclass(%s) IS NOT NULL", (LOGGED_INDEX,)).fetchone()[0]


def _read_by(log, monkeypatch, **window) -> str:
    """How ``log.records(**window)`` was read: on SQLite the plan of the statement it ran (caught on its
    connection); on PostgreSQL whether the server counted a scan of the logged moment's index for it."""
    if log.url.startswith("sqlite:///"):
        import sqlite3
        ran: list[str] = []
        connect = sqlite3.connect

        def traced(*args, **kwargs):
            db = connect(*args, **kwargs)
            db.set_trace_callback(ran.append)
            return db
        monkeypatch.setattr(sqlite3, "connect", traced)
        list(log.records(**window))
        monkeypatch.setattr(sqlite3, "connect", connect)
        [query] = [sql for sql in ran if sql.startswith("SELECT")]
        with sqlite3.connect(log.path) as db:
            return "\n".join(row[3] for row in db.execute("EXPLAIN QUERY PLAN " + query))
    import time
    import psycopg
    with psycopg.connect(log.url, autocommit=True) as db:
        def scans() -> int:
            db.execute("SELECT pg_stat_clear_snapshot()")
            row = db.execute("SELECT idx_scan FROM pg_stat_user_indexes WHERE indexrelid = to_regclass(%s)",
                             (LOGGED_INDEX,)).fetchone()
            return row[0] if row else 0
        before = scans()
        list(log.records(**window))
        deadline = time.monotonic() + 5  # the reader's counts reach the server's statistics as it ends
        while scans() == before and time.monotonic() < deadline:
            time.sleep(0.1)
        return f"{LOGGED_INDEX}: {scans() - before} scans"


def _logged_in(record, since: str | None, until: str | None) -> bool:
    """The contract's rule, written out: a record by its ``logged_at``, one without it by its ``at``."""
    from datetime import datetime
    moment = datetime.fromisoformat(record.logged_at or record.at)
    return ((since is None or moment >= datetime.fromisoformat(since))
            and (until is None or moment < datetime.fromisoformat(until)))


def _mixed_log(url: str) -> None:
    """Records an older version wrote (by their ``at``), then records logged on several days -- one
    logged earlier than the record before it (a clock put back) -- appended as ``append`` chains them."""
    from gridrules.log.records import chain
    older_log(url, older("2026-01-05T09:00:00+08:00", "2026-03-02T12:00:00+08:00", "2026-01-20T09:00:00+08:00"))
    with open_log(url) as log:
        for n, logged in enumerate(["2026-03-01T10:00:00.000000+00:00", "2026-03-02T01:00:00.000000+00:00",
                                    "2026-03-01T23:00:00.000000+00:00", "2026-03-02T15:59:59.999999+00:00",
                                    "2026-03-02T16:00:00.000000+00:00", "2026-03-05T08:00:00.000000+00:00"], 4):
            with log._writing():
                seq, prev = log._tail()
                log._insert(chain([entry(n, "2026-02-01T09:00:00+08:00")], seq + 1, prev, logged))
        assert log.verify() == (9, None)


WINDOWS = [("2026-03-02T00:00:00+08:00", "2026-03-03T00:00:00+08:00"), ("2026-03-02T00:00:00+08:00", None),
           (None, "2026-03-02T00:00:00+08:00"), ("2026-03-06T00:00:00+08:00", None), ("2025-01-01T00:00:00Z", None)]


def test_a_window_by_logged_at_answers_the_same_records_in_chain_order_with_the_index_or_without(url):
    """Beijing's 2 March ([16:00Z on 1 March, 16:00Z on 2 March)): the older record decided then, and the
    records logged then, the one logged after a later record (its clock put back) among them; paged too."""
    _mixed_log(url)
    with open_log(url, read_only=True) as log:
        assert log.indexed
        every = list(log.records())
        indexed = {w: [r.seq for r in log.records(logged=w)] for w in WINDOWS}
        paged = [r.seq for r in log.records(logged=WINDOWS[1], after_seq=5, limit=2)]
    assert indexed[WINDOWS[0]] == [2, 5, 6, 7] == [r.seq for r in every if _logged_in(r, *WINDOWS[0])]
    for w in WINDOWS:
        assert indexed[w] == [r.seq for r in every if _logged_in(r, *w)], w
    assert paged == [6, 7]
    raw(url, f"DROP INDEX {LOGGED_INDEX}")  # the log as a version before the index left it
    with open_log(url, read_only=True) as log:
        assert not log.indexed
        assert {w: [r.seq for r in log.records(logged=w)] for w in WINDOWS} == indexed


@pytest.mark.parametrize("window", [WINDOWS[0], WINDOWS[1], WINDOWS[2]], ids=["day", "since", "until"])
def test_a_window_by_logged_at_is_read_through_the_logged_moments_index_not_a_scan(url, window, monkeypatch):
    """A day's export of a log of a million records: the index's stretch, read in chain order (by seq),
    not every record.  SQLite's planner, without statistics, would scan for a window open at one end;
    PostgreSQL's would on a table of two records, were it not told to price sequential scans out."""
    if not url.startswith("sqlite:///"):
        url += "%20-cenable_seqscan%3Doff"
    with open_log(url) as log:
        log.append([entry(1), entry(2)])
        read = _read_by(log, monkeypatch, logged=window)
    assert LOGGED_INDEX in read and ": 0 scans" not in read, read
    if url.startswith("sqlite:///"):
        assert "SCAN decision_log" not in read and "TEMP B-TREE" not in read, read


@pytest.mark.parametrize("older_than", ["columns", "index"])
def test_an_older_log_gets_the_index_when_a_writer_opens_it_and_verifies_unchanged(url, older_than):
    """A log from before records said when they were logged (``columns``), or from after that but before
    the index (``index``): a reader leaves it as it is and answers all the same; the first writer adds
    what is missing, the records and their hashes untouched."""
    if older_than == "columns":
        hashes = older_log(url, older("2026-01-05T09:00:00+08:00", "2026-01-20T09:00:00+08:00"))
    else:
        with open_log(url) as log:
            hashes = [r.hash for r in log.append([entry(1), entry(2)])]
        raw(url, f"DROP INDEX {LOGGED_INDEX}")
    with open_log(url, read_only=True) as log:
        before = list(log.records())
        window = [r.seq for r in log.records(logged=("2026-01-10T00:00:00+08:00", None))]
    assert not _has_logged_index(url)
    open_log(url).close()
    assert _has_logged_index(url)
    with open_log(url, read_only=True) as log:
        assert log.indexed and log.verify() == (2, None)
        assert [r.hash for r in log.records()] == hashes
        assert [(r.seq, r.logged_at, r.token) for r in log.records()] == [(r.seq, r.logged_at, r.token) for r in before]
        assert [r.seq for r in log.records(logged=("2026-01-10T00:00:00+08:00", None))] == window


OPENER = """
import sys
from gridrules.log import Entry, open_log
url, n = sys.argv[1], int(sys.argv[2])
with open_log(url) as log:
    log.append([Entry("task", "2026-03-02T09:00:00+08:00", "dispatch", "sha256:" + "a" * 64, {"id": f"O{n}"},
                      {"task": f"O{n}"})])
"""


def test_processes_opening_an_older_log_at_once_upgrade_it_once_and_keep_one_chain(url):
    """Four writers open a log an older version wrote, all at once: each waits for the one adding the
    columns and the index (one write transaction), none fails, and the chain runs on from the old records."""
    hashes = older_log(url, older(*(f"2026-01-{d:02d}T09:00:00+08:00" for d in range(1, 29))))
    workers = [subprocess.Popen([sys.executable, "-P", "-c", OPENER, url, str(n)], stderr=subprocess.PIPE,
                                text=True) for n in range(4)]
    for worker in workers:
        assert worker.wait(timeout=120) == 0, worker.stderr.read() if worker.stderr else ""
    assert _has_logged_index(url)
    with open_log(url, read_only=True) as log:
        assert log.indexed and log.verify() == (32, None)
        records = list(log.records())
    assert [r.hash for r in records[:28]] == hashes and records[28].prev == hashes[-1]
    assert sorted(json.loads(r.input)["id"] for r in records[28:]) == ["O0", "O1", "O2", "O3"]
    assert all(r.logged_at for r in records[28:])
