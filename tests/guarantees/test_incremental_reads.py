"""A run is skipped only when it would write the same (issue 28, cause 4): its fingerprint covers
what its kernel read, with the hash of the bytes it read (a report edited while the run read it,
then put back, runs again), the plans it depends on, and the options that change its pages
(``--with-code``); ``--pdf`` prints every good page whose PDF is not there, run now or skipped.

The notebooks of the runs are one cell each (tests/hostile.py): each run costs a kernel's start;
what a run depends on is checked on the jobs the runner makes, without running them."""

from __future__ import annotations

import re
import shutil

import pytest

from tests.hostile import QUICK, cli, one_cell_notebooks, only_params

#: Edits the report as the run reads it, once (while the marker is there): an edit during the run.
EDIT_DURING_THE_RUN = """
from pathlib import Path as _Path
from policy_review.core import paths as _paths

_marker = _paths.root() / "edit-during-the-run"
if _marker.exists():
    _report = _paths.report_text_path(region, year)
    _report.write_bytes(_report.read_bytes() + "\\n补充一句。".encode("utf-8"))
    _marker.unlink()
"""


def _states(stderr: str) -> dict[str, str]:
    return dict(re.findall(r"^\[\d+/\d+\] (.+?): (ok|skipped|FAILED)", stderr, re.M))


def _run(root, *options: str) -> dict[str, str]:
    result = cli(root, "run", "--out", "out", *options, timeout=QUICK)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    return _states(result.stderr)


@pytest.mark.slow
def test_a_report_edited_during_the_run_then_put_back_runs_again(project_copy):
    only_params(project_copy, "nansha-2020")
    one_cell_notebooks(project_copy, first=EDIT_DURING_THE_RUN)
    report = project_copy / "data" / "reports" / "nansha" / "2020.txt"
    original = report.read_bytes()
    (project_copy / "edit-during-the-run").touch()
    assert _run(project_copy) == {"nansha 2020": "ok", "nansha trends": "ok"}
    assert report.read_bytes() != original  # the run read the edited text ...
    report.write_bytes(original)  # ... which is put back: the page is of a text that is not there
    assert _run(project_copy)["nansha 2020"] == "ok"
    assert set(_run(project_copy).values()) == {"skipped"}


def _inputs(root, **options) -> dict[str, str]:
    from policy_review.run import kinds
    from policy_review.tables import params

    invocation = kinds.Invocation(params.load_runs(), root / "out", options)
    return {job.outcome.label: job.outcome.inputs for job in kinds.jobs(1, invocation)}


@pytest.mark.parametrize(
    "relative, changed",
    [
        ("data/plans/nansha/2020.yaml", {"nansha 2020", "nansha trends"}),
        ("data/plans/nansha/2020.txt", {"nansha 2020", "nansha trends"}),
        # next year's report: the trends, and this year's review (its source page marks the
        # sentences next year's report repeats)
        ("data/reports/nansha/2021.txt", {"nansha 2020", "nansha trends"}),
        ("data/reports/nansha/2020.yaml", {"nansha 2020", "nansha trends"}),
    ],
)
def test_what_a_run_depends_on_includes_its_plans(project_copy, relative, changed):
    only_params(project_copy, "nansha-2020")
    before = _inputs(project_copy)
    path = project_copy / relative
    path.write_bytes(path.read_bytes() + b"\n")
    after = _inputs(project_copy)
    assert {label for label in before if before[label] != after[label]} == changed


def test_with_code_is_part_of_what_a_page_depends_on(project_copy):
    only_params(project_copy, "nansha-2020")
    plain, with_code = _inputs(project_copy, with_code=False), _inputs(project_copy, with_code=True)
    assert all(plain[label] != with_code[label] for label in plain) and len(plain) == 2


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("chromium") is None, reason="--pdf needs Debian's chromium")
def test_pdf_after_a_plain_run_prints_the_pages_it_skipped(project_copy):
    pytest.importorskip("playwright")
    only_params(project_copy, "nansha-2020")
    one_cell_notebooks(project_copy)
    assert set(_run(project_copy).values()) == {"ok"}
    result = cli(project_copy, "run", "--out", "out", "--pdf", timeout=QUICK)
    assert result.returncode == 0 and set(_states(result.stderr).values()) == {"skipped"}, result.stderr
    assert "2 PDF(s) written" in result.stderr
    for name in ("2020.pdf", "trends.pdf"):
        assert (project_copy / "out" / "nansha" / name).read_bytes().startswith(b"%PDF")
