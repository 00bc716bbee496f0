"""The trends' cells: one region across all the years it has reports for.

Each function takes the :class:`~policy_review.review.trends.Trends` of a region (computed in
:mod:`policy_review.review.trends`) and returns what one cell of ``notebooks/trends.ipynb`` shows, in the
run's language; the shared parts (headings, banners, tables) come from :mod:`policy_review.pages.parts`.
"""

from __future__ import annotations

import html

import pandas as pd
from IPython.display import HTML

from policy_review.core import labels
from policy_review.core.labels import t
from policy_review.pages import charts
from policy_review.pages.parts import banner, bullet_list, note, table
from policy_review.pages.source_page import link
from policy_review.review import metrics, trends as tt
from policy_review.tables import names, vocabularies as v
from policy_review.tables.frameworks import framework_for, reference


def trends_title(tr) -> HTML:
    name = labels.region_name(tr.provenance, tr.lang)
    return HTML(f"<h1>{html.escape(t('trends_title', tr.lang, region=name))}</h1>")


def trends_banners(tr) -> HTML:
    lang = tr.lang
    parts = []
    if tr.is_synthetic:
        parts.append(banner(t("synthetic_banner", lang), "#e0ecf4"))
    excerpts = [r.year for r in tr.reviews if r.is_excerpt]
    drafts = [r.year for r in tr.reviews if not r.curated]
    if excerpts:
        parts.append(banner(t("excerpt_banner", lang) + f": {', '.join(map(str, excerpts))}", "#fde0dd"))
    if drafts:
        parts.append(banner(t("uncurated_banner", lang) + f": {', '.join(map(str, drafts))}", "#fff3cd"))
    return HTML("".join(parts))


def trends_headline(tr) -> None:
    """Stable text summary of the trends (nbval checks this cell's output)."""
    lang = tr.lang
    m = tt.plan_matrix(tr)
    print(t("th_years", lang, region=tr.region, years=labels.join(tr.years, lang)))
    for year in tr.years:
        row = m.loc[year].dropna() if year in m.index else []
        parts = labels.join(
            [
                t(
                    "th_count",
                    lang,
                    kind=k,
                    stage=s,
                    n=int(count),
                    kind_name=names.term("task_kind", k, lang),
                    stage_name=names.term("plan_stage", s, lang),
                )
                for (k, s), count in row.items()
            ],
            lang,
        )
        print(t("year_finding", lang, year=year, finding=parts or t("hl_no_counts", lang)))


def _trends_source(tr) -> str:
    lang = tr.lang
    pub = labels.stated(tr.provenance.get("publisher"), lang)
    if tr.is_synthetic:
        pub += " — " + t("synthetic_banner", lang)
    src = t("trends_source", lang, years=labels.join(tr.years, lang), publisher=pub)
    excerpts = [r.year for r in tr.reviews if r.is_excerpt]
    if excerpts:
        src += t("trends_source_excerpts", lang, years=labels.join(excerpts, lang))
    return src


def plan_trend_chart(tr):
    lang = tr.lang
    pc = tt.plan_counts(tr)
    if pc.empty or pc[pc["kind"] == v.ANNUAL].empty:
        return note(t("plan_trend_default", lang))  # one plain sentence, not an empty axis
    fig, ax = charts.new_figure(9, 4)
    stages = [s for s in v.PLAN_STAGES if s in set(pc["stage"])]
    width = 0.8 / max(len(stages), 1)
    xs = {y: i for i, y in enumerate(tr.years)}
    for si, stage in enumerate(stages):
        sub = pc[(pc["stage"] == stage) & (pc["kind"] == v.ANNUAL)]
        x = [xs[y] + si * width for y in sub["plan_year"]]
        bars = ax.bar(
            x,
            sub["count"],
            width=width,
            color=charts.colour(stage),
            label=names.term("plan_stage", stage, lang),
        )
        ax.bar_label(bars, fontsize=8)
    ax.set_xticks([i + width * (len(stages) - 1) / 2 for i in xs.values()], [str(y) for y in tr.years])
    ax.margins(y=0.12)  # room for the bar labels
    # beside the bars, not on them
    ax.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))
    ax.set_ylabel(names.term("task_kind", v.ANNUAL, lang))
    ann = pc[(pc["kind"] == v.ANNUAL)]
    announced = ann[ann["stage"] == v.ANNOUNCED]
    finding = t("plan_trend_default", lang)
    if not announced.empty:
        a = announced.iloc[0]
        assigned = ann[(ann["stage"] == v.ASSIGNED) & (ann["plan_year"] == a["plan_year"])]
        if not assigned.empty:
            finding = t(
                "plan_trend_finding",
                lang,
                year=int(a["plan_year"]),
                announced=int(a["count"]),
                assigned=int(assigned.iloc[0]["count"]),
            )
    return charts.finish(fig, ax, finding, _trends_source(tr))


