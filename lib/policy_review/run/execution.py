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

import os
import shutil
import signal
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

from policy_review.core import paths
from policy_review.review.year_review import load_review
from policy_review.run import handover, kernel_template

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
    "policy_review.pages.spreadsheet",
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
    their channels. nbclient stops them only for a kernel manager it made itself; for one given
    to it (ours, started ahead) each run would leave its client behind in the worker: a zmq
    context with its two threads, and a heartbeat thread that pings the dead kernel every second
    and opens a new socket each time, so that a worker's runs get slower as it goes."""
    from jupyter_client.manager import AsyncKernelManager

    km = AsyncKernelManager(**kwargs)
    km.pr_clients = []
    make_client = km.client

    def client(**options):
        made = make_client(**options)
        km.pr_clients.append(made)
        return made

    km.client = client
    return km


def _start_kernel(preload: bool = True):
    """Launch a python3 kernel in ``notebooks/`` (returns at once; it boots on its own)."""
    from jupyter_core.utils import run_sync

    where = kernel_template.address() if preload else None
    if where is not None:  # forked from the template, where all of PRELOADED is loaded already
        forked = kernel_template.kernel_spec_manager(where)
        km = _kernel_manager(kernel_name="python3", kernel_spec_manager=forked)
        extra = KERNEL_ARGUMENTS
    else:
        km = _kernel_manager(kernel_name="python3")
        extra = KERNEL_ARGUMENTS + ([f"--IPKernelApp.exec_lines={PRELOAD}"] if preload else [])
    # a private folder where the kernel hands over the run's tables (policy_review.run.handover)
    km.pr_handover = tempfile.mkdtemp(prefix="policy-review-handover-")
    env = dict(os.environ, **{handover.ENV: km.pr_handover})
    try:
        run_sync(km.start_kernel)(cwd=str(paths.notebooks_dir()), extra_arguments=extra, env=env)
    except BaseException:
        _remove_handover(km)
        raise
    _state["running"].add(km)
    return km


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
        _stop_clients(km)


def _stop_clients(km) -> None:
    """Stop the channels (their threads and zmq context) of the clients made for ``km``."""
    for client in getattr(km, "pr_clients", ()):
        try:
            client.stop_channels()
        except Exception:
            pass
    km.pr_clients = []


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
    signal.signal(signal.SIGTERM, _on_sigterm)
    # born with Ctrl-C blocked (see cluster.LocalPool.submit): now that it is ignored, unblock it,
    # so that kernels started from here begin with an empty signal mask
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    Finalize(None, stop_spare_kernel, exitpriority=100)
    _die_with_parent(os.getppid())
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
    notebook: str, parameters: dict, stem: str, ahead: bool = True, env: dict | None = None
) -> dict:
    """Execute one notebook; return a plain dict (picklable): ``ok``, ``seconds``, ``failed_cell``,
    ``error``, ``files`` (file name in the region's folder → bytes) and ``tables_seconds``.
    ``env``: variables for the kernels (on a cluster: the runner's marks of the data it checked)."""
    if env:
        os.environ.update(env)
    without_iri_grammar()
    return _in_execution_thread(_job, notebook, parameters, stem, ahead)


def without_iri_grammar() -> None:
    """Where ``rfc3987_syntax`` is installed, jsonschema checks the "iri" format with it, and it
    builds a Lark grammar when imported: 1.5 CPU-seconds in every process that imports nbformat
    (papermill, nbconvert), before anything is executed or rendered. No notebook schema uses that
    format, so its import is made to fail, as where the package is not installed (jsonschema then
    leaves that one format unchecked). Call before nbformat is imported; later it changes nothing."""
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]  (import raises ImportError)


def _job(notebook: str, parameters: dict, stem: str, ahead: bool) -> dict:
    from papermill.exceptions import PapermillExecutionError

    started = time.perf_counter()
    result = {"ok": False, "failed_cell": None, "error": "", "tables_seconds": 0.0, "files": {}}
    target = f"{MEMORY_SCHEME}{uuid.uuid4().hex}.ipynb"
    try:
        handed = _execute(notebook, parameters, target, ahead, stem)
        result["files"][f"{stem}.ipynb"] = _MemoryIO.store.pop(target).encode("utf-8")
        if (
            "year" in parameters and "region" in parameters
        ):  # a year run: its headline numbers and spreadsheet, from its kernel or made here
            tables_started = time.perf_counter()
            try:
                result["files"].update(
                    handed or run_tables(parameters["region"], parameters["year"], parameters["lang"], stem)
                )
            except Exception as exc:
                result["files"] = {}
                result["error"] = f"writing the run's tables failed: {type(exc).__name__}: {exc}"
                return result
            finally:
                result["tables_seconds"] = time.perf_counter() - tables_started
        result["ok"] = True
    except PapermillExecutionError as exc:
        result["failed_cell"] = exc.exec_count if exc.exec_count is not None else exc.cell_index
        first_line = (exc.source or "").strip().splitlines()[:1]
        snippet = f" [{first_line[0][:60]}]" if first_line else ""
        result["error"] = f"{exc.ename}: {exc.evalue}{snippet}"
        if target in _MemoryIO.store:  # papermill saved the notebook as far as it got
            result["files"][f"{stem}.failed.ipynb"] = _MemoryIO.store[target].encode("utf-8")
    except Exception as exc:  # kernel died, papermill could not start, ...
        result["error"] = f"{type(exc).__name__}: {exc}"
    finally:
        _MemoryIO.store.pop(target, None)
        result["seconds"] = time.perf_counter() - started
    return result


def _execute(notebook: str, parameters: dict, target: str, ahead: bool, stem: str) -> dict | None:
    """papermill's ``execute_notebook`` into ``target`` with a fresh kernel (the one started ahead
    where there is one), started again (up to ``KERNEL_START_ATTEMPTS`` times) when it fails
    before running anything. Returns the files the kernel handed over for this run, named for
    ``stem`` (None where it handed over none: :func:`policy_review.run.handover.taken`)."""
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
            return handover.taken(getattr(km, "pr_handover", None), parameters, stem)
        except RuntimeError as exc:
            if attempt == KERNEL_START_ATTEMPTS or not any(m in str(exc) for m in KERNEL_START_FAILURES):
                raise
            run = " ".join(str(parameters[k]) for k in ("region", "year") if k in parameters)
            print(
                f"      {run} ({notebook}): the kernel did not start ({exc}); starting another",
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
    return handover.run_tables(load_review(region, year, lang), stem)
