"""Shared fixtures: the example record, built graphs, and the ../shared data when present."""

from __future__ import annotations

from pathlib import Path

import pytest

from medkg.graph.build import build_graph
from medkg.model import ConditionRecord
from medkg.readers.record import read_record

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLE = REPO / "examples" / "iron-deficiency-anemia.yaml"


@pytest.fixture
def shared() -> Path:
    """../shared beside the checkout (CI always has it; a user's own clone may not)."""
    if not (SHARED / "eval" / "score.py").is_file():
        pytest.skip(f"{SHARED} is absent: the shared corpus, gold files and schema.org data are not here")
    return SHARED


@pytest.fixture
def example_record() -> ConditionRecord:
    return read_record(EXAMPLE)


@pytest.fixture
def example_graph(example_record):
    return build_graph(example_record)


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """One line at the end of a run, after pytest's own summary: how many tests skipped, grouped by why
    (a missing extra, ../shared)."""
    from collections import Counter

    yield

    reasons: Counter[str] = Counter()
    for report in terminalreporter.stats.get("skipped", []):
        longrepr = report.longrepr
        reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
        reasons[reason.removeprefix("Skipped: ")] += 1
    total = sum(reasons.values())
    if total:
        why = "; ".join(f"{n} because {reason}" for reason, n in sorted(reasons.items(), key=lambda r: (-r[1], r[0])))
        terminalreporter.write_line(f"medkg: {total} skipped: {why}")
    else:
        terminalreporter.write_line("medkg: no test skipped (every extra and ../shared are here)")
