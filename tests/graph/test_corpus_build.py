"""Corpus builds: parallel equals serial, the streamed corpus equals the whole export, statements as before."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import pytest

from medkg.cli import EXIT_OK, main
from medkg.exporters import export
from medkg.graph import corpus as corpus_module
from medkg.graph.build import GraphBuilder, build_dataset, build_graph
from medkg.readers.record import read_record

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "iron-deficiency-anemia.yaml"
HELDOUT = REPO / "tests" / "extract" / "heldout"
INPUTS = [EXAMPLE, *(HELDOUT / n for n in ("asthma.html", "gout.md", "conjunctivitis.txt", "eczema.md"))]
RDF_FORMATS = ("ttl", "nt", "trig", "nq", "jsonld")


def _build(capsys, out: Path, *args: object) -> dict[str, bytes]:
    code = main(["build", *map(str, args), "-o", str(out), "-q"])
    assert code == EXIT_OK, capsys.readouterr().err
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def test_parallel_build_is_byte_identical_to_serial(tmp_path, capsys):
    formats = ",".join((*RDF_FORMATS, "page"))
    serial = _build(capsys, tmp_path / "one", *INPUTS, "-f", formats, "--jobs", "1")
    parallel = _build(capsys, tmp_path / "two", *INPUTS, "-f", formats, "--jobs", "2")
    assert len(serial) == len(INPUTS) * 6 + 5
    assert serial == parallel


def test_streamed_corpus_equals_the_export_of_the_whole_dataset(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(corpus_module, "RUN_BYTES", 2_000)  # many sorted runs to merge
    records = [read_record(EXAMPLE), *(replace(read_record(EXAMPLE), source=f"copy{i}", name=f"Anemia {i}")
                                       for i in range(3))]
    folder = tmp_path / "records"
    folder.mkdir()
    for record in records[1:]:
        text = EXAMPLE.read_text().replace("name: Iron-deficiency anemia", f"name: {record.name}")
        (folder / f"{record.source}.yaml").write_text(text)
    built = _build(capsys, tmp_path / "out", EXAMPLE, folder, "-f", ",".join(RDF_FORMATS), "--no-link")
    whole = build_dataset(records)
    for fmt in RDF_FORMATS:
        assert built[f"corpus.{fmt}"] == export(whole, fmt), fmt


def test_statements_are_those_of_the_previous_builder():
    """tests/data/iron-deficiency-anemia.before.nq was written by the rdflib-based builder this one
    replaced (commit aaf5a4a, ``medkg build examples/iron-deficiency-anemia.yaml -f nq --no-link``).
    If the graph contract changes on purpose, rewrite the file with the command."""
    before = (REPO / "tests" / "data" / "iron-deficiency-anemia.before.nq").read_bytes()
    quads = GraphBuilder().quads(read_record(EXAMPLE))
    assert export(quads, "nq") == before
    assert len(set(quads)) == len(quads)


def test_statements_are_what_pyoxigraph_writes_and_reads(example_record):
    """The builder writes N-Quads lines itself: they must be pyoxigraph's own for the same quads,
    sorted, and its index must be the one read from them."""
    from medkg.graph.build import QuadGraph, nquads_text

    odd = replace(example_record, name="Odd \u2028 \x00 \x7f \ufffe \U0001F600 \"q\" \\ tab\there\r\n",
                  synonyms=("", "  lead", "\x1f\x0b"))
    graph, lines, index = GraphBuilder().statements(odd)
    quads = list(ox.parse(nquads_text(lines, graph), format=ox.RdfFormat.N_QUADS))
    assert nquads_text(lines, graph) == b"".join(sorted(ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
                                                        .splitlines(keepends=True)))
    assert len(quads) == len(set(quads)) > 20
    read = QuadGraph(quads).by_subject
    assert {s: {p: list(o) for p, o in props.items()} for s, props in index.by_subject.items()} == \
        {s: {p: list(o) for p, o in props.items()} for s, props in read.items()}  # objects in the same order


def test_literals_are_escaped_as_pyoxigraph_escapes_them():
    """Every character, alone in a literal, as pyoxigraph's N-Triples writer writes it."""
    from medkg.graph.build import Lit, nt_term

    s, p = ox.NamedNode("https://x.org/s"), ox.NamedNode("https://x.org/p")
    chars = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    written = ox.serialize([ox.Triple(s, p, ox.Literal(f"a{c}b")) for c in chars], format=ox.RdfFormat.N_TRIPLES)
    head = len("<https://x.org/s> <https://x.org/p> ")
    assert [line[head:] for line in written.decode().split(" .\n")[:-1]] == [nt_term(Lit(f"a{c}b")) for c in chars]


