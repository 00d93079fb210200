"""The trained extractor: multinomial logistic regression over candidate features.

The model ships as JSON (``extractor.json``: classes, thresholds, and one weight per class for
each feature string) and is written by :mod:`medkg.extract.train`. Inference is a sum of
weight rows and a softmax, in numpy: deterministic and a few microseconds a candidate.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import numpy as np

MODEL = "extractor.json"
NONE = "none"


@dataclass(frozen=True, slots=True)
class Model:
    """Weights (features x classes), the decision threshold, and the page-markup threshold."""

    classes: tuple[str, ...]
    index: dict[str, int]
    weights: np.ndarray
    threshold: float  # a candidate's best relation is a finding when its probability reaches this
    page_threshold: float  # findings whose confidence reaches this go into the schema.org page markup

    @classmethod
    def from_json(cls, data: dict) -> Model:
        names = sorted(data["features"])
        weights = np.array([data["features"][n] for n in names], dtype=np.float64).reshape(len(names),
                                                                                             len(data["classes"]))
        return cls(tuple(data["classes"]), {n: i for i, n in enumerate(names)}, weights,
                   float(data["threshold"]), float(data["page_threshold"]))

    def probabilities(self, rows: list[list[str]]) -> np.ndarray:
        """Class probabilities for each row of feature strings (unknown features are ignored)."""
        out = np.zeros((len(rows), len(self.classes)))
        index = self.index
        for r, feats in enumerate(rows):
            ids = [index[f] for f in feats if f in index]
            if ids:
                out[r] = self.weights[ids].sum(axis=0)
        out -= out.max(axis=1, keepdims=True)
        np.exp(out, out=out)
        out /= out.sum(axis=1, keepdims=True)
        return out


@cache
def load_model() -> Model:
    """The shipped model (the file :mod:`medkg.extract.train` wrote)."""
    return Model.from_json(json.loads(files("medkg.extract").joinpath(MODEL).read_text("utf-8")))


def page_threshold() -> float:
    """The extraction confidence a finding needs to go into the schema.org page markup."""
    return load_model().page_threshold
