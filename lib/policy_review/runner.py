"""The yearly run: execute every params file through papermill, render HTML, write the index.

A thin layer over papermill's Python API (execution) and nbconvert (rendering):

- each run gets a fresh kernel, started in ``notebooks/`` so the notebook sees what a
  researcher in JupyterLab sees;
- with ``jobs > 1`` the notebooks execute in worker processes (never a process-wide chdir);
  rendering stays in this process so nbconvert's imports are paid once;
- a failed run keeps the last good HTML, leaves ``<name>.failed.ipynb`` beside it for debugging,
  names the run and the failing cell, and makes the command exit 1 after the other runs finish;
- every output file is written whole or not at all (temporary name, then rename).
"""

from __future__ import annotations

import json
import multiprocessing
import sys
import time
import traceback
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from . import paths
from .atomic import atomic_write_text, replace_into
from .params import Run

YEAR_NOTEBOOK = "year_review.ipynb"
TRENDS_NOTEBOOK = "trends.ipynb"


@dataclass
class Outcome:
    """What happened to one notebook execution."""

    label: str  # e.g. "kaizhou 2018" or "kaizhou trends"
    region: str
    stem: str  # output file name without extension, e.g. "2018" or "trends"
    params_file: str | None
    year: int | None = None
    lang: str = "en"
    ok: bool = False
    seconds: float = 0.0
    failed_cell: int | None = None
    error: str = ""

    def failure_line(self) -> str:
        where = f" ({self.params_file})" if self.params_file else ""
        cell = f" in cell {self.failed_cell}" if self.failed_cell is not None else ""
        return f"FAILED {self.label}{where}{cell}: {self.error}"


def output_stem(kind: str, year: int | None, lang: str) -> str:
    """File name (without extension) of a run's outputs: ``2018``, ``2018.zh``, ``trends``, ``trends.zh``."""
    base = str(year) if kind == "year" else "trends"
    return base if lang == "en" else f"{base}.{lang}"


def check_inputs(runs: list[Run]) -> None:
    """Before any kernel starts: validate each region's curated data and decode each run's report;
    raise BadInput with every problem. Then tell the kernels the data is checked (see
    :func:`policy_review.load.mark_validated`)."""
    from .errors import BadInput
    from .load import mark_validated
    from .report_text import read_report_text
    from .validate import validate

    regions = sorted({r.region for r in runs})
    problems = [p for region in regions if paths.curated_dir(region).exists()
                for p in validate(paths.curated_dir(region))]
    for run in runs:
        try:
            read_report_text(paths.report_text_path(run.region, run.year))
        except BadInput as exc:
            problems += exc.problems
    if problems:
        raise BadInput(list(dict.fromkeys(problems)))  # the same problem once, even if two checks saw it
    mark_validated(regions)


def _notebook_job(notebook: str, parameters: dict, out_dir: str, stem: str) -> dict:
    """Execute one notebook with papermill into ``out_dir/stem.ipynb``; runs in a worker or in-process.

    Returns a plain dict (picklable): ok, seconds, failed_cell, error, and tables_seconds (the
    part of ``seconds`` spent writing a year run's summary and spreadsheet).
    """
    from papermill.exceptions import PapermillExecutionError

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    running = out / f".{stem}.running.ipynb"
    started = time.perf_counter()
    result = {"ok": False, "failed_cell": None, "error": "", "tables_seconds": 0.0}
    try:
        _execute(notebook, parameters, running)
        replace_into(running, out / f"{stem}.ipynb")
        if "year" in parameters:  # a year run: its headline numbers and spreadsheet, here where it is parallel
            tables_started = time.perf_counter()
            try:
                write_run_tables(out.parent, parameters["region"], parameters["year"], parameters["lang"])
            except Exception as exc:
                result["error"] = f"writing the run's tables failed: {type(exc).__name__}: {exc}"
                return result
            finally:
                result["tables_seconds"] = time.perf_counter() - tables_started
        result["ok"] = True
    except PapermillExecutionError as exc:
        result["failed_cell"] = exc.exec_count if exc.exec_count is not None else exc.cell_index
        first_line = (exc.source or "").strip().splitlines()[:1]
        snippet = f' [{first_line[0][:60]}]' if first_line else ""
        result["error"] = f"{exc.ename}: {exc.evalue}{snippet}"
    except KeyboardInterrupt:
        result["error"] = "interrupted"
        raise
    except Exception as exc:  # kernel died, papermill could not start, ...
        result["error"] = f"{type(exc).__name__}: {exc}"
    finally:
        if not result["ok"] and running.exists():
            replace_into(running, out / f"{stem}.failed.ipynb")
        result["seconds"] = time.perf_counter() - started
    return result


