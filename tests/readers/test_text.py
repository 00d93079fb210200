"""Scraped text: lines become blocks, bullets items, chrome nothing."""

from __future__ import annotations

from medkg.readers.text import read_text

PAGE = """Loading icon
Skip to main content

Sunburn

(Solar erythema; Sun poisoning)

Sunburn is skin damage caused by ultraviolet light.

Risk Factors

Risk of sunburn is higher with:

  • Fair skin
  - Time outdoors at midday
  1. Some medicines
Share this page
"""


def test_blocks_offsets_and_kinds(tmp_path):
    path = tmp_path / "sunburn.txt"
    path.write_text(PAGE, encoding="utf-8")
    article = read_text(path)
    assert article.source == "sunburn" and article.text == PAGE
    assert article.title == "Sunburn"
    assert all(article.text[b.start:b.end] == b.text for b in article.blocks)
    kinds = [(b.kind, b.text) for b in article.blocks]
    assert ("heading", "Risk Factors") in kinds
    assert [t for k, t in kinds if k == "item"] == ["Fair skin", "Time outdoors at midday", "Some medicines"]
    assert not any("Loading" in t or "Share" in t or "Skip" in t for _, t in kinds)
    assert [s.heading for s in article.sections] == ["Sunburn", "Risk Factors"]


def test_seed_article_reads_without_chrome(shared):
    article = read_text(shared / "corpus" / "seed" / "neutropenia.txt")
    texts = " ".join(b.text for b in article.blocks)
    for chrome in ("Loading icon", "Press enter", "services.epnet.com", "filer01", "Nucleus Communications"):
        assert chrome not in texts
    assert all(article.text[b.start:b.end] == b.text for b in article.blocks)


def test_title_passes_site_names_and_questions_are_headings(tmp_path):
    path = tmp_path / "shingles.txt"
    path.write_text("Menu\nHealth Library\nShingles (Herpes Zoster)\nShingles is a painful rash.\n"
                    "How is shingles treated?\nAntiviral medicines help.\n", encoding="utf-8")
    article = read_text(path)
    assert article.title == "Shingles (Herpes Zoster)"
    assert [(b.text, b.level) for b in article.blocks if b.kind == "heading"] == [
        ("Health Library", 2), ("Shingles (Herpes Zoster)", 1), ("How is shingles treated?", 2)]


SHOP = """Eczema

Eczema makes the skin dry and itchy.
Give your skin the care it deserves with our range of creams.
Shop Now
CAUSES OF ECZEMA
Eczema runs in families. Learn how stress affects the skin. Read This Now

Rest and drink fluids now
"""


def test_promotions_are_not_read(tmp_path):
    from medkg.readers.markdown import read_markdown

    for name, reader in (("eczema.txt", read_text), ("eczema.md", read_markdown)):
        path = tmp_path / name
        path.write_text(SHOP, encoding="utf-8")
        article = reader(path)
        assert all(article.text[b.start:b.end] == b.text for b in article.blocks), name
        text = " ".join(b.text for b in article.blocks)
        assert "Eczema makes the skin dry and itchy." in text and "CAUSES OF ECZEMA" in text, name
        assert "Rest and drink fluids now" in text, name
        for promo in ("creams", "Shop Now", "stress", "Read This"):
            assert promo not in text, (name, promo)


def test_short_lines_after_a_lead_in_are_entries_not_headings(tmp_path):
    path = tmp_path / "vasculitis.txt"
    path.write_text("Vasculitis\n\nVasculitis is inflammation of the blood vessels.\n\n"
                    "Common systemic signs and symptoms of vasculitis are:\n\nFever\n\nLoss of appetite\n\n"
                    "Fatigue (tiredness)\n\nOrgan-Specific Signs and Symptoms\n\nThe skin may show red spots.\n\n"
                    "Complications of vasculitis include\n\nkidney failure\n\nIs it rare?\n\n"
                    "Vasculitis is rare.\n", encoding="utf-8")
    kinds = [(b.kind, b.text) for b in read_text(path).blocks]
    assert kinds[3:] == [("item", "Fever"), ("item", "Loss of appetite"), ("item", "Fatigue (tiredness)"),
                         ("heading", "Organ-Specific Signs and Symptoms"),
                         ("paragraph", "The skin may show red spots."),
                         ("heading", "Complications of vasculitis include"), ("paragraph", "kidney failure"),
                         ("heading", "Is it rare?"), ("paragraph", "Vasculitis is rare.")]
