"""One notebook execution, as a worker does it: a fresh kernel (started ahead of need), papermill,
and the run's files handed back as bytes for the runner to write.

- **Kernels ready before they are needed.** A worker keeps one kernel started ahead while the
  previous notebook executes, forked from the worker's template that has the package and its
  heavy imports loaded (:mod:`policy_review.run.kernel_template`; without it, a usual kernel that
  imports them with ``--IPKernelApp.exec_lines``); each run still gets a kernel of its own, used
  once and stopped.
- **Nothing written here.** papermill writes the executed notebook into memory (an I/O handler
  of its own scheme); the worker returns the notebook, the summary and the spreadsheet as bytes,
  and the runner writes them whole or not at all. So a worker stopped at any moment leaves no
  file behind, and a worker on another machine (see :mod:`policy_review.run.cluster`) needs no
  shared output folder.
- **Signals.** A worker ignores Ctrl-C (the runner decides) and on SIGTERM kills its kernels and
  exits at once. papermill runs in a thread of the worker so that nbclient does not take over
  the worker's signal handlers.
- **No orphans.** A runner killed with SIGKILL stops nobody: its workers notice that it is gone
  (on Linux the parent-death signal, elsewhere a thread watching the parent's pid) and kill their
  kernels and exit, as on SIGTERM.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

from policy_review.core import paths, reads
from policy_review.core.errors import printable
from policy_review.run import compat, handover, kernel_template
from policy_review.run.jobs import JobResult

#: The modules every notebook imports; a kernel started ahead has them loaded before it is needed.
PRELOAD = "import policy_review.run.execution as _pr; _pr.preload(); del _pr"
#: What :func:`preload` imports (whichever of them exist).
PRELOADED = (
    "pandas",
    "matplotlib.pyplot",
    "itables",
    "policy_review.review.year_review",
    "policy_review.pages.parts",
    "policy_review.pages.year_page",
    "policy_review.review.trends",
    "policy_review.pages.trends_page",
    "policy_review.review.ledger",
    "policy_review.pages.ledger_page",
    "policy_review.review.compare",
    "policy_review.pages.compare_page",
    "policy_review.run.handover",
    "policy_review.pages.exports.spreadsheet",
    "policy_review.pages.source_page",
    "policy_review.review.summary",
    "openpyxl",
    # imported by the first cell that needs them: reading and drafting a report, validating tables,
    # drawing a chart, styling a table
    "policy_review.draft.report_draft",
    "policy_review.draft.extract",
    "policy_review.draft.task_matching",
    "policy_review.sources.simplified",
    "pandera",
    "cn2an",
    "opencc",
    "mplfonts",
    "matplotlib.backends.backend_agg",
    "IPython.core.pylabtools",
    "pandas.io.formats.style",
    "pandas.io.formats.excel",
)
#: The kernel's own log lines are not the user's business (errors in cells reach us through
#: papermill); a batch run keeps no IPython history.
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=CRITICAL", "--HistoryManager.enabled=False"]
#: What jupyter_client raises when a kernel dies or hangs before it answers; most often because a
#: port it was given was taken meanwhile by another process (jupyter/jupyter_client#487), which
#: parallel runs make likelier. No cell has run then: starting it again is safe.
KERNEL_START_FAILURES = ("Kernel died before replying to kernel_info", "Kernel didn't respond in")
KERNEL_START_ATTEMPTS = 3
#: Sent to a worker when the thread that started it ends (Linux's parent-death signal): the
#: worker then looks whether its parent process is gone, not only a thread of it.
PARENT_DEATH_SIGNAL = signal.SIGHUP
#: How often a worker looks whether its parent is gone where that signal does not exist.
PARENT_POLL_SECONDS = 0.5
MEMORY_SCHEME = "policy-review-memory://"
#: Where, in its hand-over folder, a kernel lists the files it read (policy_review.core.reads).
READS_FILE = "read.jsonl"
#: The longest error a failed run reports (its first line; the failed notebook holds the rest).
MAX_ERROR_CHARS = 300


class _MemoryIO:
    """A papermill I/O handler that keeps written notebooks in memory, by path."""

    store: dict[str, str] = {}

    @classmethod
    def read(cls, path):
        return cls.store[path]

    @classmethod
    def write(cls, buf, path):
        cls.store[path] = buf

    @classmethod
    def listdir(cls, path):
        return []

    @classmethod
    def pretty_path(cls, path):
        return "(in memory)"


_registered = False
_state: dict = {"ahead": None, "running": set()}
_thread: ThreadPoolExecutor | None = None


def _register_memory_io() -> None:
    global _registered
    if not _registered:
        from papermill.iorw import papermill_io

        papermill_io.register(MEMORY_SCHEME, _MemoryIO)
        _registered = True


# ---------------------------------------------------------------- kernels


def preload() -> None:
    """In a kernel started ahead: import what the notebooks import, before any notebook asks."""
    import importlib

    for name in PRELOADED:
        try:
            importlib.import_module(name)
        except ImportError:
            pass


def _kernel_manager(**kwargs):
    """A kernel manager that keeps the clients it makes, so that :func:`_stop_kernel` can stop
    their channels (:func:`policy_review.run.compat.keeping_clients`)."""
    from jupyter_client.manager import AsyncKernelManager

    return compat.keeping_clients(AsyncKernelManager(**kwargs))


def _start_kernel(preload: bool = True):
    """Launch a python3 kernel in ``notebooks/`` (returns at once; it boots on its own)."""
    from jupyter_core.utils import run_sync

    where = kernel_template.address() if preload else None
    if where is not None:  # forked from the template, where all of PRELOADED is loaded already
        extra = KERNEL_ARGUMENTS
    else:
        extra = KERNEL_ARGUMENTS + ([f"--IPKernelApp.exec_lines={PRELOAD}"] if preload else [])
    # every kernel starts through the launcher: with no template (where "") it becomes a kernel
    # started the usual way that still dies with this worker, even one still starting up as the
    # worker is stopped (no kernel left to write its connection file into a removed folder)
    launcher = kernel_template.kernel_spec_manager(where or "")
    km = _kernel_manager(kernel_name="python3", kernel_spec_manager=launcher)
    # a private folder where the kernel hands over the run's tables (policy_review.run.handover)
    # and says which files it read (policy_review.core.reads)
    km.pr_handover = tempfile.mkdtemp(prefix="policy-review-handover-")
    env = dict(os.environ, **{handover.ENV: km.pr_handover, reads.ENV: _reads_file(km)})
    try:
        run_sync(km.start_kernel)(cwd=str(paths.notebooks_dir()), extra_arguments=extra, env=env)
    except BaseException:
        _remove_handover(km)
        raise
    _state["running"].add(km)
    return km


def _reads_file(km) -> str:
    return os.path.join(km.pr_handover, READS_FILE)


def _remove_handover(km) -> None:
    folder = getattr(km, "pr_handover", None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)


def _stop_kernel(km) -> None:
    from jupyter_core.utils import run_sync

    try:
        run_sync(km.shutdown_kernel)(now=True)
    except Exception:
        _kill_kernel(km)
    finally:
        _state["running"].discard(km)
        _remove_handover(km)
        compat.stop_clients(km)


def _kill_kernel(km) -> None:
    """Kill a kernel's process group at once and remove its connection file (signal-safe enough)."""
    process = getattr(getattr(km, "provisioner", None), "process", None)
    if process is not None:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except OSError:
            pass
    try:
        os.unlink(km.connection_file)
    except (OSError, TypeError):
        pass
    _remove_handover(km)


