"""Validation of the curated and reference tables: the shipped data, and broken copies of it.

Each test copies ``data/`` into a temporary project root (``POLICY_REVIEW_ROOT``), breaks one
thing, and checks the exact ``file:line: column: message`` that ``validate`` reports. A table
the shipped data does not have yet is first written with one valid row.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pandas as pd
import pytest

from policy_review.core import paths
from policy_review.core.edited_files import read_table
from policy_review.core.errors import BadInput
from policy_review.sources.report_text import read_report_text
from policy_review.tables import load
from policy_review.tables.curated_tables import CURATED
from policy_review.tables.load import RegionYear, load_reference, load_region, load_year, vocabulary
from policy_review.tables.validate import validate

SHIPPED = paths.data_dir()
REGION = "kaizhou"
CURATED_AT = f"data/curated/{REGION}"


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project root holding a copy of the shipped data."""
    shutil.copytree(SHIPPED, tmp_path / "data")
    monkeypatch.setenv("POLICY_REVIEW_ROOT", str(tmp_path))
    return tmp_path


# --- helpers ------------------------------------------------------------------------------


def report(year: int) -> str:
    return read_report_text(paths.report_text_path(REGION, year))


def passage(year: int, quote: str, column: str = "quote") -> dict[str, str]:
    start = report(year).index(quote)
    return {"start": str(start), "end": str(start + len(quote)), column: quote}


def minimal_row(name: str) -> dict[str, str]:
    """One valid row of a table, for tables the shipped data does not have yet."""
    if name == "followups":
        commitment = rows("commitments")[0]
        return {
            "followup_id": "fu-test",
            "commitment_id": commitment["commitment_id"],
            "report_year": commitment["for_year"],
            "status": "not_found",
            "reason": "the report is an excerpt",
            "summary_en": "not found",
        }
    common = {"report_year": "2018", "area_id": "organisation", "summary_en": "a gloss"}
    return {
        "plan_counts": {
            "count_id": "pc-test",
            "plan_year": "2018",
            "kind": "annual",
            "stage": "assigned",
            "count": "15",
            **passage(2018, "2018年度任务共15项"),
        },
        "tasks": {
            "task_id": "t-test",
            "plan_year": "2018",
            "kind": "annual",
            "name_zh": "证明事项清单",
            "name_en": "certification list",
            "area_id": "functions",
            "basis": "named",
            "reporting": "evidenced",
            "progress": "complete",
            **passage(2018, "证明事项清单"),
        },
        "evidence": {
            "evidence_id": "ev-test",
            "section_path": "一",
            "kind": "annual",
            "reporting": "claimed",
            **passage(2018, "各项年度任务基本完成"),
        },
        "figures": {
            "figure_id": "fig-test",
            "value": "15",
            "unit": "项",
            "label_zh": "年度任务",
            "label_en": "annual tasks",
            "kind": "count",
            **passage(2018, "15项", "raw"),
        },
        "issues": {
            "issue_id": "is-test",
            "theme": "uneven_attention",
            **passage(2018, "乡镇街道基本没有工作情况反馈"),
        },
        "commitments": {
            "commitment_id": "cm-test",
            "for_year": "2019",
            "section_path": "三",
            **passage(2018, "及早细化分解工作任务"),
        },
    }[name] | {key: value for key, value in common.items() if key in CURATED[name].column_names}


def table_path(name: str) -> Path:
    return paths.curated_dir(REGION) / f"{name}.csv"


def rows(name: str) -> list[dict[str, str]]:
    """The rows of a curated table, writing a one-row table first if there is none."""
    path = table_path(name)
    if not path.exists() or not list(csv.DictReader(path.open(encoding="utf-8-sig"))):
        write(name, [minimal_row(name)])
    with path.open(encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file))


def write(name: str, table: list[dict[str, str]], header: list[str] | None = None) -> None:
    header = header or CURATED[name].column_names
    with table_path(name).open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, header, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(table)


def change(name: str, index: int = 0, **cells: str) -> None:
    """Change some cells of one row (the first by default, on line 2)."""
    table = rows(name)
    table[index].update(cells)
    write(name, table)


def next_line(name: str) -> int:
    """The file line a row appended to the table starts on."""
    return len(table_path(name).read_text(encoding="utf-8").splitlines()) + 1


def problems(path: Path | str | None = None) -> list[str]:
    return [str(problem) for problem in validate(path)]


