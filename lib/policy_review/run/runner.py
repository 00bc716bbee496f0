"""The yearly run: execute every params file through papermill, render HTML, compare, write the index.

A thin layer over papermill (execution, in :mod:`policy_review.run.execution`), nbconvert
(rendering) and a pool of workers (local processes, or a Dask cluster: :mod:`policy_review.run.cluster`):

- the year reviews and the trends notebooks go through one queue; each year with two or more
  regions (their runs in either language) then gets its comparison (``compare/<year>.html``, and
  ``compare/<year>.zh.html`` when a run of that year is in Chinese), run locally;
- a page links other runs' source pages only where a run wrote them (:func:`source_pages`);
- a run whose inputs are unchanged and whose outputs exist is skipped (:mod:`policy_review.run.incremental`);
- workers hand back the run's files as bytes; this process writes each whole or not at all,
  and renders the pages in a thread beside the execution;
- a failed run keeps the last good HTML, writes ``<name>.failed.ipynb`` beside it when there is
  a notebook to write, names the run and the failing cell, and the command exits 1;
- Ctrl-C or SIGTERM cancels the queue, stops the workers and their kernels, waits for them and
  for the page being written, and only then returns (``KeyboardInterrupt``);
- a full disk stops the run (:class:`~policy_review.core.atomic.DiskFull`): nothing half-written is left.
"""

from __future__ import annotations

import os
import queue
import shutil
import sys
import time
import traceback
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from policy_review.core import paths
from policy_review.core.atomic import DiskFull, atomic_write_bytes, is_disk_full
from policy_review.pages import index_page, render
from policy_review.pages.source_page import page_name
from policy_review.review import loaded_reviews
from policy_review.review.compare import kept_languages, kept_summary
from policy_review.review.trends import region_years
from policy_review.run import incremental
from policy_review.run.cluster import LocalPool, connect
from policy_review.run.execution import run_tables, without_iri_grammar
from policy_review.tables.params import LANGS, Run

YEAR_NOTEBOOK = "year_review.ipynb"
TRENDS_NOTEBOOK = "trends.ipynb"
COMPARE_NOTEBOOK = "compare.ipynb"
COMPARE_DIR = "compare"


@dataclass
class Outcome:
    """What happened to one notebook execution."""

    label: str  # e.g. "kaizhou 2018", "kaizhou trends", "compare 2020"
    region: str  # the output folder: the region, or "compare"
    stem: str  # output file name without extension, e.g. "2018" or "trends"
    params_file: str | None
    year: int | None = None
    lang: str = "en"
    kind: str = "year"  # year, trends or compare
    ok: bool = False
    skipped: bool = False
    seconds: float = 0.0
    failed_cell: int | None = None
    error: str = ""
    failed_notebook: str | None = None  # only when it was written
    inputs: str | None = field(default=None, repr=False)

    @property
    def key(self) -> str:
        return f"{self.region}/{self.stem}"

    def failure_line(self) -> str:
        where = f" ({self.params_file})" if self.params_file else ""
        cell = f" in cell {self.failed_cell}" if self.failed_cell is not None else ""
        return f"FAILED {self.label}{where}{cell}: {self.error}"


@dataclass
class Job:
    outcome: Outcome
    notebook: str
    parameters: dict
    outputs: list[str]  # file names in the region's folder that a good run writes

    def output_paths(self, out_dir: Path) -> list[Path]:
        return [out_dir / self.outcome.region / name for name in self.outputs]


def output_stem(kind: str, year: int | None, lang: str) -> str:
    """File name (without extension) of a run's outputs: ``2018``, ``2018.zh``, ``trends``, ``trends.zh``."""
    base = str(year) if kind in ("year", "compare") else "trends"
    return base if lang == "en" else f"{base}.{lang}"


def _warm_caches() -> None:
    """Build matplotlib's font cache once, before several kernels would race to build it; and
    write this package's bytecode, which every kernel imports afresh (where
    PYTHONDONTWRITEBYTECODE is set, as in many containers, nothing else writes it; a package
    installed read-only is left as it is)."""
    import compileall

    import matplotlib.font_manager  # noqa: F401  (loading it builds the font cache where there is none)

    try:
        compileall.compile_dir(Path(__file__).resolve().parents[1], quiet=2)
    except OSError:
        pass


