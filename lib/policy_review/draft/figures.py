"""Figures in report text: numbers with a counter or unit, as ``data/curated/README.md`` defines them.

Read on the analysis view (:mod:`policy_review.sources.reading`: full-width digits and signs as
ASCII, ``１，２３４`` as ``1,234``, an invisible character inside a number left out). A figure is a
number followed by a counter or unit (``67项``, ``三张``, ``3000册``, ``4轮``, ``2000余项``,
``1.8万件``, ``516万元``, ``45.88%``, ``九成以上``), or, where the report writes no measure word, by
the people or bodies it counts (``3800余公务人员``, ``组织300干部``: the noun is the unit). The number
is Arabic (thousands separated or not: ``1,234,567项`` is one figure of 1234567, never 567; signed:
``-5%`` is -5), or Chinese numerals read with cn2an. A qualifier stands before it (``近``, ``约``,
``至少``, ``超过``, ``逾``, ``不少于``), between number and unit (``余``, ``多``: ``40多部``) or after
the unit (``以上``, ``左右``, ``之多``, ``以内``). ``万`` and ``亿`` multiply into the value except in
money units, and ``成`` becomes a percentage.

Not figures: years and dates (``年``/``月``/``日`` are not counters, so ``2018年`` and the broken
``202064日`` never qualify), document numbers (``〔2018〕32号`` and broken ``〔201918号``),
ordinals (``第二次``) and list numbering (section markers), ranges' ends read as signs
(``1-3项`` is 3, not -3), anything inside quotation marks or book-title marks (slogans and names
such as ``“企业减负30条”``, ``“12348”``, ``《…(2018版)》``), well-known slogans even unquoted
(``两个维护``, ``中央八项规定``, ``行政执法三项制度``), the numeral ``一`` on its own (an article:
``一张网``, ``一次``), a counter that is part of another word (``部门``, ``种类``, ``条例``), level
names (``三级``: ``级`` is not a counter) and the page's furniture (blanked in the view).
"""

from __future__ import annotations

import bisect
import re
from decimal import Decimal

import cn2an

from policy_review.sources.marks import (
    CLAUSE_STOPS,
    DOCUMENT_NUMBER,
    LIST_STOP,
    QUOTE_CLOSE,
    QUOTE_OPEN,
    QUOTED,
)

#: Counters of things and people (any measure word a report writes after a number).
COUNTERS = (
    "人次", "家次", "场次", "户次", "件次", "批次", "轮次", "期次", "班次", "大项",
    "项", "件", "个", "条", "人", "名", "位", "笔", "户", "次", "场", "张", "类", "期", "份", "家",
    "批", "篇", "本", "套", "处", "起", "宗", "座", "支", "册", "部", "种", "轮", "例", "所", "栋",
    "间", "台", "辆", "艘", "架", "门", "队", "组", "遍", "堂", "节", "首", "幅", "块", "盒",
    "箱", "袋", "瓶", "封", "则", "页",
)  # fmt: skip
#: Measures that are neither counts, shares nor money (figure kind ``other``).
MEASURES = (
    "个月",
    "小时",
    "学时",
    "课时",
    "天",
    "周",
    "公里",
    "平方公里",
    "平方米",
    "立方米",
    "公顷",
    "亩",
    "吨",
)
MONEY_UNITS = ("亿元", "万元", "元")
PERCENT_UNITS = ("%", "成")
#: What a count without a measure word counts (``3800余公务人员``): people and bodies.
COUNTED_NOUNS = (
    "人员", "干部", "职工", "群众", "党员", "代表", "委员", "律师", "志愿者", "学生", "企业", "商户",
    "农户", "家庭", "单位", "部门", "村", "社区", "学校", "镇街", "乡镇",
)  # fmt: skip
#: Names and slogans with a counter in them that reports do not always put in quotation marks.
SLOGANS = (
    "四个意识",
    "四个自信",
    "两个维护",
    "两个确立",
    "四个全面",
    "两个一百年",
    "三个代表",
    "八项规定",
    "执法三项制度",
    "五位一体",
)
QUALIFIERS_BEFORE = ("近", "约", "逾", "超", "超过", "至少", "不少于", "不低于", "将近", "大约", "多达")
QUALIFIERS_INSIDE = ("余", "多")
QUALIFIERS_AFTER = ("以上", "左右", "之多", "以内", "有余")

