"""The rules of the curated tables that need more than one cell: a row as a whole, another
table, or the report text the row cites.

Per-column rules (types, vocabularies, required cells, ids) are the pandera schemas derived in
``schema``; ``validate`` runs those and then ``region_problems`` here, on the typed tables.
Each rule returns every problem it finds as ``file:line: column: what is wrong``: passages
(``start < end``, inside the report, ``text[start:end]`` equal to the quote), a report text
for every year cited, tasks named in a report citing their passage, follow-ups (statuses,
years, one per commitment), commitments for the next year, plan counts in the right report,
figures inside their evidence item, and ledger checkpoints (one per task and checkpoint,
within the task's plan year).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd

from policy_review.core import paths
from policy_review.core.edited_files import line_of
from policy_review.core.errors import BadInput, Problem
from policy_review.sources.report_text import read_report_text
from policy_review.tables.columns import Table
from policy_review.tables.curated_tables import CURATED, FILLED_ON_REVIEW, REPORT_TABLES


def region_problems(
    region: str, tables: dict[str, pd.DataFrame], vocabularies: dict[str, list[str]]
) -> list[Problem]:
    """Every problem the rules find in a region's typed curated tables."""
    folder = paths.curated_dir(region)
    texts, problems = _report_texts(region, tables)
    records = {name: list(rows(frame)) for name, frame in tables.items()}  # each table's rows, once
    for name in REPORT_TABLES:
        file = folder / CURATED[name].file
        problems += _missing_report_problems(region, file, records[name])
        problems += _span_problems(file, CURATED[name], texts, records[name])
    problems += _task_problems(folder / "tasks.csv", records["tasks"])
    problems += _followup_problems(
        folder / "followups.csv",
        records["followups"],
        tables["commitments"],
        vocabularies.get("followup_status", []),
    )
    problems += _commitment_problems(folder / "commitments.csv", records["commitments"])
    problems += _plan_count_problems(folder / "plan_counts.csv", records["plan_counts"])
    problems += _evidence_problems(folder / "evidence.csv", records["evidence"])
    problems += _figure_problems(folder / "figures.csv", records["figures"], records["evidence"])
    problems += _ledger_problems(folder / "ledger.csv", records["ledger"], tables["tasks"])
    for name, table in CURATED.items():
        problems += _review_problems(folder / table.file, table, tables[name], records[name])
    return problems


def _review_problems(
    file: Path, table: Table, frame: pd.DataFrame, records: list[tuple[int, dict]]
) -> list[Problem]:
    """A row drafted from the text (``review_status: extracted``) may leave its area and English
    gloss empty; a reviewed row (or one without a review status) fills them."""
    needed = [name for name in FILLED_ON_REVIEW if name in table.column_names]
    if not needed or frame.empty or "review_status" not in frame or not frame["review_status"].notna().any():
        return []  # a table curated by hand: its schema requires these cells
    problems = []
    for line, row in records:
        if _equals(row.get("review_status"), "extracted"):
            continue
        problems += [
            Problem(
                file,
                f"empty: a reviewed {table.noun} needs its {name}"
                + (" (only a row marked review_status extracted may leave it empty)"),
                line,
                name,
            )
            for name in needed
            if name in row and pd.isna(row[name])
        ]
    return problems


def rows(frame: pd.DataFrame) -> Iterator[tuple[int, dict]]:
    """Each row (its cells by column name) with the file line it starts on."""
    if len(frame.index) == 0:
        return  # most tables are absent: converting a frame without rows takes as long as a small one
    for label, row in zip(frame.index, _records(frame)):
        yield line_of(frame, label), row


def _records(frame: pd.DataFrame) -> list[dict]:
    """``frame.to_dict("records")``, made column by column for the columns of a typed table (in
    a third of the time): text and whole numbers as Python values and None where empty,
    numbers as floats, dates as Timestamps (NaT where empty)."""
    columns = [_values(frame[name]) for name in frame.columns] if frame.columns.is_unique else [None]
    if any(values is None for values in columns):
        return frame.to_dict("records")
    names = frame.columns.tolist()
    return [dict(zip(names, cells)) for cells in zip(*columns)]


def _values(column: pd.Series) -> list | None:
    """A column's cells as ``to_dict`` gives them; None for a type it is not made for."""
    if isinstance(column.dtype, (pd.StringDtype, pd.Int64Dtype)):
        return [None if cell is pd.NA else cell for cell in column.tolist()]
    if isinstance(column.dtype, np.dtype) and (column.dtype == np.float64 or column.dtype.kind == "M"):
        return column.tolist()
    return None


