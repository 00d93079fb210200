"""The networkx view: one node per condition and concept, one edge per finding, shared concepts merged."""

from __future__ import annotations

from medkg.graph.build import build_graph
from medkg.model import ConditionRecord
from medkg.views import to_networkx

FATIGUE = "https://w3id.org/medkg/id/concept/hp-0012378"
ANEMIA = "https://w3id.org/medkg/id/condition/anemia"


def test_nodes_and_edges(small_corpus):
    view = to_networkx(small_corpus)
    # 4 conditions (one a subtype) + 5 concepts; 9 findings + 1 subtype link
    assert (view.number_of_nodes(), view.number_of_edges()) == (9, 10)
    assert view.in_degree(FATIGUE) == 3
    assert view.nodes[FATIGUE] == {"name": "fatigue", "category": "schema:MedicalSignOrSymptom", "ids": "HP:0012378"}
    assert view.nodes[ANEMIA]["ids"] == "DOID:2355"
    edge = view.get_edge_data(ANEMIA, FATIGUE)
    (key, attrs), = edge.items()
    assert key.endswith("/finding/a/symptom/hp-0012378")
    assert attrs["relation"] == "symptom" and attrs["evidence"] == "fatigue is mentioned"


def test_plain_graph_without_findings():
    graph = build_graph(ConditionRecord("x", "Flu"))
    view = to_networkx(graph)
    assert list(view.nodes(data="name")) == [("https://w3id.org/medkg/id/condition/flu", "Flu")]
    assert view.number_of_edges() == 0


def test_deterministic(small_corpus):
    first, second = to_networkx(small_corpus), to_networkx(small_corpus)
    assert list(first.nodes(data=True)) == list(second.nodes(data=True))
    assert list(first.edges(keys=True, data=True)) == list(second.edges(keys=True, data=True))
