"""Corpus views and stats on a corpus whose shared findings are known."""

from __future__ import annotations

from medkg.views import bipartite_graph, condition_projection, corpus_stats, finding_projection, to_networkx

BASE = "https://w3id.org/medkg/id/"


def test_bipartite_and_projections(small_corpus):
    bipartite = bipartite_graph(to_networkx(small_corpus))
    conditions = condition_projection(bipartite)
    assert conditions[BASE + "condition/anemia"][BASE + "condition/hypothyroidism"]["weight"] == 2
    assert conditions[BASE + "condition/anemia"][BASE + "condition/heart-failure"]["weight"] == 2
    assert conditions[BASE + "condition/heart-failure"][BASE + "condition/hypothyroidism"]["weight"] == 1
    findings = finding_projection(bipartite)
    assert findings[BASE + "concept/hp-0012378"][BASE + "concept/hp-0000980"]["weight"] == 2
    assert BASE + "condition/anemia-of-pregnancy" in conditions  # a subtype stays a condition


def test_stats(small_corpus):
    stats = corpus_stats(small_corpus)
    assert stats.per_relation == {"risk_factor": 2, "symptom": 6, "test": 1}
    assert (stats.conditions, stats.concepts, stats.findings) == (3, 5, 9)
    assert [(s.name, s.conditions) for s in stats.shared["symptom"]][:2] == [("fatigue", 3), ("pale skin", 2)]
    assert [(s.name, s.conditions) for s in stats.shared["risk_factor"]] == [("smoking", 2)]
    unlinked = {(u.condition, u.name) for u in stats.unlinked}
    assert unlinked == {("Anemia", "blood count"), ("Heart failure", "swollen legs")}
    assert [c.article for c in stats.checks] == ["a", "b", "c"]
    assert all(c.violations == 0 for c in stats.checks)
