"""A read-only SPARQL 1.1 Protocol endpoint and dereferenceable entity IRIs, over a :class:`MedkgStore`.

Spec: SPARQL 1.1 Protocol https://www.w3.org/TR/sparql11-protocol/ (query operation only:
GET ``?query=``, POST form ``query=`` and POST ``application/sparql-query``; no update
operation, no ``default-graph-uri``/``named-graph-uri``). Any other GET path is an entity:
``/condition/anemia`` is ``<base>condition/anemia``, answered as HTML for browsers and as
RDF by content negotiation (the formats registered in :mod:`medkg.plugins`).

Built on the standard library's ``ThreadingHTTPServer``: a local, read-only endpoint needs no
framework and adds no dependency. Queries run in a :class:`~medkg.store.engine.QueryPool` of
worker processes, so a runaway query is killed at its time limit while the others are answered.

Left running on a user's machine, an endpoint is reachable by every web page the user opens,
so it answers only requests whose ``Host`` is one of its allowed names (localhost names by
default: a DNS-rebinding page is refused), sends no CORS header unless told which origin may
read it (``--cors``), and bounds what a client can hold: request bodies, the query's length,
the time to send a request, idle connections and the number of connections at once.
"""

from __future__ import annotations

import contextlib
import html
import re
import socket
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from medkg.errors import StoreError
from medkg.exporters import export
from medkg.ontology.namespaces import PREFIXES
from medkg.plugins import EXPORTERS
from medkg.store.engine import QueryPool, QueryTimeout
from medkg.store.guard import QueryRefused, QuerySyntaxError
from medkg.store.results import GRAPH_FORMATS, RESULT_MEDIA_TYPES, QueryResult, write_result, write_triples
from medkg.store.store import MedkgStore, substitutions_for

#: the largest request body read (a form-encoded query is at most this long)
MAX_BODY = 1 << 20
#: the Host names answered unless more are allowed (``--allow-host``)
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
#: media type a client may ask for -> result format name, for SELECT and ASK (first is the default)
RESULT_TYPES = {RESULT_MEDIA_TYPES["json"]: "json", "application/json": "json",
                RESULT_MEDIA_TYPES["xml"]: "xml", "application/xml": "xml", "text/xml": "xml",
                RESULT_MEDIA_TYPES["csv"]: "csv", RESULT_MEDIA_TYPES["tsv"]: "tsv"}
NAME_PROPERTIES = ("http://schema.org/name", "http://www.w3.org/2004/02/skos/core#prefLabel")
_LENGTH = re.compile(r"[0-9]{1,12}")


def host_name(header: str | None) -> str | None:
    """The name in a ``Host`` header, without port or IPv6 brackets; None when malformed.

    >>> host_name("LocalHost:8787"), host_name("[::1]:80"), host_name("127.0.0.1"), host_name("a b")
    ('localhost', '::1', '127.0.0.1', None)
    """
    if not header:
        return None
    match = re.fullmatch(r"\[([0-9A-Fa-f:.]+)\](?::[0-9]{1,5})?|([A-Za-z0-9.\-_]+)(?::[0-9]{1,5})?", header.strip())
    if match is None:
        return None
    return (match.group(1) or match.group(2)).lower().rstrip(".")


#: other names clients use for the graph syntaxes medkg writes (SPARQLWrapper, Jena, rdflib, curl users)
GRAPH_ALIASES = {"application/turtle": "ttl", "application/x-turtle": "ttl", "text/n3": "ttl",
                 "text/rdf+n3": "ttl", "application/x-json+ld": "jsonld", "application/json": "jsonld",
                 "text/plain": "nt", "application/xml": "rdfxml", "text/xml": "rdfxml",
                 "application/x-trig": "trig", "text/x-nquads": "nq"}
#: query-string names that are not query parameters: the protocol's own, and the output-format hints
#: SPARQLWrapper and other clients add for servers that ignore Accept
PROTOCOL_PARAMS = frozenset({"query", "default-graph-uri", "named-graph-uri", "format", "output", "results",
                             "timeout"})


