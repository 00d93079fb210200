"""A naive Bayes paragraph classifier for section roles, for pages that lost their headings.

Trained on MedQuAD, whose question types label 16,000 answers (symptoms, causes,
susceptibility, exams and tests, treatment, prevention, ...), and shipped as JSON
(``section_roles.json``: class log priors and per-word log likelihoods). Retrain with::

    python -m medkg.extract.section_model ../shared/corpus/medquad --exclude ../shared/corpus/dev \
        --exclude ../shared/corpus/train --exclude ../shared/corpus/pages --exclude ../shared/corpus/seed

where every document whose focus matches an article of an ``--exclude`` folder (its file stem, or the
condition name and synonyms of its gold file; :func:`same_focus`) is left out, so no article that grades
extraction, nor another page on its condition, is ever trained on.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from functools import cache
from importlib.resources import files
from pathlib import Path

import numpy as np

MODEL = "section_roles.json"
_WORD = re.compile(r"[a-z][a-z'-]+")
_STOP = frozenset([
    "a", "an", "the", "of", "in", "on", "to", "and", "or", "with", "for", "by", "at", "from", "as",
    "is", "are", "be", "may", "can", "your", "their", "its", "his", "her", "some", "certain", "other",
    "such", "that", "this", "these", "those", "which", "who", "than", "into", "about", "it", "they",
    "there", "was", "were", "been", "has", "have", "had", "not", "will", "would", "should", "could",
    "if", "when", "also", "more", "most", "many", "much", "very", "than", "then", "so", "do", "does",
    "did", "but", "all", "any", "each", "one"
])
_SKIP = {None, "support", "stages", "considerations"}
_VOCAB_SIZE = 5000


def words(text: str, drop: frozenset[str] = frozenset()) -> list[str]:
    """The lower-case words the model counts (no stop words, none of ``drop``)."""
    return [w for w in _WORD.findall(text.lower()) if w not in _STOP and w not in drop]


@cache
def _model() -> dict:
    return json.loads(files("medkg.extract").joinpath(MODEL).read_text(encoding="utf-8"))


@cache
def _table() -> tuple[dict[str, int], dict[str, float], np.ndarray]:
    """The model's vocabulary, its roles' log priors, and its log likelihoods as a (word, role) array."""
    model = _model()
    likelihood = np.array([model["likelihood"][role] for role in model["priors"]], dtype=np.float64).T.copy()
    return model["vocab"], model["priors"], likelihood


def classify(text: str, drop: frozenset[str] = frozenset(), margin: float = 2.0) -> str | None:
    """The most likely role of a paragraph, or None if it does not win by ``margin`` (log odds).

    ``drop`` holds the condition's own name words, which say nothing about the role.
    """
    vocab, priors, likelihood = _table()
    ids = [i for w in words(text, drop) if (i := vocab.get(w)) is not None]
    if len(ids) < 4:
        return None
    # each role's log likelihoods added word by word (accumulate adds in order: the same sums, bit for bit,
    # as Python's sum of each role's list), all roles at once
    sums = np.add.accumulate(likelihood[ids])[-1].tolist()
    scores = {role: prior + total for (role, prior), total in zip(priors.items(), sums, strict=True)}
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    best, second = ranked[0], ranked[1]
    return best[0] if best[1] - second[1] >= margin else None


def focus_words(name: str) -> frozenset[str]:
    """A condition name's words for comparing foci: lower case, apostrophes dropped ("Bell's" and
    "bells" alike), hyphens and other punctuation as spaces, stop words left out."""
    return frozenset(w for w in re.findall(r"[a-z0-9]+", name.lower().replace("'", "").replace("’", ""))
                     if w not in _STOP)


def same_focus(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two foci (as :func:`focus_words`) name one condition or one and its kind: they share a word,
    and one holds the other's words ("Diabetes" and "Type 1 Diabetes", "Asthma" and "asthma-symptoms") or
    they overlap by half (Jaccard): "Celiac Disease" and "Parkinson's Disease" do not."""
    return bool(a & b) and (a <= b or b <= a or len(a & b) >= 0.5 * len(a | b))


def article_foci(folder: Path) -> list[frozenset[str]]:
    """The foci of a corpus folder's graded articles: each gold file's (``gold/*.gold.yaml``, or beside the
    articles) article name, condition name and synonyms."""
    import yaml

    out: set[frozenset[str]] = set()
    for gold in [*folder.glob("*.gold.yaml"), *folder.glob("gold/*.gold.yaml")]:
        condition = (yaml.safe_load(gold.read_text("utf-8")) or {}).get("condition") or {}
        names = [gold.name.removesuffix(".gold.yaml").replace("-", " "), condition.get("name"),
                 *(condition.get("synonyms") or ())]
        out |= {focus_words(str(n)) for n in names if n}
    return sorted(out - {frozenset()}, key=sorted)


def _examples(medquad: Path, exclude: list[frozenset[str]]):
    """(role, words) for each answer paragraph of each MedQuAD document whose focus is none of ``exclude``."""
    from lxml import etree

    from medkg.readers.medquad import QTYPE_ROLES

    for path in sorted(medquad.rglob("*.xml")):
        root = etree.parse(str(path)).getroot()
        focus = " ".join(root.findtext("Focus", "").split())
        focus_set = focus_words(focus)
        if any(same_focus(focus_set, f) for f in exclude):
            continue
        drop = frozenset(words(focus))
        for pair in root.iter("QAPair"):
            role = QTYPE_ROLES.get((pair.find("Question").get("qtype") or "").strip().lower())
            if role in _SKIP:
                continue
            for para in (pair.findtext("Answer") or "").split("\n"):
                tokens = words(para, drop)
                if len(tokens) >= 4:
                    yield role, tokens


def train(medquad: Path, exclude: list[frozenset[str]]) -> dict:
    """Fit the multinomial naive Bayes model (Laplace smoothing) on MedQuAD's answers."""
    counts: dict[str, Counter[str]] = {}
    docs: Counter[str] = Counter()
    for role, tokens in _examples(medquad, exclude):
        counts.setdefault(role, Counter()).update(tokens)
        docs[role] += 1
    total = Counter()
    for c in counts.values():
        total.update(c)
    vocab = [w for w, _ in total.most_common(_VOCAB_SIZE)]
    index = {w: i for i, w in enumerate(vocab)}
    n_docs = sum(docs.values())
    likelihood = {}
    for role, c in counts.items():
        denom = sum(c[w] for w in vocab) + len(vocab)
        likelihood[role] = [round(math.log((c[w] + 1) / denom), 3) for w in vocab]
    priors = {role: round(math.log(n / n_docs), 3) for role, n in docs.items()}
    return {"about": "naive Bayes section roles trained on MedQuAD answers (CC BY 4.0); see section_model.py",
            "priors": priors, "vocab": index, "likelihood": likelihood}


def main(argv: list[str] | None = None) -> None:
    import argparse

    parser = argparse.ArgumentParser(description="Train the section role model on MedQuAD.")
    parser.add_argument("medquad", type=Path, help="the MedQuAD folder (XML files, searched recursively)")
    parser.add_argument("--exclude", type=Path, action="append", default=[],
                        help="a corpus folder whose articles' conditions to leave out (repeatable)")
    parser.add_argument("-o", "--output", type=Path, default=Path(__file__).with_name(MODEL), help="model file")
    args = parser.parse_args(argv)
    model = train(args.medquad, [f for folder in args.exclude for f in article_foci(folder)])
    args.output.write_text(json.dumps(model, separators=(",", ":"), sort_keys=True), encoding="utf-8")


if __name__ == "__main__":
    main()
