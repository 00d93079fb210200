"""`medkg push` against a real Oxigraph server (the `oxigraph` CLI from PyPI) started on loopback."""

from __future__ import annotations

import json
import shutil
import sys
import urllib.parse
import urllib.request
from dataclasses import replace
from pathlib import Path

import pytest

from medkg.cli import main
from medkg.model import Relation

from .conftest import CELIAC, finding, write_graphs
from .servers import free_port, running

GRAPH = "https://w3id.org/medkg/id/graph/"


def oxigraph_binary() -> str:
    beside = Path(sys.executable).with_name("oxigraph")
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if found is None:
        pytest.skip("the `oxigraph` server is not installed (pip install oxigraph, a test dependency)")
    return found


@pytest.fixture
def oxigraph(tmp_path) -> str:
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    command = [oxigraph_binary(), "serve", "--location", str(tmp_path / "oxigraph"), "--bind", f"127.0.0.1:{port}"]
    with running(command, url + "query"):
        yield url


def count(server: str, where: str) -> int:
    query = urllib.parse.urlencode({"query": f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}"})
    request = urllib.request.Request(f"{server}query?{query}", headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=10) as answer:
        return int(json.load(answer)["results"]["bindings"][0]["n"]["value"])


def test_push_is_idempotent_and_replaces_articles(oxigraph, graph_dir, tmp_path, capsys):
    command = ["push", str(graph_dir), "--endpoint", oxigraph + "store", "--graph-per-article"]
    assert main(command) == 0
    report = capsys.readouterr().out.splitlines()
    assert len(report) == 3 and all(line.endswith(("\t201", "\t204")) for line in report)
    first = count(oxigraph, "GRAPH ?g { ?s ?p ?o }")
    assert main(command) == 0
    assert count(oxigraph, "GRAPH ?g { ?s ?p ?o }") == first

    changed = replace(CELIAC, findings=(finding(Relation.SYMPTOM, "bloating"),))
    write_graphs(graph_dir, [changed])
    assert main(command) == 0
    celiac = f"GRAPH <{GRAPH}celiac-disease> {{ ?s ?p ?o }}"
    assert count(oxigraph, celiac) < first // 3
    assert count(oxigraph, f"GRAPH <{GRAPH}celiac-disease> {{ ?c <http://schema.org/name> 'diarrhea' }}") == 0
    assert count(oxigraph, f"GRAPH <{GRAPH}celiac-disease> {{ ?c <http://schema.org/name> 'bloating' }}") == 1


def test_push_union_to_one_graph(oxigraph, graph_dir, capsys):
    target = "https://example.org/kg"
    assert main(["push", str(graph_dir), "--endpoint", oxigraph + "store", "--graph", target]) == 0
    assert main(["push", str(graph_dir), "--endpoint", oxigraph + "store", "--graph", target]) == 0
    (line,) = capsys.readouterr().out.splitlines()[-1:]
    assert line.startswith(target) and count(oxigraph, f"GRAPH <{target}> {{ ?s ?p ?o }}") == int(line.split()[1])


def test_unreachable_endpoint_is_a_clear_error(capsys, graph_dir):
    assert main(["push", str(graph_dir), "--endpoint", f"http://127.0.0.1:{free_port()}/store"]) == 2
    assert "cannot reach the Graph Store endpoint" in capsys.readouterr().err


def test_timeout_bounds_a_whole_put_to_a_trickling_endpoint(tmp_path, capsys):
    """An endpoint that answers one byte at a time, each well inside the socket timeout, is cut at --timeout."""
    import socket
    import threading
    import time

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(4)
    stop = threading.Event()

    def trickle() -> None:
        conn, _ = server.accept()
        with conn:
            conn.settimeout(5)
            conn.recv(65536)
            for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 10_000:
                if stop.is_set():
                    return
                try:
                    conn.sendall(bytes([byte]))
                except OSError:
                    return
                time.sleep(0.2)

    thread = threading.Thread(target=trickle, daemon=True)
    thread.start()
    write_graphs(tmp_path, [CELIAC])
    started = time.monotonic()
    code = main(["push", str(tmp_path), "--graph-per-article", "--timeout", "1.5",
                 "--endpoint", f"http://127.0.0.1:{server.getsockname()[1]}/store"])
    elapsed = time.monotonic() - started
    stop.set()
    server.close()
    err = capsys.readouterr().err
    assert code == 2 and "took over 1.5 s" in err, err
    assert elapsed < 5
