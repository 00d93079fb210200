"""Graphviz DOT of the networkx view, for ``dot``/``sfdp``, Gephi and pydot.

Spec: https://graphviz.org/doc/info/lang.html. Nodes are IRIs labelled with their names
(conditions as boxes), ids in ``tooltip``; edges are coloured by relation (the palette of
:mod:`medkg.views.style`) and carry the finding IRI as ``id`` and the qualifier as label.
Written by hand rather than through pydot, so exporting needs no Graphviz. Not supported:
layout positions, clusters and HTML-like labels.
"""

from __future__ import annotations

from rdflib import Dataset


def quote(text: str) -> str:
    r"""A DOT double-quoted string: backslashes, quotes and line breaks escaped.

    >>> print(quote('say "hi" \\ bye\nnow'))
    "say \"hi\" \\ bye\nnow"
    """
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "").replace("\n", "\\n")
    return f'"{escaped}"'


def _attrs(pairs: dict[str, str]) -> str:
    return ", ".join(f"{key}={quote(value)}" for key, value in pairs.items())


def to_dot(dataset: Dataset) -> bytes:
    """The dataset's condition-concept graph as a DOT ``digraph``."""
    from medkg.views.source import view_of
    from medkg.views.style import RELATION_COLOURS

    view = view_of(dataset)
    lines = ["digraph medkg {", '  graph [rankdir="LR", overlap="false"];', '  node [fontname="Helvetica"];']
    for node, attrs in view.nodes(data=True):
        shown = {"label": attrs["name"], "tooltip": attrs.get("ids", "") or attrs["category"],
                 "shape": "box" if "MedicalCondition" in attrs["category"] else "ellipse", "URL": node}
        lines.append(f"  {quote(node)} [{_attrs(shown)}];")
    for u, v, key, attrs in view.edges(keys=True, data=True):
        shown = {"id": key, "label": attrs["relation"] + (f" ({attrs['qualifier']})" if "qualifier" in attrs else ""),
                 "color": RELATION_COLOURS[attrs["relation"]], "tooltip": attrs.get("evidence", "")}
        lines.append(f"  {quote(u)} -> {quote(v)} [{_attrs(shown)}];")
    lines.append("}")
    return ("\n".join(lines) + "\n").encode("utf-8")
