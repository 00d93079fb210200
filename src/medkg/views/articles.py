"""The articles a built dataset holds: each page, the condition it is about, and the graph holding it.

Per-article outputs (HTML pages, pictures) are named after the article: the page's
``schema:identifier``, the name ``medkg build`` gave the input (:func:`medkg.files.article_names`),
so a merged export names files as the build did (``3_GHR_QA-0000001.html`` beside
``3_GHR_QA-0000001.ttl``), whatever file the graph was read from. A name that is not a
plain file name falls back to the slug of the page IRI's last segment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF

from medkg.ontology.namespaces import SCHEMA, slug


@dataclass(frozen=True, slots=True)
class ArticleGraph:
    """One article: its name, page and condition IRIs, and the graph that holds its statements:
    ``graph`` answers ``subjects``/``objects`` (an rdflib graph, or a :class:`~medkg.graph.build.QuadGraph`)
    and ``statements`` are the same statements as pyoxigraph quads or triples."""

    name: str
    page: URIRef
    condition: URIRef
    graph: Any
    statements: list[Any]


def first(graph: Any, subject: Any, predicate: Any) -> Any:
    """The first object of ``subject predicate`` in ``graph`` (rdflib or QuadGraph), or None."""
    return next(iter(graph.objects(subject, predicate)), None)


def articles_of(data: Any) -> list[ArticleGraph]:
    """Every page about a condition in an rdflib dataset or graph, or in a
    :class:`~medkg.views.source.ViewSource`, sorted by name; a graph without one is left out.

    >>> from medkg.graph.build import build_dataset
    >>> from medkg.model import ConditionRecord
    >>> [a.name for a in articles_of(build_dataset([ConditionRecord("flu-md", "Flu")]))]
    ['flu-md']
    """
    from medkg.views.source import ViewSource

    if isinstance(data, ViewSource):
        graphs = list(data.article_graphs())
    else:
        rdf = [g for g in data.graphs() if len(g)] if isinstance(data, Dataset) else [data]
        graphs = [(g, _statements(g)) for g in rdf]
    found = []
    for graph, statements in graphs:
        for page in sorted(graph.subjects(RDF.type, SCHEMA.MedicalWebPage)):
            about = first(graph, page, SCHEMA.about)
            if isinstance(page, URIRef) and isinstance(about, URIRef):
                name = _name(first(graph, page, SCHEMA.identifier), page)
                found.append(ArticleGraph(name, page, about, graph, statements))
    return sorted(found, key=lambda a: (a.name, str(a.page)))


def _statements(graph: Graph) -> list[Any]:
    import pyoxigraph as ox

    from medkg.exporters.rdf import _ox

    return [ox.Triple(_ox(s), _ox(p), _ox(o)) for s, p, o in graph]


def _name(identifier: object, page: URIRef) -> str:
    """The article's identifier when it is a plain file name, else the slug of its page IRI.

    >>> _name("3_GHR_QA-0000001", URIRef("https://x.org/article/3-ghr-qa-0000001"))
    '3_GHR_QA-0000001'
    >>> _name("../etc/passwd", URIRef("https://x.org/article/etc-passwd"))
    'etc-passwd'
    """
    text = str(identifier) if identifier is not None else ""
    if text and not text.startswith(".") and _PLAIN.match(text):
        return text
    return slug(str(page).rstrip("/").rsplit("/", 1)[-1])


#: a file name on every system: letters, digits, and - _ . + (no separators, spaces or controls)
_PLAIN = re.compile(r"^[\w.+-]{1,120}$")
