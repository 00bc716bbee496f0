"""The trends' cells: one region across all the years it has reports for.

Each function takes the :class:`~policy_review.trends.Trends` of a region (computed in
:mod:`policy_review.trends`) and returns what one cell of ``notebooks/trends.ipynb`` shows, in the
run's language; the shared parts (headings, banners, tables) come from :mod:`policy_review.views`.
"""

from __future__ import annotations

import html

import pandas as pd
from IPython.display import HTML

from . import charts, labels, review as rv, trends as tt
from .labels import t
from .views import banner, bullet_list, note, table
from .views import heading, setup  # noqa: F401  (the notebook calls them through this module)


def trends_title(tr) -> HTML:
    name = labels.region_name(tr.provenance, tr.lang)
    return HTML(f"<h1>{html.escape(t('trends_title', tr.lang, region=name))}</h1>")


def trends_banners(tr) -> HTML:
    lang = tr.lang
    parts = []
    if tr.provenance.get("synthetic"):
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
    m = tt.plan_matrix(tr)
    print(f"{tr.region}: reports for {', '.join(map(str, tr.years))}")
    for year in tr.years:
        row = m.loc[year].dropna() if year in m.index else []
        parts = ", ".join(f"{k} {s} {int(v)}" for (k, s), v in row.items()) if len(row) else "no counts stated"
        print(f"{year}: {parts}")


def _trends_source(tr) -> str:
    pub = tr.provenance.get("publisher", "")
    if tr.provenance.get("synthetic"):
        pub += " — " + t("synthetic_banner", tr.lang)
    src = f"Source: reports of {', '.join(map(str, tr.years))} ({pub})" if tr.lang != "zh" else \
        f"来源:{'、'.join(map(str, tr.years))}年度报告({pub})"
    excerpts = [str(r.year) for r in tr.reviews if r.is_excerpt]
    if excerpts:
        src += (f"; {', '.join(excerpts)} excerpt" if tr.lang != "zh" else f";{'、'.join(excerpts)}年为节选")
    return src


def plan_trend_chart(tr):
    lang = tr.lang
    pc = tt.plan_counts(tr)
    fig, ax = charts.new_figure(9, 4)
    kinds = [k for k in rv.KINDS if k in set(pc["kind"])]
    stages = [s for s in rv.STAGES if s in set(pc["stage"])]
    width = 0.8 / max(len(stages), 1)
    xs = {y: i for i, y in enumerate(tr.years)}
    for si, stage in enumerate(stages):
        sub = pc[(pc["stage"] == stage) & (pc["kind"] == "annual")]
        x = [xs[y] + si * width for y in sub["plan_year"]]
        bars = ax.bar(x, sub["count"], width=width, color=charts.colour(stage),
                      label=labels.term("plan_stage", stage, lang))
        ax.bar_label(bars, fontsize=8)
    ax.set_xticks([i + width * (len(stages) - 1) / 2 for i in xs.values()], [str(y) for y in tr.years])
    ax.legend(frameon=False, fontsize=8)
    ax.set_ylabel(labels.term("task_kind", "annual", lang))
    ann = pc[(pc["kind"] == "annual")]
    announced = ann[ann["stage"] == "announced"]
    if not announced.empty:
        a = announced.iloc[0]
        assigned = ann[(ann["stage"] == "assigned") & (ann["plan_year"] == a["plan_year"])]
        if not assigned.empty:
            finding = (f"{int(a['plan_year'])}: {int(a['count'])} annual tasks announced, {int(assigned.iloc[0]['count'])} assigned"
                       if lang != "zh" else
                       f"{int(a['plan_year'])}年:预告年度任务{int(a['count'])}项,实际交办{int(assigned.iloc[0]['count'])}项")
        else:
            finding = "Annual task counts by stage" if lang != "zh" else "各阶段年度任务数"
    else:
        finding = "Annual task counts by stage" if lang != "zh" else "各阶段年度任务数"
    _ = kinds
    return charts.finish(fig, ax, finding, _trends_source(tr))


def plan_trend_table(tr) -> HTML:
    pc = tt.plan_counts(tr)
    lang = tr.lang
    df = pd.DataFrame({
        t("col_year", lang): pc["plan_year"],
        t("col_kind", lang): [labels.term("task_kind", k, lang) for k in pc["kind"]],
        t("col_stage", lang): [labels.term("plan_stage", s, lang) for s in pc["stage"]],
        t("col_count", lang): pc["count"].astype(int),
        t("col_source", lang): pc["report_year"],
        t("col_quote", lang): pc["quote"],
    })
    return table(df)


