"""The data dictionaries, written from the schema declaration: what each table and column holds.

``data/curated/README.md`` documents the curated tables and ``data/reference/README.md`` the
reference tables. Each table's section (its heading, a row per column with its type, whether
it is required, its meaning, unit and allowed values, an example, and the table's key) is
generated from ``schema``; allowed values are read from ``vocabularies.csv``, so the dictionary
always lists the values the validator accepts. Everything outside the generated sections is
hand-written (the conventions, what a figure is) and kept as it is. ``table_schema`` gives the
same declaration as a Frictionless Table Schema, for people outside Python.

``python -m policy_review.tables.generated --write`` (``make docs``) rewrites these files; ``--check``
fails when one was edited alone.
"""

from __future__ import annotations

import re

import pandas as pd

from policy_review.core import paths
from policy_review.core.edited_files import read_table
from policy_review.tables.columns import TYPES, YEARS, Col, Table
from policy_review.tables.curated_tables import CURATED
from policy_review.tables.reference_tables import REFERENCE
from policy_review.tables.schema import TABLES

BEGIN = "<!-- generated from policy_review/schema.py: {name} (edit there, then run `make docs`) -->"
END = "<!-- end of generated: {name} -->"
_BLOCK = re.compile(
    r"<!-- generated from policy_review/schema\.py: (?P<name>[\w-]+) .*?-->\n"
    r".*?<!-- end of generated: (?P=name) -->\n",
    re.S,
)


# --- the vocabularies, as the data holds them ----------------------------------------------


def vocabulary_rows() -> pd.DataFrame:
    """The rows of vocabularies.csv, each vocabulary where it first appears, its values in their
    order (unvalidated: docs are written from whatever the file holds; ``validate`` reports its
    problems)."""
    frame, _ = read_table(paths.reference_dir() / REFERENCE["vocabularies"].file)
    if not {"vocabulary", "value", "order"} <= set(frame.columns):
        return pd.DataFrame(columns=REFERENCE["vocabularies"].column_names)
    first = {name: i for i, name in reversed(list(enumerate(frame["vocabulary"])))}
    frame = frame.assign(
        _first=frame["vocabulary"].map(first), _order=pd.to_numeric(frame["order"], errors="coerce")
    )
    frame = frame.sort_values(["_first", "_order"], kind="stable").drop(columns=["_first", "_order"])
    return frame.reset_index(drop=True)


def vocabularies() -> dict[str, list[str]]:
    rows = vocabulary_rows()
    return {name: list(group["value"]) for name, group in rows.groupby("vocabulary", sort=False)}


# --- markdown -------------------------------------------------------------------------------


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _code(text: str) -> str:
    return f"`{text}`" if text else ""


def _meaning(col: Col, values: dict[str, list[str]]) -> str:
    meaning = col.description
    if col.vocab:
        listed = ", ".join(_code(v) for v in values.get(col.vocab, []))
        meaning += f": {listed} (vocabulary `{col.vocab}`)"
    if col.ref:
        target = TABLES[col.ref]
        meaning += f" (must exist in `{target.file}`, column `{target.id}`)"
    return meaning


def _type(col: Col) -> str:
    return TYPES[col.type] + (f", in {col.unit}" if col.unit else "")


def _key(table: Table) -> str:
    if len(table.keys) == 1:
        return f"Key: `{table.keys[0]}`, unique within the table."
    pair = ", ".join(f"`{name}`" for name in table.keys)
    return f"Key: ({pair}): one row per combination, unique within the table."


def table_section(table: Table, values: dict[str, list[str]], level: str = "##") -> str:
    """A table's generated section: heading, one row per column, and its key."""
    lines = [
        f"{level} {table.file} — {table.title}",
        "",
        "| column | type | required | meaning | example |",
        "| --- | --- | --- | --- | --- |",
    ]
    for col in table.columns:
        required = "optional" if col.optional else "required"
        lines.append(
            f"| {col.name} | {_type(col)} | {required} | {_cell(_meaning(col, values))} "
            f"| {_cell(_code(col.example))} |"
        )
    return "\n".join([*lines, "", _key(table)]) + "\n"


