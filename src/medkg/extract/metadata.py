"""What an article says about its condition and itself: name, synonyms, definition, byline, references.

The name comes from the title (without a site suffix or a category prefix such as
"Parasites - "), else from the definition sentence ("Neutropenia is a low level of ...").
Synonyms come from a parenthesised list "(A; B; C)", "also called A or B", an
abbreviation after the name, and the reader (MedQuAD's annotations). References are parsed
into authors, title, journal, year and URL where their form allows.
"""

from __future__ import annotations

import re
from dataclasses import replace

from medkg.extract.phrases import split_coordination
from medkg.model import Article, Block, Citation, PageMetadata, Person

_SITE_SEP = re.compile(r"\s*\|\s*|\s*:\s*MedlinePlus.*$")
_TITLE_SEP = re.compile(r"\s+(?:[–—-]|--)\s+|[:?]\s+")
#: a title part that asks what the condition is names it ("What is Type 1 Diabetes?")
_TITLE_QUESTION = re.compile(r"^what (?:is|are)(?: an?| the)?\s+(?P<name>.+?)\??$", re.IGNORECASE)
#: words a title puts before or after the condition's name to say what the page does with it
_TITLE_LEAD = re.compile(r"^(?:(?:helping you |how to )?understand(?:ing)?|about|all about|facts about|living with|"
                         r"(?:everything |what )?you (?:need|should|want) to know about|"
                         r"coping with|managing|treating|(?:a |an |the )?(?:guide|introduction) to|"
                         r"(?:a |an |the )?(?:overview|basics) of|"
                         r"(?:the )?(?:most )?(?:common |early |main )?(?:signs|symptoms|causes|risk factors|"
                         r"complications|treatments?)(?: and (?:signs|symptoms|causes|risk factors|treatments?))? of)"
                         r"\s+(?:the\s+)?", re.IGNORECASE)
_TITLE_TAIL = re.compile(r"\s+(?:defined|explained|basics|overview|information|info|facts?(?: sheet)?|"
                         r"(?:genetics )?fact sheet|guide|faqs?|in brief)$", re.IGNORECASE)
#: title parts that name the page's angle on the condition or its publisher, not the condition
_TITLE_GENERIC = re.compile(r"^(?:(?:\w+\s*(?:,|&|and)\s*)*(?:symptoms|signs|causes|treatments?|diagnosis|overview|"
                            r"facts?(?: sheet)?|what you need to know|information|health topics?|basics|fast facts|"
                            r"patient (?:information|version)|diseases? (?:and|&) conditions)(?:\s*(?:,|&|and)\s*\w+)*"
                            r"|.*\b(?:clinic|nhs|institute|foundation|agency|cent(?:er|re)|hospital|university|"
                            r"health system|association|society)\b.*|.*\.(?:com|org|gov|net|uk))$", re.IGNORECASE)
_TITLE_PAREN = re.compile(r"\s*\((?P<inner>[^()]*)\)\s*$")
#: "also called <names>" and its kin (the look-ahead, the letters a match can start with, changes no match:
#: it lets the scan pass over other characters at a third of the cost)
_ALSO = re.compile(r"(?=[acfos])(?:\b(?:also|sometimes|often|formerly|commonly) (?:called|known as|referred to as|"
                   r"named)|\ba\.k\.a\.?|\baka\b|(?-i:(?<=[a-z])Also (?:called|known as)))\s+"
                   r"(?P<names>[^.;:()\n]+?)"
                   r"(?=\s*(?:[.;:()\n]|$|,\s*(?:is|are|was|were|which|that|and is|a|an|the)\b))",
                   re.IGNORECASE)
#: what may stand between the condition's name and "also called": an abbreviation, a comma, a pronoun
_ALSO_AFTER = re.compile(r"(?:\s*\([^()]*\))?[\s,(]*(?:\b(?:is|are|was|may be|can be)\s*)?$")
_ALSO_SUBJECT = re.compile(r"^\s*(?:it|this (?:condition|disease|disorder|syndrome|infection)|the (?:condition|"
                           r"disease|disorder|syndrome|infection))\s+(?:is|are)\s*$", re.IGNORECASE)
