"""A decision recorded from a page is written off the server's event loop: while it waits for the
pack's lock and validates the new pack, the same worker answers everyone else; what stopped a write is
shown in the page's words, and what a page cannot show is raised for the pages' own answer."""

from __future__ import annotations

import re
import threading
import time

import httpx
import pytest

from appdocs import DECIDED
from gridrules.catalogue import t
from gridrules.errors import ChangeError, InputError, LogUnavailable, PackBusy, Problem, ReadOnlyPack, Refused
from gridrules.pages.writes import not_written
from gridrules.change.store import FAULT_ENV, PAUSE
from gridrules.engine.loading import load_pack
from servicekit import serve, stop, write_config


def test_the_worker_answers_others_while_a_page_writes_the_pack(tmp_path, pack_copy):
    config = tmp_path / "serve.json"
    secrets = write_config(config)
    # one worker, whose every write holds the pack's lock a second after reading the pack
    process, base = serve(pack_copy, config, **{FAULT_ENV: PAUSE})
    finished: dict[str, float] = {}
    try:
        with httpx.Client(base_url=base, timeout=60) as web:
            csrf = re.search(r'name="csrf" value="([^"]+)"', web.get("/ui/login").text).group(1)
            assert web.post("/ui/login", data={"csrf": csrf, "token": secrets["secretariat"]}).status_code in (200, 303)
            csrf = re.search(r'name="csrf" value="([^"]+)"', web.get("/ui/items/L13").text).group(1)

            def amend() -> None:
                answer = web.post("/ui/items/L13/amend", data={"csrf": csrf, "session": "2026-5", "date": DECIDED,
                                                              "hours_per_month": "5"})
                finished["amend"] = time.monotonic()
                finished["status"] = answer.status_code

            writing = threading.Thread(target=amend)
            writing.start()
            time.sleep(0.3)  # the write has begun: it reads the pack, then holds the lock for a second
            assert httpx.get(f"{base}/healthz", timeout=30).status_code == 200
            finished["healthz"] = time.monotonic()
            writing.join(60)
    finally:
        stop(process)
    assert finished["status"] == 303, finished  # written: to the item's page
    assert finished["healthz"] < finished["amend"], "the worker answered nothing while the page wrote the pack"
    [change] = load_pack(pack_copy).history.changes
    assert (change.action, change.target) == ("amend", "L13")


def test_what_stopped_a_write_is_shown_in_the_pages_words_or_raised_again():
    """The library's refusal in its own words; the form's problems beside its fields (renamed as the form
    names them); another refusal of the change named; any other error (the log unreachable) raised."""
    refused = not_written(Refused("already listed as L18"))
    assert (refused.message, refused.problems, refused.done) == ("already listed as L18", [], False)
    bad = not_written(InputError(Problem("not a date", field="on")), {"on": "date"})
    assert bad.message == t("page.write_bad_input") and bad.errs() == {"date": ["not a date"]}
    assert not_written(ChangeError("the pack is read-only")).message == \
        t("page.write_refused", problem="the pack is read-only")
    with pytest.raises(LogUnavailable):
        not_written(LogUnavailable("the log's database is unreachable"))


def test_what_stopped_a_write_is_answered_with_the_status_the_api_gives_it():
    """The form's bad input 422; a conflict with what is recorded (the library's refusal, a pack it may not
    change) 409; the pack busy 503 -- as the service answers the same errors."""
    assert not_written(InputError(Problem("not a date", field="date"))).status == 422
    assert not_written(Refused("decided already")).status == 409
    assert not_written(ReadOnlyPack("the bundled pack")).status == 409
    assert not_written(PackBusy("the pack is being written")).status == 503
