"""ARCHITECTURE.md stays true: it names every module of the package, and only modules that exist.

A newcomer reads ARCHITECTURE.md to find where a thing lives; a module added without a line there,
or a line left behind for a module that was removed or renamed, makes that map lie. Every module
must also open with a docstring naming its one job.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import policy_review

PACKAGE = Path(policy_review.__file__).resolve().parent
ARCHITECTURE = PACKAGE.parents[1] / "ARCHITECTURE.md"


def _modules() -> set[str]:
    return {p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__"} | {
        p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()
    }


def _owned_section() -> str:
    text = ARCHITECTURE.read_text(encoding="utf-8")
    match = re.search(r"^## What each module owns\n(.*?)(?=^## )", text, re.S | re.M)
    assert match, "ARCHITECTURE.md has no section '## What each module owns'"
    return match.group(1)


def _named(section: str) -> set[str]:
    """Lower-case identifiers in backticks: how the section names a module."""
    return set(re.findall(r"`([a-z][a-z0-9_]*)`", section))


def test_every_module_is_named_in_architecture():
    missing = sorted(_modules() - _named(_owned_section()))
    assert not missing, f"modules ARCHITECTURE.md does not name: {missing}"


def test_architecture_names_no_module_that_does_not_exist():
    gone = sorted(_named(_owned_section()) - _modules())
    assert not gone, f"ARCHITECTURE.md names modules that do not exist: {gone}"


def test_the_check_sees_a_missing_and_a_stale_name():
    section = _owned_section()
    some = sorted(_modules())[0]
    assert some not in _named(section.replace(f"`{some}`", some))
    assert "no_such_module" in _named(section + " `no_such_module`") - _modules()


def test_every_module_opens_with_a_docstring_naming_its_job():
    bare = []
    for path in sorted(PACKAGE.rglob("*.py")):
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
        if not doc or len(doc.split()) < 4:
            bare.append(str(path.relative_to(PACKAGE)))
    assert not bare, f"modules without a docstring naming their job: {bare}"
