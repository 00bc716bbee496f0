"""The synthetic example district's vocabulary: names, lead units, the task pool and the stock phrases.

The literal data lives in package data files (``example_data/*.csv``) so that a reader can edit
a unit's name or add a task to the pool without touching code; this module reads them once and
holds the constants the generator shares (region id and names, years, checkpoints).
"""

from __future__ import annotations

import csv
from importlib import resources

REGION = "example"
NAME_ZH = "示例区"
NAME_EN = "Example District (synthetic)"
SYNTHETIC_ZH = "合成示例数据"
YEARS = (2021, 2022)
DEFAULT_SEED = 2021
ANNUAL_TASKS = 121  # the 2021 plan
LONG_TERM_TASKS = 44
CHECKPOINTS = ("03-31", "06-30", "09-30", "12-31")
CN_NUMERALS = "一二三四五六七八九十"


def _rows(name: str) -> list[dict[str, str]]:
    with resources.files(__package__).joinpath("data", name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


#: Lead units: key → (Chinese name as the ledger writes it, English gloss).
UNITS: dict[str, tuple[str, str]] = {r["unit"]: (r["name_zh"], r["name_en"]) for r in _rows("units.csv")}

#: The task pool by framework area: (kind, name_zh, name_en, lead unit). "a" annual, "l" long-term.
POOL: dict[str, list[tuple[str, str, str, str]]] = {}
for _r in _rows("task_pool.csv"):
    POOL.setdefault(_r["area_id"], []).append((_r["kind"], _r["name_zh"], _r["name_en"], _r["unit"]))

#: Units that may lead tasks of an area, for the pass that gives every unit a task.
AREA_UNITS: dict[str, tuple[str, ...]] = {
    area: tuple(dict.fromkeys(unit for _, _, _, unit in entries)) for area, entries in POOL.items()
}

#: Why a task is late: (Chinese as the ledger writes it, English gloss).
DELAY_REASONS = tuple((r["reason_zh"], r["reason_en"]) for r in _rows("delay_reasons.csv"))

_PHRASES = _rows("phrases.csv")
#: What a report says of a task it only mentions: (Chinese, English gloss).
MENTIONED = tuple((r["text_zh"], r["gloss_en"]) for r in _PHRASES if r["use"] == "mentioned_annual")
MENTIONED_LONG_TERM = tuple(
    (r["text_zh"], r["gloss_en"]) for r in _PHRASES if r["use"] == "mentioned_long_term"
)
CLAIM_ANNUAL = next(r["text_zh"] for r in _PHRASES if r["use"] == "claim_annual")
CLAIM_LONG_TERM = next(r["text_zh"] for r in _PHRASES if r["use"] == "claim_long_term")
#: What a work plan says after a task's lead phrase.
PLAN_DETAILS = tuple(r["text_zh"] for r in _PHRASES if r["use"] == "plan_detail")

#: Problems a report may admit: (theme, area, Chinese with ``{k}`` for a count of units, English).
ISSUE_BANK = tuple((r["theme"], r["area_id"], r["text_zh"], r["summary_en"]) for r in _rows("issue_bank.csv"))