def _take_kernel(ahead: bool):
    """The kernel for this run: the one started ahead (if any); and start the next one ahead."""
    km = _state["ahead"] or _start_kernel()
    _state["ahead"] = _start_kernel() if ahead else None
    return km


def stop_spare_kernel() -> None:
    """Kill the kernel started ahead that no run will use (at the worker's exit)."""
    km, _state["ahead"] = _state["ahead"], None
    if km is not None:
        _kill_kernel(km)
    kernel_template.stop()


# ---------------------------------------------------------------- worker process


def init_worker() -> None:
    """A local worker process: Ctrl-C is the runner's to handle; SIGTERM kills this worker's
    kernels and exits at once (the worker writes no file, so nothing is left half-written)."""
    from multiprocessing.util import Finalize

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGQUIT, signal.SIG_IGN)  # a terminal's quit key too is the runner's to handle
    signal.signal(signal.SIGTERM, _on_sigterm)
    # born with Ctrl-C blocked (see cluster.LocalPool.submit): now that it is ignored, unblock it,
    # so that kernels started from here begin with an empty signal mask
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    Finalize(None, stop_spare_kernel, exitpriority=100)
    # the runner's pid as multiprocessing knows it, not os.getppid(): a runner killed while this
    # worker started up has left us with another parent already, and we would watch that one
    parent = multiprocessing.parent_process()
    _die_with_parent(parent.pid if parent is not None and parent.pid else os.getppid())
    kernel_template.address()  # the template warms up while the first notebook is handed over


