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

The builder makes the statements as plain strings (:meth:`GraphBuilder.statements`): their
sorted N-Quads lines and a :class:`QuadGraph` of them for the JSON writers. A corpus build
makes millions of statements, and an rdflib graph per article cost more than all the writers
together; so did a pyoxigraph object per term and statement. :meth:`GraphBuilder.quads` gives
the same statements as pyoxigraph quads, and :meth:`GraphBuilder.build` as an rdflib graph.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib.metadata import PackageNotFoundError, version
from typing import NamedTuple

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
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

XSD_STRING = str(XSD.string)
#: ``lenient`` for pyoxigraph's parsers reading the builder's own statements: their IRIs are valid (the base
#: is checked, the rest is IRI-safe path segments, and an ontology IRI or URL is checked when made) and their
#: literals escaped as pyoxigraph writes them, so the checks a strict parse makes find nothing, at ~40% of the
#: parse's cost (an article's Turtle: 0.76 -> 0.46 ms; the MedQuAD union's: 1.7 -> 1.0 s)
TRUSTED = True


class Lit(NamedTuple):
    """A literal as :class:`QuadGraph` holds it (an IRI is held as its plain string)."""

    value: str
    datatype: str = XSD_STRING
    language: str = ""


#: an object as :class:`QuadGraph` holds it: an IRI's string, a literal, or a blank node
Obj = str | Lit | ox.BlankNode

#: how pyoxigraph's N-Triples writer escapes a literal's characters (tests/graph compare every code point)
_ESCAPES = str.maketrans({**{c: f"\\u{c:04X}" for c in (*range(0x20), 0x7F, 0xFFFE, 0xFFFF)},
                          0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0C: "\\f", 0x0D: "\\r",
                          0x22: '\\"', 0x5C: "\\\\"})


def nt_term(term: str | Lit) -> str:
    """An IRI (its string) or a literal as an N-Triples term, the bytes pyoxigraph writes for it.

    >>> nt_term("https://x.org/a"), nt_term(Lit('say "1"\\n')), nt_term(Lit("1.50", "http://x.org/d"))
    ('<https://x.org/a>', '"say \\\\"1\\\\"\\\\n"', '"1.50"^^<http://x.org/d>')
    """
    if isinstance(term, str):
        return f"<{term}>"
    text = '"' + term.value.translate(_ESCAPES) + '"'
    if term.language:
        return f"{text}@{term.language}"
    return text if term.datatype == XSD_STRING else f"{text}^^<{term.datatype}>"


@lru_cache(maxsize=65536)
def _iri(value: str) -> str:
    """``value`` when it is an absolute IRI (which pyoxigraph checks); ValueError otherwise."""
    return ox.NamedNode(value).value


@lru_cache(maxsize=65536)
def _ontology_iri(curie: str) -> str:
    """The ontology IRI of a CURIE (ValueError for one that is not a known, well-formed id)."""
    return _iri(curie_iri(curie) or "")


@lru_cache(maxsize=65536)
def _code(curie: str) -> tuple[str, str, Lit, Lit] | None:
    """A well-formed CURIE's ontology IRI, its code node's path segment, code value and coding system
    (the same few thousand ids recur in every article)."""
    parts = split_curie(curie)
    if parts is None:
        return None
    prefix, local = parts
    return _ontology_iri(curie), f"{prefix.lower()}-{local.lower()}", Lit(local), Lit(ID_SYSTEMS[prefix][1])


class _Vocabulary:
    """A namespace's terms as plain strings, each made on first use and then a plain attribute
    (an rdflib ``Namespace`` attribute costs a new URIRef, ~10 µs, on every use)."""

    def __init__(self, namespace: str) -> None:
        self._namespace = str(namespace)

    def __getattr__(self, name: str) -> str:
        if name.startswith("_"):
            raise AttributeError(name)
        iri = self._namespace + name
        setattr(self, name, iri)
        return iri


