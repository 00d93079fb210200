"""Upload built graphs to a triple store with the SPARQL 1.1 Graph Store HTTP Protocol.

Spec: https://www.w3.org/TR/sparql11-http-rdf-update/. Each graph is sent with ``PUT``,
which replaces the graph on the server, so pushing the same files twice leaves the store as
one push did, and a re-pushed article replaces its old graph instead of adding to it. The body
is Turtle, which Oxigraph, Apache Jena Fuseki, GraphDB and Virtuoso all accept.
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from medkg.errors import StoreError
from medkg.ontology.namespaces import PREFIXES

_PREFIXES = {prefix: str(ns) for prefix, ns in PREFIXES.items()}


@dataclass(frozen=True, slots=True)
class Pushed:
    """One PUT: the target graph (None for the default graph), what was sent, and the server's answer."""

    graph: str | None
    triples: int
    bytes: int
    status: int


def target_url(endpoint: str, graph: str | None, param: str = "graph") -> str:
    """The Graph Store Protocol URL of a graph (indirect identification), or of the default graph.

    ``param`` is the query parameter naming the graph: ``graph`` in the spec, ``graph-uri`` on Virtuoso.

    >>> target_url("http://127.0.0.1:7878/store", "https://w3id.org/medkg/id/graph/a")
    'http://127.0.0.1:7878/store?graph=https%3A%2F%2Fw3id.org%2Fmedkg%2Fid%2Fgraph%2Fa'
    >>> target_url("http://h/ds/data?x=1", None)
    'http://h/ds/data?x=1&default'
    """
    query = "default" if graph is None else urllib.parse.urlencode({param: graph})
    return endpoint + ("&" if "?" in endpoint else "?") + query


class _Deadline:
    """The connections one client opens, cut when its clock runs out.

    A socket timeout bounds each wait for a byte, not a request: an endpoint that trickles a
    byte every few seconds would hold a PUT for ever. The deadline shuts the sockets down,
    which ends any read or write blocked on them.
    """

    def __init__(self) -> None:
        self.connections: list[http.client.HTTPConnection] = []
        self.expired = threading.Event()
        self._timer: threading.Timer | None = None

    def start(self, seconds: float) -> None:
        self.expired.clear()
        self._timer = threading.Timer(seconds, self._cut)
        self._timer.daemon = True
        self._timer.start()

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
        self.connections.clear()

    def _cut(self) -> None:
        self.expired.set()
        for connection in list(self.connections):
            if connection.sock is not None:
                with contextlib.suppress(OSError):
                    connection.sock.shutdown(socket.SHUT_RDWR)

    def handlers(self) -> list[urllib.request.BaseHandler]:
        """HTTP and HTTPS handlers whose connections this deadline can cut."""
        deadline = self

        def tracked(base: type[http.client.HTTPConnection]) -> Any:
            def connect(*args: Any, **kwargs: Any) -> http.client.HTTPConnection:
                connection = base(*args, **kwargs)
                deadline.connections.append(connection)
                return connection
            return connect

        class Http(urllib.request.HTTPHandler):
            def http_open(self, req: Any) -> Any:
                return self.do_open(tracked(http.client.HTTPConnection), req)

        class Https(urllib.request.HTTPSHandler):
            def https_open(self, req: Any) -> Any:
                return self.do_open(tracked(http.client.HTTPSConnection), req, context=self._context)

        return [Http(), Https()]


def opener(endpoint: str, user: str | None, password: str | None,
           deadline: _Deadline | None = None) -> urllib.request.OpenerDirector:
    """An HTTP client answering Basic or Digest challenges (Fuseki, GraphDB; Virtuoso's -auth endpoint)."""
    handlers: list[urllib.request.BaseHandler] = deadline.handlers() if deadline else []
    if user is not None:
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, endpoint, user, password or "")
        handlers += [urllib.request.HTTPBasicAuthHandler(passwords), urllib.request.HTTPDigestAuthHandler(passwords)]
    return urllib.request.build_opener(*handlers)


def push_graphs(graphs: Iterable[tuple[str | None, list[ox.Triple]]], endpoint: str, *, user: str | None = None,
                password: str | None = None, timeout: float = 60.0, param: str = "graph") -> list[Pushed]:
    """PUT each (graph IRI or None for the default graph, triples) to ``endpoint``; stop at the first failure.

    ``timeout`` bounds each whole PUT, from connecting to the end of the answer.
    """
    deadline = _Deadline()
    client = opener(endpoint, user, password, deadline)
    done = []
    for graph, triples in graphs:
        body = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=_PREFIXES)
        request = urllib.request.Request(target_url(endpoint, graph, param), data=body, method="PUT",
                                         headers={"Content-Type": "text/turtle; charset=utf-8"})
        where = f"<{graph}>" if graph else "the default graph"
        deadline.start(timeout)
        try:
            with client.open(request, timeout=timeout) as answer:
                status = answer.status
                answer.read()
        except urllib.error.HTTPError as err:
            detail = err.read(300).decode("utf-8", "replace").strip()
            raise StoreError(f"{endpoint}: PUT {where} failed with {err.code} {err.reason}: {detail} "
                             f"({len(done)} graph(s) were pushed before it)") from err
        except (OSError, http.client.HTTPException) as err:
            if deadline.expired.is_set():
                raise StoreError(f"{endpoint}: PUT {where} took over {timeout:g} s (--timeout bounds each whole PUT) "
                                 f"({len(done)} graph(s) were pushed before it)") from err
            raise StoreError(f"{endpoint}: cannot reach the Graph Store endpoint: {getattr(err, 'reason', err)}"
                             ) from err
        finally:
            deadline.stop()
        done.append(Pushed(graph, len(triples), len(body), status))
    return done
