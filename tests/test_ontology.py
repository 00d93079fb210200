"""medkg.ttl: every term documented, every term the builder uses declared, alignments present."""

from __future__ import annotations

from importlib.resources import files

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from medkg.ontology.namespaces import BIOLINK, MEDKG, SCHEMA, WIKIDATA


@pytest.fixture(scope="module")
def vocab() -> Graph:
    return Graph().parse(data=files("medkg.ontology").joinpath("medkg.ttl").read_text(), format="turtle")


def test_every_term_has_label_and_comment(vocab):
    terms = {s for s in vocab.subjects() if isinstance(s, URIRef) and str(s).startswith(str(MEDKG))}
    assert len(terms) > 20
    missing = [t for t in terms if vocab.value(t, RDFS.label) is None or vocab.value(t, RDFS.comment) is None]
    assert not missing


def test_ontology_metadata(vocab):
    onto = URIRef("https://w3id.org/medkg/ontology")
    assert (onto, RDF.type, OWL.Ontology) in vocab
    assert vocab.value(onto, OWL.versionIRI) is not None
    assert vocab.value(onto, URIRef("http://purl.org/dc/terms/license")) is not None


def test_terms_used_by_the_builder_are_declared(vocab, example_graph):
    used = {t for triple in example_graph for t in triple
            if isinstance(t, URIRef) and str(t).startswith(str(MEDKG))}
    declared = set(vocab.subjects())
    assert used and used <= declared, used - declared


@pytest.mark.parametrize("relation, biolink, wikidata", [
    ("signOrSymptom", "has_phenotype", "P780"), ("cause", "caused_by", "P828"),
    ("riskFactor", "increased_likelihood_associated_with", "P5642"),
    ("possibleTreatment", "treated_by", "P2176"), ("typicalTest", "is_diagnosed_by", "P923"),
    ("primaryPrevention", "has_preventative_intervention", None)])
def test_relations_are_aligned(vocab, relation, biolink, wikidata):
    """Biolink predicates in the condition -> concept direction, as the graph's edges run."""
    term = SCHEMA[relation]
    links = set(vocab.objects(term, SKOS.closeMatch)) | set(vocab.objects(term, SKOS.exactMatch))
    assert BIOLINK[biolink] in links
    if wikidata:
        assert WIKIDATA[wikidata] in links
