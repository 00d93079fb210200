"""Every page field a publisher states reaches the page JSON-LD, wherever the page states it.

The pages in ``pages/`` are written for these tests, each as a publisher would mark it up:
schema.org JSON-LD (``gout``), meta tags and a visible review line (``shingles``), only a
visible byline (``rosacea``), a review date in the page's footer (``chickenpox``), microdata
(``plantar-fasciitis``), Markdown front matter (``hay-fever``) and plain text lines
(``cystitis``). Each is built by ``medkg build`` and the ``.page.jsonld`` it writes is read back.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from medkg.cli import EXIT_OK, main

PAGES = Path(__file__).parent / "pages"

#: what each page states, field by field (reviewers and authors in any order)
STATED = {
    "gout-schema-org": {
        "name": "Gout", "synonyms": {"Gouty arthritis", "Podagra"}, "url": "https://health.example.org/conditions/gout/",
        "dates": ("2025-11-12", "2026-01-20", "2019-03-04"),
        "authors": {("Ann Writer", "https://health.example.org/people/ann-writer"), ("Bea Scribe", None)},
        "reviewers": {"Dr Cal Reviewer", "Dee Checker, RN"}},
    "shingles-meta-tags": {
        "name": "Shingles", "synonyms": {"Herpes Zoster"}, "url": "https://library.example.com/shingles",
        "dates": ("2026-01-05", "2025-06-30", "2021-02-14"),
        "authors": {("Fay Author", None), ("Gus Coauthor", None)}, "reviewers": {"Hal Doctor, MD"}},
    "rosacea-byline": {
        "name": "Rosacea", "synonyms": {"acne rosacea"}, "url": None, "dates": (None, "2026-03-03", "2020-06-01"),
        "authors": {("Jo Writer", None)}, "reviewers": {"Ida Derm, MD, FAAD"}},
    "plantar-fasciitis-microdata": {
        "name": "Plantar fasciitis", "synonyms": {"policeman's heel"}, "url": "https://feet.example.net/plantar-fasciitis",
        "dates": ("2024-09-09", None, "2018-05-05"),
        "authors": {("Kim Podiatrist", None)}, "reviewers": {"Lee Surgeon, DPM"}},
    "hay-fever-front-matter": {
        "name": "Hay fever", "synonyms": {"allergic rhinitis", "pollinosis"}, "url": "https://allergy.example.org/hay-fever",
        "dates": ("2025-04-01", "2025-05-02", "2017-04-03"),
        "authors": {("Mo Allergist", "https://allergy.example.org/mo"), ("Ned Nurse", None)},
        "reviewers": {"Olu Consultant, MD"}},
    "chickenpox-visible": {
        "name": "Chickenpox", "synonyms": set(), "url": "https://health.example.org/conditions/chickenpox/",
        "dates": ("2023-08-09", None, None), "authors": set(), "reviewers": set()},
    "cystitis-byline": {
        "name": "Cystitis", "synonyms": {"bladder infection", "lower urinary tract infection"}, "url": None,
        "dates": ("2026-02-02", "2026-02-03", "2022-10-10"),
        "authors": {("Pat Writer", None)}, "reviewers": {"Quinn Reviewer, MD", "Ray Second, PhD"}},
}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, dict]:
    """Each page's JSON-LD, from one ``medkg build --format page`` of all of them."""
    out = tmp_path_factory.mktemp("pages")
    paths = sorted(p for p in PAGES.iterdir() if p.stem in STATED)
    assert len(paths) == len(STATED)
    assert main(["build", *map(str, paths), "-o", str(out), "--format", "page"]) == EXIT_OK
    return {name: json.loads((out / f"{name}.page.jsonld").read_text(encoding="utf-8")) for name in STATED}


def _as_list(value) -> list:
    return value if isinstance(value, list) else [] if value is None else [value]


@pytest.mark.parametrize("page", STATED)
def test_name(built, page):
    assert built[page]["about"]["name"] == STATED[page]["name"]


@pytest.mark.parametrize("page", STATED)
def test_synonyms(built, page):
    assert set(built[page]["about"].get("alternateName", [])) == STATED[page]["synonyms"]


@pytest.mark.parametrize("page", STATED)
def test_url(built, page):
    assert built[page].get("url") == STATED[page]["url"]


@pytest.mark.parametrize("page", STATED)
def test_dates(built, page):
    data = built[page]
    assert (data.get("lastReviewed"), data.get("dateModified"), data.get("datePublished")) == STATED[page]["dates"]


