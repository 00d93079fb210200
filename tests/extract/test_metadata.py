"""The condition's name and other names, wherever a page gives them, in every reader alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from medkg.extract import extract_record
from medkg.pipeline import reader_for

REPO = Path(__file__).resolve().parents[2]

BODY = "Gout is a form of arthritis that causes sudden attacks of joint pain."


@pytest.mark.parametrize(("name", "page", "synonyms"), [
    ("gout.txt", f"Gout\nAlso called: gouty arthritis; podagra\n{BODY}\n", ("gouty arthritis", "podagra")),
    ("gout.md", f"# Gout\n\n*Other names:* gouty arthritis, podagra\n\n{BODY}\n", ("gouty arthritis", "podagra")),
    ("gout.html", f"<h1>Gout</h1><p><b>Also known as:</b> gouty arthritis or podagra</p><p>{BODY}</p>",
     ("gouty arthritis", "podagra")),
    ("gout.md", f"# Gout\n\n## Alternative Names\n\nGouty arthritis; Podagra\n\n## Overview\n\n{BODY}\n",
     ("Gouty arthritis", "Podagra")),
    ("gout.html", "<h1>Gout</h1><table><tr><th>Other names</th><td>Podagra (when it involves the big toe)<sup>[1]</sup>"
     f"</td></tr><tr><th>Specialty</th><td>Rheumatology</td></tr></table><p>{BODY}</p>", ("Podagra",)),
    ("gout.txt", f"Gout\nGoutAlso known as Gouty arthritis\n{BODY}\n", ("Gouty arthritis",)),
    ("gout.txt", "Gout\nGout (a.k.a. podagra) is a form of arthritis that causes sudden joint pain.\n",
     ("podagra",)),
    ("gout.txt", "Gout\nGout, or gouty arthritis, is a form of arthritis that causes sudden joint pain.\n",
     ("gouty arthritis",)),
    ("gout.txt", "Gout\n(Gouty arthritis; Podagra)\n" + BODY + "\n", ("Gouty arthritis", "Podagra")),
])
def test_synonyms_wherever_the_page_puts_them(tmp_path, name, page, synonyms):
    path = tmp_path / name
    path.write_text(page, encoding="utf-8")
    record = extract_record(reader_for(path)(path))
    assert (record.name, record.synonyms) == ("Gout", synonyms)


def test_an_abbreviation_after_the_name_typed_with_another_apostrophe(tmp_path):
    path = tmp_path / "paget.html"
    path.write_text("<title>Paget's Disease</title><p>Doctors call Paget’s disease (PD) a bone disorder.</p>",
                    encoding="utf-8")
    record = extract_record(reader_for(path)(path))
    assert (record.name, record.synonyms) == ("Paget's Disease", ("PD",))


def test_the_shipped_markdown_example_keeps_its_also_called_line():
    path = REPO / "examples" / "iron-deficiency-anemia.md"
    record = extract_record(reader_for(path)(path))
    assert record.synonyms == ("iron deficiency anaemia", "sideropenic anemia")
    assert [a.name for a in record.page.authors] and [r.name for r in record.page.reviewers]


@pytest.mark.parametrize(("title", "name"), [
    ("Helping You Understand Asthma|Medical Health Information and News", "Asthma"),
    ("What are the Common Symptoms of Clinical Depression?|Health News", "Clinical Depression"),
    ("children with DIABETES - What is Type 1 Diabetes?", "Type 1 Diabetes"),
    ("Celiac Disease Defined", "Celiac Disease"),
    ("Alzheimer's Disease Genetics Fact Sheet", "Alzheimer's Disease"),
    ("Flu Information: University of Michigan Health System", "Flu"),
    ("Everything You Need to Know About Rosacea", "Rosacea"),
])
def test_name_from_a_title_that_says_what_the_page_does(title, name):
    from medkg.extract.metadata import title_name

    assert title_name(title) == name


def test_a_heading_naming_only_the_angle_gives_way_to_the_title(tmp_path):
    path = tmp_path / "autism.html"
    path.write_text("<html><head><title>Autism: Symptoms - MayoClinic.com</title></head><body><main><h1>Symptoms</h1>"
                    "<p>Children with autism generally have problems in three crucial areas of development.</p>"
                    "</main></body></html>", encoding="utf-8")
    assert extract_record(reader_for(path)(path)).name == "Autism"


def test_back_matter_gives_no_findings_but_its_citations_are_read(tmp_path):
    from medkg.extract import _content_blocks

    path = tmp_path / "gout.md"
    path.write_text(f"# Gout\n\n{BODY}\n\n## Symptoms\n\n- joint pain\n\n## Glossary\n\n- Uric acid: waste\n\n"
                    "### Purines\n\nPurines are in red meat.\n\n## Selected Bibliography\n\n"
                    "- Lee A, et al. Gout today. Lancet. 2020;395:1.\n\n## Treatment\n\nRest and ice help.\n",
                    encoding="utf-8")
    article = reader_for(path)(path)
    kept = [b.text for b in _content_blocks(article)]
    assert kept == ["Gout", BODY, "Symptoms", "joint pain", "Treatment", "Rest and ice help."]
    assert extract_record(article).page.citations[0].text.startswith("Lee A, et al.")


def test_the_name_before_an_abbreviation_or_another_name_matches_as_its_patterns_do():
    """The string matching of ASCII names and text finds what the case-blind patterns find, and
    other characters (the Kelvin sign and long s match k and s; a no-break space is white space)
    go to the patterns; brackets in the name too."""
    import itertools
    import random

    from medkg.extract.metadata import _name_patterns, _NameAfter

    names = ["Gout", "fragile X syndrome", "Paget's disease", "Paget’s disease", "type 1 (juvenile) diabetes",
             "", "Ask", "X", "a  b"]
    pieces = ["gout", "GOUT", "Gout ", "fragile x", "Fragile\tX\x1c syndrome", "FRAGILE  X\nSYNDROME",
              "fragile x-syndrome", "paget's disease", "PAGET’S DISEASE", "pagets disease",
              "type 1 (juvenile) diabetes", "as\u212a", "\u017fyndrome", "a b", "A\u00a0B", " (FXS)", "(GD)",
              " (a)", "(x(y)z)", "((PD))", ", or gouty arthritis,", " , OR  podagra ,", ",or x,", ", or a (b),",
              " is ", "the ", "\n", ". "]
    rng = random.Random(13)
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 6))) for _ in range(3000)]
    texts += ["".join(p) for p in itertools.product(pieces, repeat=2)]
    for name in names:
        short, apposed = _name_patterns(name)
        after = _NameAfter(name)
        for text in texts:
            for found, expected in ((after.abbreviation(text), short.search(text)), (after.apposed(text),
                                                                                      apposed.match(text))):
                assert found == (expected.group(1) if expected else None), (name, text)
    ascii_only = _NameAfter("fragile X syndrome")
    assert ascii_only.abbreviation("Fragile  x SYNDROME (FXS) is") == "FXS"
    assert ascii_only._patterns is None  # matched without compiling a pattern
