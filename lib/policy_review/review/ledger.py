"""The countdown ledger's computations (倒计时工作台账): every planned task's progress at each
checkpoint, read against the report.

A district breaks its yearly plan down into tasks with a lead unit and a deadline, and tracks
them in a countdown ledger with checkpoints at the ends of March, June, September and December
(``data/curated/<region>/ledger.csv``: ``task_id``, ``checkpoint``, ``status``, ``note``; the
tasks themselves are rows of ``tasks.csv``). The published report gives plan sizes, not the
list; with the ledger the review can go task by task:

- :func:`status_matrix`: every task at every checkpoint, by area;
- :func:`overdue_by_checkpoint` and :func:`overdue_tasks`: tasks whose deadline had come and
  that were not complete, at each checkpoint;
- :func:`progress_by_unit`: lead units, worst first (share of annual tasks not complete at the
  last checkpoint);
- :func:`reconciliation`: which tasks the report evidences, mentions, only claims or leaves out.

Every function takes the :class:`~policy_review.review.year_review.YearReview` and, optionally, the region's
ledger as :func:`policy_review.tables.load.load_region` returns it; without it the ledger is loaded
(:func:`ledger_of`). Each returns a plain DataFrame; :mod:`policy_review.pages.ledger_page` shows them
(``ledger_views.show_ledger``).

Statuses use the ``progress`` vocabulary: ``complete``, ``continuing`` (under way; for a
long-term task, advanced this year), ``delayed``, ``not_started``, ``not_rated`` (no status
reported at that checkpoint). A task is *overdue* at a checkpoint when its deadline is on or
before the checkpoint and it is not complete there. Long-term tasks have no completion: they are
counted as advancing when ``continuing`` or ``complete``.
"""

from __future__ import annotations

import pandas as pd

from policy_review.review import year_review as rv
from policy_review.review.loaded_reviews import memo
from policy_review.tables import names, vocabularies as v

PROGRESS = v.PROGRESS
REPORTING = (*v.LEVELS, v.NOT_REPORTED)  # a whole report's levels (an excerpt's: reporting_levels)
TASK_COLUMNS = ["kind", "area_id", "name_zh", "name_en", "lead_unit", "deadline", "reporting", "progress"]
ADVANCING = (v.CONTINUING, v.COMPLETE)


# ---------------------------------------------------------------- loading


def ledger_of(review: rv.YearReview) -> pd.DataFrame:
    """The region's ledger (all years), as ``load.load_region(region)["ledger"]`` gives it
    (from the same cache as the review's other tables; empty with its columns where absent)."""
    return rv.region_tables(review.region)["ledger"]


def _region_tasks(review: rv.YearReview) -> pd.DataFrame:
    return rv.region_tables(review.region)["tasks"]


def _kept(review: rv.YearReview, ledger: pd.DataFrame | None, compute) -> pd.DataFrame:
    """``compute(review, ledger)``, once per review and ledger (the region's own where None): kept
    while the ledger, the region's tasks and the review's evidence are the same objects."""
    ledger = ledger_of(review) if ledger is None else ledger
    return memo(
        review,
        f"ledger.{compute.__name__}",
        (ledger, _region_tasks(review), review.evidence),
        lambda: compute(review, ledger),
    )


def plan_tasks(review: rv.YearReview) -> pd.DataFrame:
    """The tasks of the review's plan year (``tasks.csv``), ordered by framework area, kind and id."""
    tasks = _region_tasks(review)
    return memo(review, "ledger.plan_tasks", (tasks,), lambda: _plan_tasks(tasks, review.year))


def _plan_tasks(tasks: pd.DataFrame, year: int) -> pd.DataFrame:
    tasks = tasks[tasks["plan_year"] == year].copy()
    area_order = {a: i for i, a in enumerate(names.area_order())}
    kind_order = {k: i for i, k in enumerate(v.PLAN_KINDS)}
    tasks["_a"] = tasks["area_id"].map(area_order).fillna(len(area_order))
    tasks["_k"] = tasks["kind"].map(kind_order).fillna(len(kind_order))
    ordered = tasks.sort_values(["_a", "_k", "task_id"], kind="stable")
    return ordered.drop(columns=["_a", "_k"]).reset_index(drop=True)


def ledger_entries(review: rv.YearReview, ledger: pd.DataFrame | None = None) -> pd.DataFrame:
    """The ledger rows of the review's plan year, each with its task's kind, area, names, lead
    unit, deadline and statuses (``reporting``, ``progress``), in task order then checkpoint."""
    return _kept(review, ledger, entries_of)