class Progress:
    """Progress lines on stderr: ``[2/4] kaizhou 2019: ok (6.1 s)``."""

    def __init__(self, total: int, stream=None):
        self.total, self.done = total, 0
        self.stream = stream or sys.stderr

    def start(self, label: str) -> None:
        print(f"      {label}: running", file=self.stream, flush=True)

    def finish(self, outcome: Outcome) -> None:
        self.done += 1
        if outcome.skipped:
            state = "skipped (inputs unchanged, outputs there)"
        else:
            state = f"{'ok' if outcome.ok else 'FAILED'} ({outcome.seconds:.1f} s)"
        print(f"[{self.done}/{self.total}] {outcome.label}: {state}", file=self.stream, flush=True)


def _suffix(lang: str) -> str:
    return "" if lang == "en" else f" ({lang})"


def source_pages(out_dir: Path, runs: list[Run], region: str, lang: str, years) -> dict[str, str]:
    """The source page that a page of ``region`` in ``lang`` links for each of ``years`` (the
    notebooks' ``sources``): the one this invocation's runs write or an earlier run wrote in
    ``out_dir``, in ``lang`` where there is one, else in the other language; a year with neither
    is left out (shown unlinked)."""
    written = {(r.year, r.lang) for r in runs if r.region == region}
    found = {}
    for year in years:
        for other in (lang, *LANGS):
            if (year, other) in written or (out_dir / region / page_name(year, other)).is_file():
                found[str(year)] = page_name(year, other)
                break
    return found


def _year_jobs(runs: list[Run], out_dir: Path) -> list[Job]:
    jobs = []
    for run in runs:
        stem = output_stem("year", run.year, run.lang)
        outcome = Outcome(
            run.name + _suffix(run.lang),
            run.region,
            stem,
            paths.display(run.params_file),
            year=run.year,
            lang=run.lang,
        )
        sources = source_pages(out_dir, runs, run.region, run.lang, (run.year - 1, run.year, run.year + 1))
        parameters = {**run.parameters.model_dump(), "sources": sources}
        outcome.inputs = incremental.fingerprint(
            YEAR_NOTEBOOK, parameters, incremental.year_inputs(run.region, run.year)
        )
        jobs.append(
            Job(
                outcome,
                YEAR_NOTEBOOK,
                parameters,
                [
                    f"{stem}.ipynb",
                    f"{stem}.html",
                    f"{stem}.summary.json",
                    f"{stem}.xlsx",
                    f"{stem}.source.html",
                ],
            )
        )
    return jobs


def _trends_jobs(runs: list[Run], out_dir: Path) -> list[Job]:

    jobs = []
    for region, lang in dict.fromkeys((run.region, run.lang) for run in runs):
        stem = output_stem("trends", None, lang)
        outcome = Outcome(f"{region} trends{_suffix(lang)}", region, stem, None, lang=lang, kind="trends")
        sources = source_pages(out_dir, runs, region, lang, region_years(region))
        parameters = {"region": region, "lang": lang, "sources": sources}
        outcome.inputs = incremental.fingerprint(
            TRENDS_NOTEBOOK, parameters, incremental.trends_inputs(region)
        )
        jobs.append(Job(outcome, TRENDS_NOTEBOOK, parameters, [f"{stem}.ipynb", f"{stem}.html"]))
    return jobs


def compare_jobs(out_dir: Path, year: int) -> list[Job]:
    """The comparisons of ``year`` over every region with a good year run of it in ``out_dir`` (this
    invocation's or an earlier one, in either language; one row per region), when there are two or
    more: one page in each language those runs are in."""
    regions = sorted(
        p.name
        for p in out_dir.iterdir()
        if p.is_dir() and p.name != COMPARE_DIR and kept_summary(p, year, "en") is not None
    )
    if len(regions) < 2:
        return []
    return [compare_job(out_dir, year, lang, regions) for lang in kept_languages(out_dir, year, regions)]


def compare_job(out_dir: Path, year: int, lang: str, regions: list[str]) -> Job:
    """The comparison of ``year`` in ``lang`` over ``regions``. Its inputs are the summaries its rows
    are read from (which run's, and their bytes): a changed row re-runs it in every language."""
    import hashlib

    stem = output_stem("compare", year, lang)
    outcome = Outcome(
        f"compare {year}{_suffix(lang)}", COMPARE_DIR, stem, None, year=year, lang=lang, kind="compare"
    )
    parameters = {
        "year": year,
        "regions": regions,
        "lang": lang,
        "rank_flagged": False,
        "rows_from": str(out_dir),
    }
    rows = hashlib.sha256()
    for region in regions:
        summary = kept_summary(out_dir / region, year, lang)
        rows.update(f"{region}/{summary.name}\0".encode() + hashlib.sha256(summary.read_bytes()).digest())
    outcome.inputs = incremental.fingerprint(
        COMPARE_NOTEBOOK, {**parameters, "rows_from": ""}, extra=rows.digest()
    )
    return Job(outcome, COMPARE_NOTEBOOK, parameters, [f"{stem}.ipynb", f"{stem}.html"])


