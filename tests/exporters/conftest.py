"""Graphs for the graph-view exporters: the example article, and a corpus that adds an
extracted article with a hostile name, shared and unlinked findings."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset
from rdflib.namespace import RDF

from medkg.graph.build import build_dataset
from medkg.model import ConditionRecord, Evidence, Finding, Origin, Relation
from medkg.ontology.namespaces import MEDKG, SCHEMA
from medkg.readers.record import read_record

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "iron-deficiency-anemia.yaml"
HOSTILE = "</script><script>alert(1)</script> \"Tom\" & 'Jerry' <b>syndrome</b> $5$ \\n"


@pytest.fixture(scope="session")
def example_dataset() -> Dataset:
    return build_dataset([read_record(EXAMPLE)])


@pytest.fixture(scope="session")
def hostile_record() -> ConditionRecord:
    return ConditionRecord(
        source="hostile", name=HOSTILE, synonyms=("A & B <i>", '"quoted"'), ids=("DOID:4",), origin=Origin.EXTRACTED,
        findings=(
            Finding(Relation.SYMPTOM, "fatigue", ids=("HP:0012378",), qualifier="</script> & more",
                    evidence=(Evidence("Tired </script><!-- & \"worn\"", 10, 40),)),
            Finding(Relation.CAUSE, "<img src=x onerror=alert(2)>", evidence=(Evidence("caused by <img>"),)),
        ),
    )


@pytest.fixture(scope="session")
def corpus(hostile_record) -> Dataset:
    return build_dataset([read_record(EXAMPLE), hostile_record])


@pytest.fixture(scope="session")
def hostile_name() -> str:
    return HOSTILE


@pytest.fixture(scope="session")
def corpus_counts(corpus) -> tuple[int, int]:
    return rdf_counts(corpus)


def rdf_counts(dataset: Dataset) -> tuple[int, int]:
    """(nodes, edges) the networkx view must have: conditions and finding concepts; findings and subtypes."""
    triples = {(s, p, o) for s, p, o, _ in dataset.quads((None, None, None, None))}
    findings = {s for s, p, o in triples if p == RDF.type and o == MEDKG.Finding}
    concepts = {o for s, p, o in triples if p == MEDKG.concept}
    conditions = {s for s, p, o in triples if p == RDF.type and o == SCHEMA.MedicalCondition}
    subtypes = {(s, o) for s, p, o in triples if p == MEDKG.subtype}
    return len(concepts | conditions), len(findings) + len(subtypes)


def crowd(n: int) -> ConditionRecord:
    """``n`` findings, most of them symptoms as in real articles, with long, short, linked and unlinked names."""
    relations = [Relation.SYMPTOM] * 5 + list(Relation)
    findings = tuple(Finding(relations[i % len(relations)], f"finding {i}" + " with a rather long name" * (i % 3),
                             ids=(f"HP:{i:07d}",) if i % 2 else ()) for i in range(n))
    return ConditionRecord(f"crowd-{n}", "Systemic lupus erythematosus", findings=findings)
