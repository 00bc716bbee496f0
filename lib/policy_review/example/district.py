"""A synthetic district (示例区, "Example District (synthetic)") with a full-size plan and a countdown ledger.

The published reports give plan sizes, not the task list; a district keeps the list in a countdown
ledger (倒计时工作台账) with checkpoints at the ends of March, June, September and December. No
real ledger is public, so this module generates one, seeded and deterministic, with everything
the workbook reads for two consecutive years (2021 and 2022):

- the plan: 121 annual and 44 long-term tasks for 2021 over the 8 framework areas and 30 lead
  units (Chinese names with English glosses), with deadlines; the 2022 plan carries the tasks
  still delayed at the end of 2021 over and adds new ones;
- the ledger: each task's progress status at 03-31, 06-30, 09-30 and 12-31;
- a report text per year (``data/reports/<region>/<year>.txt``) with headings like the real ones
  (一、/(一)/第一,/1.), plan counts, figures, admitted problems and next-year plans, and its
  provenance (``coverage: full``, ``synthetic: true``);
- the curated tables (``data/curated/<region>/``), with offsets that slice the generated text
  exactly, and the reporting axis set so that some tasks are evidenced, some mentioned, some only
  covered by a blanket claim and some not reported at all;
- the work plan of each year as a document (``data/plans/<region>/<year>.txt``, 工作要点 style with
  lead units and time limits, :mod:`example_workplan`), with its provenance;
- the params files ``params/<region>-<year>.yaml``.

The pieces live in modules of their own: the vocabulary (``example_data``, read from the package's
``example_data/*.csv``), the plan and ledger (``example_tasks``), the report text
(``example_report``) and the plan documents (``example_workplan``); this module puts them together
(``build``) and writes the files.

Everything a reader sees says it is synthetic (合成示例数据): the report title, the first line of
each text, the provenance, the region name, the task notes.

    python -m policy_review.example [--seed N] [--out ROOT] [--region ID]

writes the files into the project (default) or under ``ROOT``. The same seed gives the same
bytes. The text uses the punctuation of the shipped report texts (ASCII ``,;:()`` beside
Chinese ``。、“”《》``), which the extraction reads.
"""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass, field
from pathlib import Path

from policy_review.core import paths
from policy_review.example.plan import (
    Task,
    assign_reporting,
    cover_units,
    make_plan,
    random_deadline,
    select_tasks,
)
from policy_review.example.report import Report, framework_areas, write_report
from policy_review.example.vocabulary import (
    ANNUAL_TASKS,
    CHECKPOINTS,
    DEFAULT_SEED,
    LONG_TERM_TASKS,
    NAME_EN,
    NAME_ZH,
    POOL,
    REGION,
    SYNTHETIC_ZH,
    UNITS,
    YEARS,
)
from policy_review.example.workplan import WorkPlan, provenance as plan_provenance, write_plan
from policy_review.tables.curated_tables import CURATED, DRAFT_COLUMNS

__all__ = [
    "CHECKPOINTS",
    "DEFAULT_SEED",
    "NAME_EN",
    "NAME_ZH",
    "REGION",
    "SYNTHETIC_ZH",
    "UNITS",
    "YEARS",
    "Region",
    "build",
    "files",
    "generate",
    "write",
]


# --- the region: plan, ledger, reports, curated tables ---------------------------------------


@dataclass
class Region:
    region: str
    seed: int
    name_zh: str
    name_en: str
    plans: dict[int, list[Task]]
    reports: dict[int, Report]
    followups: list[dict]
    dates: dict[int, tuple[str, str]]
    workplans: dict[int, WorkPlan] = field(default_factory=dict)  # the plan documents, with their truth


