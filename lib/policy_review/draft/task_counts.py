"""Plan counts in a report: how many annual and long-term tasks were announced, assigned, done.

Statements such as ``年度任务共15项`` or ``已按期完成48项``: a ``项`` figure whose phrase names
tasks (任务), or that goes on a count of tasks in the same sentence (``…已按期完成48项,A、B、C等3项
…进度稍缓``). The stage is

- ``announced`` for counts in the next-year section or for a later year than the report's
  (the 2018 report's ``将121项年度目标任务…予以交办`` is a plan to assign, so it restates the
  121 annual and 44 long-term tasks announced for 2019; it does not record an assignment);
- ``delayed``, ``completed_on_time`` or ``completed`` when the phrase says so;
- otherwise ``assigned``: a report stating its own year's task count states the plan that was
  assigned (交办/分解).

The year is the nearest year mentioned before the count in the same top-level section, else
the report's year (the next year inside the next-year section). A statement is reported once,
where it first appears: a later repeat of the same year, kind, stage and count (like the one in
三/(一) of the 2018 report) is left out, as in ``plan_counts.csv``. Read on the analysis view.
"""

from __future__ import annotations

import bisect
import re

from policy_review.draft.sections import within
from policy_review.sources.marks import CLAUSE_STOPS, LIST_STOP, SENTENCE_STOPS, YEAR_MENTION
from policy_review.tables.names import slowed_words

_TASK = "\u4efb\u52a1"  # 任务
_ON_TIME = re.compile("(?:\u6309\u671f|\u6309\u65f6|\u5982\u671f)\u5b8c\u6210")  # 按期/按时/如期完成
_COMPLETED = re.compile("\u5b8c\u6210")  # 完成
_LIST_STOPS = LIST_STOP + "\u548c"  # 、 和
_UNIT = "\u9879"  # 项
_ENUMERATED = "\u7b49"  # 等
_LONG_TERM = "\u957f\u671f"  # 长期
_ANNUAL = "\u5e74\u5ea6"  # 年度


def find_task_counts(
    text: str, figures: list[dict], sections: list[dict], plans: list[dict], year: int | None
) -> list[dict]:
    """Statements of how many annual / long-term tasks were announced, assigned, completed or
    delayed; ``plans`` are the next-year chapters."""
    plans = [s["path"] for s in plans]
    tops = [s["start"] for s in sections if s["level"] == 1]
    mentions = [(m.start(), int(m[1])) for m in YEAR_MENTION.finditer(text)]
    counts: list[dict] = []
    stated: set[tuple] = set()
    stops = Stops(text)
    previous = None
    for index, figure in enumerate(figures):
        if figure["unit"] != _UNIT:
            continue
        next_start = figures[index + 1]["start"] if index + 1 < len(figures) else len(text)
        count = _task_count(text, figure, next_start, previous, stops)
        if count is None:
            continue
        in_plans = any(within(figure["section"], path) for path in plans)
        floor = (
            tops[bisect.bisect_right(tops, figure["start"]) - 1] if tops and tops[0] <= figure["start"] else 0
        )
        fallback = year + 1 if in_plans and year else year
        count["year"] = _year_before(mentions, floor, figure["start"]) or fallback
        if in_plans or (year and count["year"] and count["year"] > year):
            count["stage"] = "announced"
        previous = count
        if _plan_key(count) not in stated:
            stated.add(_plan_key(count))
            counts.append(count)
    return counts


def _plan_key(count: dict) -> tuple:
    """What a count states: a repeat of the same statement is reported once, where it first appears."""
    return count["year"], count["kind"], count["stage"], count["count"]


