"""Article graphs built by the tests: the example record and two made-up conditions sharing findings."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from medkg.exporters import export_files
from medkg.files import write_atomic
from medkg.graph.build import GraphBuilder, dataset_of
from medkg.model import ConditionRecord, Evidence, Finding, Relation


def finding(relation: Relation, name: str, *ids: str, quote: str | None = None) -> Finding:
    return Finding(relation, name, ids=ids, evidence=(Evidence(quote or f"{name} is mentioned."),))


CELIAC = ConditionRecord("celiac-disease", "Celiac disease", findings=(
    finding(Relation.SYMPTOM, "fatigue", "HP:0012378"),
    finding(Relation.SYMPTOM, "diarrhea", "HP:0002014"),
    finding(Relation.RISK_FACTOR, "family history"),
    finding(Relation.TREATMENT, "iron supplements", "MESH:D007501"),
    finding(Relation.TREATMENT, "gluten-free diet"),
))
HYPOTHYROIDISM = ConditionRecord("hypothyroidism", "Hypothyroidism", findings=(
    finding(Relation.SYMPTOM, "tiredness", "HP:0012378"),
    finding(Relation.RISK_FACTOR, "pregnancy", "MESH:D011247"),
    finding(Relation.TREATMENT, "levothyroxine", "MESH:D013974"),
))


def write_graphs(folder: Path, records: list[ConditionRecord], fmt: str = "trig") -> list[Path]:
    """One built file per record, as `medkg build` writes them."""
    builder = GraphBuilder()
    paths = []
    for record in records:
        for name, data in export_files(dataset_of([builder.build(record)]), fmt, record.source):
            write_atomic(folder / name, data)
            paths.append(folder / name)
    return paths


@pytest.fixture
def records(example_record) -> list[ConditionRecord]:
    return [replace(example_record, source="iron-deficiency-anemia"), CELIAC, HYPOTHYROIDISM]


@pytest.fixture
def graph_dir(tmp_path, records) -> Path:
    folder = tmp_path / "built"
    write_graphs(folder, records)
    return folder
