"""The classifier's view of a candidate: a list of feature strings, all general.

Features say where the phrase stands (the role its heading names and how far below that heading it
is, the most likely role of its paragraph and of the paragraph before by the MedQuAD section model,
the relations the cue words of its paragraph's first sentence signal, list or prose, place in the
list), what words surround it (a bag of stemmed words of its sentence, of the words just before it,
of the list lead-in and the heading; the model learns which cue words matter), what it is (its head
and first word, length, the lexicon's semantic type of the phrase (its ontologies, and MeSH's tree
branch: a population group, an organism, a drug, a procedure) and of the terms inside it,
capitals, digits), and the sentence's stance (negation, hedging, whether the article's condition or
another disease is the sentence's subject). No feature names a particular phrase.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache

from medkg.extract.candidates import START_AFTER, Candidate, Context, Sentence, segments, split_sentences
from medkg.extract.phrases import word_set
from medkg.extract.roles import heading_role, heading_roles
from medkg.extract.section_model import classify, words

_WORD = re.compile(r"[a-z][a-z'-]*[a-z]|[a-z]")


def _lower(text: str) -> str:
    """``text`` lower-cased, with typographic apostrophes (U+2019) as plain ones, so "won't" printed either way is
    one word; its length kept."""
    return text.lower().replace("\u2019", "'")


#: English function words, dropped from bags of words (they carry no role)
_STOP = word_set("""
a an the of in on at to for by with from as about into is are was were be been being am has have had do does
did this these those it its their his her your our they them we you he she i me my his which that who whom
whose there here than then so and or but if also can could may might will would should must shall very
""")
_NEGATION = word_set("not no never cannot can't don't doesn't won't isn't aren't didn't wasn't weren't hasn't haven't "
                      "hadn't shouldn't wouldn't couldn't mustn't without neither nor none n't unlikely")
_HEDGE = word_set("unknown unclear uncertain unsure possibly perhaps suspected suggest suggests suggested "
                   "thought believed may might could")
_COORDINATORS = frozenset(["and", "or", "but", "nor"])
_WINDOW = 6  # words before a candidate that count as its near context
_WINDOW_CHARS = 40  # the characters before and after a candidate its previous and next word are read from


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude stem that levels inflections ("treated", "treatment", "treats" -> "treat").

    >>> stem("treatments"), stem("caused"), stem("symptoms"), stem("diagnosis")
    ('treat', 'caus', 'symptom', 'diagnos')
    """
    w = _lower(word).strip("'")
    for suffix in ("ments", "ment", "ings", "ing", "ions", "ion", "ies", "ied", "ed", "es", "is", "s", "e"):
        if len(w) - len(suffix) >= 4 and w.endswith(suffix):
            return w[: -len(suffix)]
    return w


def bag(text: str) -> list[str]:
    """The stemmed content words of ``text``."""
    return [stem(w) for w in _WORD.findall(_lower(text)) if w not in _STOP]


#: cue words by the relation they signal: English grammar and medical vocabulary, never an article's wording
_CUE_WORDS = {
    "cause": "cause causes caused causing lead leads result results resulting due trigger triggers triggered "
             "responsible transmit transmitted spread spreads contribute contributes induced etiology",
    "risk": "risk risks likely chance chances susceptible prone predispose predisposes predisposing",
    "prevention": "prevent prevents prevented preventing prevention preventive avoid avoiding protect protects "
                  "protection vaccine vaccines vaccination",
    "treatment": "treat treats treated treating treatment treatments therapy therapies manage managed management "
                 "relieve relieves relief medication medications medicine medicines drug drugs prescribe prescribed "
                 "surgery",
    "test": "diagnose diagnosed diagnosis test tests testing exam examination detect detected screen screening "
            "imaging confirm measure measures",
    "symptom": "symptom symptoms sign signs feel feels feeling experience experiences complain characterized",
    "complication": "complication complications",
}
_CUE = {stem(w): cls for cls, ws in _CUE_WORDS.items() for w in word_set(ws)}
#: words that turn the risk they govern into its opposite: "reduce the risk" is prevention
_DECREASE = frozenset(map(stem, word_set("reduce reduces reducing lower lowers lowering decrease decreases "
                                          "decreasing lessen minimize")))
#: the function words after a cue that tell its argument's slot ("caused by" X, "lead to" X, "risk of" X)
_CUE_PREPOSITIONS = word_set("by to from in of with for against")
#: words that open a new clause between a cue and a phrase, so the cue may not govern it
_CLAUSE_BREAK = word_set("which that who whom whose because but although though while when whereas however")


