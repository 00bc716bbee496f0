"""The countdown ledger template to fill in (CSV, and Excel with instructions), from the schema.

``data/templates/ledger_template.csv`` and ``.xlsx`` hold the columns of ``ledger.csv`` as
``schema`` declares them and one example row (each column's declared example). The workbook's
sheet ``ledger`` offers the statuses of the ``progress`` vocabulary in a drop-down and formats
date columns so Excel saves them as ``YYYY-MM-DD``; its sheet ``instructions`` explains each
column in English and Chinese, from the declaration and the vocabulary. ``rows_for_tasks`` turns
a plan's task rows into ledger rows (one per task and checkpoint, status left to fill in), so a
template can be pre-filled from a plan: ``write_template(folder, tasks=...)``.

``python -m policy_review.tables.ledger_template`` writes it (``make docs`` too, with the other
generated files; the test suite checks the shipped copies are current).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import sys
from collections.abc import Iterable
from pathlib import Path

from policy_review.core import paths
from policy_review.core.atomic import atomic_path, atomic_write_bytes
from policy_review.core.edited_files import cell_text, csv_cell, text_cells_as_text
from policy_review.tables import dictionary
from policy_review.tables.columns import Col
from policy_review.tables.curated_tables import CURATED
from policy_review.tables.schema import TABLES

LEDGER = CURATED["ledger"]
CHECKPOINTS = ("03-31", "06-30", "09-30", "12-31")
FILE = "ledger_template"
#: How many rows of the sheet get the status drop-down and the date format.
SHEET_ROWS = 2000

TITLE = "Countdown ledger (倒计时工作台账): how to fill in the sheet 'ledger'"
STEPS = (
    "1. List every task of the year's plan in data/curated/<region>/tasks.csv first (basis: stated). / "
    "先在tasks.csv中列明年度计划的全部任务。",
    "2. Fill the sheet 'ledger': one row per task and checkpoint; replace the example row. / "
    "在ledger工作表中每项任务每个时间节点填一行,替换示例行。",
    "3. Save as CSV UTF-8 named ledger.csv in data/curated/<region>/ (Excel: Save As → CSV UTF-8). / "
    "另存为CSV UTF-8格式,文件名ledger.csv,放入data/curated/<region>/。",
    "4. Run `policy-review validate`: each problem is reported as file:line: column: what is wrong. / "
    "运行policy-review validate检查。",
)


def example_row() -> dict[str, str]:
    """One row of each column's declared example."""
    return {col.name: col.example for col in LEDGER.columns}


def rows_for_tasks(tasks: Iterable[dict], checkpoints: Iterable[str] = CHECKPOINTS) -> list[dict[str, str]]:
    """Ledger rows to fill in for a plan's tasks: each task (a dict with ``task_id`` and
    ``plan_year``, as rows of tasks.csv) at each checkpoint (``MM-DD``) of its plan year."""
    days = tuple(checkpoints)
    return [
        {
            **dict.fromkeys(LEDGER.column_names, ""),
            "task_id": str(task["task_id"]),
            "checkpoint": f"{int(task['plan_year'])}-{day}",
            "note": _task_note(task),
        }
        for task in tasks
        for day in days
    ]


def _task_note(task: dict) -> str:
    """What the office needs beside each row: the task, its lead unit and its time limit, where known."""
    parts = [str(task[key]) for key in ("name_zh",) if _known(task.get(key))]
    if _known(task.get("lead_unit")):
        parts.append(f"牵头单位:{task['lead_unit']}")
    if _known(task.get("deadline")):
        parts.append(f"完成时限:{task['deadline']}")
    elif task.get("kind") == "long_term":
        parts.append("完成时限:长期坚持")
    return ";".join(parts)


def _known(value: object) -> bool:
    return value is not None and value == value and str(value).strip() != ""


def _values(col: Col) -> list[tuple[str, str]]:
    """The values of a column's vocabulary with their Chinese names, in order."""
    rows = dictionary.vocabulary_rows()
    rows = rows[rows["vocabulary"] == col.vocab]
    return list(zip(rows["value"], rows["name_zh"]))


def _instruction(col: Col) -> list[str]:
    """One row of the instructions sheet: column, required, what to write, example."""
    required = "optional / 选填" if col.optional else "required / 必填"
    plain = col.description.replace("`", "")
    en, zh = plain[0].upper() + plain[1:], col.description_zh
    if col.type == "date":
        en += " (written YYYY-MM-DD)"
    if col.ref:
        en += f": its {TABLES[col.ref].id} in {TABLES[col.ref].file} of the same region"
    if col.vocab:
        en += ": " + ", ".join(f"{value} ({name})" for value, name in _values(col))
        zh += ",取上列英文值之一"
    if col.name in LEDGER.keys and len(LEDGER.keys) > 1:
        en += ". One row per " + " and ".join(LEDGER.keys)
        zh += ";每项任务每个节点一行" if col.name == "checkpoint" else ""
    return [col.name, required, f"{en}. / {zh}。", col.example]


