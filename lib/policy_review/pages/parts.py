"""The parts every page is made of: setup, headings, banners, tables, interactive tables, notes.

The year review (:mod:`policy_review.pages.year_page`), the trends (:mod:`policy_review.pages.trends_page`)
and the countdown ledger (:mod:`policy_review.pages.ledger_page`) build their cells from these. Text
that comes from data is always escaped: tables go through pandas/itables with escaping on,
headings, banners and notes through ``html.escape``.
"""

from __future__ import annotations

import html
import re
import warnings

import pandas as pd
from IPython.display import HTML, display
from IPython.utils.capture import capture_output

from policy_review.core import labels
from policy_review.core.labels import t
from policy_review.pages import charts, fonts
from policy_review.pages.source_page import link
from policy_review.review import statutory, year_review as rv
from policy_review.tables import vocabularies

_itables_ready = False

#: Tables read left to right like the quotes they hold (JupyterLab right-aligns by default).
TABLE_STYLE = """<style>
.pr-table td, .pr-table th { text-align: left !important; vertical-align: top; }
.pr-table th { word-break: keep-all; overflow-wrap: normal; min-width: 3em; }
.pr-table td { max-width: 38em; }
</style>"""


def setup(lang: str) -> None:
    """Fonts for charts and the table style; call once at the top of a notebook."""
    fonts.setup_fonts()
    _figures_as_laid_out()
    charts.alt_text_formatter()  # after the formats are set: each chart's finding as its alt text
    display(HTML(TABLE_STYLE))


def _figures_as_laid_out() -> None:
    """Show figures at the size they were laid out to: the charts fit their own labels, so the
    inline backend's "tight" bounding box (a second full draw of every chart) is not needed."""
    from IPython import get_ipython

    if get_ipython() is not None:
        from matplotlib_inline.backend_inline import set_matplotlib_formats

        set_matplotlib_formats("png", bbox_inches=None)


def init_itables(lang: str) -> None:
    """Embed the offline itables bundle, once, in the first cell that shows an interactive table
    (pages without one do not carry it); the words itables writes for a browser that runs no
    script (English, with a link off the page) are the catalogue's, in ``lang``."""
    global _itables_ready
    if not _itables_ready:
        import itables  # deferred: the itables bundle is heavy, and only pages with a table need it

        with capture_output(stdout=False, stderr=False) as shown:
            itables.init_notebook_mode(all_interactive=False, connected=False)
        quiet = f"<noscript>{html.escape(t('dt_no_script', lang))}</noscript>"
        for output in shown.outputs:
            markup = output.data.get("text/html") if hasattr(output, "data") else None
            display(HTML(_NO_SCRIPT_BLOCK.sub(lambda _: quiet, markup)) if markup is not None else output)
        _itables_ready = True


#: What itables' setup cell shows where no script runs (its logo, linked to its site, and an
#: English note about trusted notebooks).
_NO_SCRIPT_BLOCK = re.compile(r"<noscript>.*?</noscript>", re.S)
_LOADING = re.compile(
    r"Loading ITables v[\d.]+ from the <code>init_notebook_mode</code> cell\.\.\.\s*"
    r"\(need <a href=[^>]*>help</a>\?\)"
)
_NO_SCRIPT_TITLE = re.compile(r'title="JavaScript not allowed\.[^"]*"')
_PREVIEW_LINK = re.compile(
    r'<a href=https://itables\.org/[^>]*title="ITables v[\d.]+ static preview">\u24d8</a>'
)  # ⓘ


def in_language(table_html: str, lang: str) -> str:
    """An interactive table's HTML with what itables writes in English for a reader whose browser
    runs no script (the static preview's lock and notes) in ``lang``, and no link off the page."""
    table_html = _LOADING.sub(html.escape(t("dt_loading_page", lang)), table_html)
    table_html = _NO_SCRIPT_TITLE.sub(
        f'title="{html.escape(t("dt_no_script", lang), quote=True)}"', table_html
    )
    return _PREVIEW_LINK.sub("", table_html)


def datatable(df: pd.DataFrame, lang: str, **options) -> str:
    """``df`` as an offline interactive table (itables' DataTables), its words in ``lang`` (its
    controls, and what a reader without script sees), every row printed when the page is."""
    import itables  # deferred: the itables bundle is heavy, and only pages with a table need it

    init_itables(lang)
    # itables types ``language`` as words only; DataTables takes lengthLabels too
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"(?s)language=.*lengthLabels", category=SyntaxWarning)
        made = itables.to_html_datatable(
            df, showIndex=False, maxBytes=0, language=labels.table_controls(lang), **options
        )
    return in_language(made, lang)


# ---------------------------------------------------------------- text blocks


def heading(key: str, lang: str, **fields) -> HTML:
    """A section heading with a stable anchor (the HTML's table of contents links to it)."""
    anchor = key.replace("_", "-")
    return HTML(f'<h2 id="{anchor}">{html.escape(t(key, lang, **fields))}</h2>')


def subheading(key: str, lang: str, **fields) -> HTML:
    """A heading inside a section (no anchor)."""
    return HTML(f"<h3>{html.escape(t(key, lang, **fields))}</h3>")


