"""gridrules check-task/route --log, and gridrules log verify|head|export|prune, on both backends."""

from __future__ import annotations

import json

import pytest
from clirun import run
from logstores import BACKENDS, log_url, raw

TASK = {"id": "T-1", "title": "走访独居老人赵六", "description": "赵六 住 5 栋 2 单元", "department": "minzheng",
        "assignee": "full_time", "activities": ["visit", "report", "care"], "start": "2026-12-01",
        "end": "2026-12-31", "hours_per_month": 3}


@pytest.fixture(params=BACKENDS)
def url(request, tmp_path):
    return log_url(request.param, tmp_path)


def batch(tmp_path, n: int) -> str:
    path = tmp_path / "tasks.jsonl"
    lines = [json.dumps({**TASK, "id": f"T-{i}"}, ensure_ascii=False) for i in range(n)]
    lines.insert(3, '{"id": "bad"')  # a bad line is answered, and not logged
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_each_printed_decision_is_in_the_log_without_its_free_text(capsys, monkeypatch, tmp_path, url):
    code, out, _ = run(capsys, monkeypatch, ["check-task", batch(tmp_path, 300), "--batch", "--format", "json",
                                             "--log", url, "--at", "2026-12-01T09:00:00+08:00"])
    assert code == 2  # the bad line
    printed = [json.loads(line) for line in out.splitlines()]
    assert len(printed) == 301 and printed[3]["error"] == "invalid_input"
    code, out, _ = run(capsys, monkeypatch, ["log", "export", "--log", url])
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["input"]["id"] for r in records] == [f"T-{i}" for i in range(300)]
    assert [r["decision"] for r in records] == [p for p in printed if "error" not in p]
    assert all(r["kind"] == "task" and r["role"] == "cli" and r["at"] == "2026-12-01T09:00:00+08:00"
               for r in records)
    assert "赵六" not in out and "5 栋" not in out
    code, out, _ = run(capsys, monkeypatch, ["log", "verify", "--log", url, "--lang", "zh"])
    assert code == 0 and "300 条记录" in out


def test_a_single_event_is_logged_and_the_head_printed(capsys, monkeypatch, tmp_path, url):
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"id": "EV-1", "type": "MD02", "reported_at": "2026-11-25T09:30:00+08:00",
                                 "grid": "tangxiang-heping-01", "description": "钱七家漏水"}), encoding="utf-8")
    code, _, _ = run(capsys, monkeypatch, ["route", str(event), "--log", url])
    assert code == 0
    code, out, _ = run(capsys, monkeypatch, ["log", "head", "--log", url])
    head = json.loads(out)
    assert code == 0 and head["seq"] == 1 and head["records"] == 1 and len(head["hash"]) == 64
    code, out, _ = run(capsys, monkeypatch, ["log", "export", "--log", url])
    record = json.loads(out)
    assert record["kind"] == "event" and "description" not in record["input"]
    assert record["at"] == "2026-11-25T09:30:00+08:00"  # the event's reported_at: the moment it was decided


def test_verify_names_the_edited_record_and_prune_refuses_a_broken_chain(capsys, monkeypatch, tmp_path, url):
    run(capsys, monkeypatch, ["check-task", batch(tmp_path, 5), "--batch", "--log", url])
    raw(url, "UPDATE decision_log SET decision = replace(decision, 'admitted', 'refused') WHERE seq = 4")
    code, out, _ = run(capsys, monkeypatch, ["log", "verify", "--log", url, "--lang", "zh"])
    assert code == 1 and "第 4 条记录" in out
    code, _, err = run(capsys, monkeypatch, ["log", "prune", "--log", url, "--before", "2030-01-01T00:00:00+08:00", "--lang", "zh"])
    assert code == 1 and "不予清理" in err


