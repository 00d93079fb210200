"""The page JSON-LD is what a search engine reads: valid schema.org, safe inside <script>."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace

import pytest
from rdflib import Graph

from medkg.exporters import export
from medkg.graph.build import build_graph, dataset_of
from medkg.model import Finding, Relation


def _page(record) -> bytes:
    return export(dataset_of([build_graph(record)]), "page")


def test_page_shape(example_record):
    page = json.loads(_page(example_record))
    assert page["@context"] == "https://schema.org"
    assert page["@type"] == "MedicalWebPage"
    about = page["about"]
    assert about["@type"] == "MedicalCondition" and about["name"] == "Iron-deficiency anemia"
    assert {c["codingSystem"] for c in about["code"]} == {"DOID", "MeSH", "ICD-10-CM"}
    assert {s["name"] for s in about["signOrSymptom"]} >= {"fatigue", "pale skin"}
    assert page["lastReviewed"] == "2026-03-14"
    assert page["reviewedBy"] == {"@type": "Person", "name": "Sam Okafor, MD",
                                  "url": "https://health.example.org/people/sam-okafor"}


def test_hostile_text_cannot_close_the_script(example_record):
    evil = "</script><script>alert('x')</script><!-- & \u2028"
    record = replace(example_record, definition=evil,
                     findings=(*example_record.findings, Finding(Relation.SYMPTOM, evil)))
    text = _page(record).decode()
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    data = json.loads(text)
    assert data["about"]["description"] == evil
    assert evil in {s["name"] for s in data["about"]["signOrSymptom"]}


def test_schemaorg_lint_passes(shared, tmp_path, example_record):
    path = tmp_path / "page.jsonld"
    path.write_bytes(_page(example_record))
    run = subprocess.run([sys.executable, str(shared / "eval" / "schemaorg_lint.py"), str(path)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 errors" in run.stdout


def test_official_schemaorg_shapes_pass(shared, example_record):
    """schema.org's own SHACL shapes, with the recipe in shared/SOURCES.md."""
    from pyshacl import validate

    folder = shared / "schemaorg"
    page = json.loads(_page(example_record))
    page["@context"] = json.loads((folder / "schemaorgcontext.jsonld").read_text())["@context"]
    data = Graph().parse(data=json.dumps(page), format="json-ld")
    assert len(data) > 50
    shapes = Graph().parse(folder / "schemaorg-shapes-datatypes-fixed.shacl", format="turtle")
    ontology = Graph().parse(folder / "schemaorg-subclasses.shacl", format="turtle")
    conforms, _, text = validate(data, shacl_graph=shapes, ont_graph=ontology, inference="rdfs")
    assert conforms, text[:2000]


@pytest.mark.parametrize("fmt", ["page"])
def test_page_parses_as_json_ld_with_local_context(shared, example_record, fmt):
    folder = shared / "schemaorg"
    page = json.loads(_page(example_record))
    page["@context"] = json.loads((folder / "schemaorgcontext.jsonld").read_text())["@context"]
    g = Graph().parse(data=json.dumps(page), format="json-ld")
    names = {str(o) for o in g.objects(None, None) if str(o) == "Iron-deficiency anemia"}
    assert names
