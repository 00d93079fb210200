"""Condition record -> RDF statements, following the RDF contract in DESIGN.md.

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

The builder makes pyoxigraph terms directly (:meth:`GraphBuilder.quads`): a corpus build
makes millions of statements, and an rdflib graph per article cost more than all the
writers together. :meth:`GraphBuilder.build` gives the same statements as an rdflib
graph for those who want one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import PackageNotFoundError, version

import pyoxigraph as ox
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

_Term = ox.NamedNode | ox.Literal


@cache
def _n(iri: str) -> ox.NamedNode:
    """A vocabulary term as a pyoxigraph node (a few dozen, made once)."""
    return ox.NamedNode(iri)


def _lit(value: str, datatype: ox.NamedNode | None = None) -> ox.Literal:
    return ox.Literal(value, datatype=datatype) if datatype else ox.Literal(value)


class _Vocabulary:
    """A namespace's terms as pyoxigraph nodes, each made on first use and then a plain attribute
    (an rdflib ``Namespace`` attribute costs a new URIRef, ~10 µs, on every use)."""

    def __init__(self, namespace: str) -> None:
        self._namespace = str(namespace)

    def __getattr__(self, name: str) -> ox.NamedNode:
        if name.startswith("_"):
            raise AttributeError(name)
        node = ox.NamedNode(self._namespace + name)
        setattr(self, name, node)
        return node


_S, _M, _SKOS, _RDF = _Vocabulary(SCHEMA), _Vocabulary(MEDKG), _Vocabulary(SKOS), _Vocabulary(RDF)
_DCT, _PROV, _XSD = _Vocabulary(DCTERMS), _Vocabulary(PROV), _Vocabulary(XSD)
_SOFTWARE = ox.NamedNode("https://w3id.org/medkg/software")


@cache
def _medkg_version() -> str:
    try:
        return version("medkg")
    except PackageNotFoundError:  # running from a source tree
        return "0+unknown"


@dataclass(frozen=True, slots=True)
class GraphBuilder:
    """Mints IRIs under ``base`` and turns records into statements.

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
        return concept_key(finding.ids, finding.label or finding.name)

    def concept_iri(self, finding: Finding) -> URIRef:
        return self.iri("concept", self.concept_key(finding))

    # ---- statements ---------------------------------------------------------
    def quads(self, record: ConditionRecord) -> list[ox.Quad]:
        """The statements of one article, each once, in its named graph (:meth:`graph_iri`)."""
        return _Article(self, record).quads()

    def build(self, record: ConditionRecord) -> Graph:
        """The graph of one article as rdflib; its identifier is the article's named-graph IRI."""
        return rdf_graph(self.quads(record), str(self.graph_iri(record.source)))


