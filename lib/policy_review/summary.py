"""A run's headline numbers, as JSON: what ``policy-review summary`` prints and the index page shows."""

from __future__ import annotations

from . import review as rv


def headline(region: str, year: int) -> dict:
    """Plan counts by kind and stage, counts on both status axes, figures, problems, commitments
    and follow-ups by status, for one region-year."""
    return headline_of(rv.load_review(region, year))


def headline_of(r: rv.YearReview) -> dict:
    """The headline of an already loaded review."""
    region, year = r.region, r.year
    plan = {kind: {stage: rv.plan_count(r, kind, stage) for stage in rv.STAGES} for kind in rv.KINDS}
    tasks = r.tasks
    reporting = {s: int((tasks["reporting"] == s).sum()) if not tasks.empty else 0 for s in rv.REPORTING}
    progress = {s: int((tasks["progress"] == s).sum()) if not tasks.empty else 0 for s in rv.PROGRESS}
    check = rv.publication_check(r)
    return {
        "region": region,
        "year": year,
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
    """The headline as a few stable lines of text (checked by nbval in the notebooks)."""
    if lang == "zh":
        return _headline_text_zh(h)

    def fmt(n):
        return "-" if n is None else str(n)

    lines = [f"{h['region']} {h['year']}: {h['title']}",
             f"source: {h['coverage']}, {'curated' if h['curated'] else 'uncurated draft'}, "
             f"published {h['published']} ({'in time' if h['published_in_time'] else 'late or unknown'})"]
    for kind, stages in h["plan"].items():
        parts = ", ".join(f"{stage} {fmt(n)}" for stage, n in stages.items() if n is not None) or "no counts stated"
        lines.append(f"{kind} tasks: {parts}")
    ev = h["evidence_items"]
    lines.append(f"evidence items: {ev['evidenced']} evidenced, {ev['mentioned']} mentioned, {ev['claimed']} claimed")
    lines.append(f"figures {h['figures']}, problems {h['problems']}, commitments {h['commitments_for_next_year']}")
    fu = h["followups_of_last_year"]
    lines.append("follow-ups of last year's commitments: " + ", ".join(f"{k} {v}" for k, v in fu.items()))
    return "\n".join(lines)


def _headline_text_zh(h: dict) -> str:
    from .labels import term

    lines = [f"{h['region']} {h['year']}年:{h['title']}",
             f"来源:{'节选' if h['coverage'] == 'excerpt' else '全文'},{'已审核' if h['curated'] else '未审核草稿'},"
             f"{h['published']}发布({'按时' if h['published_in_time'] else '逾期或未知'})"]
    for kind, stages in h["plan"].items():
        parts = ",".join(f"{term('plan_stage', s, 'zh')}{n}项" for s, n in stages.items() if n is not None)
        lines.append(f"{term('task_kind', kind, 'zh')}:{parts or '报告未说明数量'}")
    ev = h["evidence_items"]
    lines.append(f"报告事项:有实证{ev['evidenced']}项,仅提及{ev['mentioned']}项,笼统声称{ev['claimed']}项")
    lines.append(f"数据{h['figures']}个,问题{h['problems']}项,下年度打算{h['commitments_for_next_year']}项")
    fu = h["followups_of_last_year"]
    lines.append("上年打算落实:" + ",".join(f"{term('followup_status', k, 'zh')}{v}项" for k, v in fu.items()))
    return "\n".join(lines)
