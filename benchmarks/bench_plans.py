"""Reading work plans into tasks, and matching the tasks to the report, against known truth.

On the example district's generated plans (2021 and 2022, for the shipped seed and a few others,
so that the figures are not those of one draw), where the generator knows every task, its lead
and supporting units, its time limit and the report passage on it, prints:

- task extraction: recall and precision of the plan's work items (an item found is one that
  starts where a true task starts);
- lead-unit accuracy (the lead units found equal the true ones), supporting-unit accuracy;
- deadline accuracy (kind and date as the truth);
- groupings told apart: the share of every numbered entry read (headings included) whose role is
  right: a work item exactly where the generator wrote a task, a heading elsewhere;
- task -> passage matching accuracy against the generator's truth (the status is the true one
  and, for evidenced and mentioned tasks, the passage overlaps the true one), with the confusion
  of statuses;
- what the real openings give (西平 2020: work items and lead units; 南沙 2020: none, and why).

Then, on the two whole published plans of ``tests/data/whole/`` (平潭君山 2021, 苏平 2020: one-line
crawls, full-width) against the hand-labelled truth ``tests/truth/plan_tasks.csv``, in both layouts
(the text as stored, whose offsets the truth gives; and the same plan imported from its saved page,
``data/plans/<region>/<year>.txt``, a paragraph a line, where each true entry is found by its
``quote_start``):

- entries found: recall and precision of every numbered entry, grouping or item (an entry found
  is one whose own text starts where a true entry starts, after its mark);
- groupings told apart: of the entries found, the share whose role is the truth's (grouping ↔
  ``group``, item ↔ ``item``);
- lead units, supporting units, time limits: of the true items found, the share read exactly
  as the truth gives them (the same set of units; the same time limit as written, none for none);
- areas: of the true items found, the share whose area is the truth's (for information: the
  team's convention files 普法 under one area of each outline, see ``tests/truth/README.md``).

Targets (issue 16): extraction recall and precision, lead units and deadlines >= 0.95; matching
>= 0.85. The synthetic plans and reports are regular (task names written out in the report), so
these figures are an upper bound for real texts. Issue 24, on whole plans not seen: entries
>= 0.95 with lead units >= 0.9.

Run: ``make bench`` or ``.venv/bin/python benchmarks/bench_plans.py [--quick]``.
"""

from __future__ import annotations

import csv
import sys
import time
from pathlib import Path

import pandas as pd

from policy_review.draft.extract import extract_report
from policy_review.draft.plans import load_plan, read_plan, work_items
from policy_review.draft.task_matching import confusion, match_tasks
from policy_review.example import district

SEEDS = (district.DEFAULT_SEED, 5, 99)
ROOT = Path(__file__).resolve().parents[1]
#: The whole plans with a truth: the stored text's name, and the region and year it is imported as.
WHOLE = {
    "pingtan-junshan-2021-plan": ("pingtan-junshan", 2021),
    "pingtan-suping-2020-plan": ("pingtan-suping", 2020),
}


def measure(seed: int) -> dict:
    region = district.build(seed)
    totals = {
        "true": 0,
        "found": 0,
        "hit": 0,
        "lead": 0,
        "support": 0,
        "deadline": 0,
        "matched": 0,
        "entries": 0,
        "roles": 0,
        "truth": [],
        "status": [],
    }
    for year in district.YEARS:
        workplan, report = region.workplans[year], region.reports[year]
        plan = read_plan(workplan.text)
        items = work_items(plan)
        true_starts = {t["start"] for t in workplan.tasks}
        totals["entries"] += len(plan["tasks"])
        totals["roles"] += sum((t["role"] == "item") == (t["start"] in true_starts) for t in plan["tasks"])
        truth = {t["start"]: t for t in workplan.tasks}
        found = {t["start"]: t for t in items}
        hits = set(truth) & set(found)
        totals["true"] += len(truth)
        totals["found"] += len(found)
        totals["hit"] += len(hits)
        for start in hits:
            got, want = found[start], truth[start]
            totals["lead"] += got["lead_units"] == want["lead_units"]
            totals["support"] += got["support_units"] == want["support_units"]
            deadline = got["deadline"] or {}
            totals["deadline"] += (deadline.get("kind"), deadline.get("date")) == (
                want["deadline"]["kind"],
                want["deadline"]["date"],
            )
        extraction = extract_report(report.doc.text, year)
        rows = match_tasks(items, extraction["evidence"], report.doc.text, sections=extraction["sections"])
        tasks = {t.task_id: t for t in region.plans[year]}
        for item, row in zip(items, rows):
            if item["start"] not in truth:
                continue
            task = tasks[truth[item["start"]]["task_id"]]
            right = row["status"] == task.reporting
            if right and task.reporting in ("evidenced", "mentioned"):
                right = row["start"] < task.evidence["end"] and task.evidence["start"] < row["end"]
            totals["matched"] += right
            totals["truth"].append(task.reporting)
            totals["status"].append(row["status"])
    return totals


