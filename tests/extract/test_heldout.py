"""Generalisation: articles written for medkg (not from any publisher), graded like the dev set.

The six articles in ``heldout/`` (conditions absent from ../shared/corpus/dev, in three
formats and five publisher styles) were written with their gold files before any rule was
tuned on them. The floor is the score reached minus a margin: a change that makes extraction
fit the dev set at the cost of other articles fails here.
"""

from __future__ import annotations

from pathlib import Path

HELDOUT = Path(__file__).with_name("heldout")
FLOOR = 0.80  # micro F1; 0.86 when set (0.48 before the rules were generalised)


def test_heldout_articles(shared, grade, tmp_path):
    golds = sorted((HELDOUT / "gold").glob("*.gold.yaml"))
    pairs = [(g, next(p for p in HELDOUT.glob(f"{g.name[: -len('.gold.yaml')]}.*") if p.suffix != ".yaml"))
             for g in golds]
    assert len(pairs) == 6
    p, r, f1, chrome = grade(shared, pairs, tmp_path)
    assert f1 >= FLOOR and not chrome, (p, r, f1, chrome)
