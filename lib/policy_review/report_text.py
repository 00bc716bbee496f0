"""Reading a published report as text: decoding, and the site's navigation lines around it.

Reports are stored exactly as published, so a file may be UTF-8 (with or without the BOM that
Windows tools write) or GB18030/GBK, as many Chinese government sites still serve. Every
offset the workbook records is an index into the text as decoded here. Anything that is not
Chinese text in one of those encodings is bad input, reported with the file named.

Pages copied from a government portal keep the portal's navigation around the report (the
"you are here" trail, the ``[ 索引号 ]`` metadata line, the footer links); ``navigation_spans``
finds those lines so that extraction can leave them out.
"""

from __future__ import annotations

import bisect
import codecs
import re
from pathlib import Path

from .errors import BadInput, Problem

#: Below this share of CJK ideographs among the visible characters a file is not a Chinese report.
MIN_CJK_SHARE = 0.2
#: Text decoded as GB18030 must be mostly characters of the common GB2312 set to be believed.
MIN_COMMON_SHARE = 0.9

_CJK = re.compile(r"[\u4e00-\u9fff]")
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)

_NAVIGATION_LINE = re.compile(r"^[^\S\n]*(?:您当前的位置|当前位置|\[\s*索引号\s*\]).*$", re.M)
_FOOTER_START = re.compile(r"^[^\S\n]*扫一扫在手机打开当前页", re.M)


class CutShort(ValueError):
    """A UTF-8 report that ends in the middle of a character; ``line`` is the line it ends on."""

    def __init__(self, line: int):
        super().__init__("the report ends in the middle of a UTF-8 character: the file was cut short; "
                         "copy or save it again")
        self.line = line


def read_report_text(path: Path | str) -> str:
    """The text of a report file, decoded from UTF-8 (BOM stripped) or GB18030/GBK."""
    return read_report(path)[0]


def read_report(path: Path | str) -> tuple[str, str]:
    """The decoded text of a report file and the encoding it was read with."""
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        raise BadInput([Problem(path, f"cannot read the report: {err.strerror or err}")]) from None
    try:
        encoding = detect_encoding(data)
    except ValueError as err:
        raise BadInput([Problem(path, str(err), line=getattr(err, "line", None))]) from None
    return data.decode(encoding), encoding


def detect_encoding(data: bytes) -> str:
    """``utf-8-sig``, ``utf-8`` or ``gb18030``; ValueError saying why when it is none of them
    (:class:`CutShort` for UTF-8 that ends in the middle of a character)."""
    if not data.strip():
        raise ValueError("the report file is empty")
    if data.startswith(_UTF16_BOMS):
        raise ValueError("the report is UTF-16; save it as UTF-8 (or GB18030)")
    if b"\x00" in data:
        raise ValueError("the report is binary or UTF-16 (it contains NUL bytes), not UTF-8 or GB18030 text")
    bom = data.startswith(codecs.BOM_UTF8)
    body = data.removeprefix(codecs.BOM_UTF8)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as err:
        if err.reason == "unexpected end of data":
            raise CutShort(body[:err.start].count(b"\n") + 1) from None
        if bom:
            raise ValueError("the report starts with a UTF-8 BOM but is not valid UTF-8") from None
        text = _decode(data, "gb18030")
        if text is None:
            raise ValueError("the report is neither UTF-8 nor GB18030/GBK text (undecodable bytes)")
        _require_chinese(text)
        _require_common_characters(text)
        return "gb18030"
    _require_chinese(text)
    return "utf-8-sig" if bom else "utf-8"


def navigation_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) spans of the portal's navigation lines and footer, in text order, disjoint."""
    footer = _FOOTER_START.search(text)
    body_end = footer.start() if footer else len(text)
    spans = [m.span() for m in _NAVIGATION_LINE.finditer(text, 0, body_end)]
    return spans + [(body_end, len(text))] if footer else spans


def in_spans(spans: list[tuple[int, int]], position: int) -> bool:
    """Whether ``position`` falls inside one of ``spans`` (in text order and disjoint)."""
    index = bisect.bisect_right(spans, position, key=lambda span: span[0]) - 1
    return index >= 0 and position < spans[index][1]


def _decode(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _require_chinese(text: str) -> None:
    visible = [ch for ch in text if not ch.isspace()]
    cjk = sum(1 for ch in visible if _CJK.match(ch))
    if cjk == 0 or cjk < MIN_CJK_SHARE * len(visible):
        raise ValueError("the report contains no Chinese text (expected a Chinese report in UTF-8 or GB18030)")


def _require_common_characters(text: str) -> None:
    wide = [ch for ch in text if ord(ch) > 0x7F and not ch.isspace()]
    common = sum(1 for ch in wide if _encodes(ch, "gb2312"))
    if common < MIN_COMMON_SHARE * len(wide):
        raise ValueError("the report decodes as GB18030 only into rare characters; it is probably another encoding")


def _encodes(ch: str, encoding: str) -> bool:
    try:
        ch.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True
