"""SVG and PNG pictures: readable from 5 to 150 findings (no text overlaps, nothing off the picture), every
finding named or counted in a "+N more", tooltips on everything named."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from itertools import combinations

import pytest

from medkg.exporters import export
from medkg.exporters.picture import MAX_LINES, groups, layout, leaves
from medkg.graph.build import build_dataset
from medkg.model import ConditionRecord, Finding, Relation
from medkg.views import main_conditions, to_networkx

from .conftest import crowd

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"


def _titles(svg: bytes) -> list[str]:
    return [t.text or "" for t in ET.fromstring(svg).iter(f"{SVG}title")]


@pytest.mark.parametrize("n", [5, 60, 150])
def test_no_text_overlaps_and_all_fits(n):
    view = to_networkx(build_dataset([crowd(n)]))
    (condition,) = main_conditions(view)
    pic = layout(view, condition)
    boxes = [t.box for t in pic.texts if t.gid != "condition" and t.colour != "#ffffff"]
    assert all(x0 >= 0 and x1 <= pic.width and y0 >= 0 and y1 <= pic.height for x0, y0, x1, y1 in boxes)
    overlapping = [(a, b) for a, b in combinations(boxes, 2)
                   if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]]
    assert overlapping == []
    x0, y0, x1, y1 = pic.box
    assert not any(a[0] < x1 and x0 < a[2] and a[1] < y1 and y0 < a[3] for a in boxes), "a name under the condition"
    left, right = groups(leaves(view, condition))
    assert all(sum(len(g.shown) for g in column) <= MAX_LINES for column in (left, right))


def test_every_finding_is_named_or_counted():
    view = to_networkx(build_dataset([crowd(150)]))
    (condition,) = main_conditions(view)
    found = leaves(view, condition)
    left, right = groups(found)
    for group in left + right:
        total = sum(leaf.relation == group.relation for leaf in found)
        assert len(group.shown) + len(group.hidden) == total
    symptoms = next(g for g in left + right if g.relation == "symptom")
    assert symptoms.more == f"+{len(symptoms.hidden)} more symptoms" and symptoms.hidden
    assert all(leaf.ids for leaf in symptoms.shown), "linked findings are named before unlinked ones"


def test_svg_more_lists_the_hidden_names_and_links_to_the_page_list():
    svg = export(build_dataset([crowd(150)]), "svg")
    root = ET.fromstring(svg)
    more = next(g for g in root.iter(f"{SVG}g") if g.get("id") == "more-symptom")
    assert more.find(f"{SVG}title").text.count(", ") > 10
    links = [a.get(f"{XLINK}href") for a in root.iter(f"{SVG}a")]
    assert "#symptom" in links


def test_labels_are_sentence_case_and_respellings_are_never_named():
    record = ConditionRecord("anemia", "Anemia", findings=(
        Finding(Relation.SYMPTOM, "uh-NEE-me-uh"), Finding(Relation.SYMPTOM, "pale skin"),
        Finding(Relation.SYMPTOM, "- shortness of breath"), Finding(Relation.SYMPTOM, "EMG abnormality")))
    view = to_networkx(build_dataset([record]))
    left, right = groups(leaves(view, "https://w3id.org/medkg/id/condition/anemia"))
    (group,) = left + right
    assert [leaf.label for leaf in group.shown] == ["EMG abnormality", "Pale skin", "Shortness of breath"]
    assert [leaf.name for leaf in group.hidden] == ["uh-NEE-me-uh"]


def test_svg_has_a_tooltip_per_named_finding(example_dataset):
    titles = _titles(export(example_dataset, "svg"))
    assert "fatigue \u2014 symptom \u2014 (may come on slowly) [HP:0012378]" in titles
    assert sum(t.startswith("pale skin") for t in titles) == 2  # the dot and the name
    assert any(t.startswith("Iron-deficiency anemia [DOID:11758") for t in titles)


def test_svg_escapes_hostile_names(corpus, hostile_name):
    files = export(corpus, "svg")
    assert isinstance(files, dict) and sorted(files) == ["hostile.svg", "iron-deficiency-anemia.svg"]
    svg = files["hostile.svg"]
    assert any(t.startswith(hostile_name) for t in _titles(svg))
    assert b"<script" not in svg


def test_png_opens_at_a_readable_size():
    image = pytest.importorskip("PIL.Image", reason="Pillow is not installed").open(
        io.BytesIO(export(build_dataset([crowd(150)]), "png")))
    assert image.format == "PNG" and image.size[0] == 1200 and 400 <= image.size[1] <= 1000
    assert re.search(rb"more symptoms", export(build_dataset([crowd(150)]), "svg"))


def test_pictures_made_in_worker_processes_are_the_same():
    from dataclasses import replace

    from medkg.exporters.picture import png_of, render_all, svg_of

    view = to_networkx(build_dataset([replace(crowd(n), name=f"Condition {n}") for n in (5, 40, 90)]))
    jobs = [(view, c) for c in main_conditions(view)] * 2
    assert len(jobs) == 6
    for render in (svg_of, png_of):
        assert render_all(render, jobs, parallel_from=1) == render_all(render, jobs, parallel_from=len(jobs) + 1)