def _missing_report_problems(region: str, file: Path, records: list[tuple[int, dict]]) -> list[Problem]:
    """A report text must exist for every report_year used (reported on its first row)."""
    problems = []
    seen: set[int] = set()
    for line, row in records:
        year = row["report_year"]
        if pd.isna(year) or year in seen:
            continue
        seen.add(year)
        text_path = paths.report_text_path(region, year)
        if not text_path.exists():
            problems.append(
                Problem(
                    file,
                    f"no report text for {year}: {paths.display(text_path)} does not exist",
                    line,
                    "report_year",
                )
            )
    return problems


def _report_texts(region: str, tables: dict[str, pd.DataFrame]) -> tuple[dict[int, str], list[Problem]]:
    """The texts of the reports the tables use, by year, and problems reading them."""
    years = {
        int(year)
        for name in REPORT_TABLES
        if len(tables[name])
        for year in tables[name]["report_year"].dropna()
    }
    texts, problems = {}, []
    for year in sorted(years):
        text_path = paths.report_text_path(region, year)
        if text_path.exists():
            try:
                texts[year] = read_report_text(text_path)
            except BadInput as error:
                problems += error.problems
    return texts, problems


def _span_problems(
    file: Path, table: Table, texts: dict[int, str], records: list[tuple[int, dict]]
) -> list[Problem]:
    """start < end, inside the report, and text[start:end] equal to the quote (or raw)."""
    problems = []
    for line, row in records:
        start, end, quoted = row["start"], row["end"], row[table.text_column]
        text = texts.get(row["report_year"]) if pd.notna(row["report_year"]) else None
        if text is None or pd.isna(start) or pd.isna(end):
            continue
        if start >= end:
            problems.append(Problem(file, f"end {end} must be greater than start {start}", line, "end"))
        elif end > len(text):
            problems.append(
                Problem(
                    file,
                    f"end {end} is past the end of the report text ({len(text)} characters)",
                    line,
                    "end",
                )
            )
        elif pd.notna(quoted) and text[start:end] != quoted:
            problems.append(Problem(file, _mismatch(text, start, end, quoted), line, table.text_column))
    return problems


def _mismatch(text: str, start: int, end: int, quoted: str) -> str:
    message = f"does not match the report text: text[{start}:{end}] is '{_clip(text[start:end])}'"
    found = text.find(quoted)
    if found >= 0:
        message += f"; the passage is at {found}:{found + len(quoted)}"
    return message


def _clip(passage: str, width: int = 40) -> str:
    passage = passage.replace("\n", "\\n")
    return passage if len(passage) <= width else passage[:width] + "…"


def _equals(cell: object, value: str) -> bool:
    """Whether a cell holds the value (an empty cell holds none)."""
    return pd.notna(cell) and cell == value


def _passage_parts(table: Table, row: dict) -> dict[str, bool]:
    """Which of start, end and the quote a row gives."""
    return {name: pd.notna(row[name]) for name in ("start", "end", table.text_column)}


def _task_problems(file: Path, records: list[tuple[int, dict]]) -> list[Problem]:
    """A task named in a report cites the passage; others give all of it or none."""
    table, problems = CURATED["tasks"], []
    for line, row in records:
        given = _passage_parts(table, row)
        named = _equals(row["basis"], "named")
        if named or any(given.values()):
            why = (
                "a task named in a report needs its passage (start, end and quote)"
                if named
                else "give start, end and quote together, or none"
            )
            problems += [
                Problem(file, f"empty: {why}", line, name) for name, present in given.items() if not present
            ]
    return problems


def _followup_problems(
    file: Path, records: list[tuple[int, dict]], commitments: pd.DataFrame, statuses: list[str]
) -> list[Problem]:
    """Statuses and passages, the follow-up year, and one follow-up per commitment."""
    table, problems = CURATED["followups"], []
    for_year = dict(zip(commitments["commitment_id"], commitments["for_year"]))
    first_line: dict[str, int] = {}
    for line, row in records:
        given = _passage_parts(table, row)
        if _equals(row["status"], "not_found") or _equals(row["status"], "not_available"):
            problems += [
                Problem(file, f"a {row['status']} follow-up has no passage: leave it empty", line, name)
                for name, present in given.items()
                if present
            ]
            if pd.isna(row["reason"]):
                problems.append(
                    Problem(
                        file,
                        f"empty: a {row['status']} follow-up needs a reason (e.g. the report is an excerpt)",
                        line,
                        "reason",
                    )
                )
        elif pd.notna(row["status"]) and row["status"] in statuses:
            problems += [
                Problem(
                    file,
                    f"empty: a {row['status']} follow-up needs its passage (start, end and quote)",
                    line,
                    name,
                )
                for name, present in given.items()
                if not present
            ]
        problems += _followup_link_problems(file, line, row, for_year, first_line)
    return problems


