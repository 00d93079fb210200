"""Extraction's shortcuts give what the plain computations give, bit for bit: a sentence's features scored
once for all its candidates, the section model's sums for all roles at once, decoding's overlap test by
bisection, the separators' look-ahead."""

from __future__ import annotations

import random
import re
from dataclasses import replace

import numpy as np

from medkg.extract import _content_blocks, is_term, language, metadata, section_model, semantic_types
from medkg.extract.candidates import _SEPARATOR, split_sentences
from medkg.extract.classifier import load_model
from medkg.extract.features import _WORD, _SentenceWords, own_features
from medkg.extract.findings import (
    _DENIED,
    Spans,
    _denied,
    _read,
    article_features,
    condition_words,
    decode,
    extract_findings,
    score,
)
from medkg.extract.metadata import _ALSO
from medkg.pipeline import reader_for


def _articles(shared, n):
    paths = sorted(p for p in (shared / "corpus" / "dev").iterdir() if p.is_file())[:n]
    return [reader_for(p)(p) for p in paths]


def test_a_sentences_features_scored_once_give_the_same_probabilities_and_findings(shared):
    model = load_model()
    for article in _articles(shared, 6):
        name = metadata.condition_name(article)
        names = (name, *metadata.synonyms(article, name))
        content = replace(article, blocks=_content_blocks(article))
        cands, rows = article_features(content, names, is_term, semantic_types)
        view, again = _read(content, names, is_term, semantic_types)
        sentences = {c.sentence.start: c.sentence for c in again}
        shared_rows = [view.sentence_features(s) for s in sentences.values()]
        of = [list(sentences).index(c.sentence.start) for c in again]
        own = [own_features(c, view) for c in again]
        assert [[*shared_rows[k], *o] for k, o in zip(of, own, strict=True)] == rows
        assert np.array_equal(model.probabilities(own, shared_rows, of), model.probabilities(rows))
        found = extract_findings(content, names, model, is_term, semantic_types)
        assert found and found == decode(score(cands, rows, model), model.thresholds, condition_words(names))


def test_the_section_models_sums_are_each_roles_sum_in_order(shared):
    model = section_model._model()
    vocab = model["vocab"]

    def plain(text: str) -> str | None:  # the model read role by role, word by word
        ids = [vocab[w] for w in section_model.words(text) if w in vocab]
        if len(ids) < 4:
            return None
        scores = {r: p + sum(model["likelihood"][r][i] for i in ids) for r, p in model["priors"].items()}
        ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
        return ranked[0][0] if ranked[0][1] - ranked[1][1] >= 2.0 else None

    texts = [b.text for a in _articles(shared, 36) for b in a.blocks]
    roles = [section_model.classify(t) for t in texts]
    assert roles == [plain(t) for t in texts]
    assert len({r for r in roles if r}) >= 4


def test_spans_taken_overlap_none_and_every_refused_span_overlaps_one():
    rng = random.Random(7)
    for _ in range(200):
        spans, taken = Spans(), []
        for _ in range(rng.randrange(1, 40)):
            start = rng.randrange(0, 120)
            end = start + rng.randrange(1, 15)
            overlaps = any(start < b and a < end for a, b in taken)
            assert spans.take(start, end) is not overlaps
            if not overlaps:
                taken.append((start, end))


