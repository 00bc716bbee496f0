"""The year review: one region's report on one year, read against its plan.

:func:`load_review` gathers what is known of a region-year: the source document and its
provenance, the curated tables where they exist, and an automatic extraction of the report
text (used as a draft, labelled uncurated, where nothing is curated). The functions after it
each answer one question of the review and return a plain DataFrame or dict; ``views`` shows
them, ``summary`` condenses them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from functools import lru_cache

import pandas as pd

from policy_review.core import paths
from policy_review.core.labels import t
from policy_review.draft.classification import UNCLASSIFIED
from policy_review.draft.extract import extract_report
from policy_review.draft.report_draft import draft_tables as tables, followups_table, previous_commitments
from policy_review.draft.task_matching import plan_tasks
from policy_review.review import metrics
from policy_review.review.loaded_reviews import kept, memo
from policy_review.sources import provenance
from policy_review.sources.plan_sources import has_plan
from policy_review.sources.report_text import read_report_text
from policy_review.tables import vocabularies as v
from policy_review.tables.frameworks import in_force
from policy_review.tables.load import RegionYear, load_region, load_year
from policy_review.tables.names import area_name, area_names
from policy_review.tables.params import check_parameters

#: The tables of a review whose rows a page uses: trust is counted over them, row by row.
USED_TABLES = (
    "plan_counts",
    "tasks",
    "evidence",
    "figures",
    "issues",
    "commitments",
    "previous_commitments",
    "followups",
)


@dataclass(frozen=True)
class YearReview(RegionYear):
    """Everything the review of one region-year works from: the report and its curated rows
    (:class:`~policy_review.tables.load.RegionYear`), or an uncurated draft extracted from the text,
    plus what the review needs around them."""

    lang: str = "en"
    previous_issues: pd.DataFrame = field(default_factory=pd.DataFrame)  # problems admitted a year before
    previous_available: bool = False  # whether last year's report is there to compare with
    tasks_from_plan: bool = False  # tasks read from the year's plan and matched to the report (a draft)
    sources: dict | None = None  # year → the source page written for it (source_page.source_of)

    @property
    def extraction(self) -> dict:
        """The automatic extraction of the report text (:func:`policy_review.draft.extract.extract_report`:
        headings, figures, task counts, problems, commitments), made when first asked for."""
        return memo(self, "extraction", (self.text,), lambda: extract_report(self.text, self.year))

    @property
    def is_excerpt(self) -> bool:
        """Whether the report is an excerpt (:func:`policy_review.sources.provenance.is_excerpt`)."""
        return provenance.is_excerpt(self.region, self.year, self.provenance)

    @property
    def review_status(self) -> dict[str, int]:
        """The rows this review uses (:data:`USED_TABLES`), by review status: ``reviewed`` or
        ``extracted`` (drafted from the text, curated or not, and not reviewed yet):
        ``metrics.METRICS["rows_reviewed"]``."""
        return metrics.review_status_counts(getattr(self, name) for name in USED_TABLES)

    @property
    def curated(self) -> bool:
        """Whether every row this review uses is reviewed (trust is per row: one drafted row
        that nobody has reviewed yet makes the review a draft, banner and all)."""
        counts = self.review_status
        return counts[v.REVIEWED] > 0 and counts[v.EXTRACTED] == 0

    @property
    def title(self) -> str:
        return str(self.provenance.get("title", ""))


# ---------------------------------------------------------------- loading


@lru_cache(maxsize=32)
def region_tables(region: str) -> dict[str, pd.DataFrame]:
    """A region's curated tables, loaded (and validated) once per process."""
    return load_region(region)


def _plain_dates(provenance: dict) -> dict:
    """Provenance with its dates as ISO text, as they are shown and exported."""
    return {k: x.isoformat() if isinstance(x, dt.date) else x for k, x in provenance.items()}