def graph_types(*, datasets: bool = True) -> dict[str, str]:
    """Media type -> exporter name for graphs, from the exporter registry (Turtle first), then aliases.

    A CONSTRUCT or DESCRIBE result is triples; TriG and N-Quads are offered where the
    answer keeps its article graphs (``datasets``), as entity descriptions do.
    """
    names = [n for n in GRAPH_FORMATS if datasets or n not in ("trig", "nq")]
    types = {EXPORTERS.get(name).media_type: name for name in names}
    types.update({media: name for media, name in GRAPH_ALIASES.items() if name in names})
    return types


def query_params(params: dict[str, list[str]]) -> dict[str, str]:
    """The query parameters (``?condition=...``) of a request, one value each.

    >>> query_params({"query": ["SELECT"], "condition": ["Flu"], "format": ["json"]})
    {'condition': 'Flu'}
    """
    out = {}
    for name, values in params.items():
        if name in PROTOCOL_PARAMS:
            continue
        if len(values) != 1:
            raise QueryRefused(f"parameter {name} is given {len(values)} times; give it once")
        out[name] = values[0]
    return out


def negotiate(accept: str | None, offered: list[str]) -> str | None:
    """The offered media type the Accept header ranks highest; the first offered when any will do.

    >>> negotiate("text/html,application/xml;q=0.9,*/*;q=0.8", ["text/turtle", "text/html"])
    'text/html'
    >>> negotiate("application/ld+json;q=0.5, text/turtle", ["application/ld+json", "text/turtle"])
    'text/turtle'
    >>> negotiate("image/png", ["text/turtle"]) is None
    True
    """
    ranges = []
    for part in (accept or "*/*").split(","):
        kind, *params = [p.strip() for p in part.split(";")]
        q = next((p[2:] for p in params if p.startswith("q=")), "1")
        try:
            ranges.append((kind.lower(), float(q)))
        except ValueError:
            continue
    best, best_q = None, 0.0
    for media in offered:
        major = media.split("/")[0] + "/*"
        matches = [(3 if r == media else 2 if r == major else 1, q) for r, q in ranges if r in (media, major, "*/*")]
        q = max(matches)[1] if matches else 0.0
        if q > best_q:
            best, best_q = media, q
    return best


