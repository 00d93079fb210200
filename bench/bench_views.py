"""Graph-view speed: building the networkx view and writing GraphML, GEXF, node-link and Cytoscape JSON.

Usage::

    python bench/bench_views.py                       # 1,000 generated curated records
    python bench/bench_views.py --conditions 5000     # about MedQuAD's size
    python bench/bench_views.py --formats graphml,nodelink --repeat 3
    python bench/bench_views.py --command             # `medkg export --merge` of 1,000 files to 10 formats

``--command`` writes one Turtle file per record, as ``medkg build`` does, and runs the real
``medkg export FILES --merge corpus`` in a child process: wall time, CPU time and peak
memory (the child's maximum resident set size), beside a floor: the same command writing
N-Triples only (read the files, write one RDF syntax).

The generated records vary the example record: each condition has 20-40 findings drawn
from shared pools of concepts (two thirds linked to ontology ids), so concepts are shared
across conditions as in a real corpus. Each step prints its median wall time over
``--repeat`` runs, the output size, and the view's node and edge counts.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from medkg.exporters import export, export_files
from medkg.graph.build import build_dataset
from medkg.model import ConditionRecord, Evidence, Finding, Relation
from medkg.readers.record import read_record
from medkg.views import to_networkx

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "iron-deficiency-anemia.yaml"
POOLS = {Relation.SYMPTOM: 400, Relation.CAUSE: 150, Relation.RISK_FACTOR: 120, Relation.TEST: 80,
         Relation.TREATMENT: 200, Relation.PREVENTION: 60, Relation.COMPLICATION: 50}


def records(n: int, seed: int = 5) -> list[ConditionRecord]:
    """``n`` curated records around the example, with shared, partly linked findings."""
    rng = random.Random(seed)
    base = read_record(EXAMPLE)
    out = []
    for i in range(n):
        findings = []
        for relation, pool in POOLS.items():
            for k in rng.sample(range(pool), rng.randint(2, 6)):
                ids = (f"HP:{list(POOLS).index(relation) * 1000 + k:07d}",) if k % 3 else ()
                findings.append(Finding(relation, f"{relation.value} concept {k}", ids=ids,
                                        qualifier="in children" if k % 7 == 0 else None,
                                        evidence=(Evidence(f"Article {i} says {relation.value} {k}."),)))
        out.append(replace(base, source=f"article-{i}", name=f"Condition {i}", ids=(f"DOID:{100000 + i}",),
                           subtypes=(), findings=tuple(findings)))
    return out


def timed(step: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Median seconds over ``repeat`` runs, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = step()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


#: the ten graph-view formats `medkg export` makes
VIEW_FORMATS = "graphml,gexf,nodelink,cytoscape,dot,svg,png,html,kgx,neo4j"


def run_export(files: list[Path], formats: str, out: Path) -> tuple[float, float, float]:
    """Wall and CPU seconds and peak MB of ``medkg export FILES --merge corpus --format FORMATS`` in a child."""
    args = [sys.executable, "-m", "medkg.cli", "export", *map(str, files), "--merge", "corpus", "--format", formats,
            "-o", str(out), "-q"]
    start = time.perf_counter()
    child = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"medkg export failed: {child.stderr.read().decode()[:500] if child.stderr else ''}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def command_bench(n: int, formats: str) -> None:
    """Time the export command on ``n`` article files, and its floor."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "built"
        folder.mkdir()
        files = []
        for record in records(n):
            for name, data in export_files(build_dataset([record]), "ttl", record.source):
                (folder / name).write_bytes(data)
                files.append(folder / name)
        for label, fmts in (("floor (nt only)", "nt"), (f"{len(formats.split(','))} formats", formats)):
            wall, cpu, peak = run_export(files, fmts, Path(tmp) / "out")
            written = sum(1 for _ in (Path(tmp) / "out").iterdir())
            print(f"medkg export of {n} files, {label}: {wall:.1f} s wall, {cpu:.1f} s CPU, {peak:.0f} MB peak, "
                  f"{written} files in the folder")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conditions", type=int, default=1000, help="How many records to generate.")
    parser.add_argument("--formats", default="graphml,gexf,nodelink,cytoscape", help="Comma-separated formats.")
    parser.add_argument("--repeat", type=int, default=1, help="Runs per step; the median is printed.")
    parser.add_argument("--command", action="store_true",
                        help=f"Time `medkg export --merge` of one file per record to {VIEW_FORMATS}.")
    args = parser.parse_args()
    if args.command:
        command_bench(args.conditions, args.formats if args.formats != parser.get_default("formats")
                      else VIEW_FORMATS)
        return

    seconds, recs = timed(lambda: records(args.conditions), 1)
    print(f"generate {args.conditions} records: {seconds:.2f} s")
    seconds, dataset = timed(lambda: build_dataset(recs), 1)
    print(f"build RDF dataset: {seconds:.2f} s, {len(dataset):,} quads")
    seconds, view = timed(lambda: to_networkx(dataset), args.repeat)
    print(f"to_networkx: {seconds:.2f} s, {view.number_of_nodes():,} nodes, {view.number_of_edges():,} edges")
    for fmt in filter(None, args.formats.split(",")):
        seconds, data = timed(lambda fmt=fmt: export(dataset, fmt), args.repeat)
        size = sum(map(len, data.values())) if isinstance(data, dict) else len(data)
        print(f"{fmt} (view included): {seconds:.2f} s, {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
