"""``medkg serve``: a store (or graph files) as a read-only SPARQL endpoint on this machine."""

from __future__ import annotations

from pathlib import Path

import click

from medkg.ontology.namespaces import DEFAULT_BASE


@click.command(context_settings={"show_default": True})
@click.argument("graphs", nargs=-1, type=click.Path(path_type=Path, exists=True))
@click.option("--store", "store_dir", type=click.Path(path_type=Path, file_okay=False),
              help="Serve this store (made by `medkg load`) instead of graph files; it is opened read-only, so "
                   "`medkg load` can run beside it, and a restart shows what was loaded.")
@click.option("--host", default="127.0.0.1", help="Interface to listen on; anything but loopback exposes the data.")
@click.option("--port", type=int, default=8787, help="Port to listen on (0 picks a free one).")
@click.option("--base", default=DEFAULT_BASE, help="Base IRI of the entities: GET /<path> answers <base><path>.")
@click.option("--timeout", type=float, default=10.0, help="Give up on a query after this many seconds.")
@click.option("--max-results", type=int, default=10_000, help="Send at most this many solutions or triples.")
@click.option("-q", "--quiet", is_flag=True, help="No access log.")
def serve(graphs: tuple[Path, ...], store_dir: Path | None, host: str, port: int, base: str, timeout: float,
          max_results: int, quiet: bool) -> None:
    """Serve a store as a read-only SPARQL 1.1 endpoint, with dereferenceable entity IRIs.

    /sparql answers GET and POST queries (JSON, XML, CSV or TSV results; Turtle, JSON-LD,
    N-Triples for CONSTRUCT and DESCRIBE, by Accept header). Any other path is an entity:
    HTML for browsers, RDF by content negotiation. Updates, SERVICE and remote FROM are
    refused; each query has a time limit and a result cap.

    \b
    Example:
      medkg serve --store kg.store --port 8787
      curl -H 'Accept: text/csv' 'http://127.0.0.1:8787/sparql' --data-urlencode 'query=ASK { ?s ?p ?o }'
    """
    from medkg.store import MedkgStore, QueryLimits
    from medkg.store.server import EndpointServer

    limits = QueryLimits(timeout=timeout, max_results=max_results)
    if store_dir is not None and graphs:
        raise click.UsageError("give either --store or graph files, not both")
    if store_dir is not None:
        store = MedkgStore.open(store_dir, read_only=True, limits=limits)
    elif graphs:
        store = MedkgStore.in_memory(graphs, limits=limits)
    else:
        raise click.UsageError("give --store DIR or graph files to serve")
    try:
        server = EndpointServer((host, port), store, base if base.endswith(("/", "#")) else base + "/", log=not quiet)
    except OSError as err:
        raise click.ClickException(f"cannot listen on {host}:{port}: {err.strerror or err}") from err
    click.echo(f"medkg: serving {len(store.graphs())} graph(s) at {server.url}sparql (Ctrl-C stops)", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("medkg: stopped", err=True)
    finally:
        server.server_close()