def build(
    seed: int = DEFAULT_SEED, region: str = REGION, name_zh: str = NAME_ZH, name_en: str = NAME_EN
) -> Region:
    """Generate the region in memory: same seed, same region."""
    rng = random.Random(seed)
    areas = framework_areas()
    y1, y2 = YEARS
    annual = cover_units(rng, select_tasks(rng, "a", ANNUAL_TASKS, 8), "a")
    long_term = select_tasks(rng, "l", LONG_TERM_TASKS, 3)
    plan1 = make_plan(rng, y1, annual, long_term, [])
    carried = [t for t in plan1 if t.kind == "annual" and t.final != "complete"]
    new2 = rng.randint(92, 104)
    annual2 = cover_units(
        rng, select_tasks(rng, "a", new2, 6, {t.name_zh for t in carried}), "a", {t.name_zh for t in carried}
    )
    plan2 = make_plan(rng, y2, annual2, long_term, carried)
    # last year's report promises six of next year's new tasks, in different areas
    fresh = [t for t in plan2 if t.kind == "annual" and not t.carried_from]
    by_area: dict[str, list[Task]] = {}
    for t in fresh:
        by_area.setdefault(t.area, []).append(t)
    promised = [rng.choice(by_area[a]) for a in sorted(rng.sample(sorted(by_area), 6), key=list(POOL).index)]
    for t in promised:
        t.committed = True
    claims1 = assign_reporting(rng, plan1)
    claims2 = assign_reporting(rng, plan2)
    report1 = write_report(
        rng, y1, plan1, claims1, areas, 0, (new2, LONG_TERM_TASKS), promised, None, name_zh
    )
    # the 2022 report promises work for 2023: pool tasks not in the 2022 plan (no task list for 2023)
    names2 = {t.name_zh for t in plan2}
    later = [
        (area, e) for area, entries in POOL.items() for e in entries if e[0] == "a" and e[1] not in names2
    ]
    later = rng.sample(later, min(5, len(later)))
    promised3 = [
        Task(f"next-{i}", y2 + 1, "annual", area, zh, en, unit, random_deadline(rng))
        for i, (area, (_, zh, en, unit)) in enumerate(later)
    ]
    report2 = write_report(
        rng,
        y2,
        plan2,
        claims2,
        areas,
        len(carried),
        (rng.randint(90, 110), LONG_TERM_TASKS),
        promised3,
        report1,
        name_zh,
    )
    followups = _followups(report1, plan2)
    dates = {}
    for year in YEARS:
        written = f"{year + 1}-02-{rng.randint(10, 20):02d}"
        published = f"{year + 1}-03-{rng.randint(1, 25):02d}"
        dates[year] = (written, published)
    workplans = {
        y1: write_plan(seed, y1, plan1, areas, name_zh),
        y2: write_plan(seed, y2, plan2, areas, name_zh, carried_year=y1),
    }
    return Region(
        region,
        seed,
        name_zh,
        name_en,
        {y1: plan1, y2: plan2},
        {y1: report1, y2: report2},
        followups,
        dates,
        workplans,
    )


def _followups(report: Report, plan: list[Task]) -> list[dict]:
    """What the next report says of each commitment, from the reporting of the task it promised."""
    by_id = {t.task_id: t for t in plan}
    rows = []
    for i, c in enumerate(report.commitments, start=1):
        task = by_id[c["task_id"]]
        row = {
            "followup_id": f"fu-{task.year}-{i:02d}",
            "commitment_id": c["commitment_id"],
            "report_year": task.year,
            "start": "",
            "end": "",
            "quote": "",
            "reason": "",
            "reason_zh": "",
        }
        if task.reporting in ("evidenced", "mentioned"):
            ev = task.evidence
            status = (
                "evidenced"
                if task.reporting == "evidenced"
                else "delayed"
                if task.final != "complete"
                else "mentioned"
            )
            row |= {
                "status": status,
                "start": ev["start"],
                "end": ev["end"],
                "quote": ev["quote"],
                "summary_en": f"{task.year} report, {ev['section_path']}: {ev['summary_en']}",
            }
        else:
            why = (
                "only a blanket claim for its area covers it"
                if task.reporting == "claimed"
                else "the report says nothing about it"
            )
            why_zh = "仅有所属领域的笼统声称" if task.reporting == "claimed" else "报告未提及"
            row |= {
                "status": "not_found",
                "reason": f"{task.task_id} is {task.reporting}: {why}",
                "reason_zh": f"{task.task_id}:{why_zh}",
                "summary_en": f"Not found in the {task.year} report ({task.reporting.replace('_', ' ')}).",
            }
        rows.append(row)
    return rows


# --- writing the files ----------------------------------------------------------------------


def _csv(columns: list[str], rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: ("" if row.get(k) is None else row.get(k, "")) for k in columns})
    return out.getvalue()


