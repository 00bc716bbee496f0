"""The heading tree of a report: its numbered sections, and which chapters hold problems or plans.

Read on the analysis view (:mod:`policy_review.sources.reading`), so ``（一）`` is ``(一)`` and
``，`` is ``,``; offsets are into the view (``reading.original_span`` maps them back), inside the
document's body (``reading.body``: no title, signature or page furniture).

Headings follow the usual hierarchy of Chinese government documents, from the top:
``一、`` / ``(一)`` / ``第一,`` / ``1.`` (or ``1、``) / ``(1)`` / ``一是``. The first three
head a line wherever they stand at a line's start. Inside a line (a page crawled onto one line,
or the numbering of a paragraph) a marker is a heading only where its numbering runs on: it is
the first of its level under its parent or the one after the last (``2.`` after ``1.``), or it
continues a numbering that runs through the chapters (``(四)`` opening chapter 二 after ``(三)``
closed chapter 一). ``一、``, ``(一)`` and ``第一,`` are found after a sentence stop (``。一、``),
and there also with a slip of the original's numbering (``(一)`` printed twice, a number skipped);
``(一)`` also straight after a heading with no stop (``坚定法治建设方向(一)深入…``); ``1.``,
``(1)`` and ``一是`` after a sentence or clause stop, and ``1.`` also after a closing bracket or a
space (a crawl's ``…(牵头单位:区司法局) 2.…``) and, as ``1.``, straight after a heading; ``一、``
also after a closing bracket (``…(牵头单位:区司法局)二、…``). So a stray ``3.`` or a decimal such as
``5.2万`` is no heading, while ``3.40个`` after ``2.`` is item 3 counting 40.

A section runs up to the next heading of the same or a higher level, or to the end of the body.
Its title is its line when the heading is a line of its own (``一、积极统筹…,高效推进…``) or runs
up to the next heading; otherwise its first clause (``第一,深推审批改革,再添三张清单。`` →
``深推审批改革``). The chapters of admitted problems (存在的问题) and of next-year plans (下步工作
打算, ``2020年…工作计划``) are found by their titles; an unmarked closing paragraph of plans
(``下一步,…``) after the last heading is :func:`closing_plan`, and belongs to no section.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import cn2an

from policy_review.sources.marks import FULL_STOP, QUOTE_CLOSE, QUOTE_OPEN
from policy_review.sources.reading import Reading

_CN = "[\u4e00\u4e8c\u4e09\u56db\u4e94\u516d\u4e03\u516b\u4e5d\u5341]+"  # 一二三四五六七八九十
_LINE = "line"  # at a line's start: believed as it is (ranks 1-3)
_STOP = "stop"  # after a sentence stop
_ANY = "anywhere"  # inside a line, after no stop
_FIRST = r"(?:^|(?<=\n))[^\S\n]*"
_AFTER_STOP = "(?<=[" + FULL_STOP + ";!?:])[^\\S\n]*"
_AFTER_CLAUSE = "(?:^|(?<=[" + FULL_STOP + ";!?:,\n]))[^\\S\n]*"


@dataclass(frozen=True)
class HeadingStyle:
    """One level of heading markers: its rank (1 = top), pattern, where it may stand, and how it
    shows in a path."""

    rank: int
    pattern: re.Pattern
    where: str
    path_form: str


def _style(rank: int, before: str, marker: str, where: str, path_form: str) -> HeadingStyle:
    return HeadingStyle(rank, re.compile(before + f"(?P<marker>{marker})", re.M), where, path_form)


_R1 = rf"(?P<n>{_CN})\u3001(?!{_CN}\u3001)"  # 一、 (not 一、二、三等奖)
_R2 = rf"\((?P<n>{_CN})\)"  # (一)
_R3 = rf"\u7b2c(?P<n>{_CN})[,\u3001]"  # 第一, 第一、
_R4 = r"(?P<n>\d{1,2})[.\u3001]"  # 1. 1、
_R5 = r"\((?P<n>\d{1,2})\)"  # (1)
_R6 = rf"(?P<n>{_CN})\u662f"  # 一是
HEADING_STYLES = (
    _style(1, _FIRST, _R1, _LINE, "{n}"),
    _style(1, _AFTER_STOP, _R1, _STOP, "{n}"),
    _style(1, "(?<=[)\u3011\u3015])[^\\S\n]*", _R1, _ANY, "{n}"),  # a crawl's …(牵头单位:区司法局)二、…
    _style(2, _FIRST, _R2, _LINE, "({n})"),
    _style(2, _AFTER_STOP, _R2, _STOP, "({n})"),
    _style(2, r"(?<![\u7b2c\n])", _R2 + r"(?![\u9879\u6b3e\u6761\u76ee])", _ANY, "({n})"),  # not 第(一)项
    _style(3, _FIRST, _R3, _LINE, "\u7b2c{n}"),
    _style(3, _AFTER_STOP, _R3, _STOP, "\u7b2c{n}"),
    _style(4, _AFTER_CLAUSE.replace(",", ""), _R4, _STOP, "{n}"),
    # in a crawl: after a closing bracket or a space (…(牵头单位:区司法局) 2.…), or 1. straight after
    # a heading with no stop (一、依法全面履行政府职能1.深化…); never a decimal (1.5)
    _style(4, "(?<=[)\u3011\u3015 ])[^\\S\n]*", _R4 + r"(?!\d)", _ANY, "{n}"),
    _style(4, "(?<=[\u4e00-\u9fff])", r"(?P<n>1)\.(?!\d)", _ANY, "{n}"),
    _style(5, _AFTER_CLAUSE.replace(",", ""), _R5, _STOP, "({n})"),
    _style(6, _AFTER_CLAUSE, _R6, _STOP, "{n}\u662f"),
)
_PRIORITY = {_LINE: 0, _STOP: 1, _ANY: 2}
#: Ranks whose markers need their numbering to run on wherever they stand.
_ALWAYS_RUN_ON = frozenset((4, 5, 6))

#: Chapters of admitted problems: 存在的问题, 问题和不足, 不足, 短板, 薄弱环节 (not a work heading
#: that solves problems: 解决群众反映的问题, 问题整改).
PROBLEMS_TITLE = re.compile(
    "\u5b58\u5728\u7684?(?:\u4e3b\u8981)?(?:\u95ee\u9898|\u4e0d\u8db3|\u56f0\u96be|\u77ed\u677f|\u5dee\u8ddd)"
    "|(?:\u95ee\u9898|\u56f0\u96be)(?:\u548c|\u4e0e|\u53ca)(?:\u4e0d\u8db3|\u56f0\u96be|\u95ee\u9898|\u77ed\u677f|\u5dee\u8ddd)"
    "|\u4e0d\u8db3|\u77ed\u677f|\u8584\u5f31\u73af\u8282"
)
#: Chapters of next-year plans: 下步, 下一步, 打算, 下一年度, 工作安排, 年度安排, 今后…工作, 工作计划/思路/
#: 展望, and a year's 工作计划/安排/要点/思路 (``八、2020年法治政府建设工作计划``).
PLANS_TITLE = re.compile(
    "\u4e0b\u6b65|\u4e0b\u4e00\u6b65|\u6253\u7b97|\u4e0b\u4e00\u5e74\u5ea6|(?:\u5de5\u4f5c|\u5e74\u5ea6)\u5b89\u6392"
    "|\u4eca\u540e.{0,6}(?:\u5de5\u4f5c|\u8ba1\u5212)|\u5de5\u4f5c(?:\u8ba1\u5212|\u601d\u8def|\u5c55\u671b)"
)
#: A year's plan chapter: ``2020年法治政府建设工作计划`` (the year named is the plan's).
YEAR_PLAN_TITLE = re.compile(
    r"((?:19|20)\d{2})\s?\u5e74[^,]{0,30}(?:\u8ba1\u5212|\u5b89\u6392|\u8981\u70b9|\u601d\u8def|\u6253\u7b97)$"
)
#: An unmarked closing paragraph of plans: 下一步, 下步, 下一阶段, 今后 (then 工作中 or a comma).
_CLOSING_PLAN = re.compile(
    "(?:^|(?<=[\n" + FULL_STOP + "!?]))[^\\S\n]*"
    "(?P<lead>(?:\u4e0b\u4e00\u6b65|\u4e0b\u6b65|\u4e0b\u4e00\u9636\u6bb5|\u4eca\u540e)(?:\u5de5\u4f5c\u4e2d)?,)"
)


def find_sections(reading: Reading) -> list[dict]:
    """The heading tree, in text order: ``{path, level, marker, title, start, end}`` (view offsets)."""
    text = reading.text
    body_start, body_end = reading.body
    sections: list[dict] = []
    open_sections: list[tuple[int, dict]] = []
    numbering: dict[int, int] = {}
    last_of_rank: dict[int, int] = {}
    taken_until = body_start
    for style, match in _heading_candidates(text, body_start, body_end):
        start = match.start("marker")
        if start < taken_until:
            continue
        number = _numeral(match["n"])
        if not _believed(style, number, numbering, last_of_rank):
            continue
        while open_sections and open_sections[-1][0] >= style.rank:
            _close(text, open_sections.pop()[1], start)
        numbering = {rank: n for rank, n in numbering.items() if rank < style.rank}
        numbering[style.rank] = last_of_rank[style.rank] = number
        parent = open_sections[-1][1] if open_sections else None
        step = style.path_form.format(n=match["n"])
        section = {
            "path": f"{parent['path']}/{step}" if parent else step,
            "level": parent["level"] + 1 if parent else 1,
            "marker": match["marker"],
            "title": "",
            "start": start,
            "end": None,
        }
        sections.append(section)
        open_sections.append((style.rank, section))
        taken_until = match.end("marker")
    for _, section in open_sections:
        _close(text, section, body_end)
    for index, section in enumerate(sections):
        following = sections[index + 1]["start"] if index + 1 < len(sections) else section["end"]
        section["title"] = heading_title(text, section["start"] + len(section["marker"]), following)
    closing = closing_plan(reading, sections)
    if closing:
        for section in sections:
            if section["start"] < closing["start"] < section["end"]:
                _close(text, section, closing["start"])
    return sections


def _heading_candidates(text: str, start: int, end: int) -> list[tuple[HeadingStyle, re.Match]]:
    quoted = _quoted_spans(text, start, end)
    line_start = text.rfind("\n", 0, start) + 1  # a pattern anchored at a line's start needs it
    candidates = [
        (style, match)
        for style in HEADING_STYLES
        for match in style.pattern.finditer(text, line_start, end)
        if match.start("marker") >= start and not _inside(quoted, match.start("marker"))
    ]
    return sorted(candidates, key=lambda c: (c[1].start("marker"), c[0].rank, _PRIORITY[c[0].where]))


def _believed(
    style: HeadingStyle, number: int, numbering: dict[int, int], last_of_rank: dict[int, int]
) -> bool:
    if style.where == _LINE and style.rank not in _ALWAYS_RUN_ON:
        return True
    current = numbering.get(style.rank, 0)
    runs_on = number == current + 1 or (current == 0 and number == last_of_rank.get(style.rank, 0) + 1)
    if runs_on or style.where != _STOP or style.rank in _ALWAYS_RUN_ON:
        return runs_on
    return current > 0 and number in (current, current + 2)  # a slip: a number repeated or skipped


def _quoted_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans inside quotation and book-title marks on one line (a heading never starts there)."""
    spans = []
    for m in re.finditer(
        f"[{QUOTE_OPEN}][^{QUOTE_OPEN}{QUOTE_CLOSE}\n]{{0,80}}[{QUOTE_CLOSE}]", text[start:end]
    ):
        spans.append((start + m.start() + 1, start + m.end()))
    return spans


