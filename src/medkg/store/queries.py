"""The example queries shipped in ``medkg/queries/*.rq``, by name, and query parameters.

A query declares its parameters in its comment header, one line each::

    # @param condition  name  the condition's name, as written
    # @param id         id    an ontology id, as a CURIE (HP:0012378) or an IRI

A parameter binds the variable of the same name before the query runs (SPARQL SEP-0007
substitution, done by pyoxigraph), so a value is a term, never query text: a ``name`` is a
string literal, an ``id`` an IRI. A query run without a parameter leaves its variable free.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

from medkg.store.guard import QueryRefused

KINDS = ("name", "id")
_PARAM = re.compile(r"^#\s*@param\s+(\w+)\s+(\w+)\s*(.*)$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class QueryParameter:
    """A parameter a query declares: the variable it binds, its kind (``name`` or ``id``) and what it means."""

    name: str
    kind: str
    description: str


def example_queries() -> dict[str, str]:
    """Query name (file stem) -> SPARQL text, sorted by name.

    >>> "most-shared-symptoms" in example_queries()
    True
    """
    folder = files("medkg").joinpath("queries")
    return {entry.name[:-3]: entry.read_text(encoding="utf-8")
            for entry in sorted(folder.iterdir(), key=lambda e: e.name) if entry.name.endswith(".rq")}


def summary(text: str) -> str:
    """The first line of a query's comment header.

    >>> summary("# Top symptoms.\\n# more\\nSELECT ...")
    'Top symptoms.'
    """
    return next((line.lstrip("# ").strip() for line in text.splitlines() if line.startswith("#")), "")


def parameters(text: str) -> dict[str, QueryParameter]:
    """The parameters a query's header declares, by name.

    >>> parameters("# @param id  id  an ontology id\\nSELECT ?x WHERE { ?x ?p ?id }")["id"].kind
    'id'
    """
    found = {}
    for name, kind, description in _PARAM.findall(text):
        if kind not in KINDS:
            raise QueryRefused(f"@param {name}: unknown kind {kind!r}; use one of {', '.join(KINDS)}")
        found[name] = QueryParameter(name, kind, description.strip())
    return found


def bindings(text: str, given: Mapping[str, str]) -> dict[str, Any]:
    """Variable name -> pyoxigraph term for each parameter ``given``; QueryRefused names an unknown
    parameter or a bad id.

    >>> bindings("# @param id  id  an id\\nSELECT * {}", {"id": "HP:0012378"})
    {'id': <NamedNode value=http://purl.obolibrary.org/obo/HP_0012378>}
    """
    import pyoxigraph as ox

    from medkg.ontology.namespaces import curie_iri

    declared = parameters(text)
    out: dict[str, Any] = {}
    for name, value in given.items():
        param = declared.get(name)
        if param is None:
            takes = ", ".join(declared) or "none"
            raise QueryRefused(f"the query has no parameter {name!r}; it takes: {takes}")
        if param.kind == "name":
            out[name] = ox.Literal(value)
            continue
        iri = curie_iri(value) or (value if re.match(r"^https?://\S+$", value) else None)
        if iri is None:
            raise QueryRefused(f"parameter {name}={value!r} is not an ontology id medkg knows (HP:0012378) nor an IRI")
        out[name] = ox.NamedNode(iri)
    return out
