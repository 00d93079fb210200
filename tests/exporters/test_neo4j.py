"""neo4j-admin import CSVs: headers in neo4j-admin's grammar, every relationship's ends among the nodes,
counts equal to the RDF graph's. (neo4j-admin itself needs Java and a Neo4j install; not run here.)"""

from __future__ import annotations

import csv
import io
import re

from medkg.exporters import export

#: https://neo4j.com/docs/operations-manual/current/tools/neo4j-admin/neo4j-admin-import/#import-tool-header-format
FIELD = re.compile(r"^(?P<name>[A-Za-z_][\w]*)?(?::(?P<type>ID|LABEL|START_ID|END_ID|TYPE|IGNORE|string|int|long|"
                   r"float|double|boolean|byte|short|char|date|datetime|point|(?:string|int|long|float|double|"
                   r"boolean)\[\]))?$")


def _rows(data: bytes) -> tuple[list[str], list[list[str]]]:
    header, *rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
    return header, rows


def test_headers_and_counts(corpus, corpus_counts):
    out = export(corpus, "neo4j")
    node_header, nodes = _rows(out["_nodes.csv"])
    edge_header, edges = _rows(out["_relationships.csv"])
    for field in node_header + edge_header:
        assert FIELD.match(field), f"{field!r} is not a neo4j-admin header field"
    assert [f for f in node_header if f.endswith((":ID", ":LABEL"))] == ["iri:ID", ":LABEL"]
    assert edge_header[:3] == [":START_ID", ":END_ID", ":TYPE"]
    assert (len(nodes), len(edges)) == corpus_counts
    assert all(len(row) == len(node_header) for row in nodes) and all(len(r) == len(edge_header) for r in edges)
    ids = {row[0] for row in nodes}
    assert len(ids) == len(nodes)
    assert all(row[0] in ids and row[1] in ids for row in edges)
    assert {row[2] for row in edges} >= {"SYMPTOM", "CAUSE", "SUBTYPE"}


def test_labels_and_arrays(corpus):
    header, nodes = _rows(export(corpus, "neo4j")["_nodes.csv"])
    row = next(r for r in nodes if r[0].endswith("/condition/iron-deficiency-anemia"))
    anemia = dict(zip(header, row, strict=True))
    assert anemia[":LABEL"] == "MedicalCondition"
    assert anemia["ids:string[]"] == "DOID:11758;MESH:D018798;ICD10CM:D50"
    assert anemia["synonyms:string[]"] == "Iron deficiency anaemia;Sideropenic anemia"