# --- the shipped data ---------------------------------------------------------------------


def test_shipped_data_has_no_problems():
    assert problems() == []


def test_shipped_region_loads_with_typed_columns():
    tables = load_region(REGION)
    assert set(tables) == set(CURATED)
    for name, frame in tables.items():
        if name == "ledger":
            assert str(frame["checkpoint"].dtype).startswith("datetime64")
            continue
        assert str(frame["start"].dtype) == "Int64" and str(frame["end"].dtype) == "Int64"
        assert str(frame["report_year"].dtype) == "Int64"
    assert str(tables["plan_counts"]["count"].dtype) == "Int64"
    assert tables["figures"]["value"].dtype == "float64"


def test_shipped_reference_and_vocabularies():
    reference = load_reference()
    assert set(reference) == {
        "areas",
        "vocabularies",
        "statutory_requirements",
        "reporting_rules",
        # issue 11: both outlines with a crosswalk, and the draft's term lists
        "frameworks",
        "areas_2021",
        "area_crosswalk",
        "area_terms",
        "theme_terms",
        "reporting_terms",
        # issue 25: the labels of a saved page's metadata block, read by `policy-review import`
        "metadata_labels",
        # issue 26: the delayed/not-started words and the provinces, once each
        "progress_words",
        "provinces",
    }
    assert reference["areas"]["area_id"].is_unique
    assert vocabulary("followup_status") == [
        "evidenced",
        "mentioned",
        "delayed",
        "not_found",
        "not_available",
    ]
    with pytest.raises(KeyError):
        vocabulary("no_such_vocabulary")


def test_load_year_gathers_one_report():
    year = load_year(REGION, 2019)
    assert isinstance(year, RegionYear)
    assert year.provenance["coverage"] == "excerpt"
    assert year.text == report(2019)
    assert set(year.plan_counts["plan_year"]) <= {2019}
    for frame in (year.tasks, year.evidence, year.figures, year.issues, year.commitments, year.followups):
        assert set(frame["report_year"]) <= {2019}
    assert set(year.previous_commitments["report_year"]) <= {2018}
    assert set(year.followups["commitment_id"]) <= set(year.previous_commitments["commitment_id"])


def test_region_with_only_report_texts_loads_uncurated(root):
    folder = paths.reports_dir("elsewhere")
    folder.mkdir(parents=True)
    shutil.copy(paths.report_text_path(REGION, 2020), folder / "2020.txt")
    provenance = paths.provenance_path(REGION, 2020).read_text(encoding="utf-8")
    (folder / "2020.yaml").write_text(
        provenance.replace(f"region: {REGION}", "region: elsewhere"), encoding="utf-8"
    )
    year = load_year("elsewhere", 2020)
    assert year.has_curated_rows is False
    assert year.tasks.empty and list(year.tasks.columns) == CURATED["tasks"].column_names
    assert str(year.evidence["start"].dtype) == "Int64"


# --- one broken thing per test ------------------------------------------------------------


def test_duplicate_id(root):
    table = rows("tasks")
    line = next_line("tasks")
    write("tasks", table + [table[0]])
    first = table[0]["task_id"]
    assert problems() == [
        f"{CURATED_AT}/tasks.csv:{line}: task_id: duplicate task_id '{first}': already on line 2"
    ]


def test_unknown_area(root):
    change("tasks", area_id="nowhere")
    assert problems() == [
        f"{CURATED_AT}/tasks.csv:2: area_id: unknown area 'nowhere': no such area_id in areas.csv"
    ]


def test_unknown_status(root):
    change("followups", status="done")
    assert problems() == [
        f"{CURATED_AT}/followups.csv:2: status: unknown status 'done': expected one of "
        "evidenced, mentioned, delayed, not_found, not_available (vocabulary "
        "followup_status)"
    ]


def test_missing_column(root):
    header = [name for name in CURATED["issues"].column_names if name != "summary_en"]
    write("issues", rows("issues"), header)
    assert problems() == [
        f"{CURATED_AT}/issues.csv:1: summary_en: required column is missing from the header"
    ]


def test_misspelt_column(root):
    header = ["summry_en" if name == "summary_en" else name for name in CURATED["issues"].column_names]
    write("issues", [row | {"summry_en": row["summary_en"]} for row in rows("issues")], header)
    assert problems() == [
        f"{CURATED_AT}/issues.csv:1: summry_en: unknown column 'summry_en': did you mean 'summary_en'?"
    ]


