"""The report text as a page of its own, every quoted span anchored by its offsets.

Each run writes ``<stem>.source.html`` beside its review page (``2018.source.html``,
``2018.zh.source.html``): the report exactly as decoded, with every passage the review quotes
(figures, evidence items, plan counts, named tasks, problems, commitments, follow-ups) wrapped
in ``<mark id="s<start>-<end>">``, whose text is ``text[start:end]``. The review page links each
quote, figure and finding to ``<stem>.source.html#s<start>-<end>``; the browser scrolls to the
span and highlights it (CSS ``:target``, no script). The page is self-contained and offline.
A page links another year's report (a trends page, last year's commitments) through the source
page a run wrote for it (``review.sources``, given by ``policy-review run``: that year's run in
the page's language, else in the other); a year no run wrote is shown unlinked.

Spans nest (a figure inside its evidence item); where two spans cross (rare: the curated tables
nest their quotes), the later one is cut at the end of the one it starts in, so the markup stays
well formed and no text is lost or repeated.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from policy_review.core import labels, outputs
from policy_review.core.atomic import atomic_write_text
from policy_review.core.labels import t
from policy_review.review import recycling
from policy_review.review.statutory import publication_check

#: Tables whose rows quote this report, with the column that names each row.
SPAN_TABLES = {
    "figures": "figure_id",
    "evidence": "evidence_id",
    "plan_counts": "count_id",
    "tasks": "task_id",
    "issues": "issue_id",
    "commitments": "commitment_id",
    "followups": "followup_id",
}


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kinds: tuple[str, ...]  # the tables that quote it
    ids: tuple[str, ...]  # the rows that quote it
    after: str = ""  # markup written after the span (links to the sentence it repeats), escaped


def anchor(start, end) -> str:
    """The id of the span ``text[start:end]`` in the source page."""
    return f"s{int(start)}-{int(end)}"


def source_of(review, year: int) -> str | None:
    """The source page a page of ``review`` links for the report of ``year``: the one written for
    it (``review.sources``: year → file name, set by the runner), or where none are given (a
    notebook run by hand) the page in the review's language; None when no run wrote one."""
    sources = getattr(review, "sources", None)
    if sources is None:
        return outputs.source_page(year, review.lang)
    name = sources.get(str(year))
    return name if isinstance(name, str) else None


def href(review, start, end, year: int | None = None) -> str | None:
    """Link to a span of this review's report (or of the report of ``year``, e.g. last year's
    commitment), or None where the offsets are not known or no source page was written for it."""
    if start is None or end is None or pd.isna(start) or pd.isna(end):
        return None
    page = source_of(review, year or review.year)
    return f"{page}#{anchor(start, end)}" if page else None


def link(review, start, end, text: str, year: int | None = None, title: str | None = None) -> str:
    """``text`` (escaped) as a link to its span; plain escaped text where there is no span."""
    target = href(review, start, end, year)
    if target is None:
        return html.escape(str(text))
    tip = f' title="{html.escape(title, quote=True)}"' if title else ""
    return f'<a class="pr-src" href="{html.escape(target, quote=True)}"{tip}>{html.escape(str(text))}</a>'


def spans(review) -> list[Span]:
    """Every span of this report that a table of the review quotes, once per (start, end)."""
    found: dict[tuple[int, int], tuple[list[str], list[str]]] = {}
    n = len(review.text)
    for name, id_col in SPAN_TABLES.items():
        df = getattr(review, name)
        if df.empty or "start" not in df or "end" not in df:
            continue
        if "report_year" in df:
            df = df[df["report_year"] == review.year]
        for row_id, s, e in zip(df[id_col] if id_col in df else [""] * len(df), df["start"], df["end"]):
            if pd.isna(s) or pd.isna(e) or not 0 <= int(s) < int(e) <= n:
                continue
            kinds, ids = found.setdefault((int(s), int(e)), ([], []))
            if name not in kinds:
                kinds.append(name)
            ids.append(str(row_id))
    after = _repeats(review, found, n)
    # outer spans before the spans inside them
    ordered = sorted(found.items(), key=lambda x: (x[0][0], -x[0][1]))
    return [Span(s, e, tuple(k), tuple(i), after.get((s, e), "")) for (s, e), (k, i) in ordered]


def _repeats(review, found: dict, n: int) -> dict[tuple[int, int], str]:
    """Add to ``found`` the sentences repeated from last year's report (``recycled``) and those
    next year's report repeats (``carried``), and return, by span, the link that follows each: to
    the same sentence in that year's source page (:mod:`policy_review.review.recycling`)."""
    lang, after = review.lang, {}
    back = recycling.year_on_year(review)
    back = back[back["class"].notna()]
    ahead = recycling.carried_forward(review)
    for rows, kind, year, key in (
        (back, "recycled", review.year - 1, "src_repeat_from"),
        (ahead, "carried", review.year + 1, "src_repeat_in"),
    ):
        other = "prev" if kind == "recycled" else "next"
        for s, e, os_, oe, cls in zip(
            rows["start"], rows["end"], rows[f"{other}_start"], rows[f"{other}_end"], rows["class"]
        ):
            s, e = int(s), int(e)
            if not 0 <= s < e <= n:
                continue
            kinds, ids = found.setdefault((s, e), ([], []))
            kinds.append(kind)
            tip = t(key, lang, year=year, kind=t(f"rc_class_{cls}", lang))
            ids.append(tip)
            target = href(review, os_, oe, year)
            if target is not None:
                after[(s, e)] = after.get((s, e), "") + (
                    f'<a class="pr-{kind}-link" href="{html.escape(target, quote=True)}" '
                    f'title="{html.escape(tip, quote=True)}" aria-label="{html.escape(tip, quote=True)}" '
                    f'data-year="{year}"></a>'
                )
    return after


