"""A build's outputs from its built articles: their files, and the merged corpus graph written
from their pieces without holding the corpus in memory (:func:`write_build`).

Each article arrives as sorted N-Quads (its named graph), sorted N-Triples and a JSON-LD
graph object (:class:`~medkg.graph.article.ArticleOutput`). The corpus files are the same
bytes the exporters write for the whole dataset at once (tests/test_corpus.py checks it):

- TriG and N-Quads are sorted by graph first, and article graphs are disjoint by name, so
  they are the articles' blocks in graph order, kept in a scratch file until the end;
- Turtle and N-Triples are the union, each triple once, sorted: an external merge sort of
  the articles' lines (sorted runs of bounded size on disk, merged at the end);
- JSON-LD is one object per graph inside the corpus's ``@graph``, in graph order.

Memory stays at one run of lines and an index of offsets, whatever the corpus size.

Terminology (:func:`split_terminology`): what a concept *is* (its ontology ids, preferred label,
codes and broader matches) and the code nodes (``schema:MedicalCode``) come from the lexicon,
not from the article, and are the same in every article that names the concept; on MedQuAD
they are half of all statements (1.97 M of 3.84 M, 193 k distinct). Each article's own file
keeps them (it stands alone); a store keeps them once, in the terminology graph
``<base>terminology``, while every article graph keeps what the article says: its page,
facts, quotes, the condition's names, links and codes, the concepts' names and types.
"""

from __future__ import annotations

import heapq
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from medkg.files import Staging
from medkg.graph.article import ArticleOutput
from medkg.model import ValidationReport

#: bytes of N-Triples lines sorted in memory before they go to disk as one sorted run
RUN_BYTES = 16 * 1024 * 1024
#: bytes of N-Triples per call of pyoxigraph's loader when the union is put in a store for validation
VALIDATION_BATCH = 16 * 1024 * 1024
#: the largest union (bytes of N-Triples) validated on a store in memory, which takes about twice its size
#: (MedQuAD's 310 MB: 0.73 GB) and half the CPU of one on disk (15 s, not 26 s); a larger one goes on disk
VALIDATION_IN_MEMORY = 384 * 1024 * 1024
#: name, under the base, of the graph holding the terminology statements once
TERMINOLOGY = "terminology"
#: what a concept node's terminology statements say: its ids, codes, preferred label, wider concepts
_SKOS = "http://www.w3.org/2004/02/skos/core#"
TERMINOLOGY_PREDICATES = (f"{_SKOS}prefLabel", f"{_SKOS}exactMatch", f"{_SKOS}broadMatch", "http://schema.org/code")


def graph_base(article_graph: str) -> str | None:
    """The base IRI of an article graph ``<base>graph/<article>``, or None for another name."""
    at = article_graph.rfind("graph/")
    return article_graph[:at] if at > 0 and "/" not in article_graph[at + 6:] else None


def terminology_graph(base: str) -> str:
    """The graph of the terminology statements of the articles under ``base``."""
    return base + TERMINOLOGY


def is_terminology_graph(graph: str) -> bool:
    """Whether ``graph`` is named as a terminology graph (no article can be: articles are ``graph/<name>``)."""
    return graph.endswith(("/" + TERMINOLOGY, "#" + TERMINOLOGY))


@cache
def _terminology_lines(base: str) -> re.Pattern[bytes]:
    """Terminology statements, each as the line break before it and its N-Triples line: any
    statement about a code node, and a concept node's :data:`TERMINOLOGY_PREDICATES` (led by
    the line break, the pattern starts with a literal, which the regex engine searches fast)."""
    node = re.escape(f"\n<{base}".encode())
    predicates = b"|".join(re.escape(f"<{p}>".encode()) for p in TERMINOLOGY_PREDICATES)
    return re.compile(node + rb"(?:code/[^>]*> |concept/[^>]*> (?:" + predicates + rb") )[^\n]*")


