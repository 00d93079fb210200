"""Markdown: CommonMark blocks whose offsets index the file itself."""

from __future__ import annotations

from medkg.readers.markdown import read_markdown

DOC = """# Sunburn

Sunburn is skin damage caused by *ultraviolet* light.

## Symptoms

Symptoms include:

- red skin
- pain, and
  blisters
1. peeling

Print this page
"""


def test_blocks_and_offsets(tmp_path):
    path = tmp_path / "sunburn.md"
    path.write_text(DOC, encoding="utf-8")
    article = read_markdown(path)
    assert article.title == "Sunburn" and article.text == DOC
    assert all(article.text[b.start:b.end] == b.text for b in article.blocks)
    assert [b.text for b in article.blocks if b.kind == "heading"] == ["Sunburn", "Symptoms"]
    assert [b.text for b in article.blocks if b.kind == "item"] == ["red skin", "pain, and\n  blisters", "peeling"]
    assert not any(b.text == "Print this page" for b in article.blocks)
    assert [(s.heading, s.level) for s in article.sections] == [("Sunburn", 1), ("Symptoms", 2)]


def test_crlf_offsets(tmp_path):
    path = tmp_path / "crlf.md"
    path.write_bytes(DOC.replace("\n", "\r\n").encode())
    article = read_markdown(path)
    assert all(article.text[b.start:b.end] == b.text for b in article.blocks)
    assert "red skin" in [b.text for b in article.blocks]


def test_front_matter_is_page_metadata(tmp_path):
    path = tmp_path / "gout.md"
    path.write_text("---\ntitle: Gout - Health Guide\nauthor: Ann Lee, RD\nreviewer: {name: \"Bo Kim, MD\"}\n"
                    "date: 2025-03-14\nlast_reviewed: 2025-06-01\npublisher: Health Guide\ntags: [a]\n---\n\n"
                    "Gout is a form of arthritis.\n", encoding="utf-8")
    article = read_markdown(path)
    page = article.page
    assert (page.title, page.authors[0].name) == ("Gout - Health Guide", "Ann Lee, RD")
    assert [r.name for r in page.reviewers] == ["Bo Kim, MD"]
    assert (page.date_updated, page.date_reviewed, page.publisher) == ("2025-03-14", "2025-06-01", "Health Guide")
    assert article.title == "Gout - Health Guide"
    assert [b.text for b in article.blocks] == ["Gout is a form of arthritis."]
    assert all(article.text[b.start:b.end] == b.text for b in article.blocks)


def test_front_matter_with_bad_fields_is_read_without_them(tmp_path, caplog):
    path = tmp_path / "gout.md"
    path.write_text("---\ntitle: Gout\ndate: 2024-02-30\nlast_reviewed: 30 February 2024\nurl: javascript:alert(1)\n"
                    "authors: [{name: Ann Lee, url: /people/ann}]\npublished: 2021-02-03\n---\n\n"
                    "Gout is a form of arthritis that causes sudden joint pain.\n", encoding="utf-8")
    page = read_markdown(path).page
    assert (page.title, page.date_updated, page.date_reviewed, page.url) == ("Gout", None, None, None)
    assert page.authors[0].name == "Ann Lee" and page.authors[0].url is None and page.date_published == "2021-02-03"
    dropped = " ".join(m for m in caplog.messages if m.startswith(f"medkg: warning: {path}: "))
    for bad in ("2024-02-30", "30 February 2024", "javascript:alert(1)", "/people/ann"):
        assert bad in dropped, (bad, caplog.messages)


def test_front_matter_that_is_not_yaml_is_ignored(tmp_path, caplog):
    path = tmp_path / "gout.md"
    path.write_text("---\ntitle: [Gout\n---\n\nGout is a form of arthritis that causes sudden joint pain.\n")
    assert read_markdown(path).page.title is None
    assert any("front matter" in m and "not YAML" in m for m in caplog.messages)


