"""SHACL validation of medkg graphs with the shapes shipped beside this module.

Spec: https://www.w3.org/TR/shacl/. The reference engine is pySHACL; :mod:`medkg.shapes.sparql`
compiles the same shapes to SPARQL on pyoxigraph, with equal results, for corpus graphs. Results
come back as a :class:`~medkg.model.ValidationReport` whose entries name the node, the path, the
message, the severity and, where the node is a fact or a concept, the quote it came from.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH, SKOS

from medkg.errors import ShapeError, UnknownNameError
from medkg.model import Severity, ValidationReport, ValidationResult
from medkg.ontology.namespaces import MEDKG, PREFIXES, SCHEMA

_SEVERITIES = {SH.Violation: Severity.VIOLATION, SH.Warning: Severity.WARNING, SH.Info: Severity.INFO}
_ORDER = {Severity.VIOLATION: 0, Severity.WARNING: 1, Severity.INFO: 2}
#: SHACL engines by name: pySHACL is the reference, "sparql" the fast one for corpus graphs
ENGINES = ("pyshacl", "sparql")
#: what a shape without sh:message reports (pySHACL writes its own text instead)
NO_MESSAGE = "constraint not met"


@cache
def shapes_graph() -> Graph:
    """medkg's shapes, parsed once per process."""
    text = files("medkg.shapes").joinpath("medkg-shapes.ttl").read_text(encoding="utf-8")
    try:
        return Graph().parse(data=text, format="turtle")
    except Exception as err:  # a broken package install, not a user error
        raise ShapeError(f"medkg-shapes.ttl does not parse: {err}") from err


def validate_graph(data: Graph, shapes: Graph | None = None, *, engine: str = "pyshacl") -> ValidationReport:
    """Validate ``data`` (one graph; merge a dataset's graphs first) against the shapes.

    ``engine="sparql"`` gives the same results several times faster on large graphs.
    """
    if engine == "sparql":
        from medkg.shapes.sparql import graph_store, validate_store

        return validate_store(graph_store(data), shapes)
    if engine != "pyshacl":
        raise UnknownNameError("SHACL engine", engine, list(ENGINES))
    from pyshacl import validate

    _conforms, results_graph, _text = validate(
        data, shacl_graph=shapes if shapes is not None else shapes_graph(), inference="none",
        allow_warnings=True, abort_on_first=False,
    )
    return report([_result(results_graph, data, r) for r in results_graph.subjects(RDF.type, SH.ValidationResult)])


def report(results: list[ValidationResult]) -> ValidationReport:
    """Results in reading order: most severe first, then by node name, path and message."""
    results.sort(key=lambda r: (_ORDER[r.severity], r.focus_name or "", r.path or "", r.message, r.focus))
    return ValidationReport(tuple(results))


def _short(iri: object) -> str | None:
    if iri is None:
        return None
    text = str(iri)
    for prefix, ns in PREFIXES.items():
        if text.startswith(str(ns)):
            return f"{prefix}:{text[len(str(ns)):]}"
    return text


def _result(rg: Graph, data: Graph, node: object) -> ValidationResult:
    message = rg.value(node, SH.resultMessage)
    return named_result(
        data, rg.value(node, SH.focusNode), severity=severity_of(rg.value(node, SH.resultSeverity)),
        path=path_text(rg, rg.value(node, SH.resultPath)), message=str(message) if message is not None else NO_MESSAGE,
        shape=rg.value(node, SH.sourceShape),
    )


def severity_of(iri: object) -> Severity:
    """medkg's severity for a SHACL severity IRI; anything else counts as a Violation, as pySHACL treats it."""
    return _SEVERITIES.get(iri, Severity.VIOLATION)


def named_result(data: Graph, focus: object, *, severity: Severity, path: str | None, message: str,
                 shape: object) -> ValidationResult:
    """A result with the focus node's name and quote looked up in ``data``, as every engine reports it.

    ``data`` needs only rdflib's ``objects`` and ``subjects`` lookups.
    """
    return ValidationResult(
        severity=severity, focus=str(focus), focus_name=_name(data, focus), path=path, message=message,
        quote=_quote(data, focus), shape=_short(shape) if isinstance(shape, URIRef) else None,
    )


def path_text(rg: Graph, path: object) -> str | None:
    """A result path as text; an alternative path reads ``a|b`` as in SPARQL."""
    if isinstance(path, BNode) and rg.value(path, SH.alternativePath) is not None:
        return "|".join(str(_short(p)) for p in Collection(rg, rg.value(path, SH.alternativePath)))
    return _short(path)


def _name(g: Graph, node: object) -> str | None:
    """The node's name, or its concept's; the first in sorted order, so that every engine gives the same."""
    for prop in (SCHEMA.name, SKOS.prefLabel):
        names = sorted(str(v) for v in g.objects(node, prop))
        if names:
            return names[0]
    concepts = sorted(g.objects(node, MEDKG.concept), key=str)
    return _name(g, concepts[0]) if concepts else None


def _quote(g: Graph, node: object) -> str | None:
    """The first quote behind a finding, or behind any finding about a concept."""
    facts = [node, *g.subjects(MEDKG.concept, node)]
    quotes = sorted(str(q) for f in facts for e in g.objects(f, MEDKG.evidence) for q in g.objects(e, MEDKG.quote))
    return quotes[0] if quotes else None