def split_terminology(ntriples: bytes, base: str) -> tuple[bytes, list[bytes]]:
    """An article's N-Triples (IRIs minted under ``base``) as the lines the article says, in
    their order, and its terminology lines (module docstring).

    >>> own, terms = split_terminology(b'<b/concept/hp-1> <http://schema.org/code> <b/code/hp-1> .\\n'
    ...                                b'<b/concept/hp-1> <http://schema.org/name> "fever" .\\n', "b/")
    >>> own, len(terms)
    (b'<b/concept/hp-1> <http://schema.org/name> "fever" .\\n', 1)
    """
    pattern, text = _terminology_lines(base), b"\n" + ntriples
    return pattern.sub(b"", text)[1:], [line[1:] + b"\n" for line in pattern.findall(text)]


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a build wrote: the articles built, the file names, and the SHACL report if asked for."""

    articles: int
    files: tuple[str, ...]
    report: ValidationReport | None


def write_build(articles: Iterable[ArticleOutput], outdir: Path, corpus_formats: list[str], corpus_name: str = "corpus",
                *, validate: bool = False, on_error: Callable[[ArticleOutput], None] | None = None) -> BuildResult:
    """Write built articles (in any order) and, for several, the corpus in ``corpus_formats`` into
    ``outdir``, all moved into place as a set at the end (:class:`~medkg.files.Staging`).

    An article that could not be read (``error`` set) goes to ``on_error`` (which may raise to
    stop the build; by default it does: MedkgError, or InputCrash for an ``internal`` one).
    ``validate`` checks the union of the articles with the SHACL shapes, by the SPARQL engine on
    a store on disk; the articles must then have been built with ``"validate"`` among :attr:`ArticleOptions.corpus`.
    """
    from medkg.errors import InputCrash, MedkgError

    with Staging(outdir) as staging:
        corpus = CorpusWriter(staging.folder, corpus_formats, corpus_name)
        try:
            for article in articles:
                if article.error is not None:
                    if on_error is None:
                        raise (InputCrash if article.internal else MedkgError)(article.error)
                    on_error(article)
                    continue
                for file_name, data in article.files:
                    staging.write(file_name, data)
                corpus.add(article)
            made, report = _write_and_validate(corpus, staging.folder, validate)
            for file_name, path in made:
                staging.adopt(file_name, path)
        finally:
            corpus.close()
        staging.commit()
    return BuildResult(corpus.articles, tuple(staging.names), report)


def _write_and_validate(corpus: CorpusWriter, scratch: Path,
                        validate: bool) -> tuple[list[tuple[str, Path]], ValidationReport | None]:
    """The corpus files (for several articles) and the SHACL report (if asked for), made at once
    when both are wanted: a child process loads the union into the validation's store as this one
    merges it (:meth:`CorpusWriter.union_file`) and runs the checks while this one writes the corpus,
    so the two cores share the build's serial tail and neither waits for the other's hold on the GIL.
    The child sends the report and exits without freeing its store: freeing MedQuAD's in memory takes
    0.6 s, all of it holding the GIL, which in this process would come after everything else. The
    writer's error, if any, is raised first (as when the files were written before the validation)."""
    if not (validate and corpus.articles):
        return (corpus.write() if corpus.articles > 1 else []), None
    from medkg.shapes.sparql import validate_store

    if corpus.articles == 1:
        return [], validate_store(_validation_store(corpus.union_file(), scratch))
    with _Validation(corpus.union_path, scratch) as validation:
        corpus.union_file(validation.written)
        validation.written(None)
        files = corpus.write()
        return files, validation.report()


class _Validation:
    """The validation of a union that is being written, in a child process (see :func:`_write_and_validate`):
    :meth:`written` tells it the union's length on disk so far (None: complete), :meth:`report` waits for
    its report. Leaving the ``with`` block ends the child, finished or not."""

    def __init__(self, union: Path, scratch: Path) -> None:
        import multiprocessing

        # fork: the child has this process's modules and checks already, and starts in milliseconds
        fork = "fork" in multiprocessing.get_all_start_methods() and _fork_is_safe()
        context = multiprocessing.get_context("fork" if fork else "spawn")
        self._conn, child = context.Pipe()
        self._process = context.Process(target=_validate_in_child, args=(child, union, scratch), daemon=True)
        self._process.start()
        child.close()

    def __enter__(self) -> _Validation:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._process.is_alive() and exc[0] is not None:
            self._process.kill()
        self._process.join()
        self._conn.close()

    def written(self, length: int | None) -> None:
        self._conn.send(length)

    def report(self) -> ValidationReport:
        try:
            report, error = self._conn.recv()
        except EOFError:
            self._process.join()
            raise RuntimeError(f"the validation process ended without a report (exit code "
                               f"{self._process.exitcode})") from None
        if error is not None:
            raise error
        return report


