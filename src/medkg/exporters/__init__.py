"""Exporters: one module per format family, registered by name in :mod:`medkg.plugins`."""

from __future__ import annotations

from typing import Any

from medkg.plugins import EXPORTERS


def export(dataset: Any, fmt: str) -> bytes | dict[str, bytes]:
    """Serialise ``dataset`` (an rdflib Dataset; RDF syntaxes also take a corpus's pyoxigraph
    quads) in the registered format ``fmt`` (see ``EXPORTERS.names()``)."""
    return EXPORTERS.get(fmt).load()(dataset)


def export_files(dataset: Any, fmt: str, stem: str) -> list[tuple[str, bytes]]:
    """The files ``fmt`` makes of ``dataset``, as (file name, content) pairs.

    One output is named ``stem`` + the format's extension. Several come as a dict whose keys
    are suffixes to ``stem`` when they start with ``.`` or ``_`` (``_nodes.tsv``), and file
    names of their own otherwise (an article's page, ``<article>.html``).

    >>> from medkg.graph.build import build_dataset
    >>> from medkg.model import ConditionRecord
    >>> [name for name, _ in export_files(build_dataset([ConditionRecord("flu", "Flu")]), "kgx", "g")][:2]
    ['g_edges.jsonl', 'g_edges.tsv']
    """
    from medkg.errors import ExportError

    data = export(dataset, fmt)
    if not isinstance(data, dict):
        entry = EXPORTERS.get(fmt)
        return [(stem + (entry.extensions[0] if entry.extensions else f".{fmt}"), data)]
    named = sorted((stem + key if key[:1] in "._" else key, content) for key, content in data.items())
    names = [name for name, _ in named]
    twice = next((name for name in names if names.count(name) > 1), None)
    if twice is not None:
        raise ExportError(f"{fmt}: two outputs would be named {twice}; choose another name with --merge")
    return named
