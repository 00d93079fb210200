"""The read-only guards refuse updates, SERVICE, LOAD and remote FROM with a clear message."""

from __future__ import annotations

import pytest

from medkg.store import MedkgStore, QueryRefused, QuerySyntaxError, check_query


@pytest.mark.parametrize(("text", "message"), [
    ("INSERT DATA { <http://a/s> <http://a/p> 1 }", "INSERT DATA is SPARQL Update"),
    ("DELETE WHERE { ?s ?p ?o }", "DELETE WHERE is SPARQL Update"),
    ("LOAD <http://example.org/data.ttl> INTO GRAPH <http://a/g>", "LOAD is SPARQL Update"),
    ("CLEAR ALL", "CLEAR is SPARQL Update"),
    ("DROP GRAPH <http://a/g>", "DROP is SPARQL Update"),
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE <http://example.org/sparql>"),
    ("SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE SILENT <http://e.org/q> { ?s ?q ?r } } }", "SERVICE <http://e.org/q>"),
])
def test_refused(text, message):
    with pytest.raises(QueryRefused, match=message):
        check_query(text)


def test_words_inside_literals_and_comments_are_not_operations():
    check_query("SELECT * WHERE { ?s ?p 'SERVICE <http://x/> LOAD' } # INSERT DATA")


def test_remote_from_is_refused_local_from_is_run(graph_dir):
    store = MedkgStore.in_memory([graph_dir])
    with pytest.raises(QueryRefused, match=r"FROM <http://example.org/remote.ttl> is not a graph in this store"):
        store.query("SELECT * FROM <http://example.org/remote.ttl> WHERE { ?s ?p ?o }")
    with pytest.raises(QueryRefused, match="never fetches remote graphs"):
        store.query("SELECT * FROM NAMED <https://example.org/g> WHERE { GRAPH ?g { ?s ?p ?o } }")
    local = "https://w3id.org/medkg/id/graph/celiac-disease"
    names = store.query(f"SELECT ?n FROM <{local}> WHERE {{ ?c a schema:MedicalCondition ; schema:name ?n }}")
    assert [row[0].value for row in names.rows] == ["Celiac disease"]


def test_syntax_errors_say_where():
    with pytest.raises(QuerySyntaxError, match="line 1, column 1"):
        check_query("SELEKT * WHERE { ?s ?p ?o }")
    with pytest.raises(QuerySyntaxError, match="line 2, column 3: cannot read"):
        check_query("SELECT *\n{ \\u0053ERVICE <http://x/> { ?s ?p ?o } }")


@pytest.mark.parametrize("text", [
    'SELECT * { BIND("\\u005C" AS ?x) SERVICE <http://e.org/q> { ?a ?b ?c } } # " AS ?y) }',
    "SELECT * { BIND('\\u0027' AS ?x) SERVICE <http://e.org/q> { ?a ?b ?c } } # ' AS ?y) }",
    "select * { service <http://e.org/q> { ?s ?p ?o } }",
    "SELECT * { { SELECT * { OPTIONAL { SeRvIcE SILENT ?endpoint { ?s ?p ?o } } } } }",
    "PREFIX e: <http://e.org/> SELECT * { SERVICE e:q { ?s ?p ?o } }",
    "SELECT * { SERVICE <\\u0068ttp://e.org/q> { ?s ?p ?o } }",
])
def test_service_is_refused_however_spelled(text):
    with pytest.raises(QueryRefused, match="SERVICE"):
        check_query(text)


@pytest.mark.parametrize(("text", "canonical"), [
    ("SELECT ?x { BIND('a\\u0022b' AS ?x) }", 'SELECT ?x { BIND ( "a\\"b" AS ?x ) }'),
    ("SELECT ?x { BIND(\"\"\"two\nlines\"\"\" AS ?x) } # note",
     'SELECT ?x { BIND ( "two\\nlines"\nAS ?x ) }'),  # tokens stay on their lines
    ("ASK { <http://a/\\u0041> ?p 'x'@en-GB, \"1\"^^xsd:integer }",
     'ASK { <http://a/A> ?p "x" @en-GB , "1" ^^ xsd:integer }'),
])
def test_the_engine_runs_a_canonical_text(text, canonical):
    """Strings re-escaped, IRIs spelled out, comments gone: one reading for any parser."""
    assert check_query(text).text == canonical


@pytest.mark.parametrize("text", [
    "SELECT ?x { BIND('\\uD800' AS ?x) }",  # a surrogate is no character
    "SELECT * { <http://a/\\u003E> ?p ?o }",  # an escape may not smuggle '>' into an IRI
    "SELECT * { ?s ?p ?o } \x0b",  # white space SPARQL does not know
    "SELECT * { ?s ?p ex:\\u0041 }",
])
def test_unreadable_text_is_refused(text):
    with pytest.raises(QuerySyntaxError):
        check_query(text)


def test_overlong_queries_are_refused_before_parsing():
    with pytest.raises(QueryRefused, match="the limit is 100,000"):
        check_query("SELECT * { ?s ?p ?o } #" + "x" * 100_000)


def test_engine_syntax_errors_are_syntax_errors(graph_dir):
    with pytest.raises(QuerySyntaxError, match="not a SPARQL query"):
        MedkgStore.in_memory([graph_dir]).query("SELECT * WHERE { ?s ?p }")
