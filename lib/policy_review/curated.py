"""The curated tables: their schema, every rule of data/curated/README.md, and loading them.

``validate`` reads the reference tables, each region's curated tables and the provenance of
each report, and returns every problem found (never just the first), each as
``file:line: column: what is wrong``. Per-column rules (types, vocabularies, required cells,
unique ids, references to other tables' ids) are pandera schemas; the rules that need a row
as a whole or the report text (offsets and quotes, years, follow-up statuses, ledger
checkpoints) are checked here. The ledger (``ledger.csv``) is optional and cites no report.

``load_region``, ``load_year`` and ``load_reference`` validate first, raise ``BadInput`` with
all problems if there are any, and return typed tables: ``Int64`` for counts, offsets and
years, ``float64`` for figure values, datetimes for dates, strings for the rest.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import yaml

from . import paths
from .errors import BadInput, Problem
from .report_text import read_report_text
from .tables import line_of, load_yaml, read_table

if TYPE_CHECKING:
    import pandera.pandas as pa


# --- the schema --------------------------------------------------------------------------


@dataclass(frozen=True)
class Col:
    """One column: what its cells hold, whether a cell may be empty, where values come from.

    ``type`` is ``text``, ``whole`` (a whole number), ``count`` and ``offset`` (whole, 0 or
    more), ``year`` (whole, 2000-2100), ``number``, ``date`` (YYYY-MM-DD) or ``month_day``
    (MM-DD). ``vocab`` names a vocabulary of vocabularies.csv; ``ref`` names the table whose
    ids the cells must be. An optional column may be left out of the header altogether.
    """

    name: str
    type: str = "text"
    optional: bool = False
    vocab: str | None = None
    ref: str | None = None
    unique: bool = False


@dataclass(frozen=True)
class Table:
    """A table: its columns (the id first) and, for passages, the column the text must match."""

    name: str
    noun: str
    columns: tuple[Col, ...]
    text_column: str | None = None

    @property
    def file(self) -> str:
        return f"{self.name}.csv"

    @property
    def id(self) -> str:
        return self.columns[0].name

    @property
    def column_names(self) -> list[str]:
        return [col.name for col in self.columns]


def _passage(text: str = "quote", optional: bool = False) -> tuple[Col, ...]:
    return (Col("start", "offset", optional), Col("end", "offset", optional),
            Col(text, optional=optional))


REFERENCE = {table.name: table for table in (
    Table("areas", "area", (
        Col("area_id", unique=True), Col("order", "whole"), Col("name_zh"), Col("name_en"))),
    Table("vocabularies", "vocabulary", (
        Col("vocabulary"), Col("value"), Col("order", "whole"), Col("name_zh"), Col("name_en"),
        Col("description", optional=True))),
    Table("statutory_requirements", "statutory requirement", (
        Col("item_id", unique=True), Col("order", "whole"), Col("rule_id", ref="reporting_rules"),
        Col("name_zh"), Col("name_en"), Col("keywords"))),
    Table("reporting_rules", "reporting rule", (
        Col("rule_id", unique=True), Col("name_zh"), Col("name_en"), Col("issued", "date"),
        Col("first_report_year", "year"), Col("last_report_year", "year", optional=True),
        Col("deadline_month_day", "month_day"), Col("deadline_zh"), Col("deadline_en"))),
)}

CURATED = {table.name: table for table in (
    Table("plan_counts", "plan count", (
        Col("count_id", unique=True), Col("plan_year", "year"), Col("kind", vocab="task_kind"),
        Col("stage", vocab="plan_stage"), Col("count", "count"), Col("report_year", "year"),
        *_passage(), Col("note", optional=True)), "quote"),
    Table("tasks", "task", (
        Col("task_id", unique=True), Col("plan_year", "year"), Col("kind", vocab="task_kind"),
        Col("name_zh"), Col("name_en"), Col("area_id", ref="areas"),
        Col("lead_unit", optional=True), Col("deadline", "date", optional=True),
        Col("basis", vocab="task_basis"), Col("reporting", vocab="reporting"),
        Col("progress", vocab="progress"), Col("report_year", "year"),
        *_passage(optional=True), Col("note", optional=True)), "quote"),
    Table("evidence", "evidence item", (
        Col("evidence_id", unique=True), Col("report_year", "year"), Col("section_path"),
        Col("area_id", ref="areas"), Col("task_id", optional=True, ref="tasks"),
        Col("kind", vocab="task_kind"), Col("reporting", vocab="reporting"), *_passage(),
        Col("summary_en")), "quote"),
    Table("figures", "figure", (
        Col("figure_id", unique=True), Col("report_year", "year"), Col("value", "number"),
        Col("unit"), Col("qualifier", optional=True), Col("raw"), Col("label_zh"),
        Col("label_en"), Col("kind", vocab="figure_kind"),
        Col("evidence_id", optional=True, ref="evidence"),
        Col("start", "offset"), Col("end", "offset")), "raw"),
    Table("issues", "issue", (
        Col("issue_id", unique=True), Col("report_year", "year"),
        Col("theme", vocab="problem_theme"), Col("area_id", ref="areas"), *_passage(),
        Col("summary_en")), "quote"),
    Table("commitments", "commitment", (
        Col("commitment_id", unique=True), Col("report_year", "year"), Col("for_year", "year"),
        Col("section_path"), Col("area_id", ref="areas"), Col("task_id", optional=True, ref="tasks"),
        *_passage(), Col("summary_en")), "quote"),
    Table("followups", "follow-up", (
        Col("followup_id", unique=True), Col("commitment_id", ref="commitments"),
        Col("report_year", "year"), Col("status", vocab="followup_status"),
        *_passage(optional=True), Col("reason", optional=True), Col("summary_en")), "quote"),
    # the countdown ledger (倒计时工作台账): a task's progress at each checkpoint; one row per
    # (task_id, checkpoint), so no single column is unique
    Table("ledger", "ledger entry", (
        Col("task_id", ref="tasks"), Col("checkpoint", "date"), Col("status", vocab="progress"),
        Col("note", optional=True))),
)}

#: Curated tables that cite a report (``report_year``, and a passage where ``text_column`` is set).
REPORT_TABLES = tuple(name for name, table in CURATED.items() if "report_year" in table.column_names)

TABLES = REFERENCE | CURATED
YEARS = (2000, 2100)
WHOLE = r"[+-]?\d+"
#: Whole numbers are at most this large (either side of 0), well inside what Int64 holds.
MAX_WHOLE = 10**15
PROVENANCE_TEXT_FIELDS = ("title", "publisher", "index_number")
COVERAGE = ("full", "excerpt")


def _checks(col: Col, vocabularies: dict[str, list[str]], ids: dict[str, set[str]]) -> list[pa.Check]:
    """The pandera checks of one column; each error is a message with ``{value}`` in it.

    A vocabulary or table of ids that could not be read is reported on its own file, so its
    values are not checked here (``vocabularies`` and ``ids`` lack it).
    """
    import pandera.pandas as pa  # only validation needs it; loading checked data does not

    checks = []
    if col.type in ("whole", "count", "offset", "year"):
        checks.append(pa.Check(lambda s: s.str.fullmatch(WHOLE),
                               error="'{value}' is not a whole number"))
    if col.type in ("whole", "count", "offset"):
        checks.append(pa.Check(lambda s: ~(_numbers(s).abs() > MAX_WHOLE).fillna(False),
                               error="{value} is too large a number"))
    if col.type in ("count", "offset"):
        checks.append(pa.Check(lambda s: ~(_numbers(s) < 0).fillna(False),
                               error="must be 0 or more, not {value}"))
    if col.type == "year":
        checks.append(pa.Check(lambda s: ~(_numbers(s) < YEARS[0]).fillna(False)
                               & ~(_numbers(s) > YEARS[1]).fillna(False),
                               error=f"year {{value}} is not between {YEARS[0]} and {YEARS[1]}"))
    if col.type == "number":
        checks.append(pa.Check(lambda s: _numbers(s).notna(), error="'{value}' is not a number"))
        checks.append(pa.Check(lambda s: ~(_numbers(s).abs() == float("inf")).fillna(False),
                               error="'{value}' is not a finite number"))
    if col.type == "date":
        checks.append(pa.Check(lambda s: _dates(s).notna(),
                               error="'{value}' is not a date written YYYY-MM-DD"))
    if col.type == "month_day":
        checks.append(pa.Check(lambda s: _dates("2000-" + s).notna(),
                               error="'{value}' is not a day of the year written MM-DD"))
    if col.vocab in vocabularies:
        values = vocabularies[col.vocab]
        checks.append(pa.Check.isin(values, error=f"unknown {col.name} '{{value}}': expected one "
                                                  f"of {', '.join(values)} (vocabulary {col.vocab})"))
    if col.ref in ids:
        target = TABLES[col.ref]
        checks.append(pa.Check.isin(sorted(ids[col.ref]),
                                    error=f"unknown {target.noun} '{{value}}': "
                                          f"no such {target.id} in {target.file}"))
    return checks


def _schema(table: Table, vocabularies: dict[str, list[str]],
            ids: dict[str, set[str]]) -> pa.DataFrameSchema:
    import pandera.pandas as pa  # only validation needs it; loading checked data does not

    return pa.DataFrameSchema({
        col.name: pa.Column(None, checks=_checks(col, vocabularies, ids), nullable=col.optional,
                            unique=col.unique, required=not col.optional)
        for col in table.columns
    })


def _numbers(cells: pd.Series) -> pd.Series:
    return pd.to_numeric(cells, errors="coerce")


def _dates(cells: pd.Series) -> pd.Series:
    return pd.to_datetime(cells, format="%Y-%m-%d", errors="coerce")


# --- per-column problems -----------------------------------------------------------------


def _column_problems(file: Path, table: Table, frame: pd.DataFrame,
                     vocabularies: dict[str, list[str]], ids: dict[str, set[str]]) -> list[Problem]:
    """Typos in the header, then everything the pandera schema finds, as Problems."""
    import pandera.pandas as pa  # only validation needs it; loading checked data does not

    typos = _header_typos(table, frame)
    problems = [Problem(file, f"unknown column '{typo}': did you mean '{meant}'?", 1, typo)
                for typo, meant in typos.items()]
    try:
        _schema(table, vocabularies, ids).validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        cases = errors.failure_cases
        first_lines = {col.name: _first_lines(frame, col.name) for col in table.columns
                       if col.unique and col.name in frame}
        problems += [problem for case in cases.to_dict("records")
                     if (problem := _case_problem(file, frame, case, set(typos.values()), first_lines))]
    return problems


def _first_lines(frame: pd.DataFrame, column: str) -> dict[str, int]:
    """Each value of a column and the line of the first row that holds it."""
    lines: dict[str, int] = {}
    for label, value in frame[column].dropna().items():
        lines.setdefault(value, line_of(frame, label))
    return lines


def _header_typos(table: Table, frame: pd.DataFrame) -> dict[str, str]:
    """Unknown columns that look like a misspelt column missing from the header."""
    missing = [name for name in table.column_names if name not in frame.columns]
    typos = {}
    for name in frame.columns:
        if name not in table.column_names:
            if close := difflib.get_close_matches(name, missing, n=1, cutoff=0.75):
                typos[name] = close[0]
    return typos


def _case_problem(file: Path, frame: pd.DataFrame, case: dict, misspelt: set[str],
                  first_lines: dict[str, dict[str, int]]) -> Problem | None:
    """One pandera failure case as a Problem; None for one already reported otherwise.

    ``first_lines`` gives, for each unique column, the line each value is first on.
    """
    check, value, column = case["check"], case["failure_case"], case["column"]
    if check == "column_in_dataframe":
        if value in misspelt:
            return None
        return Problem(file, "required column is missing from the header", 1, value)
    line = line_of(frame, int(case["index"]))
    if check == "not_nullable":
        return Problem(file, f"empty: {column} is required", line, column)
    if check == "field_uniqueness":
        first = first_lines[column][value]
        if first == line:
            return None
        return Problem(file, f"duplicate {column} '{value}': already on line {first}", line, column)
    return Problem(file, check.replace("{value}", str(value)), line, column)


# --- rows as a whole, and the report texts -----------------------------------------------


def _typed(frame: pd.DataFrame, table: Table) -> pd.DataFrame:
    """The table with typed columns in schema order (extra columns last, as strings).

    Cells that do not parse become missing values; validation reports them.
    """
    typed = frame.copy()
    for col in table.columns:
        cells = typed[col.name] if col.name in typed else pd.Series(
            pd.NA, index=typed.index, dtype=pd.StringDtype())
        typed[col.name] = _converted(cells, col.type)
    extras = [name for name in typed.columns if name not in table.column_names]
    typed = typed[table.column_names + extras]
    typed.attrs["lines"] = frame.attrs.get("lines", [])
    return typed


def _converted(cells: pd.Series, type_: str) -> pd.Series:
    if type_ in ("whole", "count", "offset", "year"):
        numbers = _numbers(cells.where(cells.str.fullmatch(WHOLE).fillna(False)))
        return numbers.where(numbers.abs() <= MAX_WHOLE).astype("Int64")
    if type_ == "number":
        return _numbers(cells).astype("float64")
    if type_ == "date":
        return _dates(cells)
    return cells


def _rows(frame: pd.DataFrame) -> Iterator[tuple[int, dict]]:
    """Each row (its cells by column name) with the file line it starts on."""
    for label, row in zip(frame.index, frame.to_dict("records")):
        yield line_of(frame, label), row


def _missing_report_problems(region: str, file: Path, frame: pd.DataFrame) -> list[Problem]:
    """A report text must exist for every report_year used (reported on its first row)."""
    problems = []
    seen: set[int] = set()
    for line, row in _rows(frame):
        year = row["report_year"]
        if pd.isna(year) or year in seen:
            continue
        seen.add(year)
        text_path = paths.report_text_path(region, year)
        if not text_path.exists():
            problems.append(Problem(file, f"no report text for {year}: "
                                          f"{paths.display(text_path)} does not exist",
                                    line, "report_year"))
    return problems


def _report_texts(region: str,
                  tables: dict[str, pd.DataFrame]) -> tuple[dict[int, str], list[Problem]]:
    """The texts of the reports the tables use, by year, and problems reading them."""
    years = {int(year) for name in REPORT_TABLES for year in tables[name]["report_year"].dropna()}
    texts, problems = {}, []
    for year in sorted(years):
        text_path = paths.report_text_path(region, year)
        if text_path.exists():
            try:
                texts[year] = read_report_text(text_path)
            except BadInput as error:
                problems += error.problems
    return texts, problems


def _span_problems(file: Path, table: Table, texts: dict[int, str],
                   frame: pd.DataFrame) -> list[Problem]:
    """start < end, inside the report, and text[start:end] equal to the quote (or raw)."""
    problems = []
    for line, row in _rows(frame):
        start, end, quoted = row["start"], row["end"], row[table.text_column]
        text = texts.get(row["report_year"]) if pd.notna(row["report_year"]) else None
        if text is None or pd.isna(start) or pd.isna(end):
            continue
        if start >= end:
            problems.append(Problem(file, f"end {end} must be greater than start {start}",
                                    line, "end"))
        elif end > len(text):
            problems.append(Problem(file, f"end {end} is past the end of the report text "
                                          f"({len(text)} characters)", line, "end"))
        elif pd.notna(quoted) and text[start:end] != quoted:
            problems.append(Problem(file, _mismatch(text, start, end, quoted),
                                    line, table.text_column))
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


def _task_problems(file: Path, frame: pd.DataFrame) -> list[Problem]:
    """A task named in a report cites the passage; others give all of it or none."""
    table, problems = CURATED["tasks"], []
    for line, row in _rows(frame):
        given = _passage_parts(table, row)
        named = _equals(row["basis"], "named")
        if named or any(given.values()):
            why = ("a task named in a report needs its passage (start, end and quote)"
                   if named else "give start, end and quote together, or none")
            problems += [Problem(file, f"empty: {why}", line, name)
                         for name, present in given.items() if not present]
    return problems


def _followup_problems(file: Path, frame: pd.DataFrame, commitments: pd.DataFrame,
                       statuses: list[str]) -> list[Problem]:
    """Statuses and passages, the follow-up year, and one follow-up per commitment."""
    table, problems = CURATED["followups"], []
    for_year = dict(zip(commitments["commitment_id"], commitments["for_year"]))
    first_line: dict[str, int] = {}
    for line, row in _rows(frame):
        given = _passage_parts(table, row)
        if _equals(row["status"], "not_found"):
            problems += [Problem(file, "a not_found follow-up has no passage: leave it empty",
                                 line, name) for name, present in given.items() if present]
            if pd.isna(row["reason"]):
                problems.append(Problem(file, "empty: a not_found follow-up needs a reason "
                                              "(e.g. the report is an excerpt)", line, "reason"))
        elif pd.notna(row["status"]) and row["status"] in statuses:
            problems += [Problem(file, f"empty: a {row['status']} follow-up needs its passage "
                                       "(start, end and quote)", line, name)
                         for name, present in given.items() if not present]
        problems += _followup_link_problems(file, line, row, for_year, first_line)
    return problems


def _followup_link_problems(file: Path, line: int, row: dict, for_year: dict,
                            first_line: dict[str, int]) -> list[Problem]:
    commitment = row["commitment_id"]
    if pd.isna(commitment):
        return []
    if commitment in first_line:
        return [Problem(file, f"commitment {commitment} is already followed up on line "
                              f"{first_line[commitment]}", line, "commitment_id")]
    first_line[commitment] = line
    year = for_year.get(commitment)
    if pd.notna(year) and pd.notna(row["report_year"]) and year != row["report_year"]:
        return [Problem(file, f"commitment {commitment} is for {year}: its follow-up is in the "
                              f"{year} report, not {row['report_year']}", line, "report_year")]
    return []


def _commitment_problems(file: Path, frame: pd.DataFrame) -> list[Problem]:
    return [Problem(file, f"for_year {row['for_year']} must be the year after report_year "
                          f"{row['report_year']}", line, "for_year")
            for line, row in _rows(frame)
            if pd.notna(row["for_year"]) and pd.notna(row["report_year"])
            and row["for_year"] != row["report_year"] + 1]


def _plan_count_problems(file: Path, frame: pd.DataFrame) -> list[Problem]:
    """Announced counts are in the previous year's report; the others in the year's own."""
    problems = []
    for line, row in _rows(frame):
        if pd.isna(row["plan_year"]) or pd.isna(row["report_year"]) or pd.isna(row["stage"]):
            continue
        announced = row["stage"] == "announced"
        expected = row["report_year"] + 1 if announced else row["report_year"]
        if row["plan_year"] != expected:
            where = "the previous year's report" if announced else "the report on its own year"
            problems.append(Problem(file, f"{row['stage']} counts are stated in {where}: plan_year "
                                          f"should be {expected} for report_year {row['report_year']}",
                                    line, "plan_year"))
    return problems


def _evidence_problems(file: Path, frame: pd.DataFrame) -> list[Problem]:
    return [Problem(file, "an evidence passage is evidenced, mentioned or claimed, never "
                          "not_reported", line, "reporting")
            for line, row in _rows(frame) if _equals(row["reporting"], "not_reported")]


def _figure_problems(file: Path, frame: pd.DataFrame, evidence: pd.DataFrame) -> list[Problem]:
    """A figure sits in its evidence item: the same report, inside its passage."""
    items = evidence.set_index("evidence_id")
    items = items[~items.index.duplicated() & items.index.notna()]
    problems = []
    for line, row in _rows(frame):
        if pd.isna(row["evidence_id"]) or row["evidence_id"] not in items.index:
            continue
        item = items.loc[row["evidence_id"]]
        spans = (row["start"], row["end"], item["start"], item["end"])
        if pd.isna(item["report_year"]) or pd.isna(row["report_year"]) or pd.isna(list(spans)).any():
            continue
        if item["report_year"] != row["report_year"]:
            problems.append(Problem(file, f"evidence {row['evidence_id']} is in the "
                                          f"{item['report_year']} report, not {row['report_year']}",
                                    line, "evidence_id"))
        elif row["start"] < item["start"] or row["end"] > item["end"]:
            problems.append(Problem(file, f"{row['start']}:{row['end']} is outside evidence "
                                          f"{row['evidence_id']} ({item['start']}:{item['end']})",
                                    line, "start"))
    return problems


def _ledger_problems(file: Path, frame: pd.DataFrame, tasks: pd.DataFrame) -> list[Problem]:
    """A checkpoint falls within its task's plan year, and each task has one row per checkpoint."""
    plan_years = dict(zip(tasks["task_id"], tasks["plan_year"]))
    problems, first_line = [], {}
    for line, row in _rows(frame):
        task, checkpoint = row["task_id"], row["checkpoint"]
        if pd.isna(task) or pd.isna(checkpoint):
            continue
        day = checkpoint.date().isoformat()
        year = plan_years.get(task)
        if year is not None and pd.notna(year) and checkpoint.year != year:
            problems.append(Problem(file, f"checkpoint {day} is outside {year}, the plan year of task {task}",
                                    line, "checkpoint"))
        if (task, day) in first_line:
            problems.append(Problem(file, f"duplicate checkpoint {day} for task {task}: already on line "
                                          f"{first_line[task, day]}", line, "checkpoint"))
        first_line.setdefault((task, day), line)
    return problems


