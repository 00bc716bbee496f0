"""Trends across one region's years: plan counts, rates, follow-through, recurring problems and
figures that come back (or are compared across years inside one report)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from policy_review.core import paths
from policy_review.draft.classification import UNCLASSIFIED
from policy_review.review import metrics, year_review as rv
from policy_review.tables import names, vocabularies as v
from policy_review.tables.frameworks import areas_for, comparable_area, framework_id, to_2015
from policy_review.tables.params import check_parameters

_YEAR = re.compile(r"(?<!\d)(20\d\d)年")


@dataclass
class Trends:
    region: str
    lang: str
    reviews: list[rv.YearReview]

    @property
    def years(self) -> list[int]:
        return [r.year for r in self.reviews]

    @property
    def provenance(self) -> dict:
        return self.reviews[-1].provenance if self.reviews else {"region": self.region}

    @property
    def is_synthetic(self) -> bool:
        """Whether any year of the region is synthetic example data (``RegionYear.is_synthetic``)."""
        return any(r.is_synthetic for r in self.reviews)


def region_years(region: str) -> list[int]:
    """The years that have a report text for the region."""
    return sorted(int(p.stem) for p in paths.reports_dir(region).glob("*.txt") if p.stem.isdigit())


def load_trends(region: str, lang: str = "en", sources: dict | None = None) -> Trends:
    """Every year's review of ``region`` (parameters checked as a params file's are); ``sources``:
    the source page written for each year (:func:`policy_review.pages.source_page.source_of`)."""
    check_parameters(region, lang=lang)
    return Trends(region, lang, [rv.load_review(region, y, lang, sources) for y in region_years(region)])


def plan_counts(tr: Trends) -> pd.DataFrame:
    """Plan counts by year, kind and stage (long format), with the report each comes from."""
    frames = []
    for r in tr.reviews:
        f = rv.plan_funnel(r)
        if not f.empty:
            frames.append(f.assign(plan_year=r.year, curated=r.curated))  # every row reviewed
    if not frames:
        return pd.DataFrame(
            columns=["plan_year", "kind", "stage", "count", "report_year", "quote", "start", "end", "curated"]
        )
    return pd.concat(frames, ignore_index=True)[
        ["plan_year", "kind", "stage", "count", "report_year", "quote", "start", "end", "curated"]
    ]


def plan_matrix(tr: Trends) -> pd.DataFrame:
    """Plan counts as a year × (kind, stage) table; blank where the reports state nothing."""
    pc = plan_counts(tr)
    if pc.empty:
        return pd.DataFrame(index=tr.years)
    m = pc.pivot_table(index="plan_year", columns=["kind", "stage"], values="count", aggfunc="first")
    order = [(k, s) for k in v.PLAN_KINDS for s in v.PLAN_STAGES if (k, s) in m.columns]
    return m.reindex(index=tr.years)[order]


def rates(tr: Trends) -> pd.DataFrame:
    """Per year: on-time completion rate of assigned annual tasks, evidence rate, follow-through
    rate, each from its definition (``metrics.METRICS``) and with the counts it is made of."""
    rows = []
    for r in tr.reviews:
        plan = {s: rv.plan_count(r, v.ANNUAL, s) for s in (v.ASSIGNED, v.COMPLETED_ON_TIME)}
        fu = rv.followup_counts(r)
        ev = rv.evidence_counts(r)
        judged = sum(fu.values()) - fu[v.NOT_FOUND]
        rows.append(
            {
                "year": r.year,
                "annual_assigned": plan[v.ASSIGNED],
                "annual_on_time": plan[v.COMPLETED_ON_TIME],
                "on_time_rate": metrics.rate("on_time_rate", plan),
                "evidence_rate": metrics.rate("evidence_rate", ev),
                v.EVIDENCED: ev[v.EVIDENCED],
                "evidence_items": sum(ev.values()),
                "followups": sum(fu.values()),
                "followups_shown": sum(fu[s] for s in v.FOLLOWUP_SHOWN),
                "followthrough_rate": metrics.rate("followthrough_rate", fu),
                "followups_judged": judged,
                "excerpt": r.is_excerpt,
                "partial": metrics.is_partial(r),  # an excerpt or an uncurated draft: drawn hollow
            }
        )
    return pd.DataFrame(rows)


def recurring_problems(tr: Trends) -> pd.DataFrame:
    """Theme × year: how many problems of each theme each report admits."""
    frames = [r.issues.assign(year=r.year) for r in tr.reviews if not r.issues.empty]
    if not frames:
        return pd.DataFrame()
    iss = pd.concat(frames, ignore_index=True)
    m = iss.pivot_table(index="theme", columns="year", values="issue_id", aggfunc="count", fill_value=0)
    return m.reindex(columns=tr.years, fill_value=0)


def figures_compared_within(r: rv.YearReview) -> pd.DataFrame:
    """Figures compared across years inside one report: sentences holding two or more figures of
    the same unit and two or more year mentions (e.g. 由2016年的19.55%提高至2018年的45.88%)."""
    fig = r.figures
    if fig.empty:
        return pd.DataFrame()
    rows = []
    for _, f in fig.iterrows():
        years_before = _YEAR.findall(r.text[max(0, int(f["start"]) - 12) : int(f["start"])])
        if not years_before:  # the cheap tests first: most figures have no year just before them
            continue
        sentence = rv.sentence_around(r.text, int(f["start"]), int(f["end"]))
        if len(_YEAR.findall(sentence)) < 2:
            continue
        at = r.text.find(sentence)
        same_unit = fig[(fig["unit"] == f["unit"]) & fig["start"].between(at, at + len(sentence))]
        if len(same_unit) >= 2:
            rows.append(
                {
                    "report_year": r.year,
                    "refers_to_year": int(years_before[-1]),
                    "value": f["value"],
                    "unit": f["unit"],
                    "raw": f["raw"],
                    "label_zh": f["label_zh"],
                    "label_en": f.get("label_en", ""),
                    "quote": sentence,
                    "start": f["start"],
                    "end": f["end"],
                }
            )
    return pd.DataFrame(rows)


def figures_across_years(tr: Trends) -> pd.DataFrame:
    """Figures that appear in several reports under the same label and unit, plus those one report
    compares across years."""
    frames = [r.figures.assign(year=r.year) for r in tr.reviews if not r.figures.empty]
    out = []
    if frames:
        allf = pd.concat(frames, ignore_index=True)
        for (label, unit), g in allf.groupby(["label_zh", "unit"]):
            if g["year"].nunique() >= 2:
                for _, f in g.iterrows():
                    out.append(
                        {
                            "report_year": f["year"],
                            "refers_to_year": f["year"],
                            "value": f["value"],
                            "unit": unit,
                            "raw": f["raw"],
                            "label_zh": label,
                            "label_en": f.get("label_en", ""),
                            "quote": rv.sentence_around(
                                tr.reviews[tr.years.index(f["year"])].text, int(f["start"]), int(f["end"])
                            ),
                            "start": f["start"],
                            "end": f["end"],
                        }
                    )
    within = [figures_compared_within(r) for r in tr.reviews]
    frames2 = [pd.DataFrame(out)] + [w for w in within if not w.empty]
    frames2 = [f for f in frames2 if not f.empty]
    return (
        pd.concat(frames2, ignore_index=True)
        if frames2
        else pd.DataFrame(
            columns=[
                "report_year",
                "refers_to_year",
                "value",
                "unit",
                "raw",
                "label_zh",
                "label_en",
                "quote",
                "start",
                "end",
            ]
        )
    )


def target_framework_year(tr: Trends) -> int | None:
    """The year whose framework every year's areas are expressed in: the latest report's."""
    return tr.years[-1] if tr.years else None


def spans_frameworks(tr: Trends) -> bool:
    """Whether the region's years answer to more than one national framework (2020/2021)."""
    return len({framework_id(y) for y in tr.years}) > 1


