"""Who does a task and by when: lead and supporting units, and time limits, as plans and reports
write them. Shared by the plan reader (:mod:`policy_review.draft.plans`) and the report's
next-year commitments (:mod:`policy_review.draft.commitments`), on the analysis view (colons and
brackets as ASCII)::

    责任单位:县政府办公室、县司法局、各有关部门,乡镇人民政府按职责分工分别负责。
    1.动态调整权责清单。(牵头单位:区委编办;配合单位:区司法局;完成时限:2021年6月底前)
    (一)加强规范性文件管理。……(法规处牵头,各有关业务处室负责)
    ……(省司法厅牵头,各市、县〔市、区〕政府和省直各部门负责)
    “谁执法谁普法”各处室结合各类纪念日……

- :func:`labelled_fields`: the fields of a span that name units or a time limit: labelled ones
  (``责任单位:`` / ``牵头单位:`` / ``牵头处室:`` lead, ``配合单位:`` / ``协办单位:`` support,
  ``完成时限:``), and designations without a label (label ``""``): a bracket, a sentence or the
  opening clauses of a sentence made only of units and the word that gives their role
  (``(法规处牵头,各有关业务处室负责)``, ``由区司法局牵头、区法院配合,…``);
- :func:`split_units`: a field's units, each with whether it leads: the role word after a unit
  (``牵头``, ``负责``: lead; ``配合``, ``协助``, ``参与``: support) applies to the units listed
  before it since the last one (``X、Y牵头,Z配合``, ``X牵头、Y配合``); units are separated by
  ``、`` ``,`` ``;`` and by ``和`` ``及`` ``与`` between two names of units, never inside brackets,
  and a bare level of government before a 、 belongs to the name after it
  (``各市、县〔市、区〕政府`` is one unit);
- :func:`subject_units`: a unit that opens a sentence as the subject of its action
  (``区经济发展局将…``, ``“谁执法谁普法”各处室结合…``), for a task that names no unit otherwise;
- :func:`inline_deadlines`: time limits written in the text itself (``6月底前完成``);
- :func:`parse_deadline`: a time limit as a date (年底前 → 12-31 of the year, 6月底前 → 06-30,
  第三季度 → 09-30), ``long_term`` (长期坚持, 持续推进, 常态化) or ``unparsed``.
"""

from __future__ import annotations

import re

from policy_review.sources.marks import FULL_STOP, LIST_STOP, alternatives

