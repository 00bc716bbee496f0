"""Where a plan stands in its text, and how its task list is laid out.

- **The plan's own title** (:func:`locate`): the first title of the page (``reading.parts``),
  or line, or segment of a crawl's line between spaces, naming a kind of plan (工作要点,
  工作安排, 任务分解, 实施方案, 工作计划, 任务清单, 责任清单, 任务分工) that is not the
  covering notice issuing it (印发……的通知); a heading or a sentence is no title. The plan is
  what follows it.
- **A plan inside a report** (:func:`locate`): a text whose title is a report's (…报告, …汇报,
  …总结; …情况暨2023年工作要点的报告), or whose untitled opening says it reports
  (现将有关情况报告如下), states its plan in a chapter (:func:`sections.plan_chapters`:
  ``三、2023年工作要点``, ``下一步工作打算``): the plan is that chapter's entries, for the year
  the title names after 暨, else the chapter's year, else the year after the report's.
- **A responsibility list as a table** (:func:`tables`): a plan's task list written as a table
  (责任清单, 任务分工表), whose rows are the tasks, each with the units that lead it and its time
  limit in columns of their own::

    序号	工作任务	牵头处室	配合处室	完成时限
    一、深入学习贯彻习近平法治思想
    1	深入学习宣传贯彻习近平法治思想……	办公室	各处室	2023年12月底前

  A table reaches the text of record as the importers write it (a line per row, its cells
  separated by tabs, an empty cell kept), or as a page copied as text writes it (cells separated
  by spaces). It is read on the text of record's lines, since the analysis view turns a row's runs
  of spaces and its stops before a tab into line breaks; every cell is read through the view
  (:func:`policy_review.sources.reading.view`) and every offset given is the view's, as the rest
  of the plan reader's (:meth:`Reading.view_offset`). The header is a row with a column of lead
  units (a label of :data:`units.LEAD_LABELS`, or 牵头/责任 with 单位, 部门, 处室 or 科室) and a
  column of tasks (任务, 工作内容, 事项, 项目); it may also name 序号, a grouping column (类别,
  领域, 方面), measures (措施, 举措), supporting units (配合…, 协办…) and the time limit (时限,
  完成时间). Every row after it is a task: its number (the 序号 cell, else its place), its task
  cell's first sentence as its name, its units read by :func:`units.split_units` (``X牵头、Y配合``
  in one cell gives both), its time limit. A grouping is a line of one cell between rows
  (``一、依法全面履行政府职能``), or a new value of the grouping column (merged over rows, so the
  rows after the first lack that cell). The table ends at the first line that is neither.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policy_review.draft.sections import content_start, find_sections, plan_chapters, within
from policy_review.draft.units import DEADLINE_LABELS, LEAD_LABELS, SUPPORT_LABELS, split_units
from policy_review.sources.marks import FULL_STOP, alternatives
from policy_review.sources.reading import Reading, view

#: Words a plan's title holds: 工作要点 工作安排 任务分解 实施方案 工作计划 任务清单 责任清单 任务分工.
PLAN_WORDS = (
    "\u5de5\u4f5c\u8981\u70b9",
    "\u5de5\u4f5c\u5b89\u6392",
    "\u4efb\u52a1\u5206\u89e3",
    "\u5b9e\u65bd\u65b9\u6848",
    "\u5de5\u4f5c\u8ba1\u5212",
    "\u4efb\u52a1\u6e05\u5355",
    "\u8d23\u4efb\u6e05\u5355",
    "\u4efb\u52a1\u5206\u5de5",
)
#: A plan's own title: a line naming the kind of plan (not a heading, not a sentence).
_TITLE_LINE = re.compile(
    "^[^\\S\\n]*(?P<title>[^\\n\u300a\u300b]*(?:" + alternatives(PLAN_WORDS) + ")[^\\n\u300a\u300b]*)$", re.M
)
#: The same title as a segment of a crawl's line, between spaces: …2020年7月8日 西平县…工作安排 2020年是….
_TITLE_SEGMENT = re.compile(
    "(?:^|(?<=[ \n]))(?P<title>[^\\s\u300a\u300b\u3002;:,!?]{4,40}?(?:"
    + alternatives(PLAN_WORDS)
    + ")(?:\\([^()\\n]{1,12}\\))?)(?=[ \n]|$)"
)
_HEADING_START = re.compile(
    "[\u4e00\u4e8c\u4e09\u56db\u4e94\u516d\u4e03\u516b\u4e5d\u5341]+\u3001|\\(\\S{1,3}\\)|\\d{1,2}[.\u3001]"
)
_NOTICE = re.compile("\u901a\u77e5|\u5370\u53d1")  # 通知 印发
_YEAR = re.compile(r"((?:19|20)\d{2})\s?\u5e74")
#: A report's title (…报告, …汇报, …总结), or one that joins a report and a plan with 暨.
_REPORT_TITLE = re.compile(
    "(?:\u62a5\u544a|\u6c47\u62a5|\u603b\u7ed3)\u300b?(?:\\([^()]*\\))?$|\u66a8.{0,30}(?:"
    + alternatives(PLAN_WORDS + ("\u6253\u7b97", "\u601d\u8def"))
    + ")"
)
#: A year named before a plan's words, in a title: …暨2023年工作要点.
_PLAN_YEAR = re.compile(
    "((?:19|20)\\d{2})\\s?\u5e74[^\u5e74]{0,24}?(?:"
    + alternatives(
        PLAN_WORDS + ("\u6253\u7b97", "\u601d\u8def", "\u8981\u70b9", "\u8ba1\u5212", "\u5b89\u6392")
    )
    + ")"
)
#: A report's opening that says it is one, where its copy has no title: 现将有关情况报告如下.
_REPORT_OPENING = re.compile("\u62a5\u544a\u5982\u4e0b")


@dataclass(frozen=True)
class Located:
    """Where the plan is: its ``title`` ``(text, start, end)`` (view), its ``year``, the report's
    ``chapter`` that states it (``{path, title}``) when it is inside a report (``report``), the
    ``sections`` that are its numbered entries and the view ``span`` it covers."""

    title: tuple[str, int, int] | None
    year: int | None
    report: bool
    chapter: dict | None
    sections: list[dict]
    span: tuple[int, int]


def locate(reading: Reading, year: int | None = None) -> Located:
    """The plan in ``reading``: after its own title, or the plan chapter of a report."""
    title = _plan_title(reading)
    body_start = title[2] if title else reading.body[0]
    body_end = reading.body[1]
    sections = [s for s in find_sections(reading) if s["start"] >= body_start]
    if not _is_report(reading, title):
        return Located(
            title, year or _plan_year(reading.text, title), False, None, sections, (body_start, body_end)
        )
    report_year, named_year = _report_years(title[0] if title else "")
    chapters = plan_chapters(sections, report_year)
    year = year or named_year or _chapter_year(chapters) or (report_year + 1 if report_year else None)
    inside = [s for s in sections if any(within(s["path"], c["path"]) and s is not c for c in chapters)]
    span = (chapters[0]["start"], chapters[-1]["end"]) if chapters else (body_end, body_end)
    return Located(title, year, True, _chapter(reading, chapters[0]) if chapters else None, inside, span)


def _plan_title(reading: Reading) -> tuple[str, int, int] | None:
    """The plan's own title ``(title, start, end)``: the first title of the page (or line naming a
    kind of plan, or such a segment of a crawl's line between spaces) that is not a notice issuing
    it; a heading or a sentence is no title."""
    text = reading.text
    found = [(text[p.start : p.end], p.start, p.end) for p in reading.parts_of("title")]
    for m in _TITLE_LINE.finditer(text):
        line = m["title"].strip()
        if not _HEADING_START.match(line) and len(line) <= 60 and not re.search("[\u3002;:!?]", line):
            found.append(
                (line, m.start("title") + len(m["title"]) - len(m["title"].lstrip()), m.end("title"))
            )
    found += [
        (m["title"], m.start("title"), m.end("title"))
        for m in _TITLE_SEGMENT.finditer(text)
        if not _HEADING_START.match(m["title"])
    ]
    for title, start, end in sorted(found, key=lambda f: f[1]):
        if not _NOTICE.search(title):
            return title, start, end
    return None


def _is_report(reading: Reading, title: tuple[str, int, int] | None) -> bool:
    """Whether the text is a report (its title says so, or its opening when it has no title)."""
    if title is not None:
        return bool(_REPORT_TITLE.search(title[0]))
    start = reading.body[0]
    return bool(_REPORT_OPENING.search(reading.text, start, start + 200))


def _report_years(title: str) -> tuple[int | None, int | None]:
    """The year a report's title covers and the year of the plan it states (…暨2023年工作要点)."""
    plan = _PLAN_YEAR.search(title.split("\u66a8", 1)[1]) if "\u66a8" in title else None
    plan_year = int(plan[1]) if plan else None
    years = [int(y) for y in _YEAR.findall(title) if int(y) != plan_year]
    report_year = years[0] if years else (plan_year - 1 if plan_year else None)
    return report_year, plan_year


