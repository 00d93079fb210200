"""KGX nodes and edges, TSV and JSON Lines, with Biolink categories and predicates.

Spec: https://github.com/biolink/kgx/blob/master/specification/kgx-format.md and the
Biolink model (https://biolink.github.io/biolink-model/). Predicates come from the
relation alignments in ``medkg/ontology/medkg.ttl`` (``skos:exactMatch``/``closeMatch`` to
``biolink:``), categories from ``biolink-categories.ttl`` beside this module. A node's id
is its first CURIE whose prefix the Biolink Model registers (``HP:0012378``), so that graphs merge by
shared identifiers and ``kgx validate`` passes; its other
ids are ``xref``. Nodes that share that CURIE are merged. A concept with no such id
(unlinked, or with only ICD-10-CM, SYMP, Orphanet or GARD codes, prefixes Biolink lacks) cannot be named in a way
Biolink tools accept: it and its findings are left out of the KGX files and stay in every
other format (``medkg stats`` lists unlinked findings).

Edge provenance is what medkg knows: every finding is a ``knowledge_assertion`` of its
article (``primary_knowledge_source`` = the page's URL or IRI; ``aggregator_knowledge_source``
= ``infores:medkg``), made by a ``manual_agent`` for curated records and a
``text_mining_agent`` for findings medkg extracted; the quotes go in ``supporting_text``.
Not supported: Biolink qualifiers (the article's own qualifier is ``medkg_qualifier`` text),
infores for publishers, and the KGX ``sources``/``knowledge_source`` provenance files.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from functools import cache
from importlib.resources import files
from typing import Any

from rdflib import Dataset, Graph
from rdflib.namespace import SKOS

from medkg.ontology.namespaces import BIOLINK, PREFIXES

SEP = "|"
AGENT_TYPES = {"curated": "manual_agent", "extracted": "text_mining_agent"}
_MATCHES = (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch)
NODE_COLUMNS = ("id", "category", "name", "xref", "synonym", "iri", "provided_by")
EDGE_COLUMNS = ("id", "subject", "predicate", "object", "category", "knowledge_level", "agent_type",
                "primary_knowledge_source", "aggregator_knowledge_source", "original_predicate",
                "medkg_qualifier", "supporting_text")
MULTIVALUED = {"category", "xref", "synonym", "provided_by", "aggregator_knowledge_source", "supporting_text"}


@cache
def biolink_alignments() -> dict[str, str]:
    """medkg and schema.org term IRI -> Biolink CURIE, from the shipped Turtle files.

    >>> biolink_alignments()["http://schema.org/signOrSymptom"]
    'biolink:has_phenotype'
    """
    g = Graph()
    g.parse(data=files("medkg.ontology").joinpath("medkg.ttl").read_text(encoding="utf-8"), format="turtle")
    g.parse(data=files("medkg.exporters").joinpath("biolink-categories.ttl").read_text(encoding="utf-8"),
            format="turtle")
    found: dict[str, str] = {}
    for match in _MATCHES:  # exact before close before broad
        for term, target in sorted(g.subject_objects(match)):
            if str(target).startswith(str(BIOLINK)) and str(term) not in found:
                found[str(term)] = "biolink:" + str(target)[len(str(BIOLINK)):]
    return found


def expand(short: str) -> str:
    """``schema:cause`` -> ``http://schema.org/cause`` with medkg's prefixes."""
    prefix, _, local = short.partition(":")
    return str(PREFIXES[prefix]) + local if prefix in PREFIXES else short


#: medkg's CURIE prefix -> the Biolink Model's spelling, for the id systems Biolink registers
#: (the same codes; Biolink resolves UMLS, OMIM and DrugBank through other sites)
BIOLINK_PREFIXES = {"HP": "HP", "DOID": "DOID", "MONDO": "MONDO", "NCIT": "NCIT", "MESH": "MESH", "UMLS": "UMLS",
                    "SNOMEDCT": "SNOMEDCT", "OMIM": "OMIM", "DRUGBANK": "DRUGBANK"}


def biolink_curie(curie: str) -> str | None:
    """``curie`` spelt with the Biolink Model's prefix, or None when Biolink does not register it.

    >>> biolink_curie("MESH:D009503"), biolink_curie("ICD10CM:D50")
    ('MESH:D009503', None)
    """
    prefix, _, local = curie.partition(":")
    known = BIOLINK_PREFIXES.get(prefix)
    return f"{known}:{local}" if known and local else None


def kgx_id(attrs: dict[str, Any]) -> str | None:
    """The node's first id Biolink registers, or None.

    >>> kgx_id({"ids": "SYMP:0000001|HP:0012378"}), kgx_id({"ids": "ICD10CM:D50"})
    ('HP:0012378', None)
    """
    return next(filter(None, map(biolink_curie, attrs.get("ids", "").split(SEP))), None)