#: What jupyter_client raises when a kernel dies or hangs before it answers; most often because a
#: port it was given was taken meanwhile by another process (jupyter/jupyter_client#487), which
#: parallel runs make likelier. No cell has run then: starting it again is safe.
KERNEL_START_FAILURES = ("Kernel died before replying to kernel_info", "Kernel didn't respond in")
KERNEL_START_ATTEMPTS = 3


def _execute(notebook: str, parameters: dict, target: Path) -> None:
    """papermill's ``execute_notebook`` into ``target``, with a fresh kernel started again (up to
    ``KERNEL_START_ATTEMPTS`` times) when it fails before running anything."""
    import papermill as pm

    for attempt in range(1, KERNEL_START_ATTEMPTS + 1):
        try:
            pm.execute_notebook(
                str(paths.notebooks_dir() / notebook),
                str(target),
                parameters=parameters,
                kernel_name="python3",
                cwd=str(paths.notebooks_dir()),
                progress_bar=False,
                log_output=False,
                request_save_on_cell_execute=False,
                # the kernel's own log lines (transport warnings, shutdown notices) are not the user's business;
                # errors in cells reach us through papermill. A batch run keeps no IPython history.
                extra_arguments=["--IPKernelApp.log_level=CRITICAL", "--HistoryManager.enabled=False"],
                # every output has arrived when the last cell ends: stop the kernel at once instead of
                # waiting for its own teardown (about 0.4 s a run)
                shutdown_kernel="immediate",
            )
            return
        except RuntimeError as exc:
            if attempt == KERNEL_START_ATTEMPTS or not any(m in str(exc) for m in KERNEL_START_FAILURES):
                raise
            run = " ".join(str(parameters[k]) for k in ("region", "year") if k in parameters)
            print(f"      {run} ({notebook}): the kernel did not start ({exc}); starting another",
                  file=sys.stderr, flush=True)


def _warm_caches() -> None:
    """Build matplotlib's font cache once, before several kernels would race to build it; and
    write this package's bytecode, which every kernel imports afresh (where
    PYTHONDONTWRITEBYTECODE is set, as in many containers, nothing else writes it; a package
    installed read-only is left as it is)."""
    import compileall

    import matplotlib.font_manager  # noqa: F401  (loading it builds the font cache where there is none)

    try:
        compileall.compile_dir(Path(__file__).resolve().parent, quiet=2)
    except OSError:
        pass


class Progress:
    """Progress lines on stderr: ``[2/4] kaizhou 2019 ... ok (6.1 s)``."""

    def __init__(self, total: int, stream=None):
        self.total, self.done = total, 0
        self.stream = stream or sys.stderr

    def start(self, label: str) -> None:
        print(f"      {label}: running", file=self.stream, flush=True)

    def finish(self, outcome: Outcome) -> None:
        self.done += 1
        state = "ok" if outcome.ok else "FAILED"
        print(
            f"[{self.done}/{self.total}] {outcome.label}: {state} ({outcome.seconds:.1f} s)",
            file=self.stream,
            flush=True,
        )


def _year_jobs(runs: list[Run]) -> list[tuple[Outcome, str, dict]]:
    jobs = []
    for run in runs:
        stem = output_stem("year", run.year, run.lang)
        outcome = Outcome(run.name + ("" if run.lang == "en" else f" ({run.lang})"), run.region, stem,
                          paths.display(run.params_file), year=run.year, lang=run.lang)
        jobs.append((outcome, YEAR_NOTEBOOK, run.parameters.model_dump()))
    return jobs


def _trends_jobs(runs: list[Run]) -> list[tuple[Outcome, str, dict]]:
    seen, jobs = set(), []
    for run in runs:
        if (run.region, run.lang) in seen:
            continue
        seen.add((run.region, run.lang))
        stem = output_stem("trends", None, run.lang)
        outcome = Outcome(f"{run.region} trends" + ("" if run.lang == "en" else f" ({run.lang})"), run.region, stem,
                          None, lang=run.lang)
        jobs.append((outcome, TRENDS_NOTEBOOK, {"region": run.region, "lang": run.lang}))
    return jobs


