"""Reading a yearly work plan (工作要点 / 工作安排 / 任务分解方案 / 责任清单) into its tasks.

A plan is a numbered list under the usual headings of government documents (``一、`` /
``(一)`` / ``1.``; the heading tree is the one of :func:`sections.find_sections`, on the analysis
view of :mod:`policy_review.sources.reading`, so full-width marks, U+3000 indentation and a page
crawled onto one line read alike). Its items are the tasks; the headings above them
(``一、依法全面履行政府职能``) group them. After a task, or in brackets inside it, the plan names
who does it and by when (:mod:`policy_review.draft.units`)::

    (一)为推动经济高质量发展提供法治保障。……
    责任单位:县政府办公室、县司法局、各有关部门,乡镇人民政府按职责分工分别负责。
    1.动态调整权责清单。(牵头单位:区委编办;配合单位:区司法局;完成时限:2021年6月底前)
    (三)加强规范性文件管理。……(法规处牵头,各有关业务处室负责)

``read_plan`` gives every numbered entry with

- ``marker``, ``level``, ``path`` (as in ``extract``), ``name`` (the lead phrase), ``text`` and
  ``start``/``end`` offsets into the text as given (``text == plan[start:end]``);
- ``role``: ``group`` for a heading whose items are below it, ``item`` for a work item (a
  heading with no numbered entry below it, or one that names its own units before or after its
  sub-points), ``other`` for the plan's closing part (工作要求, 保障措施, and the entries under
  it) when it names no unit and no time limit;
- ``lead_units`` and ``support_units``: as the item designates them (labelled, ``X牵头、Y配合``,
  ``(法规处牵头,各有关业务处室负责)``), else the unit that is the subject of one of its sentences
  (``“谁执法谁普法”各处室结合…``); ``units_raw`` the spans they were read from;
- ``deadline``: as written (``raw``) and parsed: ``kind`` ``date`` with the ``date``
  (年底前 → 12-31 of the plan year, 6月底前 → 06-30, 第三季度 → 09-30), ``long_term`` (长期坚持,
  持续推进, 常态化), or ``unparsed``; ``None`` when the plan gives none;
- ``kind``: ``long_term`` when its deadline or a heading above it says so, else ``annual``;
- ``area_id``: the area of the framework in force for the plan's year whose name its heading (or
  a heading above it) carries, else the area its words call for (:mod:`classification`), else
  ``None`` (not classified); ``area_basis`` says which (``heading`` or the call's score and terms);
- ``truncated``: the text stops inside it (an excerpt cut off mid-item).

Where the text is a report with the year's plan in it (…情况暨2023年工作要点的报告, or a report
whose chapter ``三、2023年工作要点`` states it), the plan is that chapter, read as the plan of the
year it names (``embedded_in`` gives the chapter). A responsibility list written as a table
(:mod:`policy_review.draft.plan_tables`) gives each row as a task with its lead units; a row that
repeats a numbered item of the plan (a 分工表 after the text) gives that item its units instead.
The covering notice before the plan's own title (印发……的通知) is not part of the plan. A text
with no numbered entry after its title yields no tasks, and ``note`` says why: that the text
stops in the preamble only when it does (it breaks off mid-sentence, or its provenance says it
is an excerpt).
"""

from __future__ import annotations

import re
from pathlib import Path

from policy_review.core import paths
from policy_review.core.edited_files import load_yaml
from policy_review.core.labels import pick, t
from policy_review.draft import plan_layout
from policy_review.draft.classification import UNCLASSIFIED, classify_area
from policy_review.draft.sections import within
from policy_review.draft.units import (
    inline_deadlines,
    is_deadline,
    is_support,
    labelled_fields,
    parse_deadline,
    split_units,
    subject_units,
)
from policy_review.sources import plan_sources
from policy_review.sources.marks import QUOTE_CLOSE, SENTENCE_STOPS
from policy_review.sources.reading import Reading, read
from policy_review.sources.report_text import read_report
from policy_review.tables.frameworks import areas, framework_id, reference

#: The plan's closing parts, titled only so: (加强|强化|切实加强)保障措施 工作要求 有关要求 组织实施
#: 实施要求 组织领导 组织保障 工作保障.
_CLOSING = re.compile(
    "(?:\u52a0\u5f3a|\u5f3a\u5316|\u5207\u5b9e\u52a0\u5f3a)?"
    "(?:\u4fdd\u969c\u63aa\u65bd|\u5de5\u4f5c\u8981\u6c42|\u6709\u5173\u8981\u6c42|\u7ec4\u7ec7\u5b9e\u65bd"
    "|\u5b9e\u65bd\u8981\u6c42|\u7ec4\u7ec7\u9886\u5bfc|\u7ec4\u7ec7\u4fdd\u969c|\u5de5\u4f5c\u4fdd\u969c)"
)
_SENTENCE_END = SENTENCE_STOPS + QUOTE_CLOSE + ")"


