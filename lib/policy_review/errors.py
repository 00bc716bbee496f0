"""Problems with input (parameters, curated tables, report files), reported without tracebacks.

Every problem becomes one line ``file:line: column: what is wrong``; a command that meets
bad input prints all of them and exits with code 2 before any kernel starts.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import paths


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
        return f"{where}: {column}: {self.message}"


class BadInput(Exception):
    """Raised with every problem found, never just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
