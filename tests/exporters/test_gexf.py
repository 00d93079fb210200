"""GEXF reads back with networkx, labels are names, without a date stamp."""

from __future__ import annotations

import io

import networkx as nx

from medkg.exporters import export


def test_read_back_counts_and_labels(corpus, corpus_counts, hostile_name):
    data = export(corpus, "gexf")
    graph = nx.read_gexf(io.BytesIO(data), node_type=str)
    assert graph.number_of_nodes() == corpus_counts[0]
    assert sum(1 for _ in graph.edges(data=True)) == corpus_counts[1]
    labels = {d["label"] for _, d in graph.nodes(data=True)}
    assert {"Iron-deficiency anemia", hostile_name} <= labels


def test_no_date_stamp(corpus):
    assert b"lastmodifieddate" not in export(corpus, "gexf")
