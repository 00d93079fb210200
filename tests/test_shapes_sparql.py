"""The SPARQL engine finds what pySHACL finds: same results on the example and on every planted error."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from medkg.cli import EXIT_INVALID, EXIT_OK, main
from medkg.errors import ShapeError, UnknownNameError
from medkg.ontology.namespaces import MEDKG
from medkg.shapes import ENGINES, validate_graph
from medkg.shapes.sparql import compile_shapes, load_ntriples, load_store, store_from, validate_store

from .test_shapes import FACT, PAGE, PLANTED, _evidence


def _both(graph: Graph) -> list[set[tuple]]:
    """(severity, focus, path, message) of every result, from pySHACL and from the SPARQL engine."""
    return [{(r.severity, r.focus, r.path, r.message) for r in validate_graph(graph, engine=engine).results}
            for engine in ENGINES]


def test_example_gives_equal_reports(example_graph):
    assert validate_graph(example_graph, engine="sparql") == validate_graph(example_graph)


@pytest.mark.parametrize("case", sorted(PLANTED))
def test_planted_error_gives_equal_results(example_graph, case):
    PLANTED[case][0](example_graph)
    reference, fast = _both(example_graph)
    assert fast == reference
    counts = [validate_graph(example_graph, engine=e).count(PLANTED[case][1]) for e in ENGINES]
    assert counts[0] == counts[1]


@pytest.mark.parametrize("value", [Literal("0.50", datatype=XSD.decimal), Literal("-1", datatype=XSD.decimal),
                                   Literal("x", datatype=XSD.decimal), Literal("0.5"), URIRef("https://x.org/a")])
def test_literals_keep_their_lexical_form_and_datatype(example_graph, value):
    """The store would turn 0.50 into 0.5 and nonNegativeInteger into integer; the engine must not see that."""
    example_graph.set((FACT, MEDKG.confidence, value))
    evidence = _evidence(example_graph)
    example_graph.set((evidence, MEDKG.startOffset, Literal("07", datatype=XSD.nonNegativeInteger)))
    example_graph.set((evidence, MEDKG.endOffset, Literal("12", datatype=XSD.integer)))
    reference, fast = _both(example_graph)
    assert fast == reference


@pytest.mark.parametrize("bulk", [True, False])
def test_ntriples_load_as_the_graphs_triples_in_a_transaction_or_in_bulk(example_graph, bulk):
    """A build's validation loads its union as N-Triples, in memory in one transaction per call:
    the store must hold what :func:`store_from` puts there from the triples (typed literals verbatim)."""
    example_graph.set((FACT, MEDKG.confidence, Literal("0.50", datatype=XSD.decimal)))
    example_graph.set((_evidence(example_graph), MEDKG.startOffset, Literal("07", datatype=XSD.nonNegativeInteger)))
    lines = example_graph.serialize(format="nt", encoding="utf-8")
    store = ox.Store()
    load_ntriples(lines, store, lenient=True, bulk=bulk)
    assert set(store) == set(store_from(ox.parse(lines, format=ox.RdfFormat.N_TRIPLES)))
    assert len(store) == len(example_graph) and validate_store(store) == validate_graph(example_graph)


def test_store_counts_a_triple_held_by_two_graphs_once(tmp_path, example_graph):
    trig = tmp_path / "two.trig"
    body = example_graph.serialize(format="nt")
    trig.write_text("".join(f"<https://x.org/g{i}> {{\n{body}}}\n" for i in (1, 2)))
    store = load_store(trig)
    assert len(store) == len(example_graph)
    assert validate_store(store) == validate_graph(example_graph)


SHAPES = """@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix schema: <http://schema.org/> .
<https://x.org/S> a sh:NodeShape ; sh:targetClass schema:MedicalWebPage ; {} ."""


