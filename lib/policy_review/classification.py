"""Area classification and problem themes: which framework area, which theme, from term lists.

The term lists are reference data, editable without code: ``data/reference/area_terms.csv``
(``area_id``, ``framework_id`` (empty: both outlines), ``term_zh``, ``term_en``, ``weight``)
and ``data/reference/theme_terms.csv`` (``theme``, ``term_zh``, ``term_en``, ``weight``). A text
is segmented with jieba (every listed term added to its dictionary, so a term is a word) and
each area scores the weights of its terms among the words; a word of a heading above the
passage counts with the heading's weight (a passage under 营造良好行政执法环境 leans to
enforcement even where it speaks of 普法). The best area wins; below ``THRESHOLD`` or in a tie the
call is ``unclassified`` (shown as "not classified (draft)", never as "not reported"). Every
call returns its score and the terms that decided it.
"""

from __future__ import annotations

import logging
import os
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from . import paths
from .frameworks import framework_id, reference

UNCLASSIFIED = "unclassified"
#: The least score a call needs: one strong term (weight 2) or two weak ones.
THRESHOLD = 2.0
#: Longest run of words joined to find a term jieba split (``互联网`` + ``+``).
_MAX_JOIN = 3


@dataclass(frozen=True)
class Call:
    """One classification: the label, its score, the runner-up's, and the terms that decided it."""

    label: str
    score: float
    terms: tuple[str, ...]
    runner_up: str | None = None
    runner_up_score: float = 0.0

    def as_dict(self) -> dict:
        return {"label": self.label, "score": round(self.score, 2), "terms": list(self.terms)}


@lru_cache(maxsize=8)
def _terms(root: str, name: str) -> pd.DataFrame:
    frame = reference(name)
    frame["weight"] = frame["weight"].astype(float)
    return frame


def term_table(name: str) -> pd.DataFrame:
    """``area_terms`` or ``theme_terms``, as read from the reference folder."""
    return _terms(_root(), name)


@lru_cache(maxsize=4)
def _tokenizer(root: str):
    import jieba

    jieba.setLogLevel(logging.WARNING)  # no "Building prefix dict" lines on a page
    tokenizer = jieba.Tokenizer()
    for name in ("area_terms", "theme_terms"):
        for term in term_table(name)["term_zh"]:
            tokenizer.add_word(term, freq=2_000_000)
    return tokenizer


def _root() -> str:
    """The project root as set (no path resolution: this is asked for every passage)."""
    return os.environ.get("POLICY_REVIEW_ROOT") or str(paths.ROOT)


def words(text: str) -> list[str]:
    """``text`` segmented by jieba, every listed term a word of its own."""
    return list(_words(_root(), text))


@lru_cache(maxsize=8192)
def _words(root: str, text: str) -> tuple[str, ...]:
    """Segmentation, kept per text: headings and passages come back across calls and reviews."""
    return tuple(w for w in _tokenizer(root).lcut(text, HMM=False) if w.strip())


def _found(text: str, vocabulary: set[str]) -> Counter:
    """How often each term of ``vocabulary`` is a word (or a run of up to three words) of ``text``."""
    tokens = _words(_root(), text)
    found: Counter = Counter()
    for i in range(len(tokens)):
        joined = ""
        for token in tokens[i : i + _MAX_JOIN]:
            joined += token
            if joined in vocabulary:
                found[joined] += 1
    return found


@lru_cache(maxsize=8)
def _area_weights(root: str, framework: str) -> dict[str, dict[str, float]]:
    frame = term_table("area_terms")
    frame = frame[frame["framework_id"].isna() | (frame["framework_id"] == framework)]
    weights: dict[str, dict[str, float]] = {}
    for area, term, weight in zip(frame["area_id"], frame["term_zh"], frame["weight"]):
        weights.setdefault(term, {})[area] = weight
    return weights


@lru_cache(maxsize=2)
def _theme_weights(root: str) -> dict[str, dict[str, float]]:
    weights: dict[str, dict[str, float]] = {}
    frame = term_table("theme_terms")
    for theme, term, weight in zip(frame["theme"], frame["term_zh"], frame["weight"]):
        weights.setdefault(term, {})[theme] = weight
    return weights


def _call(weights: dict[str, dict[str, float]], parts: list[tuple[str, float]], fallback: str) -> Call:
    scores: Counter = Counter()
    deciding: dict[str, list[str]] = {}
    vocabulary = set(weights)
    for text, factor in parts:
        if not text:
            continue
        for term, n in _found(text, vocabulary).items():
            for label, weight in weights[term].items():
                scores[label] += weight * factor * n
                if term not in deciding.setdefault(label, []):
                    deciding[label].append(term)
    ranked = scores.most_common()
    if not ranked:
        return Call(fallback, 0.0, ())
    best, score = ranked[0]
    runner, runner_score = ranked[1] if len(ranked) > 1 else (None, 0.0)
    if score < THRESHOLD or runner_score == score:
        return Call(fallback, score, tuple(deciding[best]), runner, runner_score)
    return Call(best, score, tuple(deciding[best]), runner, runner_score)


#: How much a heading's words count, from the passage's own (first) to those further up.
HEADING_WEIGHTS = (2.0, 2.0, 1.0)


def classify_area(text: str, year: int, headings: tuple[str, ...] = ()) -> Call:
    """The framework area of a passage of a report on ``year``: its words, and those of its
    ``headings`` (innermost first) with :data:`HEADING_WEIGHTS`."""
    parts = [(text, 1.0)] + list(zip(headings, HEADING_WEIGHTS))
    return _call(_area_weights(_root(), framework_id(year)), parts, UNCLASSIFIED)


def classify_theme(text: str) -> Call:
    """The problem theme of an admitted problem (``other`` when no theme's terms reach the threshold)."""
    return _call(_theme_weights(_root()), [(text, 1.0)], "other")
