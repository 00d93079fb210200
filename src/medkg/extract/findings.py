"""Findings from an article: candidates (:mod:`.candidates`) classified (:mod:`.classifier`), then decoded.

Decoding keeps, for each stretch of words, the one reading the model is surest of: candidates
are taken best first, and one that overlaps a span already taken is dropped, so "Injection
with botulinum toxin (Botox)" gives one finding, not three. A finding named twice in one
relation is one finding with both quotes and the higher confidence; a less sure finding that is
only another finding's complement in its segment ("Family history of certain genetic problems") is not
one of its own.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from medkg.extract.candidates import DANGLING, Candidate, TermTest, candidates
from medkg.extract.classifier import NONE, Model
from medkg.extract.features import ArticleView, SemanticTypes, features, own_features, stem
from medkg.extract.phrases import word_set
from medkg.model import Article, Evidence, Finding, Relation

_STOP = word_set("a an the of in on to and or with for by at from as is are be may can your their its his her "
                  "some certain other such that this these those which who than into about")

#: a negation right before a phrase denies it ("causes no pain", "is not caused by bacteria"; not "with or
#: without"): its words are read, so no shorter or longer reading of them is taken instead, but they state no finding
_DENIED = re.compile(r"(?:\b(?:no|not|never|(?<!with or )without|cannot|neither|nor)|n[’']t)\s*$", re.IGNORECASE)

#: the longest word :data:`_DENIED` ends on
_DENIED_LONGEST = 7


def _denied(before: str) -> bool:
    """Whether ``before`` ends on a negation (:data:`_DENIED`). A match ends where the text's trailing spaces
    start, so it starts at most :data:`_DENIED_LONGEST` characters before: the search starts there, not at
    the sentence's start (searching from an offset, ``\\b`` and the look-behind still see the text before it)."""
    return _DENIED.search(before, max(0, len(before.rstrip()) - _DENIED_LONGEST)) is not None


#: the words that tie a phrase to its complement ("therapy to the spleen", "history of certain problems"):
#: prepositions and determiners, not coordination or examples ("rashes with or without itching",
#: "pain relievers such as ibuprofen" name two things)
_COMPLEMENT = DANGLING - word_set("and or nor but as such with than")


_ALNUM = re.compile(r"[a-z0-9]+")


def content_words(text: str) -> set[str]:
    """Content words as the gold scorer counts them: lower case, no stop words, plural -s dropped."""
    toks = _ALNUM.findall(str(text).lower().replace("-", " "))
    return {t[:-1] if len(t) > 3 and t.endswith("s") and not t.endswith("ss") else t for t in toks if t not in _STOP}


def same_thing(a: set[str], b: set[str] | frozenset[str]) -> bool:
    """Whether two names (as content words) name one thing, by the scorer's rule: Jaccard >= 0.5,
    or ``a`` inside ``b`` carrying >= 40% of its words. Names without a word in common (most pairs decoding
    compares) meet neither, which ``isdisjoint`` tells without making the two sets."""
    return bool(a) and bool(b) and not a.isdisjoint(b) and (len(a & b) / len(a | b) >= 0.5
                                                            or (a <= b and len(a) >= 0.4 * len(b)))


@dataclass(slots=True)  # not frozen, though never changed: see medkg.extract.candidates.Candidate
class Scored:
    """A candidate with its best relation (never ``none``) and that relation's probability."""

    candidate: Candidate
    relation: str
    probability: float


def article_features(article: Article, names: tuple[str, ...], is_term: TermTest,
                     semantic: SemanticTypes) -> tuple[list[Candidate], list[list[str]]]:
    """The article's candidates and each one's feature strings."""
    view, cands = _read(article, names, is_term, semantic)
    return cands, [features(c, view) for c in cands]


def _read(article: Article, names: tuple[str, ...], is_term: TermTest,
          semantic: SemanticTypes) -> tuple[ArticleView, list[Candidate]]:
    """The article's candidates, and what their features need to know of the article."""
    view = ArticleView(names, semantic)
    cands = list(candidates(article, is_term))
    view.note_diseases(cands)
    view.note_regions(cands)
    return view, cands


