"""``medkg push``: built graphs into a triple store, over the SPARQL 1.1 Graph Store HTTP Protocol."""

from __future__ import annotations

import os
from pathlib import Path

import click


@click.command(context_settings={"show_default": True})
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True))
@click.option("--endpoint", required=True,
              help="The store's Graph Store Protocol URL, e.g. Oxigraph http://HOST:7878/store, Fuseki "
                   "http://HOST:3030/DATASET/data, GraphDB http://HOST:7200/repositories/REPO/rdf-graphs/service, "
                   "Virtuoso http://HOST:8890/sparql-graph-crud-auth.")
@click.option("--graph-per-article", is_flag=True,
              help="PUT each article's named graph on its own (re-pushing an article replaces its graph); "
                   "otherwise PUT all the triples as the store's default graph (--graph to name it).")
@click.option("--graph", "graph_iri", metavar="IRI", help="Without --graph-per-article: the graph to replace.")
@click.option("--user", help="User name for Basic or Digest authentication; the password is read from "
                             "$MEDKG_PUSH_PASSWORD.")
@click.option("--graph-param", default="graph", help="Query parameter naming the graph (Virtuoso: graph-uri).")
@click.option("--timeout", type=click.FloatRange(0, 86_400, min_open=True), default=60.0,
              help="Seconds each whole PUT may take, from connecting to the end of the answer.")
def push(inputs: tuple[Path, ...], endpoint: str, graph_per_article: bool, graph_iri: str | None,
         user: str | None, graph_param: str, timeout: float) -> None:
    """Upload built graphs to a triple store (SPARQL 1.1 Graph Store HTTP Protocol).

    Every upload is a PUT, which replaces the target graph, so pushing again is idempotent.
    Prints one line per PUT: graph, triples, bytes, HTTP status.

    \b
    Example:
      medkg push out/ --endpoint http://127.0.0.1:7878/store --graph-per-article
      MEDKG_PUSH_PASSWORD=... medkg push out/*.trig --endpoint http://localhost:3030/kg/data --user admin
    """
    from medkg.store import graph_files, read_graphs
    from medkg.store.push import push_graphs

    if graph_per_article and graph_iri:
        raise click.UsageError("--graph names the one target graph; it does not go with --graph-per-article")
    graphs: dict[str, set] = {}
    for path in graph_files(inputs):
        for name, triples in read_graphs(path).items():
            graphs.setdefault(name, set()).update(triples)
    if graph_per_article:
        uploads = [(name, sorted(triples, key=str)) for name, triples in sorted(graphs.items())]
    else:
        union = set().union(*graphs.values())
        uploads = [(graph_iri, sorted(union, key=str))]
    pushed = push_graphs(uploads, endpoint, user=user, password=os.environ.get("MEDKG_PUSH_PASSWORD"),
                         timeout=timeout, param=graph_param)
    for p in pushed:
        click.echo(f"{p.graph or '(default graph)'}\t{p.triples}\t{p.bytes}\t{p.status}")
    click.echo(f"medkg: pushed {sum(p.triples for p in pushed)} triples in {len(pushed)} graph(s) to {endpoint}",
               err=True)
