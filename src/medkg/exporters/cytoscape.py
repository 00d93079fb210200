"""Cytoscape JSON (``.cyjs``) that Cytoscape desktop, Cytoscape.js and ``networkx.cytoscape_graph`` all read.

Specs: Cytoscape.js elements https://js.cytoscape.org/#notation/elements-json, Cytoscape
desktop's JSON import (File > Import > Network from File, ``.cyjs``), and networkx's
``cytoscape_graph`` (https://networkx.org/documentation/stable/reference/readwrite/json_graph.html).
The readers disagree on small things, so the file carries what each needs:

- top level: ``data`` (network attributes, a mapping, as Cytoscape desktop writes it),
  ``directed`` and ``multigraph`` (networkx builds a ``MultiDiGraph`` from them), ``elements``;
- nodes: ``id`` (the IRI, what edges point at), ``name`` (the label both tools show) and
  ``value`` (the networkx node key, the IRI again);
- edges: ``id`` and ``key`` (the finding's IRI, so parallel findings stay apart in
  networkx), ``source``, ``target``, and ``interaction`` (the relation, Cytoscape's edge type).

Edges carry their relation as a class and nodes their schema.org types, so a style sheet
can colour them. Not supported: positions and styles; the consumer lays out.
"""

from __future__ import annotations

from typing import Any

from rdflib import Dataset


def cytoscape_json(view: Any) -> dict[str, Any]:
    """The Cytoscape JSON document of a networkx view (see :func:`medkg.views.to_networkx`).

    >>> import networkx as nx
    >>> v = nx.MultiDiGraph()
    >>> v.add_node("c", name="Flu", category="schema:MedicalCondition"); v.add_node("f", name="fever", category="")
    >>> v.add_edge("c", "f", key="c/f", relation="symptom")
    'c/f'
    >>> g = nx.cytoscape_graph(cytoscape_json(v))
    >>> [(u, v, k, d["interaction"]) for u, v, k, d in g.edges(keys=True, data=True)]
    [('c', 'f', 'c/f', 'symptom')]
    """
    nodes = [{"data": {**attrs, "id": node, "value": node},
              "classes": " ".join(c.partition(":")[2] for c in attrs["category"].split("|") if c)}
             for node, attrs in view.nodes(data=True)]
    edges = [{"data": {**attrs, "id": key, "key": key, "source": u, "target": v, "interaction": attrs["relation"]},
              "classes": attrs["relation"]}
             for u, v, key, attrs in view.edges(keys=True, data=True)]
    return {"format_version": "1.0", "generated_by": "medkg", "target_cytoscapejs_version": "~3.0",
            "data": {"name": "medkg condition-concept graph"}, "directed": True, "multigraph": True,
            "elements": {"nodes": nodes, "edges": edges}}


def to_cytoscape(dataset: Dataset) -> bytes:
    """The dataset's condition-concept graph as Cytoscape JSON."""
    import orjson

    from medkg.views.source import view_of

    return orjson.dumps(cytoscape_json(view_of(dataset)), option=orjson.OPT_INDENT_2) + b"\n"
