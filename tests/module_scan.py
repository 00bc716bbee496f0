"""A helper shared by the tests that keep one way of asking a question: which lines of the package's
modules match a pattern, outside the one module allowed to ask it."""

from __future__ import annotations

import re
from pathlib import Path

import policy_review

LIB = Path(policy_review.__file__).resolve().parent


def lines_asking(pattern: re.Pattern, allowed: str) -> list[str]:
    """``module.py:line: text`` of each line matching ``pattern`` in every module but ``allowed``."""
    return [
        f"{path.name}:{n}: {line.strip()}"
        for path in sorted(LIB.rglob("*.py"))
        if path.name != allowed
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
