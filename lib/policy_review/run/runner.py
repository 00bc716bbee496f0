"""The yearly run: execute every params file through papermill, render HTML, compare, write the index.

A thin layer over papermill (execution, in :mod:`policy_review.run.execution`), nbconvert
(rendering) and a pool of workers (local processes, or a Dask cluster: :mod:`policy_review.run.cluster`):

- the page kinds are one table (:mod:`policy_review.run.kinds`): the year reviews and the trends
  go through one queue; each year with two or more regions (their runs in either language) then
  gets its comparison, run locally;
- a run whose inputs are unchanged, whose files read are as it read them and whose outputs exist
  is skipped (:mod:`policy_review.run.incremental`);
- workers hand back the run's files as bytes; this process writes each whole or not at all,
  never through a link planted in the output folder, and renders the pages in a thread beside
  the execution;
- a failed run keeps the last good HTML, writes ``<name>.failed.ipynb`` beside it when there is
  a notebook to write, names the run and the failing cell, and the command exits 1;
- everything temporary goes in one private folder, removed when the run ends however it ends
  (:mod:`policy_review.run.scratch`);
- Ctrl-C or SIGTERM (SIGHUP, SIGQUIT) cancels the queue, stops the workers and their kernels,
  waits for them and for the page being written, and only then returns (``KeyboardInterrupt``);
- a full disk stops the run (:class:`~policy_review.core.atomic.DiskFull`): nothing half-written is left.
"""

from __future__ import annotations

import os
import queue
import sys
import traceback
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from policy_review.core import outputs, paths
from policy_review.core.atomic import DiskFull, atomic_write_bytes, is_disk_full
from policy_review.core.errors import printable
from policy_review.pages import index_page
from policy_review.pages.exports import render
from policy_review.pages.exports.pdf import export_pdfs
from policy_review.review import loaded_reviews
from policy_review.run import incremental, kinds, scratch
from policy_review.run.cluster import LocalPool, connect
from policy_review.run.jobs import Job, JobResult, Outcome
from policy_review.tables.params import Run


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

    def more(self, n: int, kinds_of: str) -> None:
        """Jobs known only once the earlier stage's pages are written (the comparisons): the total
        grows, and says so, rather than changing under the reader's eyes."""
        if n:
            self.total += n
            known = "known once the pages before are written"
            line = f"      {n} more to run ({kinds_of}, {known}): {self.total} in all"
            print(printable(line), file=self.stream, flush=True)

    def start(self, label: str) -> None:
        print(printable(f"      {label}: running"), file=self.stream, flush=True)

    def finish(self, outcome: Outcome) -> None:
        self.done += 1
        if outcome.skipped:
            state = "skipped (inputs unchanged, outputs there)"
        else:
            state = f"{'ok' if outcome.ok else 'FAILED'} ({outcome.seconds:.1f} s)"
        print(printable(f"[{self.done}/{self.total}] {outcome.label}: {state}"), file=self.stream, flush=True)


class _Run:
    """One invocation: the queue, the writer of results and the page renderer."""

    def __init__(self, out_dir: Path, pool, progress: Progress, with_code: bool, force: bool):
        self.out_dir, self.pool, self.progress = out_dir, pool, progress
        self.with_code, self.force = with_code, force
        self.manifest = incremental.Manifest(out_dir)
        self.outcomes: list[Outcome] = []
        self.disk_full: DiskFull | None = None
        self.rendering = ThreadPoolExecutor(max_workers=1, thread_name_prefix="render")
        self.readers_left: Counter = Counter()  # region → its last readers still to come in this run
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
            self.manifest.record(outcome.key, outcome.inputs, outcome.read)
        except Exception as exc:  # rendering failed: the run counts as failed, old HTML stays
            outcome.ok = False
            if is_disk_full(exc):
                self.disk_full = exc if isinstance(exc, DiskFull) else DiskFull(self.out_dir, str(exc))
                outcome.error = f"rendering HTML failed: {self.disk_full}"
            elif isinstance(exc, OSError):
                outcome.error = f"rendering HTML failed: {exc.strerror or exc}: {exc.filename}"
            else:
                outcome.error = f"rendering HTML failed: {type(exc).__name__}: {exc}"
                traceback.print_exc(file=sys.stderr)

    # --- results, in the main thread
    def write_result(self, job: Job, result: JobResult) -> None:
        outcome = job.outcome
        outcome.ok, outcome.seconds = result.ok, result.seconds
        outcome.failed_cell, outcome.error, outcome.read = result.failed_cell, result.error, result.read
        folder = self.out_dir / outcome.region
        try:
            for name, data in result.files.items():
                atomic_write_bytes(folder / name, data, within=self.out_dir)
                if name.endswith("." + outputs.FAILED):
                    outcome.failed_notebook = f"{outcome.region}/{name}"
        except DiskFull as exc:
            self.disk_full = exc
            outcome.ok = False
            outcome.error = str(exc)
        except OSError as exc:  # a link or a file planted where the run's folder is, ...
            outcome.ok = False
            outcome.error = f"cannot write {exc.filename}: {exc.strerror or exc}"
        if not outcome.ok:
            self.manifest.record(outcome.key, None)
        self.progress.finish(outcome)
        self.outcomes.append(outcome)
        if outcome.ok:
            self.rendering.submit(self.render_page, outcome)
        if kinds.kind(outcome.kind).last_reader:
            self.readers_left[outcome.region] -= 1
            if not self.readers_left[outcome.region]:  # no notebook of the run asks for its reviews again
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

    def execute(self, jobs: list[Job], pool) -> None:
        """Run ``jobs`` with at most the pool's window in flight; write each result as it comes."""
        waiting, in_flight = list(jobs), 0
        if jobs:  # the exporter is set up (nbconvert takes a second to import) while the first notebooks run
            self.rendering.submit(self.renderer)
        while waiting or in_flight:
            while waiting and in_flight < pool.window and self.disk_full is None:
                job = waiting.pop(0)
                self.progress.start(job.outcome.label)
                tables = kinds.kind(job.outcome.kind).tables
                future = pool.submit(job.notebook, job.parameters, job.outcome.stem, tables)
                future.add_done_callback(lambda f, job=job: self.done.put((job, f)))
                in_flight += 1
            if self.disk_full is not None and not in_flight:
                return
            if not in_flight:
                continue
            job, future = self._next_done(pool)
            in_flight -= 1
            self.write_result(job, pool.result(future, job.outcome.label))

    def _next_done(self, pool):
        while True:
            try:
                return self.done.get(timeout=0.5)  # a timeout, so that signals are handled at once
            except queue.Empty:
                pool.check()  # a lost cluster fails what it was running (their callbacks then come)


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
    paths.pin_root()  # kernels start in notebooks/: a relative root would mean another folder there
    with scratch.run_folder():
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


