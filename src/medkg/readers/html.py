"""Publishers' HTML pages: the main content through trafilatura, the page's metadata through lxml.

Parsing is lxml's HTML parser (https://html.spec.whatwg.org/) with its size limits lifted,
so a page nested deeper than 256 elements or holding a text node over 10 MB is read whole;
a page beyond libxml2's hard limits, or nested deeper than :data:`MAX_DEPTH`, is refused
rather than read in part. The main content (the article without menus, sidebars, footers
and ads) is trafilatura's (https://trafilatura.readthedocs.io/), a boilerplate remover many
crawlers use and keep current with the web's layouts; its XML output keeps headings, lists
and tables, which become the article's blocks. When trafilatura finds nothing, the page's
``<main>``/``<article>`` (else its body) is read with the chrome pruned by element names.
``Article.text`` is the visible text, one block after another, separated by blank lines.
Page metadata comes from the markup (:mod:`medkg.readers.markup`) and the visible byline.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from medkg.errors import ReadError
from medkg.model import Article
from medkg.readers._common import BULLET, TextAssembler, is_chrome, read_bytes, refuse_empty, sections_from_blocks
from medkg.readers.fields import merge

#: a page with more text than this is read whole by the fallback: trafilatura would take seconds, and
#: no article is this long (the pipeline refuses articles over a million characters)
MAX_EXTRACT_CHARS = 2_000_000
#: at most this many words before a page's title are dropped as a kicker or promotion
_MAX_KICKER_WORDS = 40
#: a button, ``role="heading"`` or heading-classed element of more words is not read as a heading
_MAX_HEADING_WORDS = 12
#: an element whose classes include h1-h4 (``<div class="h3">``), as an XPath test
_HEADING_CLASS = " or ".join(f"contains(concat(' ', normalize-space(@class), ' '), ' h{n} ')" for n in range(1, 5))
#: a hidden panel of fewer words is not opened (a tooltip, an icon's label)
_PANEL_WORDS = 5
#: what may title a section, in the page's order: headings, a disclosure's title, ARIA and class-named headings
_TITLES = " | ".join([*(f"//h{n}" for n in range(1, 7)), "//button[@aria-controls or @aria-expanded]", "//summary",
                      "//*[@role='heading']", f"//*[self::div or self::p or self::span][{_HEADING_CLASS}]"])
#: deeper pages are refused: no real page comes near, and the extractor's walks recurse
MAX_DEPTH = 400

_CHARSET = re.compile(rb"""<\?xml[^>]*\bencoding\s*=\s*["']?([\w.:-]+)|<meta\b[^>]*\bcharset\s*=\s*["']?([\w.:-]+)""",
                      re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: the lxml fallback's pruning: elements that never hold the article, and class/id names of chrome
_DROP_TAGS = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
              "button", "iframe", "svg", "select", "figure", "object", "embed", "canvas", "dialog")
_DROP_NAMES = re.compile(r"cookie|consent|banner|breadcrumb|share|social|(?:^|[-_ ])(?:nav|menu)|skip|"
                         r"print|related|advert|promo|newsletter|modal|popup", re.IGNORECASE)
_BLOCK_TAGS = {"p", "li", "dt", "dd", "blockquote", "pre", "td", "th", "caption", "div", "section",
               "article", "main", "ul", "ol", "dl", "table", "tr", "tbody", "thead", "body", "figcaption"}
_INVISIBLE = {"script", "style", "noscript", "template", "head"}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
#: trafilatura's XML: elements that hold blocks, and those read as inline text
_XML_BLOCKS = {"p", "head", "list", "item", "table", "row", "cell", "quote", "code", "div", "main", "doc"}
#: reference and edit markers a page shows in brackets ("[12]", "[a]", "[edit]", "[citation needed]")
_MARKERS = re.compile(r"\s*\[(?:\d{1,3}(?:\s*[,–-]\s*\d{1,3})*|[a-z]|edit|citation needed|note \d{1,3})\]")
_SENTENCE_END = re.compile(r"[.!?:;,)\]\"”’]$")
_CLAUSE_END = re.compile(r"[.!:;,]$")


