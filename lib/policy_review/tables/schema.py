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
