"""Helpers every article reader shares: decoding files, spotting page chrome, keeping offsets.

Readers hand the extractor :class:`~medkg.model.Block` objects whose ``text`` is always
``article.text[start:end]``; the :class:`TextAssembler` keeps that promise for readers that
build the visible text themselves (HTML, XML).
"""

from __future__ import annotations

import re
from pathlib import Path

from medkg.errors import ReadError
from medkg.model import Block, Section

#: bytes that open a UTF-16/32 file; checked before the NUL-byte test, since those encodings hold NULs
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)

_CHROME = re.compile(
    r"""^(?:loading(?:\ icon)?|skip\ (?:to\ )?(?:(?:main\ )?content|navigation)|print(?:\ this\ page)?
    |share(?:\ this(?:\ page|\ article)?)?(?:(?:\ on|\ via)\ .*|:.*)?
    |press\ enter\ or\ spacebar.*|menu|search|home|close|back\ to\ top
    |sign\ (?:in|up)\b.*|subscribe.*|.*\bnewsletter\b.*
    |(?:this\ site|we)\ uses?\ cookies.*|accept(?:\ all)?(?:\ cookies)?|publication\ type:?|last\ updated:?
    |page\ last\ (?:reviewed|updated)\b.*|(?:facebook|twitter|email|linkedin|pinterest)(?:\ \w+){0,4}
    |health\ information\ center|(?:copyright|©).*|all\ rights\ reserved.*|advertisement
    |this\ (?:content|information)\ is\ (?:reviewed|not|neither).*|.*substitute\ for\ professional\ medical\ advice.*
    |more\ on:.*|click\ (?:here|on\ the\ link).*|back\ to\ top|top\ of\ page|listen|read\ aloud|translate
    |(?:en\ )?español|font\ size|(?:was\ this|did\ you\ find\ this)(?:\ page|\ article|\ information)?
    \ (?:helpful|useful).*|rate\ this\ (?:page|article).*|.*\b\d+\ min(?:ute)?\ read\b.*
    |related\ (?:topics|links|pages|articles)\b.*
    |(?:conditions|diseases|health\ topics|topics)\ a-z|a-z\ index|home\ (?:>|›|»|/)\ .*
    |(?:last\ )?(?:updated|reviewed|published|modified)(?:\ on)?:?\ [\w ,.]*\d{4})$""",
    re.IGNORECASE | re.VERBOSE,
)
#: what opens a list entry typed as text: a bullet, a dash or a number ("• Fever", "- Rest", "2) Ice")
BULLET = re.compile(r"[ \t]*(?:[•·▪◦●○■□‣⁃*–-]|\d{1,2}[.)])[ \t]+")
#: how a list's lead-in ends: a colon, or the verb or phrase that opens an enumeration ("Tests include")
LEAD_IN = re.compile(r"(?::|\binclud(?:e|es|ing)|\bsuch as|\bthe following)\s*$", re.IGNORECASE)
#: a line after a lead-in with at most this many words, not in title case, is a list entry
MAX_ENTRY_WORDS = 15
#: words a title keeps in lower case ("Signs and Symptoms of Gout")
_MINOR_WORDS = frozenset(["a", "an", "the", "of", "in", "on", "at", "to", "for", "by", "with", "from", "and", "or",
                          "but", "nor", "as", "vs", "via", "per", "into", "about"])
_MEDIA = re.compile(r"(?:https?://\S+|\b[\w-]+)\.(?:jpe?g|png|gif|svg|webp)\b|\\\\\w+\\|\bNULL\b|getimage\.aspx",
                    re.IGNORECASE)


def is_entry(line: str) -> bool:
    """Whether a short line after a list's lead-in is one of its entries, not the next section's heading: an
    entry is written as a phrase ("Loss of appetite", "Fever"), a heading in title case ("Organ-Specific Signs
    and Symptoms", "CAUSES OF ECZEMA") or as a question.

    >>> is_entry("Loss of appetite"), is_entry("Fever"), is_entry("Signs and Symptoms"), is_entry("Is it rare?")
    (True, True, False, False)
    """
    words = re.findall(r"[A-Za-z][\w'’-]*", line)
    major = [w for w in words[1:] if w.lower() not in _MINOR_WORDS]
    title_case = bool(major) and all(w[0].isupper() for w in major)
    return (0 < len(line.split()) <= MAX_ENTRY_WORDS and not title_case and not line.rstrip().endswith("?")
            and not LEAD_IN.search(line))  # a lead-in of its own ("Complications of X include") opens a list


