"""Opening a decision log from its address: sqlite (relative or absolute), a plain path, refusals."""

from __future__ import annotations

import pytest

from gridrules.errors import InputError, LogUnavailable
from gridrules.log import open_log


def test_three_slashes_are_relative_four_absolute_and_a_plain_path_is_a_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "logs").mkdir()
    for url, made in (("sqlite:///logs/a.db", tmp_path / "logs" / "a.db"),
                      (f"sqlite:///{tmp_path}/b.db", tmp_path / "b.db"),  # sqlite:////… : absolute
                      (str(tmp_path / "c.db"), tmp_path / "c.db")):
        with open_log(url):
            pass
        assert made.exists(), url


def test_a_log_in_a_missing_folder_is_refused_naming_the_folder(tmp_path):
    with pytest.raises(InputError) as caught:
        open_log(f"sqlite:///{tmp_path}/no-such-folder/d.db")
    (problem,) = caught.value.problems
    assert problem.field == "log" and str(tmp_path / "no-such-folder") in problem.message
    assert not (tmp_path / "no-such-folder").exists()


def test_an_address_of_another_kind_is_refused():
    with pytest.raises(InputError) as caught:
        open_log("mysql://localhost/log")
    assert caught.value.problems[0].field == "log"


def test_a_file_that_is_not_a_log_or_a_place_not_writable_says_what_to_do_in_chinese(tmp_path):
    import os

    from gridrules.catalogue import set_language

    (tmp_path / "records.jsonl").write_text('{"event": {}}\n' * 50, encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    set_language("zh")
    try:
        with pytest.raises(InputError) as caught:
            open_log(str(tmp_path / "records.jsonl"))
        assert caught.value.problems[0].message.endswith("不是决定日志（SQLite 数据库）文件：请另写一个文件名（新文件会自动建立）")
        if os.geteuid() != 0:  # root writes anywhere
            with pytest.raises(InputError) as caught:
                open_log(str(locked / "d.db"))
            assert "没有权限，或这个位置只读" in caught.value.problems[0].message
        with pytest.raises(InputError) as caught:
            open_log("/proc/d.db")  # read-only to everyone, root included
        assert "没有权限，或这个位置只读" in caught.value.problems[0].message
    finally:
        set_language(None)
        locked.chmod(0o700)


@pytest.mark.parametrize("url", ["", "  "])
def test_an_empty_address_is_refused_never_a_private_temporary_database(url):
    with pytest.raises(InputError) as caught:
        open_log(url)
    assert caught.value.problems[0].field == "log"


def test_a_folder_is_named_as_a_folder(tmp_path):
    from gridrules.catalogue import t
    for read_only in (False, True):
        with pytest.raises(InputError) as caught:
            open_log(str(tmp_path), read_only=read_only)
        assert caught.value.problems[0].message == t("log.is_folder", path=str(tmp_path))


def test_a_reader_never_creates_a_log(tmp_path):
    from gridrules.catalogue import t
    missing = tmp_path / "typo.sqlite"
    with pytest.raises(InputError) as caught:
        open_log(f"sqlite:///{missing}", read_only=True)
    (problem,) = caught.value.problems
    assert problem.field == "log" and problem.message == t("log.no_such_log", path=str(missing))
    assert not missing.exists()
    import sqlite3
    sqlite3.connect(tmp_path / "other.sqlite").execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(InputError) as caught:  # a database, but no log in it: not made one either
        open_log(str(tmp_path / "other.sqlite"), read_only=True)
    assert caught.value.problems[0].message == t("log.not_a_database", path=str(tmp_path / "other.sqlite"))


def test_a_reader_on_postgresql_makes_no_tables():
    import psycopg
    from logstores import postgres_url
    url = postgres_url()
    with pytest.raises(InputError) as caught:
        open_log(url, read_only=True)
    assert caught.value.problems[0].field == "log" and "decision_log" in caught.value.problems[0].message
    with psycopg.connect(url) as db:
        assert db.execute("SELECT to_regclass('decision_log')").fetchone() == (None,)
    with open_log(url) as log:  # a writer makes it; a reader then reads it, writing nothing
        log.append([_entry()])
    with open_log(url, read_only=True) as log:
        assert log.verify() == (1, None) and log.head().records == 1 and len(list(log.records())) == 1


def _entry():
    from gridrules.log import Entry
    return Entry("task", "2026-03-02T09:00:00+08:00", "dispatch", "sha256:" + "a" * 64, {"id": "T1"}, {"task": "T1"})


@pytest.fixture
def unwritable(tmp_path):
    """A log no one may write: mode 0444 and, for root (whom modes do not stop), the immutable attribute."""
    import os
    import subprocess
    path = tmp_path / "copy.sqlite"
    with open_log(str(path)) as log:
        log.append([_entry()])
    path.chmod(0o444)
    if os.geteuid() == 0:
        if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
            pytest.skip("root, and no chattr +i here: cannot make a file read-only to this test")
    yield path
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-i", str(path)], capture_output=True)


def test_a_read_only_log_is_read(unwritable):
    with open_log(str(unwritable), read_only=True) as log:
        assert log.verify() == (1, None) and [r.seq for r in log.records()] == [1] and log.head().seq == 1
    with pytest.raises(InputError):  # a writer still says it cannot write there
        open_log(str(unwritable))


def test_a_new_log_is_its_owners_only(tmp_path):
    import stat
    path = tmp_path / "decisions.sqlite"
    with open_log(str(path)) as log:
        log.append([_entry()])
        made = [p for p in tmp_path.iterdir()]
        assert {p.name for p in made} >= {"decisions.sqlite", "decisions.sqlite-wal", "decisions.sqlite-shm"}
        assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in made), [oct(p.stat().st_mode) for p in made]