def _chapter(reading: Reading, chapter: dict) -> dict:
    """The report's chapter that states the plan: its path and title as written."""
    start = content_start(chapter, reading.text)
    return {"path": chapter["path"], "title": reading.quote(start, start + len(chapter["title"]))}


def _chapter_year(chapters: list[dict]) -> int | None:
    m = _YEAR.search(chapters[0]["title"]) if chapters else None
    return int(m[1]) if m else None


def _plan_year(text: str, title: tuple[str, int, int] | None) -> int | None:
    m = _YEAR.search(title[0]) if title else None
    m = m or _YEAR.search(text)
    return int(m[1]) if m else None


# --- responsibility lists as tables ---------------------------------------------------------------

#: Columns by what they hold: the header cell's words (read in the view).
_COLUMNS = (
    ("number", re.compile("^(?:\u5e8f\u53f7|\u7f16\u53f7)$")),  # 序号 编号
    ("support", re.compile(alternatives(SUPPORT_LABELS) + "|\u914d\u5408|\u534f\u529e|\u534f\u540c")),
    (
        "lead",
        re.compile(alternatives(LEAD_LABELS) + "|(?:\u7275\u5934|\u8d23\u4efb|\u4e3b\u8d23|\u627f\u529e)"),
    ),
    ("deadline", re.compile(alternatives(DEADLINE_LABELS) + "|\u65f6\u95f4|\u671f\u9650")),
    ("measures", re.compile("\u63aa\u65bd|\u4e3e\u63aa|\u76ee\u6807|\u6807\u51c6")),  # 措施 举措 目标 标准
    ("group", re.compile("^(?:\u7c7b\u522b|\u9886\u57df|\u65b9\u9762|\u5206\u7c7b|\u677f\u5757)$")),
    ("task", re.compile("\u4efb\u52a1|\u5185\u5bb9|\u4e8b\u9879|\u9879\u76ee")),  # 任务 内容 事项 项目
)
#: A row's number: 1 1. 1、 (1) 一.
_NUMBER = re.compile(
    r"^\(?(\d{1,3}|[\u4e00\u4e8c\u4e09\u56db\u4e94\u516d\u4e03\u516b\u4e5d\u5341]{1,3})[.\u3001)]?$"
)
#: A grouping line's mark: 一、 (一) 第一部分.
_GROUP_MARK = re.compile(
    r"^(?:([\u4e00\u4e8c\u4e09\u56db\u4e94\u516d\u4e03\u516b\u4e5d\u5341]{1,3})\u3001"
    r"|\(([\u4e00\u4e8c\u4e09\u56db\u4e94\u516d\u4e03\u516b\u4e5d\u5341]{1,3})\))"
)
_NAME_END = re.compile("[" + FULL_STOP + ";,:!?]")


