"""`medkg serve` in a subprocess, queried with a real SPARQL client (SPARQLWrapper) on loopback."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from medkg.model import ConditionRecord, Relation

from .conftest import finding, write_graphs
from .servers import free_port, running

SPARQLWrapper = pytest.importorskip("SPARQLWrapper", reason="a test dependency: pip install -e .[test]")
BENCH = Path(__file__).resolve().parents[2] / "bench" / "bench_serve.py"
HOSTILE = ConditionRecord("hostile", "Hostile <script>alert(1)</script> & co", findings=(
    finding(Relation.SYMPTOM, "<img src=x onerror=alert(1)>", quote='"><script>alert(2)</script>'),))
BASE = "https://w3id.org/medkg/id/"
CONDITIONS = "SELECT ?name WHERE { ?c a schema:MedicalCondition ; schema:name ?name } ORDER BY ?name"


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory, module_records) -> str:
    folder = tmp_path_factory.mktemp("served")
    write_graphs(folder, [*module_records, HOSTILE])
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    command = [sys.executable, "-m", "medkg.cli", "serve", str(folder), "--port", str(port), "--quiet",
               "--max-results", "50"]
    with running(command, url):
        yield url


@pytest.fixture(scope="module")
def module_records():
    from medkg.readers.record import read_record

    from .conftest import CELIAC, HYPOTHYROIDISM

    example = Path(__file__).resolve().parents[2] / "examples" / "iron-deficiency-anemia.yaml"
    return [read_record(example), CELIAC, HYPOTHYROIDISM]


def client(endpoint: str, query: str, fmt: str, method: str = "GET"):
    from SPARQLWrapper import SPARQLWrapper as Client

    sparql = Client(endpoint + "sparql")
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    sparql.setMethod(method)
    return sparql.query()


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_select_json(endpoint, method):
    doc = client(endpoint, CONDITIONS, "json", method).convert()
    names = [b["name"]["value"] for b in doc["results"]["bindings"]]
    assert "Celiac disease" in names and "Iron-deficiency anemia" in names


def test_select_xml_csv_tsv(endpoint):
    xml = client(endpoint, CONDITIONS, "xml").convert()
    assert "Hypothyroidism" in [n.firstChild.data for n in xml.getElementsByTagName("literal")]
    rows = list(csv.reader(io.StringIO(client(endpoint, CONDITIONS, "csv").convert().decode())))
    assert rows[0] == ["name"] and ["Celiac disease"] in rows
    tsv = client(endpoint, CONDITIONS, "tsv").convert().decode().splitlines()
    assert tsv[0] == "?name" and '"Celiac disease"' in tsv


def test_ask_and_post_directly(endpoint):
    from SPARQLWrapper import POSTDIRECTLY
    from SPARQLWrapper import SPARQLWrapper as Client

    sparql = Client(endpoint + "sparql")
    sparql.setQuery("ASK { ?c schema:name 'Hypothyroidism' }")
    sparql.setReturnFormat("json")
    sparql.setMethod("POST")
    sparql.setRequestMethod(POSTDIRECTLY)
    assert sparql.query().convert()["boolean"] is True


def test_construct_turtle_and_jsonld(endpoint):
    query = "CONSTRUCT { ?c schema:signOrSymptom ?s } WHERE { ?c schema:signOrSymptom ?s }"
    turtle = client(endpoint, query, "turtle")
    assert turtle.info()["content-type"].startswith("text/turtle")
    from rdflib import Graph

    graph = Graph().parse(data=turtle.convert(), format="turtle")
    jsonld = client(endpoint, query, "json-ld").convert()
    assert len(graph) == len(jsonld) > 5


def test_refusals_and_cap(endpoint):
    from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

    for query, message in [("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
                           ("SELECT * FROM <http://example.org/remote> WHERE { ?s ?p ?o }", "not a graph in")]:
        with pytest.raises(QueryBadFormed, match=message):
            client(endpoint, query, "json")
    capped = client(endpoint, "SELECT * WHERE { ?s ?p ?o }", "json")
    assert len(capped.convert()["results"]["bindings"]) == 50
    assert capped.info()["medkg-results-truncated"] == "true"
    with pytest.raises(urllib.error.HTTPError) as as_update:  # SPARQLWrapper sends LOAD as update=
        client(endpoint, "LOAD <http://example.org/x.ttl>", "json", "POST")
    assert as_update.value.code == 403 and b"read-only" in as_update.value.read()
    with pytest.raises(urllib.error.HTTPError) as as_query:
        urllib.request.urlopen(urllib.request.Request(endpoint + "sparql", data=b"query=LOAD+%3Chttp://x.org/y%3E"))
    assert as_query.value.code == 400 and b"LOAD is SPARQL Update" in as_query.value.read()


def get(url: str, accept: str) -> tuple[str, str]:
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": accept}), timeout=10) as answer:
        return answer.headers["Content-Type"], answer.read().decode()


def test_entity_iris_dereference(endpoint):
    kind, page = get(endpoint + "concept/hp-0012378", "text/html,application/xhtml+xml,*/*;q=0.8")
    assert kind.startswith("text/html") and "<h1>fatigue</h1>" in page and 'href="/code/hp-0012378"' in page
    kind, turtle = get(endpoint + "concept/hp-0012378", "text/turtle")
    assert kind == "text/turtle" and "<http://purl.obolibrary.org/obo/HP_0012378>" in turtle
    kind, doc = get(endpoint + "concept/hp-0012378", "application/ld+json")
    assert json.loads(doc)["@graph"][0]["@id"].endswith("concept/hp-0012378")
    with pytest.raises(urllib.error.HTTPError) as missing:
        get(endpoint + "concept/nothing-here", "text/html")
    assert missing.value.code == 404


def test_index_lists_article_graphs_and_the_terminology(endpoint):
    _, page = get(endpoint, "text/html")
    articles, _, terminology = page.partition("<h2>Terminology</h2>")
    assert 'href="/graph/celiac-disease"' in articles and "terminology" not in articles
    assert f"<code>{BASE}terminology</code>" in terminology


def test_entity_pages_escape_everything(endpoint):
    _, page = get(endpoint + "condition/hostile-script-alert-1-script-co", "text/html")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in page
    _, finding_page = get(endpoint + "finding/hostile/symptom/img-src-x-onerror-alert-1", "text/html")
    assert "<img" not in finding_page and "onerror" in finding_page


def test_bounded_concurrent_load(endpoint):
    spec = importlib.util.spec_from_file_location("bench_serve", BENCH)
    bench = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = bench  # its dataclasses look their module up
    spec.loader.exec_module(bench)
    stats = bench.load_test(endpoint + "sparql", CONDITIONS, threads=8, per_thread=50, budget=60.0)
    assert stats.ok == stats.sent == 400 and stats.errors == 0


def _default_client(endpoint: str, query: str):
    """SPARQLWrapper exactly as a user starts with it: no return format, method or Accept chosen."""
    from SPARQLWrapper import SPARQLWrapper as Client

    sparql = Client(endpoint + "sparql")
    sparql.setQuery(query)
    return sparql.query()


def test_sparqlwrapper_defaults_for_every_query_form(endpoint):
    rows = _default_client(endpoint, CONDITIONS).convert()
    assert "Celiac disease" in [n.firstChild.data for n in rows.getElementsByTagName("literal")]
    assert _default_client(endpoint, "ASK { ?c schema:name 'Hypothyroidism' }").convert().getElementsByTagName(
        "boolean")[0].firstChild.data == "true"
    constructed = _default_client(endpoint, "CONSTRUCT { ?c schema:signOrSymptom ?s } "
                                            "WHERE { ?c schema:signOrSymptom ?s }").convert()
    assert len(constructed) > 5
    described = _default_client(endpoint, f"DESCRIBE <{BASE}condition/hypothyroidism>").convert()
    assert (None, None, None) in described and len(described) > 3


@pytest.mark.parametrize(("accept", "syntax"), [
    ("application/rdf+xml", "xml"), ("text/turtle", "turtle"), ("application/n-triples", "nt"),
    ("application/ld+json", "json-ld"), ("text/plain", "nt"), ("application/x-turtle", "turtle")])
def test_construct_in_every_rdf_syntax(endpoint, accept, syntax):
    from urllib.parse import urlencode

    from rdflib import Graph

    query = "CONSTRUCT { ?c schema:signOrSymptom ?s } WHERE { ?c schema:signOrSymptom ?s }"
    kind, body = get(endpoint + "sparql?" + urlencode({"query": query}), accept)
    assert kind.startswith(accept)
    baseline = Graph().parse(data=get(endpoint + "sparql?" + urlencode({"query": query}), "text/turtle")[1],
                             format="turtle")
    assert len(Graph().parse(data=body, format=syntax)) == len(baseline) > 5


@pytest.mark.parametrize(("accept", "syntax"), [("application/trig", "trig"), ("application/n-quads", "nquads")])
def test_entities_keep_their_article_graphs_in_trig_and_nquads(endpoint, accept, syntax):
    from rdflib import Dataset

    kind, body = get(endpoint + "concept/hp-0012378", accept)
    assert kind.startswith(accept)
    graphs = {str(g.identifier) for g in Dataset().parse(data=body, format=syntax).graphs() if len(g)}
    assert {BASE + "graph/celiac-disease", BASE + "graph/hypothyroidism"} <= graphs


def test_query_parameters_on_the_endpoint(endpoint):
    from SPARQLWrapper import SPARQLWrapper as Client

    from medkg.store.queries import example_queries

    sparql = Client(endpoint + "sparql")
    sparql.setQuery(example_queries()["evidence-for-a-fact"])
    sparql.addParameter("condition", "Iron-deficiency anemia")
    sparql.addParameter("finding", "pale skin")
    sparql.setReturnFormat("json")
    rows = sparql.query().convert()["results"]["bindings"]
    assert [r["quote"]["value"] for r in rows] == ["Pale skin"]
    sparql.addParameter("illness", "flu")
    from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

    with pytest.raises(QueryBadFormed, match="no parameter 'illness'"):
        sparql.query()


def test_shipped_queries_read_as_select_to_sparqlwrapper():
    """SPARQLWrapper guesses a query's form from the first word that starts like a keyword, in
    comments too ("adds" reads as ADD, "removes" as MOVE), and sends an "update" there."""
    from SPARQLWrapper import SPARQLWrapper as Client

    from medkg.store.queries import example_queries

    for name, text in example_queries().items():
        client = Client("http://127.0.0.1/sparql")
        client.setQuery(text)
        assert client.queryType == "SELECT", name


def test_entity_pages_show_names_not_iris(endpoint):
    import re

    _, page = get(endpoint + "condition/hypothyroidism", "text/html")
    # the concept shared by two articles is named by either article's word, its IRI kept as the tooltip
    assert re.search(f'title="{BASE}concept/hp-0012378">(fatigue|tiredness)</a>', page)
    assert f">{BASE}concept/hp-0012378</a>" not in page
