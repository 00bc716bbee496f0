"""No rule spells a published character by hand (issue 24): rules read the analysis view, where
full-width forms are ASCII, and write every other non-ASCII mark of a pattern as a ``\\uXXXX``
escape, so that an editor or a copy cannot fold ``（`` into ``(`` unnoticed (this codebase once had
``[((]`` where ``[(\\uFF08]`` was meant)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "lib" / "policy_review"
#: Full-width forms and the ideographic space: the view reads them as ASCII, so no rule needs them.
FULL_WIDTH = re.compile("[\u3000\uff01-\uff5e]")
#: CJK punctuation, quotation marks and full-width forms: written as escapes in a pattern.
MARKS = re.compile("[\u3000-\u303f\u2018-\u201d\uff00-\uffef]")
#: Modules that write text rather than read it (the synthetic example's documents).
WRITERS = ("example",)


def _modules() -> list[Path]:
    return [p for p in sorted(PACKAGE.rglob("*.py")) if p.relative_to(PACKAGE).parts[0] not in WRITERS]


class _Source:
    """A module's source, to cut a node's text from (``ast.get_source_segment`` splits the whole
    source again for every node)."""

    def __init__(self, source: str):
        self.lines = source.encode("utf-8").splitlines(keepends=True)

    def segment(self, node: ast.AST) -> str:
        first, last = node.lineno - 1, node.end_lineno - 1
        if first == last:
            return self.lines[first][node.col_offset : node.end_col_offset].decode("utf-8")
        text = self.lines[first][node.col_offset :] + b"".join(self.lines[first + 1 : last])
        return (text + self.lines[last][: node.end_col_offset]).decode("utf-8")


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def test_no_code_string_holds_a_full_width_form():
    found = []
    for path in _modules():
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source)
        docstrings, cut = _docstrings(tree), _Source(source)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                written = cut.segment(node)
                if FULL_WIDTH.search(written):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {written[:60]}")
    assert not found, "full-width forms spelled in code (read the view instead):\n" + "\n".join(found)


#: A character class that names one ASCII mark twice, as ``[((]`` or ``[,,、]``: a full-width form
#: folded into ASCII on its way into the file (``[(\uFF08]`` was meant).
TWICE = re.compile(r"\[[^\]]*?([(),;:])\1[^\]]*\]")


def _patterns():
    for path in _modules():
        source = path.read_text(encoding="utf-8")
        cut = _Source(source)
        for node in ast.walk(ast.parse(source)):
            call = isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            if call and isinstance(node.func.value, ast.Name) and node.func.value.id == "re" and node.args:
                yield path, node.lineno, cut.segment(node.args[0])


def _patterns_matching(rule: re.Pattern) -> list[str]:
    return [
        f"{path.relative_to(ROOT)}:{line}: {written[:60]}"
        for path, line, written in _patterns()
        if rule.search(written)
    ]


def test_no_pattern_spells_a_published_mark():
    found = _patterns_matching(MARKS)
    assert not found, "marks spelled in patterns (write \\uXXXX escapes):\n" + "\n".join(found)


def test_no_pattern_names_a_mark_twice_in_a_class():
    found = _patterns_matching(TWICE)
    assert not found, "a class names one mark twice (a folded full-width form?):\n" + "\n".join(found)


def test_the_check_sees_a_folded_class():
    assert (
        TWICE.search('r"[((].*?[))]"') and TWICE.search('"[,,\u3001]"') and not TWICE.search('"[(\\uFF08]"')
    )
    assert FULL_WIDTH.search('re.compile(r"[(\uff08]")') and MARKS.search('"[\u3002;]"')