def marked_text(text: str, found: list[Span], lang: str) -> str:
    """The text, escaped, with every span as a (nested) ``<mark>``."""
    out: list[str] = []
    stack: list[tuple[int, str]] = []  # ends of the open marks, and what follows each
    at = 0

    def close_until(pos: int) -> None:
        nonlocal at
        while stack and stack[-1][0] <= pos:
            end, after = stack.pop()
            out.append(html.escape(text[at:end]))
            out.append("</mark>" + after)
            at = end

    for span in found:
        close_until(span.start)
        out.append(html.escape(text[at : span.start]))
        at = span.start
        cls = " ".join(f"pr-{k}" for k in span.kinds)
        end = span.end
        if stack and end > stack[-1][0]:  # crosses the enclosing span: cut at its end (the anchor stays)
            end, cls = stack[-1][0], cls + " pr-cut"
        tip = html.escape(", ".join(span.ids), quote=True)
        out.append(f'<mark id="{anchor(span.start, span.end)}" class="{cls}" title="{tip}">')
        stack.append((end, span.after))
    close_until(len(text))
    out.append(html.escape(text[at:]))
    return "".join(out)


STYLE = """
body { font-family: system-ui, "Noto Sans CJK SC", sans-serif; margin: 2em auto; max-width: 52em; color: #222;
       line-height: 1.8; padding: 0 1em; }
.pr-text { white-space: pre-wrap; font-size: 16px; }
mark { background: transparent; color: inherit; border-bottom: 1px dotted #6a51a3; scroll-margin-top: 30vh; }
mark.pr-figures { border-bottom: 2px solid #2166ac; }
mark.pr-recycled { border-bottom: 3px solid #e08214; } mark.pr-carried { background: #f0f0f0; }
a.pr-recycled-link::after, a.pr-carried-link::after { content: " \\21A9\\FE0E " attr(data-year);
  font-size: 11px; color: #b35806; vertical-align: super; text-decoration: none; }
a.pr-carried-link::after { content: " \\21AA\\FE0E " attr(data-year); color: #555; }
mark:target { background: #ffe066; outline: 2px solid #b35806; border-bottom-color: transparent; }
.pr-note { color: #444; font-size: 14px; }
.pr-banner { background: #fde0dd; border-left: 4px solid #b2182b; padding: 6px 10px; font-weight: bold; }
@media print { mark:target { background: none; outline: none; } a { color: inherit; } }
"""


def _published(review) -> str:
    """The publication date as the review page states it, or "unknown" in the page's language
    (never ``unknown``, ``None`` or a blank as a word)."""
    return publication_check(review)["published"] or t("date_unknown", review.lang)


def source_html(review) -> str:
    """The source page of a review's report."""
    lang, p = review.lang, review.provenance
    name = labels.region_name(p, lang)
    heading = t("source_page_title", lang, region=name, year=review.year)
    review_page = f"{review.year}.html" if lang == "en" else f"{review.year}.{lang}.html"
    banner = f'<p class="pr-banner">{html.escape(t("excerpt_banner", lang))}</p>' if review.is_excerpt else ""
    found = spans(review)
    return f"""<!DOCTYPE html>
<html lang="{labels.pick(("en", "zh-CN"), lang)}"><head><meta charset="utf-8">
<title>{html.escape(heading)}</title><style>{STYLE}</style></head>
<body><main>
<h1>{html.escape(heading)}</h1>
<p class="pr-note">{
        html.escape(
            t(
                "source_line",
                lang,
                title=labels.stated(p.get("title"), lang),
                publisher=labels.stated(p.get("publisher"), lang),
                published=_published(review),
            )
        )
    }</p>
<p class="pr-note">{html.escape(t("source_page_note", lang, n=len(found)))}
<a href="{html.escape(review_page, quote=True)}">{html.escape(t("source_page_back", lang))}</a></p>
{banner}
{_repeats_note(review, found)}
<div class="pr-text" lang="zh-CN">{marked_text(review.text, found, lang)}</div>
</main></body></html>
"""


def _repeats_note(review, found: list[Span]) -> str:
    """What the page marks of last year's report and of next year's, in a note each."""
    lang, notes = review.lang, []
    back = sum(1 for s in found if "recycled" in s.kinds)
    ahead = sum(1 for s in found if "carried" in s.kinds)
    if back:
        notes.append(t("src_repeats_note", lang, previous=review.year - 1, n=back))
    if ahead:
        notes.append(t("src_repeated_next_note", lang, next=review.year + 1, n=ahead))
    if notes and review.is_excerpt:
        notes.append(t("src_repeats_excerpt", lang))
    return "".join(f'<p class="pr-note">{html.escape(x)}</p>' for x in notes)


def write_source_page(review, path: Path) -> Path:
    """Write the source page of ``review`` to ``path`` (whole or not at all)."""
    return atomic_write_text(Path(path), source_html(review))
