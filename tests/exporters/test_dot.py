"""DOT parses with pydot (and lays out with Graphviz where installed) with the RDF graph's counts."""

from __future__ import annotations

import shutil
import subprocess

import pydot
import pytest

from medkg.exporters import export


def _unquote(text: str) -> str:
    return text[1:-1].replace('\\"', '"').replace("\\\\", "\\") if text.startswith('"') else text


def test_pydot_reads_counts_and_names(corpus, corpus_counts, hostile_name):
    (graph,) = pydot.graph_from_dot_data(export(corpus, "dot").decode("utf-8"))
    nodes = [n for n in graph.get_nodes() if n.get_name() not in ("node", "graph", "edge")]
    assert (len(nodes), len(graph.get_edges())) == corpus_counts
    labels = {_unquote(n.get("label")) for n in nodes}
    assert {"Iron-deficiency anemia", hostile_name} <= labels


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed (apt-get install graphviz)")
def test_graphviz_lays_it_out(corpus):
    done = subprocess.run(["dot", "-Tsvg"], input=export(corpus, "dot"), capture_output=True, check=True, timeout=60)
    assert b"<svg" in done.stdout
