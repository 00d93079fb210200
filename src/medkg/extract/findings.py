"""Findings from an article's blocks: list items under a lead-in, and enumerations in prose.

The walk keeps three roles: the section's (from its heading), the one cue phrases carry
where headings were lost ("Acquired neutropenia may be caused by:"), and the lead-in's,
which applies to the list items right after it. Negated sentences ("most people will not
have symptoms") give no findings; names are cut from qualifiers by :mod:`.phrases`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from medkg.extract.phrases import Name, clean_name, first_sentence, names_in
from medkg.extract.prose import PATTERNS, PEOPLE
from medkg.extract.roles import cue_role, heading_role
from medkg.extract.section_model import classify, words
from medkg.model import Article, Block, Evidence, Finding, Relation

_RELATIONS = {r.value: r for r in Relation}
#: "not" before a gerund is advice ("not sharing cups"), not a denial
_NEGATION = re.compile(r"\b(?:not(?!\s+\w+ing\b)|no|never|cannot|can't|don't|doesn't|won't|isn't|aren't|neither|nor|"
                       r"none|unlikely|rather than|instead of)\b", re.IGNORECASE)
#: where a sentence turns from what it denies to what it asserts ("You cannot always avoid it, but washing ...")
_BUT = re.compile(r",?\s+but\s+|;\s*")
#: a leading "when"/"if" clause, whose denial ("When medicines don't work, surgery ...") is not the sentence's
_DENYING_LEAD = re.compile(r"^(?:when|if|where|although|though|while|unless)\b[^,]*,\s*", re.IGNORECASE)
_SENTENCE = re.compile(r"(?:[^.!?]|[.!?](?!\s|$))+(?:[.!?]+|$)")
_PRONOUNS = re.compile(r"^\s*(?:it|this|they|these|(?:most |many |some |all |[\w%]+(?: out)? of \w+ )?cases|"
                       r"this (?:condition|disease|disorder|syndrome|infection|problem)|"
                       r"the (?:condition|disease|disorder|syndrome|infection|illness))\b", re.IGNORECASE)
#: a leading clause before the subject ("If the infection reaches the kidneys, it ...")
_CONDITIONAL = re.compile(r"^\s*(?:if|when|once|as|without treatment)\b[^,]*?(?:,\s*|\s+(?=(?:it|this|they)\b))",
                          re.IGNORECASE)
_VERB = re.compile(r"\s+(?:may|can|could|might|will|is|are|was|were|has|have|had|cause|causes|results?|leads?|"
                   r"occurs?|forms?|affects?|uses?|involves?|helps?|should|must|do|does|tend|tends)\b", re.IGNORECASE)
_OBJECT_VERB = re.compile(r"\b(?:have|has|had|develop|develops|experience|experiences|get|gets|need|needs)\s+",
                          re.IGNORECASE)
_GENERIC = {"symptom", "symptoms", "sign", "signs", "problems", "problem", "condition", "conditions", "disease",
            "following", "others", "other", "things", "treatment", "treatments", "test", "tests", "cause", "causes",
            "features", "feature", "risk", "factors", "people", "children", "patients", "individuals", "it", "this",
            "they", "them", "these", "those", "one", "both", "all", "any", "some", "many", "most", "studies",
            "study", "methods", "options", "procedures", "medications", "medicines", "drugs", "therapies", "two",
            "three", "several", "more"}
_WORD = re.compile(r"[a-z0-9]+")
#: words that qualify a condition's name, which a text drops when it names it again ("acute bronchitis" is "bronchitis")
_MODIFIERS = {"acute", "chronic", "mild", "severe", "adult", "childhood", "juvenile", "primary", "secondary", "simple",
              "common", "benign"}
_NOT_FIRST = {"normal", "more", "most", "less", "how", "what", "why", "when", "where", "which", "who", "if", "to",
              "for", "once", "though", "although", "since", "because", "he", "she", "it", "this", "these", "they",
              "your", "their", "his", "her", "its", "we", "you", "but", "and", "or", "so", "while", "unless",
              "them", "you'll", "in", "on", "at", "by", "with", "from", "into", "during", "after", "before", "of",
              "as", "such"}
_CLAUSE = re.compile(r"\b(?:is|are|was|were|will|would|should|can|could|may|might|has|have|had|does|do|did|"
                     r"symptoms?|signs?|this condition|people)\b")
_STOP = {"a", "an", "the", "of", "in", "on", "to", "and", "or", "with", "for", "by", "at", "from", "as", "is",
         "type", "disease", "syndrome", "disorder", "condition", "s"}
_TABLE_CELL = re.compile(r"\s+(?:\d+(?:\.\d+)?%|-)\s+(?=[A-Z])|\s+(?:\d+(?:\.\d+)?%|-)\s*$")
#: words without which a paragraph is not given a role on the classifier's word
_EVIDENCE = {role: re.compile(p, re.IGNORECASE) for role, p in {
    "test": r"\b(?:diagnos\w*|tests?|testing|exam\w*|scans?|x-rays?|ultrasound|mri|biops\w*|samples?|imaging|"
            r"screen\w*|detect\w*|measur\w*|check\w*|blood|urine|lab\w*)\b",
    "treatment": r"\b(?:treat\w*|therap\w*|medic\w*|drugs?|surg\w*|antibiotics?|dose\w*|prescri\w*|manag\w*|"
                 r"reliev\w*|transplant\w*|operation|cure\w*)\b",
    "prevention": r"\b(?:prevent\w*|avoid\w*|protect\w*|vaccin\w*|prophyla\w*|wash\w*|hygien\w*|clean\w*|wear\w*|"
                  r"repellent|condoms?|(?:reduce|lower)s? (?:the|your) (?:risk|chance))",
    "risk_factor": r"\b(?:risk\w*|likely|likelihood|chances?|common(?:ly)? (?:in|among)|more often|expos\w*)\b",
    "cause": r"\b(?:caus\w*|due to|results? from|genes?|genetic|mutation\w*|inherit\w*|infect\w*|bacteri\w*|"
             r"virus\w*|trigger\w*)\b",
}.items()}
#: log-odds a paragraph's role must win by; prevention, rare in training and easily confused with
#: treatment, needs more
_MARGIN, _RARE_MARGIN = 2.0, 6.0
_LONGEST = 1500
_SAME_NAME = 0.75  # word overlap (Jaccard) above which two names are one finding
_FUZZY_UP_TO = 2000  # findings compared pairwise; past this (no real article) only exact keys merge
_ASIDE = re.compile(r"\s+(?:so|because|when|if|although|unless|while|since)\b|—|–|\s-\s|\s--\s|\(|,")
_KINDS_OF = re.compile(r"\b(?:types|forms|kinds|classes)\s+of\s+(?P<noun>(?:[\w'’-]+ ){0,3}?[\w'’-]+)\s*(?:[:,.]|$|"
                       r"\s(?:include|includes|are|exist|occur|occurs|can|may|affect|affects|that|which|in)\b)",
                       re.IGNORECASE)
_LIST_LEAD = re.compile(r"(?::|\b(?:include|includes|including|following|such as|are|involve|involves|experience|"
                        r"have|has))\s*$",
                        re.IGNORECASE)


@dataclass
class Condition:
    """The words that name the article's condition, to tell its facts from another condition's."""

    names: tuple[str, ...]
    words: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        for name in self.names:
            self.words |= _content_words(name) - _MODIFIERS or _content_words(name)

    def named_in(self, text: str | None) -> bool:
        """True if ``text`` names the condition (or is a pronoun for it); empty text counts."""
        text = _CONDITIONAL.sub("", text) if text else text
        if text is None or not text.strip() or _PRONOUNS.match(text):
            return True
        low = text.lower()
        if any(n.lower() in low for n in self.names if len(n) > 2):
            return True
        found = _content_words(text) & self.words
        return bool(found) and len(found) >= min(2, len(self.words))

    def refers(self, text: str | None, exact: bool = False) -> bool:
        """True if ``text`` names the condition; ``exact``: is nothing but its name (a pronoun may be anything)."""
        if not exact:
            return self.named_in(text)
        return text is not None and self.is_itself(text)

    @property
    def drop(self) -> frozenset[str]:
        """The condition's name words, which the section classifier ignores."""
        return frozenset(w for n in self.names for w in words(n))

    def add(self, *names: str) -> None:
        """Count ``names`` (the condition's subtypes) as the condition too."""
        self.names += names
        for name in names:
            self.words |= _content_words(name)

    def is_itself(self, name: str) -> bool:
        words = _content_words(name)
        return not words or (words <= self.words) or name.lower() in {n.lower() for n in self.names}


