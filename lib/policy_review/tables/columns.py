"""The parts every table is declared with: a column (``Col``) and a table (``Table``), the cell
types, and the columns many tables share (a cited passage, the report year, an id, names in both
languages, the framework area). The declarations themselves are in :mod:`reference_tables` and
:mod:`curated_tables`; :mod:`schema` derives the rest from them.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The cell types and what they hold (the data dictionary shows these words).
TYPES = {
    "text": "text",
    "whole": "whole number",
    "count": "whole number, 0 or more",
    "offset": "whole number, 0 or more",
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
    shows; ``description_zh``, where given, is what the bilingual ledger template shows beside it.
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
    description_zh: str = ""


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


def passage_columns(
    text: str = "quote", optional: bool = False, what: str = "the passage", note: str = ""
) -> tuple[Col, ...]:
    """The three columns that cite a passage of the report: ``text[start:end] == quote``."""
    note = f" ({note})" if note else ""
    return (
        Col(
            "start",
            "offset",
            optional,
            description=f"where {what} starts in the report text{note}",
            unit="characters",
            example="244",
        ),
        Col(
            "end",
            "offset",
            optional,
            description=f"where {what} ends (exclusive){note}",
            unit="characters",
            example="256",
        ),
        Col(
            text,
            optional=optional,
            description=f"{what}, exactly as `text[start:end]`{note}",
            example="2018年度任务共15项",
        ),
    )


def report_year_column(
    what: str = "the report the row cites (the year the report covers)", example: str = "2018"
) -> Col:
    return Col("report_year", "year", description=what, example=example)


def id_column(name: str, example: str, what: str = "unique id, stable: reviewers cite it") -> Col:
    return Col(name, unique=True, description=what, example=example)


def name_columns(what: str, zh: str, en: str) -> tuple[Col, ...]:
    return (
        Col("name_zh", description=f"{what} in Chinese, as the source names it", example=zh),
        Col("name_en", description=f"{what}: an English gloss", example=en),
    )


AREA = Col("area_id", ref="areas", description="the framework area", example="functions")
SUMMARY = Col(
    "summary_en",
    description="a one-line English gloss of the passage",
    example="Break down the year's tasks early and track them in a countdown ledger.",
)
SECTION = Col(
    "section_path",
    description="where the passage sits: the heading markers joined with `/`",
    example="一/(一)/第一/1",
)


def in_force_columns(what: str, issued: str, first: str, last: str) -> tuple[Col, ...]:
    """When a rule or an outline was issued and the report years it is in force for."""
    return (
        Col("issued", "date", description=f"the day {what} was issued", example=issued),
        Col(
            "first_report_year",
            "year",
            description=f"the first report year {what} is in force for",
            example=first,
        ),
        Col(
            "last_report_year",
            "year",
            optional=True,
            description=f"the last report year {what} is in force for (empty: still in force)",
            example=last,
        ),
    )


ORDER = Col("order", "whole", description="the position in lists and charts", example="1")
