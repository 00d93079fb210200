"""SHACL Core shapes compiled to SPARQL and run on a pyoxigraph store: pySHACL's results, faster.

pySHACL needs many minutes and gigabytes on a corpus graph; the same checks as SPARQL on an
in-memory pyoxigraph store take seconds (DESIGN.md, "Speed"). The compiler reads the shapes
graph: one SELECT per constraint of a targeted shape, whose solutions are the violations.
Results carry the same focus, path text, message, severity, name and quote as
:func:`medkg.shapes.validate_graph` gives with pySHACL (tests/test_shapes_sparql.py checks it).

Implemented, from https://www.w3.org/TR/shacl/:

- targets (#targets): ``sh:targetNode``, ``sh:targetClass`` (with ``rdfs:subClassOf*``),
  ``sh:targetSubjectsOf``, ``sh:targetObjectsOf``;
- property shapes (#property-shapes) with ``sh:path`` an IRI or an ``sh:alternativePath`` of IRIs
  (#property-paths); ``sh:severity`` and ``sh:message`` (#severity, #message);
- value type (#core-components-value-type): ``sh:class``, ``sh:datatype``, ``sh:nodeKind``;
- cardinality (#core-components-count): ``sh:minCount``, ``sh:maxCount``;
- value range (#core-components-range): ``sh:minInclusive``, ``sh:maxInclusive``;
- string-based (#core-components-string): ``sh:minLength``, ``sh:pattern`` with ``sh:flags``;
- property pair (#core-components-property-pairs): ``sh:lessThan``;
- logical (#core-components-logical): ``sh:or`` of node shapes, which may hold property shapes;
- other (#core-components-others): ``sh:in``, ``sh:hasValue``.

Not supported, and refused with :class:`~medkg.errors.ShapeError` naming the construct: every
other ``sh:`` predicate on a shape (``sh:node``, ``sh:not``, ``sh:and``, ``sh:xone``,
``sh:qualifiedValueShape``, ``sh:closed``, ``sh:equals``, ``sh:maxLength``, ``sh:languageIn``,
``sh:sparql``, ``sh:deactivated``, ...), other path kinds (sequence, inverse, ``*``/``+``/``?``),
implicit class targets, blank nodes as ``sh:in``/``sh:hasValue`` values, several values of one
constraint parameter on one shape, and ``sh:datatype`` of an XSD type without a well-formedness
test here. A shape without ``sh:message``
gets pySHACL's generated text where that names only shape terms (``sh:class``, ``sh:datatype``,
``sh:nodeKind``, ``sh:pattern``, ``sh:minLength``, ``sh:minInclusive``, ``sh:maxInclusive``), and
:data:`medkg.shapes.NO_MESSAGE` where pySHACL's text names data nodes (counts, ``sh:in``, ``sh:or``, ...).

Where the engines can still differ: well-formedness follows XSD lexical rules (SPARQL casts)
where rdflib's parsers are laxer (``"1e5"^^xsd:decimal``, ``" 5"^^xsd:integer``); ``sh:pattern``
uses oxigraph's regular expressions (``$`` does not match before a final newline);
``"a"`` and ``"a"^^xsd:string`` are one term here and two in rdflib; ``sh:lessThan`` on a blank
node is a violation here and an error in pySHACL; a blank focus node read from a file gets a
different label from each parser (medkg's graphs have none).

The store keeps each typed literal's lexical form and datatype by giving it the datatype
``urn:medkg:lexical:<datatype>``: oxigraph would otherwise store ``"1.50"^^xsd:decimal`` as ``1.5``
and ``xsd:nonNegativeInteger`` as ``xsd:integer``, and ``sh:datatype``/``sh:pattern`` could not see them.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH, XSD

from medkg.errors import ShapeError
from medkg.files import parse_quads
from medkg.model import Severity, ValidationReport, ValidationResult
from medkg.shapes import NO_MESSAGE, named_result, path_text, report, severity_of, shapes_graph

#: graphs of more triples than this go to the SPARQL engine under ``medkg validate --engine auto``
AUTO_THRESHOLD = 50_000
#: checks run at once: pyoxigraph lets go of the GIL while it evaluates a query, so two threads
#: take two cores (MedQuAD's 74 checks: 5.8 -> 3.9 s wall, same CPU)
QUERY_THREADS = 2
#: file suffixes the store parses itself (JSON-LD goes through rdflib, for its offline contexts)
STORE_SYNTAXES = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".trig": ox.RdfFormat.TRIG,
                  ".nq": ox.RdfFormat.N_QUADS, ".rdf": ox.RdfFormat.RDF_XML, ".owl": ox.RdfFormat.RDF_XML}

_Part = tuple[str, str, tuple[str, ...]]  # constraint, SPARQL pattern, variables telling violations apart
_Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
_LEXICAL = "urn:medkg:lexical:"
_PLAIN = {str(XSD.string), str(RDF.langString)}  # datatypes the store keeps as they are
_TARGETS = (SH.targetNode, SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf)
#: sh: predicates that say nothing to check
_INERT = {SH.severity, SH.message, SH.name, SH.description, SH.order, SH.group, SH.flags, *_TARGETS}
_NODE_KINDS = {SH.IRI: "isIRI({v})", SH.BlankNode: "isBlank({v})", SH.Literal: "isLiteral({v})",
               SH.BlankNodeOrIRI: "(isBlank({v}) || isIRI({v}))", SH.BlankNodeOrLiteral: "!isIRI({v})",
               SH.IRIOrLiteral: "!isBlank({v})"}
#: well-formedness of a lexical form {s}, per XSD datatype (those not listed are refused)
_WELL_FORMED = {XSD.string: "true", RDF.langString: "true",
                XSD.decimal: "isLiteral(xsd:decimal({s}))", XSD.integer: "isLiteral(xsd:integer({s}))",
                XSD.nonNegativeInteger: "xsd:integer({s}) >= 0", XSD.date: "isLiteral(xsd:date({s}))",
                XSD.dateTime: "isLiteral(xsd:dateTime({s}))", XSD.boolean: "isLiteral(xsd:boolean({s}))"}
_PREFIXES = (f"PREFIX rdf: <{RDF}>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
             f"PREFIX xsd: <{XSD}>\n")


@dataclass(frozen=True, slots=True)
class Check:
    """One constraint of one targeted shape as a SPARQL query whose solutions are its violations.

    ``?this`` is the focus node; the other selected variables (the value, the compared value)
    tell results apart as pySHACL does, one result per failing value.
    """

    shape: URIRef | BNode
    constraint: str
    severity: Severity
    message: str
    path: str | None
    query: str


def load_store(path: Path) -> ox.Store:
    """The union of a graph file's graphs in one store, each triple once, typed literals kept verbatim."""
    return store_from(parse_quads(path, STORE_SYNTAXES, base_iri=path.resolve().as_uri()))


