"""A picture of each condition, SVG or PNG: the condition in the middle, its findings grouped by relation.

Designed for 5 to 150 findings. Each relation (in :class:`~medkg.model.Relation` order) is
one group, coloured by relation (:mod:`medkg.views.style`) and joined to the condition by
one line; groups sit in two columns either side of the condition. Names are written
horizontally, in sentence case, cut with an ellipsis past :data:`MAX_LABEL` characters.
A group names as many findings as fit (:data:`MAX_LINES` per column, shared fairly
between its groups) and sums up the rest as "+23 more symptoms"; the article's HTML page
lists them all. Findings linked to an ontology are named first, then multi-word names,
then single words; pronunciation respellings ("uh-NEE-me-uh") are never named.

In SVG every named finding has a ``<title>`` tooltip (full name, relation, qualifier,
ids) and links to its first id's ontology IRI; each "+N more" has the hidden names as its
tooltip and links to its relation's list on the HTML page (``#symptom``). Text stays text.

One :func:`layout` places everything, measured with the DejaVu Sans fonts matplotlib ships;
the SVG is written directly and the PNG drawn by Pillow from it, a few milliseconds each
(matplotlib took a second or more a picture, too slow for a corpus). The same graph gives
the same bytes: no dates, a fixed layout.

Specs: SVG 1.1 https://www.w3.org/TR/SVG11/, PNG https://www.w3.org/TR/png/. Not
supported: interactive layouts and findings of findings (one level around the condition).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import cache
from typing import Any
from xml.sax.saxutils import escape

from rdflib import Dataset

from medkg.ontology.namespaces import curie_iri

MAX_LABEL = 42
#: most names written in one column; groups in it share them
MAX_LINES = 20
#: fewest names a group shows before summing up the rest
MIN_SHOWN = 3
#: a pronunciation respelling: three or more hyphenated syllables, one of them stressed in capitals
_RESPELLING = re.compile(r"^[A-Za-z]+(?:-[A-Za-z]+){2,}$")


@dataclass(frozen=True, slots=True)
class Leaf:
    """One concept around the condition, with what its tooltip says."""

    relation: str
    name: str
    ids: str
    qualifiers: tuple[str, ...]

    @property
    def title(self) -> str:
        parts = [self.name, self.relation.replace("_", " ")]
        parts += [f"({q})" for q in self.qualifiers]
        return " \u2014 ".join(parts) + (f" [{self.ids.replace('|', ', ')}]" if self.ids else "")

    @property
    def url(self) -> str | None:
        return curie_iri(self.ids.split("|")[0]) if self.ids else None

    @property
    def label(self) -> str:
        """The name as the picture writes it: list marks dropped, sentence case, cut to fit."""
        text = " ".join(self.name.lstrip("-\u2013\u2014\u2022*\u00b7 ").split()) or self.name
        return _short(text[:1].upper() + text[1:])

    @property
    def rank(self) -> tuple[int, int, str]:
        """Which findings a crowded group names first: linked, then several words, then one word."""
        words = len(self.name.split())
        kind = 0 if self.ids else 1 if words > 1 else 2
        return kind, len(self.name), self.name.lower()

    @property
    def nameable(self) -> bool:
        return not (_RESPELLING.match(self.name) and any(p.isupper() and len(p) > 1 for p in self.name.split("-")))


@dataclass(frozen=True, slots=True)
class Group:
    """One relation's findings: those the picture names, in reading order, and those it sums up."""

    relation: str
    shown: tuple[Leaf, ...]
    hidden: tuple[Leaf, ...]

    @property
    def lines(self) -> int:
        """Lines the group takes: its heading, its names, and the "+N more" line."""
        return 1 + len(self.shown) + (1 if self.hidden else 0)

    @property
    def more(self) -> str:
        from medkg.views.style import RELATION_HEADINGS

        noun = RELATION_HEADINGS[self.relation].lower()
        return f"+{len(self.hidden)} more {noun}"


def leaves(view: Any, condition: str) -> list[Leaf]:
    """The condition's findings, one leaf per relation and concept, by relation then name."""
    from medkg.model import Relation

    order = [r.value for r in Relation] + ["subtype"]
    merged: dict[tuple[str, str], set[str]] = {}
    for _, concept, attrs in view.out_edges(condition, data=True):
        merged.setdefault((attrs["relation"], concept), set()).update(filter(None, [attrs.get("qualifier")]))
    found = [Leaf(rel, view.nodes[c]["name"], view.nodes[c].get("ids", ""), tuple(sorted(q)))
             for (rel, c), q in merged.items()]
    return sorted(found, key=lambda leaf: (order.index(leaf.relation), leaf.name.lower(), leaf.name, leaf.ids))


