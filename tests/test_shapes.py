"""Each SHACL shape catches the error planted for it, with the severity it is meant to have."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS, XSD

from medkg.model import Severity
from medkg.ontology.namespaces import MEDKG, SCHEMA
from medkg.shapes import validate_graph

BASE = "https://w3id.org/medkg/id/"
COND = URIRef(BASE + "condition/iron-deficiency-anemia")
PAGE = URIRef(BASE + "article/iron-deficiency-anemia")
FATIGUE = URIRef(BASE + "concept/hp-0012378")
FACT = URIRef(BASE + "finding/iron-deficiency-anemia/symptom/hp-0012378")
CODE = URIRef(BASE + "code/icd10cm-d50")


def _evidence(g: Graph) -> URIRef:
    return next(iter(g.objects(FACT, MEDKG.evidence)))


def _offset(n: int) -> Literal:
    return Literal(n, datatype=XSD.nonNegativeInteger)


def _remove_all(prop) -> Callable[[Graph], None]:
    return lambda g: g.remove((COND, prop, None))


PLANTED: dict[str, tuple[Callable[[Graph], None], Severity, str]] = {
    "no name": (lambda g: g.remove((COND, SCHEMA.name, None)), Severity.VIOLATION, "found no name"),
    "two names": (lambda g: g.add((COND, SCHEMA.name, Literal("Other"))), Severity.WARNING, "several names"),
    "wrong target type": (lambda g: g.remove((FATIGUE, RDF.type, SCHEMA.MedicalSignOrSymptom)),
                          Severity.VIOLATION, "MedicalSignOrSymptom"),
    "malformed ICD-10-CM code": (lambda g: g.set((CODE, SCHEMA.codeValue, Literal("50D"))),
                                 Severity.VIOLATION, "not written the way its coding system"),
    "unknown coding system": (lambda g: g.set((CODE, SCHEMA.codingSystem, Literal("ICD-9"))),
                              Severity.VIOLATION, "coding system medkg knows"),
    "bad date": (lambda g: g.set((PAGE, SCHEMA.lastReviewed, Literal("2026-13-45", datatype=XSD.date))),
                 Severity.VIOLATION, "lastReviewed"),
    "date as text": (lambda g: g.set((PAGE, SCHEMA.dateModified, Literal("yesterday"))),
                     Severity.VIOLATION, "dateModified"),
    "relative url": (lambda g: g.set((PAGE, SCHEMA.url, URIRef("file:///tmp/page.html"))),
                     Severity.VIOLATION, "full web address"),
    "url as text": (lambda g: g.set((PAGE, SCHEMA.url, Literal("page.html"))), Severity.VIOLATION, "web address"),
    "page about two conditions": (lambda g: g.add((PAGE, SCHEMA.about, FATIGUE)), Severity.VIOLATION,
                                  "exactly one condition"),
    "finding without concept": (lambda g: g.remove((FACT, MEDKG.concept, None)), Severity.VIOLATION,
                                "exactly one concept"),
    "confidence above one": (lambda g: g.set((FACT, MEDKG.confidence, Literal("1.5", datatype=XSD.decimal))),
                             Severity.VIOLATION, "confidence"),
    "empty quote": (lambda g: g.set((_evidence(g), MEDKG.quote, Literal(""))), Severity.VIOLATION, "quote"),
    "offsets reversed": (lambda g: (g.set((_evidence(g), MEDKG.startOffset, _offset(9))),
                                    g.set((_evidence(g), MEDKG.endOffset, _offset(2)))),
                         Severity.VIOLATION, "start offset must come before"),
    "reviewer not a person": (lambda g: g.set((PAGE, SCHEMA.reviewedBy, COND)), Severity.VIOLATION, "Person"),
    "no symptoms": (_remove_all(SCHEMA.signOrSymptom), Severity.WARNING, "found no symptoms"),
    "no treatment": (_remove_all(SCHEMA.possibleTreatment), Severity.WARNING, "no treatment"),
    "fact without evidence": (lambda g: g.remove((FACT, MEDKG.evidence, None)), Severity.WARNING, "no quote"),
    "concept without ids": (lambda g: g.remove((FATIGUE, SKOS.exactMatch, None)), Severity.INFO, "could not link"),
}


def test_example_conforms_without_warnings(example_graph):
    report = validate_graph(example_graph)
    assert report.conforms
    assert report.count(Severity.VIOLATION) == report.count(Severity.WARNING) == 0


@pytest.mark.parametrize("case", sorted(PLANTED))
def test_planted_error_is_caught(example_graph, case):
    plant, severity, message = PLANTED[case]
    baseline = {(r.focus, r.message) for r in validate_graph(example_graph).results}
    plant(example_graph)
    report = validate_graph(example_graph)
    new = [r for r in report.results if (r.focus, r.message) not in baseline]
    assert any(r.severity is severity and message in r.message for r in new), [
        (r.severity, r.message) for r in new]
    assert report.conforms is (severity is not Severity.VIOLATION)


def test_results_name_the_node_and_quote(example_graph):
    example_graph.remove((FATIGUE, SKOS.exactMatch, None))
    result = next(r for r in validate_graph(example_graph).results if r.focus == str(FATIGUE))
    assert result.focus_name == "fatigue"
    assert result.path == "skos:exactMatch|schema:sameAs"
    assert result.quote == "Tiredness that may come on slowly"
