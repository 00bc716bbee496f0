"""A run's headline numbers, as JSON: what ``policy-review summary`` prints and the index page shows."""

from __future__ import annotations

from policy_review.core import labels
from policy_review.core.labels import t
from policy_review.review import statutory, year_review as rv
from policy_review.tables import vocabularies as v
from policy_review.tables.names import term


def headline(region: str, year: int) -> dict:
    """Plan counts by kind and stage, counts on both status axes, figures, problems, commitments
    and follow-ups by status, for one region-year."""
    return headline_of(rv.load_review(region, year))


def headline_of(r: rv.YearReview) -> dict:
    """The headline of an already loaded review."""
    region, year = r.region, r.year
    plan = {kind: {stage: rv.plan_count(r, kind, stage) for stage in v.PLAN_STAGES} for kind in v.PLAN_KINDS}
    tasks = r.tasks
    statuses = [*v.LEVELS, v.unreported(r.is_excerpt)]  # on an excerpt: not in the part available
    reporting = {s: int((tasks["reporting"] == s).sum()) if not tasks.empty else 0 for s in statuses}
    progress = {s: int((tasks["progress"] == s).sum()) if not tasks.empty else 0 for s in v.PROGRESS}
    check = statutory.publication_check(r)
    trust = r.review_status
    return {
        "region": region,
        "region_name": labels.region_name(r.provenance, r.lang),
        "year": year,
        "lang": r.lang,
        "title": r.title,
        "coverage": r.provenance.get("coverage"),
        "excerpt": r.is_excerpt,
        "curated": r.curated,  # every row it uses reviewed
        "rows_reviewed": trust[v.REVIEWED],
        "rows": trust[v.REVIEWED] + trust[v.EXTRACTED],
        "published": check["published"],
        "published_in_time": check["in_time"],
        "plan": plan,
        "tasks_named": {"reporting": reporting, "progress": progress},
        "evidence_items": rv.evidence_counts(r),
        "evidence_rate": rv.evidence_rate(r),
        "figures": int(len(r.figures)),
        "problems": int(len(r.issues)),
        "commitments_for_next_year": int(len(r.commitments)),
        "followups_of_last_year": rv.followup_counts(r),
    }


#: The headline's word for whether the report was published in time: a report whose publication
#: date is not known is not late, its date is unknown.
TIMELINESS = {True: "hl_in_time", False: "hl_late", None: "hl_published_unknown"}


def curation(h: dict, lang: str) -> str:
    """How far a run's rows are reviewed: curated (all), or a draft with how many are."""
    if h["curated"]:
        return t("hl_curated", lang)
    if h.get("rows_reviewed"):
        return t("hl_partly_reviewed", lang, reviewed=h["rows_reviewed"], total=h["rows"])
    return t("hl_uncurated", lang)


def headline_text(h: dict, lang: str = "en") -> str:
    """The headline as a few stable lines of text (checked by nbval in the notebooks). The English
    lines keep the data's own words (``long_term``, ``not_found``): scripts read them."""

    def stages(kind_stages: dict) -> str:
        return t("hl_sep", lang).join(
            t("hl_stage", lang, stage=s, n=n, stage_name=term("plan_stage", s, lang))
            for s, n in kind_stages.items()
            if n is not None
        )

    lines = [
        t("hl_title", lang, region=h["region"], year=h["year"], title=labels.stated(h["title"], lang)),
        t(
            "hl_source",
            lang,
            coverage=t("hl_coverage_excerpt" if h["excerpt"] else "hl_coverage_full", lang),
            curation=curation(h, lang),
            published=h["published"] or t("date_unknown", lang),
            timeliness=t(TIMELINESS[h["published_in_time"]], lang),
        ),
    ]
    for kind, kind_stages in h["plan"].items():
        lines.append(
            t(
                "hl_kind",
                lang,
                kind=kind,
                kind_name=term("task_kind", kind, lang),
                parts=stages(kind_stages) or t("hl_no_counts", lang),
            )
        )
    lines.append(t("hl_evidence", lang, **h["evidence_items"]))
    lines.append(
        t(
            "hl_counts",
            lang,
            figures=h["figures"],
            problems=h["problems"],
            commitments=h["commitments_for_next_year"],
        )
    )
    fu = h["followups_of_last_year"]
    lines.append(
        t(
            "hl_followups",
            lang,
            parts=t("hl_sep", lang).join(
                t("hl_followup", lang, status=k, n=v, status_name=term("followup_status", k, lang))
                for k, v in fu.items()
            ),
        )
    )
    return "\n".join(lines)
