"""The year review's cells: one region's report for one year, read against its plan.

Each function takes a :class:`~policy_review.review.year_review.YearReview` and returns what one cell of
``notebooks/year_review.ipynb`` shows (a heading, a table, a chart or a note), in the review's
language; the shared parts (headings, banners, tables) come from :mod:`policy_review.pages.parts`, and
every word from the catalogue in :mod:`policy_review.core.labels`.
"""

from __future__ import annotations

import html

import pandas as pd
from IPython.display import HTML

from policy_review.core import labels
from policy_review.core.labels import t
from policy_review.pages import charts, findings, fonts
from policy_review.pages.parts import (
    TICK_SIZE,
    bullet_list,
    chart_banner,
    interactive,
    note,
    quote_links,
    source_line,
    table,
    table_or_interactive,
)
from policy_review.review import ledger, metrics, statutory, year_review as rv
from policy_review.review.plan_review import plan_document_note
from policy_review.review.summary import headline_of, headline_text
from policy_review.tables import names, vocabularies as v


def title(r: rv.YearReview) -> HTML:
    name = labels.region_name(r.provenance, r.lang)
    return HTML(f"<h1>{html.escape(t('title', r.lang, region=name, year=r.year))}</h1>")


# ---------------------------------------------------------------- 1. source


def source_table(r: rv.YearReview) -> HTML:
    p, lang = r.provenance, r.lang
    check = statutory.publication_check(r)
    in_time = {True: t("yes", lang), False: t("no", lang), None: t("in_time_date_unknown", lang)}[
        check["in_time"]
    ]
    rule = labels.pick((check["rule_en"], check["rule"]), lang)
    if check["in_time"]:
        in_time = t("in_time_spare", lang, answer=in_time, days=check["days_to_spare"])
    coverage = t(f"coverage_{p.get('coverage')}", lang)
    if p.get("coverage_note"):
        coverage += " — " + labels.note_text(p, "coverage_note", lang)
    rows = [
        ("f_title", labels.stated(p.get("title"), lang)),
        ("f_publisher", labels.stated(p.get("publisher"), lang)),
        ("f_index_number", p.get("index_number") or t("not_stated", lang)),
        ("f_written", p.get("written") or t("not_stated", lang)),
        ("f_published", check["published"] or t("date_unknown", lang)),
        ("f_address", p.get("address") or labels.note_text(p, "address_note", lang)),
        ("f_coverage", coverage),
        ("f_deadline", t("deadline_rule", lang, date=check["deadline_date"], rule=rule)),
        ("f_in_time", in_time),
    ]
    df = pd.DataFrame([(t(k, lang), v) for k, v in rows], columns=[t("col_item", lang), t("col_value", lang)])
    return table(df)


# ---------------------------------------------------------------- 2. headline


def written_headline(r: rv.YearReview) -> HTML:
    """Three to six sentences of findings, each number linked to its passage in the source page."""
    return HTML(findings.headline_html(r))


def headline(r: rv.YearReview) -> None:
    """The stable text summary of the run (nbval checks this cell's output)."""
    print(headline_text(headline_of(r), r.lang))


# ---------------------------------------------------------------- 3. plan funnel


def plan_source_note(r: rv.YearReview) -> HTML:
    """Which plan the report cites and whether its text is here (``plan_review.plan_document_note``)."""
    text = plan_document_note(r)
    return note(text) if text else HTML("")


def funnel_table(r: rv.YearReview) -> HTML:
    f = rv.plan_funnel(r)
    if f.empty:
        return HTML("")  # the chart's cell says so in a sentence: no stray dash under it
    lang = r.lang
    df = pd.DataFrame(
        {
            t("col_kind", lang): [names.term("task_kind", k, lang) for k in f["kind"]],
            t("col_stage", lang): [
                metrics.progress_label(names.term("plan_stage", s, lang), metrics.word_in_quote(q, s), lang)
                for s, q in zip(f["stage"], f["quote"])
            ],
            t("col_count", lang): f["count"].astype(int),
            t("col_source", lang): [t("report_of_year", lang, year=y) for y in f["report_year"]],
            t("col_quote", lang): quote_links(r, f, year="report_year"),
        }
    )
    return table(df, links=(t("col_quote", lang),))


