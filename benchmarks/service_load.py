"""Load on a real `copydesk serve` process: fixed request rates, latency percentiles.

Starts the server on a free loopback port (the tests' launcher), then for each rate
sends POST /v1/check requests on an open-loop schedule (request i is due at i/rate
seconds, whether or not earlier answers have come back) over a pool of keep-alive
connections. Latency counts from when a request was due, so a server that falls
behind shows it. The bodies are real articles of about 800 words from
../shared/corpus/bench, sent as text.

Prints, for each rate: requests sent, answered 200, errors, achieved requests a
second, p50/p95/p99/max latency in ms, the share of a core the load generator
itself used, the p99 of the time the server took from reading a request to
answering it (from its log lines), the server's CPU ms per request, and how long
its threads waited runnable for a core, as a share of the time they ran (Linux
schedstat: near 0 on a quiet machine; what else runs there shows here). Then the
highest rate whose p99 stayed under the target with no errors. The load generator
shares the machine's cores with the server, and so does whatever else runs: the
load average is printed before and after. Every run is bounded: --seconds per
rate, at most --max-requests in all.

Usage: python benchmarks/service_load.py [--rates 100,200,300] [--seconds 5]
       [--workers 2] [--connections 32] [--target-ms 25]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from corpus import corpus_folder

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from service_server import ServiceServer  # noqa: E402  (a real server process, as in the tests)

WORDS = range(700, 901)


def articles(limit: int = 60) -> list[bytes]:
    """Request bodies: bench articles of about 800 words."""
    chosen = []
    for path in sorted(corpus_folder("bench").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        if len(text.split()) in WORDS:
            chosen.append(json.dumps({"content": text, "format": "text"}).encode())
        if len(chosen) == limit:
            break
    return chosen


def request_bytes(body: bytes) -> bytes:
    return (b"POST /v1/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            b"Content-Length: %d\r\n\r\n%s" % (len(body), body))


async def exchange(reader, writer, payload: bytes) -> int:
    writer.write(payload)
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = next(int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                  if line.lower().startswith(b"content-length:"))
    await reader.readexactly(length)
    return status


async def drive(port: int, payloads: list[bytes], rate: float, seconds: float,
                connections: int) -> tuple[list[float], Counter, float]:
    loop = asyncio.get_running_loop()
    pool: asyncio.Queue = asyncio.Queue()
    for _ in range(connections):
        pool.put_nowait(await asyncio.open_connection("127.0.0.1", port))
    latencies: list[float] = []
    outcomes: Counter = Counter()
    count = int(rate * seconds)
    start = loop.time() + 0.1

    async def one(index: int) -> None:
        due = start + index / rate
        await asyncio.sleep(max(0.0, due - loop.time()))
        reader, writer = await pool.get()
        try:
            status = await exchange(reader, writer, payloads[index % len(payloads)])
            outcomes[status] += 1
        except (OSError, asyncio.IncompleteReadError, ValueError, StopIteration):
            outcomes["connection error"] += 1
            writer.close()
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
        finally:
            pool.put_nowait((reader, writer))
        latencies.append(loop.time() - due)

    tasks = [asyncio.create_task(one(i)) for i in range(count)]
    done, pending = await asyncio.wait(tasks, timeout=seconds + 30)
    for task in pending:
        task.cancel()
    outcomes["unanswered"] += len(pending)
    elapsed = loop.time() - start
    while not pool.empty():
        pool.get_nowait()[1].close()
    return latencies, outcomes, elapsed


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000


def descendants(pid: int) -> list[int]:
    """The process and every process under it (the server and its workers)."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        found.append(todo.pop())
        todo += parents.get(found[-1], [])
    return found


def scheduled(pids: list[int]) -> tuple[float, float]:
    """Seconds the processes' threads have run, and have waited runnable for a core
    (Linux schedstat): the wait is what other programs on the machine cost them."""
    ran = waited = 0
    for pid in pids:
        for stat in Path(f"/proc/{pid}/task").glob("*/schedstat"):
            try:
                run, wait, _ = stat.read_text().split()
            except (OSError, ValueError):
                continue
            ran, waited = ran + int(run), waited + int(wait)
    return ran / 1e9, waited / 1e9


def server_seconds(log, start: int) -> tuple[list[float], int]:
    """The time the server itself took on each check, from its JSON log lines after
    byte `start`: what is left of a client's latency is waiting to be read."""
    with log.open("rb") as lines:
        lines.seek(start)
        taken = [json.loads(line)["ms"] / 1000 for line in lines
                 if line.startswith(b"{") and b'"/v1/check"' in line]
        return taken, lines.tell()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rates", default="100,200,300,400")
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--target-ms", type=float, default=25.0)
    parser.add_argument("--max-requests", type=int, default=20_000)
    args = parser.parse_args()
    rates = [float(r) for r in args.rates.split(",")]
    payloads = articles()
    words = statistics.mean(len(json.loads(p)["content"].split()) for p in payloads)
    print(f"{len(payloads)} articles, {words:.0f} words on average; {args.workers} worker(s), "
          f"{args.connections} connections, {args.seconds:g} s a rate; load average "
          f"{os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    budget = args.max_requests
    with tempfile.TemporaryDirectory() as folder:
        server = ServiceServer(Path(folder), serve={"max-pending": 1024},
                               workers=args.workers)
        try:
            asyncio.run(drive(server.port, [request_bytes(p) for p in payloads], 50, 1,
                              args.connections))  # warm every worker
            print(f"{'rate':>6} {'sent':>6} {'200':>6} {'errors':>6} {'req/s':>7} "
                  f"{'p50':>7} {'p95':>7} {'p99':>7} {'max':>7} (ms) {'client':>6} "
                  f"{'server p99':>10} {'cpu/req':>7} {'waited':>6}")
            holding = None
            _, logged = server_seconds(server.log, 0)
            processes = descendants(server.process.pid)
            for rate in rates:
                if rate * args.seconds > budget:
                    break
                budget -= int(rate * args.seconds)
                cpu = time.process_time()
                ran, waited = scheduled(processes)
                latencies, outcomes, elapsed = asyncio.run(drive(
                    server.port, [request_bytes(p) for p in payloads], rate, args.seconds,
                    args.connections))
                cpu = (time.process_time() - cpu) / elapsed
                taken, logged = server_seconds(server.log, logged)
                ran, waited = (now - then for now, then in zip(scheduled(processes),
                                                                (ran, waited), strict=True))
                errors = sum(n for status, n in outcomes.items() if status != 200)
                p99 = percentile(latencies, 0.99)
                print(f"{rate:>6.0f} {sum(outcomes.values()):>6} {outcomes[200]:>6} "
                      f"{errors:>6} {outcomes[200] / elapsed:>7.1f} "
                      f"{percentile(latencies, 0.5):>7.1f} {percentile(latencies, 0.95):>7.1f} "
                      f"{p99:>7.1f} {max(latencies) * 1000:>7.1f} {cpu:>6.0%} "
                      f"{percentile(taken, 0.99):>10.1f} {ran / len(latencies) * 1000:>7.2f} "
                      f"{waited / ran if ran else 0:>6.0%}"
                      + (f"  {dict(outcomes)}" if errors else ""))
                if p99 < args.target_ms and not errors:
                    holding = rate
        finally:
            server.stop()
    print(f"load average {os.getloadavg()[0]:.2f}; highest rate holding p99 < "
          f"{args.target_ms:g} ms with no errors: "
          f"{f'{holding:.0f} req/s' if holding else 'none of those tried'}")


if __name__ == "__main__":
    main()