def score(cands: list[Candidate], rows: list[list[str]], model: Model, shared: Sequence[list[str]] = (),
          of: Sequence[int] = (), thresholds: Mapping[str, float] | None = None) -> list[Scored]:
    """Each candidate's most probable relation other than ``none``, with its probability (its features
    as :meth:`Model.probabilities` takes them); with ``thresholds``, only the candidates whose probability
    reaches their relation's, the ones :func:`decode` reads (~1 in 10)."""
    if not cands:
        return []
    probs = _agree_within_lists(cands, model.probabilities(rows, shared, of), model.classes.index(NONE))
    keep = [i for i, c in enumerate(model.classes) if c != NONE]
    sub = probs[:, keep]
    best = sub.argmax(axis=1)
    top = sub[np.arange(len(cands)), best]
    chosen = range(len(cands)) if thresholds is None else \
        np.flatnonzero(top >= np.array([thresholds[model.classes[k]] for k in keep])[best]).tolist()
    return [Scored(cands[i], model.classes[keep[best[i]]], float(top[i])) for i in chosen]


#: a list's items answer its lead-in's one question ("Risk is higher with:"), so an item torn between two
#: relations takes its list's side: its split among the relations is multiplied by the split of the list's
#: other items, each relation's share there first raised by this pseudo-count (so one item's silence on a
#: relation is no veto)
LIST_PRIOR = 0.1


def _agree_within_lists(cands: list[Candidate], probs: np.ndarray, none: int) -> np.ndarray:
    """``probs`` with each list item's chance of being a finding kept and its split among the relations
    weighed by the split of the list's other items (:data:`LIST_PRIOR`). Each item votes once, with the
    relation probabilities of its candidate likeliest to be a finding, so an item's phrases sure to be none
    weigh nothing and a long item does not outvote a short one; a sure item stays sure."""
    finding = 1 - probs[:, none]
    voters: dict[tuple, dict[int, int]] = {}  # list -> item (its sentence's start) -> its voting candidate
    members: list[tuple[int, tuple, int]] = []  # each list item's candidate, its list and its item
    for i, c in enumerate(cands):
        ctx = c.sentence.context
        if ctx.kind == "item":
            key, item = (ctx.heading, ctx.lead, ctx.previous, ctx.since_heading), c.sentence.start
            items = voters.setdefault(key, {})
            if item not in items or finding[i] > finding[items[item]]:
                items[item] = i
            members.append((i, key, item))
    relations = np.arange(probs.shape[1]) != none
    totals = {key: probs[list(items.values())][:, relations].sum(axis=0)
              for key, items in voters.items() if len(items) > 1}
    out = probs.copy()
    for i, key, item in members:
        total = totals.get(key)
        if total is not None and finding[i] > 0:
            weighed = probs[i, relations] * (total - probs[voters[key][item], relations] + LIST_PRIOR)
            out[i, relations] = finding[i] * weighed / weighed.sum()
    return out


def decode(scored: Iterable[Scored], thresholds: Mapping[str, float],
           condition: frozenset[str] = frozenset()) -> tuple[Finding, ...]:
    """Findings from scored candidates that reach their relation's threshold, best first: no two over
    the same words, none that is the condition itself (``condition``: its names' content words), and
    one per thing in each relation (two names of one thing, by :func:`same_thing`, keep the surer one
    and both quotes; a name in brackets right after a finding of the same relation is its gloss,
    "odynophagia (painful swallowing)", "loperamide (Imodium)", so it names that finding's thing,
    not another)."""
    taken = Spans()
    found: list[tuple[set[str], Finding]] = []
    kept: list[tuple[Candidate, int]] = []  # each candidate taken, and the finding it became
    order = sorted((s for s in scored if s.probability >= thresholds[s.relation]),
                   key=lambda s: (-s.probability, s.candidate.start, s.candidate.end))
    for s in order:
        c = s.candidate
        words = content_words(c.name)
        stems = {stem(w) for w in words}
        if not words or words <= condition or not taken.take(c.start, c.end):
            continue
        if _denied(c.sentence.text[:c.start - c.sentence.start]):
            continue
        evidence = _evidence(c)
        same = next((i for i, (w, f) in enumerate(found)
                     if f.relation.value == s.relation and (same_thing(stems, w) or same_thing(w, stems))), None)
        if same is None and any(_complement(k, c) and found[i][1].relation.value == s.relation for k, i in kept):
            continue
        if same is None:
            kept.append((c, len(found)))
            found.append((stems, Finding(Relation(s.relation), c.name, evidence=(evidence,),
                                         extraction_confidence=round(s.probability, 3))))
        else:
            kept.append((c, same))
            if evidence not in found[same][1].evidence:
                old = found[same][1]
                found[same] = (found[same][0], Finding(old.relation, old.name, evidence=(*old.evidence, evidence),
                                                       extraction_confidence=old.extraction_confidence))
    glosses = _glosses(kept, [f for _, f in found])
    return tuple(sorted((f for i, (_, f) in enumerate(found) if i not in glosses),
                        key=lambda f: (f.evidence[0].start or 0, f.relation.value, f.name)))