def test_deep_nesting_is_read_or_refused(tmp_path):
    import pytest

    from medkg.errors import ReadError

    path = tmp_path / "deep.md"
    lists = "".join("  " * i + f"- level {i}\n" for i in range(60))  # CommonMark's default limit drops these
    path.write_text(f"# Gout\n\nGout is a form of arthritis.\n\n{lists}\n" + "> " * 300 + "Deep in quotes.\n\n"
                    "After the deep part, rest and ice help.\n", encoding="utf-8")
    texts = [b.text for b in read_markdown(path).blocks]
    assert "level 59" in texts and "Deep in quotes." in texts and texts[-1] == "After the deep part, rest and ice help."
    path.write_text("# Gout\n\nGout is a form of arthritis.\n\n" + "> " * 3000 + "Too deep.\n", encoding="utf-8")
    with pytest.raises(ReadError, match=r"deep\.md: line 5 is nested deeper than"):
        read_markdown(path)


def test_words_a_scraper_ran_together_are_parted(tmp_path):
    # a page scraped without spaces between its inline elements: names of a list run into one word
    path = tmp_path / "eczema.md"
    path.write_text("# Eczema\n\nKey FactsUsually seen inAll age groupsBody part(s) involvedSkinHands\n\n"
                    "Creams that help are:HydrocortisoneTriamcinoloneMometasone\n\n"
                    "Tablets that ease the itch include:CetirizineLoratadine.Read more about them.\n", encoding="utf-8")
    article = read_markdown(path)
    assert all(article.text[b.start:b.end] == b.text for b in article.blocks)
    assert "Creams that help are: Hydrocortisone Triamcinolone Mometasone" in article.text
    assert "include: Cetirizine Loratadine. Read more" in article.text
    path.write_text("# Eczema\n\nSee MedlinePlus, PubMed and the RotaTeq leaflet.\n", encoding="utf-8")
    assert read_markdown(path).text.endswith("See MedlinePlus, PubMed and the RotaTeq leaflet.\n")


def test_a_scrape_written_one_element_per_line_keeps_its_headings_and_lists(tmp_path):
    path = tmp_path / "eczema.md"
    doc = ("# Eczema\n\nEczema is a long-lasting skin condition that causes itchy,\nred and dry patches of skin.\n\n"
           "SYMPTOMS OF ECZEMA\nSymptoms of Eczema\n\nThe most common symptoms include:\n\nItching, redness\n"
           "Patchy and dry skin\nThickening of skin\nDid you know?\nEczema is common in children.\n\n"
           "1. SKIN BARRIER DYSFUNCTION\n1. Skin barrier dysfunction\nThe outer layer of the skin is weak.\n\n"
           "Allergy testing may be done to find the allergens that trigger symptoms. Tests include\n"
           "Skin prick tests\nIgE levels\n")
    path.write_text(doc, encoding="utf-8")
    article = read_markdown(path)
    assert all(article.text[b.start:b.end] == b.text for b in article.blocks)
    # prose wrapped inside a sentence stays one paragraph; a heading doubled in capitals is one heading
    assert [(b.kind, b.level, b.text) for b in article.blocks] == [
        ("heading", 1, "Eczema"),
        ("paragraph", 0, "Eczema is a long-lasting skin condition that causes itchy,\nred and dry patches of skin."),
        ("heading", 2, "SYMPTOMS OF ECZEMA"), ("paragraph", 0, "The most common symptoms include:"),
        ("item", 1, "Itching, redness"), ("item", 1, "Patchy and dry skin"), ("item", 1, "Thickening of skin"),
        ("heading", 2, "Did you know?"), ("paragraph", 0, "Eczema is common in children."),
        ("item", 1, "SKIN BARRIER DYSFUNCTION"), ("paragraph", 0, "The outer layer of the skin is weak."),
        ("paragraph", 0, "Allergy testing may be done to find the allergens that trigger symptoms. Tests include"),
        ("item", 1, "Skin prick tests"),
        ("item", 1, "IgE levels")]
