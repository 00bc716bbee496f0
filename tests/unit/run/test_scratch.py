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
