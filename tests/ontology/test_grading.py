"""The linking benchmark: gold surfaces linked alone and compared with the gold ids."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from medkg.commands.lexicon import lexicon as lexicon_command
from medkg.ontology.grading import CONDITION, grade_linking, total

GOLD = """doc: example
condition: {name: Neutropenia, ids: [DOID:1227]}
relations:
  symptom:
    - {label: fever, surfaces: [fever, fevers], ids: [HP:0001945]}
    - {label: chills, surfaces: [chills], ids: [HP:0000001]}
    - {label: zorblax, surfaces: [zorblaxity quux], ids: [HP:0000002]}
    - {label: vague, surfaces: [headache], ids: []}
"""


@pytest.fixture
def gold_dir(tmp_path: Path) -> Path:
    (tmp_path / "example.gold.yaml").write_text(GOLD, encoding="utf-8")
    return tmp_path


def test_outcomes_per_relation(gold_dir: Path, lexicon) -> None:
    tallies = grade_linking(sorted(gold_dir.glob("*.gold.yaml")), lexicon)
    symptom = tallies["symptom"]
    assert (symptom.right, symptom.wrong, symptom.missed, symptom.spurious) == (2, 1, 1, 1)
    assert "'chills'" in symptom.wrong_examples[0] and "'zorblaxity quux'" in symptom.missed_examples[0]
    assert tallies[CONDITION].right == 1
    assert total(tallies).graded == 4 and total(tallies).rate(total(tallies).wrong) == 0.25


def test_command_prints_rates_and_fails_over_the_limit(gold_dir: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(lexicon_command, ["grade", str(gold_dir), "--show", "wrong"])
    assert result.exit_code == 0, result.output
    assert "symptom" in result.output and "25.0%" in result.output
    assert "wrong symptom: example: 'chills'" in result.output
    assert runner.invoke(lexicon_command, ["grade", str(gold_dir), "--max-wrong-rate", "0.1"]).exit_code == 1
    assert runner.invoke(lexicon_command, ["grade", str(gold_dir.parent / "nowhere")]).exit_code == 2


def test_wrong_ids_on_the_shared_gold(corpus: Path, lexicon) -> None:
    """Issue 10: at most 3% of the gold surfaces of dev, train and pages get a wrong id."""
    files = sorted(p for d in ("dev", "train", "pages") for p in (corpus / d / "gold").glob("*.gold.yaml"))
    if not files:
        pytest.skip(f"{corpus} holds no dev/train/pages gold files")
    overall = total(grade_linking(files, lexicon))
    assert overall.graded > 3000
    assert overall.rate(overall.wrong) <= 0.03, overall.wrong_examples


def test_surfaces_are_linked_as_the_article_writes_them(tmp_path: Path, lexicon) -> None:
    """A gold surface in lower case ("copd") is graded as the article beside the gold folder
    writes it ("COPD", an acronym), with the abbreviations that article defines."""
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "x.gold.yaml").write_text("doc: x\ncondition: {name: Zorblax, ids: []}\nrelations:\n  cause:\n"
                                      "    - {label: copd, surfaces: [copd], ids: [DOID:3083]}\n"
                                      "    - {label: cld, surfaces: [cld], ids: [DOID:3083]}\n", encoding="utf-8")
    assert grade_linking([gold / "x.gold.yaml"], lexicon)["cause"].missed == 2  # no article: lower case
    (tmp_path / "x.txt").write_text("Smokers get COPD, chronic obstructive pulmonary disease (CLD) here.",
                                    encoding="utf-8")
    assert grade_linking([gold / "x.gold.yaml"], lexicon)["cause"].right == 2