@pytest.mark.parametrize("constraint, named", [
    ("sh:node <https://x.org/T>", "sh:node"),
    ("sh:property [ sh:path schema:about ; sh:qualifiedMinCount 1 ]", "sh:qualifiedMinCount"),
    ("sh:property [ sh:path [ sh:inversePath schema:about ] ; sh:minCount 1 ]", "sh:path"),
    ("sh:property [ sh:path schema:about ; sh:equals schema:url ]", "sh:equals"),
    ("sh:property [ sh:path schema:name ; sh:datatype <http://www.w3.org/2001/XMLSchema#gYear> ]", "gYear"),
])
def test_unsupported_constructs_are_refused_by_name(constraint, named):
    shapes = Graph().parse(data=SHAPES.format(constraint), format="turtle")
    with pytest.raises(ShapeError, match=named):
        compile_shapes(shapes)


@pytest.mark.parametrize("constraint", [
    "sh:property [ sh:path schema:about ; sh:minCount 2 ; sh:message 'm' ]",
    "sh:property [ sh:path schema:about ; sh:maxCount 0 ; sh:message 'm' ]",
    "sh:property [ sh:path schema:nope ; sh:minCount 2 ; sh:message 'm' ]",
    "sh:or ( [ sh:property [ sh:path schema:about ; sh:minCount 1 ] ] [ sh:class schema:Thing ] ) ; sh:message 'm'",
    "sh:or ( [ sh:property [ sh:path schema:nope ; sh:minCount 1 ] ] [ sh:class schema:Thing ] ) ; sh:message 'm'",
    "sh:or ( [ sh:property [ sh:path schema:about ; sh:maxCount 0 ] ] [ sh:class schema:Thing ] ) ; sh:message 'm'",
    "sh:or ( [ sh:property [ sh:path schema:about ; sh:minCount 2 ] ] [ sh:class schema:Thing ] ) ; sh:message 'm'",
    "sh:or ( [ sh:property [ sh:path schema:about ; sh:minCount 1 ] ] ) ; sh:message 'm'",
])
def test_counts_beyond_medkg_shapes_agree(example_graph, constraint):
    shapes = Graph().parse(data=SHAPES.format(constraint), format="turtle")
    reference, fast = (validate_graph(example_graph, shapes, engine=e) for e in ENGINES)
    assert fast == reference


def test_a_shape_without_message_still_reports(example_graph):
    shapes = Graph().parse(data=SHAPES.format("sh:property [ sh:path schema:name ; sh:maxCount 0 ]"), format="turtle")
    (result,) = validate_graph(example_graph, shapes, engine="sparql").results
    assert result.focus == str(PAGE) and result.path == "schema:name"


def test_unknown_engine_lists_the_engines(example_graph):
    with pytest.raises(UnknownNameError, match="pyshacl, sparql"):
        validate_graph(example_graph, engine="jena")


@pytest.mark.parametrize("case", ["no name", "bad date", "no symptoms"])
def test_cli_engines_agree(tmp_path, capsys, example_graph, case):
    PLANTED[case][0](example_graph)
    path = tmp_path / "graph.ttl"
    example_graph.serialize(path, format="turtle")
    outputs = []
    for engine in ENGINES:
        code = main(["validate", str(path), "--engine", engine])
        outputs.append((code, capsys.readouterr().out.splitlines()[0]))
    assert outputs[0] == outputs[1]
    assert outputs[0][0] == (EXIT_INVALID if PLANTED[case][1].value == "Violation" else EXIT_OK)


@pytest.mark.parametrize("threshold, engine", [(10, "sparql"), (10**9, "pyshacl")])
def test_cli_auto_picks_sparql_for_large_graphs(tmp_path, capsys, monkeypatch, example_graph, threshold, engine):
    import medkg.shapes.sparql as sparql

    used = []
    monkeypatch.setattr(sparql, "AUTO_THRESHOLD", threshold)
    monkeypatch.setattr(sparql, "validate_store", lambda *a: used.append("sparql") or validate_graph(example_graph))
    path = tmp_path / "graph.ttl"
    example_graph.serialize(path, format="turtle")
    assert main(["validate", str(path)]) == EXIT_OK
    assert used == (["sparql"] if engine == "sparql" else [])