def read_html(path: Path) -> Article:
    """Read an HTML page into an :class:`Article` of its main content's visible text.

    The page metadata is the markup's (:mod:`.markup`), completed from the byline and review
    lines the article or the rest of the page shows (:mod:`.byline`).
    """
    from medkg.readers.byline import byline
    from medkg.readers.markup import read_markup

    path = Path(path)
    source = decode_html(read_bytes(path), path)
    root = parse_html(source, path)
    markup = read_markup(root, source, path)
    out = _from_title(_article(root))
    page = merge(markup.page, byline([*(b.text for b in out.blocks), *_visible_lines(root)], path))
    titles = [b.text for b in out.blocks if b.kind == "heading" and b.level == 1]
    title = titles[0] if titles else page.title
    refuse_empty(out.blocks, path, page.title)
    return Article(source=path.stem, path=str(path), text=out.text, blocks=tuple(out.blocks),
                   sections=sections_from_blocks(out.blocks, len(out.text)), page=page, title=title,
                   synonyms=markup.synonyms)


def parse_html(source: str, where: Path) -> Any:
    """The page's lxml tree, control characters blanked; refused if libxml2 stops early or it nests too deep."""
    import lxml.html
    from lxml import etree

    text = _CONTROL.sub(" ", source)
    parser = lxml.html.HTMLParser(encoding="utf-8", huge_tree=True)
    try:  # bytes and a fixed encoding: a string with an XML encoding declaration would be refused
        root = lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError) as err:
        raise ReadError(f"{where}: not an HTML page ({err})") from err
    fatal = [e for e in parser.error_log if e.level_name == "FATAL"]
    if fatal:
        raise ReadError(f"{where}: the page cannot be read whole: {fatal[0].message} (line {fatal[0].line})")
    depth = _depth(root)
    if depth > MAX_DEPTH:
        raise ReadError(f"{where}: elements are nested {depth} deep; medkg reads pages nested up to {MAX_DEPTH}")
    return root


def decode_html(data: bytes, where: Path) -> str:
    """UTF-8 when the bytes are UTF-8, else the charset the page declares, else Windows-1252.

    ISO-8859-1 and ASCII declarations are read as Windows-1252, as browsers do (WHATWG Encoding).
    """
    from medkg.readers._common import decode

    declared = _CHARSET.search(data[:4096])
    name = (declared.group(1) or declared.group(2)).decode("ascii").lower() if declared else ""
    if name in ("", "utf-8", "utf8", "iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii", "windows-1252"):
        return decode(data, where)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data, where)