_PAREN_LIST = re.compile(r"^\((?P<names>[^()]+)\)$")
#: a line or heading that labels the condition's other names: "Also called: A; B", "Other names for X: A, B"
_NAMES_LABEL = re.compile(r"^(?:also (?:called|known as)|other names?(?: for [^:]{1,60})?|synonyms?|"
                          r"alternat(?:iv)?e names?|a\.?k\.?a\.?)(?:\s*[:—–]\s*|\s+(?=\S)|\s*$)(?P<names>.*)$",
                          re.IGNORECASE)
_ASIDE = re.compile(r"\s*\([^()]*\)")
_MARKUP = re.compile(r"[*_`]+")
_CITATION = re.compile(r"\b(?:19|20)\d\d\s*;\s*\d+|\bAvailable at:?\s*https?://|\bdoi:\s*10\.|"
                       r"\bAccessed\b.*\b(?:19|20)\d\d\b|\bet al\.")
_NAMES_SPLIT = re.compile(r"\s*[;,]\s*(?:and\s+|or\s+)?|\s+or\s+")
_DEFINITION = re.compile(r"^(?P<name>[A-Z][^.,;:]{1,80}?)\s+(?:\([^)]*\)\s+)?(?:is|are|refers to|describes)\s+"
                         r"(?!not\b|also\b|more\b|most\b|caused\b|found\b|usually\b|often\b)")
_PERSON = re.compile(r"^(?:By:?\s+)?(?P<name>(?:[A-Z][a-z'’-]+\.?\s+)(?:[A-Z]\.\s+)?(?:[A-Z][a-z'’-]+\.?\s*){1,2})"
                     r"(?:,\s*(?:[A-Z][A-Za-z.]{1,8}(?:,\s*)?)+)?$")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_URL = re.compile(r"https?://[^\s<>\"]+[^\s<>\".,;)]")
#: headings of an article's back matter: sources, glossaries, contacts and links, which state no finding
_BACK_MATTER = re.compile(r"^(?:selected |further |additional |more |other )?(?:references?|bibliography|sources?|"
                          r"citations?|footnotes?|notes|glossary|further reading|external links|see also|resources|"
                          r"for more information|more information|learn more|show sources|how we reviewed this "
                          r"article|related (?:articles|links|pages|topics|content|information))\W*$", re.IGNORECASE)


def is_back_matter(heading: str) -> bool:
    """True for the heading of a section after the article proper ("References", "Glossary", "See also").

    >>> is_back_matter("Selected Bibliography"), is_back_matter("For More Information"), is_back_matter("Causes")
    (True, True, False)
    """
    return bool(_BACK_MATTER.match(" ".join(heading.split())))


def condition_name(article: Article) -> str:
    """The article's main condition: its title cleaned, else the definition's subject, else the file stem.

    The page's heading is tried first, then its ``<title>``; a heading that names only the page's
    angle ("Symptoms") gives way to the title ("Autism: Symptoms - MayoClinic.com").

    >>> condition_name(Article("gout", "gout.html", "", title="What Is Gout? Symptoms, Causes & Treatment"))
    'Gout'
    >>> condition_name(Article("x", "x.txt", "Sleeping sickness is ...",
    ...                        title="Parasites - Sleeping Sickness (also known as X)"))
    'Sleeping Sickness'
    """
    for title in dict.fromkeys(t for t in (article.title, article.page.title) if t):
        name = title_name(title, article.text)
        if name and not _TITLE_GENERIC.match(name):
            return name
    for block in article.blocks[:15]:
        match = _DEFINITION.match(block.text) if block.kind == "paragraph" else None
        if match:
            return match.group("name").strip()
    return article.source.replace("-", " ").replace("_", " ").strip().capitalize()


