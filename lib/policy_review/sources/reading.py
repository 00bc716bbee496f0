"""The reading layer: the one place that turns a text of record into the view every rule reads.

A text of record is kept as published: full-width punctuation and digits (``（一）``, ``，``,
``１２``), paragraphs indented with the ideographic space U+3000 (or crawled onto one line),
traditional or simplified characters, the page's furniture around it. Every offset the workbook
records points into it. Rules are written once, against the **analysis view** made here
(:func:`read`):

- **widths**: full-width ASCII forms read as ASCII (``，`` → ``,``, ``（`` → ``(``, ``１`` →
  ``1``, ``％`` → ``%``), and other compatibility forms as their plain character (``﹐``, ``､``,
  CJK compatibility ideographs, Kangxi radicals); ``−`` (U+2212) as ``-``;
- **spaces**: U+3000, no-break, en and em spaces, tabs as a space; U+2028/U+2029 as a line break;
- **script**: traditional characters as simplified (:mod:`policy_review.sources.simplified`);
- **invisible characters** (zero-width spaces and joiners, U+FEFF, soft hyphens) are left out of
  the view, so ``1\\u200b2项`` reads ``12项``: the view is then shorter than the text of record,
  and :meth:`Reading.original_span` maps a span of the view back (the identity when nothing was
  left out, as in almost every text);
- **layout**: inside a line, a run of two or more spaces (a paragraph's indentation, kept where a
  crawl joined the paragraphs) and a space after a sentence stop read as a line break, so a page
  crawled onto one line reads in paragraphs as far as its spacing tells; a heading run into the
  text before it with no space (``方向（一）深入…``) is the heading reader's to find
  (:mod:`policy_review.draft.sections`);
- **page furniture** (:mod:`policy_review.sources.page_parts`: time and share buttons, 来源,
  附件下载, the 索引号 block, breadcrumbs, the footer) is blanked: spaces, with a line break at
  each end, so that no rule reads it, before, inside or after the body;
- **the document's own parts**: its title, addressee, closing formula, signature and date are
  recognised (:attr:`Reading.parts`) and stand on lines of their own; :attr:`Reading.body` is the
  span between the head and the tail.

Every change but the left-out characters is one character for one, so the view has the text's
lines and sentences. Quotes are always cut from the text of record (:meth:`Reading.quote`).
The marks rules read (stops, document numbers, dates) are :mod:`policy_review.sources.marks`.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from policy_review.sources import page_parts
from policy_review.sources.marks import FULL_STOP, YEAR_MENTION
from policy_review.sources.page_parts import Part
from policy_review.sources.simplified import to_simplified

#: Characters left out of the view: zero-width spaces, joiners and marks, bidi controls, the BOM,
#: soft hyphens.
INVISIBLE = frozenset(
    [0x00AD, 0x180E, 0xFEFF, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E]
    + list(range(0x200B, 0x2010))
    + list(range(0x2060, 0x2065))
)
#: Line and paragraph separators read as a line break.
LINE_SEPARATORS = frozenset((0x2028, 0x2029, 0x0085))
#: Enclosed numbers and letters (①, ⑴, ㈠) keep their form: NFKC would read ① as a figure 1.
_ENCLOSED = ((0x2460, 0x24FF), (0x3200, 0x32FF), (0x2776, 0x2793))
_MINUS = 0x2212
_INDENTATION_BREAK = re.compile(r"(?<=\S) {2,}")
_STOP_BREAK = re.compile("(?<=[" + FULL_STOP + ";!?]) (?=\\S)")
#: Parts of a page that are not the document's body, at its head or its tail.
HEAD_PARTS = frozenset(("furniture", "title", "document_number", "addressee"))
TAIL_PARTS = frozenset(("furniture", "closing", "signature", "date"))


@dataclass(frozen=True, eq=False)
class Reading:
    """A text of record (``original``) and its analysis view (``text``): ``left_out`` are the
    offsets of the text's characters the view leaves out (none in most texts), ``parts`` the
    page's furniture and the document's own parts, by their view spans."""

    original: str
    text: str
    left_out: tuple[int, ...] = ()
    parts: tuple[Part, ...] = field(default=())

    @cached_property
    def _view_gaps(self) -> list[int]:
        """The view offset at which each left-out character of the text sat."""
        return [position - index for index, position in enumerate(self.left_out)]

    def original_offset(self, position: int) -> int:
        """The offset in the text of record of the view's character at ``position``."""
        if not self.left_out:
            return position
        return position + bisect.bisect_right(self._view_gaps, position)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the text of record that ``text[start:end]`` reads."""
        if not self.left_out:
            return start, end
        if end <= start:
            return (self.original_offset(start),) * 2
        return self.original_offset(start), self.original_offset(end - 1) + 1

    def view_offset(self, position: int) -> int:
        """The view offset of the text of record's character at ``position`` (a left-out
        character reads as the view character after it)."""
        if not self.left_out:
            return position
        return position - bisect.bisect_left(self.left_out, position)

    def quote(self, start: int, end: int) -> str:
        """The text of record under a span of the view."""
        a, b = self.original_span(start, end)
        return self.original[a:b]

    def parts_of(self, *kinds: str) -> list[Part]:
        """The parts of the given kinds, in text order."""
        return [p for p in self.parts if p.kind in kinds]

    @cached_property
    def furniture(self) -> list[tuple[int, int]]:
        """The view spans of the page's furniture, in order."""
        return [(p.start, p.end) for p in self.parts if p.kind == "furniture"]

    def in_furniture(self, position: int) -> bool:
        """Whether the view's character at ``position`` is page furniture."""
        index = bisect.bisect_right(self.furniture, position, key=lambda span: span[0]) - 1
        return index >= 0 and position < self.furniture[index][1]

    @cached_property
    def title_year(self) -> tuple[int, Part] | None:
        """The year the document's title names, with that title (关于2021年度…的报告 → 2021), if
        a title at its head names one."""
        for title in self.parts_of("title"):
            if title.end <= self.body[0]:
                named = YEAR_MENTION.search(self.text, title.start, title.end)
                if named:
                    return int(named[1]), title
        return None

    @cached_property
    def body(self) -> tuple[int, int]:
        """The view span of the document's body: after its head (furniture, title, document number,
        addressee) and before its tail (closing formula, signature, date, furniture)."""
        start, end = _skip(self.text, 0), len(self.text.rstrip())
        for part in self.parts:
            if part.kind in HEAD_PARTS and part.start <= start:
                start = max(start, _skip(self.text, part.end))
        for part in reversed(self.parts):
            if part.kind in TAIL_PARTS and part.end >= end and part.start >= start:
                end = min(end, len(self.text[: part.start].rstrip()))
        return start, max(start, end)