def test_a_log_locked_past_the_timeout_at_opening_is_unavailable_not_bad_input(tmp_path, monkeypatch):
    import sqlite3

    from gridrules.errors import LogUnavailable
    from gridrules.log.store import LogStore
    path = tmp_path / "decisions.sqlite"
    open_log(str(path)).close()
    monkeypatch.setattr(LogStore, "lock_seconds", 0.2)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(LogUnavailable):
            open_log(str(path))
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_new_log_opened_while_another_process_is_making_it_waits_for_it(tmp_path):
    """A new log is in rollback mode until it is turned into WAL; a second writer opening it while the
    first holds its write lock there was answered BUSY at once (SQLite skips the busy handler for it),
    and four processes starting on one new log could fail one of them."""
    import sqlite3
    import threading
    path = tmp_path / "decisions.sqlite"
    path.touch()
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("CREATE TABLE making (x)")
    released = threading.Timer(0.3, lambda: holder.execute("COMMIT"))
    released.start()
    try:
        with open_log(str(path)) as log:
            assert log.append([_entry()])[0].seq == 1
    finally:
        released.join()
        holder.close()


def test_a_full_disk_at_opening_is_unavailable_in_chinese_and_leaves_no_empty_file(tmp_path, monkeypatch):
    """SQLite's own words ("database or disk is full") were shown as bad input, beside an empty file."""
    import sqlite3

    from gridrules.catalogue import set_language
    from gridrules.errors import LogUnavailable
    from gridrules.log.sqlite import SqliteLog

    def full(self):
        error = sqlite3.OperationalError("database or disk is full")
        error.sqlite_errorcode = 13  # SQLITE_FULL, as the module sets it
        raise error

    monkeypatch.setattr(SqliteLog, "_open", full)
    path = tmp_path / "decisions.sqlite"
    set_language("zh")
    try:
        with pytest.raises(LogUnavailable) as caught:
            open_log(str(path))
    finally:
        set_language(None)
    assert "磁盘已满" in str(caught.value) and "disk is full" not in str(caught.value)
    assert not path.exists()  # the file made for it is taken back


@pytest.mark.parametrize("code, words", [(8, "没有权限，或这个位置只读"), (1544, "没有权限，或这个位置只读"),  # READONLY, _DIRECTORY
                                         (14, "没有权限，或这个位置只读"), (526, "没有权限，或这个位置只读"),  # CANTOPEN, _ISDIR
                                         (26, "不是决定日志")])  # NOTADB
