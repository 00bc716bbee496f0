"""Before any kernel starts: the run's inputs validate and its output folder is safe to write.

``policy-review run`` calls both checks first (after the memory limit,
:mod:`policy_review.run.memory_limit`), so bad input is exit 2 with every problem as
``file:line: column: what is wrong`` and no kernel, page or half-written file.

- **Every input a run reads is checked**, whatever the region's state: its curated tables where
  it has them, the provenance of every report and plan, every report and plan text (a region
  nobody curated is read by its year review and its trends all the same).
- **The output folder is not trusted** (``SECURITY.md``): a link, a file or a folder where the run
  writes (a region's folder, ``compare/``, a page, ``runs.json``), or a folder it cannot write,
  is refused, naming it.
"""

from __future__ import annotations

import multiprocessing
import signal
import tempfile
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from policy_review.core import outputs, paths
from policy_review.core.errors import BadInput, Problem
from policy_review.draft import classifiers
from policy_review.run import compat, incremental, kinds
from policy_review.tables import validate
from policy_review.tables.load import mark_validated
from policy_review.tables.params import Run
from policy_review.tables.validate import checked_reference, sorted_problems


def check_inputs(runs: list[Run], out_dir: Path | None = None, jobs: int = 1) -> dict[str, str]:
    """Before any kernel starts: validate every region of the runs (its curated tables, the
    provenance and text of each report and plan) and check the area classifier named; raise
    BadInput with every problem. Then tell the kernels the data is checked (see
    :func:`policy_review.tables.load.mark_validated`).

    With ``out_dir``, a region whose data (and the reference tables and the package) is byte for
    byte what an earlier run in that folder validated is not validated again; returns the marks
    of the regions validated clean, for :func:`run` to keep in the folder's manifest. The
    reference tables are checked once, and with ``jobs`` above 1 the regions are checked in that
    many processes (:func:`checked_regions`)."""
    regions = sorted({r.region for r in runs})
    problems = classifiers.problems()  # an unknown POLICY_REVIEW_CLASSIFIER
    kept = incremental.Manifest(Path(out_dir)) if out_dir is not None else None
    marks, todo = {}, {}
    for region in regions:
        key, mark = incremental.validation_mark(region)
        if kept is not None and kept.mark(key) == mark:
            marks[key] = mark
        else:
            todo[region] = (key, mark)
    if todo:
        found, checked = checked_regions(list(todo), jobs)
        problems += checked
        for region, (key, mark) in todo.items():
            problems += found[region]
            if not found[region]:
                marks[key] = mark
    if problems:
        raise BadInput(list(dict.fromkeys(problems)))  # the same problem once, even if two checks saw it
    mark_validated(regions)
    return marks


#: Fewer regions than this to check are checked in this process (starting others costs more).
PARALLEL_FROM = 8


def checked_regions(regions: list[str], jobs: int = 1) -> tuple[dict[str, list], list]:
    """Each region's problems (by region) and the reference tables' (checked once, first). With
    ``jobs`` above 1 and :data:`PARALLEL_FROM` regions or more, where processes can be forked
    (Linux), the regions are shared among ``jobs`` forked processes, which inherit the checked
    reference tables; each problem is as the one process would find it."""
    reference, problems = checked_reference()
    jobs = min(jobs, len(regions))
    if jobs < 2 or len(regions) < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        return {region: _region_problems(region, reference) for region in regions}, problems
    _REFERENCE["tables"] = reference  # what the forked processes are born with
    pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"), initializer=_checker)
    try:
        found = dict(zip(regions, pool.map(_region_problems, regions, chunksize=4)))
    except BrokenProcessPool:  # a checking process died (killed): check here instead
        found = {region: _region_problems(region, reference) for region in regions}
    except BaseException:  # Ctrl-C: stop the checking at once, not after the regions still queued
        processes = compat.pool_processes(pool)
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()
        raise
    finally:
        pool.shutdown(wait=True)
        _REFERENCE.clear()
    return {region: sorted_problems(found[region]) for region in regions}, problems


