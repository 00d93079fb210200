"""GraphML of the networkx view, for Gephi, yEd, Cytoscape desktop and ``networkx.read_graphml``.

Spec: http://graphml.graphdrawing.org/specification.html. Written by networkx's writer
from :func:`medkg.views.to_networkx`: one node per condition or concept, one edge per
finding (``id`` = the edge key, the finding's IRI). Not supported: nested graphs, hyperedges, ports and
yFiles layout extensions; several values share one string attribute, joined by ``|``.
"""

from __future__ import annotations

import io

from rdflib import Dataset


def to_graphml(dataset: Dataset) -> bytes:
    """The dataset's condition-concept graph as GraphML (UTF-8)."""
    import networkx as nx

    from medkg.exporters.xmltext import xml_safe_graph
    from medkg.views.source import view_of

    out = io.BytesIO()
    nx.write_graphml(xml_safe_graph(view_of(dataset)), out, encoding="utf-8", prettyprint=True, named_key_ids=True)
    return out.getvalue()
