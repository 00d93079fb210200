"""MedQuAD from XML to a validated, queryable graph: every step of issue 13's table in one run.

usage: python bench/bench_corpus.py [MEDQUAD_DIR] [--limit N] [--scaling N] [--jobs N] [--keep DIR]

Each step runs the real ``medkg`` command in a child process, so its figures are its own:
wall seconds, CPU seconds (user + sys of the child and every process it started, from
``wait4``) and peak RSS, the largest sum of resident memory over the child's whole process
tree (sampled every 20 ms, so worker processes count too). The floor rows beside them are
what the libraries alone take for the same data: lxml parsing every XML file, pyoxigraph
writing the corpus's quads, pyoxigraph bulk-loading them. The machine is shared, so read
CPU seconds beside wall.

``--limit N`` builds an evenly spread sample of N documents (every k-th file) instead of
the whole corpus; ``--scaling N`` adds a build of such a sample of N documents and prints
the time per document of both builds. MEDQUAD_DIR defaults to ../shared/corpus/medquad.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "corpus" / "medquad"
SEED = ROOT.parent / "shared" / "corpus" / "seed" / "neutropenia.txt"


@dataclass(frozen=True, slots=True)
class Measure:
    """One child's figures."""

    wall: float
    cpu: float
    peak_mb: float
    code: int
    stdout: str


def _tree_rss_kb(root: int) -> int:
    """Resident memory of ``root`` and all its descendants, in KB (0 once it is gone)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{entry.name}/statm") as f:
                pages = int(f.read().split()[1])
        except (OSError, IndexError, ValueError):
            continue
        pid = int(entry.name)
        children.setdefault(int(fields[1]), []).append(pid)
        rss[pid] = pages * os.sysconf("SC_PAGE_SIZE") // 1024
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo += children.get(pid, [])
    return total


def run(cmd: list[str], *, ok: tuple[int, ...] = (0,), cwd: Path | None = None) -> Measure:
    """Run ``cmd``, sampling its process tree's memory; exit if it fails."""
    with tempfile.TemporaryFile() as errors, tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        child = subprocess.Popen(cmd, stdout=output, stderr=errors, cwd=cwd)
        peak = 0
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.is_set():
                peak = max(peak, _tree_rss_kb(child.pid))
                done.wait(0.02)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        done.set()
        sampler.join()
        code = os.waitstatus_to_exitcode(status)
        if code not in ok:
            errors.seek(0)
            sys.exit(f"{' '.join(cmd[:4])} ... failed ({code}): {errors.read().decode()[-800:]}")
        output.seek(0)
        stdout = output.read().decode("utf-8", "replace")
    peak_mb = max(peak, usage.ru_maxrss) / 1024
    return Measure(wall, usage.ru_utime + usage.ru_stime, peak_mb, code, stdout)


def medkg(*args: str, ok: tuple[int, ...] = (0,)) -> Measure:
    return run([sys.executable, "-m", "medkg.cli", *args], ok=ok)


def query(*args: str) -> tuple[Measure, str]:
    """A query's figures, and "timed out" when it ran past `medkg query`'s 30 s limit (exit 2)."""
    m = medkg("query", *args, ok=(0, 2))
    return m, "timed out (30 s limit)" if m.code == 2 else ""


def rows(m: Measure) -> int:
    """Solutions in a query's CSV output (its header line left out; a quoted line break kept in its row)."""
    return max(sum(1 for _ in csv.reader(io.StringIO(m.stdout))) - 1, 0)


def python(code: str, *args: str) -> Measure:
    return run([sys.executable, "-c", code, *args])


def row(step: str, m: Measure, note: str = "") -> None:
    print(f"| {step} | {m.wall:.2f} s | {m.cpu:.2f} s | {m.peak_mb:,.0f} MB | {note} |", flush=True)


def examples(query: Path) -> list[str]:
    """``--param NAME=VALUE`` for each ``# @param`` line of a shipped query, with its documented example."""
    out = []
    for name, desc in re.findall(r"^# @param\s+(\w+)\s+\w+\s+(.*)$", query.read_text(), re.M):
        value = re.search(r"\((?:e\.g\. )?([^)]+)\)", desc)
        if value:
            out += ["--param", f"{name}={value.group(1)}"]
    return out


def sample(paths: list[Path], n: int | None) -> list[Path]:
    """``n`` files spread evenly over the sorted corpus (all of them when n is None)."""
    if n is None or n >= len(paths):
        return paths
    step = len(paths) / n
    return [paths[int(i * step)] for i in range(n)]


FLOOR_PARSE = """
import sys
from pathlib import Path
from lxml import etree
parser = etree.XMLParser(resolve_entities=False, no_network=True)
for p in sorted(Path(sys.argv[1]).read_text().split()):
    etree.parse(p, parser)
"""

FLOOR_WRITE = """
import sys, time, pyoxigraph as ox
quads = list(ox.parse(path=sys.argv[1], format=ox.RdfFormat.N_QUADS))
for fmt in (ox.RdfFormat.TRIG, ox.RdfFormat.TURTLE, ox.RdfFormat.N_QUADS):
    start = time.perf_counter()
    data = ox.serialize(quads if fmt != ox.RdfFormat.TURTLE else [q.triple for q in quads], format=fmt)
    print(f"{fmt.name} {time.perf_counter() - start:.2f} s", end=", ")
"""

FLOOR_LOAD = """
import sys, pyoxigraph as ox
store = ox.Store(sys.argv[2])
store.bulk_load(path=sys.argv[1], format=ox.RdfFormat.N_QUADS)
store.optimize()
"""

