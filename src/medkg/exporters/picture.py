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
The same graph gives the same bytes: no dates, a fixed SVG hash salt, a fixed layout.

Specs: SVG 1.1 https://www.w3.org/TR/SVG11/, PNG https://www.w3.org/TR/png/. Not
supported: interactive layouts and findings of findings (one level around the condition).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from rdflib import Dataset

from medkg.ontology.namespaces import curie_iri

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

MAX_LABEL = 42
#: most names written in one column; groups in it share them
MAX_LINES = 20
#: fewest names a group shows before summing up the rest
MIN_SHOWN = 3
_RC = {"svg.hashsalt": "medkg", "svg.fonttype": "none", "font.family": "DejaVu Sans"}
#: mean width of a bold DejaVu Sans character, in ems: where a heading ends
_EM = 0.66
#: layout, in inches: figure width, line height, gap between groups, margin
_WIDTH, _LINE, _GAP, _MARGIN = 12.0, 0.25, 0.3, 0.35
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


def _height(column: list[Group]) -> float:
    return sum(g.lines for g in column) * _LINE + max(len(column) - 1, 0) * _GAP


def _draw_column(ax: Axes, column: list[Group], *, left: bool, top: float, centre: tuple[float, float],
                 counter: list[int]) -> None:
    """One column of groups, each joined to the condition by a line of its colour."""
    from medkg.views.style import RELATION_COLOURS, RELATION_HEADINGS

    x = _MARGIN + 0.25 if left else _WIDTH / 2 + 1.9
    titles = [f"{RELATION_HEADINGS[g.relation]} ({len(g.shown) + len(g.hidden)})" for g in column]
    # the left column's lines meet it at its inner edge, right of its longest name, and run along the heading
    edge = x + 0.15 + max([len(t) * _EM * 11.5 / 72 for t in titles] +
                          [0.22 + len(leaf.label) * 0.6 * 10.5 / 72 for g in column for leaf in g.shown], default=0.0)
    y = top
    for group, title in zip(column, titles, strict=True):
        colour = RELATION_COLOURS[group.relation]
        head_y = y - _LINE / 2
        if left:
            end = x + len(title) * _EM * 11.5 / 72 + 0.1
            ax.plot([centre[0], edge, end], [centre[1], head_y, head_y], color=colour, linewidth=1.6, alpha=0.6,
                    zorder=1)
        else:
            ax.plot([centre[0], x - 0.15], [centre[1], head_y], color=colour, linewidth=1.6, alpha=0.6, zorder=1)
        heading = ax.text(x, head_y, title, ha="left", va="center", fontsize=11.5, fontweight="bold", color=colour,
                          parse_math=False)
        heading.set_gid(f"group-{group.relation}")
        for leaf in group.shown:
            i = counter[0]
            counter[0] += 1
            y -= _LINE
            dot = ax.scatter([x + 0.08], [y - _LINE / 2], s=28, color=colour, zorder=3)
            dot.set_gid(f"leaf-{i}-dot")
            text = ax.text(x + 0.22, y - _LINE / 2, leaf.label, ha="left", va="center", fontsize=10.5,
                           color="#222222", parse_math=False)
            text.set_gid(f"leaf-{i}")
            text.set_url(leaf.url)
        if group.hidden:
            y -= _LINE
            more = ax.text(x + 0.22, y - _LINE / 2, group.more, ha="left", va="center", fontsize=10.5,
                           style="italic", color="#555555", parse_math=False)
            more.set_gid(f"more-{group.relation}")
            more.set_url(f"#{group.relation}")
        y -= _LINE + _GAP


def draw(view: Any, condition: str) -> Figure:
    """The figure of one condition of a networkx view (see :func:`medkg.views.to_networkx`)."""
    from matplotlib.figure import Figure

    from medkg.views.style import CONDITION_COLOUR

    left, right = groups(leaves(view, condition))
    height = max(4.0, max(_height(left), _height(right)) + 2 * _MARGIN)
    fig = Figure(figsize=(_WIDTH, height))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, _WIDTH)
    ax.set_ylim(0, height)
    ax.axis("off")
    centre = (_WIDTH / 2 - 0.35, height / 2)
    counter = [0]
    for column, is_left in ((left, True), (right, False)):
        _draw_column(ax, column, left=is_left, top=(height + _height(column)) / 2, centre=centre, counter=counter)
    box = {"boxstyle": "round,pad=0.6", "fc": CONDITION_COLOUR, "ec": "none"}
    name = view.nodes[condition]["name"]
    label = ax.text(*centre, _wrap(name), ha="center", va="center", color="white", fontsize=13, fontweight="bold",
                    parse_math=False, zorder=6, bbox=box)
    label.set_gid("condition")
    return fig


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
    """The SVG picture of one condition, with ``<title>`` tooltips on the condition, every named
    finding and every "+N more" (the names it stands for)."""
    from matplotlib import rc_context

    from medkg.exporters.xmltext import xml_safe_graph

    view = xml_safe_graph(view)  # SVG is XML: names may hold characters it cannot

    left, right = groups(leaves(view, condition))
    fig = draw(view, condition)
    out = io.StringIO()
    with rc_context(_RC):
        fig.savefig(out, format="svg", metadata={"Date": None})
    shown = [leaf for group in left + right for leaf in group.shown]
    titles = {f"leaf-{i}": leaf.title for i, leaf in enumerate(shown)}
    titles |= {f"{gid}-dot": title for gid, title in titles.items()}
    titles |= {f"more-{g.relation}": ", ".join(sorted(leaf.name for leaf in g.hidden)) for g in left + right}
    node = view.nodes[condition]
    titles["condition"] = node["name"] + (f" [{node['ids'].replace('|', ', ')}]" if "ids" in node else "")

    def add_title(match: re.Match[str]) -> str:
        title = titles.get(match.group(1))
        return match.group(0) + (f"\n   <title>{escape(title)}</title>" if title else "")

    return re.sub(r'<g id="([^"]+)">', add_title, out.getvalue())


def png_of(view: Any, condition: str) -> bytes:
    """The PNG picture of one condition, 100 dpi."""
    from matplotlib import rc_context

    out = io.BytesIO()
    with rc_context(_RC):
        draw(view, condition).savefig(out, format="png", dpi=100, metadata={"Software": None})
    return out.getvalue()


def per_article(dataset: Dataset, render: Any) -> bytes | dict[str, bytes]:
    """``render(view, condition)`` for each article's condition: one file, or ``<article><ext>`` files."""
    from medkg.errors import ExportError
    from medkg.views import main_conditions, to_networkx
    from medkg.views.articles import articles_of

    found = articles_of(dataset)
    if not found:  # a graph without pages (a bare view): one picture per condition with findings
        view = to_networkx(dataset)
        conditions = main_conditions(view)
        if len(conditions) != 1:
            raise ExportError(f"no article pages to name {len(conditions)} pictures after; build the graph with medkg")
        return _bytes(render(view, conditions[0]))
    views: dict[int, Any] = {}
    for article in found:
        if id(article.graph) not in views:
            views[id(article.graph)] = to_networkx(article.graph)
    made = {a.name: _bytes(render(views[id(a.graph)], str(a.condition))) for a in found}
    return next(iter(made.values())) if len(made) == 1 else made


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
