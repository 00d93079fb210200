"""Exporters: one module per format family, registered by name in :mod:`medkg.plugins`."""

from __future__ import annotations

from rdflib import Dataset

from medkg.plugins import EXPORTERS


def export(dataset: Dataset, fmt: str) -> bytes:
    """Serialise ``dataset`` in the registered format ``fmt`` (see ``EXPORTERS.names()``)."""
    return EXPORTERS.get(fmt).load()(dataset)
