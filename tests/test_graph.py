"""The graph builder follows the RDF contract: schema.org terms, typed nodes, SKOS, PROV, stable IRIs."""

from __future__ import annotations

from dataclasses import replace

import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import PROV, RDF, SKOS

from medkg.errors import MedkgError
from medkg.graph.build import GraphBuilder, build_dataset, build_graph
from medkg.model import ConditionRecord, Finding, Relation
from medkg.ontology.namespaces import MEDKG, SCHEMA


def test_condition_and_relations(example_graph):
    g = example_graph
    cond = URIRef("https://w3id.org/medkg/id/condition/iron-deficiency-anemia")
    assert (cond, RDF.type, SCHEMA.MedicalCondition) in g
    assert set(g.objects(cond, SCHEMA.alternateName)) == {Literal("Iron deficiency anaemia"),
                                                          Literal("Sideropenic anemia")}
    fatigue = URIRef("https://w3id.org/medkg/id/concept/hp-0012378")
    assert (cond, SCHEMA.signOrSymptom, fatigue) in g
    assert (fatigue, RDF.type, SCHEMA.MedicalSignOrSymptom) in g
    assert (fatigue, SKOS.exactMatch, URIRef("http://purl.obolibrary.org/obo/HP_0012378")) in g
    expected_types = {"cause": "MedicalCause", "riskFactor": "MedicalRiskFactor", "typicalTest": "MedicalTest",
                      "possibleTreatment": "MedicalTherapy", "primaryPrevention": "MedicalTherapy"}
    for prop, cls in expected_types.items():
        targets = list(g.objects(cond, SCHEMA[prop]))
        assert targets, prop
        assert all((t, RDF.type, SCHEMA[cls]) in g for t in targets)


def test_codes_are_medical_codes(example_graph):
    g = example_graph
    cond = URIRef("https://w3id.org/medkg/id/condition/iron-deficiency-anemia")
    codes = {(str(g.value(c, SCHEMA.codingSystem)), str(g.value(c, SCHEMA.codeValue)))
             for c in g.objects(cond, SCHEMA.code)}
    assert codes == {("DOID", "11758"), ("MeSH", "D018798"), ("ICD-10-CM", "D50")}


def test_findings_carry_qualifier_evidence_and_provenance(example_graph):
    g = example_graph
    fact = URIRef("https://w3id.org/medkg/id/finding/iron-deficiency-anemia/symptom/hp-0012378")
    assert (fact, RDF.type, MEDKG.Finding) in g
    assert g.value(fact, MEDKG.qualifier) == Literal("may come on slowly")
    assert g.value(fact, MEDKG.relation) == SCHEMA.signOrSymptom
    assert g.value(fact, MEDKG.origin) == Literal("curated")
    page = URIRef("https://w3id.org/medkg/id/article/iron-deficiency-anemia")
    assert (fact, PROV.wasDerivedFrom, page) in g
    evidence = g.value(fact, MEDKG.evidence)
    assert str(g.value(evidence, MEDKG.quote)) == "Tiredness that may come on slowly"
    assert (page, SCHEMA.about, URIRef("https://w3id.org/medkg/id/condition/iron-deficiency-anemia")) in g


def test_no_blank_nodes(example_graph):
    assert not [t for t in example_graph if any(isinstance(x, BNode) for x in t)]


def test_configurable_base(example_record):
    g = GraphBuilder("https://health.example.org/kg").build(example_record)
    assert all(str(s).startswith("https://health.example.org/kg/") for s in set(g.subjects())
               if not str(s).startswith("http://purl"))


@pytest.mark.parametrize("base", ["relative/path/", "ftp://x/", "https://x y/", "https://x/<script>",
                                  "https://x.org:port/", "https://x.org/%zz/", "http://[::1/"])
def test_bad_base_is_refused(base):
    with pytest.raises(MedkgError, match="base IRI"):
        GraphBuilder(base)


@pytest.mark.parametrize("base", ["https://w3id.org/medkg/id/", "https://x.org/kg?v=1#", "http://[::1]:8080/k\u00e9/"])
def test_statements_pass_a_strict_parse(example_record, base):
    """The build parses its own statements leniently (graph.build.TRUSTED): that holds only while every
    IRI the builder writes is valid, whatever the names, ids, URLs and base, which a strict parse checks."""
    import pyoxigraph as ox

    from medkg.graph.build import nquads_text
    from medkg.model import Citation, Evidence, Person

    odd = "Odd \u2028 </script> \x01 \U0001F600 \"q\" \\ t\there % {x} | ^ `y` <z>"
    record = replace(example_record, name=odd, source=odd, synonyms=(odd, ""),
                     page=replace(example_record.page, url="https://x.org/a%20b?q=\u00e9#f", publisher=odd,
                                  authors=(Person(odd, "https://x.org/~p"),),
                                  citations=(Citation(odd, title=odd, journal=odd, year=1999, authors=(odd,)),)),
                     findings=(*example_record.findings,
                               Finding(Relation.SYMPTOM, odd, ids=("HP:0012378",), evidence=(Evidence(odd),)),
                               Finding(Relation.CAUSE, odd, evidence=(Evidence(odd, start=3, end=9),))))
    graph, lines, _ = GraphBuilder(base).statements(record)
    text = nquads_text(lines, graph)
    strict = list(ox.parse(text, format=ox.RdfFormat.N_QUADS))
    assert strict == list(ox.parse(text, format=ox.RdfFormat.N_QUADS, lenient=True))
    assert len(strict) == len(lines) > 40


def test_same_concept_is_one_node_across_articles(example_record):
    other = ConditionRecord(source="other", name="Heart failure",
                            findings=(Finding(Relation.SYMPTOM, "tiredness", ids=("HP:0012378",)),))
    ds = build_dataset([example_record, other])
    fatigue = URIRef("https://w3id.org/medkg/id/concept/hp-0012378")
    holders = {(c, g) for c, _, _, g in ds.quads((None, SCHEMA.signOrSymptom, fatigue, None))}
    assert len({c for c, _ in holders}) == 2
    assert len({g for _, g in holders}) == 2


def test_hostile_names_make_safe_iris(example_record):
    record = replace(example_record, name='"><script>alert(1)</script>', source="x")
    g = build_graph(record)
    for s, _, o in g:
        for term in (s, o):
            if isinstance(term, URIRef):
                assert not set(str(term)) & set('<>"{}|\\^` ')


def test_two_findings_naming_one_concept_make_one_fact(example_record):
    from medkg.shapes import validate_graph

    twice = (Finding(Relation.SYMPTOM, "tiredness", ids=("HP:0012378",), confidence=0.6),
             Finding(Relation.SYMPTOM, "fatigue", ids=("HP:0012378",), confidence=0.9))
    g = build_graph(replace(example_record, findings=twice))
    fact = URIRef("https://w3id.org/medkg/id/finding/iron-deficiency-anemia/symptom/hp-0012378")
    assert [str(c) for c in g.objects(fact, MEDKG.confidence)] == ["0.900"]
    assert validate_graph(g).conforms