def _inside(spans: list[tuple[int, int]], position: int) -> bool:
    index = bisect.bisect_right(spans, position, key=lambda span: span[0]) - 1
    return index >= 0 and position < spans[index][1]


def _numeral(numeral: str) -> int:
    return int(numeral) if numeral.isdigit() else int(cn2an.cn2an(numeral, "normal"))


def heading_title(text: str, position: int, following: int | None = None) -> str:
    """The title of the heading whose marker ends at ``position``: the line (or the run up to the
    next heading at ``following``) when no sentence stop comes first, else its first clause."""
    start = skip_space(text, position)
    limit = following if following is not None and following >= start else len(text)
    stop = re.compile("[" + FULL_STOP + ";!?:\n]").search(text, start, limit)
    if stop is None or stop.group() == "\n":
        end = stop.start() if stop else limit
        return text[start:end].rstrip()
    comma = text.find(",", start, stop.start())
    return text[start : comma if comma >= 0 else stop.start()].rstrip()


def _close(text: str, section: dict, end: int) -> None:
    section["end"] = section["start"] + len(text[section["start"] : end].rstrip())


def skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def content_start(section: dict, text: str) -> int:
    """Where a section's own words start: after its marker."""
    return skip_space(text, section["start"] + len(section["marker"]))


