"""The runner's side of hostile conditions (issue 15): planted links, output folders among the
inputs or with things in the way, a full disk, and SIGTERM / Ctrl-C with parallel workers."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli
from tests.hostile import kernels_of, wait_until

PARAMS = str(ROOT / "params" / "kaizhou-2018.yaml")


def _files(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def _assert_whole(out: Path) -> None:
    """Every output file is complete: notebooks and JSON parse, pages end, workbooks open."""
    for p in out.rglob("*"):
        if not p.is_file():
            continue
        assert not p.name.startswith("."), f"temporary file left behind: {p.name}"
        data = p.read_bytes()
        assert data, f"empty file: {p.name}"
        if p.suffix in (".ipynb", ".json"):
            json.loads(data)
        elif p.suffix == ".html":
            assert data.rstrip().endswith(b"</html>"), p.name
        elif p.suffix == ".xlsx":
            assert zipfile.ZipFile(p).testzip() is None


# ---------------------------------------------------------------- output folders (no kernel starts)


@pytest.mark.parametrize("where", [".", "data", "data/reports", "notebooks", "params/out", "lib"])
def test_an_output_folder_among_the_inputs_is_refused(project_copy, where):
    (project_copy / "lib").mkdir(exist_ok=True)
    before = _files(project_copy)
    result = run_cli("run", "params/kaizhou-2018.yaml", "--out", where, env_root=project_copy)
    assert result.returncode == 2, result.stderr
    assert "outputs never go among the inputs" in result.stderr and "Traceback" not in result.stderr
    assert "nothing was run" in result.stderr
    assert _files(project_copy) == before


def test_an_output_folder_holding_another_project_is_refused(tmp_path):
    out = tmp_path / "elsewhere"
    (out / "notebooks").mkdir(parents=True)
    result = run_cli("run", PARAMS, "--out", str(out))
    assert result.returncode == 2 and "notebooks/ folder" in result.stderr


@pytest.mark.parametrize("obstacle", ["kaizhou", "compare"])
def test_a_file_named_like_an_output_folder_is_refused(tmp_path, obstacle):
    out = tmp_path / "out"
    out.mkdir()
    (out / obstacle).write_text("mine", encoding="utf-8")
    result = run_cli("run", PARAMS, "--out", str(out))
    assert result.returncode == 2, result.stderr
    assert f"{obstacle}: -: a file is in the way" in result.stderr.replace(str(out) + os.sep, "")
    assert "Traceback" not in result.stderr and (out / obstacle).read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize("folder", ["index.html", "kaizhou/2018.html", "kaizhou/trends.ipynb", "runs.json"])
def test_a_folder_named_like_an_output_file_is_refused(tmp_path, folder):
    out = tmp_path / "out"
    (out / folder).mkdir(parents=True)
    result = run_cli("run", PARAMS, "--out", str(out))
    assert result.returncode == 2, result.stderr
    said = result.stderr.replace(str(out) + os.sep, "")
    assert f"{folder}: -: a folder (or a FIFO, a device) is in the way" in said
    assert "Traceback" not in result.stderr


# ---------------------------------------------------------------- files written whole, never through links


def test_atomic_write_never_follows_a_planted_link(tmp_path):
    from policy_review.core.atomic import atomic_write_text

    victim = tmp_path / "victim"
    victim.write_text("V", encoding="utf-8")
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "2018.ipynb"
    target.symlink_to(victim)  # a link at the final name is replaced, not written through
    for guess in (".2018.ipynb.tmp", ".2018.running.ipynb", ".2018.ipynb.x.tmp"):
        (tmp_path / "out" / guess).symlink_to(victim)
    atomic_write_text(target, "{}")
    assert victim.read_text(encoding="utf-8") == "V"
    assert not target.is_symlink() and target.read_text(encoding="utf-8") == "{}"


def test_a_full_disk_leaves_no_partial_file(tmp_path, monkeypatch):
    import errno

    from policy_review.core.atomic import DiskFull, atomic_write_bytes

    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "2018.html").write_bytes(b"the last good page")
    real, calls = os.write, []

    def write_until_full(fd, data):  # the first block fits, then the device has no room
        calls.append(len(data))
        if len(calls) > 1:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(fd, bytes(data[:4096]))

    monkeypatch.setattr(os, "write", write_until_full)
    with pytest.raises(DiskFull, match="2018.html"):
        atomic_write_bytes(folder / "2018.html", b"x" * 100_000)
    monkeypatch.undo()
    assert [p.name for p in folder.iterdir()] == ["2018.html"]
    assert (folder / "2018.html").read_bytes() == b"the last good page"


@pytest.mark.slow
def test_planted_links_are_not_written_through_in_a_run(tmp_path):
    out = tmp_path / "o"
    (out / "kaizhou").mkdir(parents=True)
    victim = tmp_path / "victim"
    victim.write_text("V\n", encoding="utf-8")
    for name in (".2018.running.ipynb", ".trends.running.ipynb", "2018.failed.ipynb", ".2018.html.tmp"):
        (out / "kaizhou" / name).symlink_to(victim)
    (out / "kaizhou" / "2018.ipynb").symlink_to(victim)
    result = run_cli("run", PARAMS, "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert victim.read_text(encoding="utf-8") == "V\n"
    assert not (out / "kaizhou" / "2018.ipynb").is_symlink()
    json.loads((out / "kaizhou" / "2018.ipynb").read_text(encoding="utf-8"))


@pytest.mark.slow
@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to mount a small tmpfs")
def test_a_full_disk_is_one_line_and_every_file_is_whole(tmp_path):
    out = tmp_path / "small"
    out.mkdir()
    if subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(out)], capture_output=True
    ).returncode:
        pytest.skip("cannot mount a tmpfs here")
    try:
        result = run_cli("run", PARAMS, "--out", str(out))
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr
        lines = [line for line in result.stderr.splitlines() if "disk is full" in line]
        assert len(lines) == 1 and "nothing half-written was left" in lines[0]
        _assert_whole(out)
        assert ".failed.ipynb" not in result.stderr or (out / "kaizhou" / "2018.failed.ipynb").is_file()
    finally:
        subprocess.run(["umount", str(out)], capture_output=True)


# ---------------------------------------------------------------- signals with two workers


def _tree(pid: int) -> list[int]:
    import psutil

    try:
        return [p.pid for p in psutil.Process(pid).children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def _busy_workers(pid: int) -> int:
    """How many of the runner's direct children (its workers) have a kernel of their own."""
    import psutil

    try:
        workers = psutil.Process(pid).children()
    except psutil.NoSuchProcess:
        return 0
    return sum(1 for worker in workers if kernels_of(worker.pid))


