"""The countdown ledger's views: the task × checkpoint grid, overdue tasks, lead units and the
reconciliation of plan against report, as charts, tables and HTML in the review's language.

Every function takes the :class:`~policy_review.review.year_review.YearReview` and, optionally, the region's
ledger (see :mod:`policy_review.review.ledger`, which computes what is shown here); :func:`show_ledger`
displays them all, or nothing for a region-year without a ledger. Data whose provenance says
``synthetic: true`` carries the synthetic-data banner on every chart and view.
"""

from __future__ import annotations

import pandas as pd
from IPython.display import HTML, display

from policy_review.core.labels import t
from policy_review.pages import charts, parts
from policy_review.pages.ledger_grid import (
    html_table,
    ledger_grid,
    ledger_source_line,
    percent,
    task_name,
    with_banner,
)
from policy_review.review import year_review as rv
from policy_review.review.ledger import (
    ADVANCING,
    PROGRESS,
    checkpoints,
    has_ledger,
    iso_date,
    ledger_of,
    month_day,
    overdue_by_checkpoint,
    overdue_tasks,
    progress_by_unit,
    reconciliation,
    reconciliation_by_status,
    reconciliation_counts,
    status_matrix,
)
from policy_review.tables import names, vocabularies as v
from policy_review.tables.vocabularies import NOT_IN_EXCERPT

# ---------------------------------------------------------------- the task × checkpoint grid


# ---------------------------------------------------------------- overdue


def overdue_chart(review: rv.YearReview, ledger: pd.DataFrame | None = None):
    """Per checkpoint: tasks due by then, split into complete and overdue."""
    lang = review.lang
    o = overdue_by_checkpoint(review, ledger)
    fig, ax = charts.new_figure(8, 3.4)
    x = [month_day(c) for c in o["checkpoint"]]
    ax.bar(x, o["due_complete"], color=charts.colour(v.COMPLETE), label=t("col_due_complete", lang))
    ax.bar(
        x,
        o["overdue"],
        bottom=o["due_complete"],
        color=charts.colour(v.DELAYED),
        label=t("col_overdue", lang),
    )
    for xi, (due, late) in enumerate(zip(o["due"], o["overdue"])):
        ax.text(xi, due, f"{late} / {due}", ha="center", va="bottom", fontsize=8)
    ax.set_ylabel(t("col_due", lang))
    ax.set_xlabel(t("col_checkpoint", lang))
    ax.legend(frameon=False, fontsize=8, loc="upper left")
    ax.set_ylim(0, max(o["due"].max() * 1.15, 1))
    return charts.finish(
        fig,
        ax,
        overdue_finding(review, ledger),
        ledger_source_line(review),
        banner=parts.chart_banner(review),
    )


def overdue_finding(review: rv.YearReview, ledger: pd.DataFrame | None = None) -> str:
    o = overdue_by_checkpoint(review, ledger)
    last = o.iloc[-1]
    peak = o.loc[o["overdue"].idxmax()]
    return t(
        "overdue_finding",
        review.lang,
        day=month_day(last["checkpoint"]),
        due=int(last["due"]),
        overdue=int(last["overdue"]),
        peak_day=month_day(peak["checkpoint"]),
        peak=int(peak["overdue"]),
    )


def overdue_table(review: rv.YearReview, ledger: pd.DataFrame | None = None) -> HTML:
    """One row per task that was overdue at some checkpoint: its unit, deadline, the checkpoints at
    which it was overdue, its ledger status at the last of them and the ledger's latest note."""
    lang = review.lang
    o = overdue_tasks(review, ledger)
    if o.empty:
        return with_banner(review, parts.note(t("overdue_none", lang)).data)
    o = o.sort_values(["task_id", "checkpoint"])
    rows = []
    for task_id, g in o.groupby("task_id", sort=False):
        last = g.iloc[-1]
        notes = [n for n in g["note"] if isinstance(n, str) and n.strip()]
        rows.append(
            {
                t("col_id", lang): task_id,
                t("col_task", lang): task_name(last, lang),
                t("col_lead_unit", lang): last["lead_unit"] if isinstance(last["lead_unit"], str) else "",
                t("col_deadline", lang): iso_date(last["deadline"]),
                t("col_overdue_at", lang): t("list_sep", lang).join(iso_date(c) for c in g["checkpoint"]),
                t("col_ledger_status_last", lang): names.term("progress", last["status"], lang),
                t("col_note", lang): notes[-1] if notes else "",
            }
        )
    df = pd.DataFrame(rows).sort_values([t("col_deadline", lang), t("col_id", lang)], kind="stable")
    return with_banner(review, html_table(df))