class _Run:
    """One invocation: the queue, the writer of results and the page renderer."""

    def __init__(self, out_dir: Path, pool, progress: Progress, with_code: bool, force: bool):
        self.out_dir, self.pool, self.progress = out_dir, pool, progress
        self.with_code, self.force = with_code, force
        self.manifest = incremental.Manifest(out_dir)
        self.outcomes: list[Outcome] = []
        self.disk_full: DiskFull | None = None
        self.rendering = ThreadPoolExecutor(max_workers=1, thread_name_prefix="render")
        self.trends_left: Counter = Counter()  # region → its trends jobs still to come in this run
        self._renderer = None
        self.done: queue.Queue = queue.Queue()

    # --- rendering, in its own thread
    def renderer(self):
        """The exporter, set up once (in the rendering thread only)."""
        if self._renderer is None:
            self._renderer = render.Renderer(with_code=self.with_code)
        return self._renderer

    def render_page(self, outcome: Outcome) -> None:
        try:
            self.renderer().render_run(self.out_dir / outcome.region, outcome.stem)
            self.manifest.record(outcome.key, outcome.inputs)
        except Exception as exc:  # rendering failed: the run counts as failed, old HTML stays
            outcome.ok = False
            if is_disk_full(exc):
                self.disk_full = exc if isinstance(exc, DiskFull) else DiskFull(self.out_dir, str(exc))
                outcome.error = f"rendering HTML failed: {self.disk_full}"
            else:
                outcome.error = f"rendering HTML failed: {type(exc).__name__}: {exc}"
                traceback.print_exc(file=sys.stderr)

    # --- results, in the main thread
    def write_result(self, job: Job, result: dict) -> None:
        outcome = job.outcome
        outcome.ok, outcome.seconds = result["ok"], result["seconds"]
        outcome.failed_cell, outcome.error = result["failed_cell"], result["error"]
        folder = self.out_dir / outcome.region
        try:
            for name, data in result.get("files", {}).items():
                atomic_write_bytes(folder / name, data)
                if name.endswith(".failed.ipynb"):
                    outcome.failed_notebook = f"{outcome.region}/{name}"
        except DiskFull as exc:
            self.disk_full = exc
            outcome.ok = False
            outcome.error = str(exc)
        if not outcome.ok:
            self.manifest.record(outcome.key, None)
        self.progress.finish(outcome)
        self.outcomes.append(outcome)
        if outcome.ok:
            self.rendering.submit(self.render_page, outcome)
        if outcome.kind == "trends":
            self.trends_left[outcome.region] -= 1
            if not self.trends_left[outcome.region]:  # no notebook of the run asks for its reviews again
                loaded_reviews.forget(outcome.region)

    def skip_or_queue(self, jobs: list[Job]) -> list[Job]:
        todo = []
        for job in jobs:
            o = job.outcome
            if not self.force and self.manifest.unchanged(o.key, o.inputs, job.output_paths(self.out_dir)):
                o.ok = o.skipped = True
                self.progress.finish(o)
                self.outcomes.append(o)
            else:
                todo.append(job)
        return todo

    def execute(self, jobs: list[Job], window: int, pool=None) -> None:
        """Run ``jobs`` with at most ``window`` in flight; write each result as it comes."""
        pool = pool or self.pool
        waiting, in_flight = list(jobs), 0
        if jobs:  # the exporter is set up (nbconvert takes a second to import) while the first notebooks run
            self.rendering.submit(self.renderer)
        while waiting or in_flight:
            while waiting and in_flight < window and self.disk_full is None:
                job = waiting.pop(0)
                self.progress.start(job.outcome.label)
                future = pool.submit(job.notebook, job.parameters, job.outcome.stem)
                future.add_done_callback(lambda f, job=job: self.done.put((job, f)))
                in_flight += 1
            if self.disk_full is not None and not in_flight:
                return
            if not in_flight:
                continue
            job, future = self._next_done()
            in_flight -= 1
            self.write_result(job, pool.result(future, job.outcome.label))

    def _next_done(self):
        while True:
            try:
                return self.done.get(timeout=0.5)  # a timeout, so that signals are handled at once
            except queue.Empty:
                continue