def _xrefs(attrs: dict[str, Any], ident: str) -> set[str]:
    return set(filter(None, attrs.get("ids", "").split(SEP))) - {ident}


def categories(category: str) -> list[str]:
    """Biolink categories of a ``|``-joined list of schema.org types; NamedThing when none fits."""
    aligned = biolink_alignments()
    found = sorted({aligned[expand(c)] for c in category.split(SEP) if expand(c) in aligned})
    return found or ["biolink:NamedThing"]


def kgx_records(view: Any, sources: dict[str, str]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Nodes and edges of a networkx view as KGX records (lists for multivalued properties).

    ``sources`` maps an article IRI to what the edge names as its primary knowledge source.
    """
    nodes: dict[str, dict[str, Any]] = {}
    idents = {node: kgx_id(attrs) for node, attrs in view.nodes(data=True)}
    for node, attrs in view.nodes(data=True):
        ident = idents[node]
        if ident is None:
            continue
        record = nodes.setdefault(ident, {"id": ident, "category": [], "name": attrs["name"], "xref": [],
                                          "synonym": [], "iri": node, "provided_by": ["infores:medkg"]})
        record["category"] = sorted(set(record["category"]) | set(categories(attrs["category"])))
        record["xref"] = sorted(set(record["xref"]) | _xrefs(attrs, ident))
        record["synonym"] = sorted(set(record["synonym"]) | set(filter(None, attrs.get("synonyms", "").split(SEP))))
    for record in nodes.values():  # a merged node keeps its narrowest categories
        if len(record["category"]) > 1:
            record["category"] = [c for c in record["category"] if c != "biolink:NamedThing"]
    aligned = biolink_alignments()
    edges = []
    for u, v, key, attrs in view.edges(keys=True, data=True):
        if idents[u] is None or idents[v] is None:
            continue
        article = attrs.get("article")
        edges.append({
            "id": key, "subject": idents[u], "predicate": aligned.get(expand(attrs["predicate"]), "biolink:related_to"),
            "object": idents[v], "category": ["biolink:Association"],
            "knowledge_level": "knowledge_assertion",
            "agent_type": AGENT_TYPES.get(attrs.get("origin", ""), "not_provided"),
            "primary_knowledge_source": sources.get(article, article) if article else "infores:medkg",
            "aggregator_knowledge_source": ["infores:medkg"], "original_predicate": attrs["predicate"],
            "medkg_qualifier": attrs.get("qualifier", ""),
            "supporting_text": [q for q in attrs.get("evidence", "").split("\n") if q],
        })
    return sorted(nodes.values(), key=lambda n: n["id"]), edges


def _tsv(records: Iterable[dict[str, Any]], columns: tuple[str, ...]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(columns)
    for record in records:
        writer.writerow([SEP.join(record[c]) if c in MULTIVALUED else _flat(record[c]) for c in columns])
    return out.getvalue().encode("utf-8")


def _flat(value: str) -> str:
    """TSV cells hold one line: tabs and line breaks become spaces."""
    return " ".join(value.split()) if any(c in value for c in "\t\r\n") else value


def _jsonl(records: Iterable[dict[str, Any]]) -> bytes:
    import orjson

    return b"".join(orjson.dumps({k: v for k, v in r.items() if v not in ("", [])}) + b"\n" for r in records)


def article_sources(data: Any) -> dict[str, str]:
    """Article IRI -> its page URL, where the article gave one (an rdflib dataset or graph, or quads)."""
    from medkg.ontology.namespaces import SCHEMA

    if isinstance(data, Dataset):
        return {str(page): str(url) for page, _, url, _ in data.quads((None, SCHEMA.url, None, None))}
    if isinstance(data, Graph):
        return {str(page): str(url) for page, url in data.subject_objects(SCHEMA.url)}
    url = str(SCHEMA.url)
    return {q.subject.value: q.object.value for q in data if q.predicate.value == url}


def to_kgx(dataset: Any) -> dict[str, bytes]:
    """KGX files: ``_nodes.tsv``, ``_edges.tsv``, ``_nodes.jsonl``, ``_edges.jsonl``."""
    from medkg.views.source import view_of

    nodes, edges = kgx_records(view_of(dataset), article_sources(dataset))
    return {"_nodes.tsv": _tsv(nodes, NODE_COLUMNS), "_edges.tsv": _tsv(edges, EDGE_COLUMNS),
            "_nodes.jsonl": _jsonl(nodes), "_edges.jsonl": _jsonl(edges)}