def _short(text: str, limit: int = MAX_LABEL) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def _cap(counts: list[int], budget: int) -> int:
    """The largest per-group count such that the groups' names fit in ``budget`` lines (at least MIN_SHOWN)."""
    cap = max(counts, default=0)
    while cap > MIN_SHOWN and sum(min(c, cap) for c in counts) > budget:
        cap -= 1
    return cap


def groups(found: list[Leaf]) -> tuple[list[Group], list[Group]]:
    """The left and right columns of groups: the biggest groups first, each to the shorter column."""
    by_relation: dict[str, list[Leaf]] = {}
    for leaf in found:
        by_relation.setdefault(leaf.relation, []).append(leaf)
    columns: tuple[list[str], list[str]] = ([], [])
    sizes = [0, 0]
    for relation in sorted(by_relation, key=lambda r: -len(by_relation[r])):
        side = 0 if sizes[0] <= sizes[1] else 1
        columns[side].append(relation)
        sizes[side] += len(by_relation[relation])
    order = list(by_relation)
    out: tuple[list[Group], list[Group]] = ([], [])
    for side, relations in enumerate(columns):
        cap = _cap([sum(leaf.nameable for leaf in by_relation[r]) for r in relations], MAX_LINES)
        for relation in sorted(relations, key=order.index):
            ranked = sorted(by_relation[relation], key=lambda leaf: leaf.rank)
            named = [leaf for leaf in ranked if leaf.nameable][:cap]
            shown = sorted(named, key=lambda leaf: leaf.label.lower())
            out[side].append(Group(relation, tuple(shown), tuple(leaf for leaf in ranked if leaf not in named)))
    return out


@dataclass(frozen=True, slots=True)
class Text:
    """A line of text, placed by its left end (or centre) and its vertical middle, in pixels."""

    x: float
    y: float
    text: str
    size: float
    colour: str = "#222222"
    weight: str = "normal"
    style: str = "normal"
    anchor: str = "start"
    gid: str | None = None
    url: str | None = None

    @property
    def box(self) -> tuple[float, float, float, float]:
        """Left, top, right, bottom, from the font's own metrics."""
        width = _font(self.weight, self.style, self.size).getlength(self.text)
        left = self.x - width / 2 if self.anchor == "middle" else self.x
        return left, self.y - self.size * 0.6, left + width, self.y + self.size * 0.6


@dataclass(frozen=True, slots=True)
class Layout:
    """Everything the picture draws, in pixels (100 per inch); both writers draw exactly this."""

    width: int
    height: int
    lines: tuple[tuple[tuple[tuple[float, float], ...], str], ...]
    dots: tuple[tuple[float, float, str, str], ...]
    texts: tuple[Text, ...]
    box: tuple[float, float, float, float]
    titles: dict[str, str]


#: sizes in pixels: names, headings, the condition
_NAME, _HEAD, _CENTRE = 15.0, 16.0, 18.0
_LINE_PX, _GAP_PX, _MARGIN_PX, _WIDTH_PX = 25.0, 30.0, 35.0, 1200


@cache
def _font(weight: str, style: str, size: float) -> Any:
    """DejaVu Sans (shipped with matplotlib), the face the SVG names first, so both pictures measure alike."""
    from pathlib import Path

    import matplotlib
    from PIL import ImageFont

    face = {("normal", "normal"): "DejaVuSans", ("bold", "normal"): "DejaVuSans-Bold",
            ("normal", "italic"): "DejaVuSans-Oblique"}[weight, style]
    path = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / f"{face}.ttf"
    return ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.BASIC)  # no raqm: faster, same bytes


def _column_height(column: list[Group]) -> float:
    return sum(g.lines for g in column) * _LINE_PX + max(len(column) - 1, 0) * _GAP_PX


