"""Every shipped example query runs and answers what it should on graphs the tests build."""

from __future__ import annotations

import pytest

from medkg.store import MedkgStore
from medkg.store.queries import example_queries, summary

BASE = "https://w3id.org/medkg/id/"


@pytest.fixture
def store(graph_dir) -> MedkgStore:
    return MedkgStore.in_memory([graph_dir])


def rows(store: MedkgStore, name: str, **params: str) -> list[dict[str, str]]:
    result = store.query(example_queries()[name], params)
    return [{v: t.value for v, t in zip(result.variables, row, strict=True) if t is not None} for row in result.rows]


def test_every_query_is_documented_and_runs(store):
    assert len(example_queries()) == 6
    for name, text in example_queries().items():
        assert summary(text), f"{name}.rq has no comment header"
        assert store.query(text).form == "SELECT"


def test_conditions_with_symptom_and_risk_factor(store):
    found = rows(store, "conditions-with-symptom-and-risk-factor", symptom="fatigue", risk_factor="pregnancy")
    assert [r["conditionName"] for r in found] == ["Hypothyroidism", "Iron-deficiency anemia"]


def test_most_shared_symptoms(store):
    top = rows(store, "most-shared-symptoms")[0]
    assert top["symptom"] == BASE + "concept/hp-0012378" and top["conditions"] == "3"
    assert top["ontologyId"] == "http://purl.obolibrary.org/obo/HP_0012378"


def test_conditions_sharing_treatments(store):
    (row,) = rows(store, "conditions-sharing-treatments")
    assert (row["treatment"], row["treatmentName"], row["conditions"]) == (
        BASE + "concept/mesh-d007501", "iron supplements", "2")
    assert sorted(row["conditionNames"].split(" | ")) == ["Celiac disease", "Iron-deficiency anemia"]


def test_findings_without_ontology_ids(store):
    found = {r["conceptName"]: (r["findings"], r["relations"]) for r in rows(store, "findings-without-ontology-ids")}
    assert found == {"family history": ("1", "riskFactor"), "gluten-free diet": ("1", "possibleTreatment"),
                     "low iron intake": ("1", "cause"), "iron-rich diet": ("1", "primaryPrevention")}


def test_evidence_for_a_fact(store):
    (row,) = rows(store, "evidence-for-a-fact", condition="Iron-deficiency anemia", finding="pale skin")
    assert row["quote"] == "Pale skin" and row["section"] == "Symptoms"
    assert row["graph"] == BASE + "graph/iron-deficiency-anemia"
    assert row["url"] == "https://health.example.org/conditions/iron-deficiency-anemia"


def test_everything_linked_to_an_hp_id(store):
    found = {(r["conditionName"], r["name"]) for r in rows(store, "linked-to-hp-id", id="HP:0012378")}
    assert found == {("Celiac disease", "fatigue"), ("Hypothyroidism", "tiredness"),
                     ("Iron-deficiency anemia", "fatigue")}
