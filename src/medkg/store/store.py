"""An embedded, persistent SPARQL store of built graphs: pyoxigraph, one named graph per article.

pyoxigraph answers SPARQL 10-35x faster than rdflib's engine and parses Turtle about 15x
faster (DESIGN.md). Each article lives in its own named graph, ``<base>graph/<article>``, so
loading a newer build of an article replaces that graph alone and removing it touches nothing
else. The terminology statements every article file repeats (what a concept is: its ids, label,
codes; :func:`medkg.graph.corpus.split_terminology`) are kept once, in the graph
``<base>terminology``, and leave it with the last article that refers to their concept: on
MedQuAD that halves the statements stored (3.84 M to 2.07 M).

Queries see the merge of the graphs as their default graph (unless they name graphs with FROM
/ FROM NAMED). The store keeps that merge itself, as its default graph, rather than asking
pyoxigraph for the union: pyoxigraph 0.5 counts a triple once per graph holding it (oxigraph
issue 1919; fixed on oxigraph's main for 0.6, not in 0.5.13, the latest release on
2026-11-30), and articles about one condition, or naming one concept, say some things alike
(its names, its type), so ``COUNT`` and plain SELECTs would repeat rows. Loading adds an
article's triples to the merge; replacing or removing it takes out the triples no other graph
holds.
"""

from __future__ import annotations

import itertools
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pyoxigraph as ox

from medkg.errors import ReadError, StoreError
from medkg.files import OX_SYNTAXES, iter_quads
from medkg.graph.corpus import batches, graph_base, is_terminology_graph, split_terminology, terminology_graph
from medkg.ontology.namespaces import MEDKG
from medkg.store.engine import ENGINE_PREFIXES, QueryLimits, QueryTimeout, evaluate
from medkg.store.guard import CheckedQuery, QueryRefused, check_query
from medkg.store.queries import bindings
from medkg.store.results import QueryResult

#: N-Quads bytes per call of pyoxigraph's bulk loader, which holds a call's quads in memory several times:
#: MedQuAD's 3.72 M quads in 16 MB calls peak at 250 MB, in 64 MB calls at 650 MB, for the same CPU
BULK_BYTES = 16 * 1024 * 1024
ARTICLE_GRAPH = ox.NamedNode(str(MEDKG.ArticleGraph))
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


@dataclass(frozen=True, slots=True)
class LoadedGraph:
    """One named graph put into the store from a file; ``replaced`` says it was there before."""

    graph: str
    triples: int
    source: Path
    replaced: bool


def graph_runs(path: Path) -> Iterator[tuple[str, list[ox.Triple]]]:
    """The named graphs a built file holds, graph IRI and triples, streamed as the file holds
    them: a graph whose statements are not together comes in several runs.

    Triples outside a named graph (Turtle, N-Triples) go to the graph that the file declares
    as its ``medkg:ArticleGraph``; a file declaring none or several (a merged corpus) becomes
    one graph named by the file's URI.
    """
    loose: list[ox.Triple] = []
    for graph, run in itertools.groupby(iter_quads(path), key=lambda q: q.graph_name):
        if isinstance(graph, ox.DefaultGraph):
            loose += (q.triple for q in run)
        else:
            yield graph.value, [q.triple for q in run]
    if loose:
        declared = {t.subject.value for t in loose if t.predicate == RDF_TYPE and t.object == ARTICLE_GRAPH}
        yield _graph_named(path, declared), loose


def _graph_named(path: Path, declared: set[str]) -> str:
    """The graph of a file's triples outside named graphs: the one it declares, else the file's URI."""
    return declared.pop() if len(declared) == 1 else path.resolve().as_uri()


def read_graphs(path: Path) -> dict[str, list[ox.Triple]]:
    """The named graphs a built file holds, graph IRI -> triples (:func:`graph_runs`, each graph whole)."""
    graphs: dict[str, list[ox.Triple]] = {}
    for name, triples in graph_runs(path):
        graphs.setdefault(name, []).extend(triples)
    return graphs


#: syntaxes without graph names, and the line that declares an article graph in N-Triples
_TRIPLE_SYNTAXES = (".ttl", ".nt", ".rdf", ".owl")
_DECLARES = f"> <{RDF_TYPE.value}> <{ARTICLE_GRAPH.value}> .\n".encode()


