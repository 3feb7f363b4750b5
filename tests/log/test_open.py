"""Opening a decision log from its address: sqlite (relative or absolute), a plain path, refusals."""

from __future__ import annotations

import pytest

from gridrules.errors import InputError
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
