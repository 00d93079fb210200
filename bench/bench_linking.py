"""Lexicon load time and linking throughput (mentions per second) on the MedQuAD corpus.

usage: python bench/bench_linking.py [MEDQUAD_DIR] [--limit N] [--repeat N]

Every document is read and extracted first (not timed); then the records are linked with
``link_record``. A mention is one name to link: each record's condition and each finding.
The first pass runs with an empty cache, later passes (``--repeat``) show the steady state.
Load time is measured in a fresh interpreter, so it includes importing the lexicon module.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

from medkg.errors import MedkgError
from medkg.extract import extract_record
from medkg.model import ConditionRecord
from medkg.readers.medquad import read_medquad

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "medquad"
LOAD = ("import time; t = time.perf_counter(); from medkg.ontology.lexicon import load_lexicon; "
        "load_lexicon(); print(time.perf_counter() - t)")


def load_seconds(runs: int = 5) -> float:
    """The median lexicon load time over fresh interpreters."""
    times = sorted(float(subprocess.run([sys.executable, "-c", LOAD], check=True, capture_output=True,
                                        text=True).stdout) for _ in range(runs))
    return times[runs // 2]


def read_records(paths: list[Path]) -> list[ConditionRecord]:
    records = []
    for path in paths:
        try:
            records.append(extract_record(read_medquad(path)))
        except MedkgError as err:
            print(f"skipped: {err}", file=sys.stderr)
    return records


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("medquad", nargs="?", type=Path, default=DEFAULT, help="the MedQuAD folder")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N documents")
    parser.add_argument("--repeat", type=int, default=2, help="linking passes over the corpus")
    args = parser.parse_args()
    paths = sorted(args.medquad.rglob("*.xml"))[: args.limit]
    if not paths:
        print(f"no MedQuAD XML files under {args.medquad}", file=sys.stderr)
        return 2
    print(f"lexicon load (fresh interpreter, median of 5): {load_seconds():.3f} s")
    records = read_records(paths)
    mentions = sum(1 + len(r.findings) for r in records)

    from medkg.ontology.lexicon import Lexicon
    from medkg.ontology.linker import link_record

    lexicon = Lexicon.from_package()  # pass 1 starts with an empty lookup cache
    for run in range(1, args.repeat + 1):
        start = time.perf_counter()
        linked = [link_record(r, lexicon) for r in records]
        elapsed = time.perf_counter() - start
        with_ids = sum(bool(r.ids) for r in linked) + sum(bool(f.ids) for r in linked for f in r.findings)
        print(f"pass {run}: {len(records)} records, {mentions} mentions linked in {elapsed:.2f} s: "
              f"{mentions / elapsed:,.0f} mentions/s; {with_ids / mentions:.1%} got ids")
    return 0


if __name__ == "__main__":
    sys.exit(main())
