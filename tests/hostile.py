"""Helpers shared by the hostile-input tests (``test_hostile_*.py``; SECURITY.md lists what they check)."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

from .conftest import run_cli

REGION = "kaizhou"
CURATED = f"data/curated/{REGION}"
REPORTS = f"data/reports/{REGION}"
#: Every case must answer within this (a hang is the failure these tests look for).
QUICK = 60
LONG_NAME = "k" * 300


def cli(root: Path, *args: str, env: dict | None = None, timeout: int = QUICK) -> subprocess.CompletedProcess:
    """``policy-review`` in a subprocess in ``root``, with extra environment variables."""
    if env is None:
        return run_cli(*args, env_root=root, timeout=timeout)
    full = {**os.environ, "POLICY_REVIEW_ROOT": str(root), **env}
    return subprocess.run([sys.executable, "-m", "policy_review.cli", *args], capture_output=True,
                          text=True, env=full, timeout=timeout, cwd=root)


def assert_bad_input(result: subprocess.CompletedProcess, *fragments: str) -> None:
    """Exit 2, no traceback, and a problem line holding every fragment."""
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    assert result.returncode == 2, result.stderr[-2000:]
    lines = result.stderr.splitlines()
    assert lines[-1].startswith("policy-review: "), lines[-1:]
    assert any(all(f in line for f in fragments) for line in lines[:-1]), \
        f"no line with {fragments}:\n{result.stderr[:2000]}"


def edit_table(root: Path, name: str, row: int, **cells: str) -> int:
    """Set cells of data row ``row`` of a curated table; the file line the row is on."""
    path = root / CURATED / f"{name}.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
    for column, value in cells.items():
        rows[row + 1][rows[0].index(column)] = value
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL).writerows(rows)  # CR quoted too
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")
    return row + 2  # the shipped tables' rows are one line each
