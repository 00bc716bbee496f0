"""A run's headline numbers, as JSON: what ``policy-review summary`` prints and the index page shows."""

from __future__ import annotations

from policy_review.core import labels
from policy_review.core.labels import t
from policy_review.review import statutory, year_review as rv
from policy_review.tables import vocabularies
from policy_review.tables.names import term


def headline(region: str, year: int) -> dict:
    """Plan counts by kind and stage, counts on both status axes, figures, problems, commitments
    and follow-ups by status, for one region-year."""
    return headline_of(rv.load_review(region, year))


def headline_of(r: rv.YearReview) -> dict:
    """The headline of an already loaded review."""
    region, year = r.region, r.year
    plan = {kind: {stage: rv.plan_count(r, kind, stage) for stage in rv.STAGES} for kind in rv.KINDS}
    tasks = r.tasks
    silent = vocabularies.unreported(r.is_excerpt)  # on an excerpt: not in the part available
    statuses = [silent if s == "not_reported" else s for s in rv.REPORTING]
    reporting = {s: int((tasks["reporting"] == s).sum()) if not tasks.empty else 0 for s in statuses}
    progress = {s: int((tasks["progress"] == s).sum()) if not tasks.empty else 0 for s in rv.PROGRESS}
    check = statutory.publication_check(r)
    return {
        "region": region,
        "region_name": labels.region_name(r.provenance, r.lang),
        "year": year,
        "lang": r.lang,
        "title": r.title,
        "coverage": r.provenance.get("coverage"),
        "curated": r.curated,
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


def headline_text(h: dict, lang: str = "en") -> str:
    """The headline as a few stable lines of text (checked by nbval in the notebooks). The English
    lines keep the data's own words (``long_term``, ``not_found``): scripts read them."""

    def stages(kind_stages: dict) -> str:
        return t("hl_sep", lang).join(
            t("hl_stage", lang, stage=s, n=n, stage_name=term("plan_stage", s, lang))
            for s, n in kind_stages.items()
            if n is not None
        )

    coverage = "hl_coverage_excerpt" if h["coverage"] == "excerpt" else "hl_coverage_full"
    lines = [
        t("hl_title", lang, region=h["region"], year=h["year"], title=labels.stated(h["title"], lang)),
        t(
            "hl_source",
            lang,
            coverage=t(coverage, lang) if h["coverage"] in ("full", "excerpt") else h["coverage"],
            curation=t("hl_curated" if h["curated"] else "hl_uncurated", lang),
            published=h["published"] or t("date_unknown", lang),
            timeliness=t("hl_in_time" if h["published_in_time"] else "hl_late", lang),
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