def test_unknown_extra_column_is_allowed(root):
    header = CURATED["issues"].column_names + ["reviewer"]
    write("issues", [row | {"reviewer": "Li"} for row in rows("issues")], header)
    assert problems() == []


def test_non_numeric_value(root):
    change("figures", value="many")
    assert problems() == [f"{CURATED_AT}/figures.csv:2: value: 'many' is not a number"]


def test_offset_out_of_range(root):
    issue = rows("issues")[0]
    length = len(report(int(issue["report_year"])))
    change("issues", end=str(length + 10))
    assert problems() == [
        f"{CURATED_AT}/issues.csv:2: end: end {length + 10} is past the end of "
        f"the report text ({length} characters)"
    ]


def test_offset_not_matching_the_text(root):
    item = rows("evidence")[0]
    start, end = int(item["start"]), int(item["end"])
    change("evidence", start=str(start + 1), end=str(end + 1))
    [problem] = problems()
    assert problem.startswith(
        f"{CURATED_AT}/evidence.csv:2: quote: does not match the report "
        f"text: text[{start + 1}:{end + 1}] is '"
    )
    assert problem.endswith(f"'; the passage is at {start}:{end}")


def test_followup_of_a_missing_commitment(root):
    change("followups", commitment_id="cm-missing")
    assert problems() == [
        f"{CURATED_AT}/followups.csv:2: commitment_id: unknown commitment "
        "'cm-missing': no such commitment_id in commitments.csv"
    ]


def test_followup_in_the_wrong_report(root):
    table = rows("followups")
    index = next(i for i, row in enumerate(table) if row["status"] == "not_found")
    commitment = table[index]["commitment_id"]
    for_year = {row["commitment_id"]: row["for_year"] for row in rows("commitments")}[commitment]
    change("followups", index, report_year="2020")
    [problem] = problems()
    assert problem.endswith(
        f"report_year: commitment {commitment} is for {for_year}: its "
        f"follow-up is in the {for_year} report, not 2020"
    )


def test_evidence_of_a_missing_task(root):
    change("evidence", task_id="t-missing")
    assert problems() == [
        f"{CURATED_AT}/evidence.csv:2: task_id: unknown task 't-missing': no such task_id in tasks.csv"
    ]


def test_empty_file(root):
    rows("issues")
    table_path("issues").write_bytes(b"")
    assert problems() == [
        f"{CURATED_AT}/issues.csv: -: the file is empty: a table needs at least its header row"
    ]


def test_header_only_table_is_fine(root):
    write("issues", [])
    assert problems() == []


def test_table_saved_as_gbk(root):
    rows("tasks")
    path = table_path("tasks")
    path.write_bytes(path.read_text(encoding="utf-8").encode("gb18030"))
    assert problems() == [
        f"{CURATED_AT}/tasks.csv:2: -: the file is saved as GBK/GB18030, not UTF-8; save it as "
        'UTF-8: in Excel, Save As → "CSV UTF-8 (Comma delimited)"; or convert it with '
        "`iconv -f GB18030 -t UTF-8 OLD.csv > NEW.csv`"
    ]


def test_utf8_with_bom_reads_as_usual(root):
    rows("tasks")
    path = table_path("tasks")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert problems() == []
    assert list(load_region(REGION)["tasks"].columns) == CURATED["tasks"].column_names


def test_ragged_row(root):
    rows("issues")
    line = next_line("issues")
    with table_path("issues").open("a", encoding="utf-8") as file:
        file.write("is-extra,2018,other\n")
    width = len(table_path("issues").read_text(encoding="utf-8").splitlines()[0].split(","))
    assert problems() == [
        f"{CURATED_AT}/issues.csv:{line}: -: expected {width} fields as in the header, found 3"
    ]


def test_binary_file(root):
    rows("issues")
    table_path("issues").write_bytes(b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)))
    [problem] = problems()
    assert problem.startswith(
        f"{CURATED_AT}/issues.csv: -: this is an Excel workbook or zip archive, not a CSV file"
    )


def test_negative_count(root):
    change("plan_counts", count="-3")
    assert problems() == [f"{CURATED_AT}/plan_counts.csv:2: count: must be 0 or more, not -3"]


