"""Before any kernel starts: the run's inputs validate and its output folder is safe to write.

``policy-review run`` calls both checks first, so bad input is exit 2 with every problem as
``file:line: column: what is wrong`` and no kernel, page or half-written file.
"""

from __future__ import annotations

from pathlib import Path

from policy_review.core import paths
from policy_review.core.errors import BadInput, Problem
from policy_review.draft import classifiers
from policy_review.run import incremental
from policy_review.run.runner import COMPARE_DIR, output_stem
from policy_review.sources.report_text import read_report_text
from policy_review.tables import validate
from policy_review.tables.load import mark_validated
from policy_review.tables.params import Run
from policy_review.tables.validate import checked_reference, sorted_problems


def check_inputs(runs: list[Run], out_dir: Path | None = None, jobs: int = 1) -> dict[str, str]:
    """Before any kernel starts: validate each region's curated data, decode each run's report and
    check the area classifier named; raise BadInput with every problem. Then tell the kernels the
    data is checked (see :func:`policy_review.tables.load.mark_validated`).

    With ``out_dir``, a region whose curated data (and the reference tables and the package) is
    byte for byte what an earlier run in that folder validated is not validated again; returns
    the marks of the regions validated clean, for :func:`run` to keep in the folder's manifest.
    The reference tables are checked once, and with ``jobs`` above 1 the regions are checked in
    that many processes (:func:`checked_regions`)."""
    regions = sorted({r.region for r in runs})
    problems = classifiers.problems()  # an unknown POLICY_REVIEW_CLASSIFIER
    kept = incremental.Manifest(Path(out_dir)).entries if out_dir is not None else {}
    marks, todo = {}, {}
    for region in regions:
        if not paths.curated_dir(region).exists():
            continue
        key, mark = incremental.validation_mark(region)
        if kept.get(key) == mark:
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
    for run in runs:
        try:
            read_report_text(paths.report_text_path(run.region, run.year))
        except BadInput as exc:
            problems += exc.problems
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
    import multiprocessing

    reference, problems = checked_reference()
    jobs = min(jobs, len(regions))
    if jobs < 2 or len(regions) < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        return {region: _region_problems(region, reference) for region in regions}, problems
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    _REFERENCE["tables"] = reference  # what the forked processes are born with
    pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"), initializer=_checker)
    try:
        found = dict(zip(regions, pool.map(_region_problems, regions, chunksize=4)))
    except BrokenProcessPool:  # a checking process died (killed): check here instead
        found = {region: _region_problems(region, reference) for region in regions}
    except BaseException:  # Ctrl-C: stop the checking at once, not after the regions still queued
        processes = list((pool._processes or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()
        raise
    finally:
        pool.shutdown(wait=True)
        _REFERENCE.clear()
    return {region: sorted_problems(found[region]) for region in regions}, problems


def _checker() -> None:
    """A forked checking process: Ctrl-C is the command's to handle (no traceback from here)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


_REFERENCE: dict = {}


def _region_problems(region: str, reference: dict | None = None) -> list:

    reference = _REFERENCE["tables"] if reference is None else reference
    return sorted_problems(validate.checked_region(region, reference)[1])


#: Project folders an output folder may not be, be inside, or contain.
PROTECTED = ("data", "notebooks", "params", "lib")


def check_output_folder(out_dir: Path, runs: list[Run]) -> None:
    """Before any kernel starts: refuse an output folder that is, is inside or contains the
    project's inputs (``data/``, ``notebooks/``, ``params/``, ``lib/``), and one where a file the
    run writes would land on something else (a file named like a region, a folder named like a
    page). Raises BadInput naming each."""
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
    folders = {r.region for r in runs} | {COMPARE_DIR}
    for folder in sorted(folders):
        target = out / folder
        if target.exists() and not target.is_dir():
            problems.append(
                Problem(
                    target,
                    f"a file is in the way: the outputs of '{folder}' go in a folder of "
                    "this name; move the file away or choose another --out",
                )
            )
    pages = [out / "index.html", out / incremental.MANIFEST]
    for run in runs:
        stem = output_stem("year", run.year, run.lang)
        pages += [
            out / run.region / f"{stem}{ext}"
            for ext in (".html", ".ipynb", ".xlsx", ".summary.json", ".failed.ipynb", ".source.html")
        ]
        pages += [
            out / run.region / f"{output_stem('trends', None, run.lang)}{ext}" for ext in (".html", ".ipynb")
        ]
        pages += [out / COMPARE_DIR / f"{stem}{ext}" for ext in (".html", ".ipynb")]
    for page in dict.fromkeys(pages):
        if page.exists() and not page.is_file():
            problems.append(
                Problem(
                    page,
                    "a folder is in the way of a file the run writes; move it away or choose another --out",
                )
            )
    if problems:
        raise BadInput(problems)
