"""Loading the curated and reference tables, typed, and one region's report on one year.

``load_region``, ``load_year`` and ``load_reference`` validate first (``validate``), raise
``BadInput`` with all problems if there are any, and return typed tables (``schema.typed``):
``Int64`` for counts, offsets and years, ``float64`` for figure values, datetimes for dates,
strings for the rest. A process that has just validated the data (the runner, before it starts
the kernels) marks it validated (``mark_validated``), and the kernels then load without
checking again, as long as no file has changed. ``RegionYear`` is what a year review works
from: the report text, its provenance and the curated rows that concern it.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from policy_review.core import paths
from policy_review.core.edited_files import read_table
from policy_review.core.errors import BadInput, Problem
from policy_review.sources.plan_sources import plans_dir
from policy_review.sources.provenance import read_provenance, sources_dir
from policy_review.sources.report_text import read_report_text
from policy_review.tables.curated_tables import CURATED
from policy_review.tables.reference_tables import REFERENCE
from policy_review.tables.schema import typed
from policy_review.tables.validate import (
    checked_reference,
    checked_region,
    read,
    regions,
    sorted_problems,
    vocabularies_of,
)


def load_reference() -> dict[str, pd.DataFrame]:
    """The reference tables (areas, vocabularies, statutory_requirements, reporting_rules)."""
    if _validated_already(REFERENCE_MARK):
        folder = paths.reference_dir()
        frames = {
            name: read(folder / table.file, table, optional=False)[0] for name, table in REFERENCE.items()
        }
    else:
        frames, problems = checked_reference()
        if problems:
            raise BadInput(sorted_problems(problems))
    return {name: typed(frame, REFERENCE[name]) for name, frame in frames.items()}


def reference_table(name: str) -> pd.DataFrame:
    """One reference table, validated and typed, read once per process (and project root)."""
    return _reference_at(paths.root_key())[name]


@lru_cache(maxsize=4)
def _reference_at(root: str) -> dict[str, pd.DataFrame]:
    return load_reference()


def vocabulary(name: str) -> list[str]:
    """The values of one vocabulary of vocabularies.csv, in their order."""
    frames, problems = checked_reference()
    if problems:
        raise BadInput(sorted_problems(problems))
    vocabularies = vocabularies_of(frames["vocabularies"])
    if name not in vocabularies:
        raise KeyError(f"no vocabulary {name!r} in vocabularies.csv")
    return vocabularies[name]


VALIDATED_ENV = "POLICY_REVIEW_VALIDATED"


REFERENCE_MARK = "(reference)"  # the mark of the reference tables, beside those of the regions


def _fingerprint(folders: list[Path]) -> str:
    stats = sorted(
        (str(f), f.stat().st_size, f.stat().st_mtime_ns)
        for folder in folders
        if folder.is_dir()
        for f in folder.iterdir()
        if f.is_file()
    )
    return hashlib.sha1(repr(stats).encode()).hexdigest()[:16]


def data_fingerprint(region: str) -> str:
    """A cheap fingerprint (names, sizes, modification times) of everything a region's
    validation reads: the reference tables, its curated tables, its reports and plans with their
    provenance, and the originals the provenance names (``REFERENCE_MARK``: the reference tables
    alone). A kernel loads without checking again only while all of it is as it was checked."""
    if region == REFERENCE_MARK:
        return _fingerprint([paths.reference_dir()])
    return _fingerprint(
        [
            paths.reference_dir(),
            paths.curated_dir(region),
            paths.reports_dir(region),
            plans_dir(region),
            sources_dir(region),
        ]
    )


def mark_validated(regions: list[str]) -> None:
    """Tell the kernels this process starts that these regions, and the reference tables, were
    validated just now, so that they load without checking again (as long as no file has
    changed since: a changed file is checked as usual)."""
    os.environ[VALIDATED_ENV] = ";".join(f"{r}={data_fingerprint(r)}" for r in [REFERENCE_MARK, *regions])


def _validated_already(region: str) -> bool:
    marks = dict(m.split("=", 1) for m in os.environ.get(VALIDATED_ENV, "").split(";") if "=" in m)
    return region in marks and marks[region] == data_fingerprint(region)


def check_editable(read: list[Path], written: list[Path] = ()) -> None:
    """Before a command reads tables people edit and writes them again (``draft``,
    ``ledger-template``): each file it will ``read`` or write that is there is a regular file (a
    FIFO is never opened, to read or to write), and each it reads reads cleanly (UTF-8, quotes
    closed, rows as wide as the header). BadInput naming each that is not, as ``validate`` would."""
    problems = []
    for file in dict.fromkeys([*read, *written]):
        if not os.path.lexists(file):
            continue
        if not file.is_file():
            problems.append(
                Problem(file, "not a regular file (a FIFO, device, socket or folder): not opened")
            )
        elif file in read:
            problems += read_table(file)[1]
    if problems:
        raise BadInput(problems)


def load_region(region: str) -> dict[str, pd.DataFrame]:
    """A region's curated tables, typed; absent tables are empty with their columns."""
    if region not in regions():
        raise BadInput(
            [
                Problem(
                    paths.curated_dir(region), f"no region '{region}': no curated tables and no report texts"
                )
            ]
        )
    if _validated_already(region):
        folder = paths.curated_dir(region)
        tables = {
            name: typed(read(folder / table.file, table, optional=True)[0], table)
            for name, table in CURATED.items()
        }
    else:
        reference, problems = checked_reference()
        tables, region_problems = checked_region(region, reference)
        if problems + region_problems:
            raise BadInput(sorted_problems(problems + region_problems))
    for frame in tables.values():
        frame.attrs.clear()  # line numbers served the checks; pandas would copy them in every operation
    return tables


