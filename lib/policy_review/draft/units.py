"""Who does a task and by when: lead and supporting units, and time limits, as plans and reports
write them. Shared by the plan reader (:mod:`policy_review.draft.plans`) and the report's
next-year commitments (:mod:`policy_review.draft.commitments`), on the analysis view (colons and
brackets as ASCII)::

    责任单位:县政府办公室、县司法局、各有关部门,乡镇人民政府按职责分工分别负责。
    1.动态调整权责清单。(牵头单位:区委编办;配合单位:区司法局;完成时限:2021年6月底前)

- :func:`labelled_fields`: the ``责任单位:`` / ``牵头单位:`` (lead), ``配合单位:`` / ``协办单位:``
  (support) and ``完成时限:`` fields of a span;
- :func:`split_units`: a field's units, each with whether it leads (``X牵头,Y、Z配合``: the
  ``牵头`` / ``配合`` after a clause applies to every unit of that clause);
- :func:`inline_deadlines`: time limits written in the text itself (``6月底前完成``);
- :func:`parse_deadline`: a time limit as a date (年底前 → 12-31 of the year, 6月底前 → 06-30,
  第三季度 → 09-30), ``long_term`` (长期坚持, 持续推进, 常态化) or ``unparsed``.
"""

from __future__ import annotations

import re

#: 责任单位 牵头单位 责任部门 牵头部门 主责单位 承办单位 责任处室 牵头处室
LEAD_LABELS = ("责任单位", "牵头单位", "责任部门", "牵头部门", "主责单位", "承办单位", "责任处室", "牵头处室")
#: 配合单位 协办单位 配合部门 协同单位 参与单位 配合处室
SUPPORT_LABELS = ("配合单位", "协办单位", "配合部门", "协同单位", "参与单位", "配合处室")
#: 完成时限 完成时间 时间节点 时限要求 时限
DEADLINE_LABELS = ("完成时限", "完成时间", "时间节点", "时限要求", "时限")