class Spans:
    """Spans of text that overlap none of the others, in order (so their ends are in order too): whether a
    span overlaps one of them is a bisection, not a pass over them all."""

    __slots__ = ("_taken",)

    def __init__(self) -> None:
        self._taken: list[tuple[int, int]] = []

    def take(self, start: int, end: int) -> bool:
        """Add the span ``start``-``end`` (not empty) unless it overlaps one already taken; whether it was added."""
        at = bisect_left(self._taken, (end,))  # the spans that start before this one ends; the last ends last
        if at and self._taken[at - 1][1] > start:
            return False
        self._taken.insert(at, (start, end))
        return True


def _complement(a: Candidate, b: Candidate) -> bool:
    """Whether one of two spans of a segment is the other's complement (only prepositions and determiners
    between them): "Family history of certain genetic problems" is one risk, not two, so the less sure
    reading is dropped."""
    if a.sentence.start != b.sentence.start or a.segment != b.segment:
        return False
    first, second = sorted((a, b), key=lambda c: c.start)
    between = first.sentence.text[first.end - first.sentence.start:second.start - first.sentence.start]
    return all(w in _COMPLEMENT for w in re.findall(r"[a-z]+", between.lower()))


def _evidence(c: Candidate) -> Evidence:
    """The quote of a finding: its sentence (a list entry of several sentences is read sentence by
    sentence, so an entry that runs on into a page's video or contact notes quotes only the one that
    holds the finding)."""
    s = c.sentence
    return Evidence(s.text, s.start, s.start + len(s.text), s.context.heading)


def _glosses(kept: list[tuple[Candidate, int]], found: list[Finding]) -> set[int]:
    """The findings that are only a bracketed gloss of another finding of their relation (each is
    kept elsewhere under the name before the bracket, so it names no further thing)."""
    ends = {(c.sentence.start, c.end - c.sentence.start): i for c, i in kept}
    out = set()
    for c, i in kept:
        before = c.sentence.text[:c.start - c.sentence.start].rstrip()
        if not before.endswith("("):
            continue
        head = ends.get((c.sentence.start, len(before[:-1].rstrip())))
        if head is not None and head != i and found[head].relation is found[i].relation and head not in out:
            out.add(i)
    return out


def extract_findings(article: Article, names: tuple[str, ...], model: Model, is_term: TermTest,
                     semantic: SemanticTypes) -> tuple[Finding, ...]:
    """The article's findings about the condition called ``names`` (its name first, then synonyms)."""
    view, cands = _read(article, names, is_term, semantic)
    sentences = {c.sentence.start: c.sentence for c in cands}  # each sentence's features, once
    index = {start: k for k, start in enumerate(sentences)}
    scored = score(cands, [own_features(c, view) for c in cands], model,
                   [view.sentence_features(s) for s in sentences.values()], [index[c.sentence.start] for c in cands],
                   model.thresholds)
    return decode(scored, model.thresholds, condition_words(names))


def condition_words(names: tuple[str, ...]) -> frozenset[str]:
    """The content words of the condition's names (a finding made only of them is the condition)."""
    return frozenset(w for n in names for w in content_words(n))
