"""The term classifier (``terms``): which framework area, which problem theme, from term lists.

The term lists are reference data, editable without code: ``data/reference/area_terms.csv``
(``area_id``, ``framework_id`` (empty: both outlines), ``term_zh``, ``term_en``, ``weight``)
and ``data/reference/theme_terms.csv`` (``theme``, ``term_zh``, ``term_en``, ``weight``). A text
is segmented with jieba (every listed term added to its dictionary, so a term is a word; a term
inside a longer word that is no term, 执法 in 规范公正文明执法, counts too) and each area scores
the weights of its terms among the words, a term found ``n`` times counting ``1 + ln n`` times; a
word of a heading above the passage counts with the heading's weight (a passage under
营造良好行政执法环境 leans to enforcement even where it speaks of 普法), and a heading that names an
area of either 纲要 (坚持严格规范公正文明执法) leans to that area. The best area wins; below
``THRESHOLD`` or in a tie the passage takes the area of its section (the call of the headings
above it), else the call is ``unclassified`` (shown as "not classified (draft)", never as "not
reported"). Every call returns its score and the terms (or the naming heading) that decided it.

Registered as ``terms`` (:class:`TermClassifier`). The problem themes are always called by their
term list (:func:`classify_theme`); the linear model (:mod:`.linear`) learns its areas from these
lists' confident calls.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache

import pandas as pd

from policy_review.core import paths
from policy_review.draft import jieba_compat
from policy_review.draft.classifiers.base import UNCLASSIFIED, Call, register
from policy_review.tables.frameworks import areas, comparable_area, framework_id, reference

#: The least score a call needs: one strong term (weight 2) or two weak ones.
THRESHOLD = 2.0
#: Longest run of words joined to find a term jieba split (``互联网`` + ``+``).
_MAX_JOIN = 3


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
    """jieba's dictionary and every term of the reference term lists, each a word."""
    return jieba_compat.tokenizer(
        [t for name in ("area_terms", "theme_terms") for t in term_table(name)["term_zh"]]
    )


def _root() -> str:
    """The project root as set (no path resolution: this is asked for every passage)."""
    return paths.root_key()


def words(text: str) -> list[str]:
    """``text`` segmented by jieba, every listed term a word of its own."""
    return list(_words(_root(), text))


@lru_cache(maxsize=8192)
def _words(root: str, text: str) -> tuple[str, ...]:
    """Segmentation, kept per text: headings and passages come back across calls and reviews."""
    return tuple(w for w in _tokenizer(root).lcut(text, HMM=False) if w.strip())


def _found(text: str, vocabulary: set[str]) -> Counter:
    """How often each term of ``vocabulary`` is a word (or a run of up to three words) of ``text``,
    or a part of a longer word that is no term itself (jieba keeps 文明执法 or 执法局 whole; the
    term 执法 is in them)."""
    tokens = _words(_root(), text)
    found: Counter = Counter()
    covered = -1  # the last token index inside a term found by words
    for i in range(len(tokens)):
        joined = ""
        for j, token in enumerate(tokens[i : i + _MAX_JOIN]):
            joined += token
            if joined in vocabulary:
                found[joined] += 1
                covered = max(covered, i + j)
        if i > covered and tokens[i] not in vocabulary and len(tokens[i]) > 2:
            found.update(_inside(tokens[i], vocabulary))
    return found


def _inside(word: str, vocabulary: set[str]) -> Counter:
    """The terms inside a longer word, longest first and not overlapping."""
    found: Counter = Counter()
    position = 0
    while position < len(word) - 1:
        for size in range(len(word) - position, 1, -1):
            piece = word[position : position + size]
            if piece != word and piece in vocabulary:
                found[piece] += 1
                position += size
                break
        else:
            position += 1
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


def _call(
    weights: dict[str, dict[str, float]],
    parts: list[tuple[str, float]],
    fallback: str,
    bonus: dict[str, tuple[float, str]] | None = None,
) -> Call:
    """The best label of ``parts`` (text, factor): each term found ``n`` times in a part counts its
    weight times the factor times ``1 + ln n`` (a term repeated is more evidence, not ``n`` times
    more: 培训 said six times in a passage on the training of law-enforcement officers does not
    outweigh what the passage is about). ``bonus`` adds to a label's score, with the words that
    earned it (a heading naming the area: the heading is then among the deciding terms)."""
    scores: Counter = Counter({label: score for label, (score, _) in (bonus or {}).items()})
    deciding: dict[str, list[str]] = {label: [why] for label, (_, why) in (bonus or {}).items()}
    vocabulary = set(weights)
    for text, factor in parts:
        if not text:
            continue
        for term, n in _found(text, vocabulary).items():
            for label, weight in weights[term].items():
                scores[label] += weight * factor * (1.0 + math.log(n))
                if term not in deciding.setdefault(label, []):
                    deciding[label].append(term)
    ranked = scores.most_common()
    if not ranked:
        return Call(fallback, 0.0, ())
    best, score = ranked[0]
    runner, runner_score = ranked[1] if len(ranked) > 1 else (None, 0.0)
    if score < THRESHOLD or abs(runner_score - score) < 1e-9:
        return Call(fallback, score, tuple(deciding[best]), runner, runner_score)
    return Call(best, score, tuple(deciding[best]), runner, runner_score)