# --- provenance of the report texts ------------------------------------------------------


def _provenance_problems(region: str) -> list[Problem]:
    """Every report text has a provenance file beside it, and each provenance file is sound."""
    folder = paths.reports_dir(region)
    problems = []
    for text_path in sorted(folder.glob("*.txt")):
        if not text_path.stem.isdigit():
            problems.append(Problem(text_path, "a report text is named after the year it covers, "
                                               "e.g. 2019.txt"))
        elif not text_path.with_suffix(".yaml").exists():
            problems.append(Problem(text_path.with_suffix(".yaml"), "missing: every report text "
                                    "needs its provenance file beside it (title, publisher, "
                                    "index_number, written, published, coverage)"))
    for provenance in sorted(folder.glob("*.yaml")):
        if not provenance.with_suffix(".txt").exists():
            problems.append(Problem(provenance, f"no report text {provenance.stem}.txt beside "
                                                "this provenance file"))
        problems += _provenance_file_problems(provenance, region)
    return problems


def _provenance_file_problems(file: Path, region: str) -> list[Problem]:
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
    if not isinstance(fields, dict):
        return [Problem(file, "a provenance file is a list of fields, `name: value` per line")]
    lines = {key.value: key.start_mark.line + 1 for key, _ in node.value}
    return [Problem(file, message, lines.get(field), field)
            for field, message in _provenance_field_messages(fields, file.stem, region)]


