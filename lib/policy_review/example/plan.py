"""The synthetic example's plan and ledger: which tasks, who leads them, their deadlines, their
progress at each checkpoint, and where the report will place each of them (evidenced, mentioned,
covered by a blanket claim, or not reported).

Everything is drawn from one seeded ``random.Random``: the same seed, the same plan.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from policy_review.example.vocabulary import CHECKPOINTS, DELAY_REASONS, POOL, UNITS


@dataclass
class Task:
    task_id: str
    year: int
    kind: str  # annual | long_term
    area: str
    name_zh: str
    name_en: str
    unit: str
    deadline: int | None  # index into CHECKPOINTS; None for long-term tasks
    carried_from: str | None = None
    statuses: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    on_time: bool = False
    delay_reason: tuple[str, str] | None = None
    reporting: str = "not_reported"
    named_at: tuple[int, int, str] | None = None  # where the report names the task
    evidence: dict | None = None  # the evidence item about it
    committed: bool = False  # last year's report promised it

    @property
    def final(self) -> str:
        return self.statuses[-1]

    @property
    def deadline_date(self) -> str:
        return f"{self.year}-{CHECKPOINTS[self.deadline]}" if self.deadline is not None else ""


def _allocate(rng: random.Random, sizes: dict[str, int], total: int, floor: int) -> dict[str, int]:
    """How many tasks each area gets: its pool size, less random removals down to ``total``."""
    counts = dict(sizes)
    while sum(counts.values()) > total:
        areas = [a for a in counts if counts[a] > floor]
        counts[rng.choice(areas)] -= 1
    return counts


def select_tasks(
    rng: random.Random, kind: str, total: int, floor: int, exclude: set[str] = frozenset()
) -> list[tuple[str, tuple]]:
    """``total`` pool entries of a kind over the areas, in pool order within each area."""
    pools = {
        area: [e for e in entries if e[0] == kind and e[1] not in exclude] for area, entries in POOL.items()
    }
    counts = _allocate(rng, {a: len(p) for a, p in pools.items()}, total, floor)
    chosen = []
    for area, pool in pools.items():
        keep = sorted(rng.sample(range(len(pool)), counts[area]))
        chosen += [(area, pool[i]) for i in keep]
    return chosen


def cover_units(
    rng: random.Random, chosen: list[tuple[str, tuple]], kind: str, exclude: set[str] = frozenset()
) -> list[tuple[str, tuple]]:
    """Swap pool entries in so that every unit leads at least one task of the plan."""
    chosen = list(chosen)
    for unit in UNITS:
        if any(entry[3] == unit for _, entry in chosen):
            continue
        names = {entry[1] for _, entry in chosen}
        spare = [
            (area, e)
            for area, entries in POOL.items()
            for e in entries
            if e[3] == unit and e[0] == kind and e[1] not in names and e[1] not in exclude
        ]
        if not spare:
            continue
        area, entry = rng.choice(spare)
        load = {u: sum(1 for _, e in chosen if e[3] == u) for u in UNITS}
        swappable = [i for i, (a, e) in enumerate(chosen) if a == area and load[e[3]] > 1]
        if swappable:
            chosen[rng.choice(swappable)] = (area, entry)
    order = {name: i for entries in POOL.values() for i, (_, name, _, _) in enumerate(entries)}
    area_order = list(POOL)
    return sorted(chosen, key=lambda ae: (area_order.index(ae[0]), order[ae[1][1]]))


def random_deadline(rng: random.Random) -> int:
    return rng.choices(range(4), weights=(1, 3, 2, 4))[0]


def _simulate(rng: random.Random, task: Task) -> None:
    """The task's status at each checkpoint, and the ledger notes."""
    if task.kind == "long_term":
        start = 1 if rng.random() < 0.08 else 0
        slow = rng.random() < 0.05
        for k in range(4):
            if k < start:
                status, note = "not_started", ""
            elif slow and k >= 2:
                reason = rng.choice(DELAY_REASONS)
                task.delay_reason = reason
                status, note = "delayed", f"受{reason[0]}影响,推进缓慢"
            else:
                status, note = "continuing", "持续推进"
            task.statuses.append(status)
            task.notes.append(note)
        _unrated(rng, task)
        return
    d = task.deadline
    start = 1 if d > 0 and rng.random() < 0.2 else 0
    if rng.random() < 0.9:
        done = rng.randint(start, d)
    elif d < 3 and rng.random() < 0.6:
        done = rng.randint(d + 1, 3)
    else:
        done = None
    task.on_time = done is not None and done <= d
    if done is None or done > d:
        task.delay_reason = rng.choice(DELAY_REASONS)
    for k in range(4):
        if done is not None and k >= done:
            status, note = "complete", "已完成" if k == done else ""
        elif k >= d:
            status, note = "delayed", f"受{task.delay_reason[0]}影响,进度滞后"
        elif k >= start:
            status, note = "continuing", "按计划推进"
        else:
            status, note = "not_started", ""
        task.statuses.append(status)
        task.notes.append(note)
    _unrated(rng, task)


def _unrated(rng: random.Random, task: Task) -> None:
    """Now and then a unit does not report back at a checkpoint (never the last one)."""
    for k in range(3):
        if task.statuses[k] != "complete" and rng.random() < 0.03:
            task.statuses[k], task.notes[k] = "not_rated", "责任单位未报送进度"


def make_plan(
    rng: random.Random,
    year: int,
    annual: list[tuple[str, tuple]],
    long_term: list[tuple[str, tuple]],
    carried: list[Task],
) -> list[Task]:
    tasks = []
    for i, old in enumerate(carried, start=1):
        tasks.append(
            Task(
                f"t-{year}-a{i:03d}",
                year,
                "annual",
                old.area,
                old.name_zh,
                old.name_en,
                old.unit,
                rng.choice((1, 2)),
                carried_from=old.task_id,
            )
        )
    for area, (_, zh, en, unit) in annual:
        tasks.append(
            Task(f"t-{year}-a{len(tasks) + 1:03d}", year, "annual", area, zh, en, unit, random_deadline(rng))
        )
    for i, (area, (_, zh, en, unit)) in enumerate(long_term, start=1):
        tasks.append(Task(f"t-{year}-l{i:02d}", year, "long_term", area, zh, en, unit, None))
    for task in tasks:
        _simulate(rng, task)
    return tasks


# --- reporting: which tasks the report evidences, mentions, claims or leaves out -------------


def assign_reporting(rng: random.Random, tasks: list[Task]) -> dict[tuple[str, str], bool]:
    """Each task's place in the report; returns which (area, kind) sections carry a blanket claim."""
    claims = {}
    for kind, share in (("annual", 0.6), ("long_term", 0.5)):
        flags = [rng.random() < share for _ in POOL]
        flags[rng.randrange(len(flags))] = True
        flags[rng.randrange(len(flags))] = False
        claims |= {(area, kind): flag for area, flag in zip(POOL, flags)}
    for task in tasks:
        roll = rng.random()
        if task.kind == "annual" and task.final != "complete":
            level = "mentioned" if roll < 0.35 else None
        elif task.committed:
            level = "evidenced" if roll < 0.5 else "mentioned" if roll < 0.75 else None
        elif task.kind == "annual":
            level = "evidenced" if roll < 0.38 else "mentioned" if roll < 0.6 else None
        else:
            level = "evidenced" if roll < 0.3 else "mentioned" if roll < 0.55 else None
        if level is None:
            level = "claimed" if claims[(task.area, task.kind)] else "not_reported"
        task.reporting = level
    return claims
