"""``medkg load`` and ``medkg query``: built graphs into a persistent store, SPARQL out of it."""

from __future__ import annotations

from pathlib import Path

import click

FORMATS = ["table", "csv", "tsv", "json", "xml", "ttl", "jsonld", "nt", "rdfxml", "trig", "nq"]


@click.command(context_settings={"show_default": True})
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path, exists=True))
@click.option("--store", "store_dir", type=click.Path(path_type=Path, file_okay=False), required=True,
              help="Folder of the store; created when absent.")
@click.option("--remove", "removals", multiple=True, metavar="ARTICLE",
              help="Remove an article's graph, by article name or graph IRI (repeatable).")
@click.option("-q", "--quiet", is_flag=True, help="Print only the summary line.")
def load(inputs: tuple[Path, ...], store_dir: Path, removals: tuple[str, ...], quiet: bool) -> None:
    """Load built graphs into a persistent SPARQL store, one named graph per article.

    Each article's graph replaces the one of the same name, in one transaction, so loading a
    rebuilt article again updates it without touching the rest. The terminology every article
    file repeats (its concepts' ids, labels and codes) is kept once, in the graph
    <base>terminology. A folder contributes one file
    per article (TriG or N-Quads first, as they carry graph names); the merged corpus file
    (corpus.*) beside the article files is left out, as it holds them again. A new store (an
    absent or empty folder) is bulk-loaded and compacted, and appears only when complete.

    \b
    Example:
      medkg build articles/*.md -o out/ --format trig
      medkg load out/ --store kg.store
      medkg load --store kg.store --remove iron-deficiency-anemia
    """
    from medkg.errors import StoreError
    from medkg.store import MedkgStore

    if not inputs and not removals:
        raise click.UsageError("give graph files or folders to load, or --remove ARTICLE")
    if inputs and not removals and (not store_dir.exists() or (store_dir.is_dir() and not any(store_dir.iterdir()))):
        store = MedkgStore.in_folder(store_dir, inputs)  # a new store: bulk-loaded, compacted, all or nothing
        _say(quiet, f"bulk-loaded {len(store.graphs())} graph(s)")
    else:
        store = MedkgStore.open(store_dir)
        for name in removals:
            graph = store.find_graph(name)
            if graph is None or not store.remove(graph):
                raise StoreError(f"{store_dir}: no graph named {name!r}; `medkg query --store {store_dir} --graphs` "
                                 "lists them")
            _say(quiet, f"removed {graph}")
        for loaded in store.load_all(inputs):
            _say(quiet, f"{'replaced' if loaded.replaced else 'added'} {loaded.graph} "
                        f"({loaded.triples} triples) from {loaded.source}")
        store.store.flush()
    click.echo(f"medkg: {store_dir}: {len(store.graphs())} graph(s), {len(store)} distinct triples", err=True)


def _say(quiet: bool, message: str) -> None:
    if not quiet:
        click.echo(f"medkg: {message}", err=True)


def _shipped() -> str:
    from medkg.store.queries import example_queries

    return ", ".join(example_queries())


@click.command(context_settings={"show_default": True})
@click.argument("args", nargs=-1, metavar="[GRAPH...] [SPARQL]")
@click.option("--store", "store_dir", type=click.Path(path_type=Path, file_okay=False),
              help="Query this store (made by `medkg load`) instead of graph files.")
@click.option("--file", "query_file", metavar="FILE|NAME",
              help=f"Read the query from a file, or run a shipped example query: {_shipped()}.")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="table",
              help="Output format: table/csv/tsv/json/xml for SELECT and ASK; ttl/jsonld/nt/rdfxml/trig/nq for "
                   "CONSTRUCT and DESCRIBE (table means ttl for those).")
@click.option("--timeout", type=click.FloatRange(0, 86_400, min_open=True), default=30.0,
              help="Give up on a query after this many seconds.")
@click.option("--max-results", type=click.IntRange(1), default=10_000,
              help="Keep at most this many solutions or triples.")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind a parameter the query declares (`# @param` lines; see the shipped queries); repeatable.")
@click.option("--graphs", "list_graphs", is_flag=True, help="List the named graphs (one per article) and stop.")
def query(args: tuple[str, ...], store_dir: Path | None, query_file: str | None, fmt: str, timeout: float,
          max_results: int, params: tuple[str, ...], list_graphs: bool) -> None:
    """Run a read-only SPARQL query on a store or on graph files.

    The default graph is the union of the article graphs; GRAPH ?g names the article.
    medkg's prefixes (schema:, medkg:, skos:, prov:, ...) need no PREFIX lines. Updates,
    SERVICE and FROM of graphs the store lacks are refused.

    \b
    Example:
      medkg query --store kg.store 'SELECT ?name WHERE { ?c a schema:MedicalCondition ; schema:name ?name }'
      medkg query out/*.trig --file most-shared-symptoms --format csv
      medkg query out/*.trig --file evidence-for-a-fact --param condition=Neutropenia --param finding=fever
    """
    from medkg.store import MedkgStore, QueryLimits, write_result

    limits = QueryLimits(timeout=timeout, max_results=max_results)
    graphs, text = _split_args(args, query_file, list_graphs)
    if store_dir is not None and graphs:
        raise click.UsageError("give either --store or graph files, not both")
    if store_dir is not None:
        store = MedkgStore.open(store_dir, read_only=True, limits=limits)
    elif graphs:
        store = MedkgStore.in_memory([Path(g) for g in graphs], limits=limits)
    else:
        raise click.UsageError("give --store DIR or graph files to query")
    if list_graphs:
        for graph in store.graphs():
            click.echo(f"{graph}\t{store.count(graph)}")
        return
    result = store.query(text, _params(params))
    out_fmt = "ttl" if result.form in ("CONSTRUCT", "DESCRIBE") and fmt == "table" else fmt
    try:
        data = write_result(result, out_fmt)
    except ValueError as err:
        raise click.UsageError(f"--format {fmt} does not suit a {result.form} query") from err
    click.echo(data.decode("utf-8"), nl=False)
    if result.truncated:
        click.echo(f"medkg: warning: only the first {max_results} results are shown (--max-results)", err=True)


def _params(given: tuple[str, ...]) -> dict[str, str]:
    """``NAME=VALUE`` pairs as a dict; a pair without ``=`` or given twice is a usage error."""
    out: dict[str, str] = {}
    for pair in given:
        name, eq, value = pair.partition("=")
        if not eq or not name.strip():
            raise click.UsageError(f"--param {pair!r}: write NAME=VALUE")
        if name.strip() in out:
            raise click.UsageError(f"--param {name.strip()} is given twice")
        out[name.strip()] = value
    return out


def _split_args(args: tuple[str, ...], query_file: str | None, list_graphs: bool) -> tuple[list[str], str]:
    """Graph files and the query text: the last argument is the query unless --file or --graphs is given."""
    from medkg.store.queries import example_queries

    if list_graphs:
        return list(args), ""
    if query_file is None:
        if not args:
            raise click.UsageError("give a SPARQL query, or --file")
        return list(args[:-1]), args[-1]
    shipped = example_queries()
    if query_file in shipped:
        return list(args), shipped[query_file]
    path = Path(query_file)
    if not path.is_file():
        raise click.UsageError(f"--file {query_file}: no such file, nor a shipped query ({', '.join(shipped)})")
    return list(args), path.read_text(encoding="utf-8")
