"""A year run's tables made by its kernel (handover.py): the very files the worker would make, taken
only for the run they were made for, and nothing written when the notebook runs by hand."""

from __future__ import annotations

import io
import json
import os
import zipfile

import pytest

from policy_review.review import year_review as rv
from policy_review.run import execution, handover


def _sheets(data: bytes) -> dict[str, bytes]:
    """The spreadsheet's parts that hold its content (not the zip's timestamps)."""
    book = zipfile.ZipFile(io.BytesIO(data))
    return {name: book.read(name) for name in book.namelist() if name.startswith("xl/")}


@pytest.mark.slow
@pytest.mark.parametrize("region, year, lang", [("kaizhou", 2018, "en"), ("wuhan", 2023, "zh")])
def test_a_run_takes_the_tables_its_kernel_made_and_they_are_the_workers(region, year, lang, monkeypatch):
    """A curated report and an uncurated excerpt in Chinese: the job's summary, spreadsheet and
    source page come from the kernel (the worker's own way is made to fail), and are byte for byte
    what the worker makes itself."""
    made_here = execution.run_tables(region, year, lang, "y")

    def not_here(*args):
        raise AssertionError("the worker made the tables itself")

    monkeypatch.setattr(execution, "run_tables", not_here)
    made = []
    mkdtemp = execution.tempfile.mkdtemp

    def noted(*args, **kwargs):
        made.append(mkdtemp(*args, **kwargs))
        return made[-1]

    monkeypatch.setattr(execution.tempfile, "mkdtemp", noted)
    result = execution.notebook_job(
        "year_review.ipynb", {"region": region, "year": year, "lang": lang}, "y", ahead=False, tables=True
    )
    assert result.ok, result.error
    files = result.files
    assert sorted(files) == sorted([*made_here, "y.ipynb"])
    assert files["y.summary.json"] == made_here["y.summary.json"]
    assert files["y.source.html"] == made_here["y.source.html"]
    assert _sheets(files["y.xlsx"]) == _sheets(made_here["y.xlsx"])
    handed = [d for d in made if os.path.basename(d).startswith("policy-review-handover-")]
    assert handed and not [d for d in handed if os.path.exists(d)]  # the kernel's folder went with it


def test_by_hand_nothing_is_written(tmp_path, monkeypatch):
    monkeypatch.delenv(handover.ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    handover.hand_over(rv.load_review("example", 2021, "en"))
    assert list(tmp_path.iterdir()) == []
    # a folder that is not there (the worker removed it) is not made either
    monkeypatch.setenv(handover.ENV, str(tmp_path / "gone"))
    handover.hand_over(rv.load_review("example", 2021, "en"))
    assert list(tmp_path.iterdir()) == []


def test_tables_are_taken_only_for_the_run_they_were_made_for(tmp_path, monkeypatch):
    monkeypatch.setenv(handover.ENV, str(tmp_path))
    handover.hand_over(rv.load_review("example", 2021, "zh"))
    assert json.loads((tmp_path / handover.MARK).read_text(encoding="utf-8")) == {
        "region": "example",
        "year": 2021,
        "lang": "zh",
    }
    run = {"region": "example", "year": 2021, "lang": "zh"}
    files = handover.taken(tmp_path, run, "2021.zh")
    assert sorted(files) == ["2021.zh.source.html", "2021.zh.summary.json", "2021.zh.xlsx"]
    assert json.loads(files["2021.zh.summary.json"])["region"] == "example"
    for other in ({**run, "year": 2022}, {**run, "lang": "en"}, {**run, "region": "kaizhou"}):
        assert handover.taken(tmp_path, other, "x") is None
    (tmp_path / "run.xlsx").unlink()  # a hand-over cut short
    assert handover.taken(tmp_path, run, "2021.zh") is None
    (tmp_path / handover.MARK).unlink()
    assert handover.taken(tmp_path, run, "2021.zh") is None
    assert handover.taken(None, run, "2021.zh") is None
