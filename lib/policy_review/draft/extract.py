"""Draft extraction of one report into its JSON: figures, plan counts, admitted problems, next-year plans.

``extract_report`` turns the text of one annual report into the JSON a researcher reviews before
anything goes into ``data/curated/``. Every item carries ``start``/``end`` offsets into the text
and the ``raw`` span, with ``text[start:end] == raw``.

The heading tree comes from :mod:`policy_review.draft.sections`, the evidence items from
:mod:`policy_review.draft.evidence`; this module puts them together with the figures, the admitted
problems, the next-year plans and the plan counts.

Plan counts (``task_counts``) are statements such as ``年度任务共15项`` or ``已按期完成48项``:
a ``项`` figure whose phrase names tasks (任务), or that goes on a count of tasks in the same
sentence (``…已按期完成48项,A、B、C等3项…进度稍缓``). The stage is

- ``announced`` for counts in the next-year section or for a later year than the report's
  (the 2018 report's ``将121项年度目标任务…予以交办`` is a plan to assign, so it restates the
  121 annual and 44 long-term tasks announced for 2019; it does not record an assignment);
- ``delayed``, ``completed_on_time`` or ``completed`` when the phrase says so;
- otherwise ``assigned``: a report stating its own year's task count states the plan that was
  assigned (交办/分解).

The year is the nearest year mentioned before the count in the same top-level section, else
the report's year (the next year inside the next-year section). A statement is reported once,
where it first appears: a later repeat of the same year, kind, stage and count (like the one in
三/(一) of the 2018 report) is left out, as in ``plan_counts.csv``.
"""

from __future__ import annotations

import bisect
import re
from pathlib import Path

from policy_review.core import paths
from policy_review.draft.classification import classify_area, classify_theme
from policy_review.draft.evidence import find_evidence
from policy_review.draft.figures import find_figures, section_at
from policy_review.draft.sections import (
    PLANS_TITLE,
    PROBLEMS_TITLE,
    body_end,
    chapters,
    content_start,
    descendants,
    find_sections,
    heading_title,
    leaves,
    plan_chapters,
    problem_chapters,
    skip_space,
    starting_at,
    within,
)
from policy_review.sources import reading
from policy_review.sources.report_text import in_spans, navigation_spans, read_report
from policy_review.tables.frameworks import framework_for
from policy_review.tables.names import slowed_words

_SENTENCE = re.compile(r"[^。;;\n]+")
#: The sentence that introduces the list of problems (``主要表现在:``); what precedes it is not one.
_PROBLEMS_LEAD_IN = re.compile(r"(?:表现|体现|如下|主要有|主要是|问题|不足)[^。;;::\n]{0,8}[::]")

_YEAR_MENTION = re.compile(r"(?<![\d—–\-~至])((?:19|20)\d{2})年")
_TASK = "任务"
_ON_TIME = re.compile(r"(?:按期|按时|如期)完成")
_COMPLETED = re.compile(r"完成")
_LIST_STOPS = "、和"


def extract_report_file(path: Path | str) -> dict:
    """``extract_report`` of a report file, with the file's ``source`` path and ``encoding``."""
    text, encoding = read_report(path)
    return {"source": paths.display(path), "encoding": encoding, **extract_report(text)}


def extract_report(text: str, year: int | None = None) -> dict:
    """Framework, sections, figures, task counts, issues, commitments and evidence of one report.

    The text is read in simplified characters (:mod:`policy_review.sources.simplified`); every offset
    and ``raw`` span is into ``text`` as given. Figures in the next-year chapter are targets,
    not results (``target: true``). ``year`` is the year the report covers (default: the first
    year it names)."""
    analysis = reading.analysis_view(text)
    sections = find_sections(analysis)
    figures = find_figures(analysis, sections)
    year = year or report_year(analysis)
    plans = plan_chapters(sections)
    for figure in figures:
        figure["target"] = any(within(figure["section"], s["path"]) for s in plans)
    task_counts = find_task_counts(analysis, figures, sections, year)
    issues = find_issues(analysis, sections)
    for issue in issues:
        theme = classify_theme(issue["raw"])
        area = classify_area(issue["raw"], year or 2020)
        issue.update(
            theme=theme.label,
            theme_score=round(theme.score, 2),
            theme_terms=list(theme.terms),
            area_id=area.label,
            score=round(area.score, 2),
            terms=list(area.terms),
        )
    commitments = find_commitments(analysis, sections)
    titles = {s["path"]: s["title"] for s in sections}
    for commitment in commitments:
        headings = _headings(commitment.get("section"), titles)
        area = classify_area(commitment["raw"], year or 2020, headings)
        commitment.update(area_id=area.label, score=round(area.score, 2), terms=list(area.terms))
    evidence = find_evidence(
        text,
        analysis,
        sections,
        problem_chapters(sections) + plans,
        figures,
        task_counts,
        year,
        body_end(analysis, sections[0]["start"] if sections else 0),
    )
    framework = framework_for(year or 2020)
    result = {
        "framework": {
            "framework_id": framework["framework_id"],
            "name_zh": framework["name_zh"],
            "name_en": framework["name_en"],
            "year": year,
        },
        "sections": sections,
        "figures": figures,
        "task_counts": task_counts,
        "issues": issues,
        "commitments": commitments,
        "evidence": evidence,
    }
    if analysis is not text and analysis != text:
        _quote_original(result, text)
    return result


