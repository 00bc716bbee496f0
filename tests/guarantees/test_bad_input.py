"""Bad input through the command line, as a user meets it: exit 2, one `file:line: column: what`
line per problem (file relative to the project root), no traceback, and for `run` nothing
written and no kernel started.

Every case breaks one thing in a throw-away copy of the project (``project_copy``) and runs
``policy-review run``, ``validate`` or ``extract``: in this process (``run_cli_here``, which saves
a Python start per case), and for one case of each kind and command also in a subprocess, with the
same answer. The cases are one table,
grouped by kind: params files, curated tables, provenance files and report files.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import random
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import run_cli, run_cli_here

REGION = "kaizhou"
CURATED = f"data/curated/{REGION}"
REPORTS = f"data/reports/{REGION}"
PARAMS_2018 = "params/kaizhou-2018.yaml"
BAD_PARAMS = "params/bad.yaml"
PROVENANCE_2018 = f"{REPORTS}/2018.yaml"
INCOMING = "incoming"  # where report files for `extract` are put, inside the project copy
OUT = "out"  # the output folder given to `run`, inside the project copy
ANY_LINE = -1
SUMMARY_LINE = re.compile(r"^policy-review: \d+ problem\(s\) in the input; nothing was run$")
PROBLEM_LINE = re.compile(r"^[^\s:]+(?::\d+)?: [^\s:]+: \S")
#: A command that takes longer than this on one case hangs (the very large tables included): a
#: bound on a hang, generous for a loaded 2-core machine, not a speed target (that is `make bench`).
TIME_BUDGET = 300
#: The first line of the portal's footer in a report copied from the site.
FOOTER = "扫一扫在手机打开当前页"


# --- what a case expects ---------------------------------------------------------------------


@dataclass(frozen=True)
class Expect:
    """One problem line the command must print: ``file[:line]: column: ...fragment...``."""

    file: str  # relative to the project root
    line: int | None  # None: the problem has no line; ANY_LINE: some line
    column: str
    fragment: str

    def where(self) -> str:
        line = "" if self.line is None else r":\d+" if self.line == ANY_LINE else f":{self.line}"
        return re.escape(self.file) + line + ": " + re.escape(self.column) + ": "

    def found_in(self, stderr: str) -> bool:
        pattern = re.compile("^" + self.where() + ".*" + re.escape(self.fragment), re.M)
        return bool(pattern.search(stderr))

    def __str__(self) -> str:
        line = "" if self.line is None else ":<n>" if self.line == ANY_LINE else f":{self.line}"
        return f"{self.file}{line}: {self.column}: ...{self.fragment}..."


@dataclass(frozen=True)
class Setup:
    """What a case did to the project copy: the problem expected (per command where they differ)
    and the command's arguments where they are not the default ones."""

    expect: Expect | dict[str, Expect]
    args: tuple[str, ...] | None = None

    def expected(self, command: str) -> Expect:
        return self.expect[command] if isinstance(self.expect, dict) else self.expect


@dataclass(frozen=True)
class Case:
    id: str
    kind: str  # params, curated, provenance, report
    commands: tuple[str, ...]
    setup: Callable[[Path], Setup]


# --- editing the project copy ----------------------------------------------------------------


def table_path(root: Path, name: str) -> Path:
    return root / CURATED / f"{name}.csv"


