"""Every file generated from the schema declaration: writing them, and checking none has drifted.

The data dictionaries (``data/curated/README.md``, ``data/reference/README.md``), the
Frictionless Table Schema beside each table (``data/curated/<table>.schema.json``,
``data/reference/<table>.schema.json``) and the ledger template (``data/templates/``,
:mod:`ledger_template`; the workbook is compared by content, not bytes) are written from
``schema``. ``python -m policy_review.tables.generated --write`` (``make docs``) rewrites them;
``--check`` lists each one that differs from what the declaration gives (a file edited alone, or
a declaration changed without ``make docs``) and exits 1; the test suite runs it.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from policy_review.core import paths
from policy_review.tables import dictionary, ledger_template
from policy_review.tables.curated_tables import CURATED
from policy_review.tables.reference_tables import REFERENCE

REFERENCE_INTRO = """# Reference tables

Tables shared by every region, in `data/reference/`: the framework's areas, the vocabularies of
the curated tables' coded columns, what a report must contain and when it is due. Each is a
UTF-8 CSV with a header row; `policy-review validate` checks them with the curated tables
(`data/curated/README.md`). The sections below are generated from the schema declaration.
"""


@dataclass(frozen=True)
class Generated:
    """One generated file: where it goes and how its text is made from what is there now."""

    path: Callable[[], Path]
    text: Callable[[str], str]  # the current text ("" when absent) → the generated text


def _readme(folder: Callable[[], Path], render: Callable[[str], str], intro: str = "") -> Generated:
    return Generated(lambda: folder() / "README.md", lambda current: render(current or intro))


def _schema_json(folder: Callable[[], Path], table) -> Generated:
    return Generated(
        lambda: folder() / f"{table.name}.schema.json",
        lambda _: json.dumps(dictionary.table_schema(table), ensure_ascii=False, indent=2) + "\n",
    )


def _templates() -> Path:
    return paths.data_dir() / "templates"


def files() -> list[Generated]:
    """Every generated text file."""
    return [
        Generated(lambda: _templates() / f"{ledger_template.FILE}.csv", lambda _: ledger_template.csv_text()),
        _readme(paths.curated_dir, dictionary.curated_readme),
        _readme(paths.reference_dir, dictionary.reference_readme, REFERENCE_INTRO),
        *(_schema_json(paths.curated_dir, table) for table in CURATED.values()),
        *(_schema_json(paths.reference_dir, table) for table in REFERENCE.values()),
    ]


def _current(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.exists() else ""


def _workbook_path() -> Path:
    return _templates() / f"{ledger_template.FILE}.xlsx"


def _workbook_current() -> bool:
    path = _workbook_path()
    return path.exists() and (
        ledger_template.content(path) == ledger_template.content(ledger_template.workbook())
    )


def write() -> list[Path]:
    """Rewrite every generated file; return those whose content changed."""
    changed = []
    if not _workbook_current():
        _workbook_path().parent.mkdir(parents=True, exist_ok=True)
        ledger_template.workbook().save(_workbook_path())
        changed.append(_workbook_path())
    for item in files():
        path = item.path()
        current = _current(path)
        text = item.text(current)
        if text != current:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text.encode("utf-8"))
            changed.append(path)
    return changed


def check() -> list[str]:
    """A message for each generated file that differs from what the declaration gives."""
    stale = [item.path() for item in files() if item.text(_current(item.path())) != _current(item.path())]
    if not _workbook_current():
        stale.append(_workbook_path())
    return [
        f"{paths.display(path)}: "
        f"{'differs from the schema declaration' if path.exists() else 'missing'}: edit "
        "lib/policy_review/schema.py (or the hand-written parts), then run `make docs`"
        for path in stale
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m policy_review.tables.generated",
        description="Write or check the files generated from the schema.",
    )
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true", help="rewrite every generated file")
    mode.add_argument("--check", action="store_true", help="exit 1 if a generated file is out of date")
    args = parser.parse_args(argv)
    if args.write:
        for path in write():
            print(f"wrote {paths.display(path)}", file=sys.stderr)
        return 0
    stale = check()
    for message in stale:
        print(message, file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