# ---------------------------------------------------------------- lead units


def unit_progress_chart(review: rv.YearReview, ledger: pd.DataFrame | None = None):
    """Each lead unit's annual tasks by status at the last checkpoint, worst first (at the top)."""
    lang = review.lang
    u = progress_by_unit(review, ledger)
    u = u[u[v.ANNUAL] > 0]
    fig, ax = charts.new_figure(8.5, 1.6 + 0.24 * len(u))
    cats = charts.top_down(
        [f"{unit} ({nc}/{a})" for unit, nc, a in zip(u["lead_unit"], u["not_complete"], u[v.ANNUAL])]
    )
    series = {s: charts.top_down(u[s]) for s in PROGRESS if u[s].sum()}
    charts.stacked_bars(ax, cats, series, names.terms("progress", lang))
    ax.tick_params(axis="y", labelsize=8)
    ax.set_xlabel(t("col_annual_tasks", lang))
    ax.legend(frameon=False, fontsize=8, loc="lower right")
    return charts.finish(
        fig, ax, unit_finding(review, ledger), ledger_source_line(review), banner=parts.chart_banner(review)
    )


def unit_finding(review: rv.YearReview, ledger: pd.DataFrame | None = None) -> str:
    u = progress_by_unit(review, ledger)
    u = u[u[v.ANNUAL] > 0]
    last = month_day(checkpoints(review, ledger)[-1])
    lagging = u[u["not_complete"] > 0]
    if lagging.empty:
        return t("units_all_done", review.lang, day=last)
    worst = lagging.iloc[0]
    return t(
        "units_finding",
        review.lang,
        day=last,
        lagging=len(lagging),
        units=len(u),
        worst=worst["lead_unit"],
        not_complete=int(worst["not_complete"]),
        annual=int(worst[v.ANNUAL]),
    )


def unit_progress_table(review: rv.YearReview, ledger: pd.DataFrame | None = None) -> HTML:
    lang = review.lang
    u = progress_by_unit(review, ledger)
    df = pd.DataFrame(
        {
            t("col_lead_unit", lang): u["lead_unit"],
            t("col_annual_tasks", lang): u[v.ANNUAL],
            **{names.term("progress", s, lang): u[s] for s in PROGRESS},
            t("col_not_complete", lang): u["not_complete"],
            t("col_share_not_complete", lang): u["share_not_complete"].map(percent),
            t("col_long_term_tasks", lang): u[v.LONG_TERM],
            t("col_long_term_not_advancing", lang): u["long_term_not_advancing"],
        }
    )
    return with_banner(review, html_table(df))


# ---------------------------------------------------------------- reconciliation


def reconciliation_chart(review: rv.YearReview, ledger: pd.DataFrame | None = None):
    """The planned tasks by how the report covers them, per kind."""
    lang = review.lang
    c = reconciliation_counts(review, ledger)
    fig, ax = charts.new_figure(8.5, 3.0)
    kinds = [k for k in v.PLAN_KINDS if c.loc["total", k]]
    cats = charts.top_down([f"{names.term('task_kind', k, lang)} ({int(c.loc['total', k])})" for k in kinds])
    series = {r: charts.top_down([int(c.loc[r, k]) for k in kinds]) for r in c.index if r != "total"}
    charts.stacked_bars(ax, cats, series, names.terms("reporting", lang))
    left = [0] * len(kinds)
    for r in series:
        for i, n in enumerate(series[r]):
            if n:
                ax.text(
                    left[i] + n / 2,
                    i,
                    str(n),
                    ha="center",
                    va="center",
                    fontsize=8,
                    color="white" if r == v.EVIDENCED else "#222222",
                )
            left[i] += n
    ax.legend(frameon=False, fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=4)
    return charts.finish(
        fig,
        ax,
        reconciliation_finding(review, ledger),
        ledger_source_line(review) + " · " + t(_silent_note(review), lang),
        banner=parts.chart_banner(review),
    )


def _silent_note(review: rv.YearReview) -> str:
    """What the silence of the report means: on an excerpt, that the rest may hold it."""
    return "not_in_excerpt_note" if review.is_excerpt else "not_reported_note"


def reconciliation_finding(review: rv.YearReview, ledger: pd.DataFrame | None = None) -> str:
    c = reconciliation_counts(review, ledger).loc[:, "total"]
    n = int(c["total"])
    key = "reconciliation_finding_excerpt" if NOT_IN_EXCERPT in c.index else "reconciliation_finding"
    return t(key, review.lang, n=n, **{r: int(c[r]) for r in c.index if r != "total"})


