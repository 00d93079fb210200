"""`medkg serve` as an attacker meets it: a real server on loopback, raw HTTP, a trap listening for SERVICE calls.

Each refusal is proven on the wire: SERVICE however spelled (the trap socket must see no
connection), foreign Host names, cross-origin pages, bodies of bad or huge length, overlong
queries, too many connections, idle connections; and a runaway query is killed at its time
limit while a second client is answered.
"""

from __future__ import annotations

import json
import socket
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from .conftest import CELIAC, HYPOTHYROIDISM, write_graphs
from .servers import free_port, running

TIMEOUT = 2.0
#: a cross product no time limit outlives: COUNT must see every combination before it answers
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
QUICK = "ASK { ?c a schema:MedicalCondition }"


@pytest.fixture(scope="module")
def trap():
    """A loopback socket that SERVICE queries would call; the tests assert it is never called."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    sock.settimeout(0.5)
    yield sock
    sock.close()


def trapped(sock: socket.socket) -> bool:
    try:
        conn, _ = sock.accept()
    except TimeoutError:
        return False
    conn.close()
    return True


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    write_graphs(folder, [CELIAC, HYPOTHYROIDISM])
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    command = [sys.executable, "-m", "medkg.cli", "serve", str(folder), "--port", str(port), "--quiet",
               "--timeout", str(TIMEOUT), "--workers", "2", "--max-clients", "6", "--idle-timeout", "1",
               "--allow-host", "kg.example", "--cors", "https://app.example"]
    with running(command, url) as proc:
        yield url, port, proc


def ask(url: str, query: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    """POST ``query`` (form-encoded); the status, headers and body, whatever the status."""
    data = urllib.parse.urlencode({"query": query}).encode()
    request = urllib.request.Request(url + "sparql", data=data,
                                     headers={"Accept": "application/sparql-results+json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, dict(answer.headers), answer.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def raw(port: int, request: bytes, wait: float = 10.0) -> bytes:
    """Send bytes as they are, return what comes back until the server closes or ``wait`` passes."""
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as sock:
        sock.sendall(request)
        chunks = []
        try:
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        except TimeoutError:
            pass
        return b"".join(chunks)


def service_spellings(target: str) -> list[str]:
    """SERVICE written every way the two-parser trick and SPARQL's syntax allow."""
    iri = "".join(f"\\u{ord(c):04X}" for c in target)
    return [
        f"SELECT * {{ SERVICE <{target}> {{ ?s ?p ?o }} }}",
        f"select * {{ service silent <{target}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ SeRvIcE <{iri}> {{ ?s ?p ?o }} }}",
        f"PREFIX t: <{target[:-1]}> SELECT * {{ SERVICE t:x {{ ?s ?p ?o }} }}",
        f"SELECT * {{ {{ SELECT * {{ OPTIONAL {{ SERVICE <{target}> {{ ?s ?p ?o }} }} }} }} }}",
        f"SELECT * {{ BIND(<{target}> AS ?u) SERVICE ?u {{ ?s ?p ?o }} }}",
        # the parsers of the old guard (rdflib) and of pyoxigraph disagreed about where this string ends
        f'SELECT * {{ BIND("\\u005C" AS ?x) SERVICE <{target}> {{ ?a ?b ?c }} }} # " AS ?y) }}',
        f"SELECT * {{ BIND('\\u0027' AS ?x) SERVICE <{target}> {{ ?a ?b ?c }} }} # ' AS ?y) }}",
        f"SELECT * # comment \\u000a\n{{ SERVICE <{target}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ SERVICE\t<{target}>{{?s ?p ?o}} }}",
    ]


def test_service_is_refused_however_spelled_and_nothing_is_called(server, trap):
    url, _, _ = server
    target = f"http://127.0.0.1:{trap.getsockname()[1]}/sparql"
    for query in service_spellings(target):
        status, _, body = ask(url, query)
        assert status == 400, (query, body)
        assert b"SERVICE" in body
    assert not trapped(trap)


def test_service_is_refused_by_medkg_query_too(tmp_path, trap):
    from medkg.cli import main

    write_graphs(tmp_path, [CELIAC])
    target = f"http://127.0.0.1:{trap.getsockname()[1]}/sparql"
    for query in service_spellings(target):
        assert main(["query", str(tmp_path / "celiac-disease.trig"), query]) == 2, query
    assert not trapped(trap)


