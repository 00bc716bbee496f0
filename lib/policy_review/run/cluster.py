"""Where the notebooks execute: a local pool of worker processes (the default), or a Dask
distributed cluster (``policy-review run --scheduler ADDRESS``).

Both take the same job (:func:`policy_review.run.execution.notebook_job`) and hand back the same
plain result, the run's files as bytes; the runner writes them, renders, compares and writes the
index here. A worker that dies makes its run fail with the run's name; the command goes on.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from policy_review.draft.classifiers import ENV as CLASSIFIER_ENV
from policy_review.review.loaded_reviews import ENV as REVIEWS_ENV
from policy_review.run.execution import init_worker, notebook_job
from policy_review.tables.load import VALIDATED_ENV

SCHEDULER_ENV = "POLICY_REVIEW_SCHEDULER"


def _failed(error: str) -> dict:
    return {
        "ok": False,
        "failed_cell": None,
        "error": error,
        "tables_seconds": 0.0,
        "files": {},
        "seconds": 0.0,
    }


def _unblock_interrupt() -> None:
    """Let Ctrl-C through again. One that arrived while it was blocked is taken off the pending
    signals and handled here, at once: left to arrive on its own, it could land in a finalizer
    that Python happens to run just then (a pipe's ``__del__``), where an exception is ignored,
    and the Ctrl-C would be lost."""
    pending = signal.SIGINT in signal.sigpending()
    if pending:
        signal.sigwait({signal.SIGINT})  # (it is pending: returns at once)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    if pending:
        handler = signal.getsignal(signal.SIGINT)
        if callable(handler):
            handler(signal.SIGINT, None)  # Python's default raises KeyboardInterrupt, here
        elif handler == signal.SIG_DFL:
            signal.raise_signal(signal.SIGINT)


class LocalPool:
    """``n`` worker processes (spawned: no state inherited from this one), each keeping a kernel
    started ahead of its next run."""

    def __init__(self, n: int):
        self.window = max(1, n)
        self.executor: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor:
        if self.executor is None:
            self.executor = ProcessPoolExecutor(
                max_workers=self.window,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=init_worker,
            )
        return self.executor

    def submit(self, notebook: str, parameters: dict, stem: str):
        # workers are started by submit. Ctrl-C is blocked here meanwhile, not ignored: a worker is
        # born with it blocked (no traceback from a worker still starting up; the runner stops the
        # workers itself, and init_worker ignores it before unblocking), while a Ctrl-C that arrives
        # in this window stays pending and reaches the runner as soon as submit is done
        blocking = threading.current_thread() is threading.main_thread()
        if blocking:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            try:
                return self._executor().submit(notebook_job, notebook, parameters, stem, True)
            except BrokenProcessPool:  # a worker died (killed): a new pool for the runs still to come
                self.stop()
                return self._executor().submit(notebook_job, notebook, parameters, stem, True)
        finally:
            if blocking:
                _unblock_interrupt()

    def result(self, future, label: str) -> dict:
        try:
            return future.result()
        except BrokenProcessPool as exc:
            return _failed(f"the worker process running it died ({exc})")

    def stop(self) -> None:
        """Cancel what is queued, stop every worker (each kills its kernels) and wait for them."""
        executor, self.executor = self.executor, None
        if executor is None:
            return
        processes = list((executor._processes or {}).values())
        executor.shutdown(wait=False, cancel_futures=True)
        for p in processes:
            if p.is_alive():
                p.terminate()
        for p in processes:
            p.join(timeout=15)
            if p.is_alive():
                p.kill()
                p.join()
        executor.shutdown(wait=True)

    def close(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=True)
            self.executor = None


class DaskPool:
    """Notebook executions sent to a Dask distributed cluster through its client."""

    def __init__(self, address: str):
        from distributed import Client

        self.client = Client(address, timeout="30s", set_as_default=False)
        self.window = max(1, sum(self.client.nthreads().values()))
        self.futures: set = set()

    def submit(self, notebook: str, parameters: dict, stem: str):
        import uuid

        run = "-".join(str(parameters[k]) for k in ("region", "year") if k in parameters) or stem
        # the runner's marks of the data it checked, and its folder of loaded reviews (used where
        # the worker is on this machine: elsewhere the folder is not there, and reviews are loaded),
        # and the area classifier it chose
        env = {
            k: os.environ[k] for k in (VALIDATED_ENV, REVIEWS_ENV, CLASSIFIER_ENV) if k in os.environ
        } or None
        future = self.client.submit(
            notebook_job,
            notebook,
            parameters,
            stem,
            False,
            env,
            pure=False,
            key=f"policy-review-{run}-{stem}-{uuid.uuid4().hex[:8]}",
        )
        self.futures.add(future)
        return future

    def result(self, future, label: str) -> dict:
        self.futures.discard(future)
        try:
            return future.result()
        except Exception as exc:  # distributed.KilledWorker, a lost connection, ...
            return _failed(f"the Dask worker running it died or was lost ({type(exc).__name__}: {exc})")

    def stop(self) -> None:
        try:
            if self.futures:
                self.client.cancel(list(self.futures), force=True)
        finally:
            self.client.close()

    def close(self) -> None:
        self.client.close()


def connect(address: str) -> DaskPool:
    return DaskPool(address)


def scheduler_address(option: str | None) -> str | None:
    """``--scheduler`` if given, else ``POLICY_REVIEW_SCHEDULER``, else None (the local pool)."""
    return option or os.environ.get(SCHEDULER_ENV) or None
