"""Reading work plans into tasks, and matching the tasks to the report, against known truth.

On the example district's generated plans (2021 and 2022, for the shipped seed and a few others,
so that the figures are not those of one draw), where the generator knows every task, its lead
and supporting units, its time limit and the report passage on it, prints:

- task extraction: recall and precision of the plan's work items (an item found is one that
  starts where a true task starts);
- lead-unit accuracy (the lead units found equal the true ones), supporting-unit accuracy;
- deadline accuracy (kind and date as the truth);
- task -> passage matching accuracy against the generator's truth (the status is the true one
  and, for evidenced and mentioned tasks, the passage overlaps the true one), with the confusion
  of statuses;
- what the real openings give (西平 2020: work items and lead units; 南沙 2020: none, and why).

Targets (issue 16): extraction recall and precision, lead units and deadlines >= 0.95; matching
>= 0.85. The synthetic plans and reports are regular (task names written out in the report), so
these figures are an upper bound for real texts.

Run: ``make bench`` or ``.venv/bin/python benchmarks/bench_plans.py [--quick]``.
"""

from __future__ import annotations

import sys
import time

import pandas as pd

from policy_review.draft.extract import extract_report
from policy_review.draft.plans import load_plan, read_plan, work_items
from policy_review.draft.task_matching import confusion, match_tasks
from policy_review.example import district

SEEDS = (district.DEFAULT_SEED, 5, 99)


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
        "truth": [],
        "status": [],
    }
    for year in district.YEARS:
        workplan, report = region.workplans[year], region.reports[year]
        items = work_items(read_plan(workplan.text))
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
        f"{'matching':>8}"
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
    print(f"({time.perf_counter() - began:.1f} s)")
    return 0


def _line(label: str, m: dict) -> None:
    hit = max(m["hit"], 1)
    print(
        f"{label:>6} {m['true']:>6} {m['hit'] / m['true']:>7.3f} {m['hit'] / max(m['found'], 1):>7.3f} "
        f"{m['lead'] / hit:>6.3f} {m['support'] / hit:>7.3f} {m['deadline'] / hit:>8.3f} "
        f"{m['matched'] / len(m['truth']):>8.3f}"
    )


if __name__ == "__main__":
    pd.set_option("display.width", 120)
    sys.exit(main(sys.argv[1:]))