DUMP_NQ = """
import sys
from pathlib import Path
import pyoxigraph as ox
from medkg.store.store import graph_files, read_graphs
with open(sys.argv[2], "wb") as out:
    for path in graph_files([Path(sys.argv[1])]):
        for name, triples in read_graphs(path).items():
            out.write(ox.serialize([ox.Quad(*t, ox.NamedNode(name)) for t in triples], format=ox.RdfFormat.N_QUADS))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("medquad", nargs="?", type=Path, default=DEFAULT, help="the MedQuAD folder")
    parser.add_argument("--limit", type=int, default=None, help="build an evenly spread sample of N documents")
    parser.add_argument("--scaling", type=int, default=None, help="also build a sample of N documents, to "
                        "compare the time per document")
    parser.add_argument("--jobs", type=int, default=None, help="pass --jobs to medkg build (when it has it)")
    parser.add_argument("--keep", type=Path, default=None, help="keep the outputs and the store in this folder")
    args = parser.parse_args()
    everything = sorted(args.medquad.rglob("*.xml"))
    if not everything:
        sys.exit(f"no MedQuAD documents under {args.medquad}")
    paths = sample(everything, args.limit)
    work = args.keep or Path(tempfile.mkdtemp(prefix="medkg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    out, store = work / "out", work / "kg.store"
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(store, ignore_errors=True)
    listing = work / "inputs.txt"
    listing.write_text("\n".join(map(str, paths)) + "\n")
    help_text = subprocess.run([sys.executable, "-m", "medkg.cli", "build", "--help"], capture_output=True,
                               text=True, check=True).stdout
    has_validate = "--validate" in help_text
    jobs = ["--jobs", str(args.jobs)] if args.jobs and "--jobs" in help_text else []
    try:
        print(f"{len(paths)} MedQuAD documents, {os.cpu_count()} cores; load average "
              f"{os.getloadavg()[0]:.2f} at start\n")
        print("| step | wall | CPU (user+sys) | peak RSS | note |\n|---|---|---|---|---|")
        inputs = [str(args.medquad)] if args.limit is None else [str(p) for p in paths]
        build = medkg("build", *inputs, "-o", str(out), "-q", "--keep-going", *jobs,
                      *(["--validate"] if has_validate else []), ok=(0, 1))
        files = sum(1 for p in out.iterdir() if p.is_file())
        row("`medkg build` (default formats" + (", --validate)" if has_validate else ")"), build,
            f"{len(paths)} docs, {1000 * build.wall / len(paths):.1f} ms/doc wall, "
            f"{1000 * build.cpu / len(paths):.1f} ms/doc CPU, {files} files")
        if not has_validate:
            row("`medkg validate corpus.ttl --engine sparql` (separate step today)",
                medkg("validate", str(out / "corpus.ttl"), "--engine", "sparql", "--format", "json",
                      "--min-severity", "Violation", ok=(0, 1)))
        if args.scaling:
            small = sample(everything, args.scaling)
            small_out = work / "out-scaling"
            shutil.rmtree(small_out, ignore_errors=True)
            m = medkg("build", *map(str, small), "-o", str(small_out), "-q", "--keep-going", *jobs,
                      *(["--validate"] if has_validate else []), ok=(0, 1))
            row(f"same build, {len(small)} docs", m, f"{1000 * m.wall / len(small):.1f} ms/doc wall, "
                f"{1000 * m.cpu / len(small):.1f} ms/doc CPU (vs {1000 * build.cpu / len(paths):.1f} at "
                f"{len(paths)})")
            shutil.rmtree(small_out, ignore_errors=True)
        load = medkg("load", str(out), "--store", str(store), "-q")
        size = sum(f.stat().st_size for f in store.rglob("*") if f.is_file())
        row("`medkg load` of the build folder", load, f"store on disk {size / 1e6:,.0f} MB")
        opened = medkg("query", "--store", str(store), "ASK { ?s ?p ?o }")
        row("open the store + ASK", opened)
        shipped = sorted(p.stem for p in (ROOT / "src" / "medkg" / "queries").glob("*.rq"))
        for name in shipped:
            m, note = query("--store", str(store), "--file", name, "-f", "csv")
            row(f"query `{name}`", m, note or f"no parameters: {rows(m)} rows")
            params = examples(ROOT / "src" / "medkg" / "queries" / f"{name}.rq")
            if params:
                m, note = query("--store", str(store), "--file", name, "-f", "csv", *params)
                row(f"query `{name}` {' '.join(params)}", m, note or f"the doc's example values: {rows(m)} rows")
        with tempfile.TemporaryDirectory() as one:
            if SEED.is_file():
                row("one article cold build (seed)", medkg("build", str(SEED), "-o", one, "-q"))
        row("`medkg --help`", medkg("--help"))
        nq = work / "corpus-floor.nq"
        python(DUMP_NQ, str(out), str(nq))
        quads = sum(1 for _ in nq.open("rb"))
        row("floor: lxml parses every XML file", python(FLOOR_PARSE, str(listing)), f"{len(paths)} files")
        write = run([sys.executable, "-c", FLOOR_WRITE, str(nq)])
        row("floor: pyoxigraph parses the quads, writes TriG, Turtle, N-Quads", write,
            f"{quads:,} quads; writing alone: {write.stdout.strip(', ')}")
        floor_store = work / "floor.store"
        shutil.rmtree(floor_store, ignore_errors=True)
        row("floor: pyoxigraph bulk_load + optimize of the quads", python(FLOOR_LOAD, str(nq), str(floor_store)))
        shutil.rmtree(floor_store, ignore_errors=True)
        nq.unlink()
        print(f"\nload average {os.getloadavg()[0]:.2f} at the end")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
