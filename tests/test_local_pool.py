"""The local worker pool and Ctrl-C: a Ctrl-C that arrives while the runner is handing a notebook
to a worker (and perhaps starting that worker) is not lost; it reaches the runner once the hand-over
is done, so the run stops as asked instead of going on to the end."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from policy_review import cluster


def test_a_ctrl_c_during_submit_reaches_the_runner(monkeypatch):
    def submit_while_ctrl_c_arrives(self, *args, **kwargs):
        os.kill(os.getpid(), signal.SIGINT)  # as a terminal sends it, mid hand-over
        return "future"

    monkeypatch.setattr(cluster.ProcessPoolExecutor, "submit", submit_while_ctrl_c_arrives)
    pool = cluster.LocalPool(1)
    try:
        with pytest.raises(KeyboardInterrupt):
            pool.submit("notebook.ipynb", {}, "2018")
        # after the hand-over Ctrl-C is deliverable again, not left blocked
        assert signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, set())
    finally:
        pool.executor = None  # nothing was started: the patched submit started no worker


def test_a_worker_ignores_ctrl_c_and_does_not_block_it():
    code = (
        "import signal\n"
        "from policy_review.execution import init_worker\n"
        "signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})\n"  # as the pool starts it
        "init_worker()\n"
        "print(signal.getsignal(signal.SIGINT) is signal.SIG_IGN,"
        " signal.SIGINT in signal.pthread_sigmask(signal.SIG_BLOCK, set()))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "False"]
