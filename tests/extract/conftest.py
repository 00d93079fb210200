"""Grading helper shared by the quality tests: build articles and run the shared scorer on them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from medkg.exporters import export_files
from medkg.graph.build import GraphBuilder, dataset_of
from medkg.pipeline import read_record


def score_pairs(shared: Path, gold: list[tuple[Path, Path]], outdir: Path):
    """Build each (gold, input) pair's Turtle and return the scorer's micro (P, R, F1) and chrome found."""
    builder = GraphBuilder()
    for _, path in gold:
        for name, data in export_files(dataset_of([builder.build(read_record(path))]), "ttl", path.stem):
            (outdir / name).write_bytes(data)
    gold_dir = gold[0][0].parent
    done = subprocess.run([sys.executable, str(shared / "eval" / "score.py"), "--pairs", str(gold_dir),
                           str(outdir), "--json"], capture_output=True, text=True, check=True)
    results = [r for r in json.loads(done.stdout) if (outdir / f"{r['doc']}.ttl").exists()]
    tp = sum(v["tp"] for r in results for v in r["relations"].values())
    fp = sum(v["fp"] for r in results for v in r["relations"].values())
    fn = sum(v["fn"] for r in results for v in r["relations"].values())
    opt = sum(v["optional_hits"] for r in results for v in r["relations"].values())
    p = (tp + opt) / (tp + opt + fp)
    r = tp / (tp + fn)
    return p, r, 2 * p * r / (p + r), [c for res in results for c in res["chrome_found"]]


@pytest.fixture
def grade():
    """:func:`score_pairs`, for tests that grade builds."""
    return score_pairs
