"""Graph views of built graphs for network analysis: networkx, corpus projections, stats.

Views read a built RDF graph (or a dataset of article graphs) and never change it; every
graph exporter (GraphML, GEXF, Cytoscape, pictures, KGX, Neo4j) starts from
:func:`to_networkx`.
"""

from medkg.views.corpus import bipartite_graph, condition_projection, corpus_stats, finding_projection
from medkg.views.network import main_conditions, to_networkx

__all__ = ["bipartite_graph", "condition_projection", "corpus_stats", "finding_projection", "main_conditions",
           "to_networkx"]
