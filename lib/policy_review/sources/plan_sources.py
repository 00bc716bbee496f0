"""Work plans as sources: ``data/plans/<region>/<year>.txt`` and the provenance file beside it.

A plan is kept exactly as published, like a report (UTF-8 or GB18030/GBK), with ``<year>.yaml``
beside it saying where it comes from: title, publisher, document number (文号), written and
published dates, address, ``coverage: full | excerpt``. ``plan_problems`` checks a region's plan
folder the way report provenance is checked (every problem as ``file:line: column: what``), and
``load_plan`` reads a plan into its tasks (:mod:`plans`) with its provenance.
"""

from __future__ import annotations

from pathlib import Path

from policy_review.core import paths
from policy_review.core.errors import Problem
from policy_review.sources import provenance
from policy_review.sources.provenance import PlanProvenance


def plans_dir(region: str | None = None) -> Path:
    base = paths.data_dir() / "plans"
    return base / region if region else base


def plan_text_path(region: str, year: int) -> Path:
    return plans_dir(region) / f"{year}.txt"


def plan_years(region: str) -> list[int]:
    folder = plans_dir(region)
    return sorted(int(p.stem) for p in folder.glob("*.txt") if p.stem.isdigit()) if folder.is_dir() else []


def has_plan(region: str, year: int) -> bool:
    return plan_text_path(region, year).is_file()


def plan_problems(region: str) -> list[Problem]:
    """Every plan text of the region has a sound provenance file beside it, and nothing is loose
    (checked by :class:`policy_review.sources.provenance.PlanProvenance`)."""
    return provenance.plan_problems(region, plans_dir(region))


def read_provenance(file: Path) -> PlanProvenance:
    """The provenance of a plan; BadInput with every problem when it is not sound."""
    return PlanProvenance.model_validate(provenance.read(file, PlanProvenance))
