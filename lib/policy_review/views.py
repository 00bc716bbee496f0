"""What the notebooks show: headings, banners, tables and charts, in the run's language.

Every function here takes computed results (``review``, ``trends``) and returns something to
display; notebooks call one function per cell. Text that comes from data is always escaped:
tables go through pandas/itables with escaping on, headings and banners through ``html.escape``.
"""

from __future__ import annotations

import html

import pandas as pd
from IPython.display import HTML, display

from . import charts, labels, review as rv
from .labels import t

_itables_ready = False

#: Tables read left to right like the quotes they hold (JupyterLab right-aligns by default).
TABLE_STYLE = """<style>
.pr-table td, .pr-table th { text-align: left !important; vertical-align: top; }
.pr-table td { max-width: 38em; }
</style>"""


def setup(lang: str) -> None:
    """Fonts for charts and the table style; call once at the top of a notebook."""
    charts.setup_fonts()
    _figures_as_laid_out()
    display(HTML(TABLE_STYLE))


def _figures_as_laid_out() -> None:
    """Show figures at the size they were laid out to: the charts fit their own labels, so the
    inline backend's "tight" bounding box (a second full draw of every chart) is not needed."""
    from IPython import get_ipython

    if get_ipython() is not None:
        from matplotlib_inline.backend_inline import set_matplotlib_formats

        set_matplotlib_formats("png", bbox_inches=None)


def _init_itables() -> None:
    """Embed the offline itables bundle, once, in the first cell that shows an interactive table
    (pages without one do not carry it)."""
    global _itables_ready
    if not _itables_ready:
        import itables

        itables.init_notebook_mode(all_interactive=False, connected=False)
        _itables_ready = True


# ---------------------------------------------------------------- text blocks

def heading(key: str, lang: str, **fields) -> HTML:
    """A section heading with a stable anchor (the HTML's table of contents links to it)."""
    anchor = key.replace("_", "-")
    return HTML(f'<h2 id="{anchor}">{html.escape(t(key, lang, **fields))}</h2>')


def title(r: rv.YearReview) -> HTML:
    name = labels.region_name(r.provenance, r.lang)
    return HTML(f"<h1>{html.escape(t('title', r.lang, region=name, year=r.year))}</h1>")


def banners(r: rv.YearReview) -> HTML:
    """The excerpt and uncurated banners, shown on every view that depends on them."""
    parts = []
    if r.provenance.get("synthetic"):
        parts.append(_banner(t("synthetic_banner", r.lang), "#e0ecf4"))
    if r.is_excerpt:
        parts.append(_banner(t("excerpt_banner", r.lang), "#fde0dd"))
    if not r.curated:
        parts.append(_banner(t("uncurated_banner", r.lang), "#fff3cd"))
    return HTML("".join(parts))


def _banner(text: str, background: str) -> str:
    return (f'<div class="pr-banner" style="background:{background};padding:6px 10px;margin:6px 0;'
            f'border-left:4px solid #b2182b;font-weight:bold">{html.escape(text)}</div>')


def note(text: str) -> HTML:
    return HTML(f'<p class="pr-note" style="color:#444">{html.escape(text)}</p>')


