"""`medkg validate` speaks to a publisher in text and keeps the technical details in JSON."""

from __future__ import annotations

import json

from medkg.cli import main
from medkg.exporters import export
from medkg.graph.build import build_dataset
from medkg.model import ConditionRecord, Evidence, Finding, Relation


def _built(tmp_path):
    record = ConditionRecord("gout", "Gout", findings=(
        Finding(Relation.SYMPTOM, "joint pain", ids=("HP:0002829",), evidence=(Evidence("Joint pain"),)),
        Finding(Relation.CAUSE, "too much uric acid", evidence=(Evidence("too much uric acid"),)),
        Finding(Relation.RISK_FACTOR, "red meat")))
    path = tmp_path / "gout.ttl"
    path.write_bytes(export(build_dataset([record]), "ttl"))
    return path


def test_text_says_what_medkg_found_in_plain_words(tmp_path, capsys):
    assert main(["validate", str(_built(tmp_path))]) == 0
    out = capsys.readouterr().out
    assert "Gout: medkg found no treatment in this article" in out
    assert "red meat: medkg kept no quote for this fact" in out
    assert "too much uric acid: medkg could not link this finding" in out
    for technical in ("schema:", "skos:", "medkg:", "sh:", "https://w3id.org", "|"):
        assert technical not in out, technical


def test_json_keeps_the_paths_and_iris(tmp_path, capsys):
    assert main(["validate", str(_built(tmp_path)), "--format", "json"]) == 0
    (report,) = json.loads(capsys.readouterr().out)
    treatment = next(r for r in report["results"] if "treatment" in r["message"])
    assert treatment["path"] == "schema:possibleTreatment"
    assert treatment["focus"] == "https://w3id.org/medkg/id/condition/gout" and treatment["focus_name"] == "Gout"
    unlinked = next(r for r in report["results"] if "could not link" in r["message"])
    assert "skos:exactMatch" in unlinked["path"]
