"""``medkg serve``: a store (or graph files) as a read-only SPARQL endpoint on this machine."""

from __future__ import annotations

import shutil
import signal
import sys
import tempfile
from pathlib import Path

import click

from medkg.ontology.namespaces import DEFAULT_BASE


@click.command(context_settings={"show_default": True})
@click.argument("graphs", nargs=-1, type=click.Path(path_type=Path, exists=True))
@click.option("--store", "store_dir", type=click.Path(path_type=Path, file_okay=False),
              help="Serve this store (made by `medkg load`) instead of graph files; it is opened read-only, so "
                   "`medkg load` can run beside it, and a restart shows what was loaded.")
@click.option("--host", default="127.0.0.1",
              help="Interface to listen on; anything but loopback exposes the data (its address is answered; "
                   "add --allow-host for the names clients use).")
@click.option("--port", type=click.IntRange(0, 65535), default=8787, help="Port to listen on (0 picks a free one).")
@click.option("--base", default=DEFAULT_BASE, help="Base IRI of the entities: GET /<path> answers <base><path>.")
@click.option("--timeout", type=click.FloatRange(0, 86_400, min_open=True), default=10.0,
              help="Stop a query after this many seconds (its worker process is killed and replaced).")
@click.option("--max-results", type=click.IntRange(1), default=10_000,
              help="Send at most this many solutions or triples.")
@click.option("--workers", type=click.IntRange(1, 64), default=2, help="Worker processes running queries at once.")
@click.option("--max-clients", type=click.IntRange(1, 1024), default=32,
              help="Connections served at once; more are answered 503 at once.")
@click.option("--idle-timeout", type=click.FloatRange(0.1, 3600), default=15.0,
              help="Drop a connection that sends nothing for this many seconds.")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="NAME",
              help="Also answer requests whose Host header names NAME (repeatable); localhost names always are.")
@click.option("--cors", "cors", multiple=True, metavar="ORIGIN",
              help="Let web pages of ORIGIN (e.g. https://yasgui.example.org, or *) read answers (repeatable); "
                   "by default no cross-origin request is answered.")
@click.option("-q", "--quiet", is_flag=True, help="No access log.")
def serve(graphs: tuple[Path, ...], store_dir: Path | None, host: str, port: int, base: str, timeout: float,
          max_results: int, workers: int, max_clients: int, idle_timeout: float, allow_hosts: tuple[str, ...],
          cors: tuple[str, ...], quiet: bool) -> None:
    """Serve a store as a read-only SPARQL 1.1 endpoint, with dereferenceable entity IRIs.

    /sparql answers GET and POST queries (JSON, XML, CSV or TSV results; Turtle, JSON-LD,
    N-Triples for CONSTRUCT and DESCRIBE, by Accept header). Any other path is an entity:
    HTML for browsers, RDF by content negotiation. Updates, SERVICE and remote FROM are
    refused; each query runs in a worker process with a time limit and a result cap. Only
    requests naming a localhost Host (or --allow-host) are answered.

    \b
    Example:
      medkg serve --store kg.store --port 8787
      curl -H 'Accept: text/csv' 'http://127.0.0.1:8787/sparql' --data-urlencode 'query=ASK { ?s ?p ?o }'
    """
    from medkg.store import MedkgStore, QueryLimits, QueryPool
    from medkg.store.server import EndpointServer

    if store_dir is not None and graphs:
        raise click.UsageError("give either --store or graph files, not both")
    if store_dir is None and not graphs:
        raise click.UsageError("give --store DIR or graph files to serve")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stop as on Ctrl-C: workers killed, scratch removed
    limits = QueryLimits(timeout=timeout, max_results=max_results, workers=workers)
    scratch = None
    try:
        if store_dir is None:  # workers open a store read-only, so graph files go into a scratch store first
            scratch = Path(tempfile.mkdtemp(prefix="medkg-serve-"))
            loading = MedkgStore.in_folder(scratch / "store", graphs)
            del loading  # closes it, so the workers and this process can open it read-only
            store_dir = scratch / "store"
        store = MedkgStore.open(store_dir, read_only=True, limits=limits)
        pool = QueryPool(str(store_dir), limits)
        try:
            server = EndpointServer((host, port), store, pool, base if base.endswith(("/", "#")) else base + "/",
                                    allow_hosts=(*allow_hosts, host), cors=cors, max_clients=max_clients,
                                    idle_timeout=idle_timeout, request_timeout=2 * idle_timeout,
                                    log=not quiet)
        except OSError as err:
            pool.close()
            raise click.ClickException(f"cannot listen on {host}:{port}: {err.strerror or err}") from err
        click.echo(f"medkg: serving {len(store.graphs())} graph(s) at {server.url}sparql (Ctrl-C stops)", err=True)
        try:
            server.serve_forever()
        except (KeyboardInterrupt, SystemExit):
            click.echo("medkg: stopped", err=True)
        finally:
            server.server_close()
            pool.close()
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