def main(argv: list[str]) -> int:
    seeds = SEEDS[:1] if "--quick" in argv else SEEDS
    began = time.perf_counter()
    print("Work plans read into tasks, and tasks matched to the report (example district, generated truth)")
    print(
        f"{'seed':>6} {'tasks':>6} {'recall':>7} {'precis.':>7} {'lead':>6} {'support':>7} {'deadline':>8} "
        f"{'matching':>8} {'grouping':>8}"
    )
    pooled: dict = {}
    for seed in seeds:
        m = measure(seed)
        for key, value in m.items():
            pooled[key] = pooled.get(key, [] if isinstance(value, list) else 0) + value
        _line(str(seed), m)
    if len(seeds) > 1:
        _line("all", pooled)
    print("\nConfusion of reporting statuses (rows: generator's truth, columns: matching), all seeds:")
    print(confusion(pooled["truth"], pooled["status"]).to_string())
    print("\nTargets: recall, precision, lead units, deadlines >= 0.95; matching >= 0.85.")
    for region, year in (("xiping", 2020), ("nansha", 2020)):
        plan = load_plan(region, year)
        items = work_items(plan)
        leads = sum(len(t["lead_units"]) for t in items)
        print(
            f"{region} {year} (real opening, {plan['provenance']['coverage']}): {len(items)} work item(s), "
            f"{leads} lead unit(s) named; {plan['note'] or 'complete items only'}"
        )
    whole_plans()
    print(f"({time.perf_counter() - began:.1f} s)")
    return 0


def whole_plans() -> None:
    """The whole published plans against their truth, as stored and as imported."""
    with (ROOT / "tests" / "truth" / "plan_tasks.csv").open(encoding="utf-8") as file:
        truth = list(csv.DictReader(file))
    print("\nWhole published plans against the hand-labelled truth (tests/truth/plan_tasks.csv)")
    print(
        f"{'plan':<27} {'layout':<9} {'entries':>7} {'recall':>7} {'precis.':>7} {'grouping':>8} "
        f"{'lead':>6} {'support':>7} {'limit':>6} {'area':>6}"
    )
    pooled: dict = {}
    for name, (region, year) in WHOLE.items():
        rows = [r for r in truth if r["text"] == name]
        for layout, path in (
            ("stored", ROOT / "tests" / "data" / "whole" / f"{name}.txt"),
            ("imported", ROOT / "data" / "plans" / region / f"{year}.txt"),
        ):
            m = measure_whole(path.read_text(encoding="utf-8"), rows, year, by_offset=layout == "stored")
            for key, value in m.items():
                pooled[key] = pooled.get(key, 0) + value
            _whole_line(name, layout, m)
    _whole_line("all", "both", pooled)


def measure_whole(text: str, rows: list[dict], year: int, by_offset: bool) -> dict:
    """Counts of one plan read against its truth rows (offsets as stored, else found by quote)."""
    found = {}
    for task in read_plan(text, year=year)["tasks"]:
        start = task["start"] + len(task["marker"])
        while start < len(text) and text[start].isspace():
            start += 1
        found[start] = task
    hits = {"true": len(rows), "found": len(found), "hit": 0, "role": 0, "items": 0}
    hits.update(lead=0, support=0, limit=0, area=0)
    for row in rows:
        start = int(row["start"]) if by_offset else text.find(row["quote_start"])
        got = found.get(start)
        if got is None:
            continue
        hits["hit"] += 1
        hits["role"] += {"grouping": "group", "item": "item"}[row["kind"]] == got["role"]
        if row["kind"] != "item":
            continue
        hits["items"] += 1
        hits["lead"] += set(filter(None, row["lead_units"].split(" | "))) == set(got["lead_units"])
        hits["support"] += set(filter(None, row["support_units"].split(" | "))) == set(got["support_units"])
        hits["limit"] += (row["time_limit"] or None) == (got["deadline"] or {}).get("raw")
        hits["area"] += row["area_id"] == got["area_id"]
    return hits


def _whole_line(name: str, layout: str, m: dict) -> None:
    items = max(m["items"], 1)
    print(
        f"{name:<27} {layout:<9} {m['true']:>7} {m['hit'] / m['true']:>7.3f} "
        f"{m['hit'] / max(m['found'], 1):>7.3f} "
        f"{m['role'] / max(m['hit'], 1):>8.3f} {m['lead'] / items:>6.3f} {m['support'] / items:>7.3f} "
        f"{m['limit'] / items:>6.3f} {m['area'] / items:>6.3f}"
    )


def _line(label: str, m: dict) -> None:
    hit = max(m["hit"], 1)
    print(
        f"{label:>6} {m['true']:>6} {m['hit'] / m['true']:>7.3f} {m['hit'] / max(m['found'], 1):>7.3f} "
        f"{m['lead'] / hit:>6.3f} {m['support'] / hit:>7.3f} {m['deadline'] / hit:>8.3f} "
        f"{m['matched'] / len(m['truth']):>8.3f} {m['roles'] / max(m['entries'], 1):>8.3f}"
    )


if __name__ == "__main__":
    pd.set_option("display.width", 120)
    sys.exit(main(sys.argv[1:]))