def test_the_separators_look_ahead_changes_no_match(shared):
    plain = re.compile(_SEPARATOR.pattern.replace(r"(?=[\s,;:()\[\]•·*|—–.!?-])", "", 1), _SEPARATOR.flags)
    assert plain.pattern != _SEPARATOR.pattern
    texts = ["Symptoms include fever, chills, and sore throat (pharyngitis).", "- a", "a -", "x — y – z",
             "pain  swelling\nredness", "risk 12.5% higher", "A versus B vs. C and/or D; E: F | G • H · I * J [K]",
             "Done?!", "and or", "  "]
    texts += [t for a in _articles(shared, 36) for b in a.blocks for _, t in split_sentences(b.text)]
    for text in texts:
        assert [m.span() for m in _SEPARATOR.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_the_words_next_to_an_offset_are_the_windows_words(shared):
    """Where :meth:`_SentenceWords.word_before`/``word_after`` answer, they answer what the 40 characters
    before/after the offset give, at every offset of every sentence."""
    texts = ["İstanbul fever and \u212aelvin-signs", "a" * 45 + " pain", "pain " + "b" * 45, "x-'y '-z- ok",
             "ΣΑΣ fever"]
    texts += [t for a in _articles(shared, 36) for b in a.blocks for _, t in split_sentences(b.text)][:3000]
    for text in texts:
        words = _SentenceWords.of(text, frozenset())
        for at in range(len(text) + 1):
            before, after = words.word_before(at), words.word_after(at)
            window = _WORD.findall(text[max(0, at - 40):at].lower())
            assert before is None or before == (window[-1] if window else "<start>"), (text, at)
            window = _WORD.findall(text[at:at + 40].lower())
            assert after is None or after == (window[0] if window else "<end>"), (text, at)
    # and they answer for nearly every candidate
    article = _articles(shared, 1)[0]
    cands = _read(article, (metadata.condition_name(article),), is_term, semantic_types)[1]
    answers = [(_SentenceWords.of(c.sentence.text, frozenset()).word_before(c.start - c.sentence.start),
                _SentenceWords.of(c.sentence.text, frozenset()).word_after(c.end - c.sentence.start)) for c in cands]
    assert sum(None not in pair for pair in answers) > 0.9 * len(cands) > 100


def test_a_negation_before_a_phrase_is_found_searching_from_its_last_words(shared):
    texts = ["It causes no ", "It is not\u00a0 \n", "cannot", "with or without ", "rashes with or without", "x.without",
             "Doesn’t ", "NEITHER  ", "snot ", "Kelvin: \u212anot ", "it did not", "it did not cause"]
    texts += [t[:k] for a in _articles(shared, 12) for b in a.blocks for _, t in split_sentences(b.text)
              for k in range(len(t) + 1)]
    assert sum(_denied(t) for t in texts) > 100
    assert [_denied(t) for t in texts] == [_DENIED.search(t) is not None for t in texts]


def test_the_look_ahead_of_also_called_changes_no_match(shared):
    plain = re.compile(_ALSO.pattern.replace("(?=[acfos])", "", 1), _ALSO.flags)
    assert plain.pattern != _ALSO.pattern
    texts = ["Dry eye, also called keratoconjunctivitis sicca, is common.", "FOO (a.k.a. bar) is", "x aka y.",
             "Eye Also known as pink eye.", "ſometimes called X.", "OFTEN REFERRED TO AS Y; z", "commonly named Q"]
    texts += [b.text for a in _articles(shared, 36) for b in a.blocks]
    found = [[(m.span(), m.group("names")) for m in _ALSO.finditer(t)] for t in texts]
    assert found == [[(m.span(), m.group("names")) for m in plain.finditer(t)] for t in texts]
    assert sum(map(bool, found)) >= 10


def test_language_counts_are_the_function_words_counted_one_by_one(shared):
    texts = [a.text for a in _articles(shared, 36)] + ["La neutropenia es una cantidad baja de neutrófilos en la "
                                                       "sangre y los pacientes con esta condición pueden " * 3]
    for text in texts:
        words = [w.lower() for w in language._WORD.findall(text[:20000])]
        counts = {code: sum(1 for w in words if w in vocab) for code, (_, vocab) in language._LANGUAGES.items()}
        best = max(counts, key=lambda code: (counts[code], code == "en"))
        assert language.detect(text) == ((best, language._LANGUAGES[best][0]) if counts[best] else None)
    assert language.detect(texts[-1])[0] == "es" and language.detect(texts[0])[0] == "en"
