"""Loading, replacing and removing article graphs; query limits; result formats."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest

from medkg.errors import ReadError, StoreError
from medkg.model import ConditionRecord, Relation
from medkg.store import MedkgStore, QueryLimits, QueryTimeout, read_graphs, write_result

from .conftest import CELIAC, HYPOTHYROIDISM, finding, write_graphs

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "iron-deficiency-anemia.yaml"

BASE = "https://w3id.org/medkg/id/"
TERMINOLOGY = BASE + "terminology"
CONDITIONS = "SELECT ?name WHERE { ?c a schema:MedicalCondition ; schema:name ?name } ORDER BY ?name"


def names(store: MedkgStore, text: str = CONDITIONS) -> list[str]:
    return [row[0].value for row in store.query(text).rows]


@pytest.mark.parametrize("fmt", ["trig", "nq", "ttl", "nt", "jsonld"])
def test_every_built_syntax_loads_into_the_article_graph(tmp_path, fmt):
    (path,) = write_graphs(tmp_path, [CELIAC], fmt)
    assert list(read_graphs(path)) == [BASE + "graph/celiac-disease"]
    store = MedkgStore.in_memory([path])
    assert store.graphs() == [BASE + "graph/celiac-disease", TERMINOLOGY]
    assert store.count(BASE + "graph/celiac-disease") + store.count(TERMINOLOGY) == len(store) > 20
    assert store.query("ASK { GRAPH ?g { ?c skos:exactMatch <http://purl.obolibrary.org/obo/HP_0012378> } }").boolean
    assert not store.query(f"ASK {{ GRAPH ?g {{ ?c skos:exactMatch ?id }} FILTER(?g != <{TERMINOLOGY}>) }}").boolean
    assert store.query(f"ASK {{ GRAPH <{BASE}graph/celiac-disease> {{ ?c schema:name 'fatigue' }} }}").boolean


def test_load_replace_remove_keep_other_articles(tmp_path, graph_dir):
    store = MedkgStore.open(tmp_path / "kg.store")
    loaded = [g for path in sorted(graph_dir.iterdir()) for g in store.load(path)]
    assert [g.replaced for g in loaded] == [False] * 3
    assert names(store) == ["Anemia of pregnancy", "Celiac disease", "Hypothyroidism", "Iron-deficiency anemia"]
    others = store.count(BASE + "graph/iron-deficiency-anemia")

    changed = replace(CELIAC, name="Coeliac disease", findings=(finding(Relation.SYMPTOM, "bloating"),))
    (path,) = write_graphs(tmp_path / "rebuilt", [changed])
    (again,) = store.load(path)
    assert again.replaced and again.graph == BASE + "graph/celiac-disease"
    assert "Celiac disease" not in names(store) and "Coeliac disease" in names(store)
    assert not store.query("ASK { ?c schema:name 'diarrhea' }").boolean  # the old graph is gone, not merged
    assert store.count(BASE + "graph/iron-deficiency-anemia") == others

    assert store.remove(store.find_graph("hypothyroidism") or "")
    assert not store.remove(BASE + "graph/hypothyroidism")
    assert "Hypothyroidism" not in names(store)
    assert store.graphs() == [BASE + "graph/celiac-disease", BASE + "graph/iron-deficiency-anemia", TERMINOLOGY]


def test_shared_triples_count_once_and_leave_with_their_last_article(tmp_path, graph_dir):
    store = MedkgStore.in_memory([graph_dir])
    fatigue = "SELECT * WHERE { ?c schema:name 'fatigue' }"  # the HP:0012378 node, named so by two articles
    assert len(store.query(fatigue)) == 1
    assert store.query("SELECT (COUNT(*) AS ?n) WHERE { ?c schema:name 'fatigue' }").rows[0][0].value == "1"
    total = len(store)
    assert store.remove(BASE + "graph/celiac-disease")
    assert len(store.query(fatigue)) == 1 and len(store) < total
    assert store.remove(BASE + "graph/iron-deficiency-anemia")
    assert len(store.query(fatigue)) == 0
    assert not store.query("ASK { ?c schema:name 'diarrhea' }").boolean


def test_store_persists_and_opens_read_only(tmp_path, graph_dir):
    store = MedkgStore.open(tmp_path / "kg.store")
    for path in graph_dir.iterdir():
        store.load(path)
    del store
    reader = MedkgStore.open(tmp_path / "kg.store", read_only=True)
    assert len(reader.graphs()) == 4


def test_loading_a_non_graph_file_says_which(tmp_path):
    bad = tmp_path / "notes.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(ReadError, match=r"notes\.ttl: not valid Turtle"):
        MedkgStore.in_memory([bad])
    with pytest.raises(ReadError, match="not a graph file"):
        read_graphs(tmp_path / "x.docx")


def test_result_cap_truncates(graph_dir):
    store = MedkgStore.in_memory([graph_dir], limits=QueryLimits(max_results=3))
    result = store.query("SELECT * WHERE { ?s ?p ?o }")
    assert len(result) == 3 and result.truncated
    assert not store.query("SELECT * WHERE { ?s a schema:MedicalWebPage }").truncated


def test_time_limit_gives_up(graph_dir):
    store = MedkgStore.in_memory([graph_dir], limits=QueryLimits(timeout=0.2, max_results=10**9))
    slow = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # streams, so its thread stops soon after
    with pytest.raises(QueryTimeout, match=r"time limit of 0\.2 s"):
        store.query(slow)


def test_result_formats(graph_dir):
    store = MedkgStore.in_memory([graph_dir])
    result = store.query("SELECT ?name ?lang WHERE { ?p a schema:MedicalWebPage ; schema:name ?name . "
                         "OPTIONAL { ?p schema:inLanguage ?lang } } ORDER BY ?name")
    doc = json.loads(write_result(result, "json"))
    assert doc["head"]["vars"] == ["name", "lang"] and len(doc["results"]["bindings"]) == 3
    rows = list(csv.reader(io.StringIO(write_result(result, "csv").decode())))
    assert rows[0] == ["name", "lang"] and ["Celiac disease", ""] in rows
    tsv = write_result(result, "tsv").decode().splitlines()
    assert tsv[0] == "?name\t?lang" and '"Celiac disease"\t' in tsv
    assert b"<sparql" in write_result(result, "xml")
    assert json.loads(write_result(store.query("ASK { ?s ?p ?o }"), "json"))["boolean"] is True
    assert b"(3 rows)" in write_result(result, "table")


def _all_quads(store: MedkgStore) -> set:
    return set(store.store.quads_for_pattern(None, None, None, None))


def test_a_new_store_is_bulk_loaded_with_the_same_statements(tmp_path, graph_dir, records):
    write_graphs(graph_dir, records[:2], "ttl")  # the same articles again, as Turtle: one graph each
    one_by_one = MedkgStore.in_memory([graph_dir])
    bulk = MedkgStore.in_folder(tmp_path / "kg.store", [graph_dir])
    assert _all_quads(bulk) == _all_quads(one_by_one)
    assert len(bulk) == len(one_by_one) and bulk.graphs() == one_by_one.graphs()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no scratch left
    with pytest.raises(StoreError, match="not empty"):
        MedkgStore.in_folder(tmp_path / "kg.store", [graph_dir])


def test_a_bulk_load_in_many_batches_is_the_same_and_a_bad_file_leaves_no_store(tmp_path, graph_dir, records,
                                                                                monkeypatch):
    import medkg.store.store as store_module
    from medkg.graph.corpus import batches

    monkeypatch.setattr(store_module, "BULK_BYTES", 1)  # every chunk its own batch: loads overlap writing
    assert [b"".join(b) for b in batches([b"a", b"", b"bc", b"d"], store_module.BULK_BYTES)] == [b"a", b"bc", b"d"]
    bulk = MedkgStore.in_folder(tmp_path / "kg.store", [graph_dir])
    assert _all_quads(bulk) == _all_quads(MedkgStore.in_memory([graph_dir]))
    (graph_dir / "zz-broken.ttl").write_text("<a> <b> .\n")  # read after the other articles' batches
    with pytest.raises(ReadError, match="zz-broken"):
        MedkgStore.in_folder(tmp_path / "other.store", [graph_dir])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["built", "kg.store"]


def test_a_folders_merged_corpus_is_not_loaded_beside_its_articles(tmp_path, capsys):
    from medkg.cli import main

    other = tmp_path / "other.yaml"
    other.write_text(EXAMPLE.read_text().replace("name: Iron-deficiency anemia", "name: Other anemia"))
    assert main(["build", str(EXAMPLE), str(other), "-o", str(tmp_path / "out"), "-f", "ttl", "--no-link"]) == 0
    assert (tmp_path / "out" / "corpus.ttl").is_file()
    for store in (MedkgStore.in_memory([tmp_path / "out"]), MedkgStore.in_folder(tmp_path / "s", [tmp_path / "out"])):
        assert [g.rsplit("/", 1)[1] for g in store.graphs()] == ["iron-deficiency-anemia", "other", "terminology"]
    given = MedkgStore.in_memory([tmp_path / "out" / "corpus.ttl"])  # named on its own, it is loaded
    assert given.graphs() == [(tmp_path / "out" / "corpus.ttl").resolve().as_uri()]



def _linked(record: ConditionRecord) -> ConditionRecord:
    """The record with each linked finding labelled as the linker labels it: by its id, the same in every article."""
    return replace(record, findings=tuple(replace(f, label=f.ids[0]) if f.ids else f for f in record.findings))


@pytest.mark.parametrize("bulk", [False, True])
def test_removing_an_article_leaves_what_loading_the_others_would(tmp_path, bulk):
    records = [_linked(r) for r in (CELIAC, HYPOTHYROIDISM, replace(CELIAC, source="celiac-2", name="Coeliac"))]
    paths = write_graphs(tmp_path / "built", records, "ttl")
    store = MedkgStore.in_folder(tmp_path / "kg.store", paths) if bulk else MedkgStore.in_memory(paths)
    assert store.count(TERMINOLOGY) < sum(store.count(BASE + f"graph/{r.source}") for r in records)
    for gone, rest in ((2, [0, 1]), (0, [1])):  # celiac-2 repeats celiac; then celiac alone names diarrhea
        assert store.remove(BASE + f"graph/{records[gone].source}")
        assert _all_quads(store) == _all_quads(MedkgStore.in_memory([paths[i] for i in rest])), records[gone].source
    assert not store.query("ASK { ?c ?p ?o FILTER(CONTAINS(STR(?c), 'hp-0002014')) }").boolean  # diarrhea's id
    assert store.query(f"ASK {{ GRAPH <{TERMINOLOGY}> {{ ?c skos:exactMatch ?id }} }}").boolean  # fatigue's stays


def test_replacing_an_article_changes_its_terminology(tmp_path):
    records = [_linked(r) for r in (CELIAC, HYPOTHYROIDISM)]
    store = MedkgStore.in_memory(write_graphs(tmp_path / "old", records))
    changed = _linked(replace(CELIAC, findings=(finding(Relation.SYMPTOM, "bloating", "HP:0003270"),)))
    (path,) = write_graphs(tmp_path / "new", [changed])
    store.load(path)
    fresh = MedkgStore.in_memory([*write_graphs(tmp_path / "fresh", [records[1]]), path])
    assert _all_quads(store) == _all_quads(fresh)
