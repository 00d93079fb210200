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
    assert "3 condition(s), 5 concept(s), 9 finding(s)" in text
    assert "     3  fatigue  [HP:0012378]" in text
    assert main(["stats", str(graph), "--format", "json", "--no-shacl", "--top", "1"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["shared"]["symptom"] == [{"name": "fatigue", "ids": "HP:0012378", "conditions": 3}]
    assert data["checks"] == []
