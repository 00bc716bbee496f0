"""The next-year plans a report states: one commitment per lowest-level item of its plan chapters.

Read on the analysis view. The plan chapters are :func:`sections.plan_chapters` (下步工作打算,
下一步工作计划, 下一年度…, ``2020年法治政府建设工作计划``); each lowest-level item under them is one
commitment (a chapter with no numbered item gives its sentences), and an unmarked closing
paragraph of plans (``下一步,区经济发展局将…``, :func:`sections.closing_plan`) is one commitment
of its own. Each commitment is for the year after the report's, with its framework area and the
lead units and time limit the item names, read by the plan reader's rules
(:mod:`policy_review.draft.units`: ``责任单位:…``, ``X牵头``, ``X负责``, ``6月底前``), and the
unit that is the subject of its action (``下一步,区经济发展局将…``).
"""

from __future__ import annotations

import re

from policy_review.draft.classification import classify_area
from policy_review.draft.figures import section_at
from policy_review.draft.sections import content_start, descendants, leaves, skip_space, starting_at
from policy_review.draft.units import (
    acting_units,
    inline_deadlines,
    is_deadline,
    labelled_fields,
    parse_deadline,
    split_units,
)
from policy_review.sources.marks import FULL_STOP
from policy_review.sources.reading import Reading

_SENTENCE = re.compile("[^" + FULL_STOP + ";\n]+")
_TRAILING = ";,:"


def find_commitments(
    reading: Reading, sections: list[dict], plans: list[dict], closing: dict | None, year: int | None
) -> list[dict]:
    """The next-year plans: ``{raw, start, end, section, for_year, area_id, score, terms,
    lead_units, time_limit}`` (view offsets)."""
    text = reading.text
    found: list[dict] = []
    for chapter in plans:
        items = leaves(descendants(sections, chapter))
        if items:
            found += [_item(text, content_start(item, text), item["end"], item["path"]) for item in items]
        else:
            body_start = content_start(chapter, text) + len(chapter["title"])
            found += _sentences(text, body_start, chapter["end"], sections)
    if closing:
        found.append(_item(text, closing["start"], closing["end"], closing["path"]))
    titles = {s["path"]: s["title"] for s in sections}
    for commitment in found:
        headings = _headings(commitment["section"], titles)
        area = classify_area(commitment["raw"], year or 2020, headings)
        commitment.update(
            for_year=year + 1 if year else None,
            area_id=area.label,
            score=round(area.score, 2),
            terms=list(area.terms),
            **_units_and_limit(text, commitment, year),
        )
    return found


def _units_and_limit(text: str, commitment: dict, year: int | None) -> dict:
    start, end = commitment["start"], commitment["end"]
    leads: list[str] = []
    limit = None
    for field in labelled_fields(text, start, end):
        if is_deadline(field["label"]):
            limit = limit or field["value"]
            continue
        leads += [unit for unit, is_lead in split_units(field["value"]) if is_lead]
    leads += acting_units(text, start, end)
    inline = inline_deadlines(text, start, end)
    if limit is None and inline:
        limit = inline[-1].group()
    return {
        "lead_units": list(dict.fromkeys(leads)),
        "time_limit": limit,
        "deadline": parse_deadline(limit, year + 1 if year else None) if limit else None,
    }


def _headings(path: str | None, titles: dict[str, str]) -> tuple[str, ...]:
    found = []
    while path:
        if path in titles:
            found.append(titles[path])
        path = path.rpartition("/")[0]
    return tuple(found)


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
    raw = text[start:end].rstrip().rstrip(_TRAILING).rstrip()
    return {"raw": raw, "start": start, "end": start + len(raw), "section": section}
