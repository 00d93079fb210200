"""Corpus views: which conditions share which findings, and counts a curator can act on.

Built on :func:`medkg.views.network.to_networkx`: the condition-finding bipartite graph
(conditions on one side, the concepts their findings name on the other) and its two
weighted projections, plus :func:`corpus_stats` behind ``medkg stats``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rdflib import Dataset, Graph

from medkg.model import Relation, Severity

if TYPE_CHECKING:
    import networkx as nx

CONDITION, FINDING = 0, 1


def bipartite_graph(view: nx.MultiDiGraph) -> nx.Graph:
    """Conditions (``bipartite=0``) linked to the concepts of their findings (``bipartite=1``).

    An edge's ``weight`` is the number of findings between the two (one per relation and
    article), ``relations`` the relations joined by ``|``. Subtype links are left out. A
    condition that is also another condition's finding (a complication) stays a condition;
    a subtype without findings of its own is a condition too.

    >>> import networkx as nx
    >>> v = nx.MultiDiGraph([("flu", "fever", {"relation": "symptom"}), ("cold", "fever", {"relation": "symptom"})])
    >>> sorted(bipartite_graph(v).nodes(data="bipartite"))
    [('cold', 0), ('fever', 1), ('flu', 0)]
    """
    import networkx as nx

    findings = [(u, v, d["relation"]) for u, v, d in view.edges(data=True) if d.get("relation") != "subtype"]
    conditions = {u for u, _, _ in findings}
    targets = {v for _, v, _ in findings}
    graph = nx.Graph()
    for node in sorted(view.nodes):
        attrs = {k: view.nodes[node][k] for k in ("name", "ids") if k in view.nodes[node]}
        side = CONDITION if node in conditions or node not in targets else FINDING
        graph.add_node(node, bipartite=side, **attrs)
    relations: dict[tuple[str, str], list[str]] = defaultdict(list)
    for u, v, relation in findings:
        relations[u, v].append(relation)
    for (u, v), rels in sorted(relations.items()):
        graph.add_edge(u, v, weight=len(rels), relations="|".join(sorted(rels)))
    return graph


def _side(graph: nx.Graph, side: int) -> list[str]:
    return sorted(n for n, b in graph.nodes(data="bipartite") if b == side)


def condition_projection(bipartite: nx.Graph) -> nx.Graph:
    """Conditions linked when they share findings; ``weight`` = how many concepts they share."""
    from networkx.algorithms.bipartite import weighted_projected_graph

    return weighted_projected_graph(bipartite, _side(bipartite, CONDITION))


def finding_projection(bipartite: nx.Graph) -> nx.Graph:
    """Concepts linked when they are findings of the same conditions; ``weight`` = how many."""
    from networkx.algorithms.bipartite import weighted_projected_graph

    return weighted_projected_graph(bipartite, _side(bipartite, FINDING))


@dataclass(frozen=True, slots=True)
class Shared:
    """A concept and the number of conditions that name it with one relation."""

    name: str
    ids: str
    conditions: int


@dataclass(frozen=True, slots=True)
class Unlinked:
    """A finding whose concept has no ontology id."""

    condition: str
    relation: str
    name: str


@dataclass(frozen=True, slots=True)
class ArticleCheck:
    """SHACL results for one article's named graph."""

    article: str
    violations: int
    warnings: int
    messages: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CorpusStats:
    """What ``medkg stats`` reports: ``conditions`` counts the conditions articles are about or state
    findings of, once each however many articles speak of one."""

    articles: int
    conditions: int
    concepts: int
    findings: int
    per_relation: dict[str, int]
    shared: dict[str, tuple[Shared, ...]]
    unlinked: tuple[Unlinked, ...]
    checks: tuple[ArticleCheck, ...]


def corpus_stats(data: Dataset | Graph, *, top: int = 10, shacl: bool = True,
                 shared_relations: tuple[Relation, ...] = (Relation.SYMPTOM, Relation.RISK_FACTOR)) -> CorpusStats:
    """Counts per relation, the ``top`` most shared concepts per relation, unlinked findings and,
    with ``shacl``, each article's SHACL warnings (one validation per named graph)."""
    from medkg.views.articles import articles_of
    from medkg.views.network import to_networkx

    view = to_networkx(data)
    pages = articles_of(data)
    findings = [(u, v, d["relation"]) for u, v, d in view.edges(data=True) if d["relation"] != "subtype"]
    conditions_of: dict[tuple[str, str], set[str]] = defaultdict(set)
    for u, v, relation in findings:
        conditions_of[relation, v].add(u)
    shared = {}
    for relation in shared_relations:
        ranked = sorted(((len(c), view.nodes[v]["name"], v) for (r, v), c in conditions_of.items() if r == relation),
                        key=lambda t: (-t[0], t[1], t[2]))[:top]
        shared[relation.value] = tuple(Shared(name, view.nodes[v].get("ids", ""), n) for n, name, v in ranked)
    unlinked = sorted({Unlinked(view.nodes[u]["name"], r, view.nodes[v]["name"])
                       for u, v, r in findings if "ids" not in view.nodes[v]},
                      key=lambda x: (x.condition, x.relation, x.name))
    return CorpusStats(
        articles=len(pages),
        conditions=len({u for u, _, _ in findings} | {str(a.condition) for a in pages}),
        concepts=len({v for _, v, _ in findings}),
        findings=len(findings),
        per_relation=dict(sorted(Counter(r for _, _, r in findings).items())),
        shared=shared,
        unlinked=tuple(unlinked),
        checks=_checks(data) if shacl else (),
    )


def _checks(data: Dataset | Graph) -> tuple[ArticleCheck, ...]:
    from medkg.shapes import validate_graph

    graphs = [g for g in data.graphs() if len(g)] if isinstance(data, Dataset) else [data]
    checks = []
    for graph in sorted(graphs, key=lambda g: str(g.identifier)):
        plain = Graph()
        for triple in graph:
            plain.add(triple)
        report = validate_graph(plain)
        shown = [r for r in report.results if r.severity is not Severity.INFO]
        checks.append(ArticleCheck(
            article=article_label(graph), violations=report.count(Severity.VIOLATION),
            warnings=report.count(Severity.WARNING),
            messages=tuple(f"{r.severity.value}: {r.focus_name or r.focus}: {r.message}" for r in shown),
        ))
    return tuple(checks)


def article_label(graph: Graph) -> str:
    """What a report calls a graph: the path of the file it was read from, else its article's name,
    else its IRI.

    >>> article_label(Graph(identifier="file:///tmp/out/flu%20A.ttl"))
    '/tmp/out/flu A.ttl'
    """
    from urllib.parse import unquote, urlsplit

    from medkg.views.articles import articles_of

    iri = str(graph.identifier)
    if iri.startswith("file:"):
        return unquote(urlsplit(iri).path)
    names = sorted({a.name for a in articles_of(graph)})
    return names[0] if len(names) == 1 else iri
