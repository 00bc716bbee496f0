"""The synthetic example's work plans as documents: 示例区's yearly 工作要点, written from its task list.

Each plan is what a district office issues at the start of the year: a covering notice, the
plan's title, a preamble, then the tasks numbered under the framework areas (一、年度重点任务 /
(一)<area> / 1.<task>) with, after each task, its lead unit (牵头单位), supporting units (配合单位)
and time limit (完成时限), in the three ways real plans write them (in parentheses, on a line of
their own, or as ``X牵头,Y配合``). Long-term tasks come under 二、长期坚持任务 with 长期坚持 as
their time limit.

The generator knows the truth of every task it writes (where the item starts and ends, its lead
and supporting units, its deadline), so reading the plan back (:mod:`plans`) can be measured.
The plan text draws on its own seeded ``random.Random``, so writing it changes nothing else the
generator makes.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from policy_review.example.plan import Task
from policy_review.example.vocabulary import (
    AREA_UNITS,
    CHECKPOINTS,
    CN_NUMERALS,
    PLAN_DETAILS,
    SYNTHETIC_ZH,
    UNITS,
)


@dataclass
class WorkPlan:
    """One year's generated plan: its text, its dates and number, and the truth of each task in it."""

    year: int
    text: str
    document_number: str
    written: str
    published: str
    tasks: list[dict] = field(default_factory=list)


def write_plan(
    seed: int,
    year: int,
    tasks: list[Task],
    areas: dict[str, tuple[str, str]],
    name_zh: str,
    carried_year: int | None = None,
) -> WorkPlan:
    """The plan document of ``year`` for ``tasks`` (annual, then long-term, by framework area)."""
    rng = random.Random(f"{seed}-workplan-{year}")
    day = rng.randint(8, 25)
    number = f"{name_zh[0]}府办发〔{year}〕{rng.randint(2, 30)}号"
    parts: list[str] = []
    truth: list[dict] = []

    def write(piece: str) -> int:
        parts.append(piece)
        return sum(len(p) for p in parts)

    title = f"{name_zh}{year}年法治政府建设工作要点（{SYNTHETIC_ZH}）"
    write(
        f"【{SYNTHETIC_ZH}】本文由程序生成,仅用于演示法治政府建设年度报告审读工作簿,不是任何政府发布的真实文件,"
        "文中地区、单位、任务和时限均为虚构。\n\n"
    )
    write(
        f"{name_zh}人民政府办公室关于印发{name_zh}{year}年法治政府建设工作要点的通知\n\n{number}\n\n"
        "各镇人民政府、街道办事处,区政府各部门,有关单位:\n\n"
        f"  《{name_zh}{year}年法治政府建设工作要点》已经区政府同意,现印发给你们,请结合实际认真贯彻执行。"
        f"各牵头单位要按照完成时限抓好落实,于每季度末向{UNITS['sfj'][0]}报送工作进展。\n\n"
        f"{name_zh}人民政府办公室\n\n{year}年1月{day}日\n\n"
    )
    write(f"{title}\n\n")
    write(
        f"  {year}年是推进法治政府建设的重要一年。为深入贯彻落实法治政府建设实施纲要,推动我区法治政府建设"
        "各项任务落地见效,现就全年工作安排如下。\n\n"
    )
    for kind, heading in (("annual", "年度重点任务"), ("long_term", "长期坚持任务")):
        rank = 0 if kind == "annual" else 1
        write(f"  {CN_NUMERALS[rank]}、{heading}\n\n")
        in_kind = [t for t in tasks if t.kind == kind]
        shown = [(a, n) for a, n in areas.items() if any(t.area == a for t in in_kind)]
        for a, (area, (area_zh, _)) in enumerate(shown):
            write(f"  ({CN_NUMERALS[a]}){area_zh}\n\n")
            for number_in_area, task in enumerate((t for t in in_kind if t.area == area), start=1):
                start = write("  ")
                truth.append(_item(rng, write, start, number_in_area, task, year, carried_year))
    write(
        "  三、工作要求\n\n  各牵头单位要对照本要点细化工作措施,明确责任人和时间节点,纳入倒计时工作台账管"
        f"理;配合单位要主动支持,形成工作合力。{UNITS['sfj'][0]}要加强统筹调度,定期通报进展情况。\n\n"
    )
    write(
        f"  本要点及其所列单位、任务和时限均为{SYNTHETIC_ZH},由程序按固定随机种子生成,不对应任何真实地区。\n"
    )
    text = "".join(parts)
    published = f"{year}-01-{min(day + rng.randint(1, 5), 31):02d}"
    return WorkPlan(year, text, number, f"{year}-01-{day:02d}", published, truth)


