"""``medkg export`` through the real CLI entry point: files written, bad formats refused."""

from __future__ import annotations

import networkx as nx

from medkg.cli import main
from medkg.exporters import export


def _built(tmp_path, dataset, name="example"):
    path = tmp_path / f"{name}.trig"
    path.write_bytes(export(dataset, "trig"))
    return path


def test_export_writes_each_format(tmp_path, example_dataset, capsys):
    graph = _built(tmp_path, example_dataset)
    assert main(["export", str(graph), "--format", "graphml,cytoscape", "-o", str(tmp_path / "out")]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["example.cyjs", "example.graphml"]
    assert nx.read_graphml(tmp_path / "out" / "example.graphml").number_of_nodes() > 0
    assert "wrote 2 file(s)" in capsys.readouterr().err


def test_merge(tmp_path, example_dataset, corpus):
    first, second = _built(tmp_path, example_dataset, "one"), _built(tmp_path, corpus, "two")
    assert main(["export", str(first), str(second), "-f", "nodelink", "--merge", "all", "-o", str(tmp_path), "-q"]) == 0
    assert (tmp_path / "all.nodelink.json").is_file()


def test_unknown_format_is_a_usage_error(tmp_path, example_dataset, capsys):
    graph = _built(tmp_path, example_dataset)
    assert main(["export", str(graph), "--format", "nope", "-o", str(tmp_path)]) == 2
    assert "unknown format 'nope'" in capsys.readouterr().err


def test_merged_export_reports_progress_and_names_pages_by_article(tmp_path, corpus, capsys):
    graph = _built(tmp_path, corpus, "built")
    formats = "graphml,gexf,nodelink,cytoscape,dot,svg,png,html,kgx,neo4j"
    assert main(["export", str(graph), "-f", formats, "--merge", "corpus", "-o", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    assert [line for line in err.splitlines() if line.startswith("medkg: [")] == \
        [f"medkg: [{i}/10] corpus: {fmt}" for i, fmt in enumerate(formats.split(","), 1)]
    names = {p.name for p in (tmp_path / "out").iterdir()}
    assert {"corpus.html", "hostile.html", "iron-deficiency-anemia.png", "corpus.graphml"} <= names
    assert not any(".corpus." in n or n.startswith("corpus.hostile") for n in names)
