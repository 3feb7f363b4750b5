"""A decision recorded from a page is written off the server's event loop: while it waits for the
pack's lock and validates the new pack, the same worker answers everyone else."""

from __future__ import annotations

import re
import threading
import time

import httpx

from appdocs import DECIDED
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
