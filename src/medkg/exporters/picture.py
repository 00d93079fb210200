"""A picture of each condition, SVG or PNG: the condition in the middle, its findings around it.

Drawn with matplotlib (no Graphviz needed). Findings sit on a circle, grouped into one
sector per relation in :class:`~medkg.model.Relation` order and coloured by relation
(:mod:`medkg.views.style`); names are written radially so that 60 findings stay legible,
long names are cut with an ellipsis. In SVG every finding has a ``<title>`` tooltip (full
name, relation, qualifier, ids) and links to its first id's ontology IRI; text stays text.
The same graph gives the same bytes: no dates, a fixed SVG hash salt, a fixed layout.

Specs: SVG 1.1 https://www.w3.org/TR/SVG11/, PNG https://www.w3.org/TR/png/. Not
supported: interactive layouts and findings of findings (one level around the condition).
"""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from rdflib import Dataset

from medkg.ontology.namespaces import curie_iri

if TYPE_CHECKING:
    from matplotlib.figure import Figure

MAX_LABEL = 34
#: mean width of a DejaVu Sans character, in ems: how much room the names need
_EM = 0.6
_RC = {"svg.hashsalt": "medkg", "svg.fonttype": "none", "font.family": "DejaVu Sans"}


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


def leaves(view: Any, condition: str) -> list[Leaf]:
    """The condition's findings, one leaf per relation and concept, in drawing order."""
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


def _angles(found: list[Leaf]) -> list[float]:
    """One angle per leaf, clockwise from the top, with an empty slot between relations."""
    slots, last = [], None
    for leaf in found:
        if last is not None and leaf.relation != last:
            slots.append(None)
        slots.append(leaf)
        last = leaf.relation
    step = 2 * math.pi / max(len(slots), 1)
    return [math.pi / 2 - i * step for i, leaf in enumerate(slots) if leaf is not None]


def draw(view: Any, condition: str) -> Figure:
    """The figure of one condition of a networkx view (see :func:`medkg.views.to_networkx`)."""
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    from medkg.views.style import CONDITION_COLOUR, RELATION_COLOURS, RELATION_HEADINGS

    found = leaves(view, condition)
    size = min(16.0, max(10.0, 6.0 + 0.16 * len(found)))
    font = 10 if len(found) <= 40 else 8.5
    radius = size / 2 - MAX_LABEL * _EM * font / 72 - 0.3  # inches left for the circle once names fit
    limit = size / 2 / radius
    fig = Figure(figsize=(size, size))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(-limit, limit)
    ax.set_ylim(-limit, limit)
    ax.set_aspect("equal")
    ax.axis("off")
    for i, (leaf, angle) in enumerate(zip(found, _angles(found), strict=True)):
        x, y = math.cos(angle), math.sin(angle)
        colour = RELATION_COLOURS[leaf.relation]
        ax.plot([0, x], [0, y], color=colour, linewidth=1, alpha=0.5, zorder=1)
        marker = ax.scatter([x], [y], s=60, color=colour, zorder=3, edgecolors="white", linewidths=0.8)
        marker.set_gid(f"leaf-{i}-dot")
        degrees = math.degrees(angle) % 360
        left = 90 < degrees < 270
        text = ax.text(1.06 * x, 1.06 * y, _short(leaf.name), rotation=degrees - 180 if left else degrees,
                       rotation_mode="anchor", ha="right" if left else "left", va="center", fontsize=font,
                       parse_math=False, zorder=4)
        text.set_gid(f"leaf-{i}")
        text.set_url(leaf.url)
    name = view.nodes[condition]["name"]
    box = {"boxstyle": "round,pad=0.6", "fc": CONDITION_COLOUR, "ec": "none"}
    centre = ax.text(0, 0, _wrap(name), ha="center", va="center", color="white", fontsize=11, fontweight="bold",
                     parse_math=False, zorder=6, bbox=box)
    centre.set_gid("condition")
    counts: dict[str, int] = {}
    for leaf in found:
        counts[leaf.relation] = counts.get(leaf.relation, 0) + 1
    handles = [Line2D([], [], marker="o", linestyle="", color=RELATION_COLOURS[rel],
                      label=f"{RELATION_HEADINGS[rel]} ({n})") for rel, n in counts.items()]
    if handles:
        ax.legend(handles=handles, loc="upper left", frameon=False, fontsize=10)
    return fig


def _wrap(text: str, width: int = 18) -> str:
    words, lines, line = _short(text, 4 * width).split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join([*lines, line])


def svg_of(view: Any, condition: str) -> str:
    """The SVG picture of one condition, with ``<title>`` tooltips on the condition and every finding."""
    from matplotlib import rc_context

    found = leaves(view, condition)
    fig = draw(view, condition)
    out = io.StringIO()
    with rc_context(_RC):
        fig.savefig(out, format="svg", metadata={"Date": None})
    titles = {f"leaf-{i}": leaf.title for i, leaf in enumerate(found)}
    titles |= {f"{gid}-dot": title for gid, title in titles.items()}
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


def per_condition(dataset: Dataset, render: Any, suffix: str) -> bytes | dict[str, bytes]:
    """``render(view, condition)`` for each main condition: one file, or one per condition."""
    from medkg.ontology.namespaces import slug
    from medkg.views import main_conditions, to_networkx

    view = to_networkx(dataset)
    made = {node: render(view, node) for node in main_conditions(view)}
    as_bytes = {node: data.encode("utf-8") if isinstance(data, str) else data for node, data in made.items()}
    if len(as_bytes) == 1:
        return next(iter(as_bytes.values()))
    return {f".{slug(node.rsplit('/', 1)[-1])}{suffix}": data for node, data in as_bytes.items()}


def to_svg(dataset: Dataset) -> bytes | dict[str, bytes]:
    """An SVG picture of each condition in the dataset."""
    return per_condition(dataset, svg_of, ".svg")


def to_png(dataset: Dataset) -> bytes | dict[str, bytes]:
    """A PNG picture of each condition in the dataset."""
    return per_condition(dataset, png_of, ".png")
