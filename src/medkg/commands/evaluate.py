"""``medkg eval``: build articles that have gold files and grade them, per input format.

With ``--cv K`` it cross-validates the extractor by article: each fold's articles (all their
formats) are built with a model trained on the other folds, its thresholds chosen on those folds
too (nested), so every figure is for articles neither the model nor its thresholds ever saw.

The grading is the scorer's (``../shared/eval/score.py``, run as a subprocess with
``--pairs --json``), so medkg never imports it and the figures are exactly the ones the
scorer prints; this command adds the builds and the per-format micro averages.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from medkg.extract.classifier import Model

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
    relations: dict[str, tuple[int, int, int, int]] = field(default_factory=dict)  # tp, fp, fn, optional

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
@click.argument("folders", nargs=-1, required=True, type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.option("--format", "fmt", type=click.Choice([*FORMATS, "all"]), default="all",
              help="Which inputs to build: GOLD_DIR/<doc>.gold.yaml pairs with INPUT_DIR/<doc>.<format>.")
@click.option("--cv", "folds", type=click.IntRange(2), default=None,
              help="Cross-validate the extractor by article with this many folds: FOLDERS are then training "
                   "corpora (articles beside a gold/ folder), and each fold is built with a model trained, and "
                   "its thresholds chosen, on the other folds' articles.")
@click.option("--repeats", type=click.IntRange(1), default=None,
              help="With --cv: dealings of each fold's training articles its thresholds are chosen on "
                   "[default: the training command's]; 1 takes a third of the time, for quick comparisons "
                   "(its precision reads ~0.015 lower).")
@click.option("--network", is_flag=True,
              help="With --cv: each fold's model has the one-hidden-layer network beside its linear model "
                   "(python -m medkg.extract.train --network), to measure it.")
@click.option("--train-also", "train_also", multiple=True,
              type=click.Path(path_type=Path, file_okay=False, exists=True),
              help="With --cv: a training corpus whose articles join every fold's training (and its threshold "
                   "choice) but are never held out, so the figures stay on FOLDERS' articles. Repeatable.")
@click.option("--target", "targets", multiple=True, type=click.FloatRange(0, 1),
              help="With --cv: the micro precision each fold's thresholds are chosen to reach in every format "
                   "[default: the training command's]. Repeatable: one run grades each target on the "
                   "same fits, the trade-off between precision and recall.")
@click.option("--scorer", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help=f"The scorer script to grade with [default: {DEFAULT_SCORER} if it exists].")
@click.option("--keep", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Write the graphs here (OUTPUT/<format>/<doc>.ttl; OUTPUT/<target>/<format>/ with several "
                   "--target) instead of a temporary folder.")
@click.option("--no-link", is_flag=True, help="Skip linking findings to ontology ids.")
@click.option("--fail-under", type=float, default=None,
              help="Exit with status 1 when any format's micro F1 is below this.")
def evaluate(folders: tuple[Path, ...], fmt: str, folds: int | None, repeats: int | None, network: bool,
             train_also: tuple[Path, ...], targets: tuple[float, ...], scorer: Path | None, keep: Path | None,
             no_link: bool, fail_under: float | None) -> None:
    """Build articles that have gold files and grade them against the gold.

    FOLDERS are GOLD_DIR INPUT_DIR, or with --cv the training corpora. Prints micro precision,
    recall and F1 per input format (with --cv also per relation, and for the schema.org page
    markup, which keeps only findings above the page threshold; with several --target, once each).

    \b
    Example:
      medkg eval ../shared/corpus/dev/gold ../shared/corpus/dev --format md
      medkg eval --cv 6 ../shared/corpus/dev ../shared/corpus/train
      medkg eval --cv 4 ../shared/corpus/dev ../shared/corpus/train --train-also corpus/annotated
        --train-also corpus/written
      medkg eval --cv 4 --repeats 1 ../shared/corpus/dev ../shared/corpus/train --target 0.78 --target 0.82
    """
    import tempfile

    scorer = scorer or (DEFAULT_SCORER if DEFAULT_SCORER.is_file() else None)
    if scorer is None or not scorer.is_file():
        raise click.UsageError(f"no scorer at {scorer or DEFAULT_SCORER}; give its path with --scorer")
    formats = list(FORMATS) if fmt == "all" else [fmt]
    for option, given in (("--train-also", train_also), ("--target", targets)):
        if given and folds is None:
            raise click.UsageError(f"{option} needs --cv")
    graded: dict[float | None, list[Grade]]  # by precision target (None: the shipped model's thresholds)
    with tempfile.TemporaryDirectory(prefix="medkg-eval-") as tmp:
        root = keep or Path(tmp)
        if folds is None:
            graded = {None: _evaluate_pairs(folders, formats, scorer, root, link=not no_link)}
        else:
            graded = _cross_validate(folders, folds, formats, scorer, root, link=not no_link, repeats=repeats,
                                     network=network, train_also=train_also, targets=targets)
    for target, grades in graded.items():
        if len(graded) > 1:
            click.echo(f"precision target {target}:")
        _print_grades(grades, per_relation=folds is not None)
    if fail_under is not None and any(g.f1 < fail_under for grades in graded.values()
                                      for g in grades if not g.fmt.startswith("page")):
        sys.exit(1)


def _print_grades(grades: list[Grade], *, per_relation: bool) -> None:
    click.echo(f"{'format':8} {'docs':>4} {'P':>6} {'R':>6} {'F1':>6}  errors  chrome")
    for g in grades:
        click.echo(f"{g.fmt:8} {g.articles:4d} {g.precision:6.3f} {g.recall:6.3f} {g.f1:6.3f}  "
                   f"{g.errors:6d}  {g.chrome:6d}")
    if per_relation:
        click.echo("per relation, all formats:")
        for rel, g in _per_relation(grades).items():
            click.echo(f"  {rel:12} P {g.precision:.3f}  R {g.recall:.3f}  F1 {g.f1:.3f}  "
                       f"(tp {g.tp}, fp {g.fp}, fn {g.fn})")


def _evaluate_pairs(folders: tuple[Path, ...], formats: list[str], scorer: Path, root: Path, *,
                    link: bool) -> list[Grade]:
    if len(folders) != 2:
        raise click.UsageError("give GOLD_DIR INPUT_DIR (or --cv K with training corpora)")
    gold_dir, input_dir = folders
    docs = sorted(p.name[: -len(".gold.yaml")] for p in gold_dir.glob("*.gold.yaml"))
    if not docs:
        raise click.UsageError(f"{gold_dir} holds no *.gold.yaml files")
    grades = []
    for name in formats:
        inputs = [input_dir / f"{doc}{FORMATS[name]}" for doc in docs]
        inputs = [p for p in inputs if p.is_file()]
        if not inputs:
            continue
        outdir = root / name
        _build_all(inputs, outdir, link=link)
        grades.append(_grade(name, scorer, gold_dir, outdir, {p.stem for p in inputs}))
    if not grades:
        raise click.UsageError(f"no input in {input_dir} has a gold file in {gold_dir}")
    return grades


def _cross_validate(folders: tuple[Path, ...], k: int, formats: list[str], scorer: Path, root: Path, *,
                    link: bool, repeats: int | None = None, network: bool = False,
                    train_also: tuple[Path, ...] = (), targets: tuple[float, ...] = ()) -> dict[float, list[Grade]]:
    """Build every article with a model that never saw it, then grade each format, and its page markup,
    for each precision target (the training command's by default), in ``root`` (``root/<target>`` if several).

    Nested: each outer fold's thresholds are chosen by the training command's rule on that fold's
    training articles only, so no figure is judged on data its thresholds were chosen on (the shipped
    model's thresholds were chosen on all of them); ``repeats`` dealings of them (the training
    command's :data:`~medkg.extract.train.REPEATS` by default). Articles of ``train_also`` train every
    fold (and join its threshold choice) but are never held out or graded. The targets share the fits.
    """
    import shutil
    from dataclasses import replace

    from medkg.extract.train import (
        PRECISION_TARGET,
        REPEATS,
        choose_thresholds,
        cross_validated,
        documents,
        examples,
        held_out,
        subset,
    )
    from medkg.progress import progress

    suffixes = {FORMATS[f] for f in formats}
    docs = [d for d in documents(folders) if d.path.suffix in suffixes]
    if not docs:
        raise click.UsageError(f"no article with a gold file in {', '.join(map(str, folders))} (expected gold/ beside)")
    extra = [d for d in documents(train_also) if d.path.suffix in suffixes]
    always = frozenset(d.article for d in extra)
    if clash := always & {d.article for d in docs}:
        raise click.UsageError(f"--train-also repeats articles that are scored: {', '.join(sorted(clash))}")
    gold_dir = root / "gold"
    gold_dir.mkdir(parents=True, exist_ok=True)
    for doc in docs:
        shutil.copyfile(doc.gold, gold_dir / doc.gold.name)
    data = examples(docs + extra)
    articles = {d.article for d in docs} | always
    targets = targets or (PRECISION_TARGET,)
    out = {t: root / str(t) if len(targets) > 1 else root for t in targets}
    fits = cross_validated(data, k, always=always, network=network)
    for held, model in progress(fits, k, "cross-validating", "fold"):
        fold_held_out = held_out(subset(data, articles - held), repeats=repeats or REPEATS, network=network)
        for target in targets:
            thresholds, page = choose_thresholds(fold_held_out, target)
            chosen = replace(model, thresholds=thresholds, page_threshold=page)
            for doc in (d for d in docs if d.article in held):
                fmt = doc.path.suffix[1:]
                _build_all([doc.path], out[target] / fmt, link=link, model=chosen)
                _build_all([doc.path], out[target] / f"page-{fmt}", link=link, model=chosen, min_confidence=page)
    names = [f for f in formats if (out[targets[0]] / f).is_dir()]
    held_by_format = {n: {d.article for d in docs if d.path.suffix == FORMATS[n]} for n in names}
    return {t: [_grade(n, scorer, gold_dir, out[t] / n, held_by_format[n]) for n in names]
            + [_grade(f"page-{n}", scorer, gold_dir, out[t] / f"page-{n}", held_by_format[n]) for n in names]
            for t in targets}


def _build_all(inputs: list[Path], outdir: Path, *, link: bool, model: Model | None = None,
               min_confidence: float | None = None) -> None:
    """Build each input's Turtle graph into ``outdir``; an input that fails is reported and scores zero.

    ``model`` replaces the shipped extractor; ``min_confidence`` keeps only findings that reach it.
    """
    from dataclasses import replace

    from medkg.errors import MedkgError
    from medkg.exporters import export_files
    from medkg.extract import extract_record
    from medkg.graph.build import GraphBuilder, dataset_of
    from medkg.ontology.lexicon import load_lexicon
    from medkg.ontology.linker import link_record
    from medkg.pipeline import reader_for

    outdir.mkdir(parents=True, exist_ok=True)
    builder = GraphBuilder()
    for path in inputs:
        try:
            record = extract_record(reader_for(path)(path), model=model)
            if min_confidence is not None:
                record = replace(record, findings=tuple(f for f in record.findings
                                                        if (f.extraction_confidence or 0) >= min_confidence))
            graph = builder.build(link_record(record, load_lexicon()) if link else record)
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
    relations: dict[str, tuple[int, int, int, int]] = {}
    for result in results:
        for rel, v in (result.get("relations") or {}).items():
            tp, fp, fn, opt = relations.get(rel, (0, 0, 0, 0))
            relations[rel] = (tp + v["tp"], fp + v["fp"], fn + v["fn"], opt + v["optional_hits"])
    tp, fp, fn, opt = (sum(v[i] for v in relations.values()) for i in range(4))
    chrome = sum(len(r.get("chrome_found") or ()) for r in results)
    return Grade(fmt, len(results), sum(1 for r in results if "error" in r), tp, fp, fn, opt, chrome, relations)


def _per_relation(grades: list[Grade]) -> dict[str, Grade]:
    """Micro figures per relation over the formats' grades (the page grades left out)."""
    out: dict[str, list[int]] = {}
    for g in grades:
        if g.fmt.startswith("page"):
            continue
        for rel, counts in g.relations.items():
            out.setdefault(rel, [0, 0, 0, 0])
            out[rel] = [a + b for a, b in zip(out[rel], counts, strict=True)]
    return {rel: Grade(rel, 0, 0, *c, 0) for rel, c in out.items()}
