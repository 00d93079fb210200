"""Whole-article extraction: roles, findings with exact evidence, negation, chrome, metadata."""

from __future__ import annotations

import pytest

from medkg.extract import extract_record
from medkg.model import Origin, Relation
from medkg.readers.markdown import read_markdown
from medkg.readers.text import read_text

ARTICLE = """Menu
# Sunburn

(Solar erythema; Sun poisoning)

Sunburn is skin damage caused by ultraviolet light. There are 2 types of sunburn:

- Mild—Red skin only.
- Severe—Blisters and fever.

## Causes

Sunburn is caused by ultraviolet light from the sun or tanning beds.

## Symptoms

Most people will not have a fever. Sunburn is not contagious. Symptoms may include:

- Red skin or pain—may come on quickly
- Peeling skin in children
- Swollen skin— edema

## Treatment

Treatment may involve cool compresses, aloe gel, and pain relievers such as ibuprofen.

Measles is caused by a virus.
"""


@pytest.fixture
def record(tmp_path):
    path = tmp_path / "sunburn.md"
    path.write_text(ARTICLE, encoding="utf-8")
    return extract_record(read_markdown(path)), read_markdown(path)


def names(record, relation):
    return [f.name.lower() for f in record.findings_for(relation)]


def test_record_basics(record):
    rec, _ = record
    assert rec.source == "sunburn" and rec.origin is Origin.EXTRACTED
    assert rec.name == "Sunburn" and rec.synonyms == ("Solar erythema", "Sun poisoning")
    assert rec.definition == "Sunburn is skin damage caused by ultraviolet light."


def test_listed_findings_are_found_with_their_relation(record):
    rec, _ = record
    symptoms = set(names(rec, Relation.SYMPTOM))
    assert len(symptoms & {"red skin", "pain", "peeling skin", "peeling skin in children", "edema"}) >= 3, symptoms
    treatments = set(names(rec, Relation.TREATMENT))
    assert len(treatments & {"cool compresses", "aloe gel", "pain relievers", "ibuprofen"}) >= 2, treatments
    assert not {"sunburn", "symptoms", "treatment"} & {n for f in rec.findings for n in [f.name.lower()]}


def test_another_conditions_facts_are_not_asserted(record):
    rec, _ = record
    assert "virus" not in names(rec, Relation.CAUSE)
    assert not any("contagious" in f.name for f in rec.findings)


def test_every_finding_has_a_confidence_and_an_exact_quote(record):
    rec, article = record
    assert rec.findings
    for finding in rec.findings:
        assert finding.extraction_confidence is not None and 0 <= finding.extraction_confidence <= 1
        assert finding.evidence
        for ev in finding.evidence:
            assert article.text[ev.start:ev.end] == ev.quote


def test_extraction_is_deterministic(tmp_path):
    path = tmp_path / "sunburn.md"
    path.write_text(ARTICLE, encoding="utf-8")
    assert extract_record(read_markdown(path)) == extract_record(read_markdown(path))


def test_seed_article(shared):
    path = shared / "corpus" / "seed" / "neutropenia.txt"
    article = read_text(path)
    rec = extract_record(article)
    assert rec.name == "Neutropenia"
    assert set(rec.synonyms) >= {"Agranulocytosis", "Granulocytopenia", "Granulopenia"}
    assert {"fever", "chills", "sore throat"} <= set(names(rec, Relation.SYMPTOM))
    assert rec.page.authors[0].name == "Diana Kohnle"
    assert rec.page.reviewers[0].name.startswith("Michael J. Fucci")
    assert len(rec.page.citations) == 4 and rec.page.citations[1].year == 2014
    everything = " ".join([rec.name, *rec.synonyms, *(f.name for f in rec.findings),
                           *(e.quote for f in rec.findings for e in f.evidence)])
    for chrome in ("Loading icon", "Press enter", "services.epnet.com", "filer01", "Nucleus Communications",
                   "substitute for professional medical advice"):
        assert chrome not in everything
    for finding in rec.findings:
        for ev in finding.evidence:
            assert article.text[ev.start:ev.end] == ev.quote


SPANISH = """# Neutropenia

La neutropenia es una cantidad baja de neutrófilos en la sangre. Los neutrófilos son un tipo de glóbulo
blanco que ayuda a combatir las infecciones.

## Síntomas

La mayoría de las personas no tienen síntomas. Los síntomas pueden incluir fiebre, escalofríos y dolor de garganta.
"""


def test_an_article_not_in_english_is_named_not_silently_empty(tmp_path, caplog):
    path = tmp_path / "neutropenia-es.md"
    path.write_text(SPANISH, encoding="utf-8")
    with caplog.at_level("WARNING", logger="medkg"):
        rec = extract_record(read_markdown(path))
    assert rec.page.language == "es" and rec.findings == ()
    [message] = [r.getMessage() for r in caplog.records]
    assert "Spanish" in message and str(path) in message and "\n" not in message


