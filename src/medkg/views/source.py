"""Built graphs read once for several exporters, with the views made of them kept.

``medkg export`` of a corpus to ten formats used to parse the files with rdflib and build
the networkx view once per format. A :class:`ViewSource` holds the files' statements as
pyoxigraph quads, read by pyoxigraph (many times faster than rdflib's parsers, and a
fraction of the memory), one list per graph. Every exporter takes it: the RDF ones as quads,
the graph views through the networkx view it makes once, the per-article ones (pages,
pictures) through each article's statements and view, also made once.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

if TYPE_CHECKING:
    import networkx as nx

    from medkg.views.articles import ArticleGraph


class ViewSource:
    """Statements by graph, iterable as pyoxigraph quads, keeping the views made of them."""

    def __init__(self, graphs: dict[str, list[ox.Quad]]) -> None:
        self.graphs = graphs
        self._views: dict[int, nx.MultiDiGraph] = {}

    def __iter__(self) -> Iterator[ox.Quad]:
        return chain.from_iterable(self.graphs.values())

    @cached_property
    def view(self) -> nx.MultiDiGraph:
        from medkg.views.network import to_networkx

        return to_networkx(list(self))

    def article_graphs(self) -> Iterator[tuple[Any, list[ox.Quad]]]:
        """Each graph as a QuadGraph (the rdflib-like reader exporters use) with its statements."""
        from medkg.graph.build import QuadGraph

        for statements in self.graphs.values():
            yield QuadGraph(statements), statements

    @classmethod
    def read(cls, paths: list[Path]) -> ViewSource:
        """Built graph files: named graphs where the syntax has them, else a graph named by the
        file's URI (as :func:`medkg.files.load_dataset` names them)."""
        from medkg.exporters.rdf import to_ox_quads
        from medkg.files import OX_SYNTAXES, load_dataset, parse_quads

        graphs: dict[str, list[ox.Quad]] = {}
        for path in paths:
            quads = to_ox_quads(load_dataset([path])) if path.suffix.lower() not in OX_SYNTAXES or \
                path.suffix.lower() in (".jsonld", ".json") else parse_quads(path)
            own = ox.NamedNode(path.resolve().as_uri())
            for q in quads:
                if isinstance(q.graph_name, ox.DefaultGraph):
                    q = ox.Quad(q.subject, q.predicate, q.object, own)
                graphs.setdefault(q.graph_name.value, []).append(q)
        return cls(graphs)


def view_of(data: Any) -> nx.MultiDiGraph:
    """The networkx view of ``data``: kept by a :class:`ViewSource`, made afresh for anything else."""
    from medkg.views.network import to_networkx

    return data.view if isinstance(data, ViewSource) else to_networkx(data)


def graph_view(data: Any, article: ArticleGraph) -> nx.MultiDiGraph:
    """The view of the graph holding one article, kept by a :class:`ViewSource`."""
    from medkg.views.network import to_networkx

    if not isinstance(data, ViewSource):
        return to_networkx(article.graph)
    key = id(article.statements)
    if key not in data._views:
        data._views[key] = to_networkx(article.statements)
    return data._views[key]
