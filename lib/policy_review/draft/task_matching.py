"""Each task of a year's work plan read against the same year's report: how the report covers it.

For every work item of the plan (:mod:`plans`), the report's work passages (the evidence items of
:mod:`evidence`) are ranked by :func:`matching.match_passages` (BM25 over jieba words) with the
task's lead phrase as the query. The score per query word is raised when the passage's framework
area is the task's (``AREA_BONUS``), when it names the task's lead unit (``UNIT_BONUS``) and when
it is under a heading of the task's kind, annual or long-term (``KIND_BONUS``);
pairs are then taken best first, each task and each passage once (a passage reports on one
task), while the score reaches ``MIN_SCORE`` and the passage holds ``MIN_SHARED`` of the task's
words. A task's passage is its matched item together with every item of the same section (a
task item often reads ``1.<task>。<what was done>``, cut by the evidence rules into pieces).
The reporting status is then

- ``evidenced``: the passage carries a concrete result (one of its items is evidenced);
- ``mentioned``: the task's work is described, nothing concrete;
- ``claimed``: no passage of its own, but a blanket claim covers it: a sentence such as
  本领域各项年度任务均按计划推进 in the paragraph of its area (or 各项年度任务基本完成 for the whole
  report), for its kind of task (annual or long-term);
- ``not_reported``: nothing in the report; in an excerpt ``not_in_excerpt``, nothing in the part
  available (:func:`policy_review.tables.vocabularies.unreported` decides).

Every row keeps the passage, the score, the shared words and a sentence saying why. "Not reported"
never means "not done".
"""

from __future__ import annotations

import re

import pandas as pd

from policy_review.core import paths
from policy_review.core.edited_files import load_yaml
from policy_review.core.labels import UNTRANSLATED
from policy_review.draft.classification import UNCLASSIFIED, classify_area
from policy_review.draft.extract import extract_report
from policy_review.draft.matching import match_passages, relative_score, terms_of
from policy_review.draft.plans import area_ids_by_name, area_in_headings, load_plan, work_items
from policy_review.sources.marks import FULL_STOP
from policy_review.sources.plan_sources import has_plan
from policy_review.sources.provenance import is_excerpt
from policy_review.sources.reading import view
from policy_review.sources.report_text import read_report_text
from policy_review.tables import vocabularies as v
from policy_review.tables.vocabularies import unreported

#: Least score per query word (BM25, plus the bonuses) for a passage to report on a task.
MIN_SCORE = 1.0
#: Least share of the task's words (its lead phrase, jieba words) the passage must hold.
MIN_SHARED = 0.6
AREA_BONUS = 0.3
UNIT_BONUS = 0.3
KIND_BONUS = 0.2
#: A blanket claim: every task (of an area, of a kind) done or on track, nothing concrete.
_BLANKET = re.compile(
    "(?:各项|全部|所有|本领域|\u201c?长期坚持\u201d?)[^"
    + FULL_STOP
    + ";]{0,12}任务[^"
    + FULL_STOP
    + ";]{0,12}"
    "(?:完成|推进|落实|成效)"
)
_UNIT_PREFIX = re.compile(r"^(?:区|县|市|镇|街道|乡)")
_STRENGTH = {v.EVIDENCED: 2, v.MENTIONED: 1}


def match_tasks(
    items: list[dict],
    evidence: list[dict],
    text: str,
    excerpt: bool = False,
    sections: list[dict] | None = None,
) -> list[dict]:
    """One row per plan work item: ``status``, the matched passage (``start``, ``end``, ``quote``,
    ``section``), ``score``, ``terms`` and ``why``. ``evidence`` are the report's evidence items
    (``extract_report(...)["evidence"]``: ``section``, ``start``, ``end``, ``raw``, ``area_id``,
    ``reporting``, ``kind``); ``sections`` (its heading tree) give a blanket claim the area its
    paragraph's heading names."""
    work = [e for e in evidence if e["section"] != "preamble"]
    passages = [{"text": e["raw"], "index": i} for i, e in enumerate(work)]
    found = match_passages([t["name"] for t in items], passages, top=8)
    claims = _blanket_claims(work, sections or [])
    # every (task, passage) pair that qualifies, best first; each passage reports on one task
    pairs = []
    for n, (task, candidates) in enumerate(zip(items, found)):
        for c in candidates:
            score, shared, why = _score(task, c, work[c["index"]])
            pairs.append((score, shared, n, c, why))
    pairs.sort(key=lambda p: (-p[0], -p[1], p[2]))
    chosen: dict[int, tuple] = {}
    taken: set[str] = set()
    for score, shared, n, c, why in pairs:
        section = work[c["index"]]["section"]
        if n in chosen or section in taken or score < MIN_SCORE or shared < MIN_SHARED:
            continue
        chosen[n] = (score, c, why)
        taken.add(section)
    rows = []
    for n, task in enumerate(items):
        if n in chosen:
            score, c, why = chosen[n]
            rows.append(_matched(task, {**work[c["index"]], "terms": c["terms"]}, score, why, work, text))
        else:
            near = max((p for p in pairs if p[2] == n), key=lambda p: p[0], default=None)
            best = {**work[near[3]["index"]], "terms": near[3]["terms"]} if near else None
            rows.append(_unmatched(task, claims, excerpt, best, near[0] if near else 0.0))
    return rows


