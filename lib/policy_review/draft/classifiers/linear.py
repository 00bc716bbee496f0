"""The linear area model (``linear``): a logistic regression over jieba words and character n-grams.

A passage is read as three sets of features, each weighted by TF-IDF (``1 + ln tf`` times the
inverse document frequency of the training texts): the words of the passage (jieba, with every
listed term a word, :func:`.terms.words`), the words of the headings above it (the innermost
:data:`HEADINGS`), and the pairs and triples of consecutive Chinese characters of the passage (the
words and the headings' words are one block, the characters another, each of length one). One
model per framework scores each area; the best area wins, with its probability as the call's score
and the features that weighed most for it (a word, a heading's word, a run of characters; not a
piece of a term already shown) as the call's terms. Below :data:`FLOOR` the call is ``unclassified``.

It learns from :mod:`.training` (the term lists' confident calls on the shipped reports, the curated
tables, the terms themselves), seeded and in a fixed order: the same data gives the same model. It
is trained once and shipped as ``area_model.json`` beside this module (about 100 kB: a first fit
keeps the features some area weighs at least :data:`KEEP`, a second fit on those is the model), so
a run, a kernel and a test read it in milliseconds instead of training for half a minute, and a
run's output changes only with the package (an added report of one region does not change another
region's draft). After editing the term lists, the curated tables or the reports, train it again::

    make model      # .venv/bin/python -m policy_review.draft.classifiers --write

``tests/unit/draft/test_classifiers.py`` fails when the shipped file is not what a fresh training
gives. A framework the file has no model for is called by the term lists.
"""

from __future__ import annotations

import argparse
import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np

from policy_review.core.atomic import atomic_write_text
from policy_review.draft.classifiers import training
from policy_review.draft.classifiers.base import UNCLASSIFIED, Call, register
from policy_review.draft.classifiers.terms import area_call, words
from policy_review.tables.frameworks import framework_id

MODEL_FILE = Path(__file__).with_name("area_model.json")
#: Inverse regularisation strength of the logistic regression.
C = 4.0
#: A feature is kept when, in the first fit, some area weighs it at least this much.
KEEP = 0.2
#: Runs of consecutive Chinese characters read as features.
NGRAMS = (2, 3)
#: A run of characters is a feature when at least this many training texts hold it.
MIN_TEXTS = 2
#: How many headings above a passage are read, innermost first.
HEADINGS = 3
#: A weight smaller than this (in absolute value) is left out of the shipped model.
PRUNE = 0.1
#: The least probability a call needs; below it the passage is ``unclassified`` (with eight or nine
#: areas, a passage of no area's words, such as 会议精神, gets about 0.2 from the intercepts alone).
FLOOR = 0.3
#: How many features a call shows as its terms.
SHOWN = 5
#: Decimals kept in the shipped file.
DECIMALS = 3
SEED = 0

_HAN = re.compile(r"[\u4e00-\u9fff]")
_HAN_RUNS = re.compile(r"[\u4e00-\u9fff]+")
_WORD, _HEADING, _CHARS = "w:", "h:", "c:"


def word_features(document: tuple[str, tuple[str, ...]]) -> list[str]:
    """The words of a passage (``w:``) and of its innermost headings (``h:``), Chinese words only."""
    text, headings = document
    found = [_WORD + w for w in words(text) if _HAN.search(w)]
    for heading in headings[:HEADINGS]:
        found += [_HEADING + w for w in words(heading) if _HAN.search(w)]
    return found


def char_features(document: tuple[str, tuple[str, ...]]) -> list[str]:
    """The runs of :data:`NGRAMS` consecutive Chinese characters of a passage (``c:``)."""
    found = []
    for run in _HAN_RUNS.findall(document[0]):
        for n in NGRAMS:
            found += [_CHARS + run[i : i + n] for i in range(len(run) - n + 1)]
    return found


_BLOCKS = (word_features, char_features)