def funnel_finding(r: rv.YearReview) -> str:
    f = rv.plan_funnel(r)
    lang = r.lang
    if f.empty:
        return t("funnel_none", lang)
    announced, assigned = rv.plan_count(r, v.ANNUAL, v.ANNOUNCED), rv.plan_count(r, v.ANNUAL, v.ASSIGNED)
    if announced and assigned and assigned < announced:
        on_time = rv.plan_count(r, v.ANNUAL, v.COMPLETED_ON_TIME)
        delayed = rv.plan_count(r, v.ANNUAL, v.DELAYED)
        tail = (t("funnel_on_time", lang, n=on_time) if on_time is not None else "") + (
            t("funnel_delayed", lang, n=delayed) if delayed else ""
        )
        return t("funnel_shrank", lang, year=r.year, announced=announced, assigned=assigned, tail=tail)
    parts = []
    for kind in v.PLAN_KINDS:
        sub = f[f["kind"] == kind]
        if sub.empty:
            continue
        counts = labels.join(
            [
                t("count_at_stage", lang, n=int(c), stage=names.term("plan_stage", s, lang))
                for s, c in zip(sub["stage"], sub["count"])
            ],
            lang,
        )
        parts.append(t("kind_counts", lang, kind=names.term("task_kind", kind, lang), counts=counts))
    return t("year_finding", lang, year=r.year, finding=t("clause_sep", lang).join(parts))


def funnel_chart(r: rv.YearReview):
    """Plan funnel by kind: announced → assigned → completed / on time → delayed."""
    f = rv.plan_funnel(r)
    lang = r.lang
    if f.empty:
        return note(funnel_finding(r) + t("funnel_excerpt_end" if r.is_excerpt else "sentence_end", lang))
    fig, ax = charts.new_figure(8, 3.6)
    labels_y, values, colours = [], [], []
    for kind in v.PLAN_KINDS:
        for _, row in f[f["kind"] == kind].iterrows():
            labels_y.append(
                f"{names.term('task_kind', kind, lang)} · {names.term('plan_stage', row['stage'], lang)}"
            )
            values.append(int(row["count"]))
            colours.append(charts.colour(row["stage"]))
    y = charts.top_down(range(len(values)))
    ax.barh(y, values, color=colours)
    ax.set_yticks(y, labels_y)
    for yi, n in zip(y, values):
        ax.text(n, yi, f" {n}", va="center", fontsize=9)
    ax.set_xlabel(t("col_count", lang))
    return charts.finish(fig, ax, funnel_finding(r), source_line(r), banner=chart_banner(r))


# ---------------------------------------------------------------- 5. accounting


def accounting_table(r: rv.YearReview) -> HTML:
    lang = r.lang
    acc = rv.task_accounting(r)
    df = pd.DataFrame(
        {
            t("col_kind", lang): [names.term("task_kind", k, lang) for k in acc["kind"]],
            t("col_declared", lang): acc["declared"].astype("Int64"),
            t("col_named", lang): acc["named"],
            t("col_unidentified", lang): acc["not_identifiable"].astype("Int64"),
            t("col_items_given", lang): acc["evidence_items"],
        }
    )
    return table(df)