def read(text: str) -> Reading:
    """The reading of a text of record (kept for the few texts a process reads again and again)."""
    return _read(text)


def view(text: str) -> str:
    """The analysis view of a short text (a query, a heading, a cell): widths, spaces and script
    folded, invisible characters left out (no layout, no page parts)."""
    return _fold(text)[0]


@lru_cache(maxsize=32)
def _read(text: str) -> Reading:
    folded, left_out = _fold(text)
    chars = list(folded)
    for pattern in (_INDENTATION_BREAK, _STOP_BREAK):
        for m in pattern.finditer(folded):
            chars[m.start()] = "\n"
    laid_out = "".join(chars)
    furniture = page_parts.furniture(laid_out)
    for a, b in furniture:
        chars[a:b] = [" "] * (b - a)
        chars[a] = "\n" if a > 0 else " "
        chars[b - 1] = "\n" if b < len(chars) else " "
    blanked = "".join(chars)
    parts = page_parts.document_parts(blanked)
    for part in parts:
        if part.start > 0 and chars[part.start - 1] == " ":
            chars[part.start - 1] = "\n"
        if part.end < len(chars) and chars[part.end] == " ":
            chars[part.end] = "\n"
    every = sorted([Part("furniture", a, b) for a, b in furniture] + parts, key=lambda p: p.start)
    return Reading(text, "".join(chars), left_out, tuple(every))


def _fold(text: str) -> tuple[str, tuple[int, ...]]:
    """``text`` with widths, spaces and script folded and invisible characters left out, and the
    offsets of those left out."""
    table: dict[int, str] = {}
    left_out_chars = []
    for char in set(text):
        folded = _fold_char(char)
        if folded != char:
            table[ord(char)] = folded
            if not folded:
                left_out_chars.append(char)
    left_out: tuple[int, ...] = ()
    if left_out_chars:
        pattern = re.compile("[" + "".join(re.escape(c) for c in left_out_chars) + "]")
        left_out = tuple(m.start() for m in pattern.finditer(text))
    folded_text = text.translate(table) if table else text
    return to_simplified(folded_text), left_out


@lru_cache(maxsize=65536)
def _fold_char(char: str) -> str:
    code = ord(char)
    if char == "\n" or (code < 0x20 and char not in "\t\r\x0b\x0c\x1c\x1d\x1e\x1f"):
        return char
    if code in INVISIBLE:
        return ""
    if code in LINE_SEPARATORS:
        return "\n"
    if char.isspace():
        return " "
    if 0xFF01 <= code <= 0xFF5E:
        return chr(code - 0xFEE0)
    if code == _MINUS:
        return "-"
    if code < 0x80 or any(low <= code <= high for low, high in _ENCLOSED):
        return char
    compatible = unicodedata.normalize("NFKC", char)
    return compatible if len(compatible) == 1 else char


def _skip(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position
