"""Out of memory (issue 28, point 7): a memory limit (``ulimit -v``) under which no kernel can run
is refused before any kernel starts, in one line; and where a run's process can no longer start a
thread, the run it was handing to a worker fails by name instead of leaving the runner waiting for
ever (it once hung: the pool's manager thread died on "can't start new thread")."""

from __future__ import annotations

import concurrent.futures.process
import multiprocessing.queues
import subprocess
import sys

import pytest

from policy_review.run import cluster, memory_limit
from tests.conftest import ROOT
from tests.hostile import wait_until

resource = pytest.importorskip("resource")

KIB = 1024


def _limited(limit: int):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, resource.getrlimit(resource.RLIMIT_AS)[1]))

    return apply


#: Under 150,000 KiB numpy or pandas cannot even be imported (a traceback, or OpenBLAS giving up, at
#: 100,000), and under 200,000 the command once spun for ever: the check comes before either loads
@pytest.mark.parametrize("limit_kib", [100_000, 150_000, 800_000, 1_400_000])
def test_a_memory_limit_under_what_a_run_needs_is_refused_before_any_kernel(tmp_path, limit_kib):
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "policy_review.cli", "run", "params/kaizhou-2018.yaml", "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        preexec_fn=_limited(limit_kib * KIB),
    )
    assert done.returncode == 2, done.stderr
    assert f"the memory limit is {limit_kib:,} KiB" in done.stderr and "ulimit -v" in done.stderr
    assert "Traceback" not in done.stderr and "running" not in done.stderr  # no kernel started
    assert not out.exists()


@pytest.mark.parametrize(
    "limit, refused",
    [(memory_limit.MIN_ADDRESS_SPACE, False), (memory_limit.MIN_ADDRESS_SPACE - KIB, True)],
)
def test_the_limit_is_what_a_run_needs(limit, refused):
    code = (
        "from policy_review.core.errors import BadInput\n"
        "from policy_review.run import memory_limit\n"
        "try:\n    memory_limit.check_memory_limit()\n    print('ok')\n"
        "except BadInput as exc:\n    print('refused', exc)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, preexec_fn=_limited(limit)
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("refused" if refused else "ok"), done.stdout


def _cannot_start_a_thread(*args, **kwargs):
    raise RuntimeError("can't start new thread")


def test_a_worker_that_cannot_be_handed_its_run_fails_that_run_by_name(monkeypatch, capfd):
    # the pool's manager thread hands each run to the worker through a queue whose feeder thread
    # it starts: under a low memory limit that thread cannot start, and the manager thread dies
    monkeypatch.setattr(multiprocessing.queues.Queue, "_start_thread", _cannot_start_a_thread)
    pool = cluster.LocalPool(1)
    try:
        future = pool.submit("year_review.ipynb", {"region": "kaizhou", "year": 2018}, "2018")

        def failed() -> bool:
            pool.check()  # as the runner does every half second while it waits
            return future.done()

        wait_until(failed, "the run to fail", timeout=60)
        result = pool.result(future, "kaizhou 2018")
        assert not result.ok and "could not be handed to a worker process" in result.error
        assert "ulimit -v" in result.error
        assert pool.busy == [False] and pool.slots == [None]  # the next run gets a new worker
    finally:
        pool.stop()
    assert "Traceback" not in capfd.readouterr().err  # the thread's death is not printed


def test_a_pool_that_cannot_start_its_manager_thread_fails_the_run_by_name(monkeypatch):
    monkeypatch.setattr(concurrent.futures.process._ExecutorManagerThread, "start", _cannot_start_a_thread)
    pool = cluster.LocalPool(1)
    try:
        future = pool.submit("year_review.ipynb", {"region": "kaizhou", "year": 2018}, "2018")
        result = pool.result(future, "kaizhou 2018")
        assert not result.ok and "could not be handed to a worker process" in result.error
        assert pool.busy == [False] and pool.slots == [None]
    finally:
        pool.stop()
