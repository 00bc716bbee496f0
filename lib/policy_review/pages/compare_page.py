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
from policy_review.pages.parts import _init_itables, table
from policy_review.review.compare import (
    PASSAGE,
    Comparison,
    area_matrix,
    flag_counts,
    flags,
    problem_themes,
    province_heatmap,
    ranking,
)
from policy_review.tables import names, vocabularies
from policy_review.tables.frameworks import area_names

_STYLE = """<style>
.pr-heat { border-collapse: collapse; font-size: 13px; } .pr-heat td, .pr-heat th { padding: 2px 6px;
border: 1px solid #fff; text-align: center; } .pr-heat th { background: #f3f3f3; font-weight: normal; }
.pr-heat td.name { text-align: left; background: #fafafa; }
.pr-heat th.area { max-width: 7em; font-size: 11px; } .pr-cell a { color: inherit; text-decoration: none; }
.r-evidenced { background: #1a9850; color: #fff; } .r-mentioned { background: #a6d96a; }
.r-claimed { background: #fee08b; } .r-not_reported { background: #eeeeee; color: #555; }
.r-not_in_excerpt { color: #3f3a66;
  background: repeating-linear-gradient(45deg, #fff 0 3px, #d9d5ea 3px 6px); }
details.pr-province > summary { cursor: pointer; } .pr-flag { color: #b2182b; font-weight: bold; }
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


def _num(v, pct: bool = False) -> str:
    if v is None or (isinstance(v, float) and pd.isna(v)):
        return "–"
    return f"{v:.0%}" if pct else str(v)


def _flag_text(row: dict, lang: str) -> str:
    return ", ".join(t(f"cmp_flag_{f}", lang) for f in flags(row))


def title(c: Comparison) -> HTML:
    return HTML(_STYLE + f"<h1>{html.escape(t('cmp_title', c.lang, year=c.year))}</h1>")


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


def comparison_table(c: Comparison) -> HTML:
    """One row per region, every cell a link to the region's page at the section it comes from."""
    import itables

    lang = c.lang
    items = max((r.get("statutory_items", 5) for r in c.rows), default=5)
    records = []
    for r in c.rows:
        a, lt, ev = r["plan"]["annual"], r["plan"]["long_term"], r["evidence"]
        plan = " / ".join(_num(a.get(s)) for s in ("announced", "assigned", "completed", "delayed"))
        records.append(
            {
                t("cmp_region", lang): _link(r, lang, "published", _name(r, lang)),
                t("cmp_province", lang): html.escape(r.get("province") or "–"),
                t("cmp_flagged", lang): f'<span class="pr-flag">{html.escape(_flag_text(r, lang))}</span>',
                t("cmp_published", lang): _link(r, lang, "published", _num(r.get("published"))),
                t("cmp_days_early", lang): _link(r, lang, "published", _num(r.get("days_early"))),
                t("cmp_statutory", lang, n=items): _link(
                    r, lang, "statutory", _num(r.get("statutory_covered"))
                ),
                t("cmp_plan", lang): _link(r, lang, "plan", plan),
                t("cmp_long_term", lang): _link(r, lang, "plan", _num(lt.get("assigned"))),
                t("cmp_evidence", lang): _link(
                    r, lang, "evidence", f"{ev['evidenced']} / {ev['mentioned']} / {ev['claimed']}"
                ),
                t("cmp_evidence_rate", lang): _link(
                    r, lang, "evidence", _num(r.get("evidence_rate"), pct=True)
                ),
                t("cmp_figures_per_1000", lang): _link(r, lang, "figures", _num(r.get("figures_per_1000"))),
                t("cmp_areas", lang): _link(
                    r, lang, "areas", f"{r['areas_reported']} / {r['areas_in_force']}"
                ),
                t("cmp_problems", lang): _link(r, lang, "problems", _num(r.get("problems"))),
                t("cmp_followthrough", lang): _link(
                    r, lang, "followthrough", _num(r.get("followthrough"), pct=True)
                ),
                t("cmp_recycled", lang): _link(
                    r, lang, "recycled", _num((r.get("recycled") or {}).get("share"), pct=True)
                ),
            }
        )
    _init_itables()
    df = pd.DataFrame(records)
    return HTML(
        itables.to_html_datatable(
            df,
            allow_html=True,
            showIndex=False,
            maxBytes=0,
            pageLength=25,
            classes="display compact pr-table",
            lengthMenu=[25, 100, 500, -1],
        )
    )


def _mark(value, status: dict[str, str], lang: str) -> str:
    """A region's cell: the first two characters of its status, or, for an area an excerpt does
    not reach, a mark of its own (its name starts as "not reported" does)."""
    if value == vocabularies.NOT_IN_EXCERPT:
        return t("cmp_mark_not_in_excerpt", lang)
    return status.get(value, str(value))[:2]


def heatmap(c: Comparison) -> HTML:
    """Province × area shares of regions evidencing the area; each province opens onto its
    regions × areas, each cell linking to the region's coverage section."""
    lang = c.lang
    share, matrix = province_heatmap(c), area_matrix(c)
    if share.empty:
        return HTML("")
    areas = [a for a in matrix.columns]

    shown = area_names(c.year, lang)
    status = names.terms("reporting", lang)
    by_region = {r["region"]: r for r in c.rows}
    head = "".join(f'<th class="area">{html.escape(shown.get(a, a))}</th>' for a in areas)
    parts = [
        f'<p class="pr-note">{html.escape(t("cmp_heatmap_note", lang))}</p>',
        f'<table class="pr-heat"><thead><tr><th>{html.escape(t("cmp_province", lang))}</th>'
        f"<th>{html.escape(t('cmp_regions', lang))}</th>{head}</tr></thead><tbody>",
    ]
    for province, row in share.iterrows():
        cells = "".join(
            f'<td style="background:rgba(26,152,80,{row[a]:.2f})">{row[a]:.0%}</td>' for a in areas
        )
        parts.append(
            f'<tr><td class="name">{html.escape(province or t("cmp_no_province", lang))}</td>'
            f"<td>{int(row['regions'])}</td>{cells}</tr>"
        )
    parts.append("</tbody></table>")
    for province in share.index:
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
        parts.append(
            f'<details class="pr-province"><summary>{html.escape(province or t("cmp_no_province", lang))} '
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
            t("cmp_evidence_rate", lang): [_num(v, pct=True) for v in ranked["evidence_rate"]],
            t("cmp_days_early", lang): ranked["days_early"],
            t("cmp_statutory", lang, n=5): ranked["statutory_covered"],
            t("cmp_figures_per_1000", lang): ranked["figures_per_1000"],
            t("cmp_areas", lang): ranked["areas_reported"],
            t("cmp_followthrough", lang): [_num(v, pct=True) for v in ranked["followthrough"]],
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
        df.insert(0, t("cmp_province", lang), [r.get("province") or "" for r in c.rows])
        df = (
            df.drop(columns=[t("cmp_region", lang), t("cmp_flagged", lang)])
            .groupby(t("cmp_province", lang), as_index=False)
            .sum()
        )
    return table(df)


def notes(c: Comparison) -> HTML:
    lang = c.lang
    items = [
        t("cmp_note_rows", lang, n=len(c.rows), year=c.year),
        t("cmp_note_days", lang),
        t("cmp_note_rate", lang),
        t("cmp_note_figures", lang),
        t("cmp_note_follow", lang),
        t("cmp_note_recycled", lang),
    ]
    return HTML("<ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in items) + "</ul>")
