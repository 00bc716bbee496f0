"""Work plans as sources: ``data/plans/<region>/<year>.txt`` and the provenance file beside it.

A plan is kept exactly as published, like a report (UTF-8 or GB18030/GBK), with ``<year>.yaml``
beside it saying where it comes from: title, publisher, document number (文号), written and
published dates, address, ``coverage: full | excerpt``. ``plan_problems`` checks a region's plan
folder the way report provenance is checked (every problem as ``file:line: column: what``), and
``load_plan`` reads a plan into its tasks (:mod:`plans`) with its provenance.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from . import paths
from .errors import BadInput, Problem


class PlanProvenance(BaseModel):
    """Where a plan text comes from. Dates are ``YYYY-MM-DD``; ``published`` may be unknown (null)."""

    model_config = ConfigDict(extra="allow")

    region: str
    plan_year: int
    title: str
    publisher: str
    document_number: str | None
    written: dt.date
    published: dt.date | None = None
    address: str | None = None
    coverage: Literal["full", "excerpt"]
    synthetic: bool = False

    @field_validator("title", "publisher")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("empty")
        return value

    @model_validator(mode="after")
    def _published_after_written(self) -> PlanProvenance:
        if self.published is not None and self.published < self.written:
            raise ValueError("published before it was written")
        return self


def plans_dir(region: str | None = None) -> Path:
    base = paths.data_dir() / "plans"
    return base / region if region else base


def plan_text_path(region: str, year: int) -> Path:
    return plans_dir(region) / f"{year}.txt"


def plan_regions() -> list[str]:
    base = plans_dir()
    return sorted(p.name for p in base.iterdir() if p.is_dir()) if base.is_dir() else []


def plan_years(region: str) -> list[int]:
    folder = plans_dir(region)
    return sorted(int(p.stem) for p in folder.glob("*.txt") if p.stem.isdigit()) if folder.is_dir() else []


def has_plan(region: str, year: int) -> bool:
    return plan_text_path(region, year).is_file()


def plan_problems(region: str) -> list[Problem]:
    """Every plan text of the region has a sound provenance file beside it, and nothing is loose."""
    folder = plans_dir(region)
    if not folder.is_dir():
        return []
    problems = []
    for text in sorted(folder.glob("*.txt")):
        if not text.stem.isdigit():
            problems.append(Problem(text, "a plan text is named after the year it plans, e.g. 2020.txt"))
        elif not text.with_suffix(".yaml").exists():
            problems.append(Problem(text.with_suffix(".yaml"), "missing: every plan text needs its provenance "
                                    "file beside it (title, publisher, document_number, written, coverage)"))
    for provenance in sorted(folder.glob("*.yaml")):
        if not provenance.with_suffix(".txt").exists():
            problems.append(Problem(provenance, f"no plan text {provenance.stem}.txt beside this provenance file"))
        problems += _provenance_problems(provenance, region)
    return problems


def read_provenance(file: Path) -> PlanProvenance:
    """The provenance of a plan; BadInput with every problem when it is not sound."""
    problems = _provenance_problems(file, file.parent.name)
    if problems:
        raise BadInput(problems)
    from .tables import load_yaml

    return PlanProvenance.model_validate(load_yaml(file.read_text(encoding="utf-8-sig")))


def load_plan(region: str, year: int) -> dict:
    """The region's plan for ``year`` read into tasks (``plans.read_plan``), with its ``provenance``."""
    from .plans import read_plan
    from .report_text import read_report

    path = plan_text_path(region, year)
    provenance = read_provenance(path.with_suffix(".yaml"))
    text, encoding = read_report(path)
    plan = read_plan(text, year=year, coverage=provenance.coverage)
    return {"source": paths.display(path), "encoding": encoding, "text": text,
            "provenance": provenance.model_dump(mode="json"), **plan}


def _provenance_problems(file: Path, region: str) -> list[Problem]:
    from .tables import load_yaml

    try:
        source = file.read_text(encoding="utf-8-sig")
        node = yaml.compose(source)
        fields = load_yaml(source)
    except (OSError, UnicodeDecodeError) as error:
        return [Problem(file, f"cannot read the provenance file: {error}")]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return [Problem(file, f"not valid YAML: {getattr(error, 'problem', error)}",
                        mark.line + 1 if mark else None)]
    if not isinstance(fields, dict) or node is None:
        return [Problem(file, "a provenance file is a list of fields, `name: value` per line")]
    lines = {key.value: key.start_mark.line + 1 for key, _ in node.value}
    problems = []
    try:
        model = PlanProvenance.model_validate(fields)
    except ValidationError as error:
        for e in error.errors():
            field = str(e["loc"][0]) if e["loc"] else None
            message = ("missing: the plan's provenance needs it" if e["type"] == "missing"
                       else f"'{fields.get(field)}': {e['msg']}" if field else e["msg"].removeprefix("Value error, "))
            problems.append(Problem(file, message, lines.get(field), field))
        return problems
    if str(model.plan_year) != file.stem:
        problems.append(Problem(file, f"plan_year {model.plan_year} does not match the file {file.stem}.yaml",
                                lines.get("plan_year"), "plan_year"))
    if model.region != region:
        problems.append(Problem(file, f"region '{model.region}' does not match the folder {region}",
                                lines.get("region"), "region"))
    return problems
