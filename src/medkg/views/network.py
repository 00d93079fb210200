"""The networkx view of a built graph: conditions and concepts as nodes, findings as edges.

The RDF graph reifies every fact as a ``medkg:Finding``; researchers want the plain
picture instead, ``condition --relation--> concept``, with the qualifier and the quotes on
the edge. Every attribute is a string or a number (GraphML and GEXF take nothing else):
several values are joined with ``|`` (ids, categories) or a newline (quotes).

Nodes and edges are added in sorted order, so every export made from the view is
byte-identical for the same input.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, SKOS

from medkg.model import Relation
from medkg.ontology.namespaces import ID_SYSTEMS, MEDKG, SCHEMA, relation_property

if TYPE_CHECKING:
    import networkx as nx

#: separator of several values in one attribute (the KGX multi-value delimiter)
SEP = "|"
_RELATIONS = {str(relation_property(r)): r for r in Relation}
_SUBTYPE = "subtype"


@cache
def _id_prefixes() -> list[tuple[str, str]]:
    return sorted(((iri, prefix) for prefix, (iri, _) in ID_SYSTEMS.items()), key=lambda p: -len(p[0]))


def iri_curie(iri: str) -> str | None:
    """The CURIE of an ontology IRI medkg knows, else None.

    >>> iri_curie("http://purl.obolibrary.org/obo/HP_0001945")
    'HP:0001945'
    >>> iri_curie("https://example.org/x") is None
    True
    """
    for ns, prefix in _id_prefixes():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return None


def short_type(iri: str) -> str:
    """``schema:MedicalSignOrSymptom`` for a schema.org or medkg class IRI."""
    for prefix, ns in (("schema", str(SCHEMA)), ("medkg", str(MEDKG))):
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


@dataclass(slots=True)
class _Index:
    """Every statement of the graph, by subject then predicate, read in one pass."""

    props: dict[str, dict[str, list[Any]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(list)))

    def add(self, s: Any, p: Any, o: Any) -> None:
        self.props[str(s)][str(p)].append(o)

    def all(self, s: str, p: URIRef) -> list[str]:
        return sorted({str(o) for o in self.props.get(s, {}).get(str(p), ())})

    def one(self, s: str, p: URIRef) -> str | None:
        values = self.all(s, p)
        return values[0] if values else None


def _index(data: Dataset | Graph) -> _Index:
    index = _Index()
    statements = data.quads((None, None, None, None)) if isinstance(data, Dataset) else data.triples((None,) * 3)
    for s, p, o, *_ in statements:
        index.add(s, p, o)
    return index


def _node(index: _Index, iri: str) -> dict[str, Any]:
    ids = sorted(filter(None, (iri_curie(m) for m in index.all(iri, SKOS.exactMatch))), key=_id_order)
    attrs: dict[str, Any] = {"name": index.one(iri, SCHEMA.name) or index.one(iri, SKOS.prefLabel) or iri,
                             "category": SEP.join(short_type(t) for t in index.all(iri, RDF.type))}
    label = index.one(iri, SKOS.prefLabel)
    if label and label != attrs["name"]:
        attrs["label"] = label
    if ids:
        attrs["ids"] = SEP.join(ids)
    synonyms = index.all(iri, SCHEMA.alternateName)
    if synonyms:
        attrs["synonyms"] = SEP.join(synonyms)
    return attrs


def _id_order(curie: str) -> tuple[int, str]:
    """Ids in ID_SYSTEMS order (HP before MESH ...), so the first one is the most specific."""
    prefixes = list(ID_SYSTEMS)
    return prefixes.index(curie.partition(":")[0]), curie


def _finding(index: _Index, fact: str) -> tuple[str, str, dict[str, Any]] | None:
    cond, prop, concept = (index.one(fact, p) for p in (MEDKG.condition, MEDKG.relation, MEDKG.concept))
    if cond is None or concept is None or prop not in _RELATIONS:
        return None
    quotes = [q for ev in index.all(fact, MEDKG.evidence) for q in index.all(ev, MEDKG.quote)]
    attrs: dict[str, Any] = {"relation": _RELATIONS[prop].value, "predicate": short_type(prop), "finding": fact}
    optional = {"qualifier": index.one(fact, MEDKG.qualifier), "origin": index.one(fact, MEDKG.origin),
                "article": index.one(fact, PROV.wasDerivedFrom), "evidence": "\n".join(quotes) or None}
    attrs.update({k: v for k, v in optional.items() if v is not None})
    confidence = index.one(fact, MEDKG.confidence)
    if confidence is not None:
        attrs["confidence"] = float(Literal(confidence))
    return cond, concept, attrs


def to_networkx(data: Dataset | Graph) -> nx.MultiDiGraph:
    """The condition-concept graph of a built graph or dataset.

    Nodes are IRIs with ``name``, ``category`` (schema.org types), ``ids`` (CURIEs) and, for
    conditions, ``synonyms``; one edge per finding, keyed by the finding's IRI, with
    ``relation``, ``predicate``, ``qualifier``, ``evidence`` (the quotes), ``origin``,
    ``confidence`` and ``article``; a condition's named subtypes hang off it by ``subtype``
    edges.

    >>> from medkg.graph import build_graph
    >>> from medkg.model import ConditionRecord, Finding, Relation
    >>> g = to_networkx(build_graph(ConditionRecord("a", "Flu", findings=(Finding(Relation.SYMPTOM, "fever"),))))
    >>> [(g.nodes[u]["name"], d["relation"], g.nodes[v]["name"]) for u, v, d in g.edges(data=True)]
    [('Flu', 'symptom', 'fever')]
    """
    import networkx as nx

    index = _index(data)
    edges: list[tuple[str, str, str, dict[str, Any]]] = []
    for fact in sorted(s for s, props in index.props.items() if str(MEDKG.Finding) in map(str, props[str(RDF.type)])):
        found = _finding(index, fact)
        if found is not None:
            edges.append((found[0], found[1], fact, found[2]))
    for cond, props in index.props.items():
        for sub in sorted(map(str, props.get(str(MEDKG.subtype), ()))):
            key = f"{cond}/{_SUBTYPE}/{sub.rsplit('/', 1)[-1]}"
            edges.append((cond, sub, key, {"relation": _SUBTYPE, "predicate": "medkg:subtype"}))
    conditions = {s for s, props in index.props.items()
                  if str(SCHEMA.MedicalCondition) in map(str, props.get(str(RDF.type), ()))
                  and str(SCHEMA.name) in props}
    graph = nx.MultiDiGraph()
    for node in sorted(conditions | {u for u, *_ in edges} | {v for _, v, *_ in edges}):
        graph.add_node(node, **_node(index, node))
    for u, v, key, attrs in sorted(edges, key=lambda e: (e[0], e[1], e[2])):
        graph.add_edge(u, v, key=key, **attrs)
    return graph


def main_conditions(view: nx.MultiDiGraph) -> list[str]:
    """The conditions articles are about: those with findings, or no incoming link, sorted by name.

    >>> import networkx as nx
    >>> v = nx.MultiDiGraph()
    >>> v.add_node("c", name="Flu", category="schema:MedicalCondition"); v.add_node("f", name="fever", category="")
    >>> v.add_edge("c", "f", relation="symptom")
    0
    >>> main_conditions(v)
    ['c']
    """
    found = {u for u, _, relation in view.edges(data="relation") if relation != _SUBTYPE}
    alone = {n for n, c in view.nodes(data="category") if "MedicalCondition" in c and view.in_degree(n) == 0}
    return sorted(found | alone, key=lambda n: (view.nodes[n]["name"], n))
