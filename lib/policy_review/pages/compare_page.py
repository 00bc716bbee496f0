"""What the comparison page shows: the flags, one row per region (a paginated interactive table
whose cells link to the region's page and section), the province × area heatmap with a
drill-down to its regions, rankings on comparable rows and problems by theme.

Every text is escaped here; the page stays small for a thousand regions (one JSON table,
one compact HTML grid)."""

from __future__ import annotations

import html

import pandas as pd
from IPython.display import HTML

from policy_review.core import labels, outputs
from policy_review.core.labels import t
from policy_review.pages.parts import bullet_list, datatable, table
from policy_review.review import metrics
from policy_review.review.compare import (
    PASSAGE,
    Comparison,
    area_matrix,
    flag_counts,
    flags,
    problem_themes,
    province_heatmap,
    province_name,
    ranking,
)
from policy_review.tables import names, vocabularies as v

#: The comparison's own style: the heatmap's cells, and a table that wraps its headings so that
#: its every column fits the page.
STYLE = """<style>
.pr-heat { border-collapse: collapse; font-size: 13px; } .pr-heat td, .pr-heat th { padding: 2px 6px;
border: 1px solid #fff; text-align: center; } .pr-heat th { background: #f3f3f3; font-weight: normal; }
.pr-heat td.name { text-align: left; background: #fafafa; }
.pr-heat th.area { max-width: 7em; font-size: 11px; } .pr-cell a { color: inherit; text-decoration: none; }
.r-evidenced { background: #1a9850; color: #fff; } .r-mentioned { background: #a6d96a; }
.r-claimed { background: #fee08b; } .r-not_reported { background: #eeeeee; color: #555; }
.r-not_in_excerpt, .pr-heat td.unreached { color: #3f3a66;
  background: repeating-linear-gradient(45deg, #fff 0 3px, #d9d5ea 3px 6px); }
.pr-heat td .counts { font-size: 10px; display: block; }
details.pr-province > summary { cursor: pointer; } .pr-flag { color: #b2182b; font-weight: bold; }
/* the columns share the page's width, not the widths DataTables measured: cells wrap */
table.pr-compare { width: 100% !important; table-layout: fixed !important; }
table.pr-compare th, table.pr-compare td { width: auto !important; min-width: 0 !important;
  white-space: normal !important; word-break: normal; }
table.pr-compare thead th { font-size: 11px; padding: 3px !important; overflow-wrap: anywhere; }
table.pr-compare tbody td { font-size: 12px; padding: 3px !important; overflow-wrap: anywhere; }
table.pr-compare .dt-column-order { width: 10px !important; }
</style>"""


def _link(row: dict, lang: str, section: str, text: str) -> str:
    page = row.get("page") or outputs.name(
        outputs.year_stem(row["year"], lang), outputs.PAGE
    )  # the page of the run the row is from
    href = f"../{row['region']}/{page}#{PASSAGE[section]}"
    return f'<a href="{html.escape(href, quote=True)}">{html.escape(text)}</a>'


def _name(row: dict, lang: str) -> str:
    return labels.region_name(
        {"region_name_zh": row.get("name_zh"), "region_name_en": row.get("name_en"), "region": row["region"]},
        lang,
    )


def _num(value, pct: bool = False) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "–"
    return f"{value:.0%}" if pct else str(value)


def _flag_text(row: dict, lang: str) -> str:
    """A row's flags in ``lang``; a draft says how many of its rows are reviewed."""
    shown = []
    for f in flags(row):
        text = t(f"cmp_flag_{f}", lang)
        if f == "draft" and row.get("rows"):
            text += t("cmp_rows_reviewed", lang, reviewed=row.get("rows_reviewed", 0), total=row["rows"])
        shown.append(text)
    return t("list_sep", lang).join(shown)


def _province(row: dict, lang: str) -> str:
    return province_name(row.get("province") or "", lang) or t("cmp_no_province", lang)


def title(c: Comparison) -> HTML:
    return HTML(STYLE + f"<h1>{html.escape(t('cmp_title', c.lang, year=c.year))}</h1>")


def flags_banner(c: Comparison) -> HTML:
    """How many rows are flagged (excerpt, draft, synthetic) and that rankings leave them out."""
    counts = flag_counts(c)
    n = sum(1 for r in c.rows if flags(r))
    if not n:
        return HTML("")
    text = t(
        "cmp_flags",
        c.lang,
        n=n,
        total=len(c.rows),
        **counts,
        unless=t("cmp_flags_included", c.lang) if c.rank_flagged else "",
    )
    return HTML(
        f'<div class="pr-banner" style="background:#fde0dd;padding:6px 10px;margin:6px 0;'
        f'border-left:4px solid #b2182b;font-weight:bold">{html.escape(text)}</div>'
    )


def _statutory(row: dict, lang: str) -> str:
    """Required items covered, of those required (none required in the year: not required then)."""
    if not row.get("statutory_items"):
        return t("cmp_not_required", lang)
    return t("cmp_of", lang, n=_num(row.get("statutory_covered")), total=row["statutory_items"])


