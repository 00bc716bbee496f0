"""Area classification and problem themes: what the drafts call.

:func:`classify_area` asks the area classifier chosen by name (:mod:`policy_review.draft.classifiers`:
``POLICY_REVIEW_CLASSIFIER``, ``linear`` by default, ``terms`` for the term lists alone); every call
carries its score, the terms or features that decided it, and the runner-up. A call below the
classifier's bar is ``unclassified`` (shown as "not classified (draft)", never as "not reported").
Problem themes are always called by their term list (``data/reference/theme_terms.csv``).
"""

from __future__ import annotations

from policy_review.draft.classifiers import UNCLASSIFIED, Call, chosen
from policy_review.draft.classifiers.terms import classify_theme, words

__all__ = ["UNCLASSIFIED", "Call", "classify_area", "classify_theme", "words"]


def classify_area(text: str, year: int, headings: tuple[str, ...] = ()) -> Call:
    """The framework area of a passage of a report on ``year``, under ``headings`` (innermost
    first), as the chosen classifier calls it."""
    return chosen().classify(text, year, tuple(headings))