@dataclass(frozen=True)
class RegionYear:
    """What concerns one region's report on one year.

    ``plan_counts`` are the counts for this year's plan (with those announced for it in the
    previous report); ``tasks``, ``evidence``, ``figures``, ``issues`` and ``commitments``
    are those of this report; ``previous_commitments`` are the previous report's plans for
    this year and ``followups`` what this report says of them (linked by ``commitment_id``).
    ``has_curated_rows`` is False when no curated row concerns this report: the text alone is a
    draft. (A curated row may itself be a drafted row nobody has reviewed yet: trust is per row,
    see ``review_status`` in the curated tables.)
    """

    region: str
    year: int
    provenance: dict
    text: str
    has_curated_rows: bool
    plan_counts: pd.DataFrame
    tasks: pd.DataFrame
    evidence: pd.DataFrame
    figures: pd.DataFrame
    issues: pd.DataFrame
    commitments: pd.DataFrame
    previous_commitments: pd.DataFrame
    followups: pd.DataFrame

    @property
    def is_synthetic(self) -> bool:
        """Whether the report is synthetic example data (its provenance says ``synthetic: true``):
        the one way to ask, so that every view of such data can say so."""
        return self.provenance.get("synthetic") is True


def load_year(region: str, year: int, tables: dict[str, pd.DataFrame] | None = None) -> RegionYear:
    """One region's report on one year, with its provenance and curated rows (``tables``: the
    region's tables if already loaded)."""
    tables = load_region(region) if tables is None else tables
    text_path = paths.report_text_path(region, year)
    if not text_path.exists():
        raise BadInput([Problem(text_path, f"no report of {region} on {year}")])

    def of_report(name: str, report_year: int = year) -> pd.DataFrame:
        return tables[name][tables[name]["report_year"] == report_year].reset_index(drop=True)

    rows = {
        name: of_report(name)
        for name in ("tasks", "evidence", "figures", "issues", "commitments", "followups")
    }
    plan_counts = tables["plan_counts"][tables["plan_counts"]["plan_year"] == year].reset_index(drop=True)
    provenance = read_provenance(region, year)
    return RegionYear(
        region=region,
        year=year,
        provenance=provenance,
        text=read_report_text(text_path),
        has_curated_rows=any(len(frame) for frame in (*rows.values(), of_report("plan_counts"))),
        plan_counts=plan_counts,
        previous_commitments=of_report("commitments", year - 1),
        **rows,
    )