def test_sqlites_extended_codes_get_the_words_of_their_primary_code(tmp_path, monkeypatch, code, words):
    """SQLite reports a read-only folder as SQLITE_READONLY_DIRECTORY (8 | 6 << 8) where the folder is
    not writable to a non-root user; its words are READONLY's, not SQLite's own English."""
    import sqlite3

    from gridrules.catalogue import set_language
    from gridrules.log.sqlite import SqliteLog

    def refused(self):
        error = sqlite3.OperationalError("attempt to write a readonly database")
        error.sqlite_errorcode = code  # as the module sets it: the extended code
        raise error

    monkeypatch.setattr(SqliteLog, "_open", refused)
    set_language("zh")
    try:
        with pytest.raises(InputError) as caught:
            open_log(str(tmp_path / "decisions.sqlite"))
    finally:
        set_language(None)
    assert words in caught.value.problems[0].message and "readonly" not in caught.value.problems[0].message


def test_a_window_whose_since_is_after_its_until_is_refused_naming_both():
    """``log export --since … --until …`` and ``/v1/log/export``: a reversed window would answer nothing,
    read as 'nothing was decided then'; it is refused, the message naming both as given."""
    from gridrules.log.open import window

    with pytest.raises(InputError) as caught:
        window("2026-12-02T00:00:00+08:00", "2026-12-01T00:00:00+08:00")
    [problem] = caught.value.problems
    assert problem.field == "since" and "until" in problem.message
    assert "2026-12-02T00:00:00+08:00" in problem.message and "2026-12-01T00:00:00+08:00" in problem.message
    same = "2026-12-01T00:00:00+08:00"
    assert window(same, same) == (same, same)  # empty, not reversed


@pytest.mark.parametrize("query, env, seconds", [("", {}, None), ("connect_timeout=3", {}, 3),
                                                 ("", {"PGCONNECT_TIMEOUT": "3"}, 3)],
                         ids=["ours", "the URL's", "PGCONNECT_TIMEOUT"])
def test_a_postgresql_host_that_never_answers_is_given_up_after_the_connect_timeout(monkeypatch, query, env, seconds):
    """A host that takes the connection and says nothing (one dropping packets): opening the log gives up
    after ``CONNECT_SECONDS`` (before, psycopg's 130 s, and a decision or a health check waited with it),
    saying the log's database is unavailable; a connect_timeout the operator set (in the URL, or PGCONNECT_TIMEOUT) is theirs."""
    from logstores import SilentHost, within

    from gridrules.log import postgres
    monkeypatch.setattr(postgres, "CONNECT_SECONDS", 2 if seconds is None else 60, raising=False)  # 60: never reached
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    expected = seconds or 2
    with SilentHost() as host:
        took, raised = within(lambda: open_log(host.url(query)), expected + 4, release=host.socket.close)
    assert isinstance(raised, LogUnavailable), raised  # nothing answered: an outage, not bad input
    assert expected - 0.5 < took < expected + 4


def _tcp_settings(db) -> dict[str, int]:
    """What the kernel holds for a connection's socket: the bounds on a silent host, as in effect."""
    import socket
    sock = socket.socket(fileno=__import__("os").dup(db.pgconn.socket))
    try:
        return {"keepalive": sock.getsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE),
                "idle": sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE),
                "interval": sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPINTVL),
                "count": sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPCNT),
                "user_timeout_ms": sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_USER_TIMEOUT)}
    finally:
        sock.close()


def test_an_open_postgresql_log_connection_is_bounded_against_a_host_gone_silent():
    """An open connection whose host goes silent (packets dropped) waited for the kernel's retransmissions,
    15 minutes and more, and a decision with it: the log's connection (the append's, and the export's reader)
    carries TCP keepalives and a TCP user timeout, in effect on its socket; an operator's own in the URL win.
    (The partition itself: tests/service/test_partition.py.)"""
    from logstores import postgres_url

    from gridrules.log import postgres
    url = postgres_url()
    with open_log(url) as log:
        assert _tcp_settings(log._db) == {"keepalive": 1, "idle": 10, "interval": 5, "count": 3,
                                          "user_timeout_ms": 10_000}
    with open_log(f"{url}&keepalives_idle=60&tcp_user_timeout=30000") as log:
        said = _tcp_settings(log._db)
        assert said["idle"] == 60 and said["user_timeout_ms"] == 30_000 and said["count"] == 3
        with postgres.connect(log.url) as reader:  # as records() connects
            assert _tcp_settings(reader) == said
