"""tools/render_written.py: corpus/written's HTML and text pages are its rendering of their Markdown, and keep
every gold fact findable in all three formats.

Why: the written articles train the extractor in three formats, scored by gold files written against the
Markdown. A rendering that lost or altered a gold surface would teach the extractor that a stated fact is not one."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from medkg.readers.html import read_html

from .scripts import REPO, load_script

render_written = load_script(REPO / "tools" / "render_written.py")
WRITTEN = REPO / "corpus" / "written"


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower())


def test_shipped_pages_are_the_tools_rendering(tmp_path: Path) -> None:
    sources = render_written.articles(WRITTEN)
    assert len(sources) >= 64
    for source in sources:
        shutil.copy(source, tmp_path)
    assert render_written.render(tmp_path) == [p.stem for p in sources]
    for source in sources:
        for suffix in (".html", ".txt"):
            rendered = (tmp_path / source.name).with_suffix(suffix)
            assert rendered.read_bytes() == source.with_suffix(suffix).read_bytes(), rendered.name


def test_every_gold_item_is_found_in_each_format_as_medkg_reads_it() -> None:
    golds = sorted((WRITTEN / "gold").glob("*.gold.yaml"))
    assert len(golds) >= 64
    for gold_path in golds:
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        page = WRITTEN / gold["doc"]
        texts = {
            "md": page.with_suffix(".md").read_text(encoding="utf-8"),
            "txt": page.with_suffix(".txt").read_text(encoding="utf-8"),
            "html": read_html(page.with_suffix(".html")).text,
        }
        for form, text in texts.items():
            text = _normal(text)
            for relation, items in gold["relations"].items():
                for item in items:
                    assert any(_normal(s) in text for s in item["surfaces"]), (form, gold["doc"], relation, item)


def test_html_reader_keeps_the_article_and_drops_the_chrome(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        "# Alpha fever\n\nAlpha fever is an infection that spreads in summer.\n\n"
        "## Symptoms\n\n- aching joints\n- a rash\n"
    )
    (tmp_path / "b.md").write_text("# Beta syndrome\n\n## Causes\n\nA change in one gene causes it.\n")
    render_written.render(tmp_path)
    article = read_html(tmp_path / "a.html")
    assert article.title == "Alpha fever"
    assert "aching joints" in article.text and "Symptoms" in article.text
    for chrome in ("Beta syndrome", "Related conditions", "newsletter", "Skip to content", "Privacy"):
        assert chrome not in article.text


def test_scraped_text_keeps_headings_as_lines_and_each_list_together(tmp_path: Path) -> None:
    source = tmp_path / "a.md"
    source.write_text("# Alpha\n\n## Symptoms\n\nYou may:\n\n- feel sick\n- have a fever\n\nThen.\n")
    page = render_written.read(source)
    assert page.text_blocks == ("Symptoms", "You may:", "  • feel sick\n  • have a fever", "Then.")
    text = render_written.to_text(page, ["Beta"])
    assert "\n\nAlpha\n\n" in text
    assert "\n\nSymptoms\n\nYou may:\n\n  • feel sick\n  • have a fever\n\nThen.\n\n" in text
    assert "Related conditions\nBeta" in text
