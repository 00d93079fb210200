"""The shipped lexicon: it loads, knows its sources, and takes the user's own terms."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from medkg.errors import LinkingError
from medkg.ontology.lexicon import Lexicon, SortedTable, lexicon_sources, load_lexicon, read_term_file


def test_shipped_data_loads(lexicon: Lexicon) -> None:
    counts = lexicon.counts()
    assert counts["names"] > 100_000
    assert {"HP", "DOID", "SYMP", "MESH", "ICD10CM"} <= set(counts)
    assert lexicon.label("HP:0001945") == "Fever"
    assert lexicon.label("DOID:1227") == "neutropenia"
    assert lexicon.label("MESH:D000900") == "Anti-Bacterial Agents"
    assert lexicon.label("ICD10CM:D70") == "Neutropenia"
    assert lexicon.label("HP:9999999") is None


def test_load_is_fast_and_cached() -> None:
    start = time.perf_counter()
    Lexicon.from_package()
    assert time.perf_counter() - start < 2.0  # about 0.15 s on a quiet 2-core machine
    assert load_lexicon() is load_lexicon()


def test_xrefs_of_a_disease(lexicon: Lexicon) -> None:
    refs = lexicon.xrefs("DOID:1227")
    assert {"ICD10CM:D70", "MESH:D009503", "UMLS:C0027947", "HP:0001875"} <= set(refs)


def test_sources_carry_name_version_license() -> None:
    sources = lexicon_sources()
    assert {s["key"] for s in sources} >= {"hpo", "doid", "symp", "mesh", "icd10cm"}
    for source in sources:
        assert source["name"] and source["version"] and source["license"] and source["url"]


def test_sorted_table_finds_every_key() -> None:
    keys = sorted([f"k{i:04d} x" for i in range(0, 500, 3)] + ["k\u00e9", "\u4e2d\u6587", "~"])  # sorted as str
    table = SortedTable("".join(f"{k}\t{i} \u00b5\n" for i, k in enumerate(keys)).encode())
    assert [table.get(k) for k in keys] == [f"{i} \u00b5" for i in range(len(keys))]
    assert table.get("k0001 x") is None and table.get("") is None and table.get("zzz") is None
    assert list(table) == keys


def test_user_tsv_overrides_shipped_name(tmp_path: Path) -> None:
    terms = tmp_path / "terms.tsv"
    terms.write_text("# my terms\nFever\tSYMP:0000613\nzorblax syndrome\tDOID:1227\n", encoding="utf-8")
    lexicon = Lexicon.from_package(extra_terms=[terms])
    assert [e.id for e in lexicon.entries("fever")] == ["SYMP:0000613"]
    assert [e.id for e in lexicon.entries("zorblax syndrome")] == ["DOID:1227"]
    assert {e.kind for e in lexicon.entries("zorblax syndrome")} == {"U"}


def test_user_yaml_terms(tmp_path: Path) -> None:
    terms = tmp_path / "terms.yaml"
    terms.write_text("water tablets: MESH:D004232\nbrain fog: [HP:0100543, MESH:D060825]\n", encoding="utf-8")
    assert [(t.name, t.id) for t in read_term_file(terms)] == [
        ("water tablets", "MESH:D004232"), ("brain fog", "HP:0100543"), ("brain fog", "MESH:D060825")]
    lexicon = Lexicon.from_package(extra_terms=[terms])
    assert [e.id for e in lexicon.entries("brain fog")] == ["HP:0100543", "MESH:D060825"]


def test_terms_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    terms = tmp_path / "env.tsv"
    terms.write_text("quux fever\tHP:0001945\n", encoding="utf-8")
    monkeypatch.setenv("MEDKG_TERMS", str(terms))
    assert [e.id for e in load_lexicon().entries("quux fever")] == ["HP:0001945"]


@pytest.mark.parametrize(("name", "text", "message"), [
    ("bad.tsv", "fever HP:0001945\n", "line 1"),
    ("bad.yaml", "fever: not an id\n", "not a PREFIX:ID"),
    ("list.yaml", "- fever\n", "expected a mapping"),
])
def test_bad_term_files_say_where(tmp_path: Path, name: str, text: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LinkingError, match=message):
        read_term_file(path)


def test_missing_term_file(tmp_path: Path) -> None:
    with pytest.raises(LinkingError, match="cannot read"):
        read_term_file(tmp_path / "absent.tsv")


def test_missing_data_says_how_to_rebuild(tmp_path: Path) -> None:
    with pytest.raises(LinkingError, match="medkg lexicon build"):
        Lexicon.from_directory(tmp_path)


def test_cli_start_up_does_not_load_the_lexicon() -> None:
    code = ("import sys, medkg.cli; from medkg.commands import lexicon; "
            "print(any(m.startswith(('medkg.ontology.lexicon', 'medkg.ontology.linker')) for m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_named_with_held_names_is_entries_of_the_normalised_text() -> None:
    """The held names' two-word test refuses only texts whose normalised name is unknown, across
    the words that read differently beside others (numbers, "type", roman numerals, single letters)."""
    from itertools import product

    from medkg.ontology.lexicon import Term, normalize

    names = ["glycogen storage disease type XIII", "type 2 diabetes", "vitamin B 12 deficiency", "renal failure",
             "diabetes type 2", "hepatitis A", "stage IV cancer", "x-ray", "Paget's disease of bone", "anaemia"]
    lexicon = Lexicon({}, {}, [])
    lexicon.hold_names()
    lexicon.add_terms([Term(name, f"X:{i}") for i, name in enumerate(names)])
    vocabulary = ["type", "types", "XIII", "13", "2", "B", "12", "A", "of", "glycogen", "storage", "disease",
                  "diabetes", "renal", "kidney", "failure", "vitamin", "deficiency", "stage", "IV", "x-ray", "Paget's",
                  "bone", "anaemia", "hepatitis", "café"]
    texts = [" ".join(words) for size in (1, 2, 3) for words in product(vocabulary, repeat=size)]
    texts += names + [name.upper() for name in names]
    found = 0
    for text in texts:
        key = normalize(text)
        expected = lexicon.entries(key) if key else ()
        assert lexicon.named(text) == expected, text
        found += bool(expected)
    assert found >= len(names)
