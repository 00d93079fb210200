"""GEXF 1.2 of the networkx view, Gephi's own format.

Spec: https://gexf.net/ (GEXF 1.2draft schema). Written by networkx's writer from
:func:`medkg.views.to_networkx`, with the node's ``name`` as its GEXF label and the
edge key (the finding's IRI) as the edge id. The ``lastmodifieddate`` networkx stamps on every file is left
out so that the same graph gives the same bytes. Not supported: dynamic graphs (spells)
and ``viz`` positions or colours.
"""

from __future__ import annotations

import io

from rdflib import Dataset


def to_gexf(dataset: Dataset) -> bytes:
    """The dataset's condition-concept graph as GEXF 1.2 (UTF-8)."""
    import networkx as nx
    from networkx.readwrite.gexf import GEXFWriter

    from medkg.exporters.xmltext import xml_safe_graph
    from medkg.views.source import view_of

    view = xml_safe_graph(view_of(dataset))
    graph = nx.MultiDiGraph(view)
    for node, attrs in graph.nodes(data=True):
        attrs["label"] = view.nodes[node]["name"]
    for *_, key, attrs in graph.edges(keys=True, data=True):
        attrs["id"] = key
    writer = GEXFWriter(encoding="utf-8", prettyprint=True)
    meta = writer.xml.find("meta")
    if meta is not None:
        meta.attrib.pop("lastmodifieddate", None)
    writer.add_graph(graph)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
