"""Helpers for the service's tests: a configuration with one token per role, and the documents."""

from __future__ import annotations

import os
import pathlib
import signal
import socket
import subprocess
import time

import httpx

from appdocs import COMMAND
from gridrules.service import tokens
from gridrules.service.config import ServiceConfig, save_config

ROLES = ("dispatch", "department:canlian", "department:minzheng", "secretariat", "town:tangxiang",
         "town:longgang", "auditor")
# the contract's example task and event (examples/task.yaml, examples/event.yaml)
TASK = {"id": "T-2026-0042", "title": "独居老人走访摸排", "department": "minzheng", "assignee": "full_time",
        "activities": ["visit", "report", "care"], "start": "2026-12-01", "end": "2026-12-31", "hours_per_month": 3}
EVENT = {"id": "EV-2026-000123", "type": "MD02", "reported_at": "2026-11-25T09:30:00+08:00",
         "grid": "tangxiang-heping-01", "people_involved": 2,
         "history": [{"level": "grid", "outcome": "unresolved", "at": "2026-11-25T15:00:00+08:00"}],
         "assigned_to": "community"}
# the task the CANLIAN application's item admits once approved (tests/cli/test_admission.py)
CANLIAN_TASK = {"id": "T-9", "title": "残疾人需求入户核查", "department": "canlian", "activities": ["visit", "report"],
                "start": "2027-03-10"}


def write_config(path: pathlib.Path, **settings) -> dict[str, str]:
    """A configuration holding a token for each of ROLES; returns role -> token."""
    config, secrets = ServiceConfig(**settings), {}
    for role in ROLES:
        config, _record, secret = tokens.issue(config, role)
        secrets[role] = secret
    save_config(path, config)
    return secrets


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _descends_from(pid: object, root: int) -> bool:
    """Is process ``pid`` ``root`` or one of its descendants (a worker of the server this test started)?"""
    if not isinstance(pid, int):
        return False
    while pid > 1:
        if pid == root:
            return True
        try:
            stat = pathlib.Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            return False
        pid = int(stat.rsplit(")", 1)[1].split()[1])  # the parent's pid (after the command's name)
    return False


def wait_until_up(base: str, process: subprocess.Popen, timeout: float = 90, workers: int = 1) -> None:
    """Until ``workers`` worker processes of *this* server answer /healthz 200, each on a new connection.
    An answer from another process on the port (another test run's server that took the port this one
    was told to use, while this one has not yet failed to bind it) is not this server being up; nor is
    the first of two workers answering while the second still starts."""
    deadline = time.monotonic() + timeout
    answered: set[int] = set()
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"gridrules serve exited: {process.stderr.read() if process.stderr else ''}")
        try:
            answer = httpx.get(f"{base}/healthz", timeout=2)
            if answer.status_code == 200 and _descends_from(worker := answer.json().get("worker"), process.pid):
                answered.add(worker)
                if len(answered) >= workers:
                    return
                continue  # the next new connection may reach another worker
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"gridrules serve did not answer in time ({len(answered)} of {workers} workers)")


def stop(process: subprocess.Popen) -> None:
    """Stop a ``gridrules serve`` as an operator does (Ctrl-C), or kill it if it will not go."""
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def serve(pack: pathlib.Path, config: pathlib.Path, *options: str, workers: int = 1, own_group: bool = False,
          access_log: bool = False, **env: str) -> tuple[subprocess.Popen, str]:
    """A real ``gridrules serve`` on 127.0.0.1, up and answering: the process and its base URL.
    ``options``: more of the command's options (``--log URL``); ``own_group``: in a process group of
    its own, for a test that kills the supervisor and its workers at once (``os.killpg``); ``env``:
    more environment (a crash point); ``access_log``: its line per request on stderr (off: a test that sends
    many requests and reads stderr only at the end would fill the pipe, and the server would wait on it).
    Stop it with ``stop``."""
    port = free_port()
    quiet = [] if access_log else ["--no-access-log"]
    process = subprocess.Popen([*COMMAND, "serve", "--pack", str(pack), "--config", str(config), *options, *quiet,
                                "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env={**os.environ, **env},
                               start_new_session=own_group)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, process, workers=workers)
    except BaseException:
        os.killpg(process.pid, signal.SIGKILL) if own_group else process.kill()
        process.wait(timeout=10)
        raise
    return process, base
