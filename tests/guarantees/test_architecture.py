"""ARCHITECTURE.md stays true: one row per folder of the package, in the order of the layers that
`make lint` checks, and the house rules on module and folder sizes hold.

A newcomer reads ARCHITECTURE.md to find where a thing lives; a folder added without a row there,
a row left behind for a folder that was removed, or a table whose order is not the order the
import contract enforces, makes that map lie. Every module must also open with a docstring naming
its one job, and keep its imports of the package at the top.
"""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import policy_review

PACKAGE = Path(policy_review.__file__).resolve().parent
ROOT = PACKAGE.parents[1]
ARCHITECTURE = ROOT / "ARCHITECTURE.md"
MAX_LINES = 470  # "about 450"
MAX_MODULES = 17  # "about 16"


def _folders() -> list[str]:
    return sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").is_file())


def _rows(text: str | None = None) -> list[str]:
    """The first cell of each row of the folders table, as written (`run/`, `cli.py`)."""
    text = text if text is not None else ARCHITECTURE.read_text(encoding="utf-8")
    match = re.search(r"^## The folders\n(.*?)(?=^## )", text, re.S | re.M)
    assert match, "ARCHITECTURE.md has no section '## The folders'"
    return re.findall(r"^\| `([a-z_]+/|[a-z_]+\.py)` \|", match.group(1), re.M)


def test_every_folder_has_a_row_and_every_row_a_folder():
    rows = _rows()
    assert sorted(r.rstrip("/") for r in rows if r.endswith("/")) == _folders()
    assert [r for r in rows if r.endswith(".py")] == ["cli.py"] and (PACKAGE / "cli.py").is_file()


def test_the_rows_are_in_the_order_of_the_layers_contract():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contract = next(c for c in project["tool"]["importlinter"]["contracts"] if c["type"] == "layers")
    layers = [
        name.removeprefix("policy_review.") for layer in contract["layers"] for name in layer.split(" | ")
    ]
    rows = [r.removesuffix("/").removesuffix(".py") for r in _rows()]
    assert rows == [name.strip() for name in layers]


def test_the_check_sees_a_missing_and_a_stale_row():
    text = ARCHITECTURE.read_text(encoding="utf-8")
    assert "draft/" not in _rows(text.replace("| `draft/` |", "| draft |"))
    assert "gone/" in _rows(text.replace("| `core/` |", "| `gone/` |"))


def test_modules_and_folders_stay_small():
    long = {
        str(p.relative_to(PACKAGE)): n
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, f"modules over about 450 lines: {long}"
    crowded = {f: n for f in _folders() if (n := len(list((PACKAGE / f).glob("[!_]*.py")))) > MAX_MODULES}
    assert not crowded, f"folders over about 16 modules: {crowded}"


def test_every_module_opens_with_a_docstring_naming_its_job():
    bare = []
    for path in sorted(PACKAGE.rglob("*.py")):
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
        if not doc or len(doc.split()) < 4:
            bare.append(str(path.relative_to(PACKAGE)))
    assert not bare, f"modules without a docstring naming their job: {bare}"


#: The modules that may defer an import of the package to the function that needs it: the command
#: line (each command loads only its own part: ``--help`` answers at once, and ``run`` checks the
#: memory limit before pandas loads) and a worker's side of a run (it loads no review or page code
#: unless its kernel handed nothing over). Each such import says why, in a ``# deferred:`` comment
#: on the line before it (or before the block of imports it is in).
DEFERRING = {"cli.py", "run/execution.py", "run/handover.py"}


def _imports_in_functions(source: str, deferring: bool = False) -> list[int]:
    """Lines of imports of the package made inside a function (they hide a dependency); with
    ``deferring``, those not announced by a ``# deferred:`` comment."""
    lines, text = [], source.splitlines()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for inner in ast.walk(node):
                if isinstance(inner, ast.ImportFrom) and (
                    inner.level or (inner.module or "").startswith("policy_review")
                ):
                    lines.append(inner.lineno)
                elif isinstance(inner, ast.Import) and any(
                    a.name.startswith("policy_review") for a in inner.names
                ):
                    lines.append(inner.lineno)
    return [line for line in lines if not (deferring and _announced(text, line))]


def _announced(text: list[str], line: int) -> bool:
    """Whether the import on ``line`` (1-based) follows a ``# deferred:`` comment, directly or
    through the imports of its block."""
    index = line - 2
    while index >= 0 and text[index].strip().startswith(("from ", "import ")):
        index -= 1
    return index >= 0 and text[index].strip().startswith("# deferred:")


def test_the_package_imports_itself_only_at_the_top_of_a_module():
    hidden = {
        name: found
        for p in PACKAGE.rglob("*.py")
        if (
            found := _imports_in_functions(
                p.read_text(encoding="utf-8"), (name := p.relative_to(PACKAGE).as_posix()) in DEFERRING
            )
        )
    }
    assert not hidden, f"imports of the package inside functions (not announced as deferred): {hidden}"
    assert _imports_in_functions("def f():\n    from policy_review.core import paths\n") == [2]
    announced = "def f():\n    # deferred: why\n    from policy_review.core import paths\n"
    announced += "    import policy_review.x\n"
    assert _imports_in_functions(announced) == [3, 4] and _imports_in_functions(announced, True) == []
    late = "def f():\n    # deferred: why\n    x = 1\n    from policy_review.core import paths\n"
    assert _imports_in_functions(late, True) == [4]
