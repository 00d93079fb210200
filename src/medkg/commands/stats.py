"""``medkg stats``: what a corpus of built graphs holds, and what it lacks."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from medkg.views.corpus import CorpusStats


@click.command(context_settings={"show_default": True})
@click.argument("graphs", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="Report format.")
@click.option("--top", type=click.IntRange(min=1), default=10, help="Most shared concepts to list per relation.")
@click.option("--no-shacl", is_flag=True, help="Skip the SHACL check of each article (faster on a large corpus).")
def stats(graphs: tuple[Path, ...], fmt: str, top: int, no_shacl: bool) -> None:
    """Count findings per relation, the most shared symptoms and risk factors, findings
    without ontology ids, and each article's SHACL warnings.

    \b
    Example:
      medkg stats out/*.ttl
      medkg stats out/corpus.trig --format json --top 20
    """
    from medkg.files import load_dataset
    from medkg.views.corpus import corpus_stats

    report = corpus_stats(load_dataset(list(graphs)), top=top, shacl=not no_shacl)
    if fmt == "json":
        click.echo(json.dumps(asdict(report), indent=1, ensure_ascii=False))
    else:
        _print(report)


def _print(report: CorpusStats) -> None:
    click.echo(f"{report.articles} article(s) about {report.conditions} condition(s), {report.concepts} concept(s), "
               f"{report.findings} finding(s)")
    click.echo("findings per relation:")
    for relation, count in report.per_relation.items():
        click.echo(f"  {relation:13} {count}")
    for relation, shared in report.shared.items():
        click.echo(f"most shared ({relation}):")
        for item in shared:
            click.echo(f"  {item.conditions:4}  {item.name}" + (f"  [{item.ids}]" if item.ids else ""))
    click.echo(f"findings without ids: {len(report.unlinked)}")
    for item in report.unlinked:
        click.echo(f"  {item.condition}: {item.relation}: {item.name}")
    for check in report.checks:
        click.echo(f"{check.article}: {check.violations} violation(s), {check.warnings} warning(s)")
        for message in check.messages:
            click.echo(f"  {message}")
