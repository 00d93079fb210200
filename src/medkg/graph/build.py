"""Condition record -> rdflib graph, following the RDF contract in DESIGN.md.

Shape of the graph for one article (IRIs under the configurable base):

- ``condition/<name>``: the ``schema:MedicalCondition``, its names, codes and relations
  (``schema:signOrSymptom`` etc.) to concept nodes;
- ``concept/<prefix>-<code>`` for a linked concept (the same node in every article that
  names it, under any relation: ``namespaces.concept_key``) or ``concept/<name>`` for an
  unlinked one, typed by the relation (``schema:MedicalSignOrSymptom``, ...), with
  ``skos:exactMatch`` to ontology IRIs, or only ``skos:broadMatch`` to a wider concept;
- ``finding/<article>/<relation>/<concept>``: the fact itself (``medkg:Finding``) carrying
  the qualifier, confidence, origin and ``medkg:evidence`` quotes;
- ``article/<article>``: the ``schema:MedicalWebPage`` about the condition, with the page
  metadata; every finding and quote is ``prov:wasDerivedFrom`` it.

No blank nodes: everything a user may point at has an IRI derived from names.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS, XSD

from medkg.model import Citation, ConditionRecord, Evidence, Finding, PageMetadata, Person
from medkg.ontology.namespaces import (
    DEFAULT_BASE,
    ID_SYSTEMS,
    MEDKG,
    RELATION_TERMS,
    SCHEMA,
    bind_prefixes,
    concept_key,
    curie_iri,
    relation_property,
    slug,
    split_curie,
)


def _medkg_version() -> str:
    try:
        return version("medkg")
    except PackageNotFoundError:  # running from a source tree
        return "0+unknown"


@dataclass(frozen=True, slots=True)
class GraphBuilder:
    """Mints IRIs under ``base`` and turns records into graphs.

    >>> GraphBuilder("https://health.example.org/kg/").condition_iri("Paget's disease")
    rdflib.term.URIRef('https://health.example.org/kg/condition/pagets-disease')
    """

    base: str = DEFAULT_BASE

    def __post_init__(self) -> None:
        from medkg.errors import MedkgError

        if not self.base.startswith(("http://", "https://")) or any(c in self.base for c in " <>\"{}|\\^`"):
            raise MedkgError(f"base IRI {self.base!r} must be an absolute http(s) IRI without spaces or <>")
        if not self.base.endswith(("/", "#")):
            object.__setattr__(self, "base", self.base + "/")

    # ---- IRIs ---------------------------------------------------------------
    def iri(self, *parts: str) -> URIRef:
        return URIRef(self.base + "/".join(parts))

    def condition_iri(self, name: str) -> URIRef:
        return self.iri("condition", slug(name))

    def article_iri(self, source: str) -> URIRef:
        return self.iri("article", slug(source))

    def graph_iri(self, source: str) -> URIRef:
        return self.iri("graph", slug(source))

    def concept_key(self, finding: Finding) -> str:
        return concept_key(finding.ids, finding.name)

    def concept_iri(self, finding: Finding) -> URIRef:
        return self.iri("concept", self.concept_key(finding))

    # ---- graphs -------------------------------------------------------------
    def build(self, record: ConditionRecord) -> Graph:
        """The graph of one article; its identifier is the article's named-graph IRI."""
        g = Graph(identifier=self.graph_iri(record.source))
        bind_prefixes(g)
        page = self.article_iri(record.source)
        cond = self.condition_iri(record.name)
        self._condition(g, cond, record)
        self._page(g, page, cond, record)
        for finding in record.findings:
            self._finding(g, cond, page, record, finding)
        g.add((g.identifier, RDF.type, MEDKG.ArticleGraph))
        g.add((g.identifier, DCTERMS.source, page))
        g.add((g.identifier, PROV.wasAttributedTo, URIRef("https://w3id.org/medkg/software")))
        g.add((g.identifier, DCTERMS.creator, Literal(f"medkg {_medkg_version()}")))
        for source in _lexicon_sources():
            g.add((g.identifier, DCTERMS.bibliographicCitation, Literal(source)))
        return g

    def _condition(self, g: Graph, cond: URIRef, record: ConditionRecord) -> None:
        g.add((cond, RDF.type, SCHEMA.MedicalCondition))
        g.add((cond, SCHEMA.name, Literal(record.name)))
        g.add((cond, SKOS.prefLabel, Literal(record.name)))
        for synonym in record.synonyms:
            g.add((cond, SCHEMA.alternateName, Literal(synonym)))
            g.add((cond, SKOS.altLabel, Literal(synonym)))
        if record.definition:
            g.add((cond, SCHEMA.description, Literal(record.definition)))
            g.add((cond, SKOS.definition, Literal(record.definition)))
        self._ids(g, cond, record.ids)
        for subtype in record.subtypes:
            node = self.condition_iri(subtype)
            g.add((node, RDF.type, SCHEMA.MedicalCondition))
            g.add((node, SCHEMA.name, Literal(subtype)))
            g.add((cond, MEDKG.subtype, node))
            g.add((node, MEDKG.subtypeOf, cond))

    def _ids(self, g: Graph, node: URIRef, ids: Iterable[str]) -> None:
        for curie in ids:
            parts = split_curie(curie)
            if parts is None:
                continue
            prefix, local = parts
            g.add((node, SKOS.exactMatch, URIRef(curie_iri(curie) or "")))
            code = self.iri("code", f"{prefix.lower()}-{local.lower()}")
            g.add((node, SCHEMA.code, code))
            g.add((code, RDF.type, SCHEMA.MedicalCode))
            g.add((code, SCHEMA.codeValue, Literal(local)))
            g.add((code, SCHEMA.codingSystem, Literal(ID_SYSTEMS[prefix][1])))

    def _finding(self, g: Graph, cond: URIRef, page: URIRef, record: ConditionRecord, finding: Finding) -> None:
        concept = self.concept_iri(finding)
        prop = relation_property(finding.relation)
        g.add((cond, prop, concept))
        g.add((concept, RDF.type, SCHEMA[RELATION_TERMS[finding.relation][1]]))
        g.add((concept, SCHEMA.name, Literal(finding.name)))
        g.add((concept, SKOS.prefLabel, Literal(finding.label or finding.name)))
        self._ids(g, concept, finding.ids)
        for curie in finding.broader:
            g.add((concept, SKOS.broadMatch, URIRef(curie_iri(curie) or "")))

        fact = self.iri("finding", slug(record.source), finding.relation.value, self.concept_key(finding))
        g.add((cond, MEDKG.hasFinding, fact))
        g.add((fact, RDF.type, MEDKG.Finding))
        g.add((fact, MEDKG.condition, cond))
        g.add((fact, MEDKG.relation, prop))
        g.add((fact, MEDKG.concept, concept))
        g.add((fact, MEDKG.origin, Literal(record.origin.value)))
        g.add((fact, PROV.wasDerivedFrom, page))
        if finding.qualifier:
            g.add((fact, MEDKG.qualifier, Literal(finding.qualifier)))
        known = g.value(fact, MEDKG.confidence)
        if finding.confidence is not None and (known is None or finding.confidence > float(known)):
            # two findings of an article naming the same concept are one fact: keep the surer link
            g.set((fact, MEDKG.confidence, Literal(f"{finding.confidence:.3f}", datatype=XSD.decimal)))
        for evidence in finding.evidence:
            g.add((fact, MEDKG.evidence, self._evidence(g, page, record.source, evidence)))

    def _evidence(self, g: Graph, page: URIRef, source: str, evidence: Evidence) -> URIRef:
        if evidence.start is not None and evidence.end is not None:
            key = f"{evidence.start}-{evidence.end}"
        else:
            key = "q" + hashlib.sha1(evidence.quote.encode("utf-8")).hexdigest()[:12]
        node = self.iri("evidence", slug(source), key)
        g.add((node, RDF.type, MEDKG.Evidence))
        g.add((node, MEDKG.quote, Literal(evidence.quote)))
        g.add((node, PROV.wasQuotedFrom, page))
        if evidence.start is not None:
            g.add((node, MEDKG.startOffset, Literal(evidence.start, datatype=XSD.nonNegativeInteger)))
        if evidence.end is not None:
            g.add((node, MEDKG.endOffset, Literal(evidence.end, datatype=XSD.nonNegativeInteger)))
        if evidence.section:
            g.add((node, MEDKG.section, Literal(evidence.section)))
        return node

    def _page(self, g: Graph, page: URIRef, cond: URIRef, record: ConditionRecord) -> None:
        meta: PageMetadata = record.page
        g.add((page, RDF.type, SCHEMA.MedicalWebPage))
        g.add((page, SCHEMA.about, cond))
        g.add((page, SCHEMA.name, Literal(meta.title or record.name)))
        g.add((page, SCHEMA.identifier, Literal(record.source)))
        if meta.url:
            g.add((page, SCHEMA.url, URIRef(meta.url)))
        if meta.language:
            g.add((page, SCHEMA.inLanguage, Literal(meta.language)))
        for author in meta.authors:
            g.add((page, SCHEMA.author, self._person(g, author)))
        if meta.reviewer:
            g.add((page, SCHEMA.reviewedBy, self._person(g, meta.reviewer)))
        if meta.date_reviewed:
            g.add((page, SCHEMA.lastReviewed, Literal(meta.date_reviewed, datatype=XSD.date)))
        if meta.date_updated:
            g.add((page, SCHEMA.dateModified, Literal(meta.date_updated, datatype=XSD.date)))
        if meta.publisher:
            org = self.iri("organization", slug(meta.publisher))
            g.add((org, RDF.type, SCHEMA.Organization))
            g.add((org, SCHEMA.name, Literal(meta.publisher)))
            g.add((page, SCHEMA.publisher, org))
        for citation in meta.citations:
            g.add((page, SCHEMA.citation, self._citation(g, record.source, citation)))

    def _person(self, g: Graph, person: Person) -> URIRef:
        node = self.iri("person", slug(person.name))
        g.add((node, RDF.type, SCHEMA.Person))
        g.add((node, SCHEMA.name, Literal(person.name)))
        if person.url:
            g.add((node, SCHEMA.url, URIRef(person.url)))
        return node

    def _citation(self, g: Graph, source: str, citation: Citation) -> URIRef:
        node = self.iri("citation", slug(source), hashlib.sha1(citation.text.encode("utf-8")).hexdigest()[:12])
        g.add((node, RDF.type, SCHEMA.ScholarlyArticle if citation.journal else SCHEMA.CreativeWork))
        g.add((node, SCHEMA.name, Literal(citation.title or citation.text)))
        g.add((node, SCHEMA.description, Literal(citation.text)))
        for author in citation.authors:
            g.add((node, SCHEMA.author, self._person(g, Person(author))))
        if citation.year:
            g.add((node, SCHEMA.datePublished, Literal(str(citation.year), datatype=XSD.gYear)))
        if citation.url:
            g.add((node, SCHEMA.url, URIRef(citation.url)))
        if citation.journal:
            journal = self.iri("periodical", slug(citation.journal))
            g.add((journal, RDF.type, SCHEMA.Periodical))
            g.add((journal, SCHEMA.name, Literal(citation.journal)))
            g.add((node, SCHEMA.isPartOf, journal))
        return node


