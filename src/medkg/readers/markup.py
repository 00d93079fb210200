"""What a page's markup says about the page: its schema.org data, then its ``<meta>`` and ``<link>`` tags.

schema.org data is read from JSON-LD (each ``<script type="application/ld+json">`` on its own,
so one broken script does not hide the others), microdata and RDFa (both through extruct,
https://github.com/scrapinghub/extruct). The page's node is its ``MedicalWebPage`` (else
another ``WebPage``, else an ``Article``); its ``about`` condition gives the condition's other
names. Meta tags follow: ``<link rel="canonical">``, Open Graph (``og:``, ``article:``), Dublin
Core (``DC.``, ``dcterms.``) and Highwire Press (``citation_``). For every field the first
source with a valid value wins (:mod:`medkg.readers.fields`); invalid values are dropped
with a warning.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from medkg.model import PageMetadata, Person
from medkg.readers import fields

#: page-like schema.org types, most specific first
_PAGE_TYPES = ("MedicalWebPage", "WebPage", "MedicalScholarlyArticle", "Article", "CreativeWork")
_CONDITION_TYPES = ("MedicalCondition", "InfectiousDisease", "MedicalSignOrSymptom", "Disease")
_SCHEMA = re.compile(r"^https?://schema\.org/")
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$")
#: a node nests at most this deep in our reading of it (a page's markup is shallow; a hostile one is not)
_MAX_NEST = 8


@dataclass(frozen=True, slots=True)
class Markup:
    """The page metadata and the condition's other names that a page's markup states."""

    page: PageMetadata
    synonyms: tuple[str, ...] = ()


def read_markup(root: Any, source: str, where: Path | str) -> Markup:
    """The page's metadata from its schema.org data and meta tags; ``source`` is the page's decoded HTML."""
    nodes = [*_json_ld(root, where), *_extruct(root, source, where)]
    pages = sorted((n for n in _walk_nodes(nodes) if _rank(n, _PAGE_TYPES) is not None),
                   key=lambda n: _rank(n, _PAGE_TYPES))
    conditions = [a for p in pages for a in _as_list(p.get("about")) + _as_list(p.get("mainEntity"))
                  if isinstance(a, dict) and _rank(a, _CONDITION_TYPES) is not None]
    conditions += [n for n in _walk_nodes(nodes) if _rank(n, _CONDITION_TYPES) is not None
                   and not any(n is c for c in conditions)]
    meta = _meta_tags(root)

    def schema(*keys: str) -> Iterator[Any]:
        for node in pages:
            for key in keys:
                yield from _as_list(node.get(key))

    def tags(*names: str) -> Iterator[Any]:
        for name in names:
            yield from meta.get(name, ())

    def first(check: Callable[[Any, Path | str, str], Any], field: str, *sources: Iterable[Any]) -> Any:
        for source_values in sources:
            for value in source_values:
                found = check(value, where, field)
                if found:
                    return found
        return None

    title = root.find(".//title")
    page = PageMetadata(
        title=first(_line, "title", schema("name", "headline"), tags("og:title", "dc.title", "dcterms.title",
                                                                     "citation_title"),
                    [title.text_content()] if title is not None else []),
        url=first(fields.url, "url", [n.get("url") for n in pages], [_canonical(root)], tags("og:url", "dc.identifier",
                  "dcterms.identifier", "citation_public_url", "citation_fulltext_html_url",
                  "citation_abstract_html_url")),
        language=first(_language, "language", schema("inLanguage"), [root.get("lang"), root.get("xml:lang")],
                       tags("content-language", "dc.language", "dcterms.language", "language", "og:locale")),
        authors=_people(schema("author", "creator"), where, "author") or _people(
            tags("citation_author", "dc.creator", "dcterms.creator", "author"), where, "author"),
        reviewers=_people(schema("reviewedBy"), where, "reviewer"),
        date_reviewed=first(fields.date, "lastReviewed", schema("lastReviewed")),
        date_updated=first(fields.date, "dateModified", schema("dateModified"), tags(
            "article:modified_time", "og:updated_time", "dc.date.modified", "dcterms.modified", "last-modified")),
        date_published=first(fields.date, "datePublished", schema("datePublished", "dateCreated"), tags(
            "article:published_time", "citation_publication_date", "citation_date", "citation_online_date",
            "dc.date.issued", "dcterms.issued", "dcterms.created", "dc.date", "dcterms.date")),
        publisher=first(_organisation, "publisher", schema("publisher", "sourceOrganization"), tags(
            "og:site_name", "citation_publisher", "dc.publisher", "dcterms.publisher")),
    )
    synonyms = [s for c in conditions for s in _as_list(c.get("alternateName"))]
    return Markup(page, tuple(dict.fromkeys(n for s in synonyms if (n := fields.text(s, where, "alternateName")))))


def _json_ld(root: Any, where: Path | str) -> list[dict[str, Any]]:
    """The objects of every JSON-LD script, each script parsed on its own; what is not JSON is skipped."""
    nodes: list[dict[str, Any]] = []
    scripts = [s for s in root.iter("script") if (s.get("type") or "").split(";")[0].strip().lower()
               == "application/ld+json"]
    for i, script in enumerate(scripts, 1):
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):
            fields.warn(where, f"JSON-LD script {i}", (script.text or "")[:40], "not JSON")
            continue
        found = [d for d in _as_list(data) if isinstance(d, dict)]
        found += [g for d in found for g in _as_list(d.get("@graph")) if isinstance(g, dict)]
        if not found:
            fields.warn(where, f"JSON-LD script {i}", data, "holds no object")
        nodes += found
    return nodes


def _extruct(root: Any, source: str, where: Path | str) -> list[dict[str, Any]]:
    """schema.org items from microdata and RDFa, as extruct reads them; a syntax it cannot read is skipped."""
    import extruct

    nodes: list[dict[str, Any]] = []
    for syntax, document in (("microdata", root), ("rdfa", source)):
        if syntax == "rdfa" and not re.search(r"\b(?:typeof|property|vocab)\s*=", source):
            continue
        try:
            items = extruct.extract(document, syntaxes=[syntax], uniform=True, errors="strict").get(syntax, [])
        except Exception as err:  # a third-party parser on hostile markup: skip that syntax, keep the rest
            fields.warn(where, syntax, type(err).__name__, "cannot be read")
            continue
        nodes += _from_expanded(items) if syntax == "rdfa" else [i for i in items if isinstance(i, dict)]
    return nodes


def _from_expanded(items: list[Any]) -> list[dict[str, Any]]:
    """RDFa comes as expanded JSON-LD (full IRIs, lists of values, nodes by id): make it look like
    the compact JSON-LD publishers write, for schema.org terms only."""
    by_id = {i.get("@id"): i for i in items if isinstance(i, dict)}

    def compact(node: dict[str, Any], depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {"@type": [_SCHEMA.sub("", t) for t in _as_list(node.get("@type")) if isinstance(t, str)]}
        for key, values in node.items():
            if not _SCHEMA.match(key):
                continue
            out[_SCHEMA.sub("", key)] = [value(v, depth) for v in _as_list(values)]
        return out

    def value(v: Any, depth: int) -> Any:
        if not isinstance(v, dict):
            return v
        if "@value" in v:
            return v["@value"]
        ref = by_id.get(v.get("@id"))
        return compact(ref, depth + 1) if ref is not None and depth < _MAX_NEST else v.get("@id")

    return [compact(i, 0) for i in by_id.values() if any(_SCHEMA.match(str(t)) for t in _as_list(i.get("@type")))]


def _walk_nodes(nodes: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Every object in the markup, nested ones included, breadth first and to a bounded depth."""
    level: list[Any] = list(nodes)
    for _ in range(_MAX_NEST):
        nested: list[Any] = []
        for node in level:
            if isinstance(node, dict):
                yield node
                nested += [v for value in node.values() for v in _as_list(value) if isinstance(v, dict)]
        level = nested


