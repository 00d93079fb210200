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
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, Any

from rdflib import Dataset, Graph
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


#: the terms the view reads, as plain strings: the index is keyed by strings for speed
_TYPE, _NAME, _PREF, _ALT = str(RDF.type), str(SCHEMA.name), str(SKOS.prefLabel), str(SCHEMA.alternateName)
_MATCH, _DERIVED, _CONDITION_CLASS = str(SKOS.exactMatch), str(PROV.wasDerivedFrom), str(SCHEMA.MedicalCondition)
_F = {name: str(MEDKG[name]) for name in ("Finding", "condition", "relation", "concept", "evidence", "quote",
                                          "qualifier", "origin", "confidence", "subtype")}


class _Index:
    """Every statement of the graph as strings, by subject then predicate, read in one pass."""

    __slots__ = ("props",)

    def __init__(self, statements: Iterable[tuple[Any, Any, Any]]) -> None:
        self.props: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for s, p, o in statements:
            self.props[str(s)][str(p)].append(str(o))

    def all(self, s: str, p: str) -> list[str]:
        found = self.props.get(s)
        return sorted(set(found.get(p, ()))) if found else []

    def one(self, s: str, p: str) -> str | None:
        values = self.all(s, p)
        return values[0] if values else None

    def typed(self, cls: str) -> list[str]:
        return sorted(s for s, props in self.props.items() if cls in props.get(_TYPE, ()))


def _index(data: Dataset | Graph | Iterable[Any]) -> _Index:
    """A dataset is read straight from its store: every distinct triple once, whichever graph holds it;
    pyoxigraph quads or triples by their terms' values."""
    if isinstance(data, Dataset):
        return _Index(triple for triple, _ in data.store.triples((None, None, None), None))
    if isinstance(data, Graph):
        return _Index(data.triples((None, None, None)))
    return _Index((q.subject.value, q.predicate.value, q.object.value) for q in data)


def _node(index: _Index, iri: str) -> dict[str, Any]:
    ids = sorted(filter(None, (iri_curie(m) for m in index.all(iri, _MATCH))), key=_id_order)
    label = index.one(iri, _PREF)
    attrs: dict[str, Any] = {"name": index.one(iri, _NAME) or label or iri,
                             "category": SEP.join(short_type(t) for t in index.all(iri, _TYPE))}
    if label and label != attrs["name"]:
        attrs["label"] = label
    if ids:
        attrs["ids"] = SEP.join(ids)
    synonyms = index.all(iri, _ALT)
    if synonyms:
        attrs["synonyms"] = SEP.join(synonyms)
    return attrs


_ID_RANK = {prefix: rank for rank, prefix in enumerate(ID_SYSTEMS)}


def _id_order(curie: str) -> tuple[int, str]:
    """Ids in ID_SYSTEMS order (HP before MESH ...), so the first one is the most specific."""
    return _ID_RANK[curie.partition(":")[0]], curie


def _finding(index: _Index, fact: str) -> tuple[str, str, dict[str, Any]] | None:
    cond, prop, concept = (index.one(fact, _F[p]) for p in ("condition", "relation", "concept"))
    if cond is None or concept is None or prop not in _RELATIONS:
        return None
    quotes = [q for ev in index.all(fact, _F["evidence"]) for q in index.all(ev, _F["quote"])]
    attrs: dict[str, Any] = {"relation": _RELATIONS[prop].value, "predicate": short_type(prop), "finding": fact}
    optional = {"qualifier": index.one(fact, _F["qualifier"]), "origin": index.one(fact, _F["origin"]),
                "article": index.one(fact, _DERIVED), "evidence": "\n".join(quotes) or None}
    attrs.update({k: v for k, v in optional.items() if v is not None})
    confidence = index.one(fact, _F["confidence"])
    if confidence is not None:
        attrs["confidence"] = float(confidence)
    return cond, concept, attrs


def to_networkx(data: Dataset | Graph | Iterable[Any]) -> nx.MultiDiGraph:
    """The condition-concept graph of a built graph, dataset, or pyoxigraph statements.

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
    for fact in index.typed(_F["Finding"]):
        found = _finding(index, fact)
        if found is not None:
            edges.append((found[0], found[1], fact, found[2]))
    for cond, props in index.props.items():
        for sub in sorted(set(props.get(_F["subtype"], ()))):
            key = f"{cond}/{_SUBTYPE}/{sub.rsplit('/', 1)[-1]}"
            edges.append((cond, sub, key, {"relation": _SUBTYPE, "predicate": "medkg:subtype"}))
    conditions = {s for s in index.typed(_CONDITION_CLASS) if _NAME in index.props[s]}
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
