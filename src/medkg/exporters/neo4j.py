"""CSV files for ``neo4j-admin database import full``: one node file, one relationship file.

Spec: https://neo4j.com/docs/operations-manual/current/tools/neo4j-admin/neo4j-admin-import/
(header format: ``:ID``, ``:LABEL``, ``:START_ID``, ``:END_ID``, ``:TYPE``, typed properties).
Nodes are the networkx view's (:func:`medkg.views.to_networkx`), keyed by IRI and labelled
with their schema.org types (``MedicalCondition``, ``MedicalSignOrSymptom``, ...); each
finding is a relationship typed by its relation (``SYMPTOM``, ``RISK_FACTOR``, ...).

Import with::

    neo4j-admin database import full --nodes=G_nodes.csv --relationships=G_relationships.csv \\
        --multiline-fields=true neo4j

Not supported: incremental import and ID groups. Array properties (``ids``, ``synonyms``,
``categories``) use neo4j-admin's default ``;`` delimiter, so a ``;`` inside one value is
written as ``,``; evidence quotes are one string, one quote per line (hence
``--multiline-fields``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from rdflib import Dataset

ARRAY = ";"
NODE_HEADER = ("iri:ID", ":LABEL", "name", "ids:string[]", "synonyms:string[]", "categories:string[]")
EDGE_HEADER = (":START_ID", ":END_ID", ":TYPE", "finding", "predicate", "qualifier", "evidence", "origin",
               "confidence:float", "article")


def _array(joined: str) -> str:
    return ARRAY.join(v.replace(ARRAY, ",") for v in joined.split("|") if v)


def _csv(header: tuple[str, ...], rows: Iterable[Iterable[Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def to_neo4j(dataset: Dataset) -> dict[str, bytes]:
    """``_nodes.csv`` and ``_relationships.csv`` of the dataset's condition-concept graph."""
    from medkg.views.source import view_of

    view = view_of(dataset)
    nodes = ((node, _array(a["category"].replace("schema:", "").replace("medkg:", "")), a["name"],
              _array(a.get("ids", "")), _array(a.get("synonyms", "")), _array(a["category"]))
             for node, a in view.nodes(data=True))
    edges = ((u, v, a["relation"].upper(), key, a["predicate"], a.get("qualifier", ""), a.get("evidence", ""),
              a.get("origin", ""), a.get("confidence", ""), a.get("article", ""))
             for u, v, key, a in view.edges(keys=True, data=True))
    return {"_nodes.csv": _csv(NODE_HEADER, nodes), "_relationships.csv": _csv(EDGE_HEADER, edges)}
