"""``medkg build``: articles or records in, graph files out."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from medkg.ontology.namespaces import DEFAULT_BASE
from medkg.plugins import EXPORTERS, READERS

DEFAULT_FORMATS = "ttl,jsonld,page"
#: formats that can hold many articles at once, written as the merged corpus graph; their
#: exporters take pyoxigraph quads as well as rdflib datasets
CORPUS_FORMATS = {"ttl", "nt", "trig", "nq", "jsonld"}


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
@click.option("--terms", multiple=True, type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="Your own term file (TSV or YAML of name -> id) extending or overriding the lexicon; repeatable.")
@click.option("--keep-going", is_flag=True, help="Skip inputs that fail to read (with a message) instead of stopping.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or summary.")
def build(inputs: tuple[Path, ...], outdir: Path, formats: str, base: str, reader: str | None,
          corpus_name: str, no_link: bool, terms: tuple[Path, ...], keep_going: bool, quiet: bool) -> None:
    """Build graphs from articles or curated records.

    Every input is read, extracted, linked and turned into one graph; the outputs are
    written only when every input has been built, each file atomically. A folder stands
    for the files in it (recursively) that a reader knows. With several inputs, the
    merged corpus graph is written too. Inputs with the same file name in different
    folders are told apart by their folder (GHR/0001.xml -> GHR-0001).

    \b
    Example:
      medkg build examples/iron-deficiency-anemia.yaml -o out/
      medkg build articles/*.html -o out/ --format ttl,nt,page --base https://health.example.org/kg/
      medkg build corpus/medquad/ -o out/ --format trig --keep-going
    """
    from dataclasses import replace

    from medkg.errors import MedkgError, ReadError
    from medkg.exporters import export_files
    from medkg.exporters.rdf import to_ox_quads
    from medkg.files import Staging, article_names, input_files
    from medkg.graph.build import GraphBuilder, dataset_of
    from medkg.pipeline import read_record

    names = _formats(formats)
    builder = GraphBuilder(base)
    files = input_files(list(inputs), {ext for e in READERS.entries() for ext in e.extensions})
    if not files:
        raise ReadError(f"{inputs[0]}: no file here that a reader knows")
    corpus_formats = [fmt for fmt in names if fmt in CORPUS_FORMATS] if len(files) > 1 else []

    built, corpus = 0, []
    with Staging(outdir) as staging:
        for path, name in _progress(list(zip(files, article_names(files), strict=True)), quiet):
            try:
                record = read_record(path, reader=reader, link=not no_link, terms=terms)
            except MedkgError as err:
                if not keep_going:
                    raise
                click.echo(f"medkg: skipped: {err}", err=True)
                continue
            if record.source == path.stem != name:  # the default source, made distinct
                record = replace(record, source=name)
            ds = dataset_of([builder.build(record)])
            quads = to_ox_quads(ds)  # converted once for every RDF syntax and the corpus
            for fmt in names:
                for file_name, data in export_files(quads if fmt in CORPUS_FORMATS else ds, fmt, name):
                    staging.write(file_name, data)
            if corpus_formats:
                corpus += quads
            built += 1
        if built > 1:
            for fmt in corpus_formats:
                for file_name, data in export_files(corpus, fmt, corpus_name):
                    staging.write(file_name, data)
        staging.commit()
    if not quiet:
        click.echo(f"medkg: built {built} graph(s), wrote {len(staging.names)} file(s) to {outdir}", err=True)


def _progress(items: list[tuple[Path, str]], quiet: bool):
    if quiet or len(items) < 2 or not sys.stderr.isatty():
        return items
    from tqdm import tqdm

    return tqdm(items, desc="building", unit="article", file=sys.stderr)