def _provenance_field_messages(fields: dict, stem: str, region: str) -> Iterator[tuple[str, str]]:
    for name in PROVENANCE_TEXT_FIELDS:
        if not isinstance(fields.get(name), str) or not fields[name].strip():
            yield name, f"missing: the provenance needs the report's {name.replace('_', ' ')}"
    dates = {name: _date(fields.get(name)) for name in ("written", "published")}
    for name, date in dates.items():
        if date is None:
            yield name, f"'{fields.get(name)}' is not a date written YYYY-MM-DD"
    if None not in dates.values() and dates["published"] < dates["written"]:
        yield "published", "published before it was written"
    if fields.get("coverage") not in COVERAGE:
        yield "coverage", f"coverage is '{fields.get('coverage')}': expected full or excerpt"
    if "report_year" in fields and str(fields["report_year"]) != stem:
        yield "report_year", f"report_year {fields['report_year']} does not match the file {stem}.yaml"
    if "region" in fields and fields["region"] != region:
        yield "region", f"region '{fields['region']}' does not match the folder {region}"


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


# --- reading and checking whole folders --------------------------------------------------


def _read(file: Path, table: Table, optional: bool) -> tuple[pd.DataFrame, list[Problem]]:
    """A table as strings; an absent optional table is empty with its columns."""
    if optional and not file.exists():
        return pd.DataFrame(columns=table.column_names, dtype=pd.StringDtype()), []
    if not file.exists():
        return pd.DataFrame(), [Problem(file, f"missing: the reference table {table.file} is needed")]
    return read_table(file)