def test_prune_keeps_the_log_verifiable(capsys, monkeypatch, tmp_path, url):
    """Pruned by when records were written (``logged_at``), not the moment they were decided as of: the
    first four (checked as of March) go, the four written after them (as of January) stay."""
    from datetime import datetime, timezone
    run(capsys, monkeypatch, ["check-task", batch(tmp_path, 4), "--batch", "--log", url, "--at", "2026-03-10T09:00:00+08:00"])
    between = datetime.now(timezone.utc).isoformat()
    run(capsys, monkeypatch, ["check-task", batch(tmp_path, 4), "--batch", "--log", url, "--at", "2026-01-10T09:00:00+08:00"])
    code, out, _ = run(capsys, monkeypatch, ["log", "prune", "--log", url, "--before", between, "--lang", "zh"])
    assert code == 0 and "已清理 4 条" in out
    code, out, _ = run(capsys, monkeypatch, ["log", "export", "--log", url])
    assert {json.loads(line)["at"] for line in out.splitlines()[:4]} == {"2026-01-10T09:00:00+08:00"}
    code, out, _ = run(capsys, monkeypatch, ["log", "verify", "--log", url, "--lang", "zh"])
    assert code == 0 and "5 条记录" in out  # four kept and the checkpoint


def test_a_bad_log_url_or_moment_is_exit_2_naming_the_field(capsys, monkeypatch, tmp_path):
    code, _, err = run(capsys, monkeypatch, ["log", "verify", "--log", "mysql://x/y"])
    assert code == 2 and "log" in err
    code, _, err = run(capsys, monkeypatch, ["log", "prune", "--log", str(tmp_path / "l.sqlite"), "--before", "soon"])
    assert code == 2 and "before" in err
    code, _, err = run(capsys, monkeypatch, ["log", "head", "--log", str(tmp_path / "no" / "such" / "l.sqlite")])
    assert code == 2 and "log" in err


@pytest.mark.parametrize("args", [
    ["check-task", "TASK", "--log", ""], ["check-task", "TASK", "--batch", "--log", " "],
    ["route", "EVENT", "--log", ""], ["log", "verify", "--log", ""], ["log", "head", "--log", ""],
    ["log", "export", "--log", ""], ["log", "prune", "--log", "", "--before", "2026-01-01T00:00:00+08:00"],
    ["replay", "--log", "", "--pack", "PACK"], ["serve", "--log", "", "--port", "0"],
    ["admission", "review", "APP", "--impact", ""]])
def test_an_empty_log_address_is_refused_naming_the_option_and_nothing_is_printed(capsys, monkeypatch, tmp_path,
                                                                                  args):
    """An unset $LOG_URL must not print decisions no log holds (nor serve with another log)."""
    import pathlib
    examples = pathlib.Path(__file__).parents[2] / "examples"
    (tmp_path / "pack").mkdir()
    where = {"TASK": str(examples / "task.yaml"), "EVENT": str(examples / "event.yaml"),
             "APP": str(examples / "application.yaml"), "PACK": str(tmp_path / "pack")}
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, monkeypatch, [where.get(a, a) for a in args] + ["--lang", "zh"])
    option = "--impact" if "--impact" in args else "--log"
    assert code == 2 and out == "" and f"{option}: 没有写决定日志的地址" in err
    assert "Traceback" not in err and list(tmp_path.iterdir()) == [tmp_path / "pack"]


def test_reading_a_missing_log_refuses_naming_it_and_creates_nothing(capsys, monkeypatch, tmp_path):
    missing = tmp_path / "typo.sqlite"
    for args in (["log", "verify"], ["log", "head"], ["log", "export"]):
        code, out, err = run(capsys, monkeypatch, args + ["--log", str(missing), "--lang", "zh"])
        assert code == 2 and out == "" and f"决定日志 {missing} 不存在" in err
    assert not missing.exists()


def test_prune_with_nothing_to_prune_says_the_log_is_unchanged(capsys, monkeypatch, tmp_path, url):
    run(capsys, monkeypatch, ["check-task", batch(tmp_path, 2), "--batch", "--log", url])
    code, out, _ = run(capsys, monkeypatch, ["log", "prune", "--log", url, "--before", "2000-01-01T00:00:00+08:00",
                                             "--lang", "zh"])
    assert code == 0 and out.strip() == "没有早于 2000-01-01T00:00:00+08:00 的记录可清理：日志未改动（没有写检查点）"
    code, out, _ = run(capsys, monkeypatch, ["log", "verify", "--log", url, "--lang", "zh"])
    assert "2 条记录" in out  # no checkpoint record was appended


