"""The one declaration of every table (curated and reference), and what is derived from it.

Each table lists its columns once: the type of its cells, what they mean, their unit, an
example, the vocabulary or table their values come from, whether a cell may be empty, and the
table's key. Everything else follows from this declaration: the pandera schema that checks a
table column by column (``pandera_schema``), the typed frame loading returns (``typed``), the
column lists the code needs (``Table.column_names``), the ledger template, and the data
dictionary (``python -m policy_review.dictionary --write``). Adding a table or a column is one
edit here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    import pandera.pandas as pa

#: The cell types and what they hold (the data dictionary shows these words).
TYPES = {
    "text": "text",
    "whole": "whole number",
    "count": "whole number, 0 or more",
    "offset": "character offset, 0 or more",
    "year": "year (2000–2100)",
    "number": "number",
    "date": "date, YYYY-MM-DD",
    "month_day": "day of the year, MM-DD",
}
WHOLE_TYPES = ("whole", "count", "offset", "year")
YEARS = (2000, 2100)
WHOLE = r"[+-]?\d+"
#: Whole numbers are at most this large (either side of 0), well inside what Int64 holds.
MAX_WHOLE = 10**15


@dataclass(frozen=True)
class Col:
    """One column: what its cells hold, whether a cell may be empty, where values come from.

    ``type`` is one of ``TYPES``. ``vocab`` names a vocabulary of vocabularies.csv; ``ref``
    names the table whose ids the cells must be. An optional column may be left out of the
    header altogether. ``description``, ``unit`` and ``example`` are what the data dictionary
    shows.
    """

    name: str
    type: str = "text"
    optional: bool = False
    vocab: str | None = None
    ref: str | None = None
    unique: bool = False
    description: str = ""
    unit: str = ""
    example: str = ""


@dataclass(frozen=True)
class Table:
    """A table: its columns (the id first), its key, and for passages the column the text matches.

    ``key`` is the columns that identify a row; by default the id column (the first) alone.
    ``title`` is the one line the data dictionary heads the table with.
    """

    name: str
    noun: str
    columns: tuple[Col, ...]
    text_column: str | None = None
    title: str = ""
    key: tuple[str, ...] = ()

    @property
    def file(self) -> str:
        return f"{self.name}.csv"

    @property
    def id(self) -> str:
        return self.columns[0].name

    @property
    def keys(self) -> tuple[str, ...]:
        """The columns that identify a row."""
        return self.key or (self.id,)

    @property
    def column_names(self) -> list[str]:
        return [col.name for col in self.columns]

    def column(self, name: str) -> Col:
        return next(col for col in self.columns if col.name == name)


def _passage(text: str = "quote", optional: bool = False, what: str = "the passage") -> tuple[Col, ...]:
    return (Col("start", "offset", optional, description=f"where {what} starts in the report text",
                unit="characters", example="244"),
            Col("end", "offset", optional, description=f"where {what} ends (exclusive)",
                unit="characters", example="256"),
            Col(text, optional=optional, description=f"{what}, exactly as `text[start:end]`",
                example="2018年度任务共15项"))


def _report_year(what: str = "the report the row cites") -> Col:
    return Col("report_year", "year", description=what, example="2018")


REFERENCE = {table.name: table for table in (
    Table("areas", "area", (
        Col("area_id", unique=True), Col("order", "whole"), Col("name_zh"), Col("name_en"))),
    Table("vocabularies", "vocabulary", (
        Col("vocabulary"), Col("value"), Col("order", "whole"), Col("name_zh"), Col("name_en"),
        Col("description", optional=True)), key=("vocabulary", "value")),
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
        Col("stage", vocab="plan_stage"), Col("count", "count"), _report_year(),
        *_passage(), Col("note", optional=True)), "quote"),
    Table("tasks", "task", (
        Col("task_id", unique=True), Col("plan_year", "year"), Col("kind", vocab="task_kind"),
        Col("name_zh"), Col("name_en"), Col("area_id", ref="areas"),
        Col("lead_unit", optional=True), Col("deadline", "date", optional=True),
        Col("basis", vocab="task_basis"), Col("reporting", vocab="reporting"),
        Col("progress", vocab="progress"), _report_year(),
        *_passage(optional=True), Col("note", optional=True)), "quote"),
    Table("evidence", "evidence item", (
        Col("evidence_id", unique=True), _report_year(), Col("section_path"),
        Col("area_id", ref="areas"), Col("task_id", optional=True, ref="tasks"),
        Col("kind", vocab="task_kind"), Col("reporting", vocab="reporting"), *_passage(),
        Col("summary_en")), "quote"),
    Table("figures", "figure", (
        Col("figure_id", unique=True), _report_year(), Col("value", "number"),
        Col("unit"), Col("qualifier", optional=True), Col("raw"), Col("label_zh"),
        Col("label_en"), Col("kind", vocab="figure_kind"),
        Col("evidence_id", optional=True, ref="evidence"),
        Col("start", "offset"), Col("end", "offset")), "raw"),
    Table("issues", "issue", (
        Col("issue_id", unique=True), _report_year(),
        Col("theme", vocab="problem_theme"), Col("area_id", ref="areas"), *_passage(),
        Col("summary_en")), "quote"),
    Table("commitments", "commitment", (
        Col("commitment_id", unique=True), _report_year(), Col("for_year", "year"),
        Col("section_path"), Col("area_id", ref="areas"), Col("task_id", optional=True, ref="tasks"),
        *_passage(), Col("summary_en")), "quote"),
    Table("followups", "follow-up", (
        Col("followup_id", unique=True), Col("commitment_id", ref="commitments"),
        _report_year(), Col("status", vocab="followup_status"),
        *_passage(optional=True), Col("reason", optional=True), Col("summary_en")), "quote"),
    # the countdown ledger (倒计时工作台账): a task's progress at each checkpoint; one row per
    # (task_id, checkpoint), so no single column is unique
    Table("ledger", "ledger entry", (
        Col("task_id", ref="tasks"), Col("checkpoint", "date"), Col("status", vocab="progress"),
        Col("note", optional=True)), key=("task_id", "checkpoint")),
)}

#: Curated tables that cite a report (``report_year``, and a passage where ``text_column`` is set).
REPORT_TABLES = tuple(name for name, table in CURATED.items() if "report_year" in table.column_names)

TABLES = REFERENCE | CURATED


# --- typed frames --------------------------------------------------------------------------


def typed(frame: pd.DataFrame, table: Table) -> pd.DataFrame:
    """The table with typed columns in schema order (extra columns last, as strings).

    ``Int64`` for whole numbers, ``float64`` for numbers, datetimes for dates, strings for the
    rest. Cells that do not parse become missing values; validation reports them.
    """
    out = frame.copy()
    for col in table.columns:
        cells = out[col.name] if col.name in out else pd.Series(
            pd.NA, index=out.index, dtype=pd.StringDtype())
        out[col.name] = _converted(cells, col.type)
    extras = [name for name in out.columns if name not in table.column_names]
    out = out[table.column_names + extras]
    out.attrs["lines"] = frame.attrs.get("lines", [])
    return out


def _converted(cells: pd.Series, type_: str) -> pd.Series:
    if type_ in WHOLE_TYPES:
        numbers = numbers_of(cells.where(cells.str.fullmatch(WHOLE).fillna(False)))
        return numbers.where(numbers.abs() <= MAX_WHOLE).astype("Int64")
    if type_ == "number":
        return numbers_of(cells).astype("float64")
    if type_ == "date":
        return dates_of(cells)
    return cells


def numbers_of(cells: pd.Series) -> pd.Series:
    return pd.to_numeric(cells, errors="coerce")


def dates_of(cells: pd.Series) -> pd.Series:
    return pd.to_datetime(cells, format="%Y-%m-%d", errors="coerce")


# --- the pandera schema ----------------------------------------------------------------------


def pandera_schema(table: Table, vocabularies: dict[str, list[str]],
                   ids: dict[str, set[str]]) -> pa.DataFrameSchema:
    """The pandera schema of a table read as strings: each column's checks, emptiness, uniqueness.

    ``vocabularies`` gives each vocabulary's values, ``ids`` each table's ids; a vocabulary or
    table of ids that could not be read is reported on its own file, so its values are not
    checked here (the mappings lack it). Each check's error is a message with ``{value}`` in it.
    """
    import pandera.pandas as pa  # only validation needs it; loading checked data does not

    return pa.DataFrameSchema({
        col.name: pa.Column(None, checks=_checks(col, vocabularies, ids), nullable=col.optional,
                            unique=col.unique, required=not col.optional)
        for col in table.columns
    })


def _checks(col: Col, vocabularies: dict[str, list[str]], ids: dict[str, set[str]]) -> list[pa.Check]:
    import pandera.pandas as pa

    checks = []
    if col.type in WHOLE_TYPES:
        checks.append(pa.Check(lambda s: s.str.fullmatch(WHOLE),
                               error="'{value}' is not a whole number"))
    if col.type in ("whole", "count", "offset"):
        checks.append(pa.Check(lambda s: ~(numbers_of(s).abs() > MAX_WHOLE).fillna(False),
                               error="{value} is too large a number"))
    if col.type in ("count", "offset"):
        checks.append(pa.Check(lambda s: ~(numbers_of(s) < 0).fillna(False),
                               error="must be 0 or more, not {value}"))
    if col.type == "year":
        checks.append(pa.Check(lambda s: ~(numbers_of(s) < YEARS[0]).fillna(False)
                               & ~(numbers_of(s) > YEARS[1]).fillna(False),
                               error=f"year {{value}} is not between {YEARS[0]} and {YEARS[1]}"))
    if col.type == "number":
        checks.append(pa.Check(lambda s: numbers_of(s).notna(), error="'{value}' is not a number"))
        checks.append(pa.Check(lambda s: ~(numbers_of(s).abs() == float("inf")).fillna(False),
                               error="'{value}' is not a finite number"))
    if col.type == "date":
        checks.append(pa.Check(lambda s: dates_of(s).notna(),
                               error="'{value}' is not a date written YYYY-MM-DD"))
    if col.type == "month_day":
        checks.append(pa.Check(lambda s: dates_of("2000-" + s).notna(),
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
