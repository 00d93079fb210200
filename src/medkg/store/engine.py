"""Running checked queries on pyoxigraph: in a thread for one-off queries, in killable worker processes for a server.

pyoxigraph cannot interrupt a query it is evaluating, so a thread that times out keeps
working (and holding its share of the CPU) until the query ends on its own, which for a
three-way cross product is never in practice. A server therefore runs every query in a
worker process: a query past its time limit has its worker killed and a fresh one started
in the background, and the other workers go on answering. Workers open the store read-only
(RocksDB allows any number of read-only openers), so they never hold its lock.
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

import pyoxigraph as ox

from medkg.errors import StoreError
from medkg.ontology.namespaces import PREFIXES
from medkg.store.guard import CheckedQuery, QuerySyntaxError
from medkg.store.results import QueryResult

#: medkg's prefixes, predeclared for every query
ENGINE_PREFIXES = {prefix: str(ns) for prefix, ns in PREFIXES.items()}


class QueryTimeout(StoreError):
    """A query ran past its time limit, or no worker was free to run it in time."""


@dataclass(frozen=True, slots=True)
class QueryLimits:
    """Per-query guards: seconds before giving up, solutions (or triples) kept, queries run at once."""

    timeout: float = 30.0
    max_results: int = 10_000
    workers: int = 4

    def __post_init__(self) -> None:
        if not 0 < self.timeout <= 86_400:  # also refuses NaN
            raise StoreError(f"a time limit of {self.timeout!r} s makes no sense; give 0 < seconds <= 86400")
        if self.max_results < 1 or self.workers < 1:
            raise StoreError("the result cap and the number of workers must be at least 1")


def evaluate(store: ox.Store, checked: CheckedQuery, max_results: int, stop: threading.Event | None = None,
             substitutions: dict[ox.Variable, Any] | None = None) -> QueryResult:
    """Run ``checked`` (its canonical text) and keep at most ``max_results`` solutions or triples.

    ``substitutions`` bind variables to terms before the query runs (values, never query text).
    """
    started = time.perf_counter()
    try:
        answer = store.query(checked.text, prefixes=ENGINE_PREFIXES, substitutions=substitutions or None)
    except SyntaxError as err:
        raise QuerySyntaxError(f"not a SPARQL query: {err}") from None
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult("ASK", boolean=bool(answer), seconds=time.perf_counter() - started)
    kept: list[Any] = []
    for item in answer:
        if len(kept) == max_results or (stop is not None and stop.is_set()):
            break
        kept.append(item if checked.returns_graph else tuple(item))
    truncated = len(kept) == max_results and next(iter(answer), None) is not None
    seconds = time.perf_counter() - started
    if checked.returns_graph:
        return QueryResult(checked.form, triples=tuple(kept), truncated=truncated, seconds=seconds)
    names = tuple(v.value for v in answer.variables)
    return QueryResult("SELECT", names, tuple(kept), truncated=truncated, seconds=seconds)


def _serve(path: str, max_results: int, conn: Connection) -> None:
    """A worker's life: open the store read-only, then answer queries until the pipe closes."""
    store = ox.Store.read_only(path)
    conn.send(("ready", None))
    while True:
        try:
            checked, substitutions = conn.recv()
        except EOFError:
            return
        try:
            conn.send(("ok", evaluate(store, checked, max_results, substitutions=substitutions)))
        except StoreError as err:
            conn.send(("syntax" if isinstance(err, QuerySyntaxError) else "error", str(err)))
        except Exception as err:  # pyoxigraph's OSError and evaluation errors, sent back as text
            conn.send(("error", f"{type(err).__name__}: {err}"))


class _Worker:
    """One worker process and the parent's end of its pipe."""

    def __init__(self, context: Any, path: str, max_results: int) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(path, max_results, child), daemon=True)
        self.process.start()
        child.close()

    def wait_ready(self, seconds: float) -> None:
        if not self.conn.poll(seconds):
            self.kill()
            raise StoreError(f"a query worker did not start within {seconds:g} s")
        try:
            self.conn.recv()
        except EOFError:
            raise StoreError("a query worker could not open the store") from None

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


class QueryPool:
    """``limits.workers`` processes, each with the store at ``path`` open read-only, running one query at a time."""

    def __init__(self, path: str, limits: QueryLimits, *, start_wait: float = 60.0) -> None:
        self.path, self.limits, self.start_wait = path, limits, start_wait
        self._context = multiprocessing.get_context("spawn")  # fork would copy the server's threads and locks
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        workers = [self._start() for _ in range(limits.workers)]
        for worker in workers:
            worker.wait_ready(start_wait)
            self._idle.put(worker)

    def _start(self) -> _Worker:
        worker = _Worker(self._context, self.path, self.limits.max_results)
        with self._lock:
            self._all.add(worker)
        return worker

    def _replace(self, dead: _Worker) -> None:
        """Kill ``dead`` and start its successor; runs in the background so the caller answers at once."""
        dead.kill()
        with self._lock:
            self._all.discard(dead)
            if self._closed:
                return
        worker = self._start()
        try:
            worker.wait_ready(self.start_wait)
        except StoreError:
            with self._lock:
                self._all.discard(worker)
            return
        self._idle.put(worker)

    def run(self, checked: CheckedQuery, substitutions: dict[ox.Variable, Any] | None = None) -> QueryResult:
        """Run ``checked`` in a free worker; one past the time limit is killed and replaced."""
        deadline = time.monotonic() + self.limits.timeout
        try:
            worker = self._idle.get(timeout=self.limits.timeout)
        except queue.Empty:
            raise QueryTimeout(f"every query worker ({self.limits.workers}) stayed busy for "
                               f"{self.limits.timeout:g} s; try again later") from None
        try:
            worker.conn.send((checked, substitutions))
            if not worker.conn.poll(max(deadline - time.monotonic(), 0.05)):
                threading.Thread(target=self._replace, args=(worker,), daemon=True).start()
                raise QueryTimeout(f"the query ran past its time limit of {self.limits.timeout:g} s and was "
                                   "stopped; narrow it or raise the limit (--timeout)")
            status, payload = worker.conn.recv()
        except (EOFError, OSError):
            threading.Thread(target=self._replace, args=(worker,), daemon=True).start()
            raise StoreError("the query worker died (out of memory?); the query was stopped") from None
        self._idle.put(worker)
        if status == "syntax":
            raise QuerySyntaxError(payload)
        if status == "error":
            raise StoreError(f"{self.path}: the query failed: {payload}")
        return payload

    def close(self) -> None:
        with self._lock:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.kill()
