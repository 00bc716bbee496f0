"""The files generated from the schema declaration are current, and the check fails on drift.

``python -m policy_review.tables.generated --check`` (run by this suite) compares the data dictionaries,
the Frictionless schemas and the ledger template with what ``schema`` gives; a copy edited alone,
a declaration changed without ``make docs`` or a vocabulary value added without it all fail.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from policy_review.core.edited_files import read_table
from policy_review.tables import columns, curated_tables, generated, reference_tables, schema
from tests.conftest import ROOT

CURATED_README = "data/curated/README.md"
REFERENCE_README = "data/reference/README.md"


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project root holding a copy of the shipped data."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    monkeypatch.setenv("POLICY_REVIEW_ROOT", str(tmp_path))
    return tmp_path


def _check(root: Path | None = None) -> subprocess.CompletedProcess:
    env = None if root is None else {**os.environ, "POLICY_REVIEW_ROOT": str(root)}
    return subprocess.run(
        [sys.executable, "-m", "policy_review.tables.generated", "--check"],
        capture_output=True,
        text=True,
        env=env,
        cwd=root or ROOT,
        timeout=300,
    )


def _stale(messages: list[str]) -> set[str]:
    return {message.split(":", 1)[0] for message in messages}


def test_the_shipped_generated_files_are_current():
    result = _check()
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_a_dictionary_edited_alone_fails_the_check(root):
    readme = root / CURATED_README
    text = readme.read_text(encoding="utf-8")
    edited = text.replace("| how many tasks |", "| how many tasks there are |")
    assert edited != text
    readme.write_text(edited, encoding="utf-8")
    result = _check(root)
    assert result.returncode == 1
    assert f"{CURATED_README}: differs from the schema declaration" in result.stderr
    assert _stale(result.stderr.splitlines()) == {CURATED_README}


def test_a_schema_json_edited_alone_fails_the_check(root):
    path = root / "data/curated/tasks.schema.json"
    declared = json.loads(path.read_text(encoding="utf-8"))
    declared["fields"][0]["constraints"]["unique"] = False
    path.write_text(json.dumps(declared, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert _stale(generated.check()) == {"data/curated/tasks.schema.json"}


def test_a_declaration_changed_without_make_docs_fails_the_check(root, monkeypatch):
    table = curated_tables.CURATED["issues"]
    columns = tuple(
        dataclasses.replace(col, description="the kind of trouble") if col.name == "theme" else col
        for col in table.columns
    )
    monkeypatch.setitem(curated_tables.CURATED, "issues", dataclasses.replace(table, columns=columns))
    assert _stale(generated.check()) == {CURATED_README, "data/curated/issues.schema.json"}
    generated.write()
    assert generated.check() == []
    assert "| theme | text | required | the kind of trouble: `uneven_attention`" in (
        root / CURATED_README
    ).read_text(encoding="utf-8")


def test_a_new_table_gets_its_section_and_schema(root, monkeypatch):
    """Adding a table is one edit of the declaration: make docs documents it."""
    table = columns.Table(
        "themes",
        "theme",
        (
            columns.Col("theme_id", unique=True, description="unique id of the theme", example="t1"),
            columns.Col("name_zh", description="the theme in Chinese", example="重视不够"),
        ),
        title="problem themes",
    )
    monkeypatch.setitem(reference_tables.REFERENCE, "themes", table)
    assert _stale(generated.check()) == {REFERENCE_README, "data/reference/themes.schema.json"}
    generated.write()
    text = (root / REFERENCE_README).read_text(encoding="utf-8")
    assert "## themes.csv — problem themes" in text
    assert "| theme_id | text | required | unique id of the theme | `t1` |" in text


def vocabulary_values(root, name: str) -> list[str]:
    """A vocabulary's values in their order, read from the (changed) copy's vocabularies.csv."""
    import csv

    with (root / "data/reference/vocabularies.csv").open(encoding="utf-8") as file:
        rows = [row for row in csv.DictReader(file) if row["vocabulary"] == name]
    return [row["value"] for row in sorted(rows, key=lambda row: int(row["order"]))]


def test_a_vocabulary_value_added_without_make_docs_fails_the_check(root):
    vocabularies = root / "data/reference/vocabularies.csv"
    with vocabularies.open("a", encoding="utf-8") as file:
        file.write("followup_status,dropped,5,撤销,dropped,the next report says the plan was dropped\n")
    stale = _stale(generated.check())
    assert {CURATED_README, REFERENCE_README, "data/curated/followups.schema.json"} <= stale
    generated.write()
    text = (root / CURATED_README).read_text(encoding="utf-8")
    values = ", ".join(f"`{v}`" for v in vocabulary_values(root, "followup_status"))
    assert values.endswith("`dropped`")
    assert f"{values} (vocabulary `followup_status`)" in text


def test_hand_written_parts_are_kept_by_make_docs(root):
    readme = root / CURATED_README
    text = readme.read_text(encoding="utf-8")
    added = text.replace("What is a figure:", "A hand-written remark.\n\nWhat is a figure:")
    readme.write_text(added, encoding="utf-8")
    assert generated.check() == []  # hand-written text is not generated: no drift
    generated.write()
    assert readme.read_text(encoding="utf-8") == added


def test_every_column_is_described():
    undescribed = [
        f"{table.name}.{col.name}"
        for table in schema.TABLES.values()
        for col in table.columns
        if not col.description.strip()
    ]
    assert undescribed == []
    assert all(table.title for table in schema.TABLES.values())


def test_the_schema_json_fields_are_the_shipped_headers():
    """The Frictionless schemas name the columns the shipped tables have, in their order."""
    for table in curated_tables.CURATED.values():
        declared = json.loads((ROOT / f"data/curated/{table.name}.schema.json").read_text(encoding="utf-8"))
        names = [field["name"] for field in declared["fields"]]
        for region in ("kaizhou", "example"):
            path = ROOT / "data/curated" / region / table.file
            if path.exists():
                frame, problems = read_table(path)
                assert problems == []
                assert [n for n in names if n in frame.columns] == list(frame.columns), path
                assert set(frame.columns) <= set(names)


def test_a_template_workbook_edited_alone_fails_the_check(root):
    import openpyxl

    path = root / "data/templates/ledger_template.xlsx"
    book = openpyxl.load_workbook(path)
    book["instructions"]["C4"] = "Anything."
    book.save(path)
    assert _stale(generated.check()) == {"data/templates/ledger_template.xlsx"}
    generated.write()
    assert generated.check() == []