def test_a_date_reads_in_the_district_time_of_the_pack_given_or_the_bundled_one(capsys, monkeypatch, tmp_path, url):
    """A bare date is 00:00 that day in the district's time (+08:00) of the pack ``--pack`` names, or without
    it of the bundled pack, as every other command (``--at``, ``replay``) reads a date; written as people write
    one (2026年2月1日, 2026/2/1) it is the same day."""
    import pathlib
    pack = str(pathlib.Path(__file__).parents[2] / "rules")
    for at in ("2026-01-31T23:30:00+08:00", "2026-02-01T00:30:00+08:00"):
        run(capsys, monkeypatch, ["check-task", batch(tmp_path, 1), "--batch", "--log", url, "--at", at])
    code, out, _ = run(capsys, monkeypatch, ["log", "export", "--log", url, "--since", "2026-02-01", "--pack", pack])
    assert code == 0 and [json.loads(line)["at"] for line in out.splitlines()] == ["2026-02-01T00:30:00+08:00"]
    code, out, _ = run(capsys, monkeypatch, ["log", "export", "--log", url, "--until", "2026-02-01", "--pack", pack])
    assert [json.loads(line)["at"] for line in out.splitlines()] == ["2026-01-31T23:30:00+08:00"]
    for since in ("2026-02-01", "2026年2月1日", "2026/2/1"):  # no --pack: the bundled pack's +08:00
        code, out, err = run(capsys, monkeypatch, ["log", "export", "--log", url, "--since", since])
        assert code == 0, err
        assert [json.loads(line)["at"] for line in out.splitlines()] == ["2026-02-01T00:30:00+08:00"]
    code, out, err = run(capsys, monkeypatch, ["log", "export", "--log", url, "--since", "2026年2月30日"])
    assert code == 2 and out == "" and "since" in err and "2026年2月30日" in err
    # prune goes by when a record was written: both were written today, so a date in February prunes neither
    code, out, _ = run(capsys, monkeypatch, ["log", "prune", "--log", url, "--before", "2026-02-01", "--pack", pack,
                                             "--lang", "zh"])
    assert code == 0 and "已清理" not in out
    code, out, _ = run(capsys, monkeypatch, ["log", "export", "--log", url, "--logged-since", "2026-02-01"])
    assert len(out.splitlines()) == 2  # both logged after it, whatever they were decided as of


def test_an_offset_whose_plus_became_a_space_is_refused_saying_where_the_plus_goes(capsys, monkeypatch, url):
    """Copied from a URL whose + was decoded: the message shows the moment with its + (and a URL's %2B)."""
    code, out, err = run(capsys, monkeypatch, ["log", "export", "--log", url, "--since", "2026-03-02T09:00:00 08:00",
                                               "--lang", "zh"])
    assert code == 2 and out == "" and "Traceback" not in err
    assert "since" in err and "2026-03-02T09:00:00+08:00" in err and "%2B" in err


def test_export_pages_by_seq_as_the_service_does(capsys, monkeypatch, tmp_path, url):
    """--after-seq (exclusive) and --limit page the export as /v1/log/export's after_seq and limit do:
    pulling page after page from the last seq printed gets every record once, in order, the short page
    the end; with a window too.  Before, the command had neither option."""
    run(capsys, monkeypatch, ["check-task", batch(tmp_path, 7), "--batch", "--log", url,
                              "--at", "2026-12-01T09:00:00+08:00"])

    def page(*options: str) -> list[int]:
        code, out, err = run(capsys, monkeypatch, ["log", "export", "--log", url, *options])
        assert code == 0, err
        return [json.loads(line)["seq"] for line in out.splitlines()]

    assert page("--after-seq", "2", "--limit", "3") == [3, 4, 5]
    pulled, last = [], 0
    while len(got := page("--after-seq", str(last), "--limit", "3")) == 3:
        pulled += got
        last = got[-1]
    assert pulled + got == list(range(1, 8)) and got == [7]
    assert page("--after-seq", "7") == [] and page("--limit", "2") == [1, 2]
    assert page("--after-seq", "3", "--until", "2999-01-01", "--limit", "2") == [4, 5]


@pytest.mark.parametrize("options, field, words", [
    (["--limit", "0"], "--limit", "不能小于 1"), (["--limit", str(100_000 + 1)], "--limit", "不能大于 100000"),
    (["--after-seq", "-1"], "--after-seq", "不能小于 0"),
    # past a seq's 64 bits (before: SQLite's OverflowError, exit 3)
    (["--after-seq", str(2**63)], "--after-seq", "不能大于 9223372036854775807")])
