"""A run's tables as a spreadsheet (``<year>.xlsx``, a sheet per table) for people who work in Excel.

Every text cell is written as text, never as a formula: a cell's text comes from curated tables
or from the report itself, and a value such as ``=HYPERLINK("http://…?d="&B2,"x")`` would
otherwise be a live formula in Excel (CSV/formula injection). Text that starts with one of
OWASP's formula characters (``=``, ``+``, ``-``, ``@``, tab, CR) is also marked "quote prefix",
so that Excel keeps it text when someone edits the cell.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from policy_review.core.atomic import atomic_path
from policy_review.core.edited_files import FORMULA_STARTS, cell_text
from policy_review.review import ledger, statutory, year_review as rv
from policy_review.tables import names


def review_tables(r: rv.YearReview) -> dict[str, pd.DataFrame]:
    """The tables of one year review, by sheet name."""
    areas = names.area_names(r.year, r.lang)  # the framework in force that year, as the pages use
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
        "statutory_check": statutory.statutory_check(r),
        "notes": pd.DataFrame({"note": rv.data_notes(r)}),
        **ledger_tables(r),
    }


def ledger_tables(r: rv.YearReview) -> dict[str, pd.DataFrame]:
    """The countdown ledger's sheets, where the region keeps one."""
    if not ledger.has_ledger(r):
        return {}
    return {
        "ledger": ledger.status_matrix(r).reset_index(),
        "reconciliation": ledger.reconciliation(r),
        "progress_by_unit": ledger.progress_by_unit(r),
    }


def write_review_workbook(r: rv.YearReview, target: Path) -> Path:
    """Write the review's tables to ``target`` (whole or not at all), a sheet per table, row by
    row (openpyxl's write-only mode: the cells are not kept in memory, and it takes half the time
    pandas' ``to_excel`` takes)."""
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    for sheet, df in review_tables(r).items():
        write_sheet(book, sheet[:31], df if not df.empty else pd.DataFrame({"(empty)": []}))
    with atomic_path(target) as tmp:
        book.save(tmp)
    return Path(target)


def write_sheet(book, name: str, df: pd.DataFrame) -> None:
    """One table as a sheet of a write-only workbook: its column names in bold, then its rows;
    every text a text cell (quote-prefixed where it starts like a formula), blank where nothing
    is known."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    sheet = book.create_sheet(name)
    bold = Font(bold=True)

    def text(value: str):
        cell = WriteOnlyCell(sheet, value=cell_text(value))  # a form feed from a PDF: a line break
        cell.data_type = "s"  # openpyxl takes text that starts with "=" for a formula
        if value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
        return cell

    def header(value) -> WriteOnlyCell:
        cell = text(str(value))
        cell.font = bold
        return cell

    sheet.append([header(c) for c in df.columns])
    for row in df.itertuples(index=False, name=None):
        sheet.append([text(v) if isinstance(v, str) else v for v in map(_cell_value, row)])


def _cell_value(value):
    """A table's value as a spreadsheet takes it: plain numbers, dates and text; None for missing."""
    if isinstance(value, str) or value is None:
        return value
    if isinstance(value, (list, tuple, set, dict)):
        return str(value)
    if pd.isna(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if hasattr(value, "item"):  # a numpy scalar
        return value.item()
    return value if isinstance(value, (bool, int, float, dt.date)) else str(value)