def title_end(section: dict, text: str) -> int:
    """Where a section's title ends in ``text``."""
    return content_start(section, text) + len(section["title"])


def chapters(sections: list[dict], title: re.Pattern, other: re.Pattern) -> list[dict]:
    """The sections titled as ``title`` and not also as ``other``: the top-level ones if any, else
    the outermost ones inside a chapter titled as both (``二、存在的问题和下步打算``), else anywhere."""
    found = [s for s in sections if title.search(s["title"]) and not other.search(s["title"])]
    top = [s for s in found if s["level"] == 1]
    if top:
        return top
    combined = {s["path"] for s in sections if s["level"] == 1 and title.search(s["title"])}
    inside = [s for s in found if not combined.isdisjoint(_path_and_above(s["path"]))] or found
    # the outermost: those within no other one, by a path above theirs or by the same path
    holders: dict[str, set[int]] = {}  # the sections at each path (a path may come twice)
    for s in inside:
        holders.setdefault(s["path"], set()).add(id(s))
    return [
        s for s in inside if holders.keys().isdisjoint(_above(s["path"])) and holders[s["path"]] == {id(s)}
    ]


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
    """The sections no other section lies below (by path)."""
    above = {path for s in sections for path in _above(s["path"])}
    return [s for s in sections if s["path"] not in above]