def test_export_paging_out_of_the_services_bounds_is_exit_2_naming_the_option(capsys, monkeypatch, tmp_path,
                                                                             options, field, words):
    """The bounds are the service's (``gridrules.log.export``: at most 100,000 a page), said as its 422 says
    them, naming the option; nothing is printed."""
    from gridrules.log.export import EXPORT_MOST
    assert EXPORT_MOST == 100_000  # the policy's number the cases above are written with
    url = f"sqlite:///{tmp_path / 'decisions.sqlite'}"
    run(capsys, monkeypatch, ["check-task", batch(tmp_path, 1), "--batch", "--log", url])
    code, out, err = run(capsys, monkeypatch, ["log", "export", "--log", url, *options, "--lang", "zh"])
    assert code == 2 and out == "" and "Traceback" not in err
    assert field in err and words in err, err


def test_backup_copies_a_log_being_written_into_a_private_file_that_verifies(capsys, monkeypatch, tmp_path):
    """docs/operators.md, section 5: the SQLite log backed up while another process appends to it (a real
    writer, in its own process), with no sqlite3 shell: the copy is consistent (its chain verifies), holds
    the log's key (without it the copy's free-text digests could never be matched again), is readable by its
    owner only whatever the umask (the sqlite3 shell's `.backup` made it 0644: the key readable by all), and
    is one file, with no -wal beside it to leave behind."""
    import os
    import stat
    import subprocess
    import time

    from appdocs import COMMAND
    from gridrules.log import open_log

    url = f"sqlite:///{tmp_path / 'decisions.sqlite'}"
    assert run(capsys, monkeypatch, ["check-task", batch(tmp_path, 50), "--batch", "--log", url])[0] == 2
    many = tmp_path / "many.jsonl"
    many.write_text("\n".join(json.dumps({**TASK, "id": f"M-{i}"}, ensure_ascii=False) for i in range(3000)),
                    encoding="utf-8")
    writer = subprocess.Popen([*COMMAND, "check-task", str(many), "--batch", "--log", url],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while writer.poll() is None and time.monotonic() < deadline:  # until the writer is writing
            with open_log(url, read_only=True) as log:
                if log.head().seq > 50:
                    break
            time.sleep(0.05)
        assert writer.poll() is None, "the writer ended before the backup began: nothing was written meanwhile"
        before = os.umask(0o022)  # a shell's usual umask: the copy is private all the same
        try:
            code, out, _ = run(capsys, monkeypatch, ["log", "backup", "--log", url, str(tmp_path / "备份.sqlite")])
        finally:
            os.umask(before)
    finally:
        assert writer.wait(timeout=300) == 0
    copy = tmp_path / "备份.sqlite"
    assert code == 0 and out.startswith(f"backed up to {copy} (readable by its owner only): "), out
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.glob("备份.sqlite*")) == ["备份.sqlite"]
    code, out, _ = run(capsys, monkeypatch, ["log", "verify", "--log", str(copy)])
    count = int(out.split(": ")[1].split(" records")[0])
    assert code == 0 and 50 < count < 3050, out  # taken while the writer wrote
    with open_log(url, read_only=True) as live, open_log(str(copy), read_only=True) as kept:
        assert kept.key == live.key and len(kept.key) == 32
        assert list(kept.records()) == list(live.records())[:count]  # the live log's first records, as they were


def test_backup_never_overwrites_a_file_and_sends_postgresql_to_pg_dump(capsys, monkeypatch, tmp_path):
    url = f"sqlite:///{tmp_path / 'decisions.sqlite'}"
    assert run(capsys, monkeypatch, ["check-task", batch(tmp_path, 5), "--batch", "--log", url])[0] == 2
    there = tmp_path / "昨天的备份.sqlite"
    there.write_bytes(b"yesterday")
    code, out, err = run(capsys, monkeypatch, ["log", "backup", "--log", url, str(there)])
    assert code == 2 and out == "" and f"FILE: the backup file {there} exists already" in err and "Traceback" not in err
    assert there.read_bytes() == b"yesterday"
    pg = log_url("postgres", tmp_path)
    assert run(capsys, monkeypatch, ["check-task", batch(tmp_path, 5), "--batch", "--log", pg])[0] == 2
    code, out, err = run(capsys, monkeypatch, ["log", "backup", "--log", pg, str(tmp_path / "pg.sqlite")])
    assert code == 2 and "--log: back up a decision log on PostgreSQL with pg_dump" in err
    assert not (tmp_path / "pg.sqlite").exists()
