"""End to end on the MedQuAD corpus: `medkg build` then `medkg validate` of the corpus graph.

usage: python bench/bench_build.py [MEDQUAD_DIR] [--formats ttl,trig] [--limit N]

Runs the real command in a child process per step, so each step's wall time and peak
memory (maximum resident set size of the child) are its own. MEDQUAD_DIR defaults to
../shared/corpus/medquad beside the checkout.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "medquad"


def run(args: list[str]) -> tuple[float, float]:
    """Wall seconds and this child's own peak memory in MB (os.wait4 reports it per child)."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-m", "medkg.cli", *args], stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):  # 1: the data has SHACL violations, still a result
            errors.seek(0)
            sys.exit(f"medkg {args[0]} failed ({code}): {errors.read().decode()[:500]}")
    return wall, usage.ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("medquad", nargs="?", type=Path, default=DEFAULT, help="the MedQuAD folder")
    parser.add_argument("--formats", default="ttl,trig", help="formats to build")
    parser.add_argument("--limit", type=int, default=None, help="build only the first N documents")
    args = parser.parse_args()
    paths = sorted(args.medquad.rglob("*.xml"))[: args.limit]
    if not paths:
        sys.exit(f"no MedQuAD documents under {args.medquad}")
    out = Path(tempfile.mkdtemp(prefix="medkg-bench-"))
    try:
        inputs = [str(args.medquad)] if args.limit is None else [str(p) for p in paths]
        wall, peak = run(["build", *inputs, "-o", str(out), "-f", args.formats, "-q", "--keep-going"])
        corpus = out / "corpus.ttl"
        triples = sum(1 for line in (out / "corpus.nt").open()) if (out / "corpus.nt").exists() else None
        print(f"build     {len(paths):5d} documents  {wall:7.1f} s  {len(paths) / wall:6.1f} docs/s  "
              f"peak {peak:7.0f} MB  corpus.ttl {corpus.stat().st_size / 1e6:.1f} MB"
              + (f"  {triples} triples" if triples else ""))
        wall, peak = run(["validate", str(corpus), "--format", "json", "--min-severity", "Violation"])
        print(f"validate  corpus.ttl        {wall:7.1f} s  peak {peak:7.0f} MB")
    finally:
        shutil.rmtree(out, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
