"""Render MedQuAD XML documents as the three page formats of shared/corpus/dev and train.

Why: dev/ and train/ are MedQuAD documents rendered as a publisher's HTML page (with chrome), a Markdown page
with section headings and scraped text without headings. Annotating more documents for training is only
worth it if they look exactly like those pages, so this renderer reproduces the 36 existing ones byte for
byte (tests/test_render_medquad.py) and renders new ones the same way. A corpus-making tool, not part of
medkg's run path.

Usage: python tools/render_medquad.py OUT_DIR --list DOCUMENTS.tsv [--medquad DIR]
       python tools/render_medquad.py OUT_DIR XML [XML ...]
writes SLUG.html, SLUG.md and SLUG.txt per document. DOCUMENTS.tsv's first column is the slug (the file
stem, as its gold file is named), its second the XML's path under the MedQuAD folder (default
../shared/corpus/medquad); lines starting with # are comments. Given XML files are named by their focus.
"""

from __future__ import annotations

import argparse
import csv
import html
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

# Markdown heading of each MedQuAD question type; "information" answers carry none (they open the page).
HEADINGS = {
    "symptoms": "Symptoms",
    "causes": "Causes",
    "inheritance": "Inheritance",
    "exams and tests": "Diagnosis",
    "treatment": "Treatment",
    "frequency": "How Common Is It?",
    "complications": "Complications",
    "prevention": "Prevention",
    "outlook": "Outlook",
    "considerations": "Points to Remember",
    "susceptibility": "Risk Factors",
    "research": "Research",
}
SLUG_LENGTH = 60
_BLOCK_BREAK = re.compile(r"\n\s*\n|\n\s+")
_ITEM_BREAK = re.compile(r"\s{2,}-\s+")


@dataclass(frozen=True)
class Block:
    """A paragraph (one string in items, is_list False) or a bulleted list."""

    items: tuple[str, ...]
    is_list: bool


@dataclass(frozen=True)
class Section:
    """One question-answer pair: its question, its type and its answer's blocks."""

    question: str
    qtype: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Document:
    """What the three renderings need from one MedQuAD XML document."""

    focus: str
    site: str
    sections: tuple[Section, ...]

    @property
    def slug(self) -> str:
        """File stem: the focus in lower-case words joined by hyphens, cut to 60 characters."""
        return slugify(self.focus)


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens, at most SLUG_LENGTH characters."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:SLUG_LENGTH].strip("-")


def blocks(answer: str) -> tuple[Block, ...]:
    """Split an answer at its line breaks, then each piece at its "  - " item marks: the text before the
    first mark (if any) is a paragraph, the items after it one list."""
    out = []
    for raw in _BLOCK_BREAK.split(answer.strip()):
        text = raw.strip()
        if not text:
            continue
        head, *items = _ITEM_BREAK.split("  " + text if text.startswith("- ") else text)
        if head.strip():
            out.append(Block((head.strip(),), False))
        if items:
            out.append(Block(tuple(i.strip() for i in items), True))
    return tuple(out)


def read(path: Path) -> Document:
    """Parse one MedQuAD XML document."""
    root = etree.parse(str(path)).getroot()
    sections = []
    for pair in root.iter("QAPair"):
        question = pair.find("Question")
        sections.append(
            Section((question.text or "").strip(), question.get("qtype", ""), blocks(pair.findtext("Answer") or ""))
        )
    return Document((root.findtext("Focus") or "").strip(), root.get("source", ""), tuple(sections))