def tables(reading: Reading, start: int, end: int) -> list[dict]:
    """Every responsibility list in the view span ``[start, end)``: ``{start, end, rows}`` from
    its header (and the title lines above it: 附件, …任务分工表) to its last row, its rows
    (groupings and tasks) in order as ``{role, path, marker, level, name, start, end, lead,
    support, deadline, fields}`` (view offsets; ``deadline`` is ``{raw, start, end}`` or None,
    ``fields`` the unit cells as ``{label, raw, start, end}``)."""
    lines = _lines(reading, start, end)
    found: list[dict] = []
    n = 0
    while n < len(lines):
        columns = _header(lines[n])
        if columns is None:
            n += 1
            continue
        first = n
        while first > 0 and n - first < 2 and _title_line(lines[first - 1]):
            first -= 1
        rows, n = _rows(lines, n + 1, columns)
        if rows:
            found.append({"start": lines[first]["start"], "end": max(r["end"] for r in rows), "rows": rows})
    return found


def _title_line(line: dict) -> bool:
    """A short line of one cell with no stop: the title of the table below it (附件:任务分工)."""
    said = line["cells"][0][0] if line["filled"] == 1 else ""
    return 0 < len(said) <= 40 and not re.search("[" + FULL_STOP + ";!?]", said)


