"""Condition records to RDF: one named graph per article, merged into a dataset for a corpus."""

from medkg.graph.build import GraphBuilder, build_dataset, build_graph, dataset_of

__all__ = ["GraphBuilder", "build_dataset", "build_graph", "dataset_of"]
