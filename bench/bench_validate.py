"""SHACL validation of a corpus graph: pySHACL against the SPARQL engine, time, memory and equal results.

Usage::

    python bench/bench_validate.py                              # 1,000 generated conditions
    python bench/bench_validate.py /tmp/mq/corpus.ttl --engines sparql
    python bench/bench_validate.py out/corpus.trig --conditions 5000 --save /tmp/results

Each engine runs the real ``medkg validate --engine E --format json`` in a child process, so
its wall time and peak memory (maximum resident set size of the child) are its own, file
parsing included. Without a graph file, the records of bench_views.py (the example record
varied into ``--conditions`` conditions with shared, partly linked findings) are built and
written as TriG. When both engines ran, the script says whether their result sets, as
(severity, focus, path, message), are equal (printing the first differences if not), and
whether the whole reports are, names, quotes, order and counts included.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def generate(conditions: int, path: Path) -> None:
    """Write a corpus graph of ``conditions`` generated records as TriG."""
    from bench_views import records

    from medkg.exporters import export
    from medkg.graph.build import build_dataset

    path.write_bytes(export(build_dataset(records(conditions)), "trig"))


def generated(conditions: int, folder: Path) -> Path:
    """The generated graph, made in a child process: a child forked from a big parent would
    report the parent's memory as its own peak."""
    path = folder / f"generated-{conditions}.trig"
    subprocess.run([sys.executable, __file__, "--generate", str(conditions), str(path)], check=True)
    return path


def run(graph: Path, engine: str, out: Path) -> tuple[float, float, list[dict]]:
    """Wall seconds, the child's peak memory in MB, and its results."""
    with out.open("wb") as stdout, tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-m", "medkg.cli", "validate", str(graph), "--engine", engine,
                                  "--format", "json"], stdout=stdout, stderr=errors)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) not in (0, 1):  # 1: the graph has violations, still a result
            errors.seek(0)
            sys.exit(f"medkg validate --engine {engine} failed: {errors.read().decode()[-800:]}")
    (report,) = json.loads(out.read_text(encoding="utf-8"))
    return wall, usage.ru_maxrss / 1024, report["results"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("graph", nargs="?", type=Path, help="a corpus graph file (default: generate one)")
    parser.add_argument("--engines", default="pyshacl,sparql", help="engines to run, comma-separated")
    parser.add_argument("--conditions", type=int, default=1000, help="conditions to generate without a graph file")
    parser.add_argument("--save", type=Path, help="keep each engine's JSON report in this folder")
    parser.add_argument("--generate", nargs=2, metavar=("CONDITIONS", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate:
        generate(int(args.generate[0]), Path(args.generate[1]))
        return 0
    folder = Path(tempfile.mkdtemp(prefix="medkg-bench-validate-"))
    try:
        graph = args.graph or generated(args.conditions, folder)
        print(f"{graph} ({graph.stat().st_size / 1e6:.1f} MB)", flush=True)
        reports: dict[str, list[dict]] = {}
        for engine in args.engines.split(","):
            out = (args.save or folder) / f"{engine}.json"
            out.parent.mkdir(parents=True, exist_ok=True)
            wall, peak, reports[engine] = run(graph, engine, out)
            print(f"{engine:8} {wall:8.1f} s  peak {peak:7.0f} MB  {len(reports[engine])} results", flush=True)
        if len(reports) == 2:
            first, second = ({(r["severity"], r["focus"], r["path"], r["message"]) for r in rs}
                             for rs in reports.values())
            print(f"result sets ({len(first)} distinct) equal" if first == second else
                  f"result sets DIFFER: {sorted(first - second)[:5]} ... {sorted(second - first)[:5]}")
            print("whole reports equal" if len(set(map(json.dumps, reports.values()))) == 1 else
                  "whole reports differ (names, quotes, order or counts)")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
