"""Regions nobody curated are checked before any kernel starts (issue 28, cause 2; issue 27, point
7): a run reads their provenance, their plans and every report of their trends all the same, so a
broken one is exit 2 naming the file and line, as ``validate`` gives, never a failure in a cell.
And the marks that let a kernel (or a later run) skip the check cover every file the check reads."""

from __future__ import annotations

import re

import pytest

from policy_review.run import incremental
from policy_review.tables import load
from tests.hostile import QUICK, assert_bad_input, cli


def _edit(root, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert re.search(old, text, re.M), (relative, old)
    path.write_text(re.sub(old, new, text, count=1, flags=re.M), encoding="utf-8")


#: (params file, file broken, pattern, replacement, what the problem line holds)
CASES = {
    "coverage partial": (
        "shitai-2020",
        "data/reports/shitai/2020.yaml",
        r"^coverage: excerpt$",
        "coverage: partial",
        ("data/reports/shitai/2020.yaml:14: coverage:", "partial"),
    ),
    "a note that is a number": (
        "tongliang-2021",
        "data/reports/tongliang/2021.yaml",
        r"^coverage_note: .*$",
        "coverage_note: 5",
        ("data/reports/tongliang/2021.yaml:", "coverage_note: coverage_note is 5"),
    ),
    "a plan without its document number": (
        "nansha-2020",
        "data/plans/nansha/2020.yaml",
        r"^document_number: .*$\n",
        "",
        ("data/plans/nansha/2020.yaml", "document number"),
    ),
    "an escape in another year's report (its trends read it)": (
        "wuhan-2023",
        "data/reports/wuhan/2022.txt",
        r"^(.)",
        "\x1b[2J\\1",
        ("data/reports/wuhan/2022.txt:1: -:", "U+001B"),
    ),
    "a 310-digit count": (
        "longhua-2019",
        "data/reports/longhua/2019.txt",
        r"^(.)",
        "全年完成" + "9" * 310 + "项任务。\n\\1",
        ("data/reports/longhua/2019.txt:1: -:", "10^18 or more"),
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_broken_input_of_a_region_nobody_curated_stops_the_run_before_any_kernel(project_copy, case):
    params, relative, old, new, fragments = CASES[case]
    assert not (project_copy / "data" / "curated" / params.rsplit("-", 1)[0]).exists()
    _edit(project_copy, relative, old, new)
    result = cli(project_copy, "run", f"params/{params}.yaml", "--out", "out", timeout=QUICK)
    assert_bad_input(result, *fragments)
    assert "\x1b" not in result.stderr
    assert not (project_copy / "out").exists()  # nothing ran, nothing was written
    assert_bad_input(cli(project_copy, "validate", relative, timeout=QUICK), *fragments)  # the same answer


@pytest.mark.parametrize(
    "relative",
    [
        "data/reports/shitai/2020.yaml",
        "data/reports/shitai/2020.txt",
        "data/plans/nansha/2020.yaml",
        "data/plans/nansha/2020.txt",
        "data/sources/longhua/2019-report.txt",
        "data/sources/pingtan-junshan/2021-plan.html",
    ],
)
def test_the_marks_of_checked_data_cover_reports_plans_and_originals(project_copy, relative):
    region = relative.split("/")[2]
    path = project_copy / relative
    assert path.is_file(), relative
    kept, marked = incremental.validation_mark(region), load.data_fingerprint(region)
    path.write_bytes(path.read_bytes() + b"\n")
    assert incremental.validation_mark(region) != kept  # a later run checks it again
    assert load.data_fingerprint(region) != marked  # and so does a kernel
