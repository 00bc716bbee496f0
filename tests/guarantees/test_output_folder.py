"""The output folder is not trusted (issue 28, cause 1): a link where a run's folder goes is refused
before any kernel starts and never written through; the index and the comparison see only the
names a run writes, as regular files and real folders; a FIFO, a summary that is no summary, a
manifest that is no manifest or a folder the run cannot write end in the right answer, never a
hang or a traceback."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from policy_review.core import outputs
from policy_review.core.atomic import LinkInTheWay, atomic_write_bytes
from policy_review.pages import index_page
from policy_review.run import incremental
from tests.conftest import ROOT, run_cli
from tests.hostile import QUICK

PARAMS = str(ROOT / "params" / "kaizhou-2018.yaml")


def _victim(tmp_path: Path) -> Path:
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "2018.html").write_text("V", encoding="utf-8")
    return victim


@pytest.mark.parametrize("folder", ["kaizhou", "compare"])
@pytest.mark.parametrize("target", ["a folder", "nothing", "a file"])
def test_a_link_where_a_folder_of_the_run_goes_is_refused_before_running(tmp_path, folder, target):
    victim = _victim(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    pointed = {"a folder": victim, "nothing": tmp_path / "gone", "a file": victim / "2018.html"}[target]
    (out / folder).symlink_to(pointed)
    result = run_cli("run", PARAMS, "--out", str(out), timeout=QUICK)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert f"{folder}: -: a link is in the way" in result.stderr.replace(str(out) + os.sep, ""), result.stderr
    assert sorted(p.name for p in victim.iterdir()) == ["2018.html"]
    assert (victim / "2018.html").read_text(encoding="utf-8") == "V"
    assert sorted(p.name for p in out.iterdir()) == [folder]  # nothing written, not even the index


@pytest.mark.parametrize("planted", ["region", "inner"])
def test_a_folder_replaced_by_a_link_during_the_run_is_not_written_through(tmp_path, planted):
    """The check before the run cannot see a link planted after it: the writes themselves open the
    run's folders without following a link."""
    victim = _victim(tmp_path)
    out = tmp_path / "out"
    (out / "kaizhou").mkdir(parents=True)
    if planted == "region":
        os.rmdir(out / "kaizhou")
        (out / "kaizhou").symlink_to(victim)
        target = out / "kaizhou" / "2018.html"
    else:
        (out / "kaizhou" / "deep").symlink_to(victim)
        target = out / "kaizhou" / "deep" / "2018.html"
    with pytest.raises(LinkInTheWay):
        atomic_write_bytes(target, b"written", within=out)
    assert (victim / "2018.html").read_text(encoding="utf-8") == "V"
    assert sorted(p.name for p in victim.iterdir()) == ["2018.html"]
    atomic_write_bytes(out / "elsewhere" / "x.html", b"ok", within=out)  # a folder is made as it goes
    assert (out / "elsewhere" / "x.html").read_bytes() == b"ok"


def _summary() -> dict:
    """A year run's summary as the runner writes it (kaizhou 2018's)."""
    from policy_review.review.summary import headline

    return {**headline("kaizhou", 2018), "comparison": {"region": "kaizhou", "year": 2018}}


@pytest.fixture(scope="module")
def summary() -> dict:
    return _summary()


def _hostile_out(tmp_path: Path, summary: dict) -> Path:
    """An output folder with one good run, and everything a careless or hostile hand may leave."""
    out = tmp_path / "out"
    good = out / "kaizhou"
    good.mkdir(parents=True)
    (good / "2018.summary.json").write_text(json.dumps(summary), encoding="utf-8")
    (good / "2018.html").write_text("<html></html>", encoding="utf-8")
    (good / "trends.html").write_text("<html></html>", encoding="utf-8")
    os.mkfifo(good / "2017.summary.json")  # a FIFO named like a summary: never waited on
    (good / "2017.html").write_text("x", encoding="utf-8")
    (good / "2016.summary.json").write_text('{"plan": {"annual": ', encoding="utf-8")  # cut short
    (good / "2016.html").write_text("x", encoding="utf-8")
    (good / "2015.summary.json").write_text("{}", encoding="utf-8")
    (good / "2015.html").write_text("x", encoding="utf-8")
    (good / "2014.summary.json").write_text("[" * 100_000, encoding="utf-8")
    (good / "2014.html").write_text("x", encoding="utf-8")
    (good / "2013.summary.json").write_text(json.dumps(summary), encoding="utf-8")
    (good / "2013.html").symlink_to(tmp_path / "elsewhere.html")  # a page that is a link
    (good / "2012.summary.json").symlink_to(good / "2018.summary.json")  # a summary that is a link
    (good / "2012.html").write_text("x", encoding="utf-8")
    for name in ("javascript:alert(document.domain)", "Kaizhou", "data:text", "..x"):
        (out / name).mkdir()
        (out / name / "trends.html").write_text("", encoding="utf-8")
        (out / name / "2018.summary.json").write_text(json.dumps(summary), encoding="utf-8")
        (out / name / "2018.html").write_text("", encoding="utf-8")
    elsewhere = tmp_path / "linked"
    elsewhere.mkdir()
    (elsewhere / "trends.html").write_text("", encoding="utf-8")
    (out / "linked").symlink_to(elsewhere)  # a region folder that is a link
    (out / "compare").symlink_to(tmp_path / "nowhere")  # a dangling compare link
    (out / "runs.json").write_text("[" * 100_000, encoding="utf-8")
    return out


