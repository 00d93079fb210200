"""Names that must share one lexicon key, and names that must not."""

from __future__ import annotations

import pytest

from medkg.ontology.lexicon import normalize, tokens


@pytest.mark.parametrize(("a", "b"), [
    ("Fever", "FEVER"),
    ("Vitamin B-12", "vitamin B12"),
    ("vitamin B 12 deficiency", "Vitamin B12 Deficiency"),
    ("Paget's disease of bone", "Paget disease of bone"),
    ("Paget\u2019s Disease of Bone", "pagets disease bone"),
    ("Down's syndrome", "Down syndrome"),
    ("anaemia", "anemia"),
    ("haemorrhage", "hemorrhage"),
    ("oedema", "edema"),
    ("diarrhoea", "diarrhea"),
    ("paediatric tumours", "pediatric tumor"),
    ("X-rays", "x ray"),
    ("blood tests", "blood test"),
    ("allergies", "allergy"),
    ("headaches", "headache"),
    ("rashes", "rash"),
    ("abscesses", "abscess"),
    ("viruses", "virus"),
    ("sinuses", "sinus"),
    ("causes", "cause"),
    ("diabetes", "Diabetes"),
    ("bleeding gums", "bleeding of the gums"),
    ("non-small-cell lung cancer", "non small cell lung cancer"),
    ("renal failure", "kidney failure"),
    ("Kidney disorders", "kidney diseases"),
    ("Glycogen storage disease type XIII", "glycogen storage disease 13"),
    ("Stage IV cancer", "stage 4 cancer"),
    ("caf\u00e9-au-lait spots", "cafe au lait spot"),
])
def test_same_key(a: str, b: str) -> None:
    assert normalize(a) == normalize(b)


@pytest.mark.parametrize(("a", "b"), [
    ("fever", "favor"),
    ("vitamin B12", "vitamin B1"),
    ("type 1 diabetes", "type 2 diabetes"),
    ("no fever", "fever"),
    ("IV fluids", "4 fluids"),
])
def test_different_keys(a: str, b: str) -> None:
    assert normalize(a) != normalize(b)


def test_filler_words_are_dropped() -> None:
    assert tokens("a lack of the strength in your legs") == ["lack", "strength", "leg"]


@pytest.mark.parametrize("phrase", [
    "type II diabetes", "disease type XIII", "vitamin B 12 deficiency", "Vitamin A", "a fever", "hepatitis A",
    "stage iv cancer", "Paget's  disease of bone", "it's 2 mg", "colour of the centre", "paralysed arm",
    "fever`chills", "oesophagus_x", "caf\u00e9-au-lait spots", "fever\u2013chills", "renal failures, type 1",
])
def test_pieces_read_as_the_whole(phrase: str) -> None:
    """A phrase normalised piece by piece (the cached fast path) gives the key the whole text gives."""
    from medkg.ontology.lexicon import _tokens

    _tokens.cache_clear()
    assert normalize(phrase) == " ".join(_tokens(phrase))