@dataclass
class Part:
    """One framework's model: its areas, and for each kept feature its block, IDF and weights."""

    classes: tuple[str, ...]
    intercept: np.ndarray
    features: dict[str, int]
    block: np.ndarray
    idf: np.ndarray
    coef: np.ndarray

    def probabilities(self, text: str, headings: tuple[str, ...] = ()) -> tuple[np.ndarray, dict[int, float]]:
        """Each area's probability for the passage, and the passage's feature values."""
        values: dict[int, float] = {}
        idf, block = self._idf, self._block
        for number, features in enumerate(_BLOCKS):
            counts = Counter(filter(self.features.__contains__, features((text, headings))))
            weights = {}
            for f, n in counts.items():
                j = self.features[f]
                weights[j] = (1.0 + math.log(n)) * idf[j]
            norm = math.sqrt(_sum_of_squares(weights.values()))
            if norm:
                values.update({j: w / norm for j, w in weights.items() if block[j] == number})
        scores = _running_sum(self.intercept, self._rows[list(values)], list(values.values()))
        scores = np.exp(scores - scores.max())
        return scores / scores.sum(), values

    @cached_property
    def names(self) -> dict[int, str]:
        """Each feature's name by its column: ``features`` the other way round."""
        return {j: f for f, j in self.features.items()}

    @cached_property
    def _idf(self) -> list[float]:
        """The IDF of each feature as a list, read once per model rather than once per passage."""
        return self.idf.tolist()

    @cached_property
    def _block(self) -> list[int]:
        """The block of each feature as a list."""
        return self.block.tolist()

    @cached_property
    def _weights(self) -> list[list[float]]:
        """Each area's weights of the features, as lists."""
        return self.coef.tolist()

    @cached_property
    def _rows(self) -> np.ndarray:
        """The areas' weights of each feature, one row per feature (``coef`` transposed)."""
        return np.ascontiguousarray(self.coef.T)

    def call(self, text: str, headings: tuple[str, ...] = ()) -> Call:
        """The best area with its probability, the features that weighed most for it, the runner-up."""
        probability, values = self.probabilities(text, headings)
        order = np.argsort(-probability, kind="stable")
        best, runner = int(order[0]), int(order[1]) if len(order) > 1 else None
        names = self.names
        best_weights = self._weights[best]
        weighed = sorted(  # only a feature that weighs for the area can be shown
            ((weight, names[j]) for j, value in values.items() if (weight := value * best_weights[j]) > 0),
            key=lambda c: (-c[0], c[1]),
        )
        terms: list[str] = []
        for _, feature in weighed:
            if len(terms) == SHOWN:
                break
            if not any(feature[2:] in t for t in terms):
                terms.append(feature[2:])
        label = self.classes[best] if probability[best] >= FLOOR else UNCLASSIFIED
        return Call(
            label,
            round(float(probability[best]), 3),
            tuple(terms),
            self.classes[runner] if runner is not None else None,
            round(float(probability[runner]), 3) if runner is not None else 0.0,
        )


def _sum_of_squares(numbers) -> float:
    """The sum of the squares, added one after the other in order: what ``sum`` gives for NumPy
    numbers, to the last bit (``sum`` of Python floats may make up for rounding, from Python 3.12,
    which would change the last bits)."""
    total = 0.0
    for number in numbers:
        total += number * number
    return total


def _running_sum(start: np.ndarray, rows: np.ndarray, factors: list[float]) -> np.ndarray:
    """``start`` plus each row times its factor, added row after row in order: the same sums, to
    the last bit, as a loop of ``start += factor * row``, in two NumPy operations instead of two
    per row (``np.add.accumulate`` adds in order; a matrix product or ``sum`` would not)."""
    terms = rows * np.array(factors, dtype=float).reshape(-1, 1)
    return np.add.accumulate(np.vstack([start, terms]), axis=0)[-1]


@dataclass
class Model:
    """A model per framework, and what it was trained on."""

    parts: dict[str, Part]
    about: dict

    def to_json(self) -> str:
        """The model as the shipped file holds it: one feature per line, so that a change reads as one."""
        lines = [
            "{",
            f'"about": {json.dumps(self.about, ensure_ascii=False, sort_keys=True)},',
            '"frameworks": {',
        ]
        for n, (framework, part) in enumerate(self.parts.items()):
            lines.append(f'"{framework}": {{')
            lines.append(f'"classes": {json.dumps(list(part.classes))},')
            lines.append(f'"intercept": {_numbers(part.intercept)},')
            lines.append('"features": [')
            rows = [
                json.dumps([f, _round(part.idf[j]), _sparse(part.coef[:, j])], ensure_ascii=False)
                for f, j in sorted(part.features.items(), key=lambda item: item[1])
            ]
            lines.append(",\n".join(rows))
            lines.append("]}" + ("," if n < len(self.parts) - 1 else ""))
        lines += ["}", "}", ""]
        return "\n".join(lines)

    @classmethod
    def from_json(cls, text: str) -> Model:
        data = json.loads(text)
        parts = {}
        for framework, stored in data["frameworks"].items():
            classes = tuple(stored["classes"])
            rows = stored["features"]
            coef = np.zeros((len(classes), len(rows)))
            for j, (_, _, weights) in enumerate(rows):
                for i, weight in weights.items():
                    coef[int(i), j] = weight
            parts[framework] = Part(
                classes,
                np.array(stored["intercept"], dtype=float),
                {row[0]: j for j, row in enumerate(rows)},
                np.array([_block(row[0]) for row in rows]),
                np.array([row[1] for row in rows], dtype=float),
                coef,
            )
        return cls(parts, data["about"])


def _block(feature: str) -> int:
    """The block a feature is normalised in: words and headings' words, or characters."""
    return 1 if feature.startswith(_CHARS) else 0


def _round(value: float) -> float:
    return round(float(value), DECIMALS)


def _numbers(values: np.ndarray) -> str:
    return json.dumps([_round(v) for v in values])


def _sparse(weights: np.ndarray) -> dict[str, float]:
    """A feature's weights, area by area, zeros left out."""
    return {str(i): _round(w) for i, w in enumerate(weights) if _round(w) != 0.0}


