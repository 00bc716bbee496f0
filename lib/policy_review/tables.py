"""Reading the files people edit: one CSV table safely (every way a file can be unreadable
becomes a Problem), and YAML (provenance and params files) with impossible dates as YAML errors.

Curated and reference tables are edited by people, often in Excel, so a table may arrive with
a BOM, saved in the Chinese Windows encoding (GBK/GB18030), as a workbook renamed to ``.csv``,
with a row that has too many or too few fields, or empty. ``read_table`` never raises on such a
file: it returns what it could read plus the problems, each with the file line it concerns.

Line numbers are file lines: the header is line 1, and a quoted field that holds a newline
makes its row span several lines (the row's line is the one it starts on).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import yaml

from .errors import Problem

UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
ZIP_MAGIC = b"PK\x03\x04"

SAVE_AS_UTF8 = (
    'save it as UTF-8: in Excel, Save As → "CSV UTF-8 (Comma delimited)"; '
    "or convert it with `iconv -f GB18030 -t UTF-8 OLD.csv > NEW.csv`"
)


def read_table(path: Path | str) -> tuple[pd.DataFrame, list[Problem]]:
    """Read a CSV table as strings (empty cells are missing values) and the problems found.

    The frame's ``attrs["lines"]`` (a :class:`Lines`) lists, for each row, the file line it
    starts on; use ``line_of`` to look one up. A file that cannot be read at all gives an empty
    frame without columns.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        return _unread(), [Problem(path, f"cannot read the file: {error.strerror or error}")]
    text, problems = _decode(path, data)
    if text is None:
        return _unread(), problems
    table, parse_problems = _parse(path, text)
    return table, problems + parse_problems


class Lines(list):
    """The file line each row of a table starts on, as kept in the frame's ``attrs["lines"]``.

    pandas deep-copies ``attrs`` into the result of every operation (each selection, each row
    ``iterrows`` makes); the lines never change, so the copy is this same list.
    """

    def __deepcopy__(self, memo: dict) -> Lines:
        return self


def line_of(table: pd.DataFrame, row: object) -> int:
    """The file line on which the row labelled ``row`` starts (header is line 1)."""
    lines = table.attrs.get("lines")
    return lines[row] if lines is not None else int(row) + 2


def _unread() -> pd.DataFrame:
    return _frame([], [], [])


def _decode(path: Path, data: bytes) -> tuple[str | None, list[Problem]]:
    """The file's text, or None when it is not a text file at all, and the problems found.

    A GBK/GB18030 file is read all the same, and a UTF-8 file cut short in the middle of its
    last character is read up to that character.
    """
    if not data.strip(UTF8_BOM + b" \t\r\n"):
        return None, [Problem(path, "the file is empty: a table needs at least its header row")]
    if data.startswith(ZIP_MAGIC):
        return None, [Problem(path, "this is an Excel workbook or zip archive, not a CSV file; "
                                    + SAVE_AS_UTF8.replace("save it", "save the sheet"))]
    if data.startswith(UTF16_BOMS):
        return None, [Problem(path, "the file is saved as UTF-16 (Excel's \"Unicode Text\"); "
                                    + SAVE_AS_UTF8.replace("GB18030", "UTF-16"))]
    if b"\0" in data:
        offset = data.index(b"\0")
        return None, [Problem(path, f"binary content (a NUL byte at offset {offset}): "
                                    "this is not a CSV text file")]
    body = data.removeprefix(UTF8_BOM)
    try:
        return body.decode("utf-8"), []
    except UnicodeDecodeError as error:
        utf8_error = error
    line = body[: utf8_error.start].count(b"\n") + 1
    if utf8_error.reason == "unexpected end of data":
        return body[: utf8_error.start].decode("utf-8"), [Problem(
            path, "the file ends in the middle of a character: it was cut short; "
                  "save or copy it again", line)]
    try:
        text = body.decode("gb18030")
    except UnicodeDecodeError:
        return None, [Problem(path, f"binary content or an unknown encoding (byte "
                                    f"0x{body[utf8_error.start]:02x} at offset {utf8_error.start} "
                                    "is not UTF-8 or GB18030): this is not a CSV text file")]
    return text, [Problem(path, f"the file is saved as GBK/GB18030, not UTF-8; {SAVE_AS_UTF8}", line)]


def _parse(path: Path, text: str) -> tuple[pd.DataFrame, list[Problem]]:
    """Rows of equal width under the header; blank rows are skipped, ragged rows reported."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    problems: list[Problem] = []
    header: list[str] | None = None
    rows: list[list[str]] = []
    lines: list[int] = []
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            problems.append(Problem(path, _csv_error_message(error), start))
            continue
        if not any(cell.strip() for cell in row):
            continue
        if header is None:
            header = [name.strip() for name in row]
            problems += _header_problems(path, header)
        elif len(row) != len(header):
            problems.append(Problem(path, f"expected {len(header)} fields as in the header, "
                                          f"found {len(row)}", start))
        else:
            rows.append(row)
            lines.append(start)
    return _frame(header or [], rows, lines), problems


def _csv_error_message(error: csv.Error) -> str:
    if "unexpected end of data" in str(error):
        return 'a quoted field that starts on this line is never closed (missing ")'
    return (f'badly quoted field ({error}): a field with a quote in it is put in quotes and '
            'its quotes are doubled ("")')


def _header_problems(path: Path, header: list[str]) -> list[Problem]:
    problems = []
    seen: set[str] = set()
    for position, name in enumerate(header, start=1):
        if not name:
            problems.append(Problem(path, f"the header's field {position} is empty: "
                                          "every column needs a name", 1))
        elif name in seen:
            problems.append(Problem(path, "this column appears twice in the header", 1, name))
        seen.add(name)
    return problems


def _frame(header: list[str], rows: list[list[str]], lines: list[int]) -> pd.DataFrame:
    """A frame of strings with unique column names; blank cells become missing values."""
    columns = list(dict.fromkeys(header))
    positions = [header.index(name) for name in columns]
    table = pd.DataFrame([[row[i] for i in positions] for row in rows], columns=columns,
                         dtype=pd.StringDtype())
    table = table.replace(r"^\s*$", pd.NA, regex=True)
    table.attrs["lines"] = Lines(lines)
    return table


# ---------------------------------------------------------------- YAML files (provenance, params)

class YamlLoader(yaml.SafeLoader):
    """PyYAML's safe loader, except that a date-like value that is no date (``2019-02-30``) is
    a YAML error with its place, not a bare ValueError."""

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> object:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as exc:
            raise yaml.constructor.ConstructorError(
                None, None, f"'{node.value}' is not a date ({exc})", node.start_mark) from None


YamlLoader.add_constructor("tag:yaml.org,2002:timestamp", YamlLoader.construct_yaml_timestamp)


def load_yaml(text: str) -> object:
    """``yaml.safe_load``, raising only ``yaml.YAMLError`` on bad input (also on impossible dates)."""
    return yaml.load(text, Loader=YamlLoader)
