"""Names of vocabulary values and framework areas, in the page's language, from the reference tables.

Vocabulary values (statuses, stages, kinds, themes) take their names from
``data/reference/vocabularies.csv`` and areas theirs from ``areas.csv`` / ``areas_2021.csv``, so
the data and the display cannot disagree.
"""

from __future__ import annotations

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
    return frameworks.area_names(year, labels.language(lang))


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


def area_names(lang: str, year: int | None = None) -> dict[str, str]:
    """``{area_id: name}``: of the framework in force for a report on ``year`` when given."""
    if year is not None:
        return dict(_framework_area_names(paths.root_key(), lang, int(year)))
    return dict(_area_names(paths.root_key(), lang))
