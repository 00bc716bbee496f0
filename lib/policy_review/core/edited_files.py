"""Reading the files people edit: one CSV table safely (every way a file can be unreadable
becomes a Problem), and YAML (provenance and params files) with impossible dates as YAML errors.

Curated and reference tables are edited by people, often in Excel, so a table may arrive with
a BOM, saved in the Chinese Windows encoding (GBK/GB18030), as a workbook renamed to ``.csv``,
with a row that has too many or too few fields, or empty. ``read_table`` never raises on such a
file: it returns what it could read plus the problems, each with the file line it concerns.
Tables the workbook writes for people to edit (drafts) guard text that starts like a formula
with an apostrophe (``csv_cell``); reading removes it.

Line numbers are file lines: the header is line 1, and a quoted field that holds a newline
makes its row span several lines (the row's line is the one it starts on).
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd
import yaml

from policy_review.core.decoding import Undecodable, read_input_bytes, reason, sniff
from policy_review.core.errors import Problem

#: A table file larger than this is refused before it is read.
MAX_TABLE_BYTES = 64 * 1024 * 1024
#: A table with more data rows than this is refused: the workbook's tables are one region's
#: curated rows (hundreds, at most thousands); a million rows cannot be shown or run.
MAX_TABLE_ROWS = 50_000

SAVE_AS_UTF8 = (
    'save it as UTF-8: in Excel, Save As → "CSV UTF-8 (Comma delimited)"; '
    "or convert it with `iconv -f GB18030 -t UTF-8 OLD.csv > NEW.csv`"
)


#: The characters with which a cell's text may start a formula in Excel, LibreOffice or Sheets
#: (OWASP's list for CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")
_FORMULA_GUARD = re.compile(r"^'(?=[=+\-@\t\r])")


def csv_cell(value: object) -> object:
    """A value as written to a CSV file people open in Excel: text that starts like a formula
    (and is not a plain number) gets a leading apostrophe, so that Excel shows it as text
    instead of running it; :func:`read_table` removes that apostrophe again."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.match(value):
        return "'" + value
    return value


def read_table(path: Path | str) -> tuple[pd.DataFrame, list[Problem]]:
    """Read a CSV table as strings (empty cells are missing values) and the problems found.

    The frame's ``attrs["lines"]`` (a :class:`Lines`) lists, for each row, the file line it
    starts on; use ``line_of`` to look one up. A file that cannot be read at all gives an empty
    frame without columns.
    """
    path = Path(path)
    try:
        data = read_input_bytes(path, MAX_TABLE_BYTES)
    except OSError as error:
        return _unread(), [Problem(path, f"cannot read the file: {reason(error)}")]
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
    try:
        decoded = sniff(data)
    except Undecodable as error:
        return None, [Problem(path, _undecodable_message(error))]
    problems = []
    if decoded.cut_line is not None:
        problems.append(
            Problem(
                path,
                "the file ends in the middle of a character: it was cut short; save or copy it again",
                decoded.cut_line,
            )
        )
    if decoded.encoding == "gb18030":
        problems.append(
            Problem(
                path, f"the file is saved as GBK/GB18030, not UTF-8; {SAVE_AS_UTF8}", decoded.first_wide_line
            )
        )
    if decoded.suspicious is not None:
        line, what = decoded.suspicious
        problems.append(
            Problem(path, f"the text holds {what}: the file mixes encodings; {SAVE_AS_UTF8}", line)
        )
    return decoded.text, problems


def _undecodable_message(error: Undecodable) -> str:
    if error.kind == "empty":
        return "the file is empty: a table needs at least its header row"
    if error.kind == "zip":
        return "this is an Excel workbook or zip archive, not a CSV file; " + SAVE_AS_UTF8.replace(
            "save it", "save the sheet"
        )
    if error.kind == "utf16":
        return 'the file is saved as UTF-16 (Excel\'s "Unicode Text"); ' + SAVE_AS_UTF8.replace(
            "GB18030", "UTF-16"
        )
    if error.kind == "nul":
        return f"binary content (a NUL byte at offset {error.offset}): this is not a CSV text file"
    return (
        f"binary content or an unknown encoding (byte 0x{error.byte:02x} at offset {error.offset} "
        "is not UTF-8 or GB18030): this is not a CSV text file"
    )


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
            problems.append(
                Problem(path, f"expected {len(header)} fields as in the header, found {len(row)}", start)
            )
        elif len(rows) == MAX_TABLE_ROWS:
            problems.append(
                Problem(
                    path,
                    f"the table has more than {MAX_TABLE_ROWS:,} rows (this is "
                    f"row {MAX_TABLE_ROWS + 1:,}), more than a table may have: "
                    "it is not read; split the region's data",
                    start,
                )
            )
            rows, lines = [], []
            break
        else:
            rows.append(row)
            lines.append(start)
    return _frame(header or [], rows, lines), problems


def _csv_error_message(error: csv.Error) -> str:
    if "unexpected end of data" in str(error):
        return 'a quoted field that starts on this line is never closed (missing ")'
    return (
        f"badly quoted field ({error}): a field with a quote in it is put in quotes and "
        'its quotes are doubled ("")'
    )


