"""Exporters: one module per format family, registered by name in :mod:`medkg.plugins`."""

from __future__ import annotations

from typing import Any

from medkg.plugins import EXPORTERS


def export(dataset: Any, fmt: str) -> bytes | dict[str, bytes]:
    """Serialise ``dataset`` (an rdflib Dataset; RDF syntaxes also take a corpus's pyoxigraph
    quads) in the registered format ``fmt`` (see ``EXPORTERS.names()``)."""
    return EXPORTERS.get(fmt).load()(dataset)


def export_files(dataset: Any, fmt: str, stem: str) -> list[tuple[str, bytes]]:
    """The files ``fmt`` makes of ``dataset``, as (file name, content) pairs named after ``stem``."""
    data = export(dataset, fmt)
    if isinstance(data, dict):
        return [(stem + suffix, content) for suffix, content in sorted(data.items())]
    entry = EXPORTERS.get(fmt)
    return [(stem + (entry.extensions[0] if entry.extensions else f".{fmt}"), data)]
