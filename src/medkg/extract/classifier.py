"""The trained extractor: multinomial logistic regression over candidate features.

The model ships as JSON (``extractor.json``: classes, thresholds, the feature strings, and one weight
per class for each, packed) and is written by :mod:`medkg.extract.train`. Inference is a sum of
weight rows and a softmax, in numpy: deterministic and a few microseconds a candidate.
"""

from __future__ import annotations

import base64
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from itertools import chain, repeat

import numpy as np

MODEL = "extractor.json"
NONE = "none"
#: training rounds weights to this many decimals, and the model file holds each as a whole number of
#: 10**-DECIMALS (so exactly), packed as base64 of little-endian int32, features x classes: parsing ~600,000
#: decimal numbers out of JSON took 0.2-0.3 s of every cold start, unpacking them takes a few milliseconds
DECIMALS = 4


@dataclass(frozen=True, slots=True)
class Model:
    """Weights (features x classes), each relation's decision threshold, and the page-markup threshold."""

    classes: tuple[str, ...]
    index: dict[str, int]
    weights: np.ndarray
    thresholds: dict[str, float]  # a candidate's best relation is a finding when its probability reaches the relation's
    page_threshold: float  # findings whose confidence reaches this go into the schema.org page markup
    #: the weights and a last row of zeros, which pads rows of features to one length
    _padded: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_padded", np.vstack([self.weights, np.zeros((1, len(self.classes)))]))

    @classmethod
    def from_json(cls, data: dict) -> Model:
        """The model from the file's content (see :data:`DECIMALS`)."""
        names = data["features"]
        packed = np.frombuffer(base64.b64decode(data["weights"]), dtype="<i4")
        weights = packed.reshape(len(names), len(data["classes"])) / 10 ** DECIMALS
        return cls(tuple(data["classes"]), {sys.intern(n): i for i, n in enumerate(names)}, weights,
                   {r: float(t) for r, t in data["thresholds"].items()}, float(data["page_threshold"]))

    def probabilities(self, rows: list[list[str]], shared: Sequence[list[str]] = (),
                      of: Sequence[int] = ()) -> np.ndarray:
        """Class probabilities for each row of feature strings (unknown features are ignored). With
        ``shared``, row i's features are ``shared[of[i]]``'s followed by its own: each shared row is looked
        up and summed once, and its sum is where its rows' sums start (the same additions in the same
        order, so the same bits, as their whole rows)."""
        out = self._sums(rows, self._sums(shared)[np.asarray(of, dtype=np.intp)] if shared else None)
        out -= out.max(axis=1, keepdims=True)
        np.exp(out, out=out)
        out /= out.sum(axis=1, keepdims=True)
        return out

    def _sums(self, rows: Sequence[list[str]], start: np.ndarray | None = None) -> np.ndarray:
        """Each row's sum of its features' weight rows, added in the row's order (after ``start``'s row).

        The same additions, so the same bits, as summing one row at a time, but done for all rows at once
        (rows padded with a zero weight row to one length, then summed column by column). An unknown
        feature takes that zero row too (adding zeros leaves every sum's bits as they were), so all
        rows' strings are mapped in one pass of C, ``dict.get`` with a default.
        """
        zero = len(self.weights)  # the row of zeros, which also pads rows to one length
        lengths = np.fromiter(map(len, rows), dtype=np.intp, count=len(rows))
        total = int(lengths.sum())
        ids = np.fromiter(map(self.index.get, chain.from_iterable(rows), repeat(zero, total)), dtype=np.intp,
                          count=total)
        width = int(lengths.max()) if len(rows) else 0
        padded = np.full((len(rows), max(width, 1)), zero, dtype=np.intp)
        row = np.repeat(np.arange(len(rows)), lengths)
        padded[row, np.arange(total) - np.repeat(np.cumsum(lengths) - lengths, lengths)] = ids
        out = self._padded[padded[:, 0]] if start is None else start + self._padded[padded[:, 0]]
        for column in padded.T[1:]:
            out += self._padded[column]
        return out


@cache
def load_model() -> Model:
    """The shipped model (the file :mod:`medkg.extract.train` wrote)."""
    return Model.from_json(json.loads(files("medkg.extract").joinpath(MODEL).read_text("utf-8")))


def page_threshold() -> float:
    """The extraction confidence a finding needs to go into the schema.org page markup."""
    return load_model().page_threshold
