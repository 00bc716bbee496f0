"""The synthetic example's report text: headings like the real reports' (一、/(一)/第一,/1.), plan
counts, figures, admitted problems and next-year plans, each written piece by piece so that the
curated rows pointing into it (evidence, figures, issues, commitments, plan counts) carry offsets
that slice the text exactly.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass, field

from policy_review.core import paths
from policy_review.example.document import AGAIN, Doc, Fig, Piece, gloss as clause_gloss, task_clauses
from policy_review.example.plan import Task
from policy_review.example.vocabulary import (
    CHECKPOINTS,
    CLAIM_ANNUAL,
    CLAIM_LONG_TERM,
    CN_NUMERALS,
    DELAY_REASONS,
    ISSUE_BANK,
    MENTIONED,
    MENTIONED_LONG_TERM,
    SYNTHETIC_ZH,
    UNITS,
)

# --- the text under construction -----------------------------------------------------------


# --- the report text ------------------------------------------------------------------------


@dataclass
class Report:
    """A generated report with the curated rows that point into it."""

    doc: Doc
    evidence: list[dict] = field(default_factory=list)
    issues: list[dict] = field(default_factory=list)
    commitments: list[dict] = field(default_factory=list)
    plan_counts: list[dict] = field(default_factory=list)
    next_counts: tuple[int, int] = (0, 0)
    previous: Report | None = None  # last year's report, which this one repeats in part
    items: dict[str, tuple[list, tuple[int, int]]] = field(default_factory=dict)  # task → clauses, span
    bank_entries: list[tuple] = field(default_factory=list)  # the problems chosen from the bank
    delayed_names: str = ""  # the delayed tasks the first problem names
    #: The truth of what it repeats of last year's report: the sentences carried over on purpose
    #: (``start``, ``end``, ``prev_start``, ``prev_end``, ``class``: ``as_was`` or ``new_figures``)
    carried: list[dict] = field(default_factory=list)
    again: list[str] = field(default_factory=list)  # the problems admitted again in the same words


def framework_areas() -> dict[str, tuple[str, str]]:
    with open(paths.reference_dir() / "areas.csv", encoding="utf-8-sig", newline="") as f:
        rows = sorted(csv.DictReader(f), key=lambda r: int(r["order"]))
    return {r["area_id"]: (r["name_zh"], r["name_en"]) for r in rows}


def _plan_count(
    report: Report, plan_year: int, kind: str, stage: str, span: tuple[int, int, str], note: str
) -> None:
    start, end, quote = span
    report.plan_counts.append(
        {
            "count_id": f"pc-{plan_year}-{kind}-{stage}",
            "plan_year": plan_year,
            "kind": kind,
            "stage": stage,
            "count": int("".join(c for c in quote if c.isdigit())),
            "report_year": report.doc.year,
            "start": start,
            "end": end,
            "quote": quote,
            "note": note,
        }
    )


def _evidence_row(
    report: Report,
    path: str,
    area: str,
    task: Task | None,
    kind: str,
    reporting: str,
    span: tuple[int, int, str],
    summary: str,
) -> dict:
    row = {
        "evidence_id": f"ev-{report.doc.year}-{len(report.evidence) + 1:03d}",
        "report_year": report.doc.year,
        "section_path": path,
        "area_id": area,
        "task_id": task.task_id if task else "",
        "kind": kind,
        "reporting": reporting,
        "start": span[0],
        "end": span[1],
        "quote": span[2],
        "summary_en": summary,
    }
    report.evidence.append(row)
    return row


def _task_item(rng: random.Random, report: Report, number: int, path: str, task: Task) -> None:
    """``N.<task>。<what was done>`` inside an area paragraph, as one evidence item."""
    doc = report.doc
    doc.write(f"{number}.")
    doc.evidence_id = f"ev-{doc.year}-{len(report.evidence) + 1:03d}"
    start = doc.length
    task.named_at = doc.passage(task.name_zh)
    doc.write("。")
    if task.reporting == "evidenced":
        previous = report.previous.items if report.previous and task.kind == "long_term" else {}
        clauses, carry, before = task_clauses(
            rng, task, report.doc.region_name, previous, len(report.carried)
        )
        at = doc.length
        for i, (pieces, _) in enumerate(clauses):
            doc.write("," if i else "", *pieces)
        report.items[task.name_zh] = (clauses, (at, doc.length))
        if carry:
            carried = {"start": at, "end": doc.length, "prev_start": before[0], "prev_end": before[1]}
            report.carried.append(carried | {"class": carry})
        doc.write("。")
        summary = f"{task.name_en}: " + "; ".join(clause_gloss(t, p) for p, t in clauses) + "."
    elif task.final != "complete" and task.kind == "annual":
        reason = task.delay_reason or DELAY_REASONS[0]
        doc.write(f"受{reason[0]}影响,工作进度滞后,已结转下年度继续推进。")
        summary = f"{task.name_en}: stated as delayed ({reason[1]}), carried over; nothing concrete."
    elif task.kind == "long_term" and task.final != "continuing":
        reason = task.delay_reason or DELAY_REASONS[0]
        doc.write(f"受{reason[0]}影响,推进缓慢。")
        summary = f"{task.name_en}: stated as slow ({reason[1]}); nothing concrete."
    else:
        text, gloss = rng.choice(MENTIONED_LONG_TERM if task.kind == "long_term" else MENTIONED)
        doc.write(text)
        summary = f"{task.name_en}: {gloss}; no figure, document or date."
    doc.evidence_id = None
    end = doc.length
    task.evidence = _evidence_row(
        report,
        f"{path}/{number}",
        task.area,
        task,
        task.kind,
        task.reporting,
        (start, end, doc.text[start:end]),
        summary,
    )


def _area_paragraphs(
    rng: random.Random,
    report: Report,
    tasks: list[Task],
    kind: str,
    claims: dict,
    areas: dict[str, tuple[str, str]],
    parent: str,
) -> None:
    doc, n = report.doc, 0
    for area, (area_zh, area_en) in areas.items():
        items = [
            t
            for t in tasks
            if t.area == area and t.kind == kind and t.reporting in ("evidenced", "mentioned")
        ]
        claim = claims[(area, kind)]
        if not items and not claim:
            continue
        ordinal = f"第{CN_NUMERALS[n]}"
        n += 1
        path = f"{parent}/{ordinal}"
        doc.write(f"  {ordinal},{area_zh}。")
        if claim:
            text = CLAIM_ANNUAL if kind == "annual" else CLAIM_LONG_TERM
            what = "annual" if kind == "annual" else "long-term"
            _evidence_row(
                report,
                path,
                area,
                None,
                kind,
                "claimed",
                doc.passage(text),
                f"Blanket claim: every {what} task in this area on schedule ({area_en}).",
            )
        for number, task in enumerate(items, start=1):
            _task_item(rng, report, number, path, task)
        doc.write("\n\n")


def _counts_sentence(report: Report, year: int, tasks: list[Task], carried: int) -> None:
    doc = report.doc
    annual = [t for t in tasks if t.kind == "annual"]
    long_term = [t for t in tasks if t.kind == "long_term"]
    completed = [t for t in annual if t.final == "complete"]
    on_time = [t for t in completed if t.on_time]
    delayed = [t for t in annual if t.final != "complete"]
    doc.write(f"  我区{year}年度法治政府建设")
    span = doc.passage(
        "年度任务共",
        Fig(
            str(len(annual)),
            "项",
            f"{year}年度法治政府建设年度任务",
            f"annual rule-of-law government tasks for {year}",
        ),
    )
    _plan_count(
        report,
        year,
        "annual",
        "assigned",
        span,
        "Stage assigned: the tasks were broken down to lead units at the start of the year "
        "(合成示例数据, synthetic example data).",
    )
    if carried:
        doc.write(
            "(含上年度结转任务",
            Fig(
                str(carried), "项", "上年度结转的年度任务", "annual tasks carried over from the previous year"
            ),
            ")",
        )
    doc.write("、")
    span = doc.passage(
        "“长期坚持”任务", Fig(str(len(long_term)), "项", "“长期坚持”任务", "long-term (长期坚持) tasks")
    )
    _plan_count(
        report,
        year,
        "long_term",
        "assigned",
        span,
        "Stated with the annual tasks; stage assigned as for them.",
    )
    doc.write(
        "。区法治政府建设领导小组办公室于年初印发通知细化分解任务,明确牵头单位和完成时限,以3月、6月、9月、12月",
        Fig("四", "个", "倒计时工作台账的时间节点", "checkpoints of the countdown ledger", value="4"),
        "时间节点建立了倒计时工作台账,逐月调度、逐项销号。截至12月31日,",
    )
    span = doc.passage(
        "年度任务完成", Fig(str(len(completed)), "项", "已完成的年度任务", "annual tasks completed")
    )
    _plan_count(report, year, "annual", "completed", span, "As the ledger stands at 12-31.")
    doc.write(",其中")
    span = doc.passage(
        "按期完成", Fig(str(len(on_time)), "项", "按期完成的年度任务", "annual tasks completed on time")
    )
    _plan_count(report, year, "annual", "completed_on_time", span, "Completed by the deadline in the ledger.")
    doc.write(";")
    span = doc.passage(Fig(str(len(delayed)), "项", "进度滞后的年度任务", "annual tasks delayed"), "进度滞后")
    _plan_count(
        report, year, "annual", "delayed", span, "Not complete at the 12-31 checkpoint; carried over."
    )
    doc.write(",已结转下年度继续推进。\n\n")


def _problems(rng: random.Random, report: Report, tasks: list[Task]) -> None:
    doc = report.doc
    doc.write("  三、存在的问题和不足\n\n  对照年度目标任务,我区法治政府建设仍存在一些不足,主要表现在:")
    delayed = [t for t in tasks if t.kind == "annual" and t.final != "complete"]
    unrated_units = sorted({t.unit for t in tasks if "not_rated" in t.statuses})
    bank = [b for b in ISSUE_BANK if "{k}" not in b[2] or unrated_units]
    previous = report.previous
    if previous is not None:  # last year's problems: some in the same words, others of new themes
        themes = {row["theme"] for row in previous.issues}
        again = [b for b in bank if b in previous.bank_entries]
        again = rng.sample(again, min(AGAIN, len(again)))
        chosen = again + rng.sample([b for b in bank if b[0] not in themes], 3 - len(again))
    else:
        again, chosen = [], rng.sample(bank, 3)
    chosen = sorted(chosen, key=ISSUE_BANK.index)
    report.bank_entries = chosen
    clauses: list[tuple[str, str, list[Piece], str]] = []
    admitted_again: list[bool] = []  # in last year's words
    if delayed:
        named = delayed[:2]
        names = report.delayed_names = "、".join(t.name_zh for t in named)
        clauses.append(
            (
                "uneven_attention",
                named[0].area,
                [
                    "部分年度任务推进滞后,",
                    names,
                    "等",
                    Fig(
                        str(len(delayed)),
                        "项",
                        "未能按期完成的年度任务",
                        "annual tasks not completed on time",
                    ),
                    "任务未能按期完成",
                ],
                f"Progress is uneven: {len(delayed)} annual tasks (e.g. "
                + "; ".join(t.name_en.lower() for t in named)
                + ") were not completed on time.",
            )
        )
        admitted_again.append(previous is not None and names == previous.delayed_names)
    for entry in chosen:
        theme, area, zh, en = entry
        admitted_again.append(entry in again)
        if "{k}" in zh:
            before, after = zh.split("{k}")
            pieces = [
                before,
                Fig(
                    str(len(unrated_units)),
                    "个",
                    "未按时报送台账进度的单位",
                    "units that missed a ledger checkpoint",
                ),
                after,
            ]
            en = en.format(k=len(unrated_units))
        else:
            pieces = [zh]
        clauses.append((theme, area, pieces, en))
    for i, (theme, area, pieces, en) in enumerate(clauses):
        doc.write(f"{CN_NUMERALS[i]}是")
        span = doc.passage(*pieces)
        if admitted_again[i]:
            report.again.append(f"is-{doc.year}-{i + 1:02d}")
        doc.write(";" if i < len(clauses) - 1 else "。\n\n")
        report.issues.append(
            {
                "issue_id": f"is-{doc.year}-{i + 1:02d}",
                "report_year": doc.year,
                "theme": theme,
                "area_id": area,
                "start": span[0],
                "end": span[1],
                "quote": span[2],
                "summary_en": en,
            }
        )


def _plans(
    rng: random.Random, report: Report, next_year: int, counts: tuple[int, int], promised: list[Task]
) -> None:
    doc = report.doc
    doc.write(f"  四、下步工作打算\n\n  {next_year}年,我区拟安排法治政府建设")
    span = doc.passage(
        "年度任务",
        Fig(str(counts[0]), "项", f"{next_year}年拟安排的年度任务", f"annual tasks planned for {next_year}"),
    )
    _plan_count(report, next_year, "annual", "announced", span, "Outlook for the next year (合成示例数据).")
    doc.write("、")
    span = doc.passage(
        "“长期坚持”任务",
        Fig(str(counts[1]), "项", f"{next_year}年“长期坚持”任务", f"long-term tasks for {next_year}"),
    )
    _plan_count(report, next_year, "long_term", "announced", span, "Outlook for the next year.")
    doc.write(",重点做好以下工作:\n\n")
    for i, task in enumerate(promised):
        marker = f"({CN_NUMERALS[i]})"
        doc.write(f"  {marker}")
        month = int(CHECKPOINTS[task.deadline][:2]) if task.deadline is not None else 12
        span = doc.passage(f"{task.name_zh}。由{UNITS[task.unit][0]}牵头,{month}月底前完成。")
        doc.write("\n\n")
        report.commitments.append(
            {
                "commitment_id": f"cm-{doc.year}-{i + 1:02d}",
                "report_year": doc.year,
                "for_year": next_year,
                "section_path": f"四/{marker}",
                "area_id": task.area,
                "task_id": task.task_id if task.task_id.startswith(f"t-{next_year}-") else "",
                "start": span[0],
                "end": span[1],
                "quote": span[2],
                "summary_en": (
                    f"{task.name_en}, led by the {UNITS[task.unit][1]}, by the end of month {month}."
                ),
            }
        )


def write_report(
    rng: random.Random,
    year: int,
    tasks: list[Task],
    claims: dict,
    areas: dict,
    carried: int,
    next_counts: tuple[int, int],
    promised: list[Task],
    previous: Report | None,
    name_zh: str,
) -> Report:
    """One year's report; ``previous``, last year's, is repeated in part (:attr:`Report.carried`)."""
    report = Report(Doc(year, name_zh), previous=previous)
    doc = report.doc
    doc.write(
        f"【{SYNTHETIC_ZH}】本文由程序生成,仅用于演示法治政府建设年度报告审读工作簿,不是任何政府发布的真实报告,"
        "文中地区、单位、任务和数字均为虚构。\n\n"
    )
    doc.write(f"{name_zh}人民政府关于{year}年度法治政府建设情况的报告（{SYNTHETIC_ZH}）\n\n")
    doc.write(
        f"  {year}年,{name_zh}坚持以法治政府建设为重点,对照法治政府建设实施方案和年度工作要点,"
        "逐项推进各项任务。现将有关情况报告如下。\n\n"
    )
    doc.write(f"  一、{year}年度推进法治政府建设的主要举措和成效\n\n")
    _counts_sentence(report, year, tasks, carried)
    doc.write("  (一)年度任务完成情况\n\n")
    _area_paragraphs(rng, report, tasks, "annual", claims, areas, "一/(一)")
    doc.write("  (二)“长期坚持”任务推进情况\n\n")
    _area_paragraphs(rng, report, tasks, "long_term", claims, areas, "一/(二)")
    doc.write(
        "  二、党政主要负责人履行推进法治建设第一责任人职责情况\n\n  区政府主要负责人认真履行推进法治"
        "建设第一责任人职责,全年主持召开区政府常务会议专题研究法治政府建设工作",
        Fig(
            str(rng.randint(2, 6)),
            "次",
            "区政府常务会议专题研究法治政府建设",
            "executive meetings on rule-of-law government",
        ),
        ",听取法治政府建设情况汇报",
        Fig(str(rng.randint(2, 4)), "次", "听取法治政府建设情况汇报", "progress reports heard"),
        ",带头旁听行政诉讼庭审",
        Fig(
            str(rng.randint(2, 5)), "次", "主要负责人旁听行政诉讼庭审", "court hearings attended by the head"
        ),
        "。\n\n",
    )
    _problems(rng, report, tasks)
    _plans(rng, report, year + 1, next_counts, promised)
    doc.write(
        "  五、其他需要报告的情况\n\n  本报告及其所列单位、任务、"
        f"数字均为{SYNTHETIC_ZH},由程序按固定随机种子生成,不对应任何真实地区。\n\n  {name_zh}人民政"
        f"府({SYNTHETIC_ZH})\n"
    )
    report.next_counts = next_counts
    return report
