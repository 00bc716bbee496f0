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


def _passage(
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


def _report_year(
    what: str = "the report the row cites (the year the report covers)", example: str = "2018"
) -> Col:
    return Col("report_year", "year", description=what, example=example)


def _id(name: str, example: str, what: str = "unique id, stable: reviewers cite it") -> Col:
    return Col(name, unique=True, description=what, example=example)


def _names(what: str, zh: str, en: str) -> tuple[Col, ...]:
    return (
        Col("name_zh", description=f"{what} in Chinese, as the source names it", example=zh),
        Col("name_en", description=f"{what}: an English gloss", example=en),
    )


_AREA = Col("area_id", ref="areas", description="the framework area", example="functions")
_SUMMARY = Col(
    "summary_en",
    description="a one-line English gloss of the passage",
    example="Break down the year's tasks early and track them in a countdown ledger.",
)
_SECTION = Col(
    "section_path",
    description="where the passage sits: the heading markers joined with `/`",
    example="一/(一)/第一/1",
)


def _in_force(what: str, issued: str, first: str, last: str) -> tuple[Col, ...]:
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


_ORDER = Col("order", "whole", description="the position in lists and charts", example="1")


REFERENCE = {
    table.name: table
    for table in (
        Table(
            "areas",
            "area",
            (
                _id("area_id", "functions", "unique id of the area"),
                _ORDER,
                *_names(
                    "the area",
                    "依法全面履行政府职能",
                    "Performing government functions fully according to law",
                ),
            ),
            title="the areas of the rule-of-law government framework",
        ),
        Table(
            "vocabularies",
            "vocabulary",
            (
                Col(
                    "vocabulary",
                    description="the vocabulary's name, as a column's allowed values cite it",
                    example="task_kind",
                ),
                Col(
                    "value",
                    description="a value the cells may hold, written as in the tables",
                    example="annual",
                ),
                _ORDER,
                *_names("the value", "年度任务", "annual"),
                Col(
                    "description",
                    optional=True,
                    description="what the value means",
                    example="a task for one year",
                ),
            ),
            title="the allowed values of the curated tables' coded columns",
            key=("vocabulary", "value"),
        ),
        Table(
            "statutory_requirements",
            "statutory requirement",
            (
                _id("item_id", "measures_results", "unique id of the item"),
                _ORDER,
                Col(
                    "rule_id",
                    ref="reporting_rules",
                    description="the rule that requires the item",
                    example="supervision_2019",
                ),
                *_names(
                    "what the report must contain",
                    "上一年度推进法治政府建设的主要举措和成效",
                    "Main measures and results of the past year",
                ),
                Col(
                    "keywords",
                    description="headings that show the item is there, separated by `|`",
                    example="主要工作|主要举措|成效",
                ),
                Col(
                    "passage_keywords",
                    optional=True,
                    description="phrases that show the item in a sentence of the report, separated by `|`",
                    example="第一责任人",
                ),
            ),
            title="what a report must contain, item by item",
        ),
        Table(
            "reporting_rules",
            "reporting rule",
            (
                _id("rule_id", "supervision_2019", "unique id of the rule"),
                *_names(
                    "the rule's title",
                    "法治政府建设与责任落实督察工作规定",
                    "Regulation on supervising rule-of-law government building and accountability",
                ),
                *_in_force("the rule", "2019-05-06", "2019", "2018"),
                Col(
                    "deadline_month_day",
                    "month_day",
                    description="publication deadline, in the year after the report year",
                    example="04-01",
                ),
                Col(
                    "deadline_zh",
                    description="the deadline as the rule words it",
                    example="每年4月1日之前报告上一年度法治政府建设情况并向社会公开",
                ),
                Col(
                    "deadline_en",
                    description="the deadline in English",
                    example="report on the past year and publish it before 1 April",
                ),
            ),
            title="the rules on when reports are due and what they contain",
        ),
        # the national outlines by the years they cover; areas.csv holds the 2015–2020 areas
        Table(
            "frameworks",
            "framework",
            (
                Col("framework_id", unique=True, description="the outline", example="outline_2021_2025"),
                *_names(
                    "the outline's title",
                    "法治政府建设实施纲要(2021—2025年)",
                    "Outline for building a rule-of-law government (2021–2025)",
                ),
                *_in_force("the outline", "2021-08-11", "2021", "2020"),
                Col("areas_table", description="the reference table of its areas", example="areas_2021"),
            ),
            title="The national outlines (纲要) and the report years each is in force for",
        ),
        Table(
            "areas_2021",
            "area of the 2021–2025 outline",
            (
                _id("area_id", "emergencies", "unique id of the area"),
                _ORDER,
                *_names("the area", "健全突发事件应对体系", "The system for responding to emergencies"),
            ),
            title="The areas of the 法治政府建设实施纲要(2021—2025年)",
        ),
        Table(
            "area_crosswalk",
            "crosswalk row",
            (
                Col("area_2015", ref="areas", description="an area of the 2015–2020 outline"),
                Col(
                    "area_2021",
                    ref="areas_2021",
                    description="an area of the 2021–2025 outline that continues it",
                ),
                Col("note", optional=True, description="how the two areas relate", example="same chapter"),
            ),
            key=("area_2015", "area_2021"),
            title="How the 2015–2020 areas map onto the 2021–2025 areas",
        ),
        Table(
            "area_terms",
            "area term",
            (
                Col("area_id", description="the area the term points to (of either outline)"),
                Col(
                    "framework_id",
                    optional=True,
                    ref="frameworks",
                    description="the outline the term belongs to; empty: both",
                ),
                Col("term_zh", description="the term, a word once segmented", example="备案审查"),
                Col("term_en", description="an English gloss of the term", example="filing review"),
                Col(
                    "weight",
                    "number",
                    description="what one occurrence adds to the area's score",
                    example="2",
                ),
            ),
            key=("area_id", "framework_id", "term_zh"),
            title="Terms that point a passage to a framework area (draft classification)",
        ),
        Table(
            "theme_terms",
            "theme term",
            (
                Col(
                    "theme",
                    vocab="problem_theme",
                    description="the problem theme the term points to",
                    example="uneven_attention",
                ),
                Col("term_zh", description="the term, a word once segmented", example="重视不够"),
                Col("term_en", description="an English gloss of the term", example="too little attention"),
                Col(
                    "weight",
                    "number",
                    description="what one occurrence adds to the theme's score",
                    example="3",
                ),
            ),
            key=("theme", "term_zh"),
            title="Terms that point an admitted problem to a theme",
        ),
        Table(
            "reporting_terms",
            "reporting term",
            (
                Col(
                    "rule",
                    description="claim (a blanket claim), issued (a verb of issuing a document) or "
                    "followed (a verb of following a higher-level document)",
                ),
                Col("term_zh", description="the words, as a report writes them", example="基本完成"),
                Col("term_en", description="an English gloss", example="basically completed"),
            ),
            key=("rule", "term_zh"),
            title="Terms that decide an evidence item's reporting class in a draft",
        ),
        Table(
            "metadata_labels",
            "metadata label",
            (
                Col(
                    "field",
                    vocab="metadata_field",
                    description="the provenance field the label gives",
                    example="index_number",
                ),
                Col(
                    "source",
                    vocab="metadata_source",
                    description="where the label is: `block` (a visible block of `label: value` or "
                    "`[ label ]value` pairs, on a page or in its text) or `meta` (the `name` of a "
                    "`<meta>` tag, matched ignoring case)",
                    example="block",
                ),
                Col(
                    "label",
                    description="the label as a page writes it, without spaces, brackets or colon "
                    "(spaces may stand between its characters, brackets around it, a colon after it); "
                    "the first row of a field and source wins",
                    example="索引号",
                ),
                Col("note", optional=True, description="where the label is used", example="traditional form"),
            ),
            key=("source", "label"),
            title="Labels of a saved page's metadata, and the provenance field each gives (import)",
        ),
    )
}

_KIND = Col("kind", vocab="task_kind", description="annual or long-term (长期坚持)", example="annual")

#: Columns every curated table may carry for rows drafted from the text
#: (``policy-review draft``): whether a researcher has reviewed the row, and what decided it.
DRAFT_COLUMNS = (
    Col(
        "review_status",
        optional=True,
        vocab="review_status",
        description="extracted (drafted from the text, not reviewed) or reviewed; empty: reviewed",
        example="extracted",
    ),
    Col(
        "draft_basis",
        optional=True,
        description="what decided the drafted row's calls",
        example="area: functions (score 13: 证明事项、审批); reporting: figure 67项",
    ),
)
#: Cells a drafted row may leave empty until it is reviewed (its area when not classified,
#: the English gloss a researcher writes).
FILLED_ON_REVIEW = ("area_id", "summary_en", "label_en")

CURATED = {
    table.name: table
    for table in (
        Table(
            "plan_counts",
            "plan count",
            (
                _id("count_id", "pc-2019-annual-announced"),
                Col("plan_year", "year", description="the year the tasks are for", example="2019"),
                _KIND,
                Col("stage", vocab="plan_stage", description="what the count counts", example="assigned"),
                Col("count", "count", description="how many tasks", unit="tasks", example="15"),
                _report_year("the report the quote is in"),
                *_passage(what="the passage that states the count"),
                Col("note", optional=True, description="the reviewer's note", example=""),
            ),
            "quote",
            title="how many tasks of each kind, at each stage",
        ),
        Table(
            "tasks",
            "task",
            (
                _id("task_id", "t-2018-a01"),
                Col("plan_year", "year", description="the year the task is for", example="2018"),
                _KIND,
                *_names("the task", "证明事项清单", "List of certification (proof) items"),
                _AREA,
                Col("lead_unit", optional=True, description="the unit responsible", example="区司法局"),
                Col(
                    "deadline", "date", optional=True, description="the task's deadline", example="2021-06-30"
                ),
                Col("basis", vocab="task_basis", description="how we know the task", example="named"),
                Col(
                    "reporting",
                    vocab="reporting",
                    description="how the report covers it",
                    example="evidenced",
                ),
                Col(
                    "progress",
                    vocab="progress",
                    description="its progress as the report states it",
                    example="complete",
                ),
                _report_year("the report that names it"),
                *_passage(
                    optional=True,
                    what="the passage that names the task",
                    note="required when `basis` is `named`; all three or none",
                ),
                Col("note", optional=True, description="the reviewer's note", example=""),
            ),
            "quote",
            title="task-level plan rows where the task is known",
        ),
        Table(
            "evidence",
            "evidence item",
            (
                _id("evidence_id", "ev-2018-001"),
                _report_year(),
                _SECTION,
                _AREA,
                Col(
                    "task_id",
                    optional=True,
                    ref="tasks",
                    description="the task the passage reports on",
                    example="t-2018-a01",
                ),
                Col(
                    "kind",
                    vocab="task_kind",
                    description="which part of the report it sits in",
                    example="annual",
                ),
                Col(
                    "reporting",
                    vocab="reporting",
                    description="how concrete the passage is (never `not_reported`)",
                    example="evidenced",
                ),
                *_passage(),
                _SUMMARY,
            ),
            "quote",
            title="passages of a report about a piece of work",
        ),
        Table(
            "figures",
            "figure",
            (
                _id("figure_id", "fig-2018-001"),
                _report_year(),
                Col(
                    "value",
                    "number",
                    description="the number: `2000余项` → 2000; `1.8万件` → 18000; "
                    "`45.88%` → 45.88; `九成以上` → 90",
                    unit="the row's `unit`",
                    example="2000",
                ),
                Col(
                    "unit",
                    description="counter or unit as written (`项`, `件`, `人次`, `%`, `万元`, ...); "
                    "`万` multiplies into the value except in money units (`516万元` → 516, `万元`); `成` "
                    "becomes `%`",
                    example="项",
                ),
                Col(
                    "qualifier",
                    optional=True,
                    description="`余`, `多`, `近`, `约`, `以上`, `左右`, `之多`",
                    example="余",
                ),
                Col("raw", description="the span as written; `text[start:end] == raw`", example="2000余项"),
                Col("label_zh", description="what it counts, in Chinese", example="证明事项"),
                Col("label_en", description="what it counts, in English", example="certification items"),
                Col("kind", vocab="figure_kind", description="what kind of number it is", example="count"),
                Col(
                    "evidence_id",
                    optional=True,
                    ref="evidence",
                    description="the evidence item it sits in",
                    example="ev-2018-002",
                ),
                Col(
                    "start",
                    "offset",
                    description="where `raw` starts in the report text",
                    unit="characters",
                    example="253",
                ),
                Col(
                    "end",
                    "offset",
                    description="where `raw` ends (exclusive)",
                    unit="characters",
                    example="256",
                ),
            ),
            "raw",
            title="numbers in the text",
        ),
        Table(
            "issues",
            "issue",
            (
                _id("issue_id", "is-2018-01"),
                _report_year(),
                Col(
                    "theme",
                    vocab="problem_theme",
                    description="the kind of problem",
                    example="uneven_attention",
                ),
                _AREA,
                *_passage(),
                _SUMMARY,
            ),
            "quote",
            title="problems a report admits",
        ),
        Table(
            "commitments",
            "commitment",
            (
                _id("commitment_id", "cm-2018-01"),
                _report_year("the report that states it"),
                Col("for_year", "year", description="the year it is for (`report_year + 1`)", example="2019"),
                _SECTION,
                _AREA,
                Col("task_id", optional=True, ref="tasks", description="the task it continues", example=""),
                *_passage(),
                _SUMMARY,
            ),
            "quote",
            title="next-year plans a report states",
        ),
        Table(
            "followups",
            "follow-up",
            (
                _id("followup_id", "fu-2019-01"),
                Col(
                    "commitment_id",
                    ref="commitments",
                    description="the commitment followed up",
                    example="cm-2018-01",
                ),
                _report_year("the report that follows it up (`for_year` of the commitment)", "2019"),
                Col(
                    "status",
                    vocab="followup_status",
                    description="what the report says of it",
                    example="evidenced",
                ),
                *_passage(optional=True, note="empty when `status` is `not_found`, required otherwise"),
                Col(
                    "reason",
                    optional=True,
                    description="why: required for `not_found` (e.g. the source is an excerpt)",
                    example="the 2019 source is an excerpt that stops mid-sentence",
                ),
                Col(
                    "reason_zh",
                    optional=True,
                    description="the reason in Chinese, shown on Chinese pages (the English "
                    "`reason` where it is empty)",
                    example="2019年度来源为中途截断的节选,落实情况可能在缺失部分",
                ),
                _SUMMARY,
            ),
            "quote",
            title="what the next report says of each commitment",
        ),
        # the countdown ledger (倒计时工作台账): a task's progress at each checkpoint; one row per
        # (task_id, checkpoint), so no single column is unique
        Table(
            "ledger",
            "ledger entry",
            (
                Col(
                    "task_id",
                    ref="tasks",
                    description="the task",
                    example="t-2021-a001",
                    description_zh="任务编号,须为同一地区tasks.csv中的task_id",
                ),
                Col(
                    "checkpoint",
                    "date",
                    description="the checkpoint date, within the task's `plan_year`; "
                    "usually 03-31, 06-30, 09-30 and 12-31",
                    example="2021-03-31",
                    description_zh="时间节点,格式YYYY-MM-DD,须在任务所属年度内",
                ),
                Col(
                    "status",
                    vocab="progress",
                    description="progress at that checkpoint",
                    example="continuing",
                    description_zh="该节点的进度",
                ),
                Col(
                    "note",
                    optional=True,
                    description="what the ledger says, in the ledger's words (e.g. the reason for a delay)",
                    example="已起草实施方案,正在征求意见",
                    description_zh="台账备注,如滞后原因",
                ),
            ),
            key=("task_id", "checkpoint"),
            title="the countdown ledger (倒计时工作台账), optional",
        ),
    )
}


def _with_draft_columns(table: Table) -> Table:
    return Table(
        table.name, table.noun, table.columns + DRAFT_COLUMNS, table.text_column, table.title, table.key
    )


CURATED = {
    name: (_with_draft_columns(table) if name != "ledger" else table) for name, table in CURATED.items()
}

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
        cells = (
            out[col.name] if col.name in out else pd.Series(pd.NA, index=out.index, dtype=pd.StringDtype())
        )
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


def pandera_schema(
    table: Table, vocabularies: dict[str, list[str]], ids: dict[str, set[str]], drafted: bool = False
) -> pa.DataFrameSchema:
    """The pandera schema of a table read as strings: each column's checks, emptiness, uniqueness.

    ``vocabularies`` gives each vocabulary's values, ``ids`` each table's ids; a vocabulary or
    table of ids that could not be read is reported on its own file, so its values are not
    checked here (the mappings lack it). Each check's error is a message with ``{value}`` in it.
    """
    import pandera.pandas as pa  # only validation needs it; loading checked data does not

    return pa.DataFrameSchema(
        {
            col.name: pa.Column(
                None,
                checks=_checks(col, vocabularies, ids),
                # a drafted table (with review_status) may leave these to the review:
                # rules.py checks them in every row not marked extracted
                nullable=col.optional or (drafted and col.name in FILLED_ON_REVIEW),
                unique=col.unique,
                required=not col.optional,
            )
            for col in table.columns
        }
    )


def _checks(col: Col, vocabularies: dict[str, list[str]], ids: dict[str, set[str]]) -> list[pa.Check]:
    import pandera.pandas as pa

    checks = []
    if col.type in WHOLE_TYPES:
        checks.append(pa.Check(lambda s: s.str.fullmatch(WHOLE), error="'{value}' is not a whole number"))
    if col.type in WHOLE_TYPES:  # digits beyond what to_numeric reads become NA: count them too
        checks.append(
            pa.Check(
                lambda s: (
                    ~((numbers_of(s).abs() > MAX_WHOLE) | s.str.fullmatch(r"[+-]?0*[1-9]\d{15,}")).fillna(
                        False
                    )
                ),
                error="{value} is too large a number",
            )
        )
    if col.type in ("count", "offset"):
        checks.append(
            pa.Check(lambda s: ~(numbers_of(s) < 0).fillna(False), error="must be 0 or more, not {value}")
        )
    if col.type == "year":
        checks.append(
            pa.Check(
                lambda s: (
                    ~(numbers_of(s) < YEARS[0]).fillna(False) & ~(numbers_of(s) > YEARS[1]).fillna(False)
                ),
                error=f"year {{value}} is not between {YEARS[0]} and {YEARS[1]}",
            )
        )
    if col.type == "number":
        checks.append(pa.Check(lambda s: numbers_of(s).notna(), error="'{value}' is not a number"))
        checks.append(
            pa.Check(
                lambda s: ~(numbers_of(s).abs() == float("inf")).fillna(False),
                error="'{value}' is not a finite number",
            )
        )
    if col.type == "date":
        checks.append(
            pa.Check(lambda s: dates_of(s).notna(), error="'{value}' is not a date written YYYY-MM-DD")
        )
    if col.type == "month_day":
        checks.append(
            pa.Check(
                lambda s: dates_of("2000-" + s).notna(),
                error="'{value}' is not a day of the year written MM-DD",
            )
        )
    if col.vocab in vocabularies:
        values = vocabularies[col.vocab]
        checks.append(
            pa.Check.isin(
                values,
                error=f"unknown {col.name} '{{value}}': expected one "
                f"of {', '.join(values)} (vocabulary {col.vocab})",
            )
        )
    if col.ref in ids:
        target = TABLES[col.ref]
        checks.append(
            pa.Check.isin(
                sorted(ids[col.ref]),
                error=f"unknown {target.noun} '{{value}}': no such {target.id} in {target.file}",
            )
        )
    return checks
