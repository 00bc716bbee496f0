"""The national framework a report answers to: the 2015–2020 or the 2021–2025 outline, by year.

A report on 2015–2020 answers to the 法治政府建设实施纲要(2015—2020年) and its eight areas
(``data/reference/areas.csv``); a report on 2021 or later to the 法治政府建设实施纲要(2021—2025年)
and its nine (``areas_2021.csv``). ``frameworks.csv`` says which years each covers and
``area_crosswalk.csv`` how the areas of the first map onto those of the second, so a trend
across 2020/2021 compares like with like (``capacity`` went into ``organisation``; emergencies and
technology, part of ``functions`` before, have chapters of their own from 2021).
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from policy_review.core import paths
from policy_review.core.edited_files import read_table
from policy_review.core.errors import BadInput


@lru_cache(maxsize=16)
def _table(root: str, name: str) -> pd.DataFrame:
    frame, problems = read_table(paths.reference_dir() / f"{name}.csv")
    if problems:
        raise BadInput(problems)
    frame.attrs.clear()
    return frame


def reference(name: str) -> pd.DataFrame:
    """A table of ``data/reference/`` (frameworks, areas_2021, area_crosswalk, area_terms, ...) as
    text cells, read once per project root: the one reader of reference tables by name (bad
    cells raise :class:`~policy_review.core.errors.BadInput` with their lines)."""
    return _table(paths.root_key(), name).copy()


def framework_for(year: int) -> dict:
    """The framework in force for a report on ``year`` (a row of ``frameworks.csv``)."""
    return dict(_framework_for(paths.root_key(), year))


@lru_cache(maxsize=64)
def _framework_for(root: str, year: int) -> dict:
    frame = reference("frameworks")
    for row in frame.to_dict("records"):
        last = int(row["last_report_year"]) if pd.notna(row["last_report_year"]) else 9999
        if int(row["first_report_year"]) <= year <= last:
            return row
    return (
        frame.iloc[0].to_dict()
        if year < int(frame["first_report_year"].astype(int).min())
        else frame.iloc[-1].to_dict()
    )


def framework_id(year: int) -> str:
    return str(framework_for(year)["framework_id"])


def areas(framework: str) -> pd.DataFrame:
    """The areas of one framework, in order: ``area_id, order, name_zh, name_en``."""
    row = reference("frameworks").set_index("framework_id").loc[framework]
    frame = reference(row["areas_table"])
    frame["order"] = frame["order"].astype(int)
    return frame.sort_values("order").reset_index(drop=True)


def areas_for(year: int) -> pd.DataFrame:
    """The areas of the framework in force for a report on ``year``."""
    return areas(framework_id(year))


def to_2021(area_2015: str) -> str:
    """The 2021–2025 area that continues a 2015–2020 area (its same-named chapter, or where it went)."""
    walk = reference("area_crosswalk")
    same = walk[(walk["area_2015"] == area_2015) & (walk["area_2015"] == walk["area_2021"])]
    hit = same if not same.empty else walk[walk["area_2015"] == area_2015]
    return str(hit.iloc[0]["area_2021"]) if not hit.empty else area_2015


def to_2015(area_2021: str) -> str:
    """The 2015–2020 area that held the work of a 2021–2025 area."""
    walk = reference("area_crosswalk")
    hit = walk[walk["area_2021"] == area_2021]
    same = hit[hit["area_2015"] == area_2021]
    return str((same if not same.empty else hit).iloc[0]["area_2015"]) if not hit.empty else area_2021


def comparable_area(area_id: str, year: int, target_year: int) -> str:
    """``area_id`` of a report on ``year`` expressed in the framework of ``target_year``."""
    source, target = framework_id(year), framework_id(target_year)
    if source == target:
        return area_id
    return to_2021(area_id) if target == "outline_2021_2025" else to_2015(area_id)


def area_in_force(area_id, year: int):
    """An area id as the framework in force for a report on ``year`` has it: an id of the other
    outline is carried through ``area_crosswalk.csv`` (a 2021 report's item filed under the
    2015–2020 ``capacity`` counts in ``organisation``), so that no item drops out of the counts."""
    ids = set(areas_for(year)["area_id"])
    if not isinstance(area_id, str) or area_id in ids:
        return area_id
    return next((a for a in (to_2021(area_id), to_2015(area_id)) if a in ids), area_id)


def in_force(frame: pd.DataFrame, year: int) -> pd.DataFrame:
    """``frame`` with its ``area_id`` in the framework in force for ``year`` (:func:`area_in_force`)."""
    if frame.empty or "area_id" not in frame:
        return frame
    return frame.assign(area_id=[area_in_force(a, year) for a in frame["area_id"]])