def _followup_link_problems(
    file: Path, line: int, row: dict, for_year: dict, first_line: dict[str, int]
) -> list[Problem]:
    commitment = row["commitment_id"]
    if pd.isna(commitment):
        return []
    if commitment in first_line:
        return [
            Problem(
                file,
                f"commitment {commitment} is already followed up on line {first_line[commitment]}",
                line,
                "commitment_id",
            )
        ]
    first_line[commitment] = line
    year = for_year.get(commitment)
    if pd.notna(year) and pd.notna(row["report_year"]) and year != row["report_year"]:
        return [
            Problem(
                file,
                f"commitment {commitment} is for {year}: its follow-up is in the "
                f"{year} report, not {row['report_year']}",
                line,
                "report_year",
            )
        ]
    return []


def _commitment_problems(file: Path, records: list[tuple[int, dict]]) -> list[Problem]:
    return [
        Problem(
            file,
            f"for_year {row['for_year']} must be the year after report_year {row['report_year']}",
            line,
            "for_year",
        )
        for line, row in records
        if pd.notna(row["for_year"])
        and pd.notna(row["report_year"])
        and row["for_year"] != row["report_year"] + 1
    ]


def _plan_count_problems(file: Path, records: list[tuple[int, dict]]) -> list[Problem]:
    """Announced counts are in the previous year's report; the others in the year's own."""
    problems = []
    for line, row in records:
        if pd.isna(row["plan_year"]) or pd.isna(row["report_year"]) or pd.isna(row["stage"]):
            continue
        announced = row["stage"] == "announced"
        expected = row["report_year"] + 1 if announced else row["report_year"]
        if row["plan_year"] != expected:
            where = "the previous year's report" if announced else "the report on its own year"
            problems.append(
                Problem(
                    file,
                    f"{row['stage']} counts are stated in {where}: plan_year "
                    f"should be {expected} for report_year {row['report_year']}",
                    line,
                    "plan_year",
                )
            )
    return problems


def _evidence_problems(file: Path, records: list[tuple[int, dict]]) -> list[Problem]:
    return [
        Problem(
            file,
            "an evidence passage is evidenced, mentioned or claimed, never not_reported",
            line,
            "reporting",
        )
        for line, row in records
        if _equals(row["reporting"], "not_reported")
    ]


def _figure_problems(
    file: Path, records: list[tuple[int, dict]], evidence: list[tuple[int, dict]]
) -> list[Problem]:
    """A figure sits in its evidence item: the same report, inside its passage."""
    items: dict = {}
    for _, item in evidence:  # the first row of each evidence id
        if pd.notna(item["evidence_id"]):
            items.setdefault(item["evidence_id"], item)
    problems = []
    for line, row in records:
        item = items.get(row["evidence_id"]) if pd.notna(row["evidence_id"]) else None
        if item is None:
            continue
        spans = (row["start"], row["end"], item["start"], item["end"])
        if pd.isna(item["report_year"]) or pd.isna(row["report_year"]) or pd.isna(list(spans)).any():
            continue
        if item["report_year"] != row["report_year"]:
            problems.append(
                Problem(
                    file,
                    f"evidence {row['evidence_id']} is in the "
                    f"{item['report_year']} report, not {row['report_year']}",
                    line,
                    "evidence_id",
                )
            )
        elif row["start"] < item["start"] or row["end"] > item["end"]:
            problems.append(
                Problem(
                    file,
                    f"{row['start']}:{row['end']} is outside evidence "
                    f"{row['evidence_id']} ({item['start']}:{item['end']})",
                    line,
                    "start",
                )
            )
    return problems


def _ledger_problems(file: Path, records: list[tuple[int, dict]], tasks: pd.DataFrame) -> list[Problem]:
    """A checkpoint falls within its task's plan year, and each task has one row per checkpoint."""
    plan_years = dict(zip(tasks["task_id"], tasks["plan_year"]))
    problems, first_line = [], {}
    for line, row in records:
        task, checkpoint = row["task_id"], row["checkpoint"]
        if pd.isna(task) or pd.isna(checkpoint):
            continue
        day = checkpoint.date().isoformat()
        year = plan_years.get(task)
        if year is not None and pd.notna(year) and checkpoint.year != year:
            problems.append(
                Problem(
                    file,
                    f"checkpoint {day} is outside {year}, the plan year of task {task}",
                    line,
                    "checkpoint",
                )
            )
        if (task, day) in first_line:
            problems.append(
                Problem(
                    file,
                    f"duplicate checkpoint {day} for task {task}: already on line {first_line[task, day]}",
                    line,
                    "checkpoint",
                )
            )
        first_line.setdefault((task, day), line)
    return problems