@dataclass
class _State:
    section: str | None = None
    heading: str | None = None
    carried: str | None = None
    lead: str | None = None
    trust_headings: bool = False
    kind: str | None = None  # what the subtypes listed next are types of ("2 types of neutropenia:")

    @property
    def role(self) -> str | None:
        if self.trust_headings and self.section not in (None, "overview"):
            return self.section
        return self.carried or self.section


def extract_findings(article: Article, condition: Condition) -> tuple[tuple[Finding, ...], tuple[str, ...]]:
    """The article's findings (deduplicated, in reading order) and the subtypes its lists name."""
    roles = _section_roles(article)
    state = _State(trust_headings=sum(1 for r in roles.values() if r in _RELATIONS) >= 2)
    found: dict[tuple[Relation, str], Finding] = {}
    subtypes: list[str] = []
    for block in article.blocks:
        if block.kind == "heading":
            state.section = roles.get(block.start, heading_role(block.text)) if block.level > 1 else None
            state.heading, state.carried, state.lead = block.text, None, None
            continue
        if block.kind == "item" or (state.lead and _short_line(block)):
            items = list(_item_findings(block, state, condition, subtypes))
        else:
            state.lead = None
            items = list(_paragraph_findings(block, state, condition))
        for finding in items:
            key = _same_as(found, finding)
            if key in found:
                old = found[key]
                found[key] = Finding(old.relation, old.name, old.qualifier or finding.qualifier,
                                     evidence=old.evidence + finding.evidence)
            else:
                found[key] = finding
    return tuple(found.values()), tuple(dict.fromkeys(subtypes))


