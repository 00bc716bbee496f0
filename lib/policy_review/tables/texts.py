"""The texts of a region as a run reads them: every report and work plan text decodes (see
:mod:`policy_review.sources.report_text`) and holds nothing a run cannot show or count.

Checked at validation, so that a run refuses them with ``file:line: column: what is wrong``
before any kernel starts, instead of failing in a cell:

- **Control characters.** A report is kept as published, and text from a PDF or a Word file
  often holds page breaks (form feed, U+000C) and line breaks (vertical tab, U+000B): they are
  kept, and shown as breaks (the spreadsheet writes them as line breaks). Any other control
  character (ESC, BEL, NUL, C1 controls, DEL) is no text of a report: refused, with its line.
- **Numbers too large to count.** A number of :data:`MAX_NUMBER` or more (digits with their
  thousands separators, and 万 or 亿 after them) is no figure of a report and overflows the
  64-bit counts of tables and charts: refused. Identifiers such as a 17-digit index number
  (索引号) stay under it.
- **Too many numbers.** A report with more than :data:`MAX_NUMBERS` numbers (the longest shipped
  report has under 300) would give a page no one can read, and takes a run minutes: refused.
"""

from __future__ import annotations

import re
from pathlib import Path

from policy_review.core import paths
from policy_review.core.errors import BadInput, Problem
from policy_review.sources.plan_sources import plans_dir
from policy_review.sources.report_text import read_report

#: A number in a report is refused from this value on (what a 64-bit count holds is 9.2 × 10^18).
MAX_NUMBER = 10**18
#: A report or plan with more numbers than this is refused.
MAX_NUMBERS = 10_000
#: Control characters a text may not hold: all but tab, line feed, carriage return, vertical tab
#: and form feed.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_DIGIT = "[0-9\uff10-\uff19]"
#: A number as written: digits (ASCII or full-width), thousands separators, a decimal part, and the
#: magnitudes 万 (10^4) and 亿 (10^8) after it.
_NUMBER = re.compile(
    _DIGIT
    + "(?:"
    + _DIGIT
    + "|[,\uff0c](?="
    + _DIGIT
    + "{3}))*(?:[.\uff0e]"
    + _DIGIT
    + "+)?(?P<magnitudes>[\u4e07\u4ebf]*)"
)
#: Magnitudes written one after another (万亿, 亿亿), with or without digits before them.
_MAGNITUDES = re.compile("[\u4e07\u4ebf]{2,}")
_MAGNITUDE = {"\u4e07": 10**4, "\u4ebf": 10**8}
_FULL_WIDTH_DIGITS = str.maketrans(
    "\uff10\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19", "0123456789"
)


def control_character(text: str) -> tuple[int, str] | None:
    """The first control character a text may not hold, as ``(line, "U+001B")``, or None."""
    found = _CONTROL.search(text)
    if found is None:
        return None
    return text.count("\n", 0, found.start()) + 1, f"U+{ord(found.group()):04X}"


def number_value(written: str) -> int:
    """The whole part of a number as written, with its magnitudes (``1,234万`` → 12,340,000)."""
    digits = re.sub("[^0-9]", "", written.translate(_FULL_WIDTH_DIGITS).split(".")[0].split("\uff0e")[0])
    value = int(digits or "0")
    for ch in written:
        value *= _MAGNITUDE.get(ch, 1)
    return value


def _magnitudes(written: str) -> int:
    value = 1
    for ch in written:
        value *= _MAGNITUDE[ch]
    return value


def text_problems(path: Path, text: str) -> list[Problem]:
    """What a run cannot show or count in ``text`` (read from ``path``), each with its line."""
    problems = []
    found = control_character(text)
    if found is not None:
        line, code = found
        problems.append(
            Problem(
                path,
                f"the text holds the control character {code}, which is no text of a report (only tab, "
                "line and page breaks are); remove it, or save the text again from its original",
                line,
            )
        )
    count = 0
    for match in _NUMBER.finditer(text):
        count += 1
        if number_value(match.group()) >= MAX_NUMBER:
            problems.append(_too_large(path, text, match.start(), match.group()))
            break
    else:
        chain = next((m for m in _MAGNITUDES.finditer(text) if _magnitudes(m.group()) >= 10**16), None)
        if chain is not None:
            problems.append(_too_large(path, text, chain.start(), chain.group()))
    if count > MAX_NUMBERS:
        problems.append(
            Problem(
                path,
                f"the text holds {count:,} numbers, more than the {MAX_NUMBERS:,} a report may have "
                "(a report has hundreds): it is not one report; split it",
            )
        )
    return problems


def _too_large(path: Path, text: str, at: int, written: str) -> Problem:
    shown = written if len(written) <= 24 else written[:12] + "…" + written[-6:]
    return Problem(
        path,
        f"the number {shown} is 10^18 or more, more than any figure of a report and more than "
        "a count can hold; correct it (an identifier of that length: write it with a space in it)",
        text.count("\n", 0, at) + 1,
    )


def region_text_problems(region: str) -> list[Problem]:
    """Every problem of the report and plan texts of ``region`` (each decoded as a run reads it)."""
    problems = []
    for folder in (paths.reports_dir(region), plans_dir(region)):
        for path in sorted(folder.glob("*.txt")) if folder.is_dir() else ():
            if not path.stem.isdigit() or not path.is_file():
                continue  # (the provenance check names a text of another name, or not a file)
            try:
                text, _ = read_report(path)
            except BadInput as exc:
                problems += exc.problems
                continue
            problems += text_problems(path, text)
    return problems