def title_name(title: str, text: str = "") -> str:
    """The condition a page title names: the part of it ``text`` repeats most, without asides.

    A part that asks what the condition is wins; words that say what the page does with the
    condition ("Helping You Understand", "Symptoms of", "Defined", "Fact Sheet") are dropped.

    >>> title_name("Lyme Disease | Vector-Borne Diseases | Agency")
    'Lyme Disease'
    >>> title_name("Headache Disorders - Migraine", "Migraine is a headache disorder.")
    'Migraine'
    >>> title_name("children with DIABETES - What is Type 1 Diabetes?")
    'Type 1 Diabetes'
    >>> title_name("What are the Common Symptoms of Clinical Depression?|Health News")
    'Clinical Depression'
    >>> title_name("Understanding Psoriasis -- the Basics"), title_name("An Overview of Gout")
    ('Psoriasis', 'Gout')
    """
    title = _SITE_SEP.split(title.strip())[0]
    parts = [p for p in (_TITLE_PAREN.sub("", p).strip(" -–—:") for p in _TITLE_SEP.split(title)) if p]
    asked = [m.group("name") for p in parts if (m := _TITLE_QUESTION.match(p))]
    parts = [_title_core(p) for p in asked or parts]
    parts = [p for p in parts if p and not _TITLE_GENERIC.match(p)] or parts[:1]
    low = text.lower()
    best = max(reversed(parts), key=lambda p: low.count(p.lower()), default="")
    return best.strip(" -–—:?")


def _title_core(part: str) -> str:
    """A title part without the words that say what the page does with the condition."""
    part = _TITLE_PAREN.sub("", part).strip(" ?")
    core = _TITLE_TAIL.sub("", _TITLE_LEAD.sub("", part)).strip()
    if core.lower() in ("the", "a", "an"):  # the part was only the page's angle ("the Basics")
        return ""
    return core or part


def _title_synonyms(title: str) -> list[str]:
    """Names in a title's closing bracket: "Shingles (Herpes Zoster)", "X (also known as Y)"."""
    paren = _TITLE_PAREN.search(_SITE_SEP.split(title.strip())[0])
    if not paren:
        return []
    inner = re.sub(r"^(?:also |sometimes |often )?(?:known as|called)\s+", "", paren.group("inner"), flags=re.I)
    return re.split(r"\s*[;,]\s*|\s+or\s+", inner)


def synonyms(article: Article, name: str) -> tuple[str, ...]:
    """Other names the article gives the condition, in order of appearance, without the name itself.

    From the reader (the page's markup, MedQuAD's annotations), the title's bracket, a line or
    a section that labels them ("Also called: A; B", "Other names", "Alternative Names"), a
    bracketed list, "also known as" / "a.k.a." after the name, "X, or Y, is ...", and an
    abbreviation in brackets after the name.
    """
    found: list[str] = list(article.synonyms)
    title = article.title or article.page.title or ""
    found += _title_synonyms(title)
    labelled = False  # the blocks after a heading that labels other names list them
    for block in article.blocks:
        text = _MARKUP.sub("", block.text).strip()
        label = _NAMES_LABEL.match(text)
        if labelled and block.kind != "heading":
            found += _NAMES_SPLIT.split(_ASIDE.sub("", text))
        elif label and label.group("names"):
            found += _NAMES_SPLIT.split(_ASIDE.sub("", label.group("names")))
        if block.kind == "heading":
            labelled = bool(label) and not label.group("names")
    after = _NameAfter(name)
    for text in (b.text for b in article.blocks[:25] if b.kind in ("paragraph", "heading")):
        paren = _PAREN_LIST.match(text.strip())
        if paren:
            found += re.split(r"\s*[;,]\s*", paren.group("names"))
        for match in _ALSO.finditer(text):
            if _names_before(text[: match.start()], (name, *found)):
                found += split_coordination(match.group("names"))
        short = after.abbreviation(text)
        if short and _is_short_name(short):
            found.append(short)
        apposed = after.apposed(text)
        if apposed:
            found.append(apposed)
    seen = {name.lower()}
    out = []
    for syn in (s.strip(" .,;:'\"“”‘’") for s in found):
        if syn and syn.lower() not in seen and len(syn.split()) <= 8:
            seen.add(syn.lower())
            out.append(syn)
    return tuple(out)


