"""What a saved file says about itself: the metadata block of a page (索引号, 发布机构, 成文日期,
…), on the page or copied with its text, and what a document's own lines show (its title,
its document number, the date it was signed).

The labels and the provenance field each gives are reference data,
``data/reference/metadata_labels.csv`` (``field,source,label,note``; declared in ``schema``), so
that a site's new wording is one row, not code. A block label is matched with spaces (also
U+3000 and no-break spaces) between its characters, in brackets (``[ 索引号 ]``, ``【索引号】``)
or followed by a colon (ASCII or full-width ``：``) or a tab (a table cell); a line holds a
block only when it starts with a label, and may hold several pairs. For each field the first
row of the table that a file shows wins. Dates are read as ``YYYY-MM-DD``, ``YYYY/MM/DD``,
``YYYY.MM.DD`` or ``YYYY年M月D日`` (full-width digits too), a time after them left out.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from policy_review.core import paths
from policy_review.core.edited_files import read_table
from policy_review.core.errors import BadInput, Problem
from policy_review.sources import reading

LABELS_FILE = "metadata_labels.csv"
DATE_FIELDS = ("written", "published")
#: A value longer than this is no metadata value but text caught by a label-like word.
MAX_VALUE_CHARS = 200

#: Spaces a page puts between and around a label's characters: any whitespace, the
#: ideographic space U+3000 and the no-break space U+00A0.
_SPACE = "[\\s\\u3000\\u00a0]*"
_OPEN = "[\\[\\u3010\\uff3b]"  # [ 【 ［
_CLOSE = "[\\]\\u3011\\uff3d]"  # ] 】 ］
_COLON = "[:\\uff1a]"  # : ：
_STRIP = " \t\u3000\u00a0[]\u3010\u3011\uff3b\uff3d:\uff1a"

#: 2023-03-30, 2023/3/30, 2023.03.30, 2023年3月30日 (after NFKC: full-width digits as ASCII).
_DATE = re.compile(r"(\d{4})\s*[-/.\u5e74]\s*(\d{1,2})\s*[-/.\u6708]\s*(\d{1,2})\s*\u65e5?")
#: A line that is a date alone, as a document's signature gives it: 2023年3月29日.
_DATE_LINE = re.compile(r"^[\s\u3000\u00a0]*(\d{4})\u5e74(\d{1,2})\u6708(\d{1,2})\u65e5[\s\u3000\u00a0]*$")
#: A document number alone on a line: 西政办〔2020〕20号, 开州委发[2017]5号 (〔〕 U+3014/5, （） U+FF08/9).
_DOCUMENT_NUMBER_LINE = re.compile(
    r"^[\s\u3000\u00a0]*([^\s\u3000\u00a0\u3002\uff0c]{1,20}"
    r"[\u3014\[\uff3b\uff08(\u3010]\d{4}[\u3015\]\uff3d\uff09)\u3011]\s*\d{1,5}\s*\u53f7)[\s\u3000\u00a0]*$"
)
#: How a title ends: 报告 汇报 总结 要点 安排 计划 通知 方案 意见 情况 决定 办法.
_TITLE_END = re.compile(
    r"(?:\u62a5\u544a|\u6c47\u62a5|\u603b\u7ed3|\u8981\u70b9|\u5b89\u6392|\u8ba1\u5212|\u901a\u77e5"
    r"|\u65b9\u6848|\u610f\u89c1|\u60c5\u51b5|\u51b3\u5b9a|\u529e\u6cd5)[\s\u3000\u00a0]*$"
)
_CJK = re.compile(r"[\u4e00-\u9fff]")
#: A title is a short line; the body has begun at the first line longer than this.
MAX_TITLE_CHARS = 100
#: Only the document's first lines may hold its title or document number.
HEAD_LINES = 30


@dataclass(frozen=True)
class Label:
    field: str
    source: str
    label: str


def labels_file() -> Path:
    return paths.reference_dir() / LABELS_FILE


def labels() -> tuple[Label, ...]:
    """The labels of ``metadata_labels.csv`` in the table's order; BadInput when it is unreadable."""
    file = labels_file()
    info = file.stat() if file.is_file() else None
    return _labels(str(file), info.st_mtime_ns if info else None, info.st_size if info else None)


@functools.lru_cache(maxsize=4)
def _labels(file: str, mtime: int | None, size: int | None) -> tuple[Label, ...]:
    frame, problems = read_table(file)
    if problems:
        raise BadInput(problems)
    wanted = {"field", "source", "label"}
    if not wanted <= set(frame.columns):
        raise BadInput([problem for problem in _missing_columns(file, wanted - set(frame.columns))])
    return tuple(
        Label(str(row["field"]).strip(), str(row["source"]).strip(), str(row["label"]).strip())
        for _, row in frame.dropna(subset=["field", "source", "label"]).iterrows()
    )


def _missing_columns(file: str, missing: set[str]) -> list[Problem]:
    return [Problem(file, "required column is missing from the header", 1, name) for name in sorted(missing)]


def meta_labels() -> dict[str, tuple[str, int]]:
    """``<meta>`` names (lower case) → (field, rank): the rank orders labels of one field."""
    return {
        label.label.lower(): (label.field, rank)
        for rank, label in enumerate(labels())
        if label.source == "meta"
    }