def read_source(path: Path) -> str:
    """The file's text, decoded; raises ReadError for empty, binary or undecodable files.

    UTF-8 (with or without BOM) and UTF-16/32 with a BOM are read as such; other bytes are
    tried as Windows-1252, the usual encoding of pages that are not UTF-8.
    """
    return decode(read_bytes(path), path)


#: a scraper that joins inline elements without a space runs words together ("HydrocortisoneTriamcinolone",
#: "eczema.Watch"); a capital after three lower-case letters, or after a full stop or colon right behind a word
_GLUE = re.compile(r"(?<=[a-z]{3})(?=[A-Z][a-z]{2})|(?<=[a-z]{2}[.!?:])(?=[A-Z][a-z]{2})")
#: a text is repaired when it is glued at this many different places at least, and once per this many words:
#: an article as written has a few brand names ("MedlinePlus", "RotaTeq"), a glued scrape dozens
_GLUE_MIN, _GLUE_WORDS = 6, 300


def unglue(text: str) -> str:
    """``text`` with a space wherever a scraper ran two words together, if it shows that damage throughout.

    >>> unglue("Examples include:Diphenhydramine. AspirinIbuprofenNaproxenParacetamolCodeineMorphine")
    'Examples include: Diphenhydramine. Aspirin Ibuprofen Naproxen Paracetamol Codeine Morphine'
    >>> unglue("See MedlinePlus and RotaTeq.")
    'See MedlinePlus and RotaTeq.'
    """
    glued = {text[m.start() - 3:m.start() + 3] for m in _GLUE.finditer(text)}
    if len(glued) < max(_GLUE_MIN, len(text.split()) / _GLUE_WORDS):
        return text
    return _GLUE.sub(" ", text)


#: the button a promotion ends with, as a scrape keeps it: a short Title Case label that ends in Now or Here
#: or starts with a shop's verb ("Shop Now", "Read Here", "Book An Appointment", "Upload Prescription Here")
_CALL_TO_ACTION = re.compile(r"(?:[A-Z0-9][\w'’-]*\s+){0,4}(?:Now|Here)|"
                             r"(?:Shop|Buy|Order|Book|Browse|Explore|Upload)(?:\s+[A-Z0-9][\w'’-]*){0,4}")
_LAST_SENTENCE = re.compile(r"(?:^|(?<=[.!?])\s+)([^.!?]+)$")


def promotions(lines: list[str]) -> set[int]:
    """Which of a run of lines (a paragraph as scraped) are a promotion: a line that ends with a call to action,
    or a call to action alone and the pitch on the line before it.

    >>> sorted(promotions(["Coconut oil soothes dry skin.", "Find good quality coconut oil", "Here", "HOME CARE"]))
    [1, 2]
    >>> promotions(["Listen to our experts. Watch This Video Now"]), promotions(["Rest and drink fluids now"])
    ({0}, set())
    """
    out: set[int] = set()
    for i, line in enumerate(lines):
        tail = _LAST_SENTENCE.search(line.strip())
        if tail and _CALL_TO_ACTION.fullmatch(tail.group(1).strip()):
            out.add(i)
            if tail.group(1).strip() == line.strip() and i > 0:
                out.add(i - 1)
    return out


#: no consumer-health page comes near this (MedQuAD's largest is 60 KB); bigger inputs are refused
MAX_FILE_BYTES = 20_000_000