def test_the_rdflib_graph_holds_the_same_statements(example_record):
    graph = build_graph(example_record)
    quads = GraphBuilder().quads(example_record)
    assert export(quads, "nt") == export(graph_dataset(graph), "nt")


def graph_dataset(graph):
    from medkg.graph.build import dataset_of

    return dataset_of([graph])


def test_one_naming_rule_for_a_build(tmp_path, capsys):
    for folder in ("GHR", "CDC"):
        (tmp_path / "in" / folder).mkdir(parents=True)
    (tmp_path / "in" / "GHR" / "0001.yaml").write_text(EXAMPLE.read_text())
    (tmp_path / "in" / "CDC" / "0001.yaml").write_text(EXAMPLE.read_text())
    (tmp_path / "in" / "CDC" / "0002.yaml").write_text(EXAMPLE.read_text())
    (tmp_path / "in" / "LICENSE.txt").write_text("Creative Commons Attribution 4.0\n")
    (tmp_path / "in" / "readme.txt").write_text("This folder holds the corpus.\n")
    built = _build(capsys, tmp_path / "out", tmp_path / "in", "-f", "nt", "--no-link")
    assert sorted(built) == ["CDC-0001.nt", "CDC-0002.nt", "GHR-0001.nt", "corpus.nt"]


def _staging(out: Path, name: str, files: dict[str, str], journal: bool) -> Path:
    folder = out / f".medkg-staging-{name}"
    folder.mkdir(parents=True)
    (folder / ".lock").touch()
    for file_name, text in files.items():
        (folder / file_name).write_text(text)
    if journal:
        (folder / "COMMIT").write_text("".join(f"{n}\n" for n in files))
    return folder


def test_killed_runs_are_finished_or_removed_by_the_next(tmp_path, capsys):
    out = tmp_path / "out"
    (out).mkdir()
    (out / "a.nt").write_text("old a\n")
    (out / "b.nt").write_text("old b\n")
    # killed while moving: a.nt was moved already, b.nt was not; the journal lists both
    moving = _staging(out, "moving", {"b.nt": "new b\n"}, journal=True)
    (moving / "COMMIT").write_text("a.nt\nb.nt\n")
    # killed before its journal: nothing of it may appear
    _staging(out, "writing", {"a.nt": "never\n", "c.nt": "never\n"}, journal=False)
    _build(capsys, out, EXAMPLE, "-f", "ttl", "--no-link")
    assert (out / "b.nt").read_text() == "new b\n" and (out / "a.nt").read_text() == "old a\n"
    assert not (out / "c.nt").exists()
    assert sorted(p.name for p in out.iterdir()) == ["a.nt", "b.nt", "iron-deficiency-anemia.ttl"]


def test_finishing_skips_only_files_moved_already(tmp_path):
    """A listed file that is gone was moved by the killed run; a destination that is gone is an error."""
    from medkg.files import _finish

    folder = _staging(tmp_path, "x", {"b.nt": "new b\n"}, journal=True)
    (folder / "COMMIT").write_text("a.nt\nb.nt\n")
    with pytest.raises(FileNotFoundError):
        _finish(folder, tmp_path / "gone")
    _finish(folder, tmp_path)
    assert (tmp_path / "b.nt").read_text() == "new b\n" and not (tmp_path / "a.nt").exists()


def test_a_live_runs_staging_is_left_alone(tmp_path):
    import fcntl

    from medkg.files import Staging

    with Staging(tmp_path) as live:
        live.write("x.nt", b"x\n")
        with Staging(tmp_path) as other:
            other.write("y.nt", b"y\n")
            other.commit()
        assert (live.folder / "x.nt").exists()
        with (live.folder / ".lock").open("a") as lock, pytest.raises(OSError):
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    assert sorted(os.listdir(tmp_path)) == ["y.nt"]


