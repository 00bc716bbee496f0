"""A year run's own tables, made by its kernel from the review its notebook loaded, and handed to
the worker that runs it.

A year run leaves, beside its page, its headline numbers with its comparison row
(``<stem>.summary.json``), its tables as a spreadsheet (``<stem>.xlsx``) and the report text as a
page the quotes link into (``<stem>.source.html``). The notebook has loaded the review and worked
out every table of it by its last cell; making these files there costs only the writing, where
the worker would load the region's tables and work the review out a second time.

- **By hand nothing happens.** The notebook's last cell calls :func:`hand_over`; it writes only
  where the worker asks for it, through ``POLICY_REVIEW_HANDOVER`` in the kernel's environment: a
  private folder (mode 0700) the worker made for that one kernel and removes with it.
- **Whole or not at all.** ``handed.json`` (the run's region, year and language) is written last;
  the worker takes the files only when it is there and names the run it executed
  (:func:`taken`), and makes them itself otherwise (:func:`run_tables`).
- **Still nothing written to the outputs here.** The worker returns the files as bytes, and the
  runner writes them whole or not at all, as every other file of a run.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

ENV = "POLICY_REVIEW_HANDOVER"
MARK = "handed.json"
#: The files of a year run, by the suffix after its stem (``2018`` → ``2018.summary.json``).
SUFFIXES = ("summary.json", "xlsx", "source.html")


def run_tables(review, stem: str) -> dict[str, bytes]:
    """A year run's headline numbers with its comparison row, its spreadsheet and its source page,
    as file name (``<stem>.<suffix>``) → bytes. (Its imports are here: a worker that only takes
    what its kernels handed over never loads the pages or pandas.)"""
    # deferred: the pages and pandas, loaded by a kernel (preloaded) and by a worker's fallback only
    from policy_review.pages.exports.spreadsheet import write_review_workbook
    from policy_review.pages.source_page import write_source_page
    from policy_review.review.compare import comparison_row
    from policy_review.review.summary import headline_of

    summary = {**headline_of(review), "comparison": comparison_row(review)}
    with tempfile.TemporaryDirectory(prefix="policy-review-") as tmp:
        workbook = write_review_workbook(review, Path(tmp) / f"{stem}.xlsx").read_bytes()
        source = write_source_page(review, Path(tmp) / f"{stem}.source.html").read_bytes()
    return {
        f"{stem}.summary.json": json.dumps(summary, ensure_ascii=False, indent=1).encode("utf-8"),
        f"{stem}.xlsx": workbook,
        f"{stem}.source.html": source,
    }


def _key(region: str, year: int, lang: str) -> dict:
    return {"region": str(region), "year": int(year), "lang": str(lang)}


def hand_over(review) -> None:
    """In a run's kernel: write the run's tables of ``review`` where the worker asked for them
    (nothing when the notebook runs by hand, in JupyterLab, nbval or a plain papermill)."""
    where = os.environ.get(ENV)
    if not where or not os.path.isdir(where):
        return
    folder = Path(where)
    for name, data in run_tables(review, "run").items():
        (folder / name).write_bytes(data)
    (folder / MARK).write_text(json.dumps(_key(review.region, review.year, review.lang)), encoding="utf-8")


def taken(folder: str | os.PathLike | None, parameters: dict, stem: str) -> dict[str, bytes] | None:
    """In the worker: the files the kernel handed over in ``folder`` for the run of
    ``parameters``, named for ``stem``; None where it handed over nothing for that run."""
    if not folder:
        return None
    folder = Path(folder)
    try:
        mark = json.loads((folder / MARK).read_text(encoding="utf-8"))
        if mark != _key(parameters["region"], parameters["year"], parameters.get("lang", "en")):
            return None
        return {f"{stem}.{suffix}": (folder / f"run.{suffix}").read_bytes() for suffix in SUFFIXES}
    except (OSError, ValueError, KeyError, TypeError):
        return None