#: How much a heading's words count, from the passage's own (first, its lead phrase, which is
#: also part of the passage) to those further up. Measured (benchmarks/bench_draft.py and a hand
#: check of other governments' items): (1, 0.75, 0.5) loses Kaizhou 2018 items filed under their
#: section's heading (26/31) and turns 化解企业发展难题 under 营商环境 into disputes; (2, 2, 1)
#: gives 28/31 and no item of the other reports worse.
HEADING_WEIGHTS = (2.0, 2.0, 1.0)
#: What a heading that names an area of the 纲要 (坚持严格规范公正文明执法, 依法全面履行政府职能)
#: adds to that area, times the heading's weight.
NAME_WEIGHT = 3.0
#: Least share of an area name's character pairs a heading must hold to name it.
NAME_SHARE = 0.6


def area_call(text: str, year: int, headings: tuple[str, ...] = ()) -> Call:
    """The framework area of a passage of a report on ``year``: its words, and those of its
    ``headings`` (innermost first) with :data:`HEADING_WEIGHTS`; a heading that names an area of
    either 纲要 (mapped into the framework in force) leans to it. A passage whose own words
    decide nothing (below the threshold, or a tie: a blanket claim, a lead-in) takes the area of
    its section, the call of the headings above it."""
    framework = framework_id(year)
    weights = _area_weights(_root(), framework)
    parts = [(text, 1.0)] + list(zip(headings, HEADING_WEIGHTS))
    call = _call(weights, parts, UNCLASSIFIED, _named(headings, framework))
    if call.label != UNCLASSIFIED or len(headings) < 2:
        return call
    above = headings[1:]
    section = _call(
        weights,
        list(zip(above, (1.0,) * len(above))),
        UNCLASSIFIED,
        _named(above, framework, (1.0,) * len(above)),
    )
    if section.label == UNCLASSIFIED:
        return call
    return Call(section.label, section.score, section.terms, call.runner_up, call.runner_up_score)


def _named(headings: tuple[str, ...], framework: str, factors: tuple[float, ...] = HEADING_WEIGHTS) -> dict:
    """``area -> (bonus, heading)`` for the headings that name an area (:data:`NAME_SHARE` of its pairs)."""
    bonus: dict[str, tuple[float, str]] = {}
    for heading, factor in zip(headings, factors):
        pairs = _pairs(heading)
        for area, name_pairs in _area_names(_root(), framework):
            if pairs and len(name_pairs & pairs) >= NAME_SHARE * len(name_pairs):
                if NAME_WEIGHT * factor > bonus.get(area, (0.0, ""))[0]:
                    bonus[area] = (NAME_WEIGHT * factor, heading)
    return bonus


def _pairs(text: str) -> set[str]:
    chars = re.sub(r"[^\u4e00-\u9fff]", "", text)
    return {chars[i : i + 2] for i in range(len(chars) - 1)}


@lru_cache(maxsize=4)
def _area_names(root: str, framework: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """The names of the areas of both outlines, each with the area of ``framework`` it maps to."""
    names = []
    for row in reference("frameworks").to_dict("records"):
        year = int(row["first_report_year"])
        for area, name in zip(areas(row["framework_id"])["area_id"], areas(row["framework_id"])["name_zh"]):
            target = (
                area if row["framework_id"] == framework else comparable_area(area, year, _a_year(framework))
            )
            names.append((target, frozenset(_pairs(name))))
    return tuple(names)


def _a_year(framework: str) -> int:
    frame = reference("frameworks").set_index("framework_id")
    return int(frame.loc[framework, "first_report_year"])


def classify_theme(text: str) -> Call:
    """The problem theme of an admitted problem (``other`` when no theme's terms reach the threshold)."""
    return _call(_theme_weights(_root()), [(text, 1.0)], "other")


@register("terms")
class TermClassifier:
    """The term lists' classifier (:func:`area_call`), as the classifier protocol has it."""

    name = "terms"

    def classify(self, text: str, year: int, headings: tuple[str, ...] = ()) -> Call:
        return area_call(text, year, headings)