def _section_roles(article: Article) -> dict[int, str | None]:
    """Role of each heading block by its start offset: the reader's if it gave one, else the heading's."""
    return {s.start: s.role or heading_role(s.heading or "") for s in article.sections}


def _paragraph_findings(block: Block, state: _State, cond: Condition) -> Iterator[Finding]:
    """Findings of a paragraph; its topic sentence (the first) sets the role that runs on after it.

    A cue in a later sentence gives that sentence its role only: asides ("and other symptoms")
    do not move the section.
    """
    sentences = list(_sentences(block))
    topic = 0
    for i, (start, sentence) in enumerate(sentences):
        if i == 0 and sentence.rstrip().endswith("?"):
            role = heading_role(sentence)  # GARD answers open with their question
            state.section, state.heading, state.carried, topic = role, sentence, None, 1
            continue
        cue = cue_role(sentence)
        cue = None if cue in ("references", "subtypes") else cue
        if i == topic:
            state.carried = cue or _guess(block.text, state, cond)
        here = state if cue in (None, state.carried) else _State(state.section, state.heading, carried=cue,
                                                                 trust_headings=state.trust_headings)
        for at, clause in _asserted(sentence):
            yield from _prose_findings(clause, block.start + start + at, here, cond)
    if sentences:
        state.lead = _lead_role(sentences[-1][1], state, cond)
        kinds = _KINDS_OF.search(sentences[-1][1]) if state.lead == "subtypes" else None
        state.kind = kinds.group("noun") if kinds else None


def _asserted(sentence: str) -> list[tuple[int, str]]:
    """The sentence (offset 0) if it denies nothing, else the clauses after "but" that deny nothing."""
    if not _NEGATION.search(sentence):
        return [(0, sentence)]
    lead = _DENYING_LEAD.match(sentence)
    if lead and not _NEGATION.search(sentence, lead.end()):
        return [(lead.end(), sentence[lead.end():])]
    cuts = list(_BUT.finditer(sentence))
    spans = [(m.end(), n.start() if n else len(sentence)) for m, n in zip(cuts, [*cuts[1:], None], strict=False)]
    return [(a, sentence[a:b]) for a, b in spans if sentence[a:b].strip() and not _NEGATION.search(sentence[a:b])]


def _guess(text: str, state: _State, cond: Condition) -> str | None:
    """The classifier's role for a paragraph where headings were lost, else the role running on."""
    if state.trust_headings:
        return state.carried
    guess = classify(text, cond.drop, margin=_MARGIN)
    if guess == "prevention" and not classify(text, cond.drop, margin=_RARE_MARGIN):
        guess = None
    if guess in _EVIDENCE and not _EVIDENCE[guess].search(text):
        guess = None  # the classifier's words alone mix up treatment, prevention and tests: ask for the role's own
    return guess or state.carried