def _check_frames(folder: Path, tables: dict[str, Table], frames: dict[str, pd.DataFrame],
                  vocabularies: dict[str, list[str]], ids: dict[str, set[str]]) -> list[Problem]:
    """Per-column problems of each table that could be read."""
    return [problem for name, frame in frames.items() if len(frame.columns)
            for problem in _column_problems(folder / tables[name].file, tables[name], frame,
                                            vocabularies, ids)]


def _ids(tables: dict[str, Table], frames: dict[str, pd.DataFrame]) -> dict[str, set[str]]:
    return {name: set(frame[tables[name].id].dropna()) for name, frame in frames.items()
            if tables[name].id in frame}


def _vocabularies(frame: pd.DataFrame) -> dict[str, list[str]]:
    """Each vocabulary's values in their order."""
    if not {"vocabulary", "value", "order"} <= set(frame.columns):
        return {}
    typed = _typed(frame, REFERENCE["vocabularies"]).sort_values("order", kind="stable")
    return {name: list(group["value"].dropna()) for name, group in typed.groupby("vocabulary")}


def _vocabulary_problems(frame: pd.DataFrame, vocabularies: dict[str, list[str]]) -> list[Problem]:
    """Each value once per vocabulary, and every vocabulary the tables use present."""
    file = paths.reference_dir() / REFERENCE["vocabularies"].file
    if not {"vocabulary", "value"} <= set(frame.columns):
        return []
    problems, seen = [], {}
    for line, row in _rows(frame):
        key = (row["vocabulary"], row["value"])
        if key in seen:
            problems.append(Problem(file, f"duplicate value '{row['value']}' in vocabulary "
                                          f"{row['vocabulary']}: already on line {seen[key]}",
                                    line, "value"))
        seen.setdefault(key, line)
    used = {col.vocab for table in CURATED.values() for col in table.columns if col.vocab}
    problems += [Problem(file, f"vocabulary {name} is missing: the curated tables use it", None,
                         "vocabulary") for name in sorted(used - set(vocabularies))]
    return problems


