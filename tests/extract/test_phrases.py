"""Names from list items and enumerations: coordination, glosses, examples, qualifiers."""

from __future__ import annotations

import doctest

import pytest

from medkg.extract import findings, metadata, phrases, roles
from medkg.extract.phrases import names_in


@pytest.mark.parametrize("module", [phrases, roles, metadata, findings])
def test_doctests(module):
    assert doctest.testmod(module).failed == 0


@pytest.mark.parametrize(("phrase", "expected"), [
    ("Fever or chills—may come on quickly", [("Fever", "may come on quickly"), ("chills", "may come on quickly")]),
    ("Yellowish skin or whites of the eyes— jaundice", [("jaundice", None)]),
    ("Certain medicines such as antidepressants or antihistamines",
     [("Certain medicines", None), ("antidepressants", None), ("antihistamines", None)]),
    ("Itching all over the body, especially after being in warm water",
     [("Itching all over the body", "especially after being in warm water")]),
    ("headaches, nausea, and vomiting", [("headaches", None), ("nausea", None), ("vomiting", None)]),
    ("Chemotherapy with or without phlebotomy", [("Chemotherapy with or without phlebotomy", None)]),
    ("a rare condition called cystinuria", [("cystinuria", None)]),
    ("Sometimes, a urinary tract infection.", [("urinary tract infection", None)]),
    ("1,200 mg of calcium", [("1,200 mg of calcium", None)]),
    ("women and in people over 60", [("women", None), ("people over 60", None)]),
    ("thyroid surgery, radiation to the neck, some medicines",
     [("thyroid surgery", None), ("radiation to the neck", None), ("some medicines", None)]),
    ("steroids or drugs taken after a transplant", [("steroids", None), ("drugs taken", "after a transplant")]),
    ("iron, folate or vitamin D", [("iron", None), ("folate", None), ("vitamin D", None)]),
    ("Apply steroid creams to calm flare-ups", [("steroid creams", "to calm flare-ups")]),
    ("are overweight", [("overweight", None)]),
])
def test_names(phrase, expected):
    assert [(n.name, n.qualifier) for n in names_in(phrase)] == expected


def test_needs_never_hide_a_match():
    """A pattern's cheap word test passes on every held-out sentence its regex matches."""
    import re
    from pathlib import Path

    from medkg.extract.prose import PATTERNS

    text = " ".join(p.read_text(encoding="utf-8") for p in Path(__file__).with_name("heldout").glob("*.*"))
    sentences = re.split(r"(?<=[.!?:])\s+|\n+", text)
    for pattern in (p for p in PATTERNS if p.needs):
        for sentence in sentences:
            if pattern.regex.search(sentence):
                assert pattern.may_match(sentence.lower()), (pattern.regex.pattern, sentence)
