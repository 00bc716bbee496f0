"""The parts of a published page around a document's body: furniture, title, addressee, signature.

Read on the analysis view (:mod:`policy_review.sources.reading`: widths folded, so colons are
``:``), in whatever layout the page came in: a line per paragraph, or the whole page on one line.

- **Page furniture** (:func:`furniture`): the portal's words around and inside a copied page: the
  time line and share buttons (``时间:2023-03-30 16:56 微信 微博 QQ空间``), ``来源:…``,
  ``附件下载`` and the file names after it, ``打印本页``, ``关闭窗口``, ``返回顶部``, breadcrumbs
  (``您当前的位置:首页>…``), the metadata block (``[ 索引号 ]… [ 发布机构 ]…``, ``索引号:…
  发布日期:…``; its labels are ``data/reference/metadata_labels.csv``, the importer's), and the footer
  from ``扫一扫在手机打开当前页`` to the end. A share word (微信, 微博, 打印) is furniture only next to
  other furniture or on a line of its own, never inside a sentence (``微信公众号``).
- **The document's own parts** (:func:`document_parts`), on the view with its furniture blanked:
  its ``title`` (a short line at the head, or the first segment of the head's first line, that ends
  like a title: …报告, …汇报, …要点, …通知), a ``document_number`` line (大府〔2023〕16号 签发人:…),
  the ``addressee`` (各处室(中心),东庠办事处,…: a list of units ending with a colon), and at the end
  the ``closing`` formula (专此报告。), the ``signature`` (the issuing body) and its ``date``. A
  signature and date inside the text (a covering notice's, before the plan it issues) are found
  too, with the ``title`` that follows them.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache

from policy_review.core import paths
from policy_review.core.edited_files import read_table
from policy_review.core.errors import BadInput
from policy_review.sources.marks import FULL_DATE, FULL_STOP, LIST_STOP, SENTENCE_STOPS, alternatives


@dataclass(frozen=True)
class Part:
    """One part of a page that is not the document's body: its ``kind`` and view span."""

    kind: str
    start: int
    end: int


#: Share and print buttons: furniture only beside other furniture or on a line of their own.
SHARE_WORDS = (
    "微信",
    "微博",
    "QQ空间",
    "分享",
    "分享到",
    "打印",
    "关闭",
    "收藏",
    "字号",
    "大",
    "中",
    "小",
    "【大",
    "小】",
)
#: Furniture on its own: print and close links, the back-to-top link, the attachment link.
LINK_WORDS = (
    "打印本页",
    "关闭窗口",
    "关闭本页",
    "【打印】",
    "【关闭】",
    "[打印]",
    "[关闭]",
    "返回顶部",
    "分享到:",
    "附件下载",
)
#: Buttons in brackets: 【 打印 】, 【 扫一扫 】, 【 字体:大 中 小 】.
BUTTON_WORDS = ("打印", "关闭", "扫一扫", "字体", "字号", "收藏", "分享", "打印本页", "关闭窗口")
#: Where a page's footer starts: everything after it is furniture.
FOOTER_WORDS = ("扫一扫在手机打开当前页", "扫一扫在手机上查看当前页面")
#: A breadcrumb's lead: 您当前的位置:首页>政务公开>….
BREADCRUMB_WORDS = ("您当前的位置", "您现在的位置", "您的位置", "当前位置")
#: Labels of a page's counters (浏览次数:-).
COUNTER_WORDS = ("浏览次数", "点击数", "点击量", "访问量", "阅读次数")
#: Block labels that stand alone as furniture (a single 索引号 or 来源 item); the others need a
#: second label beside them (名称 and 时间 are words of prose too).
ALONE_LABELS = (
    "索引号",
    "发文字号",
    "来源",
    "信息来源",
    "发布机构",
    "主题分类",
    "成文日期",
    "发布日期",
    "发布时间",
    "时间",
)
#: Words a title ends with (before any closing book-title mark or bracketed note).
TITLE_WORDS = ("报告", "汇报", "总结", "要点", "安排", "计划", "方案", "通知", "意见", "规划")
#: Closing formulas of a report: 专此报告。 特此报告。 以上报告,请审议。
CLOSING_WORDS = ("专此报告", "特此报告", "专此汇报", "特此汇报", "特此说明", "此报告")
#: Words an issuing body's name ends with.
BODY_WORDS = (
    "政府",
    "委员会",
    "办公室",
    "管理局",
    "管委会",
    "局",
    "委",
    "办",
    "厅",
    "院",
    "部",
    "中心",
    "处",
    "领导小组",
    "党组",
    "党委",
    "公司",
    "街道办事处",
    "办事处",
    "司法所",
)

