"""Extraction quality, graded by the shared scorer on real articles (issue 3's thresholds)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from medkg.commands.evaluate import FORMATS
from medkg.exporters import export_files
from medkg.graph.build import GraphBuilder, dataset_of
from medkg.pipeline import read_record


def _score(shared, gold: list, outdir):
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


def test_seed(shared, tmp_path):
    seed = shared / "corpus" / "seed"
    p, r, f1, chrome = _score(shared, [(seed / "neutropenia.gold.yaml", seed / "neutropenia.txt")], tmp_path)
    assert f1 >= 0.90 and not chrome, (p, r, f1, chrome)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_dev(shared, tmp_path, fmt):
    dev = shared / "corpus" / "dev"
    golds = sorted((dev / "gold").glob("*.gold.yaml"))
    pairs = [(g, dev / f"{g.name[: -len('.gold.yaml')]}{FORMATS[fmt]}") for g in golds]
    p, r, f1, chrome = _score(shared, pairs, tmp_path)
    assert f1 >= 0.65 and p >= 0.70 and not chrome, (p, r, f1, chrome)


def test_eval_command(shared, tmp_path):
    from click.testing import CliRunner

    from medkg.commands.evaluate import evaluate

    seed = shared / "corpus" / "seed"
    args = [str(seed), str(seed), "--format", "txt", "--scorer", str(shared / "eval" / "score.py"),
            "--keep", str(tmp_path), "--fail-under", "0.9"]
    result = CliRunner().invoke(evaluate, args)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1].split()[:2] == ["txt", "1"]
    assert (tmp_path / "txt" / "neutropenia.ttl").is_file()
    missing = CliRunner().invoke(evaluate, [str(seed), str(tmp_path), "--scorer", str(shared / "eval" / "score.py")])
    assert missing.exit_code == 2 and "no input" in missing.output
