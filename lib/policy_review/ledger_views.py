"""The countdown ledger's views: the task × checkpoint grid, overdue tasks, lead units and the
reconciliation of plan against report, as charts, tables and HTML in the review's language.

Every function takes the :class:`~policy_review.review.YearReview` and, optionally, the region's
ledger (see :mod:`policy_review.ledger`, which computes what is shown here); :func:`show_ledger`
displays them all, or nothing for a region-year without a ledger. Data whose provenance says
``synthetic: true`` carries the synthetic-data banner on every chart and view.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from IPython.display import HTML, display
from matplotlib.colors import ListedColormap
from matplotlib.patches import Patch, Rectangle

from . import charts, labels, page_templates, review as rv, views
from .labels import t
from .ledger import (
    ADVANCING,
    PROGRESS,
    checkpoints,
    has_ledger,
    iso_date,
    ledger_entries,
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
from .metrics import NOT_IN_EXCERPT

# ---------------------------------------------------------------- view helpers


def _banner_html(review: rv.YearReview) -> str:
    return views.banners(review).data


def _with_banner(review: rv.YearReview, body: str) -> HTML:
    """A view: the banners of the review (synthetic, excerpt, uncurated) above the body."""
    return HTML(_banner_html(review) + body)


def source_line(review: rv.YearReview) -> str:
    """The source line under every ledger chart (it names the synthetic data where it is)."""
    line = t(
        "ledger_source",
        review.lang,
        region=labels.region_name(review.provenance, review.lang),
        year=review.year,
        region_id=review.region,
    )
    if review.is_synthetic:
        line += " — " + t("synthetic_banner", review.lang)
    return line


def _name(row, lang: str) -> str:
    return labels.localized_value(row, "name", lang)


def _short_id(task_id: str, year: int) -> str:
    return task_id.removeprefix(f"t-{year}-")


def _table(df: pd.DataFrame) -> str:
    return df.to_html(index=False, escape=True, na_rep="", border=0, classes="pr-table")


def _pct(x) -> str:
    return "" if x is None or pd.isna(x) else f"{x * 100:.0f}%"


# ---------------------------------------------------------------- the task × checkpoint grid

#: Text on a status cell, so the grid reads without colour too (its full name is the cell's tooltip).
STATUS_MARKS = {"complete": "✓", "continuing": "→", "delayed": "!", "not_started": "○", "not_rated": "?"}
_DARK = {"complete", "delayed", "not_started"}  # white text on these colours
_DEADLINE = "box-shadow:inset 0 0 0 2px #111111,inset 0 0 0 3px #ffffff"


def _status_style(status: str) -> str:
    return f"background-color:{charts.colour(status)};color:{'#ffffff' if status in _DARK else '#222222'}"


def ledger_grid(review: rv.YearReview, ledger: pd.DataFrame | None = None) -> HTML:
    """The task × checkpoint chart as an HTML grid: one row per task (id, name, lead unit), one
    column per checkpoint coloured by status (the colours of every chart, with a mark, and the
    status and the ledger's note as tooltip), grouped by framework area with each area's task
    counts; the deadline's cell is outlined. Its title states the finding; the source line and
    the banners go with it. Real text, not a picture: it stays sharp and searchable at 165 tasks
    and costs a fraction of drawing the same labels (:func:`ledger_chart` draws it as a figure,
    for a figure file). Laid out by ``templates/pages/ledger_grid.html.j2`` (escaped)."""
    lang = review.lang
    m = status_matrix(review, ledger)
    cps = [iso_date(c) for c in checkpoints(review, ledger)]
    entries = ledger_entries(review, ledger)
    notes = {
        (task, iso_date(cp)): note
        for task, cp, note in zip(entries["task_id"], entries["checkpoint"], entries["note"])
        if pd.notna(note)
    }
    progress = labels.terms("progress", lang)
    deadline_word = t("ledger_deadline_box", lang)

    def cell(task: str, cp: str, status, deadline: str | None) -> dict:
        outline = _DEADLINE if cp == deadline else ""
        if not isinstance(status, str):
            return {"title": None, "style": outline, "mark": ""}
        tip = " · ".join(
            [progress.get(status, status)]
            + ([deadline_word] if cp == deadline else [])
            + ([notes[(task, cp)]] if (task, cp) in notes else [])
        )
        return {
            "title": tip,
            "style": f"{_status_style(status)};{outline}",
            "mark": STATUS_MARKS.get(status, ""),
        }

    areas = []
    for area, group in m.groupby("area_id", sort=False):
        counts = group["kind"].value_counts()
        kinds = " · ".join(
            f"{int(counts[k])} {labels.term('task_kind', k, lang)}" for k in rv.KINDS if k in counts
        )
        tasks = []
        for task, row in group.iterrows():
            deadline = iso_date(row["deadline"]) if pd.notna(row["deadline"]) else None
            tasks.append(
                {
                    "id": _short_id(task, review.year),
                    "name": _name(row, lang),
                    "unit": row["lead_unit"] if pd.notna(row["lead_unit"]) else "",
                    "cells": [cell(task, cp, row[cp], deadline) for cp in cps],
                }
            )
        areas.append({"name": labels.area_name(area, lang), "kinds": kinds, "tasks": tasks})
    body = page_templates.render(
        "ledger_grid.html.j2",
        finding=ledger_finding(review, ledger),
        source=source_line(review),
        areas=areas,
        legend=[
            {"style": _status_style(s), "mark": STATUS_MARKS[s], "name": progress.get(s, s)} for s in PROGRESS
        ],
        deadline_style=_DEADLINE,
        deadline_word=deadline_word,
        days=[month_day(c) for c in cps],
        headers={"id": t("col_id", lang), "task": t("col_task", lang), "unit": t("col_lead_unit", lang)},
    )
    return _with_banner(review, body)


def ledger_chart(review: rv.YearReview, ledger: pd.DataFrame | None = None):
    """One row per task, one column per checkpoint, coloured by status (the colours of every
    chart), grouped by framework area; the deadline's cell is outlined."""
    lang = review.lang
    m = status_matrix(review, ledger)
    cps = [iso_date(c) for c in checkpoints(review, ledger)]
    codes = {s: i for i, s in enumerate(PROGRESS)}
    grid = np.array(
        [[codes.get(s, np.nan) if isinstance(s, str) else np.nan for s in row] for row in m[cps].to_numpy()],
        dtype=float,
    )
    n = len(m)
    row_h = 0.12
    fig, ax = charts.new_figure(9.5, 1.9 + n * row_h)
    cmap = ListedColormap([charts.colour(s) for s in PROGRESS]).with_extremes(bad="#ffffff")
    ax.pcolormesh(
        np.arange(len(cps) + 1),
        np.arange(n + 1),
        np.ma.masked_invalid(grid),
        cmap=cmap,
        vmin=-0.5,
        vmax=len(PROGRESS) - 0.5,
        edgecolors="white",
        linewidth=0.5,
    )
    ax.set_ylim(n, 0)
    ax.set_xlim(0, len(cps))
    ax.xaxis.tick_top()
    ax.set_xticks([i + 0.5 for i in range(len(cps))], [month_day(c) for c in cps], fontsize=8)
    ax.tick_params(axis="x", length=0)
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    # the deadline's cell
    for i, deadline in enumerate(m["deadline"]):
        if pd.notna(deadline) and iso_date(deadline) in cps:
            ax.add_patch(
                Rectangle(
                    (cps.index(iso_date(deadline)), i), 1, 1, fill=False, edgecolor="#222222", linewidth=0.7
                )
            )
    # task labels on the right, area labels on the left, a line between areas
    names = [
        f"{_short_id(task, review.year)}  {charts.shorten_text(_name(row, lang), 130, 5.5)}"
        for task, row in m.iterrows()
    ]
    ax.yaxis.tick_right()
    ax.set_yticks([i + 0.5 for i in range(n)], names, fontsize=5.5)
    ax.tick_params(axis="y", length=0, pad=3)
    areas = m["area_id"].tolist()
    start = 0
    trans = ax.get_yaxis_transform()
    for i in range(1, n + 1):
        if i == n or areas[i] != areas[start]:
            group = m.iloc[start:i]
            counts = group["kind"].value_counts()
            kinds = " · ".join(
                f"{int(counts[k])} {labels.term('task_kind', k, lang)}" for k in rv.KINDS if k in counts
            )
            area = charts.wrap_text(labels.area_name(areas[start], lang), 75, 7)
            ax.text(
                -0.04,
                (start + i) / 2,
                f"{area}\n({kinds})",
                transform=trans,
                ha="right",
                va="center",
                fontsize=7,
                color="#333333",
            )
            if i < n:
                ax.axhline(i, color="#333333", linewidth=1.2, xmin=-0.6, clip_on=False)
            start = i
    handles = [Patch(facecolor=charts.colour(s), label=labels.term("progress", s, lang)) for s in PROGRESS]
    handles.append(Patch(facecolor="white", edgecolor="#222222", label=t("ledger_deadline_box", lang)))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(-0.6, 0), ncol=3, fontsize=7, frameon=False)
    height = fig.get_size_inches()[1]
    margins = {"left": 0.24, "right": 0.58, "top": 1 - 1.0 / height, "bottom": 1.1 / height}
    return charts.finish(
        fig,
        ax,
        ledger_finding(review, ledger),
        source_line(review),
        banner=views.chart_banner(review),
        margins=margins,
    )