@functools.lru_cache(maxsize=4)
def _block_pattern(block: tuple[tuple[str, str], ...]) -> re.Pattern:
    alternatives = sorted({label for _, label in block}, key=len, reverse=True)
    spaced = "|".join(_SPACE.join(re.escape(ch) for ch in label) for label in alternatives)
    return re.compile(
        f"(?P<open>{_OPEN}{_SPACE})?(?P<label>{spaced}){_SPACE}(?(open){_CLOSE}|(?:{_COLON}|\\t))"
    )


def _block_labels() -> tuple[dict[str, tuple[str, int]], re.Pattern]:
    block = [(label.field, label.label) for label in labels() if label.source == "block"]
    ranks = {}
    for rank, (field, label) in enumerate(block):
        ranks.setdefault(label, (field, rank))
    return ranks, _block_pattern(tuple(block))


def block_pairs(line: str) -> list[tuple[str, str]]:
    """The ``(label, value)`` pairs of a metadata line (labels as the table writes them, spaces
    taken out); none when the line does not start with a label."""
    ranks, pattern = _block_labels()
    found = list(pattern.finditer(line))
    if not found or line[: found[0].start()].strip(_STRIP):
        return []
    pairs = []
    for match, after in zip(found, found[1:] + [None]):
        label = re.sub(_SPACE, "", match.group("label"))
        value = line[match.end() : after.start() if after else len(line)]
        pairs.append((label, " ".join(value.strip(_STRIP).split())))
    return pairs


class Fields:
    """Provenance fields as they are found: the first source to give a field keeps it, unless a
    later one ranks higher (``offer`` with a lower ``rank``)."""

    def __init__(self):
        self.values: dict[str, object] = {}
        self.read_from: dict[str, str] = {}
        self._ranks: dict[str, tuple[int, int]] = {}

    def offer(self, field: str, raw: str, where: str, rank: tuple[int, int] = (9, 0)) -> bool:
        value = field_value(field, raw)
        if value is None or (field in self._ranks and self._ranks[field] <= rank):
            return False
        self.values[field], self._ranks[field] = value, rank
        shown = f" ({raw})" if field in DATE_FIELDS and raw.strip() != str(value) else ""
        self.read_from[field] = f"{where}{shown}"
        return True


def field_value(field: str, raw: str) -> object | None:
    """A field's value from its text as written: a date for the date fields, else the text with
    its spaces collapsed; None when there is nothing (or no date) to read."""
    text = " ".join(str(raw).split())
    if not text or len(text) > MAX_VALUE_CHARS:
        return None
    return parse_date(text) if field in DATE_FIELDS else text


def parse_date(text: str) -> dt.date | None:
    """The date a value starts with (``2023-03-30 16:56`` → 2023-03-30), None when it has none."""
    match = _DATE.match(unicodedata.normalize("NFKC", text).strip())
    if match is None:
        return None
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def read_block(lines: list[str], fields: Fields, where: str = "block", numbered: bool = False) -> None:
    """Offer each pair of the metadata lines among ``lines`` (``where`` says where they are; with
    ``numbered``, each with its line number)."""
    ranks, _ = _block_labels()
    for number, line in enumerate(lines, start=1):
        for label, value in block_pairs(line):
            field, rank = ranks[label]
            place = f"line {number}, {where}" if numbered else where
            fields.offer(field, value, f"{place} {label}", (0, rank))


def is_block_line(line: str) -> bool:
    return bool(block_pairs(line))


def read_document_lines(lines: list[str], fields: Fields) -> None:
    """What a document's own lines show, where nothing better did: the title (a short line near
    the top that ends like one: …报告, …汇报, …要点, …通知), the document number alone on a line
    near the top (西政办〔2020〕20号), and the date it was signed (the first line that is a
    date alone: 2023年3月29日) as the day it was written."""
    navigation = _navigation_lines(lines)
    for number, line in enumerate(lines[:HEAD_LINES], start=1):
        text = line.strip(" \t\u3000\u00a0")
        if not text or number in navigation or is_block_line(line):
            continue
        if len(text) > MAX_TITLE_CHARS:
            break
        if match := _DOCUMENT_NUMBER_LINE.match(line):
            fields.offer(
                "document_number", match.group(1), f"line {number}, a document number alone on a line", (5, 0)
            )
        elif "title" not in fields.values and _CJK.search(text) and _TITLE_END.search(text):
            fields.offer("title", text, f"line {number}, the first line that reads as a title", (5, 0))
    for number, line in enumerate(lines, start=1):
        if match := _DATE_LINE.match(unicodedata.normalize("NFKC", line)):
            fields.offer("written", line.strip(), f"line {number}, the date it was signed", (5, 0))
            break


def _navigation_lines(lines: list[str]) -> set[int]:
    """The numbers of the lines the package's reader takes for a portal's navigation."""
    text = "\n".join(lines)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    read = reading.read(text)
    return {
        number
        for number, start in enumerate(starts[:-1], start=1)
        if start < len(text) and read.in_furniture(read.view_offset(start))
    }
