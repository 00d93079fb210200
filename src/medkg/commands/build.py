"""``medkg build``: articles or records in, graph files out."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import click

from medkg.ontology.namespaces import DEFAULT_BASE
from medkg.plugins import EXPORTERS, READERS
from medkg.progress import progress

DEFAULT_FORMATS = "ttl,jsonld,page"


def _formats(value: str) -> list[str]:
    names = [v.strip() for v in value.split(",") if v.strip()]
    for name in names:
        EXPORTERS.get(name)  # raises UnknownNameError listing the formats
    return names


@click.command(context_settings={"show_default": True})
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", "outdir", type=click.Path(path_type=Path, file_okay=False), required=True,
              help="Folder for the outputs: OUTPUT/<input name>.<extension> per input.")
@click.option("-f", "--format", "formats", default=DEFAULT_FORMATS,
              help=f"Comma-separated output formats: {', '.join(EXPORTERS.names())}.")
@click.option("--base", default=DEFAULT_BASE, help="Base IRI for the nodes medkg mints (a publisher uses its own).")
@click.option("--reader", type=click.Choice(READERS.names()), default=None,
              help="Read every input with this reader instead of choosing by file extension.")
@click.option("--corpus", "corpus_name", default="corpus",
              help="File name (without extension) of the merged graph written when there are several inputs.")
@click.option("--no-link", is_flag=True, help="Skip linking findings to ontology ids.")
@click.option("--terms", multiple=True, type=click.Path(path_type=Path, exists=True),
              help="Your own term file (TSV or YAML of name -> id) extending or overriding the lexicon, or a "
                   "lexicon folder `medkg lexicon build -o` wrote, used instead of the shipped one; repeatable.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=None,
              help="Keep only extracted findings whose extraction confidence reaches this, in the graph and the "
                   "page (the page keeps its own cross-validated threshold too)  [default: keep all]")
@click.option("--keep-going", is_flag=True,
              help="Skip inputs that fail to read (with a message) instead of stopping; the others are written, "
                   "and the exit code is 2 (3 if an input met an internal error) when any was skipped.")
@click.option("--validate", is_flag=True,
              help="Check the built graph (the corpus, with several inputs) against medkg's SHACL shapes, with "
                   "the SPARQL engine; print the Violations, and exit with 1 if there are any.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Articles built at once, in worker processes  [default: the machine's cores]")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or summary.")
def build(inputs: tuple[Path, ...], outdir: Path, formats: str, base: str, reader: str | None,
          corpus_name: str, no_link: bool, terms: tuple[Path, ...], min_confidence: float | None,
          keep_going: bool, validate: bool, jobs: int | None, quiet: bool) -> int:
    """Build graphs from articles or curated records.

    Every input is read, extracted, linked and turned into one graph; the outputs are
    written only when every input has been built, and moved into place as a set. A folder
    stands for the files in it (recursively) that a reader knows, leaving out hidden files
    and notes such as README and LICENSE. With several inputs, the merged corpus graph is
    written too. Outputs are named after the input's file name; where two inputs share
    one, every name of the build takes as many parent folders as it takes to tell them
    apart (GHR/0001.xml -> GHR-0001), or the extension (flu.md -> flu-md).
    Articles are built in parallel (--jobs); the outputs are the same bytes for any number.

    \b
    Example:
      medkg build examples/iron-deficiency-anemia.yaml -o out/
      medkg build articles/*.html -o out/ --format ttl,nt,page --base https://health.example.org/kg/
      medkg build corpus/medquad/ -o out/ --format trig --keep-going
    """
    from medkg.cli import EXIT_INTERNAL, EXIT_INVALID, EXIT_OK, EXIT_USAGE
    from medkg.errors import InputCrash, MedkgError, ReadError
    from medkg.files import article_names, input_files
    from medkg.graph.article import CORPUS_FORMATS, ArticleOptions, ArticleOutput
    from medkg.graph.build import GraphBuilder
    from medkg.graph.corpus import write_build

    names = _formats(formats)
    GraphBuilder(base)  # a bad base is refused before any work
    files = input_files(list(inputs), {ext for e in READERS.entries() for ext in e.extensions})
    if not files:
        raise ReadError(f"{inputs[0]}: no file here that a reader knows")
    corpus_formats = [fmt for fmt in names if fmt in CORPUS_FORMATS] if len(files) > 1 else []
    pieces = (*corpus_formats, "validate") if validate else tuple(corpus_formats)
    options = ArticleOptions(tuple(names), base, reader, not no_link, tuple(map(str, terms)), pieces,
                             min_confidence)
    work = list(zip(files, article_names(files), strict=True))

    worst = EXIT_OK

    def skipped(article: ArticleOutput) -> None:
        nonlocal worst
        if not keep_going:
            raise (InputCrash if article.internal else MedkgError)(article.error)
        worst = max(worst, EXIT_INTERNAL if article.internal else EXIT_USAGE)
        click.echo(f"medkg: skipped: {'internal error: ' if article.internal else ''}{article.error}", err=True)

    articles = progress(_built(work, options, jobs), len(work), "building", "article", quiet=quiet)
    result = write_build(articles, outdir, corpus_formats, corpus_name, validate=validate, on_error=skipped)
    if not quiet or worst:
        note = " (inputs were skipped)" if worst else ""
        click.echo(f"medkg: built {result.articles} graph(s), wrote {len(result.files)} file(s) to {outdir}{note}",
                   err=True)
    if result.report is not None:
        from medkg.commands.validate import _print

        _print(outdir / (corpus_name if result.articles > 1 else work[0][1]), result.report, {"Violation"})
        if not result.report.conforms and not worst:
            return EXIT_INVALID
    return worst  # skipped inputs outrank Violations: 2 (3 if one met a bug)


#: articles built between two full garbage collections while the automatic collector is off: a
#: safety net: building an article makes no reference cycles, except for graph views (rdflib graphs)
COLLECT_EVERY = 100
#: the same where no graph views are built: a collection then finds nearly nothing (33 objects in 2,000
#: MedQuAD articles) but walks every object made since the last that still lives (the caches' growth)
COLLECT_EVERY_WITHOUT_VIEWS = 1000


def _built(work: list[tuple[Path, str]], options, jobs: int | None) -> Iterator:
    """Each input built, in input order: in this process for one input or one job, else in a pool
    of worker processes that load the lexicon and models once each."""
    import gc

    jobs = min(jobs or os.cpu_count() or 1, len(work))
    if jobs == 1:
        enabled = gc.isenabled()
        _collector_off()
        try:
            yield from (_build_one((path, name, options)) for path, name in work)
        finally:
            if enabled:
                gc.unfreeze()
                gc.enable()
        return
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with _pool(jobs, options, context) as pool:
        chunk = max(1, min(16, len(work) // (jobs * 8)))
        yield from pool.imap(_build_one, [(path, name, options) for path, name in work], chunksize=chunk)


#: bytes the pipe of results holds (Linux's default is 64 KB, its ceiling for users /proc/sys/fs/pipe-max-size)
RESULT_PIPE = 1 << 20


def _pool(jobs: int, options, context):
    """A pool of ``jobs`` worker processes: multiprocessing's Pool, whose worker handler here wakes when a
    worker ends or the pool changes (closed, terminated, its tasks done), as ThreadPool's does, and not
    also whenever a result waits in the pipe: it then spun until the result thread had read it (1.8 s
    CPU of a MedQuAD build, taken from the workers' two cores; results are the articles' files and
    statements, 1.3 GB in all). Where the system allows, the pipe of results holds :data:`RESULT_PIPE`:
    a worker sends ~4 MB at a time (16 articles) and waits while the pipe is full, each 64 KB a wake-up of
    the parent's result thread (MedQuAD: a worker's time asleep 0.55-0.74 -> 0.34-0.41 s, 2 builds each)."""
    from multiprocessing.pool import Pool

    class _Pool(Pool):
        def _get_sentinels(self) -> list:
            return [self._change_notifier._reader]

        def _setup_queues(self) -> None:
            super()._setup_queues()
            _widen(self._outqueue._reader.fileno())

    return _Pool(jobs, initializer=_warm_up, initargs=(options,), context=context)


def _widen(pipe: int) -> None:
    """Let the pipe hold :data:`RESULT_PIPE` bytes, where the system has a way to (Linux) and allows it."""
    import contextlib

    with contextlib.suppress(ImportError, AttributeError, OSError):  # not Linux, or above the system's ceiling
        import fcntl

        fcntl.fcntl(pipe, fcntl.F_SETPIPE_SZ, RESULT_PIPE)


def _warm_up(options) -> None:
    """In a worker: load the lexicon once (extraction's, and linking's when it has other terms) with its
    names held in a dict, and keep the long-lived objects out of the collector's way."""
    from medkg.ontology.lexicon import load_lexicon

    for terms in dict.fromkeys(((), options.terms if options.link else ())):
        load_lexicon(terms).hold_names()
    _collector_off()


def _collector_off() -> None:
    """Stop the cyclic garbage collector, whose passes over every live object (the lexicon, the
    caches) cost a sixth of a build's CPU; :func:`_build_one` collects every :data:`COLLECT_EVERY`
    articles instead."""
    import gc

    gc.freeze()
    gc.disable()


_count = itertools.count(1)


def _build_one(job: tuple[Path, str, object]):
    from medkg.graph.article import build_article

    article = build_article(*job)
    if next(_count) % _collect_every(job[2]) == 0:
        import gc

        gc.collect()
        gc.freeze()  # what survives is long-lived (the caches): the next collection skips it
    return article


def _collect_every(options) -> int:
    """:data:`COLLECT_EVERY`, or :data:`COLLECT_EVERY_WITHOUT_VIEWS` when no format is a graph view (every
    format but the corpus ones and pages reads an rdflib graph)."""
    from medkg.graph.article import CORPUS_FORMATS

    views = any(fmt not in CORPUS_FORMATS and fmt != "page" for fmt in options.formats)
    return COLLECT_EVERY if views else COLLECT_EVERY_WITHOUT_VIEWS


