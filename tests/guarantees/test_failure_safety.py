"""A yearly run never loses yesterday's good output: Ctrl-C and a read-only output folder leave
the previous HTML and index intact, print a clear message and exit non-zero.
(A notebook failing mid-run is covered in test_run_end_to_end.py.)"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, copy_run, run_cli
from tests.hostile import kernels_of, wait_until

pytestmark = pytest.mark.slow

PARAMS = str(ROOT / "params" / "kaizhou-2018.yaml")


def _snapshot(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.fixture
def good_run(kaizhou_2018_run, tmp_path) -> Path:
    """A good run of kaizhou 2018 to break: a copy of the one executed for the session."""
    return copy_run(kaizhou_2018_run, tmp_path / "out")


def test_ctrl_c_keeps_previous_outputs(good_run):
    before = _snapshot(good_run)
    proc = subprocess.Popen(
        [sys.executable, "-m", "policy_review.cli", "run", PARAMS, "--out", str(good_run), "--force"],
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        start_new_session=True,
    )
    # press Ctrl-C while the notebook executes: once its kernel is up (a state, not a time: a fixed
    # sleep after the "running" line could fall anywhere on a loaded machine)
    wait_until(lambda: kernels_of(proc.pid) or proc.poll() is not None, "the run's kernel")
    assert proc.poll() is None, "the run ended before its kernel was seen"
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal does: the whole foreground group
    rest = proc.stderr.read()
    code = proc.wait(timeout=300)
    assert code != 0
    assert "interrupted" in rest
    assert "Traceback" not in rest
    after = _snapshot(good_run)
    for name in ("index.html", "kaizhou/2018.html", "kaizhou/2018.xlsx", "kaizhou/2018.summary.json"):
        assert after[name] == before[name], name
    assert not [n for n in after if Path(n).name.startswith(".")], "temporary files left behind"


def _read_only_mount(path: Path):
    """Make ``path`` a read-only folder even for root: a tmpfs remounted read-only."""
    path.mkdir(parents=True, exist_ok=True)
    if (
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(path)], capture_output=True
        ).returncode
        != 0
    ):
        return None
    return lambda: subprocess.run(["mount", "-o", "remount,ro", str(path)], check=True)


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to mount a read-only folder (root ignores chmod)")
def test_read_only_output_folder(kaizhou_2018_run, tmp_path):
    out = tmp_path / "ro"
    make_read_only = _read_only_mount(out)
    if make_read_only is None:
        pytest.skip("cannot mount a tmpfs here")
    try:
        copy_run(kaizhou_2018_run, out)  # a good run there (the fixture checked that it succeeded)
        before = _snapshot(out)
        make_read_only()
        second = run_cli("run", PARAMS, "--out", str(out))
        assert second.returncode == 2
        assert "not writable" in second.stderr and "Traceback" not in second.stderr
        assert _snapshot(out) == before
    finally:
        subprocess.run(["umount", str(out)], capture_output=True)


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores chmod; see the read-only mount test")
def test_read_only_output_folder_by_permissions(good_run):
    before = _snapshot(good_run)
    for p in [good_run, *[d for d in good_run.rglob("*") if d.is_dir()]]:
        p.chmod(0o555)
    try:
        result = run_cli("run", PARAMS, "--out", str(good_run))
        assert result.returncode == 2 and "not writable" in result.stderr
        assert _snapshot(good_run) == before
    finally:
        for p in [good_run, *[d for d in good_run.rglob("*") if d.is_dir()]]:
            p.chmod(0o755)


def _kernel_fails_to_start(monkeypatch, times: int) -> list[int]:
    """papermill whose kernel dies before answering ``times`` times, as when another process took
    one of its ports (jupyter/jupyter_client#487), then runs as usual."""
    import papermill

    real, calls = papermill.execute_notebook, []

    def flaky(*args, **kwargs):
        calls.append(1)
        if len(calls) <= times:
            raise RuntimeError("Kernel died before replying to kernel_info")
        return real(*args, **kwargs)

    monkeypatch.setattr(papermill, "execute_notebook", flaky)
    return calls


def test_a_kernel_that_does_not_start_is_started_again(monkeypatch, tmp_path, capsys):
    from policy_review.run import execution, kinds

    calls = _kernel_fails_to_start(monkeypatch, times=execution.KERNEL_START_ATTEMPTS - 1)
    result = execution.notebook_job(
        kinds.kind("trends").notebook, {"region": "kaizhou", "lang": "en"}, "trends", ahead=False
    )
    assert result.ok, result.error
    assert len(calls) == execution.KERNEL_START_ATTEMPTS and b'"cells"' in result.files["trends.ipynb"]
    assert "did not start" in capsys.readouterr().err


def test_a_kernel_that_never_starts_fails_the_run_with_the_reason(monkeypatch, tmp_path):
    from policy_review.run import execution, kinds

    calls = _kernel_fails_to_start(monkeypatch, times=execution.KERNEL_START_ATTEMPTS)
    result = execution.notebook_job(
        kinds.kind("trends").notebook, {"region": "kaizhou", "lang": "en"}, "trends", ahead=False
    )
    assert not result.ok and len(calls) == execution.KERNEL_START_ATTEMPTS
    assert result.error == "RuntimeError: Kernel died before replying to kernel_info"
    assert result.files == {}  # no notebook to keep: nothing is written, and no message names one