def read_plan_file(path: Path | str) -> dict:
    """``read_plan`` of a plan file, with its ``source`` path and ``encoding``; ``coverage`` is read
    from the provenance file beside it (``<stem>.yaml``) when there is one."""
    path = Path(path)
    text, encoding = read_report(path)
    coverage = _coverage(path.with_suffix(".yaml"))
    return {"source": paths.display(path), "encoding": encoding, **read_plan(text, coverage=coverage)}


def read_plan(text: str, year: int | None = None, coverage: str | None = None) -> dict:
    """The plan's ``title``, ``plan_year`` and ``tasks`` (every numbered entry, see the module doc).
    The plan is read on its analysis view (:mod:`policy_review.sources.reading`); every offset and
    quote is into ``text`` as given."""
    reading = read(text)
    plan = _read_view(reading, year, coverage)
    _to_original(plan, reading)
    return plan


def _read_view(reading: Reading, year: int | None, coverage: str | None) -> dict:
    text = reading.text
    located = plan_layout.locate(reading, year)
    title, year, embedded, span = located.title, located.year, located.chapter, located.span
    body_start, body_end = title[2] if title else reading.body[0], reading.body[1]
    tables = plan_layout.tables(reading, *span)
    sections = plan_layout.outside_tables(text, located.sections, tables)
    areas = area_ids_by_name(year)
    tasks = _entries(text, sections, year, areas)
    tasks = _with_tables(text, tasks, [row for table in tables for row in table["rows"]], year, areas)
    items = [t for t in tasks if t["role"] == "item"]
    stops_early = text[:body_end].rstrip()[-1:] not in _SENTENCE_END
    if items and stops_early and not tables:
        _last_item_cut(items, tasks)
    return {
        "title": " ".join(reading.quote(title[1], title[2]).split()) if title else None,
        "plan_year": year,
        "coverage": coverage,
        "body_start": body_start,
        "embedded_in": embedded,
        "counts": {role: sum(t["role"] == role for t in tasks) for role in ("item", "group", "other")},
        **_note(tasks, items, located, stops_early or coverage == "excerpt"),
        "tasks": tasks,
    }


def _note(tasks: list[dict], items: list[dict], located: plan_layout.Located, stops_early: bool) -> dict:
    """Why the plan gives no work item, or that its last one is cut off: ``note`` and ``note_zh``."""
    if items and any(t["truncated"] for t in items):
        key = "plan_note_cut"
    elif items:
        return {"note": None, "note_zh": None}
    elif located.report and located.chapter is None:
        key = "plan_note_no_chapter"
    elif stops_early and not tasks:
        key = "plan_note_preamble"
    else:
        key = "plan_note_no_items"
    return {"note": t(key, "en"), "note_zh": t(key, "zh")}


def _to_original(plan: dict, reading: Reading) -> None:
    """Every offset of a plan read on the view mapped into the text of record, quotes cut from it."""
    for task in plan["tasks"]:
        if reading.text != reading.original:
            name_start = reading.text.find(task["name"], task["start"] + len(task["marker"]))
            if name_start >= 0:
                task["name"] = reading.quote(name_start, name_start + len(task["name"]))
            task["marker"] = reading.quote(task["start"], task["start"] + len(task["marker"]))
            task["start"], task["end"] = reading.original_span(task["start"], task["end"])
        task["text"] = reading.original[task["start"] : task["end"]]
        for span in task["units_raw"] + ([task["deadline"]] if task["deadline"] else []):
            span["start"], span["end"] = reading.original_span(span["start"], span["end"])
            span["raw"] = reading.original[span["start"] : span["end"]]
    plan["body_start"] = reading.original_offset(plan["body_start"])


def work_items(plan: dict) -> list[dict]:
    """The plan's work items (its tasks), without the grouping headings."""
    return [t for t in plan["tasks"] if t["role"] == "item"]


