"""Where the notebooks execute: a local pool of worker processes (the default), or a Dask
distributed cluster (``policy-review run --scheduler ADDRESS``).

Both take the same job (:func:`policy_review.run.execution.notebook_job`) and hand back the same
result (:class:`~policy_review.run.jobs.JobResult`), the run's files as bytes; the runner writes
them, renders, compares and writes the index here. A worker that dies makes its run fail with the
run's name; the command goes on with the others:

- **Locally**, each worker is a process pool of its own (of one process), so a worker killed (by
  the out-of-memory killer, by hand) fails only the run it was executing; the next run of its slot
  starts a new one.
- **On a cluster**, an address that is no address, or a scheduler that cannot be reached within
  ``POLICY_REVIEW_SCHEDULER_TIMEOUT`` seconds (default 10), is bad input before any kernel starts;
  a scheduler lost during the run fails the runs it held and every run still to come, by name.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import re
import signal
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from policy_review.core.errors import BadInput, Problem
from policy_review.draft.classifiers import ENV as CLASSIFIER_ENV
from policy_review.review.loaded_reviews import ENV as REVIEWS_ENV
from policy_review.run import compat
from policy_review.run.execution import init_worker, notebook_job
from policy_review.run.jobs import JobResult
from policy_review.tables.load import VALIDATED_ENV

SCHEDULER_ENV = "POLICY_REVIEW_SCHEDULER"
TIMEOUT_ENV = "POLICY_REVIEW_SCHEDULER_TIMEOUT"
DEFAULT_TIMEOUT = 10
#: A scheduler's address: ``tcp://host:port`` (or ``tls``, ``ws``, ``wss``, ``ucx``), or ``host:port``.
_ADDRESS = re.compile(
    r"^(?:(?:tcp|tls|ws|wss|ucx)://)?(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\]):(\d{1,5})$"
)


def _take_pending_interrupt() -> bool:
    """Take a pending Ctrl-C off the pending signals, never waiting (False: another thread took it)."""
    if hasattr(signal, "sigtimedwait"):
        return signal.sigtimedwait({signal.SIGINT}, 0) is not None
    signal.sigwait({signal.SIGINT})  # (macOS has no sigtimedwait: it is pending, so returns at once)
    return True


def _unblock_interrupt() -> None:
    """Let Ctrl-C through again. One that arrived while it was blocked is taken off the pending
    signals and handled here, at once: left to arrive on its own, it could land in a finalizer
    that Python happens to run just then (a pipe's ``__del__``), where an exception is ignored,
    and the Ctrl-C would be lost.

    Taken without waiting: a Ctrl-C sent to the process is pending for the whole process until a
    thread takes it, so another thread that lets it through (a test runner's, a library's) may
    take it between the look and the take. That thread's handler then tells Python, which calls
    the handler here, in the main thread, as usual; waiting for it would wait for ever. Python may
    call it at any step of this function, so Ctrl-C is let through in a ``finally``: the
    KeyboardInterrupt never leaves it blocked."""
    pending = False
    try:
        pending = signal.SIGINT in signal.sigpending() and _take_pending_interrupt()
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    if pending:
        handler = signal.getsignal(signal.SIGINT)
        if callable(handler):
            handler(signal.SIGINT, None)  # Python's default raises KeyboardInterrupt, here
        elif handler == signal.SIG_DFL:
            signal.raise_signal(signal.SIGINT)


def _no_thread(exc: BaseException) -> bool:
    """``exc`` says a thread could not be started (Python's words for it, out of memory)."""
    return isinstance(exc, RuntimeError) and "can't start new thread" in str(exc)


def _quiet_if_out_of_memory(hook):
    """A ``threading.excepthook`` that keeps quiet about a helper thread that ran out of memory
    (the run it served fails by name: :meth:`LocalPool.check`) and passes the rest to ``hook``."""

    def excepthook(args) -> None:
        if isinstance(args.exc_value, MemoryError) or _no_thread(args.exc_value):
            return
        hook(args)

    excepthook.pr_quiet = True
    return excepthook


class WorkerNotStarted(Exception):
    """The run was never handed to its worker."""

    def __str__(self) -> str:
        return (
            "the run could not be handed to a worker process: no thread could be started "
            "(out of memory? a memory limit, ulimit -v, or the machine's)"
        )


class LocalPool:
    """``n`` worker processes (spawned: no state inherited from this one), each in a pool of its
    own and keeping a kernel started ahead of its next run."""

    def __init__(self, n: int):
        if not getattr(threading.excepthook, "pr_quiet", False):  # (once per process)
            threading.excepthook = _quiet_if_out_of_memory(threading.excepthook)
        self.window = max(1, n)
        self.slots: list[ProcessPoolExecutor | None] = [None] * self.window
        self.busy = [False] * self.window
        self.held: list[Future | None] = [None] * self.window  # the run each slot holds
        self.lock = threading.Lock()

    def _executor(self, slot: int) -> ProcessPoolExecutor:
        if self.slots[slot] is None:
            self.slots[slot] = ProcessPoolExecutor(
                max_workers=1, mp_context=multiprocessing.get_context("spawn"), initializer=init_worker
            )
        return self.slots[slot]

    def submit(self, notebook: str, parameters: dict, stem: str, tables: bool = False):
        with self.lock:
            slot = self.busy.index(False)  # (the runner has at most ``window`` runs in flight)
            self.busy[slot] = True
        # workers are started by submit. Ctrl-C is blocked here meanwhile, not ignored: a worker is
        # born with it blocked (no traceback from a worker still starting up; the runner stops the
        # workers itself, and init_worker ignores it before unblocking), while a Ctrl-C that arrives
        # in this window stays pending and reaches the runner as soon as submit is done
        blocking = threading.current_thread() is threading.main_thread()
        try:
            if blocking:  # (inside the try: a Ctrl-C handled as it is blocked is let through again)
                signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
            try:
                future = self._executor(slot).submit(
                    notebook_job, notebook, parameters, stem, True, None, tables
                )
            except BrokenProcessPool:  # its worker died (killed): a new one for this slot
                self._stop_slot(slot)
                future = self._executor(slot).submit(
                    notebook_job, notebook, parameters, stem, True, None, tables
                )
            except RuntimeError as exc:  # the pool could not start its manager thread
                if not _no_thread(exc):
                    raise
                self._stop_slot(slot)
                future = Future()
                future.set_exception(WorkerNotStarted())
        except BaseException:
            self.busy[slot] = False
            raise
        finally:
            if blocking:
                _unblock_interrupt()
        future.pr_slot = slot
        self.held[slot] = future
        future.add_done_callback(lambda _, slot=slot: self._free(slot))
        return future

    def _free(self, slot: int) -> None:
        with self.lock:
            self.busy[slot] = False
            self.held[slot] = None

    def result(self, future, label: str) -> JobResult:
        try:
            return future.result()
        except BrokenProcessPool as exc:
            self._stop_slot(future.pr_slot)  # the next run of this slot gets a new worker
            return JobResult.failed(f"the worker process running it died ({exc})")
        except WorkerNotStarted as exc:
            return JobResult.failed(str(exc))

    def check(self) -> None:
        """A worker whose pool can no longer hand it anything (its manager thread died: it could
        not start a thread, under a low ``ulimit -v``) fails the run it holds, by name, rather
        than have the runner wait for it for ever. (A worker that dies fails its own run.)"""
        for slot, executor in enumerate(self.slots):
            future = self.held[slot]
            if executor is not None and future is not None and compat.pool_manager_died(executor):
                self.held[slot] = None
                self.slots[slot] = None  # the next run of this slot gets a new worker
                _stop_executor(executor)
                if not future.done():
                    future.set_exception(WorkerNotStarted())

    def _stop_slot(self, slot: int) -> None:
        executor, self.slots[slot] = self.slots[slot], None
        if executor is not None:
            _stop_executor(executor)

    def stop(self) -> None:
        """Cancel what is queued, stop every worker (each kills its kernels) and wait for them."""
        executors = [e for e in self.slots if e is not None]
        self.slots = [None] * self.window
        processes = [p for e in executors for p in compat.pool_processes(e)]
        for executor in executors:
            executor.shutdown(wait=False, cancel_futures=True)
        _end(processes)
        for executor in executors:
            executor.shutdown(wait=True)

    def close(self) -> None:
        """Let every worker end (each stops its spare kernel and template), all at once."""
        executors = [e for e in self.slots if e is not None]
        self.slots = [None] * self.window
        ending = [threading.Thread(target=executor.shutdown, name="close-worker") for executor in executors]
        for thread in ending:
            thread.start()
        for thread in ending:
            thread.join()


def _stop_executor(executor: ProcessPoolExecutor) -> None:
    processes = compat.pool_processes(executor)
    executor.shutdown(wait=False, cancel_futures=True)
    _end(processes)
    try:
        executor.shutdown(wait=True)
    except RuntimeError:  # its manager thread could not be started (out of memory): nothing to wait for
        pass


def _end(processes) -> None:
    """Terminate processes (each kills its kernels on SIGTERM), then kill any still there."""
    for p in processes:
        if p.is_alive():
            p.terminate()
    for p in processes:
        p.join(timeout=15)
        if p.is_alive():
            p.kill()
            p.join()


class DaskPool:
    """Notebook executions sent to a Dask distributed cluster through its client."""

    def __init__(self, address: str, timeout: float):
        from distributed import Client  # (distributed is imported only for a run on a cluster)

        self.address = address
        self.logger = logging.getLogger("distributed")
        self.level = self.logger.level
        # the client's own reports of a lost connection are tracebacks on stderr: the runner names
        # each run that failed instead
        self.logger.setLevel(logging.CRITICAL)
        try:
            self.client = Client(address, timeout=f"{timeout}s", set_as_default=False)
            self.window = max(1, sum(self.client.nthreads().values()))
        except BaseException:
            self.logger.setLevel(self.level)
            raise
        self.futures: set = set()
        self.lost = False

    def submit(self, notebook: str, parameters: dict, stem: str, tables: bool = False):
        import uuid

        if self.lost or self.client.status not in ("running", "connecting"):
            self.lost = True
            return _failed_future(self._lost_message())
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
            tables,
            pure=False,
            key=f"policy-review-{run}-{stem}-{uuid.uuid4().hex[:8]}",
        )
        self.futures.add(future)
        return future

    def _lost_message(self) -> str:
        return f"the Dask scheduler at {self.address} was lost; nothing more runs on the cluster"

    def result(self, future, label: str) -> JobResult:
        self.futures.discard(future)
        try:
            return future.result()
        except Exception as exc:  # distributed.KilledWorker, a lost connection, ...
            if "scheduler-connection-lost" in str(exc):
                self.lost = True
                return JobResult.failed(self._lost_message())
            return JobResult.failed(
                f"the Dask worker running it died or was lost ({type(exc).__name__}: {str(exc)[:200]})"
            )

    def check(self) -> None:
        """Where the client has lost its scheduler, the runs it held are failed (their callbacks
        come), so that the runner does not wait for them for ever."""
        if self.client.status in ("running", "connecting") and not self.lost:
            return
        self.lost = True
        for future in list(self.futures):
            if not future.done():
                future.cancel()

    def stop(self) -> None:
        try:
            if self.futures and not self.lost:
                self.client.cancel(list(self.futures), force=True)
        finally:
            self.close()

    def close(self) -> None:
        try:
            self.client.close(timeout=10)
        except Exception:
            pass
        self.logger.setLevel(self.level)


def _failed_future(error: str) -> Future:
    future: Future = Future()
    future.set_result(JobResult.failed(error))
    return future


def scheduler_timeout() -> float:
    value = os.environ.get(TIMEOUT_ENV, "").strip()
    try:
        return max(1.0, float(value)) if value else DEFAULT_TIMEOUT
    except ValueError:
        return DEFAULT_TIMEOUT


def connect(address: str) -> DaskPool:
    """A client of the scheduler at ``address``; BadInput where it is no address, or cannot be reached."""
    where = _given_by(address)
    check_address(address)
    timeout = scheduler_timeout()
    try:
        return DaskPool(address, timeout)
    except Exception as exc:  # OSError (refused, timed out), ValueError, ...
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise BadInput(
            [Problem(where, f"cannot reach the Dask scheduler at {address} ({reason}); nothing was run")]
        ) from None


def _given_by(address: str) -> str:
    """Where the address came from, as a problem names it."""
    return "--scheduler" if os.environ.get(SCHEDULER_ENV) != address else SCHEDULER_ENV


def check_address(address: str) -> None:
    """BadInput where ``address`` is no scheduler's address (checked before the data: it costs
    nothing, and reaching the scheduler comes later, once the data is checked)."""
    found = _ADDRESS.match(address)
    if not found or not 0 < int(found.group(1)) < 65536:
        raise BadInput(
            [
                Problem(
                    _given_by(address), f"{address!r} is not a scheduler's address: write it tcp://HOST:PORT"
                )
            ]
        )


def scheduler_address(option: str | None) -> str | None:
    """``--scheduler`` if given, else ``POLICY_REVIEW_SCHEDULER``, else None (the local pool);
    BadInput where what is given is no scheduler's address."""
    address = option or os.environ.get(SCHEDULER_ENV) or None
    if address is not None:
        check_address(address)
    return address