_MULTIPLIERS = {"万": Decimal(10_000), "亿": Decimal(100_000_000)}
_CN_DIGITS = "零〇一二两三四五六七八九十百千万亿"
#: Characters that, right after a counter, make it part of another word (``条例``, ``人民``,
#: ``部门``, ``种类``, ``五位一体``).
_COUNTER_WORDS = {
    "条": "例",
    "人": "民大员",
    "名": "单称义额录",
    "成": "员立为功果效绩就本熟交长",
    "部": "门分署委长队",
    "种": "类植子养",
    "位": "数于置一",
    "所": "有以在属谓",
    "台": "账阶湾",
    "门": "类户槛诊",
    "间": "隔断",
    "组": "织建成长",
    "例": "会行如",
    "节": "点约日能",
    "首": "次先要长批届",
    "队": "伍员长",
    "轮": "流换岗",
    "页": "面",
}


def _alternatives(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


#: A number: thousands separated (1,234,567), plain (1234, 1.8), with 万/亿, or Chinese numerals;
#: not the middle of another number (after a digit, a point or a thousands comma) nor an ordinal.
_NUMBER = (
    rf"(?:(?<![\dA-Za-z\-])(?P<sign>[-+]))?"
    rf"(?<![\d.{_CN_DIGITS}\u7b2c])(?<!\d,)"
    rf"(?P<number>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?[\u4e07\u4ebf]?|\d+(?:\.\d+)?[\u4e07\u4ebf]?"
    rf"|[\u4e00\u4e8c\u4e24\u4e09\u56db\u4e94\u516d\u4e03\u516b\u4e5d\u5341][{_CN_DIGITS}]*)"
)
_FIGURE = re.compile(
    rf"(?P<before>{_alternatives(QUALIFIERS_BEFORE)})?"
    + _NUMBER
    + rf"(?P<inside>{_alternatives(QUALIFIERS_INSIDE)})?"
    rf"(?P<unit>{_alternatives(COUNTERS + MEASURES + MONEY_UNITS + PERCENT_UNITS)})"
    rf"(?P<after>{_alternatives(QUALIFIERS_AFTER)})?"
)
#: A count with no measure word: an Arabic number, then 余/多 and what it counts (a few words
#: ending in a counted noun: 3800余公务人员), or the counted noun straight after it (300干部).
_UNCOUNTED = re.compile(
    rf"(?P<before>{_alternatives(QUALIFIERS_BEFORE)})?"
    rf"(?<![\d.\u7b2c])(?<!\d,)(?P<number>\d{{1,3}}(?:,\d{{3}})+|\d+)"
    rf"(?:(?P<inside>{_alternatives(QUALIFIERS_INSIDE)})(?P<noun>[\u4e00-\u9fff]{{0,4}}?"
    rf"(?:{_alternatives(COUNTED_NOUNS)}))|(?P<bare>{_alternatives(COUNTED_NOUNS)}))"
)
_SLOGANS = re.compile(_alternatives(SLOGANS))

#: Label phrases: a clause ends at punctuation; after a counter the noun ends at a joining word;
#: before a number the phrase starts after the last of a few joining words.
_CLAUSE_BREAK = re.compile("[" + re.escape(CLAUSE_STOPS + LIST_STOP) + "()\\s]")
_NOUN_END = re.compile(
    "[\u7684\u4e86\u7740\u5728\u5c06\u628a\u88ab\u7531\u4ece\u5411\u4e8e\u4ee5\u548c\u4e0e\u53ca"
    "\u5e76\u5747\u90fd\u5df2\u5171\u4e3a\u6709\u7b49\u4e88\u56e0" + QUOTE_OPEN + QUOTE_CLOSE + "]"
)  # 的了着在将把被由从向于以和与及并均都已共为有等予因, quotation and title marks
_PHRASE_START = re.compile(r"共计|共有|[的了共均已并等]")
_LINKING_TAIL = re.compile(r"(?:分别为|提高至|共计|合计|累计|达到|至|共|达|计|各|约|近|由|的|了|等|均)+$")
_YEAR = re.compile(r"\d{4}\u5e74\u5ea6?")
_LABEL_FILLERS = re.compile(r"^(?:其中|全年|年内|全区|我区|累计|分别|先后)+")
MAX_LABEL = 16

_MASK = "\x00"


def find_figures(text: str, sections: list[dict] | None = None) -> list[dict]:
    """Every figure in ``text``, in order; ``sections`` (from extraction) give section paths."""
    masked = _mask_non_figures(text, sections or [])
    found = [f for m in _FIGURE.finditer(masked) if (f := _figure(m, text)) is not None]
    taken = [(f["start"], f["end"]) for f in found]
    found += [
        f
        for m in _UNCOUNTED.finditer(masked)
        if not _overlaps(taken, m.span()) and (f := _uncounted(m, text)) is not None
    ]
    figures: list[dict] = []
    for figure in sorted(found, key=lambda f: f["start"]):
        figure["label"] = _label(text, figure, figures)
        figures.append(figure)
    for figure in figures:
        figure["section"] = section_at(sections or [], figure["start"])
    return figures


def parse_number(numeral: str) -> int | float:
    """``67`` → 67, ``1,234`` → 1234, ``1.8万`` → 18000, ``四`` → 4, ``一百二十一`` → 121
    (ValueError if not a number)."""
    if numeral[0].isdigit():
        multiplier = _MULTIPLIERS.get(numeral[-1], Decimal(1))
        return _plain(Decimal(numeral.rstrip("万亿").replace(",", "")) * multiplier)
    return _plain(Decimal(str(cn2an.cn2an(numeral, "normal"))))


def section_at(sections: list[dict], position: int) -> str | None:
    """Path of the innermost section containing ``position`` (sections in text order)."""
    index = bisect.bisect_right(sections, position, key=lambda s: s["start"])
    for i in range(index - 1, -1, -1):
        if position < sections[i]["end"]:
            return sections[i]["path"]
    return None


def _mask_non_figures(text: str, sections: list[dict]) -> str:
    """``text`` with every span that cannot hold a figure blanked out (same length)."""
    spans = [m.span() for m in QUOTED.finditer(text)]
    spans += [m.span() for m in _SLOGANS.finditer(text)]
    spans += [m.span() for m in DOCUMENT_NUMBER.finditer(text)]
    spans += [(s["start"], s["start"] + len(s["marker"])) for s in sections]
    chars = list(text)
    for start, end in spans:
        chars[start:end] = _MASK * (end - start)
    return "".join(chars)


def _figure(match: re.Match, text: str) -> dict | None:
    numeral, unit = match["number"], match["unit"]
    if numeral == "一" or not _counter_stands_alone(unit, text, match.end("unit")):
        return None
    if unit == "元" and numeral[-1] in _MULTIPLIERS:
        numeral, unit = numeral[:-1], numeral[-1] + unit
    try:
        value = parse_number(numeral)
    except ValueError:
        return None
    if unit == "成":
        if value > 10:
            return None
        value, unit = _plain(Decimal(str(value)) * 10), "%"
    if match["sign"] == "-":
        value = -value
    return {
        "value": value,
        "unit": unit,
        "qualifier": match["before"] or match["inside"] or match["after"],
        "raw": text[match.start() : match.end()],
        "label": "",
        "kind": _kind(unit),
        "section": None,
        "start": match.start(),
        "end": match.end(),
    }


def _uncounted(match: re.Match, text: str) -> dict | None:
    """A count with no measure word: the noun it counts is its unit."""
    noun = match["noun"] or match["bare"]
    return {
        "value": parse_number(match["number"]),
        "unit": noun,
        "qualifier": match["before"] or match["inside"],
        "raw": text[match.start() : match.end()],
        "label": "",
        "kind": "count",
        "section": None,
        "start": match.start(),
        "end": match.end(),
    }


def _overlaps(spans: list[tuple[int, int]], span: tuple[int, int]) -> bool:
    index = bisect.bisect_right(spans, span[0], key=lambda s: s[0])
    return any(a < span[1] and span[0] < b for a, b in spans[max(0, index - 1) : index + 1])


def _counter_stands_alone(unit: str, text: str, end: int) -> bool:
    following = text[end : end + 1]
    return not (following and following in _COUNTER_WORDS.get(unit, ""))


def _kind(unit: str) -> str:
    if unit in MONEY_UNITS:
        return "money"
    if unit == "%":
        return "percent"
    if unit in MEASURES:
        return "other"
    return "count"


def _plain(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _label(text: str, figure: dict, earlier: list[dict]) -> str:
    """What the figure counts: the noun after a counter (``七个方面``), else the phrase before it."""
    after = _noun_after(text, figure["end"])
    if after and figure["kind"] == "count":
        return after
    before = _phrase_before(text, figure["start"], earlier)
    return before or after or (earlier[-1]["label"] if earlier else "")


def _noun_after(text: str, end: int) -> str:
    window = text[end : end + MAX_LABEL]
    if not window or not "\u4e00" <= window[0] <= "\u9fff":
        return ""
    stop = _CLAUSE_BREAK.search(window)
    phrase = window[: stop.start()] if stop else window
    joint = _NOUN_END.search(phrase)
    return phrase[: joint.start()] if joint else phrase


def _phrase_before(text: str, start: int, earlier: list[dict]) -> str:
    floor = max(start - 3 * MAX_LABEL, earlier[-1]["end"] if earlier else 0)
    window = text[floor:start]
    breaks = list(_CLAUSE_BREAK.finditer(window))
    clause = window[breaks[-1].end() :] if breaks else window
    clause = _LINKING_TAIL.sub("", _YEAR.sub("", clause))
    phrase = _LABEL_FILLERS.sub("", _PHRASE_START.split(clause)[-1])
    return phrase[-MAX_LABEL:]
