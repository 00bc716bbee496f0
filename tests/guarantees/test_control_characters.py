"""Control characters (issue 28, cause 3), decided per field: a curated cell, a params or provenance
value and a report text hold none (exit 2 naming the character), except that a report keeps its
page and line breaks (form feed, vertical tab: common in text from PDFs and Word), which a
spreadsheet cell shows as a line break; and every message, the FAILED line included, shows any
control character escaped."""

from __future__ import annotations

import io
import re

import openpyxl
import pandas as pd
import pytest

from policy_review.core.errors import printable
from policy_review.pages.exports.spreadsheet import write_sheet
from policy_review.run.jobs import Outcome
from policy_review.sources import provenance
from policy_review.tables import params, texts
from policy_review.tables.validate import validate
from tests.hostile import CURATED, QUICK, cli, edit_table, one_cell_notebooks, only_params


@pytest.mark.parametrize(
    "table, column, char",
    [
        ("evidence", "summary_en", "\x1b"),  # ESC: a terminal's escape sequences
        ("figures", "label_en", "\x0b"),  # a vertical tab: no spreadsheet cell holds it
        ("issues", "summary_en", "\x07"),  # BEL
        ("tasks", "name_en", "\x9b"),  # a C1 control (CSI)
        ("commitments", "summary_en", "\x7f"),  # DEL
        ("plan_counts", "note", "\x0c"),  # a form feed: a page break belongs to a report, not a cell
    ],
)
def test_a_curated_cell_with_a_control_character_is_refused(project_copy, table, column, char):
    line = edit_table(project_copy, table, 0, **{column: f"before{char}after"})
    found = [str(p) for p in validate(project_copy / CURATED / f"{table}.csv")]
    expected = (
        f"{CURATED}/{table}.csv:{line}: {column}: the cell holds the control character U+{ord(char):04X}"
    )
    assert any(p.startswith(expected) for p in found), found
    assert not any(char in p for p in found)  # shown escaped


@pytest.mark.parametrize(
    "value, code",
    [
        ('"kaizhou\\e[2J"', "U+001B"),
        ('"kai\\u0000zhou"', "U+0000"),
        ('"k\\x07"', "U+0007"),
        ('"k\\N"', "U+0085"),
    ],
)
def test_a_params_value_holding_a_control_character_is_refused(tmp_path, value, code):
    path = tmp_path / "p.yaml"
    path.write_text(f"year: 2018\nregion: {value}\n", encoding="utf-8")
    run, problems = params.check_params_file(path)
    assert run is None and [(p.line, code in p.message) for p in problems] == [(2, True)], problems


@pytest.mark.parametrize("field", ["title", "published_note", "coverage_note_zh"])
@pytest.mark.parametrize("escape, code", [("\\e[2J", "U+001B"), ("\\u0000", "U+0000"), ("\\v", "U+000B")])
def test_a_provenance_value_holding_a_control_character_is_refused(project_copy, field, escape, code):
    path = project_copy / "data" / "reports" / "shitai" / "2020.yaml"
    kept = [
        line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith(f"{field}:")
    ]
    path.write_text("\n".join(kept) + f'\n{field}: "a{escape}b"\n', encoding="utf-8")
    found = provenance.file_problems(path, provenance.ReportProvenance, "shitai")
    assert [(p.line, code in p.message) for p in found] == [(len(kept) + 1, True)], found


@pytest.mark.parametrize("char", ["\x1b", "\x00", "\x07", "\x85", "\x7f", "\x1f"])
def test_a_report_holding_a_control_character_is_refused_with_its_line(project_copy, char):
    path = project_copy / "data" / "reports" / "tongliang" / "2022.txt"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[2] = lines[2][:5] + char + lines[2][5:]
    path.write_text("\n".join(lines), encoding="utf-8")
    found = texts.region_text_problems("tongliang")
    shown = [str(p) for p in found]
    if char == "\x00":  # a NUL makes the file binary: refused as such, with its line
        assert any("tongliang/2022.txt:3:" in s and "NUL" in s for s in shown) or any(
            "tongliang/2022.txt" in s and "binary" in s for s in shown
        ), shown
    else:
        assert any(
            "data/reports/tongliang/2022.txt:3: -:" in s and f"U+{ord(char):04X}" in s for s in shown
        ), shown


@pytest.mark.parametrize("char", ["\x0c", "\x0b"])
def test_page_and_line_breaks_in_a_report_are_kept_and_shown_as_line_breaks(project_copy, char):
    path = project_copy / "data" / "reports" / "shitai" / "2020.txt"
    text = path.read_text(encoding="utf-8")
    at = text.index("。") + 1
    path.write_text(text[:at] + char + text[at:], encoding="utf-8")
    assert texts.region_text_problems("shitai") == []
    frame = pd.DataFrame({"quote": [text[:at] + char + text[at : at + 8]], "n": [1]})
    book = openpyxl.Workbook(write_only=True)
    write_sheet(book, "t", frame)
    buffer = io.BytesIO()
    book.save(buffer)
    cell = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))["t"]["A2"].value
    assert cell == text[:at] + "\n" + text[at : at + 8]


def test_the_failed_line_shows_control_characters_escaped():
    outcome = Outcome(
        "kaizhou 2018", "kaizhou", "2018", "params/kaizhou-2018.yaml", error="\x1b[2J\x1b[Hok\u202e"
    )
    line = outcome.failure_line()
    assert line == "FAILED kaizhou 2018 (params/kaizhou-2018.yaml): \\x1b[2J\\x1b[Hok\\u202e"
    assert printable(line) == line


@pytest.mark.slow
def test_a_run_whose_error_holds_escapes_prints_them_escaped_on_one_line(project_copy):
    only_params(project_copy, "shitai-2020")
    one_cell_notebooks(
        project_copy, year='raise ValueError("\\x1b[2J\\x1b[H\\x1b[32mall good: 0 problems\\nsecond")\n'
    )
    result = cli(project_copy, "run", "--out", "out", timeout=QUICK)
    assert result.returncode == 1, result.stderr
    assert "\x1b" not in result.stderr and "Traceback" not in result.stderr
    failed = [line for line in result.stderr.splitlines() if line.startswith("FAILED")]
    assert len(failed) == 1 and re.match(
        r"FAILED shitai 2020 \(params/shitai-2020.yaml\) in cell \d: "
        r"ValueError: \\x1b\[2J\\x1b\[H\\x1b\[32mall good: 0 problems \[import json, os\]$",
        failed[0],
    ), result.stderr
    assert (project_copy / "out" / "shitai" / "2020.failed.ipynb").is_file()
