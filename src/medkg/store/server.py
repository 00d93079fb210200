"""A read-only SPARQL 1.1 Protocol endpoint and dereferenceable entity IRIs, over a :class:`MedkgStore`.

Spec: SPARQL 1.1 Protocol https://www.w3.org/TR/sparql11-protocol/ (query operation only:
GET ``?query=``, POST form ``query=`` and POST ``application/sparql-query``; no update
operation, no ``default-graph-uri``/``named-graph-uri``). Any other GET path is an entity:
``/condition/anemia`` is ``<base>condition/anemia``, answered as HTML for browsers and as
RDF by content negotiation (the formats registered in :mod:`medkg.plugins`).

Built on the standard library's ``ThreadingHTTPServer``: a local, read-only endpoint needs no
framework, adds no dependency, and the heavy work runs in pyoxigraph, which releases the GIL
while it evaluates a query, so threads serve requests in parallel.
"""

from __future__ import annotations

import html
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from medkg.errors import StoreError
from medkg.ontology.namespaces import PREFIXES
from medkg.plugins import EXPORTERS
from medkg.store.guard import QueryRefused, QuerySyntaxError
from medkg.store.results import GRAPH_FORMATS, RESULT_MEDIA_TYPES, QueryResult, write_result, write_triples
from medkg.store.store import MedkgStore, QueryTimeout

MAX_BODY = 1 << 20
#: media type a client may ask for -> result format name, for SELECT and ASK (first is the default)
RESULT_TYPES = {RESULT_MEDIA_TYPES["json"]: "json", "application/json": "json",
                RESULT_MEDIA_TYPES["xml"]: "xml", "application/xml": "xml", "text/xml": "xml",
                RESULT_MEDIA_TYPES["csv"]: "csv", RESULT_MEDIA_TYPES["tsv"]: "tsv"}
NAME_PROPERTIES = ("http://schema.org/name", "http://www.w3.org/2004/02/skos/core#prefLabel")


def graph_types() -> dict[str, str]:
    """Media type -> exporter name for graph results, read from the exporter registry (Turtle first)."""
    types = {EXPORTERS.get(name).media_type: name for name in GRAPH_FORMATS}
    types.setdefault("application/turtle", "ttl")
    return types


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

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        params = parse_qs(url.query)
        if url.path == "/sparql":
            self._sparql(params)
        elif url.path == "/":
            self._send(HTTPStatus.OK, "text/html; charset=utf-8", index_page(self.server).encode())
        else:
            self._entity(url.path, params)

    do_HEAD = do_GET

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        if url.path != "/sparql":
            return self._error(HTTPStatus.NOT_FOUND, f"POST {url.path}: queries go to /sparql")
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            return self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"the request body exceeds {MAX_BODY} bytes")
        body = self.rfile.read(length).decode("utf-8", "replace")
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if kind == "application/sparql-query":
            return self._sparql({"query": [body]})
        if kind == "application/x-www-form-urlencoded":
            return self._sparql({**parse_qs(urlsplit(self.path).query), **parse_qs(body)})
        if kind == "application/sparql-update":
            return self._error(HTTPStatus.FORBIDDEN, "SPARQL Update is refused: this endpoint is read-only")
        return self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                           "POST a query as application/sparql-query or application/x-www-form-urlencoded")

    def _sparql(self, params: dict[str, list[str]]) -> None:
        if "update" in params:
            return self._error(HTTPStatus.FORBIDDEN, "SPARQL Update is refused: this endpoint is read-only")
        queries = params.get("query", [])
        if len(queries) != 1:
            return self._error(HTTPStatus.BAD_REQUEST, "give exactly one query= parameter")
        try:
            result = self.server.store.query(queries[0])
        except (QueryRefused, QuerySyntaxError) as err:
            return self._error(HTTPStatus.BAD_REQUEST, str(err))
        except QueryTimeout as err:
            return self._error(HTTPStatus.SERVICE_UNAVAILABLE, str(err))
        except StoreError as err:
            return self._error(HTTPStatus.BAD_REQUEST, str(err))
        self._result(result)

    def _result(self, result: QueryResult) -> None:
        types = graph_types() if result.form in ("CONSTRUCT", "DESCRIBE") else RESULT_TYPES
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
        triples = list(dict.fromkeys(q.triple for q in quads))
        self._send(HTTPStatus.OK, media, write_triples(triples, types[media]))

    def _error(self, status: HTTPStatus, message: str) -> None:
        self._send(status, "text/plain; charset=utf-8", f"{status.value} {status.phrase}: {message}\n".encode())

    def _send(self, status: HTTPStatus, media: str, body: bytes, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        headers = {"Content-Type": media, "Content-Length": str(len(body)), "Vary": "Accept",
                   "Access-Control-Allow-Origin": "*", "X-Content-Type-Options": "nosniff", **(extra or {})}
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.log:
            super().log_message(format, *args)


class EndpointServer(ThreadingHTTPServer):
    """The HTTP server, holding the store and the base of the entity IRIs it serves."""

    daemon_threads = True
    request_queue_size = 64

    def __init__(self, address: tuple[str, int], store: MedkgStore, base: str, *, log: bool = True) -> None:
        super().__init__(address, Handler)
        self.store, self.base, self.log = store, base, log

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


def _link(server: EndpointServer, iri: str) -> str:
    """A link to an IRI: local for entities this server holds, out for other http(s) IRIs, none else."""
    text = html.escape(_short(iri))
    if iri.startswith(server.base):
        return f'<a href="/{html.escape(iri[len(server.base):], quote=True)}">{text}</a>'
    if iri.startswith(("http://", "https://")):
        return f'<a href="{html.escape(iri, quote=True)}" rel="nofollow">{text}</a>'
    return text


def _term(server: EndpointServer, term: Any) -> str:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return _link(server, term.value)
    if isinstance(term, ox.Literal):
        lang = f' <small lang="{html.escape(term.language, quote=True)}">@{html.escape(term.language)}</small>' \
            if term.language else ""
        return html.escape(term.value) + lang
    return html.escape(str(term))


def entity_page(server: EndpointServer, iri: str, quads: list[Any], mentions: list[Any]) -> str:
    """An entity's statements and back-links as HTML; every value from the graph is escaped."""
    label = next((q.object.value for p in NAME_PROPERTIES for q in quads if q.predicate.value == p), iri)
    rows = "".join(f"<tr><td>{_link(server, q.predicate.value)}</td><td>{_term(server, q.object)}</td>"
                   f"<td>{_term(server, q.graph_name)}</td></tr>" for q in quads)
    back = "".join(f"<tr><td>{_term(server, q.subject)}</td><td>{_link(server, q.predicate.value)}</td>"
                   f"<td>{_term(server, q.graph_name)}</td></tr>" for q in mentions)
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
    graphs = "".join(f"<li>{_link(server, g)}</li>" for g in server.store.graphs())
    return _html("medkg SPARQL endpoint",
                 f"<h1>medkg SPARQL endpoint</h1><p>SPARQL 1.1 queries (read-only): "
                 f"<code>{html.escape(server.url)}sparql</code></p>"
                 f"<h2>Article graphs</h2><ul>{graphs}</ul>")
