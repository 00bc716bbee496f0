"""What the pages show of recycled text: how much of a report is last year's report again.

The year review's section (a finding with its shares, a chart by section, every repeated
sentence beside last year's, the problems admitted again), the trends' share across years and the
comparison's pairs of reports that share runs of sentences. Each takes the review (or trends, or
comparison) and returns HTML or a figure in its language; the numbers are computed in
:mod:`policy_review.review.recycling` and defined in :mod:`policy_review.review.metrics`; every
share links to its spans in the source pages.
"""

from __future__ import annotations

import html
from urllib.parse import quote

import pandas as pd
from IPython.display import HTML

from policy_review.core import labels
from policy_review.core.labels import t
from policy_review.pages import charts, fonts
from policy_review.pages.parts import (
    TICK_SIZE,
    bullet_list,
    chart_banner,
    interactive,
    note,
    source_line,
    table,
)
from policy_review.pages.source_page import link
from policy_review.review import compare, metrics, recycling, shared_text

#: The colours of the classes of a repeated sentence, from the closest.
COLOURS = {"as_was": "#b35806", "new_figures": "#f1a340", "near": "#fee0b6"}


def _pct(value) -> str:
    return "–" if value is None or pd.isna(value) else f"{value:.0%}"


def _share_link(r, rows: pd.DataFrame, numerator: int, total: int, counts: bool = True) -> str:
    """``38% (12 of 31)`` (``38%`` where the sentence already gives the counts), linked to the
    first repeated sentence in the source page (escaped)."""
    share = _pct(recycling.share(numerator, total))
    text = t("rc_share_link", r.lang, share=share, repeated=numerator, total=total) if counts else share
    hit = rows[rows["class"].notna()] if not rows.empty else rows
    if hit.empty:
        return html.escape(text)
    first = hit.iloc[0]
    return link(r, first["start"], first["end"], text, title=t("rc_see_first", r.lang))


def _passage_share(r, table_name: str) -> str:
    """The share of a table's passages repeated, linked to the first such passage."""
    p = recycling.passages(r, table_name)
    if p.empty:
        return "–"
    return _share_link(r, p[p["repeated"]], int(p["repeated"].sum()), len(p))


def _excerpt_note(r) -> str:
    this, before = bool(r.is_excerpt), recycling.previous_is_excerpt(r)
    if not (this or before):
        return ""
    which = "rc_both_excerpt" if this and before else "rc_this_excerpt" if this else "rc_previous_excerpt"
    return t("rc_excerpt", r.lang, which=t(which, r.lang))


def recycled_summary(r) -> HTML:
    """One paragraph: the share of the report's sentences repeated from last year's report, by
    class, then of its work passages, problems and commitments, each share linked to the first
    repeated sentence; the problems admitted again; the excerpt note where it applies."""
    lang = r.lang
    if not recycling.previous_available(r):
        return note(t("rc_none_previous", lang, year=r.year - 1))
    s = recycling.summary(r)
    rows = recycling.year_on_year(r)
    finding = t(
        "rc_finding",
        lang,
        repeated=s["repeated"],
        sentences=s["sentences"],
        year=r.year,
        previous=r.year - 1,
        share="{share}",
        **s["by_class"],
    )
    before, _, after = html.escape(finding).partition("{share}")
    share = _share_link(r, rows, s["repeated"], s["sentences"], counts=False)  # the finding gives them
    parts = [before + share + after]
    passages = t("rc_passages", lang, evidence="{evidence}", issues="{issues}", commitments="{commitments}")
    escaped = html.escape(passages)
    for name in ("evidence", "issues", "commitments"):
        escaped = escaped.replace("{" + name + "}", _passage_share(r, name))
    parts.append(escaped)
    again = s["problems_again"]
    parts.append(
        html.escape(t("rc_problems_again", lang, n=again) if again else t("rc_problems_again_none", lang))
    )
    excerpt = _excerpt_note(r)
    if excerpt:
        parts.append(html.escape(excerpt))
    return HTML('<p class="pr-note">' + " ".join(parts) + "</p>")


def _section_label(r, section: str, title: str) -> str:
    if not section:
        return t("rc_opening", r.lang)
    return f"{section}、{title}" if title else section


