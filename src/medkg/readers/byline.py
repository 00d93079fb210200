"""The byline and review lines a page shows: who wrote it, who reviewed it, and when.

Read from the lines readers see, chrome included (review dates often sit in a page's
footer): "Written by Ann Lee", "By: Jeff Wilson", "Medically reviewed by Jane Roe, MD, on
January 5, 2026", "Reviewed by: Tha T. U, M.D.; Stanley J. Swierzewski, III, M.D.", "Page
last reviewed: 12 November 2025", "This page last modified: 03 Sep 2008", "Original Date of
Publication: 02 Jan 2000". Names keep their credentials and never swallow the date after them;
dates are real calendar dates (:func:`medkg.readers.fields.parse_date`) or nothing.

>>> page = byline(["Medically reviewed by Jane Roe, MD, on January 5, 2026 — Written by Ann Lee"], "p.html")
>>> [p.name for p in page.reviewers], page.date_reviewed, [p.name for p in page.authors]
(['Jane Roe, MD'], '2026-01-05', ['Ann Lee'])
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from medkg.model import PageMetadata, Person
from medkg.readers import fields

_PARTICLE = r"(?:de|del|della|der|den|van|von|da|di|du|la|le|bin|al|el|st\.)"
_WORD = r"(?:[A-Z][a-zà-öø-ÿ'’-]+|[A-Z][a-z]{0,2}[A-Z][a-zà-öø-ÿ'’-]+|[A-Z]\.|[A-Z](?=[\s,;]))"
#: a credential after a comma: MD, M.D., PhD, RN, FNP-BC, III, Jr.
_CRED = r"(?:[A-Z][A-Za-z]?\.?){1,5}(?:-[A-Z]{1,4})?(?![a-z])"
_PERSON = re.compile(rf"{_WORD}(?:\s+(?:{_PARTICLE}\s+){{0,2}}{_WORD}){{1,4}}(?:,\s*{_CRED})*")
_AND = re.compile(r"\s*(?:;|,?\s+and\b|&)\s*")
_WRITTEN_BY = re.compile(r"\b(?:written|authored|compiled)\s+by:?\s+|^\s*(?:by|authors?|written by):?\s+",
                         re.IGNORECASE)
_REVIEWED_BY = re.compile(r"\breviewed\s+by:?\s+", re.IGNORECASE)
_REVIEWED_ON = re.compile(r"\b(?:last\s+)?reviewed(?:\s+on)?:?\s*|\breview\s+date:?\s*", re.IGNORECASE)
_UPDATED_ON = re.compile(r"\b(?:last\s+)?(?:updated|modified|revised|edited)(?:\s+on)?:?\s*", re.IGNORECASE)
_PUBLISHED_ON = re.compile(r"\b(?:date\s+of\s+)?(?:published|publication)(?:\s+date)?(?:\s+on)?:?\s*",
                           re.IGNORECASE)
_BEFORE_DATE = re.compile(r"[\s,;:|—–-]*(?:on\s+)?", re.IGNORECASE)


def byline(lines: Iterable[str], where: Path | str) -> PageMetadata:
    """Authors, reviewers and the review, update and publication dates the lines state; the first wins."""
    authors: tuple[Person, ...] = ()
    reviewers: tuple[Person, ...] = ()
    dates: dict[str, str | None] = {"reviewed": None, "updated": None, "published": None}
    for line in lines:
        line = " ".join(line.split())
        for label in _REVIEWED_BY.finditer(line):
            found, end = people(line, label.end())
            if found and not reviewers:
                reviewers = found
                dates["reviewed"] = dates["reviewed"] or _date_at(line, end, where, "review date")
        for label in _WRITTEN_BY.finditer(line):
            found, _ = people(line, label.end())
            authors = authors or found
        for key, pattern in (("reviewed", _REVIEWED_ON), ("updated", _UPDATED_ON), ("published", _PUBLISHED_ON)):
            for label in pattern.finditer(line):
                dates[key] = dates[key] or _date_at(line, label.end(), where, f"{key} date")
    return PageMetadata(authors=authors, reviewers=reviewers, date_reviewed=dates["reviewed"],
                        date_updated=dates["updated"], date_published=dates["published"])


def people(text: str, at: int = 0) -> tuple[tuple[Person, ...], int]:
    """The people named from ``at`` on ("A, MD; B and C"), and where their names end.

    >>> [p.name for p in people("Tha T. U, M.D.; Stanley J. Swierzewski, III, M.D.")[0]]
    ['Tha T. U, M.D.', 'Stanley J. Swierzewski, III, M.D.']
    """
    found: list[Person] = []
    end = at
    while match := _PERSON.match(text, at):
        found.append(Person(_trim(match.group())))
        end = match.end()
        sep = _AND.match(text, end)
        if not sep or not _PERSON.match(text, sep.end()):
            break
        at = sep.end()
    return tuple(found), end


def _trim(name: str) -> str:
    """A name without the full stop that ends its sentence ("Smith, MD." -> "Smith, MD"; "M.D." stays)."""
    last = name.rsplit(",", 1)[-1].strip()
    return name[:-1] if name.endswith(".") and last.count(".") == 1 and last[:-1].isupper() else name


def _date_at(line: str, at: int, where: Path | str, field: str) -> str | None:
    """The date that follows a label at ``at``; a date-like value that is no real date is dropped with a warning."""
    rest = line[_BEFORE_DATE.match(line, at).end():]
    found = fields.parse_date(rest)
    if found is None and re.match(rf"(?:[A-Za-z]+day,?\s+)?{fields.DATE}", rest, re.IGNORECASE):
        fields.warn(where, field, rest[:40], "not a real date (or day and month could be read either way)")
    return found