def ledger_finding(review: rv.YearReview, ledger: pd.DataFrame | None = None) -> str:
    m = status_matrix(review, ledger)
    last = iso_date(checkpoints(review, ledger)[-1])
    annual, long_term = m[m["kind"] == "annual"], m[m["kind"] == "long_term"]
    done = int((annual[last] == "complete").sum())
    advancing = int(long_term[last].isin(ADVANCING).sum())
    return t(
        "ledger_finding",
        review.lang,
        day=month_day(last),
        done=done,
        annual=len(annual),
        not_done=len(annual) - done,
        advancing=advancing,
        long_term=len(long_term),
    )


# ---------------------------------------------------------------- overdue


def overdue_chart(review: rv.YearReview, ledger: pd.DataFrame | None = None):
    """Per checkpoint: tasks due by then, split into complete and overdue."""
    lang = review.lang
    o = overdue_by_checkpoint(review, ledger)
    fig, ax = charts.new_figure(8, 3.4)
    x = [month_day(c) for c in o["checkpoint"]]
    ax.bar(x, o["due_complete"], color=charts.colour("complete"), label=t("col_due_complete", lang))
    ax.bar(
        x,
        o["overdue"],
        bottom=o["due_complete"],
        color=charts.colour("delayed"),
        label=t("col_overdue", lang),
    )
    for xi, (due, late) in enumerate(zip(o["due"], o["overdue"])):
        ax.text(xi, due, f"{late} / {due}", ha="center", va="bottom", fontsize=8)
    ax.set_ylabel(t("col_due", lang))
    ax.set_xlabel(t("col_checkpoint", lang))
    ax.legend(frameon=False, fontsize=8, loc="upper left")
    ax.set_ylim(0, max(o["due"].max() * 1.15, 1))
    return charts.finish(
        fig, ax, overdue_finding(review, ledger), source_line(review), banner=views.chart_banner(review)
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
        return _with_banner(review, views.note(t("overdue_none", lang)).data)
    o = o.sort_values(["task_id", "checkpoint"])
    rows = []
    for task_id, g in o.groupby("task_id", sort=False):
        last = g.iloc[-1]
        notes = [n for n in g["note"] if isinstance(n, str) and n.strip()]
        rows.append(
            {
                t("col_id", lang): task_id,
                t("col_task", lang): _name(last, lang),
                t("col_lead_unit", lang): last["lead_unit"] if isinstance(last["lead_unit"], str) else "",
                t("col_deadline", lang): iso_date(last["deadline"]),
                t("col_overdue_at", lang): t("list_sep", lang).join(iso_date(c) for c in g["checkpoint"]),
                t("col_ledger_status_last", lang): labels.term("progress", last["status"], lang),
                t("col_note", lang): notes[-1] if notes else "",
            }
        )
    df = pd.DataFrame(rows).sort_values([t("col_deadline", lang), t("col_id", lang)], kind="stable")
    return _with_banner(review, _table(df))


# ---------------------------------------------------------------- lead units


def unit_progress_chart(review: rv.YearReview, ledger: pd.DataFrame | None = None):
    """Each lead unit's annual tasks by status at the last checkpoint, worst first (at the top)."""
    lang = review.lang
    u = progress_by_unit(review, ledger)
    u = u[u["annual"] > 0]
    fig, ax = charts.new_figure(8.5, 1.6 + 0.24 * len(u))
    cats = [f"{unit} ({nc}/{a})" for unit, nc, a in zip(u["lead_unit"], u["not_complete"], u["annual"])][::-1]
    series = {s: list(u[s])[::-1] for s in PROGRESS if u[s].sum()}
    charts.stacked_bars(ax, cats, series, labels.terms("progress", lang))
    ax.tick_params(axis="y", labelsize=8)
    ax.set_xlabel(t("col_annual_tasks", lang))
    ax.legend(frameon=False, fontsize=8, loc="lower right")
    return charts.finish(
        fig, ax, unit_finding(review, ledger), source_line(review), banner=views.chart_banner(review)
    )


def unit_finding(review: rv.YearReview, ledger: pd.DataFrame | None = None) -> str:
    u = progress_by_unit(review, ledger)
    u = u[u["annual"] > 0]
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
        annual=int(worst["annual"]),
    )