_S, _M, _SKOS, _RDF = _Vocabulary(SCHEMA), _Vocabulary(MEDKG), _Vocabulary(SKOS), _Vocabulary(RDF)
_DCT, _PROV, _XSD = _Vocabulary(DCTERMS), _Vocabulary(PROV), _Vocabulary(XSD)
_SOFTWARE = "https://w3id.org/medkg/software"


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
        try:  # every IRI minted is the base and IRI-safe path segments: all valid once the base is
            _iri(self.base)
        except ValueError as err:
            raise MedkgError(f"base IRI {self.base!r} is not a valid IRI: {err}") from None

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
    def statements(self, record: ConditionRecord) -> tuple[str, list[str], QuadGraph]:
        """The statements of one article, each once: its named graph's IRI (:meth:`graph_iri`), their
        N-Triples lines (without the final `` .``), sorted, and a :class:`QuadGraph` of them in that order."""
        return _Article(self, record).statements()

    def quads(self, record: ConditionRecord) -> list[ox.Quad]:
        """The statements of one article, each once, in its named graph, sorted."""
        graph, lines, _ = self.statements(record)
        return list(ox.parse(nquads_text(lines, graph), format=ox.RdfFormat.N_QUADS, lenient=TRUSTED))

    def build(self, record: ConditionRecord) -> Graph:
        """The graph of one article as rdflib; its identifier is the article's named-graph IRI."""
        return rdf_graph(self.quads(record), str(self.graph_iri(record.source)))


