"""Generalisation: articles written for medkg (not from any publisher), graded like the dev set.

The articles in ``heldout/`` (conditions absent from ../shared/corpus/dev, in three formats
and five publisher styles) were written with their gold files before any rule was tuned on
them, in five batches (six, then four times three articles): each later batch was written
after rules had been generalised on the earlier ones, to see whether they carry over (micro F1
on first sight, before -> after the rules of the time: 0.52 -> 0.46, 0.46 -> 0.47,
0.47 -> 0.56, and for the last batch, never tuned on, 0.30 -> 0.65).
Those rules are gone: the learned extractor (trained on ../shared/corpus dev, train and seed,
never on these) scored 0.54 micro F1 at precision 0.81 here, against 0.83 for the rules that
were tuned on these very articles; on NIH articles neither had seen (cross-validation) it beats
the rules. Since its thresholds are chosen for precision 0.82 on cross-validation (train.py's
PRECISION_TARGET) it scores precision 0.87 at F1 0.47 (0.87 and 0.55 with the thresholds before).
The floors are the scores reached minus a margin. The scorer's greedy matching moves scores by
about 0.005 from run to run.
"""

from __future__ import annotations

from pathlib import Path

HELDOUT = Path(__file__).with_name("heldout")
FLOOR = 0.43  # micro F1 on all eighteen; 0.47 when set
PRECISION_FLOOR = 0.82  # 0.87 when set


def test_heldout_articles(shared, grade, tmp_path):
    golds = sorted((HELDOUT / "gold").glob("*.gold.yaml"))
    pairs = [(g, next(p for p in HELDOUT.glob(f"{g.name[: -len('.gold.yaml')]}.*") if p.suffix != ".yaml"))
             for g in golds]
    assert len(pairs) == 18
    p, r, f1, chrome = grade(shared, pairs, tmp_path)
    assert f1 >= FLOOR and p >= PRECISION_FLOOR and not chrome, (p, r, f1, chrome)
