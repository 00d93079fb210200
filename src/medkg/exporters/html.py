"""A self-contained HTML page for each article's condition: facts, quotes, picture and JSON-LD.

Specs: HTML https://html.spec.whatwg.org/, JSON-LD in HTML
https://www.w3.org/TR/json-ld11/#embedding-json-ld-in-html-documents. Nothing is loaded
from the network: the style is inline, the picture is inline SVG (:mod:`.picture`) and
ids link out only when clicked. The page's ``<script type="application/ld+json">`` holds
exactly what the ``page`` format exports (:func:`medkg.exporters.page.to_page_jsonld`),
whose ``<``, ``>`` and ``&`` are escaped, so no name can close the script; every other text
is HTML-escaped. The template is ``page-template.html`` beside this module.
Not supported: several languages on one page, and pages for subtypes or complications.
"""

from __future__ import annotations

from functools import cache
from html import escape
from importlib.resources import files
from string import Template
from typing import Any

from rdflib import Dataset, Graph
from rdflib.namespace import RDF

from medkg.errors import ExportError
from medkg.ontology.namespaces import SCHEMA, curie_iri


@cache
def _template() -> Template:
    return Template(files("medkg.exporters").joinpath("page-template.html").read_text(encoding="utf-8"))


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


def page_html(graph: Graph) -> str:
    """The page of one article's graph."""
    from medkg.exporters.page import to_page_jsonld
    from medkg.exporters.picture import svg_of
    from medkg.graph.build import dataset_of
    from medkg.views import to_networkx

    view = to_networkx(graph)
    page = next(iter(sorted(graph.subjects(RDF.type, SCHEMA.MedicalWebPage))), None)
    about = graph.value(page, SCHEMA.about) if page is not None else None
    if about is None:
        raise ExportError(f"graph {graph.identifier}: no schema:MedicalWebPage about a condition to make a page of")
    condition = str(about)
    node = view.nodes[condition]
    name = escape(node["name"])
    svg = svg_of(view, condition)
    url, language = graph.value(page, SCHEMA.url), graph.value(page, SCHEMA.inLanguage)
    synonyms = node.get("synonyms", "").replace("|", ", ")
    description = graph.value(about, SCHEMA.description)
    source = f'<p class="source">Source: <a href="{escape(str(url))}">{escape(str(url))}</a></p>' if url else ""
    return _template().substitute(
        lang=escape(str(language or "en")),
        title=name,
        name=name,
        jsonld=to_page_jsonld(dataset_of([graph])).decode("utf-8").strip(),
        synonyms=f'<p class="synonyms">Also called: {escape(synonyms)}</p>' if synonyms else "",
        description=f"<p>{escape(str(description))}</p>" if description else "",
        codes=f'<p class="codes">Codes: {_id_links(node["ids"])}</p>' if "ids" in node else "",
        picture=svg[svg.index("<svg"):],
        findings=_findings(view, condition),
        source=source,
    )


def to_html(dataset: Dataset) -> bytes | dict[str, bytes]:
    """One page per article (named graph): one file, or ``.<article>.html`` files for several."""
    from medkg.ontology.namespaces import slug

    graphs = sorted((g for g in dataset.graphs() if len(g)), key=lambda g: str(g.identifier))
    pages = {f".{slug(str(g.identifier).rsplit('/', 1)[-1])}.html": page_html(g).encode("utf-8") for g in graphs}
    return next(iter(pages.values())) if len(pages) == 1 else pages