class Handler(BaseHTTPRequestHandler):
    """One request: ``/sparql`` queries, ``/`` an index page, any other path an entity."""

    server: EndpointServer
    protocol_version = "HTTP/1.1"

    def setup(self) -> None:
        self.timeout = self.server.idle_timeout  # socket timeout: an idle or stalled connection is dropped
        super().setup()

    def handle_one_request(self) -> None:
        """Read and answer one request; a client that takes too long to send it is cut off."""
        self._cutoff = threading.Timer(self.server.request_timeout, self._cut)
        self._cutoff.daemon = True
        self._cutoff.start()
        try:
            super().handle_one_request()
        finally:
            self._cutoff.cancel()

    def _cut(self) -> None:
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)

    def _admitted(self) -> bool:
        """Refuse foreign Host names and origins; the send-time clock stops here, or once a POST body is in."""
        if self.command != "POST":
            self._cutoff.cancel()
        name = host_name(self.headers.get("Host"))
        if name is None or name not in self.server.allowed_hosts:
            self.close_connection = True
            self._error(HTTPStatus.MISDIRECTED_REQUEST,
                        f"this endpoint answers for {', '.join(sorted(self.server.allowed_hosts))} only "
                        "(`medkg serve --allow-host NAME` adds one)")
            return False
        origin = self.headers.get("Origin")
        if origin is not None and origin != self._own_origin() and not self._cors_allowed(origin):
            self._error(HTTPStatus.FORBIDDEN, f"requests from pages of {origin} are refused "
                                              "(`medkg serve --cors ORIGIN` allows one)")
            return False
        return True

    def _own_origin(self) -> str:
        return f"http://{self.headers.get('Host', '')}"

    def _cors_allowed(self, origin: str) -> bool:
        return "*" in self.server.cors or origin in self.server.cors

    def do_GET(self) -> None:
        if not self._admitted():
            return
        url = urlsplit(self.path)
        params = parse_qs(url.query)
        if url.path == "/sparql":
            self._sparql(params)
        elif url.path == "/":
            self._send(HTTPStatus.OK, "text/html; charset=utf-8", index_page(self.server).encode())
        else:
            self._entity(url.path, params)

    do_HEAD = do_GET

    def do_OPTIONS(self) -> None:
        """CORS preflight: allowed only for the origins given with ``--cors``."""
        if not self._admitted():
            return
        if self.headers.get("Origin") is None or not self._cors_allowed(self.headers["Origin"]):
            return self._error(HTTPStatus.FORBIDDEN, "no cross-origin requests are allowed here")
        self._send(HTTPStatus.NO_CONTENT, "text/plain", b"", {
            "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
            "Access-Control-Allow-Headers": "Content-Type, Accept",
            "Access-Control-Max-Age": "600"})

    def do_POST(self) -> None:
        if not self._admitted():
            return
        url = urlsplit(self.path)
        if url.path != "/sparql":
            self.close_connection = True
            return self._error(HTTPStatus.NOT_FOUND, f"POST {url.path}: queries go to /sparql")
        body = self._body()
        if body is None:
            return
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if kind == "application/sparql-query":
            return self._sparql({"query": [body]})
        if kind == "application/x-www-form-urlencoded":
            return self._sparql({**parse_qs(url.query), **parse_qs(body)})
        if kind == "application/sparql-update":
            return self._error(HTTPStatus.FORBIDDEN, "SPARQL Update is refused: this endpoint is read-only")
        return self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                           "POST a query as application/sparql-query or application/x-www-form-urlencoded")

    def _body(self) -> str | None:
        """The request body, read only when its Content-Length is a number no larger than MAX_BODY."""
        if self.headers.get("Transfer-Encoding") is not None:
            self.close_connection = True
            self._error(HTTPStatus.LENGTH_REQUIRED, "chunked bodies are not read; send a Content-Length")
            return None
        length = (self.headers.get("Content-Length") or "").strip()
        if not _LENGTH.fullmatch(length):
            self.close_connection = True
            status = HTTPStatus.LENGTH_REQUIRED if not length else HTTPStatus.BAD_REQUEST
            self._error(status, f"Content-Length must be a byte count from 0 to {MAX_BODY}, not {length[:20]!r}")
            return None
        if int(length) > MAX_BODY:
            self.close_connection = True
            self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"the request body exceeds {MAX_BODY} bytes")
            return None
        data = self.rfile.read(int(length))
        self._cutoff.cancel()
        if len(data) < int(length):
            self.close_connection = True
            return None
        return data.decode("utf-8", "replace")

    def _sparql(self, params: dict[str, list[str]]) -> None:
        if "update" in params:
            return self._error(HTTPStatus.FORBIDDEN, "SPARQL Update is refused: this endpoint is read-only")
        queries = params.get("query", [])
        if len(queries) != 1:
            return self._error(HTTPStatus.BAD_REQUEST, "give exactly one query= parameter")
        try:
            result = self.server.query(queries[0], query_params(params))
        except (QueryRefused, QuerySyntaxError) as err:
            return self._error(HTTPStatus.BAD_REQUEST, str(err))
        except QueryTimeout as err:
            return self._error(HTTPStatus.SERVICE_UNAVAILABLE, str(err), {"Retry-After": "5"})
        except StoreError as err:
            return self._error(HTTPStatus.INTERNAL_SERVER_ERROR, str(err))
        self._result(result)

    def _result(self, result: QueryResult) -> None:
        types = graph_types(datasets=False) if result.form in ("CONSTRUCT", "DESCRIBE") else RESULT_TYPES
        media = negotiate(self.headers.get("Accept"), list(types))
        if media is None:
            return self._error(HTTPStatus.NOT_ACCEPTABLE, f"a {result.form} result can be sent as: {', '.join(types)}")
        extra = {"Medkg-Results-Truncated": "true"} if result.truncated else {}
        charset = "" if media.endswith("json") else "; charset=utf-8"
        self._send(HTTPStatus.OK, media + charset, write_result(result, types[media]), extra)

    def _entity(self, path: str, params: dict[str, list[str]]) -> None:
        iri = self.server.base + path.lstrip("/")
        quads = self.server.store.describe(iri)
        if not quads:
            return self._error(HTTPStatus.NOT_FOUND, f"nothing is known about <{iri}>")
        types = graph_types()
        asked = params.get("format", [""])[0]
        if asked in types.values():
            media: str | None = next(m for m, n in types.items() if n == asked)
        else:
            media = negotiate(self.headers.get("Accept"), ["text/html", *types])
        if media is None:
            return self._error(HTTPStatus.NOT_ACCEPTABLE, f"<{iri}> can be sent as: text/html, {', '.join(types)}")
        if media == "text/html":
            page = entity_page(self.server, iri, quads, self.server.store.mentions(iri, 200))
            return self._send(HTTPStatus.OK, "text/html; charset=utf-8", page.encode())
        fmt = types[media]
        if fmt in ("trig", "nq"):  # the article graphs that say each thing
            return self._send(HTTPStatus.OK, media, export(quads, fmt))
        triples = list(dict.fromkeys(q.triple for q in quads))
        self._send(HTTPStatus.OK, media, write_triples(triples, fmt))

    def _error(self, status: HTTPStatus, message: str, extra: dict[str, str] | None = None) -> None:
        self._send(status, "text/plain; charset=utf-8", f"{status.value} {status.phrase}: {message}\n".encode(), extra)

    def _send(self, status: HTTPStatus, media: str, body: bytes, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        headers = {"Content-Type": media, "Content-Length": str(len(body)), "Vary": "Accept, Origin",
                   "X-Content-Type-Options": "nosniff", **(extra or {})}
        origin = self.headers.get("Origin") if self.headers is not None else None
        if origin is not None and self._cors_allowed(origin):
            headers["Access-Control-Allow-Origin"] = "*" if "*" in self.server.cors else origin
        if self.close_connection:
            headers["Connection"] = "close"
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.log:
            super().log_message(format, *args)


class EndpointServer(ThreadingHTTPServer):
    """The HTTP server: the store for entity pages, the worker pool for queries, and the client limits."""

    daemon_threads = True
    request_queue_size = 64

    def __init__(self, address: tuple[str, int], store: MedkgStore, pool: QueryPool, base: str, *,
                 allow_hosts: tuple[str, ...] = (), cors: tuple[str, ...] = (), max_clients: int = 32,
                 idle_timeout: float = 15.0, request_timeout: float = 30.0, log: bool = True) -> None:
        super().__init__(address, Handler)
        self.store, self.pool, self.base, self.log = store, pool, base, log
        self.allowed_hosts = LOCAL_HOSTS | {h.lower().strip("[]") for h in allow_hosts}
        self.cors = frozenset(cors)
        self.idle_timeout, self.request_timeout = idle_timeout, request_timeout
        self.max_clients = max_clients
        self._clients = threading.BoundedSemaphore(max_clients)

    def query(self, text: str, params: dict[str, str] | None = None) -> QueryResult:
        """Guard ``text`` against the store, bind the parameters it declares, then run it in a worker."""
        checked = self.store.check(text)
        return self.pool.run(checked, substitutions_for(text, params))

    def process_request(self, request: Any, client_address: Any) -> None:
        """Serve a connection in a thread of its own, or refuse it at once when max_clients are connected."""
        if not self._clients.acquire(blocking=False):
            with contextlib.suppress(OSError):
                request.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nConnection: close"
                                b"\r\nRetry-After: 5\r\nContent-Length: 39\r\n\r\n"
                                b"503: too many connections; retry later\n")
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        """socketserver's, but the connection's slot is free before its socket closes: a client that
        sees the close (an idle connection dropped) and connects again is served, not refused."""
        try:
            self.finish_request(request, client_address)
        except Exception:
            self.handle_error(request, client_address)
        finally:
            self._clients.release()
            self.shutdown_request(request)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/"


