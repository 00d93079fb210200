"""The trained extractor: multinomial logistic regression over candidate features, optionally with a small
neural network beside it.

The model ships as JSON (``extractor.json``: classes, thresholds, the feature strings, and one weight
per class for each, packed) and is written by :mod:`medkg.extract.train`. Inference is a sum of
weight rows and a softmax, in numpy: deterministic and a few microseconds a candidate. A model trained
with ``--network`` also holds one hidden layer over the same features (which lets them count together),
and its class probabilities are the mean of the two models' (the mean tempers the network's
overconfidence); the shipped model has none (see ``NETWORK_L2`` in :mod:`medkg.extract.train`).
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
#: the network's hidden weights are packed as int16, each hidden unit's column as whole numbers of its own
#: scale (its largest magnitude / :data:`_INT16`): half the size of int32, and within 1/65,534 of each
#: column's range, far below what moves a probability at the thresholds' resolution of 0.05
_INT16 = 32767


@dataclass(frozen=True, slots=True)
class Network:
    """One hidden layer of rectified units over the same features as the linear model.

    ``hidden`` is features x units, in the linear model's row order; the ``bias`` feature's row holds the
    units' intercepts, as it holds the classes' in the linear model. ``output`` is units x classes.
    """

    hidden: np.ndarray
    output: np.ndarray
    output_bias: np.ndarray
    #: the hidden weights and a last row of zeros, as :attr:`Model.padded`
    padded: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "padded", np.vstack([self.hidden, np.zeros((1, self.hidden.shape[1]))]))

    @classmethod
    def from_json(cls, data: dict, features: int) -> Network:
        """The network from the model file's ``network`` entry (see :data:`_INT16`)."""
        scale = np.array(data["hidden_scale"], dtype=np.float64)
        packed = np.frombuffer(base64.b64decode(data["hidden"]), dtype="<i2").reshape(features, len(scale))
        return cls(packed * scale, np.array(data["output"], dtype=np.float64),
                   np.array(data["output_bias"], dtype=np.float64))

    def to_json(self) -> dict:
        """The ``network`` entry of the model file: the hidden weights packed, the small output layer as numbers."""
        top = np.abs(self.hidden).max(axis=0)
        scale = np.where(top > 0, top / _INT16, 1.0)
        packed = np.rint(self.hidden / scale).astype("<i2")
        return {"hidden_scale": scale.tolist(), "hidden": base64.b64encode(packed.tobytes()).decode("ascii"),
                "output": self.output.tolist(), "output_bias": self.output_bias.tolist()}

    def logits(self, sums: np.ndarray) -> np.ndarray:
        """Class logits from the hidden units' input sums, unit by unit in a fixed order (the same bits
        on every machine and thread count, where a BLAS product's summation order may vary)."""
        np.maximum(sums, 0.0, out=sums)
        out = np.broadcast_to(self.output_bias, (len(sums), len(self.output_bias))).copy()
        for unit, weights in zip(sums.T, self.output, strict=True):
            out += unit[:, None] * weights
        return out


@dataclass(frozen=True, slots=True)
class Model:
    """Weights (features x classes), each relation's decision threshold, the page-markup threshold, and the
    network averaged with the linear model (none in a model of the linear part alone)."""

    classes: tuple[str, ...]
    index: dict[str, int]
    weights: np.ndarray
    thresholds: dict[str, float]  # a candidate's best relation is a finding when its probability reaches the relation's
    page_threshold: float  # findings whose confidence reaches this go into the schema.org page markup
    network: Network | None = None
    #: the weights and a last row of zeros, which pads rows of features to one length
    padded: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "padded", np.vstack([self.weights, np.zeros((1, len(self.classes)))]))

    @classmethod
    def from_json(cls, data: dict) -> Model:
        """The model from the file's content (see :data:`DECIMALS`)."""
        names = data["features"]
        packed = np.frombuffer(base64.b64decode(data["weights"]), dtype="<i4")
        weights = packed.reshape(len(names), len(data["classes"])) / 10 ** DECIMALS
        network = Network.from_json(data["network"], len(names)) if data.get("network") else None
        return cls(tuple(data["classes"]), {sys.intern(n): i for i, n in enumerate(names)}, weights,
                   {r: float(t) for r, t in data["thresholds"].items()}, float(data["page_threshold"]), network)

    def probabilities(self, rows: list[list[str]], shared: Sequence[list[str]] = (),
                      of: Sequence[int] = ()) -> np.ndarray:
        """Class probabilities for each row of feature strings (unknown features are ignored). With
        ``shared``, row i's features are ``shared[of[i]]``'s followed by its own: each shared row is looked
        up and summed once, and its sum is where its rows' sums start (the same additions in the same
        order, so the same bits, as their whole rows)."""
        ids = self._ids(rows)
        starts = self._ids(shared) if shared else None
        at = np.asarray(of, dtype=np.intp)

        def sums(padded: np.ndarray) -> np.ndarray:
            return _sums(ids, padded, None if starts is None else _sums(starts, padded)[at])

        out = _softmax(sums(self.padded))
        if self.network is not None:
            out += _softmax(self.network.logits(sums(self.network.padded)))
            out /= 2
        return out

    def _ids(self, rows: Sequence[list[str]]) -> np.ndarray:
        """Each row's feature indices, padded to one length with the index of the zero row that ends every
        weight matrix (see :func:`_sums`). An unknown feature takes that zero row too, so all rows' strings
        are mapped in one pass of C, ``dict.get`` with a default."""
        zero = len(self.weights)  # the row of zeros, which also pads rows to one length
        lengths = np.fromiter(map(len, rows), dtype=np.intp, count=len(rows))
        total = int(lengths.sum())
        ids = np.fromiter(map(self.index.get, chain.from_iterable(rows), repeat(zero, total)), dtype=np.intp,
                          count=total)
        width = int(lengths.max()) if len(rows) else 0
        padded = np.full((len(rows), max(width, 1)), zero, dtype=np.intp)
        row = np.repeat(np.arange(len(rows)), lengths)
        padded[row, np.arange(total) - np.repeat(np.cumsum(lengths) - lengths, lengths)] = ids
        return padded


def _sums(ids: np.ndarray, weights: np.ndarray, start: np.ndarray | None = None) -> np.ndarray:
    """Each row's sum of its features' weight rows, added in the row's order (after ``start``'s row).

    The same additions, so the same bits, as summing one row at a time, but done for all rows at once
    (rows padded with a zero weight row to one length, then summed column by column). An unknown
    feature takes that zero row too (adding zeros leaves every sum's bits as they were).
    """
    out = weights[ids[:, 0]] if start is None else start + weights[ids[:, 0]]
    for column in ids.T[1:]:
        out += weights[column]
    return out


def _softmax(logits: np.ndarray) -> np.ndarray:
    """Row-wise softmax, in place."""
    logits -= logits.max(axis=1, keepdims=True)
    np.exp(logits, out=logits)
    logits /= logits.sum(axis=1, keepdims=True)
    return logits


@cache
def load_model() -> Model:
    """The shipped model (the file :mod:`medkg.extract.train` wrote)."""
    return Model.from_json(json.loads(files("medkg.extract").joinpath(MODEL).read_text("utf-8")))


def page_threshold() -> float:
    """The extraction confidence a finding needs to go into the schema.org page markup."""
    return load_model().page_threshold
