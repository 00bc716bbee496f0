"""The written headline: three to six sentences of findings, each with its number and a link to
the passage it comes from, in the run's language.

:func:`written_headline` returns the sentences as HTML (numbers link into the report's source
page, see :mod:`policy_review.pages.source_page`); :func:`plain_headline` gives the same sentences as
text. The stable line-by-line summary for nbval and the command line stays in
:mod:`policy_review.review.summary`. Every number keeps the meaning written in
:mod:`policy_review.review.metrics`.
"""

from __future__ import annotations

import html
import re
from functools import wraps

from policy_review.core import labels
from policy_review.core.labels import t
from policy_review.pages.source_page import link
from policy_review.review import metrics, year_review as rv
from policy_review.tables import names, vocabularies as v

_TAGS = re.compile(r"<[^>]+>")


def _row(frame, **where):
    hit = frame
    for col, value in where.items():
        hit = hit[hit[col] == value]
    return None if hit.empty else hit.iloc[0]


def _count_link(r, row, year: int | None = None) -> str:
    return link(r, row["start"], row["end"], str(int(row["count"])), year=int(row["report_year"]))


def _from(table):
    """A sentence written from one table of the review (``table(r)``), in the review's language;
    no sentence when the table is empty."""

    def sentence_of(write):
        @wraps(write)
        def sentence(r: rv.YearReview) -> str | None:
            rows = table(r)
            return None if rows.empty else write(r, rows, r.lang)

        return sentence

    return sentence_of


@_from(rv.plan_funnel)
def _plan(r: rv.YearReview, f, lang: str) -> str | None:
    announced, assigned = _row(f, kind=v.ANNUAL, stage=v.ANNOUNCED), _row(f, kind=v.ANNUAL, stage=v.ASSIGNED)
    on_time = _row(f, kind=v.ANNUAL, stage=v.COMPLETED_ON_TIME)
    delayed = _row(f, kind=v.ANNUAL, stage=v.DELAYED)
    if announced is not None and assigned is not None and assigned["count"] != announced["count"]:
        change = (assigned["count"] - announced["count"]) / announced["count"]
        key = "wh_plan_shrank" if change < 0 else "wh_plan_grew"
        text = t(
            key,
            lang,
            year=r.year,
            announced=_count_link(r, announced),
            source=int(announced["report_year"]),
            assigned=_count_link(r, assigned),
            change=f"{change:+.0%}".replace("-", "−"),
        )
        if on_time is not None:
            text += t("wh_plan_on_time", lang, on_time=_count_link(r, on_time))
        if delayed is not None:
            word = metrics.word_in_quote(delayed["quote"], v.DELAYED)
            text += t(
                "wh_plan_delayed",
                lang,
                delayed=_count_link(r, delayed),
                word=html.escape(metrics.progress_label(names.term("progress", v.DELAYED, lang), word, lang)),
            )
        return text + t("wh_end", lang)
    parts = []
    for kind in v.PLAN_KINDS:
        row = _row(f, kind=kind, stage=v.ASSIGNED)
        row = _row(f, kind=kind, stage=v.ANNOUNCED) if row is None else row
        if row is not None:
            parts.append(
                t("wh_plan_kind", lang, n=_count_link(r, row), kind=names.term("task_kind", kind, lang))
            )
    if not parts:
        return None
    text = t("wh_plan_stated", lang, year=r.year, parts=t("wh_and", lang).join(parts))
    claim = rv.claims(r)
    if not claim.empty:
        c = claim.iloc[0]
        text += t("wh_plan_claim", lang, claim=link(r, c["start"], c["end"], c["quote"]))
    return text + t("wh_end", lang)


def _evidence(r: rv.YearReview) -> str | None:
    c = rv.evidence_counts(r)
    total = sum(c.values())
    if not total:
        return None
    lang = r.lang
    claim = rv.claims(r)
    claimed = str(c[v.CLAIMED])
    if not claim.empty:
        claimed = link(r, claim.iloc[0]["start"], claim.iloc[0]["end"], claimed)
    ev = r.evidence[r.evidence["reporting"] == v.EVIDENCED]
    evidenced = str(c[v.EVIDENCED])
    if not ev.empty:
        evidenced = link(r, ev.iloc[0]["start"], ev.iloc[0]["end"], evidenced)
    text = t(
        "wh_evidence",
        lang,
        total=total,
        evidenced=evidenced,
        rate=f"{metrics.rate('evidence_rate', c):.0%}",
        mentioned=c[v.MENTIONED],
        claimed=claimed,
    )
    if r.is_excerpt:
        text += t("wh_excerpt_part", lang)
    return text + t("wh_end", lang)


