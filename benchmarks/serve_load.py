"""Load on a real ``gridrules serve`` over loopback: latency, throughput, and CPU per decision
against the library's, with one and with two worker processes.

    python benchmarks/serve_load.py                       # --requests 1500 --batch 1000 --batches 6
    python benchmarks/serve_load.py --format json

For each worker count (1, 2) it starts ``gridrules serve`` on 127.0.0.1 (a free
port, a throw-away configuration with one dispatch token, the bundled pack) and
measures, on DISTINCT random tasks (``gridrules.bench.random_inputs``), each with its own
``at``:

- single decisions (POST /v1/tasks/check) at 1, 8 and 32 concurrent clients,
  each client on its own keep-alive connection: p50 / p99 latency and requests/s;
- NDJSON batches (POST /v1/tasks/check-batch): decisions/s, and the server's CPU
  seconds per decision (user+system of every server process, from /proc) next to
  the library's (``Checker.check_tasks`` on the same batches, in this process).

The load generator runs on the same 2-core machine as the server and competes
with it for the CPU: the figures are what one box does, not the server alone.
Bounded: a fixed count of requests, and every run stops at ``--max-seconds``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import httpx

from gridrules.bench.random_inputs import random_tasks

from gridrules.decide.checker import Checker  # noqa: E402
from gridrules.engine.loading import load_pack  # noqa: E402
from gridrules.service import tokens  # noqa: E402
from gridrules.service.config import ServiceConfig, save_config  # noqa: E402

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tree_cpu(pid: int) -> float:
    """CPU seconds (user + system) of ``pid`` and its children (uvicorn's workers), from /proc."""
    total, pids = 0.0, [pid]
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                pids.append(int(entry))
    for p in pids:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    return total


class Server:
    """``gridrules serve`` in its own process group, stopped on exit."""

    def __init__(self, workers: int, folder: Path):
        config, _record, self.token = tokens.issue(ServiceConfig(limits={"max_batch_lines": 100_000,
                                                                         "max_body_bytes": 64 << 20}), "dispatch")
        save_config(folder / f"serve-{workers}.json", config)
        self.base = f"http://127.0.0.1:{free_port()}"
        port = self.base.rsplit(":", 1)[1]
        self.process = subprocess.Popen(
            [sys.executable, "-P", "-m", "gridrules.cli.main", "serve", "--config", str(folder / f"serve-{workers}.json"),
             "--port", port, "--workers", str(workers)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.base}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        else:
            self.stop()
            raise SystemExit("gridrules serve did not start")
        time.sleep(1.0 if workers > 1 else 0.2)  # let every worker finish loading
        self.headers = {"Authorization": f"Bearer {self.token}"}

    def cpu(self) -> float:
        return tree_cpu(self.process.pid)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


class Connection:
    """A minimal keep-alive HTTP/1.1 client on one loopback connection: the load generator shares
    the server's two cores, so it spends as little CPU per request as it can (httpx's async client
    spent several times the server's own CPU per request)."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, host: str, token: str):
        self.reader, self.writer = reader, writer
        self.head = (f"Host: {host}\r\nAuthorization: Bearer {token}\r\n"
                     "Content-Type: application/json\r\n").encode()

    @classmethod
    async def open(cls, server: "Server") -> "Connection":
        host, port = server.base.removeprefix("http://").split(":")
        reader, writer = await asyncio.open_connection(host, int(port))
        writer.transport.get_extra_info("socket").setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return cls(reader, writer, f"{host}:{port}", server.token)

    async def post(self, target: str, body: bytes) -> tuple[int, bytes]:
        self.writer.write(b"POST " + target.encode() + b" HTTP/1.1\r\n" + self.head
                          + b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head[9:12])
        length = 0
        for line in head.split(b"\r\n"):
            if line[:15].lower() == b"content-length:":
                length = int(line[15:])
        return status, await self.reader.readexactly(length)

    def close(self) -> None:
        self.writer.close()


async def singles(server: Server, tasks, clients: int, max_seconds: float) -> dict:
    """``len(tasks)`` single decisions by ``clients`` concurrent clients, one connection each."""
    queue = [(f"/v1/tasks/check?at={quote(at.isoformat())}", json.dumps(task, ensure_ascii=False).encode())
             for task, at in reversed(tasks)]
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    deadline = time.monotonic() + max_seconds

    async def client() -> None:
        connection = await Connection.open(server)
        try:
            while queue and time.monotonic() < deadline:
                target, body = queue.pop()
                start = time.perf_counter()
                status, _ = await connection.post(target, body)
                latencies.append(time.perf_counter() - start)
                statuses[status] = statuses.get(status, 0) + 1
        finally:
            connection.close()

    started, cpu0 = time.perf_counter(), server.cpu()
    await asyncio.gather(*(client() for _ in range(clients)))
    elapsed, cpu = time.perf_counter() - started, server.cpu() - cpu0
    return {"clients": clients, "requests": len(latencies), "statuses": statuses,
            "p50_ms": percentile(latencies, 50) * 1000, "p99_ms": percentile(latencies, 99) * 1000,
            "per_second": len(latencies) / elapsed, "server_cpu_ms_per_request": cpu / len(latencies) * 1000}


def batches(server: Server, chunks) -> dict:
    """NDJSON batches, one after another on one connection."""
    lines = errors = 0
    started, cpu0 = time.perf_counter(), server.cpu()
    with httpx.Client(base_url=server.base, headers=server.headers | {"content-type": "application/x-ndjson"},
                      timeout=120) as http:
        for body, at, _count in chunks:
            with http.stream("POST", "/v1/tasks/check-batch", content=body, params={"at": at}) as r:
                for line in r.iter_lines():
                    if line:
                        lines += 1
                        errors += line.startswith('{"line"')
    elapsed, cpu = time.perf_counter() - started, server.cpu() - cpu0
    return {"decisions": lines, "error_lines": errors, "per_second": lines / elapsed,
            "server_cpu_us_per_decision": cpu / lines * 1e6}


def library(checker: Checker, chunks_raw) -> dict:
    """The same batches through ``Checker.check_tasks`` in this process (CPU time)."""
    from datetime import datetime
    n, cpu0, started = 0, time.process_time(), time.perf_counter()
    for docs, at in chunks_raw:
        for result in checker.check_tasks(docs, at=datetime.fromisoformat(at)):
            result.model_dump_json() if hasattr(result, "model_dump_json") else None
            n += 1
    return {"decisions": n, "cpu_us_per_decision": (time.process_time() - cpu0) / n * 1e6,
            "per_second": n / (time.perf_counter() - started)}


def one_round(args, pools, bodies, raw, tmp: Path) -> dict:
    singles_pool = pools
    out: dict = {"library": library(Checker(load_pack()), raw[:args.batches]), "workers": {}}
    for workers in (1, 2):
        server = Server(workers, tmp)
        try:
            asyncio.run(singles(server, singles_pool[-50:], 4, 30))  # warm-up, untimed
            results: dict = {"single": []}
            for i, clients in enumerate((1, 8, 32)):
                pool = singles_pool[i * args.requests:(i + 1) * args.requests]
                results["single"].append(asyncio.run(singles(server, pool, clients, args.max_seconds)))
            half = args.batches if workers == 1 else 0
            results["batch"] = batches(server, bodies[half:half + args.batches])
            results["batch"]["cpu_ratio_to_library"] = (results["batch"]["server_cpu_us_per_decision"]
                                                        / out["library"]["cpu_us_per_decision"])
            out["workers"][workers] = results
        finally:
            server.stop()
    return out


def run(args) -> list[dict]:
    """``--rounds`` rounds; each starts fresh servers and a fresh Checker (no answer cached across rounds)."""
    pack = load_pack()
    total_single = args.requests * 3
    everything = random_tasks(pack, total_single + 50 + args.batch * args.batches * 2, seed=args.seed)
    pools, rest = everything[:total_single + 50], everything[total_single + 50:]
    chunk_docs = [rest[i * args.batch:(i + 1) * args.batch] for i in range(args.batches * 2)]
    raw = [([doc for doc, _ in chunk], chunk[0][1].isoformat()) for chunk in chunk_docs]
    bodies = [("\n".join(json.dumps(d, ensure_ascii=False) for d in docs).encode(), at, len(docs)) for docs, at in raw]
    with tempfile.TemporaryDirectory() as tmp:
        return [one_round(args, pools, bodies, raw, Path(tmp)) for _ in range(args.rounds)]


def _cell(rounds: list[dict], get, fmt: str) -> str:
    values = [get(r) for r in rounds]
    mid = statistics.median(values)
    return format(mid, fmt) if len(values) == 1 else f"{mid:{fmt}} ({min(values):{fmt}}–{max(values):{fmt}})"


def render(rounds: list[dict]) -> str:
    lines = [f"median of {len(rounds)} round(s) (min–max)", "",
             f"library Checker.check_tasks: {_cell(rounds, lambda r: r['library']['cpu_us_per_decision'], '.0f')} "
             f"µs CPU/decision, {_cell(rounds, lambda r: r['library']['per_second'], '.0f')} decisions/s", "",
             "| workers | clients | requests | p50 ms | p99 ms | requests/s | server CPU ms/request |",
             "|---:|---:|---:|---:|---:|---:|---:|"]
    for w in (1, 2):
        for i, clients in enumerate((1, 8, 32)):
            def cell(key, fmt, i=i, w=w):
                return _cell(rounds, lambda r: r["workers"][w]["single"][i][key], fmt)
            lines.append(f"| {w} | {clients} | {rounds[0]['workers'][w]['single'][i]['requests']} | {cell('p50_ms', '.1f')} | "
                         f"{cell('p99_ms', '.1f')} | {cell('per_second', '.0f')} | "
                         f"{cell('server_cpu_ms_per_request', '.2f')} |")
    lines += ["", "| workers | batch decisions | decisions/s | server CPU µs/decision | × library CPU |",
              "|---:|---:|---:|---:|---:|"]
    for w in (1, 2):
        def bcell(key, fmt, w=w):
            return _cell(rounds, lambda r: r["workers"][w]["batch"][key], fmt)
        lines.append(f"| {w} | {rounds[0]['workers'][w]['batch']['decisions']} | {bcell('per_second', '.0f')} | "
                     f"{bcell('server_cpu_us_per_decision', '.0f')} | {bcell('cpu_ratio_to_library', '.2f')} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description="Load on gridrules serve over loopback (bounded).")
    parser.add_argument("--requests", type=int, default=1500, help="single decisions per concurrency level")
    parser.add_argument("--batch", type=int, default=1000, help="tasks per NDJSON batch")
    parser.add_argument("--batches", type=int, default=6, help="batches per worker count")
    parser.add_argument("--max-seconds", type=float, default=60.0, help="cut any one run short after this")
    parser.add_argument("--rounds", type=int, default=3, help="rounds, each on fresh servers (medians reported)")
    parser.add_argument("--seed", type=int, default=21)
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args()
    out = run(args)
    print(json.dumps(out, indent=2) if args.format == "json" else render(out))


if __name__ == "__main__":
    main()