def _headings(path: str | None, titles: dict[str, str]) -> tuple[str, ...]:
    found = []
    while path:
        if path in titles:
            found.append(titles[path])
        path = path.rpartition("/")[0]
    return tuple(found)


def _quote_original(result: dict, text: str) -> None:
    """Cut every quoted span and heading of an extraction from the original ``text``."""
    for name in ("figures", "task_counts", "issues", "commitments", "evidence"):
        for item in result[name]:
            item["raw"] = text[item["start"] : item["end"]]
    for section in result["sections"]:
        section["marker"] = text[section["start"] : section["start"] + len(section["marker"])]
        section["title"] = heading_title(text, section["start"] + len(section["marker"]))


def report_year(text: str) -> int | None:
    """The year the report covers: the first year named outside the portal's navigation lines."""
    navigation = navigation_spans(text)
    for match in _YEAR_MENTION.finditer(text):
        if not in_spans(navigation, match.start()):
            return int(match[1])
    return None


# --- issues and commitments ---------------------------------------------------------------------


def find_issues(text: str, sections: list[dict]) -> list[dict]:
    """The sentences of the problems section (存在的问题/不足), after any lead-in (主要表现在:)."""
    issues = []
    for section in chapters(sections, PROBLEMS_TITLE, PLANS_TITLE):
        body_start = content_start(section, text) + len(section["title"])
        lead_in = _PROBLEMS_LEAD_IN.search(text, body_start, section["end"])
        if lead_in:
            body_start = lead_in.end()
        issues += _sentences(text, body_start, section["end"], sections)
    return issues


def find_commitments(text: str, sections: list[dict]) -> list[dict]:
    """The next-year plans: one per finest-level item of the plans section (下步工作打算)."""
    commitments = []
    for section in chapters(sections, PLANS_TITLE, PROBLEMS_TITLE):
        items = leaves(descendants(sections, section))
        if items:
            commitments += [
                _item(text, content_start(item, text), item["end"], item["path"]) for item in items
            ]
        else:
            body_start = content_start(section, text) + len(section["title"])
            commitments += _sentences(text, body_start, section["end"], sections)
    return commitments


def _sentences(text: str, start: int, end: int, sections: list[dict]) -> list[dict]:
    items = []
    for match in _SENTENCE.finditer(text, start, end):
        begin = skip_space(text, match.start())
        heading = starting_at(sections, begin)
        if heading:
            begin = content_start(heading, text)
        if text[begin : match.end()].strip():
            items.append(_item(text, begin, match.end(), section_at(sections, begin)))
    return items


def _item(text: str, start: int, end: int, section: str | None) -> dict:
    raw = text[start:end].rstrip().rstrip(";;,,").rstrip()  # noqa: B005 (any of these marks)
    return {"raw": raw, "start": start, "end": start + len(raw), "section": section}


# --- task counts -------------------------------------------------------------------------------


def find_task_counts(text: str, figures: list[dict], sections: list[dict], year: int | None) -> list[dict]:
    """Statements of how many annual / long-term tasks were announced, assigned, completed or delayed."""
    plans = [s["path"] for s in chapters(sections, PLANS_TITLE, PROBLEMS_TITLE)]
    tops = [s["start"] for s in sections if s["level"] == 1]
    mentions = [(m.start(), int(m[1])) for m in _YEAR_MENTION.finditer(text)]
    counts: list[dict] = []
    stated: set[tuple] = set()
    stops = Stops(text)
    previous = None
    for index, figure in enumerate(figures):
        if figure["unit"] != "项":
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
    clause_start = stops.after_last(reading.CLAUSE_STOPS, line_start, start)
    clause_end = stops.next(reading.CLAUSE_STOPS, end, line_end)
    enumerated = text[start - 1 : start] == "等"
    left = clause_start if enumerated else stops.after_last(_LIST_STOPS, clause_start, start)
    right = min(stops.next(_LIST_STOPS, end, clause_end), next_start)
    phrase, rest = text[left:right], text[end:clause_end]
    goes_on = previous is not None and previous["start"] >= stops.after_last(
        reading.SENTENCE_STOPS, line_start, start
    )
    if _TASK not in phrase and not (goes_on and (slowed_words().search(rest) or _COMPLETED.search(phrase))):
        return None
    if not is_plan_task_count(phrase):
        return None
    stage = _stage(phrase, rest)
    raw_end = clause_end if stage == "delayed" else right
    year_named = _YEAR_MENTION.search(text, left, start)
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
    if "长期" in phrase:
        return "long_term"
    if "年度" in phrase:
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
    return [name.strip() for name in enumeration.split("、") if name.strip()]


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
