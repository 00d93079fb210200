"""Every built-in reader and exporter, declared in one place.

A reader is ``read(path: pathlib.Path) -> Article | ConditionRecord``; an
:class:`~medkg.model.Article` goes on through extraction and linking, a
:class:`~medkg.model.ConditionRecord` (a curated record) only through linking.
An exporter is ``export(dataset: rdflib.Dataset) -> bytes | dict[str, bytes]`` where the
dataset holds one named graph per article; a format made of several files (KGX, Neo4j
import CSVs) returns them as ``{suffix: content}``, written as ``<stem><suffix>``.
"""

from __future__ import annotations

from typing import Any

from medkg.registry import Registry

READERS: Registry[Any] = Registry("reader", "medkg.readers")
EXPORTERS: Registry[Any] = Registry("format", "medkg.exporters")

READERS.add("record", "medkg.readers.record:read_record", media_type="application/yaml",
            extensions=(".yaml", ".yml", ".json"), description="a curated condition record (YAML or JSON)")
READERS.add("text", "medkg.readers.text:read_text", media_type="text/plain",
            extensions=(".txt", ".text"), description="plain or scraped text, headings possibly lost")
READERS.add("html", "medkg.readers.html:read_html", media_type="text/html",
            extensions=(".html", ".htm", ".xhtml"), description="a publisher's HTML page")
READERS.add("markdown", "medkg.readers.markdown:read_markdown", media_type="text/markdown",
            extensions=(".md", ".markdown"), description="a Markdown (CommonMark) article")
READERS.add("medquad", "medkg.readers.medquad:read_medquad", media_type="application/xml",
            extensions=(".xml",), description="a MedQuAD question/answer document")

EXPORTERS.add("ttl", "medkg.exporters.rdf:to_turtle", media_type="text/turtle",
              extensions=(".ttl",), description="Turtle, prefixed and grouped by subject")
EXPORTERS.add("nt", "medkg.exporters.rdf:to_ntriples", media_type="application/n-triples",
              extensions=(".nt",), description="N-Triples, sorted")
EXPORTERS.add("trig", "medkg.exporters.rdf:to_trig", media_type="application/trig",
              extensions=(".trig",), description="TriG, one named graph per article")
EXPORTERS.add("nq", "medkg.exporters.rdf:to_nquads", media_type="application/n-quads",
              extensions=(".nq",), description="N-Quads, one named graph per article, sorted")
EXPORTERS.add("rdfxml", "medkg.exporters.rdf:to_rdfxml", media_type="application/rdf+xml",
              extensions=(".rdf",), description="RDF/XML of the union graph")
EXPORTERS.add("jsonld", "medkg.exporters.jsonld:to_jsonld", media_type="application/ld+json",
              extensions=(".jsonld",), description="JSON-LD for research: the condition as one nested object")
EXPORTERS.add("page", "medkg.exporters.page:to_page_jsonld", media_type="application/ld+json; profile=page",
              extensions=(".page.jsonld",),
              description="schema.org MedicalWebPage JSON-LD for search engines, safe inside <script>")
EXPORTERS.add("graphml", "medkg.exporters.graphml:to_graphml", media_type="application/graphml+xml",
              extensions=(".graphml",), description="GraphML of the condition-concept graph (networkx view)")
EXPORTERS.add("gexf", "medkg.exporters.gexf:to_gexf", media_type="application/gexf+xml",
              extensions=(".gexf",), description="GEXF 1.2 of the condition-concept graph, for Gephi")
EXPORTERS.add("nodelink", "medkg.exporters.nodelink:to_nodelink", media_type="application/json; profile=node-link",
              extensions=(".nodelink.json",), description="node-link JSON of the networkx view (networkx, d3)")
EXPORTERS.add("cytoscape", "medkg.exporters.cytoscape:to_cytoscape", media_type="application/json; profile=cytoscape",
              extensions=(".cyjs",), description="Cytoscape JSON for Cytoscape desktop, Cytoscape.js and networkx")
EXPORTERS.add("dot", "medkg.exporters.dot:to_dot", media_type="text/vnd.graphviz",
              extensions=(".dot",), description="Graphviz DOT of the condition-concept graph")
EXPORTERS.add("svg", "medkg.exporters.picture:to_svg", media_type="image/svg+xml",
              extensions=(".svg",), description="a picture of each condition and its findings, with tooltips")
EXPORTERS.add("png", "medkg.exporters.picture:to_png", media_type="image/png",
              extensions=(".png",), description="a picture of each condition and its findings")
EXPORTERS.add("html", "medkg.exporters.html:to_html", media_type="text/html",
              extensions=(".html",),
              description="a self-contained HTML page per article: facts, quotes, picture, JSON-LD")
EXPORTERS.add("kgx", "medkg.exporters.kgx:to_kgx", media_type="text/tab-separated-values; profile=kgx",
              extensions=("_nodes.tsv", "_edges.tsv", "_nodes.jsonl", "_edges.jsonl"),
              description="KGX nodes/edges TSV and JSON Lines with Biolink categories and predicates")
EXPORTERS.add("neo4j", "medkg.exporters.neo4j:to_neo4j", media_type="text/csv; profile=neo4j-admin-import",
              extensions=("_nodes.csv", "_relationships.csv"), description="CSV files for neo4j-admin database import")