def _coverage(r: rv.YearReview) -> str | None:
    lang = r.lang
    cov = rv.framework_coverage(r)  # the framework in force that year; "not classified" is no area
    reported = cov[~cov["area_reporting"].isin(v.SILENT)]
    silent = cov[cov["area_reporting"].isin(v.SILENT)]  # on an excerpt: not in the part available
    named_only = reported[(reported[list(v.LEVELS)].sum(axis=1) == 0)]
    if silent.empty:
        text = t("wh_coverage_all", lang, total=len(cov))
    else:
        text = t(
            "wh_coverage",
            lang,
            n=len(reported),
            total=len(cov),
            silent_word=names.term("reporting", v.unreported(r.is_excerpt), lang),
            silent=t("wh_list_sep", lang).join(html.escape(a) for a in silent["area"]),
        )
    if not named_only.empty and not r.tasks.empty:
        tasks = r.tasks[r.tasks["area_id"].isin(named_only["area_id"])]
        shown = [link(r, s, e, q) for s, e, q in zip(tasks["start"], tasks["end"], tasks["quote"])]
        text += t(
            "wh_named_only",
            lang,
            n=len(named_only),
            areas=t("wh_list_sep", lang).join(html.escape(a) for a in named_only["area"]),
            tasks=t("wh_list_sep", lang).join(shown),
        )
    return text + t("wh_not_in_excerpt" if r.is_excerpt else "wh_not_reported", lang)


@_from(metrics.report_rates)
def _rates(r: rv.YearReview, rates, lang: str) -> str | None:
    own, base = rates[~rates["baseline"]], rates[rates["baseline"]]
    if own.empty:
        return None
    low = own.loc[own["value"].idxmin()]
    what = _label(low, lang)
    text = labels.tn(
        "wh_rates" if what else "wh_rates_unlabelled",
        lang,
        len(own),
        year=r.year,
        low=link(r, low["start"], low["end"], low["raw"]),
        what=html.escape(what or ""),
    )
    for _, b in base.iterrows():
        what = _label(b, lang)
        text += t(
            "wh_baseline" if what else "wh_baseline_unlabelled",
            lang,
            raw=link(r, b["start"], b["end"], b["raw"]),
            year=int(b["year"]),
            what=html.escape(what or ""),
            report_year=r.year,
        )
    return text + t("wh_end", lang)


_YEAR_IN_LABEL = re.compile("\\s*[(\uff08]\\d{4}\u5e74?[)\uff09]$")  # （2018年）: said in the sentence


def _label(row, lang: str) -> str | None:
    """What a rate measures, in the page's language; None where its label is only in another
    language (an English headline never quotes a fragment of a Chinese label)."""
    own = row.get(labels.language_column("label", lang))
    if not isinstance(own, str) or not own.strip() or own.strip() == labels.UNTRANSLATED:
        return None
    return _YEAR_IN_LABEL.sub("", own)


@_from(rv.problems_table)
def _problems(r: rv.YearReview, p, lang: str) -> str | None:
    first = p.iloc[0]
    n = link(r, first["start"], first["end"], str(len(p)))
    if r.previous_available:
        recurring = int((p["recurs"] == True).sum())  # noqa: E712  (None where it cannot be judged)
        text = t("wh_problems_recur", lang, n=n, recurring=recurring)
    else:
        text = t("wh_problems", lang, n=n, year=r.year - 1)
    return text + t("wh_end", lang)


@_from(rv.commitments_followed_up)
def _followups(r: rv.YearReview, c, lang: str) -> str | None:
    counts = rv.followup_counts(r)
    shown = sum(counts[s] for s in v.FOLLOWUP_SHOWN)
    delayed = c[c["status"] == v.DELAYED]
    d = str(counts[v.DELAYED])
    if not delayed.empty and delayed.iloc[0].get("followup_start") is not None:
        d = link(r, delayed.iloc[0]["followup_start"], delayed.iloc[0]["followup_end"], d)
    first = c.iloc[0]
    total = link(r, first["start"], first["end"], str(len(c)), year=int(first["report_year"]))
    n, word = not_found(r, counts)
    text = t(
        "wh_followups",
        lang,
        total=total,
        year=r.year,
        shown=shown,
        delayed=d,
        not_found=n,
        not_found_word=word,
    )
    if r.is_excerpt and counts[v.NOT_FOUND]:
        text += t("wh_excerpt_part", lang)
    return text + t("wh_end", lang)


def not_found(r: rv.YearReview, counts: dict[str, int]) -> tuple[int, str]:
    """Last year's commitments this report shows nothing of, and what to call them: "not found"
    (未见报告) in a whole report; in an excerpt "not in the available part" (不在现有部分), the
    not found ones with those it does not reach."""
    if r.is_excerpt:
        return counts[v.NOT_FOUND] + counts[v.NOT_AVAILABLE], names.term(
            "followup_status", v.NOT_AVAILABLE, r.lang
        )
    return counts[v.NOT_FOUND], names.term("followup_status", v.NOT_FOUND, r.lang)


def written_headline(r: rv.YearReview) -> list[str]:
    """Three to six sentences of findings (HTML: text escaped, numbers linked to their passages)."""
    sentences = [
        s for s in (_plan(r), _evidence(r), _coverage(r), _rates(r), _problems(r), _followups(r)) if s
    ]
    return sentences[:6]


def plain_headline(r: rv.YearReview) -> list[str]:
    """The same sentences as plain text."""
    return [html.unescape(_TAGS.sub("", s)) for s in written_headline(r)]


def headline_html(r: rv.YearReview) -> str:
    items = "".join(f"<li>{s}</li>" for s in written_headline(r))
    return f'<ul class="pr-findings" style="font-size:1.05em;line-height:1.6">{items}</ul>'
