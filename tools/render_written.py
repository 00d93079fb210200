"""Render the written articles of corpus/written (Markdown) as the other two page formats, HTML and scraped text.

Why: the extractor is scored on three formats of each article. A written article's source is its Markdown
page (a title, ## and ### headings, paragraphs and "- " lists); this renders it as a publisher's HTML page
with site chrome (skip link, menus, breadcrumb, byline, a related-conditions box, newsletter and footer: the
parts a reader must drop) and as scraped text, its headings plain lines among the paragraphs.
The text of every paragraph and list item is kept word for word, so a gold surface found in the Markdown is
found in all three. A corpus-making tool, not part of medkg's run path.

Usage: python tools/render_written.py DIR
writes SLUG.html and SLUG.txt beside each SLUG.md in DIR (README.md excepted).
"""

from __future__ import annotations

import argparse
import html
import sys
from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt

SITE = "Health Library"
RELATED = 3  # other articles of the folder named in each page's related-conditions box


@dataclass(frozen=True)
class Page:
    """One written article: its title, its body as HTML, and its body's blocks as scraped-text lines."""

    title: str
    body_html: str
    text_blocks: tuple[str, ...]


def read(path: Path) -> Page:
    """Parse one Markdown article; its first line is "# Title"."""
    source = path.read_text(encoding="utf-8")
    first, _, body = source.partition("\n")
    if not first.startswith("# "):
        raise ValueError(f"{path}: the first line must be '# Title'")
    parser = MarkdownIt("commonmark")
    return Page(first[2:].strip(), parser.render(body), tuple(_text_blocks(parser, body)))


def _text_blocks(parser: MarkdownIt, body: str) -> list[str]:
    """Headings and paragraphs as lines of plain text, each list's items one a line behind a bullet: scraping
    keeps a heading's words and loses its mark-up."""
    blocks: list[str] = []
    items: list[str] | None = None  # the items of the list being read
    for token in parser.parse(body):
        if token.type == "bullet_list_open":
            items = []
        elif token.type == "bullet_list_close" and items is not None:
            blocks.append("\n".join(items))
            items = None
        elif token.type == "inline":
            if items is None:
                blocks.append(token.content)
            else:
                items.append(f"  • {token.content}")
    return blocks


def to_html(page: Page, related: list[str]) -> str:
    """The publisher's page: chrome around the article (h1, byline, the body's h2/h3, p and ul)."""
    e = html.escape
    links = "".join(f'<li><a href="/conditions/{i}">{e(t)}</a></li>' for i, t in enumerate(related))
    return "\n".join([
        "<!DOCTYPE html>",
        f'<html lang="en"><head><meta charset="utf-8"><title>{e(page.title)} | {SITE}</title></head><body>',
        f'<header><a class="skip" href="#content">Skip to content</a><div class="logo">{SITE}</div>'
        '<nav><a href="/conditions">Conditions A-Z</a> <a href="/symptoms">Symptom checker</a> '
        '<a href="/medicines">Medicines</a> <a href="/living-well">Living well</a></nav>'
        '<form role="search"><input name="q" placeholder="Search"></form></header>',
        '<div class="breadcrumb"><a href="/">Home</a> &gt; <a href="/conditions">Conditions</a> &gt; '
        f"{e(page.title)}</div>",
        f'<main id="content"><article><h1>{e(page.title)}</h1>',
        '<p class="byline">Reviewed by our medical editors.</p>',
        page.body_html.rstrip(),
        "</article>",
        f"<aside><h2>Related conditions</h2><ul>{links}</ul></aside></main>",
        '<div class="newsletter">Sign up for our newsletter: health news in your inbox every week. '
        "<button>Subscribe</button></div>",
        f"<footer><p>About us | Privacy | Terms of use | Contact</p><p>{SITE} gives general information "
        "and does not replace the advice of your doctor.</p></footer></body></html>",
    ]) + "\n"


def to_text(page: Page, related: list[str]) -> str:
    """Scraped text: the chrome's words, the title, the body's paragraphs and items, the related titles."""
    return "\n\n".join([
        f"Skip to content\n{SITE}\nConditions A-Z Symptom checker Medicines Living well",
        f"Home > Conditions > {page.title}",
        page.title,
        "Reviewed by our medical editors.",
        *page.text_blocks,
        "Related conditions\n" + "\n".join(related),
        "Sign up for our newsletter: health news in your inbox every week.\nAbout us | Privacy | Terms of use",
    ]) + "\n"


def articles(folder: Path) -> list[Path]:
    """The folder's Markdown articles (its README.md is none), in name order."""
    return sorted(p for p in folder.glob("*.md") if p.name != "README.md")


def render(folder: Path) -> list[str]:
    """Write SLUG.html and SLUG.txt beside each SLUG.md; each page names the next RELATED articles' titles."""
    sources = articles(folder)
    pages = [read(p) for p in sources]
    for k, (path, page) in enumerate(zip(sources, pages, strict=True)):
        related = [pages[(k + j) % len(pages)].title for j in range(1, min(RELATED, len(pages) - 1) + 1)]
        path.with_suffix(".html").write_bytes(to_html(page, related).encode("utf-8"))
        path.with_suffix(".txt").write_bytes(to_text(page, related).encode("utf-8"))
    return [p.stem for p in sources]


def main(argv: list[str] | None = None) -> int:
    """Command line: render every Markdown article of DIR."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    args = parser.parse_args(argv)
    for slug in render(args.folder):
        print(slug)
    return 0


if __name__ == "__main__":
    sys.exit(main())