def plan_trend_table(tr) -> HTML:
    pc = tt.plan_counts(tr)
    lang = tr.lang
    df = pd.DataFrame(
        {
            t("col_year", lang): pc["plan_year"],
            t("col_kind", lang): [names.term("task_kind", k, lang) for k in pc["kind"]],
            t("col_stage", lang): [names.term("plan_stage", s, lang) for s in pc["stage"]],
            t("col_count", lang): pc["count"].astype(int),
            t("col_source", lang): pc["report_year"],
            t("col_quote", lang): region_quote_links(tr, pc),
        }
    )
    return table(df, links=(t("col_quote", lang),))


#: The rates table's columns, each headed by the catalogue's ``rate_<column>``.
RATE_COLUMNS = (
    "year",
    "annual_assigned",
    "annual_on_time",
    "on_time_rate",
    "evidence_rate",
    "followups",
    "followups_shown",
    "followthrough_rate",
    "followups_judged",
    "excerpt",
)


def rates_table(tr) -> HTML:
    """The rates by year, each shown beside its counts (``metrics.METRICS``)."""
    r = tt.rates(tr)
    lang = tr.lang
    r["on_time_rate"] = [
        metrics.rate_with_counts(None if pd.isna(n) else int(n), None if pd.isna(d) else int(d), lang)
        for n, d in zip(r["annual_on_time"], r["annual_assigned"])
    ]
    r["evidence_rate"] = [
        metrics.rate_with_counts(n, d, lang) for n, d in zip(r[v.EVIDENCED], r["evidence_items"])
    ]
    r["followthrough_rate"] = [
        metrics.rate_with_counts(n, d, lang) for n, d in zip(r["followups_shown"], r["followups"])
    ]
    r = r.drop(columns=[v.EVIDENCED, "evidence_items", "partial"])
    for col in ("annual_assigned", "annual_on_time"):
        r[col] = r[col].astype("Int64")
    r["excerpt"] = [t("yes", tr.lang) if x else t("no", tr.lang) for x in r["excerpt"]]
    return table(r, {c: t(f"rate_{c}", tr.lang) for c in RATE_COLUMNS})


#: The rates chart's lines: column, colour (each named by the catalogue's ``line_<column>``).
RATE_LINES = {"on_time_rate": "#2166ac", "evidence_rate": "#1b7837", "followthrough_rate": "#762a83"}
RATE_MARKERS = {"on_time_rate": "o", "evidence_rate": "s", "followthrough_rate": "^"}


def rates_chart(tr):
    """The three rates by year. A year read from an excerpt or an uncurated draft is drawn as a
    hollow point joined by a dashed line: part of a report, never a real turn of the line."""
    from matplotlib.lines import Line2D

    lang = tr.lang
    r = tt.rates(tr)
    if r[list(RATE_LINES)].astype(float).isna().all().all():
        return note(t("rates_default", lang))  # no rate in any year: a sentence, not an empty axis
    fig, ax = charts.new_figure(9, 3.6)
    years = [str(y) for y in r["year"]]
    xs = list(range(len(years)))  # positions, not categories: a series may start in a later year
    partial = list(r["partial"])
    handles = []
    for col, colour in RATE_LINES.items():
        marker = RATE_MARKERS[col]
        vals = [x * 100 if pd.notna(x) else None for x in r[col].astype(float)]
        for i in range(len(vals) - 1):  # segments: solid between whole years, dashed into a partial one
            if vals[i] is not None and vals[i + 1] is not None:
                ax.plot(
                    xs[i : i + 2],
                    vals[i : i + 2],
                    color=colour,
                    linewidth=1.6,
                    linestyle="--" if partial[i] or partial[i + 1] else "-",
                )
        for i, value in enumerate(vals):
            if value is not None:
                ax.plot(
                    [xs[i]],
                    [value],
                    marker=marker,
                    markersize=7,
                    color=colour,
                    linestyle="none",
                    markerfacecolor="white" if partial[i] else colour,
                    markeredgewidth=1.6,
                )
        handles.append(Line2D([], [], color=colour, marker=marker, label=t(f"line_{col}", lang)))
    handles.append(
        Line2D(
            [],
            [],
            color="#555555",
            marker="o",
            markerfacecolor="white",
            linestyle="--",
            label=t("partial_year_legend", lang),
        )
    )
    ax.set_xticks(xs, years)
    ax.set_xlim(-0.3, len(years) - 0.7)
    ax.set_ylim(0, 105)
    ax.set_ylabel("%")
    ax.legend(handles=handles, frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))
    ot = r.dropna(subset=["on_time_rate"])
    if ot.empty:
        finding = t("rates_default", lang)
    else:
        first = ot.iloc[0]
        finding = t(
            "on_time_finding",
            lang,
            year=int(first["year"]),
            on_time=int(first["annual_on_time"]),
            assigned=int(first["annual_assigned"]),
        )
    parts = [str(y) for y, p in zip(r["year"], partial) if p]
    alt = finding + (t("partial_years_alt", lang, years=t("list_sep", lang).join(parts)) if parts else "")
    return charts.finish(fig, ax, finding, _trends_source(tr), alt=alt)