def execute_all(jobs: list[tuple[Outcome, str, dict]], out_dir: Path, n_jobs: int, progress: Progress,
                on_done) -> None:
    """Execute the jobs (in worker processes when n_jobs > 1); call ``on_done(outcome)`` as each ends."""

    def record(outcome: Outcome, result: dict) -> None:
        outcome.ok, outcome.seconds = result["ok"], result["seconds"]
        outcome.failed_cell, outcome.error = result["failed_cell"], result["error"]
        progress.finish(outcome)
        on_done(outcome)

    if n_jobs <= 1:
        for outcome, notebook, parameters in jobs:
            progress.start(outcome.label)
            record(outcome, _notebook_job(notebook, parameters, str(out_dir / outcome.region), outcome.stem))
        return
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=n_jobs, mp_context=ctx) as pool:
        futures: list[tuple[Outcome, Future]] = []
        for outcome, notebook, parameters in jobs:
            futures.append((outcome, pool.submit(_notebook_job, notebook, parameters,
                                                 str(out_dir / outcome.region), outcome.stem)))
        try:
            for outcome, future in futures:
                record(outcome, future.result())
        except KeyboardInterrupt:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def run(runs: list[Run], out_dir: Path | None = None, n_jobs: int = 1, with_code: bool = False,
        stream=None) -> list[Outcome]:
    """Execute the year runs, then the trends notebook of each region, render HTML, write the index.

    The caller has validated the runs (see :func:`policy_review.params.load_runs`).
    """
    from . import index_page, render

    out_dir = Path(out_dir or paths.output_dir()).resolve()  # papermill changes directory while it executes
    out_dir.mkdir(parents=True, exist_ok=True)
    _warm_caches()
    # Rendering runs in one thread of this process, beside the execution: the exporter is set up
    # (nbconvert takes over a second to import) while the first notebooks execute, and each page
    # is rendered while the next notebook executes in its kernel.
    rendering = ThreadPoolExecutor(max_workers=1, thread_name_prefix="render")
    renderer = rendering.submit(render.Renderer, with_code=with_code)  # first in the queue: ready for the pages
    year_jobs, trends_jobs = _year_jobs(runs), _trends_jobs(runs)
    progress = Progress(len(year_jobs) + len(trends_jobs), stream)
    outcomes: list[Outcome] = []

    def render_page(outcome: Outcome) -> None:
        try:
            renderer.result().render_run(out_dir / outcome.region, outcome.stem)
        except Exception as exc:  # rendering failed: the run counts as failed, old HTML stays
            outcome.ok = False
            outcome.error = f"rendering HTML failed: {type(exc).__name__}: {exc}"
            traceback.print_exc(file=sys.stderr)

    def on_done(outcome: Outcome) -> None:
        outcomes.append(outcome)
        if outcome.ok:
            rendering.submit(render_page, outcome)

    # the trends notebooks read the data, not the year runs' outputs: one queue keeps every worker busy
    try:
        execute_all(year_jobs + trends_jobs, out_dir, n_jobs, progress, on_done)
    except BaseException:
        rendering.shutdown(wait=True, cancel_futures=True)  # a page being written is finished, whole
        raise
    rendering.shutdown(wait=True)  # every page rendered (or failed) before the index is written
    index_page.write_index(out_dir, outcomes)
    return outcomes


def write_run_tables(out_dir: Path, region: str, year: int, lang: str) -> list[Path]:
    """Beside the run's HTML: its headline numbers (``<stem>.summary.json``, read by the index page),
    its tables as a spreadsheet (``<stem>.xlsx``, a sheet per table) and the report text as a page
    that the review's quotes link into (``<stem>.source.html``)."""
    from .review import load_review
    from .source_page import write_source_page
    from .spreadsheet import write_review_workbook
    from .summary import headline_of

    review = load_review(region, year, lang)
    stem = out_dir / region / output_stem("year", year, lang)
    summary_path = stem.with_name(stem.name + ".summary.json")
    atomic_write_text(summary_path, json.dumps(headline_of(review), ensure_ascii=False, indent=1))
    return [summary_path, write_review_workbook(review, stem.with_name(stem.name + ".xlsx")),
            write_source_page(review, stem.with_name(stem.name + ".source.html"))]