def _score(task: dict, candidate: dict, item: dict) -> tuple[float, float, list[str]]:
    """The pair's score (BM25 per query word plus the bonuses), the share of the task's words the
    passage holds, and what raised the score."""
    wanted = set(terms_of(task["name"]))
    shared = len(set(candidate["terms"]) & wanted) / max(len(wanted), 1)
    score = relative_score(candidate["score"], task["name"])
    why = []
    if task.get("area_id") and item.get("area_id") == task["area_id"]:
        score += AREA_BONUS
        why.append(f"same area ({task['area_id']})")
    if task.get("kind") and item.get("kind") == task["kind"]:
        score += KIND_BONUS
    units = [_UNIT_PREFIX.sub("", u) for u in task.get("lead_units", []) if len(u) > 2]
    unit = next((u for u in units if u and u in item["raw"]), None)
    if unit:
        score += UNIT_BONUS
        why.append(f"names the lead unit ({unit})")
    return score, shared, why


def _matched(task: dict, best: dict, score: float, why_bonus: list[str], work: list[dict], text: str) -> dict:
    same = [e for e in work if e["section"] == best["section"]] if best["section"] else [best]
    start, end = min(e["start"] for e in same), max(e["end"] for e in same)
    strength = max(_STRENGTH.get(e["reporting"], 1) for e in same)
    status = v.EVIDENCED if strength == 2 else v.MENTIONED
    what = (
        "it carries a concrete result" if status == v.EVIDENCED else "it describes the work, nothing concrete"
    )
    terms = "、".join(best["terms"][:6])
    bonus = f"; {', '.join(why_bonus)}" if why_bonus else ""
    return {
        **_task_fields(task),
        "status": status,
        "start": start,
        "end": end,
        "quote": text[start:end],
        "section": best["section"],
        "score": round(score, 3),
        "terms": best["terms"],
        "why": f"passage {best['section']} shares {terms} (score {score:.2f}{bonus}): {what}",
    }


def _unmatched(task: dict, claims: list[dict], excerpt: bool, best: dict | None, score: float) -> dict:
    near = f" (best passage {best['section']}, score {score:.2f})" if best else ""
    claim = next(
        (c for c in claims if c["kind"] == task.get("kind") and c["area_id"] == task.get("area_id")), None
    )
    claim = claim or next((c for c in claims if c["kind"] == task.get("kind") and c["area_id"] is None), None)
    row = {
        **_task_fields(task),
        "section": None,
        "score": round(score, 3),
        "terms": best["terms"] if best else [],
    }
    if claim is not None:
        scope = f"its area ({claim['area_id']})" if claim["area_id"] else "the whole report"
        return {
            **row,
            "status": v.CLAIMED,
            "start": claim["start"],
            "end": claim["end"],
            "quote": claim["raw"],
            "section": claim["section"],
            "why": f"no passage of its own{near}; a blanket claim for {scope} covers it: {claim['raw']}",
        }
    where, silent = (
        ("in the part of the report available (an excerpt)", "not in the available part")
        if excerpt
        else ("in the report", "not reported does not mean not done")
    )
    return {
        **row,
        "status": unreported(excerpt),
        "start": None,
        "end": None,
        "quote": None,
        "why": f"nothing {where} shares enough words with it{near}; {silent}",
    }


def _blanket_claims(work: list[dict], sections: list[dict]) -> list[dict]:
    """Blanket claims with their scope: ``area_id`` of the paragraph they open (the area its heading
    names, else the item's own area call), or None for the whole report."""
    titles = {s["path"]: s["title"] for s in sections}
    areas = area_ids_by_name()
    claims = []
    for e in work:
        said = view(e["raw"])
        if not _BLANKET.search(said) or re.search("\\d+\u9879", said):
            continue  # a count of tasks done (完成108项) is a plan count, not a claim about each task
        scoped = "本领域" in said or e["section"].count("/") >= 2
        kind = v.LONG_TERM if "长期" in said else v.ANNUAL if "年度" in said else e.get("kind", v.ANNUAL)
        heading_area = area_in_headings([titles.get(e["section"], "")], areas)
        claims.append({**e, "kind": kind, "area_id": (heading_area or e.get("area_id")) if scoped else None})
    return claims


def _task_fields(task: dict) -> dict:
    deadline = task.get("deadline") or {}
    return {
        "path": task["path"],
        "name": task["name"],
        "kind": task.get("kind"),
        "area_id": task.get("area_id"),
        "lead_units": task.get("lead_units", []),
        "deadline": deadline.get("date"),
        "plan_start": task["start"],
        "plan_end": task["end"],
    }