def entries_of(review: rv.YearReview, ledger: pd.DataFrame) -> pd.DataFrame:
    """:func:`ledger_entries` computed afresh (not kept with the review)."""
    tasks = plan_tasks(review)
    columns = ["task_id", "checkpoint", "status", "note", *TASK_COLUMNS]
    if ledger.empty or tasks.empty:
        return pd.DataFrame(columns=columns)
    order = {task: i for i, task in enumerate(tasks["task_id"])}
    rows = ledger[ledger["task_id"].isin(order)].merge(
        tasks[["task_id", *TASK_COLUMNS]], on="task_id", how="left"
    )
    rows = rows.assign(_o=rows["task_id"].map(order)).sort_values(["_o", "checkpoint"], kind="stable")
    return rows.drop(columns="_o").reset_index(drop=True)[columns]


def has_ledger(review: rv.YearReview, ledger: pd.DataFrame | None = None) -> bool:
    """Whether the region keeps a ledger for the review's plan year."""
    return not ledger_entries(review, ledger).empty


def checkpoints(review: rv.YearReview, ledger: pd.DataFrame | None = None) -> list[pd.Timestamp]:
    """The year's checkpoints, in order."""
    return sorted(ledger_entries(review, ledger)["checkpoint"].dropna().unique())


def month_day(checkpoint) -> str:
    return pd.Timestamp(checkpoint).strftime("%m-%d")


def iso_date(checkpoint) -> str:
    return pd.Timestamp(checkpoint).strftime("%Y-%m-%d")


# ---------------------------------------------------------------- computations


def status_matrix(review: rv.YearReview, ledger: pd.DataFrame | None = None) -> pd.DataFrame:
    """Task × checkpoint: one row per task (task columns first), one column per checkpoint
    (``YYYY-MM-DD``) holding the status; a checkpoint without an entry is empty."""
    return _kept(review, ledger, _status_matrix)


def _status_matrix(review: rv.YearReview, ledger: pd.DataFrame) -> pd.DataFrame:
    entries = ledger_entries(review, ledger)
    tasks = plan_tasks(review)
    tasks = tasks[tasks["task_id"].isin(set(entries["task_id"]))]
    wide = entries.assign(cp=entries["checkpoint"].map(iso_date)).pivot(
        index="task_id", columns="cp", values="status"
    )
    out = tasks.set_index("task_id")[TASK_COLUMNS].join(wide)
    return out


def final_status(review: rv.YearReview, ledger: pd.DataFrame | None = None) -> pd.Series:
    """Each task's status at the year's last checkpoint (by task id)."""
    m = status_matrix(review, ledger)
    last = iso_date(checkpoints(review, ledger)[-1])
    return m[last]