def _alternatives(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_FIELD = re.compile(
    rf"(?P<label>{_alternatives(LEAD_LABELS + SUPPORT_LABELS + DEADLINE_LABELS)})[^\S\n]*:[^\S\n]*"
    "(?P<value>[^\n;\u3002()]*)"
)
_SUPPORT = re.compile(_alternatives(SUPPORT_LABELS))
_DEADLINE = re.compile(_alternatives(DEADLINE_LABELS))
#: Units are separated by 、 and by 及 before a unit's name (…局及区司法局).
_UNIT_SPLIT = re.compile(
    "[\u3001]|\u53ca(?=[\u4e00-\u9fff]{2,}(?:\u5c40|\u59d4|\u529e|\u5ba4|\u5e9c|\u90e8\u95e8|\u5355\u4f4d))"
)
#: What follows units without being one: (按职责分工)(分别|共同|具体)负责, 按职责分工, 等.
_UNIT_TAIL = re.compile(
    "(?:\u6309\u804c\u8d23\u5206\u5de5)?(?:\u5206\u522b|\u5171\u540c|\u5177\u4f53)?\u8d1f\u8d23$"
    "|\u6309\u804c\u8d23\u5206\u5de5$|\u7b49$"
)
#: 牵头(负责), 负责牵头
_LEADS = re.compile("(?:\u7275\u5934(?:\u8d1f\u8d23)?|\u8d1f\u8d23\u7275\u5934)$")
#: 配合 协助 协办 参与
_SUPPORTS = re.compile("(?:\u914d\u5408|\u534f\u52a9|\u534f\u529e|\u53c2\u4e0e)$")

#: Time limits written in the task text itself, without a label (``6月底前完成``, ``年底前``).
_INLINE_DEADLINE = re.compile(
    r"(?:(?:19|20)\d{2}\u5e74)?(?:\d{1,2}\u6708(?:\u5e95|\u672b|\d{1,2}\u65e5)?|\u5e74\u5e95|\u5e74\u5185)"
    "(?:\u524d|\u4ee5\u524d)"
)
#: 长期坚持 长期 持续推进 持续开展 常态化 持续
_LONG_TERM = re.compile(
    "\u957f\u671f\u575a\u6301|\u957f\u671f|\u6301\u7eed\u63a8\u8fdb|\u6301\u7eed\u5f00\u5c55|\u5e38\u6001\u5316|\u6301\u7eed"
)
_YEAR = re.compile(r"((?:19|20)\d{2})\u5e74")
#: A quarter as a time limit: (每年)(第)一季度(前|内|末|底).
_QUARTER_DEADLINE = re.compile(
    "(?:\u6bcf\u5e74)?\u7b2c?[\u4e00\u4e8c\u4e09\u56db1-4]\u5b63\u5ea6(?:\u524d|\u5185|\u672b|\u5e95)?"
)
#: Words a unit's name ends with: 局 委 办 政府 常委会 常务会 委员会 领导小组 办公室 中心 部门 单位 处
#: 室 所 院.
_UNIT_END = (
    "(?:\u5c40|\u59d4\u5458\u4f1a|\u5e38\u59d4\u4f1a|\u5e38\u52a1\u4f1a|\u59d4|\u529e\u516c\u5ba4|\u529e"
    "|\u653f\u5e9c|\u9886\u5bfc\u5c0f\u7ec4|\u4e2d\u5fc3|\u90e8\u95e8|\u5355\u4f4d|\u5904|\u5ba4|\u6240|\u9662)"
)
_UNIT = "[\u4e00-\u9fff]{1,18}?" + _UNIT_END
#: 其 in 及其办公室 (the office of the unit named before it).
_ITS = "\u5176"
_JOIN = re.compile("\u3001|\u53ca|\u548c")
#: Units at a clause's start, then what they do: 将 要 每 定期 分别 负责 牵头 按 会同.
_ACTING = re.compile(
    "(?:^|(?<=[\u3002;:,\n]))[^\\S\n]*(?P<units>" + _UNIT + "(?:[\u3001\u548c\u53ca]\u5176?" + _UNIT + ")*)"
    "(?=\u5c06|\u8981|\u6bcf|\u5b9a\u671f|\u5206\u522b|\u8d1f\u8d23|\u7275\u5934|\u6309|\u4f1a\u540c)"
)
_QUARTERS = {
    "\u4e00": "03-31",
    "\u4e8c": "06-30",
    "\u4e09": "09-30",
    "\u56db": "12-31",
    "1": "03-31",
    "2": "06-30",
    "3": "09-30",
    "4": "12-31",
}
_MONTH_END = {1: 31, 2: 28, 3: 31, 4: 30, 5: 31, 6: 30, 7: 31, 8: 31, 9: 30, 10: 31, 11: 30, 12: 31}


def labelled_fields(text: str, start: int, end: int) -> list[dict]:
    """The labelled fields in ``text[start:end]``: ``{label, value, raw, start, end}``."""
    found = []
    for m in _FIELD.finditer(text, start, end):
        value = m["value"].strip()
        raw_end = m.start("value") + len(m["value"].rstrip())
        found.append(
            {
                "label": m["label"],
                "value": value,
                "raw": text[m.start() : raw_end],
                "start": m.start(),
                "end": raw_end,
            }
        )
    return found


def is_deadline(label: str) -> bool:
    """Whether a field's label names a time limit (完成时限)."""
    return bool(_DEADLINE.fullmatch(label))


def is_support(label: str) -> bool:
    """Whether a field's label names supporting units (配合单位)."""
    return bool(_SUPPORT.fullmatch(label))


def split_units(value: str) -> list[tuple[str, bool]]:
    """The units of a 责任单位 value, each with whether it leads or supports: in ``X牵头,Y、Z配合``
    the ``牵头`` / ``配合`` after a clause applies to every unit of that clause."""
    units = []
    for clause in re.split(r"[,]", value):
        clause = _UNIT_TAIL.sub("", clause.strip()).strip()
        is_lead = True
        if _SUPPORTS.search(clause):
            clause, is_lead = _SUPPORTS.sub("", clause).strip(), False
        elif _LEADS.search(clause):
            clause = _LEADS.sub("", clause).strip()
        for part in _UNIT_SPLIT.split(clause):
            part = _UNIT_TAIL.sub("", part.strip()).strip()
            if part:
                units.append((part, is_lead))
    return units


def inline_deadlines(text: str, start: int, end: int) -> list[re.Match]:
    """Time limits written in ``text[start:end]`` without a label (``6月底前``, ``每年第一季度``)."""
    found = list(_INLINE_DEADLINE.finditer(text, start, end))
    found += _QUARTER_DEADLINE.finditer(text, start, end)
    return sorted(found, key=lambda m: m.start())


def acting_units(text: str, start: int, end: int) -> list[str]:
    """The units that are the subject of an action in ``text[start:end]``: a clause that opens with
    units (joined by 、 和 及) and goes on with what they do (将 要 每 定期 分别 负责 牵头…):
    ``下一步,区经济发展局将…`` → 区经济发展局; ``区委常委会、区政府常务会每半年听取…`` → both;
    ``领导小组及其办公室分别…`` → 领导小组, 领导小组办公室."""
    found: list[str] = []
    for m in _ACTING.finditer(text, start, end):
        previous = None
        for unit in _JOIN.split(m["units"]):
            if unit.startswith(_ITS) and previous:  # 及其办公室: the office of the unit before
                unit = previous + unit[len(_ITS) :]
            if unit:
                found.append(unit)
                previous = unit
    return list(dict.fromkeys(found))


def is_long_term(text: str) -> bool:
    """Whether ``text`` says the work goes on (长期坚持, 持续推进, 常态化)."""
    return bool(_LONG_TERM.search(text))


def parse_deadline(raw: str, year: int | None) -> dict:
    """``{kind, date}`` of a time limit as written: ``date`` (ISO) for a date, ``long_term``, else
    ``unparsed``. The latest date named wins (``6月底前完成方案,年底前完成`` → 12-31)."""
    dates = []
    for m in re.finditer(r"(?:((?:19|20)\d{2})\u5e74)?(\d{1,2})\u6708(?:(\d{1,2})\u65e5)?", raw):
        y, month = int(m[1] or year or 0), int(m[2])
        if 1 <= month <= 12 and y:
            day = int(m[3]) if m[3] else _MONTH_END[month] + (month == 2 and y % 4 == 0)
            dates.append(f"{y}-{month:02d}-{day:02d}")
    y = int(_YEAR.search(raw)[1]) if _YEAR.search(raw) else year
    if y:
        quarter = re.search("\u7b2c([\u4e00\u4e8c\u4e09\u56db1-4])\u5b63\u5ea6", raw)  # 第三季度
        if quarter:
            dates.append(f"{y}-{_QUARTERS[quarter[1]]}")
        if "\u4e0a\u534a\u5e74" in raw:  # 上半年
            dates.append(f"{y}-06-30")
        if re.search("\u5e74\u5e95|\u5e74\u672b|\u5e74\u5185|\u5168\u5e74|\u4e0b\u534a\u5e74", raw):
            dates.append(f"{y}-12-31")
    if dates:
        return {"kind": "date", "date": max(dates)}
    if is_long_term(raw):
        return {"kind": "long_term", "date": None}
    return {"kind": "unparsed", "date": None}
