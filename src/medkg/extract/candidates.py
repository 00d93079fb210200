"""Candidate findings: every phrase of an article that could name a fact, with its context.

Nothing here decides whether a phrase *is* a finding: that is the classifier's job
(:mod:`.classifier`). Generation is deliberately generous and general:

- the article is cut into sentences (a list item is one sentence or several), and each sentence into
  *segments* at punctuation, dashes, brackets, runs of spaces (lists flattened by a scraper)
  and coordinating conjunctions, so an enumeration "A, B, and C" gives one segment per item;
- within a segment, spans start at its beginning or after a function word ("include",
  "with", "such as") and end at its end or before a clause opener ("that", "to", "when"):
  "Most people with X experience difficulty swallowing" offers "difficulty swallowing";
- every lexicon term inside a segment is a span too ("botulinum toxin" in "Injection with
  botulinum toxin").

Each candidate carries its context: the heading above it, the list lead-in it follows, its
sentence, and its place in a list. Offsets index ``Article.text``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from medkg.extract.phrases import clean_name, word_set
from medkg.model import Article, Block

#: where a sentence ends: a full stop, question or exclamation mark followed by space, or by closing
#: brackets or quotes and space ("(... on your keyboard.) A visual acuity test"); not in "e.g.", nor after
#: an initial ("Mary J. Smith"), nor a full stop a lower-case word follows: an abbreviation, "S. mansoni",
#: "Y. enterocolitica", "approx. two"
_SENTENCE = re.compile(r"(?:[^.!?]|[.!?](?![.!?]*[)\]\"'”’]*(?:\s|$))|\.(?=\s+[a-z])|(?<=\s[A-Z])\.(?=\s)"
                       r"|(?<=\be\.g)\.|(?<=\bi\.e)\.|(?<=\bDr)\.|(?<=\bvs)\.)+(?:[.!?]+[)\]\"'”’]*|$)")
#: what separates the items of an enumeration, or a phrase from its gloss (the look-ahead, every character a
#: separator can start with, changes no match: it lets the scan pass over a word's letters at half the cost)
_SEPARATOR = re.compile(r"(?=[\s,;:()\[\]•·*|—–.!?-])(?:"
                        r"(?:\s*(?:[,;:()\[\]•·*|]|\s[-–—]+\s|[—–]|\s-$|^-\s|\s{2,}|\n|[.!?]+$"
                        r"|\s\d+(?:\.\d+)?%(?=\s|$))\s*)+"
                        r"(?:(?:and/or|and|or|nor|but)\s+)?"
                        r"|\s+(?:and/or|and|or|nor|but|versus|vs\.?)\s+)", re.IGNORECASE)
_LETTERS = re.compile("[A-Za-z]{2}")
#: a web or mail address ("www.cdc.gov", "vision.example.com/eyes", "info@example.org"): a page's credit line or
#: link text, never the name of a finding
_ADDRESS = re.compile(r"https?:|www\.|\w@\w|\w\.(?:com|org|net|gov|edu|int|info|io|co|us|uk|eu|ca|au|nz|ie)"
                      r"(?![\w-])", re.IGNORECASE)
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’/.+-]*[A-Za-z0-9+]|[A-Za-z0-9]")
#: English function words after which a naming phrase may start (grammar, not any article's wording)
START_AFTER = word_set("""
a an the of in on at to for by with from as about into onto through via than like such per
is are was were be been being am has have had having do does did get gets got getting
may might can could will would should must shall also often usually sometimes generally typically
include includes included including involve involves involving contain contains consist consists
experience experiences experiencing develop develops developing cause causes caused causing
called named known termed use uses used using take takes taking need needs needed
show shows showed include either both any some many most several certain other another
which that who whom whose when where while if because since after before during until
this these those it its their his her your our my they we you he she i me them us
not no never without
""")
#: words that open a clause or a qualifier after a name; a span may end before them
END_BEFORE = word_set("""
that which who whom whose when where while if because since although though unless until
to in on at for by with from during after before as than like such is are was were be been
may might can could will would should must does do did has have had
""")
#: words a name never ends on (articles, prepositions, conjunctions, determiners): a span ending on one
#: is cut short of its noun ("family history of certain", "numbness in the", "chemotherapy with")
DANGLING = word_set("""
a an the of in on at to for by with from as into about than and or nor but
certain some any such these those this that its their his her your our my other another each every
""")
_MAX_WORDS = 8
#: no sentence of prose or list is this long: a longer run is a page fragment or a hostile input,
#: and reading it would cost time quadratic in its length
MAX_SENTENCE = 3000
_MAX_LEXICON_WORDS = 5
#: whether a phrase is a lexicon term (the generator takes it as a function, so it needs no lexicon itself)
TermTest = Callable[[str], bool]


@dataclass(slots=True)  # not frozen, though never changed: a frozen __init__ costs ~4x (see Candidate)
class Context:
    """Where a sentence stands in the article: its heading, block kind, list lead-in and position."""

    heading: str | None  # the nearest heading above
    kind: str  # "paragraph" or "item"
    lead: str | None  # the sentence that leads into a list, for list items
    position: int  # the item's place in its list (0 first), or the sentence's place in its paragraph
    question: str | None  # an FAQ question that opened the paragraph ("What causes X?")
    paragraph: str  # the whole block's text
    outer: tuple[str, ...] = ()  # the headings that enclose ``heading``, nearest first ("Symptoms" above "Behavior")
    #: the paragraphs and lists read since ``heading`` (1 for its first): a scraped page keeps a few of its headings,
    #: each then standing over many sections it does not name, so a heading far above says less
    since_heading: int = 1
    previous: str | None = None  # the text of the paragraph before the block (a list's lead-in, for its items)


@dataclass(slots=True)  # not frozen, though never changed: a frozen __init__ costs ~4x (see Candidate)
class Sentence:
    """A sentence (or list item) with its offsets in ``Article.text`` and its context."""

    text: str
    start: int
    context: Context


@dataclass(slots=True)
class Candidate:
    """A phrase that may name a finding: ``name`` is cleaned, ``start``/``end`` index the article.

    ``seg_start``/``seg_end`` bound the segment it lies in (offsets in the sentence), so the
    decoder knows which candidates compete for the same words.

    Not frozen, though never changed once made: an article has ~360 candidates, and a frozen
    dataclass's ``__init__`` sets each field through ``object.__setattr__`` (1.0 µs a candidate, not
    0.25 µs; a named tuple is as quick to make but slower to read, ~5% of extraction).
    """

    name: str
    start: int
    end: int
    sentence: Sentence
    segment: int  # the segment's index in the sentence
    seg_start: int
    seg_end: int
    lexical: bool  # found as a lexicon term
    whole: bool  # the span is its whole segment


def sentences(article: Article) -> Iterator[Sentence]:
    """The article's sentences with their context, in reading order; headings set the context.

    A heading encloses the headings of deeper levels after it, up to the next one of its level
    or higher, so a sentence under "Behavior" below "Symptoms" knows both.
    """
    heading: str | None = None
    outer: tuple[str, ...] = ()
    open_: list[tuple[int, str]] = []  # the headings in force, outermost first, with their levels
    lead: str | None = None
    position = 0
    since = 0  # paragraphs and lists since the heading
    previous: str | None = None  # the last paragraph's text
    for block in article.blocks:
        if block.kind == "heading":
            while open_ and open_[-1][0] >= block.level:
                open_.pop()
            outer = tuple(text for _, text in reversed(open_))
            open_.append((block.level, block.text))
            heading, lead, position, since = block.text, None, 0, 0
            continue
        if block.kind == "item" or (lead is not None and _short_line(block)):
            if position == 0:
                since += 1  # a list counts once
            # an item of several sentences ("X. Y is also common.") is read sentence by sentence, so no span runs
            # from one into the next: the first is the item, the others what the item goes on to say (prose)
            for i, (at, text) in enumerate(split_sentences(block.text)):
                context = Context(heading, "item", lead, position, None, block.text, outer, since, previous) if i == 0 \
                    else Context(heading, "paragraph", None, i, None, block.text, outer, since, previous)
                yield Sentence(text, block.start + at, context)
            position += 1
            continue
        since += 1
        parts = list(split_sentences(block.text))
        question = None
        for i, (at, text) in enumerate(parts):
            if i == 0 and text.endswith("?") and len(parts) > 1:
                question = text
                continue
            yield Sentence(text, block.start + at,
                           Context(heading, "paragraph", None, i, question, block.text, outer, since, previous))
        last = parts[-1][1] if parts else ""
        lead, position = (last if last.endswith(":") or not last.endswith((".", "!", "?")) else None), 0
        previous = block.text


def _short_line(block: Block) -> bool:
    """A paragraph that reads like a list entry (one short line without a full stop), after a lead-in."""
    return len(block.text.split()) <= 15 and block.text.rstrip()[-1:] not in ".!?:"


def split_sentences(text: str) -> Iterator[tuple[int, str]]:
    """The sentences of ``text``, each with its offset, stripped of the spaces around it."""
    for m in _SENTENCE.finditer(text):
        raw = m.group()
        text = raw.strip()
        if text:
            yield m.start() + raw.index(text), text


@lru_cache(maxsize=4096)  # a sentence is cut twice: for its candidates, then for the features they share
def segments(text: str) -> tuple[tuple[int, int], ...]:
    """The (start, end) offsets of the segments of a sentence, cut at separators.

    >>> t = "Symptoms include fever, chills, and sore throat (pharyngitis)."
    >>> [t[a:b] for a, b in segments(t)]
    ['Symptoms include fever', 'chills', 'sore throat', 'pharyngitis']
    """
    out, at = [], 0
    for m in _SEPARATOR.finditer(text):
        if m.start() > at:
            out.append((at, m.start()))
        at = m.end()
    if at < len(text):
        out.append((at, len(text)))
    return tuple(out)


def candidates(article: Article, is_term: TermTest) -> Iterator[Candidate]:
    """Every candidate phrase of the article (see the module's docstring)."""
    for sentence in sentences(article):
        yield from sentence_candidates(sentence, is_term)


def sentence_candidates(sentence: Sentence, is_term: TermTest) -> Iterator[Candidate]:
    """The candidates of one sentence: spans of each segment, and the lexicon terms in it."""
    text = sentence.text
    if len(text) > MAX_SENTENCE:
        return
    at = sentence.start
    for index, (a, b) in enumerate(segments(text)):
        for name, start, end, lexical, whole in _spans(text[a:b], is_term):
            yield Candidate(name, at + a + start, at + a + end, sentence, index, a, b, lexical, whole)


@lru_cache(maxsize=1 << 15)  # ~45% of a corpus's segments repeat (list entries, a site's boilerplate)
def _spans(segment: str, is_term: TermTest) -> tuple[tuple[str, int, int, bool, bool], ...]:
    """The candidate spans of one segment, which depend on its text alone: (cleaned name, start, end,
    found as a lexicon term, the whole segment), offsets in the segment, in the order they are made."""
    lows, starts, ends = [], [], []
    for m in _TOKEN.finditer(segment):
        lows.append(m.group().lower().rstrip("."))
        starts.append(m.start())
        ends.append(m.end())
    n = len(lows)
    if not n:
        return ()
    out: list[tuple[str, int, int, bool, bool]] = []
    seen: set[tuple[int, int]] = set()
    for i in [0] + [k for k in range(1, n) if lows[k - 1] in START_AFTER]:
        if lows[i] in START_AFTER:
            continue
        stop = next((k for k in range(i + 1, n) if lows[k] in END_BEFORE), None)
        for j in sorted({_trim(lows, i, n), _trim(lows, i, stop or n)}):
            if j - i <= _MAX_WORDS and (i, j) not in seen:
                seen.add((i, j))
                _add(out, segment, starts[i], ends[j - 1], False, i == 0 and j == n)
    for i in range(n):
        if lows[i] in START_AFTER:
            continue
        start = starts[i]
        for j in range(min(n, i + _MAX_LEXICON_WORDS), i, -1):  # the longest term from here
            if lows[j - 1] not in END_BEFORE and lows[j - 1] not in DANGLING and is_term(segment[start:ends[j - 1]]):
                if (i, j) not in seen and ends[j - 1] - start > 2:
                    _add(out, segment, start, ends[j - 1], True, i == 0 and j == n)
                break
    return tuple(out)


def _trim(lows: list[str], i: int, j: int) -> int:
    """The end of the span ``lows[i:j]`` less the function words it ends on (never less than one word)."""
    while j - i > 1 and (lows[j - 1] in DANGLING or lows[j - 1] in END_BEFORE):
        j -= 1
    return j


def _add(out: list[tuple[str, int, int, bool, bool]], segment: str, start: int, end: int, lexical: bool,
         whole: bool) -> None:
    name = clean_name(segment[start:end])
    if name and _LETTERS.search(name) and not _ADDRESS.search(name):
        out.append((name, start, end, lexical, whole))