def _run(runs, out_dir, n_jobs, with_code, stream, force, scheduler, validated) -> list[Outcome]:
    out_dir = Path(out_dir or paths.output_dir()).resolve()  # papermill changes directory while it executes
    out_dir.mkdir(parents=True, exist_ok=True)
    invocation = kinds.Invocation(runs, out_dir, {"with_code": with_code})
    stages = kinds.stages()
    # the trends read the data, not the year runs' outputs (only which source pages they write)
    jobs = kinds.jobs(stages[0], invocation)
    progress = Progress(len(jobs), stream)
    pool = connect(scheduler) if scheduler else LocalPool(n_jobs)
    local = pool if not scheduler else None
    state = _Run(out_dir, pool, progress, with_code, force)
    for key, mark in (validated or {}).items():
        state.manifest.record(key, mark)
    started = False
    try:
        for stage in stages:
            if stage != stages[0]:
                if state.disk_full is not None:
                    break
                state.rendering.submit(lambda: None).result()  # the pages are there before the next stage
                jobs = kinds.jobs(stage, invocation)
                progress.more(len(jobs), ", ".join(sorted({job.outcome.kind for job in jobs})))
            todo = state.skip_or_queue(jobs)
            state.readers_left.update(
                job.outcome.region for job in todo if kinds.kind(job.outcome.kind).last_reader
            )
            if (
                todo and not started
            ):  # only when a kernel will start (a run with nothing to do ends in seconds)
                _warm_caches()
                started = True
            for on_this_machine in (False, True):
                group = [job for job in todo if kinds.kind(job.outcome.kind).local == on_this_machine]
                if group and on_this_machine and local is None:
                    local = LocalPool(1)
                if group:
                    state.execute(group, local if on_this_machine else pool)
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


def print_pdfs(out_dir: Path | None, outcomes: list[Outcome]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """``--pdf``: print every good page of the run (run now or skipped as unchanged) whose PDF is
    not there or was printed from another version of the page; keep in the manifest which page
    each PDF was printed from. Returns the PDFs written and the pages not printed, with why."""
    out_dir = Path(out_dir or paths.output_dir()).resolve()
    manifest = incremental.Manifest(out_dir)
    pages, hashes = [], {}
    for o in outcomes:
        page = out_dir / o.region / outputs.name(o.stem, outputs.PAGE)
        pdf = out_dir / o.region / outputs.name(o.stem, outputs.PDF)
        digest = incremental.output_hash(page) if o.ok else None
        if digest is None:
            continue
        hashes[page] = (f"pdf:{o.key}", digest)
        if not outputs.regular_file(pdf) or manifest.mark(f"pdf:{o.key}") != digest:
            pages.append(page)
    written, failed = export_pdfs(pages, within=out_dir) if pages else ([], [])
    for pdf in written:
        key, digest = hashes[pdf.with_suffix("." + outputs.PAGE)]
        manifest.record(key, digest)
    manifest.save()
    return written, failed


__all__ = ["Outcome", "print_pdfs", "run"]
