"""Every shipped query answers on a corpus built from real MedQuAD documents, with and without parameters.

The documents are five NIDDK articles about digestive and liver diseases, which share
symptoms and treatments. Parameter values are read from the built graph, never written
here, so the tests hold whatever the extractor finds.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from medkg.cli import EXIT_OK, main
from medkg.store import MedkgStore, QueryRefused
from medkg.store.queries import example_queries, parameters

ARTICLES = ("0000088.xml", "0000093.xml", "0000122.xml", "0000184.xml", "0000186.xml")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    from tests.conftest import SHARED

    folder = SHARED / "corpus" / "medquad" / "5_NIDDK_QA"
    if not all((folder / name).is_file() for name in ARTICLES):
        pytest.skip(f"{folder} is absent: the MedQuAD corpus is not beside the checkout")
    out = tmp_path_factory.mktemp("medquad")
    assert main(["build", *(str(folder / n) for n in ARTICLES), "-o", str(out), "--format", "trig"]) == EXIT_OK
    return out


@pytest.fixture(scope="module")
def store(built) -> MedkgStore:
    return MedkgStore.in_memory(sorted(built.glob("0*.trig")))


def rows(store: MedkgStore, name: str, **params: str) -> list[dict[str, str]]:
    result = store.query(example_queries()[name], params)
    return [{v: t.value for v, t in zip(result.variables, row, strict=True) if t is not None} for row in result.rows]


@pytest.mark.parametrize("name", sorted(example_queries()))
def test_every_query_answers_without_parameters(store, name):
    assert rows(store, name), f"{name} found nothing in five MedQuAD articles"


def test_evidence_for_a_fact(store):
    first = rows(store, "evidence-for-a-fact")[0]
    found = rows(store, "evidence-for-a-fact", condition=first["condition"], finding=first["finding"])
    assert found and first in found
    assert {(r["condition"], r["finding"]) for r in found} == {(first["condition"], first["finding"])}
    assert all(r["graph"].startswith("https://") and r["quote"] for r in found)


def test_conditions_with_symptom_and_risk_factor(store):
    first = rows(store, "conditions-with-symptom-and-risk-factor")[-1]
    found = rows(store, "conditions-with-symptom-and-risk-factor", symptom=first["symptom"],
                 risk_factor=first["risk_factor"])
    assert first["conditionName"] in {r["conditionName"] for r in found}
    assert {(r["symptom"], r["risk_factor"]) for r in found} == {(first["symptom"], first["risk_factor"])}


def test_linked_to_an_id(store):
    listed = rows(store, "linked-to-hp-id")
    assert listed and len({r["id"] for r in listed}) <= 5  # without a parameter: a few ids, each in full
    for linked in {r["id"] for r in listed}:
        assert rows(store, "linked-to-hp-id", id=linked) == [r for r in listed if r["id"] == linked]
    hp = store.query("SELECT ?id WHERE { ?n skos:exactMatch ?id FILTER(CONTAINS(STR(?id), '/HP_')) } "
                     "ORDER BY ?id LIMIT 1").rows[0][0].value
    found = rows(store, "linked-to-hp-id", id="HP:" + hp.rsplit("_", 1)[1])
    assert found and {r["id"] for r in found} == {hp}
    assert rows(store, "linked-to-hp-id", id=hp) == found


def test_most_shared_symptoms_count_conditions(store):
    top = rows(store, "most-shared-symptoms")
    counts = [int(r["conditions"]) for r in top]
    assert counts == sorted(counts, reverse=True) and counts[0] >= 2
    check = store.query(f"SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE {{ ?c schema:signOrSymptom <{top[0]['symptom']}> }}")
    assert int(check.rows[0][0].value) == counts[0]


def test_conditions_sharing_treatments(store):
    found = rows(store, "conditions-sharing-treatments")
    for row in found:
        named_by = store.query(f"SELECT DISTINCT ?name WHERE {{ ?c schema:possibleTreatment <{row['treatment']}> ; "
                               "a schema:MedicalCondition ; schema:name ?name }")
        assert int(row["conditions"]) >= 2
        assert set(row["conditionNames"].split(" | ")) == {r[0].value for r in named_by.rows}
    counts = [int(r["conditions"]) for r in found]
    assert counts == sorted(counts, reverse=True)


def test_findings_without_ids_have_none(store):
    found = rows(store, "findings-without-ontology-ids")
    assert found
    for row in found:
        assert not store.query(f"ASK {{ <{row['concept']}> skos:exactMatch ?id }}").boolean
        count = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ ?f medkg:concept <{row['concept']}> }}")
        assert int(count.rows[0][0].value) == int(row["findings"])
    counts = [int(r["findings"]) for r in found]
    assert counts == sorted(counts, reverse=True)


def test_every_declared_parameter_is_a_projected_variable():
    """pyoxigraph binds a parameter only where every enclosing SELECT projects it: a subquery
    that uses ?p but leaves it out of its projection would run unbound (every condition, not
    the one asked for) and its LIMIT would then cut the wrong rows."""
    for name, text in example_queries().items():
        body = "\n".join(line.split("#", 1)[0] for line in text.splitlines())
        for start in [i for i in range(len(body)) if body.startswith("SELECT", i)]:
            projection = body[start:body.index("WHERE", start)]
            used = _group(body, body.index("{", start))
            for param in parameters(text):
                if f"?{param}" in used or start == body.index("SELECT"):
                    assert f"?{param}" in projection, f"{name}: a SELECT uses ?{param} but does not project it"


def _group(text: str, opening: int) -> str:
    """The text of the {...} group that opens at ``opening``."""
    depth = 0
    for i in range(opening, len(text)):
        depth += {"{": 1, "}": -1}.get(text[i], 0)
        if depth == 0:
            return text[opening:i + 1]
    raise AssertionError("unbalanced braces")


def test_unknown_parameters_are_refused(store):
    with pytest.raises(QueryRefused, match="takes: condition, finding"):
        rows(store, "evidence-for-a-fact", illness="x")
    with pytest.raises(QueryRefused, match="not an ontology id"):
        rows(store, "linked-to-hp-id", id="fatigue")


def test_the_command_takes_parameters(built, store, capsys):
    first = rows(store, "evidence-for-a-fact")[0]
    code = main(["query", *map(str, sorted(built.glob("0*.trig"))), "--file", "evidence-for-a-fact",
                 "--param", f"condition={first['condition']}", "--param", f"finding={first['finding']}", "-f", "csv"])
    out, err = capsys.readouterr()
    assert code == EXIT_OK, err
    assert out.splitlines()[0].startswith("condition,relation,finding,quote")
    assert len(out.splitlines()) >= 2 and first["quote"].splitlines()[0] in out
