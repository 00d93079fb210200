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
    assert rec.subtypes == ("Mild sunburn", "Severe sunburn")


def test_findings_by_role(record):
    rec, _ = record
    assert names(rec, Relation.SYMPTOM) == ["red skin", "pain", "peeling skin in children", "edema"]
    assert [n for n in names(rec, Relation.CAUSE) if n.startswith("ultraviolet light")]
    assert names(rec, Relation.TREATMENT) == ["cool compresses", "aloe gel", "pain relievers", "ibuprofen"]
    pain = next(f for f in rec.findings if f.name == "pain")
    assert pain.qualifier == "may come on quickly"


def test_negated_and_other_conditions_facts_are_not_asserted(record):
    rec, _ = record
    assert "fever" not in names(rec, Relation.SYMPTOM)
    assert "virus" not in names(rec, Relation.CAUSE)
    assert not any("contagious" in f.name for f in rec.findings)


def test_evidence_quotes_the_article_exactly(record):
    rec, article = record
    for finding in rec.findings:
        assert finding.evidence
        for ev in finding.evidence:
            assert article.text[ev.start:ev.end] == ev.quote


def test_seed_article(shared):
    path = shared / "corpus" / "seed" / "neutropenia.txt"
    article = read_text(path)
    rec = extract_record(article)
    assert rec.name == "Neutropenia"
    assert set(rec.synonyms) >= {"Agranulocytosis", "Granulocytopenia", "Granulopenia"}
    assert {"fever", "chills", "jaundice", "sore throat"} <= set(names(rec, Relation.SYMPTOM))
    assert {"antidepressants", "antihistamines"} <= set(names(rec, Relation.RISK_FACTOR))
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
    assert names(rec, Relation.RISK_FACTOR) == ["being male", "drinking alcohol"]
    assert rec.findings_for(Relation.RISK_FACTOR)[1].qualifier == "mainly beer"
    assert names(rec, Relation.SYMPTOM) == ["sudden, severe joint pain"]
    assert names(rec, Relation.TEST) == ["joint aspiration", "blood tests"]
    assert names(rec, Relation.PREVENTION) == ["drink plenty of water"]
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


PROSE = """# Hay fever

Hay fever is an allergy to pollen.

## Symptoms

Within a few hours many people develop sneezing, itchy eyes and a runny nose. It is often accompanied by tiredness.

## Who gets it

Hay fever runs in families. Common triggers are grass pollen and tree pollen.

## Diagnosis

A skin prick test can help confirm the diagnosis.

## Treatment

Antihistamines can ease the itching. A steroid nasal spray, such as mometasone, reduces swelling.

## Prevention

You can lower your risk by keeping windows closed and wearing wraparound sunglasses.
Showering after being outside also helps.
"""


def test_prose_cues(tmp_path):
    path = tmp_path / "hay-fever.md"
    path.write_text(PROSE, encoding="utf-8")
    rec = extract_record(read_markdown(path))
    assert names(rec, Relation.SYMPTOM) == ["sneezing", "itchy eyes", "runny nose", "tiredness"]
    assert names(rec, Relation.RISK_FACTOR) == ["family history", "grass pollen", "tree pollen"]
    assert names(rec, Relation.TEST) == ["skin prick test"]
    assert names(rec, Relation.TREATMENT) == ["antihistamines", "steroid nasal spray", "mometasone"]
    assert names(rec, Relation.PREVENTION) == ["keeping windows closed", "wearing wraparound sunglasses", "showering"]


def test_prose_cues_without_headings(tmp_path):
    path = tmp_path / "cystitis.txt"
    path.write_text("Cystitis\nCystitis is an infection of the bladder.\n"
                    "Most cases happen when bacteria get into the bladder. Women get it far more often than men.\n"
                    "Things that raise the chance of cystitis include pregnancy and a urinary catheter.\n"
                    "Cystitis is usually treated with antibiotics. It is important to drink plenty of fluids.\n",
                    encoding="utf-8")
    rec = extract_record(read_text(path))
    assert names(rec, Relation.CAUSE) == ["bacteria"]
    assert names(rec, Relation.RISK_FACTOR) == ["women", "pregnancy", "urinary catheter"]
    assert names(rec, Relation.TREATMENT) == ["antibiotics", "drink plenty of fluids"]


def test_classifier_guess_needs_the_roles_own_words():
    from medkg.extract.findings import Condition, _guess, _State

    cond = Condition(("Gout",))
    # the classifier reads "treatment" into both; only the second says so in its own words
    assert _guess("Most patients are seen by a team of specialists every few months.",
                  _State(carried="symptom"), cond) == "symptom"
    assert _guess("Physical therapy and regular checkups with a cardiologist are part of care.",
                  _State(carried="symptom"), cond) == "treatment"


def test_a_denial_does_not_silence_what_follows_but(tmp_path):
    path = tmp_path / "colds.md"
    path.write_text("# Colds\n\n## Prevention\n\nYou cannot always avoid colds, but washing your hands and not sharing "
                    "towels lowers the risk.\n", encoding="utf-8")
    rec = extract_record(read_markdown(path))
    assert names(rec, Relation.PREVENTION) == ["washing your hands", "not sharing towels"]


def test_plain_self_care_paragraph_without_headings(tmp_path):
    path = tmp_path / "acute-cold.txt"
    path.write_text("Acute cold\nAn acute cold is a viral infection of the nose and throat.\n"
                    "Nine out of ten cases are caused by rhinoviruses. Smokers are more likely to get a cold.\n"
                    "Get plenty of rest. Decongestants reduce a blocked nose. When rest doesn't help, nasal sprays "
                    "can ease it.\nTo lower your chance of a cold, wash your hands often.\n", encoding="utf-8")
    rec = extract_record(read_text(path))
    assert names(rec, Relation.CAUSE) == ["rhinoviruses"]
    assert names(rec, Relation.RISK_FACTOR) == ["smokers"]
    assert names(rec, Relation.TREATMENT) == ["plenty of rest", "decongestants", "nasal sprays"]
    assert names(rec, Relation.PREVENTION) == ["wash your hands"]