def _on_sigterm(signum, frame) -> None:
    _kill_kernels_and_exit(128 + signum)


def _kill_kernels_and_exit(code: int) -> None:
    for km in list(_state["running"]):
        _kill_kernel(km)
    kernel_template.kill()
    os._exit(code)


def _die_with_parent(parent: int, signal_too: bool = sys.platform.startswith("linux")) -> None:
    """Kill this worker's kernels and exit once the process ``parent`` is gone (the runner, even
    one killed with SIGKILL): by the parent-death signal where ``prctl`` has it (Linux), and by a
    daemon thread that watches ``os.getppid()`` everywhere (and for a parent that died before the
    signal was asked for)."""

    def on_parent_death(signum, frame) -> None:
        if os.getppid() != parent:  # not only the runner's thread that started this worker ended
            _kill_kernels_and_exit(128 + signal.SIGTERM)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL_SECONDS)
        _kill_kernels_and_exit(128 + signal.SIGTERM)

    if signal_too:
        signal.signal(PARENT_DEATH_SIGNAL, on_parent_death)
        kernel_template.ask_parent_death_signal(PARENT_DEATH_SIGNAL)  # (if it cannot: the thread below)
    threading.Thread(target=watch, name="watch-parent", daemon=True).start()


def _in_execution_thread(fn, *args):
    """Run ``fn`` in this process's one execution thread (so its event loop, and the kernels
    started in it, are the same from run to run) and wait for it; signals stay with this thread."""
    global _thread
    if threading.current_thread() is not threading.main_thread():
        return fn(*args)  # e.g. a Dask worker's thread: nbclient installs no signal handlers there
    if _thread is None:
        _thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="execute")
    return _thread.submit(fn, *args).result()


# ---------------------------------------------------------------- one job


def notebook_job(
    notebook: str,
    parameters: dict,
    stem: str,
    ahead: bool = True,
    env: dict | None = None,
    tables: bool = False,
) -> JobResult:
    """Execute one notebook; return its :class:`~policy_review.run.jobs.JobResult` (picklable): the
    executed notebook (or the failed one as far as it got) and, with ``tables``, a year run's
    summary, spreadsheet and source page, as bytes; the files the run read with their hashes.
    ``env``: variables for the kernels (on a cluster: the runner's marks of the data it checked)."""
    if env:
        os.environ.update(env)
    return _in_execution_thread(_job, notebook, parameters, stem, ahead, tables)


def _one_line(text: str) -> str:
    """An error as one line of a message (its first line, cut), control characters escaped."""
    lines = str(text).strip().splitlines()
    line = lines[0].strip() if lines else ""
    return printable(line if len(line) <= MAX_ERROR_CHARS else line[: MAX_ERROR_CHARS - 1] + "…")


