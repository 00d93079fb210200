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
@click.option("-q", "--quiet", is_flag=True, help="No progress or summary on stderr.")
def export(graphs: tuple[Path, ...], outdir: Path, formats: str, merged: str | None, quiet: bool) -> None:
    """Convert built graphs (Turtle, N-Triples, TriG, N-Quads, JSON-LD) to other formats.

    Each graph file is exported on its own, named after it, unless --merge is given; the
    per-article files of a merged export (HTML pages, pictures) are named after each article,
    and an HTML export of several articles adds NAME.html, an index of them. Progress goes to
    stderr (a bar on a terminal). Every output is written atomically, and only once all of
    them have been made.

    \b
    Example:
      medkg export out/iron-deficiency-anemia.ttl --format graphml,cytoscape,html -o views/
      medkg export out/*.ttl --format gexf,kgx --merge corpus -o views/
    """
    from medkg.commands.build import _formats
    from medkg.exporters import export_files
    from medkg.files import write_atomic
    from medkg.views.source import ViewSource

    names = _formats(formats)
    groups = [(merged, list(graphs))] if merged else [(path.stem, [path]) for path in graphs]
    stems = [stem for stem, _ in groups]
    clash = sorted({s for s in stems if stems.count(s) > 1})
    if clash:
        raise click.UsageError(f"several graphs are named {clash[0]!r}; use --merge or rename them")
    progress = _Progress(len(groups) * len(names), quiet)
    outputs = []
    for stem, paths in groups:
        source = ViewSource.read(paths)  # read once; the networkx views are made once and shared
        for fmt in names:
            progress.step(f"{stem}: {fmt}")
            outputs += [(outdir / name, data) for name, data in export_files(source, fmt, stem)]
    progress.close()
    for path, data in outputs:
        write_atomic(path, data)
    if not quiet:
        click.echo(f"medkg: wrote {len(outputs)} file(s) to {outdir}", err=True)


class _Progress:
    """What the export is doing, on stderr: a bar on a terminal, one line per step elsewhere (a log)."""

    def __init__(self, total: int, quiet: bool) -> None:
        import sys

        self.quiet, self.total, self.done = quiet, total, 0
        self.bar = None
        if not quiet and sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, desc="exporting", unit="format", file=sys.stderr)

    def step(self, what: str) -> None:
        if self.bar is not None:
            if self.done:
                self.bar.update(1)
            self.bar.set_postfix_str(what)
        elif not self.quiet:
            click.echo(f"medkg: [{self.done + 1}/{self.total}] {what}", err=True)
        self.done += 1

    def close(self) -> None:
        if self.bar is not None:
            self.bar.update(1)
            self.bar.close()