#: 责任单位 牵头单位 责任部门 牵头部门 主责单位 承办单位 责任处室 牵头处室 责任科室 牵头科室 主办单位
#: 责任主体 负责单位 实施单位
LEAD_LABELS = (
    "\u8d23\u4efb\u5355\u4f4d",
    "\u7275\u5934\u5355\u4f4d",
    "\u8d23\u4efb\u90e8\u95e8",
    "\u7275\u5934\u90e8\u95e8",
    "\u4e3b\u8d23\u5355\u4f4d",
    "\u627f\u529e\u5355\u4f4d",
    "\u8d23\u4efb\u5904\u5ba4",
    "\u7275\u5934\u5904\u5ba4",
    "\u8d23\u4efb\u79d1\u5ba4",
    "\u7275\u5934\u79d1\u5ba4",
    "\u4e3b\u529e\u5355\u4f4d",
    "\u8d23\u4efb\u4e3b\u4f53",
    "\u8d1f\u8d23\u5355\u4f4d",
    "\u5b9e\u65bd\u5355\u4f4d",
)
#: 配合单位 协办单位 配合部门 协同单位 参与单位 配合处室 协助单位 配合科室 协办部门
SUPPORT_LABELS = (
    "\u914d\u5408\u5355\u4f4d",
    "\u534f\u529e\u5355\u4f4d",
    "\u914d\u5408\u90e8\u95e8",
    "\u534f\u540c\u5355\u4f4d",
    "\u53c2\u4e0e\u5355\u4f4d",
    "\u914d\u5408\u5904\u5ba4",
    "\u534f\u52a9\u5355\u4f4d",
    "\u914d\u5408\u79d1\u5ba4",
    "\u534f\u529e\u90e8\u95e8",
)
#: 完成时限 完成时间 时间节点 时限要求 完成期限 时限
DEADLINE_LABELS = (
    "\u5b8c\u6210\u65f6\u9650",
    "\u5b8c\u6210\u65f6\u95f4",
    "\u65f6\u95f4\u8282\u70b9",
    "\u65f6\u9650\u8981\u6c42",
    "\u5b8c\u6210\u671f\u9650",
    "\u65f6\u9650",
)
#: Words a unit's name ends with: 局 委 办 厅 院 部 处 科 股 室 所 站 队 会 组 府 庭 部门 单位 机构
#: 中心 政府 街道 乡镇 镇 乡 村 社区 公司 党委 党组 办事处 管委会 各处室.
UNIT_WORDS = tuple(
    "\u5c40 \u59d4 \u529e \u5385 \u9662 \u90e8 \u5904 \u79d1 \u80a1 \u5ba4 \u6240 \u7ad9 \u961f \u4f1a"
    " \u7ec4 \u5e9c \u5ead \u90e8\u95e8 \u5355\u4f4d \u673a\u6784 \u4e2d\u5fc3 \u653f\u5e9c \u8857\u9053"
    " \u4e61\u9547 \u9547 \u4e61 \u6751 \u793e\u533a \u516c\u53f8 \u515a\u59d4 \u515a\u7ec4"
    " \u529e\u4e8b\u5904 \u7ba1\u59d4\u4f1a".split()
)
#: How a list of units may open: 各 有关 相关 其他 省直 市直 区直 县直.
_UNIT_OPENINGS = re.compile("\u5404|\u6709\u5173|\u76f8\u5173|\u5176\u4ed6|[\u7701\u5e02\u533a\u53bf]\u76f4")

_OPEN, _CLOSE = "(\u3014\u3010[\u201c\u300a", ")\u3015\u3011]\u201d\u300b"  # ( 〔 【 [ “ 《 and their closes
_BRACKETED = "(?:\\([^()\\n]*\\)|\u3014[^\u3014\u3015\\n]*\u3015|\u3010[^\u3010\u3011\\n]*\u3011)"
_LABEL = re.compile(
    "(?P<label>" + alternatives(LEAD_LABELS + SUPPORT_LABELS + DEADLINE_LABELS) + ")[^\\S\\n]*:[^\\S\\n]*"
)
#: A field's value: up to a sentence stop, a line break, an unmatched bracket or the next label.
_VALUE = re.compile("(?P<value>(?:[^\\n;" + FULL_STOP + "()\u3014\u3015\u3010\u3011]|" + _BRACKETED + ")*)")
_SUPPORT = re.compile(alternatives(SUPPORT_LABELS))
_DEADLINE = re.compile(alternatives(DEADLINE_LABELS))

#: Role words after a list of units. Lead: 牵头(负责) 负责牵头 主责 主办 (按职责分工)(分别|共同|具体)负责
#: (落实|实施); support: 配合 协助 协办 参与 (落实|实施).
_LEAD_ROLE = re.compile(
    "(?:\u7275\u5934(?:\u8d1f\u8d23)?|\u8d1f\u8d23\u7275\u5934|\u4e3b\u8d23|\u4e3b\u529e"
    "|(?:\u6309(?:\u7167)?\u804c\u8d23\u5206\u5de5)?(?:\u5206\u522b|\u5171\u540c|\u5177\u4f53)?\u8d1f\u8d23)"
    "(?:\u843d\u5b9e|\u5b9e\u65bd)?$"
)
_SUPPORT_ROLE = re.compile(
    "(?:\u914d\u5408|\u534f\u52a9|\u534f\u529e|\u53c2\u4e0e)(?:\u843d\u5b9e|\u5b9e\u65bd)?$"
)
#: What follows units without being one: 按职责分工, 等.
_UNIT_TAIL = re.compile("(?:\u6309(?:\u7167)?\u804c\u8d23\u5206\u5de5|\u7b49)$")
#: 由 before a designation (由区司法局牵头).
_BY = "\u7531"
#: A bare level of government before a 、: (各)省 市 县 区 乡 镇.
_LEVEL = re.compile("\u5404?[\u7701\u5e02\u53bf\u533a\u4e61\u9547]")
#: Words joining two units' names: 以及 和 及 与.
_JOINS = ("\u4ee5\u53ca", "\u548c", "\u53ca", "\u4e0e")