def test_sorted_writers_order_like_the_terms(tmp_path):
    """Lines sort as their terms do, even where one literal is the start of another."""
    s, p = ox.NamedNode("https://x.org/s"), ox.NamedNode("https://x.org/p")
    objects = [ox.Literal("a"), ox.Literal("a", language="en"), ox.Literal("a b"), ox.Literal("a\tb"),
               ox.Literal("a", datatype=ox.NamedNode("https://x.org/t")), ox.NamedNode("https://x.org/s/a"),
               ox.NamedNode("https://x.org/s")]
    quads = [ox.Quad(s, p, o, ox.NamedNode("https://x.org/g")) for o in objects]
    lines = export(quads, "nq").decode().splitlines()
    assert lines == [f"{s} {p} {o} <https://x.org/g> ." for o in sorted(objects, key=str)]


@pytest.mark.parametrize(("in_memory", "batch", "stores"),
                         [(corpus_module.VALIDATION_IN_MEMORY, corpus_module.VALIDATION_BATCH, ["memory"]),
                          (0, corpus_module.VALIDATION_BATCH, ["memory", "disk"]),
                          (corpus_module.VALIDATION_IN_MEMORY, 1_000, ["memory"]),
                          (30_000, 1_000, ["memory", "disk"])],
                         ids=["memory", "disk", "streamed", "streamed-then-disk"])
def test_build_validate_reports_what_validate_reports_on_the_corpus(tmp_path, capsys, monkeypatch, in_memory,
                                                                    batch, stores):
    """Also where the union reaches the store in many pieces while it is merged (a small batch), and
    where it proves too large for memory on the way (it then goes on disk, all of it)."""
    from medkg.files import article_names, input_files
    from medkg.graph.article import ArticleOptions, build_article
    from medkg.graph.corpus import write_build
    from medkg.shapes import sparql
    from medkg.shapes.sparql import load_store, validate_store

    monkeypatch.setattr(corpus_module, "VALIDATION_IN_MEMORY", in_memory)  # 0: the store goes on disk
    monkeypatch.setattr(corpus_module, "VALIDATION_BATCH", batch)
    made = tmp_path / "stores"  # a file: the stores are made in the validation's own process
    real_store = ox.Store

    def store(path: str | None = None) -> ox.Store:
        with made.open("a") as f:
            f.write("memory\n" if path is None else "disk\n")
        return real_store(path)

    monkeypatch.setattr(corpus_module.ox, "Store", store)
    files = input_files(INPUTS, {".yaml", ".md", ".html", ".txt"})
    options = ArticleOptions(("ttl",), corpus=("ttl", "validate"))
    built = write_build((build_article(p, n, options) for p, n in zip(files, article_names(files), strict=True)),
                        tmp_path / "out", ["ttl"], validate=True)
    assert made.read_text().split() == stores
    monkeypatch.undo()
    assert (tmp_path / "out" / "corpus.ttl").stat().st_size > 30_000 * 2  # the union is larger than the limit tried
    assert built.report is not None and built.report.results
    monkeypatch.setattr(sparql, "QUERY_THREADS", 1)  # the build's checks ran two at a time; these one by one
    assert built.report == validate_store(load_store(tmp_path / "out" / "corpus.ttl"))
    code = main(["build", *map(str, INPUTS), "-o", str(tmp_path / "cli"), "-q", "--validate"])
    out = capsys.readouterr().out
    assert code == EXIT_OK and out.startswith(f"{tmp_path / 'cli' / 'corpus'}: conforms ("), out


@pytest.mark.skipif(not Path("/proc/sys/fs/pipe-max-size").exists(), reason="pipe sizes are Linux's")
def test_the_pool_of_workers_sends_results_through_a_wide_pipe():
    """A worker sends ~4 MB at a time: the pipe holds RESULT_PIPE (where the system's ceiling allows), not 64 KB."""
    import fcntl
    import multiprocessing

    from medkg.commands.build import RESULT_PIPE, _pool
    from medkg.graph.article import ArticleOptions

    if int(Path("/proc/sys/fs/pipe-max-size").read_text()) < RESULT_PIPE and os.geteuid() != 0:
        pytest.skip("this system lets a pipe hold less")
    with _pool(1, ArticleOptions(("nt",), link=False), multiprocessing.get_context("fork")) as pool:
        assert fcntl.fcntl(pool._outqueue._reader.fileno(), fcntl.F_GETPIPE_SZ) >= RESULT_PIPE > 1 << 16