def _checked_reference() -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """The reference tables as strings, and every problem in them."""
    folder = paths.reference_dir()
    frames, problems = {}, []
    for name, table in REFERENCE.items():
        frames[name], read_problems = _read(folder / table.file, table, optional=False)
        problems += read_problems
    vocabularies = _vocabularies(frames["vocabularies"])
    problems += _check_frames(folder, REFERENCE, frames, vocabularies, _ids(REFERENCE, frames))
    problems += _vocabulary_problems(frames["vocabularies"], vocabularies)
    return frames, problems


def _unknown_files(folder: Path) -> list[Problem]:
    """Files in a region folder that look like a misnamed table."""
    known = {table.file for table in CURATED.values()}
    problems = []
    for file in sorted(folder.glob("*")) if folder.is_dir() else ():
        if file.name not in known and not file.name.startswith("."):
            if close := difflib.get_close_matches(file.stem, list(CURATED), n=1, cutoff=0.75):
                problems.append(Problem(file, f"not read: did you mean {close[0]}.csv? "
                                              "(tables are CSV files named after the table)"))
    return problems


def _checked_region(region: str, reference: dict[str, pd.DataFrame],
                    ) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """A region's curated tables, typed, and every problem in them and in its reports."""
    folder = paths.curated_dir(region)
    frames, problems = {}, _unknown_files(folder)
    for name, table in CURATED.items():
        frames[name], read_problems = _read(folder / table.file, table, optional=True)
        problems += read_problems
    ids = _ids(REFERENCE, reference) | _ids(CURATED, frames)
    vocabularies = _vocabularies(reference["vocabularies"])
    problems += _check_frames(folder, CURATED, frames, vocabularies, ids)
    typed = {name: _typed(frame, CURATED[name]) for name, frame in frames.items()}
    texts, text_problems = _report_texts(region, typed)
    problems += text_problems + _provenance_problems(region)
    for name in REPORT_TABLES:
        file = folder / CURATED[name].file
        problems += _missing_report_problems(region, file, typed[name])
        problems += _span_problems(file, CURATED[name], texts, typed[name])
    problems += _task_problems(folder / "tasks.csv", typed["tasks"])
    problems += _followup_problems(folder / "followups.csv", typed["followups"],
                                   typed["commitments"], vocabularies.get("followup_status", []))
    problems += _commitment_problems(folder / "commitments.csv", typed["commitments"])
    problems += _plan_count_problems(folder / "plan_counts.csv", typed["plan_counts"])
    problems += _evidence_problems(folder / "evidence.csv", typed["evidence"])
    problems += _figure_problems(folder / "figures.csv", typed["figures"], typed["evidence"])
    problems += _ledger_problems(folder / "ledger.csv", typed["ledger"], typed["tasks"])
    return typed, problems