def graph_store(data: Graph) -> ox.Store:
    """An rdflib graph in a store, through N-Triples (shapes come before exporters in medkg's flow)."""
    return store_from(ox.parse(data.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES))


def store_from(quads: Iterable[ox.Quad | ox.Triple], store: ox.Store | None = None) -> ox.Store:
    """Quads from any graphs, loaded into the default graph.

    ``store`` (a new one in memory by default) may be on disk, for graphs too large for memory.
    The store is a set, so a triple that several named graphs hold counts once; querying
    named graphs as the default graph would count it once per graph (oxigraph issue 1919).

    >>> a, p, g = ox.NamedNode("https://x.org/a"), ox.NamedNode("https://x.org/p"), ox.NamedNode("https://x.org/g")
    >>> ratio = ox.Literal("1.50", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal"))
    >>> store = store_from([ox.Quad(a, p, ratio, g), ox.Quad(a, p, ratio)])
    >>> len(store), next(iter(store)).object.value
    (1, '1.50')
    """
    store = ox.Store() if store is None else store
    store.bulk_extend(ox.Quad(q.subject, q.predicate, _stored(q.object)) for q in quads)
    return store


#: a typed literal ending an N-Triples line (nothing else can end one with ``"^^<...> .``)
_TYPED_OBJECT = re.compile(rb'"\^\^<([^>]*)> \.$', re.M)


