"""The analyses the dashboard holds for their workbook (pages/held.py): whose they are, for how long,
and how many and how much at most -- on a real folder (a fresh one per test, named by its own
configuration path)."""

from __future__ import annotations

import os
import time

import pytest

from gridrules.pages import held as holding


@pytest.fixture
def where(tmp_path):
    found = holding.folder(tmp_path / "serve.json")
    assert found is not None and found.is_dir() and os.stat(found).st_mode & 0o777 == 0o700
    yield found
    for path in found.iterdir():
        path.unlink()
    found.rmdir()


def _uploads(records: bytes = b'{"event": {}}\n') -> dict[str, tuple[bytes, str]]:
    return {"records": (records, "十一月.jsonl"), "decisions": (b"", "")}


def test_an_analysis_held_is_read_back_by_its_login_only(where):
    key = holding.hold(where, "csrf-a", _uploads(), "2026-11", "2026-12-20T10:00:00+08:00", "sha256:x")
    assert key is not None
    kept = holding.held(where, key, "csrf-a")
    assert kept is not None and kept.uploads == _uploads() and (kept.period, kept.at) == ("2026-11", "2026-12-20T10:00:00+08:00")
    assert kept.digest == "sha256:x"
    assert holding.held(where, key, "csrf-b") is None  # another login's key
    assert holding.held(where, "../" + key, "csrf-a") is None and holding.held(where, "x", "csrf-a") is None


def test_a_login_keeps_its_latest_analysis_only_and_none_past_its_time(where, monkeypatch):
    first = holding.hold(where, "csrf-a", _uploads(), "2026-11", "2026-12-20T10:00:00+08:00", "d")
    second = holding.hold(where, "csrf-a", _uploads(b'{"event": 2}\n'), "2026-10", "2026-12-20T10:00:00+08:00", "d")
    assert first and second and holding.held(where, first, "csrf-a") is None
    assert holding.held(where, second, "csrf-a") is not None
    monkeypatch.setattr(holding, "HELD_SECONDS", 0)
    time.sleep(0.01)
    assert holding.held(where, second, "csrf-a") is None


def test_at_most_so_many_analyses_and_bytes_are_held_the_oldest_dropped(where, monkeypatch):
    monkeypatch.setattr(holding, "HELD_MOST", 2)
    keys = [holding.hold(where, f"csrf-{n}", _uploads(), "2026-11", "2026-12-20T10:00:00+08:00", "d") for n in range(3)]
    assert [holding.held(where, key, f"csrf-{n}") is not None for n, key in enumerate(keys)] == [False, True, True]
    assert len(list(where.glob("*.json"))) == 2
    monkeypatch.setattr(holding, "HELD_BYTES", 100)
    assert holding.hold(where, "csrf-big", _uploads(b"x" * 101), "2026-11", "2026-12-20T10:00:00+08:00", "d") is None
    big = holding.hold(where, "csrf-big", _uploads(b"x" * 90), "2026-11", "2026-12-20T10:00:00+08:00", "d")
    assert big is not None and [p.stem for p in where.glob("*.json")] == [big]  # 90 + 14 bytes is over 100 too


def test_a_folder_that_is_not_this_users_own_holds_nothing(tmp_path):
    found = holding.folder(tmp_path / "other.json")
    assert found is not None
    found.chmod(0o755)  # open to others: not used
    try:
        assert holding.folder(tmp_path / "other.json") is None
        assert holding.hold(None, "csrf", _uploads(), "2026-11", "2026-12-20T10:00:00+08:00", "d") is None
    finally:
        found.rmdir()
