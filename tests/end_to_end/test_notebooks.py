"""The notebooks under nbval, as a researcher would run them with their default parameters.

Notebooks are committed without outputs, so the expected text of each stable summary cell
(marked ``# NBVAL_CHECK_OUTPUT``) is kept in ``tests/expected/`` — checked by hand against the
Kaizhou reports — and put into a temporary copy of the notebook that nbval then runs with
``--nbval-lax`` (only the marked cells are compared; itables ids and figure reprs change every run).
"""

from __future__ import annotations

import subprocess
import sys

import nbformat
import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow

EXPECTED = ROOT / "tests" / "expected"


def _with_expected_output(notebook: str, expected_file: str, target_dir) -> tuple:
    nb = nbformat.read(ROOT / "notebooks" / notebook, as_version=4)
    checked = [c for c in nb.cells if c.cell_type == "code" and "NBVAL_CHECK_OUTPUT" in c.source]
    assert len(checked) == 1, "exactly one summary cell is checked"
    expected = (EXPECTED / expected_file).read_text(encoding="utf-8")
    checked[0].outputs = [nbformat.v4.new_output("stream", name="stdout", text=expected)]
    checked[0].execution_count = 1  # nbval compares only cells that were run
    path = target_dir / notebook
    nbformat.write(nb, path)
    return path, expected


@pytest.mark.parametrize(
    "notebook, expected_file",
    [
        ("year_review.ipynb", "year_review_headline.txt"),
        ("trends.ipynb", "trends_headline.txt"),
    ],
)
def test_notebook_runs_top_to_bottom_and_summary_matches(tmp_path, notebook, expected_file):
    path, _ = _with_expected_output(notebook, expected_file, tmp_path)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:xdist",
            "--nbval-lax",
            "--nbval-current-env",
            "-q",
            str(path),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in result.stdout


def test_nbval_fails_when_the_summary_differs(tmp_path):
    """The check can fail: a wrong expected number is caught."""
    path, expected = _with_expected_output("year_review.ipynb", "year_review_headline.txt", tmp_path)
    nb = nbformat.read(path, as_version=4)
    cell = next(c for c in nb.cells if c.cell_type == "code" and "NBVAL_CHECK_OUTPUT" in c.source)
    cell.outputs[0]["text"] = expected.replace("assigned 15", "assigned 16")
    nbformat.write(nb, path)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:xdist",
            "--nbval-lax",
            "--nbval-current-env",
            "-q",
            str(path),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=600,
    )
    assert result.returncode == 1
