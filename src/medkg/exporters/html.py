"""Self-contained HTML: a page for each article's condition (facts, quotes, picture, JSON-LD), and
an index page for a corpus (conditions, counts per relation, links to each page).

Specs: HTML https://html.spec.whatwg.org/, JSON-LD in HTML
https://www.w3.org/TR/json-ld11/#embedding-json-ld-in-html-documents. Nothing is loaded
from the network: the style is inline, the picture is inline SVG (:mod:`.picture`) and
ids link out only when clicked. The page's ``<script type="application/ld+json">`` holds
exactly what the ``page`` format exports (:func:`medkg.exporters.page.to_page_jsonld`),
whose ``<``, ``>`` and ``&`` are escaped, so no name can close the script; every other text
is HTML-escaped. The templates are ``page-template.html`` and ``index-template.html`` beside
this module. A dataset of several articles gives ``<stem>.html``, the index, and one
``<article>.html`` per article, named as ``medkg build`` named its files
(:mod:`medkg.views.articles`), so a folder of outputs can be browsed without a server.
Not supported: several languages on one page, and pages for subtypes or complications.
"""

from __future__ import annotations

from functools import cache
from html import escape
from importlib.resources import files
from string import Template
from typing import Any

from medkg.errors import ExportError
from medkg.ontology.namespaces import SCHEMA, curie_iri
from medkg.views.articles import ArticleGraph, first


@cache
def _template(kind: str) -> Template:
    return Template(files("medkg.exporters").joinpath(f"{kind}-template.html").read_text(encoding="utf-8"))


def _id_links(ids: str) -> str:
    links = []
    for curie in filter(None, ids.split("|")):
        iri = curie_iri(curie)
        links.append(f'<a href="{escape(iri)}">{escape(curie)}</a>' if iri else escape(curie))
    return ", ".join(links)


def _findings(view: Any, condition: str) -> str:
    from medkg.model import Relation
    from medkg.views.style import RELATION_COLOURS, RELATION_HEADINGS

    by_relation: dict[str, list[str]] = {}
    edges = sorted(view.out_edges(condition, keys=True, data=True),
                   key=lambda e: (view.nodes[e[1]]["name"].lower(), e[1], e[2]))
    for _, concept, _, attrs in edges:
        node = view.nodes[concept]
        item = f"<strong>{escape(node['name'])}</strong>"
        if "qualifier" in attrs:
            item += f' <span class="qualifier">({escape(attrs["qualifier"])})</span>'
        if "ids" in node:
            item += f' <span class="ids">{_id_links(node["ids"])}</span>'
        item += "".join(f"<blockquote>{escape(q)}</blockquote>" for q in attrs.get("evidence", "").split("\n") if q)
        by_relation.setdefault(attrs["relation"], []).append(f"<li>{item}</li>")
    sections = []
    for relation in [r.value for r in Relation] + ["subtype"]:
        if relation in by_relation:
            items = "\n".join(by_relation[relation])
            colour = RELATION_COLOURS[relation]
            sections.append(f'<section class="relation {relation}" id="{relation}" style="--colour: {colour}">'
                            f"\n<h2>{RELATION_HEADINGS[relation]}</h2>\n<ul>\n{items}\n</ul>\n</section>")
    return "\n".join(sections)


def page_html(article: ArticleGraph, view: Any) -> str:
    """The page of one article, from the networkx view of the graph holding it."""
    from medkg.exporters.page import to_page_jsonld
    from medkg.exporters.picture import svg_of

    graph, page, condition = article.graph, article.page, str(article.condition)
    node = view.nodes[condition]
    name = escape(node["name"])
    svg = svg_of(view, condition)
    url, language = _web(first(graph, page, SCHEMA.url)), first(graph, page, SCHEMA.inLanguage)
    synonyms = node.get("synonyms", "").replace("|", ", ")
    description = first(graph, article.condition, SCHEMA.description)
    source = f'<p class="source">Source: <a href="{escape(str(url))}">{escape(str(url))}</a></p>' if url else ""
    return _template("page").substitute(
        lang=escape(str(language or "en")),
        title=name,
        name=name,
        jsonld=to_page_jsonld(article.statements).decode("utf-8").strip(),
        synonyms=f'<p class="synonyms">Also called: {escape(synonyms)}</p>' if synonyms else "",
        description=f"<p>{escape(str(description))}</p>" if description else "",
        codes=f'<p class="codes">Codes: {_id_links(node["ids"])}</p>' if "ids" in node else "",
        picture=svg[svg.index("<svg"):],
        findings=_findings(view, condition),
        source=source,
    )


def index_html(rows: list[tuple[ArticleGraph, Any]]) -> str:
    """The index of a corpus: one row per article, with its counts per relation, linking to its page."""
    from medkg.model import Relation
    from medkg.views.style import RELATION_COLOURS, RELATION_HEADINGS

    relations = [r.value for r in Relation]
    totals = dict.fromkeys(relations, 0)
    body = []
    for article, view in rows:
        node = view.nodes[str(article.condition)]
        counts = dict.fromkeys(relations, 0)
        linked = 0
        for _, concept, relation in view.out_edges(str(article.condition), data="relation"):
            if relation in counts:
                counts[relation] += 1
                linked += "ids" in view.nodes[concept]
        for relation, n in counts.items():
            totals[relation] += n
        url = _web(first(article.graph, article.page, SCHEMA.url))
        cells = "".join(f'<td class="n">{n or ""}</td>' for n in counts.values())
        source = f'<a href="{escape(str(url))}">source</a>' if url else ""
        body.append(f'<tr><th scope="row"><a href="{escape(article.name)}.html">{escape(node["name"])}</a></th>'
                    f'{cells}<td class="n">{sum(counts.values())}</td><td class="n">{linked}</td>'
                    f"<td>{source}</td></tr>")
    heads = "".join(f'<th scope="col" style="color: {RELATION_COLOURS[r]}">{RELATION_HEADINGS[r]}</th>'
                    for r in relations)
    findings = sum(totals.values())
    return _template("index").substitute(
        articles=len(rows),
        conditions=len({str(a.condition) for a, _ in rows}),
        findings=findings,
        heads=heads,
        rows="\n".join(body),
        totals="".join(f'<td class="n">{n}</td>' for n in totals.values()) + f'<td class="n">{findings}</td>',
    )


def to_html(dataset: Any) -> bytes | dict[str, bytes]:
    """One page for one article; for several, the index (``.html``) and ``<article>.html`` pages."""
    from medkg.views.articles import articles_of
    from medkg.views.source import graph_view

    found = articles_of(dataset)
    if not found:
        raise ExportError("no schema:MedicalWebPage about a condition to make a page of")
    views: dict[int, Any] = {}  # one view per graph, however many pages it holds
    for article in found:
        if id(article.graph) not in views:
            views[id(article.graph)] = graph_view(dataset, article)
    rows = [(a, views[id(a.graph)]) for a in found]
    if len(rows) == 1:
        return page_html(*rows[0]).encode("utf-8")
    pages = {f"{a.name}.html": page_html(a, view).encode("utf-8") for a, view in rows}
    return {".html": index_html(rows).encode("utf-8"), **pages}


def _web(url: object) -> str | None:
    """``url`` if it is an http(s) URL, else None: a ``javascript:`` URL in a graph never becomes a link."""
    return str(url) if url is not None and str(url).lower().startswith(("http://", "https://")) else None