def _header_problems(path: Path, header: list[str]) -> list[Problem]:
    problems = []
    seen: set[str] = set()
    for position, name in enumerate(header, start=1):
        if not name:
            problems.append(
                Problem(path, f"the header's field {position} is empty: every column needs a name", 1)
            )
        elif name in seen:
            problems.append(Problem(path, "this column appears twice in the header", 1, name))
        seen.add(name)
    return problems


def _frame(header: list[str], rows: list[list[str]], lines: list[int]) -> pd.DataFrame:
    """A frame of strings with unique column names; blank cells become missing values, and a
    formula's guard is removed (on the cells, before the frame is made: a frame's ``replace``
    took most of the time of reading a table)."""
    columns = list(dict.fromkeys(header))
    positions = [header.index(name) for name in columns]
    table = pd.DataFrame(
        [[_cell(row[i]) for i in positions] for row in rows], columns=columns, dtype=pd.StringDtype()
    )
    table.attrs["lines"] = Lines(lines)
    return table


def _cell(text: str) -> str | None:
    """A cell as read: None (a missing value) when blank (empty, or white space only, line
    breaks included), else without a formula's guard."""
    if not text or text.isspace():
        return None
    return _FORMULA_GUARD.sub("", text) if text.startswith("'") else text


# ---------------------------------------------------------------- YAML files (provenance, params)

#: An alias (``*a``) repeats what its anchor holds; a file whose aliases would expand to more
#: than this many values (a "billion laughs" bomb) is refused before anything is built from it.
MAX_YAML_NODES = 10_000


class _ValuesAsYamlErrors:
    """Bad values as YAML errors with their place, not bare ValueErrors: a date-like value that
    is no date (``2019-02-30``), and an integer of more digits than Python converts (a
    5000-digit ``year``)."""

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> object:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as exc:
            raise yaml.constructor.ConstructorError(
                None, None, f"'{node.value}' is not a date ({exc})", node.start_mark
            ) from None

    def construct_yaml_int(self, node: yaml.ScalarNode) -> object:
        try:
            value = super().construct_yaml_int(node)
            str(value)  # a hexadecimal one may convert, then be too long to write out
            return value
        except ValueError:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"a number of {len(node.value):,} characters is no value the workbook can hold",
                node.start_mark,
            ) from None


class YamlLoader(_ValuesAsYamlErrors, yaml.SafeLoader):
    """PyYAML's safe loader, except that bad values are YAML errors with their place, not bare
    ValueErrors (see :class:`_ValuesAsYamlErrors`)."""


YamlLoader.add_constructor("tag:yaml.org,2002:timestamp", YamlLoader.construct_yaml_timestamp)
YamlLoader.add_constructor("tag:yaml.org,2002:int", YamlLoader.construct_yaml_int)

if yaml.__with_libyaml__:

    class _LibyamlLoader(_ValuesAsYamlErrors, yaml.CSafeLoader):
        """:class:`YamlLoader` with libyaml's parser, written in C (ten times as fast)."""

    _LibyamlLoader.add_constructor("tag:yaml.org,2002:timestamp", _LibyamlLoader.construct_yaml_timestamp)
    _LibyamlLoader.add_constructor("tag:yaml.org,2002:int", _LibyamlLoader.construct_yaml_int)
    _FAST_LOADER: type | None = _LibyamlLoader
else:  # (PyYAML built without libyaml)
    _FAST_LOADER = None

#: What libyaml may read otherwise than the pure-Python parser: escapes, tabs, line breaks other
#: than a line feed, a byte order mark, any character the pure-Python reader refuses, directives,
#: and the marks of tags, anchors, aliases, flow collections, block texts and complex keys (a
#: provenance file has none of them: a file that has is read by the pure-Python parser alone).
_NOT_FOR_LIBYAML = re.compile(
    r"[\\\t\r\x85\u2028\u2029\ufeff!&*\[\]{}|>?]|^%"
    r"|[^\n\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]",
    re.MULTILINE,
)


class RefusedYaml(yaml.constructor.ConstructorError):
    """A YAML file that is valid but means more than one thing (a key given twice), or whose
    aliases expand past :data:`MAX_YAML_NODES`; ``key`` is the repeated key, if that is it."""

    def __init__(self, problem: str, mark: yaml.Mark, key: str | None = None):
        super().__init__(None, None, problem, mark)
        self.key = key


#: Values nested deeper than this are refused (checked on the parser's events, before the composer,
#: which recurses, would overflow Python's stack on a few hundred levels).
MAX_YAML_DEPTH = 100
#: Control characters no YAML value or key may hold (written as escapes: ``"\e"``, ``"\u0000"``).
_YAML_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def load_yaml(text: str) -> object:
    """``yaml.safe_load``, raising only ``yaml.YAMLError`` on bad input: also on impossible
    dates and numbers, on a key given twice in one mapping (the last would silently win), on
    values nested more than :data:`MAX_YAML_DEPTH` levels, on a control character in a value
    (an ESC or a NUL written as an escape), and on aliases that expand past
    :data:`MAX_YAML_NODES` values (checked on the composed nodes, before any value is built)."""
    return load_yaml_with_key_lines(text)[0]


