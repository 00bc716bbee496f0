"""Starting a countdown ledger from a work plan: the plan's tasks as ``tasks.csv`` and the ledger
template pre-filled with each task at the four checkpoints."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from policy_review.core import paths
from policy_review.core.edited_files import csv_cell
from policy_review.core.errors import BadInput, Problem
from policy_review.draft.report_draft import EXTRACTED, REVIEW_STATUS, merge_reviewed
from policy_review.draft.task_matching import draft_tasks
from policy_review.sources.plan_sources import has_plan, plan_text_path
from policy_review.tables import ledger_template
from policy_review.tables.curated_tables import CURATED


def write_plan_ledger(region: str, year: int, folder: Path | str | None = None) -> list[Path]:
    """Start a countdown ledger from the region's work plan for ``year``: ``tasks.csv`` (the plan's
    tasks with their lead units and deadlines, ``basis: stated``, matched to the year's report if
    there is one, rows marked extracted and reviewed rows of an existing tasks.csv kept) and the
    template pre-filled with each task at the four checkpoints (its name, lead unit and time limit
    in ``note``), in ``folder`` (default ``data/curated/<region>/``)."""
    if not has_plan(region, year):
        raise BadInput(
            [
                Problem(
                    plan_text_path(region, year),
                    "no work plan for this region and year: put the "
                    "plan text here, with its provenance beside it",
                )
            ]
        )
    tasks = draft_tasks(region, year, without_report=True).assign(**{REVIEW_STATUS: EXTRACTED})
    folder = Path(folder) if folder is not None else paths.curated_dir(region)
    folder.mkdir(parents=True, exist_ok=True)
    tasks_file = folder / CURATED["tasks"].file
    if tasks_file.is_file():
        existing = pd.read_csv(tasks_file, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        tasks = merge_reviewed(existing, tasks, "task_id", year)
    columns = list(dict.fromkeys([*CURATED["tasks"].column_names, REVIEW_STATUS, "draft_basis"]))  # once each
    tasks_file.write_text(
        tasks.reindex(columns=columns).map(csv_cell).to_csv(index=False, lineterminator="\n"),
        encoding="utf-8",
    )  # csv_cell: the plan's text runs no formula in Excel
    planned = tasks[tasks["plan_year"].astype(str) == str(year)]
    return [
        tasks_file,
        *ledger_template.write_template(folder, planned.to_dict("records"), name=f"ledger_template_{year}"),
    ]