def load_ntriples(data: bytes, store: ox.Store, *, lenient: bool = False, bulk: bool = True) -> None:
    """N-Triples lines into ``store``'s default graph as :func:`store_from` loads their triples (typed
    literals kept verbatim), parsed by pyoxigraph: no Python object per statement. ``lenient``
    skips the IRI checks, for lines known valid (a build's own statements). ``bulk`` uses the bulk
    loader, for a store on disk; a store in memory takes the lines in one transaction for 35% less
    CPU (MedQuAD's union in 16 MB calls: 3.8 s, not 5.9 s) and less memory.

    >>> store = ox.Store()
    >>> decimal = b"<http://www.w3.org/2001/XMLSchema#decimal>"
    >>> load_ntriples(b'<https://x.org/a> <https://x.org/p> "1.50"^^' + decimal + b" .\\n", store)
    >>> [(q.object.value, q.object.datatype.value) for q in store]
    [('1.50', 'urn:medkg:lexical:http://www.w3.org/2001/XMLSchema#decimal')]
    """
    def lexical(m: re.Match[bytes]) -> bytes:
        if m.group(1).decode() in _PLAIN:
            return m.group(0)
        return b'"^^<' + _LEXICAL.encode() + m.group(1) + b"> ."

    (store.bulk_load if bulk else store.load)(_TYPED_OBJECT.sub(lexical, data), format=ox.RdfFormat.N_TRIPLES,
                                              lenient=lenient)


def validate_store(store: ox.Store, shapes: Graph | None = None) -> ValidationReport:
    """Run every check of ``shapes`` (medkg's own by default) on the store's default graph."""
    checks = compile_shapes(shapes) if shapes is not None else _medkg_checks()
    from concurrent.futures import ThreadPoolExecutor

    view = _StoreView(store)
    results: list[ValidationResult] = []
    with ThreadPoolExecutor(QUERY_THREADS) as pool:  # in check order, whatever finishes first
        for check, solutions in zip(checks, pool.map(lambda c: list(store.query(c.query)), checks), strict=True):
            results.extend(named_result(view, _rdf(solution["this"]), severity=check.severity, path=check.path,
                                        message=check.message, shape=check.shape) for solution in solutions)
    return report(results)


@cache
def _medkg_checks() -> tuple[Check, ...]:
    return compile_shapes(shapes_graph())


def compile_shapes(shapes: Graph) -> tuple[Check, ...]:
    """Every targeted shape's constraints as :class:`Check` queries; ShapeError names what is unsupported.

    >>> [c.constraint for c in compile_shapes(shapes_graph()) if c.path == "medkg:confidence"]
    ['sh:datatype', 'sh:minInclusive', 'sh:maxInclusive', 'sh:maxCount']
    >>> closed = "@prefix sh: <http://www.w3.org/ns/shacl#> . <https://x.org/S> sh:targetNode <x:a> ; sh:closed true ."
    >>> compile_shapes(Graph().parse(data=closed, format="turtle"))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    medkg.errors.ShapeError: https://x.org/S: sh:closed is not supported by the SPARQL engine; ...
    """
    return tuple(_Compiler(shapes).checks())


