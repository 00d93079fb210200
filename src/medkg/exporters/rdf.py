"""RDF syntaxes: Turtle, N-Triples, TriG and N-Quads, byte-identical for the same graph.

Specs: Turtle https://www.w3.org/TR/turtle/, N-Triples https://www.w3.org/TR/n-triples/,
TriG https://www.w3.org/TR/trig/, N-Quads https://www.w3.org/TR/n-quads/.

rdflib holds the graph; pyoxigraph writes it, because its writers are 10-50x faster than
rdflib's on a corpus (DESIGN.md) and write triples in the order given, so sorting the
statements once makes every output deterministic and grouped by subject.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import Dataset

from medkg.ontology.namespaces import PREFIXES

_PREFIXES = {prefix: str(ns) for prefix, ns in PREFIXES.items()}


def sorted_quads(dataset: Dataset) -> list[ox.Quad]:
    """Every statement of ``dataset`` as pyoxigraph quads, sorted by graph, subject, predicate, object."""
    nquads = dataset.serialize(format="nquads", encoding="utf-8")
    quads = list(ox.parse(nquads, format=ox.RdfFormat.N_QUADS))
    return sorted(quads, key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))


def sorted_triples(dataset: Dataset) -> list[ox.Triple]:
    """The union of the dataset's graphs, without duplicates, sorted by subject, predicate, object."""
    unique = {(q.subject, q.predicate, q.object) for q in sorted_quads(dataset)}
    return [ox.Triple(*t) for t in sorted(unique, key=lambda t: (str(t[0]), str(t[1]), str(t[2])))]


def _write(statements: Iterable[ox.Triple | ox.Quad], fmt: ox.RdfFormat, prefixes: bool) -> bytes:
    return ox.serialize(statements, format=fmt, prefixes=_PREFIXES if prefixes else None)


def to_turtle(dataset: Dataset) -> bytes:
    """Turtle of the union graph, with medkg's prefixes, grouped by subject."""
    return _write(sorted_triples(dataset), ox.RdfFormat.TURTLE, prefixes=True)


def to_ntriples(dataset: Dataset) -> bytes:
    """N-Triples of the union graph, one sorted line per triple."""
    return _write(sorted_triples(dataset), ox.RdfFormat.N_TRIPLES, prefixes=False)


def to_trig(dataset: Dataset) -> bytes:
    """TriG with one named graph per article."""
    return _write(sorted_quads(dataset), ox.RdfFormat.TRIG, prefixes=True)


def to_nquads(dataset: Dataset) -> bytes:
    """N-Quads with one named graph per article, one sorted line per quad."""
    return _write(sorted_quads(dataset), ox.RdfFormat.N_QUADS, prefixes=False)
