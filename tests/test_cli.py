"""The medkg command end to end: outputs, exit codes, one-line errors, nothing half-written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from medkg.cli import EXIT_INVALID, EXIT_OK, EXIT_USAGE, main

from .conftest import EXAMPLE


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_build_writes_the_default_formats(tmp_path, capsys):
    code, _, err = run(capsys, "build", EXAMPLE, "-o", tmp_path, "--no-link")
    assert code == EXIT_OK, err
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "iron-deficiency-anemia.jsonld", "iron-deficiency-anemia.page.jsonld", "iron-deficiency-anemia.ttl"]
    code, out, _ = run(capsys, "validate", *sorted(tmp_path.iterdir()))
    assert code == EXIT_OK and out.count(": conforms") == 3, out


def test_remote_contexts_are_never_fetched(tmp_path, capsys):
    doc = tmp_path / "remote.jsonld"
    doc.write_text('{"@context": "https://example.org/ctx.jsonld", "@id": "https://x.org/a", "name": "x"}')
    code, _, err = run(capsys, "validate", doc)
    assert code == EXIT_USAGE and "remote JSON-LD context" in err


def test_two_builds_are_byte_identical(tmp_path, capsys):
    formats = "ttl,nt,trig,nq,jsonld,page"
    for name in ("a", "b"):
        assert run(capsys, "build", EXAMPLE, "-o", tmp_path / name, "-f", formats, "--no-link")[0] == EXIT_OK
    first = {p.name: p.read_bytes() for p in (tmp_path / "a").iterdir()}
    second = {p.name: p.read_bytes() for p in (tmp_path / "b").iterdir()}
    assert len(first) == 6 and first == second


def test_several_inputs_make_a_corpus_graph(tmp_path, capsys):
    other = tmp_path / "in" / "other.yaml"
    other.parent.mkdir()
    other.write_text("name: Common cold\nfindings: {symptom: [sneezing], treatment: [rest]}\n")
    code, _, err = run(capsys, "build", EXAMPLE, other, "-o", tmp_path / "out", "-f", "trig", "--no-link")
    assert code == EXIT_OK, err
    assert {p.name for p in (tmp_path / "out").iterdir()} == {
        "iron-deficiency-anemia.trig", "other.trig", "corpus.trig"}


def test_validate_exits_1_on_a_violation(tmp_path, capsys):
    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix schema: <http://schema.org/> .\n'
                   '<https://x.org/p> a schema:MedicalWebPage ; schema:about <https://x.org/c> .\n'
                   '<https://x.org/c> a schema:MedicalCondition .\n')
    code, out, _ = run(capsys, "validate", bad)
    assert code == EXIT_INVALID
    assert "DOES NOT CONFORM" in out and "found no name" in out
    code, out, _ = run(capsys, "validate", bad, "--format", "json")
    assert code == EXIT_INVALID and '"conforms": false' in out


@pytest.mark.parametrize("content, expected", [
    (None, "no such file"),
    ("", "empty"),
    ("name: [", "invalid YAML"),
    ("name: 3\n", "at name"),
    ('name: "Flu\\nnext"\n', "one line of text"),
    ('name: "</script>"\n', "angle brackets"),
])
def test_bad_input_one_line_error_and_nothing_written(tmp_path, capsys, content, expected):
    bad = tmp_path / "bad.yaml"
    if content is not None:
        bad.write_text(content)
    out = tmp_path / "out"
    code, _, err = run(capsys, "build", EXAMPLE, bad, "-o", out, "--no-link")
    assert code == EXIT_USAGE
    lines = err.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0] and str(bad) in lines[0]
    assert not out.exists() or not any(out.iterdir()), "nothing half-written"


def test_unknown_format_lists_the_known_ones(tmp_path, capsys):
    code, _, err = run(capsys, "build", EXAMPLE, "-o", tmp_path, "-f", "ttl,docx")
    assert code == EXIT_USAGE and "unknown format 'docx'" in err and "ttl" in err


def test_unknown_extension_is_explained(tmp_path, capsys):
    odd = tmp_path / "article.docx"
    odd.write_text("x")
    code, _, err = run(capsys, "build", odd, "-o", tmp_path / "o")
    assert code == EXIT_USAGE and "--reader" in err


def test_help_everywhere():
    for args in ([], ["build"], ["validate"]):
        run_ = subprocess.run([sys.executable, "-m", "medkg.cli", *args, "--help"], capture_output=True, text=True)
        assert run_.returncode == 0 and "Example" in run_.stdout


def test_outputs_are_readable_by_others(tmp_path, capsys):
    run(capsys, "build", EXAMPLE, "-o", tmp_path, "--no-link")
    assert oct(Path(tmp_path / "iron-deficiency-anemia.ttl").stat().st_mode)[-3:] in {"644", "664", "666"}


def test_user_terms_override_the_lexicon(tmp_path, capsys):
    record = tmp_path / "flu.yaml"
    record.write_text("name: Flu\nfindings: {symptom: [zorblaxia]}\n")
    terms = tmp_path / "terms.tsv"
    terms.write_text("zorblaxia\tHP:0000988\tSkin rash\n")
    code, _, err = run(capsys, "build", record, "-o", tmp_path / "out", "-f", "nt", "--terms", terms)
    assert code == EXIT_OK, err
    assert "<http://purl.obolibrary.org/obo/HP_0000988>" in (tmp_path / "out" / "flu.nt").read_text()
    code, _, err = run(capsys, "build", record, "-o", tmp_path / "out2", "-f", "nt")
    assert "HP_0000988" not in (tmp_path / "out2" / "flu.nt").read_text()


def test_folders_and_same_named_files(tmp_path, capsys):
    for folder in ("ghr", "cdc"):
        (tmp_path / "in" / folder).mkdir(parents=True)
        (tmp_path / "in" / folder / "0001.yaml").write_text(f"name: Disease {folder}\nfindings: {{symptom: [fever]}}\n")
    (tmp_path / "in" / "notes.docx").write_text("not an article")
    code, _, err = run(capsys, "build", tmp_path / "in", "-o", tmp_path / "out", "-f", "nt", "--no-link")
    assert code == EXIT_OK, err
    assert {p.name for p in (tmp_path / "out").iterdir()} == {"ghr-0001.nt", "cdc-0001.nt", "corpus.nt"}
    assert "/article/ghr-0001>" in (tmp_path / "out" / "ghr-0001.nt").read_text()


def test_oversized_articles_are_refused_quickly(tmp_path, capsys):
    huge = tmp_path / "huge.txt"
    huge.write_text("Flu\n\n" + "Symptoms may include fever, cough and sore throat. " * 25_000)
    code, _, err = run(capsys, "build", huge, "-o", tmp_path / "out")
    assert code == EXIT_USAGE and "medkg reads articles up to" in err and str(huge) in err


def test_same_stem_in_one_folder_is_told_apart_by_extension(tmp_path, capsys):
    (tmp_path / "flu.yaml").write_text("name: Flu\nfindings: {symptom: [fever]}\n")
    (tmp_path / "flu.json").write_text('{"name": "Flu", "findings": {"symptom": ["cough"]}}')
    code, _, err = run(capsys, "build", tmp_path / "flu.yaml", tmp_path / "flu.json", "-o", tmp_path / "o",
                       "-f", "nt", "--no-link")
    assert code == EXIT_OK, err
    assert {p.name for p in (tmp_path / "o").iterdir()} == {"flu-yaml.nt", "flu-json.nt", "corpus.nt"}
    code, _, err = run(capsys, "build", tmp_path / "flu.yaml", tmp_path / "flu.yaml", "-o", tmp_path / "o2")
    assert code == EXIT_USAGE and "given more than once" in err
