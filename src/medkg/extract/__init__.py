"""Extraction: an :class:`~medkg.model.Article` in, a :class:`~medkg.model.ConditionRecord` out.

One module per job: :mod:`.candidates` (phrases that may name a finding, with their context),
:mod:`.features` (what the classifier sees of each), :mod:`.classifier` (the trained model),
:mod:`.findings` (candidates to findings), :mod:`.train` (training and cross-validation),
:mod:`.roles` (what a heading says a section is about), :mod:`.phrases` (name cleaning),
:mod:`.metadata` (name, synonyms, byline, references).
"""

from __future__ import annotations

import logging
from dataclasses import replace
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from medkg.extract.candidates import Candidate
from medkg.model import Article, ConditionRecord, Origin

if TYPE_CHECKING:
    from medkg.extract.classifier import Model

__all__ = ["article_candidates", "extract_record"]

_log = logging.getLogger("medkg")


def extract_record(article: Article, *, model: Model | None = None) -> ConditionRecord:
    """Everything the article says about its main condition, each finding with its quote and confidence.

    Bylines and references are read as page metadata and kept out of the findings. ``model``
    replaces the shipped extractor model (cross-validation trains its own).
    """
    from medkg.extract import metadata
    from medkg.extract.classifier import load_model
    from medkg.extract.findings import extract_findings
    from medkg.extract.language import detect

    name = metadata.condition_name(article)
    synonyms = metadata.synonyms(article, name)
    page = metadata.page_metadata(article, list(article.blocks))
    language = detect(article.text)
    if language is not None and language[0] != "en":
        _log.warning("medkg: warning: %s: the article is in %s (%s), not English; medkg extracts findings "
                     "from English text only, so this graph has none", article.path, language[1], language[0])
        page = page if page.language else replace(page, language=language[0])
        findings: tuple = ()
    else:
        content = replace(article, blocks=_content_blocks(article))
        findings = extract_findings(content, (name, *synonyms), model or load_model(), is_term,
                                    semantic_types)
    return ConditionRecord(
        source=article.source,
        name=name,
        synonyms=synonyms,
        definition=metadata.definition(article, name),
        ids=article.ids,
        findings=findings,
        page=page,
        origin=Origin.EXTRACTED,
    )


def _content_blocks(article: Article) -> tuple:
    """The blocks findings are read from: not bylines, references, or sections of back matter (a glossary,
    sources, contacts), which the page metadata reads instead."""
    from medkg.extract import metadata

    out = []
    back: int | None = None  # the level of the back-matter heading in force
    for b in article.blocks:
        if b.kind == "heading" and (back is None or b.level <= back):
            back = b.level if metadata.is_back_matter(b.text) else None
        if back is None and not (b.kind == "item" and (metadata.looks_like_citation(b.text)
                                                       or metadata.is_person(b.text))):
            out.append(b)
    return tuple(out)


def article_candidates(path: Path) -> tuple[tuple[str, ...], list[Candidate], list[list[str]]]:
    """Read the article at ``path``: its condition's names, its candidates and their features."""
    from medkg.extract import metadata
    from medkg.extract.findings import article_features
    from medkg.pipeline import reader_for

    article = reader_for(path)(path)
    name = metadata.condition_name(article)
    names = (name, *metadata.synonyms(article, name))
    return (names, *article_features(replace(article, blocks=_content_blocks(article)), names, is_term,
                                      semantic_types))


@cache
def _lexicon():
    from medkg.ontology.lexicon import load_lexicon

    return load_lexicon()


def is_term(phrase: str) -> bool:
    """True when the shipped lexicon knows ``phrase`` (after normalisation)."""
    return bool(semantic_types(phrase))


#: the most MeSH categories, and the most branches, a phrase's types name (a chemical sits in many)
_MESH_TYPES = 3


@lru_cache(maxsize=1 << 18)  # bounded: a corpus build looks up millions of phrases, most of them once
def semantic_types(phrase: str) -> tuple[str, ...]:
    """The id prefixes (HP, DOID, MESH, ...) the lexicon maps ``phrase`` to, best first, then its MeSH ids'
    categories and branches ("MESH:M", "MESH:M01": a population group); () if unknown.

    >>> semantic_types("children")
    ('MESH', 'MESH:M', 'MESH:M01')
    """
    lexicon = _lexicon()
    entries = lexicon.named(phrase)
    if not entries:
        return ()
    prefixes = tuple(dict.fromkeys(e.prefix for e in entries))[:3]
    branches = dict.fromkeys(b for e in entries for b in lexicon.mesh_branches(e.id))
    categories = dict.fromkeys(f"MESH:{b[0]}" for b in branches)
    return prefixes + tuple(categories)[:_MESH_TYPES] + tuple(f"MESH:{b}" for b in branches)[:_MESH_TYPES]