def area_reporting_by_year(tr: Trends) -> pd.DataFrame:
    """Area × year in one framework, so years across the 2020/2021 change compare like with like.

    Every year's evidence items and named tasks are counted by area (``metrics.area_reporting``),
    then each area is carried into the framework of the latest report through
    ``area_crosswalk.csv`` (:func:`policy_review.tables.frameworks.comparable_area`): 2015–2020 areas that
    went into one 2021–2025 area are added up, and the area's reporting is the strongest level.
    An area with no forerunner in a year's framework (应急 and 科技保障 before 2021, held by
    履行政府职能 then) is ``in_area`` of that forerunner, not "not reported"."""
    columns = [
        "year",
        "area_id",
        "from_areas",
        "reporting",
        v.EVIDENCED,
        v.MENTIONED,
        v.CLAIMED,
        "tasks_named",
        "held_by",
    ]
    target = target_framework_year(tr)
    if target is None:
        return pd.DataFrame(columns=columns)
    target_ids = list(areas_for(target)["area_id"])
    rows = []
    for r in tr.reviews:
        cov = rv.coverage_by_area(r, names.area_names(r.year, tr.lang))  # "not classified" kept apart
        own_ids = set(areas_for(r.year)["area_id"])
        mapped: dict[str, list[dict]] = {}
        for rec in cov.to_dict("records"):
            aid = rec["area_id"]
            aid = aid if aid == UNCLASSIFIED else comparable_area(aid, r.year, target)
            mapped.setdefault(aid, []).append(rec)
        for aid in target_ids + ([UNCLASSIFIED] if UNCLASSIFIED in mapped else []):
            recs = mapped.get(aid, [])
            row = {
                "year": r.year,
                "area_id": aid,
                "from_areas": "|".join(x["area_id"] for x in recs),
                "held_by": None,
            }
            for level in v.LEVELS:
                row[level] = sum(int(x[level]) for x in recs)
            row["tasks_named"] = sum(int(x["tasks_named"]) for x in recs)
            statuses = [x["area_reporting"] for x in recs]
            row["reporting"] = next(
                (lv for lv in v.LEVELS if lv in statuses), v.unreported(r.is_excerpt)
            )  # an excerpt's: not in it
            if not recs and aid not in own_ids:
                row["reporting"], row["held_by"] = "held_elsewhere", to_2015(aid)
            rows.append(row)
    return pd.DataFrame(rows, columns=columns)