def graph_texts(path: Path) -> Iterator[tuple[str, bytes]]:
    """:func:`graph_runs` as N-Triples: a file without graph names goes from pyoxigraph's parser
    to its writer in one call, with no Python code per statement (Turtle article files, the
    default build's, load twice as fast)."""
    if path.suffix.lower() not in _TRIPLE_SYNTAXES:
        for name, triples in graph_runs(path):
            yield name, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        return
    text = ox.serialize(iter_quads(path), format=ox.RdfFormat.N_TRIPLES)
    declared, at = set(), text.find(_DECLARES)
    while at >= 0:
        start = text.rfind(b"\n", 0, at) + 1
        if text[start:start + 1] == b"<":
            declared.add(text[start + 1:at].decode("utf-8"))
        at = text.find(_DECLARES, at + 1)
    if text:
        yield _graph_named(path, declared), text


def graph_files(paths: Iterable[Path], *, corpus: str = "corpus") -> list[Path]:
    """Files to load: files as given; in a folder, one file per stem, preferring syntaxes with graph names.

    In a folder ``medkg build`` wrote, the merged ``corpus`` file repeats every article file
    beside it, so it is left out when article files are there (give it by name to load it).
    """
    order = list(OX_SYNTAXES)
    out: list[Path] = []
    for path in paths:
        if not path.is_dir():
            out.append(path)
            continue
        best: dict[str, Path] = {}
        for child in sorted(path.iterdir()):
            suffix = child.suffix.lower()
            if suffix not in OX_SYNTAXES or child.name.endswith(".page.jsonld"):
                continue
            stem = child.name[: -len(suffix)]
            if stem not in best or order.index(suffix) < order.index(best[stem].suffix.lower()):
                best[stem] = child
        if not best:
            raise ReadError(f"{path}: holds no graph files ({', '.join(sorted(OX_SYNTAXES))})")
        if len(best) > 1:
            best.pop(corpus, None)
        out.extend(best.values())
    return out


_G = TypeVar("_G")


def _whole(path: Path) -> Iterable[tuple[str, list[ox.Triple]]]:
    return read_graphs(path).items()


def _drop_graph(name: str) -> str:
    """SPARQL update removing graph ``name`` and, from the merge, the triples no other graph holds."""
    return (f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != <{name}>) }} }} ; "
            f"DROP SILENT GRAPH <{name}>")


def article_graphs(inputs: Iterable[Path], read: Callable[[Path], Iterable[tuple[str, _G]]] = _whole
                   ) -> Iterator[tuple[Path, str, _G]]:
    """(file, graph IRI, statements) of every graph to load from ``inputs`` (:func:`graph_files`),
    as ``read`` gives them: each graph's triples whole by default, or :func:`graph_texts`.

    A folder's merged corpus without graph names (``corpus.ttl``: many articles' statements in
    one default graph) is left out: its articles come from their own files in the folder.
    """
    inputs = list(inputs)
    given = {path for path in inputs if not path.is_dir()}
    for path in graph_files(inputs):
        for name, statements in read(path):
            if path not in given and name == path.resolve().as_uri():
                continue
            yield path, name, statements


@dataclass(frozen=True, slots=True)
class _Statements:
    """A graph's statements as N-Triples, split into the graph's own and those of its terminology graph."""

    own: bytes
    terms: list[bytes]
    terminology: str | None

    @classmethod
    def of(cls, name: str, lines: bytes) -> _Statements:
        """An article graph's N-Triples, split (:func:`~medkg.graph.corpus.split_terminology`);
        a terminology graph's, all terminology; any other graph's, all its own."""
        if is_terminology_graph(name):
            return cls(b"", lines.splitlines(keepends=True), name)
        base = graph_base(name)
        if base is None or f"<{name}{_DECLARES.decode()}".encode() not in lines:
            return cls(lines, [], None)
        own, terms = split_terminology(lines, base)
        return cls(own, terms, terminology_graph(base))


def _in_graph(ntriples: bytes, name: str) -> bytes:
    """N-Triples lines as N-Quads lines in graph ``name`` (a line ends with " .\\n" and nothing else does)."""
    return ntriples.replace(b" .\n", f" <{name}> .\n".encode())


