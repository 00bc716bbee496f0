"""Reviews loaded once per run (loaded_reviews.py): the kept review is the one loaded, with its
text's extraction; a changed file, another language or other source pages are loaded afresh;
nothing is kept outside a run, and a run leaves no folder behind."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

from policy_review.draft import extract
from policy_review.review import loaded_reviews, summary, year_review as rv
from policy_review.tables import params


@pytest.fixture
def run_folder(tmp_path, monkeypatch):
    folder = tmp_path / "reviews"
    folder.mkdir()
    monkeypatch.setenv(loaded_reviews.ENV, str(folder))
    return folder


def _loads(monkeypatch) -> list[tuple]:
    """Count the reviews actually loaded (not taken from the run's folder)."""
    calls = []
    load = rv.read_review

    def counted(*args):
        calls.append(args)
        return load(*args)

    monkeypatch.setattr(rv, "read_review", counted)
    return calls


@pytest.mark.parametrize(
    "region, year, lang", [("kaizhou", 2018, "en"), ("wuhan", 2023, "zh"), ("example", 2022, "en")]
)
def test_a_kept_review_is_the_loaded_one_with_its_extraction(region, year, lang, run_folder, monkeypatch):
    """A curated report, an uncurated excerpt (its tables a draft from its text) and a synthetic
    report with a ledger: the review taken is the one loaded, and its headline is the same
    without extracting the text again."""
    loads = _loads(monkeypatch)
    first = rv.load_review(region, year, lang)
    expected = summary.headline_of(first)
    assert len(loads) == 1 and len(list(run_folder.glob("*.pickle"))) == 1

    def not_again(*args, **kwargs):
        raise AssertionError("the text was extracted again")

    monkeypatch.setattr(extract, "extract_report", not_again)
    again = rv.load_review(region, year, lang)
    assert len(loads) == 1 and again is not first
    for name in ("evidence", "figures", "issues", "commitments", "tasks", "plan_counts", "followups"):
        pd.testing.assert_frame_equal(getattr(again, name), getattr(first, name))
    assert again.provenance == first.provenance and again.text == first.text
    assert summary.headline_of(again) == expected


def test_another_language_other_sources_or_a_changed_file_are_loaded_afresh(
    project_copy, run_folder, monkeypatch
):
    loads = _loads(monkeypatch)
    rv.load_review("wuhan", 2023, "zh")
    rv.load_review("wuhan", 2023, "zh")
    assert len(loads) == 1
    rv.load_review("wuhan", 2023, "en")
    rv.load_review("wuhan", 2023, "zh", {"2023": "2023.zh.source.html"})
    assert len(loads) == 3
    report = project_copy / "data" / "reports" / "wuhan" / "2023.txt"
    report.write_bytes(report.read_bytes() + "\n六、其他\n补充一段。\n".encode())
    rv.region_tables.cache_clear()
    changed = rv.load_review("wuhan", 2023, "zh")
    assert len(loads) == 4 and "补充一段。" in changed.text


def test_an_unreadable_kept_review_is_loaded_as_usual(run_folder, monkeypatch):
    loads = _loads(monkeypatch)
    rv.load_review("example", 2021, "en")
    (kept,) = run_folder.glob("*.pickle")
    kept.write_bytes(b"not a pickle")
    review = rv.load_review("example", 2021, "en")
    assert len(loads) == 2 and review.year == 2021
    assert kept.read_bytes() != b"not a pickle"  # kept again, whole


def test_outside_a_run_nothing_is_kept(tmp_path, monkeypatch):
    monkeypatch.delenv(loaded_reviews.ENV, raising=False)
    loads = _loads(monkeypatch)
    rv.load_review("example", 2021, "en")
    rv.load_review("example", 2021, "en")
    assert len(loads) == 2
    monkeypatch.setenv(loaded_reviews.ENV, str(tmp_path / "gone"))  # the run ended: its folder is gone
    rv.load_review("example", 2021, "en")
    assert len(loads) == 3 and not (tmp_path / "gone").exists()


@pytest.mark.slow
def test_a_run_keeps_its_reviews_until_its_trends_have_run(project_copy, tmp_path, monkeypatch):
    """The example's two years are kept (the year run's, and the trends' other year), then
    removed once the region's trends have run; the folder goes when the run ends."""
    from policy_review.run import runner

    monkeypatch.delenv(loaded_reviews.ENV, raising=False)
    made, forgotten = [], []
    run_folder, forget = loaded_reviews.run_folder, loaded_reviews.forget

    def noted():
        made.append(run_folder())
        return made[-1]

    def noted_forget(region):
        forgotten.append((region, sorted(p.name.split(".")[0] for p in Path(made[0]).glob("*.pickle"))))
        forget(region)
        forgotten.append((region, sorted(p.name for p in Path(made[0]).glob("*.pickle"))))

    monkeypatch.setattr(loaded_reviews, "run_folder", noted)
    monkeypatch.setattr(loaded_reviews, "forget", noted_forget)
    runs = params.load_runs([project_copy / "params" / "example-2021.yaml"])
    outcomes = runner.run(runs, tmp_path / "out", n_jobs=1)
    assert all(o.ok for o in outcomes), [o.error for o in outcomes]
    assert forgotten == [("example", ["example", "example"]), ("example", [])]
    assert len(made) == 1 and not Path(made[0]).exists()
    assert loaded_reviews.ENV not in os.environ


def test_forgetting_a_region_keeps_the_others(run_folder):
    rv.load_review("example", 2021, "en")
    rv.load_review("kaizhou", 2018, "en")
    loaded_reviews.forget("example")
    assert [p.name.split(".")[0] for p in run_folder.glob("*.pickle")] == ["kaizhou"]


def test_the_run_folders_are_private_and_unpredictable():
    from policy_review.run import execution

    folders = [loaded_reviews.run_folder() for _ in range(2)]
    km = execution._start_kernel(preload=False)
    try:
        folders.append(km.pr_handover)
        for folder in folders:
            assert os.stat(folder).st_mode & 0o777 == 0o700, folder
        assert len(set(folders)) == 3
    finally:
        execution._stop_kernel(km)
        for folder in folders[:2]:
            os.rmdir(folder)
    assert not os.path.exists(km.pr_handover)  # removed with its kernel