def test_foreign_host_names_are_refused(server):
    _, port, _ = server
    for host in ("evil.example", "evil.example:80", "localhost.evil.example", "", "a b"):
        answer = raw(port, f"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
        assert answer.startswith(b"HTTP/1.1 421"), (host, answer[:80])
    for host in (f"localhost:{port}", f"127.0.0.1:{port}", "kg.example", "KG.example:8080"):
        answer = raw(port, f"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
                     .encode())
        assert answer.startswith(b"HTTP/1.1 200"), (host, answer[:80])


def test_no_wildcard_cors_and_foreign_origins_refused(server):
    url, _, _ = server
    status, headers, _ = ask(url, QUICK)
    assert status == 200 and "Access-Control-Allow-Origin" not in headers
    status, headers, body = ask(url, QUICK, {"Origin": "https://evil.example"})
    assert status == 403 and "Access-Control-Allow-Origin" not in headers and b"--cors" in body
    status, headers, _ = ask(url, QUICK, {"Origin": "https://app.example"})
    assert status == 200 and headers["Access-Control-Allow-Origin"] == "https://app.example"


@pytest.mark.parametrize(("length", "status"), [
    ("-1", b"400"), ("-99999999", b"400"), ("1e9", b"400"), ("99999999999", b"413"), (None, b"411")])
def test_bad_body_lengths_are_refused_unread(server, length, status):
    _, port, _ = server
    header = f"Content-Length: {length}\r\n" if length is not None else ""
    answer = raw(port, ("POST /sparql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/sparql-query\r\n"
                        f"{header}\r\nASK {{}}").encode())
    assert answer.split(b" ")[1] == status, answer[:100]


def test_overlong_queries_are_refused_fast(server):
    url, _, _ = server
    values = " ".join(f'"{i:06d}"' for i in range(52_000))  # about 470 KB, a long IN list
    started = time.monotonic()
    status, _, body = ask(url, f"SELECT * WHERE {{ ?s ?p ?o FILTER(?o IN ({values})) }}")
    assert status == 400 and b"limit is 100,000" in body
    assert time.monotonic() - started < 5


def test_a_second_client_is_served_while_a_runaway_is_stopped(server):
    url, _, _ = server
    statuses: list[int] = []
    runaway = threading.Thread(target=lambda: statuses.append(ask(url, RUNAWAY)[0]))
    runaway.start()
    time.sleep(0.3)
    started = time.monotonic()
    status, _, body = ask(url, "SELECT ?n WHERE { ?c a schema:MedicalCondition ; schema:name ?n }")
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 2
    assert time.monotonic() - started < TIMEOUT  # answered while the runaway still runs
    runaway.join(30)
    assert statuses == [503]


def test_runaway_queries_are_killed_and_the_endpoint_recovers(server):
    url, _, proc = server
    statuses: list[int] = []
    runaways = [threading.Thread(target=lambda: statuses.append(ask(url, RUNAWAY)[0])) for _ in range(4)]
    started = time.monotonic()
    for thread in runaways:
        thread.start()
    for thread in runaways:
        thread.join(60)
    assert statuses == [503] * 4
    assert time.monotonic() - started < 4 * TIMEOUT + 20  # each stopped at its limit (plus a worker's restart)
    deadline = time.monotonic() + 20
    while (status := ask(url, QUICK)[0]) != 200 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert status == 200
    if Path(f"/proc/{proc.pid}/task").is_dir():  # the killed workers are gone, not left computing
        assert len(_children(proc.pid)) == 2


def _children(pid: int) -> set[int]:
    """The query workers of the server process ``pid`` (multiprocessing's spawned children)."""
    kids: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        kids |= {int(k) for k in _proc_text(task / "children").split()}
    return {k for k in kids if "spawn_main" in _proc_text(Path(f"/proc/{k}/cmdline"))}


def _proc_text(path: Path) -> str:
    """A /proc file's text, or "" when its thread or process ended while we looked (a connection's thread)."""
    try:
        return path.read_bytes().decode("utf-8", "replace")
    except (FileNotFoundError, ProcessLookupError):
        return ""


def test_connections_are_bounded_and_idle_ones_dropped(server):
    url, port, _ = server
    idle = [socket.create_connection(("127.0.0.1", port), timeout=10) for _ in range(6)]
    try:
        time.sleep(0.3)
        answer = raw(port, b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n", wait=5)
        assert answer.startswith(b"HTTP/1.1 503"), answer[:80]
        for sock in idle:  # each silent connection is closed after --idle-timeout
            assert sock.recv(100) == b""
    finally:
        for sock in idle:
            sock.close()
    assert ask(url, QUICK)[0] == 200


def test_a_trickled_request_is_cut_off(server):
    _, port, _ = server
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        started = time.monotonic()
        try:
            for byte in b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: " + b"a" * 100:
                sock.sendall(bytes([byte]))
                time.sleep(0.5)  # under the idle timeout each time, so only the whole-request limit stops it
        except OSError:
            pass
        assert time.monotonic() - started < 10
