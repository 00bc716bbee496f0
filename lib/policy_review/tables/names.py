"""Names of vocabulary values and framework areas, in the page's language, from the reference tables.

Vocabulary values (statuses, stages, kinds, themes) take their names from
``data/reference/vocabularies.csv`` and areas theirs from ``areas.csv`` / ``areas_2021.csv``, so
the data and the display cannot disagree. The words reports use for slowed or unstarted work
(``progress_words.csv``) are read here too, for the drafts that find them and the pages that
quote them.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from policy_review.core import labels, paths
from policy_review.core.labels import t
from policy_review.tables import frameworks
from policy_review.tables.load import reference_table


def _vocabularies() -> pd.DataFrame:
    return reference_table("vocabularies")


def _areas() -> pd.DataFrame:
    return reference_table("areas")


# Views look names up hundreds of times a run: they are read from the reference tables once
# (per project root and language) into dicts, in the tables' order.


@lru_cache(maxsize=16)
def _vocabulary_names(root: str, lang: str) -> dict[str, dict[str, str]]:
    """``{vocabulary: {value: name}}``."""
    column = labels.language_column("name", lang)
    names: dict[str, dict[str, str]] = {}
    v = _vocabularies().sort_values(["vocabulary", "order"], kind="stable")
    for vocabulary, value, name in zip(v["vocabulary"], v["value"], v[column]):
        names.setdefault(vocabulary, {})[value] = name
    return names


@lru_cache(maxsize=16)
def _area_names(root: str, lang: str) -> dict[str, str]:
    """``{area_id: name}`` of the 2015–2020 areas (``areas.csv``)."""
    a = _areas().sort_values("order", kind="stable")
    return dict(zip(a["area_id"], a[labels.language_column("name", lang)]))


@lru_cache(maxsize=16)
def _every_area_name(root: str, lang: str) -> dict[str, str]:
    """``{area_id: name}`` of the 2015–2020 areas, then the areas only the 2021–2025 outline has."""
    names = dict(_area_names(root, lang))
    later = reference_table("areas_2021").sort_values("order", kind="stable")
    names.update(
        {
            k: v
            for k, v in zip(later["area_id"], later[labels.language_column("name", lang)])
            if k not in names
        }
    )
    return names


@lru_cache(maxsize=64)
def _framework_area_names(root: str, lang: str, year: int) -> dict[str, str]:
    """``{area_id: name}`` of the framework in force for a report on ``year``."""
    frame = frameworks.areas_for(year)
    return dict(zip(frame["area_id"], frame[labels.language_column("name", lang)]))


def term(vocabulary: str, value: str, lang: str) -> str:
    """Display name of a vocabulary value, e.g. ``term("reporting", "not_reported", "zh")`` → 未见报告."""
    return _vocabulary_names(paths.root_key(), lang).get(vocabulary, {}).get(value, str(value))


def terms(vocabulary: str, lang: str) -> dict[str, str]:
    """Every value of a vocabulary with its display name, in the vocabulary's order."""
    return dict(_vocabulary_names(paths.root_key(), lang).get(vocabulary, {}))


def area_name(area_id: str, lang: str) -> str:
    names = _every_area_name(paths.root_key(), lang)
    if area_id in names:
        return names[area_id]
    if area_id == "unclassified":
        return t("area_unclassified", lang)
    return str(area_id) if area_id else t("area_none", lang)


def area_order() -> list[str]:
    """Every area id of both outlines: the 2015–2020 areas in their order, then those only the
    2021–2025 outline has (a ledger's tasks may cite either)."""
    return list(_every_area_name(paths.root_key(), "en"))


def area_names(year: int, lang: str = "en") -> dict[str, str]:
    """``{area_id: name}`` of the framework in force for a report on ``year`` (2015–2020 or
    2021–2025), in its order, named in ``lang``: the one way to ask."""
    return dict(_framework_area_names(paths.root_key(), lang, int(year)))


@lru_cache(maxsize=8)
def _progress_words(root: str) -> tuple[dict[str, tuple[str, ...]], dict[str, str], re.Pattern]:
    table = reference_table("progress_words")
    words: dict[str, tuple[str, ...]] = {}
    for word, progress in sorted(zip(table["word_zh"], table["progress"]), key=lambda wp: -len(wp[0])):
        words[progress] = (*words.get(progress, ()), word)  # longest first, else in the table's order
    every = sorted(table["word_zh"], key=len, reverse=True)
    return words, dict(zip(table["word_zh"], table["gloss_en"])), re.compile("|".join(map(re.escape, every)))


def progress_words() -> dict[str, tuple[str, ...]]:
    """``{progress: words}``: what reports write for slowed (``delayed``) or unstarted
    (``not_started``) work, longest first (``data/reference/progress_words.csv``)."""
    return _progress_words(paths.root_key())[0]


def progress_gloss(word: str) -> str | None:
    """The English gloss of a progress word (``progress_words.csv``)."""
    return _progress_words(paths.root_key())[1].get(word)


def slowed_words() -> re.Pattern:
    """A pattern of every progress word: the text says a piece of work slowed or has not started."""
    return _progress_words(paths.root_key())[2]
