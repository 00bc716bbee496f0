"""The uncurated draft of a report: curated-shaped tables from its text alone, and writing them.

:func:`draft_tables` turns an extraction (:func:`policy_review.draft.extract.extract_report`) into
the tables of ``data/curated/README.md``: plan counts, evidence items (area and reporting class
with the terms that decided them), figures (next-year targets left out: they are not results),
problems with their themes, commitments with their areas, and the follow-up of the previous
report's commitments (:mod:`policy_review.draft.followup`) where that report exists. Every row is
marked ``review_status: extracted`` and says in ``draft_basis`` what decided it.

:func:`write_draft` (``policy-review draft REGION YEAR [--out DIR]``) writes them as CSVs a
researcher corrects in Excel or JupyterLab. A row marked ``reviewed`` is never overwritten: a
later draft keeps it, and leaves out any new row with its id or its passage. Tables are
written in the order of :data:`DRAFT_TABLES`; more tables (e.g. tasks from a plan) join by
adding a builder to :data:`BUILDERS`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from policy_review.core import paths
from policy_review.core.atomic import atomic_path
from policy_review.core.edited_files import csv_cell
from policy_review.draft.classification import UNCLASSIFIED
from policy_review.draft.extract import extract_report
from policy_review.draft.followup import follow_up
from policy_review.draft.task_matching import draft_tasks
from policy_review.sources.provenance import is_excerpt, read_provenance
from policy_review.sources.report_text import read_report_text
from policy_review.tables.curated_tables import CURATED
from policy_review.tables.load import load_region

EXTRACTED = "extracted"
REVIEWED = "reviewed"
REVIEW_STATUS = "review_status"
BASIS = "draft_basis"
KINDS = ("annual", "long_term")
DRAFT_TABLES = ("plan_counts", "evidence", "figures", "issues", "commitments", "followups")


def _area(call: str | None) -> str | None:
    return None if not call or call == UNCLASSIFIED else call


def _basis(**parts) -> str:
    return "; ".join(f"{k}: {v}" for k, v in parts.items() if v not in (None, "", []))


def plan_counts_table(extraction: dict, year: int) -> pd.DataFrame:
    rows = [
        {
            "count_id": f"d-pc-{year}-{c['start']:05d}",
            "plan_year": c.get("year") or year,
            "kind": c["kind"],
            "stage": c["stage"],
            "count": c["count"],
            "report_year": year,
            "start": c["start"],
            "end": c["end"],
            "quote": c["raw"],
            "note": "extracted, not reviewed",
        }
        for c in extraction.get("task_counts", [])
        if c.get("kind") in KINDS
    ]
    frame = pd.DataFrame(
        rows,
        columns=[
            "count_id",
            "plan_year",
            "kind",
            "stage",
            "count",
            "report_year",
            "start",
            "end",
            "quote",
            "note",
        ],
    )
    frame = frame[frame["plan_year"] == year].drop_duplicates(["plan_year", "kind", "stage"])
    return frame.reset_index(drop=True)


def evidence_table(extraction: dict, year: int) -> pd.DataFrame:
    rows = [
        {
            "evidence_id": f"d-ev-{year}-{e['start']:05d}",
            "report_year": year,
            "section_path": e["section"],
            "area_id": _area(e["area_id"]),
            "task_id": None,
            "kind": e["kind"],
            "reporting": e["reporting"],
            "start": e["start"],
            "end": e["end"],
            "quote": e["raw"],
            "summary_en": "",
            "area_score": e["score"],
            "area_terms": "|".join(e["terms"]),
            "reporting_rule": e["rule"],
            BASIS: _basis(
                area=f"{e['area_id']} (score {e['score']}: {'、'.join(e['terms'][:6])})",
                reporting=f"{e['rule']} {'、'.join(e['basis'][:3])}".strip(),
            ),
        }
        for e in extraction.get("evidence", [])
    ]
    return pd.DataFrame(rows)


def figures_table(extraction: dict, year: int, evidence: pd.DataFrame) -> pd.DataFrame:
    spans = (
        list(zip(evidence["start"], evidence["end"], evidence["evidence_id"])) if not evidence.empty else []
    )
    rows = []
    for f in extraction.get("figures", []):
        if f.get("target"):
            continue  # a next-year target, not a result
        holder = next((i for s, e, i in spans if s <= f["start"] < e), None)
        rows.append(
            {
                "figure_id": f"d-fig-{year}-{f['start']:05d}",
                "report_year": year,
                "value": f["value"],
                "unit": f["unit"],
                "qualifier": f.get("qualifier"),
                "raw": f["raw"],
                "label_zh": f.get("label") or "",
                "label_en": "",
                "kind": f.get("kind"),
                "evidence_id": holder,
                "start": f["start"],
                "end": f["end"],
                "section_path": f.get("section"),
                BASIS: "figure: number with a counter or unit",
            }
        )
    return pd.DataFrame(rows)


def issues_table(extraction: dict, year: int) -> pd.DataFrame:
    rows = [
        {
            "issue_id": f"d-is-{year}-{x['start']:05d}",
            "report_year": year,
            "theme": x.get("theme", "other"),
            "area_id": _area(x.get("area_id")),
            "start": x["start"],
            "end": x["end"],
            "quote": x["raw"],
            "summary_en": "",
            "theme_score": x.get("theme_score"),
            "theme_terms": "|".join(x.get("theme_terms", [])),
            BASIS: _basis(
                theme=f"{x.get('theme')} ({'、'.join(x.get('theme_terms', [])[:6])})",
                area=f"{x.get('area_id')} ({'、'.join(x.get('terms', [])[:6])})",
            ),
        }
        for x in extraction.get("issues", [])
    ]
    return pd.DataFrame(rows)


def commitments_table(extraction: dict, year: int) -> pd.DataFrame:
    rows = [
        {
            "commitment_id": f"d-cm-{year}-{x['start']:05d}",
            "report_year": year,
            "for_year": year + 1,
            "section_path": x.get("section"),
            "area_id": _area(x.get("area_id")),
            "task_id": None,
            "start": x["start"],
            "end": x["end"],
            "quote": x["raw"],
            "summary_en": "",
            BASIS: _basis(
                area=f"{x.get('area_id')} (score {x.get('score')}: {'、'.join(x.get('terms', [])[:6])})",
                lead=" | ".join(x.get("lead_units") or []),
                time_limit=x.get("time_limit"),
            ),
        }
        for x in extraction.get("commitments", [])
    ]
    return pd.DataFrame(rows)


def draft_tables(extraction: dict, year: int) -> dict[str, pd.DataFrame]:
    """Curated-shaped tables built from one extraction (no follow-ups: they need two reports)."""
    evidence = evidence_table(extraction, year)
    return {
        "plan_counts": plan_counts_table(extraction, year),
        "evidence": evidence,
        "figures": figures_table(extraction, year, evidence),
        "issues": issues_table(extraction, year),
        "commitments": commitments_table(extraction, year),
        "tasks": pd.DataFrame(),
    }


def previous_commitments(
    region: str, year: int, curated: dict[str, pd.DataFrame] | None = None
) -> pd.DataFrame:
    """The commitments the report on ``year - 1`` makes for ``year``: curated rows if any, else drafted."""
    if curated is not None and not curated["commitments"].empty:
        rows = curated["commitments"][curated["commitments"]["report_year"] == year - 1]
        if not rows.empty:
            return rows.reset_index(drop=True)
    text_path = paths.report_text_path(region, year - 1)
    if not text_path.is_file():
        return pd.DataFrame()

    return commitments_table(extract_report(read_report_text(text_path), year - 1), year - 1)


def followups_table(
    region: str,
    year: int,
    evidence: pd.DataFrame,
    text: str,
    excerpt: bool,
    curated: dict[str, pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """The follow-up in this report of the previous report's commitments for this year."""
    commitments = previous_commitments(region, year, curated)
    frame = follow_up(commitments, evidence, text, excerpt, year)
    if not frame.empty:
        frame[BASIS] = frame["reason"]
        frame["summary_en"] = ""
    return frame


