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
#: A clause: up to a comma.
_CLAUSE = re.compile("[^,]+")
#: Words that open a clause with a subject of its own: 个别 部分 少数 一些 有的 乡镇 街道 镇街 基层 各级
#: 部门 单位.
_NEW_SUBJECT = re.compile(
    "(?:\u4e2a\u522b|\u90e8\u5206|\u5c11\u6570|\u4e00\u4e9b|\u6709\u7684|\u4e61\u9547|\u8857\u9053"
    "|\u9547\u8857|\u57fa\u5c42|\u5404\u7ea7|\u90e8\u95e8|\u5355\u4f4d)"
)
_NO_THEME = "other"


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
        for a, b in _problems_in(text, begin, match.end()):
            if text[a:b].strip():
                items.append(_item(text, a, b, section_at(sections, a)))
    return items


def _problems_in(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``text[start:end]`` cut at each comma where a new subject (乡镇街道, 个别单位, 部分部门…) opens a
    clause of another theme than the problem so far: a problem of its own."""
    spans = []
    begin = start
    theme = None
    position = start
    for clause in _CLAUSE.finditer(text, start, end):
        said = clause.group().strip()
        call = classify_theme(said)
        label = call.label if call.label != _NO_THEME else None
        if (
            clause.start() > begin
            and label is not None
            and theme is not None
            and label != theme
            and _NEW_SUBJECT.match(said)
        ):
            spans.append((begin, position))
            begin, theme = skip_space(text, clause.start()), label
        else:
            theme = theme or label
        position = clause.end()
    spans.append((begin, end))
    return spans


def _item(text: str, start: int, end: int, section: str | None) -> dict:
    raw = text[start:end].rstrip().rstrip(_TRAILING).rstrip()
    return {"raw": raw, "start": start, "end": start + len(raw), "section": section}
