"""SVG and PNG pictures: well-formed, one tooltip per finding, sized for 60 findings."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pytest

from medkg.exporters import export
from medkg.graph.build import build_dataset
from medkg.model import ConditionRecord, Finding, Relation

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def sixty():
    relations = list(Relation)
    findings = tuple(Finding(relations[i % len(relations)], f"finding number {i} with a rather long name",
                             ids=(f"HP:{i:07d}",)) for i in range(60))
    return build_dataset([ConditionRecord("sixty", "Systemic lupus erythematosus", findings=findings)])


def _titles(svg: bytes) -> list[str]:
    return [t.text or "" for t in ET.fromstring(svg).iter(f"{SVG}title")]


def test_svg_has_a_tooltip_per_finding(example_dataset):
    titles = _titles(export(example_dataset, "svg"))
    assert "fatigue \u2014 symptom \u2014 (may come on slowly) [HP:0012378]" in titles
    assert sum(t.startswith("pale skin") for t in titles) == 2  # the dot and the name
    assert any(t.startswith("Iron-deficiency anemia [DOID:11758") for t in titles)


def test_svg_escapes_hostile_names(corpus, hostile_name):
    files = export(corpus, "svg")
    assert isinstance(files, dict) and len(files) == 2
    svg = next(data for suffix, data in files.items() if "script" in suffix)
    assert any(t.startswith(hostile_name) for t in _titles(svg))
    assert b"<script" not in svg


def test_png_is_a_picture_big_enough_for_sixty(sixty):
    image = pytest.importorskip("PIL.Image", reason="Pillow is not installed").open(io.BytesIO(export(sixty, "png")))
    assert image.format == "PNG" and image.size[0] == image.size[1] >= 1500
    assert len([t for t in _titles(export(sixty, "svg")) if t.startswith("finding")]) == 120