def _rate(row: dict, key: str, counts: dict, lang: str) -> str:
    """A rate of ``METRICS`` computed from the row's counts, shown beside them."""
    return metrics.shown_rate(key, counts, lang) or "–"


def comparison_table(c: Comparison) -> HTML:
    """One row per region (:func:`comparison_frame`), searchable and paged, its words in the
    comparison's language."""
    return HTML(
        datatable(
            comparison_frame(c),
            c.lang,
            allow_html=True,
            pageLength=25,
            classes="display compact pr-table pr-compare",
            lengthMenu=[25, 100, 500, -1],
        )
    )


def comparison_frame(c: Comparison) -> pd.DataFrame:
    """The comparison table's cells (HTML, escaped): one row per region, every cell a link to the
    region's page at the section it comes from; every rate computed from its definition
    (``metrics``) and shown with its counts."""
    lang = c.lang
    records = []
    for r in c.rows:
        a, lt, ev = r["plan"][v.ANNUAL], r["plan"][v.LONG_TERM], r["evidence"]
        stages = (v.ANNOUNCED, v.ASSIGNED, v.COMPLETED, v.DELAYED)
        plan = " / ".join(_num(a.get(s)) for s in stages)
        flag = f'<span class="pr-flag">{html.escape(_flag_text(r, lang))}</span>' if flags(r) else ""
        published = _num(r.get("published"))
        if r.get("days_early") is not None:
            published = t("cmp_published_days", lang, date=published, days=r["days_early"])
        records.append(
            {
                t("cmp_region", lang): _link(r, lang, "published", _name(r, lang)),
                t("cmp_province", lang): html.escape(_province(r, lang)),
                t("cmp_flagged", lang): flag,
                t("cmp_published", lang): _link(r, lang, "published", published),
                t("cmp_statutory", lang): _link(r, lang, "statutory", _statutory(r, lang)),
                t("cmp_plan", lang): _link(r, lang, "plan", plan),
                t("cmp_long_term", lang): _link(r, lang, "plan", _num(lt.get(v.ASSIGNED))),
                t("cmp_evidence", lang): _link(
                    r, lang, "evidence", " / ".join(str(ev[level]) for level in v.LEVELS)
                ),
                t("cmp_evidence_rate", lang): _link(r, lang, "evidence", _rate(r, "evidence_rate", ev, lang)),
                t("cmp_figures_per_1000", lang): _link(r, lang, "figures", _num(r.get("figures_per_1000"))),
                t("cmp_areas", lang): _link(
                    r, lang, "areas", t("cmp_of", lang, n=r["areas_reported"], total=r["areas_in_force"])
                ),
                t("cmp_problems", lang): _link(r, lang, "problems", _num(r.get("problems"))),
                t("cmp_followthrough", lang): _link(
                    r, lang, "followthrough", _rate(r, "followthrough_rate", r.get("followups", {}), lang)
                ),
                t("cmp_recycled", lang): _link(
                    r, lang, "recycled", _rate(r, "recycled_share", r.get("recycled") or {}, lang)
                ),
            }
        )
    return pd.DataFrame(records)


def _mark(value, status: dict[str, str], lang: str) -> str:
    """A region's cell: the first two characters of its status, or, for an area an excerpt does
    not reach, a mark of its own (its name starts as "not reported" does)."""
    if value == v.NOT_IN_EXCERPT:
        return t("cmp_mark_not_in_excerpt", lang)
    return status.get(value, str(value))[:2]


def _share_cell(cell: dict, lang: str, unreached: str) -> str:
    """A province's cell: the share of the regions whose text reaches the area that evidence it,
    with its counts; hatched, never 0%, where no region's text reaches it."""
    if cell["share"] is None or pd.isna(cell["share"]):
        return (
            f'<td class="unreached" title="{html.escape(unreached)}">'
            f"{html.escape(t('cmp_mark_not_in_excerpt', lang))}</td>"
        )
    counts = html.escape(t("cmp_of", lang, n=cell[v.EVIDENCED], total=cell["reached"]))
    return (
        f'<td style="background:rgba(26,152,80,{cell["share"]:.2f})" data-evidenced="{cell[v.EVIDENCED]}" '
        f'data-reached="{cell["reached"]}">{cell["share"]:.0%}<span class="counts">{counts}</span></td>'
    )