def load_yaml_with_key_lines(text: str) -> tuple[object, dict[str, int]]:
    """:func:`load_yaml`, and the line (from 1) of each key of the outermost mapping, read from
    the nodes the value is built from (empty when the file holds no mapping): the lines of a
    provenance file's fields without reading the file a second time."""
    _check_depth(text)
    if _FAST_LOADER is not None and not _NOT_FOR_LIBYAML.search(text):
        try:
            return _loaded(text, _FAST_LOADER)
        except Exception:  # the pure-Python parser says what is wrong, in its own words and places
            pass
    return _loaded(text, YamlLoader)


def _loaded(text: str, loader_class: type) -> tuple[object, dict[str, int]]:
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}
        _check_nodes(node)
        lines = (
            {str(key.value): key.start_mark.line + 1 for key, _ in node.value}
            if isinstance(node, yaml.MappingNode)
            else {}
        )  # before building the value: building a mapping merges its << keys into it
        return loader.construct_document(node), lines
    finally:
        loader.dispose()


def _check_depth(text: str) -> None:
    """Refuse values nested more than :data:`MAX_YAML_DEPTH` levels, reading the parser's events
    (the parser keeps a stack of its own: a file nested 100,000 levels is read without recursion).
    Every level opens with one of ``[{:-?``: a file with few of them is not read twice."""
    if sum(text.count(ch) for ch in "[{:-?") <= MAX_YAML_DEPTH:
        return
    loader = YamlLoader(text)
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth - 1 > MAX_YAML_DEPTH:  # (the outermost value is level 0, as below)
                    raise RefusedYaml(
                        f"values nested more than {MAX_YAML_DEPTH} levels deep", event.start_mark
                    )
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    finally:
        loader.dispose()


def _check_nodes(root: yaml.Node) -> None:
    """Refuse repeated keys and alias bombs. Aliases make the node graph a DAG whose shared
    nodes are counted once per use, memoised so that the count itself stays cheap."""
    sizes: dict[int, int] = {}

    def size(node: yaml.Node, depth: int) -> int:
        if id(node) in sizes:
            if sizes[id(node)] < 0:  # a node inside itself: a recursive alias
                raise RefusedYaml("an alias refers to the value it is inside of", node.start_mark)
            return sizes[id(node)]
        if depth > MAX_YAML_DEPTH:
            raise RefusedYaml(f"values nested more than {MAX_YAML_DEPTH} levels deep", node.start_mark)
        if isinstance(node, yaml.ScalarNode) and (control := _YAML_CONTROL.search(node.value)):
            raise RefusedYaml(
                f"the value holds the control character U+{ord(control.group()):04X}: no field holds one; "
                "remove it",
                node.start_mark,
            )
        sizes[id(node)] = -1
        total = 1
        if isinstance(node, yaml.MappingNode):
            seen: dict[object, int] = {}
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    name = (key.tag, key.value)
                    if name in seen:
                        raise RefusedYaml(
                            f"the key '{key.value}' is given twice (first on line "
                            f"{seen[name]}): which value is meant is ambiguous; keep one",
                            key.start_mark,
                            key.value,
                        )
                    seen[name] = key.start_mark.line + 1
                total += size(key, depth + 1) + size(value, depth + 1)
                if total > MAX_YAML_NODES:
                    break
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                total += size(item, depth + 1)
                if total > MAX_YAML_NODES:
                    break
        if total > MAX_YAML_NODES:
            raise RefusedYaml(
                f"the file's aliases (*name) expand to more than {MAX_YAML_NODES:,} "
                "values: an alias bomb, refused",
                node.start_mark,
            )
        sizes[id(node)] = total
        return total

    size(root, 0)


#: What a spreadsheet cell cannot hold (XML 1.0 forbids these controls): a vertical tab or a form
#: feed (a line or page break of a text from Word or a PDF) is written as a line break, any other
#: as U+FFFD (validation refuses them in curated cells and report texts, so none should reach here).
_NOT_IN_A_CELL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def cell_text(value: str) -> str:
    """``value`` as a spreadsheet cell can hold it (see :data:`_NOT_IN_A_CELL`)."""
    if not _NOT_IN_A_CELL.search(value):
        return value
    return _NOT_IN_A_CELL.sub(lambda m: "\n" if m.group() in "\x0b\x0c" else "\ufffd", value)


def text_cells_as_text(workbook) -> None:
    """Make every text cell of an openpyxl ``workbook`` plain text (openpyxl takes text that
    starts with ``=`` for a formula), quote-prefixed where it starts like a formula. Call it on
    any workbook whose cells may hold text from the input, just before saving."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f" and isinstance(cell.value, str):
                    cell.data_type = "s"
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                    cell.quotePrefix = True