_CJK = "\u4e00-\u9fff"
_H = r"[^\S\n]"  # a space that is not a line break
_DATETIME = r"\d{4}-\d{1,2}-\d{1,2}(?:" + _H + r"+\d{1,2}:\d{2}(?::\d{2})?)?"
_FILE = r"[^\s]{1,80}\.(?:pdf|docx?|wps|xlsx?|zip|rar|ofd|txt)"


@lru_cache(maxsize=4)
def _block_labels(root: str) -> tuple[str, ...]:
    """The block labels of ``metadata_labels.csv`` (the importer's), simplified and longest first."""
    frame, problems = read_table(paths.reference_dir() / "metadata_labels.csv")
    if problems:
        raise BadInput(problems)
    labels = {
        str(label).strip() for label, source in zip(frame["label"], frame["source"]) if source == "block"
    }
    return tuple(sorted(labels, key=len, reverse=True))


@lru_cache(maxsize=4)
def _patterns(root: str) -> dict[str, re.Pattern]:
    """The furniture's patterns; the buttons in brackets are 【 打印 】, 【 扫一扫 】, 【 字体:大 中 小 】."""
    labels = alternatives(_block_labels(root))
    return {
        # [ 索引号 ]value (to the next bracket), or 索引号:value (a date and time, or one word)
        "block": re.compile(
            rf"\[{_H}*(?P<blabel>{labels}){_H}*\](?:{_DATETIME}|[^\[\s]{{0,60}})"
            rf"|(?<![{_CJK}])(?P<clabel>{labels}){_H}*:{_H}*(?P<value>{_DATETIME}|[^\s:]*(?![^\s]*:))"
        ),
        "strong": re.compile(
            "|".join(
                (
                    alternatives(LINK_WORDS) + rf"(?:{_H}*{_FILE})*",
                    rf"[\u3010\[]{_H}*(?:{alternatives(BUTTON_WORDS)}){_H}*:?[\u5927\u4e2d\u5c0f\s]*[\u3011\]]",
                    rf"(?:{alternatives(BREADCRUMB_WORDS)}){_H}*:?{_H}*[^\s>]+(?:{_H}*>+{_H}*[^\s>]+)*",
                    rf"(?:{alternatives(COUNTER_WORDS)}){_H}*:{_H}*[^\s]*",
                )
            )
        ),
        "share": re.compile(rf"(?:{alternatives(SHARE_WORDS)})(?=\s|$)"),
        "footer": re.compile(alternatives(FOOTER_WORDS)),
    }


def _root() -> str:
    return os.environ.get("POLICY_REVIEW_ROOT") or str(paths.ROOT)


def furniture(view: str) -> list[tuple[int, int]]:
    """[start, end) spans of the page's furniture in ``view``, in order, disjoint, each with the
    spaces around it (not line breaks)."""
    patterns = _patterns(_root())
    spans = []
    footer = patterns["footer"].search(view)
    limit = footer.start() if footer else len(view)
    spans += _blocks(view, patterns["block"], limit)
    spans += [m.span() for m in patterns["strong"].finditer(view, 0, limit)]
    spans += _share_lines(view, patterns["share"], limit)
    if footer:
        spans.append((footer.start(), len(view)))
    merged = _merge(view, sorted(spans))
    merged = _absorb_share_words(view, merged, patterns["share"])
    return [_with_spaces(view, a, b) for a, b in _merge(view, merged)]


def _blocks(view: str, pattern: re.Pattern, limit: int) -> list[tuple[int, int]]:
    """The metadata block's items, kept where two stand together or one stands alone by its label."""
    items = [m for m in pattern.finditer(view, 0, limit) if m.end() > m.start()]
    groups: list[list[re.Match]] = []
    for m in items:
        if groups and not view[groups[-1][-1].end() : m.start()].strip():
            groups[-1].append(m)
        else:
            groups.append([m])
    spans = []
    for group in groups:
        label = group[0]["blabel"] or group[0]["clabel"]
        value = group[0]["value"] if group[0]["clabel"] else "x"
        if len(group) >= 2 or (label in ALONE_LABELS and value and _alone(label, value)):
            spans.append((group[0].start(), group[-1].end()))
    return spans


def _alone(label: str, value: str) -> bool:
    """A single item is furniture when its label says so: a date label needs a date."""
    if "时间" in label or "日期" in label:
        return bool(re.match(r"\d{4}-", value))
    return True


def _share_lines(view: str, share: re.Pattern, limit: int) -> list[tuple[int, int]]:
    """Lines made only of share words (微信 微博 QQ空间)."""
    spans = []
    for line in re.finditer(r"[^\n]+", view[:limit]):
        words = line.group().split()
        if words and all(share.fullmatch(w) for w in words):
            spans.append(line.span())
    return spans