@dataclass(slots=True)
class _Article:
    """The statements of one record, gathered as a set of triples."""

    builder: GraphBuilder
    record: ConditionRecord
    triples: dict[tuple[_Term, _Term, _Term], None] = field(default_factory=dict)
    confidence: dict[ox.NamedNode, str] = field(default_factory=dict)
    extraction_confidence: dict[ox.NamedNode, str] = field(default_factory=dict)
    source: str = ""  # the article's slug, made once

    def __post_init__(self) -> None:
        self.source = slug(self.record.source)

    def node(self, *parts: str) -> ox.NamedNode:
        return ox.NamedNode(self.builder.base + "/".join(parts))

    def add(self, s: ox.NamedNode, p: ox.NamedNode, o: _Term) -> None:
        self.triples[(s, p, o)] = None

    def quads(self) -> list[ox.Quad]:
        record = self.record
        graph = self.node("graph", self.source)
        page = self.node("article", self.source)
        cond = self.node("condition", slug(record.name))
        self._condition(cond)
        self._page(page, cond)
        for finding in record.findings:
            self._finding(cond, page, finding)
        for fact, value in self.confidence.items():
            self.add(fact, _M.confidence, _lit(value, _XSD.decimal))
        for fact, value in self.extraction_confidence.items():
            self.add(fact, _M.extractionConfidence, _lit(value, _XSD.decimal))
        self.add(graph, _RDF.type, _M.ArticleGraph)
        self.add(graph, _DCT.source, page)
        self.add(graph, _PROV.wasAttributedTo, _SOFTWARE)
        self.add(graph, _DCT.creator, _lit(f"medkg {_medkg_version()}"))
        for source in _lexicon_sources():
            self.add(graph, _DCT.bibliographicCitation, _lit(source))
        return [ox.Quad(s, p, o, graph) for s, p, o in self.triples]

    def _condition(self, cond: ox.NamedNode) -> None:
        record = self.record
        self.add(cond, _RDF.type, _S.MedicalCondition)
        self.add(cond, _S.name, _lit(record.name))
        self.add(cond, _SKOS.prefLabel, _lit(record.name))
        for synonym in record.synonyms:
            self.add(cond, _S.alternateName, _lit(synonym))
            self.add(cond, _SKOS.altLabel, _lit(synonym))
        if record.definition:
            self.add(cond, _S.description, _lit(record.definition))
            self.add(cond, _SKOS.definition, _lit(record.definition))
        self._ids(cond, record.ids)
        for subtype in record.subtypes:
            node = self.node("condition", slug(subtype))
            self.add(node, _RDF.type, _S.MedicalCondition)
            self.add(node, _S.name, _lit(subtype))
            self.add(cond, _M.subtype, node)
            self.add(node, _M.subtypeOf, cond)

    def _ids(self, node: ox.NamedNode, ids: Iterable[str]) -> None:
        for curie in ids:
            parts = split_curie(curie)
            if parts is None:
                continue
            prefix, local = parts
            self.add(node, _SKOS.exactMatch, ox.NamedNode(curie_iri(curie) or ""))
            code = self.node("code", f"{prefix.lower()}-{local.lower()}")
            self.add(node, _S.code, code)
            self.add(code, _RDF.type, _S.MedicalCode)
            self.add(code, _S.codeValue, _lit(local))
            self.add(code, _S.codingSystem, _lit(ID_SYSTEMS[prefix][1]))

    def _finding(self, cond: ox.NamedNode, page: ox.NamedNode, finding: Finding) -> None:
        record, key = self.record, self.builder.concept_key(finding)
        concept = self.node("concept", key)
        prop = _n(relation_property(finding.relation))
        self.add(cond, prop, concept)
        self.add(concept, _RDF.type, getattr(_S, RELATION_TERMS[finding.relation][1]))
        self.add(concept, _S.name, _lit(finding.name))
        self.add(concept, _SKOS.prefLabel, _lit(finding.label or finding.name))
        self._ids(concept, finding.ids)
        for curie in finding.broader:
            self.add(concept, _SKOS.broadMatch, ox.NamedNode(curie_iri(curie) or ""))

        fact = self.node("finding", self.source, finding.relation.value, key)
        self.add(cond, _M.hasFinding, fact)
        self.add(fact, _RDF.type, _M.Finding)
        self.add(fact, _M.condition, cond)
        self.add(fact, _M.relation, prop)
        self.add(fact, _M.concept, concept)
        self.add(fact, _M.origin, _lit(record.origin.value))
        self.add(fact, _PROV.wasDerivedFrom, page)
        if finding.qualifier:
            self.add(fact, _M.qualifier, _lit(finding.qualifier))
        known = self.confidence.get(fact)
        if finding.confidence is not None and (known is None or finding.confidence > float(known)):
            # two findings of an article naming the same concept are one fact: keep the surer link
            self.confidence[fact] = f"{finding.confidence:.3f}"
        known = self.extraction_confidence.get(fact)
        sure = finding.extraction_confidence
        if sure is not None and (known is None or sure > float(known)):
            self.extraction_confidence[fact] = f"{sure:.3f}"
        for evidence in finding.evidence:
            self.add(fact, _M.evidence, self._evidence(page, evidence))

    def _evidence(self, page: ox.NamedNode, evidence: Evidence) -> ox.NamedNode:
        if evidence.start is not None and evidence.end is not None:
            key = f"{evidence.start}-{evidence.end}"
        else:
            key = "q" + hashlib.sha1(evidence.quote.encode("utf-8")).hexdigest()[:12]
        node = self.node("evidence", self.source, key)
        self.add(node, _RDF.type, _M.Evidence)
        self.add(node, _M.quote, _lit(evidence.quote))
        self.add(node, _PROV.wasQuotedFrom, page)
        if evidence.start is not None:
            self.add(node, _M.startOffset, _lit(str(evidence.start), _XSD.nonNegativeInteger))
        if evidence.end is not None:
            self.add(node, _M.endOffset, _lit(str(evidence.end), _XSD.nonNegativeInteger))
        if evidence.section:
            self.add(node, _M.section, _lit(evidence.section))
        return node

    def _page(self, page: ox.NamedNode, cond: ox.NamedNode) -> None:
        record = self.record
        meta: PageMetadata = record.page
        self.add(page, _RDF.type, _S.MedicalWebPage)
        self.add(page, _S.about, cond)
        self.add(page, _S.name, _lit(meta.title or record.name))
        self.add(page, _S.identifier, _lit(record.source))
        if meta.url:
            self.add(page, _S.url, ox.NamedNode(meta.url))
        if meta.language:
            self.add(page, _S.inLanguage, _lit(meta.language))
        for author in meta.authors:
            self.add(page, _S.author, self._person(author))
        for reviewer in meta.reviewers:
            self.add(page, _S.reviewedBy, self._person(reviewer))
        if meta.date_reviewed:
            self.add(page, _S.lastReviewed, _lit(meta.date_reviewed, _XSD.date))
        if meta.date_updated:
            self.add(page, _S.dateModified, _lit(meta.date_updated, _XSD.date))
        if meta.date_published:
            self.add(page, _S.datePublished, _lit(meta.date_published, _XSD.date))
        if meta.publisher:
            org = self.node("organization", slug(meta.publisher))
            self.add(org, _RDF.type, _S.Organization)
            self.add(org, _S.name, _lit(meta.publisher))
            self.add(page, _S.publisher, org)
        for citation in meta.citations:
            self.add(page, _S.citation, self._citation(citation))

    def _person(self, person: Person) -> ox.NamedNode:
        node = self.node("person", slug(person.name))
        self.add(node, _RDF.type, _S.Person)
        self.add(node, _S.name, _lit(person.name))
        if person.url:
            self.add(node, _S.url, ox.NamedNode(person.url))
        return node

    def _citation(self, citation: Citation) -> ox.NamedNode:
        digest = hashlib.sha1(citation.text.encode("utf-8")).hexdigest()[:12]
        node = self.node("citation", self.source, digest)
        self.add(node, _RDF.type, (_S.ScholarlyArticle if citation.journal else _S.CreativeWork))
        self.add(node, _S.name, _lit(citation.title or citation.text))
        self.add(node, _S.description, _lit(citation.text))
        for author in citation.authors:
            self.add(node, _S.author, self._person(Person(author)))
        if citation.year:
            self.add(node, _S.datePublished, _lit(str(citation.year), _XSD.gYear))
        if citation.url:
            self.add(node, _S.url, ox.NamedNode(citation.url))
        if citation.journal:
            journal = self.node("periodical", slug(citation.journal))
            self.add(journal, _RDF.type, _S.Periodical)
            self.add(journal, _S.name, _lit(citation.journal))
            self.add(node, _S.isPartOf, journal)
        return node


