"""Helpers shared by the hostile-input tests (``test_hostile_*.py``; SECURITY.md lists what they check)."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import run_cli

REGION = "kaizhou"
CURATED = f"data/curated/{REGION}"
REPORTS = f"data/reports/{REGION}"
#: Every case must answer within this: it only bounds a hang (the failure these tests look for),
#: generous enough for a loaded 2-core machine; how fast a case answers is no test's business.
QUICK = 300
LONG_NAME = "k" * 300


def cli(root: Path, *args: str, env: dict | None = None, timeout: int = QUICK) -> subprocess.CompletedProcess:
    """``policy-review`` in a subprocess in ``root``, with extra environment variables."""
    if env is None:
        return run_cli(*args, env_root=root, timeout=timeout)
    full = {**os.environ, "POLICY_REVIEW_ROOT": str(root), **env}
    return subprocess.run(
        [sys.executable, "-m", "policy_review.cli", *args],
        capture_output=True,
        text=True,
        env=full,
        timeout=timeout,
        cwd=root,
    )


def assert_bad_input(result: subprocess.CompletedProcess, *fragments: str) -> None:
    """Exit 2, no traceback, and a problem line holding every fragment."""
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    assert result.returncode == 2, result.stderr[-2000:]
    lines = result.stderr.splitlines()
    assert lines[-1].startswith("policy-review: "), lines[-1:]
    assert any(all(f in line for f in fragments) for line in lines[:-1]), (
        f"no line with {fragments}:\n{result.stderr[:2000]}"
    )


def edit_table(root: Path, name: str, row: int, **cells: str) -> int:
    """Set cells of data row ``row`` of a curated table; the file line the row is on."""
    path = root / CURATED / f"{name}.csv"
    with path.open(encoding="utf-8-sig", newline="") as file:  # a CR planted before stays a CR
        rows = list(csv.reader(file))
    for column, value in cells.items():
        rows[row + 1][rows[0].index(column)] = value
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL).writerows(rows)  # CR quoted too
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")
    return row + 2  # the shipped tables' rows are one line each


def kernels_of(pid: int) -> list[int]:
    """The Jupyter kernels among the descendants of process ``pid`` (none once it is gone): kernels
    started the usual way, and kernels forked from a worker's template with the launcher that
    stands for each (kernel_template.py)."""
    import psutil

    try:
        children = psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []
    kernels = []
    for child in children:
        try:
            command = " ".join(child.cmdline())
            forked = "kernel_template" in command and "kernel_template" in " ".join(child.parent().cmdline())
            kernel = "ipykernel" in command or "kernel_launcher" in command or forked
            if kernel and child.status() != psutil.STATUS_ZOMBIE:
                kernels.append(child.pid)
        except psutil.Error:
            pass
    return kernels


def wait_until(condition, what: str, timeout: float = 300, every: float = 0.2):
    """Poll ``condition`` until it is true (and return its value); fail after ``timeout`` seconds,
    which only bounds a hang: the tests wait for a state, never for a fixed time."""
    deadline = time.monotonic() + timeout
    while not (value := condition()):
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(every)
    return value


#: The cell of a one-cell year review (``one_cell_notebooks``): it reads the run's report through the
#: package, as the real notebook does (so the run knows what it read), and hands over stand-in
#: tables, so that no review is loaded: a run of it costs a kernel's start and little more.
YEAR_CELL = """
import json, os
from pathlib import Path
from policy_review.core import paths
from policy_review.sources.report_text import read_report_text

text = read_report_text(paths.report_text_path(region, year))
folder = os.environ.get("POLICY_REVIEW_HANDOVER")
if folder:
    for suffix in ("summary.json", "xlsx", "source.html"):
        Path(folder, "run." + suffix).write_text("{}")
    Path(folder, "handed.json").write_text(json.dumps({"region": region, "year": int(year), "lang": lang}))
print(len(text))
"""


def one_cell_notebooks(root: Path, year: str = "", trends: str = "", first: str = "") -> None:
    """Replace the year review and trends notebooks of a project copy by one cell each (after the
    parameters): ``first``, :data:`YEAR_CELL`, then ``year``; ``trends``. For tests of the runner,
    not of the pages."""
    import nbformat

    for name, parameters, code in (
        (
            "year_review.ipynb",
            'region = "kaizhou"\nyear = 2018\nlang = "en"\nsources = None',
            first + YEAR_CELL + year,
        ),
        ("trends.ipynb", 'region = "kaizhou"\nlang = "en"\nsources = None', "print(region)\n" + trends),
    ):
        notebook = nbformat.v4.new_notebook()
        notebook.metadata["kernelspec"] = {
            "name": "python3",
            "display_name": "Python 3",
            "language": "python",
        }
        notebook.cells = [
            nbformat.v4.new_code_cell(parameters, metadata={"tags": ["parameters"]}),
            nbformat.v4.new_code_cell(code),
        ]
        nbformat.write(notebook, root / "notebooks" / name)


def only_params(root: Path, *names: str) -> None:
    """Keep only the named params files (``kaizhou-2018``) of a project copy."""
    for path in (root / "params").glob("*.yaml"):
        if path.stem not in names:
            path.unlink()
