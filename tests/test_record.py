"""Curated records: what loads, and a clear one-line error for every way a record can be wrong."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from medkg.errors import ReadError
from medkg.model import Origin, Relation
from medkg.readers.record import read_record, record_schema

from .conftest import EXAMPLE


def test_example_loads_every_part(example_record):
    r = example_record
    assert r.name == "Iron-deficiency anemia"
    assert r.source == "iron-deficiency-anemia"
    assert r.origin is Origin.CURATED
    assert "ICD10CM:D50" in r.ids
    assert {f.relation for f in r.findings} == set(Relation) - {Relation.COMPLICATION}
    fatigue = next(f for f in r.findings if f.name == "fatigue")
    assert fatigue.qualifier == "may come on slowly"
    assert fatigue.evidence[0].section == "Symptoms"
    assert r.page.date_reviewed == "2026-03-14"
    assert r.page.reviewers[0].url.startswith("https://")
    assert r.page.citations[0].year == 2024


def test_json_record_equals_yaml(tmp_path, example_record):
    import yaml

    data = yaml.load(EXAMPLE.read_text(), Loader=yaml.BaseLoader)  # dates and numbers as text
    data["page"]["citations"][0]["year"] = 2024
    path = tmp_path / "iron-deficiency-anemia.json"
    path.write_text(json.dumps(data))
    assert read_record(path) == example_record


def test_schema_ships_and_is_valid():
    from jsonschema import Draft202012Validator

    Draft202012Validator.check_schema(record_schema())


BAD = {
    "empty.yaml": ("", "empty"),
    "blank.yaml": ("   \n\n", "empty"),
    "invalid.yaml": ("name: [unclosed\n", "invalid YAML at line"),
    "invalid.json": ('{"name": ', "invalid JSON at line"),
    "list.yaml": ("- a\n- b\n", "a record is a mapping"),
    "noname.yaml": ("synonyms: [x]\n", "'name' is a required property"),
    "wrongtype.yaml": ("name: Flu\nsynonyms: grippe\n", "at synonyms"),
    "unknownfield.yaml": ("name: Flu\ncolour: red\n", "unknown field"),
    "unknownrelation.yaml": ("name: Flu\nfindings: {mood: [sad]}\n", "at findings"),
    "newline.yaml": ('name: "Flu\\nsecond line"\n', "one line of text"),
    "script.yaml": ('name: "</script><script>alert(1)</script>"\n', "angle brackets"),
    "gt.yaml": ('name: "a > b"\n', "angle brackets"),
    "badid.yaml": ("name: Flu\nids: [HP:12]\n", "not a known, well-formed id"),
    "badprefix.yaml": ("name: Flu\nids: [FOO:1]\n", "not a known, well-formed id"),
    "baddate.yaml": ("name: Flu\npage: {date_reviewed: 2024-02-30}\n", "not a real date"),
    "badurl.yaml": ("name: Flu\npage: {url: page.html}\n", "at page.url"),
    "findingtype.yaml": ("name: Flu\nfindings: {symptom: [{name: 3}]}\n", "at findings.symptom[0]"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_records_give_one_line_errors(tmp_path, name):
    text, expected = BAD[name]
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(ReadError) as err:
        read_record(path)
    message = str(err.value)
    assert message.startswith(str(path))
    assert expected in message
    assert "\n" not in message


def test_binary_and_non_utf8_files_are_refused(tmp_path):
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"name: x\x00\x01\x02")
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("name: caf\xe9".encode("latin-1"))
    with pytest.raises(ReadError, match="binary"):
        read_record(binary)
    with pytest.raises(ReadError, match="not UTF-8"):
        read_record(latin)


def test_quotes_in_names_are_kept(tmp_path):
    path = tmp_path / "q.yaml"
    path.write_text('name: "Paget\'s \\"bone\\" disease"\nfindings: {symptom: [bone pain & aches]}\n')
    record = read_record(path)
    assert record.name == 'Paget\'s "bone" disease'
    assert record.findings[0].name == "bone pain & aches"


def test_ids_are_normalised(tmp_path: Path):
    path = tmp_path / "ids.yaml"
    path.write_text("name: Flu\nids: [msh:D007251, hp:0001945]\n")
    assert read_record(path).ids == ("MESH:D007251", "HP:0001945")
