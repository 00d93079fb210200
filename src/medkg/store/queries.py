"""The example queries shipped in ``medkg/queries/*.rq``, by name."""

from __future__ import annotations

from importlib.resources import files


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
