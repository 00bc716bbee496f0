"""Many regions side by side for one year: one row per region, a region × area heatmap of the
reporting axis (by province, with a drill-down), and rankings on comparable rows only.

Each row is computed once, in the year run's worker (:func:`comparison_row`, kept in the run's
``<stem>.summary.json``), so the comparison of a thousand regions reads a thousand small files
instead of reviewing a thousand reports again. Excerpts, uncurated drafts and synthetic data are
flagged on every view and left out of rankings unless asked (``rank_flagged``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from policy_review.core import labels, outputs, paths
from policy_review.review import metrics, recycling, statutory, year_review as rv
from policy_review.review.shared_text import shared_runs as shared_text_runs
from policy_review.review.year_review import load_review
from policy_review.tables import vocabularies as v
from policy_review.tables.load import reference_table
from policy_review.tables.names import area_names
from policy_review.tables.params import LANGS

#: Where each column of a row is shown in the region's year page (section anchors of views.heading).
PASSAGE = {
    "published": "sec-source",
    "statutory": "sec-statutory",
    "plan": "sec-funnel",
    "evidence": "sec-coverage",
    "figures": "sec-figures",
    "areas": "sec-coverage",
    "problems": "sec-problems",
    "followthrough": "sec-commitments",
    "recycled": "sec-recycled",
}
#: Measures a ranking orders by (higher is better for each).
RANKED = (
    "days_early",
    "statutory_covered",
    "evidence_rate",
    "figures_per_1000",
    "areas_reported",
    "followthrough",
)


#: Why a row is not comparable: its flags, in the order pages list them.
FLAGS = ("excerpt", "draft", "synthetic")


def provinces() -> pd.DataFrame:
    """The province-level divisions (``data/reference/provinces.csv``), in their order."""
    return reference_table("provinces").sort_values("order", kind="stable").reset_index(drop=True)


def province_of(provenance: dict) -> str:
    """The province a region belongs to: ``province`` in its provenance, else the province its
    Chinese name begins with (重庆市开州区 → 重庆市; 内蒙古… by its short name), else empty."""
    if provenance.get("province"):
        return str(provenance["province"])
    name = str(provenance.get("region_name_zh") or "")
    known = provinces()
    return next(
        (p for p, short in zip(known["name_zh"], known["short_zh"]) if name.startswith((p, short))), ""
    )


def province_name(province: str, lang: str) -> str:
    """A province's name in ``lang`` (``provinces.csv``); a name the table does not know as written."""
    known = provinces()
    hit = known[known["name_zh"] == province]
    return str(hit.iloc[0][labels.language_column("name", lang)]) if not hit.empty else province


def comparison_row(review) -> dict:
    """The comparison row of one region-year: plain numbers (JSON), each as the year review computes it."""
    check = statutory.publication_check(review)
    covered, required = statutory.statutory_counts(review)  # items not required that year left out
    coverage = rv.framework_coverage(review, area_names(review.year, "en"))  # the areas in force
    counts = rv.evidence_counts(review)
    followups = rv.followup_counts(review)
    trust = review.review_status
    themes = review.issues["theme"].value_counts().to_dict() if not review.issues.empty else {}
    chars = len(review.text)
    return {
        "region": review.region,
        "year": review.year,
        "name_en": labels.region_name(review.provenance, "en"),
        "name_zh": labels.region_name(review.provenance, "zh"),
        "province": province_of(review.provenance),
        "excerpt": bool(review.is_excerpt),
        "draft": not review.curated,  # any row it uses not reviewed yet
        "rows_reviewed": trust[v.REVIEWED],
        "rows": trust[v.REVIEWED] + trust[v.EXTRACTED],
        "synthetic": review.is_synthetic,
        "published": check["published"],
        "deadline": check["deadline_date"],
        "days_early": check["days_to_spare"],
        "statutory_covered": covered if required else None,
        "statutory_items": required,
        "plan": {
            kind: {stage: rv.plan_count(review, kind, stage) for stage in v.PLAN_STAGES}
            for kind in v.PLAN_KINDS
        },
        "evidence": counts,
        "evidence_rate": metrics.rate("evidence_rate", counts),
        "characters": chars,
        "figures": int(len(review.figures)),
        "figures_per_1000": round(len(review.figures) * 1000 / chars, 2) if chars else None,
        "areas_reported": int((~coverage["area_reporting"].isin(v.SILENT)).sum()),
        "areas_in_force": int(len(coverage)),
        "area_reporting": dict(zip(coverage["area_id"], coverage["area_reporting"])),
        "problems": int(len(review.issues)),
        "problems_by_theme": {str(k): int(v) for k, v in themes.items()},
        "followups": followups,
        "followthrough": metrics.rate("followthrough_rate", followups),
        "recycled": recycled_of(review),
    }


