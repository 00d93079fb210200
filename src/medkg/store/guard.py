"""Read-only guards for SPARQL queries: parse the text, then refuse what a local store must not run.

Spec: SPARQL 1.1 Query https://www.w3.org/TR/sparql11-query/ and Update
https://www.w3.org/TR/sparql11-update/. The text is parsed with rdflib's SPARQL grammar (not
grepped), so a ``SERVICE`` inside a string literal or a comment is not mistaken for one.
Refused: any SPARQL Update (``INSERT``, ``DELETE``, ``LOAD``, ``CLEAR``, ...), ``SERVICE``
(pyoxigraph would fetch the remote endpoint), and ``FROM``/``FROM NAMED`` graphs that the
store does not hold (the store checks those against its graphs; medkg never fetches a graph).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from medkg.errors import StoreError

#: rdflib's parse-tree names of the query forms -> the SPARQL keyword
FORMS = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT", "DescribeQuery": "DESCRIBE"}
#: rdflib's parse-tree names of update operations -> the SPARQL keyword
UPDATES = {"Load": "LOAD", "Clear": "CLEAR", "Drop": "DROP", "Create": "CREATE", "Add": "ADD", "Move": "MOVE",
           "Copy": "COPY", "InsertData": "INSERT DATA", "DeleteData": "DELETE DATA",
           "DeleteWhere": "DELETE WHERE", "Modify": "DELETE/INSERT"}
#: pyparsing's packrat cache is shared by all threads; parsing holds the GIL anyway, so one at a time costs nothing
_PARSING = threading.Lock()


class QueryRefused(StoreError):
    """The query is valid SPARQL but asks for something a read-only local store does not do."""


class QuerySyntaxError(StoreError):
    """The text is not a SPARQL query."""


@dataclass(frozen=True, slots=True)
class CheckedQuery:
    """A query that passed the guards; ``default_graphs``/``named_graphs`` come from FROM/FROM NAMED."""

    text: str
    form: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()

    @property
    def returns_graph(self) -> bool:
        return self.form in ("CONSTRUCT", "DESCRIBE")


@lru_cache(maxsize=512)
def check_query(text: str) -> CheckedQuery:
    """Parse ``text`` and refuse updates and SERVICE; cached, as clients repeat their queries.

    >>> check_query("SELECT * WHERE { ?s ?p 'SERVICE <http://x/>' }").form
    'SELECT'
    >>> check_query("ASK FROM <https://w3id.org/medkg/id/graph/a> { ?s ?p ?o }").default_graphs
    ('https://w3id.org/medkg/id/graph/a',)
    >>> check_query("LOAD <http://example.org/data.ttl>")  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    medkg.store.guard.QueryRefused: LOAD is SPARQL Update and this store is read-only for queries; ...
    >>> check_query("SELECT * { SERVICE <http://e.org/q> { ?s ?p ?o } }")  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    medkg.store.guard.QueryRefused: SERVICE <http://e.org/q> is refused: queries run on the local store only, ...
    """
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        with _PARSING:
            tree = parseQuery(text)
    except ParseException as query_err:
        try:
            with _PARSING:
                update = parseUpdate(text)
        except ParseException:
            raise QuerySyntaxError(f"not a SPARQL query: {_where(query_err)}") from query_err
        ops = [UPDATES.get(getattr(op, "name", ""), "an update") for op in update.get("request", [])]
        raise QueryRefused(f"{ops[0] if ops else 'this'} is SPARQL Update and this store is read-only for queries; "
                           "use `medkg load` to change it") from None
    query = tree[1]
    for node in _walk(query):
        if getattr(node, "name", None) == "ServiceGraphPattern":
            raise QueryRefused(f"SERVICE <{node['term']}> is refused: queries run on the local store only, "
                               "never on remote endpoints")
    clauses = dict.get(query, "datasetClause") or ()
    default = tuple(str(dict.get(c, "default")) for c in clauses if dict.get(c, "default") is not None)
    named = tuple(str(dict.get(c, "named")) for c in clauses if dict.get(c, "named") is not None)
    return CheckedQuery(text, FORMS[query.name], default, named)


def _walk(node: Any) -> Iterator[Any]:
    """Every node of an rdflib parse tree, depth first."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [node]
    while stack:
        item = stack.pop()
        yield item
        if isinstance(item, CompValue):
            stack.extend(dict.values(item))
        elif isinstance(item, list | tuple | ParseResults):
            stack.extend(item)


def _where(err: Exception) -> str:
    line, col = getattr(err, "lineno", None), getattr(err, "col", None)
    msg = str(getattr(err, "msg", err))
    return f"line {line}, column {col}: {msg}" if line else msg
