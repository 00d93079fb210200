"""Generalisation: articles written for medkg (not from any publisher), graded like the dev set.

The articles in ``heldout/`` (conditions absent from ../shared/corpus/dev, in three formats
and five publisher styles) were written with their gold files before any rule was tuned on
them: six first, then three more (eczema, hypothyroidism, urinary tract infection) once rules
had been generalised on the six, to see whether they carry over. The floor is the score
reached minus a margin: a change that makes extraction fit the dev set at the cost of other
articles fails here.
"""

from __future__ import annotations

from pathlib import Path

HELDOUT = Path(__file__).with_name("heldout")
FLOOR = 0.70  # micro F1 on all nine; 0.75 when set (0.50 before the rules were generalised)


def test_heldout_articles(shared, grade, tmp_path):
    golds = sorted((HELDOUT / "gold").glob("*.gold.yaml"))
    pairs = [(g, next(p for p in HELDOUT.glob(f"{g.name[: -len('.gold.yaml')]}.*") if p.suffix != ".yaml"))
             for g in golds]
    assert len(pairs) == 9
    p, r, f1, chrome = grade(shared, pairs, tmp_path)
    assert f1 >= FLOOR and not chrome, (p, r, f1, chrome)