def plan_lines(plan: dict, lang: str = "en") -> list[str]:
    """The plan as lines for a terminal: one per numbered entry, indented by level."""
    counts = plan["counts"]
    lines = [
        t(
            "plan_head",
            lang,
            title=plan["title"] or t("plan_no_title", lang),
            year=plan["plan_year"] or t("plan_no_year", lang),
            items=counts["item"],
            groups=counts["group"],
        )
    ]
    if plan["embedded_in"]:
        lines.append(t("plan_embedded", lang, **plan["embedded_in"]))
    if plan["note"]:
        lines.append(t("plan_note", lang, note=pick((plan["note"], plan["note_zh"]), lang)))
    for task in plan["tasks"]:
        indent = "  " * task["level"]
        marker = task["marker"] + (" " if task["marker"][-1:].isdigit() else "")  # a table's 序号
        if task["role"] != "item":
            lines.append(f"{indent}{marker}{task['name']}")
            continue
        deadline = task["deadline"]
        parts = [
            t("plan_lead", lang, units="\u3001".join(task["lead_units"]) or "-"),
            t("plan_support", lang, units="\u3001".join(task["support_units"]))
            if task["support_units"]
            else "",
            t("plan_deadline", lang, raw=deadline["raw"], parsed=deadline["date"] or deadline["kind"])
            if deadline
            else t("plan_no_deadline", lang),
        ]
        cut = " " + t("plan_cut", lang) if task["truncated"] else ""
        lines.append(f"{indent}{marker}{task['name']}{cut} | " + " | ".join(p for p in parts if p))
    return lines


# --- the entries -------------------------------------------------------------------------------


def _entries(text: str, sections: list[dict], year: int | None, areas: dict[str, str]) -> list[dict]:
    children = {
        s["path"]: [c for c in sections if within(c["path"], s["path"]) and c is not s] for s in sections
    }
    tasks: list[dict] = []
    inside_item: list[str] = []
    closing: list[str] = []
    groups: list[dict] = []
    for section in sections:
        if any(within(section["path"], p) for p in inside_item):
            continue
        below = children[section["path"]]
        own_end = below[0]["start"] if below else section["end"]
        tail_start = below[-1]["end"] if below else section["end"]
        fields = labelled_fields(text, section["start"], own_end) + labelled_fields(
            text, tail_start, section["end"]
        )
        role = "item" if not below or any(not is_deadline(f["label"]) for f in fields) else "group"
        if _CLOSING.fullmatch(section["title"]) or any(within(section["path"], p) for p in closing):
            closing.append(section["path"])
            role = role if fields else "other"
        if role == "item":
            inside_item.append(section["path"])
        elif role == "group":
            fields = []
        groups = [g for g in groups if within(section["path"], g["path"]) and g["path"] != section["path"]]
        task = _task(text, section, role, fields, groups, year, areas)
        if role != "item" and below:
            groups.append(task)
        tasks.append(task)
    return tasks


def _task(
    text: str,
    section: dict,
    role: str,
    fields: list[dict],
    groups: list[dict],
    year: int | None,
    areas: dict[str, str],
) -> dict:
    lead, support = [], []
    for f in fields:
        if not is_deadline(f["label"]):
            for unit, is_lead in split_units(f["value"]):
                (support if is_support(f["label"]) or not is_lead else lead).append(unit)
    units_raw = [_span(f["label"], f) for f in fields if not is_deadline(f["label"])]
    if role == "item" and not lead:
        subjects = subject_units(text, section["start"], section["end"])
        lead = [s["unit"] for s in subjects]
        units_raw += [_span("subject", s) for s in subjects]
    deadline_field = next((f for f in fields if is_deadline(f["label"])), None)
    deadline = _deadline(deadline_field, text, section, year) if role == "item" else None
    return _described(
        {
            "path": section["path"],
            "marker": section["marker"],
            "level": section["level"],
            "role": role,
            "name": section["title"],
            "start": section["start"],
            "end": section["end"],
            "lead_units": list(dict.fromkeys(lead)),
            "support_units": list(dict.fromkeys(u for u in support if u not in lead)),
            "units_raw": units_raw,
            "deadline": deadline,
        },
        text,
        groups,
        year,
        areas,
    )


def _span(label: str, found: dict) -> dict:
    return {
        "label": label,
        "raw": found.get("raw", found.get("unit")),
        "start": found["start"],
        "end": found["end"],
    }


def _described(task: dict, text: str, groups: list[dict], year: int | None, areas: dict[str, str]) -> dict:
    """The task with its text, kind, area and parent, as its headings and words say."""
    headings = [g["name"] for g in groups] + [task["name"]]
    deadline = task["deadline"]
    long_term = (deadline and deadline["kind"] == "long_term") or any("\u957f\u671f" in h for h in headings)
    area = next((areas[h] for h in reversed(headings) if h in areas), None) or area_in_headings(
        headings, areas
    )
    area_basis = "heading" if area else None
    if area is None and task["role"] == "item" and year:
        area, area_basis = _area_call(text[task["start"] : task["end"]], year, headings)
    return {
        **task,
        "text": text[task["start"] : task["end"]],
        "kind": ("long_term" if long_term else "annual") if task["role"] == "item" else None,
        "area_id": area,
        "area_basis": area_basis,
        "parent": groups[-1]["path"] if groups else None,
        "truncated": False,
    }


