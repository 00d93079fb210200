"""``medkg eval``: build articles that have gold files and grade them, per input format.

The grading is the scorer's (``../shared/eval/score.py``, run as a subprocess with
``--pairs --json``), so medkg never imports it and the figures are exactly the ones the
scorer prints; this command adds the builds and the per-format micro averages.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import click

FORMATS = {"txt": ".txt", "html": ".html", "md": ".md"}
DEFAULT_SCORER = Path("..") / "shared" / "eval" / "score.py"


@dataclass(frozen=True, slots=True)
class Grade:
    """Micro-averaged figures for one input format."""

    fmt: str
    articles: int
    errors: int
    tp: int
    fp: int
    fn: int
    optional: int
    chrome: int  # page chrome (the gold's must_not_appear) found in the graphs

    @property
    def precision(self) -> float:
        hits = self.tp + self.optional
        return hits / (hits + self.fp) if hits + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@click.command(context_settings={"show_default": True})
@click.argument("gold_dir", type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.argument("input_dir", type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.option("--format", "fmt", type=click.Choice([*FORMATS, "all"]), default="all",
              help="Which inputs to build: GOLD_DIR/<doc>.gold.yaml pairs with INPUT_DIR/<doc>.<format>.")
@click.option("--scorer", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help=f"The scorer script to grade with [default: {DEFAULT_SCORER} if it exists].")
@click.option("--keep", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Write the graphs here (OUTPUT/<format>/<doc>.ttl) instead of a temporary folder.")
@click.option("--no-link", is_flag=True, help="Skip linking findings to ontology ids.")
@click.option("--fail-under", type=float, default=None,
              help="Exit with status 1 when any format's micro F1 is below this.")
def evaluate(gold_dir: Path, input_dir: Path, fmt: str, scorer: Path | None, keep: Path | None,
             no_link: bool, fail_under: float | None) -> None:
    """Build articles that have gold files and grade them against the gold.

    Prints micro precision, recall and F1 per input format.

    \b
    Example:
      medkg eval ../shared/corpus/dev/gold ../shared/corpus/dev --format md
    """
    import tempfile

    scorer = scorer or (DEFAULT_SCORER if DEFAULT_SCORER.is_file() else None)
    if scorer is None or not scorer.is_file():
        raise click.UsageError(f"no scorer at {scorer or DEFAULT_SCORER}; give its path with --scorer")
    docs = sorted(p.name[: -len(".gold.yaml")] for p in gold_dir.glob("*.gold.yaml"))
    if not docs:
        raise click.UsageError(f"{gold_dir} holds no *.gold.yaml files")
    formats = list(FORMATS) if fmt == "all" else [fmt]
    grades = []
    with tempfile.TemporaryDirectory(prefix="medkg-eval-") as tmp:
        root = keep or Path(tmp)
        for name in formats:
            inputs = [input_dir / f"{doc}{FORMATS[name]}" for doc in docs]
            inputs = [p for p in inputs if p.is_file()]
            if not inputs:
                continue
            outdir = root / name
            _build_all(inputs, outdir, link=not no_link)
            grades.append(_grade(name, scorer, gold_dir, outdir, {p.stem for p in inputs}))
    if not grades:
        raise click.UsageError(f"no input in {input_dir} has a gold file in {gold_dir}")
    click.echo(f"{'format':8} {'docs':>4} {'P':>6} {'R':>6} {'F1':>6}  errors  chrome")
    for g in grades:
        click.echo(f"{g.fmt:8} {g.articles:4d} {g.precision:6.3f} {g.recall:6.3f} {g.f1:6.3f}  "
                   f"{g.errors:6d}  {g.chrome:6d}")
    if fail_under is not None and any(g.f1 < fail_under for g in grades):
        sys.exit(1)


def _build_all(inputs: list[Path], outdir: Path, *, link: bool) -> None:
    """Build each input's Turtle graph into ``outdir``; an input that fails is reported and scores zero."""
    from medkg.errors import MedkgError
    from medkg.exporters import export_files
    from medkg.graph.build import GraphBuilder, dataset_of
    from medkg.pipeline import read_record

    outdir.mkdir(parents=True, exist_ok=True)
    builder = GraphBuilder()
    for path in inputs:
        try:
            graph = builder.build(read_record(path, link=link))
        except MedkgError as err:
            click.echo(f"medkg: {err}", err=True)
            continue
        for name, data in export_files(dataset_of([graph]), "ttl", path.stem):
            (outdir / name).write_bytes(data)


def _grade(fmt: str, scorer: Path, gold_dir: Path, graph_dir: Path, docs: set[str]) -> Grade:
    """Run the scorer on one format's graphs and sum its per-relation counts over ``docs``, the articles
    that have an input in this format (a set may hold some articles in one format only)."""
    done = subprocess.run([sys.executable, str(scorer), "--pairs", str(gold_dir), str(graph_dir), "--json"],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise click.ClickException(f"the scorer failed: {done.stderr.strip().splitlines()[-1:]}")
    results = [r for r in json.loads(done.stdout) if r.get("doc") in docs]
    tp = fp = fn = opt = 0
    for result in results:
        for rel in (result.get("relations") or {}).values():
            tp, fp, fn, opt = tp + rel["tp"], fp + rel["fp"], fn + rel["fn"], opt + rel["optional_hits"]
    chrome = sum(len(r.get("chrome_found") or ()) for r in results)
    return Grade(fmt, len(results), sum(1 for r in results if "error" in r), tp, fp, fn, opt, chrome)
