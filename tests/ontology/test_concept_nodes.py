"""One concept, one node: the node of a linked concept does not depend on the relation
that names it, nor on the article."""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import SKOS

from medkg.graph.build import build_dataset
from medkg.model import ConditionRecord, Finding, Relation
from medkg.ontology.linker import link_record
from medkg.ontology.namespaces import SCHEMA, concept_key, relation_property

BASE = "https://w3id.org/medkg/id/"


def _corpus(lexicon, names: dict[Relation, str]):
    records = [link_record(ConditionRecord(f"article-{rel.value}", f"Condition {i}",
                                           findings=(Finding(rel, name),)), lexicon)
               for i, (rel, name) in enumerate(names.items())]
    return records, build_dataset(records, base=BASE)


def test_one_concept_under_three_relations_is_one_node(lexicon):
    names = {Relation.SYMPTOM: "anemia", Relation.CAUSE: "anaemia", Relation.TEST: "Anemia"}
    records, ds = _corpus(lexicon, names)
    preferred = {r.findings[0].ids[0] for r in records}
    assert len(preferred) == 3, preferred  # each relation prefers another ontology ...
    targets = {o for rel in names for _, _, o, _ in ds.quads((None, relation_property(rel), None, None))}
    assert targets == {URIRef(BASE + "concept/hp-0001903")}  # ... and all name one node
    node = targets.pop()
    assert _objects(ds, node, SKOS.prefLabel) == {Literal("Anemia")}  # one preferred label
    assert _objects(ds, node, SCHEMA.name) == {Literal(n) for n in names.values()}  # the articles' words


def _objects(ds, subject, prop) -> set:
    return {o for _, _, o, _ in ds.quads((subject, prop, None, None))}


def test_node_key_ignores_id_order_and_relation(lexicon):
    from medkg.ontology.linker import link_name

    for name in ("kidney stones", "obesity", "fever", "high blood pressure", "diabetes"):
        keys = {concept_key(link.ids, name) for rel in Relation
                if (link := link_name(name, rel, lexicon)) is not None}
        assert len(keys) == 1, (name, keys)


def test_broader_ids_are_no_identity():
    from medkg.graph.build import build_graph

    record = ConditionRecord("x", "Condition", findings=(
        Finding(Relation.SYMPTOM, "pain below the ribs", broader=("HP:0012531",)),))
    g = build_graph(record, base=BASE)
    node = URIRef(BASE + "concept/pain-below-the-ribs")
    assert (node, SKOS.broadMatch, URIRef("http://purl.obolibrary.org/obo/HP_0012531")) in g
    assert not list(g.objects(node, SKOS.exactMatch)) and not list(g.objects(node, SCHEMA.code))


def test_gene_findings_are_one_node_per_gene_never_one_mutation_node(lexicon):
    names = ["Mutations in the FMR1 gene", "changes in the FMR1 gene", "mutations in the SLC2A1 gene"]
    records = [link_record(ConditionRecord(f"a{i}", f"Condition {i}", findings=(Finding(Relation.CAUSE, n),)),
                           lexicon) for i, n in enumerate(names)]
    ds = build_dataset(records, base=BASE)
    causes = {o for _, _, o, _ in ds.quads((None, relation_property(Relation.CAUSE), None, None))}
    assert causes == {URIRef(BASE + "concept/fmr1"), URIRef(BASE + "concept/slc2a1")}
    fmr1 = URIRef(BASE + "concept/fmr1")
    assert _objects(ds, fmr1, SKOS.prefLabel) == {Literal("FMR1")}  # the gene symbol, as text
    assert _objects(ds, fmr1, SKOS.broadMatch) == {URIRef("http://id.nlm.nih.gov/mesh/D009154")}  # a mutation
    assert not _objects(ds, fmr1, SKOS.exactMatch)