def _last_item_cut(items: list[dict], tasks: list[dict]) -> None:
    last = max(items, key=lambda t: t["end"])
    if last["end"] == max(t["end"] for t in tasks):
        last["truncated"] = True


# --- responsibility lists as tables ------------------------------------------------------------


def _with_tables(text: str, tasks: list[dict], rows: list[dict], year: int | None, areas: dict) -> list[dict]:
    """The tasks with the tables' rows: a row that repeats a numbered item gives it its units and
    time limit; the others are tasks of their own (a grouping only when a row under it is)."""
    items = [t for t in tasks if t["role"] == "item"]
    added: list[dict] = []
    group: dict | None = None
    for row in rows:
        if row["role"] == "group":
            heading = {k: row[k] for k in ("path", "marker", "level", "role", "name", "start", "end")}
            group = _described(
                {**heading, "lead_units": [], "support_units": [], "units_raw": [], "deadline": None},
                text,
                [],
                year,
                areas,
            )
            continue
        deadline = row["deadline"]
        row_task = {
            **{k: row[k] for k in ("path", "marker", "level", "role", "name", "start", "end")},
            "lead_units": row["lead"],
            "support_units": row["support"],
            "units_raw": [dict(f) for f in row["fields"]],
            "deadline": {**deadline, **parse_deadline(deadline["raw"], year)} if deadline else None,
        }
        same = next((i for i in items if _same_task(i["name"], row["name"])), None)
        if same is not None:
            for key in ("lead_units", "support_units", "deadline"):
                same[key] = same[key] or row_task[key]
            same["units_raw"] = same["units_raw"] or row_task["units_raw"]
            continue
        if group is not None and group not in added:
            added.append(group)
        added.append(_described(row_task, text, [group] if group else [], year, areas))
    return sorted(tasks + added, key=lambda task: task["start"])


def _same_task(name: str, other: str) -> bool:
    a, b = (re.sub("[^\u4e00-\u9fff0-9A-Za-z]", "", n) for n in (name, other))
    return len(a) >= 4 and len(b) >= 4 and (a in b or b in a)


# --- deadlines ---------------------------------------------------------------------------------


def _deadline(field: dict | None, text: str, section: dict, year: int | None) -> dict | None:
    if field is not None:
        raw, end = field["value"], field["end"]
        start = field["start"] + len(field["raw"]) - len(field["value"])
    else:
        inline = inline_deadlines(text, section["start"], section["end"])
        if not inline:
            return None
        raw, start, end = inline[-1][0], inline[-1].start(), inline[-1].end()
    return {"raw": raw, "start": start, "end": end, **parse_deadline(raw, year)}


# --- title, year, areas ------------------------------------------------------------------------


def area_ids_by_name(year: int | None = None) -> dict[str, str]:
    """Area names (Chinese) to area ids: the framework in force for ``year`` first, then the other
    framework's (a heading may keep the older outline's wording)."""
    order = [f for f in reference("frameworks")["framework_id"]]
    if year is not None:
        order.remove(current := framework_id(year))
        order.insert(0, current)
    names: dict[str, str] = {}
    for framework in order:
        frame = areas(framework)
        for name, area in zip(frame["name_zh"], frame["area_id"]):
            names.setdefault(name, area)
    return names


def _area_call(text: str, year: int, headings: list[str]) -> tuple[str | None, str | None]:
    """The area the task's words call for (:func:`classification.classify_area`), with why."""
    call = classify_area(text, year, tuple(reversed(headings[:-1])))
    if call.label == UNCLASSIFIED:
        return None, None
    return call.label, f"classified (score {call.score:g}: {'、'.join(call.terms[:5])})"


def area_in_headings(headings: list[str], areas: dict[str, str]) -> str | None:
    """The area whose name a heading contains or is contained in (``依法全面履行政府职能方面``)."""
    for heading in reversed(headings):
        for name, area in areas.items():
            if len(heading) >= 4 and (name in heading or heading in name):
                return area
    return None


def _coverage(provenance: Path) -> str | None:
    if not provenance.is_file():
        return None
    try:
        fields = load_yaml(provenance.read_text(encoding="utf-8"))
    except Exception:  # a broken provenance file is reported by validation, not here
        return None
    return fields.get("coverage") if isinstance(fields, dict) else None


def load_plan(region: str, year: int) -> dict:
    """The region's plan for ``year`` read into tasks (:func:`read_plan`), with its ``provenance``."""
    path = plan_sources.plan_text_path(region, year)
    fields = plan_sources.read_provenance(path.with_suffix(".yaml"))
    text, encoding = read_report(path)
    plan = read_plan(text, year=year, coverage=fields.coverage)
    return {
        "source": paths.display(path),
        "encoding": encoding,
        "text": text,
        "provenance": fields.model_dump(mode="json"),
        **plan,
    }