def recycled_chart(r):
    """Sentences per top-level section, repeated (by class) and not: where the report is last
    year's again."""
    lang = r.lang
    if not recycling.previous_available(r):
        return HTML("")
    sections = recycling.by_section(r)
    repeated = sections[list(recycling.CLASSES)].sum(axis=1) if not sections.empty else pd.Series(dtype=int)
    if sections.empty or not int(repeated.sum()):
        return note(t("rc_chart_none", lang))
    fig, ax = charts.new_figure(9, max(2.6, 1.2 + 0.45 * len(sections)))
    names = charts.top_down(
        [
            fonts.wrap_text(_section_label(r, s, title), 260, TICK_SIZE)
            for s, title in zip(sections["section"], sections["section_title"])
        ]
    )
    left = [0] * len(sections)
    for cls in (*recycling.CLASSES, "new"):
        values = charts.top_down((sections["sentences"] - repeated) if cls == "new" else sections[cls])
        ax.barh(
            names,
            values,
            left=left,
            color=COLOURS.get(cls, "#e8e8e8"),
            edgecolor="#888888" if cls == "new" else "none",
            linewidth=0.5,
            label=t(f"rc_class_{cls}" if cls != "new" else "rc_new", lang),
        )
        left = [a + b for a, b in zip(left, values)]
    ax.set_xlabel(t("rc_axis", lang))
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))
    top = sections.assign(repeated=repeated).sort_values("repeated", ascending=False).iloc[0]
    finding = t(
        "rc_chart_finding",
        lang,
        section=_section_label(r, top["section"], top["section_title"]),
        repeated=int(top["repeated"]),
        sentences=int(top["sentences"]),
    )
    return charts.finish(fig, ax, finding, source_line(r), banner=chart_banner(r))


def _figures_text(figures) -> str:
    if not isinstance(figures, tuple):
        return ""
    return ", ".join(str(f[1]) for f in figures if f[0] == "n")


def recycled_table(r) -> HTML:
    """Every repeated sentence: its section, how it repeats, this year's sentence and last year's,
    each linked to its source page, the similarity and the figures of both."""
    lang = r.lang
    if not recycling.previous_available(r):
        return HTML("")
    rows = recycling.year_on_year(r)
    rows = rows[rows["class"].notna()]
    if rows.empty:
        return HTML("")
    before = recycling.text_of(r.region, r.year - 1) or ""
    df = pd.DataFrame(
        {
            t("rc_col_section", lang): [
                _section_label(r, s, x) for s, x in zip(rows["section"], rows["section_title"])
            ],
            t("rc_col_class", lang): [t(f"rc_class_{c}", lang) for c in rows["class"]],
            t("rc_col_this", lang): [
                link(r, s, e, r.text[int(s) : int(e)]) for s, e in zip(rows["start"], rows["end"])
            ],
            t("rc_col_before", lang, year=r.year - 1): [
                link(r, s, e, before[int(s) : int(e)], year=r.year - 1)
                for s, e in zip(rows["prev_start"], rows["prev_end"])
            ],
            t("rc_col_similarity", lang): [f"{x:.2f}" for x in rows["similarity"]],
            t("rc_col_figures", lang): [
                f"{_figures_text(a)} / {_figures_text(b)}" if c == "new_figures" else ""
                for a, b, c in zip(rows["figures"], rows["prev_figures"], rows["class"])
            ],
        }
    )
    links = (t("rc_col_this", lang), t("rc_col_before", lang, year=r.year - 1))
    return interactive(df, links=links, lang=lang)


def problems_again_table(r) -> HTML:
    """The problems admitted again in last year's words, each linked to both years' passages."""
    lang = r.lang
    again = recycling.problems_again(r) if recycling.previous_available(r) else pd.DataFrame()
    if again.empty:
        return HTML("")
    before = recycling.text_of(r.region, r.year - 1) or ""
    columns = {
        t("rc_col_class", lang): [
            t("rc_again_tag", lang) + " · " + t(f"rc_class_{c}", lang) for c in again["class"]
        ],
        t("rc_col_this", lang): [
            link(r, s, e, q) for s, e, q in zip(again["start"], again["end"], again["quote"])
        ],
        t("rc_col_before", lang, year=r.year - 1): [
            link(r, s, e, before[int(s) : int(e)], year=r.year - 1)
            for s, e in zip(again["prev_start"], again["prev_end"])
        ],
    }
    summary = labels.translation(again, "summary", lang)
    if summary is not None:
        columns[t("col_summary", lang)] = summary
    return table(
        pd.DataFrame(columns), links=(t("rc_col_this", lang), t("rc_col_before", lang, year=r.year - 1))
    )