def _lead_role(sentence: str, state: _State, cond: Condition) -> str | None:
    """The role of the list a sentence leads into ("may be caused by:"), or None if it leads none."""
    if not (_LIST_LEAD.search(sentence) or sentence[-1:] not in ".!?"):
        return None
    cue = cue_role(sentence)
    if cue:
        return cue
    low = sentence.lower()
    for pattern in PATTERNS:
        if (pattern.relation is None and state.role not in (pattern.roles or ())) or not pattern.may_match(low):
            continue
        match = pattern.regex.search(sentence)
        if match and not (match.groupdict().get("items") or "").strip(" :") and "items" in pattern.regex.groupindex \
                and (not pattern.about or cond.refers(match.groupdict().get(pattern.about), pattern.exact)):
            return pattern.relation.value if pattern.relation else state.role
    return state.role


def _prose_findings(sentence: str, offset: int, state: _State, cond: Condition) -> Iterator[Finding]:
    """Findings the cue patterns find in one sentence (a flattened table is read as one list)."""
    evidence = Evidence(sentence, offset, offset + len(sentence), state.heading)
    table = _table_cells(sentence)
    if table and (state.role == "symptom" or re.search(r"\bsymptoms?\b", sentence, re.IGNORECASE)):
        for cell in table:
            name = Name(clean_name(cell))
            if name.name and _keep(name, cond) and not name.name.lower().endswith("inheritance"):
                yield Finding(Relation.SYMPTOM, name.name, evidence=(evidence,))
        return
    matched = False
    if len(sentence) > _LONGEST:
        return  # no prose is this long: a run-on page fragment, not worth the patterns' time
    low = sentence.lower()
    for pattern in PATTERNS:
        if (pattern.roles is not None and state.role not in pattern.roles) or (matched and pattern.relation is None) \
                or not pattern.may_match(low):
            continue
        match = pattern.regex.search(sentence)
        if not match or (pattern.about and not cond.refers(match.groupdict().get(pattern.about), pattern.exact)):
            continue
        matched = True
        relation = pattern.relation or _RELATIONS[str(state.role)]
        if pattern.name:
            yield Finding(relation, pattern.name, evidence=(evidence,))
            continue
        groups = match.groupdict()
        texts = [t.rstrip(".:;") for t in (groups.get("subject"), groups.get("items")) if t]
        for phrase in (p for text in texts for p in _run_items(text)):
            for name in names_in(phrase):
                if _keep(name, cond):
                    yield Finding(relation, name.name, name.qualifier, evidence=(evidence,))


def _item_findings(block: Block, state: _State, cond: Condition, subtypes: list[str]) -> Iterator[Finding]:
    sentences = list(_sentences(block))
    first = first_sentence(block.text)
    if block.text.rstrip().endswith(":"):  # a lead-in inside a list of points: only its own cue counts
        state.lead = cue_role(block.text) or "other"
        return
    if state.lead is None and (len(sentences) > 1 or len(first.split()) > 12):
        for start, sentence in sentences:  # a summary point, not a list entry: read it as prose
            if not _NEGATION.search(sentence):
                point = _State(cue_role(sentence) or state.section, state.heading, trust_headings=True)
                yield from _prose_findings(sentence, block.start + start, point, cond)
        return
    role = state.lead or state.role
    head = _ASIDE.split(first, maxsplit=1)[0]  # "clear brush so raccoons are not likely to ...": not negated
    phrase = None if re.search(r"\b(?:not|never|cannot)\b", head, re.IGNORECASE) else _item_phrase(first, cond)
    if role == "subtypes" and phrase:
        head = _VERB.split(re.split(r"\s*(?:—|–|:|\s-\s)", phrase)[0], maxsplit=1)[0]
        names = [_subtype_name(n.name, state.kind) for n in names_in(head, examples=False)]
        subtypes.extend(names)
        cond.add(*names)
    elif role in _RELATIONS and phrase:
        evidence = Evidence(block.text, block.start, block.end, state.heading)
        for name in names_in(phrase):
            if _keep(name, cond):
                yield Finding(_RELATIONS[role], name.name, name.qualifier, evidence=(evidence,))
    for start, sentence in sentences if len(sentences) > 1 or len(first.split()) > 6 else ():
        if not _NEGATION.search(sentence):
            yield from _prose_findings(sentence, block.start + start, state, cond)


