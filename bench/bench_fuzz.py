"""Fuzzing `medkg build`: thousands of seeded mutations of the hostile inputs, every run checked.

Usage::

    python bench/bench_fuzz.py                 # 2,000 inputs, seed 1
    python bench/bench_fuzz.py --count 5000 --seed 7 --formats ttl,jsonld,page,html,graphml,gexf

Each input is built in this process (``medkg.cli.main``) and held to the contract that
``tests/test_hostile.py`` checks on a few hundred: exit 0 or 2; every message one line naming
the file; nothing written on failure; every output parsed back by a real reader. A crash is
any run that breaks it. Prints the counts, the crashes (name, exit code, last message) and
the wall time, CPU time and peak RSS; exits 1 if any input crashed.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import resource
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000, help="inputs to generate and build")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--formats", default="ttl,jsonld,page,graphml,gexf")
    args = parser.parse_args()

    from hostile import check_run, fuzz_cases

    from medkg.cli import main as medkg

    started, cpu = time.perf_counter(), time.process_time()
    codes: Counter[int] = Counter()
    crashes = []
    scratch = Path(tempfile.mkdtemp(prefix="medkg-fuzz-"))
    try:
        for i, (name, data) in enumerate(fuzz_cases(args.count, args.seed)):
            case = scratch / str(i)
            (case / "in").mkdir(parents=True)
            source = case / "in" / name
            source.write_bytes(data)
            err = io.StringIO()
            with contextlib.redirect_stderr(err):
                code = medkg(["build", str(source), "-o", str(case / "out"), "--no-link", "-q",
                              "--format", args.formats])
            codes[code] += 1
            lines = err.getvalue().splitlines()
            try:
                check_run(code, lines, case / "out", name)
            except (AssertionError, UnicodeDecodeError, ValueError) as failure:
                crashes.append((name, code, (lines or [str(failure)])[-1][:200]))
            shutil.rmtree(case, ignore_errors=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"inputs: {args.count} (seed {args.seed}, formats {args.formats})")
    print(f"exit codes: {dict(sorted(codes.items()))}")
    print(f"crashes: {len(crashes)}")
    for name, code, message in crashes[:50]:
        print(f"  {name}: exit {code}: {message}")
    print(f"wall {wall:.1f} s, CPU {cpu:.1f} s, {args.count / wall:.1f} inputs/s, peak RSS {peak:.0f} MB "
          f"(floor: `medkg build` of the example record in a fresh process, 0.5 s and 77 MB)")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
