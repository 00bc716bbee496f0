"""The local worker pool and Ctrl-C: a Ctrl-C that arrives while the runner is handing a notebook
to a worker (and perhaps starting that worker) is not lost; it reaches the runner once the hand-over
is done, so the run stops as asked instead of going on to the end."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from policy_review.run import cluster
from tests.hostile import wait_until


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
        "from policy_review.run.execution import init_worker\n"
        "signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})\n"  # as the pool starts it
        "init_worker()\n"
        "print(signal.getsignal(signal.SIGINT) is signal.SIG_IGN,"
        " signal.SIGINT in signal.pthread_sigmask(signal.SIG_BLOCK, set()))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "False"]


def test_a_worker_whose_parent_is_killed_exits_without_the_parent_death_signal():
    """The portable half of a worker's watch on its runner (where prctl is absent): a process
    watching its parent exits once the parent is killed with SIGKILL."""
    psutil = pytest.importorskip("psutil")
    child = (
        "import os, time\n"
        "from policy_review.run import execution\n"
        "execution._die_with_parent(os.getppid(), signal_too=False)\n"
        "print('watching', flush=True)\n"
        "time.sleep(120)\n"
    )
    parent = (
        "import os, signal, subprocess, sys\n"
        f"child = subprocess.Popen([sys.executable, '-c', {child!r}], stdout=subprocess.PIPE,"
        " stderr=subprocess.DEVNULL, text=True)\n"
        "print(child.pid, child.stdout.readline().strip(), flush=True)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    out = subprocess.run([sys.executable, "-c", parent], capture_output=True, text=True, timeout=120)
    pid, state = out.stdout.split()
    assert state == "watching" and out.returncode == -signal.SIGKILL

    def gone() -> bool:
        try:
            return psutil.Process(int(pid)).status() == psutil.STATUS_ZOMBIE
        except psutil.NoSuchProcess:
            return True

    try:
        wait_until(gone, "the watching process to exit", timeout=30)
    finally:
        if not gone():
            os.kill(int(pid), signal.SIGKILL)


def _unblock_in_a_fresh_process(then: str) -> list[str]:
    """Run ``then`` in a fresh process (no other thread) where Ctrl-C is blocked and seen pending;
    the words it printed."""
    code = (
        "import signal\n"
        "from policy_review.run import cluster\n"
        "signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})\n"
        "signal.sigpending = lambda: {signal.SIGINT}\n"
    ) + then
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return out.stdout.split()


def test_a_ctrl_c_another_thread_took_first_does_not_hang_the_hand_over():
    """A Ctrl-C sent to the process stays pending for the whole process until a thread takes it:
    a thread that lets it through (a test runner's, a library's) may take it after the runner saw
    it pending and before the runner takes it. The hand-over then goes on (Python calls the
    handler in the main thread as usual) instead of waiting for ever for a signal already taken."""
    # seen pending, then taken by another thread
    said = _unblock_in_a_fresh_process(
        "cluster._unblock_interrupt()\n"
        "print('unblocked', signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, set()))\n"
    )
    assert said == ["unblocked", "True"]


@pytest.mark.parametrize("where", ["on the look", "on the take"])
def test_a_ctrl_c_handled_before_the_unblock_leaves_ctrl_c_deliverable(where):
    """When another thread took the Ctrl-C, Python calls the handler in the main thread at its next
    step, which may fall before Ctrl-C is let through again: the KeyboardInterrupt must not leave
    it blocked (every later Ctrl-C would be lost)."""
    raise_at = "signal.sigpending" if where == "on the look" else "cluster._take_pending_interrupt"
    said = _unblock_in_a_fresh_process(
        "def handled(*args):\n"
        "    raise KeyboardInterrupt\n"
        f"{raise_at} = handled\n"
        "try:\n"
        "    cluster._unblock_interrupt()\n"
        "except KeyboardInterrupt:\n"
        "    print('interrupted', signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, set()))\n"
    )
    assert said == ["interrupted", "True"]


def test_a_ctrl_c_handled_as_it_is_blocked_is_let_through_again(monkeypatch):
    """The Ctrl-C that another thread took may be handled as the hand-over blocks Ctrl-C (Python
    checks for handlers after changing the mask): the hand-over lets it through again."""
    real_mask = signal.pthread_sigmask

    def mask_then_handled(how, signals):
        old = real_mask(how, signals)
        if how == signal.SIG_BLOCK and signals:
            raise KeyboardInterrupt
        return old

    monkeypatch.setattr(cluster.signal, "pthread_sigmask", mask_then_handled)
    pool = cluster.LocalPool(1)
    try:
        with pytest.raises(KeyboardInterrupt):
            pool.submit("notebook.ipynb", {}, "2018")
        assert signal.SIGINT not in real_mask(signal.SIG_BLOCK, set())
        assert pool.busy == [False]
    finally:
        real_mask(signal.SIG_UNBLOCK, {signal.SIGINT})
        pool.executor = None
