"""The curated consumer language: every id exists, in the shipped lexicon and in the sources."""

from __future__ import annotations

import csv
import gzip
import re
from importlib import resources
from pathlib import Path

from medkg.model import Relation
from medkg.ontology.lexicon import LAY_TERMS_FILE, Lexicon, Term, read_term_table


def _lay_terms() -> list[Term]:
    text = resources.files("medkg").joinpath("ontology/data").joinpath(LAY_TERMS_FILE).read_text("utf-8")
    return read_term_table(text.splitlines(), LAY_TERMS_FILE)


LAY = _lay_terms()
RELATIONS = {r.value for r in Relation} | {"condition"}


def test_there_are_lay_terms() -> None:
    assert len(LAY) > 300
    names = {t.name.lower() for t in LAY}
    assert {"antibiotics", "blood tests", "chemo", "water pills", "physical exam"} <= names


def test_lay_term_ids_are_in_shipped_lexicon(lexicon: Lexicon) -> None:
    wrong = [f"{t.name} -> {t.id} ({lexicon.label(t.id)!r}, written {t.label!r})" for t in LAY
             if lexicon.label(t.id) != t.label or not t.relations <= RELATIONS]
    assert not wrong, "\n".join(wrong)


def test_no_lay_term_is_a_bare_word_in_disguise() -> None:
    """A name that normalises to one word owns that word in every text: "the pill" or "a cold"
    would make every "pill" a contraceptive and every "cold" the common cold."""
    from medkg.ontology.lexicon import normalize

    wrong = [t.name for t in LAY
             if len(normalize(t.name).split()) == 1 and len(re.findall(r"[a-z0-9]+", t.name.lower())) > 1]
    assert not wrong


def _source_labels(ontologies: Path) -> dict[str, str]:
    labels = {}
    with (ontologies / "mesh" / "mesh-descriptors-2026-01-27.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            labels["MESH:" + row["id"].rsplit("/", 1)[1]] = row["subject"]
    with gzip.open(ontologies / "mesh" / "mesh_descriptor_entry_terms_merged.tsv.gz", "rt", encoding="utf-8") as rows:
        for line in rows:  # descriptors the list above lacks (the check tags Female, Male)
            mesh_id, preferred = line.split("\t", 2)[:2]
            labels.setdefault("MESH:" + mesh_id, preferred)
    with (ontologies / "doid" / "DOreports" / "HumanDO.tsv").open(encoding="utf-8") as handle:
        for line in handle:
            cells = [c.strip('"') for c in line.rstrip("\n").split("\t")]
            labels[cells[0]] = cells[1]
    for path in (ontologies / "hpo" / "hp.obo", ontologies / "symp" / "symp.obo"):
        text = path.read_text(encoding="utf-8")
        labels.update(re.findall(r"^id: (\S+)\nname: (.+)$", text, flags=re.MULTILINE))
    return labels


def test_lay_term_ids_are_in_the_sources(ontologies: Path) -> None:
    labels = _source_labels(ontologies)
    wrong = [f"{t.name} -> {t.id} ({labels.get(t.id)!r}, written {t.label!r})" for t in LAY
             if labels.get(t.id) != t.label]
    assert not wrong, "\n".join(wrong)