def recycled_of(review) -> dict:
    """The comparison's numbers of what a report repeats of its own report of the year before
    (:func:`policy_review.review.recycling.summary`, without its passages)."""
    s = recycling.summary(review)
    keep = ("available", "excerpt", "previous_excerpt", "sentences", "repeated", "share", "problems_again")
    return {k: s[k] for k in keep if k in s}


def kept_row(summary: Path) -> dict | None:
    """The comparison row a year run kept in its summary, or None where the file is not a summary
    a run wrote (the output folder is not trusted: a link, a FIFO, ``{}``, not JSON)."""
    try:
        row = json.loads(outputs.read_output(summary))["comparison"]
    except (OSError, ValueError, RecursionError, KeyError, TypeError):
        return None
    return row if isinstance(row, dict) else None


def _kept(folder: Path, stem: str) -> bool:
    summary = folder / outputs.name(stem, outputs.SUMMARY)
    return outputs.regular_file(folder / outputs.name(stem, outputs.PAGE)) and kept_row(summary) is not None


def kept_summary(folder: Path, year: int, lang: str, page: bool = True) -> Path | None:
    """The summary (``<stem>.summary.json``) of a good year run of ``year`` in a region's output
    folder, its page beside it: the run in ``lang`` where there is one, else the run in another
    language (a comparison has one row per region, whatever language its run is in). ``page``
    False: a summary without its page will do where none has one (rows written by a benchmark)."""
    stems = [outputs.year_stem(year, o) for o in dict.fromkeys((lang, *LANGS))]
    found = [s for s in stems if _kept(folder, s)]
    if not found and not page:
        found = [s for s in stems if kept_row(folder / outputs.name(s, outputs.SUMMARY)) is not None]
    return folder / outputs.name(found[0], outputs.SUMMARY) if found else None


def kept_languages(out_dir: Path, year: int, regions: list[str]) -> list[str]:
    """The languages of the good year runs of ``year`` that ``regions`` have in ``out_dir``: the
    languages the year's comparison is written in."""
    return [lang for lang in LANGS if any(_kept(out_dir / r, outputs.year_stem(year, lang)) for r in regions)]


def regions_with_report(year: int) -> list[str]:
    """Every region with a report text for ``year`` in ``data/reports/``."""
    base = paths.reports_dir()
    return sorted(p.parent.name for p in base.glob(f"*/{year}.txt")) if base.exists() else []


def comparison_rows(
    year: int, regions: list[str] | None = None, lang: str = "en", rows_from: str = ""
) -> list[dict]:
    """The rows of ``regions`` (default: every region with a report that year). ``rows_from``: an
    output folder whose year runs kept their rows (``<region>/<stem>.summary.json``, of the run in
    ``lang`` or else in another language: :func:`kept_summary`); a row not found there is computed
    from the data. Each row names the region's page it links to (``page``): the page of the run
    it was read from, else the page in ``lang``. A row holds numbers, ids and both names, never
    words of its run's language: the views say it in the comparison's language."""
    rows = []
    for region in regions or regions_with_report(year):
        kept = kept_summary(Path(rows_from) / region, year, lang, page=False) if rows_from else None
        if kept is not None:
            stem = kept.name.removesuffix("." + outputs.SUMMARY)
            rows.append({**kept_row(kept), "region": region, "page": outputs.name(stem, outputs.PAGE)})
        else:
            row = comparison_row(load_review(region, year, lang))
            rows.append({**row, "page": outputs.name(outputs.year_stem(year, lang), outputs.PAGE)})
    return rows


@dataclass
class Comparison:
    year: int
    lang: str
    rows: list[dict]
    rank_flagged: bool = False

    @property
    def frame(self) -> pd.DataFrame:
        df = pd.DataFrame(self.rows)
        if df.empty:
            return df
        df["comparable"] = ~df[list(FLAGS)].any(axis=1)
        return df


