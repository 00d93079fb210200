"""schema.org ``MedicalWebPage`` JSON-LD, the markup a search engine reads from a page.

Spec: https://schema.org/MedicalWebPage and https://schema.org/MedicalCondition; Google's
structured-data guidelines for JSON-LD in ``<script type="application/ld+json">``.

Written with ``"@context": "https://schema.org"`` (what search engines expect), the
condition nested under ``about`` and its findings nested under their relations, each with
its codes and ``sameAs`` links to ontology IRIs. Every ``<``, ``>`` and ``&`` is escaped as a
JSON ``\\u`` sequence, so the output can be pasted inside a ``<script>`` element as it is:
no text from an article can close the element.
Not written: medkg's own terms (findings, evidence, qualifiers), which schema.org lacks;
complications become ``possibleComplication`` text, as schema.org's range demands; and
extracted facts whose ``medkg:extractionConfidence`` is below the extractor's page
threshold (chosen by cross-validation for precision 0.90): a wrong fact in a publisher's
markup is worse than a missing one.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF, SKOS

from medkg.extract.classifier import page_threshold
from medkg.graph.build import QuadGraph, union_graph
from medkg.model import Relation
from medkg.ontology.namespaces import MEDKG, RELATION_TERMS, SCHEMA, relation_property

_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def script_safe_json(data: Any) -> str:
    """JSON that is safe inside ``<script>``: no ``</script>``, ``<!--`` or line separators.

    >>> script_safe_json({"name": "</script><b>"})
    '{"name": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    return json.dumps(data, ensure_ascii=False).translate(_SCRIPT_SAFE)


def _one(g: Graph | QuadGraph, node: URIRef, prop: URIRef) -> str | None:
    values = sorted(str(v) for v in g.objects(node, prop))
    return values[0] if values else None


def _all(g: Graph | QuadGraph, node: URIRef, prop: URIRef) -> list[str]:
    return sorted({str(v) for v in g.objects(node, prop)})


def _codes(g: Graph | QuadGraph, node: URIRef) -> dict[str, Any]:
    out: dict[str, Any] = {}
    codes = [
        {"@type": "MedicalCode", "codeValue": _one(g, code, SCHEMA.codeValue),
         "codingSystem": _one(g, code, SCHEMA.codingSystem)}
        for code in sorted(g.objects(node, SCHEMA.code))
    ]
    if codes:
        out["code"] = codes
    same = _all(g, node, SKOS.exactMatch)
    if same:
        out["sameAs"] = same
    return out


def _thing(g: Graph | QuadGraph, node: URIRef, schema_type: str) -> dict[str, Any]:
    out: dict[str, Any] = {"@type": schema_type, "@id": str(node), "name": _one(g, node, SCHEMA.name)}
    return {**out, **_codes(g, node)}


def _person(g: Graph | QuadGraph, node: URIRef) -> dict[str, Any]:
    out = {"@type": "Person", "name": _one(g, node, SCHEMA.name)}
    url = _one(g, node, SCHEMA.url)
    return {**out, "url": url} if url else out


def _citation(g: Graph | QuadGraph, node: URIRef) -> dict[str, Any]:
    is_article = (node, RDF.type, SCHEMA.ScholarlyArticle) in g
    out: dict[str, Any] = {"@type": "ScholarlyArticle" if is_article else "CreativeWork",
                           "name": _one(g, node, SCHEMA.name)}
    authors = [_person(g, a) for a in sorted(g.objects(node, SCHEMA.author))]
    if authors:
        out["author"] = authors
    for key in ("datePublished", "url"):
        value = _one(g, node, SCHEMA[key])
        if value:
            out[key] = value
    journal = next(iter(sorted(g.objects(node, SCHEMA.isPartOf))), None)
    if journal is not None:
        out["isPartOf"] = {"@type": "Periodical", "name": _one(g, journal, SCHEMA.name)}
    return out


def _unsure(g: Graph | QuadGraph, cond: URIRef, threshold: float) -> set[tuple[str, str]]:
    """(relation, concept) pairs of ``cond`` whose extracted facts all fall below ``threshold``."""
    best: dict[tuple[str, str], float] = {}
    for fact in g.objects(cond, MEDKG.hasFinding):
        scores = [float(c) for c in g.objects(fact, MEDKG.extractionConfidence)]
        if not scores:
            continue
        for prop in g.objects(fact, MEDKG.relation):
            for concept in g.objects(fact, MEDKG.concept):
                key = (str(prop), str(concept))
                best[key] = max(best.get(key, 0.0), *scores)
    return {key for key, score in best.items() if score < threshold}


def _condition(g: Graph | QuadGraph, cond: URIRef) -> dict[str, Any]:
    out: dict[str, Any] = {"@type": "MedicalCondition", "@id": str(cond), "name": _one(g, cond, SCHEMA.name)}
    synonyms = _all(g, cond, SCHEMA.alternateName)
    if synonyms:
        out["alternateName"] = synonyms
    description = _one(g, cond, SCHEMA.description)
    if description:
        out["description"] = description
    out.update(_codes(g, cond))
    unsure = _unsure(g, cond, page_threshold())
    for relation, (local, schema_type) in RELATION_TERMS.items():
        prop = relation_property(relation)
        targets = sorted((t for t in g.objects(cond, prop) if (str(prop), str(t)) not in unsure),
                         key=lambda n: _one(g, n, SCHEMA.name) or "")
        if not targets:
            continue
        if relation is Relation.COMPLICATION:
            out["possibleComplication"] = ", ".join(_one(g, t, SCHEMA.name) or "" for t in targets)
        else:
            out[local] = [_thing(g, t, schema_type) for t in targets]
    return out


def page_object(g: Graph | QuadGraph, page: URIRef) -> dict[str, Any]:
    """The page's JSON-LD object, ``@context`` first."""
    out: dict[str, Any] = {"@context": "https://schema.org", "@type": "MedicalWebPage", "@id": str(page),
                           "name": _one(g, page, SCHEMA.name)}
    for key in ("url", "inLanguage", "lastReviewed", "dateModified", "datePublished"):
        value = _one(g, page, SCHEMA[key])
        if value:
            out[key] = value
    about = next(iter(sorted(g.objects(page, SCHEMA.about))), None)
    if about is not None:
        out["about"] = _condition(g, about)
    authors = [_person(g, a) for a in sorted(g.objects(page, SCHEMA.author))]
    if authors:
        out["author"] = authors
    reviewers = [_person(g, r) for r in sorted(g.objects(page, SCHEMA.reviewedBy))]
    if reviewers:
        out["reviewedBy"] = reviewers[0] if len(reviewers) == 1 else reviewers
    publisher = next(iter(sorted(g.objects(page, SCHEMA.publisher))), None)
    if publisher is not None:
        out["publisher"] = {"@type": "Organization", "name": _one(g, publisher, SCHEMA.name)}
    citations = [_citation(g, c) for c in sorted(g.objects(page, SCHEMA.citation))]
    if citations:
        out["citation"] = citations
    return out


def to_page_jsonld(dataset: Dataset | Iterable[ox.Quad]) -> bytes:
    """One page object for one article; a JSON array of them for several (also from pyoxigraph quads)."""
    g = union_graph(dataset) if isinstance(dataset, Dataset) else QuadGraph(dataset)
    pages = [page_object(g, page) for page in sorted(g.subjects(RDF.type, SCHEMA.MedicalWebPage))]
    data: Any = pages[0] if len(pages) == 1 else pages
    return (script_safe_json(data) + "\n").encode("utf-8")