def layout(view: Any, condition: str) -> Layout:
    """Where everything goes: two columns of groups either side of the condition, a line from the
    condition to each group's heading (along it, on the left, so no line crosses a name)."""
    from medkg.views.style import RELATION_COLOURS, RELATION_HEADINGS

    left, right = groups(leaves(view, condition))
    height = int(max(400.0, max(_column_height(left), _column_height(right)) + 2 * _MARGIN_PX))
    node = view.nodes[condition]
    name_lines = _wrap(node["name"]).split("\n")
    centre = (_WIDTH_PX / 2 - 35, height / 2)
    lines, dots, texts = [], [], []
    titles: dict[str, str] = {"condition": node["name"] + (f" [{node['ids'].replace('|', ', ')}]"
                                                            if "ids" in node else "")}
    counter = 0
    for column, on_left in ((left, True), (right, False)):
        x = _MARGIN_PX + 25 if on_left else _WIDTH_PX / 2 + 190
        headings = [Text(0, 0, f"{RELATION_HEADINGS[g.relation]} ({len(g.shown) + len(g.hidden)})", _HEAD,
                         weight="bold") for g in column]
        edge = x + 15 + max([h.box[2] - h.box[0] for h in headings] +
                            [22 + _font("normal", "normal", _NAME).getlength(leaf.label)
                             for g in column for leaf in g.shown], default=0.0)
        y = (height - _column_height(column)) / 2 + _LINE_PX / 2
        for group, heading in zip(column, headings, strict=True):
            colour = RELATION_COLOURS[group.relation]
            head = Text(x, y, heading.text, _HEAD, colour=colour, weight="bold", gid=f"group-{group.relation}")
            texts.append(head)
            end = head.box[2] + 10
            lines.append(((centre, (edge, y), (end, y)) if on_left else (centre, (x - 15, y)), colour))
            for leaf in group.shown:
                y += _LINE_PX
                dots.append((x + 8, y, colour, f"leaf-{counter}-dot"))
                texts.append(Text(x + 22, y, leaf.label, _NAME, gid=f"leaf-{counter}", url=leaf.url))
                titles[f"leaf-{counter}"] = titles[f"leaf-{counter}-dot"] = leaf.title
                counter += 1
            if group.hidden:
                y += _LINE_PX
                gid = f"more-{group.relation}"
                texts.append(Text(x + 22, y, group.more, _NAME, colour="#555555", style="italic", gid=gid,
                                  url=f"#{group.relation}"))
                titles[gid] = ", ".join(sorted(leaf.name for leaf in group.hidden))
            y += _LINE_PX + _GAP_PX
    font = _font("bold", "normal", _CENTRE)
    half_width = max(font.getlength(line) for line in name_lines) / 2 + 14
    half_height = len(name_lines) * _CENTRE * 0.65 + 10
    box = (centre[0] - half_width, centre[1] - half_height, centre[0] + half_width, centre[1] + half_height)
    for i, line in enumerate(name_lines):
        texts.append(Text(centre[0], centre[1] + (i - (len(name_lines) - 1) / 2) * _CENTRE * 1.25, line, _CENTRE,
                          colour="#ffffff", weight="bold", anchor="middle", gid="condition" if i == 0 else None))
    return Layout(_WIDTH_PX, height, tuple((tuple(points), colour) for points, colour in lines), tuple(dots),
                  tuple(texts), box, titles | {"condition-box": titles["condition"]})


def _wrap(text: str, width: int = 16) -> str:
    words, lines, line = _short(text, 4 * width).split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join([*lines, line])


def svg_of(view: Any, condition: str) -> str:
    """The SVG picture of one condition, written directly: text stays text, with ``<title>`` tooltips
    on the condition, every named finding and every "+N more" (the names it stands for)."""
    from medkg.exporters.xmltext import xml_safe_graph
    from medkg.views.style import CONDITION_COLOUR

    view = xml_safe_graph(view)  # SVG is XML: names may hold characters it cannot
    pic = layout(view, condition)

    def title(gid: str | None) -> str:
        return f"<title>{escape(pic.titles[gid])}</title>" if gid in pic.titles else ""

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
           f'width="{pic.width}" height="{pic.height}" viewBox="0 0 {pic.width} {pic.height}" '
           f'font-family="DejaVu Sans, Verdana, sans-serif">',
           f'<rect width="{pic.width}" height="{pic.height}" fill="#ffffff"/>']
    for points, colour in pic.lines:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2" '
                   f'stroke-opacity="0.6"/>')
    for x, y, colour, gid in pic.dots:
        out.append(f'<g id="{gid}">{title(gid)}<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="{colour}"/></g>')
    x0, y0, x1, y1 = pic.box
    out.append(f'<g id="condition-box">{title("condition-box")}<rect x="{x0:.1f}" y="{y0:.1f}" '
               f'width="{x1 - x0:.1f}" height="{y1 - y0:.1f}" rx="10" fill="{CONDITION_COLOUR}"/></g>')
    for t in pic.texts:
        attrs = (f'x="{t.x:.1f}" y="{t.y:.1f}" font-size="{t.size:g}" fill="{t.colour}" '
                 f'dominant-baseline="central" text-anchor="{t.anchor}"'
                 + (' font-weight="bold"' if t.weight == "bold" else "")
                 + (' font-style="italic"' if t.style == "italic" else ""))
        text = f"<text {attrs}>{escape(t.text)}</text>"
        if t.url:
            text = f'<a xlink:href="{escape(t.url, {chr(34): "&quot;"})}">{text}</a>'
        out.append(f'<g id="{t.gid}">{title(t.gid)}{text}</g>' if t.gid else text)
    out.append("</svg>")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + "\n".join(out) + "\n"