def vocabularies_section() -> str:
    """Every vocabulary's values with their names and meaning, as vocabularies.csv holds them."""
    lines = [
        "## The vocabularies",
        "",
        "The allowed values of the coded columns, as `vocabularies.csv` holds them.",
        "",
    ]
    for name, group in vocabulary_rows().groupby("vocabulary", sort=False):
        uses = _uses(name)
        where = f" (used by {', '.join(uses)})" if uses else ""
        lines += [
            f"### {name}{where}",
            "",
            "| value | 中文 | English | meaning |",
            "| --- | --- | --- | --- |",
        ]
        lines += [
            f"| `{row['value']}` | {_cell(str(row['name_zh']))} | {_cell(str(row['name_en']))} | "
            f"{_cell(str(row['description']) if pd.notna(row['description']) else '')} |"
            for row in group.to_dict("records")
        ]
        lines.append("")
    return "\n".join(lines)


def _uses(vocab: str) -> list[str]:
    return [
        f"`{table.name}.{col.name}`"
        for table in TABLES.values()
        for col in table.columns
        if col.vocab == vocab
    ]


def _blocks(tables: dict[str, Table]) -> dict[str, str]:
    values = vocabularies()
    blocks = {name: table_section(table, values) for name, table in tables.items()}
    if tables is REFERENCE:
        blocks["vocabulary-values"] = vocabularies_section()
    return blocks


def _wrapped(name: str, body: str) -> str:
    return f"{BEGIN.format(name=name)}\n{body}{END.format(name=name)}\n"


def merged(current: str, blocks: dict[str, str]) -> str:
    """``current`` with each generated section replaced by its block; sections of tables no
    longer declared are dropped, and blocks of new tables appended at the end. Everything else
    (the hand-written text) is kept as it is."""
    seen: set[str] = set()

    def replace(match: re.Match) -> str:
        name = match["name"]
        seen.add(name)
        return _wrapped(name, blocks[name]) if name in blocks else ""

    text = _BLOCK.sub(replace, current)
    for name, body in blocks.items():
        if name not in seen:
            text = text.rstrip("\n") + "\n\n" + _wrapped(name, body)
    return text


def curated_readme(current: str) -> str:
    """data/curated/README.md as generated from ``current`` (its hand-written parts kept)."""
    return merged(current, _blocks(CURATED))


def reference_readme(current: str) -> str:
    """data/reference/README.md as generated from ``current`` (its hand-written parts kept)."""
    return merged(current, _blocks(REFERENCE))


# --- Frictionless Table Schema ---------------------------------------------------------------

_FRICTIONLESS_TYPES = {
    "text": "string",
    "whole": "integer",
    "count": "integer",
    "offset": "integer",
    "year": "integer",
    "number": "number",
    "date": "date",
    "month_day": "string",
}


def _field(col: Col, values: dict[str, list[str]]) -> dict:
    field: dict = {"name": col.name, "type": _FRICTIONLESS_TYPES[col.type], "description": col.description}
    constraints: dict = {}
    if not col.optional:
        constraints["required"] = True
    if col.unique:
        constraints["unique"] = True
    if col.type in ("count", "offset"):
        constraints["minimum"] = 0
    if col.type == "year":
        constraints["minimum"], constraints["maximum"] = YEARS
    if col.type == "month_day":
        constraints["pattern"] = r"\d\d-\d\d"
    if col.vocab and col.vocab in values:
        constraints["enum"] = values[col.vocab]
    if constraints:
        field["constraints"] = constraints
    if col.example:
        field["example"] = col.example
    return field


def table_schema(table: Table, values: dict[str, list[str]] | None = None) -> dict:
    """The table's Frictionless Table Schema (fields, primary key, foreign keys)."""
    values = vocabularies() if values is None else values
    schema: dict = {
        "title": table.file,
        "description": table.title,
        "fields": [_field(col, values) for col in table.columns],
        "missingValues": [""],
        "primaryKey": list(table.keys),
    }
    foreign = [
        {"fields": col.name, "reference": {"resource": col.ref, "fields": TABLES[col.ref].id}}
        for col in table.columns
        if col.ref
    ]
    if foreign:
        schema["foreignKeys"] = foreign
    return schema
