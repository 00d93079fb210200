"""Markdown articles, parsed as CommonMark by markdown-it-py (https://spec.commonmark.org/).

Block offsets come from the parser's source line map, so every block's text is a slice of
the file itself (inline markup such as ``**bold**`` stays in it; the extractor strips it), read
with a space put back where a scraper ran words together. A scrape written one element per line
(no blank lines, no Markdown marks) has its headings and list entries read line by line.
Tables, HTML blocks and code are not read as article text. YAML front matter (a first block
between ``---`` lines, as static site generators write it) is read into the page metadata
(title, author, reviewer, dates, publisher, URL, language) and gives no blocks.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from medkg.errors import ReadError
from medkg.model import Article, Block, PageMetadata, Person
from medkg.readers import fields
from medkg.readers._common import (
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
from medkg.readers.record import load_yaml

_INLINE_MARKUP = re.compile(r"[*_`]+|^#+\s*|^\s*>\s*")
_LINE_BREAK = re.compile(r"\r\n|\n|\r")
_TEXT_LINE = re.compile(r"[^\r\n]+")
_MARKER = re.compile(r"[ \t>]*(?:#{1,6}[ \t]+|[*+-][ \t]+|\d{1,9}[.)][ \t]+)?")
_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(?P<yaml>.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)",
                           re.DOTALL)
#: front matter keys for each metadata field, first found wins
_KEYS = {
    "title": ("title", "name", "headline"),
    "url": ("url", "canonical", "canonical_url", "permalink", "link"),
    "language": ("lang", "language", "locale"),
    "authors": ("authors", "author", "byline", "written_by"),
    "reviewers": ("reviewers", "reviewer", "reviewed_by", "medical_reviewer", "medically_reviewed_by"),
    "date_reviewed": ("last_reviewed", "reviewed", "date_reviewed", "review_date", "reviewed_on"),
    "date_updated": ("last_updated", "updated", "date_updated", "modified", "date_modified", "lastmod",
                     "last_modified", "date"),
    "date_published": ("published", "date_published", "publish_date", "pubdate", "created"),
    "publisher": ("publisher", "site", "site_name", "source", "organization"),
}
_MAX_FRONT_MATTER = 65_536
#: deeper Markdown is refused rather than read in part (the HTML reader's limit too)
MAX_NESTING = 400
#: a link reference definition, which no block covers, and a line of container markers only ("> -", "1.")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s")
_NO_TEXT = re.compile(r"^(?:\s|>|[*+-](?=\s|$)|\d{1,9}[.)](?=\s|$))*$")
_LEAVES = {"paragraph_open", "heading_open", "fence", "code_block", "html_block", "hr"}



def read_markdown(path: Path) -> Article:
    """Read a Markdown file into an :class:`Article` whose offsets index the decoded file (with a space put
    back wherever a scraper ran words together: :func:`~medkg.readers._common.unglue`)."""
    from markdown_it import MarkdownIt

    path = Path(path)
    text = unglue(read_source(path))
    line_starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
    front = _FRONT_MATTER.match(text)
    page = front_matter(front.group("yaml"), path) if front else PageMetadata()
    body = _blank_lines(front.group()) + text[front.end():] if front else text  # same line numbers
    try:  # CommonMark's default limit (20 levels) would drop deeper content, and all after it, unsaid
        tokens = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).parse(body)
    except RecursionError as err:
        raise ReadError(f"{path}: nested too deeply to read; medkg reads Markdown nested up to {MAX_NESTING} "
                        "levels") from err
    skipped = _unread_line(tokens, body)
    if skipped is not None:
        raise ReadError(f"{path}: line {skipped + 1} is nested deeper than {MAX_NESTING} levels; medkg reads "
                        f"Markdown nested up to {MAX_NESTING} levels")
    blocks: list[Block] = []
    in_item = 0
    section = 1  # the level of the last Markdown heading
    for i, tok in enumerate(tokens):
        if tok.type == "list_item_open":
            in_item += 1
        elif tok.type == "list_item_close":
            in_item -= 1
        elif tok.type == "inline" and tok.map and i:
            opener = tokens[i - 1]
            if opener.type == "heading_open":
                kind, level = "heading", int(opener.tag[1])
            else:
                kind, level = ("item", in_item) if in_item else ("paragraph", 0)
            block = _block(text, line_starts, tok.map, kind, level)
            if block is not None:
                if kind == "heading":
                    section = level
                for part in _without_promotions(block):
                    lead = bool(blocks) and blocks[-1].kind == "paragraph" and bool(LEAD_IN.search(blocks[-1].text))
                    for b in _lines(part, section, lead):
                        if (b.kind == "heading" or not is_chrome(b.text)) and not _repeats(b, blocks):
                            blocks.append(b)
    title = next((b.text.strip("# ") for b in blocks if b.kind == "heading" and b.level == 1), page.title)
    refuse_empty(blocks, path, page.title)
    page = fields.merge(page, byline((_INLINE_MARKUP.sub("", line) for line in text.splitlines()), path))
    return Article(source=path.stem, path=str(path), text=text, blocks=tuple(blocks),
                   sections=sections_from_blocks(blocks, len(text)), page=page, title=title)


def front_matter(source: str, where: Path | str = "front matter") -> PageMetadata:
    """Page metadata from YAML front matter; keys are matched case-insensitively, unknown ones ignored.

    Dates are read as text and checked (a YAML parser would fail on "2024-02-30"); a field with
    a bad value is dropped with a warning, and front matter that is not YAML is ignored.

    >>> front_matter("title: Gout\\nauthor: [A. Lee, {name: B. Kim}]\\ndate: 2025-03-14").authors[1]
    Person(name='B. Kim', url=None)
    """
    if len(source) > _MAX_FRONT_MATTER:
        fields.warn(where, "front matter", source[:40], f"longer than {_MAX_FRONT_MATTER:,} characters")
        return PageMetadata()
    try:
        data = load_yaml(source)  # untrusted YAML: no aliases, bounded nesting and integers, dates as text
    except yaml.YAMLError as err:
        fields.warn(where, "front matter", source[:40], f"not YAML ({type(err).__name__})")
        return PageMetadata()
    if not isinstance(data, dict):
        return PageMetadata()
    data = {str(k).lower().replace("-", "_"): v for k, v in data.items()}
    found = {field: next((data[k] for k in keys if data.get(k)), None) for field, keys in _KEYS.items()}
    return PageMetadata(
        title=fields.text(found["title"], where, "title"), url=fields.url(found["url"], where, "url"),
        language=fields.text(found["language"], where, "language"),
        authors=_people(found["authors"], where, "author"), reviewers=_people(found["reviewers"], where, "reviewer"),
        date_reviewed=fields.date(found["date_reviewed"], where, "date_reviewed"),
        date_updated=fields.date(found["date_updated"], where, "date_updated"),
        date_published=fields.date(found["date_published"], where, "date_published"),
        publisher=fields.text(_name(found["publisher"]), where, "publisher"),
    )


def _people(value: Any, where: Path | str, field: str) -> tuple[Person, ...]:
    """People from a name, a mapping with ``name`` (and ``url``), or a list of them."""
    found = []
    for item in value if isinstance(value, list) else [value] if value else []:
        name = fields.text(_name(item), where, field)
        url = fields.url(item.get("url"), where, f"{field} url") if isinstance(item, dict) else None
        if name:
            found.append(Person(name, url))
    return tuple(found)


def _name(value: Any) -> Any:
    """A person's or organisation's name: a string, or a mapping's ``name``."""
    return value.get("name") if isinstance(value, dict) else value


