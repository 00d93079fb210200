"""Turning a list item or an enumeration into finding names: glosses, examples, coordination.

A phrase such as ``"Fever or chills—may come on quickly"`` names two findings with one
qualifier; ``"Certain medicines such as antidepressants or antihistamines"`` names the
class and its examples; ``"Yellowish skin or whites of the eyes— jaundice"`` names the
gloss. Names keep the article's wording; qualifiers never go into names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: words that open a qualifier after a dash, a comma or at the end of a phrase, not a new name
_QUALIFIER_START = (
    r"may|might|can|could|will|usually|mainly|mostly|especially|particularly|often|sometimes|"
    r"typically|generally|appears?|present|occurs?|happens?|in|if|when|while|which|that|who|whose|where|"
    r"because|due|for|at|during|after|before|until|unless|although|depending|for example|such as|including|"
    r"like|as|called|known|seen|found|not|only|even|also|caused|resulting|leading"
)
_DASH = re.compile(r"\s*(?:—|–|--|\s-\s)\s*")
_RELATIVE = re.compile(r"(?:,\s*|\s+)(?=(?:that|which|who|whose|because|especially|particularly|so that|"
                       r"in order to|for no|as well as|depending on)\b)"
                       r"|,\s*(?=(?:usually|often|sometimes|mainly|mostly|typically|even)\b)", re.IGNORECASE)
_QUAL_TAIL = re.compile(r"(?:,\s*|\s+)(?=(?:where|when|unless|although|if|during|after|before|until)\b"
                        r"(?!\s+\w+ing\s*$))"
                        r"|\s+(?=(?:in order )?to (?:help |)(?:calm|reduce|relieve|control|treat|prevent|ease|lower|"
                        r"keep|stop|check|find|look|measure|see|remove|kill|improve|protect)\b)", re.IGNORECASE)
_CALLED = re.compile(r"^.*\b(?:called|named|known as)\s+(?=\S)", re.IGNORECASE)
_EXAMPLES = re.compile(r",?\s+(?:such as|including|(?<!looks )(?<!look )(?<!feels )(?<!seems )(?<!sounds )like|"
                       r"using|e\.g\.,?|for example,?)\s+", re.IGNORECASE)
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
_MARKUP = re.compile(r"\[([^\]]*)\]\([^)]*\)|[*_`]+")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’/-]*")


@dataclass(frozen=True, slots=True)
class Name:
    """A finding name taken from a phrase, with the qualifier the phrase gives it."""

    name: str
    qualifier: str | None = None


def names_in(phrase: str, *, examples: bool = True) -> list[Name]:
    """The finding names a list item or an enumeration gives, in order.

    >>> [n.name for n in names_in("Fever or chills—may come on quickly")]
    ['Fever', 'chills']
    >>> names_in("Poor nutrition—mainly low protein intake")
    [Name(name='Poor nutrition', qualifier='mainly low protein intake')]
    >>> [n.name for n in names_in("Yellowish skin or whites of the eyes— jaundice")]
    ['jaundice']
    >>> [n.name for n in names_in("Certain medicines such as antidepressants or antihistamines")]
    ['Certain medicines', 'antidepressants', 'antihistamines']
    >>> [n.name for n in names_in("Mild infections of skin, mouth, and nose")]
    ['Mild infections of skin, mouth, and nose']
    """
    phrase = _MARKUP.sub(lambda m: m.group(1) or "", phrase)
    phrase = first_sentence(phrase).strip(" .;:,")
    qualifier = None
    dash = _DASH.search(phrase)
    if dash:
        head, tail = phrase[: dash.start()].strip(), phrase[dash.end():].strip(" .")
        if _is_gloss(tail):
            phrase = tail
        else:
            phrase, qualifier = head, tail or None
    parts = _EXAMPLES.split(_PAREN.sub("", phrase)) if examples else [_PAREN.sub("", phrase)]
    out: list[Name] = []
    for part in parts:
        part, relative = _cut(_RELATIVE, part)
        for piece in split_coordination(part):
            piece, rest = _cut(_QUAL_TAIL, piece)
            called = _CALLED.search(piece)
            name = clean_name(piece[called.end():] if called else piece)
            if name:
                out.append(Name(name, _join(qualifier, relative, rest)))
    return out


def _cut(pattern: re.Pattern[str], phrase: str) -> tuple[str, str | None]:
    """``phrase`` split where ``pattern`` opens a qualifier: (the naming part, the qualifier)."""
    cut = pattern.search(phrase)
    if not cut or cut.start() == 0:
        return phrase, None
    rest = phrase[cut.end():].strip(" ,.")
    return phrase[: cut.start()], rest if len(rest.split()) > 1 else None


def _join(*qualifiers: str | None) -> str | None:
    return "; ".join(q for q in qualifiers if q) or None


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


def clean_name(phrase: str) -> str:
    """Strip leading articles and adverbs, brackets and end punctuation; '' if nothing is left.

    >>> clean_name("Sometimes, a urinary tract infection.")
    'urinary tract infection'
    """
    name = _PAREN.sub("", phrase)
    name = _LEAD.sub("", name.strip(" .,;:\"'“”()[]")).strip(" .,;:\"'“”()[]")
    name = _TRAIL.sub("", _LEAD.sub("", name)).strip(" ,")
    if not _WORD.search(name) or len(_WORD.findall(name)) > 12:
        return ""
    return name


def first_sentence(text: str) -> str:
    """The text up to its first full stop that ends a sentence (not one in ``e.g.`` or ``Dr.``)."""
    match = re.search(r"(?<!\b[A-Z])(?<!\be\.g)(?<!\bi\.e)(?<!\bDr)(?<!\bvs)\.(?=\s+[A-Z(\"“]|\s*$)", text)
    return text[: match.start()] if match else text


def _is_gloss(tail: str) -> bool:
    """A dash followed by a short term (``— jaundice``) renames; anything else qualifies."""
    words = _WORD.findall(tail)
    return (0 < len(words) <= 3 and not re.match(rf"(?:{_QUALIFIER_START})\b", tail, re.IGNORECASE)
            and not tail[:1].isupper())
