"""``medkg lexicon``: rebuild the terminology lexicon, look names up, show its sources."""

from __future__ import annotations

import json
from pathlib import Path

import click

from medkg.model import Relation

#: what a looked-up name may be to the condition: the condition itself, or a finding's relation
RELATIONS = ["condition", *(r.value for r in Relation)]


@click.group(context_settings={"show_default": True})
def lexicon() -> None:
    """Inspect or rebuild the terminology lexicon that links names to ontology ids.

    \b
    Example:
      medkg lexicon lookup "water pills" --relation treatment
      medkg lexicon info
    """


@lexicon.command()
@click.option("--from", "source", type=click.Path(path_type=Path, file_okay=False, exists=True), required=True,
              help="Folder of terminology sources (hpo/, doid/, symp/, mesh/, icd10cm/, drugs/, xrefs/).")
@click.option("-o", "--output", "outdir", type=click.Path(path_type=Path, file_okay=False), required=True,
              help="Folder to write the lexicon into; point --terms or $MEDKG_TERMS at it to use it.")
def build(source: Path, outdir: Path) -> None:
    """Build a lexicon from terminology sources into a folder of your choice.

    The shipped lexicon is left as it is; `medkg build --terms FOLDER` (or MEDKG_TERMS=FOLDER)
    uses the new one instead.

    \b
    Example:
      medkg lexicon build --from ../shared/ontologies -o my-lexicon/
      MEDKG_TERMS=my-lexicon/ medkg build article.html -o out/
    """
    from medkg.ontology.lexicon_build import build as build_lexicon

    meta = build_lexicon(source, outdir)
    click.echo(f"medkg: wrote {meta['counts']['names']:,} names for {meta['counts']['concepts']:,} concepts "
               f"to {outdir}; use it with --terms {outdir} or MEDKG_TERMS={outdir}", err=True)


@lexicon.command()
@click.argument("term")
@click.option("-r", "--relation", type=click.Choice(RELATIONS), default="condition",
              help="What the name is to the condition; it decides which ontology is preferred.")
@click.option("-t", "--terms", "term_files", multiple=True, type=click.Path(path_type=Path),
              help="Your own term file (TSV or YAML of name -> id), or a lexicon folder `lexicon build` "
                   "wrote; repeatable.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def lookup(term: str, relation: str, term_files: tuple[Path, ...], as_json: bool) -> None:
    """Show the ids, label and confidence a name links to.

    \b
    Example:
      medkg lexicon lookup "Low levels of vitamin B-12" --relation risk_factor
    """
    from medkg.ontology.lexicon import load_lexicon, normalize
    from medkg.ontology.linker import link_name

    lex = load_lexicon(term_files)
    rel = None if relation == "condition" else Relation(relation)
    link = link_name(term, rel, lex) if rel else link_name(term, None, lex, xrefs=None)
    result = {"term": term, "normalized": normalize(term), "relation": relation, "matched": link and link.matched,
              "ids": [{"id": i, "label": lex.label(i)} for i in (link.ids if link else ())],
              "confidence": link and link.confidence}
    if as_json:
        click.echo(json.dumps(result, indent=1))
        return
    if link is None:
        click.echo(f"{term!r} ({result['normalized']}): no id found", err=True)
        raise click.exceptions.Exit(1)
    click.echo(f"{term!r} -> {link.label} [{link.ids[0]}]  confidence {link.confidence}  matched {link.matched!r}")
    for item in result["ids"][1:]:
        click.echo(f"  also {item['id']}" + (f"  {item['label']}" if item["label"] else ""))


@lexicon.command()
@click.option("--json", "as_json", is_flag=True, help="Print sources and counts as JSON.")
def info(as_json: bool) -> None:
    """List the lexicon's sources with their versions and licenses, and its counts.

    \b
    Example:
      medkg lexicon info --json
    """
    from medkg.ontology.lexicon import load_lexicon

    lex = load_lexicon()
    data = {"sources": lex.sources(), "counts": lex.counts()}
    if as_json:
        click.echo(json.dumps(data, indent=1))
        return
    for src in data["sources"]:
        click.echo(f"{src['name']}\n  version {src['version']}; license {src['license']}; {src['url']}"
                   f"; {src['count']:,} entries")
    click.echo("counts: " + ", ".join(f"{k} {v:,}" for k, v in data["counts"].items()))


@lexicon.command()
@click.argument("gold_dirs", nargs=-1, required=True, type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.option("--show", type=click.Choice(["wrong", "missed"]), multiple=True,
              help="Also list the surfaces that got a wrong id, or none.")
@click.option("--max-wrong-rate", type=float, default=None,
              help="Exit with status 1 when the wrong-id rate over all relations is above this.")
def grade(gold_dirs: tuple[Path, ...], show: tuple[str, ...], max_wrong_rate: float | None) -> None:
    """Grade linking alone: link every gold item's surfaces and compare with the gold ids.

    Prints, per relation, how many surfaces were linked to a right id, to a wrong one (no id
    in common with the gold), or to none; and ids given where the gold has no fitting id.
    Extraction plays no part.

    \b
    Example:
      medkg lexicon grade ../shared/corpus/dev/gold ../shared/corpus/train/gold --show wrong
    """
    from medkg.ontology.grading import CONDITION, grade_linking, total

    files = sorted(p for d in gold_dirs for p in d.glob("*.gold.yaml"))
    if not files:
        raise click.UsageError(f"no *.gold.yaml files in {', '.join(map(str, gold_dirs))}")
    tallies = grade_linking(files)
    overall = total(tallies)
    click.echo(f"{'relation':12} {'surfaces':>8} {'right':>6} {'wrong':>6} {'no id':>6}  ids where gold has none")
    rows = [*(r for r in RELATIONS if r in tallies and r != CONDITION), "all", CONDITION]
    for name in rows:
        t = overall if name == "all" else tallies.get(name)
        if t is None:
            continue
        click.echo(f"{name:12} {t.graded:8d} {t.rate(t.right):6.1%} {t.rate(t.wrong):6.1%} {t.rate(t.missed):6.1%}"
                   f"  {t.spurious}")
    for kind in show:
        for name, t in tallies.items():
            for line in t.wrong_examples if kind == "wrong" else t.missed_examples:
                click.echo(f"{kind} {name}: {line}")
    if max_wrong_rate is not None and overall.rate(overall.wrong) > max_wrong_rate:
        raise click.exceptions.Exit(1)