def heatmap(c: Comparison) -> HTML:
    """Province × area shares of the regions whose text reaches the area that evidence it
    (``metrics.METRICS["province_evidenced"]``; hatched where none reaches it); each province opens
    onto its regions × areas, each cell linking to the region's coverage section."""
    lang = c.lang
    cells, matrix = province_heatmap(c), area_matrix(c)
    if cells.empty:
        return HTML("")
    areas = list(matrix.columns)
    shown = names.area_names(c.year, lang)
    status = names.terms("reporting", lang)
    unreached = status[v.NOT_IN_EXCERPT]
    by_region = {r["region"]: r for r in c.rows}
    head = "".join(f'<th class="area">{html.escape(shown.get(a, a))}</th>' for a in areas)
    parts = [
        f'<p class="pr-note">{html.escape(t("cmp_heatmap_note", lang))}</p>',
        f'<table class="pr-heat"><thead><tr><th>{html.escape(t("cmp_province", lang))}</th>'
        f"<th>{html.escape(t('cmp_regions', lang))}</th>{head}</tr></thead><tbody>",
    ]
    provinces = list(dict.fromkeys(cells["province"]))
    for province in provinces:
        rows = cells[cells["province"] == province].set_index("area_id")
        shares = "".join(_share_cell(rows.loc[a].to_dict(), lang, unreached) for a in areas)
        named = province_name(province, lang) or t("cmp_no_province", lang)
        parts.append(
            f'<tr><td class="name">{html.escape(named)}</td>'
            f"<td>{int(rows['regions'].iloc[0])}</td>{shares}</tr>"
        )
    parts.append("</tbody></table>")
    for province in provinces:
        members = [r for r in sorted(by_region) if (by_region[r].get("province") or "") == province]
        rows = []
        for region in members:
            r = by_region[region]
            flag = f' <span class="pr-flag">({html.escape(_flag_text(r, lang))})</span>' if flags(r) else ""
            cells = "".join(
                f'<td class="pr-cell r-{matrix.at[region, a]}" '
                f'title="{html.escape(status.get(matrix.at[region, a], str(matrix.at[region, a])))}">'
                f"{_link(r, lang, 'areas', _mark(matrix.at[region, a], status, lang))}</td>"
                for a in areas
            )
            rows.append(
                f'<tr><td class="name">{_link(r, lang, "published", _name(r, lang))}{flag}</td>{cells}</tr>'
            )
        named = province_name(province, lang) or t("cmp_no_province", lang)
        parts.append(
            f'<details class="pr-province"><summary>{html.escape(named)} '
            f'({len(members)})</summary><table class="pr-heat"><thead><tr><th></th>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></details>"
        )
    return HTML("\n".join(parts))


def ranking_table(c: Comparison, limit: int = 50) -> HTML:
    """The ranking on comparable rows (or all, flagged, when asked), best first, at most ``limit`` rows."""
    lang = c.lang
    ranked = ranking(c)
    if ranked.empty:
        return HTML(f'<p class="pr-note">{html.escape(t("cmp_no_ranking", lang))}</p>')
    shown = pd.DataFrame(
        {
            t("cmp_rank", lang): ranked["rank_evidence_rate"],
            t("cmp_region", lang): [_name(r, lang) for r in ranked.to_dict("records")],
            t("cmp_flagged", lang): [_flag_text(r, lang) for r in ranked.to_dict("records")],
            t("cmp_evidence_rate", lang): [_num(x, pct=True) for x in ranked["evidence_rate"]],
            t("cmp_days_early", lang): ranked["days_early"],
            t("cmp_statutory_covered", lang): ranked["statutory_covered"],
            t("cmp_figures_per_1000", lang): ranked["figures_per_1000"],
            t("cmp_areas_reported", lang): ranked["areas_reported"],
            t("cmp_followthrough", lang): [_num(x, pct=True) for x in ranked["followthrough"]],
        }
    )
    return table(shown.head(limit))


def problems_table(c: Comparison) -> HTML:
    """Region × problem theme: how many problems of each theme each report admits."""
    lang = c.lang
    themes = problem_themes(c)
    if not themes:
        return HTML("")
    shown = names.terms("problem_theme", lang)
    df = pd.DataFrame(
        [
            {
                t("cmp_region", lang): _name(r, lang),
                t("cmp_flagged", lang): _flag_text(r, lang),
                **{shown.get(th, th): r.get("problems_by_theme", {}).get(th, 0) for th in themes},
            }
            for r in c.rows
        ]
    )
    if len(df) > 200:  # a national comparison: the themes summed by province instead
        df.insert(0, t("cmp_province", lang), [_province(r, lang) for r in c.rows])
        df = (
            df.drop(columns=[t("cmp_region", lang), t("cmp_flagged", lang)])
            .groupby(t("cmp_province", lang), as_index=False)
            .sum()
        )
    return table(df)


def notes(c: Comparison) -> HTML:
    """Where the rows come from; then the written definition of every number the page shows
    (:data:`policy_review.review.metrics.PAGE_METRICS`), the very one it computes them by."""
    lang = c.lang
    where = bullet_list([t("cmp_note_rows", lang, n=len(c.rows), year=c.year), t("cmp_note_recycled", lang)])
    defined = bullet_list(metrics.definitions(metrics.PAGE_METRICS["compare"], lang))
    return HTML(where.data + f"<h3>{html.escape(t('sub_definitions', lang))}</h3>" + defined.data)