def _mix(colour: str, alpha: float) -> tuple[int, int, int]:
    """``colour`` at ``alpha`` over white, as RGB."""
    rgb = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    return tuple(round(255 - alpha * (255 - c)) for c in rgb)  # type: ignore[return-value]


def png_of(view: Any, condition: str) -> bytes:
    """The PNG picture of one condition, drawn by Pillow from the same layout as the SVG."""
    from PIL import Image, ImageDraw

    from medkg.views.style import CONDITION_COLOUR

    pic = layout(view, condition)
    image = Image.new("RGB", (pic.width, pic.height), "#ffffff")
    draw = ImageDraw.Draw(image)
    for points, colour in pic.lines:
        draw.line(list(points), fill=_mix(colour, 0.6), width=2, joint="curve")
    for x, y, colour, _ in pic.dots:
        draw.ellipse((x - 4.5, y - 4.5, x + 4.5, y + 4.5), fill=colour)
    draw.rounded_rectangle(pic.box, radius=10, fill=CONDITION_COLOUR)
    for t in pic.texts:
        draw.text((t.x, t.y), t.text, fill=t.colour, font=_font(t.weight, t.style, t.size),
                  anchor="mm" if t.anchor == "middle" else "lm")
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=1)  # zlib's fastest: a third of the size's worth of time saved
    return out.getvalue()


def per_article(dataset: Dataset, render: Any) -> bytes | dict[str, bytes]:
    """``render(view, condition)`` for each article's condition: one file, or ``<article><ext>`` files."""
    from medkg.errors import ExportError
    from medkg.views import main_conditions
    from medkg.views.articles import articles_of
    from medkg.views.source import graph_view, view_of

    found = articles_of(dataset)
    if not found:  # a graph without pages (a bare view): one picture per condition with findings
        view = view_of(dataset)
        conditions = main_conditions(view)
        if len(conditions) != 1:
            raise ExportError(f"no article pages to name {len(conditions)} pictures after; build the graph with medkg")
        return _bytes(render(view, conditions[0]))
    views: dict[int, Any] = {}
    for article in found:
        if id(article.graph) not in views:
            views[id(article.graph)] = graph_view(dataset, article)
    pictures = render_all(render, [(views[id(a.graph)], str(a.condition)) for a in found])
    made = {a.name: _bytes(picture) for a, picture in zip(found, pictures, strict=True)}
    return next(iter(made.values())) if len(made) == 1 else made


#: pictures made in worker processes from this many on (below it, starting the workers costs more)
PARALLEL_FROM = 64


def render_all(render: Any, jobs: list[tuple[Any, str]], *, parallel_from: int = PARALLEL_FROM) -> list[Any]:
    """``render(view, condition)`` for every job, in order: in worker processes (one per core, at
    most four) for a corpus, as drawing is CPU-bound Python and Pillow; the bytes are the same."""
    import os

    workers = min(4, os.cpu_count() or 1)
    if len(jobs) < parallel_from or workers < 2:
        return [render(view, condition) for view, condition in jobs]
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(render, *zip(*jobs, strict=True), chunksize=16))


def _bytes(data: str | bytes) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data


def to_svg(dataset: Dataset) -> bytes | dict[str, bytes]:
    """An SVG picture of each article's condition."""
    return _named(per_article(dataset, svg_of), ".svg")


def to_png(dataset: Dataset) -> bytes | dict[str, bytes]:
    """A PNG picture of each article's condition."""
    return _named(per_article(dataset, png_of), ".png")


def _named(made: bytes | dict[str, bytes], extension: str) -> bytes | dict[str, bytes]:
    return made if isinstance(made, bytes) else {name + extension: data for name, data in made.items()}