#: Builders of further draft tables: ``name -> f(region, year, tables) -> DataFrame``.
BUILDERS: dict[str, Callable[[str, int, dict[str, pd.DataFrame]], pd.DataFrame]] = {}


def _plan_tasks(region: str, year: int, tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """tasks.csv from the year's work plan, matched to the report
    (:mod:`policy_review.draft.task_matching`)."""
    return draft_tasks(region, year)


BUILDERS["tasks"] = _plan_tasks


def draft_year(region: str, year: int) -> dict[str, pd.DataFrame]:
    """Every draft table of ``region``'s report on ``year``, from its text (and the previous report's)."""
    text = read_report_text(paths.report_text_path(region, year))
    excerpt = is_excerpt(region, year, read_provenance(region, year) or {})
    tables = draft_tables(extract_report(text, year), year)
    try:
        curated = load_region(region)
    except Exception:  # a region whose curated tables do not validate still gets its draft
        curated = None
    tables["followups"] = followups_table(region, year, tables["evidence"], text, excerpt, curated)
    earlier = previous_commitments(region, year, curated)
    if not earlier.empty and str(earlier["commitment_id"].iloc[0]).startswith("d-cm-"):
        # drafted too: the follow-ups cite them, so they join this draft's commitments
        tables["commitments"] = pd.concat([earlier, tables["commitments"]], ignore_index=True)
    for name, build in BUILDERS.items():
        tables[name] = build(region, year, tables)
    return tables


# --- writing ----------------------------------------------------------------------------------


def _read_existing(file: Path) -> pd.DataFrame:
    if not file.is_file():
        return pd.DataFrame()
    return pd.read_csv(file, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def merge_reviewed(existing: pd.DataFrame, drafted: pd.DataFrame, id_column: str, year: int) -> pd.DataFrame:
    """``drafted`` rows, with every row of ``existing`` kept that is reviewed (or has no review
    status: curated by hand) or cites a report the draft does not; a drafted row with the id,
    or the report and passage, of a kept row is left out."""
    if existing.empty:
        return drafted
    if REVIEW_STATUS not in existing:
        existing = existing.assign(**{REVIEW_STATUS: REVIEWED})
    existing = existing.copy()
    existing.loc[existing[REVIEW_STATUS] == "", REVIEW_STATUS] = REVIEWED  # empty: reviewed
    years = {str(y) for y in drafted["report_year"]} if "report_year" in drafted else {str(year)}
    cited = (
        existing["report_year"].isin(years)
        if "report_year" in existing
        else pd.Series(True, index=existing.index)
    )
    keep = existing[~cited | (existing[REVIEW_STATUS] == REVIEWED)]
    taken_ids = set(keep[id_column]) if id_column in keep else set()
    spans = keep[["report_year", "start", "end"]] if {"report_year", "start", "end"} <= set(keep) else None
    taken_spans = set(map(tuple, spans.astype(str).values)) if spans is not None else set()
    fresh = drafted[[str(i) not in taken_ids for i in drafted[id_column]]] if not drafted.empty else drafted
    if not fresh.empty and {"report_year", "start", "end"} <= set(fresh):
        fresh = fresh[
            [
                (str(y), str(s), str(e)) not in taken_spans
                for y, s, e in zip(fresh["report_year"], fresh["start"], fresh["end"])
            ]
        ]
    return pd.concat([keep, fresh.astype(object)], ignore_index=True)


def _csv(frame: pd.DataFrame, columns: list[str]) -> str:

    out = io.StringIO()
    frame = frame.reindex(columns=columns).map(csv_cell)  # no formula runs when opened in Excel
    frame.to_csv(out, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n", float_format="%.15g")
    return out.getvalue()


def _cell(value: object) -> object:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def write_draft(region: str, year: int, out: Path | str | None = None) -> list[Path]:
    """Write the draft of ``region``'s report on ``year`` as CSVs into ``out`` (default
    ``data/curated/<region>/``), keeping every reviewed row. Returns the files written."""
    folder = Path(out) if out is not None else paths.curated_dir(region)
    folder.mkdir(parents=True, exist_ok=True)
    tables = draft_year(region, year)
    written = []
    for name in (*DRAFT_TABLES, *BUILDERS):
        drafted = tables.get(name, pd.DataFrame())
        id_column = CURATED[name].id if name in CURATED else drafted.columns[0]
        file = folder / f"{name}.csv"
        existing = _read_existing(file)
        if drafted.empty and existing.empty:
            continue
        drafted = drafted.assign(**{REVIEW_STATUS: EXTRACTED}) if not drafted.empty else drafted
        if not drafted.empty:
            drafted = drafted.map(_cell)
        merged = merge_reviewed(existing, drafted, id_column, year)
        columns = [c for c in (CURATED[name].column_names if name in CURATED else list(drafted.columns))]
        columns += [c for c in (REVIEW_STATUS, BASIS) if c not in columns]
        with atomic_path(file) as tmp:
            tmp.write_text(_csv(merged, columns), encoding="utf-8")
        written.append(file)
    return written
