"""The extractor's model and speed: retrain it and compare bytes with the shipped file; time extraction.

usage: python bench/bench_extractor.py [--medquad N] [--no-train]

Retraining runs ``python -m medkg.extract.train`` on ../shared/corpus/{dev,train,seed},
corpus/annotated and corpus/written (the README's training command) into a
temporary file and reports whether it equals ``src/medkg/extract/extractor.json`` byte for
byte (the shipped model must be reproducible). Then it reads N MedQuAD documents and times
extraction alone (reading excluded): ms per document, with a floor beside it: the time to lower-case and
tokenise the same texts once, the least any extractor of words must spend. It prints the model
file's size and the time to load it (a cold start pays it once).
"""

from __future__ import annotations

import argparse
import re
import resource
import subprocess
import sys
import tempfile
import time
from importlib.resources import files
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = Path(__file__).resolve().parents[1] / "corpus"
_TOKEN = re.compile(r"[a-z0-9]+")


def retrain_matches() -> bool:
    """Train a fresh model from the README's training corpora (~20 min on 2 cores), compare with the shipped one."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "extractor.json"
        corpora = [*(str(SHARED / "corpus" / c) for c in ("dev", "train", "seed")),
                   *(str(CORPUS / c) for c in ("annotated", "written"))]
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "medkg.extract.train", *corpora, "-o", str(out)], check=True)
        shipped = files("medkg.extract").joinpath("extractor.json").read_bytes()
        same = out.read_bytes() == shipped
        print(f"retrained in {time.perf_counter() - start:.0f} s: {'identical to' if same else 'DIFFERS from'} "
              f"the shipped model ({len(shipped):,} bytes)")
        return same


def extraction_speed(limit: int) -> None:
    from medkg.extract import extract_record
    from medkg.extract.classifier import load_model
    from medkg.readers.medquad import read_medquad

    paths = sorted((SHARED / "corpus" / "medquad").rglob("*.xml"))[:limit]
    articles = [read_medquad(p) for p in paths]
    start = time.perf_counter()
    load_model()
    size = files("medkg.extract").joinpath("extractor.json").stat().st_size
    print(f"model: {size:,} bytes, loaded in {time.perf_counter() - start:.2f} s")
    extract_record(articles[0])  # load the lexicon once
    start = time.perf_counter()
    cpu = time.process_time()
    findings = sum(len(extract_record(a).findings) for a in articles)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    floor = time.process_time()
    tokens = sum(len(_TOKEN.findall(a.text.lower())) for a in articles)
    floor = time.process_time() - floor
    print(f"{len(articles)} MedQuAD documents, {findings} findings: {1000 * wall / len(articles):.1f} ms wall, "
          f"{1000 * cpu / len(articles):.1f} ms CPU per document, peak {peak:.0f} MB; floor (tokenising their "
          f"{tokens:,} words once) {1000 * floor / len(articles):.2f} ms CPU per document")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--medquad", type=int, default=300, help="MedQuAD documents to time")
    parser.add_argument("--no-train", action="store_true", help="skip the retraining check")
    args = parser.parse_args()
    same = True if args.no_train else retrain_matches()
    extraction_speed(args.medquad)
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
