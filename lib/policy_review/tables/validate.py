"""Checking the data folder: every rule of data/curated/README.md, every problem found at once.

``validate`` reads the reference tables, each region's curated tables and the provenance of
each report, and returns every problem found (never just the first), each as
``file:line: column: what is wrong``. Per-column rules (types, vocabularies, required cells,
unique ids, references to other tables' ids) are the pandera schemas of ``schema``; the rules
that need a row as a whole or the report text are in ``rules``, those of provenance files in
``provenance``. This module finds the folders and files to check (``regions``, what a path
given to ``validate`` concerns) and turns pandera's failure cases into problems. The ledger
(``ledger.csv``) is optional and cites no report.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pandas as pd

from policy_review.core import paths
from policy_review.core.edited_files import line_of, read_table
from policy_review.core.errors import Problem
from policy_review.sources import provenance
from policy_review.sources.plan_sources import plan_problems, plans_dir
from policy_review.tables import rules
from policy_review.tables.columns import Table
from policy_review.tables.curated_tables import CURATED
from policy_review.tables.reference_tables import REFERENCE
from policy_review.tables.rules import rows
from policy_review.tables.schema import pandera_schema, passes, typed
from policy_review.tables.texts import region_text_problems


def validate(path: Path | str | None = None) -> list[Problem]:
    """Every problem in the data folder (default), one region's folder, or one file."""
    target = _target(path)
    if not target.exists():
        return [Problem(target, "no such file or folder")]
    concerned = _regions_within(target)
    if concerned is None:
        return [
            Problem(
                target,
                "not in the project's data folder: give data/, data/curated/<region>/ or a file in them",
            )
        ]
    reference, problems = checked_reference()
    for region in concerned:
        problems += checked_region(region, reference)[1]
    if target.is_file():
        problems = [p for p in problems if Path(p.file).resolve() == target]
    return sorted_problems(problems)


# --- per-column problems -----------------------------------------------------------------


def _column_problems(
    file: Path,
    table: Table,
    frame: pd.DataFrame,
    vocabularies: dict[str, list[str]],
    ids: dict[str, set[str]],
) -> list[Problem]:
    """Typos in the header, then everything the pandera schema finds, as Problems."""
    typos = _header_typos(table, frame)
    problems = [
        Problem(file, f"unknown column '{typo}': did you mean '{meant}'?", 1, typo)
        for typo, meant in typos.items()
    ]
    if frame.empty and set(table.column_names) <= set(frame.columns):
        return problems  # every column there and no row: no check has a cell to fail (an absent table)
    drafted = "review_status" in frame.columns
    if passes(table, frame, vocabularies, ids, drafted):
        return problems  # pandera would find nothing: it is asked only what is wrong
    import pandera.pandas as pa  # only a table with a fault needs it; loading checked data does not

    try:
        schema = pandera_schema(table, vocabularies, ids, drafted=drafted)
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        cases = errors.failure_cases
        first_lines = {
            col.name: _first_lines(frame, col.name)
            for col in table.columns
            if col.unique and col.name in frame
        }
        problems += [
            problem
            for case in cases.to_dict("records")
            if (problem := _case_problem(file, frame, case, set(typos.values()), first_lines))
        ]
    return problems


def _first_lines(frame: pd.DataFrame, column: str) -> dict[str, int]:
    """Each value of a column and the line of the first row that holds it."""
    lines: dict[str, int] = {}
    for label, value in frame[column].dropna().items():
        lines.setdefault(value, line_of(frame, label))
    return lines


def _header_typos(table: Table, frame: pd.DataFrame) -> dict[str, str]:
    """Unknown columns that look like a misspelt column missing from the header."""
    names = table.column_names
    missing = [name for name in names if name not in frame.columns]
    typos = {}
    for name in frame.columns:
        if name not in names:
            if close := difflib.get_close_matches(name, missing, n=1, cutoff=0.75):
                typos[name] = close[0]
    return typos


def _case_problem(
    file: Path, frame: pd.DataFrame, case: dict, misspelt: set[str], first_lines: dict[str, dict[str, int]]
) -> Problem | None:
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
    shown = str(value) if len(str(value)) <= 80 else str(value)[:79] + "…"  # a 5000-digit cell, cut
    return Problem(file, check.replace("{value}", shown), line, column)


# --- reading and checking whole folders --------------------------------------------------


def read(file: Path, table: Table, optional: bool) -> tuple[pd.DataFrame, list[Problem]]:
    """A table as strings; an absent optional table is empty with its columns."""
    if optional and not file.exists():
        return _no_rows(table).copy(), []
    if not file.exists():
        return pd.DataFrame(), [Problem(file, f"missing: the reference table {table.file} is needed")]
    return read_table(file)


