"""Node-link JSON reads back with ``networkx.node_link_graph`` into the same view."""

from __future__ import annotations

import json

import networkx as nx

from medkg.exporters import export
from medkg.views import to_networkx


def test_read_back_equals_view(corpus, corpus_counts):
    graph = nx.node_link_graph(json.loads(export(corpus, "nodelink")), edges="edges")
    assert (graph.number_of_nodes(), graph.number_of_edges()) == corpus_counts
    view = to_networkx(corpus)
    assert nx.utils.graphs_equal(graph, view)
    assert sorted(graph.edges(keys=True, data=True)) == sorted(view.edges(keys=True, data=True))