def recurring_problems_chart(tr):
    lang = tr.lang
    m = tt.recurring_problems(tr)
    if m.empty:
        return note(t("problems_none_title", lang))
    fig, ax = charts.new_figure(8, 3.2)
    # an excerpt year with no problem is n/a, not 0: its problems section may be in the part not available
    excerpt = {r.year for r in tr.reviews if r.is_excerpt}
    unknown = [
        [c in excerpt and m.values[i, j] == 0 for j, c in enumerate(m.columns)] for i in range(m.shape[0])
    ]
    import numpy as np

    cmap = matplotlib_colormap("Reds", bad="#f0f0f0")
    vmax = max(int(m.values.max()), 1)
    shown = np.ma.masked_array(m.values.astype(float), mask=unknown)
    ax.imshow(shown, cmap=cmap, aspect="auto", vmin=0, vmax=vmax)
    ax.set_xticks(range(len(m.columns)), [str(c) for c in m.columns])
    ax.set_yticks(range(len(m.index)), [names.term("problem_theme", x, lang) for x in m.index])
    for i in range(m.shape[0]):
        for j in range(m.shape[1]):
            if unknown[i][j]:
                ax.text(
                    j, i, t("not_applicable", lang), ha="center", va="center", fontsize=8, color="#444444"
                )
            else:
                cell = cmap(m.values[i, j] / vmax)
                ax.text(
                    j,
                    i,
                    str(int(m.values[i, j])),
                    ha="center",
                    va="center",
                    fontsize=9,
                    color=charts.text_colour_on(cell),
                )
    recurring = [x for x in m.index if (m.loc[x] > 0).sum() >= 2]
    finding = t("themes_recur", lang, n=len(recurring)) if recurring else t("themes_recur_none", lang)
    return charts.finish(fig, ax, finding, _trends_source(tr))


def _crosswalk_sentence(tr) -> str:
    """One plain sentence: how the 2015–2020 areas were carried into the latest outline's."""
    lang = tr.lang
    target = tt.target_framework_year(tr)
    old = {a: names.area_name(a, lang) for a in reference("areas")["area_id"]}
    new = names.area_names(target, lang)
    moves, split = [], {}
    for row in reference("area_crosswalk").to_dict("records"):
        a15, a21 = row["area_2015"], row["area_2021"]
        if a15 == a21:
            continue
        if a15 in new:  # the old area kept its chapter, and part of its work got one of its own
            split.setdefault(a15, []).append(f"“{new.get(a21, a21)}”")
        else:
            moves.append(t("crosswalk_moved", lang, new=new.get(a21, a21), old=old.get(a15, a15)))
    for a15, parts in split.items():
        moves.append(t("crosswalk_split", lang, new=t("and_sep", lang).join(parts), old=old.get(a15, a15)))
    return t(
        "crosswalk_sentence",
        lang,
        outline=labels.localized_value(framework_for(target), "name", lang),
        moves=t("clause_sep", lang).join(moves),
        file="data/reference/area_crosswalk.csv",
    )


#: Colour of a cell of the areas-across-years table, by reporting level (light: dark text reads).
AREA_CELL_COLOURS = {
    v.EVIDENCED: "#d9f0d3",
    v.MENTIONED: "#fff2cc",
    v.CLAIMED: "#fde0dd",
    v.NOT_REPORTED: "#ffffff",
    "held_elsewhere": "#f0f0f0",
    v.NOT_IN_EXCERPT: "repeating-linear-gradient(45deg, #fff 0 3px, #e4e1f0 3px 6px)",
}