def _provenance(r: Region, year: int) -> str:
    written, published = r.dates[year]
    return f"""\
# Provenance of {year}.txt: SYNTHETIC example data ({SYNTHETIC_ZH}), generated by
# `python -m policy_review.example --seed {r.seed} --region {r.region}`; no government published it.
region: {r.region}
region_name_zh: {r.name_zh}（合成示例）
region_name_en: {r.name_en}
report_year: {year}
title: {r.name_zh}人民政府关于{year}年度法治政府建设情况的报告（{SYNTHETIC_ZH}）
title_en: Report of the {r.name_en.replace(" (synthetic)", "")} People's Government on building a rule-of-law government in {year} (synthetic example data)
publisher: {r.name_zh}人民政府办公室（{SYNTHETIC_ZH}）
publisher_en: General Office of the {r.name_en.replace(" (synthetic)", "")} People's Government (synthetic)
index_number: SYNTHETIC-{r.region}-{year}
written: {written}
published: {published}
address: null
address_note: synthetic example data, not published anywhere
address_note_zh: 合成示例数据,未在任何地方发布
coverage: full
coverage_note: full text as generated (seed {r.seed})
coverage_note_zh: 生成的全文(随机种子{r.seed})
synthetic: true
synthetic_note: generated by policy_review.example to demonstrate the workbook with a full-size plan and a countdown ledger; the district, units, tasks and numbers are invented
license_note: synthetic data generated by the policy-review package
"""


def files(r: Region) -> dict[str, str]:
    """Every file of the region, by path relative to the project root, with its text."""
    out: dict[str, str] = {}
    tasks, ledger = [], []
    tables: dict[str, list[dict]] = {name: [] for name in CURATED}
    for year in YEARS:
        report = r.reports[year]
        out[f"data/reports/{r.region}/{year}.txt"] = report.doc.text
        out[f"data/reports/{r.region}/{year}.yaml"] = _provenance(r, year)
        out[f"data/plans/{r.region}/{year}.txt"] = r.workplans[year].text
        out[f"data/plans/{r.region}/{year}.yaml"] = plan_provenance(
            r.workplans[year], r.region, r.name_zh, r.name_en, r.seed
        )
        out[f"params/{r.region}-{year}.yaml"] = (
            f"# One run of notebooks/year_review.ipynb: {r.name_en}, {year} ({SYNTHETIC_ZH}, synthetic example data).\n"
            f"region: {r.region}\nyear: {year}\nlang: en\n"
        )
        for name in ("plan_counts", "evidence", "issues", "commitments"):
            tables[name] += getattr(report, name)
        tables["figures"] += report.doc.figures
        for t in r.plans[year]:
            note = f"{SYNTHETIC_ZH} (synthetic example data): a task of the generated countdown ledger"
            if t.carried_from:
                note += f"; carried over from {t.carried_from}, delayed at {year - 1}-12-31"
            named = t.named_at or ("", "", "")
            tasks.append(
                {
                    "task_id": t.task_id,
                    "plan_year": year,
                    "kind": t.kind,
                    "name_zh": t.name_zh,
                    "name_en": t.name_en,
                    "area_id": t.area,
                    "lead_unit": UNITS[t.unit][0],
                    "deadline": t.deadline_date,
                    "basis": "stated",
                    "reporting": t.reporting,
                    "progress": t.final,
                    "report_year": year,
                    "start": named[0],
                    "end": named[1],
                    "quote": named[2],
                    "note": note,
                }
            )
            for checkpoint, status, note in zip(CHECKPOINTS, t.statuses, t.notes):
                ledger.append(
                    {
                        "task_id": t.task_id,
                        "checkpoint": f"{year}-{checkpoint}",
                        "status": status,
                        "note": note,
                    }
                )
    tables["tasks"] = tasks
    tables["followups"] = r.followups
    tables["ledger"] = ledger
    drafted = {col.name for col in DRAFT_COLUMNS}  # the example's rows are its truth, not drafts
    for name, table in CURATED.items():
        columns = [c for c in table.column_names if c not in drafted]
        out[f"data/curated/{r.region}/{table.file}"] = _csv(columns, tables[name])
    return out


def generate(
    seed: int = DEFAULT_SEED, region: str = REGION, name_zh: str = NAME_ZH, name_en: str = NAME_EN
) -> dict[str, str]:
    """The region's files (path relative to the project root → text), generated from ``seed``."""
    return files(build(seed, region, name_zh, name_en))


def write(
    root: Path | str | None = None,
    seed: int = DEFAULT_SEED,
    region: str = REGION,
    name_zh: str = NAME_ZH,
    name_en: str = NAME_EN,
) -> list[Path]:
    """Write the region's files under ``root`` (default: the project); return the paths written."""
    root = Path(root) if root is not None else paths.root()
    written = []
    for relative, text in generate(seed, region, name_zh, name_en).items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8"))
        written.append(target)
    return written