def outside_tables(text: str, sections: list[dict], tables: list[dict]) -> list[dict]:
    """Headings inside a table are its rows'; a heading before a table ends where the table starts."""
    kept = []
    for section in sections:
        if any(table["start"] <= section["start"] < table["end"] for table in tables):
            continue
        for table in tables:
            if section["start"] < table["start"] < section["end"]:
                section = {
                    **section,
                    "end": section["start"] + len(text[section["start"] : table["start"]].rstrip()),
                }
        kept.append(section)
    return kept


def _lines(reading: Reading, start: int, end: int) -> list[dict]:
    """The text of record's lines in the span, each with its cells: ``{start, end, cells, filled}``
    where a cell is ``(text as viewed, view start, view end)``; cells are split at tabs where the
    line has any (an empty cell kept in its place), else at runs of spaces; ``filled`` counts the
    cells that hold text."""
    original = reading.original
    a, b = reading.original_span(start, end)
    lines = []
    for m in re.finditer(r"[^\n]+", original[a:b]):
        line_start = a + m.start()
        pieces = re.finditer(r"[^\t]*" if "\t" in m.group() else r"\S+", m.group())
        cells = []
        for cell in pieces:
            if cell.start() and cell.start() == cell.end() and m.group()[cell.start() - 1] != "\t":
                continue  # the empty match after a cell: not a cell of its own
            raw = cell.group().strip()
            lead = len(cell.group()) - len(cell.group().lstrip())
            cell_start = reading.view_offset(line_start + cell.start() + lead)
            cell_end = (
                reading.view_offset(line_start + cell.start() + lead + len(raw) - 1) + 1
                if raw
                else cell_start
            )
            cells.append((view(raw), cell_start, cell_end))
        filled = [c for c in cells if c[0]]
        if filled:
            lines.append({"start": filled[0][1], "end": filled[-1][2], "cells": cells, "filled": len(filled)})
    return lines


def _header(line: dict) -> dict[str, int] | None:
    """The columns of a header row, by what they hold, or None when the line is no header."""
    cells = [c[0].replace(" ", "") for c in line["cells"]]
    if line["filled"] < 3 or any(len(c) > 12 for c in cells):
        return None
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        for role, pattern in _COLUMNS:
            if role not in columns and pattern.search(cell):
                columns[role] = index
                break
    columns["width"] = len(cells)
    return columns if "lead" in columns and "task" in columns else None