def _job(notebook: str, parameters: dict, stem: str, ahead: bool, tables: bool) -> JobResult:
    from papermill.exceptions import PapermillExecutionError

    started = time.perf_counter()
    result = JobResult()
    target = f"{MEMORY_SCHEME}{uuid.uuid4().hex}.ipynb"
    try:
        handed, result.read = _execute(notebook, parameters, target, ahead, stem)
        result.files[f"{stem}.ipynb"] = _MemoryIO.store.pop(target).encode("utf-8")
        if tables:  # a year run: its headline numbers and spreadsheet, from its kernel or made here
            tables_started, place = time.perf_counter(), reads.mark()
            try:
                result.files.update(
                    handed or run_tables(parameters["region"], parameters["year"], parameters["lang"], stem)
                )
                result.read.update(dict(reads.since(place)))
            except Exception as exc:
                result.files = {}
                result.error = f"writing the run's tables failed: {type(exc).__name__}: {_one_line(exc)}"
                return result
            finally:
                result.tables_seconds = time.perf_counter() - tables_started
        result.ok = True
    except PapermillExecutionError as exc:
        result.failed_cell = exc.exec_count if exc.exec_count is not None else exc.cell_index
        first_line = (exc.source or "").strip().splitlines()[:1]
        snippet = f" [{first_line[0][:60]}]" if first_line else ""
        result.error = _one_line(f"{exc.ename}: {exc.evalue}") + printable(snippet)
        _keep_failed(result, target, stem)
    except Exception as exc:  # kernel died, a cell timed out, papermill could not start, out of memory ...
        result.error = _one_line(f"{type(exc).__name__}: {exc}")
        _keep_failed(result, target, stem)
    finally:
        _MemoryIO.store.pop(target, None)
        result.seconds = time.perf_counter() - started
    return result


def _keep_failed(result: JobResult, target: str, stem: str) -> None:
    """The notebook as far as it got, where papermill saved one, as ``<stem>.failed.ipynb``."""
    if target in _MemoryIO.store:
        result.files[f"{stem}.failed.ipynb"] = _MemoryIO.store[target].encode("utf-8")


def _execute(
    notebook: str, parameters: dict, target: str, ahead: bool, stem: str
) -> tuple[dict | None, dict[str, str]]:
    """papermill's ``execute_notebook`` into ``target`` with a fresh kernel (the one started ahead
    where there is one), started again (up to ``KERNEL_START_ATTEMPTS`` times) when it fails
    before running anything. Returns the files the kernel handed over for this run, named for
    ``stem`` (None where it handed over none: :func:`policy_review.run.handover.taken`), and the
    files the kernel read with the hashes of what it read (:mod:`policy_review.core.reads`)."""
    import papermill as pm

    _register_memory_io()
    for attempt in range(1, KERNEL_START_ATTEMPTS + 1):
        km = _take_kernel(ahead) if attempt == 1 else _start_kernel(preload=False)
        try:
            pm.execute_notebook(
                str(paths.notebooks_dir() / notebook),
                target,
                parameters=parameters,
                kernel_name="python3",
                cwd=None if km is not None else str(paths.notebooks_dir()),
                progress_bar=False,
                log_output=False,
                request_save_on_cell_execute=False,
                extra_arguments=KERNEL_ARGUMENTS,
                # every output has arrived when the last cell ends: stop the kernel at once
                shutdown_kernel="immediate",
                km=km,
            )
            return handover.taken(km.pr_handover, parameters, stem), reads.taken(_reads_file(km))
        except RuntimeError as exc:
            if attempt == KERNEL_START_ATTEMPTS or not any(m in str(exc) for m in KERNEL_START_FAILURES):
                raise
            run = " ".join(str(parameters[k]) for k in ("region", "year") if k in parameters)
            print(
                printable(f"      {run} ({notebook}): the kernel did not start ({exc}); starting another"),
                file=sys.stderr,
                flush=True,
            )
        finally:
            if km is not None:
                _stop_kernel(km)


def run_tables(region: str, year: int, lang: str, stem: str) -> dict[str, bytes]:
    """A year run's headline numbers with its comparison row (``<stem>.summary.json``, read by the
    index and the comparison), its tables as a spreadsheet (``<stem>.xlsx``) and the report text as
    a page the review's quotes link into (``<stem>.source.html``), as bytes: loaded here, where
    the run's kernel handed over none (:mod:`policy_review.run.handover`)."""
    # deferred: a worker loads the reviews (pandas, the models) only when a kernel handed nothing over
    from policy_review.review.year_review import load_review

    return handover.run_tables(load_review(region, year, lang), stem)
