"""Every graph-view format gives the same bytes for the same graph, built twice."""

from __future__ import annotations

import pytest

from medkg.exporters import export_files
from medkg.graph.build import build_dataset

FORMATS = ["graphml", "gexf", "nodelink", "cytoscape", "dot", "svg", "png", "html", "kgx", "neo4j"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_same_input_same_bytes(hostile_record, example_dataset, fmt):
    first = export_files(build_dataset([hostile_record]), fmt, "g")
    assert first == export_files(build_dataset([hostile_record]), fmt, "g")
    assert export_files(example_dataset, fmt, "g")
