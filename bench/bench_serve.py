"""`medkg serve` under a bounded load on loopback: throughput, latency, memory, and runaway queries.

Usage::

    python bench/bench_serve.py                        # a generated corpus of 1,000 conditions
    python bench/bench_serve.py --conditions 5000 --threads 16 --requests 100
    python bench/bench_serve.py --graphs out/          # graphs built by `medkg build ... --format trig`

Every load is bounded: a fixed number of POSTs from a fixed number of threads, stopped early
when a time budget runs out. Three loads run against one server (``--workers`` query
processes, ``--timeout`` seconds per query): a light SELECT, a shipped query with joins, and
the light SELECT again while other clients send runaway queries (a cross product no time
limit outlives) back to back; the light clients must still be answered. Printed: answered /
sent, requests per second, p50 and p99 latency, and the resident memory of the server and its
workers before and after (``/proc``; Linux).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIGHT_QUERY = "SELECT ?name WHERE { ?c a schema:MedicalCondition ; schema:name ?name } LIMIT 20"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@dataclass(frozen=True, slots=True)
class LoadStats:
    """A bounded load run: requests sent, answered 200, failed; wall time; latency percentiles in ms."""

    sent: int
    ok: int
    errors: int
    seconds: float
    p50: float
    p99: float

    @property
    def rps(self) -> float:
        return self.ok / self.seconds if self.seconds else 0.0


def load_test(url: str, query: str, *, threads: int = 8, per_thread: int = 50, budget: float = 60.0) -> LoadStats:
    """POST ``query`` ``per_thread`` times from each of ``threads`` threads; stop when ``budget`` seconds pass."""
    body = urllib.parse.urlencode({"query": query}).encode()
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.monotonic() + budget

    def worker() -> None:
        for _ in range(per_thread):
            if time.monotonic() > deadline:
                return
            request = urllib.request.Request(url, data=body, headers={"Accept": "application/sparql-results+json"})
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(request, timeout=30) as answer:
                    answer.read()
                took = time.perf_counter() - started
                with lock:
                    latencies.append(took)
            except OSError:
                with lock:
                    errors[0] += 1

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    started = time.perf_counter()
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    seconds = time.perf_counter() - started
    ms = sorted(x * 1000 for x in latencies) or [0.0]
    return LoadStats(len(latencies) + errors[0], len(latencies), errors[0], seconds,
                     statistics.median(ms), ms[min(len(ms) - 1, round(0.99 * (len(ms) - 1)))])


def rss_mb(pid: int) -> float:
    """Resident memory of process ``pid`` and all its descendants, in MB (0 where /proc is absent)."""
    proc = Path(f"/proc/{pid}")
    if not proc.is_dir():
        return 0.0
    total = 0.0
    for line in (proc / "status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            total += int(line.split()[1]) / 1024
    for task in (proc / "task").iterdir():
        for child in (task / "children").read_text().split():
            total += rss_mb(int(child))
    return total


def runaways(url: str, stop: threading.Event, clients: int) -> list[int]:
    """``clients`` threads sending the runaway query back to back until ``stop``; their HTTP statuses."""
    statuses: list[int] = []
    body = urllib.parse.urlencode({"query": RUNAWAY}).encode()

    def client() -> None:
        while not stop.is_set():
            try:
                with urllib.request.urlopen(urllib.request.Request(url, data=body), timeout=120) as answer:
                    statuses.append(answer.status)
            except urllib.error.HTTPError as err:
                statuses.append(err.code)
            except OSError:
                statuses.append(0)

    for _ in range(clients):
        threading.Thread(target=client, daemon=True).start()
    return statuses


def report(label: str, s: LoadStats, threads: int, per_thread: int) -> None:
    print(f"{label:34} {s.ok:5}/{s.sent:<5} ok  {s.rps:7.0f} req/s  p50 {s.p50:7.1f} ms  p99 {s.p99:7.1f} ms  "
          f"({threads} threads x {per_thread})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--graphs", type=Path, help="A folder or file of built graphs instead of a generated corpus.")
    parser.add_argument("--conditions", type=int, default=1000, help="Size of the generated corpus.")
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--requests", type=int, default=50, help="Requests per thread.")
    parser.add_argument("--budget", type=float, default=120.0, help="Seconds each load may take at most.")
    parser.add_argument("--workers", type=int, default=2, help="`medkg serve --workers`.")
    parser.add_argument("--timeout", type=float, default=10.0, help="`medkg serve --timeout`.")
    parser.add_argument("--runaway-clients", type=int, default=1, help="Clients sending runaway queries.")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "tests" / "store"))
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_sparql import corpus_file
    from servers import free_port, running

    from medkg.store import graph_files
    from medkg.store.queries import example_queries

    with tempfile.TemporaryDirectory() as tmp:
        files = graph_files([args.graphs]) if args.graphs else [corpus_file(args.conditions, Path(tmp))]
        store_dir = Path(tmp) / "kg.store"
        subprocess.run([sys.executable, "-m", "medkg.cli", "load", *map(str, files), "--store", str(store_dir),
                        "--quiet"], check=True, stderr=subprocess.DEVNULL)
        port = free_port()
        url = f"http://127.0.0.1:{port}/"
        command = [sys.executable, "-m", "medkg.cli", "serve", "--store", str(store_dir), "--port", str(port),
                   "--quiet", "--workers", str(args.workers), "--timeout", str(args.timeout), "--max-clients", "64"]
        with running(command, url) as server:
            before = rss_mb(server.pid)
            print(f"server + {args.workers} workers: RSS {before:.0f} MB at start "
                  f"({len(files)} file(s), {args.conditions if not args.graphs else '?'} conditions)")
            loads = [("light SELECT (LIMIT 20)", LIGHT_QUERY),
                     ("most-shared-symptoms (shipped)", example_queries()["most-shared-symptoms"])]
            for label, query in loads:
                report(label, load_test(url + "sparql", query, threads=args.threads, per_thread=args.requests,
                                        budget=args.budget), args.threads, args.requests)
            stop = threading.Event()
            statuses = runaways(url + "sparql", stop, args.runaway_clients)
            time.sleep(0.5)
            mixed = load_test(url + "sparql", LIGHT_QUERY, threads=args.threads, per_thread=args.requests,
                              budget=args.budget)
            stop.set()
            report(f"light, beside {args.runaway_clients} runaway clients", mixed, args.threads, args.requests)
            time.sleep(args.timeout + 3)  # the last runaways are killed and their workers replaced
            print(f"runaway queries: {len(statuses)}, {statuses.count(503)} stopped at the {args.timeout:g} s "
                  "limit with 503")
            after = rss_mb(server.pid)
            print(f"server + workers: RSS {after:.0f} MB after ({after - before:+.0f} MB)")


if __name__ == "__main__":
    main()
