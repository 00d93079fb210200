"""File to condition record: read, extract, link. The one place the stages are chained."""

from __future__ import annotations

from pathlib import Path

from medkg.errors import ReadError
from medkg.model import Article, ConditionRecord
from medkg.plugins import READERS

#: extraction takes about 35 s and 500 MB per million characters; a real article has a few
#: thousand, so text beyond this is refused rather than left to run for minutes
MAX_ARTICLE_CHARS = 1_000_000


def reader_for(path: Path, reader: str | None = None):
    """The registered reader named ``reader``, else the one whose extension ``path`` has."""
    entry = READERS.get(reader) if reader else READERS.for_path(path)
    if entry is None:
        known = sorted({ext for e in READERS.entries() for ext in e.extensions})
        raise ReadError(f"{path}: cannot tell what kind of file this is from its name; "
                        f"use --reader or one of the extensions {', '.join(known)}")
    return entry.load()


def read_record(path: str | Path, *, reader: str | None = None, link: bool = True,
                terms: tuple[str | Path, ...] = ()) -> ConditionRecord:
    """Read one input into a condition record, extracting and linking as needed.

    ``terms`` are the user's own term files (TSV or YAML of name -> id) that extend or
    override the shipped lexicon.
    """
    path = Path(path)
    if not path.is_file():
        raise ReadError(f"{path}: no such file")
    result = reader_for(path, reader)(path)
    if isinstance(result, Article):
        if len(result.text) > MAX_ARTICLE_CHARS:
            raise ReadError(f"{path}: the article's text is {len(result.text):,} characters; "
                            f"medkg reads articles up to {MAX_ARTICLE_CHARS:,}")
        from medkg.extract import extract_record

        result = extract_record(result)
    if link:
        from medkg.ontology.lexicon import load_lexicon
        from medkg.ontology.linker import link_record

        result = link_record(result, load_lexicon(terms))
    return result
