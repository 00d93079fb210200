"""KGX TSV and JSON Lines: read back with csv and json, Biolink terms from medkg.ttl, honest provenance,
and, where kgx is installed (MEDKG_KGX_PYTHON, or /opt/medkg-kgx from .ci/install-extras), ``kgx validate``."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
from importlib.resources import files
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import SKOS

from medkg.exporters import export
from medkg.exporters.kgx import BIOLINK_PREFIXES, kgx_id
from medkg.graph.build import build_dataset
from medkg.model import ConditionRecord, Finding, Relation

#: kgx's own validator, run offline: the Biolink model, prefix map and contexts from the installed packages
VALIDATE = """
import json, sys
from importlib.resources import files
import bmt.toolkit
bmt.toolkit.Toolkit.__init__.__defaults__ = (str(files("biolink_model.schema") / "biolink_model.yaml"),
                                             {"predicate mappings": []})
import kgx.config
prefixes = files("biolink_model.prefixmaps") / "biolink_model_prefix_map.json"
kgx.config.jsonld_context_map["biolink"] = json.loads(prefixes.read_text())
for name in ("monarch_context", "obo_context"):
    context = files("prefixcommons.registry") / f"{name}.jsonld"
    kgx.config.jsonld_context_map[name] = json.loads(context.read_text())["@context"]
from kgx.transformer import Transformer
from kgx.validator import Validator
validator = Validator()
Transformer(stream=True).transform(input_args={"filename": sys.argv[2:], "format": sys.argv[1]},
                                   output_args={"format": "null"}, inspector=validator)