def banners(r) -> HTML:
    """The synthetic, excerpt and uncurated banners of one review (``YearReview``), shown on every
    view that depends on them: the draft banner while any row the page uses is not reviewed,
    saying how many are."""
    parts = []
    if r.is_synthetic:
        parts.append(banner(t("synthetic_banner", r.lang), "#e0ecf4"))
    if r.is_excerpt:
        parts.append(banner(t("excerpt_banner", r.lang), "#fde0dd"))
    if not r.curated:
        parts.append(banner(draft_banner(r), "#fff3cd"))
    return HTML("".join(parts))


def draft_banner(r) -> str:
    """The draft banner's words: an uncurated draft, or curated rows not all reviewed yet (with
    how many are: ``metrics.METRICS["rows_reviewed"]``)."""
    if not r.has_curated_rows:
        return t("uncurated_banner", r.lang)
    counts = r.review_status
    return t(
        "partly_reviewed_banner",
        r.lang,
        reviewed=counts[vocabularies.REVIEWED],
        total=counts[vocabularies.REVIEWED] + counts[vocabularies.EXTRACTED],
    )


def banner(text: str, background: str) -> str:
    """One banner as HTML (escaped)."""
    return (
        f'<div class="pr-banner" style="background:{background};padding:6px 10px;margin:6px 0;'
        f'border-left:4px solid #b2182b;font-weight:bold">{html.escape(text)}</div>'
    )


def chart_banner(r) -> str | None:
    """The banner a chart of one review carries in its corner (synthetic, uncurated, excerpt)."""
    if r.is_synthetic:
        return t("synthetic_banner", r.lang)
    if not r.curated:
        return t("tag_uncurated", r.lang)
    return t("tag_excerpt", r.lang) if r.is_excerpt else None


def note(text: str) -> HTML:
    return HTML(f'<p class="pr-note" style="color:#444">{html.escape(text)}</p>')


def bullet_list(items: list[str]) -> HTML:
    return HTML("<ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in items) + "</ul>")


def table(df: pd.DataFrame, columns: dict[str, str] | None = None, links: tuple[str, ...] = ()) -> HTML:
    """A static table (escaped), with columns renamed for display. Columns named in ``links``
    hold links to the source page already escaped (:func:`policy_review.pages.source_page.link`)."""
    shown = df.rename(columns=columns) if columns else df
    shown = shown.astype(object).where(shown.notna(), "")  # blank, not <NA>, where nothing is known
    if not links:
        return HTML(shown.to_html(index=False, escape=True, border=0, classes="pr-table"))
    return HTML(
        _escaped_except(shown, links).to_html(index=False, escape=False, border=0, classes="pr-table")
    )


def _escaped_except(df: pd.DataFrame, links) -> pd.DataFrame:
    """Every cell and header escaped, but the (already escaped) link columns."""
    out = pd.DataFrame(
        {
            html.escape(str(c)): (df[c] if c in links else df[c].map(lambda v: html.escape(str(v))))
            for c in df.columns
        }
    )
    return out


#: matplotlib's default tick label size, in points (the width budgets of wrapped labels use it).
TICK_SIZE = 10

#: Tables longer than this are shown searchable and paged, so a 165-task plan stays readable.
STATIC_ROWS = 25


def table_or_interactive(df: pd.DataFrame, links: tuple[str, ...] = (), lang: str = "en") -> HTML:
    """A static table when short; an interactive one when long."""
    return table(df, links=links) if len(df) <= STATIC_ROWS else interactive(df, links=links, lang=lang)


def interactive(
    df: pd.DataFrame,
    columns: dict[str, str] | None = None,
    caption: str | None = None,
    links: tuple[str, ...] = (),
    lang: str = "en",
) -> HTML:
    """An interactive (searchable, sortable) table that works offline, its controls in ``lang``;
    text is escaped (columns named in ``links`` hold links to the source page, escaped already)."""
    shown = df.rename(columns=columns) if columns else df
    missing = [c for c in shown.columns if shown[c].isna().any()]
    if missing:  # blank, not NaN or None, where nothing is known (as in the static tables)
        shown = shown.assign(**{c: shown[c].astype(object).where(shown[c].notna(), "") for c in missing})
    if links:
        shown = _escaped_except(shown.astype(object).where(shown.notna(), ""), links)
    return HTML(
        datatable(
            shown,
            lang,
            caption=caption,
            allow_html=bool(links),
            classes="display compact pr-table",
            lengthMenu=[10, 25, 100, -1],
        )
    )


def source_line(r: rv.YearReview) -> str:
    p = r.provenance
    line = t(
        "source_line",
        r.lang,
        title=labels.stated(p.get("title"), r.lang),
        publisher=labels.stated(p.get("publisher"), r.lang),
        published=statutory.publication_check(r)["published"] or t("date_unknown", r.lang),
    )
    if r.is_synthetic:
        line += " — " + t("synthetic_banner", r.lang)
    if r.is_excerpt:
        line += " — " + t("tag_excerpt", r.lang)
    if not r.curated:
        line += " — " + t("tag_uncurated", r.lang)
    return line


def quote_links(
    r: rv.YearReview,
    df: pd.DataFrame,
    quote: str = "quote",
    start: str = "start",
    end: str = "end",
    year=None,
) -> list[str]:
    """Each row's quote as a link to its span in the report's source page (``year``: the report
    it comes from, a column name or a number; this report by default)."""
    years = df[year] if isinstance(year, str) else [year] * len(df)
    return [
        link(r, s, e, q if isinstance(q, str) else "", year=int(y) if y is not None and pd.notna(y) else None)
        for q, s, e, y in zip(df[quote], df[start], df[end], years)
    ]
