"""The area classifier protocol, its calls, and the registry that chooses one by name.

An area classifier tells which framework area a passage of a report (or a task of a plan, a
problem, a commitment) is about: ``classify(text, year, headings=())`` returns a :class:`Call`
with the area, its score, the terms or features that decided it and the runner-up. ``year`` is
the year the text covers (it decides the framework in force, 2015–2020 or 2021–2025);
``headings`` are the headings above the passage, innermost first.

Classifiers register by name (:func:`register`), as the importers register by format. The one the
drafts use is named by ``POLICY_REVIEW_CLASSIFIER`` (default :data:`DEFAULT`); an unknown name is
bad input (exit 2 before any kernel starts). :func:`using` sets one for a block of code (a
benchmark scoring a classifier trained without the region it scores, a test's toy classifier).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from policy_review.core.errors import BadInput, Problem

UNCLASSIFIED = "unclassified"
#: The environment variable that names the area classifier the drafts use.
ENV = "POLICY_REVIEW_CLASSIFIER"
#: The classifier used when :data:`ENV` is not set: the one that agrees best with the hand-labelled
#: passages (``benchmarks/bench_classifier.py``).
DEFAULT = "linear"


@dataclass(frozen=True)
class Call:
    """One classification: the label, its score, the runner-up's, and the terms that decided it."""

    label: str
    score: float
    terms: tuple[str, ...]
    runner_up: str | None = None
    runner_up_score: float = 0.0


@runtime_checkable
class AreaClassifier(Protocol):
    """What the drafts ask of an area classifier."""

    #: The name it is registered and chosen by.
    name: str

    def classify(self, text: str, year: int, headings: tuple[str, ...] = ()) -> Call:
        """The area of ``text`` (a report on ``year``) under ``headings`` (innermost first)."""
        ...


#: Registered classifiers: name -> a function that makes it (called once, when first chosen).
REGISTRY: dict[str, Callable[[], AreaClassifier]] = {}
_made: dict[str, AreaClassifier] = {}
_chosen_here: list[AreaClassifier] = []


def register(name: str) -> Callable:
    """Register a classifier class (or any function making one) under ``name``::

    @register("terms")
    class TermClassifier: ...
    """

    def add(factory: Callable[[], AreaClassifier]) -> Callable[[], AreaClassifier]:
        REGISTRY[name] = factory
        _made.pop(name, None)
        return factory

    return add


def setting() -> str:
    """The name the environment chooses (:data:`ENV`), else :data:`DEFAULT`."""
    return os.environ.get(ENV, "").strip() or DEFAULT


def problems() -> list[Problem]:
    """What is wrong with the setting: an unknown name, as one problem naming the variable."""
    name = setting()
    return [] if name in REGISTRY else [_unknown(name)]


def _unknown(name: str) -> Problem:
    return Problem(ENV, f"unknown area classifier '{name}': use one of {', '.join(sorted(REGISTRY))}")


def named(name: str) -> AreaClassifier:
    """The classifier registered as ``name``, made once per process; an unknown name is bad input."""
    if name not in REGISTRY:
        raise BadInput([_unknown(name)])
    if name not in _made:
        _made[name] = REGISTRY[name]()
    return _made[name]


def chosen() -> AreaClassifier:
    """The classifier the drafts use now: the one set by :func:`using`, else the one named by
    the environment (:func:`setting`)."""
    return _chosen_here[-1] if _chosen_here else named(setting())


@contextmanager
def using(classifier: AreaClassifier | str) -> Iterator[AreaClassifier]:
    """Classify with ``classifier`` (or the one registered under that name) inside the block."""
    chosen_now = named(classifier) if isinstance(classifier, str) else classifier
    _chosen_here.append(chosen_now)
    try:
        yield chosen_now
    finally:
        _chosen_here.remove(chosen_now)
