"""``medkg stats`` through the CLI entry point, text and JSON."""

from __future__ import annotations

import json

from medkg.cli import main
from medkg.exporters import export


def test_text_and_json(tmp_path, small_corpus, capsys):
    graph = tmp_path / "corpus.trig"
    graph.write_bytes(export(small_corpus, "trig"))
    assert main(["stats", str(graph)]) == 0
    text = capsys.readouterr().out
    assert "3 article(s) about 3 condition(s), 5 concept(s), 9 finding(s)" in text
    assert "     3  fatigue  [HP:0012378]" in text
    assert main(["stats", str(graph), "--format", "json", "--no-shacl", "--top", "1"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["shared"]["symptom"] == [{"name": "fatigue", "ids": "HP:0012378", "conditions": 3}]
    assert data["checks"] == []


def test_files_are_named_by_path_and_every_condition_counts(tmp_path, small_corpus, capsys):
    from rdflib import Dataset

    from medkg.graph.build import build_dataset
    from medkg.model import ConditionRecord

    paths = []
    for graph in small_corpus.graphs():
        if len(graph):
            one = Dataset()
            for triple in graph:
                one.add(triple)
            paths.append(tmp_path / f"{str(graph.identifier).rsplit('/', 1)[1]} built.ttl")
            paths[-1].write_bytes(export(one, "ttl"))
    paths.append(tmp_path / "bare.ttl")  # an article with no findings is still about a condition
    paths[-1].write_bytes(export(build_dataset([ConditionRecord("bare", "Bare condition")]), "ttl"))
    assert main(["stats", *map(str, paths)]) == 0
    text = capsys.readouterr().out
    assert "4 article(s) about 4 condition(s)" in text
    assert "file:" not in text
    assert all(f"{path}: " in text for path in paths)