def area_trend_table(tr) -> HTML:
    """Each framework area's reporting in each year, every year in the latest report's outline
    (areas mapped through ``area_crosswalk.csv``), with a sentence saying so when it matters."""
    lang = tr.lang
    ar = tt.area_reporting_by_year(tr)
    if ar.empty:
        return note(t("areas_trend_none", lang))
    shown = {
        **names.area_names(tt.target_framework_year(tr), lang),
        "unclassified": names.area_name("unclassified", lang),
    }
    rep = names.terms("reporting", lang)
    excerpts = {r.year for r in tr.reviews if r.is_excerpt}
    head = [t("col_area", lang)] + [
        str(y) + (t("year_excerpt_tag", lang) if y in excerpts else "") for y in tr.years
    ]
    body = []
    for aid in dict.fromkeys(ar["area_id"]):
        cells = [f"<td>{html.escape(shown.get(aid, aid))}</td>"]
        for year in tr.years:
            hit = ar[(ar["area_id"] == aid) & (ar["year"] == year)]
            if hit.empty:
                cells.append("<td></td>")
                continue
            x = hit.iloc[0]
            if x["reporting"] == "held_elsewhere":
                text = t("area_held_by", lang, area=names.area_name(x["held_by"], lang))
            else:
                items = int(x[v.EVIDENCED] + x[v.MENTIONED] + x[v.CLAIMED])
                text = rep[x["reporting"]] + (
                    t("area_item_one" if items == 1 else "area_items", lang, n=items) if items else ""
                )
            cells.append(
                f'<td style="background:{AREA_CELL_COLOURS[x["reporting"]]};color:#222">'
                f"{html.escape(text)}</td>"
            )
        body.append("<tr>" + "".join(cells) + "</tr>")
    table_html = (
        '<table class="pr-table" border="0"><thead><tr>'
        + "".join(f"<th>{html.escape(h)}</th>" for h in head)
        + "</tr></thead><tbody>"
        + "".join(body)
        + "</tbody></table>"
    )
    if tt.spans_frameworks(tr):
        sentence = _crosswalk_sentence(tr)
    else:
        outline = framework_for(tt.target_framework_year(tr))
        sentence = t("areas_trend_intro", lang, outline=labels.localized_value(outline, "name", lang))
    silent = [t("not_reported_note", lang)] + ([t("not_in_excerpt_note", lang)] if excerpts else [])
    return HTML(note(sentence).data + table_html + note(" ".join(silent)).data)


def figures_across_years_table(tr) -> HTML:
    f = tt.figures_across_years(tr)
    lang = tr.lang
    if f.empty:
        return note(t("figures_recur_none", lang))
    df = pd.DataFrame(
        {
            t("col_source", lang): f["report_year"],
            t("col_year", lang): f["refers_to_year"],
            t("col_label", lang): labels.localized(f, "label", lang),
            t("col_value", lang): f["raw"],
            t("col_quote", lang): region_quote_links(tr, f),
        }
    )
    return table(df, links=(t("col_quote", lang),))


def region_quote_links(tr, df: pd.DataFrame) -> list[str]:
    """Each row's quote as a link to its span in the source page of the report it comes from
    (``report_year``), beside this page: as the year review's quotes are."""
    by_year = {r.year: r for r in tr.reviews}
    out = []
    for q, s, e, y in zip(df["quote"], df["start"], df["end"], df["report_year"]):
        review = by_year.get(int(y)) if pd.notna(y) else None
        text = q if isinstance(q, str) else ""
        out.append(link(review, s, e, text) if review is not None else html.escape(text))
    return out


def trends_notes(tr) -> HTML:
    """What each year is read from; then the written definition of every number the page shows."""
    lang = tr.lang
    notes = [
        t(
            "year_finding",
            lang,
            year=r.year,
            finding=t("tag_curated" if r.curated else "tag_uncurated", lang)
            + t("tag_sep", lang)
            + t("tag_excerpt" if r.is_excerpt else "tag_full_text", lang),
        )
        for r in tr.reviews
    ]
    excerpts = any(r.is_excerpt for r in tr.reviews)
    silent = ["not_reported_note"] + (["not_in_excerpt_note"] if excerpts else [])
    listed = bullet_list(notes + [t(key, lang) for key in silent])
    defined = bullet_list(metrics.definitions(metrics.PAGE_METRICS["trends"], lang))
    return HTML(listed.data + f"<h3>{html.escape(t('sub_definitions', lang))}</h3>" + defined.data)


def matplotlib_colormap(name: str, bad: str):
    """A matplotlib colour map with ``bad`` for masked cells (a copy: nothing shared changes)."""
    import matplotlib

    return matplotlib.colormaps[name].with_extremes(bad=bad)
