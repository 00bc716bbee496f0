"""The problems a report admits (存在的问题/不足): one item per admitted problem, with its theme and area.

Read on the analysis view, in the chapters of problems (:func:`sections.problem_chapters`). Where
the chapter numbers its problems (``一是…;二是…``, ``1.``, ``(一)``, also inside one paragraph),
each lowest-level item is one problem. Otherwise the problems are the sentences after the lead-in
(``主要表现在:``; what precedes it is a general admission, not a problem), cut at ``;`` and ``。``,
and further at a comma where a clause names a problem of another theme than the clause before it
(``…重视不够,导致…推进不平衡,乡镇街道基本没有工作情况反馈`` is two problems: uneven attention,
then missing feedback), while clauses of one theme stay one problem. Each problem carries its
theme (:func:`classification.classify_theme`) and framework area, with the terms that decided them.
"""

from __future__ import annotations

import re

from policy_review.draft.classification import classify_area, classify_theme
from policy_review.draft.figures import section_at
from policy_review.draft.sections import (
    content_start,
    descendants,
    leaves,
    problem_chapters,
    skip_space,
    starting_at,
)
from policy_review.sources.marks import FULL_STOP, SENTENCE_STOPS
from policy_review.sources.reading import Reading

#: The sentence that introduces the list of problems (``主要表现在:``): 表现 体现 如下 主要有 主要是
#: 问题 不足, then up to 8 characters and a colon.
_LEAD_IN = re.compile(
    "(?:\u8868\u73b0|\u4f53\u73b0|\u5982\u4e0b|\u4e3b\u8981\u6709|\u4e3b\u8981\u662f|\u95ee\u9898|\u4e0d\u8db3)"
    "[^" + re.escape(SENTENCE_STOPS) + ",:]{0,8}:"
)
#: A problem ends at a sentence stop or a semicolon.
_PROBLEM = re.compile("[^" + FULL_STOP + ";\n]+")
_TRAILING = ";,:" + FULL_STOP


def find_issues(reading: Reading, sections: list[dict], year: int | None) -> list[dict]:
    """The admitted problems: ``{raw, start, end, section, theme, theme_score, theme_terms,
    area_id, score, terms}`` (view offsets)."""
    text = reading.text
    found: list[dict] = []
    for chapter in problem_chapters(sections):
        items = leaves(descendants(sections, chapter))
        if items:
            found += [_item(text, content_start(item, text), item["end"], item["path"]) for item in items]
            continue
        body_start = content_start(chapter, text) + len(chapter["title"])
        lead_in = _LEAD_IN.search(text, body_start, chapter["end"])
        if lead_in:
            body_start = lead_in.end()
        found += _sentences(text, body_start, chapter["end"], sections)
    for issue in found:
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
    return found


def _sentences(text: str, start: int, end: int, sections: list[dict]) -> list[dict]:
    items = []
    for match in _PROBLEM.finditer(text, start, end):
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