def _only_extracted(known: RegionYear) -> bool:
    """Whether every curated row of this report is a drafted row nobody has reviewed yet."""
    frames = [known.evidence, known.figures, known.issues, known.commitments, known.followups, known.tasks]
    counts = metrics.review_status_counts(frames)
    return counts[v.EXTRACTED] > 0 and counts[v.REVIEWED] == 0


def _drafted(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows drafted from a text as the review uses them: marked ``extracted`` (not reviewed)."""
    if frame.empty or "review_status" in frame:
        return frame
    return frame.assign(review_status=v.EXTRACTED)


def load_review(region: str, year: int, lang: str = "en", sources: dict | None = None) -> YearReview:
    """Load and validate what is known of ``region`` in ``year`` (raises BadInput on bad data;
    ``sources``: the source pages its page links, see :func:`policy_review.pages.source_page.source_of`).
    Where nothing of this report is curated, the tables are a draft extracted from its text
    (:mod:`policy_review.draft.report_draft`): evidence items, figures, themed problems, commitments, and
    the follow-up of the previous report's commitments where that report exists. Where the
    curated rows are drafted rows not yet reviewed, the tables they lack come from the draft.
    Every drafted row is ``extracted`` until a researcher reviews it (:attr:`YearReview.curated`).
    Within one ``policy-review run``, loaded once (:func:`policy_review.review.loaded_reviews.kept`)."""
    check_parameters(region, year, lang)
    key = {"region": region, "year": year, "lang": lang, "sources": sources}
    return kept(key, lambda: read_review(region, year, lang, sources))


def read_review(region: str, year: int, lang: str = "en", sources: dict | None = None) -> YearReview:
    """The review of ``region`` in ``year``, read from the data every time (:func:`load_review`
    reads it once per run, and checks the parameters first)."""
    tables = region_tables(region)
    known = load_year(region, year, tables)
    parts = {f.name: getattr(known, f.name) for f in fields(RegionYear)}
    parts["provenance"] = _plain_dates(known.provenance)
    excerpt = provenance.is_excerpt(region, year, known.provenance)
    extraction = None
    previous_issues = tables["issues"][tables["issues"]["report_year"] == year - 1].reset_index(drop=True)
    partial = known.has_curated_rows and _only_extracted(known)
    if not known.has_curated_rows or partial:
        extraction = extract_report(known.text, year)
        draft = draft_tables(extraction, year)
        for name in ("evidence", "figures", "issues", "commitments", "tasks"):
            if not known.has_curated_rows or parts[name].empty:
                parts[name] = _drafted(draft[name])
        if not known.has_curated_rows:
            announced = known.plan_counts[known.plan_counts["report_year"] != year]
            drafted = _drafted(draft["plan_counts"])
            parts["plan_counts"] = pd.concat([announced, drafted], ignore_index=True)
        if parts["previous_commitments"].empty:
            parts["previous_commitments"] = _drafted(previous_commitments(region, year, tables))
        if parts["followups"].empty and not parts["previous_commitments"].empty:
            parts["followups"] = _drafted(
                followups_table(region, year, parts["evidence"], known.text, excerpt, tables)
            )
        if previous_issues.empty and paths.report_text_path(region, year - 1).is_file():
            before = extract_report(read_report_text(paths.report_text_path(region, year - 1)), year - 1)
            previous_issues = draft_tables(before, year - 1)["issues"]
    tasks_from_plan = False
    if parts["tasks"].empty and has_plan(region, year):  # no task list curated: the plan's, matched
        extraction = extraction if extraction is not None else extract_report(known.text, year)
        drafted = plan_tasks(region, year, known.text, extraction, excerpt)
        if not drafted.empty:
            parts["tasks"], tasks_from_plan = _drafted(drafted), True
    review = YearReview(
        **parts,
        lang=lang,
        previous_issues=previous_issues,
        previous_available=paths.report_text_path(region, year - 1).is_file(),
        tasks_from_plan=tasks_from_plan,
        sources=sources,
    )
    if extraction is not None:  # made already for the draft: keep it
        memo(review, "extraction", (review.text,), lambda: extraction)
    return review


def commitments_followed_up(review: YearReview) -> pd.DataFrame:
    """Last year's commitments for this year, each with its follow-up in this report
    (``not_found`` where this report has none)."""
    commitments = review.previous_commitments
    if commitments.empty:
        return commitments.assign(status=pd.Series(dtype=object))
    keep = ["commitment_id", "status", "start", "end", "quote", "reason", "reason_zh", "summary_en"]
    f = review.followups[[c for c in keep if c in review.followups.columns]].rename(
        columns={
            "start": "followup_start",
            "end": "followup_end",
            "quote": "followup_quote",
            "summary_en": "followup_summary_en",
        }
    )
    merged = commitments.merge(f, on="commitment_id", how="left")
    merged["status"] = merged["status"].fillna(v.NOT_FOUND)
    return merged


def draft_tables(extraction: dict, year: int) -> dict[str, pd.DataFrame]:
    """Curated-shaped tables built from an extraction alone: the uncurated draft
    (:mod:`policy_review.draft.report_draft`)."""
    return tables(extraction, year)


# ---------------------------------------------------------------- 3. plan funnel


def plan_funnel(review: YearReview) -> pd.DataFrame:
    """Plan counts for the year by kind and stage, in stage order, each with its quote and source report."""
    pc = review.plan_counts
    if pc.empty:
        return pd.DataFrame(columns=["kind", "stage", "count", "report_year", "quote", "start", "end"])
    out = pc[["kind", "stage", "count", "report_year", "quote", "start", "end"]].copy()
    out["_k"] = out["kind"].map({k: i for i, k in enumerate(v.PLAN_KINDS)})
    out["_s"] = out["stage"].map({s: i for i, s in enumerate(v.PLAN_STAGES)})
    return out.sort_values(["_k", "_s"]).drop(columns=["_k", "_s"]).reset_index(drop=True)


def plan_count(review: YearReview, kind: str, stage: str) -> int | None:
    f = plan_funnel(review)
    hit = f[(f["kind"] == kind) & (f["stage"] == stage)]
    return int(hit.iloc[0]["count"]) if not hit.empty else None


def declared(review: YearReview, kind: str) -> int | None:
    """How many tasks of a kind the year's plan holds: assigned if stated, else announced."""
    for stage in (v.ASSIGNED, v.ANNOUNCED):
        n = plan_count(review, kind, stage)
        if n is not None:
            return n
    return None


# ---------------------------------------------------------------- 2. headline


def claims(review: YearReview) -> pd.DataFrame:
    """Blanket claims the report makes (evidence items rated ``claimed``)."""
    ev = review.evidence
    if ev.empty:
        return ev
    return ev[ev["reporting"] == v.CLAIMED].reset_index(drop=True)


def evidence_counts(review: YearReview) -> dict[str, int]:
    return metrics.evidence_counts(review.evidence)


def evidence_rate(review: YearReview) -> float | None:
    """Share of the report's evidence items (claims included) that carry concrete evidence
    (``metrics.METRICS["evidence_rate"]``)."""
    return metrics.evidence_rate(review.evidence)


# ---------------------------------------------------------------- 4. coverage by area


def frame_areas(review: YearReview) -> dict[str, str]:
    """``{area_id: name}`` of the framework in force for the review's year, in its language."""
    return area_names(review.year, review.lang)


def coverage_by_area(review: YearReview, areas: dict[str, str] | None = None) -> pd.DataFrame:
    """Per framework area: evidence items by reporting level, named tasks by reporting level and
    by stated progress, and the area's reporting status (the strongest level of its items and
    named tasks, else ``not_reported``, or ``not_in_excerpt`` in an excerpt:
    ``metrics.METRICS["area_reporting"]``). Empty areas are kept. ``areas``: ``{area_id: name}``,
    by default the areas of the framework in force that year, named in the review's language
    (:func:`frame_areas`). A draft's items no area decides come last, as a row
    ``unclassified`` ("not classified (draft)") whose ``in_framework`` is False: it is shown,
    never counted as an area (:func:`framework_coverage`)."""
    areas = frame_areas(review) if areas is None else areas
    ev, tasks = in_force(review.evidence, review.year), in_force(review.tasks, review.year)
    unclassified = ev[ev["area_id"].isna()] if not ev.empty and "area_id" in ev else ev.iloc[0:0]
    if not unclassified.empty:  # a draft's items below the threshold: "not classified (draft)"
        areas = {**areas, UNCLASSIFIED: area_name(UNCLASSIFIED, review.lang)}
        ev = ev.assign(area_id=ev["area_id"].fillna(UNCLASSIFIED))
    cov = metrics.area_reporting(ev, tasks, areas, review.is_excerpt)
    cov["in_framework"] = cov["area_id"] != UNCLASSIFIED
    for p in v.PROGRESS:
        cov[f"progress_{p}"] = [
            int(((tasks["area_id"] == a) & (tasks["progress"] == p)).sum()) if not tasks.empty else 0
            for a in cov["area_id"]
        ]
    return cov


def framework_coverage(review: YearReview, areas: dict[str, str] | None = None) -> pd.DataFrame:
    """:func:`coverage_by_area` of the framework's own areas only (what "covers n of N areas"
    counts): a draft's "not classified" items are no area (``metrics.METRICS["areas_reported"]``)."""
    cov = coverage_by_area(review, areas)
    return cov[cov["in_framework"]].reset_index(drop=True)


def areas_reported(review: YearReview) -> tuple[int, int]:
    """How many areas of the framework in force the report reports (not silent), of how many:
    ``metrics.METRICS["areas_reported"]``."""
    cov = framework_coverage(review)
    return int((~cov["area_reporting"].isin(v.SILENT)).sum()), len(cov)


# ---------------------------------------------------------------- 5. task accounting


def task_accounting(review: YearReview) -> pd.DataFrame:
    """Per kind: tasks declared, tasks the report names, how many it does not identify at all,
    and how many evidence items it gives."""
    rows = []
    for kind in v.PLAN_KINDS:
        n_declared = declared(review, kind)
        named = cited_tasks(review)
        named = named[named["kind"] == kind] if not named.empty else named
        items = (
            review.evidence[review.evidence["kind"] == kind] if not review.evidence.empty else review.evidence
        )
        items = items[items["reporting"] != v.CLAIMED] if not items.empty else items
        rows.append(
            {
                "kind": kind,
                "declared": n_declared,
                "named": len(named),
                "not_identifiable": (max(n_declared - len(named), 0) if n_declared is not None else None),
                "evidence_items": len(items),
            }
        )
    return pd.DataFrame(rows)


def cited_tasks(review: YearReview) -> pd.DataFrame:
    """The tasks the report itself names (a plan or ledger may list many more)."""
    tasks = review.tasks
    if tasks.empty:
        return tasks
    return tasks[(tasks["basis"] == v.NAMED) | tasks["start"].notna()]


def named_tasks(review: YearReview) -> pd.DataFrame:
    """The tasks the report names, with their statuses on both axes and their evidence count."""
    tasks = review.tasks
    if tasks.empty:
        return tasks
    ev = review.evidence
    n_items = ev.groupby("task_id").size() if not ev.empty and "task_id" in ev else pd.Series(dtype=int)
    out = tasks.copy()
    out["evidence_items"] = out["task_id"].map(n_items).fillna(0).astype(int)
    return out


# ---------------------------------------------------------------- 6. figures


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (between 。;: and line breaks) that holds ``text[start:end]``."""
    stops = "。;;\n"
    left = max(text.rfind(s, 0, start) for s in stops) + 1
    rights = [i for i in (text.find(s, end) for s in stops) if i != -1]
    right = min(rights) + 1 if rights else len(text)
    return text[left:right].strip()


#: The columns of :func:`figures_table`.
FIGURE_COLUMNS = ["figure_id", "value", "unit", "qualifier", "raw", "label_zh", "label_en", "kind"]
FIGURE_COLUMNS += ["area", "section_path", "quote", "start", "end"]


def figures_table(review: YearReview, areas: dict[str, str] | None = None) -> pd.DataFrame:
    """Every figure with its label, area (through its evidence item; ``areas`` names them, by
    default the framework's in the review's language) and the quoted sentence."""
    areas = frame_areas(review) if areas is None else areas
    fig = review.figures
    if fig.empty:
        return pd.DataFrame(columns=FIGURE_COLUMNS)
    out = fig.copy()
    ev = in_force(review.evidence, review.year)
    if not ev.empty and "evidence_id" in out:
        meta = ev[["evidence_id", "area_id", "section_path"]]
        out = out.merge(meta, on="evidence_id", how="left", suffixes=("", "_ev"))
        if "section_path_ev" in out:
            out["section_path"] = out["section_path_ev"]
    for col in ("area_id", "section_path"):
        if col not in out:
            out[col] = None
    out["area"] = out["area_id"].map(areas)
    out["quote"] = [sentence_around(review.text, int(s), int(e)) for s, e in zip(out["start"], out["end"])]
    return out[FIGURE_COLUMNS].reset_index(drop=True)


# ---------------------------------------------------------------- 7. problems


def problems_table(review: YearReview) -> pd.DataFrame:
    """Problems the report admits, with whether the same theme was admitted in last year's report."""
    iss = review.issues
    if iss.empty:
        return iss
    out = iss.copy()
    before = set(review.previous_issues["theme"]) if not review.previous_issues.empty else set()
    out["recurs"] = out["theme"].isin(before) if review.previous_available else None
    return out


# ---------------------------------------------------------------- 8. commitments


def followup_counts(review: YearReview) -> dict[str, int]:
    """Last year's commitments for this year by follow-up status, every status present."""
    pc = commitments_followed_up(review)
    counts = pc["status"].value_counts().to_dict() if not pc.empty else {}
    return {s: int(counts.get(s, 0)) for s in v.FOLLOWUP_STATUSES}


def followthrough_rate(review: YearReview) -> float | None:
    """Last year's commitments this report shows ÷ all of them (``metrics.METRICS["followthrough_rate"]``)."""
    return metrics.followthrough_rate(followup_counts(review))


# ---------------------------------------------------------------- 10. data notes


def data_notes(review: YearReview) -> list[str]:
    """Plain statements of what is curated, what is extracted and what is missing, in the
    review's language."""
    lang = review.lang
    counts = review.review_status
    if review.curated:
        notes = [t("note_curated", lang, region=review.region)]
    elif review.has_curated_rows:  # drafted rows in data/curated/, some or none reviewed yet
        reviewed, extracted = counts[v.REVIEWED], counts[v.EXTRACTED]
        notes = [
            t("note_rows_reviewed", lang, reviewed=reviewed, total=reviewed + extracted, extracted=extracted)
        ]
    else:
        notes = [t("note_uncurated", lang)]
    if review.is_excerpt:
        notes.append(t("note_excerpt", lang))
    if review.tasks_from_plan:
        notes.append(t("note_tasks_from_plan", lang, year=review.year, region=review.region))
    for name in ("tasks", "evidence", "issues", "commitments"):
        if getattr(review, name).empty:
            notes.append(t(f"note_no_{name}", lang))
    if not review.previous_available:
        notes.append(t("note_no_previous", lang, year=review.year - 1))
    return notes
