"""Names from phrases: leading articles and adverbs cut off (:func:`clean_name`), coordinations
split where the words after the first item do not belong to it (:func:`split_coordination`).
"""

from __future__ import annotations

import re
from functools import lru_cache

_PAREN = re.compile(r"\s*\([^()]*\)")
_PREPOSITION = re.compile(r"\b(?:of|in|on|to|with|from|for|about|into|at|by|below|above|between|under)\b", re.I)
_KEEP_TOGETHER = re.compile(r"\b(?:with or without|and/or|more or less|either|both|between)\b", re.IGNORECASE)
_LEAD = re.compile(
    r"^(?:(?:sometimes|often|also|rarely|occasionally|usually|however|in addition|additionally|in some cases|"
    r"in rare cases|rarely|other|in addition to|still|similarly|then|(?:less|more|most) (?:often|commonly|"
    r"frequently|rarely)|by)\b,?\s*)+|"
    r"^(?:in|for|with|among|during|after|before|once|when|if|although|though|since)\b[^,]{0,40},\s*|"
    r"^(?:a|an|the|any|having|has|have|experiencing|experience|see|seeing|feel|develop|get|notice|"
    r"need|needs|require|requires|extra|examples? of|types? of|forms? of|kinds? of|such|from|use|using|apply|"
    r"applying|take|taking|try|trying|are|do)\s+|"
    r"^(?:in|among|for)\s+(?=(?:people|persons|those|women|men|children|adults|patients|babies|infants)\b)",
    re.IGNORECASE,
)
_COORD = re.compile(r"(\s*(?:;|(?<!\d),(?!\d))\s*(?:(?:and|or|and/or)\s+)?|\s+(?:and|or|nor|plus)\s+)")
_PARTICIPLE = re.compile(r"\w+ (?:\w+ed|taken|given|made|done|seen|found|known)\b", re.IGNORECASE)
_DETERMINER = re.compile(r"(?:a|an|the|some|any|other|their|his|her|your)\b", re.IGNORECASE)
_TRAIL = re.compile(r"(?:\s+(?:often|also|usually|sometimes|generally|typically|commonly|frequently|then|"
                    r"such as|including|like|etc\.?))+\s*$", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’/-]*")


def split_coordination(phrase: str) -> list[str]:
    """Split ``"A, B, and C"`` and ``"A or B"`` unless the words after the first item belong to it.

    >>> split_coordination("headaches, nausea, and vomiting")
    ['headaches', 'nausea', 'vomiting']
    >>> split_coordination("low levels of vitamin B-12 or folate")
    ['low levels of vitamin B-12 or folate']
    >>> split_coordination("chemotherapy with or without phlebotomy")
    ['chemotherapy with or without phlebotomy']
    >>> split_coordination("double vision or dark or blind spots")
    ['double vision', 'dark or blind spots']
    """
    if ";" in phrase:  # semicolons separate items that may hold commas themselves
        parts = [re.sub(r"^\s*(?:and|or)\s+", "", p) for p in phrase.split(";") if p.strip()]
        return [q for p in parts for q in split_coordination(p)]
    if _KEEP_TOGETHER.search(phrase):
        return [phrase]
    pieces = _COORD.split(phrase)  # item, separator, item, ...
    parts, seps = [p.strip() for p in pieces[::2]], pieces[1::2]
    if len([p for p in parts if p]) < 2:
        return [phrase.strip()]
    if not any(re.search(r"\b(?:and|or|nor|plus)\b", sep) for sep in seps) \
            and all(len(_WORD.findall(p)) == 1 for p in parts[:-1]):
        return [phrase.strip()]  # "sudden, severe joint pain": commas without a conjunction stack adjectives
    first, rest = parts[0], [p for p in parts[1:] if p]
    if _PREPOSITION.search(first) and all(len(_WORD.findall(p)) <= 1 for p in rest):
        return [phrase.strip()]  # "infections of skin, mouth, and nose": one finding
    out: list[str] = []
    for i, part in enumerate(parts):
        joined = i > 0 and not any("," in sep for sep in seps) and len(_WORD.findall(parts[i - 1])) == 1 and out \
            and not parts[i - 1].lower().endswith("ing") \
            and out[-1] == parts[i - 1] and len(_WORD.findall(part)) > 1 and not _DETERMINER.match(part) \
            and not _PREPOSITION.match(part) and not _PARTICIPLE.match(part)
        if joined:  # "dark or blind spots", "bone and joint pain": the adjective shares the noun
            out[-1] = f"{out[-1]}{seps[i - 1]}{part}"
        elif part:
            out.append(part)
    return out


@lru_cache(maxsize=1 << 16)  # candidates' phrases recur: three quarters of the calls of a corpus build repeat one
def clean_name(phrase: str) -> str:
    """Strip leading articles and adverbs, brackets and end punctuation; '' if nothing is left.

    >>> clean_name("Sometimes, a urinary tract infection.")
    'urinary tract infection'
    """
    name = _PAREN.sub("", phrase) if "(" in phrase else phrase  # (most phrases hold no bracket)
    name = _LEAD.sub("", name.strip(" .,;:\"'“”()[]")).strip(" .,;:\"'“”()[]")
    name = _TRAIL.sub("", _LEAD.sub("", name)).strip(" ,")
    words = _WORD.findall(name)
    if not words or len(words) > 12:
        return ""
    return name


def word_set(text: str) -> frozenset[str]:
    """The words of a whitespace-separated word list (how the extraction modules write theirs)."""
    return frozenset(text.split())