def _bulk_nquads(inputs: Iterable[Path]) -> Iterator[bytes]:
    """N-Quads of every graph of ``inputs``, in its named graph and again in the merge (the
    default graph), written by pyoxigraph and cut by bytes: the bulk loader parses them without
    Python objects. Terminology statements come last, each once."""
    terms: dict[str, set[bytes]] = {}
    for _, name, text in article_graphs(inputs, graph_texts):
        statements = _Statements.of(name, text)
        yield _in_graph(statements.own, name)
        yield statements.own
        if statements.terminology is not None:
            terms.setdefault(statements.terminology, set()).update(statements.terms)
    for name, lines in sorted(terms.items()):
        block = b"".join(sorted(lines))
        yield _in_graph(block, name)
        yield block


class MedkgStore:
    """A pyoxigraph store with medkg's loading rules and query guards.

    >>> store = MedkgStore.in_memory()
    >>> store.query("ASK { ?s ?p ?o }").boolean
    False
    >>> store.query("CLEAR ALL")  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    medkg.store.guard.QueryRefused: CLEAR is SPARQL Update and this store is read-only for queries; ...
    """

    def __init__(self, store: ox.Store, *, limits: QueryLimits | None = None, location: str = "memory") -> None:
        self.store = store
        self.limits = limits or QueryLimits()
        self.location = location
        self._running = threading.BoundedSemaphore(self.limits.workers)

    @classmethod
    def open(cls, path: Path, *, read_only: bool = False, limits: QueryLimits | None = None) -> MedkgStore:
        """The store in folder ``path``, created when writable and absent."""
        if read_only and not path.is_dir():
            raise StoreError(f"{path}: no store there; create one with `medkg load GRAPH... --store {path}`")
        try:
            store = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
        except OSError as err:
            hint = " (is another medkg process using it? `medkg query` and `medkg serve` can share it)"
            raise StoreError(f"{path}: cannot open the store: {err}{hint if 'lock' in str(err).lower() else ''}"
                             ) from err
        return cls(store, limits=limits, location=str(path))

    @classmethod
    def in_memory(cls, files: Iterable[Path] = (), *, limits: QueryLimits | None = None) -> MedkgStore:
        """A store that lives in memory, holding the graphs of ``files``."""
        store = cls(ox.Store(), limits=limits)
        store.load_all(files)
        return store

    @classmethod
    def in_folder(cls, path: Path, files: Iterable[Path], *, limits: QueryLimits | None = None) -> MedkgStore:
        """A new store in folder ``path`` (absent or empty) holding the graphs of ``files``, bulk-loaded.

        The store is made in a hidden folder beside ``path``, compacted, and renamed to ``path``
        only when complete: a load killed midway leaves no store, never a partial one.

        pyoxigraph loads a batch with the GIL released, on one core at a time for batches this
        size, so the next batch is written meanwhile. The loader skips validating IRIs again
        (``lenient``): every statement is pyoxigraph's own serialisation of what it parsed from
        the files, and the graph names come from those statements or the files' URIs.
        """
        import shutil
        import tempfile

        if path.exists() and (not path.is_dir() or any(path.iterdir())):
            raise StoreError(f"{path}: is not empty; a new store needs an empty or absent folder")
        path.parent.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}.loading-"))
        try:
            store = ox.Store(str(scratch / "store"))
            try:
                with ThreadPoolExecutor(max_workers=1) as loader:  # loads one batch while this thread writes the next
                    loading: Future[None] | None = None
                    for batch in map(b"".join, batches(_bulk_nquads(files), BULK_BYTES)):
                        if loading is not None:
                            loading.result()
                        loading = loader.submit(store.bulk_load, batch, format=ox.RdfFormat.N_QUADS, lenient=True)
                    if loading is not None:
                        loading.result()
                store.optimize()
            finally:
                del store  # closed, even on an error: RocksDB writes no more files into the folder renamed or removed
            if path.exists():
                path.rmdir()
            os.replace(scratch / "store", path)
        except OSError as err:
            raise StoreError(f"{path}: cannot write the store: {err}") from err
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        return cls.open(path, limits=limits)

    def load_all(self, files: Iterable[Path]) -> list[LoadedGraph]:
        """Load the graphs of ``files`` (folders give one file per article, :func:`article_graphs`)."""
        return [self.load_graph(name, triples, path) for path, name, triples in article_graphs(files)]

    # ---- writing ---------------------------------------------------------------
    def load(self, path: Path) -> list[LoadedGraph]:
        """Put the graphs of a file into the store, each replacing the graph of the same name.

        Each graph is replaced, and the merge updated, in one transaction (one SPARQL update):
        a load killed midway leaves every graph as it was or as the file has it.
        """
        return [self.load_graph(name, triples, path) for name, triples in read_graphs(path).items()]

    def load_graph(self, name: str, triples: list[ox.Triple], source: Path) -> LoadedGraph:
        """Put one graph into the store, replacing the graph of the same name, in one transaction;
        its terminology statements join its terminology graph (a terminology graph is added to, never replaced)."""
        replaced = self.has_graph(name)
        statements = _Statements.of(name, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES))
        own = statements.own.decode("utf-8")
        terms = b"".join(statements.terms).decode("utf-8")
        update = [] if statements.terminology == name else [
            *self._forget(name), _drop_graph(name), f"INSERT DATA {{ GRAPH <{name}> {{ {own} }} }}",
            f"INSERT {{ ?s ?p ?o }} WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}"]
        if terms:
            update.append(f"INSERT DATA {{ GRAPH <{statements.terminology}> {{ {terms} }} {terms} }}")
        try:
            self.store.update(" ; ".join(update))
        except OSError as err:
            raise StoreError(f"{self.location}: cannot load {source}: {err}") from err
        return LoadedGraph(name, len(set(triples)), source, replaced)

    def remove(self, graph: str) -> bool:
        """Remove one named graph, and its triples from the merge unless another graph holds them,
        with the terminology of the concepts no other article refers to."""
        if not self.has_graph(graph):
            return False
        self.store.update(" ; ".join([*self._forget(graph), _drop_graph(graph)]))
        return True

    def _forget(self, graph: str) -> list[str]:
        """SPARQL updates taking out of the terminology graph, and the merge, the statements about
        the nodes ``graph`` refers to that no other graph does (what a concept is leaves with the
        last article naming it): nothing when ``graph`` is no article graph or is not there."""
        base = graph_base(graph)
        terminology = ox.NamedNode(terminology_graph(base)) if base is not None else None
        if terminology is None or not self.has_graph(graph) or not self.store.contains_named_graph(terminology):
            return []
        article = ox.NamedNode(graph)
        described: dict[ox.NamedNode, list[ox.Triple]] = {}  # the article's nodes with terminology, and theirs
        todo = [q.object for q in self.store.quads_for_pattern(None, None, None, article)
                if isinstance(q.object, ox.NamedNode)]
        while todo:
            node = todo.pop()
            if node not in described:
                described[node] = [q.triple for q in self.store.quads_for_pattern(node, None, None, terminology)]
                todo += [t.object for t in described[node] if isinstance(t.object, ox.NamedNode)]

        def used_elsewhere(node: ox.NamedNode) -> bool:
            for q in self.store.quads_for_pattern(None, None, node, None):
                if not (isinstance(q.graph_name, ox.DefaultGraph) or q.graph_name == article
                        or (q.graph_name == terminology and q.subject in described)):
                    return True
            return False

        live = [node for node, facts in described.items() if facts and used_elsewhere(node)]
        kept = set(live)
        while live:  # what a node still in use refers to stays too (a code of a concept another article names)
            for t in described[live.pop()]:
                if t.object in described and t.object not in kept:
                    kept.add(t.object)
                    live.append(t.object)
        gone = [t for node, facts in described.items() if node not in kept for t in facts]
        if not gone:
            return []
        data = ox.serialize(gone, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
        in_merge = [t for t in gone if all(q.graph_name == terminology or isinstance(q.graph_name, ox.DefaultGraph)
                                           for q in self.store.quads_for_pattern(*t, None))]
        merge = ox.serialize(in_merge, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
        return [f"DELETE DATA {{ GRAPH <{terminology.value}> {{ {data} }} {merge} }}"]

    def find_graph(self, name: str) -> str | None:
        """The graph IRI for an IRI or an article name (``iron-deficiency-anemia``), or None."""
        if self.has_graph(name):
            return name
        matches = [g for g in self.graphs() if g.rstrip("/").rsplit("/", 1)[-1] == name]
        return matches[0] if len(matches) == 1 else None

    # ---- reading ---------------------------------------------------------------
    def has_graph(self, graph: str) -> bool:
        return graph.startswith(("http://", "https://", "file:", "urn:")) and \
            self.store.contains_named_graph(ox.NamedNode(graph))

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self.store.named_graphs() if isinstance(g, ox.NamedNode))

    def __len__(self) -> int:
        """Distinct triples in the merge of the article graphs."""
        answer = self.store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(next(iter(answer))["n"].value)

    def count(self, graph: str) -> int:
        return sum(1 for _ in self.store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))

    def describe(self, iri: str) -> list[ox.Quad]:
        """Every statement about ``iri`` (as subject), in whichever article graph, for entity pages."""
        return sorted((q for q in self.store.quads_for_pattern(ox.NamedNode(iri), None, None, None)
                       if not isinstance(q.graph_name, ox.DefaultGraph)),
                      key=lambda q: (str(q.graph_name), str(q.predicate), str(q.object)))

    def mentions(self, iri: str, limit: int) -> list[ox.Quad]:
        """Statements pointing at ``iri`` (as object), at most ``limit``."""
        out = []
        for q in self.store.quads_for_pattern(None, None, ox.NamedNode(iri), None):
            if len(out) == limit:
                break
            if not isinstance(q.graph_name, ox.DefaultGraph):
                out.append(q)
        return out

    def check(self, text: str) -> CheckedQuery:
        """Guard ``text`` (:func:`check_query`) and refuse FROM graphs the store lacks."""
        checked = check_query(text, ENGINE_PREFIXES)
        for iri in checked.default_graphs + checked.named_graphs:
            if not self.has_graph(iri):
                raise QueryRefused(f"FROM <{iri}> is not a graph in this store; medkg never fetches remote graphs "
                                   "(`medkg query --graphs` lists the store's graphs)")
        return checked

    def query(self, text: str, params: Mapping[str, str] | None = None) -> QueryResult:
        """Run a read-only query in a thread of this process, under the limits.

        ``params`` bind the parameters the query declares (:mod:`medkg.store.queries`).

        A timed-out query is abandoned, not stopped (pyoxigraph cannot interrupt one): its
        thread ends at its next solution or with the process. Long-lived processes run
        queries in a :class:`medkg.store.engine.QueryPool` instead, where a timeout kills the work.
        """
        checked = self.check(text)
        substitutions = substitutions_for(text, params)
        if not self._running.acquire(timeout=self.limits.timeout):
            raise QueryTimeout(f"the store is busy with {self.limits.workers} queries; try again later")
        outcome: dict[str, Any] = {}
        stop = threading.Event()
        worker = threading.Thread(target=self._evaluate, args=(checked, substitutions, outcome, stop),
                                  daemon=True)
        worker.start()
        worker.join(self.limits.timeout)
        if worker.is_alive():
            stop.set()
            raise QueryTimeout(f"the query ran past its time limit of {self.limits.timeout:g} s; "
                               "narrow it or raise the limit (--timeout)")
        if "error" in outcome:
            err = outcome["error"]
            if isinstance(err, StoreError):
                raise err
            raise StoreError(f"{self.location}: the query failed: {err}") from err
        return outcome["result"]

    def _evaluate(self, checked: CheckedQuery, substitutions: dict[ox.Variable, Any], outcome: dict[str, Any],
                  stop: threading.Event) -> None:
        """Run in a thread (pyoxigraph releases the GIL); hands the result or the error to the waiting thread."""
        try:
            outcome["result"] = evaluate(self.store, checked, self.limits.max_results, stop, substitutions)
        except Exception as err:  # raised again by the waiting thread
            outcome["error"] = err
        finally:
            self._running.release()


def substitutions_for(text: str, params: Mapping[str, str] | None) -> dict[ox.Variable, Any]:
    """The variable bindings for the parameters ``params`` gives to the query ``text`` declares."""
    return {ox.Variable(name): term for name, term in bindings(text, params or {}).items()}