def unit_progress_table(review: rv.YearReview, ledger: pd.DataFrame | None = None) -> HTML:
    lang = review.lang
    u = progress_by_unit(review, ledger)
    df = pd.DataFrame(
        {
            t("col_lead_unit", lang): u["lead_unit"],
            t("col_annual_tasks", lang): u["annual"],
            **{labels.term("progress", s, lang): u[s] for s in PROGRESS},
            t("col_not_complete", lang): u["not_complete"],
            t("col_share_not_complete", lang): u["share_not_complete"].map(_pct),
            t("col_long_term_tasks", lang): u["long_term"],
            t("col_long_term_not_advancing", lang): u["long_term_not_advancing"],
        }
    )
    return _with_banner(review, _table(df))


# ---------------------------------------------------------------- reconciliation


def reconciliation_chart(review: rv.YearReview, ledger: pd.DataFrame | None = None):
    """The planned tasks by how the report covers them, per kind."""
    lang = review.lang
    c = reconciliation_counts(review, ledger)
    fig, ax = charts.new_figure(8.5, 3.0)
    kinds = [k for k in rv.KINDS if c.loc["total", k]]
    cats = [f"{labels.term('task_kind', k, lang)} ({int(c.loc['total', k])})" for k in kinds][::-1]
    series = {r: [int(c.loc[r, k]) for k in kinds][::-1] for r in c.index if r != "total"}
    charts.stacked_bars(ax, cats, series, labels.terms("reporting", lang))
    left = [0] * len(kinds)
    for r in series:
        for i, v in enumerate(series[r]):
            if v:
                ax.text(
                    left[i] + v / 2,
                    i,
                    str(v),
                    ha="center",
                    va="center",
                    fontsize=8,
                    color="white" if r in ("evidenced",) else "#222222",
                )
            left[i] += v
    ax.legend(frameon=False, fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=4)
    return charts.finish(
        fig,
        ax,
        reconciliation_finding(review, ledger),
        source_line(review) + " · " + t(_silent_note(review), lang),
        banner=views.chart_banner(review),
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
    names = labels.terms("reporting", lang) | {"total": t("col_total", lang)}
    df = pd.DataFrame(
        {
            t("col_reporting", lang): [names[r] for r in c.index],
            **{labels.term("task_kind", k, lang): c[k] for k in rv.KINDS},
            t("col_total", lang): c["total"],
        }
    )
    return _with_banner(review, _table(df))


def reconciliation_status_table(review: rv.YearReview, ledger: pd.DataFrame | None = None) -> HTML:
    """Reporting level × ledger status at the last checkpoint, with the finding it shows."""
    lang = review.lang
    x = reconciliation_by_status(review, ledger)
    last = month_day(checkpoints(review, ledger)[-1])
    rep = labels.terms("reporting", lang)
    df = pd.DataFrame(
        {
            t("col_reporting", lang): [rep[r] for r in x.index],
            **{labels.term("progress", s, lang): x[s] for s in x.columns},
        }
    )
    claimed_late = int(x.loc["claimed", [s for s in x.columns if s not in ADVANCING]].sum())
    silent_done = int(x.loc["not_reported", "complete"]) if "complete" in x.columns else 0
    text = t("reconciliation_status_note", lang, day=last, claimed_late=claimed_late, silent_done=silent_done)
    return _with_banner(review, views.note(text).data + _table(df))


def reconciliation_frame(review: rv.YearReview, ledger: pd.DataFrame | None = None) -> pd.DataFrame:
    """The reconciliation with display columns in the review's language."""
    lang = review.lang
    rec = reconciliation(review, ledger)
    last = month_day(checkpoints(review, ledger)[-1])
    kinds, progress, reporting = (labels.terms(v, lang) for v in ("task_kind", "progress", "reporting"))
    areas = labels.area_names(lang)
    df = pd.DataFrame(
        {
            t("col_id", lang): rec["task_id"],
            t("col_task", lang): [_name(r, lang) for _, r in rec.iterrows()],
            t("col_kind", lang): rec["kind"].map(kinds),
            t("col_area", lang): rec["area_id"].map(areas),
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
        _with_banner(review, ""), views.interactive(reconciliation_frame(review, ledger), lang=review.lang)
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
        views.heading("sec_ledger", lang),
        views.banners(review),
        views.note(
            t("ledger_intro", lang, year=review.year, n=n, checkpoints=", ".join(month_day(c) for c in cps))
        ),
    )
    display(views.subheading("sub_ledger_chart", lang), ledger_grid(review, ledger))
    display(
        views.subheading("sub_ledger_overdue", lang),
        overdue_chart(review, ledger),
        overdue_table(review, ledger),
    )
    display(
        views.subheading("sub_ledger_units", lang),
        unit_progress_chart(review, ledger),
        unit_progress_table(review, ledger),
    )
    display(
        views.subheading("sub_ledger_reconciliation", lang),
        reconciliation_chart(review, ledger),
        reconciliation_counts_table(review, ledger),
        reconciliation_status_table(review, ledger),
    )
    reconciliation_table(review, ledger)
    display(views.note(t(_silent_note(review), lang)))
