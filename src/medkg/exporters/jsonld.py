"""JSON-LD for research: compact, with medkg's context inline, each condition one nested object.

Spec: https://www.w3.org/TR/json-ld11/. The context ships in the package
(``context.jsonld``) and is written into every document, so no reader ever fetches one.

Each article is a named graph (``{"@id": graph, "@graph": [...]}``). Inside it the main
condition comes first, with its concepts, codes and findings (with their evidence) nested
under it; nodes that are reached only by back-links (the page, the graph's metadata)
follow at the top level and refer to the condition by ``@id``. Every node is written once.
"""

from __future__ import annotations

import json
from collections import defaultdict, deque
from functools import cache, lru_cache
from importlib.resources import files
from typing import Any

import pyoxigraph as ox

from medkg.exporters.rdf import RdfSource, sorted_quads
from medkg.graph.build import XSD_STRING, Obj, QuadGraph

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
ABOUT = "http://schema.org/about"
#: links that point back up the tree; following them would nest a parent in its child
NO_EMBED = {
    "https://w3id.org/medkg/ontology#condition",
    "https://w3id.org/medkg/ontology#subtypeOf",
    "http://www.w3.org/ns/prov#wasDerivedFrom",
    "http://www.w3.org/ns/prov#wasQuotedFrom",
    ABOUT,
}
#: after the conditions pages are about, nodes of these types head their own trees
ROOT_TYPES = ("http://schema.org/MedicalCondition", "http://schema.org/MedicalWebPage")


@cache
def context() -> dict[str, Any]:
    """medkg's JSON-LD context, as shipped."""
    return json.loads(files("medkg.exporters").joinpath("context.jsonld").read_text(encoding="utf-8"))


@cache
def _prefixes() -> list[tuple[str, str]]:
    ctx = context()["@context"]
    pairs = [(k, v) for k, v in ctx.items() if not k.startswith("@") and isinstance(v, str)]
    return sorted(pairs, key=lambda kv: -len(kv[1]))


@lru_cache(maxsize=4096)  # called for every type, predicate and datatype: few distinct ones
def compact_iri(iri: str, *, vocab: bool) -> str:
    """``name`` for schema.org terms (``vocab``), ``prefix:local`` where a prefix fits."""
    schema = context()["@context"]["@vocab"]
    if vocab and iri.startswith(schema) and ":" not in iri[len(schema):]:
        local = iri[len(schema):]
        if local and local not in context()["@context"]:
            return local
    for prefix, ns in _prefixes():
        local = iri[len(ns):]
        if iri.startswith(ns) and local and all(c.isalnum() or c in "_-." for c in local):
            return f"{prefix}:{local}"
    return iri


_VOCAB_NAMES: dict[str, str] = {}


def _vocab_name(iri: str) -> str:
    """``compact_iri(iri, vocab=True)``, kept in a plain dict: asked for every predicate and type of
    every node, of a few dozen IRIs."""
    name = _VOCAB_NAMES.get(iri)
    if name is None:
        name = _VOCAB_NAMES[iri] = compact_iri(iri, vocab=True)
    return name


def _value(term: Obj) -> Any:
    if isinstance(term, str):
        return {"@id": term}
    if term.language:
        return {"@value": term.value, "@language": term.language}
    if term.datatype == XSD_STRING:
        return term.value
    return {"@value": term.value, "@type": compact_iri(term.datatype, vocab=False)}


def _nested(g: QuadGraph) -> list[dict[str, Any]]:
    props = g.by_subject
    subjects = sorted(props)
    about = [o for s in subjects for o in props[s].get(ABOUT, ()) if isinstance(o, str)]
    roots = about + [s for t in ROOT_TYPES for s in subjects if t in g.values(s, RDF_TYPE)]
    parent = _embedding_tree(props, roots + subjects)
    children_of: dict[str | None, list[str]] = defaultdict(list)
    for node, owner in parent.items():
        children_of[owner].append(node)

    order = {s: i for i, s in enumerate(dict.fromkeys(roots + subjects))}
    return [_node(s, g, parent) for s in sorted(children_of[None], key=order.__getitem__)]


