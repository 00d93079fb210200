"""Extraction: an :class:`~medkg.model.Article` in, a :class:`~medkg.model.ConditionRecord` out.

One module per job: :mod:`.roles` (what a section is about), :mod:`.phrases` (names from
an item or an enumeration), :mod:`.prose` (cue patterns in running text), :mod:`.findings`
(the walk over the article), :mod:`.metadata` (name, synonyms, byline, references).
"""

from __future__ import annotations

from dataclasses import replace

from medkg.model import Article, ConditionRecord, Origin

__all__ = ["extract_record"]


def extract_record(article: Article) -> ConditionRecord:
    """Everything the article says about its main condition, each finding with its quote.

    Bylines and references are read as page metadata and kept out of the findings.
    """
    from medkg.extract import metadata
    from medkg.extract.findings import Condition, extract_findings

    name = metadata.condition_name(article)
    synonyms = metadata.synonyms(article, name)
    content = [b for b in article.blocks
               if not (b.kind == "item" and (metadata.looks_like_citation(b.text) or metadata.is_person(b.text)))]
    findings, subtypes = extract_findings(replace(article, blocks=tuple(content)),
                                          Condition((name, *synonyms)))
    return ConditionRecord(
        source=article.source,
        name=name,
        synonyms=synonyms,
        definition=metadata.definition(article, name),
        subtypes=subtypes,
        ids=article.ids,
        findings=findings,
        page=metadata.page_metadata(article, list(article.blocks)),
        origin=Origin.EXTRACTED,
    )
