"""Cytoscape.js elements JSON, loadable by ``cy.add(...)`` and Cytoscape desktop (``.cyjs``).

Spec: https://js.cytoscape.org/#notation/elements-json. ``{"elements": {"nodes": [...],
"edges": [...]}}`` with every attribute under ``data``; edges carry the finding IRI as
``id`` and their relation as a class, nodes their schema.org types, so a style sheet can
colour them. Not supported: positions (``position``) and styles; the consumer lays out.
"""

from __future__ import annotations

from typing import Any

from rdflib import Dataset


def cytoscape_elements(view: Any) -> dict[str, Any]:
    """The elements of a networkx view (see :func:`medkg.views.to_networkx`)."""
    nodes = [{"data": {"id": node, **attrs}, "classes": " ".join(c.partition(":")[2] for c in
                                                                  attrs["category"].split("|") if c)}
             for node, attrs in view.nodes(data=True)]
    edges = [{"data": {"id": key, "source": u, "target": v, **attrs}, "classes": attrs["relation"]}
             for u, v, key, attrs in view.edges(keys=True, data=True)]
    return {"elements": {"nodes": nodes, "edges": edges}}


def to_cytoscape(dataset: Dataset) -> bytes:
    """The dataset's condition-concept graph as Cytoscape.js elements JSON."""
    import orjson

    from medkg.views import to_networkx

    return orjson.dumps(cytoscape_elements(to_networkx(dataset)), option=orjson.OPT_INDENT_2) + b"\n"
