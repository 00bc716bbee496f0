"""A run's private temporary folder (run/scratch.py): the run's processes make their temporary
files there (kernel connection files hold keys), it is removed however the run ends, and one left
by a runner killed with SIGKILL is removed by the next run."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from contextlib import nullcontext

import pytest

from policy_review.run import scratch


@pytest.fixture
def tmp_root(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


@pytest.mark.parametrize("ending", ["done", "failed", "interrupted"])
def test_the_run_folder_holds_the_temporary_files_and_is_removed_however_the_run_ends(tmp_root, ending):
    before = {name: os.environ.get(name) for name in scratch.VARIABLES}
    with pytest.raises((RuntimeError, KeyboardInterrupt)) if ending != "done" else nullcontext():
        with scratch.run_folder() as folder:
            assert all(os.environ[name] == str(folder) for name in scratch.VARIABLES)
            assert oct(folder.stat().st_mode & 0o777) == oct(0o700)
            made = tempfile.NamedTemporaryFile(delete=False)  # what openpyxl or a kernel makes
            assert made.name.startswith(str(folder))
            made.close()
            if ending == "failed":
                raise RuntimeError("a cell failed")
            if ending == "interrupted":
                raise KeyboardInterrupt
    assert list(tmp_root.iterdir()) == []
    assert {name: os.environ.get(name) for name in scratch.VARIABLES} == before


def test_a_folder_left_by_a_killed_run_is_swept_and_a_live_runs_is_kept(tmp_root):
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    dead = tmp_root / (scratch.PREFIX + "dead")
    live = tmp_root / (scratch.PREFIX + "live")
    other = tmp_root / "someone-elses"
    for folder, pid in ((dead, gone.stdout.strip()), (live, str(os.getpid())), (other, gone.stdout.strip())):
        (folder / "t").mkdir(parents=True)
        (folder / "pid").write_text(pid, encoding="ascii")
        (folder / "t" / "kernel-1.json").write_text("{}")
    link = tmp_root / (scratch.PREFIX + "link")
    link.symlink_to(other)  # never followed
    scratch.sweep(tmp_root)
    assert not dead.exists()
    assert live.exists() and other.exists() and link.is_symlink()


def test_a_file_written_while_the_folder_is_removed_is_removed_too(tmp_path):
    """A kernel killed a moment ago may still write its connection file as the runner removes the
    run's folder: the removal tries again until the folder is gone."""
    folder = tmp_path / "policy-review-run-x"
    (folder / "t").mkdir(parents=True)
    writer = subprocess.Popen(  # writes a file into the folder every 20 ms for a second
        [
            sys.executable,
            "-c",
            "import os, sys, time\n"
            "end = time.monotonic() + 1.0\n"
            "while time.monotonic() < end:\n"
            "    os.makedirs(sys.argv[1], exist_ok=True)\n"
            "    open(os.path.join(sys.argv[1], f'tmp{time.monotonic_ns()}.json'), 'w').close()\n"
            "    time.sleep(0.02)\n",
            str(folder / "t"),
        ]
    )
    try:
        assert scratch.remove(folder, seconds=10)
        assert writer.wait(timeout=30) == 0
        scratch.remove(folder, seconds=0)  # (a write after the last check: not the removal's doing)
    finally:
        writer.kill()
    assert not folder.exists()


def test_removal_gives_up_after_its_time(tmp_path, monkeypatch):
    folder = tmp_path / "policy-review-run-y"
    folder.mkdir()
    monkeypatch.setattr(scratch.shutil, "rmtree", lambda *a, **k: None)  # a folder that will not go
    assert scratch.remove(folder, seconds=0.3) is False
    assert folder.is_dir()
