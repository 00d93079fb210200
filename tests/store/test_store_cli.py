"""`medkg load` and `medkg query` through the CLI: exit codes, messages, output formats."""

from __future__ import annotations

import json

from medkg.cli import main


def test_load_query_remove(tmp_path, graph_dir, capsys):
    store = str(tmp_path / "kg.store")
    assert main(["load", str(graph_dir), "--store", store]) == 0
    assert "4 graph(s)" in capsys.readouterr().err  # three articles and the terminology
    assert main(["query", "--store", store, "--file", "most-shared-symptoms", "--format", "json"]) == 0
    top = json.loads(capsys.readouterr().out)["results"]["bindings"][0]
    assert top["conditions"]["value"] == "3"
    assert main(["load", "--store", store, "--remove", "celiac-disease"]) == 0
    assert "removed https://w3id.org/medkg/id/graph/celiac-disease" in capsys.readouterr().err
    assert main(["query", "--store", store, "--graphs"]) == 0
    assert "celiac" not in capsys.readouterr().out


def test_query_graph_files_and_refusals(graph_dir, capsys):
    files = [str(p) for p in sorted(graph_dir.iterdir())]
    assert main(["query", *files, "ASK { ?c schema:name 'Hypothyroidism' }", "-f", "csv"]) == 0
    assert capsys.readouterr().out.splitlines() == ["boolean", "true"]
    assert main(["query", *files, "DESCRIBE <https://w3id.org/medkg/id/concept/hp-0012378>", "-f", "nt"]) == 0
    assert "<http://purl.obolibrary.org/obo/HP_0012378>" in capsys.readouterr().out
    assert main(["query", *files, "LOAD <http://example.org/x.ttl>"]) == 2
    assert "LOAD is SPARQL Update" in capsys.readouterr().err
    assert main(["query", *files, "--file", "nope.rq"]) == 2


def test_a_built_folder_loads_each_article_once(tmp_path, capsys):
    from .conftest import CELIAC, HYPOTHYROIDISM, write_graphs

    built, store = tmp_path / "out", str(tmp_path / "kg.store")
    write_graphs(built, [CELIAC, HYPOTHYROIDISM])
    (built / "corpus.trig").write_bytes(b"".join(p.read_bytes() for p in sorted(built.glob("*.trig"))))
    assert main(["load", str(built / "celiac-disease.trig"), "--store", store]) == 0
    capsys.readouterr()
    assert main(["load", str(built), "--store", store]) == 0
    said = capsys.readouterr().err
    assert said.count("replaced ") == 1 and said.count("added ") == 1 and "corpus.trig" not in said
    assert main(["load", str(built / "corpus.trig"), "--store", store]) == 0
    assert capsys.readouterr().err.count("replaced ") == 2, "a corpus file given by name is loaded"
