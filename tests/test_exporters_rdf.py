"""Every RDF serialisation parses back to the graph that was built, byte-identical across builds."""

from __future__ import annotations

import json

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from medkg.exporters import export
from medkg.graph.build import build_dataset, dataset_of

SYNTAX = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}


@pytest.mark.parametrize("fmt", sorted(SYNTAX))
def test_triples_round_trip(example_graph, fmt):
    data = export(dataset_of([example_graph]), fmt)
    parsed = Dataset()
    parsed.parse(data=data, format=SYNTAX[fmt])
    back = Graph()
    for s, p, o, _ in parsed.quads((None, None, None, None)):
        back.add((s, p, o))
    assert isomorphic(back, example_graph)


@pytest.mark.parametrize("fmt, syntax", [("trig", "trig"), ("nq", "nquads"), ("jsonld", "json-ld")])
def test_named_graphs_round_trip(example_record, fmt, syntax):
    from dataclasses import replace

    ds = build_dataset([example_record, replace(example_record, source="copy")])
    back = Dataset()
    back.parse(data=export(ds, fmt), format=syntax)
    names = {str(g.identifier) for g in back.graphs() if len(g)}
    assert names == {"https://w3id.org/medkg/id/graph/iron-deficiency-anemia", "https://w3id.org/medkg/id/graph/copy"}
    for g in ds.graphs():
        if len(g):
            assert isomorphic(back.graph(g.identifier), g)


@pytest.mark.parametrize("fmt", ["ttl", "nt", "trig", "nq", "jsonld", "page"])
def test_deterministic_bytes(example_record, fmt):
    from medkg.graph.build import build_graph

    first = export(dataset_of([build_graph(example_record)]), fmt)
    second = export(dataset_of([build_graph(example_record)]), fmt)
    assert first == second


def test_ntriples_are_sorted(example_graph):
    lines = export(dataset_of([example_graph]), "nt").decode().splitlines()
    assert lines == sorted(lines)


def test_turtle_is_prefixed_and_grouped(example_graph):
    text = export(dataset_of([example_graph]), "ttl").decode()
    assert "@prefix schema: <http://schema.org/>" in text
    subjects = [line.split(" ")[0] for line in text.splitlines() if line and not line[0].isspace()
                and not line.startswith("@prefix")]
    assert len(subjects) == len(set(subjects)), "each subject is written once"


def test_jsonld_nests_the_condition_and_embeds_its_context(example_graph):
    doc = json.loads(export(dataset_of([example_graph]), "jsonld"))
    assert isinstance(doc["@context"], dict) and doc["@context"]["@vocab"] == "http://schema.org/"
    condition = doc["@graph"][0]
    assert condition["@type"] == "MedicalCondition"
    symptoms = condition["signOrSymptom"]
    assert all(isinstance(s, dict) and "name" in s for s in symptoms), "concepts are nested objects"
    assert "medkg:hasFinding" in condition