@pytest.mark.parametrize("page", STATED)
def test_authors(built, page):
    assert {(a["name"], a.get("url")) for a in _as_list(built[page].get("author"))} == STATED[page]["authors"]


@pytest.mark.parametrize("page", STATED)
def test_reviewers(built, page):
    assert {r["name"] for r in _as_list(built[page].get("reviewedBy"))} == STATED[page]["reviewers"]


def test_expanders_and_do_dont_lists_are_article(built):
    from medkg.readers.html import read_html

    article = read_html(PAGES / "chickenpox-visible.html")
    assert [b.text for b in article.blocks if b.kind == "heading"] == [
        "Chickenpox", "Is it chickenpox?", "Signs in babies", "Looking after someone with chickenpox", "Do", "Don't"]
    assert {"more crying than usual", "a warm forehead", "do not give ibuprofen unless a doctor says so"} <= {
        b.text for b in article.blocks if b.kind == "item"}


def test_lists_of_links_are_navigation(built):
    from medkg.readers.html import read_html

    article = read_html(PAGES / "rosacea-byline.html")
    assert [b.text for b in article.blocks if b.kind == "item"] == [
        "redness across the cheeks, nose and forehead",
        "a burning or stinging feeling when using water or skin care products",
        "small red bumps and pus-filled spots", "visible blood vessels"]


def test_page_chrome_stays_out_of_the_article(built):
    from medkg.readers.html import read_html

    article = read_html(PAGES / "gout-schema-org.html")
    assert [b.text for b in article.blocks if b.kind == "heading"][:4] == [
        "Gout", "Symptoms of gout", "Non-urgent advice: See a GP if:", "Causes of gout"]
    assert "swelling in and around the affected joint" in [b.text for b in article.blocks if b.kind == "item"]
    for chrome in ("cookies", "Health A to Z", "Live Well", "Acne", "Eczema", "Crown copyright", "Accessibility"):
        assert chrome not in article.text, chrome


HOSTILE = """<!DOCTYPE html><html lang="en gb!"><head><title>Gout\x01</title>
<link rel="canonical" href="/conditions/gout">
<meta property="og:url" content="javascript:alert(document.cookie)">
<meta name="DC.date.modified" content="2024-02-30">
<meta property="article:published_time" content="31 April 2020">
<script type="application/ld+json">5</script>
<script type="application/ld+json">[1, "two", null]</script>
<script type="application/ld+json">{"@type": "MedicalWebPage", "url": ["https://a.example/x", "https://b.example/y"],
 "lastReviewed": "2025-13-01", "author": {"@type": "Person", "name": ["Ann", "Bo"], "url": "https://exa mple.org/ann"},
 "reviewedBy": {"@type": "Organization", "name": "A Board"}, "about": {"@type": "MedicalCondition",
 "alternateName": [{"x": 1}, "Gouty arthritis", 7]}}</script>
<script type="application/ld+json">{"@type": "WebPage", "url": "https://ok.example/gout but a space"</script>
</head><body><main><h1>Gout</h1><p>Gout is a type of arthritis that causes sudden attacks of severe joint pain.</p>
<p>Medically reviewed by Ann Reviewer, MD, on February 30, 2026</p></main></body></html>"""


def test_bad_fields_are_dropped_with_a_warning_not_a_crash(tmp_path, caplog):
    path = tmp_path / "gout.html"
    path.write_text(HOSTILE, encoding="utf-8")
    code = main(["build", str(path), "-o", str(tmp_path / "out"), "--format", "page"])
    err = caplog.text
    assert code == EXIT_OK, err
    data = json.loads((tmp_path / "out" / "gout.page.jsonld").read_text(encoding="utf-8"))
    assert "url" not in data and "inLanguage" not in data
    assert not {"lastReviewed", "dateModified", "datePublished"} & set(data)
    assert data["about"]["alternateName"] == ["Gouty arthritis"]
    assert [r["name"] for r in _as_list(data["reviewedBy"])] == ["Ann Reviewer, MD"]
    assert "author" not in data or all(a.get("url") is None for a in _as_list(data["author"]))
    warnings = [m for m in caplog.messages if m.startswith(f"medkg: warning: {path}: ignored the page's ")]
    for bad in ("javascript:", "/conditions/gout", "2024-02-30", "31 April 2020", "2025-13-01", "February 30, 2026",
                "JSON-LD script 1", "JSON-LD script 2", "JSON-LD script 4", "exa mple", "en gb!"):
        assert any(bad in line for line in warnings), (bad, err)