def _fork_is_safe() -> bool:
    """Whether a forked child can run here: not once RocksDB (a store on disk opened in this process) has
    started its background threads, one of which may hold a lock at the fork that the child then waits on
    forever (a test process hung so). Linux names each thread in /proc; elsewhere, spawn."""
    try:
        tasks = os.listdir("/proc/self/task")
    except OSError:
        return False
    for task in tasks:
        try:
            name = Path("/proc/self/task", task, "comm").read_text()
        except OSError:  # the thread has ended
            continue
        if name.startswith("rocksdb"):
            return False
    return True


def _validate_in_child(conn, union: Path, scratch: Path) -> None:
    """In the child: the report (or the error met making it) to the parent, then exit at once, leaving
    the store to the operating system. An interrupt is the parent's to report: it got one too."""
    from medkg.shapes.sparql import validate_store

    try:
        store = _validation_store(union, scratch, iter(conn.recv, None))  # held to the end: never freed
        report, error = validate_store(store), None
    except KeyboardInterrupt:
        os._exit(1)
    except Exception as err:  # sent to the parent, which raises it
        report, error = None, err
    try:
        conn.send((report, error))
    except Exception as err:  # the error could not be pickled: its message can
        conn.send((None, RuntimeError(f"{type(err).__name__}: {err}")))
    conn.close()
    os._exit(0)


def _validation_store(union: Path, scratch: Path, written: Iterable[int] = ()) -> ox.Store:
    """The built statements in a store for the SHACL checks, in memory, or in ``scratch`` on disk for a
    union too large for that (:data:`VALIDATION_IN_MEMORY`).

    ``written`` gives the union's length each time more of it is on disk while another process
    writes it (nothing when the file is complete): what is written is loaded meanwhile, into
    memory, until the union proves too large for that; it then goes on disk once complete."""
    from medkg.graph.build import TRUSTED
    from medkg.shapes.sparql import load_ntriples

    store, at = ox.Store(), 0
    lengths = iter(written)
    for end in lengths:
        if end > VALIDATION_IN_MEMORY:
            break
        with union.open("rb") as part:
            part.seek(at)
            load_ntriples(part.read(end - at), store, lenient=TRUSTED, bulk=False)  # whole lines, as the writer tells
        at = end
    for _ in lengths:  # the union is complete
        pass
    on_disk = union.stat().st_size > VALIDATION_IN_MEMORY
    if on_disk:
        store, at = ox.Store(str(scratch / ".validation")), 0
    with union.open("rb") as lines:
        lines.seek(at)
        while batch := lines.readlines(VALIDATION_BATCH):  # a call's statements are held in memory
            load_ntriples(b"".join(batch), store, lenient=TRUSTED, bulk=on_disk)
    return store


