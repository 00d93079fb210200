"""Markdown articles, parsed as CommonMark by markdown-it-py (https://spec.commonmark.org/).

Block offsets come from the parser's source line map, so every block's text is a slice of
the file itself (inline markup such as ``**bold**`` stays in it; the extractor strips it).
Tables, HTML blocks and code are not read as article text.
"""

from __future__ import annotations

import re
from pathlib import Path

from medkg.model import Article, Block
from medkg.readers._common import is_chrome, read_source, sections_from_blocks

_MARKER = re.compile(r"[ \t>]*(?:#{1,6}[ \t]+|[*+-][ \t]+|\d{1,9}[.)][ \t]+)?")


def read_markdown(path: Path) -> Article:
    """Read a Markdown file into an :class:`Article` whose offsets index the decoded file."""
    from markdown_it import MarkdownIt

    path = Path(path)
    text = read_source(path)
    line_starts = [0] + [m.end() for m in re.finditer(r"\r\n|\n|\r", text)]
    tokens = MarkdownIt("commonmark").parse(text)
    blocks: list[Block] = []
    in_item = 0
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
            if block is not None and (kind == "heading" or not is_chrome(block.text)):
                blocks.append(block)
    title = next((b.text.strip("# ") for b in blocks if b.kind == "heading" and b.level == 1), None)
    return Article(source=path.stem, path=str(path), text=text, blocks=tuple(blocks),
                   sections=sections_from_blocks(blocks, len(text)), title=title)


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
