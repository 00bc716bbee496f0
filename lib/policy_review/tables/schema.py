"""The one declaration of every table (curated and reference), and what is derived from it.

Each table lists its columns once: the type of its cells, what they mean, their unit, an
example, the vocabulary or table their values come from, whether a cell may be empty, and the
table's key. Everything else follows from this declaration: the pandera schema that checks a
table column by column (``pandera_schema``), the typed frame loading returns (``typed``), the
column lists the code needs (``Table.column_names``), the ledger template, and the data
dictionary (``python -m policy_review.tables.dictionary --write``). Adding a table or a column is one
edit here.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    import pandera.pandas as pa

from policy_review.tables.columns import MAX_WHOLE, WHOLE, WHOLE_TYPES, YEARS, Col, Table
from policy_review.tables.curated_tables import CURATED, FILLED_ON_REVIEW
from policy_review.tables.reference_tables import REFERENCE

#: Every table, reference and curated, by name.
TABLES = REFERENCE | CURATED


# --- typed frames --------------------------------------------------------------------------


def typed(frame: pd.DataFrame, table: Table) -> pd.DataFrame:
    """The table with typed columns in schema order (extra columns last, as strings).

    ``Int64`` for whole numbers, ``float64`` for numbers, datetimes for dates, strings for the
    rest. Cells that do not parse become missing values; validation reports them.
    """
    if (
        frame.empty
        and list(frame.columns) == table.column_names
        and all(isinstance(dtype, pd.StringDtype) for dtype in frame.dtypes)
    ):  # an absent table (as most are), or one with a header and no row
        out = _empty_typed(table).copy()
        out.attrs["lines"] = frame.attrs.get("lines", [])
        return out
    return _typed(frame, table)


#: The typed form of each table with no row, by table name, made once per process (:func:`typed`).
_EMPTY_TYPED: dict[str, pd.DataFrame] = {}


def _empty_typed(table: Table) -> pd.DataFrame:
    """Converting each empty column again for each absent table of each region was the most of
    the time ``validate`` took."""
    if table.name not in _EMPTY_TYPED:
        empty = pd.DataFrame(columns=table.column_names, dtype=pd.StringDtype())
        _EMPTY_TYPED[table.name] = _typed(empty, table)
    return _EMPTY_TYPED[table.name]


def _typed(frame: pd.DataFrame, table: Table) -> pd.DataFrame:
    out = frame.copy()
    out.attrs = {}  # pandas would copy them into every column taken out and every step's result
    for col in table.columns:
        cells = (
            out[col.name] if col.name in out else pd.Series(pd.NA, index=out.index, dtype=pd.StringDtype())
        )
        out[col.name] = _converted(cells, col.type)
    extras = [name for name in out.columns if name not in table.column_names]
    out = out[table.column_names + extras]
    out.attrs = copy.deepcopy(frame.attrs)
    out.attrs["lines"] = frame.attrs.get("lines", [])
    return out


def _converted(cells: pd.Series, type_: str) -> pd.Series:
    if type_ in WHOLE_TYPES:
        values = cells.tolist()
        if all(value is pd.NA or (isinstance(value, str) and _plain_whole(value)) for value in values):
            # what the conversion below makes of them, without its five passes over the column
            whole = pd.array([None if value is pd.NA else int(value) for value in values], dtype="Int64")
            return pd.Series(whole, index=cells.index, name=cells.name)
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

    return [
        pa.Check.isin(test.values, error=error) if isinstance(test, _OneOf) else pa.Check(test, error=error)
        for test, error, _ in _tests(col, vocabularies, ids)
    ]


class _OneOf:
    """The test of a column whose values come from a list (a vocabulary, a table's ids): pandera's
    ``Check.isin``, which tests the cells against the list as a frozenset."""

    def __init__(self, values: list[str]):
        self.values = values
        self.allowed = frozenset(values)

    def __call__(self, cells: pd.Series) -> pd.Series:
        return cells.isin(self.allowed)


#: A test of a column's non-empty cells (whether each passes), the error when one does not (with
#: ``{value}`` for the cell), and what tells of one cell that it surely passes (without pandas).
_Test = tuple[Callable[[pd.Series], pd.Series], str, Callable[[str], bool]]

#: A whole number that every test of a whole-number column passes: ASCII digits, at most 15.
_PLAIN_WHOLE = re.compile(r"[0-9]{1,15}")
#: A number the number tests pass: digits and perhaps a decimal part.
_PLAIN_NUMBER = re.compile(r"[0-9]{1,15}(?:\.[0-9]{1,15})?")
_PLAIN_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_PLAIN_MONTH_DAY = re.compile(r"([0-9]{2})-([0-9]{2})")


def _plain_whole(cell: str) -> bool:
    return _PLAIN_WHOLE.fullmatch(cell) is not None


def _plain_year(cell: str) -> bool:
    return _PLAIN_WHOLE.fullmatch(cell) is not None and YEARS[0] <= int(cell) <= YEARS[1]


def _plain_number(cell: str) -> bool:
    return _PLAIN_NUMBER.fullmatch(cell) is not None


def _plain_date(cell: str) -> bool:
    """A date of 1900 to 2200 that is one (pandas reads any such)."""
    found = _PLAIN_DATE.fullmatch(cell)
    return found is not None and 1900 <= int(found[1]) <= 2200 and _is_day(*map(int, found.groups()))


def _plain_month_day(cell: str) -> bool:
    found = _PLAIN_MONTH_DAY.fullmatch(cell)
    return found is not None and _is_day(2000, int(found[1]), int(found[2]))


def _is_day(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _tests(col: Col, vocabularies: dict[str, list[str]], ids: dict[str, set[str]]) -> list[_Test]:
    """Each check of a column (see :data:`_Test`), in the order pandera runs them."""
    tests: list[_Test] = []
    if col.type in WHOLE_TYPES:
        tests.append((lambda s: s.str.fullmatch(WHOLE), "'{value}' is not a whole number", _plain_whole))
    if col.type in WHOLE_TYPES:  # digits beyond what to_numeric reads become NA: count them too
        tests.append(
            (
                lambda s: (
                    ~((numbers_of(s).abs() > MAX_WHOLE) | s.str.fullmatch(r"[+-]?0*[1-9]\d{15,}")).fillna(
                        False
                    )
                ),
                "{value} is too large a number",
                _plain_whole,
            )
        )
    if col.type in ("count", "offset"):
        tests.append(
            (lambda s: ~(numbers_of(s) < 0).fillna(False), "must be 0 or more, not {value}", _plain_whole)
        )
    if col.type == "year":
        tests.append(
            (
                lambda s: (
                    ~(numbers_of(s) < YEARS[0]).fillna(False) & ~(numbers_of(s) > YEARS[1]).fillna(False)
                ),
                f"year {{value}} is not between {YEARS[0]} and {YEARS[1]}",
                _plain_year,
            )
        )
    if col.type == "number":
        tests.append((lambda s: numbers_of(s).notna(), "'{value}' is not a number", _plain_number))
        tests.append(
            (
                lambda s: ~(numbers_of(s).abs() == float("inf")).fillna(False),
                "'{value}' is not a finite number",
                _plain_number,
            )
        )
    if col.type == "date":
        tests.append(
            (lambda s: dates_of(s).notna(), "'{value}' is not a date written YYYY-MM-DD", _plain_date)
        )
    if col.type == "month_day":
        tests.append(
            (
                lambda s: dates_of("2000-" + s).notna(),
                "'{value}' is not a day of the year written MM-DD",
                _plain_month_day,
            )
        )
    if col.vocab in vocabularies:
        values = vocabularies[col.vocab]
        one_of = _OneOf(values)
        tests.append(
            (
                one_of,
                f"unknown {col.name} '{{value}}': expected one "
                f"of {', '.join(values)} (vocabulary {col.vocab})",
                one_of.allowed.__contains__,
            )
        )
    if col.ref in ids:
        target = TABLES[col.ref]
        one_of = _OneOf(sorted(ids[col.ref]))
        tests.append(
            (
                one_of,
                f"unknown {target.noun} '{{value}}': no such {target.id} in {target.file}",
                one_of.allowed.__contains__,
            )
        )
    return tests


def passes(
    table: Table,
    frame: pd.DataFrame,
    vocabularies: dict[str, list[str]],
    ids: dict[str, set[str]],
    drafted: bool = False,
) -> bool:
    """Whether the pandera schema of the table (:func:`pandera_schema`) finds nothing wrong in a
    table read as strings: the same rules, without pandera's bookkeeping (most of the time
    validation took, on tables that are all but always sound). ``validate`` runs pandera on a
    table this finds fault with, to say what is wrong; a test that fails in an unforeseen way
    counts as a fault, so that pandera says what it makes of it."""
    try:
        for col in table.columns:
            if col.name not in frame.columns:
                if col.optional:
                    continue  # an optional column may be absent: pandera checks it only when there
                return False
            nullable = col.optional or (drafted and col.name in FILLED_ON_REVIEW)
            if not _column_passes(col, frame[col.name], nullable, _tests(col, vocabularies, ids)):
                return False
    except Exception:  # whatever it is, pandera says what is wrong
        return False
    return True


def _column_passes(col: Col, cells: pd.Series, nullable: bool, tests: list[_Test]) -> bool:
    """Whether a column passes pandera's checks: no empty cell unless it may be empty, no value
    twice in a column of ids, and each test (pandera's, on the non-empty cells, unless each cell
    surely passes it)."""
    values = cells.tolist()
    given = [value for value in values if isinstance(value, str)]
    if len(given) < len(values) and (
        not nullable or any(not isinstance(v, str) and v is not pd.NA for v in values)
    ):
        return False  # an empty cell where none may be, or a cell that is neither text nor empty
    if col.unique and len(set(values)) < len(values):
        return False
    for test, _, sure in tests:
        if not all(map(sure, given)) and not test(cells.dropna() if cells.hasnans else cells).all():
            return False
    return True
