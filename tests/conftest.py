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