def reconciliation_counts_table(review: rv.YearReview, ledger: pd.DataFrame | None = None) -> HTML:
    lang = review.lang
    c = reconciliation_counts(review, ledger)
    shown = names.terms("reporting", lang) | {"total": t("col_total", lang)}
    df = pd.DataFrame(
        {
            t("col_reporting", lang): [shown[r] for r in c.index],
            **{names.term("task_kind", k, lang): c[k] for k in v.PLAN_KINDS},
            t("col_total", lang): c["total"],
        }
    )
    return with_banner(review, html_table(df))


def reconciliation_status_table(review: rv.YearReview, ledger: pd.DataFrame | None = None) -> HTML:
    """Reporting level × ledger status at the last checkpoint, with the finding it shows."""
    lang = review.lang
    x = reconciliation_by_status(review, ledger)
    last = month_day(checkpoints(review, ledger)[-1])
    rep = names.terms("reporting", lang)
    df = pd.DataFrame(
        {
            t("col_reporting", lang): [rep[r] for r in x.index],
            **{names.term("progress", s, lang): x[s] for s in x.columns},
        }
    )
    claimed_late = int(x.loc[v.CLAIMED, [s for s in x.columns if s not in ADVANCING]].sum())
    silent_done = int(x.loc[v.NOT_REPORTED, v.COMPLETE]) if v.COMPLETE in x.columns else 0
    text = t("reconciliation_status_note", lang, day=last, claimed_late=claimed_late, silent_done=silent_done)
    return with_banner(review, parts.note(text).data + html_table(df))


def reconciliation_frame(review: rv.YearReview, ledger: pd.DataFrame | None = None) -> pd.DataFrame:
    """The reconciliation with display columns in the review's language."""
    lang = review.lang
    rec = reconciliation(review, ledger)
    last = month_day(checkpoints(review, ledger)[-1])
    kinds, progress, reporting = (names.terms(name, lang) for name in ("task_kind", "progress", "reporting"))
    df = pd.DataFrame(
        {
            t("col_id", lang): rec["task_id"],
            t("col_task", lang): [task_name(r, lang) for _, r in rec.iterrows()],
            t("col_kind", lang): rec["kind"].map(kinds),
            t("col_area", lang): [names.area_name(a, lang) for a in rec["area_id"]],
            t("col_lead_unit", lang): rec["lead_unit"].fillna(""),
            t("col_deadline", lang): rec["deadline"].map(lambda d: iso_date(d) if pd.notna(d) else ""),
            t("col_ledger_final", lang, checkpoint=last): rec["final_status"].map(progress).fillna(""),
            t("col_reporting", lang): rec["reporting"].map(reporting),
            t("col_items_given", lang): rec["evidence_items"],
            t("col_section", lang): rec["section_path"].fillna(""),
            t("col_quote", lang): rec["quote"].fillna(""),
        }
    )
    if not rec["agrees"].all():
        df[t("col_evidence_says", lang)] = rec["from_evidence"].map(reporting)
    return df


def reconciliation_table(review: rv.YearReview, ledger: pd.DataFrame | None = None) -> None:
    """Every task with its ledger status and how the report covers it: an interactive
    (searchable) table, under the banners."""
    display(
        with_banner(review, ""), parts.interactive(reconciliation_frame(review, ledger), lang=review.lang)
    )


# ---------------------------------------------------------------- everything


def show_ledger(review: rv.YearReview, ledger: pd.DataFrame | None = None) -> None:
    """Display the ledger section: the task × checkpoint chart, overdue tasks, lead units and the
    reconciliation of plan against report. Displays nothing when the year has no ledger."""
    ledger = ledger_of(review) if ledger is None else ledger
    if not has_ledger(review, ledger):
        return
    lang = review.lang
    cps = checkpoints(review, ledger)
    n = len(status_matrix(review, ledger))
    display(
        parts.heading("sec_ledger", lang),
        parts.banners(review),
        parts.note(
            t("ledger_intro", lang, year=review.year, n=n, checkpoints=", ".join(month_day(c) for c in cps))
        ),
    )
    display(parts.subheading("sub_ledger_chart", lang), ledger_grid(review, ledger))
    display(
        parts.subheading("sub_ledger_overdue", lang),
        overdue_chart(review, ledger),
        overdue_table(review, ledger),
    )
    display(
        parts.subheading("sub_ledger_units", lang),
        unit_progress_chart(review, ledger),
        unit_progress_table(review, ledger),
    )
    display(
        parts.subheading("sub_ledger_reconciliation", lang),
        reconciliation_chart(review, ledger),
        reconciliation_counts_table(review, ledger),
        reconciliation_status_table(review, ledger),
    )
    reconciliation_table(review, ledger)
    display(parts.note(t(_silent_note(review), lang)))
