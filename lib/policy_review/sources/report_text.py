"""Reading a published report as text: decoding it, and refusing what is no report.

Reports are stored exactly as published, so a file may be UTF-8 (with or without the BOM that
Windows tools write) or GB18030/GBK, as many Chinese government sites still serve. Every
offset the workbook records is an index into the text as decoded here (lone-CR line endings
read as LF, one for one). Anything that is not Chinese text in one of those encodings is bad
input, reported with the file named: so is text that mixes encodings (private-use or
replacement characters), a file over ``MAX_REPORT_BYTES`` and a line over ``MAX_LINE_CHARS``.
Decoding itself is ``decoding.sniff``, shared with the tables.

A page copied from a portal keeps the portal's furniture around the report (the "you are here"
trail, the ``[ 索引号 ]`` block, the footer links): the reading layer leaves it out
(:mod:`policy_review.sources.reading`), not this module.
"""

from __future__ import annotations

import re
from pathlib import Path

from policy_review.core.decoding import Undecodable, read_input_bytes, reason, sniff
from policy_review.core.errors import BadInput, Problem

#: Below this share of CJK ideographs among the visible characters a file is not a Chinese report.
MIN_CJK_SHARE = 0.2
#: Text decoded as GB18030 must be mostly characters of the common GB2312 set to be believed.
MIN_COMMON_SHARE = 0.9

#: A report file larger than this is refused before it is read (the longest real reports are
#: under 200 kB; the limit leaves room for a whole year's collected reports in one file).
MAX_REPORT_BYTES = 16 * 1024 * 1024
#: A line longer than this is no paragraph of a report but a page flattened into one line (or
#: no text at all): refused, as charts and tables that quote it could not be drawn.
MAX_LINE_CHARS = 20_000

_CJK = re.compile(r"[\u4e00-\u9fff]")


class CutShort(ValueError):
    """A UTF-8 report that ends in the middle of a character; ``line`` is the line it ends on."""

    def __init__(self, line: int):
        super().__init__(
            "the report ends in the middle of a UTF-8 character: the file was cut short; "
            "copy or save it again"
        )
        self.line = line


class NotReport(ValueError):
    """A file that is not a report the workbook can read; ``line`` is the line concerned, if any."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


def read_report_text(path: Path | str) -> str:
    """The text of a report file, decoded from UTF-8 (BOM stripped) or GB18030/GBK."""
    return read_report(path)[0]


def read_report(path: Path | str) -> tuple[str, str]:
    """The decoded text of a report file and the encoding it was read with.

    Line endings written as a lone CR (old Mac editors, some web exports) are read as LF, one
    character for one, so offsets are the same in the file's text and in the text returned."""
    try:
        data = read_input_bytes(path, MAX_REPORT_BYTES)
    except OSError as err:
        raise BadInput([Problem(path, f"cannot read the report: {reason(err)}")]) from None
    try:
        text, encoding = decode_report(data)
    except ValueError as err:
        raise BadInput([Problem(path, str(err), line=getattr(err, "line", None))]) from None
    return text, encoding


def decode_report(data: bytes) -> tuple[str, str]:
    """The text of a report's bytes and their encoding, or ValueError (with ``line`` where one
    line is concerned) when they are no Chinese report the workbook can read: not UTF-8 or
    GB18030, cut short, no Chinese, mixed encodings, or beyond the size limits."""
    try:
        decoded = sniff(data)
    except Undecodable as err:
        raise NotReport(_UNDECODABLE[err.kind], err.line if err.kind == "bom" else None) from None
    if decoded.cut_line is not None:
        raise CutShort(decoded.cut_line)
    text = _LONE_CR.sub("\n", decoded.text)
    _require_chinese(text)
    if decoded.encoding == "gb18030":
        _require_common_characters(text)
    if decoded.suspicious is not None:
        line, what = decoded.suspicious
        raise NotReport(
            f"the text holds {what}: the file mixes encodings (e.g. UTF-8 pasted "
            "into a GB18030 file) and would be read as garbled text; save it again "
            "in one encoding, UTF-8",
            line,
        )
    _require_sane_lines(text)
    return text, decoded.encoding


_UNDECODABLE = {
    "empty": "the report file is empty",
    "zip": "the report is a zip archive or a Word/Excel file, not text; save it as UTF-8 text",
    "utf16": "the report is UTF-16; save it as UTF-8 (or GB18030)",
    "nul": "the report is binary or UTF-16 (it contains NUL bytes), not UTF-8 or GB18030 text",
    "bom": "the report starts with a UTF-8 BOM but is not valid UTF-8",
    "unknown": "the report is neither UTF-8 nor GB18030/GBK text (undecodable bytes)",
}
_LONE_CR = re.compile(r"\r(?!\n)")


def _require_chinese(text: str) -> None:
    visible = "".join(text.split())  # the characters that are not white space (str.isspace)
    cjk = len(_CJK.findall(visible))
    if cjk == 0 or cjk < MIN_CJK_SHARE * len(visible):
        raise NotReport("the report contains no Chinese text (expected a Chinese report in UTF-8 or GB18030)")


def _require_sane_lines(text: str) -> None:
    for line, piece in enumerate(text.split("\n"), start=1):
        if len(piece) > MAX_LINE_CHARS:
            raise NotReport(
                f"this line is {len(piece):,} characters long, over the limit of "
                f"{MAX_LINE_CHARS:,}: a report has a line per paragraph; break the "
                "text into its paragraphs",
                line,
            )


def _require_common_characters(text: str) -> None:
    wide = [ch for ch in text if ord(ch) > 0x7F and not ch.isspace()]
    common = sum(1 for ch in wide if _encodes(ch, "gb2312"))
    if common < MIN_COMMON_SHARE * len(wide):
        raise NotReport(
            "the report decodes as GB18030 only into rare characters; it is probably another encoding"
        )


def _encodes(ch: str, encoding: str) -> bool:
    try:
        ch.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True
