"""One article from input file to its output files: the unit of work of a corpus build.

:func:`build_article` is a pure function of the file's contents and the options: it shares
nothing with other articles, so ``medkg build`` maps it over worker processes and a Dask
bag maps it over a cluster (README, "Past one machine") with the same result. It returns
the article's files (per format) and the pieces a corpus is made of: its statements as
sorted N-Quads and N-Triples lines, and its JSON-LD graph object.

>>> from pathlib import Path
>>> options = ArticleOptions(("nt",), link=False, corpus=("nt", "nq"))
>>> out = build_article(Path("examples/iron-deficiency-anemia.yaml"), "anemia", options)
>>> [name for name, _ in out.files], out.graph
(['anemia.nt'], 'https://w3id.org/medkg/id/graph/anemia')
>>> out.nquads.count(b"\\n") == out.ntriples.count(b"\\n") > 20
True
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import pyoxigraph as ox

from medkg.errors import MedkgError
from medkg.ontology.namespaces import DEFAULT_BASE

#: formats whose files can hold many articles: the corpus is written in these
CORPUS_FORMATS = ("ttl", "nt", "trig", "nq", "jsonld")


@dataclass(frozen=True, slots=True)
class ArticleOptions:
    """What to make of every article of a build."""

    formats: tuple[str, ...]
    base: str = DEFAULT_BASE
    reader: str | None = None
    link: bool = True
    terms: tuple[str, ...] = ()
    #: corpus formats wanted, so only their pieces are made; "validate" keeps the N-Triples
    corpus: tuple[str, ...] = ()
    #: extracted findings below this extraction confidence are left out (None: all are kept)
    min_confidence: float | None = None


@dataclass(frozen=True, slots=True)
class ArticleOutput:
    """One article built: its files, and its statements for the corpus and validation.

    ``error`` is the one-line message of a :class:`~medkg.errors.MedkgError` (the input could
    not be read) or, with ``internal``, of any other exception reading it met (a bug); everything
    else is then empty.
    """

    name: str
    graph: str = ""
    files: tuple[tuple[str, bytes], ...] = ()
    nquads: bytes = b""
    ntriples: bytes = b""
    jsonld: str = ""
    error: str | None = None
    internal: bool = False


def build_article(path: Path, name: str, options: ArticleOptions) -> ArticleOutput:
    """Read, extract, link and write one input under the article name ``name``; any failure is
    returned as the output's ``error``, so one bad input never stops a batch."""
    try:
        return _build_article(path, name, options)
    except MedkgError as err:
        return ArticleOutput(name, error=str(err))
    except Exception as err:  # a bug met on this input: named, and skippable, never a dead batch
        from medkg.cli import debug_traceback, describe

        debug_traceback()
        return ArticleOutput(name, error=f"{path}: {describe(err)}", internal=True)


def _build_article(path: Path, name: str, options: ArticleOptions) -> ArticleOutput:
    from medkg.exporters import export_files
    from medkg.exporters.rdf import OX_PREFIXES
    from medkg.graph.build import TRUSTED, GraphBuilder, nquads_text, ntriples_text
    from medkg.pipeline import read_record

    record = read_record(path, reader=options.reader, link=options.link, terms=options.terms)
    if record.source == path.stem != name:  # the default source, made distinct
        record = replace(record, source=name)
    if options.min_confidence is not None:
        record = replace(record, findings=tuple(f for f in record.findings if f.extraction_confidence is None
                                                or f.extraction_confidence >= options.min_confidence))
    # sorted, each once: every writer keeps the order; the index is what the JSON-LD and page writers read
    graph, lines, index = GraphBuilder(options.base).statements(record)
    nquads, ntriples = nquads_text(lines, graph), ntriples_text(lines)
    statements: list[ox.Quad] = []  # as pyoxigraph's quads, made for the writers that need them
    jsonld = ""
    if "jsonld" in options.formats or "jsonld" in options.corpus:
        from medkg.exporters.jsonld import graph_text

        jsonld = graph_text(index, graph)
    files: list[tuple[str, bytes]] = []
    dataset = None
    for fmt in options.formats:
        if fmt == "nq":
            files.append((name + ".nq", nquads))
        elif fmt == "nt":
            files.append((name + ".nt", ntriples))
        elif fmt == "ttl":  # the statements are sorted and each once: what to_turtle would sort them into
            triples = ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES, lenient=TRUSTED)
            files.append((name + ".ttl", ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=OX_PREFIXES)))
        elif fmt == "jsonld":
            from medkg.exporters.jsonld import graph_document

            files.append((name + ".jsonld", graph_document(jsonld)))
        elif fmt == "page":
            files += export_files(index, fmt, name)
        else:  # the other RDF syntaxes read pyoxigraph's quads; graph views read an rdflib dataset
            statements = statements or list(ox.parse(nquads, format=ox.RdfFormat.N_QUADS, lenient=TRUSTED))
            if fmt not in CORPUS_FORMATS and dataset is None:
                from medkg.graph.build import dataset_of, rdf_graph

                dataset = dataset_of([rdf_graph(statements, graph)])
            files += export_files(statements if fmt in CORPUS_FORMATS else dataset, fmt, name)
    corpus = set(options.corpus)
    return ArticleOutput(name, graph, tuple(files), nquads if {"trig", "nq"} & corpus else b"",
                         ntriples if {"ttl", "nt", "validate"} & corpus else b"", jsonld if "jsonld" in corpus else "")