#: An empty frame with the columns of each table, by its columns (copying one is ten times as
#: quick as making one, and most regions lack most tables).
_NO_ROWS: dict[tuple[str, ...], pd.DataFrame] = {}


def _no_rows(table: Table) -> pd.DataFrame:
    columns = tuple(table.column_names)
    if columns not in _NO_ROWS:
        _NO_ROWS[columns] = pd.DataFrame(columns=list(columns), dtype=pd.StringDtype())
    return _NO_ROWS[columns]


def _check_frames(
    folder: Path,
    tables: dict[str, Table],
    frames: dict[str, pd.DataFrame],
    vocabularies: dict[str, list[str]],
    ids: dict[str, set[str]],
) -> list[Problem]:
    """Per-column problems of each table that could be read, then its cells' and ids' own."""
    return [
        problem
        for name, frame in frames.items()
        if len(frame.columns)
        for problem in _column_problems(folder / tables[name].file, tables[name], frame, vocabularies, ids)
        + _cell_problems(folder / tables[name].file, tables[name], frame)
    ]


#: Control characters no cell may hold (a tab and line breaks may: a quote spans lines).
_CELL_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _cell_problems(file: Path, table: Table, frame: pd.DataFrame) -> list[Problem]:
    """Cells holding a control character (an ESC or a vertical tab pasted in: a spreadsheet
    cannot hold it, a terminal would obey it), and ids that differ from another only in case or
    in spaces around them (``T1``, ``T1 ``, ``t1``: one task counted twice)."""
    if frame.empty:
        return []
    problems = []
    columns = {name: frame[name].tolist() for name in frame}
    if _CELL_CONTROL.search("\n".join(v for cells in columns.values() for v in cells if isinstance(v, str))):
        for column, cells in columns.items():  # (one search above: almost never one below)
            for label, value in zip(frame.index, cells):
                if isinstance(value, str) and (found := _CELL_CONTROL.search(value)):
                    problems.append(
                        Problem(
                            file,
                            f"the cell holds the control character U+{ord(found.group()):04X}; a cell holds "
                            "text, a tab and line breaks only: remove it",
                            line_of(frame, label),
                            column,
                        )
                    )
    for column in [c.name for c in table.columns if c.unique and c.name in columns]:
        cells = [(label, v) for label, v in zip(frame.index, columns[column]) if isinstance(v, str)]
        problems += _id_problems(file, frame, column, cells)
    return problems


def _id_problems(
    file: Path, frame: pd.DataFrame, column: str, cells: list[tuple[object, str]]
) -> list[Problem]:
    problems, seen = [], {}
    for label, value in cells:
        key = value.strip().casefold()
        if value == value.strip() and key not in seen:
            seen[key] = (value, label)
            continue
        line = line_of(frame, label)
        if value != value.strip():
            problems.append(
                Problem(
                    file, f"the {column} '{value}' has a space before or after it: remove it", line, column
                )
            )
        if key in seen and seen[key][0] != value:
            first, at = seen[key][0], line_of(frame, seen[key][1])
            problems.append(
                Problem(
                    file,
                    f"{column} '{value}' differs from '{first}' (line {at}) only in case or spaces: "
                    "one id, written twice; write it the same way",
                    line,
                    column,
                )
            )
        seen.setdefault(key, (value, label))
    return problems


def _ids(tables: dict[str, Table], frames: dict[str, pd.DataFrame]) -> dict[str, set[str]]:
    return {
        name: set(frame[tables[name].id].dropna()) if len(frame) else set()
        for name, frame in frames.items()
        if tables[name].id in frame
    }


def vocabularies_of(frame: pd.DataFrame) -> dict[str, list[str]]:
    """Each vocabulary's values in their order."""
    if not {"vocabulary", "value", "order"} <= set(frame.columns):
        return {}
    ordered = typed(frame, REFERENCE["vocabularies"]).sort_values("order", kind="stable")
    return {name: list(group["value"].dropna()) for name, group in ordered.groupby("vocabulary")}


def _vocabulary_problems(frame: pd.DataFrame, vocabularies: dict[str, list[str]]) -> list[Problem]:
    """Each value once per vocabulary, and every vocabulary the tables use present."""
    file = paths.reference_dir() / REFERENCE["vocabularies"].file
    if not {"vocabulary", "value"} <= set(frame.columns):
        return []
    problems, seen = [], {}
    for line, row in rows(frame):
        key = (row["vocabulary"], row["value"])
        if key in seen:
            problems.append(
                Problem(
                    file,
                    f"duplicate value '{row['value']}' in vocabulary "
                    f"{row['vocabulary']}: already on line {seen[key]}",
                    line,
                    "value",
                )
            )
        seen.setdefault(key, line)
    used = {col.vocab for table in CURATED.values() for col in table.columns if col.vocab}
    problems += [
        Problem(file, f"vocabulary {name} is missing: the curated tables use it", None, "vocabulary")
        for name in sorted(used - set(vocabularies))
    ]
    return problems