def to_html(doc: Document) -> str:
    """The publisher's page: chrome (nav, cookie banner, footer) around h1, one h2 per question, p and ul."""
    e = html.escape
    lines = [
        "<!DOCTYPE html>",
        f'<html lang="en"><head><meta charset="utf-8"><title>{e(doc.focus)} | {e(doc.site)} Health Topics</title>'
        "<script>window.dataLayer=[];</script></head><body>",
        '<nav><a href="/">Home</a> | <a href="/health-topics">Health Topics</a> | '
        '<a href="/contact">Contact Us</a></nav>',
        '<div class="cookie">This site uses cookies. <button>Accept</button></div>',
        f"<main><article><h1>{e(doc.focus)}</h1>",
    ]
    previous = None
    for section in doc.sections:
        if section.question != previous:
            lines.append(f"<h2>{e(section.question)}</h2>")
        previous = section.question
        for block in section.blocks:
            if block.is_list:
                lines.append("<ul>" + "".join(f"<li>{e(i)}</li>" for i in block.items) + "</ul>")
            else:
                lines.append(f"<p>{e(block.items[0])}</p>")
    lines.append(
        "</article></main><footer><p>Share this page: Facebook Twitter Email</p>"
        f"<p>Page last reviewed by {e(doc.site)}.</p></footer></body></html>"
    )
    return "\n".join(lines)


def _plain(block: Block, bullet: str) -> str:
    return "\n".join(bullet + i for i in block.items) if block.is_list else block.items[0]


def to_markdown(doc: Document) -> str:
    """A Markdown page: h1 focus, one ## heading per run of same-type questions, none for "information"."""
    parts = [f"# {doc.focus}"]
    previous = None
    for section in doc.sections:
        heading = HEADINGS.get(section.qtype)
        if heading and section.qtype != previous:
            parts.append(f"## {heading}")
        previous = section.qtype
        parts.extend(_plain(b, "- ") for b in section.blocks)
    return "\n\n".join(parts) + "\n"


def to_text(doc: Document) -> str:
    """Scraped text: page chrome and paragraphs; of the headings only the title and "Risk Factors" survive."""
    parts = ["Skip to main content\nPrint this page", doc.focus]
    previous = None
    for section in doc.sections:
        if section.qtype == "susceptibility" and section.qtype != previous:
            parts.append(HEADINGS[section.qtype])
        previous = section.qtype
        parts.extend(_plain(b, "  • ") for b in section.blocks)
    parts.append(f"\nShare this page\nPage last reviewed by {doc.site}.")
    return "\n\n".join(parts)


def index(medquad: Path) -> dict[tuple[str, str], list[Path]]:
    """Each (slug, site) of the MedQuAD folder with its XML documents (a focus recurs across sites)."""
    found: dict[tuple[str, str], list[Path]] = {}
    for xml in sorted(medquad.glob("*/*.xml")):
        doc = read(xml)
        found.setdefault((doc.slug, doc.site), []).append(xml)
    return found


def render(xml: Path, out_dir: Path, slug: str | None = None) -> str:
    """Write SLUG.html, SLUG.md and SLUG.txt for one XML document (SLUG: the focus's slug unless given)."""
    doc = read(xml)
    slug = slug or doc.slug
    out_dir.mkdir(parents=True, exist_ok=True)
    for suffix, text in ((".html", to_html(doc)), (".md", to_markdown(doc)), (".txt", to_text(doc))):
        (out_dir / f"{slug}{suffix}").write_bytes(text.encode("utf-8"))
    return slug


def main(argv: list[str] | None = None) -> int:
    """Command line: render the listed documents (or the XML files given) into OUT_DIR."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("xml", type=Path, nargs="*")
    parser.add_argument("--list", type=Path, help="TSV: slug, XML path under --medquad")
    parser.add_argument("--medquad", type=Path, default=Path("../shared/corpus/medquad"))
    args = parser.parse_args(argv)
    jobs: list[tuple[Path, str | None]] = [(x, None) for x in args.xml]
    if args.list:
        with args.list.open(encoding="utf-8") as rows:
            jobs += [(args.medquad / r[1], r[0]) for r in csv.reader(rows, delimiter="\t") if r and r[0][0] != "#"]
    if not jobs:
        parser.error("give XML files or --list")
    for xml, slug in jobs:
        print(render(xml, args.out_dir, slug))
    return 0


if __name__ == "__main__":
    sys.exit(main())