def _checker() -> None:
    """A forked checking process: Ctrl-C and the other stopping signals are the command's to
    handle (no traceback from here)."""
    for name in ("SIGINT", "SIGHUP", "SIGQUIT"):
        signal.signal(getattr(signal, name), signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


_REFERENCE: dict = {}


def _region_problems(region: str, reference: dict | None = None) -> list:
    reference = _REFERENCE["tables"] if reference is None else reference
    return sorted_problems(validate.checked_region(region, reference)[1])


#: Project folders an output folder may not be, be inside, or contain.
PROTECTED = ("data", "notebooks", "params", "lib")


def check_output_folder(out_dir: Path, runs: list[Run]) -> None:
    """Before any kernel starts: refuse an output folder that is, is inside or contains the
    project's inputs (``data/``, ``notebooks/``, ``params/``, ``lib/``); one where a file the run
    writes would land on something else (a file named like a region, a folder named like a page,
    a link where a folder of the run is); and one whose folders the run cannot write. Raises
    BadInput naming each."""
    out = Path(out_dir).resolve()
    problems = []
    for name in PROTECTED:
        folder = (paths.root() / name).resolve()
        if out == folder or folder in out.parents or out in folder.parents or (out / name).is_dir():
            problems.append(
                Problem(
                    out_dir,
                    f"the output folder is, is inside or contains the project's "
                    f"{name}/ folder; outputs never go among the inputs: choose another --out",
                )
            )
            break
    if out.exists() and not out.is_dir():
        problems.append(Problem(out_dir, "the output folder is a file, not a folder"))
    elif out.is_dir():
        problems += _folder_problems(out, runs)
    if problems:
        raise BadInput(problems)


def _folder_problems(out: Path, runs: list[Run]) -> list[Problem]:
    problems = []
    folders = sorted({r.region for r in runs} | {outputs.COMPARE_DIR})
    for folder in folders:
        target = out / folder
        if target.is_symlink():
            problems.append(
                Problem(
                    target,
                    f"a link is in the way: the outputs of '{folder}' go in a folder of this name, and a "
                    "run writes nothing through a link; remove the link or choose another --out",
                )
            )
        elif target.exists() and not target.is_dir():
            problems.append(
                Problem(
                    target,
                    f"a file is in the way: the outputs of '{folder}' go in a folder of "
                    "this name; move the file away or choose another --out",
                )
            )
        elif target.is_dir() and (why := _not_writable(target)):
            problems.append(
                Problem(
                    target,
                    f"this folder of the output is not writable ({why}); nothing was run and nothing in "
                    "it was changed",
                )
            )
    for page in _written(out, runs):
        if page.is_symlink() and page.is_dir():  # (a link to a file is replaced, never written through)
            problems.append(
                Problem(page, "a link to a folder is in the way of a file the run writes; remove it")
            )
        elif page.exists() and not page.is_symlink() and not page.is_file():
            problems.append(
                Problem(
                    page,
                    "a folder (or a FIFO, a device) is in the way of a file the run writes; move it away "
                    "or choose another --out",
                )
            )
    return problems


def _not_writable(folder: Path) -> str | None:
    """Why the run cannot write in ``folder`` (tried, as permissions, a read-only mount or root
    say differently), or None."""
    try:
        with tempfile.TemporaryFile(dir=folder):
            return None
    except OSError as exc:
        return exc.strerror or str(exc)


def _written(out: Path, runs: list[Run]) -> list[Path]:
    """Every file the run may write in ``out`` (its pages, notebooks, summaries, PDFs, index)."""
    pages = [out / outputs.INDEX, out / outputs.MANIFEST]
    every = sorted({s for kind in kinds.KINDS for s in kind.files} | {outputs.PDF, outputs.FAILED})
    for run in runs:
        for stem, folder in (
            (outputs.year_stem(run.year, run.lang), run.region),
            (outputs.trends_stem(run.lang), run.region),
            (outputs.year_stem(run.year, run.lang), outputs.COMPARE_DIR),
        ):
            pages += [out / folder / outputs.name(stem, suffix) for suffix in every]
    return list(dict.fromkeys(pages))
