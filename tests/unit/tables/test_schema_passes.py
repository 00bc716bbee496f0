"""The quick check of a sound table (``schema.passes``) answers as pandera does: validation asks
pandera only about a table the quick check finds fault with, so a table it passed wrongly would
have its problem go unreported. Every column of every curated table of a region, and of the
reference tables, gets cells of every kind a person types, one at a time."""

from __future__ import annotations

import pandas as pd

from policy_review.core import paths
from policy_review.tables import validate
from policy_review.tables.curated_tables import CURATED
from policy_review.tables.reference_tables import REFERENCE
from policy_review.tables.schema import pandera_schema, passes

#: Cells as people type them: a number, a negative one, a decimal, full-width digits (U+FF11
#: U+FF12), one too large, a year out of range, a date that is none, a word, an empty cell, a
#: vocabulary's first value and a table's first id.
CELLS = [
    "12", "-1", "1.5", "\uff11\uff12", "9999999999999999", "1899", "2019-02-30", "\u6cd5\u6cbb", None,
    "FIRST_VOCABULARY", "FIRST_ID",
]  # fmt: skip


def _pandera_finds_nothing(schema, frame) -> bool:
    import pandera.pandas as pa

    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors:
        return False
    return True


def _cases(region: str):
    reference, _ = validate.checked_reference()
    vocabularies = validate.vocabularies_of(reference["vocabularies"])
    folder = paths.curated_dir(region)
    frames = {name: validate.read(folder / t.file, t, optional=True)[0] for name, t in CURATED.items()}
    ids = validate._ids(REFERENCE, reference) | validate._ids(CURATED, frames)
    tables = [(t, frames[n]) for n, t in CURATED.items()] + [(t, reference[n]) for n, t in REFERENCE.items()]
    first_word = next(iter(vocabularies.values()))[0]
    first_id = sorted(next(iter(ids.values())))[0]
    for table, frame in tables:
        if frame.empty:
            continue
        frame = frame.head(2)  # (a row to break and one beside it, for a value given twice)
        for col in table.columns:
            if col.name in frame.columns:
                yield table, frame, col.name, vocabularies, ids, first_word, first_id


def test_the_quick_check_passes_a_table_exactly_when_pandera_finds_nothing():
    checked = 0
    for table, frame, column, vocabularies, ids, first_word, first_id in _cases("kaizhou"):
        drafted = "review_status" in frame.columns
        whole = pandera_schema(table, vocabularies, ids, drafted=drafted)
        assert _pandera_finds_nothing(whole, frame), (table.file, "the shipped rows")
        # only the column broken can fail: pandera is asked about it alone (the rest stays sound)
        schema = whole.select_columns([column])
        for cell in CELLS:
            value = {"FIRST_VOCABULARY": first_word, "FIRST_ID": first_id}.get(cell, cell)
            broken = frame.copy()
            broken.loc[broken.index[0], column] = pd.NA if value in (None, "") else value
            quick = passes(table, broken, vocabularies, ids, drafted)
            full = _pandera_finds_nothing(schema, broken[[column]])
            checked += 1
            assert quick == full, (table.file, column, value, quick, full)
    assert checked > 300, checked
