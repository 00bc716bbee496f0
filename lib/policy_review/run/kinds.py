"""The kinds of page a run makes, as one table (:data:`KINDS`): the notebook each executes, the jobs
it makes for an invocation, the files a good run of it writes, what it depends on, and when it
runs. A new page kind is one row here, its job builder and its notebook.

- ``year``: one year review per params file (``<year>.html`` and its notebook, summary,
  spreadsheet and source page).
- ``trends``: one per region and language of the invocation's runs.
- ``compare``: one per year with two or more regions in the output folder (this invocation's runs
  or earlier ones, in either language), in each language those runs are in. It reads the year
  runs' summaries in the output folder, so it runs after them, and on this machine.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from policy_review.core import outputs, paths
from policy_review.review.compare import kept_languages, kept_summary
from policy_review.review.trends import region_years
from policy_review.run import incremental
from policy_review.run.jobs import Job, Outcome
from policy_review.tables.params import LANGS, Run


@dataclass(frozen=True)
class Invocation:
    """What the jobs of one ``policy-review run`` are made from."""

    runs: list[Run]
    out_dir: Path
    options: dict = field(default_factory=dict)  # those that change the pages (``with_code``)


@dataclass(frozen=True)
class PageKind:
    name: str
    notebook: str
    files: tuple[str, ...]  # the suffixes a good run of it writes (core.outputs)
    jobs: Callable[[PageKind, Invocation], list[Job]]
    stage: int = 1  # a later stage runs once every page of the earlier ones is written
    local: bool = False  # runs on this machine even with a cluster (it reads the output folder)
    tables: bool = False  # its kernel makes the run's tables (summary, spreadsheet, source page)
    last_reader: bool = False  # the last notebook of a region to load its reviews: they go after it


def _suffix(lang: str) -> str:
    return "" if lang == outputs.PLAIN_LANG else f" ({lang})"


def source_pages(out_dir: Path, runs: list[Run], region: str, lang: str, years) -> dict[str, str]:
    """The source page that a page of ``region`` in ``lang`` links for each of ``years`` (the
    notebooks' ``sources``): the one this invocation's runs write or an earlier run wrote in
    ``out_dir`` (a regular file, never a link), in ``lang`` where there is one, else in the other
    language; a year with neither is left out (shown unlinked)."""
    written = {(r.year, r.lang) for r in runs if r.region == region}
    found = {}
    for year in years:
        for other in (lang, *LANGS):
            name = outputs.source_page(year, other)
            if (year, other) in written or outputs.regular_file(out_dir / region / name):
                found[str(year)] = name
                break
    return found


def _job(kind: PageKind, outcome: Outcome, parameters: dict, invocation: Invocation, **inputs) -> Job:
    outcome.kind = kind.name
    outcome.inputs = incremental.fingerprint(kind.notebook, parameters, options=invocation.options, **inputs)
    return Job(outcome, kind.notebook, parameters, [outputs.name(outcome.stem, s) for s in kind.files])


def _year_jobs(kind: PageKind, invocation: Invocation) -> list[Job]:
    jobs = []
    for run in invocation.runs:
        outcome = Outcome(
            run.name + _suffix(run.lang),
            run.region,
            outputs.year_stem(run.year, run.lang),
            paths.display(run.params_file),
            year=run.year,
            lang=run.lang,
        )
        sources = source_pages(
            invocation.out_dir, invocation.runs, run.region, run.lang, (run.year - 1, run.year, run.year + 1)
        )
        parameters = {**run.parameters.model_dump(), "sources": sources}
        files = incremental.year_inputs(run.region, run.year)
        jobs.append(_job(kind, outcome, parameters, invocation, files=files))
    return jobs


def _trends_jobs(kind: PageKind, invocation: Invocation) -> list[Job]:
    jobs = []
    for region, lang in dict.fromkeys((run.region, run.lang) for run in invocation.runs):
        outcome = Outcome(
            f"{region} trends{_suffix(lang)}", region, outputs.trends_stem(lang), None, lang=lang
        )
        sources = source_pages(invocation.out_dir, invocation.runs, region, lang, region_years(region))
        parameters = {"region": region, "lang": lang, "sources": sources}
        jobs.append(_job(kind, outcome, parameters, invocation, files=incremental.trends_inputs(region)))
    return jobs


def _compare_jobs(kind: PageKind, invocation: Invocation) -> list[Job]:
    """The comparisons of each year of the invocation over every region with a good year run of it
    in the output folder (one row per region), when there are two or more: one page in each
    language those runs are in. Its inputs are the summaries its rows are read from (which run's,
    and their bytes): a changed row re-runs it in every language."""
    out_dir, jobs = invocation.out_dir, []
    for year in sorted({r.year for r in invocation.runs}):
        regions = [r for r in outputs.listed_regions(out_dir) if kept_summary(out_dir / r, year, "en")]
        if len(regions) < 2:
            continue
        for lang in kept_languages(out_dir, year, regions):
            rows = hashlib.sha256()
            for region in regions:
                summary = kept_summary(out_dir / region, year, lang)
                rows.update(f"{region}/{summary.name}\0{incremental.output_hash(summary)}".encode())
            stem = outputs.year_stem(year, lang)
            outcome = Outcome(
                f"compare {year}{_suffix(lang)}", outputs.COMPARE_DIR, stem, None, year=year, lang=lang
            )
            parameters = {"year": year, "regions": regions, "lang": lang, "rank_flagged": False}
            job = _job(kind, outcome, parameters, invocation, extra=rows.digest())
            job.parameters["rows_from"] = str(out_dir)  # (not part of what it depends on)
            jobs.append(job)
    return jobs


KINDS: tuple[PageKind, ...] = (
    PageKind("year", "year_review.ipynb", outputs.YEAR_FILES, _year_jobs, tables=True),
    PageKind("trends", "trends.ipynb", outputs.PAGE_FILES, _trends_jobs, last_reader=True),
    PageKind("compare", "compare.ipynb", outputs.PAGE_FILES, _compare_jobs, stage=2, local=True),
)


def kind(name: str) -> PageKind:
    return next(k for k in KINDS if k.name == name)


def stages() -> list[int]:
    return sorted({k.stage for k in KINDS})


def jobs(stage: int, invocation: Invocation) -> list[Job]:
    """The jobs of every kind of ``stage``, in the order of the table."""
    return [job for k in KINDS if k.stage == stage for job in k.jobs(k, invocation)]
