"""The synthetic report as it is written: pieces of text with the figures they carry, put together
so that every figure's offsets slice the text exactly, and the stock clauses of its work items."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from policy_review.example.plan import Task
from policy_review.example.vocabulary import NAME_ZH


@dataclass(frozen=True)
class Fig:
    """A figure to write into the text: the number as written, its unit and what it counts."""

    number: str
    unit: str
    label_zh: str
    label_en: str
    kind: str = "count"
    qualifier: str = ""
    value: str | None = None  # the number as a value, where it is written in Chinese numerals

    @property
    def raw(self) -> str:
        return f"{self.number}{self.qualifier}{self.unit}"


Piece = str | Fig


@dataclass
class Doc:
    """A report text written piece by piece, recording where each figure lands."""

    year: int
    region_name: str = NAME_ZH
    parts: list[str] = field(default_factory=list)
    length: int = 0
    figures: list[dict] = field(default_factory=list)
    evidence_id: str | None = None  # the evidence item being written, if any

    def write(self, *pieces: Piece) -> tuple[int, int]:
        start = self.length
        for piece in pieces:
            if isinstance(piece, Fig):
                at = self.length
                self._append(piece.raw)
                self.figures.append(
                    {
                        "figure_id": f"fig-{self.year}-{len(self.figures) + 1:03d}",
                        "report_year": self.year,
                        "value": piece.value or piece.number,
                        "unit": piece.unit,
                        "qualifier": piece.qualifier,
                        "raw": piece.raw,
                        "label_zh": piece.label_zh,
                        "label_en": piece.label_en,
                        "kind": piece.kind,
                        "evidence_id": self.evidence_id or "",
                        "start": at,
                        "end": self.length,
                    }
                )
            else:
                self._append(piece)
        return start, self.length

    def passage(self, *pieces: Piece) -> tuple[int, int, str]:
        start, end = self.write(*pieces)
        return start, end, self.text[start:end]

    def _append(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    @property
    def text(self) -> str:
        return "".join(self.parts)


#: How a long-term task's concrete sentence is carried when last year's report has one for it,
#: in turn: copied as it was, or copied with new figures.
CARRY = ("as_was", "new_figures")
#: How many of last year's problems a report admits again in the same words.
AGAIN = 2


def task_clauses(
    rng: random.Random, task: Task, region_name: str, previous: dict, turn: int
) -> tuple[list, str | None, tuple | None]:
    """A task's concrete clauses (pieces, gloss template); where last year's report gave the task
    a concrete sentence (``previous``: task name → clauses and span), that sentence again, as it
    was or with new figures (:data:`CARRY`, by ``turn``); how it was carried; and the span of last
    year's sentence."""
    fresh = clause_templates(rng, task, region_name)  # drawn either way: the rest stays as it was
    before = previous.get(task.name_zh)
    if before is None:
        return fresh, None, None
    carry = CARRY[turn % len(CARRY)]
    if carry == "as_was":
        return before[0], carry, before[1]
    own = random.Random(f"{task.year}:{task.name_zh}")  # its own draws, from the year and task
    return [(redrawn(own, pieces), t) for pieces, t in before[0]], carry, before[1]


def gloss(template: str, pieces: list[Piece]) -> str:
    """A clause's English gloss with its figures put in (``{} measures`` → ``12 measures``)."""
    numbers = [p.raw.removesuffix(p.unit).removesuffix(p.qualifier) for p in pieces if isinstance(p, Fig)]
    return template.format(*numbers)


def redrawn(rng: random.Random, pieces: list[Piece]) -> list[Piece]:
    """The same clause with new figures: each number drawn again near the old one, never equal to
    it, written as it was (a decimal keeps one place)."""
    out: list[Piece] = []
    for p in pieces:
        if not isinstance(p, Fig) or p.value is not None:
            out.append(p)
            continue
        number = p.number
        while number == p.number:
            if "." in p.number:  # a percentage, one decimal place
                number = f"{min(99.9, max(80.0, float(p.number) + rng.randint(-40, 40) / 10)):.1f}"
            else:
                old = int(p.number)
                number = str(max(1, old + rng.choice((-1, 1)) * rng.randint(1, max(2, old // 5))))
        out.append(Fig(number, p.unit, p.label_zh, p.label_en, p.kind, p.qualifier))
    return out


def clause_templates(rng: random.Random, task: Task, region_name: str) -> list[tuple[list[Piece], str]]:
    """One to three concrete clauses (a named document, figures), each with its English gloss still
    to fill (:func:`gloss`)."""
    name, en = task.name_zh, task.name_en

    def fig(number, unit, zh, gloss, kind="count", qualifier=""):
        return Fig(str(number), unit, f"{name}:{zh}", f"{gloss} ({en})", kind, qualifier)

    n = rng.randint
    options = [
        lambda: (
            ["明确具体措施", fig(n(5, 24), "项", "具体措施", "concrete measures")],
            "{} concrete measures",
        ),
        lambda: (
            ["覆盖全区", fig(n(12, 30), "个", "覆盖的镇街", "townships covered"), "镇街"],
            "{} townships covered",
        ),
        lambda: (
            [
                "组织",
                fig(n(8, 46), "个", "参与的区级部门", "district departments taking part"),
                "区级部门参与",
            ],
            "{} departments taking part",
        ),
        lambda: (
            [
                "开展专项培训",
                fig(n(2, 12), "场", "专项培训场次", "training sessions"),
                "、培训",
                fig(n(3, 40) * 50, "人次", "培训人次", "trainees (person-times)", qualifier="余"),
            ],
            "{} training sessions, over {} trainees",
        ),
        lambda: rectification(rng, fig),
        lambda: (
            ["办理相关案件", fig(n(6, 480), "件", "办理的相关案件", "cases handled")],
            "{} cases handled",
        ),
        lambda: (
            ["投入经费", fig(n(8, 260), "万元", "投入经费", "funds spent (10,000 yuan)", "money")],
            "{}0,000 yuan spent",
        ),
        lambda: (["召开专题会议", fig(n(2, 9), "次", "专题会议", "special meetings")], "{} special meetings"),
        lambda: (
            ["公开相关信息", fig(n(20, 900), "条", "公开的信息", "items of information published")],
            "{} items published",
        ),
        lambda: (
            [
                "群众满意率达",
                fig(f"{rng.randint(880, 995) / 10:.1f}", "%", "群众满意率", "public satisfaction", "percent"),
            ],
            "satisfaction {}%",
        ),
    ]
    picked = rng.sample(options, rng.choice((1, 2, 2)))
    clauses = []
    if task.kind == "annual" and rng.random() < 0.55:
        clauses.append(([f"印发《{region_name}关于{name}的实施方案》"], "implementation plan issued"))
    for make in picked:
        clauses.append(make())
    return clauses


def rectification(rng: random.Random, fig) -> tuple[list[Piece], str]:
    found = rng.randint(12, 160)
    fixed = rng.randint(found * 8 // 10, found)
    share = f"{fixed / found * 100:.1f}"
    return (
        [
            "梳理问题",
            fig(found, "个", "梳理出的问题", "problems found"),
            ",整改",
            fig(fixed, "个", "已整改的问题", "problems fixed"),
            ",整改率",
            fig(share, "%", "问题整改率", "share of problems fixed", "percent"),
        ],
        "{} problems found, {} fixed ({}%)",
    )
