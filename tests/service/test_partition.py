"""A real ``gridrules serve`` whose open PostgreSQL connection meets a network partition: packets dropped,
nothing answered, not even a reset -- the kernel's own silence, not a relay that stops forwarding (the
kernel behind such a relay still acknowledges every packet).

The service runs in a network namespace of its own, joined to this one by a veth pair; its PostgreSQL
is a relay on this side of the pair.  The partition is two iptables rules inside that namespace (nothing
outside it is touched: other tests share the machine and its PostgreSQL), dropping every packet to and
from the relay; the HTTP port on the same pair is untouched.  Needs root, ``ip`` and ``iptables``; skips,
saying why, without them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
import uuid
from urllib.parse import urlsplit

import httpx
import pytest
from logstores import Forwarder, postgres_url, through

from appdocs import COMMAND
from gridrules.log import open_log
from servicekit import TASK, bearer, free_port, stop, wait_until_up, write_config


def _run(*command: str) -> None:
    subprocess.run(command, check=True, capture_output=True, text=True, timeout=30)


class Namespace:
    """A network namespace joined to this one by a veth pair: ``here`` (this side's address) and
    ``there`` (the namespace's); ``partition``/``heal`` drop, and stop dropping, the packets of one TCP
    port on ``here``, inside the namespace only.  Deleted on exit (its end of the pair with it)."""

    def __init__(self) -> None:
        tag = uuid.uuid4().hex[:6]
        self.name, self.outer, self.inner = f"gr-{tag}", f"gra{tag}", f"grb{tag}"
        octets = int(tag[:4], 16)
        net = f"10.{200 + octets % 50}.{(octets >> 6) % 256}"
        self.here, self.there = f"{net}.1", f"{net}.2"

    def __enter__(self) -> "Namespace":
        missing = [tool for tool in ("ip", "iptables") if shutil.which(tool) is None]
        if os.geteuid() != 0 or missing:
            pytest.skip(f"a network partition needs root and ip, iptables (missing: {missing or 'root'})")
        try:
            _run("ip", "netns", "add", self.name)
        except subprocess.CalledProcessError as exc:
            pytest.skip(f"no network namespace can be made here: {exc.stderr.strip()}")
        try:
            _run("ip", "link", "add", self.outer, "type", "veth", "peer", "name", self.inner)
            _run("ip", "link", "set", self.inner, "netns", self.name)
            _run("ip", "addr", "add", f"{self.here}/30", "dev", self.outer)
            _run("ip", "link", "set", self.outer, "up")
            _run("ip", "-n", self.name, "addr", "add", f"{self.there}/30", "dev", self.inner)
            _run("ip", "-n", self.name, "link", "set", self.inner, "up")
            _run("ip", "-n", self.name, "link", "set", "lo", "up")
            self._rules("-C", 0, check=False)  # iptables answers in the namespace at all
        except BaseException:
            self.__exit__()
            raise
        return self

    def _rules(self, action: str, port: int, check: bool = True) -> None:
        for rule in (["OUTPUT", "-p", "tcp", "-d", self.here, "--dport", str(port), "-j", "DROP"],
                     ["INPUT", "-p", "tcp", "-s", self.here, "--sport", str(port), "-j", "DROP"]):
            done = subprocess.run(["ip", "netns", "exec", self.name, "iptables", action, *rule],
                                  capture_output=True, text=True, timeout=30)
            if check and done.returncode:
                raise AssertionError(f"iptables {action} {rule}: {done.stderr}")

    def partition(self, port: int) -> None:
        self._rules("-A", port)

    def heal(self, port: int) -> None:
        self._rules("-D", port)

    def __exit__(self, *exc: object) -> None:
        subprocess.run(["ip", "netns", "del", self.name], capture_output=True, timeout=30)
        subprocess.run(["ip", "link", "del", self.outer], capture_output=True, timeout=30)  # if still here


def test_a_decision_whose_open_postgresql_connection_meets_a_partition_gets_503_within_bounds(tmp_path,
                                                                                             pack_copy):
    """A decision logged (the connection open), then every packet between the service and PostgreSQL
    dropped: the next decision's BEGIN goes unacknowledged, the TCP user timeout ends the connection, the
    reconnect gives up at the connect timeout, and the decision gets 503 log_unavailable with Retry-After
    -- before, it waited for the kernel's retransmissions (15 minutes and more).  /healthz says so too.
    The partition healed, the next decision reconnects and is logged; the chain holds both."""
    from gridrules.log import postgres
    bound = postgres.TCP_USER_SECONDS + postgres.CONNECT_SECONDS + 8 if hasattr(postgres, "TCP_USER_SECONDS") \
        else 10 + 5 + 8  # (the old code has no such bound: it fails by waiting past it)
    url = postgres_url()
    target = urlsplit(url)
    config = tmp_path / "serve.json"
    secrets = write_config(config)
    headers = bearer(secrets["dispatch"])
    with Namespace() as ns:
        relay = Forwarder(target.hostname or "127.0.0.1", target.port or 5432, listen=ns.here)
        port = free_port()
        process = subprocess.Popen(["ip", "netns", "exec", ns.name, *COMMAND, "serve", "--pack", str(pack_copy),
                                    "--config", str(config), "--log", through(url, relay.port, ns.here),
                                    "--host", ns.there, "--port", str(port), "--workers", "1"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        base = f"http://{ns.there}:{port}"
        try:
            wait_until_up(base, process)
            with httpx.Client(base_url=base, timeout=bound + 10) as http:
                assert http.post("/v1/tasks/check", json={**TASK, "id": "N-1"}, headers=headers).status_code == 200
                ns.partition(relay.port)
                began = time.monotonic()
                try:
                    refused = http.post("/v1/tasks/check", json={**TASK, "id": "N-2"}, headers=headers,
                                        timeout=bound)
                except httpx.TimeoutException:
                    pytest.fail(f"a decision over a partitioned connection was not answered within {bound} s")
                took = time.monotonic() - began
                assert refused.status_code == 503 and refused.json()["error"] == "log_unavailable", refused.text
                assert int(refused.headers["Retry-After"]) > 0 and ns.here not in refused.text
                assert took < bound
                health = http.get("/healthz")
                assert health.status_code == 503 and health.json()["log"] == "unavailable"
                ns.heal(relay.port)
                again = http.post("/v1/tasks/check", json={**TASK, "id": "N-3"}, headers=headers)
                assert again.status_code == 200, again.text
        finally:
            stop(process)
            relay.stop()
    with open_log(url) as log:
        assert log.verify() == (2, None)
        assert [json.loads(r.input)["id"] for r in log.records()] == ["N-1", "N-3"]
