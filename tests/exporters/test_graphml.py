"""GraphML reads back with networkx with the RDF graph's nodes, edges and attributes."""

from __future__ import annotations

import io

import networkx as nx

from medkg.exporters import export


def test_read_back_counts_and_attributes(corpus, corpus_counts, hostile_name):
    data = export(corpus, "graphml")
    graph = nx.read_graphml(io.BytesIO(data), force_multigraph=True)
    assert (graph.number_of_nodes(), graph.number_of_edges()) == corpus_counts
    names = {d["name"] for _, d in graph.nodes(data=True)}
    assert {"Iron-deficiency anemia", "pale skin", hostile_name} <= names
    fatigue = [d for _, _, d in graph.edges(data=True) if d.get("qualifier") == "may come on slowly"]
    assert fatigue[0]["relation"] == "symptom" and "Tiredness" in fatigue[0]["evidence"]