def confusion(truth: list[str], found: list[str]) -> pd.DataFrame:
    """Counts of (true status, found status): rows the generator's truth, columns the matching."""
    statuses = [v.EVIDENCED, v.MENTIONED, v.CLAIMED, v.NOT_REPORTED]
    frame = pd.crosstab(pd.Series(truth, name="truth"), pd.Series(found, name="found"))
    return frame.reindex(index=statuses, columns=statuses, fill_value=0)


def query_terms(task: dict) -> list[str]:
    """The words of a task's lead phrase that the matching looks for."""
    return terms_of(task["name"])


# --- the plan's tasks as a draft of tasks.csv ----------------------------------------------------


def plan_tasks(
    region: str, year: int, text: str, extraction: dict | None = None, excerpt: bool = False
) -> pd.DataFrame:
    """The region's plan for ``year`` as rows of ``tasks.csv`` (``basis: stated``), each matched to
    the report ``text`` on that year: ``reporting`` from the matching, ``progress: not_rated``
    (the plan states none), the report's passage for evidenced and mentioned tasks, and in
    ``draft_basis`` why. Empty when the region has no plan for the year."""
    if not has_plan(region, year):
        return pd.DataFrame()
    if extraction is None:
        extraction = extract_report(text, year)
    items = work_items(load_plan(region, year))
    if not items:  # the plan's text stops before its first task (南沙 2020's opening): nothing to match
        return pd.DataFrame()
    rows = match_tasks(items, extraction["evidence"], text, excerpt, extraction.get("sections"))
    return _frame([_task_row(n, item, row, year) for n, (item, row) in enumerate(zip(items, rows), 1)])


def _frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows)
    for column in ("start", "end"):
        frame[column] = frame[column].astype("Int64")  # offsets are whole numbers, blank where none
    return frame


def _task_row(n: int, item: dict, row: dict, year: int) -> dict:
    area = item.get("area_id") or _area_call(item, year)
    deadline = item.get("deadline") or {}
    own_passage = row["status"] in (v.EVIDENCED, v.MENTIONED)
    plan_note = "; ".join(
        part
        for part in (
            f"plan item {item['path']}",
            f"lead: {'、'.join(item['lead_units'])}" if item["lead_units"] else "",
            f"support: {'、'.join(item['support_units'])}" if item["support_units"] else "",
            f"time limit: {deadline['raw']}" if deadline else "",
            "cut off by the excerpt" if item["truncated"] else "",
        )
        if part
    )
    return {
        "task_id": f"plan-{year}-{n:03d}",
        "plan_year": year,
        "kind": item.get("kind") or v.ANNUAL,
        "name_zh": item["name"],
        "name_en": UNTRANSLATED,
        "area_id": area,
        "lead_unit": "、".join(item["lead_units"]) or None,
        "deadline": deadline.get("date") if deadline.get("kind") == "date" else None,
        "basis": v.STATED,
        "reporting": row["status"],
        "progress": v.NOT_RATED,
        "report_year": year,
        "start": row["start"] if own_passage else None,
        "end": row["end"] if own_passage else None,
        "quote": row["quote"] if own_passage else None,
        "note": f"read from the {year} plan and matched to the {year} report automatically (draft); "
        f"{plan_note}",
        "draft_basis": row["why"],
        "plan_path": item["path"],
        "match_score": row["score"],
        "match_terms": "|".join(row["terms"]),
    }


def _area_call(item: dict, year: int) -> str | None:

    call = classify_area(item["text"], year)
    return None if call.label == UNCLASSIFIED else call.label


def draft_tasks(region: str, year: int, without_report: bool = False) -> pd.DataFrame:
    """``plan_tasks`` for ``policy-review draft``: the report and its coverage read from ``data/reports``.
    Where there is no report on the year (yet), empty; or, ``without_report``, the plan's tasks
    with ``reporting: not_reported`` ("no report on the year yet"), as a ledger starts them."""
    text_path = paths.report_text_path(region, year)
    if not text_path.is_file():
        return _unreported_plan_tasks(region, year) if without_report else pd.DataFrame()
    provenance = paths.provenance_path(region, year)
    fields = load_yaml(provenance.read_text(encoding="utf-8-sig")) if provenance.is_file() else {}
    excerpt = isinstance(fields, dict) and is_excerpt(region, year, fields)
    return plan_tasks(region, year, read_report_text(text_path), excerpt=excerpt)


def _unreported_plan_tasks(region: str, year: int) -> pd.DataFrame:

    if not has_plan(region, year):
        return pd.DataFrame()
    items = work_items(load_plan(region, year))
    why = f"no report on {year} in data/reports/{region}/ yet"
    rows = [
        {
            **_task_fields(item),
            "status": v.NOT_REPORTED,
            "start": None,
            "end": None,
            "quote": None,
            "section": None,
            "score": 0.0,
            "terms": [],
            "why": why,
        }
        for item in items
    ]
    return _frame([_task_row(n, item, row, year) for n, (item, row) in enumerate(zip(items, rows), 1)])