def read_bytes(path: Path) -> bytes:
    """The file's bytes; raises ReadError if it cannot be read, is too large, empty or looks binary."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ReadError(f"{path}: {size:,} bytes is too large for an article (limit {MAX_FILE_BYTES:,})")
        data = path.read_bytes()
    except OSError as err:
        raise ReadError(f"{path}: cannot read the file ({err.strerror})") from err
    if not data.strip():
        raise ReadError(f"{path}: the file is empty")
    nul = data.find(b"\x00")
    if nul >= 0 and not data.startswith(tuple(bom for bom, _ in _BOMS)):
        raise ReadError(f"{path}: holds a NUL byte at byte {nul}; it looks binary, not text")
    return data


def decode(data: bytes, where: Path | str) -> str:
    """Decode ``data`` read from ``where`` (named in errors) as :func:`read_source` does."""
    if not data.strip():
        raise ReadError(f"{where}: the file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding).lstrip("\ufeff")
            except UnicodeDecodeError as err:
                raise ReadError(f"{where}: not valid {encoding.upper()} text at byte {err.start}") from err
    nul = data.find(b"\x00")
    if nul >= 0:
        raise ReadError(f"{where}: holds a NUL byte at byte {nul}; it looks binary, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as err:
        raise ReadError(f"{where}: neither UTF-8 nor Windows-1252 text (byte {err.start})") from err


#: page furniture is short; longer text is never tested (the patterns would cost time on huge lines)
_CHROME_CHARS = 600


def is_chrome(text: str) -> bool:
    """True for page furniture (menus, share links, cookie notes, image metadata, disclaimers)."""
    if len(text) > _CHROME_CHARS:
        return False
    line = " ".join(text.split()).strip(" •|>-")
    return not line or bool(_CHROME.match(line)) or bool(_MEDIA.search(line)) or _menu_bar(line)


def _menu_bar(line: str) -> bool:
    """A row of short links between bars ("Print | Email | Save"), as share and menu bars are scraped."""
    parts = [p.strip() for p in line.split("|")]
    return len(parts) >= 3 and all(0 < len(p.split()) <= 3 for p in parts)


#: what an error page says in its title or first heading ("404", "Page not found", "Access denied")
_ERROR_PAGE = re.compile(r"^\W*[45]0\d\W*$|\berror:? [45]0\d\b|\b[45]0\d (?:error|not found|forbidden|gone)\b|"
                         r"\bpage (?:was |is )?not found|\b(?:could ?n[o']t|cannot|can't) (?:be )?(?:found|find)\b|"
                         r"\bno longer (?:exists?|available)\b|\baccess (?:is )?denied|\bforbidden\b|"
                         r"\bserver error|\bservice unavailable|\berror page\b", re.IGNORECASE)
#: an article has at least one sentence this long, and this many words outside its headings
_SENTENCE_WORDS = _ARTICLE_WORDS = 5


def refuse_empty(blocks: list[Block] | tuple[Block, ...], where: Path | str, title: str | None = None) -> None:
    """Raise ReadError unless the blocks hold an article: some sentences, not only links or an error notice.

    A navigation page (short links), a page of one word or an error page ("404", "Page not found")
    has no condition to read; building one named after the file would be a made-up fact.
    """
    body = [b for b in blocks if b.kind != "heading"]
    words = sum(len(b.text.split()) for b in body)
    if words < _ARTICLE_WORDS:
        raise ReadError(f"{where}: holds no article (only {words} word(s) of text outside headings and menus)")
    if max(len(b.text.split()) for b in body) < _SENTENCE_WORDS:
        raise ReadError(f"{where}: holds no article (only lines of fewer than {_SENTENCE_WORDS} words, "
                        f"as in a menu or a list of links)")
    heads = [title or "", *(b.text for b in blocks[:3] if b.kind == "heading")]
    notice = next((h for h in heads if _ERROR_PAGE.search(h) and len(h.split()) <= 12), None)
    if notice and words < 150:
        raise ReadError(f"{where}: holds no article: it reads as an error page ({notice!r})")


def sections_from_blocks(blocks: list[Block], length: int, role_of=None) -> tuple[Section, ...]:
    """One section per heading block, running to the next heading of the same or a higher level.

    ``role_of(heading_block)`` may give a section its role (MedQuAD's question types do).
    """
    heads = [b for b in blocks if b.kind == "heading"]
    out = []
    for i, head in enumerate(heads):
        end = next((h.start for h in heads[i + 1:] if h.level <= head.level), length)
        out.append(Section(heading=head.text, start=head.start, end=end, level=head.level,
                           role=role_of(head) if role_of else None))
    return tuple(out)


class TextAssembler:
    """Builds an article's visible text block by block, recording each block's offsets.

    >>> t = TextAssembler()
    >>> b = t.add("heading", "  Causes ", level=2)
    >>> t.text[b.start:b.end] == b.text == "Causes"
    True
    """

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self.blocks: list[Block] = []

    @property
    def text(self) -> str:
        return "".join(self._parts)

    def add(self, kind: str, text: str, level: int = 0) -> Block | None:
        """Append ``text`` as a new block, its line breaks made spaces; blank text adds nothing.

        Runs of spaces are kept: flattened lists often separate their items with them.
        """
        text = re.sub(r"\s*[\r\n\f\v]\s*|\t", " ", text).strip()
        if not text:
            return None
        if self._parts:
            self._append("\n\n")
        block = Block(kind=kind, text=text, start=self._length, end=self._length + len(text), level=level)
        self._append(text)
        self.blocks.append(block)
        return block

    def _append(self, piece: str) -> None:
        self._parts.append(piece)
        self._length += len(piece)