class CorpusWriter:
    """Takes articles in any order; :meth:`write` makes the corpus files in ``folder``."""

    def __init__(self, folder: Path, formats: list[str], stem: str) -> None:
        self.folder, self.formats, self.stem = folder, formats, stem
        self._scratch = folder / f".{stem}.scratch"
        self._scratch.mkdir()
        self._blocks: BinaryIO | None = None
        self._index: list[tuple[str, int, int, int, int]] = []  # graph key, quads at, length, JSON-LD at, length
        self._lines: list[bytes] = []
        self._buffered = 0
        self._runs: list[Path] = []
        self.articles = 0

    def add(self, article: ArticleOutput) -> None:
        """Keep one article's pieces."""
        if self._blocks is None:
            self._blocks = (self._scratch / "blocks").open("w+b")
        quads_at = self._blocks.tell()
        self._blocks.write(article.nquads)
        jsonld = article.jsonld.encode("utf-8")
        self._blocks.write(jsonld)
        self._index.append((f"<{article.graph}>", quads_at, len(article.nquads), quads_at + len(article.nquads),
                            len(jsonld)))
        if article.ntriples:
            self._lines.append(article.ntriples)
            self._buffered += len(article.ntriples)
            if self._buffered >= RUN_BYTES:
                self._spill()
        self.articles += 1

    def write(self) -> list[tuple[str, Path]]:
        """Write the corpus in each format; (file name, path) pairs of the files made."""
        self._index.sort()
        made = []
        for fmt in self.formats:
            path = self.folder / f".{self.stem}.{fmt}.part"
            with path.open("wb") as out:
                {"trig": self._trig, "nq": self._nquads, "ttl": self._turtle, "nt": self._ntriples,
                 "jsonld": self._jsonld}[fmt](out)
            made.append((f"{self.stem}.{fmt}", path))
        return made

    def close(self) -> None:
        import shutil

        if self._blocks is not None:
            self._blocks.close()
        shutil.rmtree(self._scratch, ignore_errors=True)

    # ---- graph-ordered formats ----------------------------------------------------
    def _read(self, at: int, length: int) -> bytes:
        assert self._blocks is not None
        self._blocks.seek(at)
        return self._blocks.read(length)

    def _quad_blocks(self) -> Iterator[bytes]:
        for _, at, length, _, _ in self._index:
            yield self._read(at, length)

    def _nquads(self, out: BinaryIO) -> None:
        for block in self._quad_blocks():
            out.write(block)

    def _trig(self, out: BinaryIO) -> None:
        from medkg.exporters.rdf import OX_PREFIXES
        from medkg.graph.build import TRUSTED

        quads = (q for block in self._quad_blocks()
                 for q in ox.parse(block, format=ox.RdfFormat.N_QUADS, lenient=TRUSTED))
        ox.serialize(quads, out, format=ox.RdfFormat.TRIG, prefixes=OX_PREFIXES)

    def _jsonld(self, out: BinaryIO) -> None:
        from medkg.exporters.jsonld import context

        head, _, tail = json.dumps({**context(), "@graph": [0]}, ensure_ascii=False, indent=1).rpartition("  0\n")
        out.write(head.encode("utf-8"))
        for i, (_, _, _, at, length) in enumerate(self._index):
            text = self._read(at, length).decode("utf-8")
            out.write(((",\n" if i else "") + "  " + text.replace("\n", "\n  ")).encode("utf-8"))
        out.write(("\n" + tail + "\n").encode("utf-8"))

    # ---- the union, sorted --------------------------------------------------------
    def _spill(self) -> None:
        run = self._scratch / f"run{len(self._runs)}"
        # each article's lines come sorted: sorting merges those runs, then the repeats (adjacent) go
        run.write_bytes(b"".join(dict.fromkeys(sorted(b"".join(self._lines).splitlines(keepends=True)))))
        self._runs.append(run)
        self._lines, self._buffered = [], 0

    def _union(self) -> Iterator[bytes]:
        """Every distinct N-Triples line of the corpus, in order."""
        if self._lines or not self._runs:
            self._spill()
        files = [run.open("rb") for run in self._runs]
        try:
            last = None
            for line in heapq.merge(*files):
                if line != last:
                    yield line
                    last = line
        finally:
            for f in files:
                f.close()

    def _ntriples(self, out: BinaryIO) -> None:
        out.writelines(self._union())

    def _turtle(self, out: BinaryIO) -> None:
        from medkg.exporters.rdf import OX_PREFIXES
        from medkg.graph.build import TRUSTED

        triples = ox.parse(path=self.union_file(), format=ox.RdfFormat.N_TRIPLES, lenient=TRUSTED)  # default graph
        ox.serialize(triples, out, format=ox.RdfFormat.TURTLE, prefixes=OX_PREFIXES)

    @property
    def union_path(self) -> Path:
        """Where :meth:`union_file` writes the union."""
        return self._scratch / "union.nt"

    def union_file(self, written: Callable[[int], None] | None = None) -> Path:
        """A scratch file of the union of all articles' statements: sorted N-Triples, each once.

        ``written`` is told the file's length each time about :data:`VALIDATION_BATCH` more bytes of
        whole lines are on disk, so another process can read them while the rest is merged."""
        merged = self.union_path
        if not merged.exists():
            with merged.open("wb") as f:
                for lines in batches(self._union(), VALIDATION_BATCH):
                    f.writelines(lines)
                    if written is not None:
                        f.flush()
                        written(f.tell())
        elif written is not None:
            written(merged.stat().st_size)
        return merged


def batches(lines: Iterable[bytes], size: int) -> Iterator[list[bytes]]:
    """Consecutive runs of ``lines`` of at least ``size`` bytes each (the last one may be shorter)."""
    batch: list[bytes] = []
    held = 0
    for line in lines:
        batch.append(line)
        held += len(line)
        if held >= size:
            yield batch
            batch, held = [], 0
    if batch:
        yield batch
