"""Area classifiers, registered by name: the term lists (``terms``) and a linear model (``linear``).

The drafts ask :func:`policy_review.draft.classification.classify_area`, which asks the classifier
chosen here (:mod:`.base`: ``POLICY_REVIEW_CLASSIFIER``, default ``linear``). A new classifier is a
class with a ``name`` and ``classify(text, year, headings=()) -> Call``, registered with
``@register("its-name")`` in a module of this folder imported below.
"""

from __future__ import annotations

from . import linear, terms  # noqa: F401  (they register)
from .base import (
    DEFAULT,
    ENV,
    REGISTRY,
    UNCLASSIFIED,
    AreaClassifier,
    Call,
    chosen,
    named,
    problems,
    register,
    setting,
    using,
)

__all__ = [
    "DEFAULT",
    "ENV",
    "REGISTRY",
    "UNCLASSIFIED",
    "AreaClassifier",
    "Call",
    "chosen",
    "linear",
    "named",
    "problems",
    "register",
    "setting",
    "terms",
    "using",
]