def progress_by_unit(review: rv.YearReview, ledger: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per lead unit: its annual tasks by status at the last checkpoint, how many and what share
    are not complete, and its long-term tasks not advancing (neither ``continuing`` nor
    ``complete``). Worst first: highest share not complete, then most not complete; units with
    long-term tasks only come last."""
    return _kept(review, ledger, _progress_by_unit)


def _progress_by_unit(review: rv.YearReview, ledger: pd.DataFrame) -> pd.DataFrame:
    m = status_matrix(review, ledger)
    last = iso_date(checkpoints(review, ledger)[-1])
    m = m.assign(final=m[last], lead_unit=m["lead_unit"].fillna("—"))
    rows = []
    for unit, g in m.groupby("lead_unit", sort=True):
        annual, long_term = g[g["kind"] == v.ANNUAL], g[g["kind"] == v.LONG_TERM]
        row = {"lead_unit": unit, v.ANNUAL: len(annual)}
        for status in PROGRESS:
            row[status] = int((annual["final"] == status).sum())
        row["not_complete"] = len(annual) - row[v.COMPLETE]
        row["share_not_complete"] = round(row["not_complete"] / len(annual), 3) if len(annual) else None
        row[v.LONG_TERM] = len(long_term)
        row["long_term_not_advancing"] = int((~long_term["final"].isin(ADVANCING)).sum())
        rows.append(row)
    out = pd.DataFrame(rows)
    out["_s"] = out["share_not_complete"].astype(float).fillna(-1)
    return (
        out.sort_values(
            ["_s", "not_complete", "long_term_not_advancing", "lead_unit"],
            ascending=[False, False, False, True],
            kind="stable",
        )
        .drop(columns="_s")
        .reset_index(drop=True)
    )


def overdue_tasks(review: rv.YearReview, ledger: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every (checkpoint, task) where the task's deadline is on or before the checkpoint and its
    status there is not ``complete``."""
    e = ledger_entries(review, ledger)
    due = e["deadline"].notna() & (e["deadline"] <= e["checkpoint"])
    return e[due & (e["status"] != v.COMPLETE)].reset_index(drop=True)


def overdue_by_checkpoint(review: rv.YearReview, ledger: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per checkpoint: tasks due by then, of them complete, and overdue (due, not complete)."""
    e = ledger_entries(review, ledger)
    rows = []
    for cp in checkpoints(review, ledger):
        at = e[e["checkpoint"] == cp]
        due = at[at["deadline"].notna() & (at["deadline"] <= cp)]
        rows.append(
            {
                "checkpoint": iso_date(cp),
                "due": len(due),
                "due_complete": int((due["status"] == v.COMPLETE).sum()),
                "overdue": int((due["status"] != v.COMPLETE).sum()),
            }
        )
    return pd.DataFrame(rows, columns=["checkpoint", "due", "due_complete", "overdue"])


def _from_evidence(review: rv.YearReview, tasks: pd.DataFrame) -> pd.Series:
    """Each task's reporting as the evidence table has it: its strongest item (evidenced, then
    mentioned), else ``claimed`` when a blanket claim (an item without a task) covers its area
    and kind, else ``not_reported`` (on an excerpt ``not_in_excerpt``: :func:`v.unreported`)."""
    ev = review.evidence
    linked = ev[ev["task_id"].notna()]
    blanket = ev[ev["task_id"].isna() & (ev["reporting"] == v.CLAIMED)]
    covered = set(zip(blanket["area_id"], blanket["kind"]))
    levels = {task: set(g["reporting"]) for task, g in linked.groupby("task_id")}
    out = {}
    for _, task in tasks.iterrows():
        found = levels.get(task["task_id"], set())
        out[task["task_id"]] = next(
            (r for r in (v.EVIDENCED, v.MENTIONED) if r in found),
            v.CLAIMED
            if (task["area_id"], task["kind"]) in covered or v.CLAIMED in found
            else v.unreported(review.is_excerpt),
        )
    return pd.Series(out, dtype=object)


def reconciliation(review: rv.YearReview, ledger: pd.DataFrame | None = None) -> pd.DataFrame:
    """Task-level reconciliation of plan against report: every task of the ledger with its status
    at the last checkpoint, how the report covers it (``reporting`` as curated in tasks.csv, and
    ``from_evidence`` as the evidence table implies, with ``agrees``), the number of evidence
    items about it and the passage (section and quote) where there is one."""
    return _kept(review, ledger, _reconciliation)


def _reconciliation(review: rv.YearReview, ledger: pd.DataFrame) -> pd.DataFrame:
    m = status_matrix(review, ledger)
    last = iso_date(checkpoints(review, ledger)[-1])
    tasks = m.reset_index()
    ev = review.evidence[review.evidence["task_id"].notna()]
    rank = {r: i for i, r in enumerate(REPORTING)}
    best = (
        ev.assign(_r=ev["reporting"].map(rank))
        .sort_values(["task_id", "_r", "start"])
        .drop_duplicates("task_id")
        .set_index("task_id")
    )
    out = tasks[["task_id", *TASK_COLUMNS]].copy()
    out["final_status"] = tasks[last].to_numpy()
    out["from_evidence"] = out["task_id"].map(_from_evidence(review, tasks))
    out["agrees"] = out["reporting"] == out["from_evidence"]
    out["evidence_items"] = out["task_id"].map(ev.groupby("task_id").size()).fillna(0).astype(int)
    out["section_path"] = out["task_id"].map(best["section_path"])
    out["quote"] = out["task_id"].map(best["quote"])
    out["start"] = out["task_id"].map(best["start"]).astype("Int64")
    out["end"] = out["task_id"].map(best["end"]).astype("Int64")
    return out


def reporting_levels(review: rv.YearReview, rec: pd.DataFrame | None = None) -> list[str]:
    """The reporting levels a reconciliation counts, in vocabulary order: those of a whole report,
    with ``not_in_excerpt`` after them on an excerpt (:func:`v.unreported`) or where a
    curated task says it, so that every task is counted under the level it has."""
    levels = list(REPORTING)
    unreached = v.unreported(True)
    if review.is_excerpt or (rec is not None and (rec["reporting"] == unreached).any()):
        levels.append(unreached)
    return levels


def reconciliation_counts(review: rv.YearReview, ledger: pd.DataFrame | None = None) -> pd.DataFrame:
    """Tasks by reporting level (rows, in vocabulary order: :func:`reporting_levels`) and kind
    (columns), with totals."""
    rec = reconciliation(review, ledger)
    counts = pd.crosstab(rec["reporting"], rec["kind"]).reindex(
        index=reporting_levels(review, rec), columns=list(v.PLAN_KINDS), fill_value=0
    )
    counts["total"] = counts.sum(axis=1)
    counts.loc["total"] = counts.sum(axis=0)
    counts.index.name, counts.columns.name = "reporting", None
    return counts.astype(int)


def reconciliation_by_status(review: rv.YearReview, ledger: pd.DataFrame | None = None) -> pd.DataFrame:
    """Tasks by reporting level (rows) and status at the last checkpoint (columns): e.g. how many
    tasks the report only claims were still delayed in the ledger."""
    rec = reconciliation(review, ledger)
    statuses = [s for s in PROGRESS if s in set(rec["final_status"])]
    table = pd.crosstab(rec["reporting"], rec["final_status"]).reindex(
        index=reporting_levels(review, rec), columns=statuses, fill_value=0
    )
    table.index.name, table.columns.name = "reporting", None
    return table.astype(int)
