"""Typed frames (tables/schema.py): a table with no row (an absent table, as most regions' are) is
typed as any other, from the one made per process."""

from __future__ import annotations

import pandas as pd
import pytest

from policy_review.tables import schema
from policy_review.tables.schema import TABLES


@pytest.mark.parametrize("name", sorted(TABLES))
def test_a_table_with_no_row_is_typed_as_the_conversion_types_it(name):
    table = TABLES[name]
    empty = pd.DataFrame(columns=table.column_names, dtype=pd.StringDtype())
    empty.attrs["lines"] = []
    made = schema.typed(empty, table)
    converted = schema._typed(empty, table)
    pd.testing.assert_frame_equal(made, converted)
    assert made.attrs["lines"] == []
    del made[made.columns[0]]  # a copy: the next region's table is not this one
    assert list(schema.typed(empty, table).columns) == table.column_names


def test_a_table_with_rows_is_converted_cell_by_cell():
    table = TABLES["figures"]
    frame = pd.DataFrame({c: ["1"] for c in table.column_names}, dtype=pd.StringDtype())
    made = schema.typed(frame, table)
    assert len(made) == 1 and list(made.columns) == table.column_names
