"""Problems with input (parameters, curated tables, report files), reported without tracebacks.

Every problem becomes one line ``file:line: column: what is wrong``; a command that meets
bad input prints all of them and exits with code 2 before any kernel starts.

Everything in a problem line may come from the input (a cell, a key, a file name), so control
characters are shown escaped (``\\x1b``, ``\\n``, ``\\u202e``): a terminal escape sequence in a
CSV cell can neither clear the screen nor fake an "all good", and a line stays one line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from policy_review.core import paths

#: C0 and C1 controls and DEL, the line and paragraph separators, and the bidirectional
#: controls that can reorder what a terminal shows ("Trojan source").
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` with every control character escaped as Python writes it (``\\x1b``, ``\\t``)."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one input file."""

    file: Path | str
    message: str
    line: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = paths.display(self.file)
        if self.line is not None:
            where += f":{self.line}"
        column = self.column if self.column else "-"
        return printable(f"{where}: {column}: {self.message}")


class BadInput(Exception):
    """Raised with every problem found, never just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