def _task_count(text: str, figure: dict, next_start: int, previous: dict | None, stops: Stops) -> dict | None:
    """The plan-count reading of one ``项`` figure, or None if it does not count tasks."""
    start, end = figure["start"], figure["end"]
    line_start = stops.after_last("\n", 0, start)
    line_end = stops.next("\n", end, len(text))
    clause_start = stops.after_last(CLAUSE_STOPS, line_start, start)
    clause_end = stops.next(CLAUSE_STOPS, end, line_end)
    enumerated = text[start - 1 : start] == _ENUMERATED
    left = clause_start if enumerated else stops.after_last(_LIST_STOPS, clause_start, start)
    right = min(stops.next(_LIST_STOPS, end, clause_end), next_start)
    phrase, rest = text[left:right], text[end:clause_end]
    goes_on = previous is not None and previous["start"] >= stops.after_last(
        SENTENCE_STOPS, line_start, start
    )
    if _TASK not in phrase and not (goes_on and (slowed_words().search(rest) or _COMPLETED.search(phrase))):
        return None
    if not is_plan_task_count(phrase):
        return None
    stage = _stage(phrase, rest)
    raw_end = clause_end if stage == "delayed" else right
    year_named = YEAR_MENTION.search(text, left, start)
    raw = text[year_named.start() if year_named else left : raw_end].strip()
    left = text.index(raw, left)
    return {
        "kind": _kind(phrase, previous if goes_on else None),
        "stage": stage,
        "count": int(figure["value"]),
        "year": None,
        "raw": raw,
        "start": left,
        "end": left + len(raw),
        "names": _names(text[left : start - 1]) if enumerated else [],
        "section": figure["section"],
    }


#: Tasks of another programme than the rule-of-law plan, as a report counts them: 改革任务 (a
#: reform's, e.g. 共推出168项改革任务 of a business-environment reform), 整改任务 (an inspection's).
_OTHER_TASKS = re.compile("\u6539\u9769\u4efb\u52a1|\u6574\u6539\u4efb\u52a1")
_RULE_OF_LAW = "\u6cd5\u6cbb"  # 法治


def is_plan_task_count(phrase: str) -> bool:
    """Whether a count of tasks states the rule-of-law plan's own tasks (年度任务共15项, “长期坚持”任务44项,
    6项任务未能按期完成), not another programme's (共推出168项改革任务): those are figures. ``phrase``:
    the words around the count, up to the next count or list mark."""
    return _RULE_OF_LAW in phrase or not _OTHER_TASKS.search(phrase)


def _kind(phrase: str, previous: dict | None) -> str:
    if _LONG_TERM in phrase:
        return "long_term"
    if _ANNUAL in phrase:
        return "annual"
    if _TASK not in phrase and previous is not None:
        return previous["kind"]
    return "other"


def _stage(phrase: str, rest: str) -> str:
    if slowed_words().search(rest):
        return "delayed"
    if _ON_TIME.search(phrase):
        return "completed_on_time"
    if _COMPLETED.search(phrase):
        return "completed"
    return "assigned"


def _names(enumeration: str) -> list[str]:
    return [name.strip() for name in enumeration.split(LIST_STOP) if name.strip()]


def _year_before(mentions: list[tuple[int, int]], floor: int, position: int) -> int | None:
    """The year of the last mention before ``position`` and not before ``floor``."""
    index = bisect.bisect_left(mentions, position, key=lambda mention: mention[0])
    return mentions[index - 1][1] if index and mentions[index - 1][0] >= floor else None


class Stops:
    """Where the stop characters of a text are, found once per set of stops, so that finding the
    clause or line around each of many figures is a bisection, not a scan of the text (a scan
    from each figure to the end of its line made extraction grow with the square of the number
    of figures on a long line)."""

    def __init__(self, text: str):
        self.text = text
        self._positions: dict[str, list[int]] = {}

    def positions(self, stops: str) -> list[int]:
        if stops not in self._positions:
            pattern = re.compile("[" + re.escape(stops) + "]")
            self._positions[stops] = [m.start() for m in pattern.finditer(self.text)]
        return self._positions[stops]

    def after_last(self, stops: str, low: int, high: int) -> int:
        """Just after the last of ``stops`` in ``text[low:high]``, or ``low``."""
        found = self.positions(stops)
        index = bisect.bisect_left(found, high) - 1
        return found[index] + 1 if index >= 0 and found[index] >= low else low

    def next(self, stops: str, position: int, limit: int) -> int:
        """The first of ``stops`` in ``text[position:limit]``, or ``limit``."""
        found = self.positions(stops)
        index = bisect.bisect_left(found, position)
        return found[index] if index < len(found) and found[index] < limit else limit