def test_json_ld_text_is_what_json_dumps_writes(example_record):
    """graph_text writes with orjson and re-indents; the bytes must be json.dumps(indent=1)'s."""
    import json

    from medkg.exporters.jsonld import _nested, graph_text
    from medkg.graph.build import QuadGraph

    odd = replace(example_record, name="Odd \u2028 </script> \x01 \x00 \U0001F600 \"quoted\" \\ tab\there",
                  synonyms=("", "  leading spaces", "line\nbreak", "\n    indented  \n"))
    quads = GraphBuilder().quads(odd)
    graph = quads[0].graph_name.value
    expected = json.dumps({"@id": graph, "@graph": _nested(QuadGraph(quads))}, ensure_ascii=False, indent=1)
    assert graph_text(QuadGraph(quads), graph) == expected


def test_a_corpus_writer_failing_beside_the_validation_fails_the_build_cleanly(tmp_path):
    """The corpus is written while another process validates: the writer's error is the build's,
    and the destination keeps nothing of the run."""
    from medkg.graph.article import ArticleOutput
    from medkg.graph.corpus import write_build

    line = b"<https://x.org/a> <https://x.org/p> <https://x.org/b> .\n"
    articles = [ArticleOutput(f"a{i}", f"https://x.org/graph/a{i}", ((f"a{i}.ttl", b""),), nquads=b"<broken",
                              ntriples=line, jsonld="{}") for i in range(2)]
    with pytest.raises(SyntaxError):
        write_build(articles, tmp_path / "out", ["trig", "ttl"], validate=True)
    assert list((tmp_path / "out").iterdir()) == []


@pytest.mark.skipif("fork" not in __import__("multiprocessing").get_all_start_methods(),
                    reason="the validation's process sees this test's patch only when forked")
def test_an_error_in_the_validation_process_is_the_builds_and_nothing_is_written(tmp_path, monkeypatch):
    """The validation runs in a child process: what it raises is raised by the build, with the destination
    left empty, and a child that dies without a report is an error too (not a build without a report)."""
    import os

    from medkg.errors import ShapeError
    from medkg.graph import corpus
    from medkg.graph.article import ArticleOutput
    from medkg.graph.corpus import write_build
    from medkg.shapes import sparql

    line = b"<https://x.org/a> <https://x.org/p> <https://x.org/b> .\n"
    articles = [ArticleOutput(f"a{i}", f"https://x.org/graph/a{i}", ((f"a{i}.ttl", b""),), ntriples=line, jsonld="{}")
                for i in range(2)]

    def broken(store):
        raise ShapeError("a shape the engine cannot check")

    # forked even after other tests opened stores on disk: this union is validated in memory, no RocksDB in the child
    monkeypatch.setattr(corpus, "_fork_is_safe", lambda: True)
    monkeypatch.setattr(sparql, "validate_store", broken)
    with pytest.raises(ShapeError, match="cannot check"):
        write_build(articles, tmp_path / "out", ["ttl"], validate=True)
    monkeypatch.setattr(sparql, "validate_store", lambda store: os._exit(7))
    with pytest.raises(RuntimeError, match=r"without a report \(exit code 7\)"):
        write_build(articles, tmp_path / "out", ["ttl"], validate=True)
    assert list((tmp_path / "out").iterdir()) == []


def test_validation_is_not_forked_once_rocksdb_runs_threads_here(tmp_path):
    """A child forked while RocksDB's threads run may wait forever on a lock one of them held (a test process
    hung so): once a store on disk has been opened in this process, the validation's child is spawned."""
    import subprocess
    import sys

    code = ("import pyoxigraph as ox, sys\n"
            "from medkg.graph.corpus import _fork_is_safe\n"
            "before = _fork_is_safe()\n"
            "store = ox.Store(sys.argv[1])\n"
            "print(before, _fork_is_safe())\n")
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "s")], capture_output=True, text=True, check=True)
    expected = "True False" if sys.platform.startswith("linux") else "False False"
    assert done.stdout.split() == expected.split()
