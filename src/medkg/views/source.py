"""Built graphs read once for several exporters, with the views made of them kept.

``medkg export`` of a corpus to ten formats used to parse the files with rdflib and build
the networkx view once per format; a :class:`ViewSource` is read by pyoxigraph (many times
faster than rdflib's parsers) and is an rdflib ``Dataset`` every exporter takes, which keeps
the corpus view and each article's view the first time one is made.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef

if TYPE_CHECKING:
    import networkx as nx

#: syntaxes pyoxigraph reads for a ViewSource; others (JSON-LD) go through rdflib
_FAST = {".ttl", ".nt", ".trig", ".nq"}


class ViewSource(Dataset):
    """A dataset that keeps its networkx views: the whole corpus's, and each graph's."""

    @cached_property
    def view(self) -> nx.MultiDiGraph:
        from medkg.views.network import to_networkx

        return to_networkx(self)

    @cached_property
    def graph_views(self) -> dict[str, nx.MultiDiGraph]:
        """Graph name -> the view of that graph alone, filled as exporters ask (:func:`graph_view`)."""
        return {}

    @classmethod
    def read(cls, paths: list[Path]) -> ViewSource:
        """Built graph files as one dataset: named graphs where the syntax has them, else a graph
        named by the file's URI (as :func:`medkg.files.load_dataset` names them)."""
        from medkg.files import load_dataset, parse_quads
        from medkg.graph.build import _rdf

        source = cls()
        for path in paths:
            if path.suffix.lower() not in _FAST:
                for quad in load_dataset([path]).quads((None, None, None, None)):
                    source.graph(quad[3].identifier if isinstance(quad[3], Graph) else quad[3]).add(quad[:3])
                continue
            own = URIRef(path.resolve().as_uri())
            graphs: dict[str, Graph] = {}
            for q in parse_quads(path):
                name = own if isinstance(q.graph_name, ox.DefaultGraph) else URIRef(q.graph_name.value)
                graph = graphs.get(name) or graphs.setdefault(name, source.graph(name))
                graph.add((_rdf(q.subject), _rdf(q.predicate), _rdf(q.object)))
        return source


def view_of(data: Any) -> nx.MultiDiGraph:
    """The networkx view of ``data``: kept by a :class:`ViewSource`, made afresh for anything else."""
    from medkg.views.network import to_networkx

    return data.view if isinstance(data, ViewSource) else to_networkx(data)


def graph_view(data: Any, graph: Graph) -> nx.MultiDiGraph:
    """The view of one of ``data``'s graphs (an article's), kept by a :class:`ViewSource`."""
    from medkg.views.network import to_networkx

    if not isinstance(data, ViewSource):
        return to_networkx(graph)
    key = str(graph.identifier)
    if key not in data.graph_views:
        data.graph_views[key] = to_networkx(graph)
    return data.graph_views[key]