def load_comparison(
    year: int,
    regions: list[str] | None = None,
    lang: str = "en",
    rows_from: str = "",
    rank_flagged: bool = False,
) -> Comparison:
    return Comparison(year, lang, comparison_rows(year, regions, lang, rows_from), rank_flagged)


def flags(row: dict) -> list[str]:
    """The flag keys of a row (``excerpt``, ``draft``, ``synthetic``): why it is not comparable."""
    return [f for f in FLAGS if row.get(f)]


def flag_counts(c: Comparison) -> dict[str, int]:
    return {f: sum(1 for r in c.rows if r.get(f)) for f in FLAGS}


def ranking(c: Comparison, by: str = "evidence_rate") -> pd.DataFrame:
    """Comparable rows (all rows if ``rank_flagged``) ranked on each measure (1 = highest; rows
    without the measure are not ranked on it), ordered by ``by``."""
    df = c.frame
    if df.empty:
        return df
    if not c.rank_flagged:
        df = df[df["comparable"]]
    out = df[["region", "name_en", "name_zh", *FLAGS, *RANKED]].copy()
    for m in RANKED:
        out[f"rank_{m}"] = out[m].rank(ascending=False, method="min").astype("Int64")
    return out.sort_values([f"rank_{by}", "region"], na_position="last").reset_index(drop=True)


def problem_themes(c: Comparison) -> list[str]:
    """Problem themes admitted by any region, most often first."""
    total: dict[str, int] = {}
    for r in c.rows:
        for theme, n in r.get("problems_by_theme", {}).items():
            total[theme] = total.get(theme, 0) + n
    return sorted(total, key=lambda t: (-total[t], t))


def area_matrix(c: Comparison) -> pd.DataFrame:
    """Region × framework area: the area's reporting status in the region's report. Only the areas
    of the framework in force that year: a draft's ``unclassified`` items are no area."""
    records = {r["region"]: r.get("area_reporting", {}) for r in c.rows}
    matrix = pd.DataFrame.from_dict(records, orient="index").reindex(sorted(records))
    return matrix.reindex(columns=[a for a in area_names(c.year) if a in matrix.columns])


def province_heatmap(c: Comparison) -> pd.DataFrame:
    """Province × area, one row per pair: the province's ``regions``, how many of them have a
    text that reaches the area (``reached``: an excerpt that stops before it does not) and how many
    of those evidence it, and the ``share`` (``metrics.METRICS["province_evidenced"]``): None where
    no region's text reaches the area (drawn hatched, never 0%)."""
    m = area_matrix(c)
    columns = ["province", "area_id", "regions", v.EVIDENCED, "reached", "share"]
    if m.empty:
        return pd.DataFrame(columns=columns)
    province = pd.Series({r["region"]: r.get("province") or "" for r in c.rows}).reindex(m.index)
    rows = []
    for name, members in m.groupby(province, sort=True):
        for area in m.columns:
            cells = members[area]
            counts = {v.EVIDENCED: int((cells == v.EVIDENCED).sum()), "reached": int(cells.notna().sum())}
            counts["reached"] -= int((cells == v.NOT_IN_EXCERPT).sum())
            share = metrics.rate("province_evidenced", counts)
            rows.append(
                {"province": name, "area_id": area, "regions": len(members), **counts, "share": share}
            )
    return pd.DataFrame(rows, columns=columns)


# ---------------------------------------------------------------- text shared across regions


def own_names(provenance: dict) -> tuple[str, ...]:
    """The names a report may call its own region by: its Chinese name (without a parenthesised
    note such as （合成示例）) and that name without its province (重庆市开州区 → 开州区)."""
    full = str(provenance.get("region_name_zh") or "").split("\uff08")[0].split("(")[0].strip()
    province = province_of({"region_name_zh": full})
    short = full[len(province) :] if province and full.startswith(province) else ""
    return tuple(n for n in (full, short) if len(n) >= 2)


def shared_text(c: Comparison) -> pd.DataFrame:
    """Pairs of the compared reports sharing runs of sentences
    (:func:`policy_review.review.shared_text.shared_runs`), each report's own names set aside."""
    reports = {}
    for row in c.rows:
        text = recycling.text_of(row["region"], c.year)
        if text is not None:
            names = own_names({"region_name_zh": row.get("name_zh"), "province": row.get("province")})
            reports[row["region"]] = (text, c.year, names)
    return shared_text_runs(reports)