#: what follows the condition's name in "<name> (<abbreviation>)" and in "<name>, or <other name>," (as in
#: :func:`_name_patterns`, whose bracket holds no cased character, so ignoring case changes nothing there)
_ABBREVIATION_AFTER = re.compile(r"\((?P<abbr>[^()]{2,40})\)")
_APPOSED_AFTER = re.compile(r"\s*,\s*or\s+(?P<other>[^,.;:()]{2,50}?)\s*,", re.IGNORECASE)


class _NameAfter:
    """What :func:`_name_patterns`' two patterns find in a text (the abbreviation in brackets after the
    condition's name, anywhere; the other name in "<name>, or <other name>," at the start), without
    compiling them for each article: compiling costs more than the rest of :func:`synonyms` (nearly
    every article has a name of its own, so re's cache does not help). In ASCII, matching a name while
    ignoring case is comparing lower-cased text, and ``\\s`` is what ``str.strip`` strips, so a name and
    text in ASCII are matched by string operations; any other character takes the patterns (compiled
    when first needed), as does a name with a bracket, which could reach across the abbreviation's.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        #: the name's lower-cased words, for the string matching (None: the patterns match)
        self.words = name.lower().split() if name.isascii() and not {"(", ")"} & set(name) else None
        self._patterns: tuple[re.Pattern[str], re.Pattern[str]] | None = None

    def patterns(self) -> tuple[re.Pattern[str], re.Pattern[str]]:
        if self._patterns is None:
            self._patterns = _name_patterns(self.name)
        return self._patterns

    def abbreviation(self, text: str) -> str | None:
        """The bracket's text after the first mention of the name that a bracket follows."""
        if self.words is None or not text.isascii():
            match = self.patterns()[0].search(text)
            return match.group("abbr") if match else None
        # a mention ends before its bracket and starts after the previous bracket (it holds none), so the
        # first bracket preceded by the name follows the mention the pattern's search finds first
        low = text.lower()
        return next((m.group("abbr") for m in _ABBREVIATION_AFTER.finditer(text)
                     if _name_ends(low, m.start(), self.words)), None)

    def apposed(self, text: str) -> str | None:
        """The other name in "<name>, or <other name>," at the start of ``text``."""
        if self.words is None or not text.isascii():
            match = self.patterns()[1].match(text)
        else:
            end = _name_end(text.lower(), self.words)
            match = _APPOSED_AFTER.match(text, end) if end >= 0 else None
        return match.group("other") if match else None


def _name_ends(low: str, end: int, words: list[str]) -> bool:
    """Whether the ``words`` stand in ``low``, apart by white space, followed by white space only up to ``end``."""
    at = len(low[:end].rstrip())
    for k, word in enumerate(reversed(words)):
        if k:
            gap = len(low[:at].rstrip())
            if gap == at:
                return False
            at = gap
        if not low.endswith(word, 0, at):
            return False
        at -= len(word)
    return True


def _name_end(low: str, words: list[str]) -> int:
    """Where the ``words``, apart by white space, end if ``low`` starts with them; -1 if it does not."""
    at = 0
    for k, word in enumerate(words):
        if k:
            gap = len(low) - len(low[at:].lstrip())
            if gap == at:
                return -1
            at = gap
        if not low.startswith(word, at):
            return -1
        at += len(word)
    return at