#: A sentence's subject that is a unit, followed by its action: 要 将 应 负责 牵头 结合 按照 围绕 加强
#: 做好 抓好 进一步 继续 认真 切实 积极 全面 持续 定期 组织 开展 会同 联合.
_SUBJECT = re.compile(
    "(?P<unit>(?:\u201c[^\u201d\\n]{1,12}\u201d)?[\u4e00-\u9fff]{0,16}?(?:"
    + alternatives(UNIT_WORDS)
    + "))(?:\u8981|\u5c06|\u5e94|\u8d1f\u8d23|\u7275\u5934|\u7ed3\u5408|\u6309\u7167|\u56f4\u7ed5"
    "|\u52a0\u5f3a|\u505a\u597d|\u6293\u597d|\u8fdb\u4e00\u6b65|\u7ee7\u7eed|\u8ba4\u771f|\u5207\u5b9e"
    "|\u79ef\u6781|\u5168\u9762|\u6301\u7eed|\u5b9a\u671f|\u7ec4\u7ec7|\u5f00\u5c55|\u4f1a\u540c|\u8054\u5408)"
)
#: Where a sentence's subject may stand: its start, or after 下一步, 今后, 同时, (a clause of time).
_SUBJECT_LEAD = re.compile("(?:\u4e0b\u4e00\u6b65|\u4e0b\u6b65|\u4eca\u540e|\u540c\u65f6),")
_SENTENCE = re.compile("[^" + FULL_STOP + ";!?\\n]+")