class _Compiler:
    """Turns shapes into SPARQL; fresh variable names keep nested shapes apart."""

    def __init__(self, sg: Graph) -> None:
        self.sg = sg
        self._ids = itertools.count()

    def checks(self) -> Iterator[Check]:
        targeted = {s for t in _TARGETS for s in self.sg.subjects(t, None)}
        for shape in sorted(targeted, key=str):
            self._known(shape)
            if (shape, RDF.type, URIRef("http://www.w3.org/2000/01/rdf-schema#Class")) in self.sg:
                raise ShapeError(f"{_name(shape)}: implicit class targets are not supported by the SPARQL engine")
            target = f"{{ SELECT DISTINCT ?this WHERE {{ {self._target(shape)} }} }}"
            if (shape, SH.path, None) in self.sg:
                parts = [(shape, c, b, k) for c, b, k in self._property(shape, "?this")]
            else:
                parts = [(shape, c, _excluding(e), ()) for c, e in self._value_tests(shape, "?this")]
                for prop in self.sg.objects(shape, SH.property):
                    self._known(prop)
                    parts += [(prop, c, b, k) for c, b, k in self._property(prop, "?this")]
            for owner, constraint, body, keys in parts:
                messages = sorted(str(m) for m in self.sg.objects(owner, SH.message))
                yield Check(
                    shape=owner, constraint=constraint, severity=severity_of(self.sg.value(owner, SH.severity)),
                    message=messages[0] if messages else _generic_message(self.sg, owner, constraint),
                    path=path_text(self.sg, self.sg.value(owner, SH.path)),
                    query=f"{_PREFIXES}SELECT DISTINCT ?this {' '.join(keys)} WHERE {{\n {target}\n {body}\n}}",
                )

    def _target(self, shape: URIRef | BNode) -> str:
        alternatives = [f"VALUES ?this {{ {_term(n)} }}" for n in self.sg.objects(shape, SH.targetNode)]
        alternatives += [f"?this rdf:type/rdfs:subClassOf* {_term(c)} ."
                         for c in self.sg.objects(shape, SH.targetClass)]
        alternatives += [f"?this {_term(p)} {self._var()} ." for p in self.sg.objects(shape, SH.targetSubjectsOf)]
        alternatives += [f"{self._var()} {_term(p)} ?this ." for p in self.sg.objects(shape, SH.targetObjectsOf)]
        return " UNION ".join(f"{{ {a} }}" for a in sorted(alternatives))

    def _var(self) -> str:
        return f"?v{next(self._ids)}"

    def _known(self, shape: object) -> None:
        """Refuse, by name, any sh: predicate this compiler does not implement."""
        if not isinstance(shape, URIRef | BNode):
            raise ShapeError(f"{shape!r} is not a shape")
        for p in sorted(set(self.sg.predicates(shape, None))):
            if str(p).startswith(str(SH)) and p not in _INERT and p not in _IMPLEMENTED:
                raise ShapeError(f"{_name(shape)}: sh:{p[len(str(SH)):]} is not supported by the SPARQL engine; "
                                 "use the pyshacl engine for these shapes")
            if p in _IMPLEMENTED and p != SH.property and len(set(self.sg.objects(shape, p))) > 1:
                # pySHACL makes one constraint of them, with one result per value, where this makes one per pair
                raise ShapeError(f"{_name(shape)}: several sh:{p[len(str(SH)):]} values on one shape are not "
                                 "supported by the SPARQL engine")

    def _property(self, prop: URIRef | BNode, focus: str) -> Iterator[_Part]:
        """(constraint, SPARQL pattern matching each violation, variables telling violations apart)."""
        path = self._path(prop)
        v = self._var()
        for constraint, test in self._value_tests(prop, v):
            yield constraint, f"{focus} {path} {v} . {_excluding(test)}", (v,)
        for value in self.sg.objects(prop, SH.hasValue):
            yield "sh:hasValue", f"FILTER NOT EXISTS {{ {focus} {path} {_term(value, stored=True)} }}", ()
        for other in self.sg.objects(prop, SH.lessThan):
            o = self._var()
            yield ("sh:lessThan", f"{focus} {path} {v} . {focus} {_term(other)} {o} . "
                   f"FILTER(!COALESCE({_comparable(v)} < {_comparable(o)}, false))", (v, o))
        for n in map(int, self.sg.objects(prop, SH.minCount)):
            if n == 1:  # the usual case, and three times faster than counting
                yield "sh:minCount", f"FILTER NOT EXISTS {{ {focus} {path} {v} }}", ()
            elif n > 1:
                yield "sh:minCount", f"FILTER NOT EXISTS {{ {self._counted(focus, path, v, f'>= {n}')} }}", ()
        for n in map(int, self.sg.objects(prop, SH.maxCount)):
            yield "sh:maxCount", self._counted(focus, path, v, f"> {n}"), ()

    @staticmethod
    def _counted(focus: str, path: str, v: str, test: str) -> str:
        """Focus nodes whose number of distinct values passes ``test``."""
        return (f"{{ SELECT {focus} WHERE {{ {focus} {path} {v} }} GROUP BY {focus} "
                f"HAVING (COUNT(DISTINCT {v}) {test}) }}")

    def _path(self, prop: URIRef | BNode) -> str:
        path = self.sg.value(prop, SH.path)
        if isinstance(path, URIRef):
            return _term(path)
        alternatives = self.sg.value(path, SH.alternativePath) if isinstance(path, BNode) else None
        members = list(Collection(self.sg, alternatives)) if alternatives is not None else []
        if not members or not all(isinstance(m, URIRef) for m in members) or len(set(self.sg.predicates(path))) > 1:
            raise ShapeError(f"{_name(prop)}: sh:path {path!r} is not supported by the SPARQL engine "
                             "(an IRI or an sh:alternativePath of IRIs only)")
        return "(" + "|".join(_term(m) for m in members) + ")"

    def _value_tests(self, shape: URIRef | BNode, v: str) -> Iterator[tuple[str, str]]:
        """(constraint, SPARQL expression true when the value ``v`` breaks it) for each per-value constraint."""
        sg = self.sg
        for c in sg.objects(shape, SH["class"]):
            yield "sh:class", _NoMatch(f"{v} rdf:type/rdfs:subClassOf* {_term(c)}")
        for dt in sg.objects(shape, SH.datatype):
            yield "sh:datatype", f"!({_datatype_test(shape, dt, v)})"
        for kind in sg.objects(shape, SH.nodeKind):
            if kind not in _NODE_KINDS:
                raise ShapeError(f"{_name(shape)}: sh:nodeKind {kind!r} is not a SHACL node kind")
            yield "sh:nodeKind", f"!{_NODE_KINDS[kind].format(v=v)}"
        flags = sg.value(shape, SH.flags)
        for pattern in sg.objects(shape, SH.pattern):
            regex = f"REGEX(STR({v}), {_term(Literal(str(pattern)))}, {_term(Literal(str(flags or '')))})"
            yield "sh:pattern", f"(isBlank({v}) || !{regex})"
        for n in sg.objects(shape, SH.minLength):
            yield "sh:minLength", f"(isBlank({v}) || STRLEN(STR({v})) < {int(n)})"
        for bound, op in ((SH.minInclusive, ">="), (SH.maxInclusive, "<=")):
            for limit in sg.objects(shape, bound):
                yield f"sh:{bound[len(str(SH)):]}", f"!COALESCE({_value(v)} {op} {_term(limit)}, false)"
        for members in sg.objects(shape, SH["in"]):
            same = " || ".join(f"sameTerm({v}, {_term(m, stored=True)})" for m in Collection(sg, members))
            yield "sh:in", f"!({same or 'false'})"
        if (shape, SH.path, None) not in sg:
            for value in sg.objects(shape, SH.hasValue):
                yield "sh:hasValue", f"!sameTerm({v}, {_term(value, stored=True)})"
        for members in sg.objects(shape, SH["or"]):
            yield "sh:or", "!(" + " || ".join(self._conforms(m, v) for m in Collection(sg, members)) + ")"

    def _conforms(self, shape: object, v: str) -> str:
        """A SPARQL expression true when ``v`` conforms to the node shape ``shape`` (a member of sh:or)."""
        self._known(shape)
        if (shape, SH.path, None) in self.sg:
            raise ShapeError(f"{_name(shape)}: a property shape as a member of sh:or is not supported "
                             "by the SPARQL engine; wrap it in a node shape's sh:property")
        tests = [f"!{test}" for _c, test in self._value_tests(shape, v)]
        for prop in self.sg.objects(shape, SH.property):
            self._known(prop)
            tests += [f"NOT EXISTS {{ {body} }}" for _c, body, _k in self._property(prop, v)]
        return "(" + (" && ".join(tests) or "true") + ")"


