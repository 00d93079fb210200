"""``medkg export``: built graph files in, other formats out."""

from __future__ import annotations

from pathlib import Path

import click

from medkg.plugins import EXPORTERS


@click.command(context_settings={"show_default": True})
@click.argument("graphs", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option("-o", "--output", "outdir", type=click.Path(path_type=Path, file_okay=False), required=True,
              help="Folder for the outputs: OUTPUT/<graph file name>.<extension>.")
@click.option("-f", "--format", "formats", default="graphml",
              help=f"Comma-separated output formats: {', '.join(EXPORTERS.names())}.")
@click.option("--merge", "merged", default=None, metavar="NAME",
              help="Merge every graph into one and write NAME.<extension> instead of one output per graph.")
@click.option("-q", "--quiet", is_flag=True, help="No summary on stderr.")
def export(graphs: tuple[Path, ...], outdir: Path, formats: str, merged: str | None, quiet: bool) -> None:
    """Convert built graphs (Turtle, N-Triples, TriG, N-Quads, JSON-LD) to other formats.

    Each graph file is exported on its own, named after it, unless --merge is given.
    Every output is written atomically, and only once all of them have been made.

    \b
    Example:
      medkg export out/iron-deficiency-anemia.ttl --format graphml,cytoscape,html -o views/
      medkg export out/*.ttl --format gexf,kgx --merge corpus -o views/
    """
    from medkg.commands.build import _formats
    from medkg.exporters import export_files
    from medkg.files import load_dataset, write_atomic

    names = _formats(formats)
    groups = [(merged, list(graphs))] if merged else [(path.stem, [path]) for path in graphs]
    stems = [stem for stem, _ in groups]
    clash = sorted({s for s in stems if stems.count(s) > 1})
    if clash:
        raise click.UsageError(f"several graphs are named {clash[0]!r}; use --merge or rename them")
    outputs = []
    for stem, paths in groups:
        dataset = load_dataset(paths)
        outputs += [(outdir / name, data) for fmt in names for name, data in export_files(dataset, fmt, stem)]
    for path, data in outputs:
        write_atomic(path, data)
    if not quiet:
        click.echo(f"medkg: wrote {len(outputs)} file(s) to {outdir}", err=True)