def _alive(pids: list[int]) -> list[int]:
    import psutil

    alive = []
    for pid in pids:
        try:
            if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                alive.append(pid)
        except psutil.NoSuchProcess:
            pass
    return alive


@pytest.mark.slow
@pytest.mark.parametrize("how", ["SIGTERM", "Ctrl-C", "SIGHUP", "SIGQUIT"])
def test_a_signal_stops_everything_then_exits(tmp_path, how):
    """Each stopping signal (a CI job's timeout, Ctrl-C, a closed terminal, the quit key) stops the
    queue, the workers and their kernels, and leaves nothing in the temporary folder: no kernel
    folder, no connection file (it holds the kernel's key), no kept review."""
    pytest.importorskip("psutil")
    out = tmp_path / "out"
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    proc = subprocess.Popen(
        [sys.executable, "-m", "policy_review.cli", "run", "--jobs", "2", "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        start_new_session=True,
        env={**os.environ, "TMPDIR": str(scratch)},
    )
    # both workers executing a notebook: each has its kernel (a state polled for, not a time slept)
    wait_until(lambda: _busy_workers(proc.pid) >= 2 or proc.poll() is not None, "two busy workers")
    assert proc.poll() is None, "the run ended before both workers were busy"
    pids = _tree(proc.pid)
    assert len(pids) >= 3, "expected two workers and their kernels"
    if how == "Ctrl-C":
        os.killpg(proc.pid, signal.SIGINT)  # what a terminal does: the whole foreground group
    else:
        proc.send_signal(getattr(signal, how))  # the runner only, as a CI job's timeout does
    stdout, rest = proc.communicate(timeout=180)  # returns only when nobody holds the pipes any more
    assert proc.returncode == 130, rest
    assert "interrupted" in rest.strip().splitlines()[-1]
    assert "Traceback" not in rest and "Task exception" not in rest and "leaked" not in rest, rest
    left = [p for p in scratch.rglob("*") if p.name.startswith("policy-review-run-") or p.suffix == ".json"]
    assert left == [], left
    # killed processes may take a moment to be reaped on a loaded machine; survivors stay alive
    wait_until(lambda: _alive(pids) == [], "workers, kernels and the resource tracker to end", timeout=30)
    after = _files(out) if out.exists() else {}
    time.sleep(3)
    assert (_files(out) if out.exists() else {}) == after, "files were written after the message"
    if out.exists():
        _assert_whole(out)


def _session_of(sid: int) -> list[int]:
    """Every live process of session ``sid`` (the runner's: it was started in a new one)."""
    import psutil

    found = []
    for p in psutil.process_iter():
        try:
            if os.getsid(p.pid) == sid and p.status() != psutil.STATUS_ZOMBIE:
                found.append(p.pid)
        except (OSError, psutil.Error):
            pass
    return found


@pytest.mark.slow
def test_a_runner_killed_with_sigkill_leaves_no_worker_or_kernel(tmp_path):
    """SIGKILL gives the runner no chance to stop anyone: its workers see it go (the parent-death
    signal, or their watch of the parent) and kill their kernels, so nothing is left as an orphan."""
    psutil = pytest.importorskip("psutil")
    params = [str(ROOT / "params" / f"kaizhou-{year}.yaml") for year in (2018, 2019)]
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "policy_review.cli",
            "run",
            "--jobs",
            "2",
            *params,
            "--out",
            str(tmp_path / "o"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
        start_new_session=True,
    )
    pids: list[int] = []
    try:
        wait_until(
            lambda: _busy_workers(proc.pid) >= 1 or proc.poll() is not None, "a worker with its kernel"
        )
        assert proc.poll() is None, "the run ended before a kernel was seen"
        workers = [w.pid for w in psutil.Process(proc.pid).children()]
        kernels = [k for w in workers for k in kernels_of(w)]
        pids = _tree(proc.pid)
        assert workers and kernels and set(workers + kernels) <= set(pids), (workers, kernels, pids)
        proc.kill()
        proc.wait(timeout=30)
        left = lambda: _alive(pids) + [p for p in _session_of(proc.pid) if p not in pids]  # noqa: E731
        try:
            wait_until(lambda: not left(), "the workers and kernels of a killed runner to end", timeout=60)
        except AssertionError:
            pytest.fail(f"left running after the runner was killed: {sorted(set(left()))}")
    finally:
        for pid in _alive(pids) + _session_of(proc.pid):  # never leave them for the next test
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