@dataclass(slots=True)
class _Article:
    """The statements of one record, gathered each once in the index :class:`QuadGraph` reads."""

    builder: GraphBuilder
    record: ConditionRecord
    index: dict[str, dict[str, dict[Obj, None]]] = field(default_factory=dict)
    confidence: dict[str, str] = field(default_factory=dict)
    extraction_confidence: dict[str, str] = field(default_factory=dict)
    source: str = ""  # the article's slug, made once

    def __post_init__(self) -> None:
        self.source = slug(self.record.source)

    def node(self, *parts: str) -> str:
        return self.builder.base + "/".join(parts)

    def add(self, s: str, p: str, o: str | Lit) -> None:
        self.index.setdefault(s, {}).setdefault(p, {})[o] = None

    def statements(self) -> tuple[str, list[str], QuadGraph]:
        record = self.record
        graph = self.node("graph", self.source)
        page = self.node("article", self.source)
        cond = self.node("condition", slug(record.name))
        self._condition(cond)
        self._page(page, cond)
        for finding in record.findings:
            self._finding(cond, page, finding)
        for fact, value in self.confidence.items():
            self.add(fact, _M.confidence, Lit(value, _XSD.decimal))
        for fact, value in self.extraction_confidence.items():
            self.add(fact, _M.extractionConfidence, Lit(value, _XSD.decimal))
        self.add(graph, _RDF.type, _M.ArticleGraph)
        self.add(graph, _DCT.source, page)
        self.add(graph, _PROV.wasAttributedTo, _SOFTWARE)
        self.add(graph, _DCT.creator, Lit(f"medkg {_medkg_version()}"))
        for source in _lexicon_sources():
            self.add(graph, _DCT.bibliographicCitation, Lit(source))
        lines: list[str] = []
        for s, props in self.index.items():
            for p, objects in props.items():
                head = f"<{s}> <{p}> "
                if len(objects) == 1:
                    lines.append(head + nt_term(next(iter(objects))))
                else:  # the objects in the order of their lines, as sorted statements give them
                    terms = sorted((nt_term(o), o) for o in objects)
                    props[p] = dict.fromkeys(o for _, o in terms)
                    lines += [head + term for term, _ in terms]
        # N-Triples lines sort as their statements do: a term ends before the space after it,
        # which sorts before any character that could go on
        lines.sort()
        return graph, lines, QuadGraph.indexed(self.index)

    def _condition(self, cond: str) -> None:
        record = self.record
        self.add(cond, _RDF.type, _S.MedicalCondition)
        self.add(cond, _S.name, Lit(record.name))
        self.add(cond, _SKOS.prefLabel, Lit(record.name))
        for synonym in record.synonyms:
            self.add(cond, _S.alternateName, Lit(synonym))
            self.add(cond, _SKOS.altLabel, Lit(synonym))
        if record.definition:
            self.add(cond, _S.description, Lit(record.definition))
            self.add(cond, _SKOS.definition, Lit(record.definition))
        self._ids(cond, record.ids)
        for subtype in record.subtypes:
            node = self.node("condition", slug(subtype))
            self.add(node, _RDF.type, _S.MedicalCondition)
            self.add(node, _S.name, Lit(subtype))
            self.add(cond, _M.subtype, node)
            self.add(node, _M.subtypeOf, cond)

    def _ids(self, node: str, ids: Iterable[str]) -> None:
        for curie in ids:
            parts = _code(curie)
            if parts is None:
                continue
            iri, key, value, system = parts
            self.add(node, _SKOS.exactMatch, iri)
            code = self.node("code", key)
            self.add(node, _S.code, code)
            self.add(code, _RDF.type, _S.MedicalCode)
            self.add(code, _S.codeValue, value)
            self.add(code, _S.codingSystem, system)

    def _finding(self, cond: str, page: str, finding: Finding) -> None:
        record, key = self.record, self.builder.concept_key(finding)
        concept = self.node("concept", key)
        prop = str(relation_property(finding.relation))
        self.add(cond, prop, concept)
        self.add(concept, _RDF.type, getattr(_S, RELATION_TERMS[finding.relation][1]))
        self.add(concept, _S.name, Lit(finding.name))
        self.add(concept, _SKOS.prefLabel, Lit(finding.label or finding.name))
        self._ids(concept, finding.ids)
        for curie in finding.broader:
            self.add(concept, _SKOS.broadMatch, _ontology_iri(curie))

        fact = self.node("finding", self.source, finding.relation.value, key)
        self.add(cond, _M.hasFinding, fact)
        self.add(fact, _RDF.type, _M.Finding)
        self.add(fact, _M.condition, cond)
        self.add(fact, _M.relation, prop)
        self.add(fact, _M.concept, concept)
        self.add(fact, _M.origin, Lit(record.origin.value))
        self.add(fact, _PROV.wasDerivedFrom, page)
        if finding.qualifier:
            self.add(fact, _M.qualifier, Lit(finding.qualifier))
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

    def _evidence(self, page: str, evidence: Evidence) -> str:
        if evidence.start is not None and evidence.end is not None:
            key = f"{evidence.start}-{evidence.end}"
        else:
            key = "q" + hashlib.sha1(evidence.quote.encode("utf-8")).hexdigest()[:12]
        node = self.node("evidence", self.source, key)
        self.add(node, _RDF.type, _M.Evidence)
        self.add(node, _M.quote, Lit(evidence.quote))
        self.add(node, _PROV.wasQuotedFrom, page)
        if evidence.start is not None:
            self.add(node, _M.startOffset, Lit(str(evidence.start), _XSD.nonNegativeInteger))
        if evidence.end is not None:
            self.add(node, _M.endOffset, Lit(str(evidence.end), _XSD.nonNegativeInteger))
        if evidence.section:
            self.add(node, _M.section, Lit(evidence.section))
        return node

    def _page(self, page: str, cond: str) -> None:
        record = self.record
        meta: PageMetadata = record.page
        self.add(page, _RDF.type, _S.MedicalWebPage)
        self.add(page, _S.about, cond)
        self.add(page, _S.name, Lit(meta.title or record.name))
        self.add(page, _S.identifier, Lit(record.source))
        if meta.url:
            self.add(page, _S.url, _iri(meta.url))
        if meta.language:
            self.add(page, _S.inLanguage, Lit(meta.language))
        for author in meta.authors:
            self.add(page, _S.author, self._person(author))
        for reviewer in meta.reviewers:
            self.add(page, _S.reviewedBy, self._person(reviewer))
        if meta.date_reviewed:
            self.add(page, _S.lastReviewed, Lit(meta.date_reviewed, _XSD.date))
        if meta.date_updated:
            self.add(page, _S.dateModified, Lit(meta.date_updated, _XSD.date))
        if meta.date_published:
            self.add(page, _S.datePublished, Lit(meta.date_published, _XSD.date))
        if meta.publisher:
            org = self.node("organization", slug(meta.publisher))
            self.add(org, _RDF.type, _S.Organization)
            self.add(org, _S.name, Lit(meta.publisher))
            self.add(page, _S.publisher, org)
        for citation in meta.citations:
            self.add(page, _S.citation, self._citation(citation))

    def _person(self, person: Person) -> str:
        node = self.node("person", slug(person.name))
        self.add(node, _RDF.type, _S.Person)
        self.add(node, _S.name, Lit(person.name))
        if person.url:
            self.add(node, _S.url, _iri(person.url))
        return node

    def _citation(self, citation: Citation) -> str:
        digest = hashlib.sha1(citation.text.encode("utf-8")).hexdigest()[:12]
        node = self.node("citation", self.source, digest)
        self.add(node, _RDF.type, (_S.ScholarlyArticle if citation.journal else _S.CreativeWork))
        self.add(node, _S.name, Lit(citation.title or citation.text))
        self.add(node, _S.description, Lit(citation.text))
        for author in citation.authors:
            self.add(node, _S.author, self._person(Person(author)))
        if citation.year:
            self.add(node, _S.datePublished, Lit(str(citation.year), _XSD.gYear))
        if citation.url:
            self.add(node, _S.url, _iri(citation.url))
        if citation.journal:
            journal = self.node("periodical", slug(citation.journal))
            self.add(journal, _RDF.type, _S.Periodical)
            self.add(journal, _S.name, Lit(citation.journal))
            self.add(node, _S.isPartOf, journal)
        return node


