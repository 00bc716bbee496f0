"""Incremental runs: unchanged inputs with outputs there are skipped (and said so), ``--force``
re-runs, and adding one report re-runs only what depends on it; each year with two or more
regions gets its comparison page, linked from the index."""

from __future__ import annotations

import re
import shutil

import pytest

from tests.conftest import run_cli

pytestmark = pytest.mark.slow


def _copy_region_report(root, source: str, target: str, year: int) -> None:
    """A second, uncurated region: one of the shipped report texts under another region id."""
    folder = root / "data" / "reports" / target
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(root / "data" / "reports" / source / f"{year}.txt", folder / f"{year}.txt")
    provenance = (root / "data" / "reports" / source / f"{year}.yaml").read_text(encoding="utf-8")
    (folder / f"{year}.yaml").write_text(
        re.sub(r"(?m)^region: .*$", f"region: {target}", provenance), encoding="utf-8"
    )
    (root / "params" / f"{target}-{year}.yaml").write_text(
        f"region: {target}\nyear: {year}\nlang: en\n", encoding="utf-8"
    )


def _states(stderr: str) -> dict[str, str]:
    return {
        m.group(1): m.group(2) for m in re.finditer(r"^\[\d+/\d+\] (.+?): (ok|skipped|FAILED)", stderr, re.M)
    }


def test_adding_one_report_re_runs_only_what_depends_on_it(project_copy, tmp_path):
    for p in project_copy.glob("params/*.yaml"):
        if p.stem not in ("kaizhou-2019", "kaizhou-2020"):
            p.unlink()
    _copy_region_report(project_copy, "kaizhou", "kaizhoucopy", 2019)
    out = tmp_path / "out"
    first = run_cli("run", "--jobs", "2", "--out", str(out), env_root=project_copy)
    assert first.returncode == 0, first.stderr
    assert _states(first.stderr) == {
        "kaizhou 2019": "ok",
        "kaizhou 2020": "ok",
        "kaizhoucopy 2019": "ok",
        "kaizhou trends": "ok",
        "kaizhoucopy trends": "ok",
        "compare 2019": "ok",
    }
    assert (out / "compare" / "2019.html").is_file() and not (out / "compare" / "2020.html").exists()
    # the total grows when the comparisons are known, and says so: every line's total is the one
    # announced last (5 year and trends runs, then 1 comparison: 6 in all)
    totals = [int(n) for n in re.findall(r"^\[\d+/(\d+)\]", first.stderr, re.M)]
    assert totals == [5] * 5 + [6] and "1 more to run (compare" in first.stderr, first.stderr
    assert 'href="compare/2019.html"' in (out / "index.html").read_text(encoding="utf-8")
    page = (out / "compare" / "2019.html").read_text(encoding="utf-8")
    assert "../kaizhou/2019.html#sec-coverage" in page and "../kaizhoucopy/2019.html#sec-statutory" in page
    assert (
        "excerpt" in page and "draft" in page
    )  # both rows are flagged: kaizhou 2019 is an excerpt, the copy a draft

    again = run_cli("run", "--out", str(out), env_root=project_copy)
    assert again.returncode == 0, again.stderr
    assert set(_states(again.stderr).values()) == {"skipped"}
    assert "nothing to run: all 6 notebooks are up to date" in again.stderr and "0 of 0" not in again.stderr

    _copy_region_report(project_copy, "kaizhou", "kaizhoucopy", 2020)
    added = run_cli("run", "--jobs", "2", "--out", str(out), env_root=project_copy)
    assert added.returncode == 0, added.stderr
    states = _states(added.stderr)
    ran = sorted(k for k, v in states.items() if v == "ok")
    # the year before re-runs too: its source page marks the sentences the new report repeats
    assert ran == ["compare 2020", "kaizhoucopy 2019", "kaizhoucopy 2020", "kaizhoucopy trends"], added.stderr
    assert states["kaizhou 2019"] == states["kaizhou 2020"] == states["compare 2019"] == "skipped"
    assert (out / "compare" / "2020.html").is_file()

    forced = run_cli("run", "params/kaizhou-2020.yaml", "--force", "--out", str(out), env_root=project_copy)
    assert forced.returncode == 0, forced.stderr
    assert _states(forced.stderr)["kaizhou 2020"] == "ok"
