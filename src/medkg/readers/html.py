"""Publishers' HTML pages, parsed with lxml's HTML parser (https://html.spec.whatwg.org/).

The main content is the page's ``<main>``, ``<article>`` or ``[role=main]`` element, else its
body; navigation, headers, footers, forms, scripts and elements whose class or id names a
banner, menu or share box are dropped before reading. ``Article.text`` is the visible
text, one block (heading, paragraph or list item) after another, separated by blank lines.
Page metadata comes from ``<meta>`` tags, ``<html lang>`` and schema.org JSON-LD.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from medkg.errors import ReadError
from medkg.model import Article, PageMetadata, Person
from medkg.readers._common import TextAssembler, is_chrome, read_source, sections_from_blocks

_DROP_TAGS = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
              "button", "iframe", "svg", "select", "figure", "object", "embed", "canvas", "dialog")
_DROP_NAMES = re.compile(r"cookie|consent|banner|breadcrumb|share|social|(?:^|[-_ ])(?:nav|menu)|skip|"
                         r"print|related|advert|promo|newsletter|modal|popup", re.IGNORECASE)
_BLOCK_TAGS = {"p", "li", "dt", "dd", "blockquote", "pre", "td", "th", "caption", "div", "section",
               "article", "main", "ul", "ol", "dl", "table", "tr", "tbody", "thead", "body", "figcaption"}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}


def read_html(path: Path) -> Article:
    """Read an HTML page into an :class:`Article` of its main content's visible text."""
    import lxml.html
    from lxml import etree

    path = Path(path)
    source = read_source(path)
    try:  # bytes and a fixed encoding: a string with an XML encoding declaration would be refused
        root = lxml.html.document_fromstring(source.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (etree.ParserError, ValueError) as err:
        raise ReadError(f"{path}: not an HTML page ({err})") from err
    page = _page_metadata(root)
    for el in root.xpath("//comment() | //processing-instruction()"):
        _drop(el)
    for el in list(root.iter(*_DROP_TAGS)):
        _drop(el)
    for el in list(root.iter()):
        names = f"{el.get('class', '')} {el.get('id', '')} {el.get('role', '')}"
        if el.tag not in ("html", "body", "main", "article") and _DROP_NAMES.search(names):
            _drop(el)
    main = next(iter(root.xpath("//main | //*[@role='main'] | //article")), None)
    out = TextAssembler()
    _walk(main if main is not None else root, out)
    if not out.blocks:
        raise ReadError(f"{path}: the page holds no visible text")
    titles = [b.text for b in out.blocks if b.kind == "heading" and b.level == 1]
    title = titles[0] if titles else page.title
    return Article(source=path.stem, path=str(path), text=out.text, blocks=tuple(out.blocks),
                   sections=sections_from_blocks(out.blocks, len(out.text)), page=page, title=title)


def _drop(el: Any) -> None:
    """Remove ``el`` but keep the text that follows it (lxml stores it on the element)."""
    parent = el.getparent()
    if parent is not None:
        el.drop_tree()


def _walk(el: Any, out: TextAssembler) -> None:
    """Add ``el``'s blocks: headings, list items, and runs of inline text inside block elements."""
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in _HEADINGS:
        out.add("heading", el.text_content(), level=_HEADINGS[tag])
        return
    kind = "item" if tag in ("li", "dd") else "paragraph"
    level = sum(1 for a in el.iterancestors("ul", "ol", "dl")) if kind == "item" else 0
    run = [el.text or ""]
    for child in el:
        ctag = child.tag if isinstance(child.tag, str) else ""
        if ctag in _BLOCK_TAGS or ctag in _HEADINGS or (ctag == "br" and _is_break(child)):
            _flush(run, kind, level, out)
            kind = "paragraph" if kind == "item" and ctag != "br" else kind
            if ctag != "br":
                _walk(child, out)
            run = [child.tail or ""]
        else:
            run.append(child.text_content() + (child.tail or ""))
    _flush(run, kind, level, out)


def _is_break(br: Any) -> bool:
    """Two ``<br>`` in a row end a paragraph; one only wraps a line."""
    nxt = br.getnext()
    return nxt is not None and nxt.tag == "br" and not (br.tail or "").strip()


def _flush(run: list[str], kind: str, level: int, out: TextAssembler) -> None:
    text = " ".join("".join(run).split())
    if text and not is_chrome(text):
        out.add(kind, text, level)


def _page_metadata(root: Any) -> PageMetadata:
    """Title, language, author, dates and publisher from meta tags and JSON-LD, before scripts go."""
    meta = {(m.get("name") or m.get("property") or "").lower(): m.get("content", "").strip()
            for m in root.iter("meta") if m.get("content")}
    ld: dict[str, Any] = {}
    for script in root.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        for node in data if isinstance(data, list) else data.get("@graph", [data]):
            if isinstance(node, dict) and not ld and str(node.get("@type", "")).endswith("WebPage"):
                ld = node
    title_el = root.find(".//title")
    author = meta.get("author") or meta.get("citation_author") or _ld_name(ld.get("author"))
    reviewer = _ld_name(ld.get("reviewedBy"))
    publisher = meta.get("og:site_name") or meta.get("citation_publisher") or _ld_name(ld.get("publisher"))
    return PageMetadata(
        title=meta.get("og:title") or (title_el.text_content().strip() if title_el is not None else None),
        url=meta.get("og:url") or ld.get("url"),
        language=root.get("lang") or meta.get("language"),
        authors=(Person(author),) if author else (),
        reviewer=Person(reviewer) if reviewer else None,
        date_reviewed=_iso(ld.get("lastReviewed")),
        date_updated=_iso(meta.get("article:modified_time") or ld.get("dateModified")),
        publisher=publisher or None,
    )


def _ld_name(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name")
    return str(value).strip() or None if value else None


def _iso(value: Any) -> str | None:
    match = re.match(r"\d{4}-\d{2}-\d{2}", str(value or ""))
    return match.group() if match else None
