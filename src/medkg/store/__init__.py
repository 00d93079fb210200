"""SPARQL on built graphs: an embedded persistent store, read-only query guards, result formats."""

from medkg.store.engine import QueryLimits, QueryPool, QueryTimeout
from medkg.store.guard import CheckedQuery, QueryRefused, QuerySyntaxError, check_query
from medkg.store.results import QueryResult, write_result, write_triples
from medkg.store.store import LoadedGraph, MedkgStore, graph_files, read_graphs

__all__ = ["CheckedQuery", "LoadedGraph", "MedkgStore", "QueryLimits", "QueryPool", "QueryRefused", "QueryResult",
           "QuerySyntaxError", "QueryTimeout", "check_query", "graph_files", "read_graphs", "write_result",
           "write_triples"]