class _NoMatch(str):
    """A value test that is ``NOT EXISTS { pattern }`` (sh:class), which :func:`_excluding` can write as MINUS."""

    def __new__(cls, pattern: str) -> _NoMatch:
        made = super().__new__(cls, f"NOT EXISTS {{ {pattern} }}")
        made.pattern = pattern
        return made

    pattern: str


def _excluding(test: str) -> str:
    """The pattern keeping the solutions for which ``test`` holds: ``FILTER(test)``, or for a test that no
    match of a pattern exists, ``MINUS { pattern }``: the same solutions, since the pattern's one variable
    (the value) is bound in every solution, and oxigraph finds the pattern's matches once rather than once
    per value (MedQuAD's twelve sh:class checks: 1.69 -> 0.80 s CPU)."""
    return f"MINUS {{ {test.pattern} }}" if isinstance(test, _NoMatch) else f"FILTER({test})"


_IMPLEMENTED = {SH.property, SH.path, SH["class"], SH.datatype, SH.nodeKind, SH.minCount, SH.maxCount, SH.pattern,
                SH.minLength, SH.minInclusive, SH.maxInclusive, SH["in"], SH.hasValue, SH["or"], SH.lessThan}


#: pySHACL's text for a result whose shape has no sh:message, where that text depends on the shape alone
_GENERIC = {"sh:class": "Value does not have class {}", "sh:datatype": "Value is not Literal with datatype {}",
            "sh:nodeKind": "Value is not of Node Kind {}", "sh:minInclusive": "Value is not >= {}",
            "sh:maxInclusive": "Value is not <= {}", "sh:minLength": "String length not >= {}"}


