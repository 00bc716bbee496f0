"""The year review's coverage cells: each framework area on both axes (reporting, and progress as
the report states it), as a chart, a table and the finding that heads the chart.

An area the report holds nothing of is "not reported" (未见报告), which never means the work was
not done; on an excerpt it is "not in the available part", hatched. A draft's items that no area
decides are shown as "not classified (draft)", and never counted as an area of the framework
(``metrics.METRICS["areas_reported"]``). :mod:`policy_review.pages.year_page` shows the other cells.
"""

from __future__ import annotations

import pandas as pd
from IPython.display import HTML

from policy_review.core import labels
from policy_review.core.labels import t
from policy_review.pages import charts, fonts
from policy_review.pages.parts import TICK_SIZE, chart_banner, note, source_line, table
from policy_review.review import year_review as rv
from policy_review.tables import names, vocabularies as v

#: What the coverage chart needs besides its bars, in inches (title, banner, legend, axis label,
#: source line: measured on the nine-area outline's charts, with room to spare), and the room
#: between two areas' names on its axis, in points.
FRAME_INCHES = 2.3
GAP_PT = 4.0


def chart_height(names: list[str]) -> float:
    """The coverage chart's height, in inches, at which no area's name (wrapped, at the tick
    size) reaches its neighbour's: each band holds half of each of its two names, and a gap."""
    heights = [charts.text_box(name, TICK_SIZE)[1] for name in names]
    band = max([(a + b) / 2 + GAP_PT for a, b in zip(heights, heights[1:])] or [0.0])
    return max(4.2, FRAME_INCHES + band * len(names) / 72)


def coverage_table(r: rv.YearReview) -> HTML:
    lang = r.lang
    cov = rv.coverage_by_area(r)
    rep = names.terms("reporting", lang)
    df = pd.DataFrame(
        {
            t("col_area", lang): cov["area"],
            t("col_reporting", lang): [rep[s] for s in cov["area_reporting"]],
            rep[v.EVIDENCED]: cov[v.EVIDENCED],
            rep[v.MENTIONED]: cov[v.MENTIONED],
            rep[v.CLAIMED]: cov[v.CLAIMED],
            t("col_tasks_named", lang): cov["tasks_named"],
            **{names.term("progress", p, lang): cov[f"progress_{p}"] for p in v.PROGRESS},
        }
    )
    return table(df)


def coverage_chart(r: rv.YearReview):
    """Evidence items per framework area by level; empty areas say 未见报告 (an excerpt's: hatched).
    The chart is as tall as its areas' names need, so that no two of them overlap."""
    lang = r.lang
    cov = rv.coverage_by_area(r)
    rep = names.terms("reporting", lang)
    if not int(cov[list(v.LEVELS)].to_numpy().sum()):
        return note(coverage_finding(r, cov))  # one plain sentence, not an empty axis
    cats = charts.top_down([fonts.wrap_text(a, 190, TICK_SIZE) for a in cov["area"]])
    fig, ax = charts.new_figure(9, chart_height(cats))
    series = {s: charts.top_down(cov[s]) for s in v.LEVELS}
    charts.stacked_bars(ax, cats, series, rep)
    reporting, named_tasks = charts.top_down(cov["area_reporting"]), charts.top_down(cov["tasks_named"])
    charts.unreached_band(
        ax, [c for c, s in zip(cats, reporting) if s == v.NOT_IN_EXCERPT], rep[v.NOT_IN_EXCERPT]
    )
    for i, (status, named) in enumerate(zip(reporting, named_tasks)):
        items = sum(series[level][i] for level in v.LEVELS)
        if status in v.SILENT:  # not reported, or not in the part of an excerpt available
            ax.text(
                0.1,
                i,
                rep[status],
                va="center",
                fontsize=8,
                color="#555555",
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 1},
            )
        elif not items and named:  # reported only through the tasks the report names
            ax.text(
                0.1,
                i,
                t("tasks_named_only", lang, status=rep[status], n=named),
                va="center",
                fontsize=8,
                color="#1b5e20",
            )
    ax.set_xlabel(t("axis_evidence_items", lang))
    ax.xaxis.get_major_locator().set_params(integer=True)  # items are counted, not measured
    finding = coverage_finding(r, cov)
    silent_note = t("not_in_excerpt_note" if r.is_excerpt else "not_reported_note", lang)
    return charts.finish(fig, ax, finding, source_line(r) + " · " + silent_note, banner=chart_banner(r))


def coverage_finding(r: rv.YearReview, cov: pd.DataFrame | None = None) -> str:
    """The chart's finding: how many of the framework's areas the report reports (a draft's
    "not classified" items are no area), and where it says most."""
    cov = rv.coverage_by_area(r) if cov is None else cov
    cov = cov.assign(items=cov[list(v.LEVELS)].sum(axis=1))
    areas = cov[cov["in_framework"]] if "in_framework" in cov else cov
    silent = {
        "silent": int(areas["area_reporting"].isin(v.SILENT).sum()),
        "silent_word": names.term("reporting", v.unreported(r.is_excerpt), r.lang),
    }
    if areas.empty or not areas["items"].any():
        return t("coverage_none", r.lang, year=r.year)
    top = areas.loc[areas["items"].idxmax()]
    named_only = int(((areas["items"] == 0) & ~areas["area_reporting"].isin(v.SILENT)).sum())
    reported = len(areas) - silent["silent"]
    if named_only:
        return t(
            "coverage_finding_named",
            r.lang,
            year=r.year,
            n=reported,
            total=len(areas),
            **silent,
            named=named_only,
            top=top["area"],
            items=labels.tn("count_items", r.lang, int(top["items"])),
        )
    return t(
        "coverage_finding",
        r.lang,
        year=r.year,
        reported=reported,
        areas=len(areas),
        **silent,
        area=top["area"],
        area_lower=top["area"].lower(),
        items=labels.tn("count_items", r.lang, int(top["items"])),
    )
