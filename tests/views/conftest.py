"""A small corpus built programmatically: three conditions that share symptoms and risk factors."""

from __future__ import annotations

import pytest
from rdflib import Dataset

from medkg.graph.build import build_dataset
from medkg.model import ConditionRecord, Evidence, Finding, Relation


def _finding(relation: Relation, name: str, *ids: str) -> Finding:
    return Finding(relation, name, ids=ids, evidence=(Evidence(f"{name} is mentioned"),))


@pytest.fixture(scope="session")
def small_corpus() -> Dataset:
    fatigue = _finding(Relation.SYMPTOM, "fatigue", "HP:0012378")
    pale = _finding(Relation.SYMPTOM, "pale skin", "HP:0000980")
    smoking = _finding(Relation.RISK_FACTOR, "smoking", "MESH:D012907")
    return build_dataset([
        ConditionRecord("a", "Anemia", ids=("DOID:2355",), subtypes=("Anemia of pregnancy",),
                        findings=(fatigue, pale, smoking, _finding(Relation.TEST, "blood count"))),
        ConditionRecord("b", "Heart failure", findings=(fatigue, smoking, _finding(Relation.SYMPTOM, "swollen legs"))),
        ConditionRecord("c", "Hypothyroidism", findings=(fatigue, pale)),
    ])
