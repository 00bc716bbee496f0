"""The heading tree of a report: its numbered sections, and which chapters hold problems or plans.

Headings follow the usual hierarchy of Chinese government documents, from the top:
``一、`` / ``(一)`` / ``第一,`` / ``1.`` (or ``1、``) / ``(1)`` / ``一是``. The first three
start a line; the others may also start a sentence inside a paragraph, and are believed only when
their numbering runs on (``2.`` after ``1.`` under the same parent), so a stray ``3.`` or a
decimal such as ``5.2万`` is not a heading, while ``3.40个`` after ``2.`` is item 3 counting 40.
``(二)`` and ``第二,`` also start a sentence when they run on from the item before
(``(一)全面推进政务公开。(二)加强行政执法监督…``). A section runs up to the next heading of the
same or a higher level, or to the portal footer. The chapters of admitted problems (存在的问题)
and of next-year plans (下步工作打算) are found by their titles.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import cn2an

from policy_review.sources.report_text import in_spans, navigation_spans

_CN = "[一二三四五六七八九十]+"
_LINE_START = r"^[^\S\n]*"
_SENTENCE_START = r"(?:^|(?<=[。;;::]))[^\S\n]*"


@dataclass(frozen=True)
class HeadingStyle:
    """One level of heading markers: its rank (1 = top), pattern and how it shows in a path."""

    rank: int
    pattern: re.Pattern
    inline: bool
    path_form: str


HEADING_STYLES = (
    HeadingStyle(1, re.compile(_LINE_START + rf"(?P<marker>(?P<n>{_CN})、)", re.M), False, "{n}"),
    HeadingStyle(2, re.compile(_LINE_START + rf"(?P<marker>[((](?P<n>{_CN})[))])", re.M), False, "({n})"),
    HeadingStyle(3, re.compile(_LINE_START + rf"(?P<marker>第(?P<n>{_CN})[,,、])", re.M), False, "第{n}"),
    HeadingStyle(4, re.compile(_SENTENCE_START + r"(?P<marker>(?P<n>\d{1,2})[..、])", re.M), True, "{n}"),
    HeadingStyle(5, re.compile(_SENTENCE_START + r"(?P<marker>[((](?P<n>\d{1,2})[))])", re.M), True, "({n})"),
    HeadingStyle(6, re.compile(_SENTENCE_START + rf"(?P<marker>(?P<n>{_CN})是)", re.M), True, "{n}是"),
)

#: ``(二)`` and ``第二,`` also start a sentence inside a paragraph when they run on from the
#: item before (``(一)全面推进政务公开。(二)加强行政执法监督…``).
_AFTER_SENTENCE = r"(?<=[。;;])[^\S\n]*"
INLINE_STYLES = (
    HeadingStyle(2, re.compile(_AFTER_SENTENCE + rf"(?P<marker>[((](?P<n>{_CN})[))])"), True, "({n})"),
    HeadingStyle(3, re.compile(_AFTER_SENTENCE + rf"(?P<marker>第(?P<n>{_CN})[,,、])"), True, "第{n}"),
)

_TITLE_END = re.compile(r"[。,,;;::\n]")
PROBLEMS_TITLE = re.compile(r"问题|不足")
PLANS_TITLE = re.compile(r"下步|下一步|打算|下一年度|(?:工作|年度)安排")


def find_sections(text: str) -> list[dict]:
    """The heading tree, in text order: ``{path, level, marker, title, start, end}``."""
    sections: list[dict] = []
    open_sections: list[tuple[int, dict]] = []
    numbering: dict[int, int] = {}
    for style, match in _heading_candidates(text):
        number = _numeral(match["n"])
        if style.inline and number != numbering.get(style.rank, 0) + 1:
            continue
        start = match.start("marker")
        while open_sections and open_sections[-1][0] >= style.rank:
            _close(text, open_sections.pop()[1], start)
        numbering = {rank: n for rank, n in numbering.items() if rank < style.rank}
        numbering[style.rank] = number
        section = _section(text, style, match, open_sections[-1][1] if open_sections else None)
        sections.append(section)
        open_sections.append((style.rank, section))
    for _, section in open_sections:
        _close(text, section, body_end(text, section["start"]))
    return sections


def _heading_candidates(text: str) -> list[tuple[HeadingStyle, re.Match]]:
    navigation = navigation_spans(text)
    candidates = [
        (style, match)
        for style in HEADING_STYLES + INLINE_STYLES
        for match in style.pattern.finditer(text)
        if not in_spans(navigation, match.start("marker"))
    ]
    return sorted(candidates, key=lambda c: (c[1].start("marker"), c[0].rank))


def _numeral(numeral: str) -> int:
    return int(numeral) if numeral.isdigit() else int(cn2an.cn2an(numeral, "normal"))


def _section(text: str, style: HeadingStyle, match: re.Match, parent: dict | None) -> dict:
    marker = match["marker"]
    step = style.path_form.format(n=match["n"])
    return {
        "path": f"{parent['path']}/{step}" if parent else step,
        "level": parent["level"] + 1 if parent else 1,
        "marker": marker,
        "title": heading_title(text, match.end("marker")),
        "start": match.start("marker"),
        "end": None,
    }


def heading_title(text: str, position: int) -> str:
    start = skip_space(text, position)
    stop = _TITLE_END.search(text, start)
    return text[start : stop.start() if stop else len(text)].strip()


def _close(text: str, section: dict, end: int) -> None:
    section["end"] = section["start"] + len(text[section["start"] : end].rstrip())


def body_end(text: str, after: int) -> int:
    """Where the report's text ends: at the portal footer that follows ``after``, if any."""
    return min((start for start, _ in navigation_spans(text) if start > after), default=len(text))


def skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def content_start(section: dict, text: str) -> int:
    """Where a section's own words start: after its marker."""
    return skip_space(text, section["start"] + len(section["marker"]))


def chapters(sections: list[dict], title: re.Pattern, other: re.Pattern) -> list[dict]:
    """The sections titled as ``title`` and not also as ``other``: the top-level ones if any, else
    the outermost ones inside a chapter titled as both (``二、存在的问题和下步打算``), else anywhere."""
    found = [s for s in sections if title.search(s["title"]) and not other.search(s["title"])]
    top = [s for s in found if s["level"] == 1]
    if top:
        return top
    combined = [s["path"] for s in sections if s["level"] == 1 and title.search(s["title"])]
    inside = [s for s in found if any(within(s["path"], path) for path in combined)] or found
    return [s for s in inside if not any(within(s["path"], o["path"]) and s is not o for o in inside)]


def descendants(sections: list[dict], section: dict) -> list[dict]:
    """The sections below ``section``: they follow it in text order, up to its end."""
    first = bisect.bisect_right(sections, section["start"], key=_start)
    last = bisect.bisect_left(sections, section["end"], key=_start)
    return [s for s in sections[first:last] if s["path"].startswith(section["path"] + "/")]


def starting_at(sections: list[dict], position: int) -> dict | None:
    index = bisect.bisect_left(sections, position, key=_start)
    return sections[index] if index < len(sections) and sections[index]["start"] == position else None


def _start(section: dict) -> int:
    return section["start"]


def leaves(sections: list[dict]) -> list[dict]:
    return [s for s in sections if not any(o["path"].startswith(s["path"] + "/") for o in sections)]


def problem_chapters(sections: list[dict]) -> list[dict]:
    """The chapters of admitted problems (存在的问题/不足)."""
    return chapters(sections, PROBLEMS_TITLE, PLANS_TITLE)


def plan_chapters(sections: list[dict]) -> list[dict]:
    """The chapters of next-year plans (下步工作打算, 工作安排)."""
    return chapters(sections, PLANS_TITLE, PROBLEMS_TITLE)


def within(path: str | None, ancestor: str) -> bool:
    return path is not None and (path == ancestor or path.startswith(ancestor + "/"))
