"""The run's check of its inputs, before any kernel starts: the same problems whether the regions
are checked in this process or shared among forked ones (``policy-review run --jobs``)."""

from __future__ import annotations

import multiprocessing

import pytest

from policy_review.core.errors import BadInput
from policy_review.example import corpus
from policy_review.run import preflight
from policy_review.tables import params, validate


@pytest.fixture
def broken_corpus(tmp_path, monkeypatch):
    """Ten synthetic regions (enough to be checked in parallel), two of them broken."""
    root = tmp_path / "project"
    ids = corpus.write_corpus(root, 10)
    monkeypatch.setenv("POLICY_REVIEW_ROOT", str(root))
    evidence = root / "data" / "curated" / ids[2] / "evidence.csv"
    text = evidence.read_text(encoding="utf-8")
    evidence.write_text(text.replace(",claimed,", ",not_reported,", 1), encoding="utf-8")
    tasks = root / "data" / "curated" / ids[8] / "tasks.csv"
    lines = tasks.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[2].replace(",annual,", ",yearly,", 1)
    tasks.write_text("".join(lines), encoding="utf-8")
    return ids


def _problems(jobs: int) -> list[str]:
    with pytest.raises(BadInput) as caught:
        preflight.check_inputs(params.load_runs(), jobs=jobs)
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="forks (Linux)")
def test_regions_checked_in_parallel_find_what_one_process_finds(broken_corpus, monkeypatch):
    ids = broken_corpus
    assert len(ids) >= preflight.PARALLEL_FROM
    alone = _problems(jobs=1)
    assert any(ids[2] in p and "evidence.csv:2" in p and "not_reported" in p for p in alone), alone
    assert any(ids[8] in p and "tasks.csv:3" in p and "yearly" in p for p in alone), alone
    here = []
    checked_region = validate.checked_region

    def noted(region, reference):
        here.append(region)  # (in a forked process, this list is the child's own)
        return checked_region(region, reference)

    monkeypatch.setattr(validate, "checked_region", noted)
    assert _problems(jobs=2) == alone
    assert here == []  # the regions were checked in the forked processes, not in this one
    assert _problems(jobs=1) == alone and len(here) == len(ids)


def test_a_clean_corpus_passes_and_is_marked_validated(tmp_path, monkeypatch):
    root = tmp_path / "project"
    ids = corpus.write_corpus(root, 9)
    monkeypatch.setenv("POLICY_REVIEW_ROOT", str(root))
    marks = preflight.check_inputs(params.load_runs(), out_dir=tmp_path / "out", jobs=2)
    assert sorted(marks) == sorted(f"validated:{region}" for region in ids)


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="forks (Linux)")
def test_a_checking_process_that_dies_leaves_the_check_to_this_one(broken_corpus, monkeypatch):
    import os

    alone = _problems(jobs=1)
    parent, checked_region = os.getpid(), validate.checked_region

    def dies_in_a_child(region, reference):
        if os.getpid() != parent:
            os._exit(9)  # as if killed
        return checked_region(region, reference)

    monkeypatch.setattr(validate, "checked_region", dies_in_a_child)
    assert _problems(jobs=2) == alone


def test_an_uncurated_regions_provenance_is_checked_before_any_kernel(project_copy, tmp_path):
    """A region with report texts but no curated tables (tongliang) is checked too: a
    ``coverage: partial`` is the ``file:line:`` problem ``make validate`` gives, before any kernel
    starts, not a KeyError inside a notebook (issue 27, point 7)."""
    from policy_review.run import incremental

    assert not (project_copy / "data" / "curated" / "tongliang").exists()
    runs = [run for run in params.load_runs() if run.region == "tongliang"]
    marks = preflight.check_inputs(runs, out_dir=tmp_path / "out")
    assert "validated:tongliang" in marks  # checked clean, and marked
    before = incremental.validation_mark("tongliang")
    yaml = project_copy / "data" / "reports" / "tongliang" / "2021.yaml"
    yaml.write_text(
        yaml.read_text(encoding="utf-8").replace("coverage: excerpt", "coverage: partial"), encoding="utf-8"
    )
    assert incremental.validation_mark("tongliang") != before  # the mark covers the provenance
    with pytest.raises(BadInput) as caught:
        preflight.check_inputs(runs, out_dir=tmp_path / "out")
    found = [str(problem) for problem in caught.value.problems]
    assert any("2021.yaml:" in p and "partial" in p for p in found), found