def _regions() -> list[str]:
    """Every region with curated tables or report texts."""
    folders = [paths.curated_dir(), paths.reports_dir()]
    return sorted({sub.name for folder in folders if folder.is_dir()
                   for sub in folder.iterdir() if sub.is_dir()})


def _regions_within(target: Path) -> list[str] | None:
    """The regions a path concerns: all for the data folder, none for reference, None outside."""
    try:
        parts = target.relative_to(paths.data_dir().resolve()).parts
    except ValueError:
        return None
    if not parts or (parts[0] in ("curated", "reports") and len(parts) == 1):
        return _regions()
    if parts[0] == "reference":
        return []
    if parts[0] in ("curated", "reports"):
        return [parts[1]]
    return None


def _target(path: Path | str | None) -> Path:
    """The path to validate: as given (from the current folder), else from the project root."""
    if path is None:
        return paths.data_dir().resolve()
    given = Path(path)
    if given.exists() or given.is_absolute():
        return given.resolve()
    return (paths.root() / given).resolve()


def _sorted(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (paths.display(p.file), p.line or 0))


# --- the public functions ----------------------------------------------------------------


def validate(path: Path | str | None = None) -> list[Problem]:
    """Every problem in the data folder (default), one region's folder, or one file."""
    target = _target(path)
    if not target.exists():
        return [Problem(target, "no such file or folder")]
    regions = _regions_within(target)
    if regions is None:
        return [Problem(target, "not in the project's data folder: give data/, "
                                "data/curated/<region>/ or a file in them")]
    reference, problems = _checked_reference()
    for region in regions:
        problems += _checked_region(region, reference)[1]
    if target.is_file():
        problems = [p for p in problems if Path(p.file).resolve() == target]
    return _sorted(problems)