def _rank(node: dict[str, Any], types: tuple[str, ...]) -> int | None:
    """Where the node's type stands in ``types`` (a ``...WebPage`` counts as ``WebPage``), or None."""
    names = [str(t).rsplit("/", 1)[-1] for t in _as_list(node.get("@type"))]
    ranks = [i for i, wanted in enumerate(types) for name in names
             if name == wanted or (wanted == "WebPage" and name.endswith("WebPage"))]
    return min(ranks) if ranks else None


def _meta_tags(root: Any) -> dict[str, list[str]]:
    """``<meta>`` contents by lower-cased name, property or http-equiv, in page order."""
    meta: dict[str, list[str]] = {}
    for tag in root.iter("meta"):
        key = (tag.get("name") or tag.get("property") or tag.get("http-equiv") or "").strip().lower()
        if key and tag.get("content"):
            meta.setdefault(key, []).append(tag.get("content"))
    return meta


def _canonical(root: Any) -> str | None:
    links = [link.get("href") for link in root.iter("link")
             if "canonical" in (link.get("rel") or "").lower().split() and link.get("href")]
    return links[0] if links else None


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [] if value is None else [value]


def _line(value: Any, where: Path | str, field: str) -> str | None:
    return fields.text(value, where, field)


def _language(value: Any, where: Path | str, field: str) -> str | None:
    if isinstance(value, dict):
        value = value.get("alternateName") or value.get("name")
    line = fields.text(value, where, field)
    if line and not _LANGUAGE.match(line):
        fields.warn(where, field, line, "not a language tag")
        return None
    return line.replace("_", "-") if line else None


def _organisation(value: Any, where: Path | str, field: str) -> str | None:
    return fields.text(value.get("name") if isinstance(value, dict) else value, where, field)


def _people(values: Iterable[Any], where: Path | str, field: str) -> tuple[Person, ...]:
    """People from schema.org Person objects or plain names; organisations are not people."""
    found: list[Person] = []
    for value in values:
        if isinstance(value, dict):
            if _rank(value, ("Person",)) is None and value.get("@type"):
                continue
            name = fields.text(next(iter(_as_list(value.get("name"))), None), where, field)
            url = fields.url(next(iter(_as_list(value.get("url"))), None), where, f"{field} url")
        else:
            name, url = fields.text(value, where, field), None
        if name and not fields.is_absolute_url(name):
            found.append(Person(name, url))
    return tuple(dict.fromkeys(found))