def bullet_list(items: list[str]) -> HTML:
    return HTML("<ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in items) + "</ul>")


def table(df: pd.DataFrame, columns: dict[str, str] | None = None) -> HTML:
    """A static table (escaped), with columns renamed for display."""
    shown = df.rename(columns=columns) if columns else df
    shown = shown.astype(object).where(shown.notna(), "")  # blank, not <NA>, where nothing is known
    return HTML(shown.to_html(index=False, escape=True, border=0, classes="pr-table"))


#: matplotlib's default tick label size, in points (the width budgets of wrapped labels use it).
TICK_SIZE = 10

#: Tables longer than this are shown searchable and paged, so a 165-task plan stays readable.
STATIC_ROWS = 25


def table_or_interactive(df: pd.DataFrame) -> HTML:
    """A static table when short; an interactive one when long."""
    return table(df) if len(df) <= STATIC_ROWS else interactive(df)


def interactive(df: pd.DataFrame, columns: dict[str, str] | None = None, caption: str | None = None) -> HTML:
    """An interactive (searchable, sortable) table that works offline; text is escaped."""
    import itables

    _init_itables()
    shown = df.rename(columns=columns) if columns else df
    return HTML(itables.to_html_datatable(shown, caption=caption, allow_html=False, showIndex=False, maxBytes=0,
                                          classes="display compact pr-table", lengthMenu=[10, 25, 100, -1]))


def source_line(r: rv.YearReview) -> str:
    p = r.provenance
    line = t("source_line", r.lang, title=p.get("title", ""), publisher=p.get("publisher", ""),
             published=p.get("published", ""))
    if p.get("synthetic"):
        line += " — " + t("synthetic_banner", r.lang)
    if r.is_excerpt:
        line += " — " + ("节选" if r.lang == "zh" else "excerpt")
    if not r.curated:
        line += " — " + ("未审核草稿" if r.lang == "zh" else "uncurated draft")
    return line


# ---------------------------------------------------------------- 1. source

def source_table(r: rv.YearReview) -> HTML:
    p, lang = r.provenance, r.lang
    check = rv.publication_check(r)
    in_time = {True: t("yes", lang), False: t("no", lang), None: t("unknown", lang)}[check["in_time"]]
    rule = check["rule"] if lang == "zh" else check["rule_en"]
    deadline = check["deadline"] if lang != "zh" else f"{check['deadline_date']}之前"
    rows = [
        ("f_title", p.get("title")),
        ("f_publisher", p.get("publisher")),
        ("f_index_number", p.get("index_number")),
        ("f_written", p.get("written")),
        ("f_published", p.get("published")),
        ("f_address", p.get("address") or p.get("address_note")),
        ("f_coverage", t(f"coverage_{p.get('coverage')}", lang) + (f" — {p.get('coverage_note')}" if p.get("coverage_note") else "")),
        ("f_deadline", f"{deadline} ({rule})"),
        ("f_in_time", f"{in_time}" + (f" ({check['days_to_spare']} days to spare)" if check["in_time"] and lang != "zh" else "")),
    ]
    df = pd.DataFrame([(t(k, lang), v) for k, v in rows], columns=[t("col_item", lang), t("col_value", lang)])
    return table(df)


# ---------------------------------------------------------------- 2. headline

def headline(r: rv.YearReview) -> None:
    """The stable text summary of the run (nbval checks this cell's output)."""
    from .summary import headline_of, headline_text

    print(headline_text(headline_of(r), r.lang))


# ---------------------------------------------------------------- 3. plan funnel

def funnel_table(r: rv.YearReview) -> HTML:
    f = rv.plan_funnel(r)
    if f.empty:
        return note("—")
    lang = r.lang
    df = pd.DataFrame({
        t("col_kind", lang): [labels.term("task_kind", k, lang) for k in f["kind"]],
        t("col_stage", lang): [labels.term("plan_stage", s, lang) for s in f["stage"]],
        t("col_count", lang): f["count"].astype(int),
        t("col_source", lang): [f"{y} report" if lang != "zh" else f"{y}年度报告" for y in f["report_year"]],
        t("col_quote", lang): f["quote"],
    })
    return table(df)


def funnel_finding(r: rv.YearReview) -> str:
    f = rv.plan_funnel(r)
    if f.empty:
        return "No task counts stated" if r.lang != "zh" else "报告未说明任务数量"
    announced, assigned = rv.plan_count(r, "annual", "announced"), rv.plan_count(r, "annual", "assigned")
    if announced and assigned and assigned < announced:
        on_time, delayed = rv.plan_count(r, "annual", "completed_on_time"), rv.plan_count(r, "annual", "delayed")
        if r.lang == "zh":
            tail = (f",按期完成{on_time}项" if on_time is not None else "") + (f",滞后{delayed}项" if delayed else "")
            return f"{r.year}年:预告年度任务{announced}项,实际交办仅{assigned}项{tail}"
        tail = (f"; {on_time} done on time" if on_time is not None else "") + (f", {delayed} delayed" if delayed else "")
        return f"{r.year}: {announced} annual tasks announced, only {assigned} assigned{tail}"
    parts = []
    for kind in rv.KINDS:
        sub = f[f["kind"] == kind]
        if sub.empty:
            continue
        counts = ", ".join(f"{int(c)} {labels.term('plan_stage', s, r.lang)}" for s, c in zip(sub["stage"], sub["count"]))
        parts.append(f"{labels.term('task_kind', kind, r.lang)}: {counts}")
    return f"{r.year}: " + "; ".join(parts)


def funnel_chart(r: rv.YearReview):
    """Plan funnel by kind: announced → assigned → completed / on time → delayed."""
    f = rv.plan_funnel(r)
    if f.empty:
        return note(funnel_finding(r) + (" (the source is an excerpt)." if r.lang != "zh" and r.is_excerpt else
                                         "(来源为节选)。" if r.is_excerpt else "."))
    fig, ax = charts.new_figure(8, 3.6)
    labels_y, values, colours = [], [], []
    for kind in rv.KINDS:
        for _, row in f[f["kind"] == kind].iterrows():
            labels_y.append(f"{labels.term('task_kind', kind, r.lang)} · {labels.term('plan_stage', row['stage'], r.lang)}")
            values.append(int(row["count"]))
            colours.append(charts.colour(row["stage"]))
    y = list(range(len(values)))[::-1]
    ax.barh(y, values, color=colours)
    ax.set_yticks(y, labels_y)
    for yi, v in zip(y, values):
        ax.text(v, yi, f" {v}", va="center", fontsize=9)
    ax.set_xlabel(t("col_count", r.lang))
    return charts.finish(fig, ax, funnel_finding(r), source_line(r), banner=chart_banner(r))


def chart_banner(r: rv.YearReview) -> str | None:
    if r.provenance.get("synthetic"):
        return t("synthetic_banner", r.lang)
    if not r.curated:
        return "未审核草稿" if r.lang == "zh" else "uncurated draft"
    return ("节选" if r.lang == "zh" else "excerpt") if r.is_excerpt else None


# ---------------------------------------------------------------- 4. coverage

def coverage_table(r: rv.YearReview) -> HTML:
    lang = r.lang
    cov = rv.coverage_by_area(r, labels.area_names(lang))
    rep = labels.terms("reporting", lang)
    df = pd.DataFrame({
        t("col_area", lang): cov["area"],
        t("col_reporting", lang): [rep[s] for s in cov["area_reporting"]],
        rep["evidenced"]: cov["evidenced"], rep["mentioned"]: cov["mentioned"], rep["claimed"]: cov["claimed"],
        **{labels.term("progress", p, lang): cov[f"progress_{p}"] for p in rv.PROGRESS},
    })
    return table(df)


def coverage_chart(r: rv.YearReview):
    """Evidence items per framework area by reporting level; areas with nothing say 未见报告."""
    lang = r.lang
    cov = rv.coverage_by_area(r, labels.area_names(lang))
    rep = labels.terms("reporting", lang)
    fig, ax = charts.new_figure(9, 4.2)
    cats = [charts.wrap_text(a, 190, TICK_SIZE) for a in cov["area"]][::-1]
    series = {s: list(cov[s])[::-1] for s in ("evidenced", "mentioned", "claimed")}
    charts.stacked_bars(ax, cats, series, rep)
    for i, status in enumerate(list(cov["area_reporting"])[::-1]):
        if status == "not_reported":
            ax.text(0.1, i, rep["not_reported"], va="center", fontsize=8, color="#555555")
    ax.set_xlabel("evidence items" if lang != "zh" else "事项数")
    finding = coverage_finding(r, cov)
    return charts.finish(fig, ax, finding, source_line(r) + " · " + t("not_reported_note", lang),
                         banner=chart_banner(r))


def coverage_finding(r: rv.YearReview, cov: pd.DataFrame) -> str:
    silent = int((cov["area_reporting"] == "not_reported").sum())
    cov = cov.assign(items=cov["evidenced"] + cov["mentioned"] + cov["claimed"])
    top = cov.loc[cov["items"].idxmax()]
    if not top["items"]:
        return (f"{r.year}: no evidence items recorded" if r.lang != "zh" else f"{r.year}年:没有记录报告事项")
    if r.lang == "zh":
        return (f"{r.year}年报告:{len(cov) - silent}个领域有报告内容,{silent}个未见报告;"
                f"{top['area']}最多({int(top['items'])}项)")
    return (f"{r.year} report: work reported in {len(cov) - silent} of {len(cov)} areas, {silent} not reported; "
            f"most in {top['area'].lower()} ({int(top['items'])} items)")


# ---------------------------------------------------------------- 5. accounting

def accounting_table(r: rv.YearReview) -> HTML:
    lang = r.lang
    acc = rv.task_accounting(r)
    df = pd.DataFrame({
        t("col_kind", lang): [labels.term("task_kind", k, lang) for k in acc["kind"]],
        t("col_declared", lang): acc["declared"].astype("Int64"),
        t("col_named", lang): acc["named"],
        t("col_unidentified", lang): acc["not_identifiable"].astype("Int64"),
        t("col_items_given", lang): acc["evidence_items"],
    })
    return table(df)


def tasks_table(r: rv.YearReview) -> HTML:
    lang = r.lang
    tasks = rv.named_tasks(r)
    if tasks.empty:
        return note("No tasks are named for this year." if lang != "zh" else "本年度没有点名的任务。")
    df = pd.DataFrame({
        t("col_task", lang): tasks["name_zh"] if lang == "zh" else tasks["name_en"],
        t("col_kind", lang): [labels.term("task_kind", k, lang) for k in tasks["kind"]],
        t("col_area", lang): [labels.area_name(a, lang) for a in tasks["area_id"]],
        t("col_reporting", lang): [labels.term("reporting", s, lang) for s in tasks["reporting"]],
        t("col_progress", lang): [labels.term("progress", s, lang) for s in tasks["progress"]],
        t("col_items_given", lang): tasks["evidence_items"],
        t("col_quote", lang): tasks["quote"].fillna(""),
    })
    return table_or_interactive(df)


# ---------------------------------------------------------------- 6. figures

def figures_interactive(r: rv.YearReview) -> HTML:
    """Every figure with its label, area, section, quoted sentence and offsets (searchable)."""
    lang = r.lang
    f = rv.figures_table(r, labels.area_names(lang))
    if f.empty:
        return note("No figures." if lang != "zh" else "没有数据。")
    df = pd.DataFrame({
        "id": f["figure_id"],
        t("col_value", lang): [f"{v:g}" for v in f["value"]],
        t("col_unit", lang): f["unit"],
        t("col_qualifier", lang): f["qualifier"].fillna(""),
        t("col_label", lang): f["label_zh"] if lang == "zh" else f["label_en"].where(f["label_en"].astype(bool), f["label_zh"]),
        t("col_area", lang): f["area"].fillna(""),
        t("col_section", lang): f["section_path"].fillna(""),
        t("col_quote", lang): f["quote"],
        t("col_offsets", lang): [f"{int(s)}–{int(e)}" for s, e in zip(f["start"], f["end"])],
    })
    return interactive(df)


def telling_figures_chart(r: rv.YearReview):
    """The rates the report gives (percentages), labelled with what they measure."""
    lang = r.lang
    pct = r.figures[r.figures["kind"] == "percent"] if not r.figures.empty else r.figures
    if pct.empty:
        return note("The report gives no rates (percentages)." if lang != "zh" else "报告未给出比例数据。")
    lab = pct["label_zh"] if lang == "zh" else pct["label_en"].where(pct["label_en"].astype(bool), pct["label_zh"])
    names = [charts.wrap_text(f"{x} ({raw})", 240, TICK_SIZE) for x, raw in zip(lab, pct["raw"])][::-1]
    lines = sum(name.count("\n") + 1 for name in names)
    fig, ax = charts.new_figure(8, max(3.2, 1.6 + 0.22 * lines))  # as tall as its labels need
    ax.barh(names, list(pct["value"])[::-1], color="#2166ac")
    ax.set_xlim(0, 105)
    for i, v in enumerate(list(pct["value"])[::-1]):
        ax.text(v, i, f" {v:g}%", va="center", fontsize=8)
    ax.set_xlabel("%")
    low = pct.loc[pct["value"].idxmin()]
    finding = (f"{len(pct)} rates reported; the lowest is {low['raw']}" if lang != "zh"
               else f"报告给出{len(pct)}个比例,最低为{low['raw']}")
    return charts.finish(fig, ax, finding, source_line(r), banner=chart_banner(r))


# ---------------------------------------------------------------- 7. problems

def problems_table(r: rv.YearReview) -> HTML:
    lang = r.lang
    p = rv.problems_table(r)
    if p.empty:
        return note("No problems are recorded for this report." if lang != "zh" else "本报告未记录问题。")
    recurs = {True: t("yes", lang), False: t("no", lang), None: "—"}
    df = pd.DataFrame({
        t("col_theme", lang): [labels.term("problem_theme", x, lang) for x in p["theme"]],
        t("col_area", lang): [labels.area_name(a, lang) if a else "" for a in p["area_id"]],
        t("col_recurs", lang): [recurs[x if x in (True, False) else None] for x in p["recurs"]],
        t("col_quote", lang): p["quote"],
        t("col_summary", lang): p["summary_en"] if lang != "zh" else p["quote"].str.slice(0, 0),
    })
    if lang == "zh":
        df = df.drop(columns=[t("col_summary", lang)])
    return table(df)


# ---------------------------------------------------------------- 8. commitments

def commitments_table(r: rv.YearReview) -> HTML:
    lang = r.lang
    c = r.commitments
    if c.empty:
        msg = ("The report states no plans for the next year" if lang != "zh" else "报告未载明下一年度工作安排")
        if r.is_excerpt:
            msg += (" (the excerpt stops before them, if any)." if lang != "zh" else "(节选文本未包含该部分)。")
        return note(msg)
    df = pd.DataFrame({
        t("col_section", lang): c["section_path"].fillna(""),
        t("col_area", lang): [labels.area_name(a, lang) if a else "" for a in c["area_id"]],
        t("col_quote", lang): c["quote"],
        **({t("col_summary", lang): c["summary_en"]} if lang != "zh" else {}),
    })
    return table(df)


def followups_table(r: rv.YearReview) -> HTML:
    lang = r.lang
    c = rv.commitments_followed_up(r)
    if c.empty:
        return note("Last year's report made no recorded commitments for this year." if lang != "zh"
                    else "上一年度报告没有记录对本年度的工作打算。")
    df = pd.DataFrame({
        t("col_quote", lang) + (" (last year)" if lang != "zh" else "(上年)"): c["quote"],
        t("col_status", lang): [labels.term("followup_status", s, lang) for s in c["status"]],
        t("col_quote", lang) + (" (this year)" if lang != "zh" else "(本年)"): c["followup_quote"].fillna(""),
        t("col_reason", lang): c["reason"].fillna("") if "reason" in c else "",
    })
    return table(df)


def followup_chart(r: rv.YearReview):
    """Last year's commitments for this year by follow-up status (nothing when there were none)."""
    lang = r.lang
    counts = rv.followup_counts(r)
    if not sum(counts.values()):
        return note("")
    names = labels.terms("followup_status", lang)
    fig, ax = charts.new_figure(8, 2.4)
    total = sum(counts.values())
    charts.stacked_bars(ax, [str(r.year)], {s: [n] for s, n in counts.items()}, names)
    ax.set_xlabel("commitments" if lang != "zh" else "工作打算数")
    done = counts["evidenced"] + counts["mentioned"]
    finding = (f"Of {total} commitments made for {r.year}, {done} show up in this report, {counts['delayed']} delayed, "
               f"{counts['not_found']} not found" if lang != "zh"
               else f"上年对{r.year}年的{total}项打算中,{done}项在本报告中可见,{counts['delayed']}项滞后,{counts['not_found']}项未见报告")
    return charts.finish(fig, ax, finding, source_line(r), banner=chart_banner(r))


# ---------------------------------------------------------------- 9. statutory

def statutory_table(r: rv.YearReview) -> HTML:
    lang = r.lang
    s = rv.statutory_check(r)
    covered = {True: t("yes", lang), False: t("no", lang), None: t("unknown", lang)}
    df = pd.DataFrame({
        t("col_requirement", lang): s["name_zh"] if lang == "zh" else s["name_en"],
        t("col_covered", lang): [covered[x if x in (True, False) else None] for x in s["covered"]],
        t("col_section", lang): s["section"].fillna(""),
        t("col_quote", lang): s["quote"].fillna(""),
    })
    return table(df)


# ---------------------------------------------------------------- 10. notes

def data_notes(r: rv.YearReview) -> HTML:
    return bullet_list(rv.data_notes(r) + [t("not_reported_note", r.lang)])


# ================================================================ trends notebook

def trends_title(tr) -> HTML:
    name = labels.region_name(tr.provenance, tr.lang)
    return HTML(f"<h1>{html.escape(t('trends_title', tr.lang, region=name))}</h1>")


def trends_banners(tr) -> HTML:
    lang = tr.lang
    parts = []
    if tr.provenance.get("synthetic"):
        parts.append(_banner(t("synthetic_banner", lang), "#e0ecf4"))
    excerpts = [r.year for r in tr.reviews if r.is_excerpt]
    drafts = [r.year for r in tr.reviews if not r.curated]
    if excerpts:
        parts.append(_banner(t("excerpt_banner", lang) + f": {', '.join(map(str, excerpts))}", "#fde0dd"))
    if drafts:
        parts.append(_banner(t("uncurated_banner", lang) + f": {', '.join(map(str, drafts))}", "#fff3cd"))
    return HTML("".join(parts))


def trends_headline(tr) -> None:
    """Stable text summary of the trends (nbval checks this cell's output)."""
    from . import trends as tt

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
    from . import trends as tt

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
    from . import trends as tt

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
    from . import trends as tt

    r = tt.rates(tr)
    for col in ("on_time_rate", "evidence_rate", "followthrough_rate"):
        r[col] = [f"{v:.0%}" if pd.notna(v) else "" for v in r[col]]
    for col in ("annual_assigned", "annual_on_time"):
        r[col] = r[col].astype("Int64")
    r["excerpt"] = [t("yes", tr.lang) if x else t("no", tr.lang) for x in r["excerpt"]]
    return table(r, {k: v[1] if tr.lang == "zh" else v[0] for k, v in RATE_COLUMNS.items()})


def rates_chart(tr):
    from . import trends as tt

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
    from . import trends as tt

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
    from . import trends as tt

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