def load_reference() -> dict[str, pd.DataFrame]:
    """The reference tables (areas, vocabularies, statutory_requirements, reporting_rules)."""
    if _validated_already(REFERENCE_MARK):
        folder = paths.reference_dir()
        frames = {name: _read(folder / table.file, table, optional=False)[0] for name, table in REFERENCE.items()}
    else:
        frames, problems = _checked_reference()
        if problems:
            raise BadInput(_sorted(problems))
    return {name: _typed(frame, REFERENCE[name]) for name, frame in frames.items()}


def reference_table(name: str) -> pd.DataFrame:
    """One reference table, validated and typed, read once per process (and project root)."""
    return _reference_at(str(paths.root()))[name]


@lru_cache(maxsize=4)
def _reference_at(root: str) -> dict[str, pd.DataFrame]:
    return load_reference()


def vocabulary(name: str) -> list[str]:
    """The values of one vocabulary of vocabularies.csv, in their order."""
    frames, problems = _checked_reference()
    if problems:
        raise BadInput(_sorted(problems))
    vocabularies = _vocabularies(frames["vocabularies"])
    if name not in vocabularies:
        raise KeyError(f"no vocabulary {name!r} in vocabularies.csv")
    return vocabularies[name]


VALIDATED_ENV = "POLICY_REVIEW_VALIDATED"


