"""Cytoscape.js elements JSON matches a JSON Schema of the elements format and the RDF counts."""

from __future__ import annotations

import json

import jsonschema

from medkg.exporters import export

#: https://js.cytoscape.org/#notation/elements-json: the parts medkg writes
_DATA = {"type": "object", "required": ["id"], "properties": {"id": {"type": "string", "minLength": 1}}}
ELEMENTS_SCHEMA = {
    "type": "object", "required": ["elements"],
    "properties": {"elements": {
        "type": "object", "required": ["nodes", "edges"], "additionalProperties": False,
        "properties": {
            "nodes": {"type": "array", "items": {
                "type": "object", "required": ["data"], "additionalProperties": False,
                "properties": {"data": _DATA, "classes": {"type": "string"}}}},
            "edges": {"type": "array", "items": {
                "type": "object", "required": ["data"], "additionalProperties": False,
                "properties": {"classes": {"type": "string"}, "data": {
                    "allOf": [_DATA, {"required": ["source", "target"],
                                      "properties": {"source": {"type": "string"}, "target": {"type": "string"}}}]}}}},
        }}},
}


def test_valid_elements_with_rdf_counts(corpus, corpus_counts):
    doc = json.loads(export(corpus, "cytoscape"))
    jsonschema.validate(doc, ELEMENTS_SCHEMA)
    nodes, edges = doc["elements"]["nodes"], doc["elements"]["edges"]
    assert (len(nodes), len(edges)) == corpus_counts
    ids = [e["data"]["id"] for e in nodes + edges]
    assert len(ids) == len(set(ids)), "element ids must be unique"
    node_ids = {n["data"]["id"] for n in nodes}
    assert all(e["data"]["source"] in node_ids and e["data"]["target"] in node_ids for e in edges)
    assert {"symptom", "cause", "subtype"} <= {e["classes"] for e in edges}