def _item(
    rng: random.Random, write, start: int, number: int, task: Task, year: int, carried_year: int | None
) -> dict:
    """One numbered task with its units and time limit; returns its truth."""
    supports = [u for u in AREA_UNITS[task.area] if u != task.unit]
    support = rng.sample(supports, min(len(supports), rng.choice((0, 0, 1, 1, 2))))
    lead_zh, support_zh = UNITS[task.unit][0], [UNITS[u][0] for u in support]
    deadline_raw, deadline = _time_limit(rng, task, year)
    detail = rng.choice(PLAN_DETAILS)
    if task.carried_from and carried_year:
        detail = f"{carried_year}年度结转任务,{detail}"
    write(f"{number}.{task.name_zh}。{detail}")
    style = rng.choice(("parentheses", "line", "line", "joined"))
    support_part = f";配合单位:{'、'.join(support_zh)}" if support_zh else ""
    if style == "parentheses":
        end = write(f"(牵头单位:{lead_zh}{support_part};完成时限:{deadline_raw})")
    elif style == "line":
        end = write(f"\n  牵头单位:{lead_zh}{support_part};完成时限:{deadline_raw}。")
    else:
        joined = f"{lead_zh}牵头," + "、".join(support_zh) + "配合" if support_zh else lead_zh
        end = write(f"\n  责任单位:{joined}。完成时限:{deadline_raw}。")
    write("\n\n")
    return {
        "task_id": task.task_id,
        "kind": task.kind,
        "area_id": task.area,
        "name": task.name_zh,
        "start": start,
        "end": end,
        "lead_units": [lead_zh],
        "support_units": support_zh,
        "deadline_raw": deadline_raw,
        "deadline": deadline,
    }


def _time_limit(rng: random.Random, task: Task, year: int) -> tuple[str, dict]:
    """The time limit as the plan writes it, and its meaning (kind, ISO date)."""
    if task.deadline is None:
        return rng.choice(("长期坚持", "长期坚持", "持续推进")), {"kind": "long_term", "date": None}
    checkpoint = CHECKPOINTS[task.deadline]
    month = int(checkpoint[:2])
    quarter = "一二三四"[task.deadline]
    written = rng.choice(
        (
            f"{year}年{month}月底前",
            f"{month}月底前",
            f"{month}月底前",
            f"第{quarter}季度" if month < 12 else "年底前",
            "年底前" if month == 12 else f"{month}月底前",
        )
    )
    return written, {"kind": "date", "date": f"{year}-{checkpoint}"}


def provenance(plan: WorkPlan, region: str, name_zh: str, name_en: str, seed: int) -> str:
    """The plan's provenance file, in the shape of a report's (``synthetic: true``)."""
    bare = name_en.replace(" (synthetic)", "")
    return f"""\
# Provenance of {plan.year}.txt: SYNTHETIC example data ({SYNTHETIC_ZH}), generated by
# `python -m policy_review.example --seed {seed} --region {region}`; no government published it.
region: {region}
region_name_zh: {name_zh}（合成示例）
region_name_en: {name_en}
plan_year: {plan.year}
title: {name_zh}{plan.year}年法治政府建设工作要点（{SYNTHETIC_ZH}）
title_en: Key points of the {bare}'s rule-of-law government work for {plan.year} (synthetic example data)
publisher: {name_zh}人民政府办公室（{SYNTHETIC_ZH}）
publisher_en: General Office of the {bare} People's Government (synthetic)
document_number: {plan.document_number}
written: {plan.written}
published: {plan.published}
address: null
address_note: synthetic example data, not published anywhere
coverage: full
coverage_note: full text as generated (seed {seed})
synthetic: true
synthetic_note: generated by policy_review.example from the example's task list, with lead units and time limits
license_note: synthetic data generated by the policy-review package
"""  # noqa: E501 (the YAML writes one field per line, however long)