def _node(s: str, g: QuadGraph, parent: dict[str, str | None]) -> dict[str, Any]:
    """Subject ``s`` as a JSON-LD object, its children in the embedding tree nested in it.

    A module function, not a closure: a recursive closure is a reference cycle, which would keep
    every article's nodes alive until the garbage collector's next full pass.
    """
    out: dict[str, Any] = {"@id": s}
    types = g.values(s, RDF_TYPE)
    if types:
        names = sorted(map(_vocab_name, types))
        out["@type"] = names if len(names) > 1 else names[0]
    props = g.by_subject[s]
    for p in sorted(props, key=_vocab_name):
        if p == RDF_TYPE:
            continue
        values = []
        for o in props[p]:
            is_child = isinstance(o, str) and parent.get(o) == s and p not in NO_EMBED
            values.append(_node(o, g, parent) if is_child else _value(o))
        out[_vocab_name(p)] = values[0] if len(values) == 1 else values
    return out


def _embedding_tree(props: dict[str, dict[str, dict[Any, None]]], order: list[str]) -> dict[str, str | None]:
    """Each subject's parent: the node that first reaches it breadth-first from the roots."""
    parent: dict[str, str | None] = {}
    for root in dict.fromkeys(order):
        if root in parent:
            continue
        parent[root] = None
        queue = deque([root])
        while queue:
            s = queue.popleft()
            for p in sorted(props.get(s, {})):
                if p in NO_EMBED or p == RDF_TYPE:
                    continue
                for o in props[s][p]:
                    if isinstance(o, str) and o in props and o not in parent:
                        parent[o] = s
                        queue.append(o)
    return parent


def graph_text(g: QuadGraph, graph: str) -> str:
    """The named graph ``graph``, its sorted statements read by ``g``, as the JSON text of its
    ``{"@id": graph, "@graph": [...]}`` object, as :func:`to_jsonld` writes it inside a corpus
    (but not yet indented to its depth)."""
    import orjson

    # orjson writes what json.dumps(..., ensure_ascii=False, indent=1) writes, indented by 2: halve it
    return _halve_indent(orjson.dumps({"@id": graph, "@graph": _nested(g)}, option=orjson.OPT_INDENT_2))


def _halve_indent(text: bytes) -> str:
    """JSON text with every line's indentation halved (a line break in JSON text is never inside a
    string, where it is escaped: every line starts with its indentation)."""
    return b"\n".join([line[(len(line) - len(line.lstrip(b" "))) // 2:] for line in text.split(b"\n")]).decode()


def graph_document(text: str) -> bytes:
    """The JSON-LD document of one graph from its :func:`graph_text`: what :func:`to_jsonld` writes."""
    return (_context_head() + text[2:] + "\n").encode("utf-8")


@cache
def _context_head() -> str:
    """The start of a one-graph document, up to its ``@id``: ``{ "@context": {...},``."""
    text = json.dumps({**context(), "@id": ""}, ensure_ascii=False, indent=1)
    return text[: text.rindex('\n "@id"') + 1]


def to_jsonld(dataset: RdfSource) -> bytes:
    """The dataset as compact, nested JSON-LD with one named graph per article."""
    by_graph: dict[str, list[ox.Quad]] = defaultdict(list)
    for q in sorted_quads(dataset):
        by_graph[q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else ""].append(q)
    graphs = []
    for name, quads in by_graph.items():
        body = _nested(QuadGraph(quads))
        graphs.append({"@id": name, "@graph": body} if name else {"@graph": body})
    doc = {**context(), **graphs[0]} if len(graphs) == 1 else {**context(), "@graph": graphs}
    return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
