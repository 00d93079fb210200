"""Names from phrases (cleaning, coordination), and the doctests of the extraction modules."""

from __future__ import annotations

import doctest

import pytest

from medkg.extract import candidates, features, findings, language, metadata, phrases, roles, train
from medkg.extract.candidates import Context, Sentence, segments, sentence_candidates, split_sentences
from medkg.extract.phrases import clean_name, split_coordination


@pytest.mark.parametrize("module", [phrases, roles, metadata, findings, candidates, features, language, train])
def test_doctests(module):
    assert doctest.testmod(module).failed == 0


@pytest.mark.parametrize(("phrase", "expected"), [
    ("headaches, nausea, and vomiting", ["headaches", "nausea", "vomiting"]),
    ("Chemotherapy with or without phlebotomy", ["Chemotherapy with or without phlebotomy"]),
    ("iron, folate or vitamin D", ["iron", "folate", "vitamin D"]),
    ("sudden, severe joint pain", ["sudden, severe joint pain"]),
])
def test_split_coordination(phrase, expected):
    assert split_coordination(phrase) == expected


@pytest.mark.parametrize(("phrase", "expected"), [
    ("Sometimes, a urinary tract infection.", "urinary tract infection"),
    ("the (rare) rash", "rash"),
    ("...", ""),
])
def test_clean_name(phrase, expected):
    assert clean_name(phrase) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("(Press the key.) A blood test may help.", ["(Press the key.)", "A blood test may help."]),
    ('He said "rest." Then it passed.', ['He said "rest."', "Then it passed."]),
    ("Written by Mary J. Smith. Reviewed.", ["Written by Mary J. Smith.", "Reviewed."]),
    ("Infection with S. mansoni is common. It spreads.", ["Infection with S. mansoni is common.", "It spreads."]),
    ("Eat well, e.g. fruit. Sleep.", ["Eat well, e.g. fruit.", "Sleep."]),
])
def test_split_sentences(text, expected):
    """A sentence ends after closing brackets or quotes, never after an initial or before a lower-case word."""
    assert [t for _, t in split_sentences(text)] == expected


def test_no_candidate_ends_on_a_function_word():
    """A span is cut short of a dangling article, preposition or determiner: names are whole noun phrases."""
    text = "Family history of certain; numbness in the"
    sentence = Sentence(text, 0, Context(None, "paragraph", None, 0, None, text))
    names = {c.name for c in sentence_candidates(sentence, lambda name: name == "numbness in")}
    assert {"Family history", "numbness"} <= names
    assert not {n for n in names if n.split()[-1] in {"of", "certain", "in", "the"}}


@pytest.mark.parametrize("address", ["vision.healthcommunities.com", "www.nei.nih.gov/health", "https://example.org",
                                     "info@example.co.uk", "who.int/news"])
def test_web_addresses_are_no_candidates(address):
    """A page's credit line or link text names no finding, however a classifier would score it."""
    text = f"Source: {address} Symptoms include blurred vision"
    sentence = Sentence(text, 0, Context(None, "paragraph", None, 0, None, text))
    names = [c.name for c in sentence_candidates(sentence, lambda name: False)]
    assert "blurred vision" in names
    assert not [n for n in names if candidates._ADDRESS.search(n)]
    assert not [n for n in names if "." in n or "@" in n]


@pytest.mark.parametrize("name", ["S. aureus", "E. coli", "vitamin B12", "St. John's wort", "CA-125", "H.pylori",
                                  "U.S. adults"])
def test_names_with_dots_are_no_addresses(name):
    text = f"It is caused by {name}"
    sentence = Sentence(text, 0, Context(None, "paragraph", None, 0, None, text))
    assert name in {c.name for c in sentence_candidates(sentence, lambda phrase: False)}


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Therapy may involve: Injection with botulinum toxin (Botox)  Medications  Surgery",
     ["Therapy may involve", "Injection with botulinum toxin", "Botox", "Medications", "Surgery"]),
    ("Signs and Symptoms Frequency Seizure 90% Ataxia - Microcephaly -",
     ["Signs", "Symptoms Frequency Seizure", "Ataxia", "Microcephaly"]),
])
def test_segments_cut_flattened_lists(sentence, expected):
    assert [sentence[a:b] for a, b in segments(sentence)] == expected
