"""SPARQL speed: the example queries on the medkg store vs rdflib's engine (`medkg serve`: bench_serve.py).

Usage::

    python bench/bench_sparql.py                      # a generated MedQuAD-sized corpus (5,000 conditions)
    python bench/bench_sparql.py --graphs out/        # graphs built by `medkg build ... --format trig`
    python bench/bench_sparql.py --conditions 500 --skip-rdflib

The generated corpus varies the example record: every condition names symptoms, causes,
risk factors, tests and treatments drawn from shared pools (some linked to ontology ids,
some not), so aggregates and joins have the fan-out of a real corpus. Each query's result
size is checked equal on both engines.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path

RELATION_POOLS = {"symptom": 400, "cause": 150, "risk_factor": 120, "test": 80, "treatment": 200, "prevention": 60}
LIGHT_QUERY = "SELECT ?name WHERE { ?c a schema:MedicalCondition ; schema:name ?name } LIMIT 20"


def make_records(n: int, seed: int = 7):
    """``n`` condition records: the example record, then variations drawn from shared pools."""
    from medkg.model import Evidence, Finding, PageMetadata, Relation
    from medkg.readers.record import read_record

    example = read_record(Path(__file__).resolve().parents[1] / "examples" / "iron-deficiency-anemia.yaml")
    rng = random.Random(seed)
    pools = {rel: [(f"{rel.replace('_', ' ')} {i}", f"HP:{9000000 + 1000 * j + i:07d}" if i % 4 else None)
                   for i in range(size)] for j, (rel, size) in enumerate(RELATION_POOLS.items())}
    pools["symptom"][:2] = [("fatigue", "HP:0012378"), ("pale skin", "HP:0000980")]
    pools["risk_factor"][0] = ("pregnancy", "MESH:D011247")
    records = [example]
    for k in range(1, n):
        findings = []
        for rel, pool in pools.items():
            for name, curie in rng.sample(pool, rng.randint(2, 6) if rel == "symptom" else rng.randint(0, 2)):
                findings.append(Finding(Relation(rel), name, ids=(curie,) if curie else (),
                                        evidence=(Evidence(f"Condition {k} has {name}.", section=rel),)))
        page = PageMetadata(title=f"Condition {k}", url=f"https://health.example.org/conditions/{k}")
        records.append(replace(example, source=f"condition-{k}", name=f"Condition {k}", synonyms=(), subtypes=(),
                               ids=(), definition=None, findings=tuple(findings), page=page))
    return records


def corpus_file(n: int, folder: Path) -> Path:
    """The generated corpus as one N-Quads file, one named graph per article (rdflib's N-Triples, graph added)."""
    from medkg.graph.build import GraphBuilder

    builder = GraphBuilder()
    path = folder / f"corpus-{n}.nq"
    with path.open("w", encoding="utf-8") as out:
        for record in make_records(n):
            graph = builder.build(record)
            for line in graph.serialize(format="nt").splitlines():
                if line.endswith(" ."):
                    out.write(f"{line[:-2]} <{graph.identifier}> .\n")
    return path


def timed(run, repeat: int) -> tuple[float, int]:
    """Median seconds of ``repeat`` runs and the result size."""
    times, size = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        size = run()
        times.append(time.perf_counter() - started)
    return statistics.median(times), size


def bench_queries(files: list[Path], repeat: int, skip_rdflib: bool) -> None:
    from rdflib import Dataset

    from medkg.store import MedkgStore, QueryLimits
    from medkg.store.queries import example_queries

    started = time.perf_counter()
    store = MedkgStore.in_memory(files, limits=QueryLimits(timeout=600, max_results=10**9))
    print(f"medkg store: {len(store):,} distinct triples in {len(store.graphs()):,} graphs, "
          f"loaded in {time.perf_counter() - started:.1f} s")
    ds = None
    if not skip_rdflib:
        started = time.perf_counter()
        ds = Dataset(default_union=True)
        for path in files:
            ds.parse(path, format={".nq": "nquads", ".trig": "trig"}.get(path.suffix, "turtle"))
        print(f"rdflib dataset: {len(ds):,} triples in the union, parsed in {time.perf_counter() - started:.1f} s")
    print(f"{'query':42} {'medkg ms':>10} {'rdflib ms':>10} {'ratio':>7} {'rows':>6}")
    for name, text in example_queries().items():
        ours, rows = timed(lambda text=text: len(store.query(text)), repeat)
        if ds is None:
            print(f"{name:42} {ours * 1000:10.1f} {'-':>10} {'-':>7} {rows:6}")
            continue
        theirs, their_rows = timed(lambda text=text: len(list(ds.query(text))), 1)
        same = "" if their_rows == rows else f"  (rdflib: {their_rows} rows)"
        print(f"{name:42} {ours * 1000:10.1f} {theirs * 1000:10.1f} {theirs / ours:6.0f}x {rows:6}{same}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--graphs", type=Path, help="A folder or file of built graphs instead of a generated corpus.")
    parser.add_argument("--conditions", type=int, default=5000, help="Size of the generated corpus.")
    parser.add_argument("--repeat", type=int, default=5, help="Runs per query on the medkg store (median).")
    parser.add_argument("--skip-rdflib", action="store_true", help="Time the medkg store only.")
    args = parser.parse_args()
    from medkg.store import graph_files

    with tempfile.TemporaryDirectory() as tmp:
        if args.graphs:
            files = graph_files([args.graphs])
        else:
            started = time.perf_counter()
            files = [corpus_file(args.conditions, Path(tmp))]
            print(f"generated {args.conditions:,} conditions in {time.perf_counter() - started:.1f} s")
        bench_queries(files, args.repeat, args.skip_rdflib)


if __name__ == "__main__":
    main()