def test_start_not_before_end(root):
    end = rows("issues")[0]["end"]
    change("issues", start=end)
    assert problems() == [f"{CURATED_AT}/issues.csv:2: end: end {end} must be greater than start {end}"]


def test_year_out_of_range(root):
    change("tasks", plan_year="1999")
    assert problems() == [f"{CURATED_AT}/tasks.csv:2: plan_year: year 1999 is not between 2000 and 2100"]


def test_for_year_not_the_next_year(root):
    report_year = rows("commitments")[0]["report_year"]
    change("commitments", for_year=report_year)
    found = problems()
    assert (
        f"{CURATED_AT}/commitments.csv:2: for_year: for_year {report_year} must be the year "
        f"after report_year {report_year}"
    ) in found


def test_not_found_with_offsets(root):
    text = report(int(rows("followups")[0]["report_year"]))
    change("followups", status="not_found", reason="not in the excerpt", start="0", end="5", quote=text[:5])
    assert problems() == [
        f"{CURATED_AT}/followups.csv:2: {column}: a not_found follow-up has no passage: leave it empty"
        for column in ("start", "end", "quote")
    ]


def test_not_found_without_reason(root):
    change("followups", status="not_found", reason="", start="", end="", quote="")
    assert problems() == [
        f"{CURATED_AT}/followups.csv:2: reason: empty: a not_found follow-up "
        "needs a reason (e.g. the report is an excerpt)"
    ]


def test_missing_provenance(root):
    paths.provenance_path(REGION, 2019).unlink()
    assert problems() == [
        f"data/reports/{REGION}/2019.yaml: -: missing: every report text needs "
        "its provenance file beside it (title, publisher, index_number, written, "
        "published, coverage)"
    ]


def test_bad_provenance_fields(root):
    path = paths.provenance_path(REGION, 2018)
    lines = path.read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, start=1) if text.startswith("coverage:"))
    lines[line - 1] = "coverage: partial"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert problems() == [
        f"data/reports/{REGION}/2018.yaml:{line}: coverage: coverage is 'partial': expected full or excerpt"
    ]


def test_missing_report_text(root):
    change("issues", report_year="2021")
    assert problems() == [
        f"{CURATED_AT}/issues.csv:2: report_year: no report text for 2021: "
        f"data/reports/{REGION}/2021.txt does not exist"
    ]


def test_duplicate_area_in_reference(root):
    path = paths.reference_dir() / "areas.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines + [lines[1]]) + "\n", encoding="utf-8")
    first = lines[1].split(",")[0]
    assert problems() == [
        f"data/reference/areas.csv:{len(lines) + 1}: area_id: duplicate area_id '{first}': already on line 2"
    ]


# --- kernels skip checks the runner has just made, unless a file changed -------------------


@pytest.fixture
def marked(root: Path, monkeypatch: pytest.MonkeyPatch):
    """The runner's mark (``mark_validated``) for the region and the reference tables, and a
    count of the checks that run after it."""
    monkeypatch.delenv(load.VALIDATED_ENV, raising=False)
    load.mark_validated([REGION])
    checks = []
    for name in ("checked_reference", "checked_region"):
        real = getattr(load, name)
        monkeypatch.setattr(load, name, lambda *a, real=real, name=name: checks.append(name) or real(*a))
    return checks


def test_marked_data_loads_without_checks_and_the_same(marked, monkeypatch):
    fast_reference, fast_region = load_reference(), load_region(REGION)
    assert marked == []
    monkeypatch.delenv(load.VALIDATED_ENV)
    checked_reference, checked_region = load_reference(), load_region(REGION)
    assert set(marked) == {"checked_reference", "checked_region"}
    for fast, checked in ((fast_reference, checked_reference), (fast_region, checked_region)):
        assert fast.keys() == checked.keys()
        for name in fast:
            pd.testing.assert_frame_equal(fast[name], checked[name])


def test_a_reference_file_changed_after_the_mark_is_checked_again(marked):
    _duplicate_an_area()
    with pytest.raises(BadInput, match="duplicate area_id"):
        load_reference()
    assert "checked_reference" in marked


def test_a_curated_file_changed_after_the_mark_is_checked_again(marked):
    change("tasks", area_id="nowhere")
    with pytest.raises(BadInput, match="nowhere"):
        load_region(REGION)
    assert "checked_region" in marked