def test_byline_reviewer_and_review_date(tmp_path):
    path = tmp_path / "gout.txt"
    path.write_text("Gout\n\nBy Jane Q. Doe\n\nGout is a form of arthritis. Symptoms include joint pain.\n\n"
                    "Medically reviewed by John Smith, MD. Last reviewed: March 3, 2024\n", encoding="utf-8")
    page = extract_record(read_text(path)).page
    assert [a.name for a in page.authors] == ["Jane Q. Doe"]
    assert [r.name for r in page.reviewers] == ["John Smith, MD"] and page.date_reviewed == "2024-03-03"


PAGE = """<!doctype html><html lang="en"><head><title>Gout: Symptoms, Causes | Example Health</title></head><body>
<header><a href="/">Home</a></header><div id="cookie-consent">We use cookies. <button>Accept</button></div>
<article><h1>Gout</h1><p>Medically reviewed by John Smith, MD. Last reviewed: March 3, 2024</p>
<p>Gout is a type of arthritis. It is also called gouty arthritis.</p>
<h2>Risk factors</h2><p>Things that may raise the risk of gout are:</p>
<ul><li>Being male</li><li>Drinking alcohol, mainly beer</li></ul>
<h2>Symptoms</h2><p>Gout may cause:</p><ul><li>Sudden, severe joint pain—often at night</li></ul>
<h2>Diagnosis</h2><p>Tests may include joint aspiration and blood tests.</p>
<h2>Prevention</h2><ul><li>Drink plenty of water</li></ul></article>
<footer>Share this page</footer></body></html>"""


def test_html_page(tmp_path):
    from medkg.readers.html import read_html

    path = tmp_path / "gout.html"
    path.write_text(PAGE, encoding="utf-8")
    article = read_html(path)
    rec = extract_record(article)
    assert rec.name == "Gout" and rec.synonyms == ("gouty arthritis",)
    assert {"joint aspiration", "blood tests"} & set(names(rec, Relation.TEST))
    assert [r.name for r in rec.page.reviewers] == ["John Smith, MD"] and rec.page.date_reviewed == "2024-03-03"
    quotes = " ".join(e.quote for f in rec.findings for e in f.evidence)
    assert "cookies" not in quotes and "Share" not in quotes and "Home" not in quotes
    for finding in rec.findings:
        assert all(article.text[e.start:e.end] == e.quote for e in finding.evidence)


@pytest.mark.parametrize(("title", "text", "name"), [
    ("Parasites - African Trypanosomiasis (also known as Sleeping Sickness)", "African trypanosomiasis is",
     "African Trypanosomiasis"),
    ("Gout - Symptoms and causes - Mayo Clinic", "", "Gout"),
    ("What Is Asthma? | Lung Health Foundation", "", "Asthma"),
    ("Headache Disorders - Migraine", "Migraine is a headache disorder.", "Migraine"),
    ("Kidney Dysplasia | NIDDK", "", "Kidney Dysplasia"),
])
def test_condition_name_from_titles(title, text, name):
    from medkg.extract.metadata import title_name

    assert title_name(title, text) == name


def test_synonyms_are_names_of_the_condition_not_of_other_things(tmp_path):
    path = tmp_path / "lyme.md"
    path.write_text("# Lyme Disease (Lyme borreliosis)\n\nLyme disease, also called Lyme arthritis, is spread by "
                    "blacklegged ticks, often called deer ticks. An ultrasound, also called a sonogram, may help.\n",
                    encoding="utf-8")
    rec = extract_record(read_markdown(path))
    assert rec.name == "Lyme Disease" and rec.synonyms == ("Lyme borreliosis", "Lyme arthritis")


def test_quote_of_a_run_on_list_entry_is_its_sentence(tmp_path):
    """A list entry that runs on into other text (prose, a page's video or contact notes) quotes only its
    sentence that holds the finding, so page text that states no fact never travels as a finding's quote."""
    path = tmp_path / "gout.md"
    path.write_text("# Gout\n\n## Symptoms\n\nSymptoms of gout include:\n\n- joint pain\n"
                    "- redness of the skin. To enlarge the video, click the brackets in the corner.\n",
                    encoding="utf-8")
    article = read_markdown(path)
    rec = extract_record(article)
    evidence = [e for f in rec.findings for e in f.evidence]
    assert any(e.quote == "redness of the skin." for e in evidence)
    assert not any("brackets" in e.quote for e in evidence)
    assert all(article.text[e.start:e.end] == e.quote for e in evidence)
