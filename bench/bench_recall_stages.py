"""Where recall is lost: for each article, the share of its required gold items that survive each stage.

usage: python bench/bench_recall_stages.py GOLD_DIR INPUT_DIR [--format html] [--misses]

An item counts at a stage when one of its gold surfaces (lower-cased, spaces normalised) is
(page) in the file's visible text (an HTML page's text outside scripts, styles and ``<head>``),
(article) in ``Article.text`` as the reader builds it, (content) in the blocks findings are read
from (no bylines, references, back matter), (span) a candidate's exact span or name
(:mod:`medkg.extract.candidates`), (named) a candidate whose name the scorer would match to it,
(found) matched by the scorer in the graph ``medkg eval`` builds. A drop between two columns is
the stage that loses the item: the reader (page -> article), the content filter, candidate
generation (-> span/named), the classifier and decoder (-> found). ``--misses`` lists each missed
item with the stage that lost it (page, article, content, named, else classify) and the best
matching candidate's probabilities. Run it with a fixed PYTHONHASHSEED, as ``medkg eval``. It uses the shipped model:
on the corpora that model was trained on (dev, train) its last columns flatter; the reader's do not.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from medkg.extract import _content_blocks, is_term, metadata, semantic_types
from medkg.extract.classifier import load_model
from medkg.extract.findings import article_features, content_words, same_thing
from medkg.pipeline import reader_for
from medkg.readers._common import read_bytes
from medkg.readers.html import decode_html, parse_html

SCORER = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "score.py"
STAGES = ("page", "article", "content", "span", "named", "found")
def _norm(text: str) -> str:
    return " ".join(re.sub(r"[’‘]", "'", text).lower().split())


def _visible(path: Path) -> str:
    if path.suffix.lower() not in (".html", ".htm"):
        return path.read_text(encoding="utf-8", errors="replace")
    root = parse_html(decode_html(read_bytes(path), path), path)
    for el in root.xpath("//script | //style | //noscript | //template | //head"):
        el.drop_tree()
    return " ".join(root.itertext())


@dataclass
class Row:
    """One article's counts: required items, and how many survive each stage."""

    doc: str
    items: int = 0
    kept: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STAGES, 0))
    misses: list[str] = field(default_factory=list)


def stages(gold_path: Path, source: Path, result: dict) -> Row:
    """The counts for one article, given the scorer's result for its graph."""
    model = load_model()
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    article = reader_for(source)(source)
    name = metadata.condition_name(article)
    content = replace(article, blocks=_content_blocks(article))
    cands, rows = article_features(content, (name, *metadata.synonyms(article, name)), is_term, semantic_types)
    probs = model.probabilities(rows) if cands else None
    texts = {"page": _norm(_visible(source)), "article": _norm(article.text),
             "content": _norm(" \n ".join(b.text for b in content.blocks))}
    spans = {_norm(article.text[c.start:c.end]) for c in cands} | {_norm(c.name) for c in cands}
    names = [content_words(c.name) for c in cands]
    row = Row(gold_path.name.removesuffix(".gold.yaml"))
    for relation, items in (gold.get("relations") or {}).items():
        missed = list((result.get("relations") or {}).get(relation, {}).get("missed", []))
        for item in items or []:
            if item.get("optional"):
                continue
            surfaces = [_norm(s) for s in item.get("surfaces") or []] or [_norm(item["label"])]
            matching = [i for i, n in enumerate(names) if any(same_thing(n, content_words(s)) for s in surfaces)]
            found = item["label"] not in missed
            if not found:
                missed.remove(item["label"])
            kept = {**{k: any(s in texts[k] for s in surfaces) for k in texts},
                    "span": any(s in spans for s in surfaces), "named": bool(matching), "found": found}
            row.items += 1
            for k, v in kept.items():
                row.kept[k] += v
            if not found:
                lost = next((k for k in ("page", "article", "content", "named") if not kept[k]), "classify")
                best = ""
                if matching and probs is not None:
                    column = model.classes.index(relation)
                    i = max(matching, key=lambda m: probs[m, column])
                    top = int(probs[i].argmax())
                    best = (f" '{cands[i].name}' p({relation})={probs[i, column]:.2f} "
                            f"top={model.classes[top]}:{probs[i, top]:.2f}")
                row.misses.append(f"{relation:11} lost at {lost:8} {item['label']!r}{best}")
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", type=Path)
    ap.add_argument("inputs", type=Path)
    ap.add_argument("--format", default="html", choices=["html", "md", "txt"])
    ap.add_argument("--misses", action="store_true", help="list each missed item and where it was lost")
    a = ap.parse_args()
    medkg = Path(sys.executable).with_name("medkg")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([str(medkg), "eval", str(a.gold), str(a.inputs), "--format", a.format, "--keep", tmp],
                       check=True, capture_output=True)
        done = subprocess.run([sys.executable, str(SCORER), "--pairs", str(a.gold), str(Path(tmp) / a.format),
                               "--json"], check=True, capture_output=True, text=True)
    results = {r["doc"]: r for r in json.loads(done.stdout)}
    total = Row("ALL")
    print(f"{'article':36} {'items':>5} " + " ".join(f"{s:>7}" for s in STAGES))
    for gold_path in sorted(a.gold.glob("*.gold.yaml")):
        doc = gold_path.name.removesuffix(".gold.yaml")
        source = a.inputs / f"{doc}.{a.format}"
        if not source.exists():
            continue
        row = stages(gold_path, source, results.get(doc, {}))
        total.items += row.items
        for k in STAGES:
            total.kept[k] += row.kept[k]
        _print(row)
        if a.misses:
            print("".join(f"    {m}\n" for m in row.misses), end="")
    _print(total)


def _print(row: Row) -> None:
    if row.items:
        print(f"{row.doc[:36]:36} {row.items:5d} " + " ".join(f"{row.kept[k] / row.items:7.2f}" for k in STAGES))


if __name__ == "__main__":
    main()
