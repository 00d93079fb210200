"""How relations look in pictures, DOT and HTML: one colour and one heading each.

Colours are the Okabe-Ito palette (distinguishable with colour-blindness), in the order
of :class:`~medkg.model.Relation`.
"""

from __future__ import annotations

from medkg.model import Relation

CONDITION_COLOUR = "#222222"
RELATION_COLOURS: dict[str, str] = {
    Relation.CAUSE: "#D55E00",
    Relation.RISK_FACTOR: "#E69F00",
    Relation.SYMPTOM: "#0072B2",
    Relation.TEST: "#009E73",
    Relation.TREATMENT: "#CC79A7",
    Relation.PREVENTION: "#56B4E9",
    Relation.COMPLICATION: "#8C564B",
    "subtype": "#777777",
}
RELATION_HEADINGS: dict[str, str] = {
    Relation.CAUSE: "Causes",
    Relation.RISK_FACTOR: "Risk factors",
    Relation.SYMPTOM: "Symptoms",
    Relation.TEST: "Tests",
    Relation.TREATMENT: "Treatments",
    Relation.PREVENTION: "Prevention",
    Relation.COMPLICATION: "Complications",
    "subtype": "Subtypes",
}
