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


def test_networkx_reads_it_back_as_the_view(corpus):
    import networkx as nx

    from medkg.views import to_networkx

    view = to_networkx(corpus)
    read = nx.cytoscape_graph(json.loads(export(corpus, "cytoscape")))
    assert isinstance(read, nx.MultiDiGraph)
    assert sorted(read.edges(keys=True)) == sorted(view.edges(keys=True))
    assert {n: d["name"] for n, d in read.nodes(data=True)} == dict(view.nodes(data="name"))
    for u, v, key, attrs in view.edges(keys=True, data=True):
        assert read.edges[u, v, key]["relation"] == attrs["relation"] == read.edges[u, v, key]["interaction"]


def test_cytoscape_desktop_fields(corpus):
    doc = json.loads(export(corpus, "cytoscape"))
    assert isinstance(doc["data"], dict) and doc["data"]["name"]
    node_ids = {n["data"]["id"] for n in doc["elements"]["nodes"]}
    assert all(isinstance(n["data"]["name"], str) and n["data"]["name"] for n in doc["elements"]["nodes"])
    assert all(e["data"]["interaction"] and e["data"]["source"] in node_ids for e in doc["elements"]["edges"])
