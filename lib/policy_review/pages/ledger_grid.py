"""The countdown ledger's task × checkpoint grid (HTML, and the same as a matplotlib figure), and the
parts every ledger view shares: the banners, the source line under each chart, task names.

Every function takes the :class:`~policy_review.review.year_review.YearReview` and, optionally, the
region's ledger (see :mod:`policy_review.review.ledger`); the other ledger views are in
:mod:`policy_review.pages.ledger_page`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from IPython.display import HTML
from matplotlib.colors import ListedColormap
from matplotlib.patches import Patch, Rectangle

from policy_review.core import labels
from policy_review.core.labels import t
from policy_review.pages import charts, documents, fonts, parts
from policy_review.review import year_review as rv
from policy_review.review.ledger import (
    ADVANCING,
    PROGRESS,
    checkpoints,
    iso_date,
    ledger_entries,
    month_day,
    status_matrix,
)
from policy_review.tables import names, vocabularies as v


def banner_html(review: rv.YearReview) -> str:
    return parts.banners(review).data


def with_banner(review: rv.YearReview, body: str) -> HTML:
    """A view: the banners of the review (synthetic, excerpt, uncurated) above the body."""
    return HTML(banner_html(review) + body)


def ledger_source_line(review: rv.YearReview) -> str:
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


def task_name(row, lang: str) -> str:
    return labels.localized_value(row, "name", lang)


def short_id(task_id: str, year: int) -> str:
    return task_id.removeprefix(f"t-{year}-")


def html_table(df: pd.DataFrame) -> str:
    return df.to_html(index=False, escape=True, na_rep="", border=0, classes="pr-table")


def percent(x) -> str:
    return "" if x is None or pd.isna(x) else f"{x * 100:.0f}%"


#: Text on a status cell, so the grid reads without colour too (its full name is the cell's tooltip).
STATUS_MARKS = {v.COMPLETE: "✓", v.CONTINUING: "→", v.DELAYED: "!", v.NOT_STARTED: "○", v.NOT_RATED: "?"}


_DARK = {v.COMPLETE, v.DELAYED, v.NOT_STARTED}  # white text on these colours


_DEADLINE = "box-shadow:inset 0 0 0 2px #111111,inset 0 0 0 3px #ffffff"


def status_style(status: str) -> str:
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
    progress = names.terms("progress", lang)
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
            "style": f"{status_style(status)};{outline}",
            "mark": STATUS_MARKS.get(status, ""),
        }

    areas = []
    for area, group in m.groupby("area_id", sort=False):
        counts = group["kind"].value_counts()
        kinds = " · ".join(
            f"{int(counts[k])} {names.term('task_kind', k, lang)}" for k in v.PLAN_KINDS if k in counts
        )
        tasks = []
        for task, row in group.iterrows():
            deadline = iso_date(row["deadline"]) if pd.notna(row["deadline"]) else None
            tasks.append(
                {
                    "id": short_id(task, review.year),
                    "name": task_name(row, lang),
                    "unit": row["lead_unit"] if pd.notna(row["lead_unit"]) else "",
                    "cells": [cell(task, cp, row[cp], deadline) for cp in cps],
                }
            )
        areas.append({"name": names.area_name(area, lang), "kinds": kinds, "tasks": tasks})
    body = documents.render(
        "ledger_grid.html.j2",
        finding=ledger_finding(review, ledger),
        source=ledger_source_line(review),
        areas=areas,
        legend=[
            {"style": status_style(s), "mark": STATUS_MARKS[s], "name": progress.get(s, s)} for s in PROGRESS
        ],
        deadline_style=_DEADLINE,
        deadline_word=deadline_word,
        days=[month_day(c) for c in cps],
        headers={"id": t("col_id", lang), "task": t("col_task", lang), "unit": t("col_lead_unit", lang)},
    )
    return with_banner(review, body)


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
    ticks = [
        f"{short_id(task, review.year)}  {fonts.shorten_text(task_name(row, lang), 130, 5.5)}"
        for task, row in m.iterrows()
    ]
    ax.yaxis.tick_right()
    ax.set_yticks([i + 0.5 for i in range(n)], ticks, fontsize=5.5)
    ax.tick_params(axis="y", length=0, pad=3)
    areas = m["area_id"].tolist()
    start = 0
    trans = ax.get_yaxis_transform()
    for i in range(1, n + 1):
        if i == n or areas[i] != areas[start]:
            group = m.iloc[start:i]
            counts = group["kind"].value_counts()
            kinds = " · ".join(
                f"{int(counts[k])} {names.term('task_kind', k, lang)}" for k in v.PLAN_KINDS if k in counts
            )
            area = fonts.wrap_text(names.area_name(areas[start], lang), 75, 7)
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
    handles = [Patch(facecolor=charts.colour(s), label=names.term("progress", s, lang)) for s in PROGRESS]
    handles.append(Patch(facecolor="white", edgecolor="#222222", label=t("ledger_deadline_box", lang)))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(-0.6, 0), ncol=3, fontsize=7, frameon=False)
    height = fig.get_size_inches()[1]
    margins = {"left": 0.24, "right": 0.58, "top": 1 - 1.0 / height, "bottom": 1.1 / height}
    return charts.finish(
        fig,
        ax,
        ledger_finding(review, ledger),
        ledger_source_line(review),
        banner=parts.chart_banner(review),
        margins=margins,
    )


def ledger_finding(review: rv.YearReview, ledger: pd.DataFrame | None = None) -> str:
    m = status_matrix(review, ledger)
    last = iso_date(checkpoints(review, ledger)[-1])
    annual, long_term = m[m["kind"] == v.ANNUAL], m[m["kind"] == v.LONG_TERM]
    done = int((annual[last] == v.COMPLETE).sum())
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
