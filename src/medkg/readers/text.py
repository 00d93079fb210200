"""Plain and scraped text: one block per line, bullets as list items, short lines as headings.

Scraped pages lose their markup, so structure is guessed from the lines: a line opening with
a bullet (``•``, ``-``, ``*``, ``1.``) is a list item, a short line without closing
punctuation (or a short question, "How is gout treated?") is a heading unless it follows a
list's lead-in ("Signs include:") as an entry, any other line is a paragraph. Page chrome
(menus, share links, image metadata) stays in ``Article.text`` but gets no block. The title is
the first of the headings before the body that shares a word with the body's first paragraph,
so a site name left above it ("Health Library") is passed by.
"""

from __future__ import annotations

import re
from pathlib import Path

from medkg.model import Article, Block
from medkg.readers._common import (
    BULLET,
    LEAD_IN,
    is_chrome,
    is_entry,
    promotions,
    read_source,
    refuse_empty,
    sections_from_blocks,
    unglue,
)
from medkg.readers.byline import byline

_LINE = re.compile(r"[^\r\n]+")


def read_text(path: Path) -> Article:
    """Read a text file into an :class:`Article` whose offsets index the decoded file (with a space put
    back wherever a scraper ran words together: :func:`~medkg.readers._common.unglue`)."""
    path = Path(path)
    text = unglue(read_source(path))
    lines = list(_LINE.finditer(text))
    promoted = _promoted(text, lines)
    blocks = _entries([b for i, m in enumerate(lines) if i not in promoted and (b := line_block(m.group(), m.start()))])
    title = _title(blocks)
    if title is not None:
        blocks[blocks.index(title)] = Block("heading", title.text, title.start, title.end, level=1)
    refuse_empty(blocks, path)
    return Article(source=path.stem, path=str(path), text=text, blocks=tuple(blocks),
                   sections=sections_from_blocks(blocks, len(text)), title=title.text if title else None,
                   page=byline(text.splitlines(), path))


def _entries(blocks: list[Block]) -> list[Block]:
    """The blocks, with the short lines after a list's lead-in read as its entries ("Common signs are:",
    "Fever", "Loss of appetite"): alone on their lines, they read as headings, and each would open a section.
    A line in title case or a question after them is the next section's heading (:func:`~._common.is_entry`)."""
    out: list[Block] = []
    lead = False
    for block in blocks:
        if lead and block.kind == "heading" and is_entry(block.text):
            block = Block("item", block.text, block.start, block.end, level=1)
        lead = (block.kind == "paragraph" and bool(LEAD_IN.search(block.text))) or (lead and block.kind == "item")
        out.append(block)
    return out


def _promoted(text: str, lines: list[re.Match[str]]) -> set[int]:
    """The lines that are promotions (:func:`~medkg.readers._common.promotions`), read in runs of lines
    without a blank line between them."""
    out: set[int] = set()
    run: list[int] = []
    for i, m in enumerate([*lines, None]):
        if run and (m is None or text.count("\n", lines[run[-1]].end(), m.start()) > 1):
            out |= {run[k] for k in promotions([lines[j].group() for j in run])}
            run = []
        run.append(i)
    return out


def _title(blocks: list[Block]) -> Block | None:
    """The title among the headings that open the page: the first one the body's first paragraph echoes."""
    lead = []
    for block in blocks:
        if block.kind != "heading":
            break
        lead.append(block)
    body = next((b.text for b in blocks[len(lead):] if b.kind == "paragraph"), "")
    echoed = _words(body[:300])
    return next((b for b in lead if _words(b.text) & echoed), lead[0] if lead else None)


def _words(text: str) -> set[str]:
    """Lower-case words of four letters or more, a plural -s dropped, to compare a heading with prose."""
    return {w.removesuffix("s") for w in re.findall(r"[a-z]{4,}", text.lower())}


def line_block(line: str, offset: int) -> Block | None:
    """The block one line of text makes, or None for blank lines and chrome."""
    bullet = BULLET.match(line)
    body_start = bullet.end() if bullet else len(line) - len(line.lstrip())
    body = line[body_start:].rstrip()
    if not body or is_chrome(body):
        return None
    start = offset + body_start
    if bullet:
        return Block("item", body, start, start + len(body), level=1)
    if looks_like_heading(body):
        return Block("heading", body, start, start + len(body), level=2)
    return Block("paragraph", body, start, start + len(body))


def looks_like_heading(line: str) -> bool:
    """A short capitalised line that does not end like a sentence or a lead-in, or a short question.

    A closing bracket may end one ("Shingles (Herpes Zoster)"); a line that opens with one is an aside.

    >>> looks_like_heading("Risk Factors"), looks_like_heading("Medicines to:"), looks_like_heading("Is it rare?")
    (True, False, True)
    """
    words = re.sub(r"\s*\([^()]*\)$", "", line).split()
    if not (words and line[0].isupper() and line.count("(") == line.count(")")):
        return False
    if line.endswith("?"):
        return len(words) <= 10
    return len(words) <= 8 and len(line) <= 70 and line[-1] not in ".,:;!"