def _above(path: str) -> list[str]:
    """The paths a section at ``path`` lies below: each part of it up to a ``/``
    (``一/(二)/3`` → ``一``, ``一/(二)``), whatever a step holds."""
    return [path[:cut] for cut, mark in enumerate(path) if mark == "/"]


def _path_and_above(path: str) -> list[str]:
    """``path`` and the paths it lies below: the ``ancestor`` paths for which
    :func:`within` holds."""
    return [path, *_above(path)]


def problem_chapters(sections: list[dict]) -> list[dict]:
    """The chapters of admitted problems (存在的问题/不足)."""
    return chapters(sections, PROBLEMS_TITLE, _PLANS_ANY)


def plan_chapters(sections: list[dict], year: int | None = None) -> list[dict]:
    """The chapters of next-year plans (下步工作打算, 工作安排, ``2020年…工作计划`` for the year after
    ``year``, any year's when ``year`` is not known)."""
    return chapters(sections, _plans_title(year), PROBLEMS_TITLE)


class _YearPlans:
    """A title pattern for plan chapters, the year form held to the year after ``year``."""

    def __init__(self, year: int | None):
        self.year = year

    def search(self, title: str) -> bool:
        m = YEAR_PLAN_TITLE.search(title)
        if m:  # a year's plan: next year's, or any year's when the report's year is not known
            return self.year is None or int(m[1]) == self.year + 1
        return bool(PLANS_TITLE.search(title))


_PLANS_ANY = _YearPlans(None)


def _plans_title(year: int | None) -> _YearPlans:
    return _YearPlans(year)


def closing_plan(reading: Reading, sections: list[dict]) -> dict | None:
    """The unmarked closing paragraph of plans (``下一步,区经济发展局将…``): after the last heading,
    outside any plan chapter, running to the end of the body; ``{path: 下一步, start, end}``."""
    text = reading.text
    body_end = reading.body[1]
    floor = sections[-1]["start"] if sections else reading.body[0]
    plans = plan_chapters(sections)
    found = None
    for m in _CLOSING_PLAN.finditer(text, floor, body_end):
        found = m
    if found is None or body_end - found.start("lead") < 20:
        return None
    start = found.start("lead")
    if any(s["start"] <= start < s["end"] for s in plans):
        return None
    if re.search("[" + FULL_STOP + "!?]", text[start:body_end]) is None:
        return None
    return {"path": CLOSING_PLAN_PATH, "start": start, "end": body_end}


#: The path given to an unmarked closing paragraph of plans, which has no heading.
CLOSING_PLAN_PATH = "\u4e0b\u4e00\u6b65"


def within(path: str | None, ancestor: str) -> bool:
    return path is not None and (path == ancestor or path.startswith(ancestor + "/"))