def tasks_table(r: rv.YearReview) -> HTML:
    lang = r.lang
    tasks = rv.named_tasks(r)
    if tasks.empty:
        return note(t("tasks_none", lang))
    df = pd.DataFrame(
        {
            t("col_task", lang): labels.localized(tasks, "name", lang),
            t("col_kind", lang): [names.term("task_kind", k, lang) for k in tasks["kind"]],
            t("col_area", lang): [names.area_name(a, lang) for a in tasks["area_id"]],
            t("col_reporting", lang): [names.term("reporting", s, lang) for s in tasks["reporting"]],
            **_progress_column(r, tasks),
            t("col_items_given", lang): tasks["evidence_items"],
            t("col_quote", lang): quote_links(
                r, tasks.assign(quote=tasks["quote"].fillna("")), year="report_year"
            ),
        }
    )
    return table_or_interactive(df, links=(t("col_quote", lang),), lang=lang)


def _progress_column(r: rv.YearReview, tasks: pd.DataFrame) -> dict:
    """The tasks' progress, headed by whose it is: the report's (with its own word beside the
    category), or, where a countdown ledger is kept, the ledger's status at its last checkpoint
    (the report states nothing task by task then)."""
    lang = r.lang
    if ledger.has_ledger(r):
        final = ledger.final_status(r)
        last = ledger.iso_date(ledger.checkpoints(r)[-1])
        return {
            t("col_ledger_final", lang, checkpoint=last): [
                names.term("progress", final.get(task), lang) if pd.notna(final.get(task)) else ""
                for task in tasks["task_id"]
            ]
        }
    return {
        t("col_progress", lang): [
            metrics.progress_label(
                names.term("progress", p, lang), metrics.stated_progress_word(r.text, s, e, p), lang
            )
            for p, s, e in zip(tasks["progress"], tasks["start"], tasks["end"])
        ]
    }


# ---------------------------------------------------------------- 6. figures


def figures_interactive(r: rv.YearReview) -> HTML:
    """Every figure with its label, area, section, quoted sentence and offsets (searchable)."""
    lang = r.lang
    f = rv.figures_table(r)
    if f.empty:
        return note(t("figures_none", lang))
    df = pd.DataFrame(
        {
            t("col_id", lang): f["figure_id"],
            t("col_as_written", lang): quote_links(r, f, quote="raw"),
            t("col_value", lang): [f"{v:g}" for v in f["value"]],
            t("col_unit", lang): f["unit"],
            t("col_qualifier", lang): f["qualifier"].fillna(""),
            t("col_label", lang): labels.localized(f, "label", lang),
            t("col_area", lang): f["area"].fillna(""),
            t("col_section", lang): [labels.section_name(x, lang) for x in f["section_path"]],
            t("col_quote", lang): f["quote"],
            t("col_offsets", lang): [f"{int(s)}–{int(e)}" for s, e in zip(f["start"], f["end"])],
        }
    )
    return interactive(df, links=(t("col_as_written", lang),), lang=lang)


def telling_figures_chart(r: rv.YearReview):
    """The rates the report gives (percentages), each labelled with what it measures and drawn as
    written (九成以上 stays 九成以上); a rate of an earlier year is the report's baseline: drawn
    hollow, labelled so, and never this year's lowest (``metrics.METRICS["rates_reported"]``)."""
    lang = r.lang
    pct = metrics.report_rates(r)
    if pct.empty:
        return note(t("rates_none", lang))
    lab = labels.localized(pct, "label", lang)
    names = charts.top_down(
        [
            fonts.wrap_text(x + (t("baseline_tick", lang, year=y) if base else ""), 240, TICK_SIZE)
            for x, y, base in zip(lab, pct["year"], pct["baseline"])
        ]
    )
    lines = sum(name.count("\n") + 1 for name in names)
    fig, ax = charts.new_figure(8, max(3.2, 1.6 + 0.22 * lines))  # as tall as its labels need
    values, baseline = charts.top_down(pct["value"]), charts.top_down(pct["baseline"])
    bars = ax.barh(
        names,
        values,
        color=["white" if b else "#2166ac" for b in baseline],
        edgecolor="#2166ac",
        linewidth=1.2,
    )
    for bar, base in zip(bars, baseline):
        if base:
            bar.set_hatch("//")
    ax.set_xlim(0, 118)  # room for the value as written after the longest bar
    for i, (value, raw) in enumerate(zip(values, charts.top_down(pct["raw"]))):
        ax.text(value + 1, i, raw, va="center", fontsize=8)
    ax.set_xlabel("%")
    own = pct[~pct["baseline"]]
    if own.empty:
        finding = labels.tn("rates_finding_baselines", lang, len(pct))
    else:
        low = metrics.lowest_rate_of_year(r)
        finding = labels.tn("rates_finding_year", lang, len(own), year=r.year, low=low["raw"])
        if len(own) < len(pct):
            finding += t("rates_finding_base", lang, n=len(pct) - len(own))
    return charts.finish(fig, ax, finding, source_line(r), banner=chart_banner(r))


