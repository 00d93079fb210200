"""Generalisation: articles written for medkg (not from any publisher), graded like the dev set.

The articles in ``heldout/`` (conditions absent from ../shared/corpus/dev, in three formats
and five publisher styles) were written with their gold files before any rule was tuned on
them, in five batches (six, then four times three articles): each later batch was written
after rules had been generalised on the earlier ones, to see whether they carry over (micro F1
on first sight, before -> after the rules of the time: 0.52 -> 0.46, 0.46 -> 0.47,
0.47 -> 0.56, and for the last batch, never tuned on, 0.30 -> 0.65).
The floor is the score reached minus a margin: a change that makes extraction fit the dev set
at the cost of other articles fails here. The scorer's greedy matching moves scores by about
0.005 from run to run.
"""

from __future__ import annotations

from pathlib import Path

HELDOUT = Path(__file__).with_name("heldout")
FLOOR = 0.78  # micro F1 on all eighteen; 0.84 when set (0.46 before the rules were generalised)


def test_heldout_articles(shared, grade, tmp_path):
    golds = sorted((HELDOUT / "gold").glob("*.gold.yaml"))
    pairs = [(g, next(p for p in HELDOUT.glob(f"{g.name[: -len('.gold.yaml')]}.*") if p.suffix != ".yaml"))
             for g in golds]
    assert len(pairs) == 18
    p, r, f1, chrome = grade(shared, pairs, tmp_path)
    assert f1 >= FLOOR and not chrome, (p, r, f1, chrome)
