"""Idempotency keys in the log's store: kept with the records they answered, outside the chain; the same
tests on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from logstores import BACKENDS, log_url, older_log, raw

from gridrules.log import Entry, open_log
from gridrules.log.keys import Claim, Kept, fingerprint


@pytest.fixture(params=BACKENDS)
def url(request, tmp_path):
    return log_url(request.param, tmp_path)


def entry(n: int) -> Entry:
    return Entry("task", "2026-03-02T09:00:00+08:00", "dispatch", "sha256:" + "a" * 64, {"id": f"T{n}"},
                 {"task": f"T{n}", "verdict": "admitted"}, "tok-1")


def claim(key: str = "k-1", token: str = "tok-1", part: int = 0, body: object = "T1") -> Claim:
    return Claim(token, key, part, fingerprint("/v1/tasks/check", body, None), json.dumps({"task": body}),
                 "sha256:" + "a" * 64)


def test_a_key_kept_with_its_records_answers_its_retry_and_logs_nothing_more(url):
    with open_log(url) as log:
        first = log.append_keyed([([entry(1)], claim())])[0]
        again = log.append_keyed([([entry(1)], claim())])[0]
        assert [r.seq for r in first] == [1]
        assert again == Kept(0, claim().fingerprint, claim().answer, claim().digest, 1)
        assert log.kept("tok-1", "k-1") == [again]
        assert log.verify() == (1, None) and log.head().records == 1


def test_a_retry_in_the_same_group_commit_logs_nothing_more(url):
    """Two requests with one key waiting for the same transaction (a client retrying while the first still
    waits for its commit): the first is logged, the second given its answer."""
    with open_log(url) as log:
        first, second, other = log.append_keyed([([entry(1)], claim()), ([entry(1)], claim()), ([entry(2)], None)])
        assert [r.seq for r in first] == [1] and isinstance(second, Kept) and second.seq == 1
        assert [r.seq for r in other] == [2]
        assert log.verify() == (2, None)


def test_keys_are_the_asking_tokens_and_a_batch_keeps_one_answer_per_chunk(url):
    with open_log(url) as log:
        log.append_keyed([([entry(1)], claim(token="tok-1")), ([entry(2)], claim(token="tok-2"))])
        log.append_keyed([([entry(3)], claim(key="b", part=0)), ([entry(4)], claim(key="b", part=1))])
        assert [k.seq for k in log.kept("tok-1", "k-1")] == [1]
        assert [k.seq for k in log.kept("tok-2", "k-1")] == [2]
        assert [(k.part, k.seq) for k in log.kept("tok-1", "b")] == [(0, 3), (1, 4)]
        assert log.kept("tok-3", "k-1") == []
        assert log.verify() == (4, None)


def test_a_key_is_kept_across_a_restart(url):
    with open_log(url) as log:
        log.append_keyed([([entry(1)], claim())])
    with open_log(url) as log:
        assert isinstance(log.append_keyed([([entry(1)], claim())])[0], Kept)
        assert log.verify() == (1, None)


KEYED_APPENDER = """
import sys
from gridrules.log import Entry, open_log
from gridrules.log.keys import Claim
url, n = sys.argv[1], int(sys.argv[2])
with open_log(url) as log:
    for i in range(20):
        e = Entry("task", "2026-03-02T09:00:00+08:00", "dispatch", "sha256:" + "a" * 64, {"id": f"K{i}"}, {"task": f"K{i}"})
        log.append_keyed([([e], Claim("tok-1", f"key-{i}", 0, "same", "{}", "sha256:x"))])
"""


def test_processes_racing_with_the_same_keys_log_each_once(url):
    """Worker processes, each its own connection, sending the same 20 keys at once: 20 records."""
    workers = [subprocess.Popen([sys.executable, "-c", KEYED_APPENDER, url, str(n)], stderr=subprocess.PIPE,
                                text=True) for n in range(3)]
    for worker in workers:
        assert worker.wait(timeout=120) == 0, worker.stderr.read() if worker.stderr else ""
    with open_log(url) as log:
        assert log.verify() == (20, None)
        assert sorted(json.loads(r.input)["id"] for r in log.records()) == sorted(f"K{i}" for i in range(20))


def test_an_older_log_without_the_keys_table_verifies_read_only_and_is_given_it_by_a_writer(url):
    older_log(url, [("task", "2026-01-05T09:00:00+08:00", "dispatch", {"id": "T0"}, {"task": "T0"})])
    with open_log(url, read_only=True) as log:
        assert log.verify() == (1, None)
    with open_log(url) as log:
        log.append_keyed([([entry(1)], claim())])
        assert log.verify() == (2, None) and [k.seq for k in log.kept("tok-1", "k-1")] == [2]


def test_the_keys_are_not_in_the_chain_a_prune_forgets_those_kept_before_it(url):
    with open_log(url) as log:
        log.append_keyed([([entry(1)], claim())])
    raw(url, "UPDATE idempotency_key SET answer = 'changed'")  # not a record: the chain does not cover it
    with open_log(url) as log:
        assert log.verify() == (1, None)
        assert log.prune("2999-01-01T00:00:00+00:00") == 1
        assert log.kept("tok-1", "k-1") == []
