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
from functools import cache
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset
from rdflib.namespace import RDF, SKOS

from medkg.exporters.rdf import sorted_quads
from medkg.extract.classifier import page_threshold
from medkg.graph.build import QuadGraph
from medkg.model import Relation
from medkg.ontology.namespaces import MEDKG, RELATION_TERMS, SCHEMA, relation_property

_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def script_safe_json(data: Any) -> str:
    """JSON that is safe inside ``<script>``: no ``</script>``, ``<!--`` or line separators.

    >>> script_safe_json({"name": "</script><b>"})
    '{"name": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    return json.dumps(data, ensure_ascii=False).translate(_SCRIPT_SAFE)


@cache
def _s(local: str) -> str:
    """A schema.org term's IRI as a plain string, which the statements are indexed by."""
    return str(SCHEMA[local])


_NAME, _CODE, _URL, _AUTHOR = _s("name"), _s("code"), _s("url"), _s("author")
_TYPE = str(RDF.type)


def _one(g: QuadGraph, node: str, prop: str) -> str | None:
    values = g.values(node, prop)
    return min(values) if values else None


def _all(g: QuadGraph, node: str, prop: str) -> list[str]:
    return sorted(set(g.values(node, prop)))


def _codes(g: QuadGraph, node: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    codes = [
        {"@type": "MedicalCode", "codeValue": _one(g, code, _s("codeValue")),
         "codingSystem": _one(g, code, _s("codingSystem"))}
        for code in sorted(g.values(node, _CODE))
    ]
    if codes:
        out["code"] = codes
    same = _all(g, node, str(SKOS.exactMatch))
    if same:
        out["sameAs"] = same
    return out


def _thing(g: QuadGraph, node: str, schema_type: str) -> dict[str, Any]:
    out: dict[str, Any] = {"@type": schema_type, "@id": node, "name": _one(g, node, _NAME)}
    return {**out, **_codes(g, node)}


def _person(g: QuadGraph, node: str) -> dict[str, Any]:
    out = {"@type": "Person", "name": _one(g, node, _NAME)}
    url = _one(g, node, _URL)
    return {**out, "url": url} if url else out


def _citation(g: QuadGraph, node: str) -> dict[str, Any]:
    is_article = _s("ScholarlyArticle") in g.values(node, _TYPE)
    out: dict[str, Any] = {"@type": "ScholarlyArticle" if is_article else "CreativeWork",
                           "name": _one(g, node, _NAME)}
    authors = [_person(g, a) for a in sorted(g.values(node, _AUTHOR))]
    if authors:
        out["author"] = authors
    for key in ("datePublished", "url"):
        value = _one(g, node, _s(key))
        if value:
            out[key] = value
    journal = _one(g, node, _s("isPartOf"))
    if journal is not None:
        out["isPartOf"] = {"@type": "Periodical", "name": _one(g, journal, _NAME)}
    return out


def _unsure(g: QuadGraph, cond: str, threshold: float) -> set[tuple[str, str]]:
    """(relation, concept) pairs of ``cond`` whose extracted facts all fall below ``threshold``."""
    best: dict[tuple[str, str], float] = {}
    for fact in g.values(cond, str(MEDKG.hasFinding)):
        scores = [float(c) for c in g.values(fact, str(MEDKG.extractionConfidence))]
        if not scores:
            continue
        for prop in g.values(fact, str(MEDKG.relation)):
            for concept in g.values(fact, str(MEDKG.concept)):
                key = (prop, concept)
                best[key] = max(best.get(key, 0.0), *scores)
    return {key for key, score in best.items() if score < threshold}


def _condition(g: QuadGraph, cond: str) -> dict[str, Any]:
    out: dict[str, Any] = {"@type": "MedicalCondition", "@id": cond, "name": _one(g, cond, _NAME)}
    synonyms = _all(g, cond, _s("alternateName"))
    if synonyms:
        out["alternateName"] = synonyms
    description = _one(g, cond, _s("description"))
    if description:
        out["description"] = description
    out.update(_codes(g, cond))
    unsure = _unsure(g, cond, page_threshold())
    for relation, (local, schema_type) in RELATION_TERMS.items():
        prop = str(relation_property(relation))
        targets = sorted((t for t in g.values(cond, prop) if (prop, t) not in unsure),
                         key=lambda n: _one(g, n, _NAME) or "")
        if not targets:
            continue
        if relation is Relation.COMPLICATION:
            out["possibleComplication"] = ", ".join(_one(g, t, _NAME) or "" for t in targets)
        else:
            out[local] = [_thing(g, t, schema_type) for t in targets]
    return out


def page_object(g: QuadGraph, page: str) -> dict[str, Any]:
    """The page's JSON-LD object, ``@context`` first."""
    out: dict[str, Any] = {"@context": "https://schema.org", "@type": "MedicalWebPage", "@id": page,
                           "name": _one(g, page, _NAME)}
    for key in ("url", "inLanguage", "lastReviewed", "dateModified", "datePublished"):
        value = _one(g, page, _s(key))
        if value:
            out[key] = value
    about = _one(g, page, _s("about"))
    if about is not None:
        out["about"] = _condition(g, about)
    authors = [_person(g, a) for a in sorted(g.values(page, _AUTHOR))]
    if authors:
        out["author"] = authors
    reviewers = [_person(g, r) for r in sorted(g.values(page, _s("reviewedBy")))]
    if reviewers:
        out["reviewedBy"] = reviewers[0] if len(reviewers) == 1 else reviewers
    publisher = _one(g, page, _s("publisher"))
    if publisher is not None:
        out["publisher"] = {"@type": "Organization", "name": _one(g, publisher, _NAME)}
    citations = [_citation(g, c) for c in sorted(g.values(page, _s("citation")))]
    if citations:
        out["citation"] = citations
    return out


def to_page_jsonld(dataset: Dataset | QuadGraph | Iterable[ox.Quad]) -> bytes:
    """One page object for one article; a JSON array of them for several (also from pyoxigraph quads,
    or a :class:`~medkg.graph.build.QuadGraph` of them, which the build shares with the JSON-LD writer)."""
    if not isinstance(dataset, QuadGraph):
        dataset = QuadGraph(sorted_quads(dataset) if isinstance(dataset, Dataset) else dataset)
    g, web_page = dataset, _s("MedicalWebPage")
    pages = [page_object(g, page) for page in sorted(s for s in g.by_subject if web_page in g.values(s, _TYPE))]
    data: Any = pages[0] if len(pages) == 1 else pages
    return (script_safe_json(data) + "\n").encode("utf-8")