def _generic_message(sg: Graph, shape: URIRef | BNode, constraint: str) -> str:
    """The message pySHACL writes when a shape has none; :data:`NO_MESSAGE` where its text names data nodes."""
    parameter = sg.value(shape, SH[constraint.removeprefix("sh:")])
    if constraint == "sh:pattern":
        return f"Value does not match pattern '{parameter}'"
    if constraint not in _GENERIC:
        return NO_MESSAGE
    from pyshacl.rdfutil import stringify_node

    return _GENERIC[constraint].format(stringify_node(sg, parameter))


def _name(shape: object) -> str:
    return str(shape) if isinstance(shape, URIRef) else "a blank-node shape"


def _datatype_test(shape: object, dt: object, v: str) -> str:
    """Literal of datatype ``dt`` with a well-formed lexical form (rdflib's ``ill_typed`` for pySHACL)."""
    if not isinstance(dt, URIRef):
        raise ShapeError(f"{_name(shape)}: sh:datatype {dt!r} is not an IRI")
    if str(dt).startswith(str(XSD)) or dt == RDF.langString:
        if dt not in _WELL_FORMED:
            raise ShapeError(f"{_name(shape)}: sh:datatype {dt} is not supported by the SPARQL engine")
        well_formed = _WELL_FORMED[dt].format(s=f"STR({v})")
    else:
        well_formed = "true"  # a datatype outside XSD has no lexical rules to break
    stored = str(dt) if str(dt) in _PLAIN else _LEXICAL + str(dt)
    return f"isLiteral({v}) && DATATYPE({v}) = <{stored}> && COALESCE({well_formed}, false)"


def _value(v: str) -> str:
    """The value of a stored literal, its datatype restored, for comparisons."""
    dt = f"STR(DATATYPE({v}))"
    return (f"IF(isLiteral({v}) && STRSTARTS({dt}, \"{_LEXICAL}\"), "
            f"STRDT(STR({v}), IRI(STRAFTER({dt}, \"{_LEXICAL}\"))), {v})")


def _comparable(v: str) -> str:
    """As pySHACL compares for sh:lessThan: IRIs by their text, literals by value."""
    return f"IF(isIRI({v}), STR({v}), {_value(v)})"


def _term(term: object, *, stored: bool = False) -> str:
    """A shapes-graph term in SPARQL syntax; ``stored`` gives a literal as the store holds it."""
    if isinstance(term, URIRef):
        return str(ox.NamedNode(str(term)))
    if isinstance(term, Literal):
        literal = ox.Literal(str(term), language=term.language) if term.language else ox.Literal(
            str(term), datatype=ox.NamedNode(str(term.datatype or XSD.string)))
        return str(_stored(literal) if stored else literal)
    raise ShapeError(f"{term!r}: blank nodes as values in shapes are not supported by the SPARQL engine")


def _stored(term: _Term) -> _Term:
    """Typed literals under the datatype ``urn:medkg:lexical:<datatype>``, so the store keeps them verbatim."""
    if isinstance(term, ox.Literal) and term.datatype.value not in _PLAIN:
        return ox.Literal(term.value, datatype=ox.NamedNode(_LEXICAL + term.datatype.value))
    return term


def _rdf(term: object) -> URIRef | BNode | Literal:
    """A store term as rdflib's, datatype restored, for medkg.shapes' naming helpers."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value.removeprefix(_LEXICAL)))
    raise TypeError(f"not an RDF term: {term!r}")


class _StoreView:
    """The two lookups medkg.shapes' naming helpers make of an rdflib graph, answered by the store."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    def objects(self, subject: object, predicate: URIRef) -> Iterator[URIRef | BNode | Literal]:
        if isinstance(subject, URIRef | BNode):
            for q in self.store.quads_for_pattern(_node(subject), ox.NamedNode(str(predicate)), None):
                yield _rdf(q.object)

    def subjects(self, predicate: URIRef, obj: object) -> Iterator[URIRef | BNode | Literal]:
        if isinstance(obj, URIRef | BNode):
            for q in self.store.quads_for_pattern(None, ox.NamedNode(str(predicate)), _node(obj)):
                yield _rdf(q.subject)


def _node(term: URIRef | BNode) -> ox.NamedNode | ox.BlankNode:
    return ox.NamedNode(str(term)) if isinstance(term, URIRef) else ox.BlankNode(str(term))