# ---- HTML ---------------------------------------------------------------------------
_STYLE = ("body{font:16px/1.5 system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em}"
          "table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.3em;"
          "text-align:left;vertical-align:top}code{word-break:break-all}")


def _html(title: str, body: str) -> str:
    return (f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f"<style>{_STYLE}</style></head><body>\n{body}\n</body></html>\n")


def _short(iri: str) -> str:
    for prefix, ns in PREFIXES.items():
        if iri.startswith(str(ns)) and len(iri) > len(str(ns)):
            return f"{prefix}:{iri[len(str(ns)):]}"
    return iri


def _labels(server: EndpointServer, iris: set[str]) -> dict[str, str]:
    """The name (schema:name, else skos:prefLabel) of each IRI the store names, read from the merge graph."""
    import pyoxigraph as ox

    found: dict[str, str] = {}
    for iri in iris:
        for prop in NAME_PROPERTIES:
            names = sorted(q.object.value for q in server.store.store.quads_for_pattern(
                ox.NamedNode(iri), ox.NamedNode(prop), None, None) if isinstance(q.object, ox.Literal))
            if names:
                found[iri] = names[0]
                break
    return found


def _link(server: EndpointServer, iri: str, labels: dict[str, str] | None = None) -> str:
    """A link to an IRI, showing its name where it has one (the IRI in the tooltip): local for
    entities this server holds, out for other http(s) IRIs, none else."""
    label = (labels or {}).get(iri)
    text = html.escape(label) if label else html.escape(_short(iri))
    tip = f' title="{html.escape(iri, quote=True)}"' if label else ""
    if iri.startswith(server.base):
        return f'<a href="/{html.escape(iri[len(server.base):], quote=True)}"{tip}>{text}</a>'
    if iri.startswith(("http://", "https://")):
        return f'<a href="{html.escape(iri, quote=True)}" rel="nofollow"{tip}>{text}</a>'
    return text


