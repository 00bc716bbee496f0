"""A worker's runs leave nothing behind in it: each run's kernel client (its zmq context and
threads, and the heartbeat thread that would ping the stopped kernel every second) goes with
the kernel, so that a worker's thousandth run is as quick as its first."""

from __future__ import annotations

import os
import threading
import time

import nbformat
import pytest

from policy_review.run import execution

pytestmark = pytest.mark.slow


def _threads() -> tuple[int, int]:
    """This process's Python threads, and all its threads (zmq's own included, where /proc is)."""
    tasks = f"/proc/{os.getpid()}/task"
    return threading.active_count(), len(os.listdir(tasks)) if os.path.isdir(tasks) else 0


def _settled(at_most: tuple[int, int], seconds: float = 10.0) -> tuple[int, int]:
    """The thread counts once the threads that are ending have ended (a zmq context's I/O thread
    ends a moment after its context is closed): waits up to ``seconds`` for them to be at most
    ``at_most``; a thread left behind by each run never is."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not all(n <= m for n, m in zip(_threads(), at_most)):
        time.sleep(0.05)
    return _threads()


@pytest.mark.parametrize("ahead", [True, False])
def test_runs_leave_no_thread_behind(project_copy, ahead):
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook.cells = [
        nbformat.v4.new_code_cell("region = 'x'", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("print(region)"),
    ]
    nbformat.write(notebook, project_copy / "notebooks" / "one_cell.ipynb")
    try:
        seen = []
        for run in range(4):
            result = execution.notebook_job("one_cell.ipynb", {"region": "kaizhou"}, "x", ahead)
            assert result.ok, result.error
            assert "kaizhou" in result.files["x.ipynb"].decode("utf-8")
            seen.append(_threads() if run < 2 else _settled(seen[1]))
        # the first run may start what stays for every run (the execution thread, the template's
        # kernel started ahead): from then on, not one thread more per run
        assert all(n <= m for later in seen[2:] for n, m in zip(later, seen[1])), seen
    finally:
        execution.stop_spare_kernel()