def rdf_graph(statements: Iterable[ox.Quad | ox.Triple], identifier: str) -> Graph:
    """pyoxigraph statements as an rdflib graph named ``identifier``, with medkg's prefixes."""
    g = Graph(identifier=URIRef(identifier))
    bind_prefixes(g)
    for q in statements:
        g.add((_rdf(q.subject), _rdf(q.predicate), _rdf(q.object)))
    return g


def nquads_text(lines: list[str], graph: str) -> bytes:
    """N-Quads of :meth:`GraphBuilder.statements`' lines in the named graph ``graph``."""
    suffix = f" <{graph}> .\n"
    return (suffix.join(lines) + suffix).encode() if lines else b""


def ntriples_text(lines: list[str]) -> bytes:
    """N-Triples of :meth:`GraphBuilder.statements`' lines."""
    return (" .\n".join(lines) + " .\n").encode() if lines else b""


def _rdf(term: ox.NamedNode | ox.Literal | ox.BlankNode | Obj) -> URIRef | Literal | BNode:
    """A pyoxigraph term, or an object as :class:`QuadGraph` holds it, as rdflib's."""
    if isinstance(term, str):
        return URIRef(term)
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype if isinstance(term, Lit) else term.datatype.value
    return Literal(term.value, datatype=None if datatype == XSD_STRING else URIRef(datatype))


def _obj(term: ox.NamedNode | ox.Literal | ox.BlankNode) -> Obj:
    """A pyoxigraph term as :class:`QuadGraph` holds it."""
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.Literal):
        return Lit(term.value, term.datatype.value, term.language or "")
    return term


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
    """Statements (pyoxigraph's, or an article's from :meth:`GraphBuilder.statements`) read through the
    part of rdflib's ``Graph`` API that exporters use (``objects``, ``subjects``, ``in``): an exporter
    written for rdflib reads a built article without copying it into rdflib. Terms come out as
    rdflib's, made on access. The JSON writers read :attr:`by_subject` and :meth:`values` instead,
    which make no rdflib terms at all.

    :attr:`by_subject` maps each subject's IRI to its predicates' IRIs, each to its objects (:data:`Obj`,
    each once, in the order the statements came: sorted statements give sorted objects).
    """

    def __init__(self, statements: Iterable[ox.Quad | ox.Triple] = ()) -> None:
        self.by_subject: dict[str, dict[str, dict[Obj, None]]] = {}
        for q in statements:
            self.by_subject.setdefault(q.subject.value, {}).setdefault(q.predicate.value, {})[_obj(q.object)] = None

    @classmethod
    def indexed(cls, by_subject: dict[str, dict[str, dict[Obj, None]]]) -> QuadGraph:
        """A QuadGraph of statements already indexed as :attr:`by_subject`."""
        g = cls()
        g.by_subject = by_subject
        return g

    def values(self, subject: str, predicate: str) -> list[str]:
        """The values (IRIs, lexical forms) of the objects of ``subject predicate``."""
        return [o if isinstance(o, str) else o.value for o in self.by_subject.get(subject, {}).get(predicate, ())]

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