def _name_patterns(name: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The name followed by a bracketed abbreviation, and "<name>, or <other name>,"."""
    pattern = _pattern(name)
    return (re.compile(rf"{pattern}\s*\((?P<abbr>[^()]{{2,40}})\)", re.IGNORECASE),
            re.compile(rf"{pattern}\s*,\s*or\s+(?P<other>[^,.;:()]{{2,50}}?)\s*,", re.IGNORECASE))


def _pattern(name: str) -> str:
    """A pattern for ``name`` as a page may type it: either apostrophe, any run of spaces."""
    return r"\s+".join(re.sub(r"['’]", "['’]", re.escape(w)) for w in name.split())


def _names_before(before: str, names: tuple[str, ...]) -> bool:
    """True if "also called" follows one of the condition's names (or "It is"), not another thing's."""
    sentence = re.split(r"(?<=[.!?])\s+", re.sub(r"[*_`]+", "", before))[-1]
    head = _ALSO_AFTER.sub("", sentence).lower()
    return bool(_ALSO_SUBJECT.match(sentence)) or any(n and head.endswith(n.lower()) for n in names)


def _is_short_name(text: str) -> bool:
    """An abbreviation in brackets after the name: "SJS1", "GLUT1 deficiency syndrome", not "rare"."""
    first = text.split()[0]
    return len(text.split()) <= 4 and sum(c.isupper() or c.isdigit() for c in first) >= 2 and first[0].isalnum()


def definition(article: Article, name: str) -> str | None:
    """The first sentence that defines the condition ("X is a ...")."""
    for block in article.blocks[:20]:
        if block.kind != "paragraph":
            continue
        sentence = re.split(r"(?<=\.)\s+(?=[A-Z])", block.text, maxsplit=1)[0]
        match = _DEFINITION.match(sentence)
        if match and (name.lower() in sentence.lower() or match.group("name").lower() in name.lower()):
            return sentence
    return None


def page_metadata(article: Article, blocks: list[Block]) -> PageMetadata:
    """The reader's page metadata, completed from the article's lists: a list of people before the
    text is its byline, one after it its reviewer, and references are its citations."""
    page = article.page
    people = [i for i, b in enumerate(blocks) if b.kind == "item" and is_person(b.text)]
    citations = tuple(parse_citation(b.text) for b in blocks if b.kind == "item" and looks_like_citation(b.text))
    first_text = next((i for i, b in enumerate(blocks) if b.kind == "paragraph" and len(b.text.split()) > 8),
                      len(blocks))
    authors = page.authors or tuple(Person(_PERSON.match(blocks[i].text).group("name").strip())
                                    for i in people if i < first_text)
    late = [i for i in people if i > first_text]
    reviewers = page.reviewers or ((Person(blocks[late[-1]].text.strip()),) if late else ())
    return replace(page, authors=authors, reviewers=reviewers, citations=page.citations or citations)


def is_person(text: str) -> bool:
    """A byline item: a person's name, maybe with credentials ("Michael J. Fucci, DO, FACC")."""
    return bool(_PERSON.match(text.strip()))


def looks_like_citation(text: str) -> bool:
    """A reference: a year with a journal-like volume/pages, or an "Available at:" URL."""
    return bool(_CITATION.search(text))


def parse_citation(text: str) -> Citation:
    """Split a reference into authors, title, journal, year and URL where its punctuation allows.

    >>> c = parse_citation("Gibson, C. and Berliner, N. How we treat it. Blood, 2014; 124 (8): 1251.")
    >>> c.authors, c.title, c.journal, c.year
    (('Gibson, C.', 'Berliner, N.'), 'How we treat it', 'Blood', 2014)
    """
    url = _URL.search(text)
    year = _YEAR.search(text)
    authors: tuple[str, ...] = ()
    rest = text
    lead = re.match(r"^((?:[A-Z][A-Za-z'’-]+,?\s+(?:[A-Z]\.\s*)+(?:,|and|&)?\s*)+(?:et al\.)?)\s*", text)
    if lead:
        authors = tuple(a.strip(" ,") for a in re.findall(r"[A-Z][A-Za-z'’-]+,?\s+(?:[A-Z]\.\s*)+", lead.group(1)))
        rest = text[lead.end():]
    parts = [p.strip() for p in re.split(r"(?<=[a-z0-9?])\.\s+", rest) if p.strip()]
    title = parts[0].rstrip(".") if parts else None
    journal = None
    if len(parts) > 1:
        journal = re.split(r",\s*(?:19|20)\d\d|\.?\s*Available at", parts[1])[0].strip(" .") or None
    return Citation(text=text, authors=authors, title=title, journal=journal,
                    year=int(year.group()) if year else None, url=url.group() if url else None)
