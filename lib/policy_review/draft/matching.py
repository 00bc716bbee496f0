"""Passage matching: which passages of a text answer each query, ranked, scored and explained.

A small generic API for anything that links one text to another (a commitment of one year to
the passages of the next year's report, a planned task to the report on its year)::

    matches = match_passages(["修订重大行政决策程序规定"], passages, top=3)

``passages`` are dicts with at least ``text`` (and any other keys, e.g. ``start``/``end``/
``section``, which are handed back). Each query gets its matches, best first, each with its
``score`` and the ``terms`` (jieba words) it shares with the passage. The default ranker is
BM25 (Okapi, ``rank-bm25``) over jieba words; ``method="tfidf"`` ranks by cosine similarity of
TF-IDF vectors over character 1–3-grams (scikit-learn, an optional dependency), which
``benchmarks/bench_draft.py`` measures against it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from policy_review.draft.classification import words
from policy_review.sources.reading import view

#: Words too common in these reports to say anything about which passage is meant.
STOP_WORDS = frozenset(
    "的 了 和 与 及 等 对 在 将 把 为 以 并 是 于 由 中 上 下 其 各 有 工作 推进 加强 开展 进一步 全面 持续 "
    "深入 积极 认真 切实 不断 完善 健全 建设 法治 政府 我区 全区 全市 全县 年度 相关 有关 一 二 三".split()
)
_PUNCTUATION = re.compile(r"^[\W\d_]+$")


def terms_of(text: str) -> list[str]:
    """The words of ``text`` that can link it to another: jieba words of its analysis view
    (:func:`policy_review.sources.reading.view`), stop words and numbers left out."""
    return [w for w in words(view(text)) if w not in STOP_WORDS and not _PUNCTUATION.match(w)]


def match_passages(
    queries: Sequence[str], passages: Sequence[dict], top: int = 3, method: str = "bm25"
) -> list[list[dict]]:
    """For each query, its ``top`` best passages: ``{**passage, score, terms, rank}``, best
    first; passages sharing no term with the query are left out."""
    if not passages:
        return [[] for _ in queries]
    passage_terms = [terms_of(p["text"]) for p in passages]
    query_terms = [terms_of(q) for q in queries]
    if method == "bm25":
        scores = _bm25(query_terms, passage_terms)
    elif method == "tfidf":
        scores = _tfidf(list(queries), [p["text"] for p in passages])
    else:
        raise ValueError(f"unknown matching method {method!r} (bm25 or tfidf)")
    results = []
    for terms, row in zip(query_terms, scores):
        wanted = set(terms)
        ranked = sorted(range(len(passages)), key=lambda i: row[i], reverse=True)
        found = []
        for i in ranked:
            shared = [t for t in dict.fromkeys(passage_terms[i]) if t in wanted]
            if not shared or row[i] <= 0:
                continue
            found.append(
                {**passages[i], "score": round(float(row[i]), 3), "terms": shared, "rank": len(found) + 1}
            )
            if len(found) == top:
                break
        results.append(found)
    return results


def _bm25(query_terms: list[list[str]], passage_terms: list[list[str]]) -> list[list[float]]:
    from rank_bm25 import BM25Okapi

    corpus = [terms or ["\x00"] for terms in passage_terms]
    # epsilon floors the weight of words found in most passages, which Okapi's idf makes negative
    model = BM25Okapi(corpus, epsilon=0.25)
    return [list(model.get_scores(terms)) if terms else [0.0] * len(corpus) for terms in query_terms]


def _tfidf(queries: list[str], texts: list[str]) -> list[list[float]]:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True)
    matrix = vectorizer.fit_transform(texts + queries)
    return cosine_similarity(matrix[len(texts) :], matrix[: len(texts)]).tolist()


def relative_score(score: float, query: str) -> float:
    """A BM25 score per query word: comparable across queries of different lengths."""
    return score / max(len(set(terms_of(query))), 1)