#: Time limits written in the task text itself, without a label (``6月底前完成``, ``2021年底前``,
#: ``第三季度前``, ``上半年完成``).
_INLINE_DEADLINE = re.compile(
    r"(?:(?:19|20)\d{2}\u5e74)?(?:\d{1,2}\u6708(?:\u5e95|\u672b|\d{1,2}\u65e5)?|\u5e74\u5e95|\u5e74\u5185)"
    "(?:\u524d|\u4ee5\u524d)"
    r"|(?:19|20)\d{2}\u5e74?\u5e95(?:\u524d|\u4ee5\u524d)"
    "|(?:\u7b2c?[\u4e00\u4e8c\u4e09\u56db1-4]\u5b63\u5ea6|\u4e0a\u534a\u5e74|\u4e0b\u534a\u5e74)"
    "(?:\u672b|\u5e95)?(?:\u524d|\u4ee5\u524d|\u5185?\u5b8c\u6210)"
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
    """The fields in ``text[start:end]`` that name units or a time limit, in text order:
    ``{label, value, raw, start, end}``. A labelled field (``牵头单位:区委编办``) has its label; a
    designation without one (``(法规处牵头,各有关业务处室负责)``) has the label ``""``, and
    :func:`split_units` tells its leads from its supports."""
    found = _labelled(text, start, end)
    taken = [(f["start"], f["end"]) for f in found]
    for field in _designations(text, start, end):
        if not any(a < field["end"] and field["start"] < b for a, b in taken):
            found.append(field)
    return sorted(found, key=lambda f: f["start"])


def _labelled(text: str, start: int, end: int) -> list[dict]:
    labels = list(_LABEL.finditer(text, start, end))
    found = []
    for n, label in enumerate(labels):
        limit = labels[n + 1].start() if n + 1 < len(labels) else end
        m = _VALUE.match(text, label.end(), limit)
        raw_value = m["value"].rstrip().rstrip(",;" + LIST_STOP).rstrip()
        value_start = m.start("value")
        raw_end = value_start + len(raw_value)
        found.append(
            {
                "label": label["label"],
                "value": raw_value.strip(),
                "raw": text[label.start() : raw_end],
                "start": label.start(),
                "end": raw_end,
            }
        )
    return found


def _designations(text: str, start: int, end: int) -> list[dict]:
    """Designations without a label: a bracket or a sentence made only of units and role words,
    or the opening clauses of a sentence that are (``由区司法局牵头、区法院配合,建立…``)."""
    found = []
    for m in re.finditer(r"\(([^()\n]*(?:\([^()\n]*\)[^()\n]*)*)\)", text[start:end]):
        a, b = start + m.start(1), start + m.end(1)
        value = _without_time_limits(text[a:b])
        if _is_designation(value):
            found.append({**_field(text, a, b), "value": value})
    for m in _SENTENCE.finditer(text, start, end):
        clauses = list(re.finditer("[^,:]+", m.group()))
        leading = 0
        for clause in clauses:
            said = clause.group()
            if said.count("(") != said.count(")") or not _is_designation(said):
                break
            leading = clause.end()
        if leading and not any(f["start"] < m.end() and m.start() < f["end"] for f in found):
            a = m.start() + len(m.group()) - len(m.group().lstrip())
            found.append(_field(text, a, m.start() + leading))
    return found


def _field(text: str, start: int, end: int) -> dict:
    raw = text[start:end].strip()
    start += len(text[start:end]) - len(text[start:end].lstrip())
    return {"label": "", "value": raw, "raw": raw, "start": start, "end": start + len(raw)}


def _without_time_limits(value: str) -> str:
    """A bracket's clauses without those that give a time limit (``…配合,2023年6月底前完成``)."""
    clauses = _split_outside_brackets(value, ",")
    kept = [c for c in clauses if not _INLINE_DEADLINE.search(c) and not _LABEL.match(c.strip())]
    return ",".join(kept) if len(kept) < len(clauses) and kept else value


def _is_designation(value: str) -> bool:
    """Whether ``value`` is only units with the words that give their role, every clause ending
    with one (``法规处牵头,各有关业务处室负责``)."""
    value = value.strip()
    if not value or len(value) > 120 or re.search("[" + FULL_STOP + ";:!?]", value):
        return False
    for clause in _split_outside_brackets(value, ","):
        clause = clause.strip().removeprefix(_BY)
        role = _LEAD_ROLE.search(clause) or _SUPPORT_ROLE.search(clause)
        if role is None:
            return False
        units = [u for u, _ in split_units(clause[: role.start()])]
        if not units or not all(looks_like_unit(u) for u in units):
            return False
    return True


def looks_like_unit(name: str) -> bool:
    """Whether ``name`` reads as the name of a unit: it ends with a unit's word (``区司法局``,
    ``各有关业务处室``, ``各市、县〔市、区〕政府``) or opens a list of them (``各镇(街道)``)."""
    bare = re.sub(_BRACKETED + "$", "", name.strip().rstrip(_CLOSE[-2:])).lstrip(_OPEN[-2:])
    if not 2 <= len(name) <= 40 or re.search(r"\d", bare):
        return False
    return bare.endswith(UNIT_WORDS) or bool(_UNIT_OPENINGS.match(bare))


def is_deadline(label: str) -> bool:
    """Whether a field's label names a time limit (完成时限)."""
    return bool(_DEADLINE.fullmatch(label))


def is_support(label: str) -> bool:
    """Whether a field's label names supporting units (配合单位)."""
    return bool(_SUPPORT.fullmatch(label))


def split_units(value: str) -> list[tuple[str, bool]]:
    """The units of a field's value, each with whether it leads or supports: the role word after
    a unit (``牵头``, ``负责``; ``配合``, ``协助``, ``参与``) applies to every unit listed before it
    since the last role word; units with none after them lead."""
    units: list[tuple[str, bool]] = []
    pending: list[str] = []
    for piece in _pieces(value.strip().removeprefix(_BY)):
        piece = piece.strip().removeprefix(_BY)
        is_lead = None
        if m := _SUPPORT_ROLE.search(piece):
            piece, is_lead = piece[: m.start()], False
        elif m := _LEAD_ROLE.search(piece):
            piece, is_lead = piece[: m.start()], True
        piece = _UNIT_TAIL.sub("", piece.strip()).strip()
        if piece:
            pending.append(piece)
        if is_lead is not None:
            units += [(u, is_lead) for u in pending]
            pending = []
    return units + [(u, True) for u in pending]


def _pieces(value: str) -> list[str]:
    """``value`` cut into units' names (with any role word after them): at 、 , ; outside brackets,
    and at 和 及 与 between two names of units; a bare level of government before a 、 joins the
    name after it (``各市、县〔市、区〕政府``)."""
    pieces: list[str] = []
    join_next = False
    for piece in _split_outside_brackets(value, "," + LIST_STOP + ";", keep=True):
        text, separator = piece
        if join_next:
            pieces[-1] += text
        else:
            pieces.append(text)
        join_next = separator == LIST_STOP and bool(_LEVEL.fullmatch(pieces[-1].strip()))
        if join_next:
            pieces[-1] += separator
    return [part for piece in pieces for part in _split_joined(piece)]


def _split_joined(piece: str) -> list[str]:
    """A piece cut at 和 及 与 以及 outside brackets where both sides are names of units."""
    depth = 0
    for i, char in enumerate(piece):
        depth += (char in _OPEN[:3]) - (char in _CLOSE[:3])
        if depth:
            continue
        for join in _JOINS:
            if piece.startswith(join, i) and i > 0:
                left, right = piece[:i], piece[i + len(join) :]
                right_bare = _LEAD_ROLE.sub("", _SUPPORT_ROLE.sub("", right)).strip()
                if left.strip().endswith(UNIT_WORDS) and looks_like_unit(right_bare):
                    return [left, *_split_joined(right)]
    return [piece]


def _split_outside_brackets(value: str, separators: str, keep: bool = False) -> list:
    """``value`` split at ``separators`` that stand outside any bracket; with ``keep``, pairs of
    (piece, the separator after it or "")."""
    pieces, depth, current = [], 0, ""
    for char in value:
        if char in _OPEN[:3]:
            depth += 1
        elif char in _CLOSE[:3] and depth:
            depth -= 1
        if char in separators and depth == 0:
            pieces.append((current, char))
            current = ""
        else:
            current += char
    pieces.append((current, ""))
    return pieces if keep else [p for p, _ in pieces]


def subject_units(text: str, start: int, end: int) -> list[dict]:
    """Units that open a sentence of ``text[start:end]`` as the subject of its action
    (``区经济发展局将…``, ``“谁执法谁普法”各处室结合…``, after ``下一步,`` too): ``{unit, start,
    end}``. A unit the action is aimed at (``督促各处室落实``) is not a subject."""
    found = []
    for sentence in _SENTENCE.finditer(text, start, end):
        position = sentence.start() + len(sentence.group()) - len(sentence.group().lstrip())
        lead = _SUBJECT_LEAD.match(text, position, sentence.end())
        position = lead.end() if lead else position
        m = _SUBJECT.match(text, position, sentence.end())
        if m and looks_like_unit(m["unit"]):
            found.append({"unit": m["unit"], "start": m.start("unit"), "end": m.end("unit")})
    return found


def inline_deadlines(text: str, start: int, end: int) -> list[re.Match]:
    """Time limits written in ``text[start:end]`` without a label (``6月底前``, ``每年第一季度``)."""
    found = list(_INLINE_DEADLINE.finditer(text, start, end))
    found += (  # a quarter the first pattern did not already read (第三季度前完成 is one time limit)
        m
        for m in _QUARTER_DEADLINE.finditer(text, start, end)
        if not any(f.start() < m.end() and m.start() < f.end() for f in found)
    )
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
        quarter = re.search("\u7b2c?([\u4e00\u4e8c\u4e09\u56db1-4])\u5b63\u5ea6", raw)  # 第三季度
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