def _lexicon_sources() -> list[str]:
    """Attribution of the terminologies the ids come from, when the lexicon is installed."""
    try:
        from medkg.ontology.lexicon import lexicon_sources
    except ImportError:
        return []
    return [f"{s['name']} {s.get('version', '')} ({s.get('license', '')})".replace("  ", " ")
            for s in lexicon_sources()]


def build_graph(record: ConditionRecord, base: str = DEFAULT_BASE) -> Graph:
    """The RDF graph of one record (see :class:`GraphBuilder`)."""
    return GraphBuilder(base).build(record)


def build_dataset(records: Iterable[ConditionRecord], base: str = DEFAULT_BASE) -> Dataset:
    """A dataset with one named graph per record: the corpus graph."""
    builder = GraphBuilder(base)
    return dataset_of(builder.build(record) for record in records)


def dataset_of(graphs: Iterable[Graph]) -> Dataset:
    """Graphs as the named graphs of one dataset, as exporters expect.

    A single graph is wrapped without copying: the dataset reads the graph's own store.
    """
    graphs = list(graphs)
    if len(graphs) == 1 and len(list(graphs[0].store.contexts())) <= 1:
        ds = Dataset(store=graphs[0].store)
        bind_prefixes(ds)
        return ds
    ds = Dataset()
    bind_prefixes(ds)
    for graph in graphs:
        named = ds.graph(graph.identifier)
        for triple in graph:
            named.add(triple)
    return ds


def union_graph(dataset: Dataset) -> Graph:
    """All statements of a dataset's graphs in one plain graph (the inverse of :func:`dataset_of`)."""
    union = Graph()
    bind_prefixes(union)
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    return union