REFERENCE_MARK = "(reference)"  # the mark of the reference tables, beside those of the regions


def _fingerprint(folders: list[Path]) -> str:
    stats = sorted((str(f), f.stat().st_size, f.stat().st_mtime_ns)
                   for folder in folders if folder.is_dir() for f in folder.iterdir() if f.is_file())
    return hashlib.sha1(repr(stats).encode()).hexdigest()[:16]


def data_fingerprint(region: str) -> str:
    """A cheap fingerprint (names, sizes, modification times) of everything a region's
    validation reads: the reference tables, its curated tables and its reports
    (``REFERENCE_MARK``: the reference tables alone)."""
    if region == REFERENCE_MARK:
        return _fingerprint([paths.reference_dir()])
    return _fingerprint([paths.reference_dir(), paths.curated_dir(region), paths.reports_dir(region)])


def mark_validated(regions: list[str]) -> None:
    """Tell the kernels this process starts that these regions, and the reference tables, were
    validated just now, so that they load without checking again (as long as no file has
    changed since: a changed file is checked as usual)."""
    os.environ[VALIDATED_ENV] = ";".join(f"{r}={data_fingerprint(r)}" for r in [REFERENCE_MARK, *regions])


def _validated_already(region: str) -> bool:
    marks = dict(m.split("=", 1) for m in os.environ.get(VALIDATED_ENV, "").split(";") if "=" in m)
    return region in marks and marks[region] == data_fingerprint(region)


def load_region(region: str) -> dict[str, pd.DataFrame]:
    """A region's curated tables, typed; absent tables are empty with their columns."""
    if region not in _regions():
        raise BadInput([Problem(paths.curated_dir(region), f"no region '{region}': no curated "
                                                           "tables and no report texts")])
    if _validated_already(region):
        folder = paths.curated_dir(region)
        tables = {name: _typed(_read(folder / table.file, table, optional=True)[0], table)
                  for name, table in CURATED.items()}
    else:
        reference, problems = _checked_reference()
        tables, region_problems = _checked_region(region, reference)
        if problems + region_problems:
            raise BadInput(_sorted(problems + region_problems))
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
    ``curated`` is False when no curated row concerns this report: the text alone is a draft.
    """

    region: str
    year: int
    provenance: dict
    text: str
    curated: bool
    plan_counts: pd.DataFrame
    tasks: pd.DataFrame
    evidence: pd.DataFrame
    figures: pd.DataFrame
    issues: pd.DataFrame
    commitments: pd.DataFrame
    previous_commitments: pd.DataFrame
    followups: pd.DataFrame


def load_year(region: str, year: int, tables: dict[str, pd.DataFrame] | None = None) -> RegionYear:
    """One region's report on one year, with its provenance and curated rows (``tables``: the
    region's tables if already loaded)."""
    tables = load_region(region) if tables is None else tables
    text_path = paths.report_text_path(region, year)
    if not text_path.exists():
        raise BadInput([Problem(text_path, f"no report of {region} on {year}")])

    def of_report(name: str, report_year: int = year) -> pd.DataFrame:
        return tables[name][tables[name]["report_year"] == report_year].reset_index(drop=True)

    rows = {name: of_report(name) for name in ("tasks", "evidence", "figures", "issues",
                                                "commitments", "followups")}
    plan_counts = tables["plan_counts"][tables["plan_counts"]["plan_year"] == year].reset_index(drop=True)
    provenance = load_yaml(paths.provenance_path(region, year).read_text(encoding="utf-8-sig"))
    return RegionYear(
        region=region, year=year, provenance=provenance, text=read_report_text(text_path),
        curated=any(len(frame) for frame in (*rows.values(), of_report("plan_counts"))),
        plan_counts=plan_counts, previous_commitments=of_report("commitments", year - 1), **rows,
    )
