"""Reading a yearly work plan (工作要点 / 工作安排 / 任务分解方案) into its tasks.

A plan is a numbered list under the usual headings of government documents (``一、`` /
``(一)`` / ``1.``; the heading tree is the one of :func:`sections.find_sections`). Its items are the
tasks; the headings above them (``一、依法全面履行政府职能``) group them. After a task, or in
parentheses inside it, the plan names who does it and by when::

    (一)为推动经济高质量发展提供法治保障。……
    责任单位:县政府办公室、县司法局、各有关部门,乡镇人民政府按职责分工分别负责。
    1.动态调整权责清单。(牵头单位:区委编办;配合单位:区司法局;完成时限:2021年6月底前)

``read_plan`` gives every numbered entry with

- ``marker``, ``level``, ``path`` (as in ``extract``), ``name`` (the lead phrase), ``text`` and
  ``start``/``end`` offsets into the decoded text (``text == plan[start:end]``);
- ``role``: ``group`` for a heading whose items are below it, ``item`` for a work item (a
  heading with no numbered entries below it, or one that names its own units before its
  sub-points), ``other`` for the plan's closing part (三、工作要求, 保障措施) when it names no unit
  and no time limit;
- ``lead_units`` and ``support_units``: 责任单位 / 牵头单位 (lead) and 配合单位 / 协办单位 (support)
  split on ``、`` and ``,``; a unit written ``X牵头`` is a lead, ``Y配合`` a support;
- ``deadline``: as written (``raw``) and parsed: ``kind`` ``date`` with the ``date``
  (年底前 → 12-31 of the plan year, 6月底前 → 06-30, 第三季度 → 09-30), ``long_term`` (长期坚持,
  持续推进, 常态化), or ``unparsed``; ``None`` when the plan gives none;
- ``kind``: ``long_term`` when its deadline or a heading above it says so, else ``annual`` (a
  yearly plan's items are that year's tasks);
- ``area_id``: the area of the framework in force for the plan's year whose name its heading (or
  a heading above it) carries, else the area its words call for (:mod:`classification`), else
  ``None`` (not classified); ``area_basis`` says which (``heading`` or the call's score and terms);
- ``truncated``: the text stops inside it (an excerpt cut off mid-item).

The covering notice before the plan's own title (印发……的通知) is not part of the plan. A text with
no numbered entry after its title yields no tasks, and ``note`` says why (an excerpt that stops in
the preamble, for instance).
"""

from __future__ import annotations

import re
from pathlib import Path

from policy_review.core import paths
from policy_review.core.edited_files import load_yaml
from policy_review.draft.classification import UNCLASSIFIED, classify_area
from policy_review.draft.sections import find_sections
from policy_review.draft.units import (
    inline_deadlines,
    is_deadline,
    is_support,
    labelled_fields,
    parse_deadline,
    split_units,
)
from policy_review.sources import plan_sources
from policy_review.sources.marks import QUOTE_CLOSE, SENTENCE_STOPS
from policy_review.sources.reading import Reading, read
from policy_review.sources.report_text import read_report
from policy_review.tables.frameworks import areas, framework_id, reference

#: A plan's own title: a line naming the kind of plan, not the notice that issues it.
_TITLE_LINE = re.compile(
    "^[^\\S\n]*(?P<title>[^\n\u300a\u300b]*(?:工作要点|工作安排|任务分解|实施方案|工作计划|任务清单)[^\n\u300a\u300b]*)$",
    re.M,
)
_NOTICE = re.compile(r"通知|印发")
_YEAR = re.compile(r"((?:19|20)\d{2})年")

#: The plan's closing parts (三、工作要求): without a unit or a time limit they are not tasks.
_CLOSING = re.compile(r"保障措施|工作要求|有关要求|组织实施|实施要求|组织领导|组织保障")
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
    title = _plan_title(text)
    body_start = title.end() if title else 0
    year = year or _plan_year(text, title)
    sections = [s for s in find_sections(reading) if s["start"] >= body_start]
    tasks = _entries(text, sections, year, area_names(year))
    items = [t for t in tasks if t["role"] == "item"]
    if items and text.rstrip()[-1:] not in _SENTENCE_END:
        _last_item_cut(items, tasks)
    note = None
    if not items:
        where = "in the preamble" if text.rstrip()[-1:] not in _SENTENCE_END or coverage == "excerpt" else ""
        note = (
            "no numbered work item after the plan's title: the text stops " + where + " before the task list"
            if where
            else "no numbered work item found after the plan's title"
        )
    elif any(t["truncated"] for t in items):
        note = "the text stops inside its last work item (an excerpt): that item is cut off"
    return {
        "title": title["title"].strip() if title else None,
        "plan_year": year,
        "coverage": coverage,
        "body_start": body_start,
        "counts": {role: sum(t["role"] == role for t in tasks) for role in ("item", "group", "other")},
        "note": note,
        "tasks": tasks,
    }