def _term(server: EndpointServer, term: Any, labels: dict[str, str]) -> str:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return _link(server, term.value, labels)
    if isinstance(term, ox.Literal):
        lang = f' <small lang="{html.escape(term.language, quote=True)}">@{html.escape(term.language)}</small>' \
            if term.language else ""
        return html.escape(term.value) + lang
    return html.escape(str(term))


def entity_page(server: EndpointServer, iri: str, quads: list[Any], mentions: list[Any]) -> str:
    """An entity's statements and back-links as HTML, things shown by name; every value is escaped."""
    import pyoxigraph as ox

    label = next((q.object.value for p in NAME_PROPERTIES for q in quads if q.predicate.value == p), iri)
    iris = {t.value for q in [*quads, *mentions] for t in (q.subject, q.object, q.graph_name)
            if isinstance(t, ox.NamedNode)}
    labels = _labels(server, iris)
    rows = "".join(f"<tr><td>{_link(server, q.predicate.value)}</td><td>{_term(server, q.object, labels)}</td>"
                   f"<td>{_term(server, q.graph_name, labels)}</td></tr>" for q in quads)
    back = "".join(f"<tr><td>{_term(server, q.subject, labels)}</td><td>{_link(server, q.predicate.value)}</td>"
                   f"<td>{_term(server, q.graph_name, labels)}</td></tr>" for q in mentions)
    path = html.escape(iri[len(server.base):], quote=True)
    formats = " · ".join(f'<a href="/{path}?format={name}">{name}</a>' for name in GRAPH_FORMATS)
    body = (f"<h1>{html.escape(label)}</h1><p><code>{html.escape(iri)}</code></p>"
            f"<table><tr><th>property</th><th>value</th><th>graph</th></tr>{rows}</table>"
            + (f"<h2>Referred to by</h2><table><tr><th>subject</th><th>property</th><th>graph</th></tr>"
               f"{back}</table>" if back else "")
            + f"<p>As RDF: {formats}. Query everything at <a href=\"/sparql\">/sparql</a>.</p>")
    return _html(label, body)


def index_page(server: EndpointServer) -> str:
    """What this server holds and where to query it."""
    from medkg.graph.corpus import is_terminology_graph

    names = server.store.graphs()
    graphs = "".join(f"<li>{_link(server, g)}</li>" for g in names if not is_terminology_graph(g))
    terms = "".join(f"<li><code>{html.escape(g)}</code>: what the articles' concepts are (ids, labels, codes)</li>"
                    for g in names if is_terminology_graph(g))
    return _html("medkg SPARQL endpoint",
                 f"<h1>medkg SPARQL endpoint</h1><p>SPARQL 1.1 queries (read-only): "
                 f"<code>{html.escape(server.url)}sparql</code></p><h2>Article graphs</h2><ul>{graphs}</ul>"
                 + (f"<h2>Terminology</h2><ul>{terms}</ul>" if terms else ""))
