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