def _rows(lines: list[dict], n: int, columns: dict[str, int]) -> tuple[list[dict], int]:
    found: list[dict] = []
    group: dict | None = None
    count = 0
    while n < len(lines):
        line = lines[n]
        cells = line["cells"]
        if line["filled"] == 1 and (len(cells) < 3 or cells[0][0]):
            first = next(c for c in cells if c[0])
            if len(first[0]) > 60 or _NAME_END.search(first[0].rstrip(FULL_STOP)):
                break  # a paragraph after the table
            group = _group(first, len([t for t in found if t["role"] == "group"]) + 1)
            found.append(group)
        elif len(cells) >= 3:
            by_role = _aligned(cells, columns)
            if "group" in by_role:
                group = _group(by_role["group"], len([t for t in found if t["role"] == "group"]) + 1)
                found.append(group)
            count += 1
            found.append(_row(line, by_role, group, count))
        else:
            break
        if group is not None:
            group["end"] = line["end"]
        n += 1
    return found, n


def _aligned(cells: list[tuple], columns: dict[str, int]) -> dict[str, tuple]:
    """A row's cells by role: as the header has them, or, with cells missing (merged over the rows
    above), without the grouping column, else aligned from the right."""
    width = columns["width"]
    roles = {index: role for role, index in columns.items() if role != "width"}
    if len(cells) < width and "group" in columns:
        group = columns["group"]
        roles = {(i if i < group else i - 1): r for i, r in roles.items() if i != group}
        width -= 1
    shift = max(0, width - len(cells))
    keep_first = shift > 0 and roles.get(0) == "number" and bool(_NUMBER.match(cells[0][0]))
    by_role = {}
    for index, cell in enumerate(cells):
        role = roles.get(index if index == 0 and keep_first else index + shift)
        if role is not None:
            by_role[role] = cell
    return by_role


def _group(cell: tuple, count: int) -> dict:
    text, start, end = cell
    mark = _GROUP_MARK.match(text)
    step = (mark[1] or f"({mark[2]})") if mark else str(count)
    marker = mark.group() if mark else ""
    return {
        "role": "group",
        "path": step,
        "marker": marker,
        "level": 1,
        "name": text[len(marker) :].strip(),
        "start": start,
        "end": end,
        "lead": [],
        "support": [],
        "deadline": None,
        "fields": [],
    }


def _row(line: dict, by_role: dict[str, tuple], group: dict | None, count: int) -> dict:
    number = by_role.get("number")
    numbered = number is not None and _NUMBER.match(number[0])
    step = numbered[1] if numbered else str(count)
    task = next(
        (c for c in (by_role.get("task"), by_role.get("measures"), *line["cells"]) if c and c[0]),
        line["cells"][0],
    )
    lead: list[str] = []
    support: list[str] = []
    fields = []
    for role in ("lead", "support"):
        cell = by_role.get(role)
        if cell is None or not cell[0]:
            continue
        fields.append({"label": role, "raw": cell[0], "start": cell[1], "end": cell[2]})
        for unit, is_lead in split_units(cell[0]):
            (lead if role == "lead" and is_lead else support).append(unit)
    limit = by_role.get("deadline")
    limit = limit if limit and limit[0] else None
    return {
        "role": "item",
        "path": f"{group['path']}/{step}" if group else step,
        "marker": number[0] if numbered else "",
        "level": 2 if group else 1,
        "name": _name(task[0]),
        "start": number[1] if numbered else line["start"],
        "end": line["end"],
        "lead": list(dict.fromkeys(lead)),
        "support": list(dict.fromkeys(u for u in support if u not in lead)),
        "deadline": {"raw": limit[0], "start": limit[1], "end": limit[2]} if limit else None,
        "fields": fields,
    }


def _name(text: str) -> str:
    """A task cell's lead phrase: up to its first stop."""
    stop = _NAME_END.search(text)
    return (text[: stop.start()] if stop else text).strip()
