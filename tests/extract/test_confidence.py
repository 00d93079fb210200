"""Extraction confidence: carried into the graph, thresholded in the page markup, filtered by --min-confidence."""

from __future__ import annotations

import json

from click.testing import CliRunner
from rdflib import Graph, Namespace

from medkg.cli import cli
from medkg.extract.classifier import page_threshold

from .test_extract import ARTICLE

MEDKG = Namespace("https://w3id.org/medkg/ontology#")
SCHEMA = Namespace("http://schema.org/")


def _build(tmp_path, *extra: str) -> tuple[Graph, dict]:
    src = tmp_path / "sunburn.md"
    src.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / ("out" + "".join(extra).replace(".", "").replace("-", ""))
    result = CliRunner().invoke(cli, ["build", str(src), "-o", str(out), "--format", "ttl,page", "-q", *extra])
    assert result.exit_code == 0, result.output
    graph = Graph().parse(out / "sunburn.ttl")
    return graph, json.loads((out / "sunburn.page.jsonld").read_text("utf-8"))


def _scores(graph: Graph) -> dict[str, float]:
    """Concept name -> the best extraction confidence of the facts naming it."""
    out: dict[str, float] = {}
    for fact, score in graph.subject_objects(MEDKG.extractionConfidence):
        for concept in graph.objects(fact, MEDKG.concept):
            name = str(graph.value(concept, SCHEMA.name))
            out[name] = max(out.get(name, 0.0), float(score))
    return out


def test_confidence_reaches_the_graph_and_gates_the_page(tmp_path):
    graph, page = _build(tmp_path)
    scores = _scores(graph)
    assert scores and all(0 <= s <= 1 for s in scores.values())
    assert len(set(graph.subjects(MEDKG.extractionConfidence, None))) == len(set(graph.subjects(MEDKG.concept, None)))
    in_page = [t["name"] for key, value in page["about"].items() if isinstance(value, list)
               for t in value if isinstance(t, dict) and "name" in t]
    assert all(scores[name] >= page_threshold() for name in in_page), (in_page, scores)
    below = [name for name, s in scores.items() if s < page_threshold()]
    assert below and not set(below) & set(in_page)  # the graph keeps what the page leaves out


def test_min_confidence_filters_graph_and_page(tmp_path):
    everything, _ = _build(tmp_path)
    cut = sorted(_scores(everything).values())[len(_scores(everything)) // 2]
    graph, _ = _build(tmp_path, "--min-confidence", str(cut))
    kept = _scores(graph)
    assert kept and all(s >= cut for s in kept.values())
    assert len(kept) < len(_scores(everything))