# --- training ---------------------------------------------------------------------------------


def fit(examples: Sequence[training.Example], framework: str) -> Part:
    """The model of ``framework`` fitted on its examples: a first fit on every feature, a second
    on the features the first weighs at least :data:`KEEP` for some area."""
    # deferred: scikit-learn takes a second to import, and a run reads the shipped model without it
    from sklearn.feature_extraction.text import TfidfVectorizer

    chosen = [e for e in examples if e.framework == framework]
    documents = [(e.text, e.headings) for e in chosen]
    labels = [e.label for e in chosen]
    first = [
        TfidfVectorizer(
            analyzer=features, sublinear_tf=True, min_df=MIN_TEXTS if features is char_features else 1
        )
        for features in _BLOCKS
    ]
    coef = _regression(_matrix(first, documents, fit=True), labels).coef_
    kept, start = [], 0
    for vectorizer in first:
        names = vectorizer.get_feature_names_out()
        strong = np.abs(coef[:, start : start + len(names)]).max(axis=0) >= KEEP
        kept.append([str(f) for f, keep in zip(names, strong) if keep])
        start += len(names)
    second = [
        TfidfVectorizer(analyzer=features, sublinear_tf=True, vocabulary=vocabulary)
        for features, vocabulary in zip(_BLOCKS, kept)
    ]
    regression = _regression(_matrix(second, documents, fit=True), labels)
    names = [f for vocabulary in kept for f in vocabulary]
    return Part(
        tuple(str(c) for c in regression.classes_),
        np.round(regression.intercept_, DECIMALS),
        {f: j for j, f in enumerate(names)},
        np.array([_block(f) for f in names]),
        np.round(np.concatenate([v.idf_ for v in second]), DECIMALS),
        _pruned(regression.coef_),
    )


def _pruned(coef: np.ndarray) -> np.ndarray:
    """The weights rounded to :data:`DECIMALS`, those below :data:`PRUNE` set to 0."""
    rounded = np.round(coef, DECIMALS)
    rounded[np.abs(rounded) < PRUNE] = 0.0
    return rounded


def _matrix(vectorizers: list, documents: list, fit: bool):
    from scipy.sparse import hstack  # deferred with scikit-learn, which brings it

    blocks = [v.fit_transform(documents) if fit else v.transform(documents) for v in vectorizers]
    return hstack(blocks).tocsr()


def _regression(matrix, labels: list[str]):
    from sklearn.linear_model import LogisticRegression  # deferred: see fit

    regression = LogisticRegression(C=C, class_weight="balanced", max_iter=5000, tol=1e-4, random_state=SEED)
    return regression.fit(matrix, labels)


def train(exclude: Sequence[str] = ()) -> Model:
    """A model of every framework trained on the project's data, ``exclude``'s regions left out."""
    import sklearn  # deferred: see fit

    found = training.examples(exclude)
    sources = Counter(e.source for e in found)
    about = {
        "trained_on": {
            "examples": len(found),
            "by_source": dict(sorted(sources.items())),
            "left_out": sorted(exclude),
            "fingerprint": training.fingerprint(found),
        },
        "settings": {
            "C": C,
            "keep": KEEP,
            "prune": PRUNE,
            "ngrams": list(NGRAMS),
            "min_texts": MIN_TEXTS,
            "headings": HEADINGS,
        },
        "scikit_learn": sklearn.__version__,
    }
    return Model({framework: fit(found, framework) for framework in training.frameworks()}, about)


@lru_cache(maxsize=1)
def shipped() -> Model:
    """The model shipped with the package (``area_model.json``)."""
    return Model.from_json(MODEL_FILE.read_text(encoding="utf-8"))


@register("linear")
class LinearClassifier:
    """The linear model as the classifier protocol has it (the shipped model unless given one)."""

    name = "linear"

    def __init__(self, model: Model | None = None):
        self.model = model if model is not None else shipped()

    def classify(self, text: str, year: int, headings: tuple[str, ...] = ()) -> Call:
        part = self.model.parts.get(framework_id(year))
        return part.call(text, tuple(headings)) if part is not None else area_call(text, year, headings)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m policy_review.draft.classifiers",
        description="Train the linear area model on the project's data; --write ships it.",
    )
    parser.add_argument("--write", action="store_true", help=f"write {MODEL_FILE.name} beside this module")
    arguments = parser.parse_args(argv)
    model = train()
    if arguments.write:
        atomic_write_text(MODEL_FILE, model.to_json())
    shipped_about = (
        json.loads(MODEL_FILE.read_text(encoding="utf-8"))["about"] if MODEL_FILE.is_file() else {}
    )
    same = shipped_about.get("trained_on") == model.about["trained_on"]
    print(json.dumps(model.about["trained_on"], ensure_ascii=False))
    print(
        f"{MODEL_FILE.name}: {'the same training data' if same else 'trained on other data: run make model'}"
    )
    return 0 if same else 1
