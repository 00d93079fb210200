"""Fixtures for the lexicon and linker tests: the shipped lexicon, the terminology sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from medkg.ontology.lexicon import Lexicon, load_lexicon

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    return load_lexicon()


@pytest.fixture(scope="session")
def ontologies() -> Path:
    """../shared/ontologies, the terminology sources the lexicon is built from."""
    folder = SHARED / "ontologies"
    if not (folder / "hpo" / "hp.obo").is_file():
        pytest.skip(f"{folder.resolve()} is absent: the terminology sources are not beside this checkout")
    return folder


@pytest.fixture(scope="session")
def corpus() -> Path:
    """../shared/corpus with the seed and dev articles and their gold files."""
    folder = SHARED / "corpus"
    if not (folder / "seed" / "neutropenia.txt").is_file():
        pytest.skip(f"{folder.resolve()} is absent: the seed and dev articles are not beside this checkout")
    return folder