def rdf_graph(statements: Iterable[ox.Quad | ox.Triple], identifier: str) -> Graph:
    """pyoxigraph statements as an rdflib graph named ``identifier``, with medkg's prefixes."""
    g = Graph(identifier=URIRef(identifier))
    bind_prefixes(g)
    for q in statements:
        g.add((_rdf(q.subject), _rdf(q.predicate), _rdf(q.object)))
    return g


def _rdf(term: _Term) -> URIRef | Literal:
    """A pyoxigraph term as rdflib's."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    return Literal(term.value, datatype=None if datatype == _XSD_STRING else URIRef(datatype))


_XSD_STRING = str(XSD.string)


@cache
def _lexicon_sources() -> tuple[str, ...]:
    """Attribution of the terminologies the ids come from, when the lexicon is installed."""
    try:
        from medkg.ontology.lexicon import lexicon_sources
    except ImportError:
        return ()
    return tuple(f"{s['name']} {s.get('version', '')} ({s.get('license', '')})".replace("  ", " ")
            for s in lexicon_sources())


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


class QuadGraph:
    """pyoxigraph statements read through the part of rdflib's ``Graph`` API that exporters use
    (``objects``, ``subjects``, ``in``): an exporter written for rdflib reads a built article
    without copying it into rdflib. Terms come out as rdflib's, made on access. The JSON writers
    read :attr:`by_subject` and :meth:`values` instead, which make no rdflib terms at all.

    :attr:`by_subject` maps each subject's IRI to its predicates' IRIs, each to its objects (each
    once, in the order the statements came: sorted statements give sorted objects).
    """

    def __init__(self, statements: Iterable[ox.Quad | ox.Triple]) -> None:
        self.by_subject: dict[str, dict[str, dict[_Term, None]]] = {}
        for q in statements:
            self.by_subject.setdefault(q.subject.value, {}).setdefault(q.predicate.value, {})[q.object] = None

    def values(self, subject: str, predicate: str) -> list[str]:
        """The values (IRIs, lexical forms) of the objects of ``subject predicate``."""
        return [o.value for o in self.by_subject.get(subject, {}).get(predicate, ())]

    def objects(self, subject: URIRef, predicate: URIRef) -> list[URIRef | Literal]:
        return [_rdf(o) for o in self.by_subject.get(str(subject), {}).get(str(predicate), ())]

    def subjects(self, predicate: URIRef, obj: URIRef | Literal) -> list[URIRef]:
        return [URIRef(s) for s, props in self.by_subject.items()
                if any(_rdf(o) == obj for o in props.get(str(predicate), ()))]

    def __contains__(self, triple: tuple[URIRef, URIRef, URIRef | Literal]) -> bool:
        s, p, o = triple
        return o in self.objects(s, p)


def union_graph(dataset: Dataset) -> Graph:
    """All statements of a dataset's graphs in one plain graph (the inverse of :func:`dataset_of`)."""
    union = Graph()
    bind_prefixes(union)
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    return union