def _unread_line(tokens: list[Any], body: str) -> int | None:
    """The first line with text that no leaf block (paragraph, heading, code, HTML, rule) covers, or None:
    past its nesting limit the parser skips the rest of the container."""
    lines = _LINE_BREAK.split(body)  # as markdown-it counts lines: not at \x0b, \x1c or U+2028 as str.splitlines
    covered = bytearray(len(lines))
    for tok in tokens:
        if tok.map and tok.type in _LEAVES:
            covered[tok.map[0]:tok.map[1]] = b"\x01" * (tok.map[1] - tok.map[0])
    return next((i for i, line in enumerate(lines) if not covered[i] and not _NO_TEXT.match(line)
                 and not _REFERENCE.match(line)), None)


def _blank_lines(text: str) -> str:
    return "\n" * (text.count("\n") + (0 if text.endswith("\n") else 1))


def _without_promotions(block: Block) -> list[Block]:
    """The block, or the stretches of its lines around the promotions in it ("Shop for creams.\nShop Now")."""
    lines = _LINE_BREAK.split(block.text)
    drop = promotions(lines) if block.kind != "heading" else set()
    if not drop:
        return [block]
    out, at = [], block.start
    for i, line in enumerate(lines):
        if i not in drop and line.strip():
            lead = len(line) - len(line.lstrip())
            part = line.strip()
            if out and i - 1 not in drop and out[-1].end <= at:  # join a line to the kept line before it
                prev = out.pop()
                part = block.text[prev.start - block.start:at + lead + len(part) - block.start]
                out.append(Block(block.kind, part, prev.start, prev.start + len(part), block.level))
            else:
                out.append(Block(block.kind, part, at + lead, at + lead + len(part), block.level))
        at += len(line) + 1  # each line was split from the next at one break
    return out


