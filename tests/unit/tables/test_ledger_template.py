"""The ledger template: generated from the schema, and pre-filled from a plan's tasks."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pytest

from policy_review.tables import ledger_template
from policy_review.tables.curated_tables import CURATED
from policy_review.tables.load import vocabulary
from policy_review.tables.validate import validate
from tests.conftest import ROOT

REGION = "example"


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    monkeypatch.setenv("POLICY_REVIEW_ROOT", str(tmp_path))
    return tmp_path


def _tasks(year: int) -> list[dict]:
    with (ROOT / "data/curated" / REGION / "tasks.csv").open(encoding="utf-8") as file:
        return [row for row in csv.DictReader(file) if row["plan_year"] == str(year)]


def test_the_header_is_the_declared_ledger_columns():
    header, example = csv.reader(ledger_template.csv_text().splitlines())
    assert header == CURATED["ledger"].column_names
    assert example == [col.example for col in CURATED["ledger"].columns]


def test_the_drop_down_offers_the_progress_vocabulary():
    sheet = openpyxl.load_workbook(ROOT / "data/templates/ledger_template.xlsx")["ledger"]
    (choice,) = sheet.data_validations.dataValidation
    assert choice.formula1 == '"' + ",".join(vocabulary("progress")) + '"'
    assert str(choice.sqref) == f"C2:C{ledger_template.SHEET_ROWS}"


def test_a_template_prefilled_from_a_plan_has_each_task_at_each_checkpoint(tmp_path):
    tasks = _tasks(2021)
    assert len(tasks) > 100  # the example plan: 121 annual and 44 long-term tasks
    csv_path, xlsx_path = ledger_template.write_template(tmp_path, tasks=tasks, name="ledger_2021")
    with csv_path.open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    assert len(rows) == 4 * len(tasks)
    assert {row["task_id"] for row in rows} == {task["task_id"] for task in tasks}
    assert {row["checkpoint"] for row in rows} == {"2021-03-31", "2021-06-30", "2021-09-30", "2021-12-31"}
    assert all(row["status"] == "" for row in rows)
    sheet = openpyxl.load_workbook(xlsx_path)["ledger"]
    ids = [cell.value for (cell,) in sheet.iter_rows(min_row=2, max_col=1)]
    assert ids[: len(rows)] == [row["task_id"] for row in rows] and set(ids[len(rows) :]) == {None}
    assert sheet["B2"].value == dt.datetime(2021, 3, 31) and sheet["B2"].number_format == "yyyy-mm-dd"


def test_a_prefilled_template_once_filled_in_validates(root):
    """Fill in the statuses of a pre-filled template and it is a valid ledger.csv."""
    rows = ledger_template.rows_for_tasks(_tasks(2022))
    for row in rows:
        row["status"] = "not_rated"
    ledger = root / "data/curated" / REGION / "ledger.csv"
    ledger.write_text(ledger_template.csv_text(rows), encoding="utf-8")
    assert validate(ledger) == []
    rows[0]["status"] = ""
    ledger.write_text(ledger_template.csv_text(rows), encoding="utf-8")
    assert [str(p) for p in validate(ledger)] == [
        f"data/curated/{REGION}/ledger.csv:2: status: empty: status is required"
    ]