print(json.dumps(validator.get_errors()))
"""


def _kgx_python() -> str | None:
    for candidate in (os.environ.get("MEDKG_KGX_PYTHON"), "/opt/medkg-kgx/bin/python"):
        if candidate and Path(candidate).is_file():
            done = subprocess.run([candidate, "-c", "import kgx"], capture_output=True)
            if done.returncode == 0:
                return candidate
    return None


KGX_PYTHON = _kgx_python()
needs_kgx = pytest.mark.skipif(KGX_PYTHON is None, reason="kgx is not installed (.ci/install-extras makes a venv)")


def _tsv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8")), delimiter="\t"))


def _validate(tmp_path: Path, kgx_files: dict[str, bytes], fmt: str) -> dict:
    paths = []
    for suffix in (f"_nodes.{fmt}", f"_edges.{fmt}"):
        paths.append(tmp_path / f"graph{suffix}")
        paths[-1].write_bytes(kgx_files[suffix])
    done = subprocess.run([KGX_PYTHON, "-c", VALIDATE, fmt, *map(str, paths)], capture_output=True, check=True,
                          timeout=600)
    return json.loads(done.stdout)


def _messages(errors: dict) -> list[str]:
    return [message for by_code in errors.values() for messages in by_code.values() for message in messages]


def test_tsv_and_jsonl_agree_with_the_rdf_graph(corpus):
    from medkg.views import to_networkx

    view = to_networkx(corpus)
    named = {n for n, ids in view.nodes(data="ids") if ids and kgx_id({"ids": ids})}
    out = export(corpus, "kgx")
    nodes, edges = _tsv(out["_nodes.tsv"]), _tsv(out["_edges.tsv"])
    assert len(nodes) == len(named)  # no two nodes share a preferred id here
    assert len(edges) == sum(1 for u, v in view.edges() if u in named and v in named)
    assert len({n["id"] for n in nodes}) == len(nodes)
    assert {e["subject"] for e in edges} | {e["object"] for e in edges} <= {n["id"] for n in nodes}
    json_nodes = [json.loads(line) for line in out["_nodes.jsonl"].splitlines()]
    json_edges = [json.loads(line) for line in out["_edges.jsonl"].splitlines()]
    assert [n["id"] for n in json_nodes] == [n["id"] for n in nodes]
    assert [(e["subject"], e["predicate"], e["object"]) for e in json_edges] == \
        [(e["subject"], e["predicate"], e["object"]) for e in edges]


def test_only_ids_biolink_registers_name_nodes():
    record = ConditionRecord("c", "Some disease", ids=("ICD10CM:D50", "ORPHANET:558", "MESH:D000001"), findings=(
        Finding(Relation.SYMPTOM, "odd feeling", ids=("SYMP:0000001",)),
        Finding(Relation.SYMPTOM, "fatigue", ids=("SYMP:0019177", "HP:0012378")),
        Finding(Relation.CAUSE, "bad luck")))
    out = export(build_dataset([record]), "kgx")
    nodes = {n["id"]: n for n in _tsv(out["_nodes.tsv"])}
    assert sorted(nodes) == ["HP:0012378", "MESH:D000001"]
    assert nodes["MESH:D000001"]["xref"] == "ICD10CM:D50|ORPHANET:558"
    assert [(e["subject"], e["object"]) for e in _tsv(out["_edges.tsv"])] == [("MESH:D000001", "HP:0012378")]


def test_biolink_terms_come_from_medkg_ttl(corpus):
    ttl = Graph().parse(data=files("medkg.ontology").joinpath("medkg.ttl").read_text(encoding="utf-8"))
    aligned = {f"schema:{s.rsplit('/', 1)[1]}": "biolink:" + str(o).rsplit("/", 1)[1]
               for s, o in ttl.subject_objects(SKOS.closeMatch) if "biolink" in str(o) and "schema.org" in str(s)}
    edges = _tsv(export(corpus, "kgx")["_edges.tsv"])
    findings = [e for e in edges if e["original_predicate"].startswith("schema:")]
    assert findings and all(e["predicate"] == aligned[e["original_predicate"]] for e in findings)
    nodes = {n["id"]: n for n in _tsv(export(corpus, "kgx")["_nodes.tsv"])}
    assert nodes["HP:0012378"]["category"] == "biolink:PhenotypicFeature"
    assert nodes["DOID:11758"]["category"] == "biolink:Disease"
    assert nodes["DOID:11758"]["xref"] == "ICD10CM:D50|MESH:D018798"


def test_provenance_is_honest(corpus):
    edges = _tsv(export(corpus, "kgx")["_edges.tsv"])
    agents = {(e["subject"], e["agent_type"]) for e in edges if e["original_predicate"] != "medkg:subtype"}
    assert agents == {("DOID:11758", "manual_agent"), ("DOID:4", "text_mining_agent")}
    assert {e["knowledge_level"] for e in edges} == {"knowledge_assertion"}
    fatigue = next(e for e in edges if e["subject"] == "DOID:11758" and e["object"] == "HP:0012378")
    assert fatigue["supporting_text"] == "Tiredness that may come on slowly"
    assert fatigue["primary_knowledge_source"] == "https://health.example.org/conditions/iron-deficiency-anemia"


@needs_kgx
@pytest.mark.parametrize("fmt", ["tsv", "jsonl"])
def test_kgx_validate_finds_no_error(corpus, tmp_path, fmt):
    assert _messages(_validate(tmp_path, export(corpus, "kgx"), fmt)) == []


@needs_kgx
def test_kgx_validate_complications(tmp_path):
    record = ConditionRecord("c", "Diabetes", ids=("DOID:9351",),
                             findings=(Finding(Relation.COMPLICATION, "kidney disease", ids=("DOID:557",)),))
    assert _messages(_validate(tmp_path, export(build_dataset([record]), "kgx"), "tsv")) == []


@needs_kgx
def test_kgx_validate_passes_an_extracted_article(shared, tmp_path):
    from medkg.pipeline import read_record

    record = read_record(shared / "corpus" / "seed" / "neutropenia.txt")
    out = export(build_dataset([record]), "kgx")
    assert len(_tsv(out["_edges.tsv"])) >= 10
    assert _messages(_validate(tmp_path, out, "tsv")) == []


@needs_kgx
def test_biolink_prefixes_are_in_biolinks_prefix_map():
    script = ("import json; from importlib.resources import files; "
              "print((files('biolink_model.prefixmaps') / 'biolink_model_prefix_map.json').read_text())")
    biolink = json.loads(subprocess.run([KGX_PYTHON, "-c", script], capture_output=True, check=True).stdout)
    assert set(BIOLINK_PREFIXES.values()) <= set(biolink)