def _cells(row: dict[str, str]) -> list:
    """A row's cells for the sheet: dates as dates, so Excel shows and saves them as dates."""
    return [
        dt.date.fromisoformat(row[col.name])
        if col.type == "date" and row[col.name]
        else cell_text(row[col.name])
        if isinstance(row[col.name], str)
        else row[col.name]
        for col in LEDGER.columns
    ]


def csv_text(rows: list[dict[str, str]] | None = None) -> str:
    """The CSV template: the header and the rows (default: the example row)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(LEDGER.column_names)
    for row in rows if rows is not None else [example_row()]:
        writer.writerow([csv_cell(row[name]) for name in LEDGER.column_names])  # no formula in Excel
    return out.getvalue()


def workbook(rows: list[dict[str, str]] | None = None):
    """The Excel template (an openpyxl Workbook): the sheet ``ledger`` and its ``instructions``."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    sheet = wb.active
    sheet.title = "ledger"
    sheet.append(LEDGER.column_names)
    for row in rows if rows is not None else [example_row()]:
        sheet.append(_cells(row))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    last = max(SHEET_ROWS, sheet.max_row)
    for index, col in enumerate(LEDGER.columns, start=1):
        letter = get_column_letter(index)
        if col.type == "date":
            for row in range(2, last + 1):
                sheet.cell(row, index).number_format = "yyyy-mm-dd"  # saved to CSV as 2021-03-31
        if col.vocab:
            values = [value for value, _ in _values(col)]
            choice = DataValidation(
                type="list",
                formula1='"' + ",".join(values) + '"',
                allow_blank=True,
                showErrorMessage=True,
                errorTitle=col.name,
                error=", ".join(values[:-1]) + " or " + values[-1],
            )
            sheet.add_data_validation(choice)
            choice.add(f"{letter}2:{letter}{last}")
        sheet.column_dimensions[letter].width = 48 if col.optional else 16
    sheet.freeze_panes = "A2"

    info = wb.create_sheet("instructions")
    info.append([TITLE])
    info["A1"].font = Font(bold=True, size=12)
    info.append([])
    info.append(["column", "required", "what to write", "example"])
    for cell in info[3]:
        cell.font = Font(bold=True)
    for col in LEDGER.columns:
        info.append(_instruction(col))
    info.append([])
    for step in STEPS:
        info.append([step])
    for column, width in zip("ABCD", (14, 16, 90, 30)):
        info.column_dimensions[column].width = width
    for row in info.iter_rows(min_row=4, max_row=3 + len(LEDGER.columns)):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    text_cells_as_text(wb)  # rows pre-filled from a plan hold the plan's text
    fixed = dt.datetime(2024, 1, 1)
    wb.properties.creator = "policy-review"
    wb.properties.created = wb.properties.modified = fixed
    return wb


def content(source) -> list:
    """What a workbook (a path, or an openpyxl Workbook) holds, for comparing two of them: each
    sheet's cells and number formats, and its drop-downs."""
    from openpyxl import Workbook, load_workbook

    if not isinstance(source, Workbook):
        source = load_workbook(source)
    else:  # as saved and read back, so both sides are compared the same way
        buffer = io.BytesIO()
        source.save(buffer)
        source = load_workbook(io.BytesIO(buffer.getvalue()))
    return [
        (
            sheet.title,
            [[(cell.value, cell.number_format) for cell in row] for row in sheet.iter_rows()],
            sorted((str(v.sqref), v.formula1, v.error) for v in sheet.data_validations.dataValidation),
        )
        for sheet in source.worksheets
    ]


def write_template(folder: Path | str, tasks: Iterable[dict] | None = None, name: str = FILE) -> list[Path]:
    """Write ``<name>.csv`` and ``<name>.xlsx`` into ``folder``; return the paths. With ``tasks``
    (rows of tasks.csv), the rows are those tasks at each checkpoint instead of the example."""
    rows = rows_for_tasks(tasks) if tasks is not None else None
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    csv_path, xlsx_path = folder / f"{name}.csv", folder / f"{name}.xlsx"
    atomic_write_bytes(csv_path, csv_text(rows).encode("utf-8"))  # whole, never through a link or FIFO
    with atomic_path(xlsx_path) as tmp:
        workbook(rows).save(tmp)
    return [csv_path, xlsx_path]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m policy_review.tables.ledger_template",
        description="Write the ledger template (CSV and Excel) to fill in.",
    )
    parser.add_argument("--out", help="folder (default: data/templates/ in the project)")
    args = parser.parse_args(argv)
    for path in write_template(args.out or paths.data_dir() / "templates"):
        print(f"wrote {paths.display(path)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