def _duplicate_an_area() -> None:
    path = paths.reference_dir() / "areas.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines + [lines[1]]) + "\n", encoding="utf-8")


def test_several_problems_in_one_file_are_all_reported(root):
    table = rows("tasks")
    if len(table) < 3:
        write("tasks", table + [table[0] | {"task_id": f"t-copy-{i}"} for i in range(3)])
    change("tasks", 0, area_id="nowhere")
    change("tasks", 1, kind="yearly")
    change("tasks", 2, plan_year="x")
    lines = _row_lines("tasks")[:3]
    assert problems() == [
        f"{CURATED_AT}/tasks.csv:{lines[0]}: area_id: unknown area 'nowhere': no such area_id in areas.csv",
        f"{CURATED_AT}/tasks.csv:{lines[1]}: kind: unknown kind 'yearly': expected one of annual, "
        "long_term, other (vocabulary task_kind)",
        f"{CURATED_AT}/tasks.csv:{lines[2]}: plan_year: 'x' is not a whole number",
    ]


def _row_lines(name: str) -> list[int]:
    """The line each row starts on, counted from the raw text."""
    reader = csv.reader(table_path(name).open(encoding="utf-8", newline=""))
    next(reader)
    starts, previous = [], reader.line_num
    for _ in reader:
        starts.append(previous + 1)
        previous = reader.line_num
    return starts


def test_validate_one_file_reports_only_that_file(root):
    change("tasks", area_id="nowhere")
    change("issues", theme="nonsense")
    assert problems(table_path("issues")) == [
        f"{CURATED_AT}/issues.csv:2: theme: unknown theme 'nonsense': expected one of uneven_attention, "
        "reform_gaps, enforcement_quality, legal_thinking, reporting_gaps, institutional_reform, "
        "institution_lag, grassroots_weakness, informatisation_gaps, legal_staff_shortage, oversight_gaps, "
        "decision_gaps, public_awareness, other (vocabulary problem_theme)"
    ]
    assert len(problems(paths.curated_dir(REGION))) == 2


def test_misnamed_table_file(root):
    shutil.copy(table_path(next(iter(CURATED))), paths.curated_dir(REGION) / "task.csv")
    assert problems() == [
        f"{CURATED_AT}/task.csv: -: not read: did you mean tasks.csv? (tables "
        "are CSV files named after the table)"
    ]


def test_load_functions_raise_bad_input_with_every_problem(root):
    change("tasks", area_id="nowhere")
    change("issues", theme="nonsense")
    with pytest.raises(BadInput) as raised:
        load_year(REGION, 2018)
    assert len(raised.value.problems) == 2


# --- reading one CSV ----------------------------------------------------------------------


def test_quoted_newline_keeps_file_line_numbers(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text('a,b\n"one\ntwo",1\n3\n4,5\n', encoding="utf-8")
    frame, found = read_table(path)
    assert [str(problem) for problem in found] == [
        f"{path}:4: -: expected 2 fields as in the header, found 1"
    ]
    assert frame.attrs["lines"] == [2, 5]
    assert frame["a"].tolist() == ["one\ntwo", "4"]


def test_empty_cells_are_missing_values(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("a,b\n1,\n", encoding="utf-8")
    frame, found = read_table(path)
    assert found == [] and pd.isna(frame.loc[0, "b"])


# --- one id written two ways ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "column"), [("tasks", "task_id"), ("evidence", "evidence_id"), ("figures", "figure_id")]
)
@pytest.mark.parametrize("spelling", ["upper", "trailing space", "leading space"])
def test_ids_differing_only_in_case_or_spaces_are_refused(root, name, column, spelling):
    """``T1``, ``t1`` and ``T1 `` are one id written two ways: passed, they count one task twice."""
    table = rows(name)
    first = table[0][column]
    other = {"upper": first.upper(), "trailing space": first + " ", "leading space": " " + first}[spelling]
    assert other != first
    line = next_line(name)
    write(name, table + [{**table[0], column: other}])
    found = [p for p in problems() if p.startswith(f"{CURATED_AT}/{name}.csv:{line}: {column}: ")]
    assert any("only in case or spaces" in p or "space before or after" in p for p in found), problems()


def test_an_id_with_a_space_around_it_is_refused_even_when_alone(root):
    change("tasks", task_id=rows("tasks")[0]["task_id"] + " ")
    assert any("space before or after it" in p and ":2: task_id:" in p for p in problems()), problems()
