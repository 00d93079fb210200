"""medkg: consumer-health articles in, a validated, linked medical knowledge graph out.

The flow, one direction (each stage its own subpackage)::

    file -> readers -> Article -> extract -> ConditionRecord -> ontology.linker (ids)
         -> graph.build (rdflib) -> shapes (SHACL) -> exporters (ttl, jsonld, page, ...)

>>> from medkg import read_record, build_graph
>>> record = read_record("examples/iron-deficiency-anemia.yaml", link=False)  # doctest: +SKIP
>>> build_graph(record).serialize(format="turtle")  # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["build_dataset", "build_graph", "export", "read_record", "to_networkx", "validate_graph"]

#: public name -> module it lives in; imported on first use so ``import medkg`` stays light
_LAZY = {
    "read_record": "medkg.pipeline",
    "build_graph": "medkg.graph.build",
    "build_dataset": "medkg.graph.build",
    "validate_graph": "medkg.shapes",
    "export": "medkg.exporters",
    "to_networkx": "medkg.views",
}

if TYPE_CHECKING:
    from medkg.exporters import export
    from medkg.graph.build import build_dataset, build_graph
    from medkg.pipeline import read_record
    from medkg.shapes import validate_graph
    from medkg.views import to_networkx


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'medkg' has no attribute {name!r}")
