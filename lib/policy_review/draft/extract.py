"""Draft extraction of one report into its JSON: figures, plan counts, admitted problems, next-year plans.

``extract_report`` turns the text of one annual report into the JSON a researcher reviews before
anything goes into ``data/curated/``. The text is read through the reading layer
(:mod:`policy_review.sources.reading`: widths, spaces and script folded, page furniture left out,
the title, addressee and signature told from the body), every rule runs on that analysis view,
and every item is then mapped back: its ``start``/``end`` are offsets into the text as given and
``raw`` is cut from it, ``text[start:end] == raw``, whatever the text's typesetting.

The heading tree comes from :mod:`policy_review.draft.sections`, the evidence items from
:mod:`policy_review.draft.evidence`, the plan counts from :mod:`policy_review.draft.task_counts`,
the problems from :mod:`policy_review.draft.problems` and the commitments from
:mod:`policy_review.draft.commitments`; this module puts them together.

The year the report covers (:func:`covered_year`) is the year its title names (关于2021年度…的报告,
2019年…工作报告), else the year its body opens with (``2022年,区经济发展局…``), else the year before
the one its next-year chapter is titled with (``八、2020年法治政府建设工作计划``); never the first
year it happens to mention. A report whose year cannot be told says so (``year`` null, and
``year_basis`` null); the framework in force follows from the year.
"""

from __future__ import annotations

import re
from pathlib import Path

from policy_review.core import paths
from policy_review.draft.commitments import find_commitments
from policy_review.draft.evidence import Spans, find_evidence
from policy_review.draft.figures import find_figures
from policy_review.draft.problems import find_issues
from policy_review.draft.sections import (
    PLANS_TITLE,
    YEAR_PLAN_TITLE,
    chapters,
    closing_plan,
    content_start,
    find_sections,
    plan_chapters,
    problem_chapters,
)
from policy_review.draft.task_counts import find_task_counts
from policy_review.sources.reading import Reading, read
from policy_review.sources.report_text import read_report
from policy_review.tables.frameworks import framework_for

#: The year a report's body opens with: ``2022年,…``, ``2023 年,…``, ``2021年度,…``, ``2020年以来,…``.
_OPENING_YEAR = re.compile(
    r"[^\S\n]*((?:19|20)\d{2})\s?\u5e74(?:\u5ea6|\u4ee5\u6765|\u5168\u5e74|\u5185)?[^\S\n]*[,:]"
)
#: What a report whose year cannot be told says.
NO_YEAR = (
    "the year covered cannot be told from the text: its title names no year, its body does not "
    "open with one, and it has no next-year chapter titled with a year"
)


def extract_report_file(path: Path | str) -> dict:
    """``extract_report`` of a report file, with the file's ``source`` path and ``encoding``."""
    text, encoding = read_report(path)
    return {"source": paths.display(path), "encoding": encoding, **extract_report(text)}


def extract_report(text: str, year: int | None = None) -> dict:
    """Framework, sections, figures, task counts, issues, commitments and evidence of one report.

    ``year`` is the year the report covers (default: :func:`covered_year`). Figures in the
    next-year chapters and in a closing ``下一步`` paragraph are targets, not results
    (``target: true``). Every offset and ``raw`` span is into ``text`` as given."""
    reading = read(text)
    view = reading.text
    sections = find_sections(reading)
    year, basis = (year, "given") if year else covered_year(reading, sections)
    figures = find_figures(view, sections)
    plans = plan_chapters(sections, year)
    closing = closing_plan(reading, sections)
    outlook = plans + ([closing] if closing else [])
    outlook_spans = Spans((s["start"], s["end"]) for s in outlook)
    for figure in figures:
        figure["target"] = outlook_spans.covers(figure["start"])
    task_counts = find_task_counts(view, figures, sections, plans, year)
    issues = find_issues(reading, sections, year)
    commitments = find_commitments(reading, sections, plans, closing, year)
    evidence = find_evidence(
        reading, sections, problem_chapters(sections) + outlook, figures, task_counts, year
    )
    framework = framework_for(year or 2020)
    result = {
        "framework": {
            "framework_id": framework["framework_id"],
            "name_zh": framework["name_zh"],
            "name_en": framework["name_en"],
            "year": year,
            "year_basis": basis,
            **({} if year else {"note": NO_YEAR}),
        },
        "sections": sections,
        "figures": figures,
        "task_counts": task_counts,
        "issues": issues,
        "commitments": commitments,
        "evidence": evidence,
    }
    _to_original(result, reading)
    return result


def covered_year(reading: Reading, sections: list[dict]) -> tuple[int | None, str | None]:
    """The year the report covers and why (see the module doc): ``(year, basis)``, or
    ``(None, None)`` when the text does not tell."""
    text = reading.text
    if reading.title_year:
        return reading.title_year[0], "title"
    starts = [reading.body[0]]
    if sections and sections[0]["level"] == 1:
        line_end = text.find("\n", content_start(sections[0], text))
        if line_end >= 0:
            starts.append(line_end)
    for start in starts:
        opening = _OPENING_YEAR.match(text, _skip_lines(text, start))
        if opening:
            return int(opening[1]), "opening statement"
    for chapter in chapters(sections, _AnyPlans(), _Never()):
        named = YEAR_PLAN_TITLE.search(chapter["title"])
        if named:
            return int(named[1]) - 1, "next-year chapter"
    return None, None


class _AnyPlans:
    """Plan chapters titled with any year, or as next year's."""

    def search(self, title: str) -> bool:
        return bool(PLANS_TITLE.search(title) or YEAR_PLAN_TITLE.search(title))


class _Never:
    def search(self, title: str) -> bool:
        return False


def _skip_lines(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def _to_original(result: dict, reading: Reading) -> None:
    """Every offset of an extraction read on the view mapped into the text of record, every quoted
    span, marker and heading cut from it."""
    if reading.text == reading.original:
        return
    for name in ("figures", "task_counts", "issues", "commitments", "evidence"):
        for item in result[name]:
            item["start"], item["end"] = reading.original_span(item["start"], item["end"])
            item["raw"] = reading.original[item["start"] : item["end"]]
    for section in result["sections"]:
        title_start = content_start(section, reading.text)
        section["title"] = reading.quote(title_start, title_start + len(section["title"]))
        section["marker"] = reading.quote(section["start"], section["start"] + len(section["marker"]))
        section["start"], section["end"] = reading.original_span(section["start"], section["end"])
