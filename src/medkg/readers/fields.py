"""Page fields as a page states them, validated before they reach the graph.

A page's markup and byline are written by hand and often wrong: a ``javascript:`` or
relative URL, a list where one value belongs, "30 February". Each check returns the clean
value or None, and says on stderr (through the ``medkg`` logger) what it dropped and why:
a bad field never stops an article from being read.

>>> url("https://www.nhs.uk/conditions/gout/", "p.html", "url")
'https://www.nhs.uk/conditions/gout/'
>>> date("12 November 2025", "p.html", "date_reviewed"), date("Jan. 5th, 2026", "p.html", "x")
('2025-11-12', '2026-01-05')
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import fields as dc_fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from medkg.model import PageMetadata

LOG = logging.getLogger("medkg")

_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                       "nov", "dec"), 1)}
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|" \
         r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
#: a date as pages write it: ISO (with a time after it), "12 November 2025", "November 12, 2025", "Nov. 12 2025",
#: and day and month in figures ("7/19/2024") where only one order makes a date
DATE = (rf"(?:(?P<y>\d{{4}})-(?P<m>\d{{1,2}})-(?P<d>\d{{1,2}})(?![\d])|"
        rf"(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})/(?P<y4>\d{{4}})\b|"
        rf"(?P<d2>{_DAY})\s+(?P<m2>{_MONTH})\.?,?\s+(?P<y2>\d{{4}})\b|"
        rf"(?P<m3>{_MONTH})\.?\s+(?P<d3>{_DAY}),?\s+(?P<y3>\d{{4}})\b)")
_DATE = re.compile(rf"^\s*(?:[A-Za-z]+day,?\s+)?{DATE}", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_NOT_IRI = re.compile(r"[\s<>\"{}|\\^`]")


def warn(where: Path | str, field: str, value: Any, why: str) -> None:
    """Say on stderr which field of which file was dropped, and why."""
    shown = repr(value) if len(repr(value)) <= 80 else repr(value)[:77] + "..."
    LOG.warning("medkg: warning: %s: ignored the page's %s %s: %s", where, field, shown, why)


def url(value: Any, where: Path | str, field: str) -> str | None:
    """An absolute http(s) URL with a host and no spaces or control characters, else None (warned)."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        warn(where, field, value, "not one URL")
        return None
    text = value.strip()
    if not is_absolute_url(text):
        warn(where, field, value, "not an absolute http(s) URL")
        return None
    return text


def is_absolute_url(text: str) -> bool:
    """True for an http(s) URL with a host, a numeric port if any, and no character an IRI cannot hold."""
    if _CONTROL.search(text) or _NOT_IRI.search(text):
        return False
    try:
        parts = urlsplit(text)
        return parts.scheme in ("http", "https") and bool(parts.hostname) and (parts.port or 0) >= 0
    except ValueError:  # a port that is not a number, a bad IPv6 host
        return False


def date(value: Any, where: Path | str, field: str) -> str | None:
    """An ISO date (``2025-11-12``) from an ISO date or date-time, a written date, or a YAML date; else None."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        warn(where, field, value, "not a date")
        return None
    found = parse_date(value)
    if found is None:
        warn(where, field, value, "not a real date (or day and month could be read either way)")
    return found


def parse_date(text: str) -> str | None:
    """The real calendar date ``text`` opens with, as ISO, or None.

    >>> parse_date("2024-02-30"), parse_date("Monday, October 26th 2009"), parse_date("2019-01-03T10:00:00Z")
    (None, '2009-10-26', '2019-01-03')
    >>> parse_date("7/19/2024"), parse_date("19/7/2024"), parse_date("3/4/2025")
    ('2024-07-19', '2024-07-19', None)
    """
    match = _DATE.match(text)
    if not match:
        return None
    g = match.groupdict()
    if g["y4"]:  # figures only: read when one of the two cannot be a month, else ambiguous (3/4/2025)
        first, second = int(g["a"]), int(g["b"])
        if (first > 12) == (second > 12):
            return None
        g.update(y=g["y4"], m=str(second if first > 12 else first), d=str(first if first > 12 else second))
    year, month, day = (g["y"], g["m"], g["d"]) if g["y"] else (g["y2"], g["m2"], g["d2"]) if g["y2"] else (
        g["y3"], g["m3"], g["d3"])
    month = int(month) if month.isdigit() else _MONTHS[month[:3].lower()]
    try:
        return dt.date(int(year), month, int(re.sub(r"\D", "", day))).isoformat()
    except ValueError:
        return None


def text(value: Any, where: Path | str, field: str) -> str | None:
    """One line of text (a name, a title, a language), blanks squeezed; a number, list or object is not."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        warn(where, field, value, "not text")
        return None
    line = " ".join(_CONTROL.sub(" ", value).split())
    return line or None


def merge(*pages: PageMetadata) -> PageMetadata:
    """One page's metadata from several sources, most trusted first: each field from the first that has it."""
    out = {}
    for field in dc_fields(PageMetadata):
        out[field.name] = next((v for p in pages if (v := getattr(p, field.name))), getattr(pages[0], field.name))
    return PageMetadata(**out)