def _absorb_share_words(view: str, spans: list[tuple[int, int]], share: re.Pattern) -> list[tuple[int, int]]:
    """Each span grown over the share words that stand beside it, separated by spaces."""
    grown = []
    for a, b in spans:
        while True:
            m = re.compile(_H + "+").match(view, b)
            word = share.match(view, m.end()) if m else None
            if not word:
                break
            b = word.end()
        while True:
            m = re.search(r"(?:^|(?<=\s))(\S+)" + _H + "+$", view[max(0, a - 12) : a])
            if not m or not share.fullmatch(m.group(1)):
                break
            a = max(0, a - 12) + m.start(1)
        grown.append((a, b))
    return grown


def _merge(view: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans joined where they overlap or only spaces lie between them."""
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and (a <= merged[-1][1] or not view[merged[-1][1] : a].strip(" ")):
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def _with_spaces(view: str, a: int, b: int) -> tuple[int, int]:
    while a > 0 and view[a - 1] == " ":
        a -= 1
    while b < len(view) and view[b] == " ":
        b += 1
    return a, b


# --- the document's own parts ---------------------------------------------------------------------

_TITLE = re.compile(
    rf"[^\s{re.escape(SENTENCE_STOPS)}:,][^{re.escape(SENTENCE_STOPS)}:,]{{3,100}}?"
    rf"(?:{alternatives(TITLE_WORDS)})(?:\u300b)?(?:\([^()\n]{{1,20}}\))?"
    # then a space, or, on a page run onto one line, the body's opening year or first heading
    rf"(?=\s|$|(?:19|20)\d{{2}}\s?\u5e74|[\u4e00\u4e8c\u4e09\u56db\u4e94\u516d\u4e03\u516b\u4e5d\u5341]\u3001)"
)
#: A line that starts with a heading's number is a heading, not a title: 一、 (一) 1. 1、
_TITLE_END = re.compile(rf"(?:{alternatives(TITLE_WORDS)})\u300b?(?:\([^()]*\))?$")
_HEADING_START = re.compile(
    r"(?:[\u4e00\u4e8c\u4e09\u56db\u4e94\u516d\u4e03\u516b\u4e5d\u5341]+\u3001|\(\S{1,3}\)|\d{1,2}[.\u3001])"
)
_DOCUMENT_NUMBER_LINE = re.compile(
    rf"[^\s{FULL_STOP},]{{1,20}}[\u3014\[\u3010(]\d{{4}}[\u3015\]\u3011)]\s*\d{{1,5}}\u53f7(?:{_H}+[^\n]{{0,20}})?(?=\n|$)"
)
_UNIT_END = alternatives(
    BODY_WORDS + ("单位", "部门", "处室", "村", "社区", "乡镇", "街道", "镇", "常委会", "委员会")
)
_ADDRESSEE = re.compile(rf"[^\s{re.escape(SENTENCE_STOPS)}:]{{2,120}}?:")
_BODY = re.compile(rf"[{_CJK}()]{{2,40}}?(?:{alternatives(BODY_WORDS)})(?:\([^()\n]{{1,12}}\))?")
_CLOSING = re.compile(
    rf"(?:{alternatives(CLOSING_WORDS)})[{FULL_STOP}.!]?|\u4ee5\u4e0a\u62a5\u544a[^{FULL_STOP}\n]{{0,12}}[{FULL_STOP}.]"
)


def document_parts(view: str) -> list[Part]:
    """The title, document number and addressee at the head, the closing formula, signature and
    date at the end, and any signature, date and title inside (see the module doc), in order."""
    parts = _head(view)
    tail = _tail(view, parts[-1].end if parts else 0)
    inside = _inner_signatures(view, parts[-1].end if parts else 0, tail[0].start if tail else len(view))
    return sorted(parts + inside + tail, key=lambda p: p.start)


def _head(view: str) -> list[Part]:
    parts: list[Part] = []
    position = _skip(view, 0)
    for _ in range(8):
        if m := _DOCUMENT_NUMBER_LINE.match(view, position):
            parts.append(Part("document_number", m.start(), m.end()))
        elif (m := _title_at(view, position)) is not None:
            parts.append(Part("title", m[0], m[1]))
        elif (m := _addressee_at(view, position)) is not None:
            parts.append(Part("addressee", m[0], m[1]))
            position = _skip(view, m[1])
            break
        else:
            break
        position = _skip(view, parts[-1].end)
    return _join_titles(view, parts)


def _title_at(view: str, position: int) -> tuple[int, int] | None:
    """A title starting at ``position``: the whole line, or its first segment (a crawl's line)."""
    line_end = view.find("\n", position)
    line_end = len(view) if line_end < 0 else line_end
    line = view[position:line_end].rstrip()
    if _HEADING_START.match(line):
        return None
    if not line or any(stop in line for stop in FULL_STOP + ";!?"):
        m = _TITLE.match(view, position, line_end)
        return (m.start(), m.end()) if m and not _has_stop(m.group()) else None
    if len(line) <= 60 and ":" not in line[-1:]:  # a short line at the head: a title's line
        return position, position + len(line)
    m = _TITLE.match(view, position, line_end)
    return (m.start(), m.end()) if m else None


def _has_stop(text: str) -> bool:
    return any(stop in text for stop in SENTENCE_STOPS)


def _addressee_at(view: str, position: int) -> tuple[int, int] | None:
    """A list of units ending with a colon: 各处室(中心),东庠办事处,各相关单位,各行政村:."""
    m = _ADDRESSEE.match(view, position)
    if not m:
        return None
    units = [u.strip() for u in re.split("[," + LIST_STOP + "]", m.group()[:-1])]
    ok = all(
        u and len(u) <= 24 and (u.startswith("\u5404") or re.search(rf"(?:{_UNIT_END})\)?$", u))
        for u in units
    )
    return m.span() if ok else None


def _join_titles(view: str, parts: list[Part]) -> list[Part]:
    """A title printed over two or three lines (大英县人民政府 / 关于…的报告) is one title; only a head
    line that ends like a title is one, with the short lines before it."""
    joined: list[Part] = []
    pending: list[Part] = []
    for part in parts:
        if part.kind != "title":
            joined += _title_lines(view, pending) + [part]
            pending = []
            continue
        pending.append(part)
    return joined + _title_lines(view, pending)


def _title_lines(view: str, lines: list[Part]) -> list[Part]:
    kept: list[Part] = []
    first = 0
    for i, line in enumerate(lines):
        if _TITLE_END.search(view[line.start : line.end]):
            kept.append(Part("title", lines[max(first, i - 2)].start, line.end))
            first = i + 1
    return kept


def _skip(view: str, position: int) -> int:
    while position < len(view) and view[position].isspace():
        position += 1
    return position


def _tail(view: str, floor: int) -> list[Part]:
    """From the end back: the date, the signature before it, the closing formula before that."""
    parts: list[Part] = []
    end = len(view.rstrip())
    date = _last_segment(view, floor, end)
    if date and FULL_DATE.fullmatch(view[date[0] : date[1]]):
        parts.append(Part("date", *date))
        end = date[0]
    body = _last_segment(view, floor, end)
    if body and _BODY.fullmatch(view[body[0] : body[1]]) and (parts or _own_line(view, floor, *body)):
        parts.append(Part("signature", *body))
        end = body[0]
    closing = _last_closing(view, floor, end)
    if closing:
        parts.append(Part("closing", *closing))
    return sorted(parts, key=lambda p: p.start)


def _last_segment(view: str, floor: int, end: int) -> tuple[int, int] | None:
    """The last run of non-space characters before ``end`` (after a space or a line break)."""
    text = view[floor:end].rstrip()
    if not text:
        return None
    start = max(text.rfind(" "), text.rfind("\n")) + 1
    return floor + start, floor + len(text)


def _own_line(view: str, floor: int, start: int, end: int) -> bool:
    """Whether ``view[start:end]`` is a line of its own after a line that ends a sentence."""
    before = view[floor:start].rstrip(" ")
    return before.endswith("\n") and before.rstrip()[-1:] in SENTENCE_STOPS and view[end:].strip() == ""


def _last_closing(view: str, floor: int, end: int) -> tuple[int, int] | None:
    text = view[floor:end].rstrip()
    closings = list(_CLOSING.finditer(text))
    m = closings[-1] if closings else None
    if m is None or m.end() != len(text):
        return None
    before = text[: m.start()].rstrip(" ")
    if before and before[-1] not in SENTENCE_STOPS:
        return None
    return floor + m.start(), floor + m.end()


def _inner_signatures(view: str, floor: int, ceiling: int) -> list[Part]:
    """A signature and its date inside the text (a covering notice's), and the title after them."""
    parts = []
    for date in FULL_DATE.finditer(view, floor, ceiling):
        after = view[date.end() : date.end() + 1]
        before = view[max(floor, date.start() - 1) : date.start()]
        if after not in ("", " ", "\n") or before not in (" ", "\n"):
            continue
        body_end = date.start() - 1
        segment = _last_segment(view, floor, body_end + 1)
        if not segment or not _BODY.fullmatch(view[segment[0] : segment[1]]):
            continue
        stop = view[max(floor, segment[0] - 2) : segment[0]].strip()
        if stop and stop[-1] not in SENTENCE_STOPS:
            continue
        parts += [Part("signature", *segment), Part("date", date.start(), date.end())]
        title = _title_at(view, _skip(view, date.end()))
        if title is not None and _TITLE.fullmatch(view[title[0] : title[1]]):
            parts.append(Part("title", *title))
    return parts