RATE_COLUMNS = {
    "year": ("Year", "年度"),
    "annual_assigned": ("Annual tasks assigned", "交办年度任务"),
    "annual_on_time": ("Done on time", "按期完成"),
    "on_time_rate": ("On-time rate", "按期完成率"),
    "evidence_rate": ("Evidence rate of work items", "工作事项实证率"),
    "followups": ("Last year's commitments", "上年打算"),
    "followups_shown": ("Shown this year", "本年可见"),
    "followthrough_rate": ("Follow-through rate", "落实可见率"),
    "followups_judged": ("Found either way", "可判断数"),
    "excerpt": ("Excerpt", "节选"),
}


def rates_table(tr) -> HTML:
    r = tt.rates(tr)
    for col in ("on_time_rate", "evidence_rate", "followthrough_rate"):
        r[col] = [f"{v:.0%}" if pd.notna(v) else "" for v in r[col]]
    for col in ("annual_assigned", "annual_on_time"):
        r[col] = r[col].astype("Int64")
    r["excerpt"] = [t("yes", tr.lang) if x else t("no", tr.lang) for x in r["excerpt"]]
    return table(r, {k: v[1] if tr.lang == "zh" else v[0] for k, v in RATE_COLUMNS.items()})


def rates_chart(tr):
    lang = tr.lang
    r = tt.rates(tr)
    fig, ax = charts.new_figure(8, 3.4)
    series = {"on_time_rate": ("on-time completion (annual)", "年度任务按期完成率", "#2166ac"),
              "evidence_rate": ("evidence rate of work items", "工作事项实证率", "#1b7837"),
              "followthrough_rate": ("last year's commitments shown", "上年打算落实可见率", "#9e9ac8")}
    for col, (en, zh, c) in series.items():
        vals = r[col].astype(float)
        ax.plot(r["year"].astype(str), vals * 100, marker="o", color=c, label=zh if lang == "zh" else en)
    ax.set_ylim(0, 105)
    ax.set_ylabel("%")
    ax.legend(frameon=False, fontsize=8)
    ot = r.dropna(subset=["on_time_rate"])
    finding = ((f"{int(ot.iloc[0]['year'])}: {int(ot.iloc[0]['annual_on_time'])} of {int(ot.iloc[0]['annual_assigned'])} "
                "assigned annual tasks done on time" if lang != "zh" else
                f"{int(ot.iloc[0]['year'])}年:交办的{int(ot.iloc[0]['annual_assigned'])}项年度任务中{int(ot.iloc[0]['annual_on_time'])}项按期完成")
               if not ot.empty else ("Rates by year" if lang != "zh" else "各年度比率"))
    return charts.finish(fig, ax, finding, _trends_source(tr))


def recurring_problems_chart(tr):
    lang = tr.lang
    m = tt.recurring_problems(tr)
    fig, ax = charts.new_figure(8, 3.2)
    if m.empty:
        ax.text(0.5, 0.5, "no problems recorded", ha="center", transform=ax.transAxes)
        ax.set_axis_off()
        return charts.finish(fig, ax, "No problems recorded", _trends_source(tr))
    ax.imshow(m.values, cmap="Reds", aspect="auto", vmin=0)
    ax.set_xticks(range(len(m.columns)), [str(c) for c in m.columns])
    ax.set_yticks(range(len(m.index)), [labels.term("problem_theme", x, lang) for x in m.index])
    for i in range(m.shape[0]):
        for j in range(m.shape[1]):
            ax.text(j, i, str(int(m.values[i, j])), ha="center", va="center", fontsize=9)
    recurring = [x for x in m.index if (m.loc[x] > 0).sum() >= 2]
    finding = ((f"{len(recurring)} problem themes recur across years" if recurring else
                "No problem theme is admitted in two years (excerpts may hide some)") if lang != "zh" else
               (f"{len(recurring)}类问题跨年度重复出现" if recurring else "没有问题主题在两个年度重复出现(节选可能遗漏)"))
    return charts.finish(fig, ax, finding, _trends_source(tr))


def figures_across_years_table(tr) -> HTML:
    f = tt.figures_across_years(tr)
    lang = tr.lang
    if f.empty:
        return note("No figure recurs across years." if lang != "zh" else "没有跨年度重复的数据。")
    df = pd.DataFrame({
        t("col_source", lang): f["report_year"],
        t("col_year", lang): f["refers_to_year"],
        t("col_label", lang): f["label_zh"] if lang == "zh" else f["label_en"],
        t("col_value", lang): f["raw"],
        t("col_quote", lang): f["quote"],
    })
    return table(df)


def trends_notes(tr) -> HTML:
    notes = []
    for r in tr.reviews:
        state = ("curated" if r.curated else "uncurated draft") + (", excerpt" if r.is_excerpt else ", full text")
        notes.append(f"{r.year}: {state}")
    return bullet_list(notes + [t("not_reported_note", tr.lang)])