# ---------------------------------------------------------------- 7. problems


def problems_table(r: rv.YearReview) -> HTML:
    lang = r.lang
    p = rv.problems_table(r)
    if p.empty:
        return note(t("problems_none", lang))
    recurs = {True: t("yes", lang), False: t("no", lang), None: "—"}
    columns = {
        t("col_theme", lang): [names.term("problem_theme", x, lang) for x in p["theme"]],
        t("col_area", lang): [names.area_name(a, lang) if a else "" for a in p["area_id"]],
        t("col_recurs", lang): [recurs[x if x in (True, False) else None] for x in p["recurs"]],
        t("col_quote", lang): quote_links(r, p),
    }
    summary = labels.translation(p, "summary", lang)  # a Chinese page's quote is its own summary
    if summary is not None:
        columns[t("col_summary", lang)] = summary
    return table(pd.DataFrame(columns), links=(t("col_quote", lang),))


# ---------------------------------------------------------------- 8. commitments


def commitments_table(r: rv.YearReview) -> HTML:
    lang = r.lang
    c = r.commitments
    if c.empty:
        end = "commitments_excerpt_end" if r.is_excerpt else "sentence_end"
        return note(t("commitments_none", lang) + t(end, lang))
    columns = {
        t("col_section", lang): [labels.section_name(x, lang) for x in c["section_path"]],
        t("col_area", lang): [names.area_name(a, lang) if a else "" for a in c["area_id"]],
        t("col_quote", lang): quote_links(r, c),
    }
    summary = labels.translation(c, "summary", lang)
    if summary is not None:
        columns[t("col_summary", lang)] = summary
    return table(pd.DataFrame(columns), links=(t("col_quote", lang),))


# ---------------------------------------------------------------- 9. statutory


def statutory_table(r: rv.YearReview) -> HTML:
    lang = r.lang
    s = statutory.statutory_check(r)
    covered = {True: t("yes", lang), False: t("no", lang), None: t("unknown", lang)}
    shown = [
        covered[x if x in (True, False) else None]
        if required
        else t("statutory_found_not_required", lang, year=r.year)
        if x is True
        else t("statutory_not_required", lang, year=r.year, first=first)
        for x, required, first in zip(s["covered"], s["required"], s["required_from"])
    ]
    df = pd.DataFrame(
        {
            t("col_requirement", lang): labels.localized(s, "name", lang),
            t("col_covered", lang): shown,
            t("col_section", lang): [labels.section_name(x, lang) for x in s["section"]],
            t("col_quote", lang): s["quote"].fillna(""),
        }
    )
    return table(df)


# ---------------------------------------------------------------- 10. notes


def data_notes(r: rv.YearReview) -> HTML:
    """What is curated, extracted or missing; then the written definition of every number the
    page shows (:data:`policy_review.review.metrics.METRICS`)."""
    notes = bullet_list(rv.data_notes(r) + [t("not_reported_note", r.lang)])
    shown = metrics.PAGE_METRICS["year"] + (metrics.PAGE_METRICS["ledger"] if ledger.has_ledger(r) else ())
    defined = bullet_list(metrics.definitions(shown, r.lang))
    return HTML(notes.data + f"<h3>{html.escape(t('sub_definitions', r.lang))}</h3>" + defined.data)