def _depth(root: Any) -> int:
    """How deeply the page's elements nest, walked without recursion."""
    from lxml import etree

    depth = deepest = 0
    for event, _ in etree.iterwalk(root, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest


def _article(root: Any) -> TextAssembler:
    """The article's blocks: trafilatura's, or the pruned page's where trafilatura found nothing, or
    lost the headings of a page too plain for its content rules (it then falls back to paragraphs
    alone) while the pruned page has them and holds all the text trafilatura kept."""
    out = TextAssembler()
    _read_main_content(root, out)
    if out.blocks and any(b.kind == "heading" for b in out.blocks):
        return out
    pruned = TextAssembler()
    _read_pruned(root, pruned)
    kept = " ".join(pruned.text.split())
    if not out.blocks or (any(b.kind == "heading" for b in pruned.blocks)
                          and all(" ".join(b.text.split()) in kept for b in out.blocks)):
        return pruned
    return out


def _from_title(out: TextAssembler) -> TextAssembler:
    """The article from its title on: a few short lines before the page's one ``<h1>`` are a kicker,
    a promotion or a breadcrumb, not the article."""
    titles = [i for i, b in enumerate(out.blocks) if b.kind == "heading" and b.level == 1]
    before = out.blocks[:titles[0]] if len(titles) == 1 else []
    if not before or sum(len(b.text.split()) for b in before) > _MAX_KICKER_WORDS:
        return out
    kept = TextAssembler()
    for block in out.blocks[titles[0]:]:
        kept.add(block.kind, block.text, block.level)
    return kept


def _read_main_content(root: Any, out: TextAssembler) -> None:
    """Add trafilatura's main content as blocks; adds nothing when it finds none or cannot read the page
    (its own XML checks refuse a text node over 10 MB), and the fallback reads the page instead."""
    import trafilatura
    from lxml import etree

    if len(root.text_content()) > MAX_EXTRACT_CHARS:
        return
    _prepare(root)
    try:
        xml = trafilatura.extract(root, output_format="xml", include_formatting=True, include_tables=True,
                                  include_comments=False, include_images=False, favor_recall=True,
                                  include_links=True, config=_config())
    except (etree.LxmlError, RecursionError):
        return
    if xml:
        doc = etree.fromstring(xml.encode("utf-8"), parser=etree.XMLParser(huge_tree=True))
        _XmlBlocks(out).element(doc.find("main"), "paragraph", 0)


def _prepare(root: Any) -> None:
    """Put the page in the shape trafilatura reads: it drops a comment with the text after it ("nerve.
    <!--more-->The paralysis ..."), splits an "[edit]" link into lines, reads a heading that holds a link as
    plain text, drops hidden elements, buttons and lists of divs, so the panels of accordions and tabs (hidden
    until opened), an accordion's section titles (a button or a ``<summary>``, inside a heading or not), headings
    made of ``role="heading"`` or a heading class (``<div class="h3">``) and ``role="list"`` lists would be lost."""
    for node in root.xpath("//comment() | //processing-instruction()"):
        _drop(node)
    for text in root.xpath("//text()[starts-with(normalize-space(), '[')]"):
        _drop_marker(text.getparent())
    panels = _open_panels(root)
    disclosure = " | ".join(f"//{h}[.//button[@aria-controls or @aria-expanded] or ancestor::summary]"
                            for h in _HEADINGS)
    opens = set(root.xpath(disclosure))  # headings that open a panel: an accordion's titles
    for summary in root.xpath("//summary[.//h1 or .//h2 or .//h3 or .//h4 or .//h5 or .//h6]"):
        summary.drop_tag()  # trafilatura would read it as a heading of no level, and drop the level inside
    heads = " | ".join(f"//{h}//a | //{h}//button" for h in _HEADINGS)
    for inline in root.xpath(f"{heads} | //a[not(@href)]"):
        inline.drop_tag()  # the text stays
    for el in root.xpath("//div[@role='list'] | //div[@role='listitem']"):
        el.tag = "ul" if el.get("role") == "list" else "li"  # a list made of divs, as its ARIA roles say
    renamed = []
    last, last_opens = 1, False  # the level of the heading before, and whether it opens a panel
    for el in root.xpath(_TITLES):
        if el.tag in _HEADINGS:
            last, last_opens = _HEADINGS[el.tag], el in opens
            continue
        if not 0 < len(el.text_content().split()) <= _MAX_HEADING_WORDS or any(
                d.tag in _BLOCK_TAGS or d.tag in _HEADINGS for d in el.iterdescendants()):
            continue
        if el.tag == "button" and el.get("aria-controls") and not any(
                name in panels and el.xpath("boolean(following::*[@id=$id])", id=name)
                for name in el.get("aria-controls").split()):
            continue  # it opens a menu, a form, or the rest of a section above it ("Read more"): no title
        if el.tag in ("button", "summary"):  # a disclosure's title: beside the one before it, else below the heading
            level = last if last_opens else min(last + 1, 6)
            last_opens = True
        else:
            given = el.get("aria-level", "") if el.get("role") == "heading" else next(
                (c[1] for c in (el.get("class") or "").split() if re.fullmatch(r"h[1-4]", c)), "")
            level, last_opens = int(given) if given in ("1", "2", "3", "4", "5", "6") else 2, False
        last = level
        renamed.append((el, f"h{level}"))
    for el, tag in renamed:
        el.tag = tag


def _open_panels(root: Any) -> set[str]:
    """Show the panels a page hides until a reader opens them, and return the ids of the panels controls name.

    An accordion's or a tab list's panels and "read more" sections are served whole but hidden (``hidden``,
    ``aria-hidden="true"``, ``display:none``, a "hidden" class) until clicked, and trafilatura drops hidden
    elements as chrome. A panel is what a control's ``aria-controls`` names, or a ``role="tabpanel"``; a hidden
    menu (mostly links), form or dialog stays hidden."""
    controlled = {name for value in root.xpath("//@aria-controls") for name in value.split()}
    panels = set()
    for el in root.xpath("//*[@role='tabpanel' or @id]"):
        if (el.get("role") == "tabpanel" or el.get("id") in controlled) and _reads_as_text(el):
            panels.add(el.get("id"))
            for name in ("hidden", "aria-hidden", "style", "class"):
                el.attrib.pop(name, None)
            if "hidden" in el.get("id", "").lower():  # trafilatura drops an element whose id says "hidden"
                el.attrib.pop("id")
    return panels


def _reads_as_text(el: Any) -> bool:
    """Whether an element holds text to read: some words, mostly not links, and no form or dialog."""
    words = " ".join(el.itertext()).split()  # a space between elements: "<li>pain</li><li>redness</li>"
    links = sum(len(_inline(a)) for a in el.iter("a"))
    return (len(words) >= _PANEL_WORDS and links * 2 <= len(" ".join(words)) and el.tag != "dialog"
            and el.get("role") not in ("dialog", "alertdialog", "menu", "navigation")
            and next(el.iter("form", "input", "select", "textarea"), None) is None)


def _drop_marker(el: Any) -> None:
    """Drop the largest of ``el`` and its near ancestors that holds only a marker such as "[edit]" (a link beside
    a heading, which trafilatura would split into the lines "[" and "edit]")."""
    marker = None
    for _ in range(3):
        if el is None or len(el.text_content()) > 24:
            break
        if _MARKERS.fullmatch(" ".join(el.text_content().split())):
            marker = el
        el = el.getparent()
    if marker is not None:
        _drop(marker)


@functools.cache
def _config() -> Any:
    """trafilatura's settings, but a short article is kept as extracted: below its default 250
    characters it would fall back to a flat text dump without headings or lists."""
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")
    return config


class _XmlBlocks:
    """Turns trafilatura's XML (doc/main, head, p, list/item, table/row/cell, hi, lb) into blocks.

    A paragraph's ``<lb/>`` ends a line when the next line starts a sentence (a capital) or the
    line before ends one; a line wholly in bold that does not end like a sentence is a heading,
    as is a short bold lead that runs into a sentence ("**When to see a doctor** Babies ..."). A line
    that is only links is navigation and is dropped (a list item that is one link is kept).
    A table row whose cells hold only text is one item, its cells joined by dashes, as is a definition list's
    term with its definition; a table's header row is no item.
    """

    def __init__(self, out: TextAssembler) -> None:
        self.out = out
        self.heading_level = 1

    def element(self, el: Any, kind: str, level: int) -> None:
        if el is None:
            return
        tag = el.tag
        if tag == "head":
            rend = el.get("rend", "")
            self.heading_level = int(rend[1]) if re.fullmatch(r"h[1-6]", rend) else min(self.heading_level + 1, 6)
            self.out.add("heading", _MARKERS.sub("", _inline(el)), level=self.heading_level)
            return
        if tag == "list":
            children = list(el)
            for i, child in enumerate(children):
                term = _definition(child, children[i + 1] if i + 1 < len(children) else None)
                if term:  # a term and its definition (<dt>Fever</dt><dd>A temperature ...</dd>): one entry
                    self._line([_Piece(term)], "item", level + 1)
                elif not (i and _definition(children[i - 1], child)):
                    self.element(child, "item", level + 1)
            return
        if tag == "row" and el.getnext() is not None and all(c.get("role") == "head" for c in el):
            return  # a table's header row ("Medicine — Use") labels its columns, it is no entry
        if tag == "row" and self._text_row(el):
            cells = [" ".join(_MARKERS.sub("", _inline(c)).split()) for c in el]
            self._line([_Piece(" — ".join(c for c in cells if c))], "item", 1)
            return
        if not (tag == "p" and kind == "item"):  # a list entry's first paragraph is the entry (<li><p>X</p></li>)
            kind = {"item": "item", "p": "paragraph", "quote": "paragraph", "code": "paragraph"}.get(tag, kind)
        line = [_Piece(el.text or "")]
        for child in el:
            if child.tag in _XML_BLOCKS:
                first = kind == "item" and not "".join(p.text for p in line).strip()
                self._line(line, kind, level)
                kind = "paragraph" if kind == "item" else kind
                self.element(child, "item" if first and child.tag == "p" else kind, level)
                line = []
            elif child.tag == "lb":
                if _ends_line(line, _following_text(child)):
                    self._line(line, kind, level)
                    kind = "paragraph" if kind == "item" else kind
                    line = []
            else:
                text = re.sub(r"\s+", " ", "".join(child.itertext()))
                if "".join(p.text for p in line)[-1:].isalnum() and text[:1].isalnum():
                    text = " " + text  # trafilatura drops the space between <b>a</b> <b>b</b>
                line.append(_Piece(text, bold=child.tag == "hi" and "#b" in child.get("rend", ""),
                                   link=child.tag == "ref"))
            line.append(_Piece(child.tail or ""))
        self._line(line, kind, level)

    @staticmethod
    def _text_row(row: Any) -> bool:
        cells = [c for c in row if _inline(c).strip()]
        return len(cells) >= 2 and not any(d.tag in _XML_BLOCKS for c in row for d in c.iterdescendants())

    def _line(self, pieces: list[_Piece], kind: str, level: int) -> None:
        """Add one line of inline text; bold lines and bold leads become headings, lines of links nothing."""
        text = " ".join(_MARKERS.sub("", "".join(p.text for p in pieces)).split())
        if not text or is_chrome(text) or (kind == "paragraph" and all(p.link for p in pieces if p.text.strip())):
            return
        kind, level, text = _typed_item(kind, level, text)
        lead = ""
        for piece in pieces:
            if not piece.bold and piece.text.strip():
                break
            lead += piece.text
        lead = " ".join(lead.split())
        if lead and len(lead.split()) <= 12 and not _CLAUSE_END.search(lead) and kind == "paragraph":
            rest = text[len(lead):].strip()
            if not rest or (len(lead.split()) <= 8 and rest[0].isupper()):
                self.out.add("heading", lead, level=min(self.heading_level + 1, 6))
                text = rest
        elif kind == "item" and lead.endswith(".") and len(lead.split()) <= 8 and text.startswith(lead) \
                and text[len(lead):].strip():
            # an entry named in bold, then explained ("**Joint pain.** Pain in the big toe ..."): the name is set
            # off from its explanation as a table row's cells are, not run into it as one sentence
            text = f"{lead[:-1]} — {text[len(lead):].strip()}"
        if text:
            self.out.add(kind, text, level)


@dataclass(frozen=True, slots=True)
class _Piece:
    """A stretch of a line's text, and whether it is bold or a link."""

    text: str
    bold: bool = False
    link: bool = False


def _definition(term: Any, definition: Any) -> str:
    """A definition list's term and its definition as one entry, set off by a dash as a table row's cells are
    ("Fever — A temperature of 38 °C or more"); "" unless they are a ``<dt>`` and the ``<dd>`` after it, both text
    alone (a definition holding paragraphs or lists is read as blocks)."""
    if definition is None or not term.get("rend", "").startswith("dt") or not definition.get("rend", "").startswith(
            "dd") or any(d.tag in _XML_BLOCKS for d in (*term.iterdescendants(), *definition.iterdescendants())):
        return ""
    texts = [" ".join(_MARKERS.sub("", _inline(e)).split()) for e in (term, definition)]
    return " — ".join(t for t in texts if t)


def _inline(el: Any) -> str:
    """An element's text with its descendants', line breaks made spaces."""
    return " ".join("".join(el.itertext()).split())


def _following_text(lb: Any) -> str:
    """The text that comes right after a line break, inside its parent."""
    if (lb.tail or "").strip():
        return lb.tail.strip()
    nxt = lb.getnext()
    return _inline(nxt) if nxt is not None else ""


def _ends_line(line: list[_Piece], following: str) -> bool:
    """A line break ends a line unless it only wraps a sentence (text then a lower-case word)."""
    before = "".join(p.text for p in line).strip()
    return not before or not following or not following[0].islower() or bool(_SENTENCE_END.search(before))


def _read_pruned(root: Any, out: TextAssembler) -> None:
    """The fallback: ``<main>``/``<article>`` or the body, chrome pruned by element and class names."""
    from copy import deepcopy

    root = deepcopy(root)
    for el in root.xpath("//comment() | //processing-instruction()"):
        _drop(el)
    for el in list(root.iter(*_DROP_TAGS)):
        _drop(el)
    for el in list(root.iter()):
        names = f"{el.get('class', '')} {el.get('id', '')} {el.get('role', '')}"
        if el.tag not in ("html", "body", "main", "article") and _DROP_NAMES.search(names):
            _drop(el)
    main = next(iter(root.xpath("//main | //*[@role='main'] | //article")), None)
    _walk(main if main is not None else root, out)


def _drop(el: Any) -> None:
    """Remove ``el`` but keep the text that follows it (lxml stores it on the element)."""
    if el.getparent() is not None:
        el.drop_tree()


def _visible_lines(root: Any) -> list[str]:
    """Every line of text the page shows, chrome included: where bylines and review dates are."""
    out = TextAssembler()
    body = root.find("body")
    _walk(body if body is not None else root, out, keep=lambda _: True)
    return [b.text for b in out.blocks]


def _walk(el: Any, out: TextAssembler, keep: Callable[[str], bool] = lambda t: not is_chrome(t)) -> None:
    """Add ``el``'s blocks that ``keep`` accepts: headings, list items, and runs of inline text inside
    block elements."""
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in _INVISIBLE:
        return
    if tag in _HEADINGS:
        out.add("heading", el.text_content(), level=_HEADINGS[tag])
        return
    kind = "item" if tag in ("li", "dd") else "paragraph"
    level = sum(1 for a in el.iterancestors("ul", "ol", "dl")) if kind == "item" else 0
    run = [el.text or ""]
    for child in el:
        ctag = child.tag if isinstance(child.tag, str) else ""
        if ctag in _BLOCK_TAGS or ctag in _HEADINGS or (ctag == "br" and _is_break(child)):
            _flush(run, kind, level, out, keep)
            kind = "paragraph" if kind == "item" and ctag != "br" else kind
            if ctag != "br":
                _walk(child, out, keep)
            run = [child.tail or ""]
        elif ctag == "br":  # one <br> wraps a line: a space, not nothing ("2023<br>Next" is two words)
            run.append(" " + (child.tail or ""))
        elif ctag and ctag not in _INVISIBLE:  # comments and processing instructions have no tag name
            run.append(child.text_content() + (child.tail or ""))
        else:
            run.append(child.tail or "")
    _flush(run, kind, level, out, keep)


def _is_break(br: Any) -> bool:
    """Two ``<br>`` in a row end a paragraph, as does one before a list entry ("• fever"); one only wraps a line."""
    nxt = br.getnext()
    tail = (br.tail or "").lstrip()
    return (nxt is not None and nxt.tag == "br" and not tail) or bool(BULLET.match(tail))


def _typed_item(kind: str, level: int, text: str) -> tuple[str, int, str]:
    """A paragraph line that opens with a bullet is a list entry typed as text ("Symptoms:<br>• fever<br>• cough"),
    in trafilatura's reading and the fallback's alike: read as an item without its bullet."""
    bullet = BULLET.match(text) if kind == "paragraph" else None
    if bullet and text[bullet.end():]:
        return "item", 1, text[bullet.end():]
    return kind, level, text


def _flush(run: list[str], kind: str, level: int, out: TextAssembler, keep: Callable[[str], bool]) -> None:
    text = " ".join("".join(run).split())
    kind, level, text = _typed_item(kind, level, text)
    if text and keep(text):
        out.add(kind, text, level)
