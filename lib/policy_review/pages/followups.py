"""The year review's follow-up cells: last year's commitments for this year and how this report
follows them up (a table and a chart), in the review's language.

Where there is nothing to follow up the note says why: no report of last year in the workbook,
last year's report is an excerpt whose available part holds none, or it made none. On an excerpt
the commitments this report shows nothing of are "not in the available part", not "not found"
(:func:`policy_review.pages.findings.not_found`). :mod:`policy_review.pages.year_page` shows these cells.
"""

from __future__ import annotations

import pandas as pd
from IPython.display import HTML

from policy_review.core import labels
from policy_review.core.labels import t
from policy_review.pages import charts, findings
from policy_review.pages.parts import chart_banner, note, quote_links, source_line, table
from policy_review.review import year_review as rv
from policy_review.sources import provenance
from policy_review.tables import names, vocabularies as v


def followups_table(r: rv.YearReview) -> HTML:
    lang = r.lang
    c = rv.commitments_followed_up(r)
    if c.empty:  # no report last year; or none found (if it is an excerpt, none in its part available)
        none = "followups_none_excerpt" if provenance.is_excerpt(r.region, r.year - 1) else "followups_none"
        if not r.previous_available:
            none = "followups_no_previous"
        return note(t(none, lang, year=r.year - 1))
    last, this = t("col_quote_last_year", lang), t("col_quote_this_year", lang)
    df = pd.DataFrame(
        {
            last: quote_links(r, c, year="report_year"),
            t("col_status", lang): [names.term("followup_status", s, lang) for s in c["status"]],
            this: quote_links(
                r,
                c.assign(followup_quote=c["followup_quote"].fillna("")),
                quote="followup_quote",
                start="followup_start",
                end="followup_end",
            ),
            t("col_reason", lang): [
                labels.note_text(row, "reason", lang) or "" for row in _records(c, "reason")
            ],
        }
    )
    return table(df, links=(last, this))


def _records(df: pd.DataFrame, *columns: str) -> list[dict]:
    """Each row's named cells (those the table has; empty cells left out), as dicts."""
    present = [c for c in df.columns if any(c == n or c.startswith(f"{n}_") for n in columns)]
    return [
        {k: x for k, x in row.items() if isinstance(x, str) and x} for row in df[present].to_dict("records")
    ]


def followup_chart(r: rv.YearReview):
    """Last year's commitments for this year by follow-up status (nothing when there were none)."""
    lang = r.lang
    counts = rv.followup_counts(r)
    if not sum(counts.values()):
        return note("")
    shown = names.terms("followup_status", lang)
    fig, ax = charts.new_figure(8, 2.4)
    total = sum(counts.values())
    charts.stacked_bars(ax, [str(r.year)], {s: [n] for s, n in counts.items()}, shown)
    ax.set_xlabel(t("axis_commitments", lang))
    n, word = findings.not_found(r, counts)
    finding = t(
        "followup_finding",
        lang,
        total=total,
        year=r.year,
        shown=counts[v.EVIDENCED] + counts[v.MENTIONED],
        delayed=counts[v.DELAYED],
        not_found=n,
        not_found_word=word,
    )
    return charts.finish(fig, ax, finding, source_line(r), banner=chart_banner(r))