def _lines(block: Block, heading_level: int, lead: bool) -> list[Block]:
    """The block, or a block per line where a scraper wrote one element per line ("CAUSES\nAtopic dermatitis is
    ...", "include:\nItching\nRashes"): CommonMark joins such lines into one paragraph, but prose wrapped at
    a width breaks lines inside sentences, and these break before each capital. Each line is read as a text
    file's line is (:func:`~medkg.readers.text.line_block`): a short line without closing punctuation is a
    heading (one level below the last Markdown heading, ``heading_level``), a list entry's first line stays the
    entry, and short lines after a lead-in ("... include:", "Tests include"; ``lead``: the block before is one)
    are entries.
    Lines that are all sentences stay one paragraph: splitting them shows no structure."""
    from medkg.readers.text import line_block

    lines = list(_TEXT_LINE.finditer(block.text))
    if block.kind == "heading" or len(lines) < 2 or not all(m.group()[:1].isupper() or m.group()[:1].isdigit()
                                                            for m in lines[1:]):
        return [block]
    out = []
    for i, m in enumerate(lines):
        line = line_block(m.group(), block.start + m.start())
        if line is None:
            continue
        entry = lead and is_entry(line.text)
        if (i == 0 and block.kind == "item") or (entry and line.kind != "item"):
            line = Block("item", line.text, line.start, line.end, max(block.level, 1))
        elif line.kind == "heading":
            line = Block("heading", line.text, line.start, line.end, min(heading_level + 1, 6))
        lead = bool(LEAD_IN.search(line.text)) or (lead and line.kind == "item")
        out.append(line)
    return out if any(b.kind != "paragraph" for b in out) else [block]  # sentences on lines stay one paragraph


def _repeats(block: Block, before: list[Block]) -> bool:
    """Whether a heading or list entry repeats the block right before it but for case, as scrapers double a
    heading shown in capitals ("CAUSES OF GOUT" then "Causes of Gout")."""
    last = before[-1] if before else None
    return (block.kind in ("heading", "item") and last is not None and last.kind == block.kind
            and last.text.casefold() == block.text.casefold())


def _block(text: str, line_starts: list[int], lines: list[int], kind: str, level: int) -> Block | None:
    """The block spanning source ``lines`` (a half-open range), without its list or heading marker."""
    start = line_starts[lines[0]]
    end = line_starts[lines[1]] if lines[1] < len(line_starts) else len(text)
    start = _MARKER.match(text, start, end).end()
    if kind == "heading":
        end = start + len(text[start:end].rstrip().rstrip("#"))
    while end > start and text[end - 1].isspace():
        end -= 1
    return Block(kind, text[start:end], start, end, level) if end > start else None