#: the lexicon's semantic types of a phrase: the id prefixes it maps to (HP, DOID, MESH, ...), () if unknown
SemanticTypes = Callable[[str], tuple[str, ...]]
#: words of a condition's name that do not tell it from another condition
_GENERIC = frozenset(bag("disease disorder syndrome condition type deficiency infection"))
#: the lexicon's prefixes for diseases
_DISEASE = frozenset(["DOID", "MONDO"])
#: the lexicon's prefixes for findings: a term that is a disease and a sign ("rash") names no other disease
_PHENOTYPE = frozenset(["HP", "SYMP"])


@dataclass
class ArticleView:
    """What the features need to know of the whole article: its condition's words and term types."""

    condition_names: tuple[str, ...]
    semantic: SemanticTypes
    condition_words: frozenset[str] = frozenset()
    _drop: frozenset[str] = frozenset()
    _paragraph_roles: dict[str, str | None] = field(default_factory=dict)
    _sentences: dict[tuple[int, str], list[str]] = field(default_factory=dict)
    _words: dict[tuple[int, str], _SentenceWords] = field(default_factory=dict)
    #: sentence start -> end of the first mention of another disease in its first clause; and the
    #: texts of sentences that name another disease but not the article's condition (list lead-ins)
    others: dict[int, int] = field(default_factory=dict)
    other_texts: set[str] = field(default_factory=set)
    #: sentence start -> end of another disease that is the sentence's subject, in a sentence that does not
    #: name the article's condition: "Measles is caused by a virus.", "Symptoms of measles include ..."
    subjects: dict[int, int] = field(default_factory=dict)
    #: sentence start -> the role of the section's prose before its block (:meth:`note_regions`)
    regions: dict[int, str | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        stems = {w for n in self.condition_names for w in bag(n)}
        self.condition_words = frozenset(stems - _GENERIC or stems)
        self._drop = frozenset(w for n in self.condition_names for w in words(n))

    def note_diseases(self, cands: list[Candidate]) -> None:
        """Record where sentences name a disease other than the article's condition (its subject, in
        "Symptoms of <another disease> include ..."), from the candidates the lexicon types as diseases,
        and which of them open, as their subject, a sentence of prose that does not name the condition."""
        naming: dict[int, bool] = {}
        subjects: dict[int, int] = {}
        for c in cands:
            name = _name(c.name, self.semantic)
            if name.stems and name.stems & self.condition_words:
                naming[c.sentence.start] = True
            elif c.segment == 0 and _DISEASE.intersection(name.types):
                end = c.end - c.sentence.start
                self.others[c.sentence.start] = min(end, self.others.get(c.sentence.start, end))
                if (c.sentence.start not in subjects and c.sentence.context.kind != "item"
                        and name.stems and name.stems - _GENERIC and not _PHENOTYPE.intersection(name.types)
                        and _is_subject(c.sentence.text, c.start - c.sentence.start, end)):
                    subjects[c.sentence.start] = end
        self.other_texts.update(c.sentence.text for c in cands
                                if c.sentence.start in self.others and not naming.get(c.sentence.start))
        self.subjects.update((start, end) for start, end in subjects.items() if not naming.get(start))

    def note_regions(self, cands: list[Candidate]) -> None:
        """Record, for each sentence, the role the MedQuAD section model gives the last paragraph before its
        block (since its heading) that it reads with confidence: where a scrape lost a section's heading, what
        the section's prose says carries over to the lists and short lines that follow it."""
        said: str | None = None
        last: Context | None = None
        prose = False  # whether the last block is a paragraph (a list item's later sentences read as prose)
        for c in cands:
            ctx = c.sentence.context
            if last is None or ctx.paragraph != last.paragraph:
                section = last is None or ctx.heading != last.heading or ctx.since_heading < last.since_heading
                if section:
                    said = None
                elif prose:
                    said = self.paragraph_role(last.paragraph) or said
                # a paragraph counts one more block since its heading; a list item's later sentences do not
                prose = ctx.kind == "paragraph" and (section or ctx.since_heading != last.since_heading)
            last = ctx
            self.regions[c.sentence.start] = said

    def paragraph_role(self, text: str | None) -> str | None:
        """The MedQuAD section model's role for a paragraph (cached per paragraph); None for no paragraph."""
        if text is None:
            return None
        if text not in self._paragraph_roles:
            self._paragraph_roles[text] = classify(text, self._drop, margin=2.0)
        return self._paragraph_roles[text]

    def sentence_features(self, sentence: Sentence) -> list[str]:
        """Features every candidate of ``sentence`` shares (cached); the second is the heading's role."""
        key = (sentence.start, sentence.text)
        found = self._sentences.get(key)
        if found is None:
            # interned, as the model's keys are: each look-up of a shared string is then a pointer compare
            found = self._sentences[key] = list(map(sys.intern, _sentence_features(sentence, self)))
        return found

    def sentence_words(self, sentence: Sentence) -> _SentenceWords:
        """The sentence's words with their offsets (cached), so the words before a candidate cost a
        bisection rather than a pass over its sentence."""
        key = (sentence.start, sentence.text)
        found = self._words.get(key)
        if found is None:
            found = self._words[key] = _SentenceWords.of(sentence.text, self.condition_words)
        return found


#: the most words a sentence's subject may have before it ("Symptoms of", "The main cause of")
_SUBJECT_LEAD = 4


def _is_subject(text: str, start: int, end: int) -> bool:
    """Whether the phrase at ``start``-``end`` of sentence ``text`` is what the sentence is about: it
    opens the sentence, after a few words at most, and is not the first item of an enumeration.

    >>> t = "Measles, mumps and rubella can cause it."
    >>> _is_subject("Measles is caused by a virus.", 0, 7), _is_subject(t, 0, 7)
    (True, False)
    """
    if len(_WORD.findall(_lower(text[:start]))) > _SUBJECT_LEAD:
        return False
    next_word = _WORD.match(_lower(text[end:end + 12].lstrip()))
    return next_word is not None and next_word.group() not in _COORDINATORS


@dataclass(frozen=True, slots=True)
class _CueStrings:
    """A cue's feature strings, made once per relation and slot word and interned: every candidate of a
    sentence near a cue repeats them, so neither formatting nor the model's look-up hashes them again."""

    before: str  # "cue<cause"
    before_gap: tuple[str, ...]  # "cue<cause|d0" ... "cue<cause|d3", by :func:`_band`
    before_role: _Joined  # "cue<cause|" and the section role
    before_slot: str  # "cue<caus|by"
    before_break: str
    condition_first: str
    after: str
    after_gap: tuple[str, ...]
    after_slot: str
    after_break: str
    condition_after: str


@cache  # a relation's cue stems and the prepositions after them: a few hundred pairs at most
def _cue_strings(cls: str, slot: str) -> _CueStrings:
    i = sys.intern
    return _CueStrings(
        before=i(f"cue<{cls}"), before_gap=tuple(i(f"cue<{cls}|d{b}") for b in range(4)), before_role=_CUE_ROLE[cls],
        before_slot=i(f"cue<{slot}"),
        before_break=i(f"cue<{cls}|break"), condition_first=i(f"cue<{slot}|condition_first"),
        after=i(f"cue>{cls}"), after_gap=tuple(i(f"cue>{cls}|d{b}") for b in range(4)), after_slot=i(f"cue>{slot}"),
        after_break=i(f"cue>{cls}|break"), condition_after=i(f"cue>{slot}|condition_after"))


@dataclass(slots=True)  # not frozen, though never changed: see medkg.extract.candidates.Candidate
class _Cue:
    """A cue word of a sentence: where it stands, the relation it signals, and its feature strings."""

    start: int
    end: int
    index: int  # its place among the sentence's words
    cls: str
    strings: _CueStrings  # its slot word is the cue's stem and the preposition after it ("caus|by"; "caus|-" for none)


@dataclass(slots=True)  # not frozen, though never changed: see medkg.extract.candidates.Candidate
class _SentenceWords:
    """A sentence's lower-cased words in order: all of them (their end offsets), and the bag's stems
    (their end offsets), with running flags: a negation so far, a condition word so far; and its
    cue words, the ends of its condition words and of its clause breaks.

    No word runs across a candidate's start (candidates start at a token, after a non-letter), so
    the words before a candidate are the sentence's words that end before it.
    """

    shifted: bool  # lower-casing changed the text's length (offsets must be mapped)
    words: list[str]
    starts: list[int]
    ends: list[int]
    negated: list[bool]  # negated[k]: one of the first k words is a negation
    bag_ends: list[int]
    stems: list[str]
    condition: list[bool]  # condition[k]: one of the first k stems is a condition word
    cues: list[_Cue]
    cue_ends: list[int]
    seen: list[list[str]]  # seen[k]: the "cues<" features of the sentence's first k cues
    condition_ends: list[int]
    breaks: list[int]  # ends of the words and semicolons that open a new clause

    @classmethod
    def of(cls, text: str, condition_words: frozenset[str]) -> _SentenceWords:
        low = _lower(text)
        ends, negated, bag_ends, stems, condition = [], [False], [], [], [False]
        found = list(_WORD.finditer(low))
        words = [m.group() for m in found]
        all_stems = list(map(stem, words))
        cues, condition_ends = [], []
        breaks = [m.end() for m in re.finditer(";", low)] if ";" in low else []
        for k, m in enumerate(found):
            w = words[k]
            ends.append(m.end())
            negated.append(negated[-1] or w in _NEGATION)
            if w in _CLAUSE_BREAK:
                breaks.append(m.end())
            if w not in _STOP:
                bag_ends.append(m.end())
                stems.append(all_stems[k])
                named = stems[-1] in condition_words
                condition.append(condition[-1] or named)
                if named:
                    condition_ends.append(m.end())
            cue = _cue_class(all_stems, k)
            if cue:
                after = words[k + 1] if k + 1 < len(found) else ""
                slot = f"{all_stems[k]}|{after if after in _CUE_PREPOSITIONS else '-'}"
                cues.append(_Cue(m.start(), m.end(), k, cue, _cue_strings(cue, slot)))
        seen = [sorted({_CUES_SEEN[c.cls] for c in cues[:k]}) for k in range(len(cues) + 1)]
        return cls(len(low) != len(text), words, [m.start() for m in found], ends, negated, bag_ends, stems,
                   condition, cues, [c.end for c in cues], seen, condition_ends, sorted(breaks))

    def before(self, at: int) -> tuple[list[str], bool, bool]:
        """The bag's last stems before offset ``at`` (of the lower-cased text), whether a negation
        and whether a condition word comes before it."""
        k = bisect_right(self.bag_ends, at)
        return self.stems[max(0, k - _WINDOW):k], self.negated[bisect_right(self.ends, at)], self.condition[k]

    def word_before(self, at: int) -> str | None:
        """The last word in the :data:`_WINDOW_CHARS` characters before offset ``at``, "<start>" for none; None
        where the window's own words may differ from the sentence's (a word cut by its edge, a lower-casing
        that shifted offsets): the caller reads the window then."""
        k = bisect_right(self.ends, at)  # the words that end before ``at``
        if self.shifted or (k < len(self.ends) and self.starts[k] < at):
            return None
        if not k or self.ends[k - 1] <= at - _WINDOW_CHARS:
            return "<start>"
        return self.words[k - 1] if self.starts[k - 1] >= at - _WINDOW_CHARS else None

    def word_after(self, at: int) -> str | None:
        """The first word in the :data:`_WINDOW_CHARS` characters from offset ``at``, "<end>" for none; None
        where the window's own words may differ from the sentence's (as :meth:`word_before`)."""
        k = bisect_right(self.ends, at)  # the first word that ends after ``at``
        if self.shifted or (k < len(self.ends) and self.starts[k] < at):
            return None
        if k == len(self.ends) or self.starts[k] >= at + _WINDOW_CHARS:
            return "<end>"
        return self.words[k] if self.ends[k] <= at + _WINDOW_CHARS else None

    def cue_class_before(self, at: int) -> str | None:
        """The relation of the last cue word that ends before offset ``at`` (of the lower-cased text)."""
        k = bisect_right(self.cue_ends, at)
        return self.cues[k - 1].cls if k else None

    def cue_features(self, start: int, end: int, role: str) -> list[str]:
        """What binds the phrase at ``start``-``end`` to the cues around it: the nearest cue before
        and after it (its relation, its slot word, how many words away, whether a clause opens
        between, whether the condition is named on the cue's far side: "<condition> is caused by
        X", "X can cause <condition>"), and every cue class before it.

        >>> t = "Kidney stones can be caused by dehydration."
        >>> feats = _SentenceWords.of(t, frozenset({"kidney"})).cue_features(t.index("dehydration"), len(t) - 1, "")
        >>> feats[1:3], feats[4:]
        (['cue<cause', 'cue<cause|d1'], ['cue<caus|by', 'cue<caus|by|condition_first'])
        """
        out = []
        first = bisect_right(self.ends, start)  # the phrase's first word's index
        last = bisect_right(self.ends, end)  # the index of the first word after the phrase
        k = bisect_right(self.cue_ends, start)
        out += self.seen[k]
        if k:
            cue = self.cues[k - 1]
            s = cue.strings
            gap = _band(first - cue.index - 1, _WORD_BANDS)
            out += [s.before, s.before_gap[gap], s.before_role[role], s.before_slot]
            if bisect_right(self.breaks, start) > bisect_right(self.breaks, cue.start):
                out.append(s.before_break)
            if bisect_right(self.condition_ends, cue.start):
                out.append(s.condition_first)
        cue = next((c for c in self.cues[k:] if c.start >= end), None)
        if cue is not None:
            s = cue.strings
            out += [s.after, s.after_gap[_band(cue.index - last, _WORD_BANDS)], s.after_slot]
            if bisect_right(self.breaks, cue.start) > bisect_right(self.breaks, end):
                out.append(s.after_break)
            if len(self.condition_ends) > bisect_right(self.condition_ends, cue.end):
                out.append(s.condition_after)
        return out


def _cue_class(stems: list[str], k: int) -> str | None:
    """The relation the ``k``-th word signals, if it is a cue: a risk word with a lowering word just
    before it ("lower the risk"), or a lowering word with a risk word just after it, is prevention.

    >>> words = [stem(w) for w in "smoking raises the risk and exercise lowers the risk".split()]
    >>> [(w, c) for k, w in enumerate(words) if (c := _cue_class(words, k))]
    [('risk', 'risk'), ('lower', 'prevention'), ('risk', 'prevention')]
    """
    cls = _CUE.get(stems[k])
    if cls == "risk" and any(s in _DECREASE for s in stems[max(0, k - 3):k]):
        return "prevention"
    if cls is None and stems[k] in _DECREASE and any(_CUE.get(s) == "risk" for s in stems[k + 1:k + 4]):
        return "prevention"
    return cls


@lru_cache(maxsize=4096)  # asked for each entry of a list, of the list's one lead-in
def _last_cue_class(text: str) -> str | None:
    """The relation the last cue word of ``text`` signals (a list's lead-in: "Symptoms include:"), if any."""
    cues = _SentenceWords.of(text, frozenset()).cues
    return cues[-1].cls if cues else None


@lru_cache(maxsize=4096)  # asked for each later sentence of the paragraph
def _opening_cues(paragraph: str) -> tuple[str, ...]:
    """The relations the cue words of a paragraph's first sentence signal, as "topic<" features: the
    sentence that opens a paragraph often names what the rest of it lists ("X is caused by ... In addition, ...")."""
    first = next(split_sentences(paragraph), (0, ""))[1]
    return tuple(f"topic<{c}" for c in sorted({cue.cls for cue in _SentenceWords.of(first, frozenset()).cues}))


@lru_cache(maxsize=4096)  # asked for every sentence under a heading, and a site's headings recur
def _heading_words(prefix: str, heading: str) -> tuple[str, ...]:
    """The features of a heading's (or an FAQ question's) first stemmed words."""
    return tuple(f"{prefix}{w}" for w in bag(heading)[:6])


#: the upper bounds of a distance's first bands (a distance past the last is in the last band): words between a
#: cue and a phrase (next to, near, in the clause, far); paragraphs and lists since the heading (its first, the
#: next few, further, far)
_WORD_BANDS = (0, 2, 5)
_HEADING_BANDS = (1, 3, 7)


def _band(n: int, bounds: tuple[int, ...]) -> int:
    """The band of distance ``n``: the number of ``bounds`` it exceeds.

    >>> [_band(n, _WORD_BANDS) for n in (-1, 0, 1, 2, 3, 5, 6)]
    [0, 0, 1, 1, 2, 2, 3]
    """
    return bisect_left(bounds, n)


def _sentence_features(sentence: Sentence, view: ArticleView) -> list[str]:
    ctx = sentence.context
    roles = heading_roles(ctx.heading) if ctx.heading else ()
    # a heading that names no role ("Behavior") takes the role of the nearest enclosing one that does ("Symptoms")
    role = roles[0] if roles else next((r for h in ctx.outer if (r := heading_role(h))), None)
    qrole = heading_role(ctx.question) if ctx.question else None
    prole, pprole = view.paragraph_role(ctx.paragraph), view.paragraph_role(ctx.previous)
    out = ["bias", f"hrole={role}", f"kind={ctx.kind}", f"qrole={qrole}", f"prole={prole}",
           f"hrole={role}|kind={ctx.kind}", f"pprole={pprole}"]
    # a scraped page keeps some of its headings and loses others, so a heading may stand over sections it does
    # not name: where the paragraph's words (or its lead-in's) say another role, the model weighs the two
    region = view.regions.get(sentence.start)
    out.append(f"rrole={region}")
    for which, said in (("p", prole), ("pp", pprole), ("r", region)):
        if role and said and said != role:
            out += [f"{which}differs|hrole={role}", f"{which}differs|{which}role={said}"]
    if ctx.heading:
        far = _band(ctx.since_heading, _HEADING_BANDS)
        out += [f"hdist={far}", f"hrole={role}|hdist={far}"]
    out += [f"hrole_also={r}" for r in roles[1:]]
    if role and not roles:
        out.append("hrole_inherited")
    if ctx.kind == "item":
        out.append(f"item_pos={min(ctx.position, 3)}")
        if ctx.lead:
            out += [f"lead:{w}" for w in bag(ctx.lead)[-8:]]
            lead_words = set(_WORD.findall(_lower(ctx.lead)))
            if lead_words & _NEGATION:
                out.append("neg_lead")  # "Things that do not help:", "X is not caused by:"
            if lead_words & _HEDGE:
                out.append("hedge_lead")
            lead_cue = _last_cue_class(ctx.lead)
            if lead_cue:
                out += [f"leadcue={lead_cue}", f"leadcue={lead_cue}|{role}"]
    else:
        out.append(f"sent_pos={min(ctx.position, 3)}")
        if ctx.position:
            out += _opening_cues(ctx.paragraph)
    if ctx.heading:
        out += _heading_words("h:", ctx.heading)
    if ctx.question:
        out += _heading_words("q:", ctx.question)
    words = set(view.sentence_words(sentence).words)
    if words & _NEGATION:
        out.append("neg_sentence")
    if words & _HEDGE:
        out.append("hedge")
    if sentence.text.endswith(":"):
        out.append("lead_in")
    cuts = segments(sentence.text)
    out.append(f"segments={min(len(cuts), 6)}")
    if cuts:
        out += [f"clause:{w}" for w in bag(sentence.text[cuts[0][0]:cuts[0][1]])[:10]]
    return out


@dataclass(slots=True)  # not frozen, though never changed: see medkg.extract.candidates.Candidate
class _Name:
    """What the features read of a candidate's name alone (cached: names recur across candidates)."""

    length: str  # the "len=" feature
    words: list[str]  # head, first word, words, inner function words, a function word first
    digit: bool
    types: tuple[str, ...]  # the lexicon's semantic types
    sem: list[str]  # the "sem=" features of its id prefixes
    mesh: list[str]  # the "sem=" features of its MeSH categories and branches
    role_prefixes: tuple[str, ...]  # the two best prefixes, joined with the section's role
    role_categories: tuple[str, ...]  # its MeSH categories, joined with the section's role
    stems: frozenset[str] | None  # the bag's stems; None for a name without words


@lru_cache(maxsize=1 << 14)  # an article's names, and the commonest: each holds ~1 KB of strings
def _name(name: str, semantic: SemanticTypes) -> _Name:
    name_words = _WORD.findall(_lower(name))
    out = []
    if name_words:
        stems = [stem(w) for w in name_words[:8]]
        out += [_HEAD[stem(name_words[-1])], _FIRST[stems[0]], *map(_W.__getitem__, stems)]
        inner = sum(1 for w in name_words[1:] if w in START_AFTER)
        out.append(_INNER[min(inner, 3)])
        if name_words[0] in START_AFTER or name_words[0] in _COORDINATORS:
            out.append(_FUNCTION_WORD_FIRST)
        out += _morphology(name, name_words)
    types = semantic(name)
    typed_as = types or _tail_types(name, semantic)  # an unknown name is typed by its end
    prefixes = tuple(t for t in typed_as if ":" not in t)
    if types:
        sem, mesh = [_SEM[t] for t in prefixes], [_SEM[t] for t in types if ":" in t]
    else:  # under features of their own, joined with the role as a known name's are
        sem, mesh = ["sem=none", *(_TAIL[t] for t in prefixes)], [_TAIL[t] for t in typed_as if ":" in t]
    return _Name(_LENGTH[min(len(name_words), 7)], out, any(map(str.isdigit, name)), types, sem, mesh,
                 prefixes[:2], tuple(t for t in typed_as if len(t) == _MESH_CATEGORY),
                 frozenset(stem(w) for w in name_words if w not in _STOP) if name_words else None)


def _tail_types(name: str, semantic: SemanticTypes) -> tuple[str, ...]:
    """The prefixes and MeSH categories of the longest lexicon term (of up to :data:`_TAIL_WORDS` words)
    ending a name the lexicon does not know. English phrases end in their head, so "very young children"
    is a population group and "exposure to ticks" an organism; a branch is finer than a phrase's end can
    carry, so branches are left out.

    >>> _tail_types("very young children", lambda p: ("MESH", "MESH:M", "MESH:M01") if p == "children" else ())
    ('MESH', 'MESH:M')
    """
    parts = name.split()
    for k in range(min(len(parts) - 1, _TAIL_WORDS), 0, -1):
        if types := semantic(" ".join(parts[-k:])):
            return tuple(t for t in types if ":" not in t or len(t) == _MESH_CATEGORY)
    return ()


#: the most words of a name's end looked up as a term of its own
_TAIL_WORDS = 3


#: the length of a MeSH category type ("MESH:M"; a branch is "MESH:M01")
_MESH_CATEGORY = len("MESH:M")

#: the shortest word whose last letters are read as a suffix (shorter words are their own ``w:`` feature)
_SUFFIX_WORD = 6


def _morphology(name: str, name_words: list[str]) -> list[str]:
    """What the name's spelling says of its kind where its words are too rare for their own features to
    be learnt: its head word's suffix ("-virus", "-itis", "-scopy", "-ectomy"), its first word's ("-ing":
    an activity), and its words' shapes (a capitalised genus and a lower-case species, a symbol of
    capitals and digits).

    >>> _morphology("Babesia microti", ["babesia", "microti"]), _morphology("RNF213", ["rnf"])
    (['suf3=oti', 'suf4=roti', 'fsuf=sia', 'shape=Xx x'], ['shape=Xd'])
    """
    head, first = name_words[-1], name_words[0]
    out = [_SUF3[head[-3:]], _SUF4[head[-4:]]] if len(head) >= _SUFFIX_WORD else []
    if len(name_words) > 1 and len(first) >= _SUFFIX_WORD - 1:
        out.append(_FIRST_SUFFIX[first[-3:]])
    return [*out, _SHAPE[_shape(name)]]


def _shape(name: str) -> str:
    """The shapes of the name's first three words: "X" capitals, "Xx" capitalised, "x" lower case, "d"
    added for digits, "+" for more words.

    >>> _shape("CA-125 blood test"), _shape("Paget's disease of bone"), _shape("E. coli")
    ('Xd x x', 'Xx x x+', 'Xx x')
    """
    tokens = name.split()[:4]
    return " ".join(map(_word_shape, tokens[:3])) + ("+" if len(tokens) > 3 else "")


def _word_shape(token: str) -> str:
    """One word's shape, as :func:`_shape` spells it."""
    letters = [ch for ch in token if ch.isalpha()]
    if not letters:
        shape = ""
    elif len(letters) > 1 and all(ch.isupper() for ch in letters):
        shape = "X"
    else:
        shape = "Xx" if letters[0].isupper() else "x"
    return shape + ("d" if any(ch.isdigit() for ch in token) else "")


#: values a :class:`_Joined` keeps before it starts again (a corpus's words are some tens of thousands)
_JOINED_LIMIT = 1 << 16


class _Joined(dict):
    """``prefix`` and a value as one feature string, made once and interned: a candidate's features
    repeat a few thousand strings (its section role, the words before and after it), and a string
    kept keeps its hash, so the model's look-up (whose keys are interned too) neither formats,
    hashes nor compares it again."""

    __slots__ = ("prefix",)

    def __init__(self, prefix: str) -> None:
        super().__init__()
        self.prefix = prefix

    def __missing__(self, value: object) -> str:
        if len(self) >= _JOINED_LIMIT:
            self.clear()
        joined = self[value] = sys.intern(f"{self.prefix}{value}")
        return joined


_LEX, _WHOLE, _SEG, _PRE, _PREV = _Joined("lex="), _Joined("whole="), _Joined("seg="), _Joined("pre:"), _Joined("prev=")
#: a name's own features (:func:`_name`), by stem or count, as the same interned strings
_HEAD, _FIRST, _W, _SEM = _Joined("head="), _Joined("first="), _Joined("w:"), _Joined("sem=")
_SUF3, _SUF4, _FIRST_SUFFIX, _SHAPE = _Joined("suf3="), _Joined("suf4="), _Joined("fsuf="), _Joined("shape=")
_TAIL = _Joined("tail=")
_CUE_SEM = _Joined("cuesem=")
_INNER = tuple(sys.intern(f"inner_function_words={k}") for k in range(4))
_LENGTH = tuple(sys.intern(f"len={k}") for k in range(8))
_FUNCTION_WORD_FIRST = sys.intern("function_word_first")
_PREVW, _NEXTW = _Joined("prevw="), _Joined("nextw=")
#: a cue's relation with the section role ("cue<cause|hrole=symptom"), and the "cues<" feature of each relation
_CUE_ROLE = {cls: _Joined(f"cue<{cls}|") for cls in set(_CUE.values())}
_CUES_SEEN = {cls: sys.intern(f"cues<{cls}") for cls in set(_CUE.values())}
_OTHER_SUBJECT, _OTHER_SUBJECT_CUE = sys.intern("other_subject"), _Joined("other_subject|cue<")


@dataclass(frozen=True, slots=True)
class _RoleStrings:
    """The features joining a section role with something of the candidate, one :class:`_Joined` each."""

    sem: _Joined
    whole: _Joined
    lex: _Joined
    neg: _Joined
    prevw: _Joined


class _ByRole(dict):
    def __missing__(self, role: str) -> _RoleStrings:
        made = self[role] = _RoleStrings(*(_Joined(f"{role}|{k}=") for k in ("sem", "whole", "lex", "neg", "prevw")))
        return made


_BY_ROLE = _ByRole()


def features(c: Candidate, view: ArticleView) -> list[str]:
    """The feature strings of candidate ``c``: its sentence's (:meth:`ArticleView.sentence_features`), then
    its own (:func:`own_features`)."""
    return [*view.sentence_features(c.sentence), *own_features(c, view)]


def own_features(c: Candidate, view: ArticleView) -> list[str]:
    """The features of candidate ``c`` that follow its sentence's: apart, so that scoring looks up and sums
    a sentence's features once for all its candidates (~11 each, ~40% of their features)."""
    text = c.sentence.text
    local_start, local_end = c.start - c.sentence.start, c.end - c.sentence.start
    name = _name(c.name, view.semantic)
    shared = view.sentence_features(c.sentence)
    subject = view.subjects.get(c.sentence.start)
    # in a sentence about another disease, what the phrase is and the cues around it tell of that disease
    # ("Measles is caused by <a virus>"): the model sees, in their place, that the sentence is about another one
    about_other = subject is not None and subject <= local_start
    out = [_LEX[c.lexical], _WHOLE[c.whole], name.length, _SEG[min(c.segment, 4)], *([] if about_other else name.words)]
    if c.name[:1].isupper() and local_start > 0:
        out.append("capital")
    if name.digit:
        out.append("digit")
    if c.seg_start == local_start:
        out.append("at_seg_start")
    if c.seg_end == local_end:
        out.append("at_seg_end")
    # what the phrase is: its own semantic type (the lexicon's id prefixes, and MeSH's branch of it, which,
    # like its words, tells what the other disease has in a sentence about another one: "caused by a virus")
    out += name.sem if about_other else [*name.sem, *name.mesh]
    role = shared[1]
    by_role = _BY_ROLE[role]
    out += [by_role.sem[t] for t in (name.role_prefixes if about_other else name.role_prefixes + name.role_categories)]
    if name.stems is not None and name.stems <= view.condition_words:
        out.append("is_condition")
    # its words around
    words = view.sentence_words(c.sentence)
    at_start = len(_lower(text[:local_start])) if words.shifted else local_start  # offsets in the lower-cased text
    at_end = len(_lower(text[:local_end])) if words.shifted else local_end
    near, negated, condition_before = words.before(at_start)
    out += [_PRE[w] for w in near]
    if near:
        out.append(_PREV[near[-1]])
    # the words next to it, within a few characters: found among the sentence's words, or else read there
    prev_word = words.word_before(local_start)
    if prev_word is None:
        prev_raw = _WORD.findall(_lower(text[max(0, local_start - _WINDOW_CHARS):local_start]))[-1:]
        prev_word = prev_raw[0] if prev_raw else "<start>"
    out.append(_PREVW[prev_word])
    next_word = words.word_after(local_end)
    if next_word is None:
        next_raw = _WORD.findall(text[local_end:local_end + _WINDOW_CHARS].lower())[:1]
        next_word = next_raw[0] if next_raw else "<end>"
    out.append(_NEXTW[next_word])
    if about_other:  # with the relation the sentence states of the other disease
        out += [_OTHER_SUBJECT, _OTHER_SUBJECT_CUE[words.cue_class_before(at_start)]]
    else:
        out += words.cue_features(at_start, at_end, role)
        # the cue says which slot the phrase fills, its type which kind of thing fills it: a drug is a treatment,
        # but not after "caused by"; a population group after "risk" is a risk factor, after "symptoms" not one
        cue = words.cue_class_before(at_start) or (_last_cue_class(c.sentence.context.lead)
                                                   if c.sentence.context.lead else None)
        if cue:
            out += [_CUE_SEM[f"{cue}|{t}"] for t in name.role_prefixes + name.role_categories]
    if negated:
        out.append("neg_before")
    if view.condition_words and condition_before:
        out.append("condition_before")
    other = view.others.get(c.sentence.start)
    if other is not None and other <= local_start:
        out.append("other_disease_before")
    if c.sentence.context.lead in view.other_texts:
        out.append("other_disease_lead")
    # the section's role with the phrase's shape and cue: what a finding looks like differs by section
    # (a whole list item under "Prevention", a lexicon term after "include" under "Causes")
    out += [by_role.whole[c.whole], by_role.lex[c.lexical], by_role.neg[negated], by_role.prevw[prev_word]]
    return out