# ---------------------------------------------------------------- trends


def recycled_trend_table(tr) -> HTML:
    """Each year's share of sentences repeated from the report of the year before, linked to the
    first repeated sentence in that year's source page, with the problems admitted again."""
    lang = tr.lang
    years = set(tr.years)
    rows = []
    for r in tr.reviews:
        if r.year - 1 not in years:
            continue
        s = recycling.summary(r)
        tag = t("year_excerpt_tag", lang) if s["excerpt"] or s["previous_excerpt"] else ""
        rows.append(
            {
                t("rc_t_col_year", lang): f"{r.year - 1} → {r.year}{tag}",
                t("rc_t_col_share", lang): _share_link(
                    r, recycling.year_on_year(r), s["repeated"], s["sentences"]
                ),
                t("rc_t_col_problems", lang): s["problems_again"],
            }
        )
    if not rows:
        return note(t("rc_t_none", lang))
    shown = table(pd.DataFrame(rows), links=(t("rc_t_col_share", lang),))
    return HTML(note(t("rc_t_finding", lang)).data + shown.data)


# ---------------------------------------------------------------- across regions


def _fragment(text: str) -> str:
    """A text fragment (``#:~:text=start,end``) that finds ``text`` in a page and highlights it."""
    ends = (text[:30], text[-30:]) if len(text) > 64 else (text,)  # long enough to be found once
    return "#:~:text=" + ",".join(quote(e, safe="").replace("-", "%2D") for e in ends)


def _passage_link(row: dict, region: str, start, end, text: str, label: str) -> str:
    page = row.get("page") or f"{row['year']}.html"
    target = f"../{region}/{page.removesuffix('.html')}.source.html" + _fragment(text[int(start) : int(end)])
    return f'<a href="{html.escape(target, quote=True)}">{html.escape(label)}</a>'


def shared_table(c) -> HTML:
    """Pairs of reports of the year sharing runs of sentences (a common template or copying), each
    with both shares and a link to the longest run in both source pages."""
    lang = c.lang
    pairs = compare.shared_text(c)
    intro = note(t("cmp_shared_note", lang, year=c.year, run=shared_text.RUN)).data
    if pairs.empty:
        return HTML(intro + note(t("cmp_shared_none", lang, year=c.year, run=shared_text.RUN)).data)
    rows = {r["region"]: r for r in c.rows}
    texts = {k: recycling.text_of(k, c.year) or "" for k in set(pairs["a"]) | set(pairs["b"])}
    name = {
        k: labels.region_name(
            {"region_name_zh": r.get("name_zh"), "region_name_en": r.get("name_en"), "region": k}, lang
        )
        for k, r in rows.items()
    }
    records = []
    for p in pairs.to_dict("records"):
        a, b = p["a"], p["b"]
        records.append(
            {
                t("cmp_shared_a", lang): html.escape(name.get(a, a)),
                t("cmp_shared_b", lang): html.escape(name.get(b, b)),
                t("cmp_shared_share_a", lang): _passage_link(
                    rows[a], a, p["a_start"], p["a_end"], texts[a], _pct(p["share_a"])
                ),
                t("cmp_shared_share_b", lang): _passage_link(
                    rows[b], b, p["b_start"], p["b_end"], texts[b], _pct(p["share_b"])
                ),
                t("cmp_shared_runs", lang): f"{p['runs']} ({p['longest_run']})",
                t("cmp_shared_passage_a", lang): _passage_link(
                    rows[a],
                    a,
                    p["a_start"],
                    p["a_end"],
                    texts[a],
                    texts[a][int(p["a_start"]) : int(p["a_end"])][:40] + "…",
                ),
                t("cmp_shared_passage_b", lang): _passage_link(
                    rows[b],
                    b,
                    p["b_start"],
                    p["b_end"],
                    texts[b],
                    texts[b][int(p["b_start"]) : int(p["b_end"])][:40] + "…",
                ),
            }
        )
    df = pd.DataFrame(records)
    defined = bullet_list(metrics.definitions(metrics.COMPARE_PAGE_METRICS, lang)).data
    return HTML(intro + interactive(df, links=tuple(df.columns), lang=lang).data + defined)