def _subtype_name(name: str, kind: str | None) -> str:
    """A subtype's full name: "Acquired" listed under "2 types of neutropenia" is "Acquired neutropenia".

    >>> _subtype_name("Acquired", "neutropenia"), _subtype_name("Calcium stones", "kidney stones")
    ('Acquired neutropenia', 'Calcium stones')
    """
    head = kind.lower().split()[-1].removesuffix("s") if kind else ""
    if not head or head in name.lower():
        return name
    return f"{name} {kind}"


def _short_line(block: Block) -> bool:
    """A paragraph that reads like a list entry: one short line without a full stop."""
    return len(block.text.split()) <= 15 and block.text.rstrip()[-1:] not in ".!?:"


def _item_phrase(sentence: str, cond: Condition) -> str | None:
    """The naming part of a list item: all of a short one, the subject or object of a clause."""
    if len(sentence.split()) <= 6:
        return sentence
    verb = _VERB.search(sentence)
    if verb is None:
        return sentence
    subject, rest = sentence[: verb.start()], sentence[verb.start():]
    if re.fullmatch(rf"(?:\w+,?\s+)?{PEOPLE}(?:\s+(?:with|who|whose)\b.*)?", subject.strip(), re.IGNORECASE) \
            or cond.is_itself(clean_name(subject) or "x"):
        obj = _OBJECT_VERB.search(rest)
        return rest[obj.end():] if obj else None
    return re.split(r"\s+(?:that|which|who)\b", subject)[0]


def _table_cells(sentence: str) -> list[str]:
    """Terms of a table flattened into a sentence ("Term 90% Term 7.5% Term - ..."), else []."""
    parts = _TABLE_CELL.split(sentence)
    if len(parts) < 4:
        return []
    head, *cells, tail = parts
    head = head.rsplit(")", 1)[-1]
    return [c for c in (head, *cells, tail if len(tail.split()) <= 6 else "") if c.strip()]


def _run_items(text: str) -> list[str]:
    """An enumeration, split where a flattened list runs its items together ("A (gloss) B  C")."""
    if not re.search(r"\)\s+[A-Z]|\S\s{2,}\S", text):
        return [text]
    pieces = re.split(r"(?<=\))\s+(?=[A-Z])|\s{2,}", text)
    pieces = [q for p in pieces for q in re.split(r"(?<=[a-z]) (?=[A-Z][a-z])", p)]
    return [p for p in pieces if p.strip() and len(p.split()) <= 8]


def _keep(name: Name, cond: Condition) -> bool:
    """False for names that are no finding: the condition itself, generic words, clauses, fragments."""
    low = name.name.lower()
    words = low.split()
    return not (low in _GENERIC or cond.is_itself(re.sub(r"^\w+ing\s+", "", name.name)) or words[0] in _NOT_FIRST
                or all(w in _GENERIC or w in _STOP for w in _WORD.findall(low))
                or _CLAUSE.search(low) or low.count("(") != low.count(")") or not re.search("[a-z]", low))


def _sentences(block: Block) -> Iterator[tuple[int, str]]:
    """Sentences of a block with their offsets in it (whitespace trimmed, so quotes stay exact)."""
    for m in _SENTENCE.finditer(block.text):
        raw = m.group()
        text = raw.strip()
        if text:
            yield m.start() + raw.index(text), text


def _same_as(found: dict[tuple[Relation, str], Finding], finding: Finding) -> tuple[Relation, str]:
    """The key of an earlier finding that names the same thing in other words, else this one's own key.

    Names fall together when they differ in inflection or order, or share nearly all their
    words ("fullness below the ribs" and "feeling of fullness below the ribs").
    """
    key = (finding.relation, _stem_key(finding.name))
    if key in found or len(found) > _FUZZY_UP_TO:
        return key
    words = set(key[1].split())
    for other in found:
        if other[0] is finding.relation:
            theirs = set(other[1].split())
            if words and theirs and len(words & theirs) / len(words | theirs) >= _SAME_NAME:
                return other
    return key


def _stem_key(name: str) -> str:
    """A key under which names that differ only in inflection, order or stop words fall together."""
    return " ".join(sorted({re.sub(r"(?:ened|ing|ed|es|s|ly)$", "", w) if len(w) > 4 else w
                            for w in _content_words(name)}))


def _content_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP}
