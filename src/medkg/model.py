"""The data model shared by every stage: what an article says about one condition.

Readers produce an :class:`Article`, extractors turn it into a :class:`ConditionRecord`,
linkers add concept ids to its findings, and the graph builder turns the record into RDF.
The record is the one interface between reading and graph building: curated YAML/JSON
records load straight into it.

All classes are frozen dataclasses, so a stage returns a new record instead of mutating
the one it was given (use :func:`dataclasses.replace`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Relation(StrEnum):
    """How a finding relates to the condition; values are the record's YAML keys."""

    CAUSE = "cause"
    RISK_FACTOR = "risk_factor"
    SYMPTOM = "symptom"
    TEST = "test"
    TREATMENT = "treatment"
    PREVENTION = "prevention"
    COMPLICATION = "complication"


class Origin(StrEnum):
    """Who asserted the facts: a person curating a record, or medkg reading a page."""

    CURATED = "curated"
    EXTRACTED = "extracted"


@dataclass(frozen=True, slots=True)
class Evidence:
    """An exact quote from the source and where it stands (character offsets, end exclusive)."""

    quote: str
    start: int | None = None
    end: int | None = None
    section: str | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """One fact: the condition has ``relation`` to the concept called ``name``.

    ``ids`` are CURIEs (``HP:0001945``, ``MESH:D000900``, ``DOID:1227``, ``ICD10CM:D70``);
    the first one is the preferred id. ``label`` is the preferred label of the concept's
    id in its ontology, and ``confidence`` the linker's confidence in the ids. ``broader``
    are ids of wider concepts where no id names the concept itself ("pain below the ribs"
    is a kind of pain): a hint for a reader, never the concept's identity. ``extraction_confidence``
    is the extractor's probability that the article states the fact (None for curated facts).
    """

    relation: Relation
    name: str
    qualifier: str | None = None
    ids: tuple[str, ...] = ()
    label: str | None = None
    evidence: tuple[Evidence, ...] = ()
    confidence: float | None = None
    broader: tuple[str, ...] = ()
    extraction_confidence: float | None = None


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Citation:
    """A reference the article cites; ``text`` is the reference as written."""

    text: str
    authors: tuple[str, ...] = ()
    title: str | None = None
    journal: str | None = None
    year: int | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class PageMetadata:
    """What the page says about itself; dates are ISO 8601 strings (``2024-05-01``)."""

    title: str | None = None
    url: str | None = None
    language: str | None = None
    authors: tuple[Person, ...] = ()
    reviewers: tuple[Person, ...] = ()
    date_reviewed: str | None = None
    date_updated: str | None = None
    date_published: str | None = None
    publisher: str | None = None
    citations: tuple[Citation, ...] = ()


@dataclass(frozen=True, slots=True)
class ConditionRecord:
    """Everything one article says about its main condition.

    ``source`` names the article (the input file's stem); it becomes part of every IRI
    minted for the article, so two articles need distinct sources.
    """

    source: str
    name: str
    synonyms: tuple[str, ...] = ()
    definition: str | None = None
    subtypes: tuple[str, ...] = ()
    ids: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = ()
    page: PageMetadata = field(default_factory=PageMetadata)
    origin: Origin = Origin.CURATED
    confidence: float | None = None

    def findings_for(self, relation: Relation) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.relation is relation)


@dataclass(frozen=True, slots=True)
class Section:
    """A stretch of an article's text; ``role`` is a :class:`Relation` value or another role
    (``definition``, ``overview``, ``references``, ...) when the section is known."""

    heading: str | None
    start: int
    end: int
    level: int = 2
    role: str | None = None


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph, heading or list item of an article, with offsets into ``Article.text``."""

    kind: str  # "heading", "paragraph" or "item"
    text: str
    start: int
    end: int
    level: int = 0


@dataclass(frozen=True, slots=True)
class Article:
    """A source document as a reader sees it: its text, blocks, sections and metadata.

    Offsets index ``text``; ``text`` is the source file's own text where the input is
    plain text or Markdown, and the page's visible text for HTML and XML inputs.
    """

    source: str
    path: str
    text: str
    blocks: tuple[Block, ...] = ()
    sections: tuple[Section, ...] = ()
    page: PageMetadata = field(default_factory=PageMetadata)
    title: str | None = None
    synonyms: tuple[str, ...] = ()
    ids: tuple[str, ...] = ()


class Severity(StrEnum):
    """SHACL severities, most severe first; only a Violation fails validation."""

    VIOLATION = "Violation"
    WARNING = "Warning"
    INFO = "Info"


@dataclass(frozen=True, slots=True)
class ValidationResult:
    """One SHACL result, with what a reader needs to find the problem in the article."""

    severity: Severity
    focus: str
    focus_name: str | None
    path: str | None
    message: str
    quote: str | None = None
    shape: str | None = None


@dataclass(frozen=True, slots=True)
class ValidationReport:
    results: tuple[ValidationResult, ...] = ()

    @property
    def conforms(self) -> bool:
        return not any(r.severity is Severity.VIOLATION for r in self.results)

    def count(self, severity: Severity) -> int:
        return sum(1 for r in self.results if r.severity is severity)
