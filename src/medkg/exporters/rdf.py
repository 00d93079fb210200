"""RDF syntaxes: Turtle, N-Triples, TriG, N-Quads and RDF/XML, byte-identical for the same graph.

Specs: Turtle https://www.w3.org/TR/turtle/, N-Triples https://www.w3.org/TR/n-triples/,
TriG https://www.w3.org/TR/trig/, N-Quads https://www.w3.org/TR/n-quads/, RDF/XML
https://www.w3.org/TR/rdf-syntax-grammar/ (triples only: the union of the article graphs).

rdflib holds an article's graph; pyoxigraph writes it, because its writers are 10-50x
faster than rdflib's on a corpus (DESIGN.md) and write triples in the order given, so
sorting the statements once makes every output deterministic and grouped by subject.
These exporters (and JSON-LD) also take a corpus as a plain list of pyoxigraph quads,
which costs a fraction of the memory of an rdflib dataset.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import BNode, Dataset, Literal, URIRef

from medkg.ontology.namespaces import PREFIXES

#: medkg's prefixes as pyoxigraph's writers take them
OX_PREFIXES = {prefix: str(ns) for prefix, ns in PREFIXES.items()}

#: what RDF exporters accept: an rdflib dataset, or the quads of a corpus
RdfSource = Dataset | Iterable[ox.Quad]


def _ox(term: object) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)) if term.datatype else None)
    raise TypeError(f"not an RDF term: {term!r}")


def to_ox_quads(dataset: Dataset) -> list[ox.Quad]:
    """The dataset's statements as pyoxigraph quads, converted term by term (no re-parsing)."""
    default = dataset.default_graph.identifier
    return [ox.Quad(_ox(s), _ox(p), _ox(o), ox.DefaultGraph() if g is None or g == default else _ox(g))
            for s, p, o, g in dataset.quads((None, None, None, None))]


def sorted_nquads(data: RdfSource) -> bytes:
    """N-Quads of every statement, sorted by graph, subject, predicate, object (as N-Quads terms).

    pyoxigraph writes the lines and Python sorts them as strings: the line of a quad starts
    with its subject, predicate and object as they appear in the sort key, and the space that
    follows a term sorts before any character a term can end with, so sorting lines within a
    graph is sorting by (subject, predicate, object); graphs are grouped first.
    """
    quads = to_ox_quads(data) if isinstance(data, Dataset) else data
    by_graph: dict[ox.NamedNode | ox.BlankNode | ox.DefaultGraph, list[ox.Quad]] = {}
    for q in quads:
        by_graph.setdefault(q.graph_name, []).append(q)
    out = []
    for graph in sorted(by_graph, key=str):
        lines = ox.serialize(by_graph[graph], format=ox.RdfFormat.N_QUADS).splitlines(keepends=True)
        out += sorted(lines)
    return b"".join(out)


def sorted_ntriples(data: RdfSource) -> bytes:
    """N-Triples of the union of the graphs, each triple once, sorted by subject, predicate, object."""
    quads = to_ox_quads(data) if isinstance(data, Dataset) else data
    lines = ox.serialize((q.triple for q in quads), format=ox.RdfFormat.N_TRIPLES).splitlines(keepends=True)
    return b"".join(sorted(set(lines)))


def sorted_quads(data: RdfSource) -> list[ox.Quad]:
    """Every statement as pyoxigraph quads, sorted by graph, subject, predicate, object."""
    return list(ox.parse(sorted_nquads(data), format=ox.RdfFormat.N_QUADS))


def sorted_triples(dataset: RdfSource) -> list[ox.Triple]:
    """The union of the dataset's graphs, without duplicates, sorted by subject, predicate, object."""
    return [q.triple for q in ox.parse(sorted_ntriples(dataset), format=ox.RdfFormat.N_TRIPLES)]


def _write(statements: Iterable[ox.Triple | ox.Quad], fmt: ox.RdfFormat, prefixes: bool) -> bytes:
    return ox.serialize(statements, format=fmt, prefixes=OX_PREFIXES if prefixes else None)


def to_turtle(dataset: RdfSource) -> bytes:
    """Turtle of the union graph, with medkg's prefixes, grouped by subject."""
    return _write(sorted_triples(dataset), ox.RdfFormat.TURTLE, prefixes=True)


def to_ntriples(dataset: RdfSource) -> bytes:
    """N-Triples of the union graph, one sorted line per triple."""
    return sorted_ntriples(dataset)


def to_trig(dataset: RdfSource) -> bytes:
    """TriG with one named graph per article."""
    return _write(sorted_quads(dataset), ox.RdfFormat.TRIG, prefixes=True)


def to_nquads(dataset: RdfSource) -> bytes:
    """N-Quads with one named graph per article, one sorted line per quad."""
    return sorted_nquads(dataset)


def to_rdfxml(dataset: RdfSource) -> bytes:
    """RDF/XML of the union graph, with medkg's prefixes, for clients that read nothing else."""
    return _write(sorted_triples(dataset), ox.RdfFormat.RDF_XML, prefixes=True)