def read_rows(root: Path, name: str) -> list[list[str]]:
    """A curated table as rows of cells, the header first."""
    text = table_path(root, name).read_text(encoding="utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline="")))


def write_rows(root: Path, name: str, rows: list[list[str]]) -> list[int]:
    """Write the rows (header first) as UTF-8 CSV; the file line each row starts on."""
    buffer, lines, line = io.StringIO(), [], 1
    writer = csv.writer(buffer, lineterminator="\n")
    for row in rows:
        lines.append(line)
        before = buffer.tell()
        writer.writerow(row)
        line += buffer.getvalue()[before:].count("\n")
    table_path(root, name).write_text(buffer.getvalue(), encoding="utf-8", newline="")
    return lines


def edit(root: Path, name: str, row: int, **cells: str) -> int:
    """Set cells of data row ``row`` (0 = the first row under the header); the row's file line."""
    rows = read_rows(root, name)
    header = rows[0]
    for column, value in cells.items():
        rows[row + 1][header.index(column)] = value
    return write_rows(root, name, rows)[row + 1]


def cell(root: Path, name: str, row: int, column: str) -> str:
    rows = read_rows(root, name)
    return rows[row + 1][rows[0].index(column)]


def line_of_row(root: Path, name: str, row: int) -> int:
    """The file line data row ``row`` starts on (negative: from the end), as the table is written."""
    rows = read_rows(root, name)
    return write_rows(root, name, rows)[1:][row]


def replace_file(path: Path, data: bytes) -> None:
    """Replace a file even where the copy kept it read-only (the report texts are)."""
    if path.exists() and not path.is_dir():
        path.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def random_bytes(n: int, seed: int = 1) -> bytes:
    """Bytes that are no text: seeded, with NULs among them."""
    return random.Random(seed).randbytes(n)


def curated(name: str) -> str:
    return f"{CURATED}/{name}.csv"


# --- params files (command: run) ---------------------------------------------------------------


def params_content(
    content: str | bytes, line: int | None, column: str, fragment: str
) -> Callable[[Path], Setup]:
    def setup(root: Path) -> Setup:
        data = content.encode("utf-8") if isinstance(content, str) else content
        replace_file(root / BAD_PARAMS, data)
        return Setup(Expect(BAD_PARAMS, line, column, fragment), (BAD_PARAMS,))

    return setup


def duplicate_run(root: Path) -> Setup:
    shutil.copy(root / PARAMS_2018, root / "params" / "again.yaml")
    return Setup(
        Expect("params/again.yaml", None, "-", f"the same run as {PARAMS_2018}"),
        (PARAMS_2018, "params/again.yaml"),
    )


def params_directory(root: Path) -> Setup:
    return Setup(Expect("params", None, "-", "cannot read the params file"), ("params/",))


def params_missing(root: Path) -> Setup:
    return Setup(Expect("params/nope.yaml", None, "-", "no such params file"), ("params/nope.yaml",))


PARAMS_CASES = [
    Case(
        "params-unknown-key",
        "params",
        ("run",),
        params_content("region: kaizhou\nyear: 2018\nlnag: en\n", 3, "lnag", "unknown parameter"),
    ),
    Case(
        "params-wrong-type-year-string",
        "params",
        ("run",),
        params_content("region: kaizhou\nyear: '2018'\n", 2, "year", "valid integer"),
    ),
    Case(
        "params-wrong-type-year-bool",
        "params",
        ("run",),
        params_content("region: kaizhou\nyear: true\n", 2, "year", "valid integer"),
    ),
    Case(
        "params-wrong-type-region-number",
        "params",
        ("run",),
        params_content("region: 42\nyear: 2018\n", 1, "region", "valid string"),
    ),
    Case(
        "params-missing-key",
        "params",
        ("run",),
        params_content("region: kaizhou\n", None, "year", "required parameter is missing"),
    ),
    Case(
        "params-bad-lang",
        "params",
        ("run",),
        params_content("region: kaizhou\nyear: 2018\nlang: fr\n", 3, "lang", "'fr'"),
    ),
    Case(
        "params-unknown-region",
        "params",
        ("run",),
        params_content("region: atlantis\nyear: 2018\n", 1, "region", "no region 'atlantis'"),
    ),
    Case(
        "params-year-without-report",
        "params",
        ("run",),
        params_content("region: kaizhou\nyear: 2031\n", 2, "year", "no report for kaizhou 2031"),
    ),
    Case(
        "params-year-out-of-range",
        "params",
        ("run",),
        params_content("region: kaizhou\nyear: 1899\n", 2, "year", "greater than or equal to 2000"),
    ),
    Case(
        "params-invalid-date-value",
        "params",
        ("run",),
        params_content("region: kaizhou\nyear: 2019-02-30\n", 2, "-", "'2019-02-30' is not a date"),
    ),
    Case(
        "params-null-key",
        "params",
        ("run",),
        params_content("region: kaizhou\nyear: 2018\nnull: en\n", 3, "null", "a parameter name must be text"),
    ),
    Case("params-empty", "params", ("run",), params_content("", None, "-", "the params file is empty")),
    Case(
        "params-whitespace-only",
        "params",
        ("run",),
        params_content("  \n\n", None, "-", "the params file is empty"),
    ),
    Case(
        "params-not-a-mapping",
        "params",
        ("run",),
        params_content("- kaizhou\n- 2018\n", 1, "-", "must be a mapping"),
    ),
    Case("params-scalar", "params", ("run",), params_content("kaizhou 2018\n", 1, "-", "must be a mapping")),
    Case(
        "params-invalid-yaml",
        "params",
        ("run",),
        params_content("region: [kaizhou\nyear: 2018\n", ANY_LINE, "-", "not valid YAML"),
    ),
    Case("params-binary", "params", ("run",), params_content(random_bytes(300), None, "-", "not UTF-8 text")),
    Case(
        "params-binary-nul-bytes",
        "params",
        ("run",),
        params_content(b"\x00\x01\x02region\x00", None, "-", "the params file is binary, not text"),
    ),
    Case(
        "params-gbk-encoded",
        "params",
        ("run",),
        params_content(
            "# 开州区 2018年\nregion: kaizhou\nyear: 2018\n".encode("gbk"), None, "-", "not UTF-8 text"
        ),
    ),
    Case("params-duplicate-run", "params", ("run",), duplicate_run),
    Case("params-directory", "params", ("run",), params_directory),
    Case("params-missing-file", "params", ("run",), params_missing),
]


# --- curated tables (commands: validate, run) ------------------------------------------------


def duplicate_id(root: Path) -> Setup:
    first = cell(root, "tasks", 0, "task_id")
    line = edit(root, "tasks", 1, task_id=first)
    return Setup(
        Expect(
            curated("tasks"),
            line,
            "task_id",
            f"duplicate task_id '{first}': already on line {line_of_row(root, 'tasks', 0)}",
        )
    )


def cell_case(name: str, row: int, column: str, fragment: str, **cells: str) -> Callable[[Path], Setup]:
    def setup(root: Path) -> Setup:
        line = edit(root, name, row, **cells)
        return Setup(Expect(curated(name), line, column, fragment))

    return setup


def shifted_offsets(root: Path) -> Setup:
    start, end = int(cell(root, "issues", 0, "start")), int(cell(root, "issues", 0, "end"))
    line = edit(root, "issues", 0, start=str(start + 1), end=str(end + 1))
    return Setup(Expect(curated("issues"), line, "quote", "does not match the report text"))


def reversed_offsets(root: Path) -> Setup:
    start = cell(root, "issues", 0, "start")
    line = edit(root, "issues", 0, end=start)
    return Setup(Expect(curated("issues"), line, "end", f"must be greater than start {start}"))


def evidence_of_missing_task(root: Path) -> Setup:
    line = edit(root, "evidence", 1, task_id="t-2099-x99")
    return Setup(
        Expect(
            curated("evidence"), line, "task_id", "unknown task 't-2099-x99': no such task_id in tasks.csv"
        )
    )


def missing_column(root: Path) -> Setup:
    rows = read_rows(root, "issues")
    at = rows[0].index("area_id")
    write_rows(root, "issues", [row[:at] + row[at + 1 :] for row in rows])
    return Setup(Expect(curated("issues"), 1, "area_id", "required column is missing from the header"))


def misspelt_column(root: Path) -> Setup:
    rows = read_rows(root, "issues")
    rows[0][rows[0].index("quote")] = "qoute"
    write_rows(root, "issues", rows)
    return Setup(Expect(curated("issues"), 1, "qoute", "did you mean 'quote'?"))


def ragged_row(root: Path) -> Setup:
    rows = read_rows(root, "issues")
    rows[2].append("one field too many")
    line = write_rows(root, "issues", rows)[2]
    width = len(rows[0])
    return Setup(
        Expect(curated("issues"), line, "-", f"expected {width} fields as in the header, found {width + 1}")
    )


def badly_quoted(root: Path) -> Setup:
    path = table_path(root, "plan_counts")
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[1] = '"pc-x"y' + lines[1][lines[1].index(",") :]  # a quote closed in the middle of a field
    path.write_text("\n".join(lines), encoding="utf-8")
    return Setup(Expect(curated("plan_counts"), 2, "-", "badly quoted field"))


def whole_file(
    name: str, data: Callable[[bytes], bytes], line: int | None, fragment: str
) -> Callable[[Path], Setup]:
    """Replace a table by ``data(its bytes)``."""

    def setup(root: Path) -> Setup:
        path = table_path(root, name)
        replace_file(path, data(path.read_bytes()))
        return Setup(Expect(curated(name), line, "-", fragment))

    return setup


def gbk_table(root: Path) -> Setup:
    path = table_path(root, "tasks")
    text = path.read_text(encoding="utf-8")
    first_wide = next(n for n, line in enumerate(text.split("\n"), start=1) if not line.isascii())
    replace_file(path, text.encode("gbk"))
    return Setup(Expect(curated("tasks"), first_wide, "-", "the file is saved as GBK/GB18030, not UTF-8"))


def last_row(root: Path, name: str) -> tuple[bytes, int, int]:
    """A table's bytes (as written), where its last row starts and the line it starts on."""
    line = line_of_row(root, name, -1)
    data = table_path(root, name).read_bytes()
    at = 0
    for _ in range(line - 1):
        at = data.index(b"\n", at) + 1
    return data, at, line


def truncated_mid_row(root: Path) -> Setup:
    """Cut short after the third field of the last row (plain fields: task_id, plan_year, kind)."""
    data, at, line = last_row(root, "tasks")
    cut = at
    for _ in range(3):
        cut = data.index(b",", cut) + 1
    replace_file(table_path(root, "tasks"), data[:cut])
    return Setup(Expect(curated("tasks"), line, "-", "expected 16 fields as in the header, found 4"))


def truncated_in_quotes(root: Path) -> Setup:
    """Cut short inside the quoted note that ends the last row."""
    data, at, line = last_row(root, "tasks")
    opening = data.rindex(b',"') + 2
    assert opening > at and data[opening : opening + 5].isascii()
    replace_file(table_path(root, "tasks"), data[: opening + 5])
    return Setup(Expect(curated("tasks"), line, "-", "never closed"))


def truncated_mid_character(root: Path) -> Setup:
    """Cut short in the middle of a Chinese character of the last row (as a failed copy leaves it)."""
    data, at, line = last_row(root, "tasks")
    wide = next(i for i in range(at, len(data)) if data[i] >= 0x80)
    replace_file(table_path(root, "tasks"), data[: wide + 1])
    return Setup(Expect(curated("tasks"), line, "-", "ends in the middle of a character"))


LARGE_ROWS = 200_000
LARGE_CELL_ROWS = 20_000


def large_ragged_table(root: Path) -> Setup:
    """200k lines of garbage under the header, none with the header's width (the command may
    list only a file's first problems, so the first line is the one expected)."""
    path = table_path(root, "figures")
    header = path.read_text(encoding="utf-8").split("\n", 1)[0]
    body = "".join(f"garbage {i};{i * 7919:x}\n" for i in range(LARGE_ROWS))
    path.write_text(header + "\n" + body, encoding="utf-8")
    return Setup(Expect(curated("figures"), 2, "-", "expected 12 fields as in the header, found 1"))


def large_garbage_cells(root: Path) -> Setup:
    """20k rows of the header's width, every cell garbage (ids repeat, nothing parses)."""
    path = table_path(root, "figures")
    header = path.read_text(encoding="utf-8").split("\n", 1)[0]
    width = header.count(",") + 1
    draw = random.Random(2)
    rows = [",".join(f"x{draw.randrange(1000)}" for _ in range(width)) for _ in range(LARGE_CELL_ROWS)]
    path.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    start = rows[0].split(",")[header.split(",").index("start")]
    return Setup(Expect(curated("figures"), 2, "start", f"'{start}' is not a whole number"))


CURATED_CASES = [
    Case("curated-duplicate-id", "curated", ("validate", "run"), duplicate_id),
    Case(
        "curated-unknown-area",
        "curated",
        ("validate", "run"),
        cell_case(
            "evidence",
            0,
            "area_id",
            "unknown area 'atlantis': no such area_id in areas.csv",
            area_id="atlantis",
        ),
    ),
    Case(
        "curated-unknown-status",
        "curated",
        ("validate", "run"),
        cell_case("followups", 0, "status", "unknown status 'done': expected one of", status="done"),
    ),
    Case("curated-missing-column", "curated", ("validate", "run"), missing_column),
    Case("curated-misspelt-column", "curated", ("validate", "run"), misspelt_column),
    Case(
        "curated-empty-required-cell",
        "curated",
        ("validate", "run"),
        cell_case("issues", 0, "summary_en", "empty: summary_en is required", summary_en=""),
    ),
    Case(
        "curated-non-numeric-count",
        "curated",
        ("validate", "run"),
        cell_case("plan_counts", 0, "count", "'fifteen' is not a whole number", count="fifteen"),
    ),
    Case(
        "curated-non-numeric-figure-value",
        "curated",
        ("validate", "run"),
        cell_case("figures", 0, "value", "'fifteen' is not a number", value="fifteen"),
    ),
    Case(
        "curated-infinite-figure-value",
        "curated",
        ("validate", "run"),
        cell_case("figures", 0, "value", "'inf' is not a finite number", value="inf"),
    ),
    Case(
        "curated-offset-past-end-of-text",
        "curated",
        ("validate", "run"),
        cell_case("issues", 0, "end", "end 999999 is past the end of the report text", end="999999"),
    ),
    Case(
        "curated-offset-beyond-int64",
        "curated",
        ("validate", "run"),
        cell_case("issues", 0, "end", "99999999999999999999999", end="99999999999999999999999"),
    ),
    Case(
        "curated-offset-negative",
        "curated",
        ("validate", "run"),
        cell_case("issues", 0, "start", "must be 0 or more, not -1", start="-1"),
    ),
    Case("curated-offset-end-not-after-start", "curated", ("validate", "run"), reversed_offsets),
    Case("curated-offset-not-matching-text", "curated", ("validate", "run"), shifted_offsets),
    Case(
        "curated-followup-of-missing-commitment",
        "curated",
        ("validate", "run"),
        cell_case(
            "followups", 0, "commitment_id", "unknown commitment 'cm-2099-99'", commitment_id="cm-2099-99"
        ),
    ),
    Case("curated-evidence-of-missing-task", "curated", ("validate", "run"), evidence_of_missing_task),
    Case(
        "curated-year-below-range",
        "curated",
        ("validate", "run"),
        cell_case("issues", 0, "report_year", "year 1999 is not between 2000 and 2100", report_year="1999"),
    ),
    Case(
        "curated-year-above-range",
        "curated",
        ("validate", "run"),
        cell_case("tasks", 0, "plan_year", "year 2101 is not between 2000 and 2100", plan_year="2101"),
    ),
    Case(
        "curated-empty-file",
        "curated",
        ("validate", "run"),
        whole_file("tasks", lambda data: b"", None, "the file is empty"),
    ),
    Case("curated-gbk-saved", "curated", ("validate", "run"), gbk_table),
    Case(
        "curated-utf16-saved",
        "curated",
        ("validate", "run"),
        whole_file(
            "tasks",
            lambda data: codecs.BOM_UTF16_LE + data.decode("utf-8").encode("utf-16-le"),
            None,
            "saved as UTF-16",
        ),
    ),
    Case("curated-ragged-row", "curated", ("validate", "run"), ragged_row),
    Case("curated-badly-quoted-field", "curated", ("validate", "run"), badly_quoted),
    Case("curated-truncated-mid-row", "curated", ("validate", "run"), truncated_mid_row),
    Case("curated-truncated-inside-quotes", "curated", ("validate", "run"), truncated_in_quotes),
    Case("curated-truncated-mid-character", "curated", ("validate", "run"), truncated_mid_character),
    Case(
        "curated-binary-file",
        "curated",
        ("validate", "run"),
        whole_file("tasks", lambda data: random_bytes(5000), None, "binary content"),
    ),
    Case(
        "curated-workbook-renamed-csv",
        "curated",
        ("validate", "run"),
        whole_file("tasks", lambda data: b"PK\x03\x04" + random_bytes(2000), None, "Excel workbook"),
    ),
    Case("curated-very-large-ragged-table", "curated", ("validate",), large_ragged_table),
    Case("curated-very-large-garbage-cells", "curated", ("validate",), large_garbage_cells),
]


# --- provenance files (commands: validate, run) ----------------------------------------------


def provenance_line(root: Path, field: str) -> int:
    lines = (root / PROVENANCE_2018).read_text(encoding="utf-8").split("\n")
    return next(n for n, line in enumerate(lines, start=1) if line.startswith(f"{field}:"))


def provenance_field(
    field: str, value: str | None, column: str, fragment: str, line: int | None | str = "field"
) -> Callable[[Path], Setup]:
    """Set (or, with None, remove) one field of the 2018 provenance; the problem is expected on
    the field's line unless ``line`` says otherwise."""

    def setup(root: Path) -> Setup:
        path = root / PROVENANCE_2018
        at = provenance_line(root, field)
        lines = path.read_text(encoding="utf-8").split("\n")
        if value is None:
            del lines[at - 1]
        else:
            lines[at - 1] = f"{field}: {value}"
        path.write_text("\n".join(lines), encoding="utf-8")
        return Setup(Expect(PROVENANCE_2018, at if line == "field" else line, column, fragment))

    return setup


def provenance_content(data: bytes, line: int | None, fragment: str) -> Callable[[Path], Setup]:
    def setup(root: Path) -> Setup:
        replace_file(root / PROVENANCE_2018, data)
        return Setup(Expect(PROVENANCE_2018, line, "-", fragment))

    return setup


def provenance_missing(root: Path) -> Setup:
    (root / PROVENANCE_2018).unlink()
    return Setup(
        {
            "validate": Expect(PROVENANCE_2018, None, "-", "missing: every report text needs its provenance"),
            "run": Expect(
                PARAMS_2018, 3, "year", f"the report has no provenance file: expected {PROVENANCE_2018}"
            ),
        }
    )


PROVENANCE_CASES = [
    Case(
        "provenance-invalid-yaml",
        "provenance",
        ("validate", "run"),
        provenance_field("title", "[unclosed", "-", "not valid YAML", line=ANY_LINE),
    ),
    Case(
        "provenance-invalid-date",
        "provenance",
        ("validate", "run"),
        provenance_field("written", "2019-02-30", "-", "'2019-02-30' is not a date"),
    ),
    Case(
        "provenance-date-not-a-date",
        "provenance",
        ("validate", "run"),
        provenance_field("published", "soon", "published", "'soon' is not a date written YYYY-MM-DD"),
    ),
    Case(
        "provenance-missing-title",
        "provenance",
        ("validate", "run"),
        provenance_field(
            "title", None, "title", "missing: the provenance needs the report's title", line=None
        ),
    ),
    Case(
        "provenance-unknown-coverage",
        "provenance",
        ("validate", "run"),
        provenance_field(
            "coverage", "partial", "coverage", "coverage is 'partial': expected full or excerpt"
        ),
    ),
    Case(
        "provenance-not-a-mapping",
        "provenance",
        ("validate", "run"),
        provenance_content(b"- title\n- publisher\n", None, "a provenance file is a list of fields"),
    ),
    Case(
        "provenance-empty",
        "provenance",
        ("validate", "run"),
        provenance_content(b"", None, "a provenance file is a list of fields"),
    ),
    Case(
        "provenance-binary",
        "provenance",
        ("validate", "run"),
        provenance_content(random_bytes(400, seed=3), None, "cannot read the provenance file"),
    ),
    Case("provenance-missing-file", "provenance", ("validate", "run"), provenance_missing),
]


# --- report files (command: extract; a region's report also validate and run) ---------------


def report_2019(root: Path) -> bytes:
    return (root / REPORTS / "2019.txt").read_bytes()


def incoming(
    data: Callable[[Path], bytes],
    line: int | Callable[[bytes], int] | None,
    fragment: str,
    name: str = "report.txt",
) -> Callable[[Path], Setup]:
    """A report file ``incoming/<name>`` holding ``data(root)``, for ``extract``."""

    def setup(root: Path) -> Setup:
        content = data(root)
        replace_file(root / INCOMING / name, content)
        at = line(content) if callable(line) else line
        return Setup(Expect(f"{INCOMING}/{name}", at, "-", fragment), (f"{INCOMING}/{name}",))

    return setup


def truncated_utf8(root: Path) -> bytes:
    """The 2019 report cut in the middle of its last (Chinese) character."""
    data = report_2019(root).rstrip()
    assert len(data[-3:].decode("utf-8")) == 1
    return data[:-1]


def report_directory(root: Path) -> Setup:
    (root / INCOMING).mkdir()
    return Setup(Expect(INCOMING, None, "-", "cannot read the report"), (INCOMING,))


def report_missing(root: Path) -> Setup:
    return Setup(
        Expect(f"{INCOMING}/nope.txt", None, "-", "cannot read the report"), (f"{INCOMING}/nope.txt",)
    )


def region_report_binary(root: Path) -> Setup:
    replace_file(root / REPORTS / "2019.txt", random_bytes(3000, seed=4))
    return Setup(Expect(f"{REPORTS}/2019.txt", None, "-", "the report is binary"))


REPORT_CASES = [
    Case(
        "report-empty-0-bytes",
        "report",
        ("extract",),
        incoming(lambda root: b"", None, "the report file is empty"),
    ),
    Case(
        "report-whitespace-only",
        "report",
        ("extract",),
        incoming(lambda root: b" \r\n\t\n", None, "the report file is empty"),
    ),
    Case(
        "report-binary-random-bytes",
        "report",
        ("extract",),
        incoming(lambda root: random_bytes(4096, seed=5), None, "not UTF-8 or GB18030"),
    ),
    Case(
        "report-random-bytes-without-nul",
        "report",
        ("extract",),
        incoming(lambda root: random_bytes(4096, seed=6).replace(b"\0", b"\x01"), None, "undecodable bytes"),
    ),
    Case(
        "report-utf16-with-bom",
        "report",
        ("extract",),
        incoming(
            lambda root: report_2019(root).decode("utf-8").encode("utf-16"), None, "the report is UTF-16"
        ),
    ),
    Case(
        "report-utf16-without-bom",
        "report",
        ("extract",),
        incoming(lambda root: report_2019(root).decode("utf-8").encode("utf-16-le"), None, "UTF-16"),
    ),
    Case(
        "report-truncated-multibyte-utf8",
        "report",
        ("extract",),
        incoming(
            truncated_utf8, lambda data: data.count(b"\n") + 1, "ends in the middle of a UTF-8 character"
        ),
    ),
    Case(
        "report-no-chinese-text",
        "report",
        ("extract",),
        incoming(
            lambda root: b"A report on the rule of law, in English.\n" * 50, None, "contains no Chinese text"
        ),
    ),
    Case(
        "report-shift-jis",
        "report",
        ("extract",),
        incoming(
            lambda root: ("法治政府の建設について報告します。行政手続きを改善しました。" * 40).encode(
                "shift_jis"
            ),
            None,
            "probably another encoding",
        ),
    ),
    Case("report-directory", "report", ("extract",), report_directory),
    Case("report-missing-file", "report", ("extract",), report_missing),
    Case("report-of-region-binary", "report", ("validate", "run"), region_report_binary),
]

CASES = PARAMS_CASES + CURATED_CASES + PROVENANCE_CASES + REPORT_CASES


def _params():
    for case in CASES:
        for command in case.commands:
            yield pytest.param(case, command, id=f"{case.id}[{command}]")


# --- the tests -------------------------------------------------------------------------------


def test_the_cases_cover_every_kind():
    kinds = {
        kind: sum(1 for case in CASES if case.kind == kind)
        for kind in ("params", "curated", "provenance", "report")
    }
    assert all(count >= 5 for count in kinds.values()), kinds
    assert len(CASES) >= 30
    assert len({case.id for case in CASES}) == len(CASES)


def test_the_unbroken_copy_is_valid(project_copy):
    result = run_cli("validate", CURATED, env_root=project_copy)
    assert result.returncode == 0, result.stderr


def default_args(command: str) -> tuple[str, ...]:
    return {"run": (PARAMS_2018,), "validate": (CURATED,), "extract": ()}[command]


def _command(root: Path, case: Case, command: str) -> tuple[Expect, list[str]]:
    """Break the copy at ``root`` as ``case`` does: the problem expected and the command's arguments."""
    setup = case.setup(root)
    args = list(
        setup.args if setup.args is not None and command in ("run", "extract") else default_args(command)
    )
    if command == "run":
        args += ["--out", OUT]
    return setup.expected(command), args


def _first_of_each_kind() -> list:
    seen, first = set(), []
    for param in _params():
        case, command = param.values
        if (case.kind, command) not in seen:
            seen.add((case.kind, command))
            first.append(param)
    return first


@pytest.mark.parametrize("case, command", _first_of_each_kind())
def test_the_command_line_gives_what_the_call_in_this_process_gives(tmp_path, case: Case, command: str):
    """The cases below call ``policy-review`` in the test's process (a Python start saved per case);
    for the first case of each kind and command, a subprocess gives the same exit code and lines."""
    from tests.conftest import copy_project

    answers = []
    for how, call in (("subprocess", run_cli), ("here", run_cli_here)):
        root = copy_project((tmp_path / how).resolve() / "project")
        _expect, args = _command(root, case, command)
        result = call(command, *args, env_root=root)
        answers.append((result.returncode, result.stdout, result.stderr.replace(str(root), "<root>")))
    assert answers[0] == answers[1]
    assert answers[0][0] == 2, answers[0][2][-2000:]


@pytest.mark.parametrize("case, command", list(_params()))
def test_bad_input_exits_2_naming_file_and_line(project_copy, case: Case, command: str):
    root = project_copy
    expect, args = _command(root, case, command)
    result = run_cli_here(command, *args, env_root=root)
    stderr = result.stderr

    assert "Traceback" not in stderr, stderr[-3000:]
    assert result.returncode == 2, stderr[-3000:]
    assert expect.found_in(stderr), f"expected a line {expect}\ngot:\n{stderr[:3000]}"
    lines = stderr.splitlines()
    assert lines and SUMMARY_LINE.match(lines[-1]), lines[-1:]
    odd = [line for line in lines[:-1] if not PROBLEM_LINE.match(line)]
    assert not odd, f"not `file:line: column: what` lines: {odd[:5]}"
    assert str(root) not in stderr, "files are named relative to the project root"
    if command == "extract":
        assert result.stdout == "", "no partial JSON on bad input"
    if command == "run":
        assert not (root / OUT).exists(), "nothing may be written for bad input"
        assert not (root / "reports").exists()


def test_very_large_report_is_extracted(project_copy):
    """A few MB of report text is no bad input: exit 0 and the JSON of every copy of the text.

    The 2018 report without the portal's footer (everything after the footer's first line is
    navigation, left out of extraction), 200 times over."""
    text = (project_copy / REPORTS / "2018.txt").read_text(encoding="utf-8")
    text = text[: text.index(FOOTER)] * 200
    big = project_copy / INCOMING / "big.txt"
    big.parent.mkdir()
    big.write_text(text, encoding="utf-8")
    assert big.stat().st_size > 2_000_000
    result = run_cli("extract", f"{INCOMING}/big.txt", env_root=project_copy, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    extracted = json.loads(result.stdout)
    assert extracted["source"] == f"{INCOMING}/big.txt" and extracted["encoding"] == "utf-8"
    single = json.loads(run_cli("extract", f"{REPORTS}/2018.txt", env_root=project_copy).stdout)
    assert len(extracted["figures"]) >= 100 * len(single["figures"]) > 0
    for figure in extracted["figures"][-20:]:
        assert text[figure["start"] : figure["end"]] == figure["raw"]
