"""Read and extract the whole MedQuAD corpus; print documents per second and peak memory.

usage: python bench/bench_read_medquad.py [MEDQUAD_DIR] [--limit N]

MEDQUAD_DIR defaults to ../shared/corpus/medquad beside the checkout. Peak memory is the
process's maximum resident set size (resource.getrusage), so it includes the interpreter.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

from medkg.errors import MedkgError
from medkg.extract import extract_record
from medkg.readers.medquad import read_medquad

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "medquad"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("medquad", nargs="?", type=Path, default=DEFAULT, help="the MedQuAD folder")
    parser.add_argument("--limit", type=int, default=None, help="read only the first N documents")
    args = parser.parse_args()
    paths = sorted(args.medquad.rglob("*.xml"))[: args.limit]
    if not paths:
        print(f"no MedQuAD XML files under {args.medquad}", file=sys.stderr)
        return 2
    findings = failed = 0
    start = time.perf_counter()
    for path in paths:
        try:
            findings += len(extract_record(read_medquad(path)).findings)
        except MedkgError as err:
            failed += 1
            print(f"failed: {err}", file=sys.stderr)
    elapsed = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"{len(paths)} documents ({failed} failed, {findings} findings) in {elapsed:.1f} s: "
          f"{len(paths) / elapsed:.0f} documents/s, peak memory {peak_mb:.0f} MB")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