def run(
    runs: list[Run],
    out_dir: Path | None = None,
    n_jobs: int = 1,
    with_code: bool = False,
    stream=None,
    force: bool = False,
    scheduler: str | None = None,
    validated: dict[str, str] | None = None,
) -> list[Outcome]:
    """Execute the year runs and the trends notebook of each region, then the comparison of each
    year with two or more regions; render HTML; write the index.

    The caller has validated the runs (see :func:`policy_review.tables.params.load_runs`), the data
    (:func:`policy_review.run.preflight.check_inputs`, whose ``validated`` marks are kept in the
    manifest) and the output folder (:func:`policy_review.run.preflight.check_output_folder`).
    """
    without_iri_grammar()  # (before the renderer imports nbconvert)
    # a folder where the run's processes keep each review they load, for the run's other
    # notebooks (policy_review.review.loaded_reviews); its workers and kernels inherit its name
    folder, before = loaded_reviews.run_folder(), os.environ.get(loaded_reviews.ENV)
    os.environ[loaded_reviews.ENV] = folder
    try:
        return _run(runs, out_dir, n_jobs, with_code, stream, force, scheduler, validated)
    finally:
        if before is None:
            os.environ.pop(loaded_reviews.ENV, None)
        else:
            os.environ[loaded_reviews.ENV] = before
        shutil.rmtree(folder, ignore_errors=True)


def _run(runs, out_dir, n_jobs, with_code, stream, force, scheduler, validated) -> list[Outcome]:

    out_dir = Path(out_dir or paths.output_dir()).resolve()  # papermill changes directory while it executes
    out_dir.mkdir(parents=True, exist_ok=True)
    # the trends read the data, not the year runs' outputs (only which source pages they write)
    jobs = _year_jobs(runs, out_dir) + _trends_jobs(runs, out_dir)
    years = sorted({r.year for r in runs})
    progress = Progress(len(jobs), stream)
    pool = connect(scheduler) if scheduler else LocalPool(n_jobs)
    local = pool if not scheduler else None
    state = _Run(out_dir, pool, progress, with_code, force)
    for key, mark in (validated or {}).items():
        state.manifest.record(key, mark)
    try:
        todo = state.skip_or_queue(jobs)
        state.trends_left = Counter(job.outcome.region for job in todo if job.outcome.kind == "trends")
        if todo:  # only when a kernel will start (a run with nothing to do ends in seconds)
            _warm_caches()
        state.execute(todo, pool.window)
        if state.disk_full is None:
            state.rendering.submit(lambda: None).result()  # the year pages are there before comparing
            compares = [job for year in years for job in compare_jobs(out_dir, year)]
            progress.total += len(compares)
            compares = state.skip_or_queue(compares)
            if compares:
                if not todo:
                    _warm_caches()
                local = local or LocalPool(1)
                state.execute(compares, local.window, local)
    except BaseException:
        pool.stop()  # cancel the queue, stop the workers and their kernels, wait for them
        if local is not None and local is not pool:
            local.stop()
        state.rendering.shutdown(wait=True, cancel_futures=True)  # a page being written is finished, whole
        _save_quietly(state.manifest)
        raise
    pool.close()
    if local is not None and local is not pool:
        local.close()
    state.rendering.shutdown(wait=True)  # every page rendered (or failed) before the index is written
    if state.disk_full is None:
        try:
            state.manifest.save()
            index_page.write_index(out_dir, state.outcomes)
        except DiskFull as exc:
            state.disk_full = exc
    if state.disk_full is not None:
        raise state.disk_full
    return state.outcomes


def _save_quietly(manifest) -> None:
    try:
        manifest.save()
    except Exception:
        pass


def write_run_tables(out_dir: Path, region: str, year: int, lang: str) -> list[Path]:
    """Beside the run's HTML: its headline numbers (``<stem>.summary.json``, read by the index page
    and the comparison) and its tables as a spreadsheet (``<stem>.xlsx``, a sheet per table)."""
    stem = output_stem("year", year, lang)
    written = []
    for name, data in run_tables(region, year, lang, stem).items():
        written.append(atomic_write_bytes(out_dir / region / name, data))
    return written


__all__ = ["Outcome", "run", "output_stem", "write_run_tables", "time"]