def checked_reference() -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """The reference tables as strings, and every problem in them."""
    folder = paths.reference_dir()
    frames, problems = {}, []
    for name, table in REFERENCE.items():
        frames[name], read_problems = read(folder / table.file, table, optional=False)
        problems += read_problems
    vocabularies, ids = vocabularies_of(frames["vocabularies"]), _ids(REFERENCE, frames)
    problems += _check_frames(folder, REFERENCE, frames, vocabularies, ids)
    problems += _vocabulary_problems(frames["vocabularies"], vocabularies)
    _last_reference[:] = [(list(frames.items()), vocabularies, ids)]  # for the regions checked next
    return frames, problems


def _unknown_files(folder: Path) -> list[Problem]:
    """Files in a region folder that look like a misnamed table."""
    known = {table.file for table in CURATED.values()}
    problems = []
    for file in sorted(folder.glob("*")) if folder.is_dir() else ():
        if file.name not in known and not file.name.startswith("."):
            if close := difflib.get_close_matches(file.stem, list(CURATED), n=1, cutoff=0.75):
                problems.append(
                    Problem(
                        file,
                        f"not read: did you mean {close[0]}.csv? "
                        "(tables are CSV files named after the table)",
                    )
                )
    return problems


#: The reference tables :func:`checked_region` was last given, their vocabularies and their ids.
_last_reference: list[tuple[list[tuple[str, pd.DataFrame]], dict[str, list[str]], dict[str, set[str]]]] = []


def _from_reference(
    reference: dict[str, pd.DataFrame],
) -> tuple[dict[str, list[str]], dict[str, set[str]]]:
    """The vocabularies and the ids of the reference tables, derived once for all the regions
    checked against the same tables (``validate`` checks every region against one reading of
    them; typing the vocabularies again for each was a fifth of its time). The tables are kept
    with what was derived from them, so that the same objects are the same tables."""
    frames = list(reference.items())
    if _last_reference and len(_last_reference[0][0]) == len(frames):
        kept, vocabularies, ids = _last_reference[0]
        if all(a[0] == b[0] and a[1] is b[1] for a, b in zip(kept, frames)):
            return vocabularies, ids
    vocabularies, ids = vocabularies_of(reference["vocabularies"]), _ids(REFERENCE, reference)
    _last_reference[:] = [(frames, vocabularies, ids)]
    return vocabularies, ids


def checked_region(
    region: str, reference: dict[str, pd.DataFrame]
) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """A region's curated tables, typed, and every problem in them and in its reports."""
    folder = paths.curated_dir(region)
    frames, problems = {}, _unknown_files(folder)
    for name, table in CURATED.items():
        frames[name], read_problems = read(folder / table.file, table, optional=True)
        problems += read_problems
    vocabularies, reference_ids = _from_reference(reference)
    ids = reference_ids | _ids(CURATED, frames)
    ids["areas"] = ids.get("areas", set()) | ids.get("areas_2021", set())  # either outline's areas
    problems += _check_frames(folder, CURATED, frames, vocabularies, ids)
    tables = {name: typed(frame, CURATED[name]) for name, frame in frames.items()}
    problems += rules.region_problems(region, tables, vocabularies)
    problems += provenance.region_problems(region) + plan_problems(region)
    problems += region_text_problems(region)
    return tables, list(dict.fromkeys(problems))  # a report read by two checks is named once


def regions() -> list[str]:
    """Every region with curated tables or report texts."""
    folders = [paths.curated_dir(), paths.reports_dir(), plans_dir()]
    return sorted(
        {sub.name for folder in folders if folder.is_dir() for sub in folder.iterdir() if sub.is_dir()}
    )


def _regions_within(target: Path) -> list[str] | None:
    """The regions a path concerns: all for the data folder, none for reference, None outside."""
    try:
        parts = target.relative_to(paths.data_dir().resolve()).parts
    except ValueError:
        return None
    if not parts or (parts[0] in ("curated", "reports", "plans") and len(parts) == 1):
        return regions()
    if parts[0] == "reference":
        return []
    if parts[0] in ("curated", "reports", "plans"):
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


def sorted_problems(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (paths.display(p.file), p.line or 0))