def test_the_index_lists_only_what_a_run_writes(tmp_path, summary):
    out = _hostile_out(tmp_path, summary)
    index = index_page.write_index(out, []).read_text(encoding="utf-8")
    hrefs = set(re.findall(r'href="([^"]*)"', index))
    allowed = {"kaizhou/2018.html", "kaizhou/trends.html"} | {
        f"kaizhou/2018.html#{anchor}" for anchor in index_page.SECTIONS.values()
    }
    assert {"kaizhou/2018.html", "kaizhou/trends.html"} <= hrefs <= allowed, hrefs
    assert "javascript" not in index and "linked" not in index and "data:text" not in index


def test_a_hostile_output_folder_gives_no_comparison_row_and_no_traceback(tmp_path, summary):
    from policy_review.review.compare import kept_languages, kept_summary

    out = _hostile_out(tmp_path, summary)
    assert outputs.listed_regions(out) == ["kaizhou"]
    assert kept_summary(out / "kaizhou", 2018, "en") == out / "kaizhou" / "2018.summary.json"
    for year in (2012, 2013, 2014, 2015, 2016, 2017):
        assert kept_summary(out / "kaizhou", year, "en") is None, year
    assert kept_languages(out, 2018, ["kaizhou"]) == ["en"]


@pytest.mark.parametrize(
    "manifest",
    ["[" * 100_000, '{"kaizhou/2018": {"inputs": 1}}', '{"a": ' * 5000, "\x00\xff", '["a"]', "fifo", "link"],
)
def test_a_manifest_that_is_not_one_runs_everything_again(tmp_path, manifest):
    out = tmp_path / "out"
    out.mkdir()
    if manifest == "fifo":
        os.mkfifo(out / "runs.json")
    elif manifest == "link":
        (tmp_path / "real.json").write_text('{"kaizhou/2018": "x"}', encoding="utf-8")
        (out / "runs.json").symlink_to(tmp_path / "real.json")
    else:
        (out / "runs.json").write_bytes(manifest.encode("utf-8", "surrogateescape"))
    kept = incremental.Manifest(out)
    assert kept.entries == {}
    assert not kept.unchanged("kaizhou/2018", "x", [])


@pytest.mark.parametrize("obstacle", ["fifo", "folder link"])
def test_a_fifo_or_a_folder_link_named_like_an_output_is_refused(tmp_path, obstacle):
    out = tmp_path / "out"
    (out / "kaizhou").mkdir(parents=True)
    if obstacle == "fifo":
        os.mkfifo(out / "kaizhou" / "2018.summary.json")
    else:
        (out / "kaizhou" / "2018.xlsx").symlink_to(tmp_path)
    result = run_cli("run", PARAMS, "--out", str(out), timeout=QUICK)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert "is in the way of a file the run writes" in result.stderr


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to mount a read-only folder")
def test_a_read_only_region_folder_is_refused_before_running(tmp_path):
    out = tmp_path / "out"
    region = out / "kaizhou"
    region.mkdir(parents=True)
    if subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(region)], capture_output=True
    ).returncode:
        pytest.skip("cannot mount a tmpfs here")
    try:
        (region / "2018.html").write_text("the last good page", encoding="utf-8")
        subprocess.run(["mount", "-o", "remount,ro", str(region)], check=True)
        result = run_cli("run", PARAMS, "--out", str(out), timeout=QUICK)
        assert result.returncode == 2, result.stderr
        assert (
            "this folder of the output is not writable" in result.stderr and "Traceback" not in result.stderr
        )
        assert (region / "2018.html").read_text(encoding="utf-8") == "the last good page"
    finally:
        subprocess.run(["umount", str(region)], capture_output=True)