def _to_original(plan: dict, reading: Reading) -> None:
    """Every offset of a plan read on the view mapped into the text of record, quotes cut from it."""
    if reading.text == reading.original:
        return
    for task in plan["tasks"]:
        name_start = reading.text.find(task["name"], task["start"] + len(task["marker"]))
        task["name"] = (
            reading.quote(name_start, name_start + len(task["name"])) if name_start >= 0 else task["name"]
        )
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


def plan_lines(plan: dict) -> list[str]:
    """The plan as lines for a terminal: one per numbered entry, indented by level."""
    counts = plan["counts"]
    lines = [
        f"{plan['title'] or '(no plan title found)'} ({plan['plan_year'] or 'year not found'}): "
        f"{counts['item']} work item(s) under {counts['group']} heading(s)"
    ]
    if plan["note"]:
        lines.append(f"note: {plan['note']}")
    for t in plan["tasks"]:
        indent = "  " * t["level"]
        if t["role"] != "item":
            lines.append(f"{indent}{t['marker']}{t['name']}")
            continue
        parts = [f"lead: {'、'.join(t['lead_units']) or '-'}"]
        if t["support_units"]:
            parts.append(f"support: {'、'.join(t['support_units'])}")
        deadline = t["deadline"]
        parts.append(
            f"deadline: {deadline['raw']} ({deadline['date'] or deadline['kind']})"
            if deadline
            else "deadline: -"
        )
        cut = " [cut off by the excerpt]" if t["truncated"] else ""
        lines.append(f"{indent}{t['marker']}{t['name']}{cut} | " + " | ".join(parts))
    return lines


# --- the entries -------------------------------------------------------------------------------


def _entries(text: str, sections: list[dict], year: int | None, areas: dict[str, str]) -> list[dict]:
    children = {s["path"]: [c for c in sections if c["path"].startswith(s["path"] + "/")] for s in sections}
    tasks: list[dict] = []
    inside_item: list[str] = []
    groups: list[dict] = []
    for section in sections:
        if any(section["path"].startswith(p + "/") for p in inside_item):
            continue
        below = children[section["path"]]
        own_end = below[0]["start"] if below else section["end"]
        tail_start = below[-1]["end"] if below else section["end"]
        fields = labelled_fields(text, section["start"], own_end) + labelled_fields(
            text, tail_start, section["end"]
        )
        role = "item" if not below or any(not is_deadline(f["label"]) for f in fields) else "group"
        if role == "item" and not fields and _CLOSING.search(section["title"]):
            role = "other"
        if role == "item":
            inside_item.append(section["path"])
        else:
            fields = []
        groups = [g for g in groups if section["path"].startswith(g["path"] + "/")]
        task = _task(text, section, role, fields, groups, year, areas)
        if role == "group":
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
        if is_deadline(f["label"]):
            continue
        for unit, is_lead in split_units(f["value"]):
            (support if is_support(f["label"]) or not is_lead else lead).append(unit)
    deadline_field = next((f for f in fields if is_deadline(f["label"])), None)
    deadline = None
    if role == "item":
        deadline = _deadline(deadline_field, text, section, year)
    headings = [g["name"] for g in groups] + [section["title"]]
    long_term = (deadline and deadline["kind"] == "long_term") or any("长期" in h for h in headings)
    area = next((areas[h] for h in reversed(headings) if h in areas), None) or _area_in(headings, areas)
    area_basis = "heading" if area else None
    if area is None and role == "item" and year:
        area, area_basis = _area_call(text[section["start"] : section["end"]], year, headings)
    return {
        "path": section["path"],
        "marker": section["marker"],
        "level": section["level"],
        "role": role,
        "name": section["title"],
        "text": text[section["start"] : section["end"]],
        "start": section["start"],
        "end": section["end"],
        "lead_units": list(dict.fromkeys(lead)),
        "support_units": list(dict.fromkeys(u for u in support if u not in lead)),
        "units_raw": [
            {"label": f["label"], "raw": f["raw"], "start": f["start"], "end": f["end"]}
            for f in fields
            if not is_deadline(f["label"])
        ],
        "deadline": deadline,
        "kind": ("long_term" if long_term else "annual") if role == "item" else None,
        "area_id": area,
        "area_basis": area_basis,
        "parent": groups[-1]["path"] if groups else None,
        "truncated": False,
    }


def _last_item_cut(items: list[dict], tasks: list[dict]) -> None:
    last = max(items, key=lambda t: t["end"])
    if last["end"] == max(t["end"] for t in tasks):
        last["truncated"] = True


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


def _plan_title(text: str) -> re.Match | None:
    for m in _TITLE_LINE.finditer(text):
        if not _NOTICE.search(m["title"]):
            return m
    return None


def _plan_year(text: str, title: re.Match | None) -> int | None:
    m = _YEAR.search(title["title"]) if title else None
    m = m or _YEAR.search(text)
    return int(m[1]) if m else None


def area_names(year: int | None = None) -> dict[str, str]:
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


def _area_in(headings: list[str], areas: dict[str, str]) -> str | None:
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
