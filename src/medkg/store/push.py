"""Upload built graphs to a triple store with the SPARQL 1.1 Graph Store HTTP Protocol.

Spec: https://www.w3.org/TR/sparql11-http-rdf-update/. Each graph is sent with ``PUT``,
which replaces the graph on the server, so pushing the same files twice leaves the store as
one push did, and a re-pushed article replaces its old graph instead of adding to it. The body
is Turtle, which Oxigraph, Apache Jena Fuseki, GraphDB and Virtuoso all accept.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass

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


def opener(endpoint: str, user: str | None, password: str | None) -> urllib.request.OpenerDirector:
    """An HTTP client answering Basic or Digest challenges (Fuseki, GraphDB; Virtuoso's -auth endpoint)."""
    if user is None:
        return urllib.request.build_opener()
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    passwords.add_password(None, endpoint, user, password or "")
    return urllib.request.build_opener(urllib.request.HTTPBasicAuthHandler(passwords),
                                       urllib.request.HTTPDigestAuthHandler(passwords))


def push_graphs(graphs: Iterable[tuple[str | None, list[ox.Triple]]], endpoint: str, *, user: str | None = None,
                password: str | None = None, timeout: float = 60.0, param: str = "graph") -> list[Pushed]:
    """PUT each (graph IRI or None for the default graph, triples) to ``endpoint``; stop at the first failure."""
    client = opener(endpoint, user, password)
    done = []
    for graph, triples in graphs:
        body = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=_PREFIXES)
        request = urllib.request.Request(target_url(endpoint, graph, param), data=body, method="PUT",
                                         headers={"Content-Type": "text/turtle; charset=utf-8"})
        where = f"<{graph}>" if graph else "the default graph"
        try:
            with client.open(request, timeout=timeout) as answer:
                status = answer.status
        except urllib.error.HTTPError as err:
            detail = err.read(300).decode("utf-8", "replace").strip()
            raise StoreError(f"{endpoint}: PUT {where} failed with {err.code} {err.reason}: {detail} "
                             f"({len(done)} graph(s) were pushed before it)") from err
        except OSError as err:
            raise StoreError(f"{endpoint}: cannot reach the Graph Store endpoint: {getattr(err, 'reason', err)}"
                             ) from err
        done.append(Pushed(graph, len(triples), len(body), status))
    return done
